"""Data portability: every table as JSON (``logbog dump``) and back into a new database
(``logbog load``). The format is described in docs/data-format.md.

A dump holds the values exactly as the file stores them (ISO text for dates and times, 0/1 for
flags), read from the tables as the file has them (an older file too). ``load`` checks each row
of the file with an input model made from the table model (:class:`LoadRow`: a value per column
of the right kind), inserts the values as the file gives them (the schema's checks refuse an
impossible date), and names a reference that leads nowhere from the table models' foreign keys.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any, ClassVar

from pydantic import ConfigDict, TypeAdapter, ValidationError, ValidationInfo, create_model, field_validator
from sqlalchemy import (Boolean, ColumnClause, Float, Integer, column, exists, func, inspect, insert, literal_column,
                        or_, table, text)
from sqlalchemy import delete as sql_delete
from sqlalchemy import select as sql_select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import TableClause
from sqlmodel import Session, SQLModel, select

from logbog_tui.errors import UserError
from logbog_tui.service import Message
from logbog_tui.storage.db import Connection
from logbog_tui.storage.inputs import Input, refuse
from logbog_tui.storage.session import reading, transaction

USER_TABLES = ("person", "membership", "meeting", "time_entry", "task", "ticket", "curriculum", "course_leader",
               "document", "contract", "econ_line", "posting", "cost_key", "hour_rate",
               "dev_item", "dev_release")
JOURNAL_TABLES = ("journal", "journal_row")


def _skipped(with_journal: bool) -> tuple[str, ...]:
    """Not in a dump: ``db_mark`` (the file's own identity), and the journal unless asked for (so
    dump -> load -> dump stays identical)."""
    return ("db_mark",) + (() if with_journal else JOURNAL_TABLES)


def tables(with_journal: bool = False) -> list[str]:
    """The tables a dump of this version holds: the table models' (schema.sql's), by name."""
    return sorted(name for name in SQLModel.metadata.tables if name not in _skipped(with_journal))


@contextmanager
def _snapshot(conn: Connection) -> Iterator[Session]:
    """A session reading one consistent snapshot of every table, even while another program writes.
    Reads begin no transaction of their own (:func:`reading`), and SQLAlchemy has no statement for
    a deferred read transaction on this autocommit connection: hence the plain ``BEGIN`` (a server
    database: ``REPEATABLE READ``)."""
    with reading(conn) as session:
        session.execute(text("BEGIN"))
        try:
            yield session
        finally:
            session.execute(text("COMMIT"))


def dump(conn: Connection, with_journal: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Every table of the file: ``{table: [row as {column: value}, ...]}``, rows in primary-key
    order, values as stored."""
    out = {}
    with _snapshot(conn) as session:
        found = inspect(session.connection())
        for name in found.get_table_names():
            if name in _skipped(with_journal):
                continue
            names = [c["name"] for c in found.get_columns(name)]
            key = found.get_pk_constraint(name)["constrained_columns"] or ["rowid"]
            stored = table(name, *(column(n) for n in {*names, *key}))  # untyped: the values as stored
            rows = session.execute(sql_select(*(stored.c[n] for n in names)).order_by(*(stored.c[k] for k in key)))
            out[name] = [dict(zip(names, row, strict=True)) for row in rows]
    return out


def dumps(conn: Connection, with_journal: bool = False) -> str:
    return json.dumps(dump(conn, with_journal), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def holds_data(conn: Connection) -> bool:
    models = SQLModel.metadata.tables
    with reading(conn) as session:
        return bool(session.scalar(sql_select(or_(*(sql_select(models[name]).exists() for name in USER_TABLES)))))


# --- checking what a file hands in ------------------------------------------------------------

class LoadRow(Input):
    """A row of a dump as ``load`` takes it: each column's value a single value of its column's
    kind (the table model's type): a whole number within SQLite's range, a number, or text; the
    setting ``value`` by the rule of its ``key``. Subclassed per table (:func:`row_model`)."""

    model_config = ConfigDict(extra="forbid")  # (merged with Input's: defer_build)
    kinds: ClassVar[dict[str, str]] = {}

    @field_validator("*", mode="before")
    @classmethod
    def _kind(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return None
        if not isinstance(value, (str, int, float)):
            refuse("load.not_a_value", kind=type(value).__name__)
        kind = cls.kinds[str(info.field_name)]
        if kind == "integer":
            if not isinstance(value, int):
                refuse("load.want_integer")
            if not -2**63 <= value < 2**63:
                refuse("load.too_large")
        elif kind == "number" and (not isinstance(value, (int, float)) or isinstance(value, bool)):
            refuse("load.want_number")
        elif kind == "text" and not isinstance(value, str):
            refuse("load.want_text")
        return value


class SettingLoadRow(LoadRow):
    """A row of ``setting``: its value also by the rule of its key (what ``logbog setting`` checks)."""

    @field_validator("value", mode="after", check_fields=False)
    @classmethod
    def _rule(cls, value: Any, info: ValidationInfo) -> Any:
        from logbog_tui.storage.queries import setting_problem

        if info.data.get("key") is not None:
            problem = setting_problem(str(info.data["key"]), value)
            if problem:
                refuse(problem)
        return value


def _kind_of(column_type: Any) -> str:
    if isinstance(column_type, (Integer, Boolean)):
        return "integer"
    if isinstance(column_type, Float):
        return "number"
    return "text"  # text, dates and times: ISO text


@cache
def row_model(name: str) -> type[LoadRow]:
    """The input model of a row of the table ``name``, made from its table model."""
    model_table = SQLModel.metadata.tables[name]
    fields: dict[str, Any] = {c.name: (Any, None) for c in model_table.c}
    made = create_model(f"LoadRow_{name}", __base__=SettingLoadRow if name == "setting" else LoadRow, **fields)
    made.kinds = {c.name: _kind_of(c.type) for c in model_table.c}
    return made


@cache
def _rows_model(name: str) -> TypeAdapter[list[LoadRow]]:
    return TypeAdapter(list[row_model(name)])  # type: ignore[misc, arg-type]  # a model made at run time


def _check(name: str, rows: list[Any]) -> None:
    """Every row of the table ``name`` checked by its input model (one pass); the first bad row is
    refused naming the table, the row and the column."""
    try:
        _rows_model(name).validate_python(rows)
    except ValidationError as exc:
        errors = exc.errors()
        index = min(int(e["loc"][0]) for e in errors)
        row, number = rows[index], index + 1
        if not isinstance(row, dict):
            raise UserError("load.bad_row_at", table=name, row=number, problem=Message("load.not_an_object")) from None
        here = [e for e in errors if e["loc"][0] == index and len(e["loc"]) > 1]
        extra = sorted(str(e["loc"][1]) for e in here if e["type"] == "extra_forbidden")
        if extra:
            raise UserError("load.bad_value", table=name, row=number, column=", ".join(extra),
                            problem=Message("load.unknown_column")) from None
        problems = {str(e["loc"][1]): Message(e["type"], dict(e.get("ctx") or {})) for e in reversed(here)}
        column_name = next(c for c in [*row, *problems] if c in problems)  # the file's first
        raise UserError("load.bad_value", table=name, row=number, column=column_name,
                        problem=problems[column_name]) from None


def _constraint(message: str) -> Message | str:
    """SQLite's reason, in the user's words where we know them (else its own)."""
    lowered = message.lower()
    for needle, key in (("not null", "load.missing_value"), ("unique", "load.duplicate"),
                        ("check", "load.check_failed"), ("datatype mismatch", "load.wrong_type")):
        if needle in lowered:
            return Message(key, {"detail": message})
    return message


def _broken_references(session: Session, names: list[str]) -> tuple[int, dict[str, Any] | None]:
    """How many references lead nowhere, by the table models' foreign keys, and the first of them."""
    count, first = 0, None
    rowid: ColumnClause[int] = literal_column("rowid")
    for name in names:
        child = SQLModel.metadata.tables[name]
        for column_ in child.c:
            for key in column_.foreign_keys:
                parent = key.column.table.alias()
                target = parent.c[key.column.name]
                broken = (select(func.count(), func.min(rowid)).select_from(child)
                          .where(column_.is_not(None), ~exists().where(target == column_)))
                found, row = session.execute(broken).one()
                if found and first is None:
                    first = {"table": name, "id": row, "column": column_.name, "parent": key.column.table.name}
                count += found
    return count, first


def load(conn: Connection, data: object) -> dict[str, int]:
    """Replace the (new, empty) database's contents by ``data`` in one transaction (one journal
    entry, without row values).

    Refuses a database that already holds data; refuses unknown tables or columns. The seed rows
    of a new database are replaced by the file's own. A bad row is refused with one line naming
    its table, row and column; nothing is loaded then. Returns rows loaded per table."""
    if not isinstance(data, dict):
        raise UserError("load.not_a_dump")
    data = {k: v for k, v in data.items() if k not in JOURNAL_TABLES}  # a new file starts its own journal
    known = tables()
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise UserError("load.unknown_tables", tables=", ".join(unknown))
    if holds_data(conn):
        raise UserError("load.not_empty")
    counts = {}
    with transaction(conn, what="load", rows=False) as session:
        # A pragma has no SQLAlchemy expression: references are checked once everything is in
        # (a server database: SET CONSTRAINTS ALL DEFERRED).
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        for name in known:
            session.execute(sql_delete(SQLModel.metadata.tables[name]))
        for name, rows in data.items():
            if not isinstance(rows, list):
                raise UserError("load.rows_not_list", table=name)
            _check(name, rows)
            _insert(session, name, rows)
            counts[name] = len(rows)
        entries = data.get("time_entry") or []
        if entries and not any("on_behalf_of_id" in row for row in entries):
            from logbog_tui.storage.migrations import v1_data_to_v2

            v1_data_to_v2(conn)  # a dump from schema version 1: its data as the migration makes it
        if "specialty" not in data:  # a dump from before version 4: the specialties the migration seeds
            from logbog_tui.storage.specialty_seed import SPECIALTIES

            session.execute(insert(SQLModel.metadata.tables["specialty"]), [{"name": n} for n in SPECIALTIES])
        count, first = _broken_references(session, known)
        if first is not None:
            raise UserError("load.broken_reference", count=count, **first)
    return counts


@cache
def _stored(name: str, names: tuple[str, ...]) -> TableClause:
    """The table's columns without their Python types: the file's values go in as they are."""
    return table(name, *(column(n) for n in names))


def _insert(session: Session, name: str, rows: list[dict[str, Any]]) -> None:
    """Insert the checked rows, those with the same columns together; when one is refused, the
    table, its row and the column (found again row by row, from a savepoint)."""
    start = 0
    while start < len(rows):
        columns = tuple(rows[start])
        end = start + 1
        while end < len(rows) and tuple(rows[end]) == columns:
            end += 1
        statement = insert(_stored(name, columns))
        try:
            with session.begin_nested():
                session.execute(statement, rows[start:end])
        except (IntegrityError, OverflowError):
            for number in range(start, end):
                try:
                    session.execute(statement, rows[number])
                except (IntegrityError, OverflowError) as exc:
                    message = str(getattr(exc, "orig", None) or exc)
                    known = sorted(SQLModel.metadata.tables[name].c.keys(), key=len, reverse=True)
                    raise UserError("load.bad_value", table=name, row=number + 1,
                                    column=next((c for c in known if c in message), "?"),
                                    problem=_constraint(message)) from None
            raise
        start = end

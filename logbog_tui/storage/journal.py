"""The journal: one entry per transaction that changed the organisation's data, with when, who
(the OS user), from where (the command or the TUI), and per row the table, the row and its
values before and after (JSON). On it: ``logbog undo``, ``logbog history``, the TUI's History
view and its ``u``.

Hooked once, in the database itself (:mod:`logbog_tui.storage.journal_triggers`: a trigger per
table writes each changed row under the open entry, so raw and bulk statements are recorded
too). :func:`~logbog_tui.storage.session.transaction` opens and closes the entry
(:func:`begin`, :func:`end`); everything here reads and writes through its SQLModel session.
``load`` and ``demo`` are one entry each without row values (they cannot be undone; a backup can).

SQLite's JSON functions (``json_remove``, ``json_extract``: erasure) are the only specifics here;
a server database would use its JSON operators (PostgreSQL: ``jsonb - 'key'``, ``->>``).
"""

from __future__ import annotations

import getpass
import json
from datetime import datetime
from collections.abc import Callable
from functools import cache
from typing import Any, cast

from sqlalchemy import Integer, and_, column, distinct, func, insert, table, text
from sqlalchemy import delete as sql_delete
from sqlalchemy import select as sql_select
from sqlalchemy import update as sql_update
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Select, TableClause
from sqlmodel import Session, SQLModel, col, select

from logbog_tui.storage.db import Connection
from logbog_tui.storage.journal_triggers import NOT_JOURNALLED, SETTING_SKIPPED  # noqa: F401 - its facts, here too
from logbog_tui.storage.models import Journal, JournalRow
from logbog_tui.storage.session import reading, transaction
from logbog_tui.service.record import Record


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment: the journal still works
        return "?"


def begin(conn: Connection, what: str | None, rows: bool) -> int:
    """Open this transaction's entry (right after BEGIN, on the transaction's session)."""
    with reading(conn) as session:
        entry = Journal(who=_user(), origin=getattr(conn, "origin", None), what=what, rows=int(rows))
        session.add(entry)
        session.flush()
        assert entry.id is not None
        return entry.id


def end(conn: Connection, entry: int, rows: bool) -> bool:
    """Close the entry before COMMIT; an entry that recorded no change is dropped (False)."""
    with reading(conn) as session:
        if rows and session.exec(select(JournalRow.id).where(JournalRow.journal_id == entry).limit(1)).first() is None:
            session.execute(sql_delete(Journal).where(col(Journal.id) == entry))
            return False
        session.execute(sql_update(Journal).where(col(Journal.id) == entry).values(open=0))
        return True


# --- reading ----------------------------------------------------------------------------------

class RowChange(Record):
    table: str
    row_id: int
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def kind(self) -> str:
        return "insert" if self.before is None else "delete" if self.after is None else "update"


class Entry(Record):
    id: int
    at: datetime       # UTC
    who: str | None
    origin: str | None
    what: str | None   # None: an ordinary change; "load", "demo", "undo"
    has_rows: bool
    undoes: int | None
    undone_by: int | None
    tables: tuple[str, ...]
    changes: int

    @property
    def undoable(self) -> bool:
        return self.has_rows and self.what != "undo" and self.undone_by is None


def _entries() -> Select[*tuple[Any, ...]]:
    """Closed entries with the tables they touched and their number of row changes (more columns
    than sqlmodel's select() has typed overloads for)."""
    mine = col(JournalRow.journal_id) == col(Journal.id)
    tables = (select(func.group_concat(distinct(col(JournalRow.tbl)))).where(mine).correlate(Journal)
              .scalar_subquery())
    count = select(func.count(col(JournalRow.id))).where(mine).correlate(Journal).scalar_subquery()
    return sql_select(col(Journal.id), col(Journal.at), col(Journal.who), col(Journal.origin), col(Journal.what),
                      col(Journal.rows), col(Journal.undoes), col(Journal.undone_by), tables.label("tables"),
                      count.label("changes")).where(col(Journal.open) == 0)


def _read(conn: Connection, query: Select[*tuple[Any, ...]]) -> list[Entry]:
    with reading(conn) as session:
        rows = session.execute(query).all()
    return [Entry(r.id, r.at, r.who, r.origin, r.what, bool(r.rows), r.undoes, r.undone_by,
                  tuple(sorted(set((r.tables or "").split(",")) - {""})), r.changes) for r in rows]


def history(conn: Connection, limit: int = 50, ids: tuple[int, ...] | None = None) -> list[Entry]:
    """The newest entries first (only those in ``ids`` when given)."""
    query = _entries()
    if ids is not None:
        if not ids:
            return []
        query = query.where(col(Journal.id).in_(ids))
    return _read(conn, query.order_by(col(Journal.id).desc()).limit(limit))


def get(conn: Connection, entry_id: int) -> Entry | None:
    found = _read(conn, _entries().where(col(Journal.id) == entry_id))
    return found[0] if found else None


def newest_undoable(conn: Connection, among: tuple[int, ...] | None = None) -> Entry | None:
    """The newest change that can be undone (of ``among`` when given: a TUI session's own)."""
    query = _entries().where(col(Journal.rows) == 1, col(Journal.what).is_(None), col(Journal.undone_by).is_(None))
    if among is not None:
        if not among:
            return None
        query = query.where(col(Journal.id).in_(among))
    found = _read(conn, query.order_by(col(Journal.id).desc()).limit(1))
    return found[0] if found else None


def changes(conn: Connection, entry_id: int) -> list[RowChange]:
    query = (select(JournalRow.tbl, JournalRow.row_id, JournalRow.before, JournalRow.after)
             .where(JournalRow.journal_id == entry_id).order_by(col(JournalRow.id)))
    with reading(conn) as session:
        rows = session.exec(query).all()
    return [RowChange(tbl, row_id, json.loads(before) if before else None, json.loads(after) if after else None)
            for tbl, row_id, before, after in rows]


def later_dependents(conn: Connection, entry_id: int) -> list[int]:
    """Later changes (not undone) that touched a row this entry touched."""
    later, mine = aliased(JournalRow), aliased(JournalRow)
    query = (select(col(Journal.id)).distinct()
             .join(later, col(later.journal_id) == col(Journal.id))
             .join(mine, and_(col(mine.tbl) == col(later.tbl), col(mine.row_id) == col(later.row_id),
                              col(mine.journal_id) == entry_id))
             .where(col(Journal.id) > entry_id, col(Journal.undone_by).is_(None), col(Journal.undoes).is_(None))
             .order_by(col(Journal.id)))
    with reading(conn) as session:
        return [cast(int, n) for n in session.exec(query)]


def local_time(at: datetime) -> str:
    """The journal's UTC time as Danish local time: ``25.11.2026 kl. 14.03``."""
    from datetime import timezone
    from zoneinfo import ZoneInfo

    return at.replace(tzinfo=timezone.utc).astimezone(ZoneInfo("Europe/Copenhagen")).strftime("%d.%m.%Y kl. %H.%M")


def describe(entry: Entry) -> str:
    """One line: what the change was and where it came from (the CLI's history and the TUI's)."""
    from logbog_tui.i18n import t

    if entry.what in ("load", "demo"):
        what = t(f"history.what.{entry.what}")
    elif entry.what == "undo":
        what = t("history.what.undo", id=entry.undoes)
    else:
        what = t("history.changes_one" if entry.changes == 1 else "history.changes", count=entry.changes,
                 tables=", ".join(entry.tables))
    state = t("history.undone", id=entry.undone_by) if entry.undone_by else ""
    return t("history.line", id=entry.id, at=local_time(entry.at), who=entry.who or "?",
             origin=entry.origin or "?", what=what) + state


# --- undoing ----------------------------------------------------------------------------------

@cache
def _table(name: str) -> TableClause:
    """The table model's table, with SQLite's ``rowid`` beside its columns (the journal names rows by
    their rowid; a table keyed otherwise than by an INTEGER PRIMARY KEY has one of its own)."""
    model = SQLModel.metadata.tables[name]
    return table(name, *(column(c.name, c.type) for c in model.c), column("rowid", Integer))


def _rowid_alias(name: str) -> bool:
    """Whether the table's key is an INTEGER PRIMARY KEY (then ``id`` is the rowid)."""
    key = list(SQLModel.metadata.tables[name].primary_key)
    return len(key) == 1 and isinstance(key[0].type, Integer)


@cache
def _converters(name: str, dialect: Dialect) -> tuple[tuple[str, Callable[[Any], Any] | None], ...]:
    """Each column of the table with what turns its stored value into the model's Python value."""
    return tuple((c.name, c.type.dialect_impl(dialect).result_processor(dialect, None))
                 for c in SQLModel.metadata.tables[name].c)


def _as_model(session: Session, name: str, recorded: dict[str, Any]) -> dict[str, Any]:
    """The journal's values (as the file holds them) as the table model's Python values."""
    out = {}
    for column_name, convert in _converters(name, session.get_bind().dialect):
        value = recorded.get(column_name)
        out[column_name] = convert(value) if convert is not None and value is not None else value
    return out


def undo(conn: Connection, entry_id: int) -> int:
    """Undo the entry in one transaction (itself journalled, as an undo of it). Refused (exit 1)
    when it cannot be undone, when a later change depends on it, or when a row it changed has
    been changed since by another program. Returns the new entry's id."""
    from logbog_tui.errors import NotDone

    entry = get(conn, entry_id)
    if entry is None:
        raise NotDone("undo.no_such_change", id=entry_id)
    if entry.undone_by is not None:
        raise NotDone("undo.already", id=entry_id)
    if not entry.undoable:
        raise NotDone("undo.not_undoable", id=entry_id, what=entry.what or "?")
    later = later_dependents(conn, entry_id)
    if later:
        raise NotDone("undo.depends", id=entry_id, later=", ".join(f"#{n}" for n in later))
    with transaction(conn, what="undo") as session:
        # A pragma has no SQLAlchemy expression: the rows come back in reverse order, so a
        # reference may point ahead until the end (a server database: SET CONSTRAINTS ALL DEFERRED).
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        new = cast(int, session.exec(select(func.max(Journal.id))).one())  # this transaction's own entry
        session.execute(sql_update(Journal).where(col(Journal.id) == new).values(undoes=entry_id))
        for change in reversed(changes(conn, entry_id)):
            tbl = _table(change.table)
            cols = [c for c in tbl.c if c.name != "rowid"]
            found = session.execute(select(*cols).where(tbl.c.rowid == change.row_id)).mappings().first()
            now = dict(found) if found is not None else None
            expected = None if change.after is None else _as_model(session, change.table, change.after)
            if now != expected:
                raise NotDone("undo.changed_since", id=entry_id, table=change.table)
            if change.kind == "insert":
                session.execute(sql_delete(tbl).where(tbl.c.rowid == change.row_id))
                continue
            assert change.before is not None
            values = _as_model(session, change.table, change.before)
            if change.kind == "delete":
                extra = {} if _rowid_alias(change.table) else {"rowid": change.row_id}
                session.execute(insert(tbl).values({**values, **extra}))
            else:
                session.execute(sql_update(tbl).where(tbl.c.rowid == change.row_id).values(values))
        session.execute(sql_update(Journal).where(col(Journal.id) == entry_id).values(undone_by=new))
    return new


def forget_person(conn: Connection, person_id: int) -> None:
    """Personal-data erasure reaches the journal: the person's name, contact data and notes are
    removed from every recorded value of their ``person`` row, and the notes of their time
    entries (inside the caller's transaction)."""
    personal = tuple(f"$.{c}" for c in ("name", "title", "email", "phone", "notes", "organisation_id"))
    person_rows = and_(col(JournalRow.tbl) == "person", col(JournalRow.row_id) == person_id)
    quiet = {"synchronize_session": False}  # the journal's rows are never objects of the session
    with transaction(conn) as session:
        for side in (col(JournalRow.before), col(JournalRow.after)):
            session.execute(sql_update(JournalRow).where(person_rows, side.is_not(None))
                            .values({side: func.json_remove(side, *personal)}).execution_options(**quiet))
            session.execute(sql_update(JournalRow)
                            .where(col(JournalRow.tbl) == "time_entry", side.is_not(None),
                                   func.json_extract(side, "$.person_id") == person_id)
                            .values({side: func.json_remove(side, "$.note")}).execution_options(**quiet))
        session.execute(sql_update(Journal).where(col(Journal.id).in_(select(JournalRow.journal_id).where(person_rows)))
                        .values(rows=0).execution_options(**quiet))

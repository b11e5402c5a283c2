"""Data portability: every table as JSON (``logbog dump``) and back into a new database
(``logbog load``). The format is described in docs/data-format.md."""

from __future__ import annotations

import json
import sqlite3

from logbog_tui.storage.session import transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import t

USER_TABLES = ("person", "membership", "meeting", "time_entry", "task", "ticket")


JOURNAL_TABLES = ("journal", "journal_row")


def tables(conn: sqlite3.Connection, with_journal: bool = False) -> list[str]:
    """The tables a dump holds: the organisation's data; not ``db_mark`` (the file's own
    identity), and the journal only when asked for (so dump -> load -> dump stays identical)."""
    skipped = ("db_mark",) + (() if with_journal else JOURNAL_TABLES)
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        if r[0] not in skipped]


def dump(conn: sqlite3.Connection, with_journal: bool = False) -> dict[str, list[dict]]:
    """Every table: ``{table: [row as {column: value}, ...]}``, rows in primary-key order."""
    out = {}
    conn.execute("BEGIN")  # one consistent snapshot of all tables
    try:
        for table in tables(conn, with_journal):
            pk = [r[1] for r in sorted(conn.execute(f"PRAGMA table_info({table})"), key=lambda r: r[5]) if r[5]]
            cur = conn.execute(f"SELECT * FROM {table} ORDER BY {', '.join(pk) or 'rowid'}")
            names = [c[0] for c in cur.description]
            out[table] = [dict(zip(names, row)) for row in cur.fetchall()]
    finally:
        conn.execute("COMMIT")
    return out


def dumps(conn: sqlite3.Connection, with_journal: bool = False) -> str:
    return json.dumps(dump(conn, with_journal), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def holds_data(conn: sqlite3.Connection) -> bool:
    return any(conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() for table in USER_TABLES)


def load(conn: sqlite3.Connection, data: dict) -> dict[str, int]:
    """Replace the (new, empty) database's contents by ``data`` in one transaction.

    Refuses a database that already holds data; refuses unknown tables or columns. The seed rows
    of a new database are replaced by the file's own. A bad row is refused with one line naming
    its table, row and column; nothing is loaded then. Returns rows loaded per table."""
    if not isinstance(data, dict):
        raise UserError("load.not_a_dump")
    data = {k: v for k, v in data.items() if k not in JOURNAL_TABLES}  # a new file starts its own journal
    known = set(tables(conn))
    unknown = sorted(set(data) - known)
    if unknown:
        raise UserError("load.unknown_tables", tables=", ".join(unknown))
    if holds_data(conn):
        raise UserError("load.not_empty")
    counts = {}
    with transaction(conn, what="load", rows=False):
        conn.execute("PRAGMA defer_foreign_keys = ON")
        for table in known:
            conn.execute(f"DELETE FROM {table}")
        for table, rows in data.items():
            types = {r[1]: (r[2] or "").upper() for r in conn.execute(f"PRAGMA table_info({table})")}
            if not isinstance(rows, list):
                raise UserError("load.rows_not_list", table=table)
            for number, row in enumerate(rows, start=1):
                _insert(conn, table, types, number, row)
            counts[table] = len(rows)
        entries = data.get("time_entry") or []
        if entries and not any("on_behalf_of_id" in row for row in entries):
            from logbog_tui.storage.migrations import v1_data_to_v2

            v1_data_to_v2(conn)  # a dump from schema version 1: its data as the migration makes it
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            table, rowid, parent, fk = problems[0][:4]
            column = next((r[3] for r in conn.execute(f"PRAGMA foreign_key_list({table})") if r[0] == fk), "?")
            raise UserError("load.broken_reference", count=len(problems), table=table, id=rowid, column=column,
                              parent=parent)
    return counts


def _type_problem(declared: str, value: object) -> str | None:
    """The declared type's rule for a value of a dump (None: it fits)."""
    if value is None:
        return None
    if declared in ("INTEGER", "BOOLEAN"):
        if not isinstance(value, int):
            return t("load.want_integer")
        if not -2**63 <= value < 2**63:
            return t("load.too_large")
    elif declared == "REAL":
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return t("load.want_number")
    elif declared in ("TEXT", "DATE", "DATETIME") and not isinstance(value, str):
        return t("load.want_text")
    return None


def _insert(conn: sqlite3.Connection, table: str, types: dict[str, str], number: int, row: object) -> None:
    from logbog_tui.storage.queries import setting_problem

    def bad(column: str, problem: str) -> UserError:
        return UserError("load.bad_value", table=table, row=number, column=column, problem=problem)

    if not isinstance(row, dict):
        raise UserError("load.bad_row_at", table=table, row=number, problem=t("load.not_an_object"))
    columns = list(types)
    extra = sorted(set(row) - set(columns))
    if extra:
        raise bad(", ".join(map(str, extra)), t("load.unknown_column"))
    for column, value in row.items():
        if value is not None and not isinstance(value, (str, int, float)):
            raise bad(column, t("load.not_a_value", kind=type(value).__name__))
        problem = _type_problem(types[column], value)
        if problem:
            raise bad(column, problem)
    if table == "setting" and "key" in row:
        problem = setting_problem(str(row["key"]), row.get("value"))
        if problem:
            raise bad("value", t(problem))
    names = list(row)
    try:
        conn.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                     [row[n] for n in names])
    except (sqlite3.IntegrityError, OverflowError) as exc:
        message = str(exc)
        column = next((c for c in sorted(columns, key=len, reverse=True) if c in message), "?")
        raise bad(column, _constraint(message)) from None


def _constraint(message: str) -> str:
    """SQLite's reason, in the user's words where we know them."""
    lowered = message.lower()
    for needle, key in (("not null", "load.missing_value"), ("unique", "load.duplicate"),
                        ("check", "load.check_failed"), ("datatype mismatch", "load.wrong_type")):
        if needle in lowered:
            return t(key, detail=message)
    return message

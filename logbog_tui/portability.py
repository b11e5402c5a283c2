"""Data portability: every table as JSON (``logbog dump``) and back into a new database
(``logbog load``). The format is described in docs/data-format.md."""

from __future__ import annotations

import json
import sqlite3

from logbog_tui.db import transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import t

USER_TABLES = ("person", "membership", "meeting", "time_entry", "task", "ticket")


def tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def dump(conn: sqlite3.Connection) -> dict[str, list[dict]]:
    """Every table: ``{table: [row as {column: value}, ...]}``, rows in primary-key order."""
    out = {}
    conn.execute("BEGIN")  # one consistent snapshot of all tables
    try:
        for table in tables(conn):
            pk = [r[1] for r in sorted(conn.execute(f"PRAGMA table_info({table})"), key=lambda r: r[5]) if r[5]]
            cur = conn.execute(f"SELECT * FROM {table} ORDER BY {', '.join(pk) or 'rowid'}")
            names = [c[0] for c in cur.description]
            out[table] = [dict(zip(names, row)) for row in cur.fetchall()]
    finally:
        conn.execute("COMMIT")
    return out


def dumps(conn: sqlite3.Connection) -> str:
    return json.dumps(dump(conn), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def holds_data(conn: sqlite3.Connection) -> bool:
    return any(conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() for table in USER_TABLES)


def load(conn: sqlite3.Connection, data: dict) -> dict[str, int]:
    """Replace the (new, empty) database's contents by ``data`` in one transaction.

    Refuses a database that already holds data; refuses unknown tables or columns. The seed rows
    of a new database are replaced by the file's own. Returns rows loaded per table."""
    if not isinstance(data, dict):
        raise UserError(t("load.not_a_dump"))
    known = set(tables(conn))
    unknown = sorted(set(data) - known)
    if unknown:
        raise UserError(t("load.unknown_tables", tables=", ".join(unknown)))
    if holds_data(conn):
        raise UserError(t("load.not_empty"))
    counts = {}
    with transaction(conn):
        conn.execute("PRAGMA defer_foreign_keys = ON")
        for table in known:
            conn.execute(f"DELETE FROM {table}")
        for table, rows in data.items():
            columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            if not isinstance(rows, list):
                raise UserError(t("load.not_a_dump"))
            for row in rows:
                if not isinstance(row, dict) or not set(row) <= columns:
                    raise UserError(t("load.bad_row", table=table))
                names = list(row)
                conn.execute(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                             [row[n] for n in names])
            counts[table] = len(rows)
        entries = data.get("time_entry") or []
        if entries and not any("on_behalf_of_id" in row for row in entries):
            from logbog_tui.migrations import v1_data_to_v2

            v1_data_to_v2(conn)  # a dump from schema version 1: its data as the migration makes it
        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise UserError(t("load.foreign_keys", count=len(problems)))
    return counts

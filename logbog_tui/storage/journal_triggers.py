"""The journal's hook in the database: an AFTER INSERT/UPDATE/DELETE trigger on every table of the
organisation's data, which writes the row's values into ``journal_row`` under the entry that
:func:`~logbog_tui.storage.session.transaction` opened (the newest entry, while it is open).

Hooked once, in the database, on purpose: every change made through logbog is journalled in the
same transaction, whichever function made it and however (an ORM flush, a bulk ``UPDATE``, a raw
statement: SQLAlchemy's session events would miss the last two); writes by other programs (no
open entry) are not. Not journalled: the journal itself, ``db_mark``, and the settings ``theme``
and ``calendar_uid``.

The triggers are schema set-up: made when a file is created and again after every migration,
inside that transaction (:func:`~logbog_tui.storage.db.setup_transaction`), from the tables as
the file has them. Standard library only, so that even the quick ``logbog host`` can create its
database. A server database would write the same rows from triggers of its own (PL/pgSQL with
``to_jsonb(OLD)``, ``to_jsonb(NEW)``).
"""

from __future__ import annotations

import sqlite3

NOT_JOURNALLED = ("journal", "journal_row", "db_mark")
SETTING_SKIPPED = ("theme", "calendar_uid")
CURRENT = "(SELECT max(id) FROM journal)"


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        if r[0] not in NOT_JOURNALLED]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def triggers(conn: sqlite3.Connection) -> list[str]:
    """The journal's triggers for the tables as they are now (made again after every migration)."""
    out = []
    for table in _tables(conn):
        cols = _columns(conn, table)

        def obj(prefix: str, cols: list[str] = cols) -> str:
            return "json_object(" + ", ".join(f"'{c}', {prefix}.\"{c}\"" for c in cols) + ")"

        for op, when_row, before, after, rowid in (("insert", "NEW", "NULL", obj("NEW"), "NEW.rowid"),
                                                   ("update", "NEW", obj("OLD"), obj("NEW"), "NEW.rowid"),
                                                   ("delete", "OLD", obj("OLD"), "NULL", "OLD.rowid")):
            skip = (f" AND {when_row}.key NOT IN ({', '.join(repr(k) for k in SETTING_SKIPPED)})"
                    if table == "setting" else "")
            out.append(
                f"CREATE TRIGGER journal_{table}_{op} AFTER {op.upper()} ON {table}\n"
                f"WHEN (SELECT open AND rows FROM journal WHERE id = {CURRENT}){skip}\n"
                f"BEGIN\n"
                f"    INSERT INTO journal_row (journal_id, tbl, row_id, before, after)\n"
                f"    VALUES ({CURRENT}, '{table}', {rowid}, {before}, {after});\n"
                f"END")
    return out


def install(conn: sqlite3.Connection) -> None:
    """(Re)make the journal's triggers (inside the caller's set-up transaction)."""
    for (name,) in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'journal_%'"
                                ).fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    for statement in triggers(conn):
        conn.execute(statement)


def present(conn: sqlite3.Connection) -> bool:
    """Whether the file has the journal (every version from 3)."""
    return conn.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'journal'").fetchone() is not None

"""The journal: one entry per transaction that changed the organisation's data, with when, who
(the OS user), from where (the command or the TUI), and per row the table, the row and its
values before and after (JSON). On it: ``logbog undo``, ``logbog history``, the TUI's History
view and its ``u``.

Hooked once, in the database itself: :func:`install` puts an AFTER INSERT/UPDATE/DELETE trigger
on every table of the organisation's data, which writes the row's values into ``journal_row``
under the entry that :func:`~logbog_tui.storage.db.transaction` opened (the newest entry, while it is
open). So every change made through logbog is journalled in the same transaction, whichever
function made it; writes by other programs (no open entry) are not. Not journalled: the
journal itself, ``db_mark``, and the settings ``theme`` and ``calendar_uid``. ``load`` and
``demo`` are one entry each without row values (they cannot be undone; a backup can).

Standard library only.
"""

from __future__ import annotations

import getpass
import json
import sqlite3
from dataclasses import dataclass

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
    """(Re)make the journal's triggers (inside the caller's transaction)."""
    for (name,) in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'journal_%'"
                                ).fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    for statement in triggers(conn):
        conn.execute(statement)


def present(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'journal'").fetchone() is not None


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name in the environment: the journal still works
        return "?"


def begin(conn: sqlite3.Connection, what: str | None, rows: bool) -> int:
    """Open this transaction's entry (right after BEGIN)."""
    return conn.execute("INSERT INTO journal (who, origin, what, rows) VALUES (?, ?, ?, ?)",
                        (_user(), getattr(conn, "origin", None), what, int(rows))).lastrowid


def end(conn: sqlite3.Connection, entry: int, rows: bool) -> bool:
    """Close the entry before COMMIT; an entry that recorded no change is dropped (False)."""
    if rows and conn.execute("SELECT 1 FROM journal_row WHERE journal_id = ? LIMIT 1", (entry,)).fetchone() is None:
        conn.execute("DELETE FROM journal WHERE id = ?", (entry,))
        return False
    conn.execute("UPDATE journal SET open = 0 WHERE id = ?", (entry,))
    return True


# --- reading ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class RowChange:
    table: str
    row_id: int
    before: dict | None
    after: dict | None

    @property
    def kind(self) -> str:
        return "insert" if self.before is None else "delete" if self.after is None else "update"


@dataclass(frozen=True)
class Entry:
    id: int
    at: str            # UTC, "YYYY-MM-DD HH:MM:SS"
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


_ENTRY_SQL = """
SELECT j.id, j.at, j.who, j.origin, j.what, j.rows, j.undoes, j.undone_by,
       (SELECT group_concat(DISTINCT tbl) FROM journal_row WHERE journal_id = j.id),
       (SELECT count(*) FROM journal_row WHERE journal_id = j.id)
  FROM journal j WHERE j.open = 0
"""


def _entry(row) -> Entry:
    tables = tuple(sorted(set((row[8] or "").split(",")) - {""}))
    return Entry(row[0], row[1], row[2], row[3], row[4], bool(row[5]), row[6], row[7], tables, row[9])


def history(conn: sqlite3.Connection, limit: int = 50, ids: tuple[int, ...] | None = None) -> list[Entry]:
    """The newest entries first (only those in ``ids`` when given)."""
    if ids is not None:
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        rows = conn.execute(_ENTRY_SQL + f" AND j.id IN ({marks}) ORDER BY j.id DESC LIMIT ?", (*ids, limit))
    else:
        rows = conn.execute(_ENTRY_SQL + " ORDER BY j.id DESC LIMIT ?", (limit,))
    return [_entry(r) for r in rows.fetchall()]


def get(conn: sqlite3.Connection, entry_id: int) -> Entry | None:
    row = conn.execute(_ENTRY_SQL + " AND j.id = ?", (entry_id,)).fetchone()
    return _entry(row) if row else None


def newest_undoable(conn: sqlite3.Connection, among: tuple[int, ...] | None = None) -> Entry | None:
    """The newest change that can be undone (of ``among`` when given: a TUI session's own)."""
    sql = _ENTRY_SQL + " AND j.rows = 1 AND j.what IS NULL AND j.undone_by IS NULL"
    params: tuple = ()
    if among is not None:
        if not among:
            return None
        sql += f" AND j.id IN ({', '.join('?' * len(among))})"
        params = among
    row = conn.execute(sql + " ORDER BY j.id DESC LIMIT 1", params).fetchone()
    return _entry(row) if row else None


def changes(conn: sqlite3.Connection, entry_id: int) -> list[RowChange]:
    return [RowChange(t, r, json.loads(b) if b else None, json.loads(a) if a else None)
            for t, r, b, a in conn.execute("SELECT tbl, row_id, before, after FROM journal_row"
                                           " WHERE journal_id = ? ORDER BY id", (entry_id,))]


def later_dependents(conn: sqlite3.Connection, entry_id: int) -> list[int]:
    """Later changes (not undone) that touched a row this entry touched."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT j.id FROM journal j JOIN journal_row lr ON lr.journal_id = j.id"
        " JOIN journal_row mine ON mine.tbl = lr.tbl AND mine.row_id = lr.row_id AND mine.journal_id = ?"
        " WHERE j.id > ? AND j.undone_by IS NULL AND j.undoes IS NULL ORDER BY j.id", (entry_id, entry_id))]


def local_time(at: str) -> str:
    """The journal's UTC time as Danish local time: ``25.11.2026 kl. 14.03``."""
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    when = datetime.strptime(at, "%Y-%m-%d %H:%M:%S").replace(tzinfo=timezone.utc)
    return when.astimezone(ZoneInfo("Europe/Copenhagen")).strftime("%d.%m.%Y kl. %H.%M")


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

def _current(conn: sqlite3.Connection, table: str, row_id: int, cols: list[str]) -> dict | None:
    row = conn.execute(f"SELECT {', '.join(chr(34) + c + chr(34) for c in cols)} FROM {table} WHERE rowid = ?",
                       (row_id,)).fetchone()
    return dict(zip(cols, row)) if row else None


def _rowid_alias(conn: sqlite3.Connection, table: str) -> bool:
    """Whether the table's key is an INTEGER PRIMARY KEY (then ``id`` is the rowid)."""
    pk = [r for r in conn.execute(f"PRAGMA table_info({table})") if r[5]]
    return len(pk) == 1 and pk[0][2].upper() == "INTEGER"


def undo(conn: sqlite3.Connection, entry_id: int) -> int:
    """Undo the entry in one transaction (itself journalled, as an undo of it). Refused (exit 1)
    when it cannot be undone, when a later change depends on it, or when a row it changed has
    been changed since by another program. Returns the new entry's id."""
    from logbog_tui.storage.session import transaction
    from logbog_tui.errors import NotDone
    from logbog_tui.i18n import t

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
    with transaction(conn, what="undo"):
        conn.execute("PRAGMA defer_foreign_keys = ON")
        new = conn.execute(f"SELECT {CURRENT}").fetchone()[0]
        conn.execute("UPDATE journal SET undoes = ? WHERE id = ?", (entry_id, new))
        for change in reversed(changes(conn, entry_id)):
            cols = _columns(conn, change.table)
            now = _current(conn, change.table, change.row_id, cols)
            expected = None if change.after is None else {c: change.after.get(c) for c in cols}
            if now != expected:
                raise NotDone("undo.changed_since", id=entry_id, table=change.table)
            if change.kind == "insert":
                conn.execute(f"DELETE FROM {change.table} WHERE rowid = ?", (change.row_id,))
                continue
            values = {c: change.before.get(c) for c in cols}
            if change.kind == "delete":
                names = list(values) + ([] if _rowid_alias(conn, change.table) else ["rowid"])
                params = list(values.values()) + ([] if _rowid_alias(conn, change.table) else [change.row_id])
                conn.execute(f"INSERT INTO {change.table} ({', '.join(chr(34) + n + chr(34) for n in names)})"
                             f" VALUES ({', '.join('?' * len(names))})", params)
            else:
                conn.execute(f"UPDATE {change.table} SET {', '.join(chr(34) + c + chr(34) + ' = ?' for c in cols)}"
                             " WHERE rowid = ?", [*values.values(), change.row_id])
        conn.execute("UPDATE journal SET undone_by = ? WHERE id = ?", (new, entry_id))
    return new


def forget_person(conn: sqlite3.Connection, person_id: int) -> None:
    """Personal-data erasure reaches the journal: the person's name, contact data and notes are
    removed from every recorded value of their ``person`` row, and the notes of their time
    entries (inside the caller's transaction)."""
    personal = ("name", "title", "email", "phone", "notes", "organisation_id")
    for column in ("before", "after"):
        conn.execute(
            f"UPDATE journal_row SET {column} = json_remove({column}, "
            + ", ".join(f"'$.{c}'" for c in personal)
            + f") WHERE tbl = 'person' AND row_id = ? AND {column} IS NOT NULL", (person_id,))
        conn.execute(
            f"UPDATE journal_row SET {column} = json_remove({column}, '$.note') WHERE tbl = 'time_entry'"
            f" AND {column} IS NOT NULL AND json_extract({column}, '$.person_id') = ?", (person_id,))
    conn.execute("UPDATE journal SET rows = 0 WHERE id IN (SELECT journal_id FROM journal_row WHERE tbl = 'person'"
                 " AND row_id = ?)", (person_id,))

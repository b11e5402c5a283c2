"""Schema migrations: one step per version, N -> N + 1, run in order inside one transaction after a
verified backup of the file. Every later schema change is one more step at the end of
:data:`STEPS` (and the same change in ``schema.sql`` and ``models.py``).

Standard library only, like :mod:`logbog_tui.storage.db`, which imports this module.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

Migration = Callable[[sqlite3.Connection], None]

# The members a person substitutes for on a date (both appointments in force that day; only the
# follow-up group's representative seats have budgets). Parameters: person, day.
PRINCIPALS_SQL = """
SELECT DISTINCT mm.person_id FROM membership s
  JOIN membership mm ON mm.id = s.substitute_for_id
  JOIN seat st ON st.id = mm.seat_id
 WHERE s.person_id = :person AND s.valid_from <= :day AND coalesce(s.valid_to, '9999-12-31') >= :day
   AND mm.valid_from <= :day AND coalesce(mm.valid_to, '9999-12-31') >= :day
   AND st.body_code = 'folgegruppe' AND st.kind IN ('region', 'secretariat')
"""

# A person who held a representative seat of the follow-up group at some time in a year is a member
# that year. Parameters: person, year start, year end.
IS_MEMBER_SQL = """
SELECT 1 FROM membership m JOIN seat st ON st.id = m.seat_id
 WHERE m.person_id = :person AND m.substitute_for_id IS NULL
   AND st.body_code = 'folgegruppe' AND st.kind IN ('region', 'secretariat')
   AND m.valid_from <= :year_end AND coalesce(m.valid_to, '9999-12-31') >= :year_start
 LIMIT 1
"""


def fill_on_behalf(conn: sqlite3.Connection) -> int:
    """State the principal on follow-up group entries of a person who was not a member that year
    and substituted for exactly one member on the entry's date (the rule of a new entry).
    Entries of a substitute for several members stay blank: they count toward nobody until the
    user says for whom. Returns how many entries were filled in."""
    rows = conn.execute(
        "SELECT te.id, te.person_id, te.date FROM time_entry te JOIN task_area a ON a.id = te.area_id"
        " WHERE a.scope = 'folgegruppe' AND te.on_behalf_of_id IS NULL").fetchall()
    filled = 0
    for entry_id, person, day in rows:
        year = day[:4]
        if conn.execute(IS_MEMBER_SQL, {"person": person, "year_start": f"{year}-01-01",
                                        "year_end": f"{year}-12-31"}).fetchone():
            continue
        principals = [r[0] for r in conn.execute(PRINCIPALS_SQL, {"person": person, "day": day})]
        if len(principals) == 1:
            conn.execute("UPDATE time_entry SET on_behalf_of_id = ? WHERE id = ?", (principals[0], entry_id))
            filled += 1
    return filled


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    """Version 2: a time entry may say on whose behalf it was done (a substitute's principal)."""
    conn.execute("ALTER TABLE time_entry ADD COLUMN on_behalf_of_id INTEGER REFERENCES person (id)"
                 " CHECK (on_behalf_of_id IS NULL OR on_behalf_of_id <> person_id)")
    conn.execute("CREATE INDEX time_entry_on_behalf ON time_entry (on_behalf_of_id)")
    v1_data_to_v2(conn)


def v1_data_to_v2(conn: sqlite3.Connection) -> None:
    """The data part of version 2, also for a version-1 dump loaded into a new database."""
    fill_on_behalf(conn)
    # The setting org_start now bounds the dates of hours and meetings. Version 1 seeded it, unused,
    # with the seed's 01.01.2017; its meaning is the logbog.net project's start, 01.01.2013.
    conn.execute("INSERT INTO setting (key, value) VALUES ('org_start', '2013-01-01') ON CONFLICT (key)"
                 " DO UPDATE SET value = '2013-01-01' WHERE value = '2017-01-01'")


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    """Version 3: a meeting's sequence (raised by a trigger on every change: the calendar's
    SEQUENCE), the views for outside tools, the file's mark (uid and write count) that lets a
    foreign -wal be recognised, and the journal with its triggers. The statements are
    schema.sql's own."""
    from logbog_tui.storage.db import schema_sql, split_sql

    conn.execute("ALTER TABLE meeting ADD COLUMN sequence INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0)")
    for statement in split_sql(schema_sql()):
        if statement.startswith(("CREATE TRIGGER meeting_sequence", "CREATE VIEW", "CREATE TABLE db_mark",
                                 "INSERT INTO db_mark", "CREATE TABLE journal", "CREATE INDEX journal_row")):
            conn.execute(statement)


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    """Version 4: imported hours. ``time_entry`` gets ``source`` (where an imported entry came
    from) and ``covers`` (``'month'``: a month's figure from a member's timesheet, up to 200
    hours, outside the 24-hours-per-day rule). A CHECK cannot be altered in SQLite, so the table is
    made again from schema.sql's statement and the rows copied (SQLite's "make other kinds of table
    schema changes"); its indexes and the view ``time_entries`` are schema.sql's own again, the
    journal's triggers are made anew by :func:`migrate` after the last step."""
    from logbog_tui.storage.db import schema_sql, split_sql

    statements = split_sql(schema_sql())
    create = next(s for s in statements if s.startswith("CREATE TABLE time_entry ("))
    columns = ", ".join(r[1] for r in conn.execute("PRAGMA table_info(time_entry)"))
    conn.execute("DROP VIEW IF EXISTS time_entries")  # it names the table: away while the table is remade
    conn.execute(create.replace("CREATE TABLE time_entry (", "CREATE TABLE time_entry_v4 (", 1))
    conn.execute(f"INSERT INTO time_entry_v4 ({columns}) SELECT {columns} FROM time_entry")
    conn.execute("DROP TABLE time_entry")
    conn.execute("ALTER TABLE time_entry_v4 RENAME TO time_entry")
    for statement in statements:
        if statement.startswith(("CREATE INDEX time_entry_", "CREATE VIEW time_entries")):
            conn.execute(statement)


# STEPS[i] brings a database from version i + 1 to version i + 2.
STEPS: list[Migration] = [_v1_to_v2, _v2_to_v3, _v3_to_v4]
SCHEMA_VERSION = 1 + len(STEPS)
# version v -> the step that upgrades a database at version v to v + 1
MIGRATIONS: dict[int, Migration] = {i + 1: step for i, step in enumerate(STEPS)}


def migrate(path: Path, version: int, target: int | None = None,
            steps: dict[int, Migration] | None = None) -> Path:
    """Back ``path`` up (verified), then bring it from ``version`` to ``target`` in one transaction.
    Returns the backup. Refuses (untouched) when a step is missing."""
    from logbog_tui.storage import journal_triggers
    from logbog_tui.storage.backup import make, series_name
    from logbog_tui.storage.db import connect, setup_transaction
    from logbog_tui.errors import RefusedDatabase

    target = SCHEMA_VERSION if target is None else target
    steps = MIGRATIONS if steps is None else steps
    missing = [v for v in range(version, target) if v not in steps]
    if version < 1 or missing:
        raise RefusedDatabase("db.refused.no_migration", path=path, version=version)
    conn = connect(path)
    try:
        backup = make(conn, series_name(path, f"v{version}"))  # this file's backup series
        with setup_transaction(conn):
            for v in range(version, target):
                steps[v](conn)
            if journal_triggers.present(conn):  # the journal's triggers follow the tables as they are now
                journal_triggers.install(conn)
            conn.execute(f"PRAGMA user_version = {int(target)}")
    finally:
        conn.close()
    return backup

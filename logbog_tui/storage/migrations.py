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


# Version 5's tables as version 5 made them (the project leader's registers, issue 19): written
# out here, not read from schema.sql, so that a later change of these tables is a later step.
V5_REGISTERS = """
CREATE TABLE specialty (
    id         INTEGER NOT NULL PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
    valid_from DATE CHECK (valid_from IS NULL OR valid_from IS date(valid_from)),
    valid_to   DATE CHECK (valid_to IS NULL OR (valid_to IS date(valid_to)
                                               AND (valid_from IS NULL OR valid_from <= valid_to)))
);

CREATE TABLE curriculum (
    id           INTEGER NOT NULL PRIMARY KEY,
    specialty_id INTEGER NOT NULL REFERENCES specialty (id),
    edition      TEXT NOT NULL CHECK (length(edition) BETWEEN 1 AND 100),
    approved     DATE NOT NULL CHECK (approved IS date(approved)),
    effective    DATE CHECK (effective IS NULL OR effective IS date(effective)),
    loaded       DATE CHECK (loaded IS NULL OR loaded IS date(loaded)),
    link         TEXT CHECK (link IS NULL OR length(link) <= 1000),
    note         TEXT CHECK (note IS NULL OR length(note) <= 2000)
);
CREATE INDEX curriculum_specialty ON curriculum (specialty_id, approved);

CREATE TABLE curriculum_appendix (
    id            INTEGER NOT NULL PRIMARY KEY,
    curriculum_id INTEGER NOT NULL REFERENCES curriculum (id) ON DELETE CASCADE,
    title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    version       TEXT CHECK (version IS NULL OR length(version) <= 100),
    loaded        DATE CHECK (loaded IS NULL OR loaded IS date(loaded))
);
CREATE INDEX curriculum_appendix_curriculum ON curriculum_appendix (curriculum_id);

CREATE TABLE course_leader (
    id              INTEGER NOT NULL PRIMARY KEY,
    specialty_id    INTEGER NOT NULL REFERENCES specialty (id),
    edu_region_code TEXT NOT NULL REFERENCES edu_region (code),
    role            TEXT NOT NULL CHECK (role IN ('main', 'sub')),
    person_id       INTEGER REFERENCES person (id),
    name            TEXT CHECK (name IS NULL OR length(name) BETWEEN 1 AND 200),
    email           TEXT CHECK (email IS NULL OR length(email) <= 254),
    valid_from      DATE NOT NULL CHECK (valid_from IS date(valid_from)),
    valid_to        DATE CHECK (valid_to IS NULL OR (valid_to IS date(valid_to) AND valid_from <= valid_to)),
    entered         DATE CHECK (entered IS NULL OR entered IS date(entered)),
    CHECK ((person_id IS NULL) <> (name IS NULL))
);
CREATE INDEX course_leader_specialty ON course_leader (specialty_id, edu_region_code, valid_from);
CREATE INDEX course_leader_person ON course_leader (person_id);

CREATE TABLE document (
    id        INTEGER NOT NULL PRIMARY KEY,
    title     TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    audience  TEXT NOT NULL CHECK (audience IN ('trainees', 'supervisors', 'administrators', 'all')),
    version   TEXT CHECK (version IS NULL OR length(version) <= 100),
    published DATE CHECK (published IS NULL OR published IS date(published)),
    owner     TEXT CHECK (owner IS NULL OR length(owner) <= 200),
    review_on DATE CHECK (review_on IS NULL OR review_on IS date(review_on)),
    link      TEXT CHECK (link IS NULL OR length(link) <= 1000),
    note      TEXT CHECK (note IS NULL OR length(note) <= 2000)
);

CREATE TABLE document_review (
    id          INTEGER NOT NULL PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES document (id) ON DELETE CASCADE,
    reviewed_on DATE NOT NULL CHECK (reviewed_on IS date(reviewed_on)),
    note        TEXT CHECK (note IS NULL OR length(note) <= 2000)
);
CREATE INDEX document_review_document ON document_review (document_id, reviewed_on);

CREATE TABLE contract (
    id              INTEGER NOT NULL PRIMARY KEY,
    title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    party           TEXT NOT NULL CHECK (length(party) BETWEEN 1 AND 200),
    signed          DATE CHECK (signed IS NULL OR signed IS date(signed)),
    valid_from      DATE CHECK (valid_from IS NULL OR valid_from IS date(valid_from)),
    valid_to        DATE CHECK (valid_to IS NULL OR (valid_to IS date(valid_to)
                                                    AND (valid_from IS NULL OR valid_from <= valid_to))),
    notice_months   INTEGER CHECK (notice_months IS NULL OR notice_months BETWEEN 0 AND 120),
    renewal_months  INTEGER CHECK (renewal_months IS NULL OR renewal_months BETWEEN 1 AND 120),
    owner           TEXT CHECK (owner IS NULL OR length(owner) <= 200),
    reference       TEXT CHECK (reference IS NULL OR length(reference) <= 200),
    successor_id    INTEGER REFERENCES contract (id) CHECK (successor_id IS NULL OR successor_id <> id),
    needs_successor BOOLEAN NOT NULL DEFAULT 1 CHECK (needs_successor IN (0, 1)),
    note            TEXT CHECK (note IS NULL OR length(note) <= 2000)
);
"""


def _v4_to_v5(conn: sqlite3.Connection) -> None:
    """Version 5: the project leader's registers (PL1 specialties and their målbeskrivelser with
    appendices, PL2 course leaders, PL3 documents and their reviews, PL7 contracts), and the 39
    specialties."""
    from logbog_tui.storage.db import split_sql
    from logbog_tui.storage.specialty_seed import seed_specialties

    for statement in split_sql(V5_REGISTERS):
        conn.execute(statement)
    seed_specialties(conn)


V6_PAPERS = """
CREATE TABLE host_address (
    region_code TEXT NOT NULL PRIMARY KEY REFERENCES region (code),
    address     TEXT NOT NULL CHECK (length(address) BETWEEN 1 AND 500)
);
CREATE TABLE agenda_paper (
    id       INTEGER NOT NULL PRIMARY KEY,
    item_id  INTEGER NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    title    TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    target   TEXT CHECK (target IS NULL OR length(target) <= 1000)
);
CREATE INDEX agenda_paper_item ON agenda_paper (item_id);
CREATE TABLE paper_sent (
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('invitation', 'agenda', 'minutes')),
    sent_on    DATE NOT NULL CHECK (sent_on IS date(sent_on)),
    PRIMARY KEY (meeting_id, kind)
);
"""


def _v5_to_v6(conn: sqlite3.Connection) -> None:
    """Version 6: meeting papers (issue 23): a default address per host region, the papers an
    agenda item refers to, and the dates a meeting's invitation, agenda and minutes were sent."""
    from logbog_tui.storage.db import split_sql

    for statement in split_sql(V6_PAPERS):
        conn.execute(statement)


V7_ECONOMY = """
-- Issue 20: the economy in whole kroner (INTEGER, never REAL). A budget line per year and kind;
-- profile: blank = even over the year, or 12 whole month weights separated by spaces.
CREATE TABLE econ_line (
    id      INTEGER NOT NULL PRIMARY KEY,
    year    INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    kind    TEXT NOT NULL CHECK (kind IN ('supplier', 'development', 'hosting', 'project_leadership',
                                          'follow_up_group', 'other')),
    name    TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    budget  INTEGER NOT NULL CHECK (typeof(budget) = 'integer' AND budget BETWEEN 0 AND 1000000000000),
    profile TEXT CHECK (profile IS NULL OR length(profile) <= 200),
    note    TEXT CHECK (note IS NULL OR length(note) <= 2000),
    UNIQUE (year, name)
);
-- Postings on a line: invoices (a credit note is negative) and commitments (is_commitment = 1:
-- an order or agreed payment not yet invoiced; it counts as committed, not spent).
CREATE TABLE posting (
    id            INTEGER NOT NULL PRIMARY KEY,
    line_id       INTEGER NOT NULL REFERENCES econ_line (id),
    date          DATE NOT NULL CHECK (date IS date(date)),
    amount        INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND abs(amount) <= 1000000000000),
    supplier      TEXT CHECK (supplier IS NULL OR length(supplier) <= 200),
    reference     TEXT CHECK (reference IS NULL OR length(reference) <= 200),
    note          TEXT CHECK (note IS NULL OR length(note) <= 2000),
    is_commitment BOOLEAN NOT NULL DEFAULT 0 CHECK (is_commitment IN (0, 1))
);
CREATE INDEX posting_line ON posting (line_id, date);
-- The distribution key per year: each political region's share as an exact decimal ('0.31') or
-- fraction ('1/3'); the shares of a year add up to exactly 1 (checked by storage/economy.py).
CREATE TABLE cost_key (
    year        INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    region_code TEXT NOT NULL REFERENCES region (code),
    share       TEXT NOT NULL CHECK (length(share) BETWEEN 1 AND 60),
    PRIMARY KEY (year, region_code)
);
-- The value of an hour per year (kr.); a year without a row uses 670 kr. (RSI's rate, 2023).
CREATE TABLE hour_rate (
    year INTEGER NOT NULL PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
    rate INTEGER NOT NULL CHECK (typeof(rate) = 'integer' AND rate BETWEEN 0 AND 100000)
);
"""


def _v6_to_v7(conn: sqlite3.Connection) -> None:
    """Version 7: the economy in kroner (issue 20): budget lines, postings, the distribution key
    per year and the hour rate per year."""
    from logbog_tui.storage.db import split_sql

    for statement in split_sql(V7_ECONOMY):
        conn.execute(statement)


V8_DEVELOPMENT = """
CREATE TABLE dev_release (
    id          INTEGER NOT NULL PRIMARY KEY,
    version     TEXT NOT NULL UNIQUE CHECK (length(version) BETWEEN 1 AND 50),
    released_on DATE NOT NULL CHECK (released_on IS date(released_on)),
    notes       TEXT CHECK (notes IS NULL OR length(notes) <= 20000)
);

CREATE TABLE dev_item (
    id               INTEGER NOT NULL PRIMARY KEY,
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
    description      TEXT CHECK (description IS NULL OR length(description) <= 10000),
    kind             TEXT NOT NULL DEFAULT 'improvement'
                     CHECK (kind IN ('bugfix', 'improvement', 'feature', 'workflow', 'integration')),
    area_id          INTEGER REFERENCES task_area (id),
    status           TEXT NOT NULL DEFAULT 'idea' CHECK (status IN ('idea', 'prioritised', 'ordered',
                     'in_development', 'delivered', 'verified', 'rejected')),
    created_on       DATE NOT NULL CHECK (created_on IS date(created_on)),
    origin_item_id   INTEGER REFERENCES agenda_item (id) ON DELETE SET NULL,
    origin_person_id INTEGER REFERENCES person (id),
    priority         TEXT CHECK (priority IS NULL OR priority IN ('hoej', 'mellem', 'lav')
                                 OR (priority GLOB '[1-9]*' AND priority NOT GLOB '*[^0-9]*')),
    decision_item_id INTEGER REFERENCES agenda_item (id) ON DELETE SET NULL,
    supplier_ref     TEXT CHECK (supplier_ref IS NULL OR length(supplier_ref) <= 100),
    estimate_hours   REAL CHECK (estimate_hours IS NULL OR estimate_hours >= 0),
    estimate_kr      INTEGER CHECK (estimate_kr IS NULL OR estimate_kr >= 0),
    ordered_on       DATE CHECK (ordered_on IS NULL OR ordered_on IS date(ordered_on)),
    promised_on      DATE CHECK (promised_on IS NULL OR promised_on IS date(promised_on)),
    release_id       INTEGER REFERENCES dev_release (id),
    reason           TEXT CHECK (reason IS NULL OR length(reason) <= 2000),
    CHECK (status <> 'rejected' OR reason IS NOT NULL),
    CHECK (status NOT IN ('delivered', 'verified') OR release_id IS NOT NULL)
);
CREATE INDEX dev_item_status ON dev_item (status, promised_on);
CREATE INDEX dev_item_release ON dev_item (release_id);

CREATE TABLE dev_item_ticket (
    item_id   INTEGER NOT NULL REFERENCES dev_item (id) ON DELETE CASCADE,
    ticket_id INTEGER NOT NULL REFERENCES ticket (id),
    PRIMARY KEY (item_id, ticket_id)
);
CREATE INDEX dev_item_ticket_ticket ON dev_item_ticket (ticket_id);

CREATE TABLE dev_item_asker (
    id              INTEGER NOT NULL PRIMARY KEY,
    item_id         INTEGER NOT NULL REFERENCES dev_item (id) ON DELETE CASCADE,
    region_code     TEXT REFERENCES region (code),
    edu_region_code TEXT REFERENCES edu_region (code),
    CHECK ((region_code IS NULL) <> (edu_region_code IS NULL)),
    UNIQUE (item_id, region_code, edu_region_code)
);

CREATE TABLE dev_item_event (
    id         INTEGER NOT NULL PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES dev_item (id) ON DELETE CASCADE,
    at         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    author_id  INTEGER REFERENCES person (id),
    kind       TEXT NOT NULL CHECK (kind IN ('created', 'status', 'comment', 'priority')),
    old_status TEXT,
    new_status TEXT,
    text       TEXT
);
CREATE INDEX dev_item_event_item ON dev_item_event (item_id, at);
"""


def _v7_to_v8(conn: sqlite3.Connection) -> None:
    """Version 8: the development backlog with the supplier (items, their tickets, who asked, their
    timeline) and the releases of logbog.net."""
    from logbog_tui.storage.db import split_sql

    for statement in split_sql(V8_DEVELOPMENT):
        conn.execute(statement)


def _v8_to_v9(conn: sqlite3.Connection) -> None:
    """Version 9: hours logged from a meeting's record say which meeting (``source`` =
    ``meeting:<id>``) instead of being recognised by their note. Up to version 8 the note was
    "Møde DD.MM.YYYY" (Danish) or "Meeting DD.MM.YYYY" (English), the meeting's date: such an
    entry of that day, with no source, is linked when exactly one meeting of that day has its
    attendance recorded (hours are logged for those present); otherwise it is left as typed."""
    conn.execute(
        "UPDATE time_entry SET source = 'meeting:' || (SELECT a.meeting_id FROM attendance a"
        " JOIN meeting m ON m.id = a.meeting_id WHERE m.date = time_entry.date LIMIT 1)"
        " WHERE source IS NULL"
        " AND note IN ('Møde ' || strftime('%d.%m.%Y', date), 'Meeting ' || strftime('%d.%m.%Y', date))"
        " AND (SELECT count(DISTINCT a.meeting_id) FROM attendance a JOIN meeting m ON m.id = a.meeting_id"
        " WHERE m.date = time_entry.date) = 1")


# STEPS[i] brings a database from version i + 1 to version i + 2.
STEPS: list[Migration] = [_v1_to_v2, _v2_to_v3, _v3_to_v4, _v4_to_v5, _v5_to_v6, _v6_to_v7, _v7_to_v8, _v8_to_v9]
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

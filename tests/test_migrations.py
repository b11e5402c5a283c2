"""Schema version 2 and the first real migration: a version-1 file made by the earlier code
(tests/fixtures/schema-v1-demo.db) is backed up, migrated in one transaction, and then looks
exactly like a new database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from logbog_tui.storage import migrations, portability
from logbog_tui.storage.db import SCHEMA_VERSION, connect, open_db

FIXTURE = Path(__file__).parent / "fixtures" / "schema-v1-demo.db"


def _copy(tmp_path) -> Path:
    path = tmp_path / "v1.db"
    path.write_bytes(FIXTURE.read_bytes())
    return path


def _shape(conn) -> dict:
    out = {}
    for (table,) in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"):
        out[table] = ([tuple(r) for r in conn.execute(f"PRAGMA table_info({table})")],
                      sorted(tuple(r) for r in conn.execute(f"PRAGMA foreign_key_list({table})")),
                      sorted(r[1] for r in conn.execute(f"PRAGMA index_list({table})")))
    for kind, name, sql in conn.execute("SELECT type, name, sql FROM sqlite_schema WHERE type IN ('view', 'trigger')"
                                        " ORDER BY name"):
        out[f"{kind} {name}"] = " ".join(sql.split())
    return out


def _person(conn, name) -> int:
    return conn.execute("SELECT id FROM person WHERE name = ?", (name,)).fetchone()[0]


def test_the_fixture_is_version_1():
    conn = sqlite3.connect(f"{FIXTURE.resolve().as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "on_behalf_of_id" not in [r[1] for r in conn.execute("PRAGMA table_info(time_entry)")]
    conn.close()


def test_a_version_1_file_is_backed_up_and_migrated_to_the_current_version(tmp_path):
    assert SCHEMA_VERSION == 9  # 6: meeting papers (issue 23), 7: economy (issue 20), 8: development (issue 22),
    # 9: meeting hours linked to their meeting
    path = _copy(tmp_path)
    before = sqlite3.connect(path)
    counts = {t: before.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("person", "time_entry",
                                                                                       "membership", "meeting")}
    before.close()
    conn = open_db(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in counts} == counts
    # the migrated file has exactly the tables, columns, keys and indexes of a new database
    fresh = open_db(tmp_path / "fresh.db")
    assert _shape(conn) == _shape(fresh)
    # a verified backup of the version-1 file was taken first
    (backup,) = (tmp_path / "home" / "backups").glob("v1-*-v1-*.db")  # this file's series
    assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == 1


def test_the_migration_states_the_principal_where_there_was_only_one(tmp_path):
    conn = open_db(_copy(tmp_path))
    ulrik, rasmus, dorte = (_person(conn, n) for n in ("Ulrik Opdigt", "Rasmus Opdigt", "Dorte Skinlund"))
    on_behalf = dict(conn.execute("SELECT date, on_behalf_of_id FROM time_entry WHERE note = 'fixture'"
                                  " AND person_id = ?", (ulrik,)).fetchall())
    assert on_behalf["2026-02-10"] == rasmus      # substitute for Rasmus only: filled in
    assert on_behalf["2026-04-14"] is None        # substitute for two members: left for the user
    assert conn.execute("SELECT on_behalf_of_id FROM time_entry WHERE note = 'fixture' AND person_id = ?",
                        (dorte,)).fetchone()[0] is None   # a member who is also a substitute: her own hours
    # a member's own entries are never given a principal
    assert conn.execute("SELECT count(*) FROM time_entry WHERE on_behalf_of_id IS NOT NULL AND person_id IN"
                        " (SELECT person_id FROM membership WHERE substitute_for_id IS NULL)").fetchone()[0] == 0


def test_a_failing_step_leaves_the_version_1_file_as_it_was(tmp_path, monkeypatch):
    path = _copy(tmp_path)

    def broken(conn):
        migrations.MIGRATIONS[1](conn)
        raise RuntimeError("injected failure")

    with pytest.raises(RuntimeError):
        migrations.migrate(path, 1, 2, {1: broken})
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert "on_behalf_of_id" not in [r[1] for r in conn.execute("PRAGMA table_info(time_entry)")]
    conn.close()


def test_a_version_1_dump_still_loads(tmp_path):
    """A dump written by version 1 has no on_behalf_of_id; loading it fills in the principal by the
    same rule as the migration."""
    v1 = connect(FIXTURE, read_only=True)  # as it is: not migrated
    data = json.loads(json.dumps(portability.dump(v1)))
    v1.close()
    assert "on_behalf_of_id" not in data["time_entry"][0]
    new = open_db(tmp_path / "new.db")
    portability.load(new, data)
    migrated = open_db(_copy(tmp_path))
    assert portability.dumps(new) == portability.dumps(migrated)
    new.close()


def test_version_3_meetings_count_their_changes_and_the_views_work_on_a_migrated_file(tmp_path):
    """Version 3: every change of a meeting raises its sequence (the calendar's SEQUENCE), and the
    views for outside tools read the migrated data with a plain SQLite connection."""
    path = _copy(tmp_path)
    conn = open_db(path)
    mid, status = conn.execute("SELECT id, status FROM meeting WHERE status = 'planned' LIMIT 1").fetchone()
    assert conn.execute("SELECT sequence FROM meeting WHERE id = ?", (mid,)).fetchone()[0] == 0
    from logbog_tui.storage import meetings

    meetings.set_status(conn, mid, "cancelled")
    assert conn.execute("SELECT sequence FROM meeting WHERE id = ?", (mid,)).fetchone()[0] == 1
    conn.close()
    plain = sqlite3.connect(path)  # no fold(), no collation da: what any SQLite client has
    total = plain.execute("SELECT round(sum(minutes) / 60.0, 2) FROM time_entry").fetchone()[0]
    assert plain.execute("SELECT round(sum(hours), 2) FROM time_entries").fetchone()[0] == pytest.approx(total, abs=1)
    assert plain.execute("SELECT count(*) FROM tickets").fetchone()[0] == plain.execute(
        "SELECT count(*) FROM ticket").fetchone()[0]
    assert plain.execute("SELECT count(*) FROM memberships").fetchone()[0] == plain.execute(
        "SELECT count(*) FROM membership").fetchone()[0]


def test_version_4_a_migrated_file_takes_month_figures_and_journals_their_columns(tmp_path):
    """Version 4: time_entry is made again with source and covers (a CHECK cannot be altered in
    SQLite): every row is kept, a month's figure may exceed 24 hours, a day's entry still may not,
    and the journal's triggers, made again after the migration, record the new columns (undo too)."""
    from logbog_tui.storage import journal
    from logbog_tui.storage.session import transaction

    path = _copy(tmp_path)
    before = sqlite3.connect(path)
    rows = before.execute("SELECT id, person_id, date, minutes, area_id, note FROM time_entry ORDER BY id").fetchall()
    before.close()
    conn = open_db(path)
    assert [tuple(r) for r in conn.execute("SELECT id, person_id, date, minutes, area_id, note FROM time_entry"
                                           " ORDER BY id")] == rows
    person, area = rows[0][1], rows[0][4]
    with transaction(conn):
        conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id, source, covers)"
                     " VALUES (?, '2026-03-31', 2400, ?, 'timesheet:x', 'month')", (person, area))
    (change,) = journal.changes(conn, journal.newest_undoable(conn).id)
    assert change.after["covers"] == "month" and change.after["source"] == "timesheet:x"
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id) VALUES (?, '2026-03-31', 1500, ?)",
                     (person, area))
    journal.undo(conn, journal.newest_undoable(conn).id)
    assert conn.execute("SELECT count(*) FROM time_entry WHERE covers = 'month'").fetchone()[0] == 0


def test_a_new_database_is_made_at_the_version_the_code_writes(tmp_path):
    """schema.sql's ``PRAGMA user_version`` and the number of migration steps agree (a new file
    at an older number would be 'migrated' again on its next start)."""
    conn = open_db(tmp_path / "new.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_version_9_links_the_meeting_hours_that_the_note_named(tmp_path):
    """Up to version 8 the hours logged from a meeting's record were recognised by their note
    ("Møde 12.05.2026", or "Meeting 12.05.2026" in English): version 9 links them to their
    meeting (``source``). A note on a day with two attended meetings, or a note the user changed,
    is left as it was."""
    path = tmp_path / "v8.db"
    open_db(path).close()
    raw = sqlite3.connect(path)
    with raw:
        person = raw.execute("INSERT INTO person (name) VALUES ('Anne Aarhus')").lastrowid
        area = raw.execute("SELECT id FROM task_area WHERE code = 'FG1'").fetchone()[0]
        meetings = {}
        held = (("2026-05-12", "folgegruppe"), ("2026-10-13", "folgegruppe"), ("2026-10-13", "styregruppe"))
        for day, body in held:
            mid = raw.execute("INSERT INTO meeting (body_code, date, status) VALUES (?, ?, 'held')",
                              (body, day)).lastrowid
            raw.execute("INSERT INTO attendance (meeting_id, person_id, status) VALUES (?, ?, 'present')",
                        (mid, person))
            meetings[(day, body)] = mid
        for day, note in (("2026-05-12", "Møde 12.05.2026"), ("2026-05-12", "Meeting 12.05.2026"),
                          ("2026-05-12", "Møde 12.05.2026 og forberedelse"), ("2026-10-13", "Møde 13.10.2026")):
            raw.execute("INSERT INTO time_entry (person_id, date, minutes, area_id, note) VALUES (?, ?, 60, ?, ?)",
                        (person, day, area, note))
        raw.execute("PRAGMA user_version = 8")
    raw.close()
    conn = open_db(path)
    sources = [tuple(r) for r in conn.execute("SELECT note, source FROM time_entry ORDER BY id")]
    linked = f"meeting:{meetings[('2026-05-12', 'folgegruppe')]}"
    assert sources == [("Møde 12.05.2026", linked), ("Meeting 12.05.2026", linked),
                       ("Møde 12.05.2026 og forberedelse", None), ("Møde 13.10.2026", None)]
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 9

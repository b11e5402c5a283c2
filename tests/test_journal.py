"""The journal (issue 16, part 3): one entry per change, undo across sessions and processes,
history, what is and is not journalled, erasure reaching the journal."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from logbog_tui.storage import journal, meeting_records, meetings, people, timelog
from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction
from logbog_tui.errors import NotDone
from logbog_tui.storage.meetings import MeetingDraft
from tests.conftest import add_leader, run_subprocess

TODAY = date(2026, 11, 25)


@pytest.fixture
def leader(db_path):
    return add_leader(db_path, "lone@example.dk")


def used(db_path) -> float:
    r = run_subprocess(["--db", str(db_path), "budget", "--json"])
    return json.loads(r.stdout)["project_leadership"]["used"]


def test_log_then_undo_in_another_process_restores_the_budget(db_path, leader):
    before = used(db_path)
    assert run_subprocess(["--db", str(db_path), "log", "1,5", "--area", "PL1"]).returncode == 0
    assert used(db_path) == before + 1.5
    r = run_subprocess(["--db", str(db_path), "undo"], stdin=subprocess_devnull())
    assert r.returncode == 2 and "--yes" in r.stderr  # no terminal to ask on
    r = run_subprocess(["--db", str(db_path), "--lang", "en", "undo", "--yes"])
    assert r.returncode == 0 and r.stdout.startswith("Undone: #")
    assert used(db_path) == before
    r = run_subprocess(["--db", str(db_path), "--lang", "en", "undo", "--yes"])  # the leader's seat, earlier
    assert r.returncode == 0
    r = run_subprocess(["--db", str(db_path), "--lang", "en", "undo", "--yes"])
    assert r.returncode == 1 and "no change to undo" in r.stderr


def subprocess_devnull():
    import subprocess

    return subprocess.DEVNULL


def test_history_json(cli, db_path, leader):
    cli("log", "2", "--area", "PL4")
    data = json.loads(cli("history", "--json").out)
    newest = data[0]
    assert set(newest) == {"id", "at", "who", "origin", "what", "tables", "changes", "undoable", "undoes",
                           "undone_by"}
    assert newest["origin"] == "logbog log" and newest["tables"] == ["time_entry"] and newest["changes"] == 1
    assert newest["undoable"] and newest["what"] == "change" and newest["who"]
    assert cli("undo", "--yes").code == 0
    data = json.loads(cli("history", "--json", "--limit", "2").out)
    assert data[0]["what"] == "undo" and data[0]["undoes"] == newest["id"] and data[1]["undone_by"] == data[0]["id"]
    assert len(data) == 2


def test_a_change_that_later_changes_build_on_is_not_undone(conn, leader):
    area = conn.execute("SELECT id FROM task_area WHERE code = 'PL1'").fetchone()[0]
    saved = timelog.save(conn, timelog.Draft(person_id=leader, day=TODAY, minutes=60, area_id=area), TODAY)
    first = journal.newest_undoable(conn).id
    timelog.update(conn, saved.id, timelog.Draft(person_id=leader, day=TODAY, minutes=90, area_id=area), TODAY)
    second = journal.newest_undoable(conn).id
    with pytest.raises(NotDone) as info:
        journal.undo(conn, first)
    assert f"#{second}" in info.value.message and info.value.exit_code == 1
    journal.undo(conn, second)
    assert conn.execute("SELECT minutes FROM time_entry WHERE id = ?", (saved.id,)).fetchone()[0] == 60
    journal.undo(conn, first)
    assert conn.execute("SELECT count(*) FROM time_entry").fetchone()[0] == 0


def test_undo_restores_deleted_rows_with_their_ids_and_keys(conn, leader):
    area = conn.execute("SELECT id FROM task_area WHERE code = 'PL1'").fetchone()[0]
    saved = timelog.save(conn, timelog.Draft(person_id=leader, day=TODAY, minutes=60, area_id=area, note="første"),
                         TODAY)
    row = tuple(conn.execute("SELECT * FROM time_entry WHERE id = ?", (saved.id,)).fetchone())
    timelog.delete(conn, saved.id)
    journal.undo(conn, journal.newest_undoable(conn).id)
    assert tuple(conn.execute("SELECT * FROM time_entry WHERE id = ?", (saved.id,)).fetchone()) == row
    # a table keyed by text (setting): changed and undone
    with transaction(conn):
        conn.execute("UPDATE setting SET value = '0.7' WHERE key = 'budget_warn'")
    journal.undo(conn, journal.newest_undoable(conn).id)
    assert conn.execute("SELECT value FROM setting WHERE key = 'budget_warn'").fetchone()[0] == "0.8"


def test_a_row_changed_since_by_another_program_is_not_overwritten(db_path, conn, leader):
    area = conn.execute("SELECT id FROM task_area WHERE code = 'PL1'").fetchone()[0]
    saved = timelog.save(conn, timelog.Draft(person_id=leader, day=TODAY, minutes=60, area_id=area), TODAY)
    other = sqlite3.connect(db_path)  # the sqlite3 shell, say: not journalled
    other.execute("UPDATE time_entry SET minutes = 45 WHERE id = ?", (saved.id,))
    other.commit()
    other.close()
    with pytest.raises(NotDone) as info:
        journal.undo(conn, journal.newest_undoable(conn).id)
    assert "time_entry" in info.value.message
    assert conn.execute("SELECT minutes FROM time_entry WHERE id = ?", (saved.id,)).fetchone()[0] == 45


def test_a_batch_of_meeting_hours_is_one_change(conn, leader):
    with transaction(conn):
        jens = conn.execute("INSERT INTO person (name) VALUES ('Jens')").lastrowid
    mid, _ = meetings.plan(conn, MeetingDraft(body="folgegruppe", day=date(2026, 10, 14), status="held"), TODAY)
    for person in (leader, jens):
        meeting_records.set_attendance(conn, mid, person, "present")
    count = conn.execute("SELECT count(*) FROM time_entry").fetchone()[0]
    fg1 = conn.execute("SELECT id FROM task_area WHERE code = 'FG1'").fetchone()[0]
    meeting_records.log_hours(conn, mid, 240, 60, 0, fg1)
    logged = conn.execute("SELECT count(*) FROM time_entry").fetchone()[0] - count
    assert logged >= 2
    entry = journal.newest_undoable(conn)
    assert entry.tables == ("time_entry",) and entry.changes == logged
    journal.undo(conn, entry.id)
    assert conn.execute("SELECT count(*) FROM time_entry").fetchone()[0] == count


def test_load_and_demo_are_one_entry_each_without_row_values(cli, db_path, tmp_path):
    assert cli("demo", "--years", "1").code == 0
    (entry,) = journal.history(connect(db_path), 1)
    assert entry.what == "demo" and entry.changes == 0 and not entry.undoable
    dump = tmp_path / "d.json"
    cli("dump", "-o", str(dump))
    new = tmp_path / "new.db"
    assert cli("load", str(dump), db=new).code == 0
    entries = journal.history(connect(new), 10)
    assert [e.what for e in entries] == ["load"] and entries[0].changes == 0
    assert "journal" not in json.loads(dump.read_text())
    with_journal = tmp_path / "j.json"
    cli("dump", "-o", str(with_journal), "--with-journal")
    assert json.loads(with_journal.read_text())["journal"][0]["what"] == "demo"


def test_the_theme_is_not_an_undoable_change(conn):
    with transaction(conn):
        conn.execute("INSERT INTO setting (key, value) VALUES ('theme', 'nord')")
    assert journal.newest_undoable(conn) is None


def test_erasing_a_person_erases_their_values_from_the_journal(conn, leader):
    area = conn.execute("SELECT id FROM task_area WHERE code = 'PL1'").fetchone()[0]
    timelog.save(conn, timelog.Draft(person_id=leader, day=TODAY, minutes=60, area_id=area, note="fortroligt"), TODAY)
    people.erase(conn, leader)
    text = " ".join(f"{b} {a}" for b, a in conn.execute("SELECT before, after FROM journal_row"))
    assert "Lone Leder" not in text and "lone@example.dk" not in text and "fortroligt" not in text
    newest = journal.newest_undoable(conn)
    assert newest is None or "person" not in newest.tables  # the erasure cannot be undone


async def test_the_tui_undoes_its_own_newest_change_and_shows_the_history(db_path, leader):
    """`u` undoes the newest change of this TUI session, whatever it was (here: a new person);
    `U` shows every change, and Enter there undoes the highlighted one after a question."""
    from textual.widgets import DataTable

    from logbog_tui.tui.app import LogbogApp
    from logbog_tui.tui.dialogs import ConfirmDialog
    from logbog_tui.tui.screens.history import HistoryScreen
    from tests.conftest import submit_form

    outside = connect(db_path)  # a change made by another program before: not this session's
    area = outside.execute("SELECT id FROM task_area WHERE code = 'PL1'").fetchone()[0]
    timelog.save(outside, timelog.Draft(person_id=leader, day=TODAY, minutes=60, area_id=area), TODAY)
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        await submit_form(pilot, name="Bente Berg")
        assert "Bente Berg" in [r[0] for r in outside.execute("SELECT name FROM person")]
        await pilot.press("u")
        await pilot.pause()
        assert "Bente Berg" not in [r[0] for r in outside.execute("SELECT name FROM person")]
        await pilot.press("u")  # the hour logged by the other program is not this session's
        await pilot.pause()
        assert outside.execute("SELECT count(*) FROM time_entry").fetchone()[0] == 1
        await pilot.press("U")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        table = app.screen.query_one("#history", DataTable)
        texts = [str(table.get_row_at(r)[0]) for r in range(table.row_count)]
        assert any("time_entry" in x for x in texts) and any("fortrød" in x for x in texts)
        row = next(r for r, x in enumerate(texts) if "time_entry" in x and "fortrudt" not in x)
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "[j/N]" not in str(app.screen.question)  # the dialog has its buttons; "[j/N]" is the CLI's
        await pilot.press("y")
        await pilot.pause()
    assert outside.execute("SELECT count(*) FROM time_entry").fetchone()[0] == 0

"""Snapshots at 80x24 of the Tasks screen's three tabs and of every dialog that test_tui_layout
does not reach (issue 16, part 5). With test_tui_layout's DIALOGS these cover the dialogs of
tui/dialogs/, tui/*_forms.py and the screens; the ones left out are named at the end, with why.

A snapshot that changes on purpose is renewed with `pytest --snapshot-update tests/...` and
looked at (tests/__snapshots__/)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from logbog_tui.storage.db import connect, open_db
from logbog_tui.storage.demo import fill

from .conftest import still_cursors, submit_form
from .test_tui_layout import app_for

TODAY = date(2026, 11, 25)
SIZE = (80, 24)

TABS = {"tasks": ("4",), "entries": ("4", "t"), "budgets": ("4", "t", "t")}

# reached with keys alone, as a user would
DIALOGS = {
    "task_edit": ("4", "e"),                        # task_forms.task_dialog for a task
    "entry_edit": ("4", "t", "e"),                  # LogHoursDialog, editing an entry
    "ticket_log": ("5", "l"),                       # LogHoursDialog for a ticket (support hours)
    "item_edit": ("3", "G", "enter", "e"),          # the record's agenda item form, filled
    "item_task": ("3", "G", "enter", "T"),          # the record: a task from an item
    "meeting_hours_again": ("3", "G", "enter", "l", "ctrl+s", "l"),  # ConfirmDialog: logged already
    "history": ("U",),                              # HistoryScreen
    "delete_person": ("2", "slash", *"Uden", "enter", "D"),       # ConfirmDialog: delete (no history)
    "cancel_future": ("2", "slash", *"Fremtid", "enter", "x"),    # ConfirmDialog: cancel a future seat
}

# Left out: the command palette (Ctrl+P: its first list is the providers' answers in the order
# they arrive, which varies; the theme picker below is the same screen); the ConfirmDialog
# "replace the file?" of an export (its text is the export's path, another temporary folder in
# every run; the dialog is the ConfirmDialog shown above);
# the ConfirmDialog offering a ceased host region's successor when a meeting is moved
# (test_tui_edges.test_moving_a_hovedstaden_meeting_into_2027_asks_to_take_the_successor drives
# it; again the ConfirmDialog above).


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """The demo's first year, with a person without history, a person whose seat begins in
    2027, and the journal's demo entry at a fixed time and user (the history shows both)."""
    path = tmp_path_factory.mktemp("snapshots") / "demo.db"
    open_db(path, today=TODAY).close()
    conn = connect(path)
    fill(conn, years=1, today=TODAY)
    with conn:
        conn.execute("INSERT INTO person (name) VALUES ('Dorte Uden')")
        future = conn.execute("INSERT INTO person (name) VALUES ('Frida Fremtid')").lastrowid
        seat = conn.execute(
            "SELECT s.id FROM seat s WHERE s.kind = 'region' AND (s.valid_to IS NULL OR s.valid_to > '2027-01-01')"
            " AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.seat_id = s.id"
            " AND (m.valid_to IS NULL OR m.valid_to >= '2027-01-01')) ORDER BY s.id").fetchone()[0]
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2027-01-01')",
                     (future, seat))
        conn.execute("UPDATE journal SET at = '2026-11-25 08:30:00', who = 'lone'")
    conn.close()
    return path


@pytest.fixture
def demo(template, tmp_path) -> Path:
    return Path(shutil.copy(template, tmp_path / "demo.db"))


def keys(*pressed: str):
    """Press ``pressed``, then hold the text cursors still (conftest.still_cursors)."""

    async def run(pilot) -> None:
        await pilot.press(*pressed)
        await pilot.pause()
        still_cursors(pilot.app)

    return run


@pytest.mark.parametrize("tab", sorted(TABS))
def test_tasks_tab_at_80x24(tab, demo, snap_compare):
    assert snap_compare(app_for(demo), run_before=keys(*TABS[tab]), terminal_size=SIZE)


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_more_dialogs_at_80x24(name, demo, snap_compare):
    assert snap_compare(app_for(demo), run_before=keys(*DIALOGS[name]), terminal_size=SIZE)


def test_settle_dialog_at_80x24(demo, snap_compare):
    """`A` on a follow-up group item referred to the steering group (the first item of the last
    follow-up group meeting held, referred here)."""
    conn = connect(demo)
    meeting = conn.execute("SELECT id FROM meeting WHERE body_code = 'folgegruppe' AND status = 'held'"
                           " ORDER BY date DESC").fetchone()[0]
    with conn:
        conn.execute("UPDATE agenda_item SET referred = 1 WHERE id = (SELECT id FROM agenda_item"
                     " WHERE meeting_id = ? ORDER BY position, id LIMIT 1)", (meeting,))
    conn.close()

    async def open_record(pilot) -> None:
        await pilot.app.open_meeting(meeting)
        await pilot.pause()
        await keys("A")(pilot)

    assert snap_compare(app_for(demo), run_before=open_record, terminal_size=SIZE)


def test_budget_change_confirmation_at_80x24(demo, snap_compare):
    """The budgets of a year with hours logged: the form, then the question with the effect."""

    async def change_budget(pilot) -> None:
        await pilot.press("4", "t", "t", "e")
        await pilot.pause()
        await submit_form(pilot, pl="1500")
        still_cursors(pilot.app)

    assert snap_compare(app_for(demo), run_before=change_budget, terminal_size=SIZE)


def test_undo_confirmation_at_80x24(demo, snap_compare):
    """Enter on a change in the History view (here: hours just logged, at a fixed time)."""

    async def log_then_history(pilot) -> None:
        await pilot.press("l", "2", "enter")
        await pilot.pause()
        conn = connect(demo)
        with conn:
            conn.execute("UPDATE journal SET at = '2026-11-25 09:15:00', who = 'lone'")
        conn.close()
        await pilot.press("U")
        await pilot.pause()
        await keys("enter")(pilot)

    assert snap_compare(app_for(demo), run_before=log_then_history, terminal_size=SIZE)


def test_theme_picker_at_80x24(demo, snap_compare):
    async def pick_theme(pilot) -> None:
        pilot.app.search_themes()
        await pilot.pause()
        still_cursors(pilot.app)

    assert snap_compare(app_for(demo), run_before=pick_theme, terminal_size=SIZE)

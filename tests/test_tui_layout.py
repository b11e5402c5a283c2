"""The TUI at 80x24 (issue 21): every dialog fits with its buttons and hint in sight (snapshots),
notices stay short, a table wider than the screen says so."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Button

from logbog_tui.storage.db import connect
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.textual_private import notifications

TODAY = date(2026, 11, 25)
SIZE = (80, 24)

# every dialog (and the screens that open over a list), reached as a user would
DIALOGS = {
    "person_new": ("2", "n"), "person_edit": ("2", "e"), "appoint": ("2", "a"), "substitute": ("2", "s"),
    "end_membership": ("2", "x"), "erase_with_seats": ("2", "D"), "composition": ("2", "c"),
    "meeting_new": ("3", "n"), "plan_year": ("3", "p"), "move_meeting": ("3", "d"), "cancel_meeting": ("3", "x"),
    "change_host": ("3", "down", "h"), "record": ("3", "G", "enter"), "agenda_item": ("3", "G", "enter", "n"),
    "minutes": ("3", "G", "enter", "m"), "meeting_hours": ("3", "G", "enter", "l"),
    "task_new": ("4", "n"), "budgets": ("4", "t", "t", "e"), "delete_entry": ("4", "t", "D"),
    "log_hours": ("l",), "keys": ("question_mark",), "report": ("R",),
    "ticket_new": ("5", "n"), "forward": ("5", "F"), "status": ("5", "S"), "comment": ("5", "c"),
    "ticket": ("5", "enter"),
}


def app_for(path) -> LogbogApp:
    return LogbogApp(connect(path), path, today=TODAY)


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_dialog_at_80x24(name, demo, snap_compare):
    assert snap_compare(app_for(demo), press=list(DIALOGS[name]), terminal_size=SIZE)


@pytest.mark.parametrize("name", ["person_new", "task_new", "meeting_new", "log_hours", "erase_with_seats",
                                  "plan_year", "ticket_new", "appoint"])
async def test_the_buttons_of_a_dialog_are_in_sight_at_80x24(name, demo):
    app = app_for(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*DIALOGS[name])
        await pilot.pause()
        screen = app.screen
        for button in screen.query(Button):
            region = button.region
            assert region.height >= 1 and 0 < region.y < SIZE[1] - 1, (name, button.id, region)
            assert region.right <= SIZE[0]


async def test_notices_are_at_most_three_lines_and_details_stay_in_the_screen(db_path):
    """Planning a year on an empty database gives a warning per vacant seat for each meeting."""
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "p")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        message = notifications(app)[-1].message
        assert len(message.splitlines()) <= 3
        notes = str(app.screen.query_one("#meeting-notes").render())
        assert notes.count("⚠") >= 2


def test_a_path_in_a_notice_keeps_the_file_name_whole():
    from logbog_tui.tui.app import toast_path

    shown = toast_path(Path.home() / ".local" / "share" / "logbog-tui" / "exports" / "aarsrapport-2026.xlsx")
    assert shown == "~/.local/share/logbog-tui/exports/\naarsrapport-2026.xlsx"


async def test_a_table_wider_than_the_screen_ends_its_header_in_an_arrow(demo):
    app = app_for(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("5")
        await pilot.pause()
        table = app.screen.query_one("#ticket-list")
        assert table.virtual_size.width > table.size.width
        assert table.render_line(0).text.rstrip().endswith("→")
        await pilot.press("1")
        await pilot.pause()
        await pilot.resize_terminal(200, 40)
        await pilot.press("5")
        await pilot.pause()
        assert not table.render_line(0).text.rstrip().endswith("→")

"""Friction a daily user feels (issue 21): the new row selected after saving, Enter on a total,
an empty database that says what to do first, pasted lines in a one-line field."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Static

from logbog_tui.db import connect, transaction
from logbog_tui.tui.app import LogbogApp

from .test_tui_hours import org  # noqa: F401 - the fixture

TODAY = date(2026, 11, 25)


def app_for(db_path) -> LogbogApp:
    return LogbogApp(connect(db_path), db_path, today=TODAY)


async def test_enter_on_a_total_shows_the_entries_behind_it_and_esc_goes_back(db_path, org):  # noqa: F811
    conn = connect(db_path)
    with transaction(conn):
        conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id) VALUES (?, '2026-11-24', 30, ?)",
                     (org["jens"], org["pl4"]))
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "t", "v")
        await pilot.pause()
        table = app.screen.query_one("#entries", DataTable)
        row = [str(table.get_row_at(i)[0]) for i in range(table.row_count)].index("Jens Jensen")
        table.move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        assert [str(table.get_row_at(i)[1]) for i in range(table.row_count)] == ["Jens Jensen"]
        assert "Kun: Jens Jensen" in str(app.screen.query_one("#entry-head", Static).render())
        await pilot.press("escape")
        await pilot.pause()
        assert {str(table.get_row_at(i)[0]) for i in range(table.row_count)} == {"Lone Leder", "Jens Jensen"}

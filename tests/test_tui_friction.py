"""Friction a daily user feels (issue 21): the new row selected after saving, Enter on a total,
an empty database that says what to do first, pasted lines in a one-line field."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Static

from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.textual_private import notifications

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


def cursor_label(table: DataTable, column: int = 0) -> str:
    return str(table.get_row_at(table.cursor_row)[column])


async def test_after_saving_something_new_its_row_is_selected(db_path, org):  # noqa: F811
    from logbog_tui.storage import tickets
    from logbog_tui.storage.tickets import TicketDraft

    from .conftest import submit_form

    for title in ("Ældre sag", "Anden sag"):
        tickets.create(connect(db_path), TicketDraft(title=title), TODAY)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        await submit_form(pilot, name="Åse Ny")
        assert cursor_label(app.screen.query_one("#people", DataTable)) == "Åse Ny"

        await pilot.press("5", "n")
        await pilot.pause()
        await submit_form(pilot, title="Ny sag om eksport")
        assert cursor_label(app.screen.query_one("#ticket-list", DataTable), 1) == "Ny sag om eksport"

        await pilot.press("4", "down", "down", "n")  # the list shows FG1; the new task goes on PL4
        await pilot.pause()
        await submit_form(pilot, title="Ny opgave", area="PL4")
        assert cursor_label(app.screen.query_one("#tasks", DataTable)) == "Ny opgave"

        await pilot.press("3", "n")
        await pilot.pause()
        app.screen.query_one("#date").value = "03.03.2027"
        await pilot.press("ctrl+s")
        await pilot.pause()
        meetings = app.screen.query_one("#meeting-list", DataTable)
        assert app.screen.year == 2027 and "03.03.2027" in cursor_label(meetings)


async def test_an_empty_database_says_what_to_do_first(db_path):
    from logbog_tui.tui.dialogs import LogHoursDialog

    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Hvem er projektleder?" in str(app.screen.query_one("#warnings-panel", Static).render())
        await pilot.press("l")
        await pilot.pause()
        assert not isinstance(app.screen, LogHoursDialog)
        message = notifications(app)[-1].message
        assert "ingen personer endnu" in message and "angiv en person" not in message


async def test_lines_pasted_into_a_one_line_field_are_joined_and_said_so(db_path, org):  # noqa: F811
    from textual import events
    from textual.widgets import Input

    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        name = app.screen.query_one("#name", Input)
        name.post_message(events.Paste("Anne\nMarie Hansen\n"))
        await pilot.pause()
        assert name.value == "Anne Marie Hansen"
        assert "3" not in notifications(app)[-1].message and "2 indsatte linjer" in notifications(
            app)[-1].message


def column(table: DataTable, index: int) -> list[str]:
    return [str(table.get_row_at(i)[index]) for i in range(table.row_count)]


async def test_o_sorts_every_list_by_the_next_column_O_reverses_and_a_header_click_sorts(db_path):
    from logbog_tui.storage.demo import fill

    fill(connect(db_path), years=1, today=TODAY)
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        for key, selector in (("2", "#people"), ("3", "#meeting-list"), ("4", "#tasks"), ("5", "#ticket-list")):
            await pilot.press(key, "o")
            await pilot.pause()
            table = app.screen.query_one(selector, DataTable)
            first = column(table, 0)
            from logbog_tui.tui.widgets.plain import sort_key
            assert first == sorted(first, key=sort_key), key
            assert str(list(table.columns.values())[0].label).endswith("▲")
            await pilot.press("O")
            await pilot.pause()
            assert column(table, 0) == sorted(first, key=sort_key, reverse=True), key
        # dates sort as dates, not as text ("tir 13.10.2026" after "man 02.03.2026")
        await pilot.press("3")
        await pilot.pause()
        meetings = app.screen.query_one("#meeting-list", DataTable)
        days = [d.split()[1] for d in column(meetings, 0)]
        assert days == sorted(days, key=lambda d: d[6:] + d[3:5] + d[:2])[::-1]
        # a click on a column header sorts by it, and the sort stays when the list is refreshed
        await pilot.press("2")
        await pilot.pause()
        people = app.screen.query_one("#people", DataTable)
        await pilot.click(people, offset=(people.columns[list(people.columns)[0]].get_render_width(people) + 2, 0))
        await pilot.pause()
        organisations = column(people, 1)
        assert organisations == sorted(organisations, key=sort_key)
        app.screen.refresh_data()
        assert column(people, 1) == organisations

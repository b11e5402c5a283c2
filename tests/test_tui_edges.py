"""Issue 15 in the TUI: the log dialog's "on behalf of", its date range, and the budget panel's
member pace, unrounded budgets and explanation."""

from __future__ import annotations

import pytest
from textual.widgets import Select, DataTable, Input, Static

from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction
from logbog_tui.i18n import fmt_hours
from logbog_tui.overview import budget_overview
from logbog_tui.tui.dialogs import LogHoursDialog
from logbog_tui.tui.widgets import BudgetPanel

from .test_tui_hours import TODAY, app_for, rows


@pytest.fixture
def org(db_path):
    conn = connect(db_path)
    with transaction(conn):
        def person(name):
            return conn.execute("INSERT INTO person (name) VALUES (?)", (name,)).lastrowid

        def seat(column, value):
            return conn.execute(f"SELECT id FROM seat WHERE body_code = 'folgegruppe' AND {column} = ?",
                                (value,)).fetchone()[0]

        def member(pid, seat_id, start, end=None, sub_for=None):
            return conn.execute("INSERT INTO membership (person_id, seat_id, substitute_for_id, valid_from, valid_to)"
                                " VALUES (?, ?, ?, ?, ?)", (pid, seat_id, sub_for, start, end)).lastrowid

        ids = {n: person(n) for n in ("Lone Leder", "Anna Andersen", "Dan Dahl", "Sune Sup", "Cia Cold")}
        pl_seat = conn.execute("SELECT id FROM seat WHERE body_code = 'styregruppe' AND kind = 'project_leader'"
                               ).fetchone()[0]
        member(ids["Lone Leder"], pl_seat, "2020-01-01")
        anna = member(ids["Anna Andersen"], seat("region_code", "nordjylland"), "2020-01-01")
        dan = member(ids["Dan Dahl"], seat("edu_region_code", "ost"), "2020-01-01")
        member(ids["Cia Cold"], seat("region_code", "syddanmark"), "2026-07-01")
        member(ids["Sune Sup"], seat("region_code", "nordjylland"), "2020-01-01", sub_for=anna)
        member(ids["Sune Sup"], seat("edu_region_code", "ost"), "2020-01-01", sub_for=dan)
    conn.close()
    return ids


async def _fill(pilot, **values) -> LogHoursDialog:
    await pilot.press("l")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, LogHoursDialog)
    for name, value in values.items():
        dialog.query_one(f"#{name}", Input).value = value
    await pilot.press("enter")
    await pilot.pause()
    return dialog


async def test_the_log_dialog_asks_on_whose_behalf_a_substitute_for_two_members_worked(db_path, org):
    app = app_for(db_path)
    async with app.run_test(size=(120, 44)) as pilot:
        dialog = await _fill(pilot, hours="2", target="FG1", person="Sune Sup")
        assert app.screen is dialog
        error = str(dialog.query_one("#for-error", Static).render())
        assert "Anna Andersen; Dan Dahl" in error
        dialog.query_one("#for", Input).value = "Dan"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, LogHoursDialog)
    assert rows(db_path, "SELECT person_id, on_behalf_of_id, minutes FROM time_entry") == [
        (org["Sune Sup"], org["Dan Dahl"], 120)]


async def test_the_log_dialog_refuses_dates_before_the_organisations_start(db_path, org):
    app = app_for(db_path)
    async with app.run_test(size=(120, 44)) as pilot:
        for text in ("01.01.1900", "01.01.0001"):
            dialog = await _fill(pilot, hours="1", target="PL1", date=text)
            assert "før organisationens start 01.01.2013" in str(dialog.query_one("#date-error", Static).render())
            await pilot.press("escape")
            await pilot.pause()
    assert rows(db_path) == []


async def test_the_budget_panel_shows_members_pace_and_budgets_unrounded(db_path, org):
    app = app_for(db_path)
    async with app.run_test(size=(180, 50)) as pilot:
        await pilot.press("4", "t", "t")
        await pilot.pause()
        panel = app.screen.query_one(BudgetPanel)
        cia = budget_overview(connect(db_path), 2026, TODAY).member(org["Cia Cold"])
        row = [str(c) for c in panel.query_one("#members", DataTable).get_row(str(org["Cia Cold"]))]
        assert row[3] == fmt_hours(cia.budget) == "37,3 t"           # not rounded to 37 t
        assert row[5] == fmt_hours(round(cia.expected_to_date))      # pace over her days as a member
        assert cia.expected_to_date < cia.budget * 0.9
        explanation = str(panel.query_one("#pl-text", Static).render())
        assert "24.12, 31.12, 05.06" in explanation and "80 %" in explanation


# --- the Meetings screen: a stale host, and a move into 2027 -------------------------------------


async def test_a_stale_host_is_flagged_and_h_offers_the_turn(db_path):
    from logbog_tui.storage import meetings
    from logbog_tui.storage.meetings import MeetingDraft
    from logbog_tui.tui.dialogs.form import FormDialog

    conn = connect(db_path)
    autumn, _ = meetings.plan(conn, MeetingDraft(body="folgegruppe", day=TODAY.replace(month=12, day=8)))
    meetings.plan(conn, MeetingDraft(body="folgegruppe", day=TODAY.replace(month=12, day=1)))
    app = app_for(db_path)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one("#meeting-list", DataTable)
        assert "Region Midtjylland" in str(table.get_row(str(autumn))[-1])
        table.move_cursor(row=table.get_row_index(str(autumn)))
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.query_one("#host", Select).value == "midtjylland"  # the turn, chosen already
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert meetings.get(conn, autumn).host_code == "midtjylland"
    assert not meetings.host_checks(conn)[autumn].stale


async def test_moving_a_hovedstaden_meeting_into_2027_asks_to_take_the_successor(db_path):
    from logbog_tui.storage import meetings
    from logbog_tui.storage.meetings import MeetingDraft
    from logbog_tui.tui.dialogs import ConfirmDialog
    from logbog_tui.tui.dialogs.form import FormDialog

    conn = connect(db_path)
    mid, _ = meetings.plan(conn, MeetingDraft(body="folgegruppe", day=TODAY.replace(month=12, day=8),
                                              host_code="hovedstaden", reason="lokaler"))
    app = app_for(db_path)
    async with app.run_test(size=(140, 44)) as pilot:
        await pilot.press("3", "d")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#date", Input).value = "04.05.2027"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Region Hovedstaden findes ikke efter 31.12.2026" in str(app.screen.question)
        await pilot.press("y")
        await pilot.pause()
    moved = meetings.get(conn, mid)
    assert (moved.day.isoformat(), moved.host_code) == ("2027-05-04", "oestdanmark")

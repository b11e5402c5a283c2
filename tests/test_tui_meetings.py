"""The Meetings screen driven with Pilot: plan with the proposal, override, holiday warning,
escalation, attendance and meeting hours, export, and a snapshot of the list."""

from __future__ import annotations

from datetime import date

import pytest
from icalendar import Calendar
from textual.widgets import DataTable, Input, Select, Static

from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction
from logbog_tui.storage.demo import fill
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.dialogs.form import FormDialog
from logbog_tui.tui.dialogs.meeting_form import MeetingDialog
from logbog_tui.tui.screens.meeting_record import MeetingRecordScreen
from logbog_tui.tui.textual_private import notifications, select_options

TODAY = date(2026, 11, 25)


def app_for(path) -> LogbogApp:
    return LogbogApp(connect(path), path, today=TODAY)


def q(path, sql, *params):
    return [tuple(r) for r in connect(path).execute(sql, params).fetchall()]


async def plan(pilot, day: str, host: str | None = None, reason: str = "") -> MeetingDialog:
    await pilot.press("n")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, MeetingDialog)
    dialog.query_one("#date", Input).value = day
    await pilot.pause()
    if host is not None:
        dialog.query_one("#host", Select).value = host
        dialog.query_one("#reason", Input).value = reason
    return dialog


async def test_plan_with_the_proposal_then_override_then_the_skipped_region(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("3")
        dialog = await plan(pilot, "12.05.2026")
        assert dialog.query_one("#host", Select).value == "nordjylland"
        assert "har aldrig været vært" in str(dialog.query_one("#proposal", Static).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = await plan(pilot, "13.10.2026")
        assert dialog.query_one("#host", Select).value == "midtjylland"
        dialog.query_one("#host", Select).value = "syddanmark"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingDialog)  # a reason is needed, nothing typed is lost
        assert "begrundelse" in str(app.screen.query_one("#reason-error", Static).render())
        app.screen.query_one("#reason", Input).value = "Lokaler i Midtjylland er optaget"
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = await plan(pilot, "11.05.2027")
        assert dialog.query_one("#host", Select).value == "midtjylland"
        assert "sprunget over 13.10.2026" in str(dialog.query_one("#proposal", Static).render())
        await pilot.press("escape")
    assert q(db_path, "SELECT date, host_region_code, proposed_region_code, override_reason FROM meeting") == [
        ("2026-05-12", "nordjylland", "nordjylland", None),
        ("2026-10-13", "syddanmark", "midtjylland", "Lokaler i Midtjylland er optaget")]


async def test_the_holiday_warning_shows_while_typing(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("3")
        dialog = await plan(pilot, "14.05.2026")
        assert "helligdag: Kristi himmelfartsdag" in str(dialog.query_one("#warnings", Static).render())
        dialog.query_one("#date", Input).value = "16.05.2026"
        await pilot.pause()
        assert "lørdag" in str(dialog.query_one("#warnings", Static).render())


async def test_the_host_is_chosen_among_the_regions_in_force_and_time_may_be_9_30(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        dialog = await plan(pilot, "11.05.2027")
        hosts = [str(o[0]) for o in select_options(dialog.query_one("#host", Select)) if o[1] is not Select.NULL]
        assert "Region Østdanmark" in hosts and "Region Sjælland" not in hosts and len(hosts) == 4
        dialog.query_one("#date", Input).value = "12.05.2026"
        await pilot.pause()
        hosts = [str(o[0]) for o in select_options(dialog.query_one("#host", Select)) if o[1] is not Select.NULL]
        assert "Region Sjælland" in hosts and "Region Østdanmark" not in hosts
        dialog.query_one("#time", Input).value = "9.30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, MeetingDialog)
    assert q(db_path, "SELECT date, start_time FROM meeting") == [("2026-05-12", "09:30")]


async def test_every_error_of_the_meeting_dialog_shows_under_its_field_at_once(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        dialog = await plan(pilot, "32.13.2026")
        dialog.query_one("#time", Input).value = "25"
        dialog.query_one("#duration", Input).value = "x"
        await pilot.press("ctrl+s")
        await pilot.pause()
        shown = {n: str(dialog.query_one(f"#{n}-error", Static).render()) for n in ("date", "time", "duration")}
        assert "32.13.2026" in shown["date"] and "25" in shown["time"] and "x" in shown["duration"]
    assert q(db_path, "SELECT count(*) FROM meeting") == [(0,)]


async def test_the_drafts_refusals_show_under_the_meeting_dialogs_fields(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        dialog = await plan(pilot, "12.05.2026")
        dialog.query_one("#place", Input).value = "x" * 201
        dialog.query_one("#reason", Input).value = "a\x07b"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingDialog)
        assert "højst 200 tegn" in str(dialog.query_one("#place-error", Static).render())
        assert "styretegn" in str(dialog.query_one("#reason-error", Static).render())
        assert not dialog.query_one("#form-error", Static).display
    assert q(db_path, "SELECT count(*) FROM meeting") == [(0,)]


async def test_plan_year_through_the_ui(db_path):
    """On 25.11.2026 the meetings of May and October 2026 have passed: `p` proposes 2027's."""
    app = app_for(db_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("3", "p")
        await pilot.pause()
        question = str(app.screen.question)
        assert "Region Nordjylland" in question and "Region Midtjylland" in question
        assert "forslaget for 2027" in question and "2026" not in question.split("\n\n", 1)[1]
        await pilot.press("y")
        await pilot.pause()
        assert app.screen.year == 2027 and app.screen.query_one(DataTable).row_count == 2
    assert q(db_path, "SELECT date, host_region_code, status FROM meeting ORDER BY date") == [
        ("2027-05-11", "nordjylland", "planned"), ("2027-10-12", "midtjylland", "planned")]


async def test_plan_year_proposes_only_the_dates_still_to_come(db_path):
    app = LogbogApp(connect(db_path), db_path, today=date(2026, 7, 1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "p")
        await pilot.pause()
        assert "13.10.2026" in app.screen.question and "12.05.2026" not in app.screen.question


async def test_moving_a_meeting_warns_before_saving(db_path, members):
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "d")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#date", Input).value = "17.10.2026"  # a Saturday
        await pilot.pause()
        assert "lørdag" in str(app.screen.query_one("#live", Static).render())
        assert q(db_path, "SELECT date FROM meeting WHERE body_code = 'folgegruppe'") == [("2026-10-13",)]


@pytest.fixture
def members(db_path):
    conn = connect(db_path)
    with transaction(conn):
        ids = {n: conn.execute("INSERT INTO person (name) VALUES (?)", (n,)).lastrowid
               for n in ("Lone Leder", "Anne Aarhus", "Sofie Sup")}

        def seat(where):
            return conn.execute(f"SELECT id FROM seat WHERE body_code = 'folgegruppe' AND {where}").fetchone()[0]

        conn.execute("INSERT INTO membership (person_id, seat_id, role, valid_from) VALUES (?, ?, 'chair_secretary',"
                     " '2020-01-01')", (ids["Lone Leder"], seat("kind = 'project_leader'")))
        anne = conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2020-01-01')",
                            (ids["Anne Aarhus"], seat("region_code = 'midtjylland'"))).lastrowid
        conn.execute("INSERT INTO membership (person_id, seat_id, substitute_for_id, valid_from) VALUES (?, ?, ?,"
                     " '2020-01-01')", (ids["Sofie Sup"], seat("region_code = 'midtjylland'"), anne))
        conn.execute("INSERT INTO meeting (body_code, date, duration_minutes, status, host_region_code,"
                     " proposed_region_code) VALUES ('folgegruppe', '2026-10-13', 240, 'held', 'nordjylland',"
                     " 'nordjylland')")
        conn.execute("INSERT INTO meeting (body_code, date, status) VALUES ('styregruppe', '2026-11-05', 'held')")
    return ids


async def test_attendance_and_meeting_hours_through_the_ui(db_path, members):
    app = app_for(db_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("3", "plus")
        await pilot.pause()
        assert isinstance(app.screen, MeetingRecordScreen)
        table = app.screen.query_one("#attendance", DataTable)
        order = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert order == ["Anne Aarhus", "Lone Leder"]
        await pilot.press("s", "down", "plus")  # Anne: her substitute came; then Lone present
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#prep").value = "1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Timer registreret for 2 personer" in notifications(app)[-1].message
    assert sorted(q(db_path, "SELECT p.name, te.minutes, a.code FROM time_entry te JOIN person p ON p.id = te.person_id"
                             " JOIN task_area a ON a.id = te.area_id")) == [("Lone Leder", 300, "PL6"),
                                                                             ("Sofie Sup", 300, "FG2")]


async def test_escalation_through_the_ui(db_path, members):
    app = app_for(db_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("3", "enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#title").value = "Uenighed om eksport"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("escape", "down", "enter")  # the steering group meeting
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#title").value = "Eksport afgjort"
        app.screen.query_one("#decision").value = "Udvikles i 2027"
        await pilot.press("ctrl+s")
        await pilot.pause()
        settling = q(db_path, "SELECT id FROM agenda_item WHERE title = 'Eksport afgjort'")[0][0]
        await pilot.press("escape", "up", "enter")
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        app.screen.query_one("#item").value = f"#{settling}"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert q(db_path, "SELECT title, referred, settled_by_id FROM agenda_item WHERE title = 'Uenighed om eksport'") == [
        ("Uenighed om eksport", 1, settling)]


async def test_export_from_the_ui(db_path, members, tmp_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 45)) as pilot:
        await pilot.press("3", "i")
        await pilot.pause()
    cal = Calendar.from_ical((tmp_path / "home" / "exports" / "logbog-moeder-2026.ics").read_bytes())
    assert len(list(cal.walk("VEVENT"))) == 2


def test_meetings_list_snapshot(db_path, snap_compare):
    conn = connect(db_path)
    fill(conn, years=2, today=TODAY)
    assert snap_compare(app_for(db_path), press=["3"], terminal_size=(120, 30))

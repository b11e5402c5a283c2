"""The Tickets screen driven with Pilot: a ticket from new to closed via the supplier."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Select

from logbog_tui.storage import tickets
from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction
from logbog_tui.storage.demo import fill
from logbog_tui.storage.tickets import TicketDraft
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.dialogs import LogHoursDialog
from logbog_tui.tui.screens.tickets import TicketScreen
from logbog_tui.tui.textual_private import notifications, select_options

from .conftest import submit_form

TODAY = date(2026, 11, 25)


def app_for(path) -> LogbogApp:
    return LogbogApp(connect(path), path, today=TODAY)


def q(path, sql, *params):
    return [tuple(r) for r in connect(path).execute(sql, params).fetchall()]


async def test_from_new_to_closed_via_the_supplier(db_path):
    conn = connect(db_path)
    with transaction(conn):
        lone = conn.execute("INSERT INTO person (name) VALUES ('Lone Leder')").lastrowid
        seat = conn.execute("SELECT id FROM seat WHERE body_code = 'styregruppe' AND kind = 'project_leader'"
                            ).fetchone()[0]
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2020-01-01')",
                     (lone, seat))
    app = app_for(db_path)
    async with app.run_test(size=(130, 45)) as pilot:
        await pilot.press("5", "n")
        await pilot.pause()
        await submit_form(pilot, title="Kan ikke se kursusleder", category="fejl", reporter="Ida Udefra", org="OUH")
        assert q(db_path, "SELECT year, seq, status, reporter_name, reporter_org, assignee_id FROM ticket") == [
            (2026, 1, "new", "Ida Udefra", "OUH", lone)]
        with transaction(conn):  # as if the ticket had been opened earlier this month
            conn.execute("UPDATE ticket SET opened_on = '2026-11-02'")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TicketScreen)
        await pilot.press("F")
        await pilot.pause()
        await submit_form(pilot, ref="DT-2026-555", sent="10.11.2026", promised="20.11.2026")
        assert "overskredet" in str(app.screen.query_one("#ticket-detail").render())
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogHoursDialog)
        assert app.screen.query_one("#target", Input).value.startswith("PL9")
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        await submit_form(pilot, status="resolved", comment="DT har rettet fejlen")
        await pilot.press("S")
        await pilot.pause()
        await submit_form(pilot, status="closed")
        await pilot.press("c")
        await pilot.pause()
        await submit_form(pilot, comment="Anmelder orienteret")
        timeline = app.screen.query_one(DataTable)
        assert timeline.row_count == 5
    assert q(db_path, "SELECT status, supplier_ref, sent_to_supplier, promised_on, closed_on FROM ticket") == [
        ("closed", "DT-2026-555", "2026-11-10", "2026-11-20", "2026-11-25")]
    assert q(db_path, "SELECT kind FROM ticket_event ORDER BY id") == [("created",), ("forwarded",), ("status",),
                                                                        ("status",), ("comment",)]
    assert q(db_path, "SELECT minutes, is_support, ticket_id FROM time_entry") == [(60, 1, 1)]


async def test_a_forbidden_transition_says_so(db_path):
    tickets.create(connect(db_path), TicketDraft(title="Spørgsmål"), TODAY)
    app = app_for(db_path)
    async with app.run_test(size=(130, 45)) as pilot:
        await pilot.press("5", "S")
        await pilot.pause()
        options = [str(o[0]) for o in select_options(app.screen.query_one("#status", Select)) if o[1] is not None]
        assert "ny" not in options and "åben" in options


def _demo(db_path):
    fill(connect(db_path), years=2, today=TODAY)
    return db_path


def test_tickets_list_snapshot(db_path, snap_compare):
    assert snap_compare(app_for(_demo(db_path)), press=["5"], terminal_size=(130, 36))


def test_ticket_timeline_snapshot(db_path, snap_compare):
    conn = connect(db_path)
    tid, _ = tickets.create(conn, TicketDraft(title="Langsom indlæsning", category="fejl", priority="hoej",
                                              reporter_name="Ida"), date(2026, 11, 9))
    tickets.forward(conn, tid, "DT-2026-1", date(2026, 11, 10), date(2026, 11, 20))   # shown at 12.00 Danish time
    assert snap_compare(app_for(db_path), press=["5", "enter"], terminal_size=(130, 30))


async def test_o_twice_on_a_ticket_makes_one_task_and_goes_to_it(db_path):
    tickets.create(connect(db_path), TicketDraft(title="Eksport til Excel", category="oenske"), TODAY)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5", "T")
        await pilot.pause()
        await pilot.press("T")
        await pilot.pause()
        assert "allerede udviklingsopgave #1" in notifications(app)[-1].message
        assert app.current_mode == "tasks"
        tasks = app.screen.query_one("#tasks", DataTable)
        assert [str(tasks.get_row_at(i)[0]) for i in range(tasks.row_count)] == ["Eksport til Excel (2026-0001)"]
    assert q(db_path, "SELECT count(*) FROM task") == [(1,)]

"""Screen 8 (Udvikling) driven with Pilot: an item from a ticket, prioritised in the meeting record,
ordered, delivered in a release whose notes are edited and whose tickets are resolved; the views;
every dialog at 80x24."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Button, DataTable

from logbog_tui.storage import development as dev
from logbog_tui.storage import development_list as dev_list
from logbog_tui.storage import development_releases as rel
from logbog_tui.storage import tickets
from logbog_tui.storage.db import connect
from logbog_tui.storage.models import Meeting
from logbog_tui.storage.session import transaction
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.dialogs.form import FormDialog
from logbog_tui.tui.screens.development import DevelopmentScreen, ItemScreen
from logbog_tui.tui.screens.meeting_record import MeetingRecordScreen
from logbog_tui.tui.textual_private import notifications

from .conftest import submit_form

TODAY = date(2026, 11, 25)


def app_for(path) -> LogbogApp:
    return LogbogApp(connect(path), path, today=TODAY)


def rows(app) -> list[tuple[str, ...]]:
    table = app.screen.query_one(DataTable)
    return [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


@pytest.fixture
def ticket(db_path) -> str:
    conn = connect(db_path)
    ticket_id, number = tickets.create(conn, tickets.TicketDraft(title="PDF-eksport mangler", category="oenske"),
                                       date(2026, 9, 1))
    tickets.change_status(conn, ticket_id, "open", TODAY, on=date(2026, 9, 2))
    with transaction(conn) as session:
        session.add(Meeting(body_code="folgegruppe", date=date(2026, 10, 20), status="held"))
    conn.close()
    return number


async def test_an_item_from_a_ticket_to_a_release(db_path, ticket):
    app = app_for(db_path)
    conn = connect(db_path)
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("8", "n")
        await pilot.pause()
        await submit_form(pilot, ticket=ticket, area="FG2", askers="nord, hovedstaden")
        assert isinstance(app.screen, DevelopmentScreen)
        assert rows(app)[0][:4] == ("#1", "PDF-eksport mangler", "forbedring", "idé")
        # the follow-up group's meeting takes it as an agenda item and prioritises it
        meeting = conn.execute("SELECT id FROM meeting").fetchone()[0]
        app.push_screen(MeetingRecordScreen(meeting))
        await pilot.pause()
        await pilot.press("I")
        await pilot.pause()
        assert app.screen.query_one("#items").value == "1"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingRecordScreen)
        await pilot.press("V")
        await pilot.pause()
        await submit_form(pilot, priority="høj", decision="Bestilles hos DT")
        await pilot.press("escape")
        await pilot.pause()
        assert rows(app)[0][3:5] == ("prioriteret", "høj")
        # ordered: the dialog refuses without an estimate, then takes it
        await pilot.press("S")
        await pilot.pause()
        await submit_form(pilot, status="ordered", ref="DT-88", promised="+10")
        assert isinstance(app.screen, FormDialog) and "estimat" in str(app.screen.query_one("#estimate-error")
                                                                       .render())
        await submit_form(pilot, estimate="40t")
        await pilot.press("S")
        await pilot.pause()
        await submit_form(pilot, status="in_development")
        await pilot.press("R")
        await pilot.pause()
        assert app.screen.query_one("#items").value == "1"
        await submit_form(pilot, version="4.2")
        assert rows(app)[0][:2] == ("4.2", "25.11.2026") and rows(app)[1][3] == "PDF-eksport mangler"
        await pilot.press("e")
        await pilot.pause()
        await submit_form(pilot, notes="Nu kan logbogen eksporteres til PDF.")
        await pilot.press("L")
        await pilot.pause()
        assert "1 sager løst" in notifications(app)[-1].message
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ItemScreen)
        assert [r[2] for r in rows(app)] == ["oprettet", "prioritet", "idé → prioriteret", "prioriteret → bestilt",
                                             "bestilt → under udvikling", "under udvikling → leveret"]
    assert tickets.list_tickets(conn)[0].status == "resolved"
    assert rel.find_release(conn, "4.2").notes == "Nu kan logbogen eksporteres til PDF."
    assert dev_list.get(conn, 1).askers == ("Videreuddannelsesregion Nord", "Region Hovedstaden")


async def test_views_overdue_in_red_and_the_filter(db_path):
    conn = connect(db_path)
    late = dev.create(conn, dev.ItemDraft.check({"title": "Sent fra DT"}), date(2026, 9, 1), askers=("syd",))
    dev.create(conn, dev.ItemDraft.check({"title": "Bare en idé"}), TODAY)
    with transaction(conn):  # ordered long ago, promised 20 days ago
        conn.execute("UPDATE dev_item SET status = 'ordered', ordered_on = '2026-09-10', promised_on = '2026-11-05',"
                     " supplier_ref = 'DT-1', estimate_kr = 1000 WHERE id = ?", (late,))
    app = app_for(db_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("8")
        await pilot.pause()
        assert [r[1] for r in rows(app)] == ["Bare en idé", "Sent fra DT"]  # by status along the life
        await pilot.press("slash", *"idé")
        await pilot.pause()
        assert [r[1] for r in rows(app)] == ["Bare en idé"]
        await pilot.press("escape", "v")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        cell = table.get_row_at(0)[-1]
        assert str(cell) == "05.11.2026 +20" and "red" in str(cell.style)
        await pilot.press("d", "d")  # more than 30 days: none
        await pilot.pause()
        assert rows(app) == []
        await pilot.press("v")
        await pilot.pause()
        assert rows(app) == [("Videreuddannelsesregion Syd", "1", "0", "1", "0")]


@pytest.mark.parametrize("keys", [("8", "n"), ("8", "R"), ("8", "S")])
async def test_the_dialogs_fit_80x24(db_path, keys):
    conn = connect(db_path)
    dev.create(conn, dev.ItemDraft.check({"title": "Et punkt"}), TODAY)
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        for button in app.screen.query(Button):
            assert button.region.height >= 1 and 0 < button.region.y < 23 and button.region.right <= 80

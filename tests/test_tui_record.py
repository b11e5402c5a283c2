"""A meeting's record driven with Pilot: what used to change data without a word (issue 21):
referring erased the owner, a referral could be settled before it was made, meeting hours went on
any area and twice, and could not be undone."""

from __future__ import annotations

from datetime import date

from textual.widgets import Select

from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.dialogs import ConfirmDialog
from logbog_tui.tui.dialogs.form import FormDialog
from logbog_tui.tui.screens.meeting_record import MeetingRecordScreen
from logbog_tui.tui.textual_private import notifications, select_options

from .test_tui_meetings import members  # noqa: F401 - the fixture

TODAY = date(2026, 11, 25)


def app_for(path) -> LogbogApp:
    return LogbogApp(connect(path), path, today=TODAY)


def q(path, sql, *params):
    return [tuple(r) for r in connect(path).execute(sql, params).fetchall()]


def last_message(app) -> str:
    return notifications(app)[-1].message


async def test_referring_and_unreferring_keep_the_owner(db_path, members):  # noqa: F811
    fg = q(db_path, "SELECT id FROM meeting WHERE body_code = 'folgegruppe'")[0][0]
    with transaction(conn := connect(db_path)):
        conn.execute("INSERT INTO agenda_item (meeting_id, title, owner_id, decision)"
                     " VALUES (?, 'Eksport', ?, 'Uenige')", (fg, members["Anne Aarhus"]))
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingRecordScreen)
        await pilot.press("r")
        await pilot.pause()
        assert q(db_path, "SELECT owner_id, referred, decision FROM agenda_item") == [
            (members["Anne Aarhus"], 1, "Uenige")]
        await pilot.press("r")
        await pilot.pause()
    assert q(db_path, "SELECT owner_id, referred, decision FROM agenda_item") == [(members["Anne Aarhus"], 0, "Uenige")]


async def test_a_referral_is_not_settled_by_an_earlier_steering_group_meeting(db_path, members):  # noqa: F811
    conn = connect(db_path)
    with transaction(conn):
        early = conn.execute("INSERT INTO meeting (body_code, date, status) VALUES ('styregruppe', '2026-03-05',"
                             " 'held')").lastrowid
        settling = conn.execute("INSERT INTO agenda_item (meeting_id, title, decision) VALUES (?, 'Gammel sag', 'Ja')",
                                (early,)).lastrowid
        fg = conn.execute("SELECT id FROM meeting WHERE body_code = 'folgegruppe'").fetchone()[0]
        conn.execute("INSERT INTO agenda_item (meeting_id, title, referred) VALUES (?, 'Uenighed', 1)", (fg,))
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        table = app.screen.query_one("#meeting-list")
        keys = [app.screen.rows[str(table.coordinate_to_cell_key((i, 0)).row_key.value)].id
                for i in range(table.row_count)]
        table.move_cursor(row=keys.index(fg))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("A")
        await pilot.pause()
        app.screen.query_one("#item").value = f"#{settling}"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert "05.03.2026 ligger før henvisningen 13.10.2026" in str(app.screen.query_one("#form-error").render())
    assert q(db_path, "SELECT settled_by_id FROM agenda_item WHERE title = 'Uenighed'") == [(None,)]


async def _record_with_attendance(pilot) -> None:
    await pilot.press("3", "plus")
    await pilot.pause()
    await pilot.press("plus", "plus")  # Anne and Lone present
    await pilot.pause()


async def test_meeting_hours_offer_only_follow_up_group_areas(db_path, members):  # noqa: F811
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _record_with_attendance(pilot)
        await pilot.press("l")
        await pilot.pause()
        area = app.screen.query_one("#area", Select)
        labels = [str(o[0]) for o in select_options(area) if o[1] is not Select.NULL]
        assert labels and all(label.startswith("FG") for label in labels) and len(labels) == 6
        assert area.value == q(db_path, "SELECT id FROM task_area WHERE code = 'FG2'")[0][0]  # the default
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert sorted(q(db_path, "SELECT a.code FROM time_entry te JOIN task_area a ON a.id = te.area_id")) == [
        ("FG2",), ("PL6",)]


async def test_meeting_hours_twice_asks_and_one_u_undoes_the_batch(db_path, members):  # noqa: F811
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _record_with_attendance(pilot)
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert q(db_path, "SELECT count(*) FROM time_entry") == [(2,)]
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # what is logged already, and a question
        assert "Anne Aarhus: 4 t (FG2)" in app.screen.question and "Lone Leder: 4 t (PL6)" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        assert q(db_path, "SELECT count(*) FROM time_entry") == [(2,)]
        await pilot.press("u")
        await pilot.pause()
        assert "Fortrudt" in last_message(app) and "2 rækker i time_entry" in last_message(app)  # one u: both
    assert q(db_path, "SELECT count(*) FROM time_entry") == [(0,)]


async def test_plus_and_minus_act_on_attendance_only_while_it_has_the_focus(db_path, members):  # noqa: F811
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "enter")
        await pilot.pause()
        assert app.screen.focused.id == "items"
        await pilot.press("plus", "minus", "s")
        await pilot.pause()
        assert q(db_path, "SELECT count(*) FROM attendance") == [(0,)]
        await pilot.press("tab", "plus")
        await pilot.pause()
        assert q(db_path, "SELECT count(*) FROM attendance") == [(1,)]


async def test_an_agenda_item_without_a_title_is_refused_under_its_field(db_path, members):  # noqa: F811
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3", "enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert str(app.screen.query_one("#title-error").render()) == "Titel skal udfyldes"
    assert q(db_path, "SELECT count(*) FROM agenda_item") == [(0,)]

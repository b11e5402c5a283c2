"""The Members screen driven with Pilot: add, appoint, substitute, filter, erase, composition."""

from __future__ import annotations

import json
from datetime import date

import pytest
from textual.widgets import DataTable, Input

from logbog_tui.i18n import t
from logbog_tui.storage.db import connect
from logbog_tui.storage.demo import fill
from logbog_tui.storage.session import transaction
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.dialogs import ConfirmDialog
from logbog_tui.tui.dialogs.form import FormDialog
from logbog_tui.tui.screens.composition import CompositionScreen

from .conftest import submit_form

TODAY = date(2026, 11, 25)


def app_for(path) -> LogbogApp:
    return LogbogApp(connect(path), path, today=TODAY)


def q(path, sql, *params):
    return [tuple(r) for r in connect(path).execute(sql, params).fetchall()]


def seat(path, body, **where):
    key, value = next(iter(where.items()))
    return q(path, f"SELECT id FROM seat WHERE body_code = ? AND {key} = ?", body, value)[0][0]


async def test_add_appoint_substitute_filter_and_erase(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        await submit_form(pilot, name="Mette Møller", email="mette@", phone="12 34 56 78")
        assert isinstance(app.screen, FormDialog)  # the bad e-mail keeps the dialog, and the text
        assert app.screen.query_one("#name", Input).value == "Mette Møller"
        await submit_form(pilot, email="mette@rm.dk")
        assert q(db_path, "SELECT name, email, phone FROM person") == [("Mette Møller", "mette@rm.dk", "12 34 56 78")]

        await pilot.press("a")
        await pilot.pause()
        await submit_form(pilot, seat=seat(db_path, "folgegruppe", region_code="midtjylland"), start="01.01.2026",
                          reference="Styregruppemøde 12.12.2025")
        assert q(db_path, "SELECT valid_from, valid_to, appointment_ref FROM membership") == [
            ("2026-01-01", None, "Styregruppemøde 12.12.2025")]

        await pilot.press("n")
        await submit_form(pilot, name="Søren Suppleant")
        table = app.screen.query_one("#people", DataTable)
        table.move_cursor(row=[str(table.get_row_at(i)[0]) for i in range(table.row_count)].index("Søren Suppleant"))
        await pilot.press("s")
        await pilot.pause()
        member_id = q(db_path, "SELECT id FROM membership")[0][0]
        await submit_form(pilot, member=member_id)
        assert q(db_path, "SELECT p.name, m.substitute_for_id FROM membership m JOIN person p ON p.id = m.person_id"
                          " WHERE m.substitute_for_id IS NOT NULL") == [("Søren Suppleant", member_id)]

        await pilot.press("slash", *"møl")
        await pilot.pause()
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["Mette Møller"]
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 2

        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)  # she holds a seat: its last day is asked for
        await submit_form(pilot, last_day="31.12.2026")
    # Mette has a substitute, so she could only be erased; hours and memberships are kept.
    names = {r[0] for r in q(db_path, "SELECT name FROM person")}
    assert "Mette Møller" not in names and any(n.startswith("Slettet person #") for n in names)
    assert q(db_path, "SELECT valid_to FROM membership ORDER BY id") == [("2026-12-31",), ("2026-12-31",)]


async def test_overlapping_appointment_is_refused_in_the_dialog(db_path):
    conn = connect(db_path)
    with transaction(conn):
        a = conn.execute("INSERT INTO person (name) VALUES ('Anne')").lastrowid
        conn.execute("INSERT INTO person (name) VALUES ('Bent')")
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2025-01-01')",
                     (a, seat(db_path, "folgegruppe", region_code="nordjylland")))
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "down", "a")
        await pilot.pause()
        await submit_form(pilot, seat=seat(db_path, "folgegruppe", region_code="nordjylland"))
        assert isinstance(app.screen, FormDialog)
        assert "allerede besat af Anne" in str(app.screen.query_one("#seat-error").render())  # under Plads
    assert q(db_path, "SELECT count(*) FROM membership") == [(1,)]


async def test_end_membership_and_export(db_path, tmp_path):
    conn = connect(db_path)
    with transaction(conn):
        a = conn.execute("INSERT INTO person (name, email) VALUES ('Anne', 'anne@example.org')").lastrowid
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2025-01-01')",
                     (a, seat(db_path, "folgegruppe", region_code="nordjylland")))
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "x")
        await pilot.pause()
        await submit_form(pilot, end="31.12.2026")
        assert q(db_path, "SELECT valid_to FROM membership") == [("2026-12-31",)]
        await pilot.press("E")
        await pilot.pause()
    exported = json.loads((tmp_path / "home" / "exports" / f"person-{a}.json").read_text())
    assert exported["person"]["email"] == "anne@example.org" and len(exported["memberships"]) == 1


async def test_erasing_a_seat_holder_ends_the_seat_on_the_last_day_asked_for(db_path):
    """Erasing a person who holds a seat must not leave "Slettet person #ID" in it for ever: the
    dialog names the seats and asks for their last day; a seat not begun by then is cancelled."""
    conn = connect(db_path)
    with transaction(conn):
        a = conn.execute("INSERT INTO person (name) VALUES ('Anne')").lastrowid
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2025-01-01')",
                     (a, seat(db_path, "folgegruppe", region_code="nordjylland")))
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2027-02-01')",
                     (a, seat(db_path, "styregruppe", kind="organisation")))
        area = conn.execute("SELECT id FROM task_area WHERE code = 'FG1'").fetchone()[0]
        conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id) VALUES (?, '2026-05-05', 60, ?)",
                     (a, area))
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "D")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        intro = str(dialog.query_one(".intro").render())
        assert "Følgegruppen: Region Nordjylland" in intro and "sidste dag" in intro
        await submit_form(pilot, last_day="31.12.2026")
        assert not isinstance(app.screen, FormDialog)
    assert q(db_path, "SELECT name FROM person") == [(f"Slettet person #{a}",)]
    assert q(db_path, "SELECT valid_to FROM membership") == [("2026-12-31",)]  # the future seat is cancelled
    assert q(db_path, "SELECT count(*) FROM time_entry") == [(1,)]


async def test_a_future_membership_can_be_cancelled(db_path):
    conn = connect(db_path)
    with transaction(conn):
        a = conn.execute("INSERT INTO person (name) VALUES ('Anne')").lastrowid
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2027-01-01')",
                     (a, seat(db_path, "folgegruppe", region_code="nordjylland")))
    app = app_for(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "f", "x")  # f: Anne is not a current member yet
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "01.01.2027" in str(app.screen.query_one("Plain").render())
        await pilot.press("y")
        await pilot.pause()
    assert q(db_path, "SELECT count(*) FROM membership") == [(0,)]


@pytest.fixture
def demo_db(db_path):
    conn = connect(db_path)
    fill(conn, years=3, today=TODAY)
    return db_path


async def test_composition_on_31_12_2026_and_01_01_2027(demo_db):
    app = app_for(demo_db)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("2", "c")
        await pilot.pause()
        assert isinstance(app.screen, CompositionScreen)

        async def seats_on(day: str):
            box = app.screen.query_one("#date", Input)
            box.value = day
            box.focus()
            await pilot.press("enter")
            await pilot.pause()
            table = app.screen.query_one(DataTable)
            return {(str(r[0]), str(r[1]).replace("\n", " ")): str(r[2])
                    for r in (table.get_row_at(i) for i in range(table.row_count))}

        before = await seats_on("31.12.2026")
        after = await seats_on("01.01.2027")
        assert ("FG", "Region Hovedstaden") in before and ("FG", "Region Sjælland") in before
        assert ("FG", "Region Hovedstaden") not in after
        assert after[("FG", "Region Østdanmark")] == "LEDIG"
        assert sum(1 for body, _ in after if body == "FG") == 4 + 3 + 1  # + the project leader's seat


async def test_composition_at_80_columns_shows_whole_seat_names_and_the_substitutes(demo_db):
    app = app_for(demo_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "c")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        seats = [str(table.get_row_at(i)[1]).replace("\n", " ") for i in range(table.row_count)]
        heads = [s for s in seats if s.startswith("Chef, Sekretariatet")]
        assert sorted(heads) == [f"Chef, Sekretariatet for Lægelig Videreuddannelse {r}"
                                 for r in ("Nord", "Syd", "Øst")]
        assert [str(c.label).rstrip(" →") for c in table.columns.values()][-1] == "Suppleanter"
        assert table.virtual_size.width <= table.size.width  # nothing hidden to the right
        assert any(str(table.get_row_at(i)[3]) for i in range(table.row_count))  # the demo has substitutes


def test_members_list_snapshot(demo_db, snap_compare):
    assert snap_compare(app_for(demo_db), press=["2"], terminal_size=(120, 36))


def test_composition_snapshot_2027(demo_db, snap_compare):
    async def to_2027(pilot):
        await pilot.press("2", "c")
        await pilot.pause()
        box = pilot.app.screen.query_one("#date", Input)
        box.value = "01.01.2027"
        box.focus()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app_for(demo_db), run_before=to_2027, terminal_size=(130, 36))


async def test_the_appointment_dialog_says_each_refusal_under_its_field(db_path):
    conn = connect(db_path)
    with transaction(conn):
        conn.execute("INSERT INTO person (name) VALUES ('Anne')")
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "a")
        await pilot.pause()
        await submit_form(pilot, seat=seat(db_path, "folgegruppe", region_code="nordjylland"),
                          start="01.02.2026", end="31.01.2026", reference="møde\x1b[2J")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert "før startdatoen" in str(dialog.query_one("#end-error").render())
        assert str(dialog.query_one("#reference-error").render()) == t("text.control_chars")
        assert not dialog.query_one("#seat-error").display
    assert q(db_path, "SELECT count(*) FROM membership") == [(0,)]


async def test_moving_through_the_members_asks_one_query_per_move(demo_db):
    """The memberships of the highlighted person come in one query, whatever their number."""
    app = app_for(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        people = app.screen.query_one("#people", DataTable)
        asked: list[str] = []
        app.conn.set_trace_callback(asked.append)
        for _ in range(5):
            await pilot.press("down")
        await pilot.pause()
        app.conn.set_trace_callback(None)
        shown = app.screen.query_one("#memberships", DataTable).row_count
        assert people.cursor_row == 5 and shown >= 1
        assert len([sql for sql in asked if "membership" in sql]) == 5

"""The Registers screen (`6`, issue 19), driven as a user would: each tab's flows (add, edit, the
quick keys), the warning appearing on the dashboard, logging hours from a row with its task area
filled in, hostile text shown as typed, the palette, and every tab at 80x24."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Button, DataTable, Static

from logbog_tui.storage.db import connect
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.dialogs import KeysScreen, LogHoursDialog
from logbog_tui.tui.dialogs.form import FormDialog

from .conftest import add_leader, still_cursors, submit_form, until

TODAY = date(2026, 11, 25)
SIZE = (80, 24)


def app_for(path) -> LogbogApp:
    return LogbogApp(connect(path), path, today=TODAY)


def rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def attention(app) -> str:
    return str(app.screen.query_one("#warnings-panel", Static).render())


async def open_tab(pilot, tab: int) -> None:
    await pilot.press("6")
    await pilot.pause()
    for _ in range(tab):
        await pilot.press("t")
        await pilot.pause()
    await pilot.pause()


async def test_key_6_opens_the_registers_with_four_tabs_and_question_mark_lists_their_keys(db_path):
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, 0)
        assert app.current_mode == "registers"
        titles = [str(tab.label) for tab in app.screen.query("Tab")]
        assert titles == ["Målbeskrivelser", "Kursusledere", "Vejledninger", "Kontrakter"]
        table = app.screen.query_one("#specialties", DataTable)
        assert table.row_count == 39 and rows(table)[0][0] == "Akutmedicin"
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        listed = rows(app.screen.query_one(DataTable))
        for key, action in (("6", "Registre"), ("n", "Ny"), ("i", "Indlæst i dag"), ("l", "Log timer her"),
                            ("t", "Næste fane"), ("s", "Nyt speciale")):
            assert [key, action] in listed, (key, action, listed)


async def test_a_new_malbeskrivelse_waits_on_the_dashboard_until_it_is_loaded(db_path):
    add_leader(db_path)
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot, 0)
        await pilot.press("G")  # Urologi, the last
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog) and app.screen.query_one("#specialty").value == "Urologi"
        await submit_form(pilot, approved="01.11.2026", edition="=1+1|[b]")
        await pilot.pause()
        table = app.screen.query_one("#specialties", DataTable)
        urologi = rows(table)[-1]
        assert urologi[0] == "Urologi" and urologi[4] == "venter 24 d."
        versions = app.screen.query_one("#versions", DataTable)
        assert rows(versions)[0][0] == "=1+1|[b]"  # hostile text shown as typed
        await pilot.press("1")
        await pilot.pause()
        assert "Målbeskrivelser ikke indlæst i logbog.net (1): Urologi =1+1|[b] (24 dage)" in attention(app)
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("i")  # loaded today
        await pilot.pause()
        assert rows(table)[-1][3] == "25.11.2026" and rows(table)[-1][4] == "indlæst"
        await pilot.press("1")
        await pilot.pause()
        assert "Målbeskrivelser" not in attention(app)


async def test_editing_a_version_and_adding_an_appendix(demo):
    conn = connect(demo)
    akut = conn.execute("SELECT id FROM curriculum WHERE specialty_id = 1 ORDER BY approved DESC").fetchone()[0]
    app = app_for(demo)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, 0)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog) and app.screen.query_one("#approved").value
        await submit_form(pilot, note="Ny note [b]", effective="31.02.2026")  # no such day: shown under it
        assert isinstance(app.screen, FormDialog)
        assert "findes ikke" in str(app.screen.query_one("#effective-error", Static).render())
        await submit_form(pilot, effective="")
        assert not isinstance(app.screen, FormDialog)
        assert tuple(conn.execute("SELECT note, effective FROM curriculum WHERE id = ?", (akut,)).fetchone()) == (
            "Ny note [b]", None)
        await pilot.press("b")
        await pilot.pause()
        await submit_form(pilot, title="Bilag 9: Kompetencekort", version="2", loaded="i dag")
        assert tuple(conn.execute("SELECT title, loaded FROM curriculum_appendix WHERE curriculum_id = ?"
                                  " ORDER BY id DESC", (akut,)).fetchone()) == ("Bilag 9: Kompetencekort", "2026-11-25")


async def test_l_on_a_specialty_row_logs_hours_on_pl1(db_path):
    add_leader(db_path)
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, 0)
        await pilot.press("down", "l")
        await until(lambda: isinstance(app.screen, LogHoursDialog))
        await pilot.pause()
        assert app.screen.query_one("#target").value == "PL1 Målbeskrivelser"
        assert app.screen.query_one("#note").value == "Almen medicin"
        await pilot.press(*"1,5", "enter")
        await pilot.pause()
    conn = connect(db_path)
    assert [tuple(r) for r in conn.execute("SELECT a.code, e.minutes, e.note FROM time_entry e"
                                           " JOIN task_area a ON a.id = e.area_id")] == [("PL1", 90, "Almen medicin")]


async def test_a_specialty_can_be_added_and_ended_on_the_screen(db_path):
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, 0)
        await pilot.press("s")
        await pilot.pause()
        await submit_form(pilot, name="Akutmedicin")  # exists: said under the name
        assert "findes allerede" in str(app.screen.query_one("#name-error", Static).render())
        await submit_form(pilot, name="Tandlægevidenskab (fiktiv)", valid_from="1.1.2027")
        table = app.screen.query_one("#specialties", DataTable)
        assert table.row_count == 40
        await pilot.press("g", "S")
        await pilot.pause()
        await submit_form(pilot, valid_to="31.12.2025")
        assert rows(table)[0][4] == "ophørt 31.12.2025"


async def test_course_leaders_a_new_main_leader_and_entering_it(db_path):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot, 1)
        table = app.screen.query_one("#leaders", DataTable)
        assert table.row_count == 0
        await pilot.press("n")
        await pilot.pause()
        await submit_form(pilot, specialty="Urologi", region="Øst", role="main", who="Anne Fiktiv",
                          email="anne@example.org", valid_from="1.11.2026")
        assert not isinstance(app.screen, FormDialog)
        shown = rows(table)
        # the register is in use: the other 116 specialties and regions show their gap
        assert len(shown) == 117 and ["Urologi", "Øst", "hoved", "Anne Fiktiv", "01.11.2026",
                                      "mangler"] in shown
        await pilot.press("1")
        await pilot.pause()
        text = attention(app)
        assert "Kursusledere ikke indført i logbog.net (1): Anne Fiktiv (hovedkursusleder, Urologi, Øst)" \
            in text and "Uden hovedkursusleder (116): Akutmedicin, Nord; Akutmedicin, Syd; Akutmedicin, Øst" in text
        await pilot.press("6")
        await pilot.pause()
        table.move_cursor(row=[r[3] for r in rows(table)].index("Anne Fiktiv"))
        await pilot.press("i")
        await pilot.pause()
        assert ["Urologi", "Øst", "hoved", "Anne Fiktiv", "01.11.2026", "25.11.2026"] in rows(table)
        await pilot.press("e")
        await pilot.pause()
        await submit_form(pilot, region="Syd", who="")
        assert "skal udfyldes" in str(app.screen.query_one("#who-error", Static).render())


async def test_a_missing_main_leader_row_opens_a_prefilled_form(demo):
    app = app_for(demo)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, 1)
        table = app.screen.query_one("#leaders", DataTable)
        missing = [i for i, r in enumerate(rows(table)) if r[3] == "– mangler –"]
        assert len(missing) == 2
        table.move_cursor(row=missing[0])
        specialty, region = rows(table)[missing[0]][:2]
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert specialty.rstrip("…") in dialog.query_one("#specialty").value
        assert (dialog.query_one("#region").value, dialog.query_one("#role").value) == (region, "main")


async def test_documents_due_for_review_and_a_review(db_path):
    add_leader(db_path)
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, 2)
        await pilot.press("n")
        await pilot.pause()
        await submit_form(pilot, title="Vejledning | [b]=1+1", audience="supervisors", review_on="1.10.2026",
                          owner="Lone Leder")
        table = app.screen.query_one("#documents", DataTable)
        assert rows(table) == [["Vejledning | [b]=1+1", "vejledere", "", "Lone Leder", "01.10.2026"]]
        await pilot.press("1")
        await pilot.pause()
        assert "Vejledninger der skulle være gennemset (1): Vejledning | [b]=1+1 (01.10.2026)" in attention(app)
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await submit_form(pilot)  # reviewed today; the next review in a year
        assert rows(table)[0][4] == "25.11.2027"
        await pilot.press("1")
        await pilot.pause()
        assert "Vejledninger" not in attention(app)


async def test_contracts_a_notice_deadline_on_the_dashboard(db_path):
    add_leader(db_path)
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_tab(pilot, 3)
        await pilot.press("n")
        await pilot.pause()
        await submit_form(pilot, title="Serviceaftale", party="Dansk Telemedicin", valid_from="1.1.2024",
                          valid_to="31.3.2027", notice_months="tre")
        assert "helt antal måneder" in str(app.screen.query_one("#notice_months-error", Static).render())
        await submit_form(pilot, notice_months="3")
        table = app.screen.query_one("#contracts", DataTable)
        assert rows(table) == [["Serviceaftale", "Dansk Telemedicin", "31.03.2027", "31.12.2026", "frist 36 d."]]
        await pilot.press("1")
        await pilot.pause()
        assert "Kontrakter med opsigelsesfrist inden 90 dage (1): Serviceaftale: senest 31.12.2026 (om 36 dage)" \
            in attention(app)
        await pilot.press("6")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await submit_form(pilot, valid_to="31.10.2026", notice_months="")
        assert rows(table)[0][4] == "uden afløser"
        await pilot.press("e")
        await pilot.pause()
        await submit_form(pilot, successor="x")
        assert "ikke en kontrakts id" in str(app.screen.query_one("#successor-error", Static).render())


async def test_the_palette_finds_a_specialty_and_a_contract(demo):
    app = app_for(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"Retsmedicin")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.current_mode == "registers"
        table = app.screen.query_one("#specialties", DataTable)
        await until(lambda: rows(table)[table.cursor_row][0] == "Retsmedicin")
        await pilot.press("ctrl+p", *"testmilj")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        contracts = app.screen.query_one("#contracts", DataTable)
        await until(lambda: rows(contracts)[contracts.cursor_row][0].startswith("Aftale om testmi"))


@pytest.mark.parametrize("tab", [0, 1, 2, 3])
async def test_every_tab_fits_80x24(demo, tab):
    app = app_for(demo)
    async with app.run_test(size=SIZE) as pilot:
        await open_tab(pilot, tab)
        table = app.screen.panel().table
        assert table.row_count and table.virtual_size.width <= table.size.width, table.virtual_size
        assert table.region.bottom < SIZE[1]
        await pilot.press("n")
        await pilot.pause()
        for button in app.screen.query(Button):
            assert 0 < button.region.y < SIZE[1] - 1 and button.region.right <= SIZE[0]


@pytest.mark.parametrize("tab", [0, 1, 2, 3])
def test_tab_snapshot_at_80x24(demo, snap_compare, tab):
    async def run(pilot) -> None:
        await open_tab(pilot, tab)
        still_cursors(pilot.app)

    assert snap_compare(app_for(demo), run_before=run, terminal_size=SIZE)

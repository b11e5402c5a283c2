"""The Economy screen (`7`, issue 20), driven as a user would: the demo year's lines in kroner with
their status, the regions' shares, `[`/`]` to the next year with Region Østdanmark, a year without a
key saying so, a new line, a posting and the key through the dialogs, and every dialog at 80x24."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Button, DataTable, Static

from logbog_tui.storage.db import connect
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.dialogs import KeysScreen
from logbog_tui.tui.dialogs.form import FormDialog

from .conftest import submit_form

TODAY = date(2026, 11, 25)
SIZE = (80, 24)


def app_for(path) -> LogbogApp:
    return LogbogApp(connect(path), path, today=TODAY)


def rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_key_7_shows_the_years_lines_shares_and_question_mark_lists_the_keys(demo):
    app = app_for(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        assert app.current_mode == "economy"
        lines = rows(app.screen.query_one("#econ-lines", DataTable))
        assert lines[0][:3] == ["Drift og vedligehold (D…", "1.850.000", "1.850.000"]
        assert "advarsel" in [row[4] for row in lines]  # development runs hot this year
        assert lines[-1][0] == "I alt"
        assert "Økonomi 2026" in text(app, "#econ-head")
        assert "à 670 kr." in text(app, "#econ-hours") and "(timesats: standard, r retter)" in text(app, "#econ-hours")
        shares = rows(app.screen.query_one("#econ-shares", DataTable))
        assert [s[0] for s in shares] == ["Region Nordjylland", "Region Midtjylland", "Region Syddanmark",
                                          "Region Hovedstaden", "Region Sjælland"]
        assert shares[3][1] == "31,25 %"
        # and shown: the table is as high as its rows (it was 0 lines high, the rows unseen)
        assert app.screen.query_one("#econ-shares", DataTable).region.height == len(shares) + 1
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        listed = rows(app.screen.query_one(DataTable))
        for key, action in (("7", "Økonomi"), ("n", "Ny linje"), ("p", "Postering"), ("f", "Nøgle"),
                            ("r", "Timesats")):
            assert [key, action] in listed, (key, action, listed)


async def test_next_year_has_oestdanmark_and_a_year_without_key_says_so(demo):
    app = app_for(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7", "right_square_bracket")
        await pilot.pause()
        assert "Økonomi 2027" in text(app, "#econ-head")
        shares = rows(app.screen.query_one("#econ-shares", DataTable))
        assert shares[-1][:2] == ["Region Østdanmark", "46,64 %"] and len(shares) == 4
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Ingen fordelingsnøgle for 2028" in text(app, "#econ-key-head")
        assert not app.screen.query_one("#econ-shares", DataTable).display
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert "Økonomi 2026" in text(app, "#econ-head")
        table = app.screen.query_one("#econ-shares", DataTable)
        assert table.display and table.region.height == table.row_count + 1  # shown again, rows and all


async def test_a_new_line_a_posting_and_the_key_through_the_dialogs(db_path):
    conn = connect(db_path)
    app = app_for(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        assert "Ingen fordelingsnøgle for 2026" in text(app, "#econ-key-head")
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        await submit_form(pilot, kind="hosting", name="Hosting [b]=1+1", budget="1,5")  # øre: refused
        assert isinstance(app.screen, FormDialog)
        assert "hele kroner" in str(app.screen.query_one("#budget-error", Static).render())
        await submit_form(pilot, budget="1,2 mio.")
        assert not isinstance(app.screen, FormDialog)
        await pilot.pause()
        lines = rows(app.screen.query_one("#econ-lines", DataTable))
        assert lines[0] == ["Hosting [b]=1+1", "1.200.000", "0", "0", "ok", "0", "1.200.000", "1.081.644"]
        await pilot.press("p")
        await pilot.pause()
        await submit_form(pilot, amount="1.000.000 kr.", supplier="Fiktiv ApS", reference="F-1", date="01.02.2026")
        assert not isinstance(app.screen, FormDialog)
        await pilot.pause()
        lines = rows(app.screen.query_one("#econ-lines", DataTable))
        assert lines[0][2] == "1.000.000" and lines[0][4] == "advarsel"  # 83 % of the budget
        await pilot.press("f")
        await pilot.pause()
        await submit_form(pilot, nordjylland="10%", midtjylland="20%", syddanmark="20%", hovedstaden="30%",
                          sjaelland="10%")
        assert isinstance(app.screen, FormDialog)  # 90 %: refused
        assert "ikke præcis 1" in str(app.screen.query_one("#form-error", Static).render())
        await submit_form(pilot, sjaelland="20%")
        assert not isinstance(app.screen, FormDialog)
        await pilot.pause()
        shares = rows(app.screen.query_one("#econ-shares", DataTable))
        assert [s[1] for s in shares] == ["10,00 %", "20,00 %", "20,00 %", "30,00 %", "20,00 %"]
    assert [tuple(r) for r in conn.execute("SELECT amount, supplier FROM posting")] == [(1000000, "Fiktiv ApS")]


@pytest.mark.parametrize("keys", [("n",), ("e",), ("p",), ("f",), ("r",)])
async def test_every_dialog_fits_80x24(demo, keys):
    app = app_for(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        await pilot.press(*keys)
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        for button in app.screen.query(Button):
            region = button.region
            assert region.height >= 1 and 0 < region.y < SIZE[1] - 1, (keys, button.id, region)
            assert region.right <= SIZE[0]


async def test_the_palette_finds_a_line_of_next_year_and_a_credit_note(demo):
    from .conftest import until

    app = app_for(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"Budgetlinje 2027: Hosting")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.current_mode == "economy"
        table = app.screen.query_one("#econ-lines", DataTable)
        await until(lambda: "Økonomi 2027" in text(app, "#econ-head"))
        await until(lambda: rows(table)[table.cursor_row][0] == "Hosting og licenser")
        await pilot.press("ctrl+p", *"Kreditnota: fejlret")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        await until(lambda: "Økonomi 2026" in text(app, "#econ-head"))
        await until(lambda: rows(table)[table.cursor_row][0] == "Videreudvikling")


async def test_the_dashboard_shows_the_years_spending_and_warns_of_hot_lines(demo):
    app = app_for(demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        budget = text(app, "#budget-panel")
        assert "Økonomi 2026: forbrugt 2.645.900 af 2.785.000 kr., prognose 2.706.874 (advarsel)" in budget, budget
        warnings = text(app, "#warnings-panel")
        assert "Budgetlinjer over budget (1): Drift og vedligehold (Dansk Telemedicin) 100 %" in warnings
        assert "Budgetlinjer over advarselsgrænsen (2): Videreudvikling" in warnings


async def test_editing_a_line_keeps_what_was_typed_on_a_refusal(demo):
    app = app_for(demo)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("7")
        await pilot.pause()
        await pilot.press("down", "e")  # Videreudvikling
        await pilot.pause()
        assert isinstance(app.screen, FormDialog) and app.screen.query_one("#budget").value == "600.000"
        await submit_form(pilot, name="Hosting og licenser")  # another line's name that year
        assert isinstance(app.screen, FormDialog)
        assert "allerede en linje" in str(app.screen.query_one("#name-error", Static).render())
        await submit_form(pilot, name="Videreudvikling (ny)", budget="750.000", profile="0 0 0 0 0 0 0 0 0 0 0 12")
        assert not isinstance(app.screen, FormDialog)
        await pilot.pause()
        row = rows(app.screen.query_one("#econ-lines", DataTable))[1]
        assert row[:2] == ["Videreudvikling (ny)", "750.000"]
        assert row[7] == "0"  # expected by today: all of it in December

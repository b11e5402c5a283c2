"""Words as a Danish reader expects them (issue 21): singular and plural, the article of each kind
of thing, the palette and theme picker in Danish, Esc spelled one way, a tab's own keys."""

from __future__ import annotations

from datetime import date

import pytest
from textual.command import CommandPalette
from textual.widgets import DataTable, Input

from logbog_tui import i18n
from logbog_tui.storage.db import connect
from logbog_tui.i18n import t
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.dialogs import KeysScreen
from logbog_tui.tui.widgets.key_bar import KeyBar

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize("key,params,one,many", [
    ("tickets.head", {"open": 1, "late": 0, "closed": ""}, "1 sag · 1 åben", "2 sager · 2 åbne"),
    ("members.head", {"former": ""}, "1 person ·", "2 personer ·"),
    ("meetings.head", {"year": 2026, "next": "–"}, "1 møde ·", "2 møder ·"),
    ("record.logged", {}, "for 1 person", "for 2 personer"),
    ("tasks.head", {"year": 2026, "overdue": 0}, "1 opgave ·", "2 opgaver ·"),
])
def test_one_and_many(key, params, one, many):
    open_many = {"open": 2} if "open" in params else {}
    assert one in t(key, count=1, **params)
    assert many in t(key, count=2, **{**params, **open_many})


def test_one_and_many_in_english_too():
    i18n.set_language("en")
    assert "1 person" in t("record.logged", count=1) and "2 people" in t("record.logged", count=2)
    assert t("tickets.days", days=1) == "1 day"


def test_a_task_area_is_et_opgaveomraade():
    from logbog_tui.storage import names
    from logbog_tui.errors import UserError

    with pytest.raises(UserError, match="angiv et opgaveområde"):
        names.resolve([], "", "area")
    with pytest.raises(UserError, match="intet opgaveområde passer"):
        names.resolve([], "xyz", "area")
    with pytest.raises(UserError, match="angiv en person"):
        names.resolve([], "", "person")


async def test_palette_and_theme_picker_speak_danish_and_esc_is_spelled_esc(db_path):
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "slash")
        await pilot.pause()
        assert " Esc Luk filter " in str(app.screen.query_one(KeyBar).render())
        await pilot.press("escape", "ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder.startswith("Søg efter kommandoer")
        await pilot.press("escape")
        await pilot.pause()
        app.search_themes()
        await pilot.pause()
        assert app.screen.query_one(Input).placeholder == "Søg efter farvetema…"


async def test_a_tabs_key_list_has_only_that_tabs_keys(db_path):
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("4", "t", "t", "question_mark")  # the Budgets tab: no filter, no new task
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        table = app.screen.query_one(DataTable)
        actions = {str(table.get_row_at(i)[1]) for i in range(table.row_count)}
        assert "Luk filter" not in actions and "Filtrér" not in actions and "Ny opgave" not in actions
        assert "Ret" in actions


def test_a_count_that_promises_a_list_says_how_many_more(db_path):
    from logbog_tui.storage.session import transaction
    from logbog_tui.storage.demo import fill
    from logbog_tui.tui.screens.dashboard import attention_text

    conn = connect(db_path)
    fill(conn, years=1, today=TODAY)
    with transaction(conn):
        area = conn.execute("SELECT id FROM task_area WHERE code = 'PL1'").fetchone()[0]
        for n in range(5):
            conn.execute("INSERT INTO task (area_id, title, due_date) VALUES (?, ?, '2026-01-05')",
                         (area, f"Opgave {n}"))
    line = next(x for x in attention_text(conn, TODAY).splitlines() if "over frist" in x)
    count = int(line.split()[1])
    assert count >= 5 and line.count("(") == 3 and line.endswith(f"… og {count - 3} flere")

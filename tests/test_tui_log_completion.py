"""The log dialog's completion (issue 21): a completion that is only shown is never what Enter
saves; ambiguous text is refused with the candidates; → or Tab takes the completion."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import Input, Static

from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.dialogs import LogHoursDialog
from logbog_tui.tui.textual_private import shown_suggestion

TODAY = date(2026, 11, 25)


@pytest.fixture
def org(db_path):
    conn = connect(db_path)
    with transaction(conn):
        ids = {n: conn.execute("INSERT INTO person (name) VALUES (?)", (n,)).lastrowid
               for n in ("Dorte Eksempelberg", "Dorte Skinlund", "Lone Leder")}
        pl2 = conn.execute("SELECT id FROM task_area WHERE code = 'PL2'").fetchone()[0]
        conn.execute("INSERT INTO task (area_id, title) VALUES (?, 'PL2: kursusledere for ortopædkirurgi')", (pl2,))
    return ids


def entries(db_path):
    return [tuple(r) for r in connect(db_path).execute(
        "SELECT p.name, te.minutes, a.code, te.task_id FROM time_entry te JOIN person p ON p.id = te.person_id"
        " JOIN task_area a ON a.id = te.area_id").fetchall()]


async def open_log(pilot, **typed) -> LogHoursDialog:
    await pilot.press("l")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, LogHoursDialog)
    for name, text in typed.items():
        field = dialog.query_one(f"#{name}", Input)
        field.value = ""
        field.focus()
        await pilot.press(*text)
        await pilot.pause()
    return dialog


def error(dialog, name: str) -> str:
    return str(dialog.query_one(f"#{name}-error", Static).render())


async def test_ambiguous_area_is_refused_with_the_candidates_not_saved_on_a_task(db_path, org):
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_log(pilot, hours="1", person="Lone Leder", target="PL")
        assert shown_suggestion(dialog.query_one("#target", Input)).startswith("PL1")  # shown after the cursor
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "passer til flere" in error(dialog, "target") and "PL1" in error(dialog, "target")
    assert entries(db_path) == []


async def test_tab_takes_the_shown_completion_and_enter_saves_what_the_field_shows(db_path, org):
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_log(pilot, hours="1", person="Lone Leder", target="PL")
        await pilot.press("tab")
        await pilot.pause()
        assert dialog.query_one("#target", Input).value == "PL1 Målbeskrivelser"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not dialog
    assert entries(db_path) == [("Lone Leder", 60, "PL1", None)]


async def test_an_ambiguous_person_is_refused_and_tab_takes_the_completion(db_path, org):
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_log(pilot, hours="1", target="PL4", person="Dorte")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "Dorte Eksempelberg" in error(dialog, "person") and "Dorte Skinlund" in error(dialog, "person")
        dialog.query_one("#person", Input).focus()
        await pilot.press("end", "tab", "enter")
        await pilot.pause()
    assert entries(db_path) == [("Dorte Eksempelberg", 60, "PL4", None)]

"""The app shell, driven as a user would with Textual's Pilot."""

from __future__ import annotations

import re

from datetime import date

import pytest
from textual.widgets import DataTable, Static

from logbog_tui.storage.db import connect
from logbog_tui.storage.demo import fill
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.dialogs import KeysScreen
from logbog_tui.tui.screens import SCREENS
from logbog_tui.tui.textual_private import mode_screen

from .conftest import until

TODAY = date(2026, 11, 25)


@pytest.fixture
def demo_db(db_path):
    conn = connect(db_path)
    fill(conn, years=2, today=TODAY)
    conn.close()
    return db_path


def make_app(path) -> LogbogApp:
    return LogbogApp(connect(path), path, today=TODAY)


async def test_header_shows_the_current_host_region(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.sub_title.startswith("Vært: Region ")
        host = str(app.screen.query_one("#host-panel", Static).render())
        assert "Værtsregion: Region" in host and "Begrundelse:" in host


async def test_header_on_an_empty_database_shows_the_rotation(db_path):
    app = make_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.sub_title == "Vært: Region Nordjylland (efter tur: har aldrig været vært)"


async def test_screens_are_reachable_by_single_keys(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        for key, mode in [("2", "members"), ("3", "meetings"), ("4", "tasks"), ("5", "tickets"), ("1", "dashboard")]:
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode


async def test_question_mark_lists_every_key_of_the_screen(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)
        table = app.screen.query_one(DataTable)
        rows = [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        assert ("2", "Medlemmer") in rows and ("q", "Afslut") in rows and ("?", "Taster") in rows
        assert all("Cursor" not in action for _, action in rows)  # no untranslated widget internals
        await pilot.press("escape")
        assert not isinstance(app.screen, KeysScreen)


async def test_dashboard_shows_budgets_with_status(demo_db):
    app = make_app(demo_db)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#budget-table", DataTable)
        assert table.row_count >= 7
        statuses = {str(table.get_row_at(i)[-1]) for i in range(table.row_count)}
        for status in statuses:   # exactly 100 % is "brugt op", more says by how much
            assert re.fullmatch(r"ok|advarsel|brugt op|overskredet \([\d.,]+ t over\)", status), status
        assert "Projektledelse 2026" in str(app.screen.query_one("#budget-panel", Static).render())


async def test_q_quits(db_path):
    app = make_app(db_path)
    async with app.run_test() as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


def test_dashboard_snapshot(demo_db, snap_compare):
    assert snap_compare(make_app(demo_db), terminal_size=(120, 40))


async def test_prewarm_builds_the_other_screens_in_idle_time(demo_db):
    app = LogbogApp(connect(demo_db), demo_db, today=TODAY, prewarm=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: all(mode_screen(app, mode) for mode in ("members", "meetings", "tasks", "tickets",
                                                                    "registers"))
                    and app._log_dialog is not None and app._log_dialog.is_mounted, what="the prewarmed screens")
        await pilot.pause()
        assert {"members", "meetings", "tasks", "tickets", "registers"} <= {mode for mode in SCREENS
                                                               if mode_screen(app, mode) is not None}
        from logbog_tui.tui import idle_gc

        if idle_gc.ACTIVE:  # full garbage collections wait for a pause while the TUI runs
            import gc

            assert gc.get_threshold()[2] == 1_000_000
        assert app.current_mode == "dashboard"
        await pilot.press("4")
        await pilot.pause()
        assert app.current_mode == "tasks" and app.screen.query_one("#tasks").row_count >= 1


ENGLISH_TUI = """
import sys
from pathlib import Path
from logbog_tui import i18n
i18n.set_language(None)
from logbog_tui.storage.db import open_db
from logbog_tui.tui.app import LogbogApp

async def show(pilot):
    await pilot.pause()
    await pilot.press("4")
    await pilot.pause()
    print(pilot.app.sub_title)
    print("|".join(sorted(b.binding.description for b in pilot.app.screen.active_bindings.values()
                          if b.binding.id)))
    pilot.app.exit()

path = Path(sys.argv[1])
LogbogApp(open_db(path), path).run(headless=True, auto_pilot=show, size=(120, 40))
"""


def test_the_tui_speaks_english_when_asked(db_path):
    """Binding texts are read when the TUI is imported, so English is checked in a fresh process."""
    import os
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", ENGLISH_TUI, str(db_path)], capture_output=True, text=True,
                         env={**os.environ, "LOGBOG_LANG": "en"}, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "Host: Region Nordjylland (by rotation: has never hosted)" in out.stdout
    assert "Log hours" in out.stdout and "New task" in out.stdout and "Registrér" not in out.stdout

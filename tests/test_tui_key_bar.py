"""The key line at the bottom of every screen (tui/widgets/key_bar.py)."""

from __future__ import annotations

from datetime import date

from logbog_tui.storage.db import connect
from logbog_tui.storage.demo import fill
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.dialogs import KeysScreen
from logbog_tui.tui.widgets.key_bar import KeyBar

TODAY = date(2026, 11, 25)


def bar_text(app) -> str:
    """The key line as drawn on the screen."""
    return app.screen.query_one(KeyBar).render_line(0).text


async def test_the_key_line_follows_the_screen_and_keeps_help_in_sight(db_path):
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        text = bar_text(app)
        assert text.startswith(" n Ny person ") and "…" in text  # 80 columns: not every key fits
        assert text.rstrip().endswith("? Taster  ^p Kommandopalet") and len(text) == 80
        await pilot.press("4", "t")  # the Hours tab has other keys than the Tasks tab
        await pilot.pause()
        assert " D Slet " in bar_text(app) and " n Ny opgave " not in bar_text(app)


async def test_while_filtering_the_line_shows_the_filter_keys_not_the_letters(db_path):
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.press("2", "slash")
        await pilot.pause()
        text = bar_text(app)
        assert "Til listen" in text and "Luk filter" in text
        assert "Ny person" not in text and "Filtrér" not in text and "Taster" not in text
        await pilot.press("escape")
        await pilot.pause()
        assert "Ny person" in bar_text(app)


async def test_a_click_on_a_key_presses_it(db_path):
    conn = connect(db_path)
    fill(conn, years=1, today=TODAY)
    conn.close()
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        start = bar_text(app).index(" 2 Medlemmer")
        await pilot.click(KeyBar, offset=(start + 2, 0))
        await pilot.pause()
        assert app.current_mode == "members"
        start = bar_text(app).index(" ? Taster")
        await pilot.click(KeyBar, offset=(start + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, KeysScreen)

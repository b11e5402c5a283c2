"""Keys at full speed: `q` and then at once any key of any screen, generated key sequences, and keys
typed while a dialog opens (tui/key_guard.py). Keys are posted in one burst, as a terminal delivers
what a fast hand types, instead of Pilot's one key at a time with a wait for idle in between."""

from __future__ import annotations

import asyncio
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from textual import events
from textual.binding import Binding
from textual.keys import key_to_character

from logbog_tui.storage.db import connect
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.dialogs import ConfirmDialog, LogHoursDialog
from logbog_tui.tui.dialogs.form import FormDialog
from logbog_tui.tui.screens import SCREENS
from logbog_tui.tui.screens.composition import CompositionScreen
from logbog_tui.tui.screens.meeting_record import MeetingRecordScreen
from logbog_tui.tui.screens.tickets import TicketScreen
from logbog_tui.tui.textual_private import exit_lines
from logbog_tui.tui.widgets.panel_keys import KEYS as TASKS_PANEL_KEYS

TODAY = date(2026, 11, 25)

# where a key can be pressed, and the keys (after the app's) that lead there
STATES = {
    "dashboard": (), "members": ("2",), "composition": ("2", "c"), "meetings": ("3",),
    "record": ("3", "G", "enter"), "tasks": ("4",), "hours": ("4", "t"), "budgets": ("4", "t", "t"),
    "tickets": ("5",), "ticket": ("5", "enter"),
}
SCREEN_OF = {"composition": CompositionScreen, "record": MeetingRecordScreen, "ticket": TicketScreen,
             "hours": SCREENS["tasks"][0], "budgets": SCREENS["tasks"][0]}
# the keys of the Tasks screen's panels (each tab's panel holds its own), all of them on each tab:
# a key of another tab must do nothing
PANEL_KEYS = {state: list(TASKS_PANEL_KEYS.values()) for state in ("tasks", "hours", "budgets")}

# one key per kind of dialog or screen that crashed when opened right after `q` (issue 21): the
# form dialog, the keys list, the composition, the meeting dialog and record, the log dialog, a
# confirmation, a ticket, the palette, the report dialog, another mode
OPENERS = [("members", "n"), ("dashboard", "question_mark"), ("members", "c"), ("meetings", "n"),
           ("meetings", "enter"), ("dashboard", "l"), ("members", "D"), ("tickets", "enter"),
           ("dashboard", "ctrl+p"), ("dashboard", "R"), ("dashboard", "2"), ("record", "l"), ("ticket", "F")]


def keys_of(state: str) -> list[str]:
    """Every key bound on the state's screen (and its panels) and in the app, one name per key."""
    screen = SCREEN_OF.get(state) or SCREENS[state][0]
    out: list[str] = []
    for binding in [*PANEL_KEYS.get(state, ()), *screen.BINDINGS, *LogbogApp.BINDINGS]:
        if isinstance(binding, Binding):
            out += [k.strip() for k in binding.key.split(",") if k.strip() not in out]
    return out


def fresh_copy(template: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "app.db"
    shutil.copy(template, path)
    return path


def burst(app: LogbogApp, *keys: str) -> None:
    """Post the keys in one go, as a terminal delivers keys typed quickly."""
    for key in keys:
        app.post_message(events.Key(key, key_to_character(key) or (key if len(key) == 1 else None)))


async def drive(path: Path, before: tuple[str, ...], keys: tuple[str, ...], size=(80, 24)) -> LogbogApp:
    """Start the app, go somewhere with ordinary key presses, then post ``keys`` in one burst.
    A crash inside the app is raised again by run_test when the block ends."""
    app = LogbogApp(connect(path), path, today=TODAY)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*before)
        await pilot.pause()
        burst(app, *keys)
        await pilot.pause()
        await pilot.pause(0.05)
    return app


@pytest.mark.parametrize("state", sorted(STATES))
async def test_every_key_of_a_screen_after_q_is_ignored(state, demo_template, tmp_path):
    """`q`, then every key of the screen in one burst: the app quits cleanly, nothing is opened."""
    path = fresh_copy(demo_template, tmp_path)
    before = STATES[state]
    app = await drive(path, before, ("q", *keys_of(state)))
    assert app.return_code == 0
    assert not exit_lines(app)  # no "uventet fejl" line


@pytest.mark.parametrize("state,key", OPENERS)
async def test_a_key_that_opens_a_dialog_right_after_q_does_not_crash(state, key, demo_template, tmp_path):
    path = fresh_copy(demo_template, tmp_path)
    app = await drive(path, STATES[state], ("q", key))
    assert app.return_code == 0
    assert not exit_lines(app)


async def test_no_screen_is_pushed_once_quitting_has_begun(demo_template, tmp_path):
    """Whatever asks for it (here a callback after `q`), no dialog is pushed on a closing app."""
    path = fresh_copy(demo_template, tmp_path)
    app = LogbogApp(connect(path), path, today=TODAY)
    async with app.run_test(size=(80, 24)):
        screen = app.screen
        app.exit()
        app.push_screen(ConfirmDialog("?"))
        app.switch_mode("members")
        assert app.screen is screen
    assert app.return_code == 0


KEY_POOL = sorted({k for state in STATES for k in keys_of(state)} - {"ctrl+p"}
                  | {"1", "comma", "5", "enter", "tab", "escape", "y", "a", "b", "space", "backspace"})


# No shrinking: a failure is reported with the sequence as generated, and the test stays bounded.
@settings(max_examples=20, deadline=None, derandomize=True, phases=(Phase.explicit, Phase.generate),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=st.lists(st.tuples(st.sampled_from(KEY_POOL), st.booleans()), min_size=1, max_size=14),
       then_q_and=st.none() | st.sampled_from(KEY_POOL))
def test_generated_key_sequences_never_crash(steps, then_q_and, demo_template, tmp_path_factory):
    """Generated sequences of keys from every screen (`q` among them), some in bursts (False: no
    wait after the key), some one at a time, and mostly `q` and one more key in one burst at the
    end; one fresh app and database per sequence."""
    path = fresh_copy(demo_template, tmp_path_factory.mktemp("seq"))

    async def run() -> LogbogApp:
        app = LogbogApp(connect(path), path, today=TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            for key, wait in steps:
                burst(app, key)
                if wait:
                    await pilot.pause()
            if then_q_and is not None:
                burst(app, "q", then_q_and)
            await pilot.pause()
        return app

    app = asyncio.run(run())  # a crash inside the app is raised here
    assert not exit_lines(app)  # no "uventet fejl"
    assert app.return_code in (None, 0)  # None: closed by the test, not by `q` (typed as text)


# --- keys typed while a dialog opens -----------------------------------------------------------

@pytest.mark.parametrize("enter", ["enter", "ctrl+j"])
async def test_l_hours_enter_typed_at_full_speed_logs_the_hours(enter, demo_template, tmp_path):
    """``ctrl+j``: Enter typed while the program starts, before the terminal is in raw mode, comes
    as a line feed (the terminal turns CR into LF); it saves as Enter does (tui/key_guard.py)."""
    path = fresh_copy(demo_template, tmp_path)
    count = connect(path).execute("SELECT count(*) FROM time_entry").fetchone()[0]
    app = LogbogApp(connect(path), path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        burst(app, "l", "1", "comma", "5", enter)
        await pilot.pause(0.2)
        await pilot.pause()
        assert not isinstance(app.screen, LogHoursDialog)
    conn = connect(path)
    assert conn.execute("SELECT count(*) FROM time_entry").fetchone()[0] == count + 1
    assert tuple(conn.execute("SELECT minutes, date FROM time_entry ORDER BY id DESC LIMIT 1").fetchone()) == (
        90, "2026-11-25")


async def test_text_typed_right_after_n_goes_into_the_new_dialog(demo_template, tmp_path):
    path = fresh_copy(demo_template, tmp_path)
    app = LogbogApp(connect(path), path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        burst(app, "n", *"Anna")
        await pilot.pause(0.2)
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        assert app.screen.values()["name"] == "Anna"


async def test_q_is_a_letter_where_text_is_typed_and_closes_the_keys_list(demo_template, tmp_path):
    """`q` acts before any later key (a priority key), but not where the focus takes text, and on
    the keys list (`?`) it closes the list, as that list says."""
    from textual.widgets import Input

    from logbog_tui.tui.dialogs import KeysScreen

    path = fresh_copy(demo_template, tmp_path)
    app = LogbogApp(connect(path), path, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "slash", "q")
        assert app.screen.query_one("#member-filter", Input).value == "q"
        await pilot.press("escape", "question_mark")
        assert isinstance(app.screen, KeysScreen)
        await pilot.press("q")
        assert not isinstance(app.screen, KeysScreen) and not app.quitting
        await pilot.press("q")
    assert app.return_code == 0

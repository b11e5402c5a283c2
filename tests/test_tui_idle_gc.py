"""The TUI keeps Python's full garbage collections out of keystrokes (tui/idle_gc.py): they run
when the user pauses, or anyway after FORCE_AFTER young passes, and the process's settings are
restored when the TUI ends."""

from __future__ import annotations

import gc
import time
from datetime import date

import pytest

from logbog_tui.storage.db import connect
from logbog_tui.tui import idle_gc
from logbog_tui.tui.app import LogbogApp

TODAY = date(2026, 11, 25)
pytestmark = pytest.mark.skipif(not idle_gc.ACTIVE, reason="Python 3.14+ collects incrementally")


class Cycle:
    def __init__(self) -> None:
        self.me = self


def pending_full_pass() -> None:
    """Make sure a full collection is due (at least one young-generation pass since the last)."""
    for _ in range(3):
        [Cycle() for _ in range(2000)]
        gc.collect(1)


async def test_full_collections_wait_for_a_pause(db_path):
    before = gc.get_threshold()
    app = LogbogApp(connect(db_path), db_path, today=TODAY)  # no prewarm: it ends with a collection
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.start_idle_collection()  # as run_tui's app does on mount
            assert gc.get_threshold()[2] == 1_000_000  # no automatic full pass while the TUI runs
            pending_full_pass()
            app._last_input = time.monotonic()  # the user is typing
            assert not app.collect_if_idle()
            assert gc.get_count()[2] > 0
            app._last_input = time.monotonic() - idle_gc.IDLE_SECONDS - 0.1  # a pause
            assert app.collect_if_idle()
            assert gc.get_count()[2] == 0
            pending_full_pass()
            await pilot.press("z")  # a key counts as input
            assert time.monotonic() - app._last_input < idle_gc.IDLE_SECONDS
            assert not app.collect_if_idle()
            await pilot.pause(idle_gc.IDLE_SECONDS + 0.8)  # the user pauses: the app collects by itself
            assert gc.get_count()[2] == 0
    finally:
        gc.unfreeze()
    assert gc.get_threshold() == before


def test_a_long_burst_of_typing_still_collects(monkeypatch):
    class Fake(idle_gc.IdleCollection):
        pass

    fake = Fake()
    fake._last_input = time.monotonic()
    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, idle_gc.FORCE_AFTER))
    collected = []
    monkeypatch.setattr(gc, "collect", lambda *a: collected.append(a) or 0)
    assert fake.collect_if_idle() and collected

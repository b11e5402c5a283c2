"""TUI steps timed without Pilot's idle wait, two figures per step: from the moment the action
starts until the screen has been redrawn with its result (``call_after_refresh``), and until the
last redraw the step caused (the last compositor refresh within WINDOW of the start). Between the
two, Textual adds the tables' scroll bars and shows toasts; the rows are already there (checked by
comparing screenshots taken at both moments). Nothing else redraws meanwhile: no animations, and
the cursor does not blink.
Runs the real app headless, with the idle-time prewarm a user gets, and waits 3 s on the
dashboard first as a user would.

Usage: python benchmarks/tui_direct.py DB [RUNS]. Prints "step<TAB>median ms<TAB>median ms" lines.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("LOGBOG_TODAY", "2026-11-25")

from logbog_tui import i18n

i18n.set_language("da")

from textual.screen import Screen  # noqa: E402
from textual.widgets import DataTable, Input, TabbedContent  # noqa: E402

from logbog_tui.storage import journal  # noqa: E402
from logbog_tui.storage.db import connect  # noqa: E402
from logbog_tui.tui.app import LogbogApp  # noqa: E402
from logbog_tui.tui.dialogs import LogHoursDialog  # noqa: E402
from logbog_tui.tui.textual_private import built_screens, on_redraw  # noqa: E402
from logbog_tui.tui.widgets import EntryPanel  # noqa: E402
from logbog_tui.tui.widgets.filter_box import FilterBox  # noqa: E402

RESULTS: dict[str, list[float]] = {}  # until the screen shows the result
SETTLED: dict[str, list[float]] = {}  # until the last redraw the step caused
WINDOW = 0.3  # seconds after the start of a step in which its redraws are counted
RENDERS: list[float] = []  # when each compositor refresh of the shown screen ended


def _record_redraw(screen: Screen) -> None:
    if screen.is_current:
        RENDERS.append(time.perf_counter())


on_redraw(_record_redraw)


async def until(predicate, timeout: float = 5.0) -> None:
    end = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > end:
            raise TimeoutError
        await asyncio.sleep(0.001)


async def redrawn(app) -> None:
    done = asyncio.Event()
    app.screen.call_after_refresh(done.set)
    await done.wait()


async def step(app, name: str, start, ready=lambda: True) -> None:
    app._last_input = time.monotonic()  # the action stands for a key press (tui/idle_gc.py)
    t0 = time.perf_counter()
    result = start()
    if asyncio.iscoroutine(result) or hasattr(result, "__await__"):
        await result
    await until(ready)
    await redrawn(app)
    first = time.perf_counter()
    await asyncio.sleep(max(0.0, t0 + WINDOW - time.perf_counter()))
    settled = max([first, *(r for r in RENDERS if t0 <= r <= t0 + WINDOW)])
    RESULTS.setdefault(name, []).append((first - t0) * 1000)
    SETTLED.setdefault(name, []).append((settled - t0) * 1000)
    await asyncio.sleep(0.1)


async def scenario(pilot) -> None:
    app = pilot.app
    await pilot.pause()
    await asyncio.sleep(3)
    for screen in [*built_screens(app), app._log_dialog]:
        for box in screen.query(Input):
            box.cursor_blink = False
    for mode, label in [("members", "first"), ("meetings", "first"), ("tasks", "first"), ("tickets", "first"),
                        ("dashboard", "again"), ("members", "again"), ("tasks", "again")]:
        await step(app, f"to {mode} ({label})", lambda m=mode: app.switch_mode(m))
    tabs = app.screen.query_one(TabbedContent)
    await step(app, "Tasks: to the Hours tab (week)", lambda: setattr(tabs, "active", "tab-entries"),
               lambda: bool(app.screen.query(EntryPanel)) and app.screen.query_one("#entries", DataTable).row_count)
    panel = app.screen.query_one(EntryPanel)
    await step(app, "Hours: period month", panel.next_kind)
    await step(app, "Hours: period year (150 newest rows)", panel.next_kind)
    box = app.screen.query_one(FilterBox)
    await step(app, "Hours: open the filter (/)", panel.open_filter, lambda: box.has_focus)
    calls = {"n": 0}
    original = panel.refresh_data

    def counting():
        original()
        calls["n"] += 1

    panel.refresh_data = counting
    for i, ch in enumerate("gus", start=1):
        before = calls["n"]
        await step(app, f"Hours filter keystroke {i}", lambda c=ch: setattr(box, "value", box.value + c),
                   lambda b=before: calls["n"] > b)
    panel.refresh_data = original
    await step(app, "Hours: close the filter (Esc)", panel.close_filter)
    await step(app, "Tasks: to the Budgets tab", app.screen.action_next_tab,
               lambda: bool(app.screen.query("#members")) and app.screen.query_one("#members", DataTable).row_count)
    await step(app, "open the log dialog", app.action_log_hours, lambda: isinstance(app.screen, LogHoursDialog))
    dialog = app.screen
    dialog.query_one("#hours", Input).value = "1,5"
    await step(app, "save 1,5 t on the Budgets tab (toast, refresh)", dialog.submit,
               lambda: not isinstance(app.screen, LogHoursDialog))
    await step(app, "open the log dialog (again)", app.action_log_hours, lambda: isinstance(app.screen, LogHoursDialog))
    app.screen.dismiss(None)
    await asyncio.sleep(0.2)
    app.exit()


def main() -> None:
    path = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    for _ in range(runs):
        app = LogbogApp(connect(path), path, today=date.fromisoformat(os.environ["LOGBOG_TODAY"]), prewarm=True)
        app.run(headless=True, auto_pilot=scenario, size=(120, 40))
        while (entry := journal.newest_undoable(app.conn, tuple(app.conn.entries))) is not None:
            journal.undo(app.conn, entry.id)  # leave the database as it was
    for name, values in RESULTS.items():
        print(f"{name}\t{statistics.median(values):.0f}\t{statistics.median(SETTLED[name]):.0f}")


if __name__ == "__main__":
    main()

"""Headless TUI timings with Textual's Pilot on a demo database, and the TUI's peak memory.

Usage: python benchmarks/tui.py DB [RUNS]. Prints "step<TAB>median ms<TAB>keys" lines (and peak
memory). Pilot waits until the app is idle after each key, which costs the "baseline" step even
for a key that does nothing; run.py reports the raw figure and the figure less that baseline
once per key pressed.
"""

from __future__ import annotations

import asyncio
import gc
import os
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("LOGBOG_TODAY", "2026-11-25")

from logbog_tui import i18n

i18n.set_language("da")

from logbog_tui.storage.db import connect  # noqa: E402
from logbog_tui.tui.app import LogbogApp  # noqa: E402


async def one_run(path: Path) -> dict[str, float]:
    out = {}
    t0 = time.perf_counter()
    app = LogbogApp(connect(path), path, today=date.fromisoformat(os.environ["LOGBOG_TODAY"]), prewarm=PREWARM)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        out["start until the dashboard is shown"] = time.perf_counter() - t0

        async def timed(name, *keys):
            start = time.perf_counter()
            await pilot.press(*keys)
            await pilot.pause()
            out[name] = time.perf_counter() - start
            KEYS[name] = len(keys)

        await timed("baseline: a key bound to nothing", "z")
        if PREWARM:
            await asyncio.sleep(3)  # a user's first seconds on the dashboard: the screens are built meanwhile
        await timed("to Members (first time)", "2")
        await timed("to Meetings (first time)", "3")
        await timed("to Tasks (first time)", "4")
        await timed("to Tickets (first time)", "5")
        await timed("to Dashboard", "1")
        await timed("to Members (again)", "2")
        await timed("to Tasks (again)", "4")
        await timed("Tasks: to the Hours tab (week)", "t")
        await timed("Hours: period month", "p")
        await timed("Hours: period year (150 newest rows)", "p")
        await pilot.press("slash")
        await timed("Hours filter keystroke 1", "g")
        await timed("Hours filter keystroke 2", "u")
        await timed("Hours filter keystroke 3", "s")
        await pilot.press("escape")
        await timed("Tasks: to the Budgets tab", "t")
        await timed("open the log dialog", "l")
        await timed("save 1,5 t on the Budgets tab (toast, refresh)", *"1,5", "enter")
        await timed("undo", "u")
    return out


PREWARM = os.environ.get("BENCH_PREWARM", "1") == "1"
KEYS: dict[str, int] = {}  # keys pressed per step: Pilot waits after each


def main() -> None:
    path = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    results: dict[str, list[float]] = {}
    for _ in range(runs):
        for name, seconds in asyncio.run(one_run(path)).items():
            results.setdefault(name, []).append(seconds * 1000)
        gc.unfreeze()  # the app froze its objects (tui/idle_gc.py): free them as a new process would
        gc.collect()
    for name, values in results.items():
        print(f"{name}\t{statistics.median(values):.0f}\t{KEYS.get(name, 0)}")
    print(f"peak memory (MB)\t{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")


if __name__ == "__main__":
    main()

"""Headless TUI timings with Textual's Pilot on a demo database (medians in milliseconds).

Usage: python benchmarks/tui.py DB [RUNS]. Called by benchmarks/run.py for 1 and 20 years.
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

from logbog_tui import i18n  # noqa: E402

i18n.set_language("da")

from logbog_tui.db import connect  # noqa: E402
from logbog_tui.tui.app import LogbogApp  # noqa: E402


async def one_run(path: Path) -> dict[str, float]:
    out = {}
    t0 = time.perf_counter()
    app = LogbogApp(connect(path), path, today=date.fromisoformat(os.environ["LOGBOG_TODAY"]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        out["start until dashboard shown"] = time.perf_counter() - t0

        async def timed(name, *keys):
            start = time.perf_counter()
            await pilot.press(*keys)
            await pilot.pause()
            out[name] = time.perf_counter() - start

        await timed("baseline: a key bound to nothing", "z")
        await timed("switch to Tasks screen", "4")
        await timed("switch to the Hours tab (week)", "t")
        await timed("period: month", "p")
        await timed("period: year (500 newest rows)", "p")
        await pilot.press("slash")
        await timed("filter keystroke 1 (year)", "g")
        await timed("filter keystroke 2 (year)", "u")
        await pilot.press("escape")
        await timed("switch to the Budgets tab", "t")
        await timed("open the log dialog", "l")
        await timed("save 1,5 t (incl. toast, refresh)", *"1,5", "enter")
        await timed("undo", "u")
        await timed("back to dashboard", "1")
    return out


def main() -> None:
    path = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    results: dict[str, list[float]] = {}
    for _ in range(runs):
        for name, seconds in asyncio.run(one_run(path)).items():
            results.setdefault(name, []).append(seconds * 1000)
    base = statistics.median(results["baseline: a key bound to nothing"])
    for name, values in results.items():
        raw = statistics.median(values)
        print(f"{name}\t{raw:.0f}\t{max(0, raw - base):.0f}" if name.startswith(("switch", "period", "filter", "open",
              "save", "undo", "back")) else f"{name}\t{raw:.0f}\t")


if __name__ == "__main__":
    main()

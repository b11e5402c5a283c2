"""Benchmarks: whole-process timings of the quick CLI paths on 1-year and 20-year demo databases.

Run with ``make bench``. Prints a Markdown table (medians over repeated runs) for
docs/performance.md. Numbers, not assertions: the test suite never times anything.

``python benchmarks/run.py --only host,start`` runs only some parts (``cli``, ``host``: ``logbog
host`` side by side with a bare Python, ``report``, ``start``: TUI start to the dashboard,
``direct``, ``pilot``). Run it as a user's machine does: ``env -u PYTHONDONTWRITEBYTECODE`` (Python
then caches the bytecode of what it imports), with nothing else busy on the machine (``ps``).
"""

from __future__ import annotations

import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
TODAY = "2026-11-25"
RUNS = 21


def env() -> dict:
    # TEXTUAL_ANIMATIONS=none: Pilot waits for cosmetic animations (the tab underline, ~250 ms)
    # that never block a user's next key; without it they would be counted as work.
    return {**os.environ, "LOGBOG_TODAY": TODAY, "LOGBOG_HOME": str(DATA / "home"), "TEXTUAL_ANIMATIONS": "none"}


def logbog(*args: str) -> list[str]:
    """The installed console script, as a user runs it (``python -m logbog_tui`` if absent)."""
    script = Path(sys.executable).parent / "logbog"
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "logbog_tui", *args]


BUILD_TIMES: dict[int, float] = {}


def build(years: int) -> Path:
    path = DATA / f"demo-{years}y.db"
    for stale in DATA.glob(f"demo-{years}y.db*"):
        stale.unlink()
    DATA.mkdir(exist_ok=True)
    start = time.perf_counter()
    subprocess.run(logbog("--db", str(path), "demo", "--years", str(years)), env=env(), check=True,
                   capture_output=True)
    BUILD_TIMES[years] = time.perf_counter() - start
    return path


REPORT = """
import sys, time, json
from datetime import date
from logbog_tui.storage.db import connect
from logbog_tui.report import annual, render
conn = connect(sys.argv[1])
start = time.perf_counter()
render(annual(conn, 2026, date(2026, 11, 25)), "json")
print((time.perf_counter() - start) * 1000)
"""


def median_ms(cmd: list[str], runs: int = RUNS, inner: bool = False) -> float:
    """Median wall time of ``cmd``; with ``inner`` the time the command itself prints."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(cmd, env=env(), check=True, capture_output=True, text=True).stdout
        times.append(float(out.strip().splitlines()[-1]) if inner else (time.perf_counter() - start) * 1000)
    return statistics.median(times)


def side_by_side(commands: dict[str, list[str]], runs: int,
                 inner: dict[str, list[list[float]]] | None = None, lines: int = 1) -> dict[str, float]:
    """Median wall time of each command, the commands run in turn (one of each, ``runs`` times), so
    that a disturbance of the machine falls on all of them alike. With ``inner``, each command is
    told when it was spawned (``BENCH_SPAWNED``) and the numbers on its last ``lines`` lines are
    collected there, one list per run."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            start = time.perf_counter()
            spawned = time.time()
            out = subprocess.run(cmd, env=dict(env(), BENCH_SPAWNED=repr(spawned)), check=True,
                                 capture_output=True, text=True).stdout
            times[name].append((time.perf_counter() - start) * 1000)
            if inner is not None:
                inner.setdefault(name, []).append([float(x) for x in out.strip().splitlines()[-lines:]])
    return {name: statistics.median(values) for name, values in times.items()}


HOST_RUNS = 41


def host(dbs: dict[int, Path]) -> None:
    """``logbog host`` as a whole process against a bare ``python -c pass`` (target: at most 5x),
    and the standard-library imports any such command needs, measured side by side."""
    py = sys.executable
    figures = side_by_side({
        "pass": [py, "-c", "pass"],
        "stdlib": [py, "-c", "import sqlite3, argparse, json, dataclasses"],
        "host 1": logbog("--db", str(dbs[1]), "host"),
        "host 20": logbog("--db", str(dbs[20]), "host"),
        "json 20": logbog("--db", str(dbs[20]), "host", "--json"),
    }, HOST_RUNS)
    base = figures["pass"]
    print(f"\n`logbog host` side by side with a bare Python (each of the five in turn, {HOST_RUNS} times; medians)\n")
    print("| process | median | × `python -c pass` | target |")
    print("|---|---|---|---|")
    for name, label, target in [("pass", "`python -c pass`", ""),
                                ("stdlib", "`python -c \"import sqlite3, argparse, json, dataclasses\"`", ""),
                                ("host 1", "`logbog host`, 1 year", "≤ 5×"),
                                ("host 20", "`logbog host`, 20 years", "≤ 5×"),
                                ("json 20", "`logbog host --json`, 20 years", "≤ 5×")]:
        print(f"| {label} | {figures[name]:.0f} ms | {figures[name] / base:.1f}× | {target} |")


START_RUNS = 11


def start(dbs: dict[int, Path]) -> None:
    """The TUI's start on 1 and 20 years, side by side with the libraries it cannot start without
    (``import textual.app, sqlmodel``), so that a slow moment of the machine shows in both."""
    py = sys.executable
    shown: dict[str, list[float]] = {}
    # the floor without the garbage collector during its imports, as logbog's start (cli._main)
    commands = {"floor": [py, "-c", "import gc; gc.disable(); import textual.app, sqlmodel\nprint(0)\nprint(0)"],
                **{str(y): [py, str(HERE / "start.py"), str(dbs[y])] for y in (1, 20)},
                **{f"pty {y}": [py, str(HERE / "pty_start.py"), str(dbs[y])] for y in (1, 20)}}
    figures = side_by_side(commands, START_RUNS, inner=shown, lines=2)
    first = {name: statistics.median(v[0] for v in shown[name]) for name in ("1", "20", "pty 1", "pty 20")}
    settled = {name: statistics.median(v[1] for v in shown[name]) for name in ("1", "20")}
    print(f"\nTUI start, side by side with the libraries alone (each in turn, {START_RUNS} times; medians)\n")
    print("| | 1 year | 20 years | target |")
    print("|---|---|---|---|")
    print(f"| from spawn to the first frame with the dashboard's budget line | {first['1']:.0f} ms "
          f"| {first['20']:.0f} ms | ≤ 800 ms |")
    print(f"| from spawn until the app has settled (Pilot.pause) | {settled['1']:.0f} ms | {settled['20']:.0f} ms | |")
    print(f"| whole process: shown, then exit | {figures['1']:.0f} ms | {figures['20']:.0f} ms | |")
    print(f"| in a terminal (pty, `logbog --db`): spawn to the frame with the budget line received "
          f"| {first['pty 1']:.0f} ms | {first['pty 20']:.0f} ms | ≤ 800 ms |")
    print(f"| `python -c \"import textual.app, sqlmodel\"` (the libraries' floor) | {figures['floor']:.0f} ms | | |")


PARTS = ("cli", "host", "report", "start", "direct", "pilot")


def main() -> None:
    only = set(PARTS)
    if "--only" in sys.argv:
        only = set(sys.argv[sys.argv.index("--only") + 1].split(","))
        if not only <= set(PARTS):
            sys.exit(f"--only takes some of {','.join(PARTS)}")
    dbs = {years: build(years) for years in (1, 20)}
    baseline = median_ms([sys.executable, "-c", "pass"])
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"date {date.today().isoformat()}; medians of {RUNS} whole-process runs; "
          f"bare `python -c pass`: {baseline:.0f} ms\n")
    entries = {y: sqlite3.connect(p).execute("SELECT count(*) FROM time_entry").fetchone()[0] for y, p in dbs.items()}
    print(f"Demo databases: 1 year {entries[1]} time entries (built in {BUILD_TIMES[1]:.1f} s), "
          f"20 years {entries[20]} time entries (built in {BUILD_TIMES[20]:.1f} s)\n")
    parts = {"cli": cli, "host": host, "report": report, "start": start, "direct": tui_direct, "pilot": tui}
    for name, part in parts.items():
        if name in only:
            part(dbs)


def cli(dbs: dict[int, Path]) -> None:
    rows = [("`logbog host`", ("host",), 100), ("`logbog host --json`", ("host", "--json"), 100),
            ("`logbog budget --json`", ("budget", "--json"), None),
            ("`logbog report --year 2026 --format json`", ("report", "--year", "2026", "--format", "json"), None)]
    print("| command | 1 year | 20 years | target |")
    print("|---|---|---|---|")
    for label, args, target in rows:
        one = median_ms(logbog("--db", str(dbs[1]), *args))
        twenty = median_ms(logbog("--db", str(dbs[20]), *args))
        print(f"| {label} | {one:.0f} ms | {twenty:.0f} ms | {f'≤ {target} ms' if target else '–'} |")


def report(dbs: dict[int, Path]) -> None:
    print()
    print("| in-process | 1 year | 20 years | target |")
    print("|---|---|---|---|")
    for label, code, target in [("annual report (`annual()` + JSON)", REPORT, 200)]:
        one, twenty = (median_ms([sys.executable, "-c", code, str(dbs[y])], inner=True) for y in (1, 20))
        print(f"| {label} | {one:.0f} ms | {twenty:.0f} ms | ≤ {target} ms |")


def steps(script: str, dbs: dict[int, Path]) -> dict[int, list[tuple[str, ...]]]:
    """Run a TUI benchmark script on each database; its "step<TAB>value" lines per database."""
    tables = {}
    for years, path in dbs.items():
        out = subprocess.run([sys.executable, str(HERE / script), str(path), "5"], env=env(), check=True,
                             capture_output=True, text=True).stdout
        tables[years] = [tuple(line.split("\t")) for line in out.strip().splitlines()]
    return tables


def tui_direct(dbs: dict[int, Path]) -> None:
    tables = steps("tui_direct.py", dbs)
    print("\nTUI, time from the action until the screen is redrawn with its result (call_after_refresh), no")
    print("Pilot idle wait; 'last redraw': until the last redraw the step caused (scroll bars, toasts).")
    print("The app prewarms screens in idle time and the run waits 3 s first. Medians of 5 runs.\n")
    print("| step | 1 year | 20 years | 20 y / 1 y | target | last redraw, 1 y / 20 y |")
    print("|---|---|---|---|---|---|")
    for (name, one, last1), (_n, twenty, last20) in zip(tables[1], tables[20], strict=True):
        print(f"| {name} | {one} ms | {twenty} ms | {float(twenty) / max(1.0, float(one)):.2f} | ≤ 100 ms "
              f"| {last1} / {last20} ms |")


def tui(dbs: dict[int, Path]) -> None:
    tables = steps("tui.py", dbs)
    print("\nTUI, headless with Textual's Pilot, medians of 5 runs. Pilot waits until the app is idle after")
    print("each key, which costs the baseline below even for a key that does nothing; 'net' subtracts it")
    print("once per key pressed.\n")
    print("| step | keys | 1 year raw | 1 year net | 20 years raw | 20 years net |")
    print("|---|---|---|---|---|---|")
    base = {y: float(next(r[1] for r in rows if r[0].startswith("baseline"))) for y, rows in tables.items()}
    for row1, row20 in zip(tables[1], tables[20], strict=True):
        name, raw1, raw20 = row1[0], row1[1], row20[1]
        keys = int(row1[2]) if len(row1) > 2 else 0
        if name.startswith(("start", "baseline", "peak")):
            unit = " MB" if name.startswith("peak") else " ms"
            print(f"| {name} | – | {raw1}{unit} | – | {raw20}{unit} | – |")
        else:
            print(f"| {name} | {keys} | {raw1} ms | {max(0, float(raw1) - keys * base[1]):.0f} ms | {raw20} ms | "
                  f"{max(0, float(raw20) - keys * base[20]):.0f} ms |")


if __name__ == "__main__":
    main()

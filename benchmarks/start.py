"""Whole-process TUI start: run the real app headless and exit as soon as the dashboard is shown, as
`logbog` does (the file's check begun before the TUI's libraries load; the quick exit after the
TUI). The parent (run.py) times the process from spawn to exit; this prints the milliseconds from
spawn (``BENCH_SPAWNED``, the parent's ``time.time()`` just before it started this process) until
the dashboard was shown."""

from __future__ import annotations

import gc

gc.disable()  # as cli._main does before the TUI's imports

import os  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from logbog_tui import i18n  # noqa: E402
from logbog_tui.storage.dbfile import check_ahead  # noqa: E402

i18n.set_language("da")
AHEAD = check_ahead(sys.argv[1]) if __name__ == "__main__" else None

from logbog_tui.cli import leave  # noqa: E402
from logbog_tui.storage.db import open_db  # noqa: E402
from logbog_tui.tui.app import LogbogApp  # noqa: E402

SHOWN: list[float] = []


async def stop_when_shown(pilot) -> None:
    await pilot.pause()
    SHOWN.append(time.time())
    pilot.app.exit()


if __name__ == "__main__":
    path = Path(sys.argv[1])
    app = LogbogApp(open_db(path, check=True, ahead=AHEAD), path)
    gc.freeze()  # as run_tui does
    gc.enable()
    app.run(headless=True, auto_pilot=stop_when_shown, size=(120, 40))
    app.conn.close()
    spawned = os.environ.get("BENCH_SPAWNED")
    print(f"{(SHOWN[0] - float(spawned)) * 1000 if spawned and SHOWN else 0:.1f}")
    leave(0)

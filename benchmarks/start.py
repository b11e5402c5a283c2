"""Whole-process TUI start: run the real app headless and exit as soon as the dashboard is shown.
The parent (run.py) times the process from spawn to exit."""

from __future__ import annotations

import sys
from pathlib import Path

from logbog_tui import i18n

i18n.set_language("da")

from logbog_tui.storage.db import open_db  # noqa: E402
from logbog_tui.tui.app import LogbogApp  # noqa: E402


async def stop_when_shown(pilot) -> None:
    await pilot.pause()
    pilot.app.exit()


if __name__ == "__main__":
    path = Path(sys.argv[1])
    LogbogApp(open_db(path, check=True), path).run(headless=True, auto_pilot=stop_when_shown, size=(120, 40))

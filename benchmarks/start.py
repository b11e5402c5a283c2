"""Whole-process TUI start: run the real app headless and exit as soon as the dashboard is shown, as
`logbog` does (the file's check begun before the TUI's libraries load; the quick exit after the
TUI). The parent (run.py) times the process from spawn to exit; this prints two figures, in
milliseconds from spawn (``BENCH_SPAWNED``, the parent's ``time.time()`` just before it started
this process):

- the first frame written to the terminal that holds the dashboard's budget line (what the user
  sees; the same moment the tmux measurement in docs/performance.md waits for), then
- the moment the app has settled (``Pilot.pause()`` returns: Textual's frame timers and the
  repaints after the first frame, such as the scroll bars, have run).
"""

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
FIRST: list[float] = []
MARK = "Projektledelse"  # the dashboard's budget line (messages/core.py "dashboard.leadership")


def watch_frames() -> None:
    """Note when a frame holding the budget line is first made. Headless, Textual makes each
    frame's update but does not encode it for the terminal (App._display returns early); this
    encodes it as a terminal would be sent it (the cost a real terminal pays) and looks for the
    line there. Textual's private _display, in this benchmark only."""
    from textual.app import App

    plain_display = App._display

    def display(self, screen, renderable) -> None:
        if not FIRST and renderable is not None and hasattr(renderable, "render_segments"):
            if MARK in renderable.render_segments(self.console):
                FIRST.append(time.time())
        plain_display(self, screen, renderable)

    App._display = display  # type: ignore[method-assign]


async def stop_when_shown(pilot) -> None:
    await pilot.pause()
    SHOWN.append(time.time())
    pilot.app.exit()


if __name__ == "__main__":
    path = Path(sys.argv[1])
    app = LogbogApp(open_db(path, check=True, ahead=AHEAD), path)
    gc.freeze()  # as run_tui does
    gc.enable()
    watch_frames()
    app.run(headless=True, auto_pilot=stop_when_shown, size=(120, 40))
    app.conn.close()
    spawned = float(os.environ.get("BENCH_SPAWNED") or 0)
    for moment in (FIRST, SHOWN):
        print(f"{(moment[0] - spawned) * 1000 if spawned and moment else 0:.1f}")
    leave(0)

"""Python's garbage collector, run when the user pauses instead of in the middle of a keystroke.

Measured on the 20-year demo (docs/performance.md): Textual leaves 10,000-30,000 cyclic objects
behind per few steps, and Python's automatic full collections then took 50-100 ms each, at
whatever keystroke they happened to fall on. While the TUI runs, the automatic full pass is put
off; a full collection runs once the user has not pressed a key for a second, or anyway after
``FORCE_AFTER`` younger collections, so memory stays bounded in a long burst of typing. Young
collections (about 1 ms) still run as usual.

Python 3.14 replaced this collector with an incremental one (no long full passes, other meaning
of the thresholds and counts); there the policy stays off and only the app's gc.freeze() acts."""

from __future__ import annotations

import gc
import sys
import time

from textual import events

ACTIVE = sys.version_info < (3, 14)  # the generational collector this policy is made for
IDLE_SECONDS = 1.0
FORCE_AFTER = 200  # gen-1 collections without a full one (each about 7,000 allocations)


class IdleCollection:
    """Mixed into the App before ``App``."""

    _last_input = 0.0
    _saved_thresholds: tuple[int, int, int] | None = None

    def start_idle_collection(self) -> None:
        if not ACTIVE:
            return
        self._saved_thresholds = gc.get_threshold()
        young, middle, _old = self._saved_thresholds
        gc.set_threshold(young, middle, 1_000_000)  # no automatic full collection
        self.set_interval(0.5, self.collect_if_idle)

    def stop_idle_collection(self) -> None:
        if self._saved_thresholds is not None:
            gc.set_threshold(*self._saved_thresholds)
            self._saved_thresholds = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def collect_if_idle(self) -> bool:
        """Run a full collection if one is due and the user is not typing; returns whether it ran."""
        pending = gc.get_count()[2]  # gen-1 collections since the last full one
        idle = time.monotonic() - self._last_input >= IDLE_SECONDS
        if pending and (idle or pending >= FORCE_AFTER):
            gc.collect()
            return True
        return False

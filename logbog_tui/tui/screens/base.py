"""What every screen that shows the organisation's data has in common."""

from __future__ import annotations

from textual.screen import Screen

from logbog_tui.tui.messages import DataChanged


class DataScreen(Screen[None]):
    """A screen that shows data from the database: it reads it again in :meth:`refresh_data`,
    which runs when a :class:`DataChanged` message reaches it."""

    def refresh_data(self) -> None:
        raise NotImplementedError

    def on_data_changed(self, message: DataChanged) -> None:
        message.stop()
        self.refresh_data()

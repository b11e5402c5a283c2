"""The TUI's own messages."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """The organisation's data changed (a save, a delete, an undo): whoever changed it posts this
    to the screen on top, which shows its data anew (:class:`~logbog_tui.tui.screens.base.DataScreen`)."""

"""The `/` filter above a list: hidden until opened, filters as you type, Esc clears and hides."""

from __future__ import annotations

from textual.widgets import Input

from logbog_tui.i18n import t


class FilterBox(Input):
    DEFAULT_CSS = """
    FilterBox { display: none; }
    FilterBox.shown { display: block; }
    """

    def __init__(self, **kw) -> None:
        super().__init__(placeholder=t("filter.placeholder"), compact=True, **kw)

    def open(self) -> None:
        self.add_class("shown")
        self.focus()

    def close(self) -> bool:
        """Clear and hide; returns whether it was open."""
        if not self.has_class("shown"):
            return False
        self.value = ""
        self.remove_class("shown")
        return True

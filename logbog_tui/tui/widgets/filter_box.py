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


class FilterableList:
    """For a screen with one FilterBox above its main list (``LIST``, a selector): `/` opens the
    filter, typing filters (the screen's ``refresh_data`` reads the box), Enter returns to the
    list, Esc clears and closes it."""

    LIST = ""

    def action_filter(self) -> None:
        self.query_one(FilterBox).open()

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, FilterBox):
            self.refresh_data()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if isinstance(event.input, FilterBox):
            self.query_one(self.LIST).focus()

    def action_close_filter(self) -> None:
        if self.query_one(FilterBox).close():
            self.query_one(self.LIST).focus()
            self.refresh_data()

"""The `/` filter above a list: hidden until opened, filters as you type, Esc clears and hides."""

from __future__ import annotations

from textual.actions import SkipAction
from textual.binding import Binding
from textual.widgets import Input

from logbog_tui.i18n import t
from logbog_tui.tui.widgets.plain import focus_then


class FilterBox(Input):
    DEFAULT_CSS = """
    FilterBox { display: none; }
    FilterBox.shown { display: block; }
    """
    # Shown in the key line while the filter has the focus (the screen's keys are letters, which
    # the filter takes as text). Esc is closed by the list's owner: the next Esc binding along the
    # focus chain (the panel's or the screen's close_filter), see action_close_filter.
    BINDINGS = [Binding("enter", "submit", t("filter.to_list"), id="filter.to_list"),
                Binding("escape", "close_filter", t("tasks.key.close_filter"), id="filter.close")]

    def __init__(self, **kw) -> None:
        super().__init__(placeholder=t("filter.placeholder"), compact=True, **kw)

    def action_close_filter(self) -> None:
        """Not the box's to do: SkipAction lets Textual try the next Esc binding up the focus chain."""
        raise SkipAction

    def open(self) -> None:
        self.add_class("shown")
        self.focus()

    def close(self) -> str | None:
        """Clear and hide (without a Changed message); returns the text it had, or None if it was
        not open."""
        if not self.has_class("shown"):
            return None
        text = self.value
        with self.prevent(Input.Changed):
            self.value = ""
        self.remove_class("shown")
        return text


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
        text = self.query_one(FilterBox).close()
        if text is not None:
            focus_then(self.query_one(self.LIST), self.refresh_data if text else None)

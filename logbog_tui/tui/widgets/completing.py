"""A one-line field with completion: the suggestion shown after the cursor is taken with → (as in
Textual's Input) or with Tab, which then moves on. Enter saves what is typed, never a suggestion
that was only shown (a text that matches several is refused with the candidates).

Several lines pasted into it are joined with spaces, and the user is told so (Textual's Input keeps
the first line and drops the rest without a word)."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Input

from logbog_tui.i18n import t
from logbog_tui.tui.textual_private import shown_suggestion


class CompletingInput(Input):
    BINDINGS = [Binding("tab", "complete_and_next", show=False)]

    def action_complete_and_next(self) -> None:
        if self.cursor_at_end and (suggestion := shown_suggestion(self)):  # as Textual's own → does
            self.value = suggestion
            self.cursor_position = len(self.value)
        self.screen.focus_next()

    def on_paste(self, event: events.Paste) -> None:
        """Textual calls this before Input's own handler (``Input._on_paste``, which keeps the
        first line only): a subclass's handler comes first in the MRO."""
        lines = [line.strip() for line in event.text.splitlines() if line.strip()]
        if len(lines) <= 1:
            return
        event.prevent_default()
        event.stop()
        joined = " ".join(lines)
        if self.selection.is_empty:
            self.insert_text_at_cursor(joined)
        else:
            self.replace(joined, *self.selection)
        self.app.notify(t("input.lines_joined", count=len(lines)), severity="warning")

"""A one-line field with completion: the suggestion shown after the cursor is taken with → (as in
Textual's Input) or with Tab, which then moves on. Enter saves what is typed, never a suggestion
that was only shown (a text that matches several is refused with the candidates)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class CompletingInput(Input):
    BINDINGS = [Binding("tab", "complete_and_next", show=False)]

    def action_complete_and_next(self) -> None:
        if self.cursor_at_end and self._suggestion:  # Textual's own → does the same (Input._suggestion)
            self.value = self._suggestion
            self.cursor_position = len(self.value)
        self.screen.focus_next()

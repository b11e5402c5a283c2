"""A yes/no question: `y` confirms; `n`, Esc, or Enter on the focused "Nej" declines."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button

from logbog_tui.i18n import t
from logbog_tui.tui.widgets.plain import Plain


class ConfirmDialog(ModalScreen[bool]):
    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog > Vertical { width: 70; height: auto; border: thick $warning; background: $surface; padding: 1 2; }
    ConfirmDialog .buttons { height: auto; margin-top: 1; }
    """
    AUTO_FOCUS = "#no"
    BINDINGS = [Binding("y,j", "answer(True)", t("dialog.yes"), id="confirm.yes"),
                Binding("n,escape", "answer(False)", t("dialog.no"), id="confirm.no")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Plain(self.question)
            with Horizontal(classes="buttons"):
                yield Button(t("dialog.yes"), variant="warning", id="yes")
                yield Button(t("dialog.no"), id="no")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

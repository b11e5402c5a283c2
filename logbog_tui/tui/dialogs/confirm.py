"""A yes/no question: `y` confirms; `n`, Esc, or Enter on the focused "Nej" declines."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button

from logbog_tui.i18n import t
from logbog_tui.tui.widgets.plain import Plain


class ConfirmDialog(ModalScreen[bool]):
    DEFAULT_CLASSES = "dialog-screen"  # the frame: app.tcss; a long question scrolls, the buttons stay
    DEFAULT_CSS = """
    ConfirmDialog .dialog { width: 76; border: thick $warning; padding: 1 1 0 1; }
    """
    AUTO_FOCUS = "#no"
    BINDINGS = [Binding("y,j", "answer(True)", t("dialog.yes"), id="confirm.yes"),
                Binding("n,escape", "answer(False)", t("dialog.no"), id="confirm.no")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            with VerticalScroll(classes="dialog-body"):
                yield Plain(self.question, classes="question")
            with Vertical(classes="dialog-foot"):
                with Horizontal(classes="buttons"):
                    yield Button(t("dialog.yes"), variant="warning", id="yes", compact=True)
                    yield Button(t("dialog.no"), id="no", compact=True)
                yield Plain(t("confirm.hint"), classes="hint")

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)

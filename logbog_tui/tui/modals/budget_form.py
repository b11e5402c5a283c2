"""The budgets of one year: project leadership hours and a follow-up group member's full-year
hours. The caller asks for confirmation (showing the effect) when the year has entries."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from logbog_tui.i18n import fmt_hours, t
from logbog_tui.service import Problem
from logbog_tui.service.parse import parse_hours


def parse_budget(text: str) -> float:
    """Budget hours: the same forms as logged hours, but above 24 allowed (``1.350`` is 1350)."""
    raw = text.strip().replace(" ", "")
    if raw.count(".") == 1 and len(raw.split(".")[1]) == 3 and "," not in raw:
        raw = raw.replace(".", "")  # Danish thousands separator: 1.350
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        try:
            return parse_hours(text) / 60
        except Problem:
            raise Problem("budget.invalid", {"text": text.strip()}) from None
    if not 0 <= value <= 100_000 or value != value:
        raise Problem("budget.invalid", {"text": text.strip()})
    return value


class BudgetDialog(ModalScreen[tuple[float, float] | None]):
    DEFAULT_CSS = """
    BudgetDialog { align: center middle; }
    BudgetDialog > Vertical { width: 72; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    BudgetDialog .row { height: 1; margin-top: 1; }
    BudgetDialog .row Label { width: 36; }
    BudgetDialog .error { color: $error; height: auto; display: none; }
    BudgetDialog .buttons { height: auto; margin-top: 1; }
    """
    AUTO_FOCUS = "#pl"
    BINDINGS = [Binding("escape", "cancel", t("dialog.cancel"), id="dialog.cancel")]

    def __init__(self, year: int, leadership: float, member: float) -> None:
        super().__init__()
        self.year, self.leadership, self.member = year, leadership, member

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("budget.edit_title", year=self.year), classes="title")
            with Horizontal(classes="row"):
                yield Label(t("budget.field.leadership"))
                yield Input(fmt_hours(self.leadership, unit=False), id="pl", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("budget.field.member"))
                yield Input(fmt_hours(self.member, unit=False), id="member", compact=True)
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("dialog.save"), variant="primary", id="save")
                yield Button(t("dialog.cancel"), id="cancel")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def save(self) -> None:
        try:
            values = (parse_budget(self.query_one("#pl", Input).value),
                      parse_budget(self.query_one("#member", Input).value))
        except Problem as p:
            error = self.query_one("#error", Static)
            error.update(t(p.key, **p.params))
            error.display = True
            return
        self.dismiss(values)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

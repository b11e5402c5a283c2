"""`c`: the composition of both bodies on a date: every seat, holder, substitutes, vacancies."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from logbog_tui import memberships
from logbog_tui.i18n import fmt_date, t
from logbog_tui.service import Problem
from logbog_tui.service.parse import parse_date
from logbog_tui.tui.widgets.plain import Plain, Table


class CompositionScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    CompositionScreen { align: center middle; }
    CompositionScreen > Vertical { width: 98%; height: 94%; border: thick $accent; background: $surface;
                                   padding: 0 1; }
    CompositionScreen .row { height: 1; margin: 1 0; }
    CompositionScreen .row Label { width: 10; }
    CompositionScreen .row Input { width: 20; }
    CompositionScreen #date-error { color: $error; margin-left: 2; }
    CompositionScreen DataTable { height: 1fr; }
    """
    BINDINGS = [Binding("escape", "close", t("keys.close"), id="composition.close"),
                Binding("left_square_bracket", "step(-1)", t("composition.previous_day"), id="composition.previous",
                        key_display="["),
                Binding("right_square_bracket", "step(1)", t("composition.next_day"), id="composition.next",
                        key_display="]")]

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day
        self.today = day

    def compose(self) -> ComposeResult:
        with Vertical():
            with Horizontal(classes="row"):
                yield Label(t("composition.date"))
                yield Input(fmt_date(self.day), id="date", compact=True)
                yield Plain("", id="date-error")
            yield Table(id="composition", sortable=False)  # the seats in their order
            yield Plain(t("composition.hint"))

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(t("col.body"), t("col.seat"), t("col.holder"), t("col.role"), t("col.substitutes"))
        self.refresh_data()
        table.focus()

    @on(Input.Submitted, "#date")
    def _date_entered(self, event: Input.Submitted) -> None:
        try:
            self.day = parse_date(event.value, self.today)
        except Problem as p:
            self.query_one("#date-error", Static).update(t(p.key, **p.params))
            return
        self.query_one("#date-error", Static).update("")
        self.refresh_data()
        self.query_one(DataTable).focus()

    def action_step(self, days: int) -> None:
        from datetime import timedelta

        self.day += timedelta(days=days)
        self.query_one("#date", Input).value = fmt_date(self.day)
        self.refresh_data()

    def refresh_data(self) -> None:
        table = self.query_one(DataTable)
        with table.refill():
            for body in ("styregruppe", "folgegruppe"):
                for line in memberships.composition(self.app.conn, body, self.day):
                    if line.vacant:
                        holder = Text(t("composition.vacant"), style="bold red")
                        role = ""
                    else:
                        holder = line.holder.person + (f" ({t('composition.until', date=fmt_date(line.holder.valid_to))})"
                                                       if line.holder.valid_to else "")
                        role = t(f"role.{line.holder.role}")
                    subs = ", ".join(m.person for m in line.substitutes)
                    label = line.seat.label if len(line.seat.label) <= 40 else line.seat.label[:39] + "…"
                    table.add_row(t(f"body.{body}"), label, holder, role, subs)

    def action_close(self) -> None:
        self.dismiss(None)

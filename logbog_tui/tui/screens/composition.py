"""`c`: the composition of both bodies on a date: every seat, holder, substitutes, vacancies."""

from __future__ import annotations

import textwrap
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Label, Static

from logbog_tui.i18n import fmt_date, t
from logbog_tui.service import Problem
from logbog_tui.service.parse import parse_date
from logbog_tui.storage import memberships
from logbog_tui.tui.widgets.plain import Plain, Table


def wrap(text: str, width: int) -> str:
    """``text`` over as many lines of at most ``width`` cells as it needs (a long word is cut)."""
    return "\n".join(textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)) or ""


class CompositionScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    CompositionScreen { align: center middle; }
    CompositionScreen > Vertical { width: 100%; height: 1fr; margin-top: 1; border: thick $accent;
                                   background: $surface; padding: 0 1; }
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
        table.add_columns(t("col.body_short"), t("col.seat"), t("col.holder_role"), t("col.substitutes"))
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

    def on_resize(self) -> None:
        self.refresh_data()

    def _widths(self) -> tuple[int, int, int]:
        """Seat, holder and substitutes share the width there is (seat names are never cut: they
        wrap; the three "Chef, Sekretariatet for Lægelig Videreuddannelse …" seats differ only at
        the end)."""
        room = max(40, (self.query_one(DataTable).size.width or self.app.size.width - 6) - 4 - 2 * 4 - 1)
        seat = max(18, min(52, room * 4 // 10))
        holder = max(14, min(34, room * 3 // 10))
        return seat, holder, max(10, room - seat - holder)

    def refresh_data(self) -> None:
        table = self.query_one(DataTable)
        seat_w, holder_w, subs_w = self._widths()
        with table.refill():
            for body, lines in memberships.compositions(self.app.conn, self.day):
                for line in lines:
                    if line.vacant:
                        holder: str | Text = Text(t("composition.vacant"), style="bold red")
                    else:
                        holder = line.holder.person + (
                            f" ({t('composition.until', date=fmt_date(line.holder.valid_to))})"
                            if line.holder.valid_to else "")
                        if line.holder.role != "member":
                            holder += f", {t(f'role.{line.holder.role}')}"
                        holder = wrap(holder, holder_w)
                    seat = wrap(line.seat.label, seat_w)
                    subs = wrap(", ".join(m.person for m in line.substitutes), subs_w)
                    lines = max(seat.count("\n"), subs.count("\n"),
                                holder.count("\n") if isinstance(holder, str) else 0) + 1
                    table.add_row(t(f"body.short.{body}"), seat, holder, subs, height=lines)

    def action_close(self) -> None:
        self.dismiss(None)

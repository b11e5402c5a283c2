"""Economy screen (`7`, issue 20): the year's budget lines in kroner (budget, spent, committed,
remaining, expected by today, forecast, status amber/red by the budget thresholds), the hours
valued beside them, and each region's share of the year's costs by the year's distribution key
(or a line saying the key is missing). `[`/`]` change the year; `n` a new line, `e` edits the
highlighted one, `p` a posting on it, `f` the key (fordelingsnøgle), `r` the hour rate.
Dialogs: tui/dialogs/economy.py."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header

from logbog_tui.i18n import t
from logbog_tui.service import economy as money
from logbog_tui.storage import economy
from logbog_tui.tui.messages import DataChanged
from logbog_tui.tui.screens.base import DataScreen
from logbog_tui.tui.widgets.bars import STATUS_STYLE, status_text
from logbog_tui.tui.widgets.key_bar import KeyBar
from logbog_tui.tui.widgets.plain import Plain, Table


def right(text: str, style: str = "") -> Text:
    return Text(text, style=style.strip(), justify="right")


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def kr(amount: int) -> str:
    """An amount in a table cell: ``1.234.567`` (the column heads say kr.)."""
    return money.format_amount(amount, unit=False)


class EconomyScreen(DataScreen):
    AUTO_FOCUS = "#econ-lines"
    LIST = "#econ-lines"
    DEFAULT_CSS = """
    EconomyScreen #econ-head, EconomyScreen #econ-hours, EconomyScreen #econ-key-head { margin: 0 1; height: auto; }
    EconomyScreen #econ-lines { height: auto; max-height: 12; }
    EconomyScreen #econ-shares { height: auto; max-height: 8; }
    """
    BINDINGS = [
        Binding("left_square_bracket", "year(-1)", t("econ.key.prev_year"), id="economy.prev_year"),
        Binding("right_square_bracket", "year(1)", t("econ.key.next_year"), id="economy.next_year"),
        Binding("n", "new_line", t("econ.key.new_line"), id="economy.new_line"),
        Binding("e", "edit_line", t("econ.key.edit_line"), id="economy.edit_line"),
        Binding("p", "posting", t("econ.key.posting"), id="economy.posting"),
        Binding("f", "edit_key", t("econ.key.key"), id="economy.key"),
        Binding("r", "rate", t("econ.key.rate"), id="economy.rate"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.year: int | None = None
        self.view: economy.Overview | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Plain(id="econ-head")
        yield Table(id="econ-lines")
        yield Plain(id="econ-hours")
        yield Plain(id="econ-key-head")
        yield Table(id="econ-shares", sortable=False)
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        app = self.app
        year = self.year = self.year or app.today.year
        view = self.view = economy.overview(app.conn, year, app.today)
        tot = view.totals
        self.query_one("#econ-head", Plain).update(Text.assemble(
            (t("econ.title", year=year), "bold"), "  ", t("econ.part", percent=money.percent_text(view.part))))
        lines = self.query_one("#econ-lines", Table)
        with lines.refill(columns=(t("econ.col.line"), t("econ.col.budget"), t("econ.col.spent"),
                                   t("econ.col.forecast"), t("econ.col.status"), t("econ.col.committed"),
                                   t("econ.col.remaining"), t("econ.col.expected"))):
            for r in view.lines:
                lines.add_row(*self._cells(cut(r.line.name, 24), r.position), key=str(r.id))
            if view.lines:
                lines.add_row(*self._cells(t("econ.total_lines"), tot, bold=True), key="total")
        hours = t("econ.hours_short", pl=money.format_amount(view.pl_minutes // 60, unit=False),
                  fg=money.format_amount(view.fg_minutes // 60, unit=False), rate=money.format_amount(view.rate),
                  value=money.format_amount(view.hours_value))
        if not view.lines:
            hours = t("econ.no_lines_hint", year=year) + "\n" + hours
        total = t("econ.total_short", total=money.format_amount(view.total))
        if view.rate_is_default:
            total += "  " + t("econ.rate_default")
        self.query_one("#econ-hours", Plain).update(hours + "\n" + total)
        shares = self.query_one("#econ-shares", Table)
        if view.shares is None:
            self.query_one("#econ-key-head", Plain).update(Text(t("econ.key_missing", year=year), style="dark_orange"))
        else:
            self.query_one("#econ-key-head", Plain).update(Text(t("econ.shares_title", year=year), style="bold"))
        if shares.display != (view.shares is not None):  # set only when it changes: setting it
            shares.display = view.shares is not None     # anew kept the table 0 lines high
        with shares.refill(columns=(t("econ.col.region"), t("econ.col.share"), t("econ.col.amount"),
                                    t("econ.col.budget_share"))):
            for s in view.shares or []:
                shares.add_row(s.region_name, right(money.percent_text(s.share)), right(kr(s.amount)),
                               right(kr(s.budget_amount)), key=s.region_code)

    @staticmethod
    def _cells(name: str, p: money.LinePosition, bold: bool = False) -> tuple[object, ...]:
        weight = "bold " if bold else ""
        style = weight + STATUS_STYLE.get(p.status, "")
        return (Text(name, style=weight.strip()), right(kr(p.budget), weight), right(kr(p.spent), style),
                right(kr(p.forecast), weight), status_text(t(f"econ.status.{p.status}"), p.status),
                right(kr(p.committed)), right(kr(p.remaining)), right(kr(p.expected)))

    def action_year(self, step: int) -> None:
        self.year = (self.year or self.app.today.year) + step
        self.refresh_data()

    def current_line(self) -> int | None:
        table = self.query_one("#econ-lines", Table)
        if table.row_count == 0:
            return None
        value = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(value) if value is not None and value.isdigit() else None

    def _form(self, dialog, select: bool = False) -> None:
        def done(result: object) -> None:
            if result is None:
                return
            self.app.notify(t("reg.saved"))
            self.post_message(DataChanged())
            if select:
                self.call_after_refresh(self.query_one("#econ-lines", Table).select_key, result)

        self.app.push_screen(dialog, done)

    def action_new_line(self) -> None:
        from logbog_tui.tui.dialogs.economy import line_dialog

        self._form(line_dialog(self.app.conn, self.year or self.app.today.year), select=True)

    def action_edit_line(self) -> None:
        from logbog_tui.tui.dialogs.economy import edit_line_dialog

        line = self.current_line()
        if line is None:
            self.app.notify(t("econ.no_line_chosen"), severity="warning")
            return
        self._form(edit_line_dialog(self.app.conn, line), select=True)

    def action_posting(self) -> None:
        from logbog_tui.tui.dialogs.economy import posting_dialog

        line = self.current_line()
        if line is None:
            self.app.notify(t("econ.no_line_chosen"), severity="warning")
            return
        self._form(posting_dialog(self.app.conn, self.app.today, line))

    def action_edit_key(self) -> None:
        from logbog_tui.tui.dialogs.economy import key_dialog

        self._form(key_dialog(self.app.conn, self.year or self.app.today.year))

    def action_rate(self) -> None:
        from logbog_tui.tui.dialogs.economy import rate_dialog

        self._form(rate_dialog(self.app.conn, self.year or self.app.today.year))

    def show_line(self, line_id: int, year: int) -> None:
        """Show ``year`` with the cursor on the line (a jump from the command palette)."""
        self.year = year
        self.refresh_data()
        table = self.query_one("#econ-lines", Table)
        table.focus()
        table.select_key(line_id)


async def open_line(app, line_id: int, year: int) -> None:
    """Switch to the Economy screen with the cursor on a budget line (the palette)."""
    await app.switch_mode("economy")
    screen = app.screen
    if isinstance(screen, EconomyScreen):
        screen.show_line(line_id, year)

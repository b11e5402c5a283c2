"""Budgets of a year: project leadership with a bar and a per-month chart, one row per
follow-up group member (pace over the days the member held a seat), the steering group's hours.
Amber from the warning threshold, red from the over threshold (settings; 80 % and 100 %)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static

from logbog_tui.storage import budget_edit
from logbog_tui.storage.db import data_state
from logbog_tui.storage.entries import monthly_by_person, monthly_leadership
from logbog_tui.i18n import fmt_date, fmt_hours, t
from logbog_tui.overview import BudgetOverview, budget_overview, planned_note, status_words
from logbog_tui.service.budget import as_of_for
from logbog_tui.tui.widgets.bars import bar, spark
from logbog_tui.tui.widgets.panel_keys import keys
from logbog_tui.tui.widgets.plain import Plain, Table


class BudgetPanel(Vertical):
    BINDINGS = keys("edit", "previous", "next")
    DEFAULT_CSS = """
    BudgetPanel { height: 1fr; }
    BudgetPanel #pl-text { margin: 1 1 0 1; height: auto; }
    BudgetPanel #pl-spark { height: 1; width: 60; margin: 0 1; }
    BudgetPanel #pl-months { margin: 0 1 1 1; color: $text-muted; }
    BudgetPanel DataTable { height: auto; max-height: 16; }
    BudgetPanel #steering { margin: 1 1; height: auto; }
    """

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.year: int | None = None
        self.overview: BudgetOverview | None = None
        self._shown: tuple | None = None  # what the panel shows: (data_state, year, today)

    def compose(self) -> ComposeResult:
        yield Plain(id="pl-text")
        yield Sparkline([], id="pl-spark")
        yield Plain(t("budget.months_axis"), id="pl-months")
        yield Table(id="members")
        yield Plain(id="steering")

    # --- keys -------------------------------------------------------------------------------

    def action_edit(self) -> None:
        """The budgets of the year shown; asks first when the year has hours logged."""
        # here, not at the top: the dialogs import widgets.plain, whose package imports this panel
        from logbog_tui.tui.dialogs import ConfirmDialog
        from logbog_tui.tui.dialogs.tasks import budget_dialog

        conn, today = self.app.conn, self.app.today
        year = self.year or today.year
        pl, member = budget_edit.current(conn, year)

        def apply(values) -> None:
            budget_edit.set_budgets(conn, year, *values)
            self.app.notify(t("budget.saved", year=year))
            self.refresh_data()

        def edited(values) -> None:
            if values is None or values == (pl, member):
                return
            if not budget_edit.has_entries(conn, year):
                apply(values)
                return
            question = t("budget.confirm", year=year) + "\n\n" + "\n".join(
                budget_edit.effect(conn, year, today, *values))
            self.app.push_screen(ConfirmDialog(question), lambda yes: apply(values) if yes else None)

        self.app.push_screen(budget_dialog(year, pl, member), edited)

    def action_period(self, steps: int) -> None:
        self.shift(steps)

    # ------------------------------------------------------------------------------------------

    def shift(self, steps: int) -> None:
        self.year = (self.year or self.app.today.year) + steps
        self.refresh_data()

    def refresh_data(self) -> None:
        """Fill the panel, unless it shows this year already and nothing was written since (a tab
        switch back to it, or to it after it was filled in idle time): then the table is not
        rebuilt, which would draw it twice (docs/performance.md)."""
        app = self.app
        year = self.year = self.year or app.today.year
        shown = (data_state(app.conn), year, app.today)
        if shown == self._shown:
            return
        as_of = as_of_for(year, app.today)
        ov = self.overview = budget_overview(app.conn, year, as_of)
        pl = ov.leadership
        self.query_one("#pl-text", Static).update(Text.assemble(
            (t("budget.panel_title", year=year, as_of=fmt_date(as_of), elapsed=ov.working_days_elapsed,
               total=ov.working_days_year), "bold"), "\n",
            (t("budget.explanation", days_off=ov.days_off.text() or "–",
               warn=f"{ov.thresholds.warn * 100:.0f}", over=f"{ov.thresholds.over * 100:.0f}"), "dim"), "\n",
            t("budget.leadership"), "  ", bar(pl.used, pl.budget, pl.status, 40), "\n",
            t("budget.pace_line", used=fmt_hours(pl.used), budget=fmt_hours(pl.budget),
              remaining=fmt_hours(pl.remaining), expected=fmt_hours(round(pl.expected_to_date)),
              forecast=fmt_hours(round(pl.forecast)), status=status_words(pl.used, pl.budget, pl.status))
            + planned_note(ov.leadership_planned)))
        self.query_one("#pl-spark", Sparkline).data = monthly_leadership(app.conn, year)
        table = self.query_one("#members", Table)
        months = monthly_by_person(app.conn, year)
        with table.refill(columns=(t("col.member"), t("col.bar"), t("col.used"), t("col.budget"), t("col.remaining"),
                                   t("col.expected"), t("col.forecast"), t("col.support"), t("col.substitutes"),
                                   t("col.planned"), t("col.months"))):
            for m in ov.members:
                table.add_row(m.person, bar(m.used, m.budget, m.status, 10), fmt_hours(m.used),
                              fmt_hours(m.budget), fmt_hours(m.remaining), fmt_hours(round(m.expected_to_date)),
                              fmt_hours(round(m.forecast)), fmt_hours(m.support), fmt_hours(m.substitutes),
                              fmt_hours(m.planned) if m.planned else "", spark(months.get(m.person_id, [0.0] * 12)),
                              key=str(m.person_id))
        steering = "\n".join(f"  {name}: {fmt_hours(hours)}" for name, hours in ov.steering)
        self.query_one("#steering", Static).update(
            t("budget.steering") + ("\n" + steering if steering else "\n  –"))
        self._shown = shown



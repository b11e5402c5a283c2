"""Dashboard: the current host region and this year's budgets (the full dashboard is issue 8)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from logbog_tui.i18n import fmt_date, fmt_hours, t
from logbog_tui.overview import budget_overview, explain, host_now
from logbog_tui.tui.widgets.bars import status_text


class DashboardScreen(Screen):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="host-panel")
        yield Static(id="budget-panel")
        yield DataTable(id="budget-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="warnings-panel")
        yield Static(id="tickets-panel")
        yield Static(t("dashboard.more"), classes="placeholder")
        yield Footer()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        app = self.app
        today = app.today
        answer = host_now(app.conn, today)
        if answer is None:
            host = t("app.no_host")
        else:
            when = t("dashboard.meeting", date=fmt_date(answer.meeting_date),
                     days=(answer.meeting_date - today).days) if answer.meeting_date else t("dashboard.by_rotation")
            host = t("dashboard.host", region=answer.region.name, when=when, reason=explain(answer.reason))
        self.query_one("#host-panel", Static).update(host)
        ov = budget_overview(app.conn, today.year, today)
        pl = ov.leadership
        self.query_one("#budget-panel", Static).update(t(
            "dashboard.leadership", year=ov.year, used=fmt_hours(pl.used), budget=fmt_hours(pl.budget),
            expected=fmt_hours(pl.expected_to_date), forecast=fmt_hours(pl.forecast),
            status=t(f"status.{pl.status}")))
        self.query_one("#warnings-panel", Static).update(warnings_text(app.conn, today))
        self.query_one("#tickets-panel", Static).update(tickets_text(app.conn, today))
        table = self.query_one("#budget-table", DataTable)
        table.clear(columns=True)
        table.add_columns(t("col.member"), t("col.used"), t("col.budget"), t("col.remaining"),
                          t("col.support"), t("col.substitutes"), t("col.status"))
        for m in ov.members:
            status = status_text(t(f"status.{m.status}"), m.status)
            table.add_row(m.person, fmt_hours(m.used), fmt_hours(m.budget), fmt_hours(m.remaining),
                          fmt_hours(m.support), fmt_hours(m.substitutes), status)


def warnings_text(conn, today) -> str:
    """The composition warnings: vacancies, memberships ending soon, seats changing soon."""
    from datetime import date

    from logbog_tui.memberships import current_warnings

    lines = []
    for w in current_warnings(conn, today):
        params = {k: fmt_date(v) if isinstance(v, date) else v for k, v in w.params.items()}
        if "body" in params:
            params["body"] = t(f"body.{params['body']}")
        lines.append("• " + t(w.key, **params))
    if not lines:
        return t("dashboard.no_warnings")
    shown = lines[:8] + ([t("dashboard.more_warnings", count=len(lines) - 8)] if len(lines) > 8 else [])
    return t("dashboard.warnings") + "\n" + "\n".join(shown)


def tickets_text(conn, today) -> str:
    """Open tickets, and the three longest with the supplier (passed promises marked)."""
    from logbog_tui.tickets import supplier_summary

    open_count, with_supplier = supplier_summary(conn, today)
    lines = [t("dashboard.tickets", open=open_count, with_supplier=len(with_supplier))]
    for r in with_supplier[:3]:
        late = t("dashboard.ticket_late", date=fmt_date(r.promised)) if r.promise_passed(today) else ""
        lines.append(t("dashboard.ticket_line", number=r.number, title=r.title[:50],
                       days=r.days_with_supplier(today), late=late))
    return "\n".join(lines)

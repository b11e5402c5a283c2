"""Dashboard, the first screen: the current host region and the next meeting, this year's
budgets, and what needs attention (a region change, seats, overdue tasks, referrals, the
development backlog, the registers' warnings, tickets)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Header, Static

from logbog_tui.tui.screens.base import DataScreen
from logbog_tui.storage import meeting_records, meetings, memberships, names, people, queries, tasks
from logbog_tui.i18n import fmt_date, fmt_hours, say, t
from logbog_tui.overview import budget_overview, explain, host_now, planned_note, status_words
from logbog_tui.service.rotation import upcoming_changes
from logbog_tui.storage.tickets import supplier_summary
from logbog_tui.tui.widgets.bars import bar, status_text
from logbog_tui.tui.widgets.key_bar import KeyBar
from logbog_tui.tui.widgets.plain import Plain, Table

if TYPE_CHECKING:
    from logbog_tui.storage.economy import Overview


class DashboardScreen(DataScreen):
    AUTO_FOCUS = "#budget-table"
    BINDINGS = [Binding("R", "app.report", t("report.key"), id="dashboard.report")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Plain(id="host-panel")
        yield Plain(id="budget-panel")
        yield Table(id="budget-table")
        yield Plain(id="warnings-panel")
        yield Plain(id="tickets-panel")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        app = self.app
        today = app.today
        self.query_one("#host-panel", Static).update(host_text(app.conn, today))
        ov = budget_overview(app.conn, today.year, today)
        economy = economy_view(app.conn, today)  # once: the line under the budgets and the warnings
        pl = ov.leadership
        self.query_one("#budget-panel", Static).update(t(
            "dashboard.leadership", year=ov.year, used=fmt_hours(pl.used), budget=fmt_hours(pl.budget),
            expected=fmt_hours(round(pl.expected_to_date)), forecast=fmt_hours(round(pl.forecast)),
            status=status_words(pl.used, pl.budget, pl.status)) + planned_note(ov.leadership_planned)
            + economy_text(economy))
        self.query_one("#warnings-panel", Static).update(attention_text(app.conn, today, economy))
        self.query_one("#tickets-panel", Static).update(tickets_text(app.conn, today))
        table = self.query_one("#budget-table", Table)
        with table.refill(columns=(t("col.member"), t("col.bar"), t("col.used"), t("col.budget"), t("col.remaining"),
                                   t("col.support"), t("col.substitutes"), t("col.status"))):
            for m in ov.members:
                table.add_row(m.person, bar(m.used, m.budget, m.status, 12), fmt_hours(m.used),
                              fmt_hours(m.budget), fmt_hours(m.remaining), fmt_hours(m.support),
                              fmt_hours(m.substitutes), status_text(status_words(m.used, m.budget, m.status), m.status))


def host_text(conn, today: date) -> str:
    answer = host_now(conn, today)
    if answer is None:
        return t("app.no_host")
    if answer.meeting_date:
        place = meetings.place_on(conn, answer.meeting_date)
        when = t("dashboard.meeting", weekday=t(f"weekday.long.{answer.meeting_date.weekday()}"),
                 date=fmt_date(answer.meeting_date), days=(answer.meeting_date - today).days,
                 place=place or "–")
    else:
        when = t("dashboard.by_rotation")
    return t("dashboard.host", region=answer.region.name, when=when, reason=explain(answer.reason))


def paper_lines(conn, today: date) -> list[str]:
    """Meeting papers late or due within a week (issue 23): one line, the first three."""
    from logbog_tui.storage import papers

    found = papers.due(conn, today)
    if not found:
        return []
    titles = "; ".join(t("dashboard.paper_late" if d.late else "dashboard.paper_due", kind=t(f"papers.kind.{d.kind}"),
                         body=t(f"body.{d.body}"), date=fmt_date(d.day), deadline=fmt_date(d.deadline))
                       for d in found[:3])
    return ["• " + t("dashboard.papers_due", count=len(found), titles=titles) + _more(len(found), 3)]


def attention_text(conn, today: date, economy: Overview | None = None) -> str:
    """A region change within a year, vacancies and endings, overdue tasks, open referrals (the
    first ten), then the registers' and the economy's warnings (one line per kind). A database
    without people says what to do first instead (and those warnings after it). ``economy``: the
    year's economy if the caller has it already."""
    registers = register_lines(conn, today) + economy_lines(
        economy if economy is not None else economy_view(conn, today))
    if people.register_empty(conn):
        return "\n".join([t("dashboard.first_steps"), *registers])
    lines = []
    if names.project_leader(conn, today) is None:
        lines.append("• " + t("dashboard.no_project_leader"))
    for day, region, preds in upcoming_changes(queries.regions(conn), today, today + timedelta(days=366)):
        if preds:
            lines.append("• " + t("dashboard.region_change", date=fmt_date(day), region=region.name,
                                  predecessors=t("dashboard.and").join(p.name for p in preds)))
    lines += stale_host_lines(conn, today)
    for w in memberships.current_warnings(conn, today):
        params = {k: fmt_date(v) if isinstance(v, date) else v for k, v in w.params.items()}
        if "body" in params:
            params["body"] = t(f"body.{params['body']}")
        lines.append("• " + t(w.key, **params))
    overdue = [r for r in tasks.list_tasks(conn, None, include_done=False) if r.overdue(today)]
    if overdue:
        lines.append("• " + t("dashboard.overdue", count=len(overdue), titles="; ".join(
            f"{r.title} ({fmt_date(r.due)})" for r in overdue[:3]) + _more(len(overdue), 3)))
    lines += paper_lines(conn, today)
    referrals = meeting_records.referrals(conn)
    if referrals:
        lines.append("• " + t("dashboard.referrals", count=len(referrals), titles="; ".join(
            f"{r.title} ({fmt_date(r.day)})" for r in referrals[:3]) + _more(len(referrals), 3)))
    lines += development_lines(conn, today)
    if not lines and not registers:
        return t("dashboard.no_warnings")
    shown = lines[:10] + ([t("dashboard.more_warnings", count=len(lines) - 10)] if len(lines) > 10 else [])
    return t("dashboard.warnings") + "\n" + "\n".join(shown + registers)


def development_lines(conn, today: date) -> list[str]:
    """The backlog (screen 8): items past the supplier's promised date, and items the follow-up
    group has prioritised that are not yet ordered."""
    from logbog_tui.storage.development_list import list_items

    items = list_items(conn, include_closed=False, sort="promised")
    late = [r for r in items if r.days_late(today)]
    waiting = [r for r in items if r.status == "prioritised"]
    lines = []
    if late:
        lines.append("• " + t("dashboard.dev_late", count=len(late), titles="; ".join(
            f"#{r.id} {r.title[:40]} ({fmt_date(r.promised)})" for r in late[:3] if r.promised) + _more(len(late), 3)))
    if waiting:
        lines.append("• " + t("dashboard.dev_waiting", count=len(waiting), titles="; ".join(
            f"#{r.id} {r.title[:40]}" for r in waiting[:3]) + _more(len(waiting), 3)))
    return lines


# The registers' warnings (storage/registers.py), one line per kind: its heading with the count,
# then the first three items.
REGISTER_HEADS = {
    "reg.warn.pending": "reg.head.pending", "reg.warn.loaded_early": "reg.head.loaded_early",
    "reg.warn.not_entered": "reg.head.not_entered", "reg.warn.no_main": "reg.head.no_main",
    "reg.warn.review_due": "reg.head.review_due", "reg.warn.notice": "reg.head.notice",
    "reg.warn.no_successor": "reg.head.no_successor",
}


def register_lines(conn, today: date) -> list[str]:
    """The registers' warnings (PL1, PL2, PL3, PL7), grouped by kind."""
    from logbog_tui.storage import registers

    groups: dict[str, list] = {}
    for warning in registers.warnings(conn, today):
        groups.setdefault(warning.key, []).append(warning)
    return ["• " + t(REGISTER_HEADS[key], count=len(items)) + ": " + "; ".join(say(w) for w in items[:3])
            + _more(len(items), 3) for key, items in groups.items()]


def economy_view(conn, today: date) -> Overview:
    """This year's economy (issue 20), as the economy screen computes it."""
    from logbog_tui.storage import economy

    return economy.overview(conn, today.year, today)


def economy_text(view: Overview) -> str:
    """One line under the hour budgets: the year's spending and forecast against the budget in
    kroner (issue 20); nothing when the year has no budget lines."""
    from logbog_tui.service.economy import format_amount

    if not view.lines:
        return ""
    tot = view.totals
    return "\n" + t("dashboard.economy", year=view.year, spent=format_amount(tot.spent, unit=False),
                     budget=format_amount(tot.budget, unit=False), forecast=format_amount(tot.forecast, unit=False),
                     status=t(f"econ.status.{tot.status}"))


def economy_lines(view: Overview) -> list[str]:
    """This year's budget lines over the warning and the over threshold (80 %/100 %), one line each kind."""
    lines = []
    for status in ("over", "warning"):
        hits = [r for r in view.lines if r.position.status == status]
        if hits:
            used = "; ".join(f"{r.line.name} {(r.position.spent + r.position.committed) * 100 // r.position.budget} %"
                             if r.position.budget else r.line.name for r in hits[:3])
            lines.append("• " + t(f"dashboard.economy_{status}", count=len(hits)) + ": " + used
                         + _more(len(hits), 3))
    return lines


def stale_host_lines(conn, today: date) -> list[str]:
    """Planned follow-up group meetings whose host no longer matches the rotation, or whose host
    region ceases before the date (the region change), with what `h` on Meetings offers."""
    from logbog_tui.storage.meetings import not_in_force, stale_meetings

    regions = queries.regions(conn)
    by_code = {r.code: r for r in regions}
    lines = []
    for m, check in stale_meetings(conn, today):
        offer = check.offer.name if check.offer else "–"
        if check.ceased:
            lines.append("• " + t("dashboard.host_ceases", date=fmt_date(m.day),
                                  why=say(not_in_force(by_code[m.host_code], m.day)), offer=offer))
        else:
            lines.append("• " + t("dashboard.host_stale", date=fmt_date(m.day), host=m.host_name, offer=offer))
    return lines


def tickets_text(conn, today: date) -> str:
    """Open tickets, and the three longest with the supplier (passed promises marked)."""
    open_count, with_supplier = supplier_summary(conn, today)
    lines = [t("dashboard.tickets", open=open_count, with_supplier=len(with_supplier))]
    for r in with_supplier[:3]:
        late = t("dashboard.ticket_late", date=fmt_date(r.promised)) if r.promise_passed(today) else ""
        lines.append(t("dashboard.ticket_line", number=r.number, title=r.title[:50],
                       days=r.days_with_supplier(today), late=late))
    if len(with_supplier) > 3:
        lines.append("  " + t("more", count=len(with_supplier) - 3))
    return "\n".join(lines)


def _more(count: int, shown: int) -> str:
    """ " … og 2 flere" after a list that shows ``shown`` of ``count``."""
    return " " + t("more", count=count - shown) if count > shown else ""

"""Answers built from the database and the service rules: the current host and the budgets.

Shared by the CLI and the TUI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from logbog_tui.collation import sort_key
from logbog_tui.i18n import fmt_date, fmt_hours, t
from logbog_tui.service import budget as rules
from logbog_tui.service import rotation
from logbog_tui.service import Message
from logbog_tui.service.workdays import DEFAULT_DAYS_OFF, DaysOff
from logbog_tui.storage import names, queries
from logbog_tui.storage.db import Connection

TYPE_CHECKING = False
if TYPE_CHECKING:
    from logbog_tui.storage.tickets import TicketRow


def explain(reason: Message) -> str:
    """A rotation reason in the current language."""
    params = {k: fmt_date(v) if isinstance(v, date) else v for k, v in reason.params.items()}
    return t(reason.key, **params)


def status_words(used: float, budget: float, state: str) -> str:
    """A budget's position in words: exactly 100 % is "brugt op", more is "overskredet (n t over)";
    otherwise the status (``ok``, ``warning``, or ``over`` a threshold set below 100 %)."""
    if budget > 0 and abs(used - budget) < 0.005:
        return t("status.used_up")
    if used > budget:
        return t("status.over_by", hours=fmt_hours(used - budget))
    return t("status.over_threshold") if state == rules.OVER else t(f"status.{state}")


def planned_note(hours: float) -> str:
    """`` · 4 t planlagt (fremtidige registreringer, ikke talt med)`` or nothing."""
    return t("budget.planned_note", hours=fmt_hours(hours)) if hours > 0.005 else ""


def crossing_notice(label: str, state: str, thresholds: rules.Thresholds) -> str:
    """The loud notice when hours take a budget past a threshold, naming the configured one."""
    pct = thresholds.warn if state == rules.WARNING else thresholds.over
    return t(f"budget.crossed_{state}", label=label, pct=f"{pct * 100:.0f}")


def ticket_detail(r: TicketRow, today: date) -> str:
    """A ticket's facts under its title (the ticket screen, ``logbog ticket show``): number,
    category, priority, status, reporter, opened, assignee, hours, and the supplier's case."""
    from logbog_tui.i18n import fmt_minutes

    supplier = "–"
    if r.supplier_ref:
        supplier = t("ticket.supplier_line", ref=r.supplier_ref, sent=fmt_date(r.sent),
                     promised=fmt_date(r.promised) if r.promised else "–")
        if r.promise_passed(today):
            supplier += "  " + t("tickets.passed", date=fmt_date(r.promised))
    return t("ticket.detail", number=r.number, category=t(f"category.{r.category}"),
             priority=t(f"priority.{r.priority}"), status=t(f"ticket.status.{r.status}"),
             reporter=r.reporter or "–", opened=fmt_date(r.opened), assignee=r.assignee or "–",
             hours=fmt_minutes(r.minutes), supplier=supplier)


def host_now(conn: Connection, day: date) -> rotation.HostAnswer | None:
    return rotation.current_host(queries.regions(conn), queries.hostings(conn), day)


def propose_host(conn: Connection, day: date) -> rotation.Proposal | None:
    return rotation.propose(queries.regions(conn), queries.hostings(conn), day)


@dataclass
class MemberLine:
    person_id: int
    person: str
    days: int
    budget: float
    used: float
    support: float
    substitutes: float
    by_substitute: dict[str, float]
    remaining: float
    status: str
    expected_to_date: float = 0.0
    forecast: float = 0.0
    planned: float = 0.0


class SteeringLine(NamedTuple):
    """A steering group member's hours (they have no budget)."""

    person: str
    hours: float


@dataclass
class BudgetOverview:
    year: int
    as_of: date
    working_days_elapsed: int
    working_days_year: int
    leadership: rules.Pace
    members: list[MemberLine] = field(default_factory=list)
    steering: list[SteeringLine] = field(default_factory=list)
    unattributed: float = 0.0
    leadership_planned: float = 0.0          # project leadership hours dated after the as-of date
    days_off: DaysOff = DEFAULT_DAYS_OFF
    thresholds: rules.Thresholds = rules.Thresholds()

    def member(self, person_id: int | None) -> MemberLine | None:
        return next((m for m in self.members if m.person_id == person_id), None)

    def member_for(self, conn: Connection, person_id: int, day: date,
                   on_behalf_of: int | None = None) -> MemberLine | None:
        """The member whose budget ``person_id``'s follow-up group hours on ``day`` count toward
        (the stated principal; else their own; else the one member they substituted for)."""
        if on_behalf_of is not None:
            return self.member(on_behalf_of)
        return self.member(person_id) or self.member(queries.substitute_for(conn, person_id, day))


def budget_overview(conn: Connection, year: int, as_of: date) -> BudgetOverview:
    """Budgets of ``year`` as of ``as_of``: entries from 1 January up to ``as_of`` are used; those
    after it in the year are shown as planned, never counted."""
    from logbog_tui.storage.session import reading

    with reading(conn):  # one session for the overview's dozen queries
        return _budget_overview(conn, year, as_of)


def _budget_overview(conn: Connection, year: int, as_of: date) -> BudgetOverview:
    from logbog_tui.service.workdays import working_days, working_days_in_year

    start, year_end = date(year, 1, 1), date(year, 12, 31)
    end = min(as_of, year_end)
    after = max(as_of + timedelta(days=1), start)
    thresholds = queries.thresholds(conn)
    days_off = queries.days_off(conn)
    elapsed = working_days(start, end, days_off)
    total = working_days_in_year(year, days_off)
    used_pl = queries.leadership_minutes(conn, start, end) / 60 if end >= start else 0.0
    planned_pl = queries.leadership_minutes(conn, after, year_end) / 60 if after <= year_end else 0.0
    leadership = rules.pace(queries.budget_hours(conn, year, "projektledelse"), used_pl, elapsed, total, thresholds)
    periods = queries.member_periods(conn, year)
    result = rules.member_budgets(
        periods, queries.member_hour_rows(conn, start, end) if end >= start else [],
        queries.budget_hours(conn, year, "folgegruppe_member"), year, thresholds, as_of=as_of,
        planned_rows=queries.member_hour_rows(conn, after, year_end) if after <= year_end else [],
        days_off=days_off)
    budgets = result.members
    by_id = names.person_names(conn, [b.person_id for b in budgets]
                                 + [p for b in budgets for p in b.by_substitute])
    members = sorted((MemberLine(b.person_id, by_id.get(b.person_id, "?"), b.days, b.budget, b.used, b.support,
                                 b.substitutes, {by_id.get(p, "?"): h for p, h in b.by_substitute.items()},
                                 b.remaining, b.status, b.expected_to_date, b.forecast, b.planned)
                      for b in budgets), key=lambda m: sort_key(m.person))
    steering = [SteeringLine(s.name, max(0.0, s.minutes / 60 - result.counted_by_logger.get(s.person_id, 0.0)))
                for s in queries.steering_hours(conn, year, start, end)]
    return BudgetOverview(year, as_of, elapsed, total, leadership, members, steering, result.unattributed,
                          planned_pl, days_off, thresholds)

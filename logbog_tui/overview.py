"""Answers built from the database and the service rules: the current host and the budgets.

Shared by the CLI and the TUI; standard library only (the quick CLI paths import it).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date

from logbog_tui import queries
from logbog_tui.collation import sort_key
from logbog_tui.i18n import fmt_date, t
from logbog_tui.service import budget as rules
from logbog_tui.service import rotation
from logbog_tui.service.rotation import Reason


def explain(reason: Reason) -> str:
    """A rotation reason in the current language."""
    params = {k: fmt_date(v) if isinstance(v, date) else v for k, v in reason.params.items()}
    return t(reason.key, **params)


def host_now(conn: sqlite3.Connection, day: date) -> rotation.HostAnswer | None:
    return rotation.current_host(queries.regions(conn), queries.hostings(conn), day)


def propose_host(conn: sqlite3.Connection, day: date) -> rotation.Proposal | None:
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


@dataclass
class BudgetOverview:
    year: int
    as_of: date
    working_days_elapsed: int
    working_days_year: int
    leadership: rules.Pace
    members: list[MemberLine] = field(default_factory=list)
    steering: list[tuple[str, float]] = field(default_factory=list)
    unattributed: float = 0.0

    def member(self, person_id: int | None) -> MemberLine | None:
        return next((m for m in self.members if m.person_id == person_id), None)

    def member_for(self, conn: sqlite3.Connection, person_id: int, day: date) -> MemberLine | None:
        """The member whose budget ``person_id``'s follow-up group hours on ``day`` count toward."""
        return self.member(person_id) or self.member(queries.substitute_for(conn, person_id, day))


def budget_overview(conn: sqlite3.Connection, year: int, as_of: date) -> BudgetOverview:
    """Budgets of ``year`` counting entries from 1 January up to ``as_of`` (clipped to the year)."""
    from logbog_tui.service.workdays import working_days, working_days_in_year

    start = date(year, 1, 1)
    end = min(as_of, date(year, 12, 31))
    thresholds = queries.thresholds(conn)
    elapsed = working_days(start, end)
    total = working_days_in_year(year)
    used_pl = queries.leadership_minutes(conn, start, end) / 60
    leadership = rules.pace(queries.budget_hours(conn, year, "projektledelse"), used_pl, elapsed, total, thresholds)
    budgets, unattributed = rules.member_budgets(
        queries.member_periods(conn, year), queries.member_hour_rows(conn, start, end),
        queries.budget_hours(conn, year, "folgegruppe_member"), year, thresholds)
    names = queries.person_names(conn, [b.person_id for b in budgets]
                                 + [p for b in budgets for p in b.by_substitute])
    members = sorted((MemberLine(b.person_id, names.get(b.person_id, "?"), b.days, b.budget, b.used, b.support,
                                 b.substitutes, {names.get(p, "?"): h for p, h in b.by_substitute.items()},
                                 b.remaining, b.status) for b in budgets), key=lambda m: sort_key(m.person))
    steering = [(name, minutes / 60) for _pid, name, minutes in queries.steering_hours(conn, year, start, end)]
    return BudgetOverview(year, as_of, elapsed, total, leadership, members, steering, unattributed)

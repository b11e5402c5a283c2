"""Hour budgets (domain.md "Hour budgets"), as pure functions over sums of minutes.

Interpretation, as implemented:

* The budget year is the calendar year; "used" counts entries dated from 1 January up to and
  including the as-of date.
* Project leadership: every hour logged on the 9 project leadership task areas (PL1-PL9), by
  whoever logged it, support flag or not.
* A follow-up group member's budget is the yearly member budget (74 h by default) times the days
  of the year on which the person held at least one representative seat (a region or a
  secretariat seat) divided by the days in the year. Two seats at once count once.
* A member's "used" is their hours on the 6 follow-up group task areas (FG1-FG6) that are not
  support, plus such hours logged by a person who was their substitute on the entry's date and
  held no seat of their own that year. Support hours never count; they are shown beside.
* Expected to date = budget x working days elapsed / working days in the year; forecast =
  used / working days elapsed x working days in the year (a working day is Monday-Friday and not
  a Danish public holiday). Status: ``warning`` from 80 % of budget, ``over`` from 100 %
  (thresholds configurable); logging past 100 % is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

OK, WARNING, OVER = "ok", "warning", "over"


@dataclass(frozen=True)
class Thresholds:
    warn: float = 0.8
    over: float = 1.0


def status(used: float, budget: float, thresholds: Thresholds = Thresholds()) -> str:
    """``ok``, ``warning`` (from warn x budget) or ``over`` (from over x budget)."""
    if budget <= 0:
        return OVER if used > 0 else OK
    ratio = used / budget
    if ratio >= thresholds.over:
        return OVER
    if ratio >= thresholds.warn:
        return WARNING
    return OK


@dataclass(frozen=True)
class Pace:
    budget: float
    used: float
    remaining: float
    expected_to_date: float
    forecast: float
    status: str


def pace(budget: float, used: float, elapsed_working_days: int, year_working_days: int,
         thresholds: Thresholds = Thresholds()) -> Pace:
    """Budget position with expected-to-date and forecast (hours in, hours out)."""
    expected = budget * elapsed_working_days / year_working_days if year_working_days else 0.0
    forecast = used / elapsed_working_days * year_working_days if elapsed_working_days else used
    return Pace(budget, used, budget - used, expected, forecast, status(used, budget, thresholds))


def days_in_year(year: int) -> int:
    return (date(year + 1, 1, 1) - date(year, 1, 1)).days


def days_held(periods: Iterable[tuple[date, date | None]], year: int) -> int:
    """Days of ``year`` covered by at least one of ``periods`` (from, to-or-None, inclusive)."""
    lo, hi = date(year, 1, 1), date(year, 12, 31)
    clipped = sorted((max(a, lo), min(b or hi, hi)) for a, b in periods)
    total, cur_start, cur_end = 0, None, None
    for start, end in clipped:
        if end < start:
            continue
        if cur_end is not None and start <= cur_end + timedelta(days=1):
            cur_end = max(cur_end, end)
            continue
        if cur_end is not None:
            total += (cur_end - cur_start).days + 1
        cur_start, cur_end = start, end
    if cur_end is not None:
        total += (cur_end - cur_start).days + 1
    return total


def prorated(full_year_hours: float, days: int, year: int) -> float:
    return full_year_hours * days / days_in_year(year)


@dataclass(frozen=True)
class HourRow:
    """Minutes on follow-up group areas, grouped by who logged them.

    ``substitute_for`` is the member the logger was substitute for on the entry's date, if any.
    """

    logged_by: int
    is_support: bool
    substitute_for: int | None
    minutes: int


@dataclass
class MemberBudget:
    person_id: int
    days: int
    budget: float
    used: float = 0.0          # own non-support hours + substitutes' non-support hours
    support: float = 0.0       # support hours (own and substitutes'), never counted
    substitutes: float = 0.0   # the part of ``used`` logged by substitutes
    by_substitute: dict[int, float] = field(default_factory=dict)
    remaining: float = 0.0
    status: str = OK


def member_budgets(periods: dict[int, Sequence[tuple[date, date | None]]], rows: Iterable[HourRow],
                   full_year_hours: float, year: int,
                   thresholds: Thresholds = Thresholds()) -> tuple[list[MemberBudget], float]:
    """One budget per member (person with a representative seat in ``year``).

    Returns the budgets and the hours that could be attributed to no member.
    """
    members = {}
    for person, person_periods in periods.items():
        days = days_held(person_periods, year)
        if days > 0:
            members[person] = MemberBudget(person, days, prorated(full_year_hours, days, year))
    unattributed = 0.0
    for row in rows:
        hours = row.minutes / 60
        if row.logged_by in members:
            target, via = members[row.logged_by], None
        elif row.substitute_for in members:
            target, via = members[row.substitute_for], row.logged_by
        else:
            unattributed += hours
            continue
        if row.is_support:
            target.support += hours
            continue
        target.used += hours
        if via is not None:
            target.substitutes += hours
            target.by_substitute[via] = target.by_substitute.get(via, 0.0) + hours
    for m in members.values():
        m.remaining = m.budget - m.used
        m.status = status(m.used, m.budget, thresholds)
    return list(members.values()), unattributed


def as_of_for(year: int, today: date) -> date:
    """The default as-of date for a budget year: today in the current year, else its edge."""
    if year == today.year:
        return today
    return date(year, 12, 31) if year < today.year else date(year, 1, 1) - timedelta(days=1)

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

from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from logbog_tui.service.workdays import DEFAULT_DAYS_OFF, DaysOff, working_days_in
from logbog_tui.service.record import Record

OK, WARNING, OVER = "ok", "warning", "over"


class Thresholds(Record):
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


class Pace(Record):
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
    total = 0
    cur_start: date | None = None
    cur_end: date | None = None
    for start, end in clipped:
        if end < start:
            continue
        if cur_end is not None and start <= cur_end + timedelta(days=1):
            cur_end = max(cur_end, end)
            continue
        if cur_end is not None and cur_start is not None:
            total += (cur_end - cur_start).days + 1
        cur_start, cur_end = start, end
    if cur_end is not None and cur_start is not None:
        total += (cur_end - cur_start).days + 1
    return total


def prorated(full_year_hours: float, days: int, year: int) -> float:
    return full_year_hours * days / days_in_year(year)


@dataclass(frozen=True)
class HourRow:
    """Minutes on follow-up group areas, grouped by who logged them and for whom.

    ``on_behalf`` is the principal stated on the entries (the member a substitute worked for);
    ``substitute_for`` the one member the logger was substitute for on the entry's date, when
    there was exactly one (``None`` for none or several).
    """

    logged_by: int
    is_support: bool
    on_behalf: int | None
    substitute_for: int | None
    minutes: int
    stale_principal: bool = False   # the stated principal was not the logger's member on that date


def attribute(row: HourRow, members: Container[int]) -> int | None:
    """The member whose budget ``row`` counts toward, or ``None`` (counts toward nobody).

    A stated principal wins (when the logger was still their substitute, and they a member, on
    the entry's date); otherwise a member's own hours are their own; otherwise the one member
    the logger substituted for on that date."""
    if row.stale_principal:
        return None
    if row.on_behalf is not None:
        return row.on_behalf if row.on_behalf in members else None
    if row.logged_by in members:
        return row.logged_by
    if row.substitute_for in members:
        return row.substitute_for
    return None


class MemberPace(Record):
    expected_to_date: float
    forecast: float
    elapsed_working_days: int
    working_days: int


def member_pace(budget: float, used: float, periods: Sequence[tuple[date, date | None]], year: int, as_of: date,
                days_off: DaysOff = DEFAULT_DAYS_OFF) -> MemberPace:
    """Expected-to-date and forecast over the working days of ``year`` on which the member held a
    seat: before the first such day nothing is expected; once the last has passed the whole budget
    is expected and the forecast is the hours used."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    total = working_days_in(periods, start, end, days_off)
    elapsed = working_days_in(periods, start, min(as_of, end), days_off) if as_of >= start else 0
    expected = budget * elapsed / total if total else (budget if as_of >= end else 0.0)
    forecast = used / elapsed * total if elapsed else used
    return MemberPace(expected, forecast, elapsed, total)


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
    expected_to_date: float = 0.0
    forecast: float = 0.0
    planned: float = 0.0       # non-support hours dated after the as-of date (not counted yet)


@dataclass
class Members:
    members: list[MemberBudget]
    unattributed: float = 0.0                                   # hours counted toward nobody
    counted_by_logger: dict[int, float] = field(default_factory=dict)  # hours (any) counted toward a member


def member_budgets(periods: dict[int, Sequence[tuple[date, date | None]]], rows: Iterable[HourRow],
                   full_year_hours: float, year: int, thresholds: Thresholds = Thresholds(), *,
                   as_of: date | None = None, planned_rows: Iterable[HourRow] = (),
                   days_off: DaysOff = DEFAULT_DAYS_OFF) -> Members:
    """One budget per member (person with a representative seat in ``year``), with pace as of
    ``as_of`` (default: the end of the year). ``rows`` are the hours up to the as-of date,
    ``planned_rows`` those after it (shown, not counted)."""
    as_of = as_of or date(year, 12, 31)
    members = {}
    for person, person_periods in periods.items():
        days = days_held(person_periods, year)
        if days > 0:
            members[person] = MemberBudget(person, days, prorated(full_year_hours, days, year))
    out = Members(list(members.values()))
    for row in rows:
        hours = row.minutes / 60
        target_id = attribute(row, members)
        if target_id is None:
            out.unattributed += hours
            continue
        out.counted_by_logger[row.logged_by] = out.counted_by_logger.get(row.logged_by, 0.0) + hours
        target = members[target_id]
        if row.is_support:
            target.support += hours
            continue
        target.used += hours
        if target_id != row.logged_by:
            target.substitutes += hours
            target.by_substitute[row.logged_by] = target.by_substitute.get(row.logged_by, 0.0) + hours
    for row in planned_rows:
        target_id = attribute(row, members)
        if target_id is not None and not row.is_support:
            members[target_id].planned += row.minutes / 60
    for m in members.values():
        m.remaining = m.budget - m.used
        m.status = status(m.used, m.budget, thresholds)
        p = member_pace(m.budget, m.used, periods[m.person_id], year, as_of, days_off)
        m.expected_to_date, m.forecast = p.expected_to_date, p.forecast
    return out


def as_of_for(year: int, today: date) -> date:
    """The default as-of date for a budget year: today in the current year, else its edge."""
    if year == today.year:
        return today
    return date(year, 12, 31) if year < today.year else date(year, 1, 1) - timedelta(days=1)

"""Working days: Monday to Friday, not a Danish public holiday (:func:`holidays_of`) and not
one of the extra days off that Danish public employers give (a setting; by default 24.12, 31.12
and Grundlovsdag 05.06, which is off from noon and counted here as a whole day off).

Names are Danish, as the law gives them.
The extra days off are passed as a :class:`DaysOff` value (see :func:`parse_days_off`); the
module-level functions use the default.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

from logbog_tui.service import Problem
from logbog_tui.service.record import Record


def _easter(year: int) -> date:
    from dateutil.easter import easter  # Western (Gregorian) Easter, as the Danish church has it

    return easter(year)


@lru_cache(maxsize=64)
def holidays_of(year: int) -> dict[date, str]:
    """Denmark's public holidays in ``year`` with their Danish names (helligdagsloven: the fixed
    days and those counted from Easter; Store bededag until 2023, abolished from 2024 by act no.
    214 of 06.03.2023).

    Computed here rather than by the ``holidays`` library: importing it builds calendars for the
    whole world (its Islamic lunar tables alone ~50 ms), ~60 ms of every TUI start, for eleven
    dates a year. tests/test_holidays.py checks that the two give the same days and names."""
    e = _easter(year)
    days = {date(year, 1, 1): "Nytårsdag", e - timedelta(days=3): "Skærtorsdag",
            e - timedelta(days=2): "Langfredag", e: "Påskedag", e + timedelta(days=1): "Anden påskedag",
            e + timedelta(days=39): "Kristi himmelfartsdag", e + timedelta(days=49): "Pinsedag",
            e + timedelta(days=50): "Anden pinsedag", date(year, 12, 25): "Juledag",
            date(year, 12, 26): "Anden juledag"}
    if year <= 2023:
        days[e + timedelta(days=26)] = "Store bededag"
    return days


@lru_cache(maxsize=64)
def _optional_names(year: int) -> dict[date, str]:
    """Danish names of the customary days off (Arbejdernes kampdag, Grundlovsdag, Juleaftensdag,
    Nytårsaften)."""
    return {date(year, 5, 1): "Arbejdernes kampdag", date(year, 6, 5): "Grundlovsdag",
            date(year, 12, 24): "Juleaftensdag", date(year, 12, 31): "Nytårsaften"}


class DaysOff(Record):
    """Extra days off every year, as (month, day) pairs, besides the public holidays."""

    days: tuple[tuple[int, int], ...] = ((12, 24), (12, 31), (6, 5))

    def name(self, day: date) -> str | None:
        """The Danish name of an extra day off (``None`` when ``day`` is not one)."""
        if (day.month, day.day) not in self.days:
            return None
        return _optional_names(day.year).get(day) or "fridag"

    def of_year(self, year: int) -> frozenset[date]:
        out = set()
        for month, day in self.days:
            try:
                out.add(date(year, month, day))
            except ValueError:  # 29.02 in a year without it
                continue
        return frozenset(out)

    def text(self) -> str:
        """``24.12, 31.12, 05.06``: the form of the setting and of the budget panel."""
        return ", ".join(f"{d:02d}.{m:02d}" for m, d in self.days)


DEFAULT_DAYS_OFF = DaysOff()
NO_EXTRA_DAYS_OFF = DaysOff(())
_DAY_MONTH = re.compile(r"^(\d{1,2})\.(\d{1,2})\.?$")


def parse_days_off(text: str) -> DaysOff:
    """``24.12, 31.12, 05.06`` (day.month, separated by commas or spaces; empty for none)."""
    days: list[tuple[int, int]] = []
    for part in re.split(r"[,;\s]+", (text or "").strip()):
        if not part:
            continue
        m = _DAY_MONTH.match(part)
        if not m:
            raise Problem("days_off.invalid", {"text": part[:20]})
        day, month = int(m.group(1)), int(m.group(2))
        try:
            date(2024, month, day)  # a leap year: 29.02 is a possible day
        except ValueError:
            raise Problem("days_off.invalid", {"text": part[:20]}) from None
        if (month, day) not in days:
            days.append((month, day))
    return DaysOff(tuple(days))


def holiday_name(day: date) -> str | None:
    return holidays_of(day.year).get(day)


def day_off_name(day: date, days_off: DaysOff = DEFAULT_DAYS_OFF) -> str | None:
    """The public holiday or extra day off on ``day`` (Danish name), else ``None``."""
    return holiday_name(day) or days_off.name(day)


def is_working_day(day: date, days_off: DaysOff = DEFAULT_DAYS_OFF) -> bool:
    return day.weekday() < 5 and day not in holidays_of(day.year) and day not in days_off.of_year(day.year)


def working_days(start: date, end: date, days_off: DaysOff = DEFAULT_DAYS_OFF) -> int:
    """Working days from ``start`` to ``end``, both included (0 when end < start)."""
    if end < start:
        return 0
    total = 0
    for year in range(start.year, end.year + 1):
        lo = max(start, date(year, 1, 1))
        hi = min(end, date(year, 12, 31))
        off = set(holidays_of(year)) | days_off.of_year(year)
        total += _weekdays(lo, hi) - sum(1 for d in off if lo <= d <= hi and d.weekday() < 5)
    return total


def working_days_in(periods: Iterable[tuple[date, date | None]], start: date, end: date,
                    days_off: DaysOff = DEFAULT_DAYS_OFF) -> int:
    """Working days from ``start`` to ``end`` that fall in at least one of ``periods``
    ((from, to-or-None) pairs, inclusive; overlapping periods count once)."""
    total = 0
    for lo, hi in merge(periods, start, end):
        total += working_days(lo, hi, days_off)
    return total


def merge(periods: Iterable[tuple[date, date | None]], start: date, end: date) -> list[tuple[date, date]]:
    """``periods`` clipped to ``start``..``end`` and merged where they overlap or touch."""
    clipped = sorted((max(a, start), min(b or end, end)) for a, b in periods)
    out: list[tuple[date, date]] = []
    for lo, hi in clipped:
        if hi < lo:
            continue
        if out and lo <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def _weekdays(lo: date, hi: date) -> int:
    days = (hi - lo).days + 1
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    for i in range(rest):
        if (lo + timedelta(days=full_weeks * 7 + i)).weekday() < 5:
            count += 1
    return count


def working_days_in_year(year: int, days_off: DaysOff = DEFAULT_DAYS_OFF) -> int:
    return working_days(date(year, 1, 1), date(year, 12, 31), days_off)

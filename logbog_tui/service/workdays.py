"""Working days: Monday to Friday and not a Danish public holiday (``holidays``, country DK).

Names are asked for in Danish explicitly (``language="da"``); without it they follow the locale.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache


@lru_cache(maxsize=64)
def holidays_of(year: int) -> dict[date, str]:
    import holidays

    return dict(holidays.country_holidays("DK", years=year, language="da").items())


def holiday_name(day: date) -> str | None:
    return holidays_of(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in holidays_of(day.year)


def working_days(start: date, end: date) -> int:
    """Working days from ``start`` to ``end``, both included (0 when end < start)."""
    if end < start:
        return 0
    total = 0
    for year in range(start.year, end.year + 1):
        lo = max(start, date(year, 1, 1))
        hi = min(end, date(year, 12, 31))
        total += _weekdays(lo, hi) - sum(1 for d in holidays_of(year) if lo <= d <= hi and d.weekday() < 5)
    return total


def _weekdays(lo: date, hi: date) -> int:
    days = (hi - lo).days + 1
    full_weeks, rest = divmod(days, 7)
    count = full_weeks * 5
    for i in range(rest):
        if (lo + timedelta(days=full_weeks * 7 + i)).weekday() < 5:
            count += 1
    return count


def working_days_in_year(year: int) -> int:
    return working_days(date(year, 1, 1), date(year, 12, 31))

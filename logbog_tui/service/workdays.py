"""Working days: Monday to Friday, not a Danish public holiday (``holidays``, country DK) and not
one of the extra days off that Danish public employers give (a setting; by default 24.12, 31.12
and Grundlovsdag 05.06, which is off from noon and counted here as a whole day off).

Names are asked for in Danish explicitly (``language="da"``); without it they follow the locale.
The extra days off are passed as a :class:`DaysOff` value (see :func:`parse_days_off`); the
module-level functions use the default.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from logbog_tui.service import Problem


@lru_cache(maxsize=1)
def _denmark() -> type:
    """``holidays``' class for Denmark, the one ``holidays.country_holidays("DK", ...)`` makes.

    ``country_holidays`` imports ``holidays.countries``, whose ``__init__`` imports the rules of all
    ~280 countries: about 0.1 s of every TUI start, which shows the working days of the year at
    once. So only ``holidays/countries/denmark.py`` is loaded, under its own name (should the
    package be imported later, it finds it there and uses it). A library whose layout differs
    gets the ordinary import. tests/test_holidays.py checks that both give the same days."""
    import importlib.util
    import os
    import sys

    import holidays  # the calendars and the base class the rules use

    name = "holidays.countries.denmark"
    module = sys.modules.get(name)
    package = importlib.util.find_spec("holidays.countries")  # found, not run
    where = package.submodule_search_locations if package else None
    path = os.path.join(next(iter(where)), "denmark.py") if where else ""
    if module is None and os.path.isfile(path):
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is not None and spec.loader is not None:
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:
                del sys.modules[name]
                raise
    denmark = getattr(module, "Denmark", None) if module is not None else None
    if not isinstance(denmark, type) or getattr(denmark, "country", None) != "DK":
        return type(holidays.country_holidays("DK"))
    return denmark


@lru_cache(maxsize=64)
def holidays_of(year: int) -> dict[date, str]:
    return dict(_denmark()(years=year, language="da").items())


@lru_cache(maxsize=64)
def _optional_names(year: int) -> dict[date, str]:
    """Danish names of the customary days off (Juleaftensdag, Nytårsaften, Grundlovsdag, ...)."""
    return dict(_denmark()(years=year, language="da", categories=("optional",)).items())


@dataclass(frozen=True)
class DaysOff:
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

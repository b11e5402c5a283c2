"""Periods for lists of time entries: an ISO week, a calendar month or a year around a date."""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

KINDS = ("week", "month", "year")


def bounds(kind: str, anchor: date) -> tuple[date, date]:
    """First and last day of the period of ``kind`` containing ``anchor``."""
    if kind == "week":
        start = anchor - timedelta(days=anchor.weekday())
        return start, start + timedelta(days=6)
    if kind == "month":
        start = anchor.replace(day=1)
        return start, start + relativedelta(months=1) - timedelta(days=1)
    if kind == "year":
        return date(anchor.year, 1, 1), date(anchor.year, 12, 31)
    raise ValueError(kind)


def shift(kind: str, anchor: date, steps: int) -> date:
    """``anchor`` moved by ``steps`` periods (a month from the 31st lands on the month's last day)."""
    if kind == "week":
        return anchor + timedelta(weeks=steps)
    if kind == "month":
        return anchor + relativedelta(months=steps)
    if kind == "year":
        return anchor + relativedelta(years=steps)
    raise ValueError(kind)


def next_kind(kind: str) -> str:
    return KINDS[(KINDS.index(kind) + 1) % len(KINDS)]

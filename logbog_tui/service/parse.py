"""Parsing the Danish forms of hours and dates that people type.

Hours: ``1,5`` ``1.5`` ``1:30`` ``1t30m`` ``1h30m`` ``90m`` ``2t`` -> whole minutes.
Dates: ``25.11.2026`` ``25.11.26`` ``25.11`` (this year) ``2026-11-25`` ``i dag`` ``i går``
``i morgen`` ``+3`` ``-2`` (days from today), and the English words today/yesterday/tomorrow.
ISO and Danish forms are parsed explicitly: dateutil's ``dayfirst=True`` turns ``2026-01-05``
into 1 May, so it is not used here.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from logbog_tui.service import Problem

MAX_MINUTES_PER_DAY = 24 * 60
_MAX_INPUT = 40

_HM = re.compile(r"^(?:(\d{1,2})\s*[th])?\s*(?:(\d{1,4})\s*(?:min|m)?)?$")
_COLON = re.compile(r"^(\d{1,2}):([0-5]\d)$")
_DECIMAL = re.compile(r"^(\d{1,4})(?:[.,](\d{1,4}))?$|^[.,](\d{1,4})$")

_WORDS = {
    "i dag": 0, "idag": 0, "today": 0,
    "i går": -1, "igår": -1, "yesterday": -1,
    "i morgen": 1, "imorgen": 1, "tomorrow": 1,
    "i forgårs": -2, "i overmorgen": 2,
}
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?\.?$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_OFFSET = re.compile(r"^([+-])\s*(\d{1,4})$")


def _clean(text: str) -> str:
    return unicodedata.normalize("NFC", str(text)).strip().lower()


def parse_hours(text: str) -> int:
    """Whole minutes in ``text``; raises :class:`Problem` unless 0 < minutes <= 24 h."""
    raw = _clean(text)
    if not raw:
        raise Problem("parse.hours.empty")
    if len(raw) > _MAX_INPUT:
        raise Problem("parse.hours.invalid", {"text": raw[:_MAX_INPUT] + "…"})
    if raw.startswith("-"):
        raise Problem("parse.hours.not_positive")
    minutes: float | None = None
    if m := _COLON.match(raw):
        minutes = int(m.group(1)) * 60 + int(m.group(2))
    elif m := _DECIMAL.match(raw):
        if m.group(3) is not None:
            minutes = float("0." + m.group(3)) * 60
        else:
            frac = m.group(2)
            minutes = (int(m.group(1)) + (float("0." + frac) if frac else 0.0)) * 60
    else:
        compact = raw.replace(" ", "")
        m = _HM.match(compact)
        if m and (m.group(1) or m.group(2)):
            minutes = int(m.group(1) or 0) * 60 + int(m.group(2) or 0)
    if minutes is None:
        raise Problem("parse.hours.invalid", {"text": raw})
    whole = round(minutes)
    if whole <= 0:
        raise Problem("parse.hours.not_positive")
    if whole > MAX_MINUTES_PER_DAY:
        raise Problem("parse.hours.too_many")
    return whole


def parse_date(text: str, today: date) -> date:
    """The date meant by ``text`` relative to ``today``; raises :class:`Problem`."""
    raw = _clean(text)
    if not raw:
        raise Problem("parse.date.empty")
    if len(raw) > _MAX_INPUT:
        raise Problem("parse.date.invalid", {"text": raw[:_MAX_INPUT] + "…"})
    raw = " ".join(raw.split())
    if raw in _WORDS:
        return today + timedelta(days=_WORDS[raw])
    try:
        if m := _OFFSET.match(raw):
            days = int(m.group(2))
            return today + timedelta(days=days if m.group(1) == "+" else -days)
        if m := _ISO.match(raw):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DMY.match(raw):
            year = today.year
            if m.group(3):
                year = int(m.group(3))
                if year < 100:
                    year += 2000
            return date(year, int(m.group(2)), int(m.group(1)))
    except (ValueError, OverflowError):
        raise Problem("parse.date.no_such_day", {"text": raw}) from None
    raise Problem("parse.date.invalid", {"text": raw})


def parse_budget_hours(text: str) -> float:
    """A budget in hours: ``1350``, ``1.350`` (Danish thousands separator), ``74,5``, or the forms
    of :func:`parse_hours`; 0 to 100,000."""
    raw = _clean(text).replace(" ", "")
    if raw.count(".") == 1 and len(raw.split(".")[1]) == 3 and "," not in raw:
        raw = raw.replace(".", "")
    if re.fullmatch(r"\d{1,6}(?:[.,]\d{1,2})?", raw):
        value = float(raw.replace(",", "."))
        if value <= 100_000:
            return value
        raise Problem("budget.invalid", {"text": raw})
    try:
        return parse_hours(text) / 60
    except Problem:
        raise Problem("budget.invalid", {"text": raw[:_MAX_INPUT]}) from None

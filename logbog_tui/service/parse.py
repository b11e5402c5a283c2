"""Parsing the Danish forms of hours and dates that people type: the one parser of the CLI and
the TUI.

Hours: ``1,5`` ``1.5`` ``1:30`` ``1t30m`` ``1h30m`` ``90m`` ``2t``, and the program's own display
forms and the usual words: ``1,5 t`` ``1.5 h`` ``2 timer`` ``1 time`` ``30 min`` -> whole minutes.
``1.500`` is refused with a hint: in Danish it reads as 1500.
Dates: ``25.11.2026`` ``25.11.26`` ``25.11`` (this year) ``2026-11-25`` ``i dag`` ``i går``
``i morgen`` ``+3`` ``-2`` (days from today), and the English words today/yesterday/tomorrow.
A two-digit year is the year nearest to today with those last two digits. ISO and Danish forms
are parsed explicitly: dateutil's ``dayfirst=True`` turns ``2026-01-05`` into 1 May, so it is not
used here. Dates of time entries and meetings must lie in :class:`DateRange` (from the
organisation's start to two years ahead).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from logbog_tui.service import Problem
from logbog_tui.service.record import Record

MAX_MINUTES_PER_DAY = 24 * 60
_MAX_INPUT = 40
ORG_START = date(2013, 1, 1)   # the start of the logbog.net project: the default earliest date
YEARS_AHEAD = 2                # time entries and meetings at most two years ahead


class DateRange(Record):
    """The dates allowed for time entries and meetings: from the organisation's start (a setting)
    to two years after today (the meetings of the year after next can be planned)."""

    earliest: date
    latest: date

    @classmethod
    def around(cls, today: date, org_start: date = ORG_START) -> DateRange:
        try:
            latest = today.replace(year=today.year + YEARS_AHEAD)
        except ValueError:  # 29.02
            latest = today.replace(year=today.year + YEARS_AHEAD, day=28)
        return cls(org_start, latest)

    def check(self, day: date) -> date:
        if day < self.earliest:
            raise Problem("parse.date.too_early", {"date": _dmy(day), "earliest": _dmy(self.earliest)})
        if day > self.latest:
            raise Problem("parse.date.too_late", {"date": _dmy(day), "latest": _dmy(self.latest)})
        return day


def _dmy(day: date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year:04d}"


# Digits are ASCII digits only (re.ASCII): "٣" (an Arabic-Indic three) is not 3 hours.
# "1t30m", "1 h 30", "1 time 30 minutter", "2 timer og 15 min" (matched with the spaces taken out)
_HM = re.compile(r"^(?:(\d{1,2})(?:timer|time|hours|hour|hrs|hr|t|h)\.?)?(?:og|and)?"
                 r"(?:(\d{1,4})(?:minutter|minut|minutes|mins|min|m)?\.?)?$", re.ASCII)
_COLON = re.compile(r"^(\d{1,2}):([0-5]\d)$", re.ASCII)
_DECIMAL = re.compile(r"^(\d{1,4})(?:[.,](\d{1,4}))?$|^[.,](\d{1,4})$", re.ASCII)
_THOUSANDS = re.compile(r"^[1-9]\d{0,2}\.\d{3}$", re.ASCII)
_HOUR_WORD = re.compile(r"^(.*?\d)\s*(?:t|h|time|timer|hour|hours|hr|hrs)\.?$", re.ASCII)
_MINUTE_WORD = re.compile(r"^(\d{1,4})\s*(?:m|min|minut|minutter|minutes|mins)\.?$", re.ASCII)

_WORDS = {
    "i dag": 0, "idag": 0, "today": 0,
    "i går": -1, "igår": -1, "yesterday": -1,
    "i morgen": 1, "imorgen": 1, "tomorrow": 1,
    "i forgårs": -2, "i overmorgen": 2,
}
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?\.?$", re.ASCII)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)
_OFFSET = re.compile(r"^([+-])\s*(\d{1,4})$", re.ASCII)


def _clean(text: str) -> str:
    """NFC, lower case, every run of white space (a no-break space too) one space."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).lower()


def parse_hours(text: str, most: int = MAX_MINUTES_PER_DAY) -> int:
    """Whole minutes in ``text``; raises :class:`Problem` unless 0 < minutes <= ``most`` (24 h;
    a month's figure from a timesheet allows more)."""
    raw = _clean(text)
    if not raw:
        raise Problem("parse.hours.empty")
    if len(raw) > _MAX_INPUT:
        raise Problem("parse.hours.invalid", {"text": raw[:_MAX_INPUT] + "…"})
    if raw.startswith("-"):
        raise Problem("parse.hours.not_positive")
    raw = " ".join(raw.split())
    if m := _MINUTE_WORD.match(raw):
        raw = m.group(1) + "m"
    elif (m := _HOUR_WORD.match(raw)) and (_DECIMAL.match(m.group(1)) or _COLON.match(m.group(1))):
        raw = m.group(1)   # "1,5 t", "1.5 h", "2 timer", "1 time": the number is the hours
    if _THOUSANDS.match(raw):
        units, decimals = raw.split(".")
        raise Problem("parse.hours.thousands", {"text": raw, "hint": f"{units},{decimals.rstrip('0') or '0'}"})
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
    if whole > most:
        raise Problem("parse.hours.too_many")
    return whole


def parse_duration(text: str) -> int:
    """A meeting's duration in whole minutes (the forms of :func:`parse_hours`), with a meeting's
    own message when it is not more than 0 and at most 24 hours."""
    try:
        return parse_hours(text)
    except Problem as p:
        if p.key in ("parse.hours.too_many", "parse.hours.not_positive"):
            raise Problem("meeting.bad_duration") from None
        raise


def parse_date(text: str, today: date, within: DateRange | None = None) -> date:
    """The date meant by ``text`` relative to ``today``, inside ``within`` when given; raises
    :class:`Problem`."""
    day = _parse_date(text, today)
    return within.check(day) if within is not None else day


def nearest_year(two_digits: int, today: date) -> int:
    """The year ending in ``two_digits`` nearest to today's year (``99`` in 2026 is 1999)."""
    century = today.year - today.year % 100
    candidates = (century - 100 + two_digits, century + two_digits, century + 100 + two_digits)
    return min(candidates, key=lambda y: (abs(y - today.year), y))


def _parse_date(text: str, today: date) -> date:
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
                if len(m.group(3)) == 2:
                    year = nearest_year(year, today)
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
    if re.fullmatch(r"\d{1,6}(?:[.,]\d{1,2})?", raw, re.ASCII):
        value = float(raw.replace(",", "."))
        if value <= 100_000:
            return value
        raise Problem("budget.invalid", {"text": raw})
    try:
        return parse_hours(text) / 60
    except Problem:
        raise Problem("budget.invalid", {"text": raw[:_MAX_INPUT]}) from None

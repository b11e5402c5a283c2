"""The rules of the project leader's registers (issue 19), pure: which målbeskrivelse is in force
and which waits to be loaded into logbog.net (PL1), a specialty and region without a
hovedkursusleder (PL2), a document's review (PL3), a contract's term and notice deadline (PL7).

Dates in, values out; what a user is told is a :class:`~logbog_tui.service.Message`.
"""

from __future__ import annotations

import calendar
from logbog_tui.service.record import Record
from collections.abc import Sequence
from datetime import date, timedelta

NOTICE_WARNING_DAYS = 90  # a notice deadline within this many days is a warning


# --- PL1: målbeskrivelser ----------------------------------------------------------------------

class Version(Record):
    """A målbeskrivelse version as the rules need it."""

    id: int
    edition: str
    approved: date
    effective: date | None
    loaded: date | None

    @property
    def starts(self) -> date:
        """The day it takes effect (its approval when no effective date is known)."""
        return self.effective or self.approved

    def due(self) -> date:
        """The day it should be in logbog.net: new versions are loaded as soon as they are approved
        (or take effect, when that is earlier)."""
        return min(self.approved, self.starts)


def in_force(versions: Sequence[Version], on: date) -> Version | None:
    """The version in force on ``on``: the newest that has taken effect by then."""
    started = [v for v in versions if v.starts <= on]
    return max(started, key=lambda v: (v.starts, v.approved, v.id)) if started else None


def newest(versions: Sequence[Version]) -> Version | None:
    """The newest version (by approval): the one that logbog.net should have."""
    return max(versions, key=lambda v: (v.approved, v.starts, v.id)) if versions else None


def pending(versions: Sequence[Version], today: date) -> Version | None:
    """The newest version when it is approved or has taken effect by ``today`` and is not loaded
    yet (an older version that a newer one replaced before it was loaded is not waited for)."""
    last = newest(versions)
    if last is None or last.loaded is not None or last.due() > today:
        return None
    return last


def days_waiting(version: Version, today: date) -> int:
    return max(0, (today - version.due()).days)


def loaded_too_early(version: Version) -> bool:
    """Loaded into logbog.net before Sundhedsstyrelsen approved it (a wrong date, or a draft)."""
    return version.loaded is not None and version.loaded < version.approved


# --- PL3: documents ----------------------------------------------------------------------------

def review_due(review_on: date | None, today: date) -> bool:
    """A document whose next review date has passed."""
    return review_on is not None and review_on < today


def next_review(day: date, months: int = 12) -> date:
    """The next review a year (``months``) after ``day``."""
    return add_months(day, months)


# --- PL7: contracts ----------------------------------------------------------------------------

def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, on the month's last day when it has no such day (31.01 + 1
    month is 28.02 or 29.02)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


class Term(Record):
    """Where a contract stands on a day: the end of its current term (None: it runs until it is
    terminated, without a fixed end), the last day to give notice before that end, and whether it
    has ended."""

    end: date | None
    notice_by: date | None
    ended: bool


def term(valid_to: date | None, renewal_months: int | None, notice_months: int | None, today: date) -> Term:
    """A contract's current term. Notice must be given ``notice_months`` before the end of a term.
    One that renews itself (``renewal_months``) is extended a term at a time past ``valid_to`` until
    the end of its term can still be reached by notice: its notice deadline (or, without a notice
    period, its end) lies on or after ``today``."""
    if valid_to is None:
        return Term(None, None, False)

    def deadline(end: date) -> date:
        return add_months(end, -notice_months) if notice_months is not None else end

    end = valid_to
    if renewal_months:
        while deadline(end) < today:
            end = add_months(end, renewal_months)
    ended = end < today
    return Term(end, None if ended or notice_months is None else deadline(end), ended)


def notice_soon(t: Term, today: date, days: int = NOTICE_WARNING_DAYS) -> bool:
    """The notice deadline lies within ``days`` from today (today included)."""
    return t.notice_by is not None and today <= t.notice_by <= today + timedelta(days=days)

"""The one place that asks what day it is.

``LOGBOG_TODAY=YYYY-MM-DD`` freezes the date: used by tests, benchmarks and demos on fixed data.
"""

from __future__ import annotations

import os
from datetime import date, datetime
TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `logbog host` stays quick
if TYPE_CHECKING:
    from zoneinfo import ZoneInfo


def today() -> date:
    frozen = os.environ.get("LOGBOG_TODAY")
    if frozen:
        try:
            return date.fromisoformat(frozen)
        except ValueError:
            from logbog_tui.errors import UserError

            raise UserError("clock.bad_today", text=frozen) from None
    return date.today()


LOCAL_ZONE = "Europe/Copenhagen"


def local_zone() -> ZoneInfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(LOCAL_ZONE)


def now() -> datetime:
    """The current time in Danish local time (Europe/Copenhagen); with ``LOGBOG_TODAY`` set, that
    date at the current time of day."""
    current = datetime.now(local_zone())
    frozen = os.environ.get("LOGBOG_TODAY")
    if frozen:
        day = date.fromisoformat(frozen)
        current = current.replace(year=day.year, month=day.month, day=day.day)
    return current

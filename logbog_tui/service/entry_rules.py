"""Rules for one time entry beyond parsing: the warnings it deserves (it is saved all the same).

* A day of the person that reaches more than 12 hours (a 24-hour day above all) is probably a
  typing error: warned, not refused (more than 24 hours is refused).
* Hours on a Saturday, a Sunday, a public holiday or an extra day off: warned, not refused.
"""

from __future__ import annotations

from datetime import date

from logbog_tui.service import Message
from logbog_tui.service.workdays import DEFAULT_DAYS_OFF, DaysOff, day_off_name

LONG_DAY_MINUTES = 12 * 60


def entry_warnings(day: date, minutes: int, others_that_day: int,
                   days_off: DaysOff = DEFAULT_DAYS_OFF) -> list[Message]:
    """Warnings for ``minutes`` on ``day`` when the person already has ``others_that_day``."""
    out = []
    total = others_that_day + minutes
    if total > LONG_DAY_MINUTES:
        out.append(Message("log.warn.long_day", {"minutes": total}))
    if day.weekday() >= 5:
        out.append(Message("log.warn.weekend", {"weekday": day.weekday()}))
    elif (name := day_off_name(day, days_off)) is not None:
        out.append(Message("log.warn.day_off", {"name": name}))
    return out

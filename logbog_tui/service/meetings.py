"""Rules for planning meetings: the warnings a date deserves, and the two ordinary follow-up
group meetings of a year proposed with dateutil's rrule."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from dateutil.rrule import MONTHLY, TU, rrule

from logbog_tui.service import Message
from logbog_tui.service.workdays import DEFAULT_DAYS_OFF, DaysOff, holiday_name, is_working_day
from logbog_tui.service.record import Record

ORDINARY_PER_YEAR = 2
SPRING_MONTH, AUTUMN_MONTH = 5, 10


class Planned(Record):
    """A meeting as the warnings see it."""

    id: int | None
    body: str
    day: date
    kind: str
    status: str


def warnings(body: str, day: date, kind: str, others: Sequence[Planned], vacant_seats: Sequence[str],
             ignore_id: int | None = None, days_off: DaysOff = DEFAULT_DAYS_OFF) -> list[Message]:
    """Weekend, Danish public holiday or extra day off (named in Danish), a third ordinary
    follow-up group meeting in the year (the seed gives only the follow-up group a frequency),
    vacant seats in the body on that date, two meetings of the body on one day."""
    out = []
    if day.weekday() >= 5:
        out.append(Message("meeting.warn.weekend", {"weekday": day.weekday()}))
    if (name := holiday_name(day)) is not None:
        out.append(Message("meeting.warn.holiday", {"name": name}))
    elif (name := days_off.name(day)) is not None:
        out.append(Message("meeting.warn.day_off", {"name": name}))
    live = [m for m in others if m.id != ignore_id and m.body == body and m.status != "cancelled"]
    ordinary = sum(1 for m in live if m.kind == "ordinary" and m.day.year == day.year)
    if body == "folgegruppe" and kind == "ordinary" and ordinary >= ORDINARY_PER_YEAR:
        out.append(Message("meeting.warn.third_ordinary", {"year": day.year}))
    if vacant_seats:
        out.append(Message("meeting.warn.vacant", {"seats": ", ".join(vacant_seats)}))
    if any(m.day == day for m in live):
        out.append(Message("meeting.warn.same_day", {}))
    return out


def next_working_day(day: date, days_off: DaysOff = DEFAULT_DAYS_OFF) -> date:
    while not is_working_day(day, days_off):
        day += timedelta(days=1)
    return day


def ordinary_dates(year: int, days_off: DaysOff = DEFAULT_DAYS_OFF) -> list[date]:
    """Spring and autumn: the second Tuesday of May and of October, moved to the next working day
    if that is a holiday or an extra day off."""
    rule = rrule(MONTHLY, dtstart=date(year, 1, 1), until=date(year, 12, 31), bymonth=(SPRING_MONTH, AUTUMN_MONTH),
                 byweekday=TU, bysetpos=2)
    return [next_working_day(d.date(), days_off) for d in rule]

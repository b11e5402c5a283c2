"""Thin query functions that feed the service rules: the rotation's inputs, settings, budgets,
members' periods and hours (``logbog host`` reads the rotation's inputs through storage/quick.py
instead, with the standard library only). Names and what the user typed: storage/names.py."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple, cast

from sqlalchemy import ColumnElement, SQLColumnExpression, case, collate, distinct, func
from sqlalchemy import select as sql_select
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from logbog_tui.storage import models
from logbog_tui.errors import RefusedDatabase
from logbog_tui.i18n import t
from logbog_tui.service import Problem
from logbog_tui.service.budget import HourRow, Thresholds
from logbog_tui.service.parse import ORG_START, DateRange
from logbog_tui.service.rotation import Hosting, Region
from logbog_tui.service.text import has_control, visible
from logbog_tui.service.workdays import DEFAULT_DAYS_OFF, DaysOff, parse_days_off
from logbog_tui.storage.db import (  # one folding rule for Python and SQL
    Connection,
    fold,
)
from logbog_tui.storage.models import (
    Budget,
    Membership,
    Person,
    Seat,
    Setting,
    TaskArea,
    TimeEntry,
)
from logbog_tui.storage.names import Named, named_rows
from logbog_tui.storage.session import reading


def _d(value: str | date | None) -> date | None:
    """A date from the file's ISO text (a date read through the ORM is one already)."""
    if isinstance(value, date):
        return value
    return date.fromisoformat(value) if value else None


# --- rotation -------------------------------------------------------------------------------
# ``logbog host`` reads the same two inputs with the standard library (storage/quick.py, kept
# equal to these by tests/test_quick_host.py): a change here is a change there.

def regions(conn: Connection) -> list[Region]:
    """Every region, in the table's order, with its predecessors (the regions naming it as successor)."""
    r = models.Region
    query = sql_select(col(r.code), col(r.name), col(r.valid_from), col(r.valid_to), col(r.rotation_order),
                       col(r.successor_code))
    with reading(conn) as session:
        rows = session.execute(query).all()
    preds: dict[str, list[str]] = {}
    for row in rows:
        if row.successor_code:
            preds.setdefault(row.successor_code, []).append(row.code)
    return [Region(row.code, row.name, row.valid_from, row.valid_to, row.rotation_order,
                   tuple(sorted(preds.get(row.code, ())))) for row in rows]


def hostings(conn: Connection) -> list[Hosting]:
    """Every follow-up group meeting with a host (one row each; a few per year), by date (then as
    entered)."""
    m = models.Meeting
    query = (sql_select(col(m.date), col(m.host_region_code), col(m.status), col(m.proposed_region_code),
                        col(m.override_reason))
             .where(col(m.body_code) == "folgegruppe", col(m.host_region_code).is_not(None))
             .order_by(col(m.date), col(m.id)))
    with reading(conn) as session:
        rows = session.execute(query).all()
    return [Hosting(row.date, row.host_region_code, row.status, row.proposed_region_code, row.override_reason)
            for row in rows]


# --- budgets --------------------------------------------------------------------------------

def setting_rule(key: str) -> str:
    """What a setting's value must be: a fraction (thresholds), hours, a date, or plain text."""
    if key in ("budget_warn", "budget_over"):
        return "fraction"
    if key.startswith("budget_default_"):
        return "hours"
    if key in ("org_start", "demo_start"):
        return "date"
    if key == "extra_days_off":
        return "days"
    return "text"


_RULE_KEYS = {"fraction": "setting.rule.fraction", "hours": "setting.rule.hours", "date": "setting.rule.date",
              "days": "setting.rule.days", "text": "setting.rule.text"}


def setting_problem(key: str, value: object) -> str | None:
    """None when ``value`` is valid for ``key``; else the rule it breaks (a message key)."""
    rule = setting_rule(key)
    broken = _RULE_KEYS[rule]
    if not isinstance(value, str):
        return broken
    try:
        if rule == "fraction" and not 0 < float(value) <= 10:
            return broken
        if rule == "hours" and not 0 <= float(value) < 100_000:
            return broken
        if rule == "date":
            date.fromisoformat(value)
        if rule == "days":
            parse_days_off(value)
    except (ValueError, Problem):
        return broken
    if rule == "text" and has_control(value):
        return broken
    return None


def _stored(conn: Connection, key: str) -> Setting | None:
    with reading(conn) as session:
        return session.get(Setting, key)


def _checked(row: Setting) -> str:
    problem = setting_problem(row.key, row.value)
    if problem:
        raise RefusedDatabase("setting.invalid", name=row.key, value=visible(str(row.value))[:60], rule=t(problem))
    return row.value


def setting(conn: Connection, key: str, default: str | None = None) -> str | None:
    """A setting's value; a stored value that breaks its rule is refused with one line (before
    anything is written, never after)."""
    row = _stored(conn, key)
    return default if row is None else _checked(row)


def raw_setting(conn: Connection, key: str) -> str:
    """A setting's stored text, unchecked and made safe to show (for mending a bad one)."""
    row = _stored(conn, key)
    return visible(str(row.value))[:60] if row else ""


def check_settings(conn: Connection) -> None:
    """Refuse (one line) when any stored setting breaks its rule."""
    with reading(conn) as session:
        stored = session.exec(select(Setting)).all()
    for row in stored:
        _checked(row)


def thresholds(conn: Connection) -> Thresholds:
    return Thresholds(float(setting(conn, "budget_warn", "0.8") or 0.8),
                      float(setting(conn, "budget_over", "1.0") or 1.0))


def budget_hours(conn: Connection, year: int, scope: str) -> float:
    with reading(conn) as session:
        row = session.get(Budget, (year, scope))
    if row is not None:
        return float(row.hours)
    return float(setting(conn, f"budget_default_{scope}", "0") or 0)


def leadership_minutes(conn: Connection, start: date, end: date) -> int:
    query = (select(func.coalesce(func.sum(col(TimeEntry.minutes)), 0))
             .join(TaskArea, col(TaskArea.id) == col(TimeEntry.area_id))
             .where(col(TaskArea.scope) == "projektledelse", col(TimeEntry.date).between(start, end)))
    with reading(conn) as session:
        return int(session.exec(query).one())


def _representative(seat: type[Seat]) -> ColumnElement[bool]:
    """A representative seat of the follow-up group (only these have budgets)."""
    return (col(seat.body_code) == "folgegruppe") & col(seat.kind).in_(("region", "secretariat"))


def _running(m: type[Membership], start: SQLColumnExpression[date] | date,
             end: SQLColumnExpression[date] | date) -> ColumnElement[bool]:
    """``m`` is in force at some time from ``start`` to ``end``."""
    return (col(m.valid_from) <= end) & (func.coalesce(col(m.valid_to), date.max) >= start)


def member_periods(conn: Connection, year: int) -> dict[int, list[tuple[date, date | None]]]:
    """Periods in ``year`` in which people held a representative seat of the follow-up group."""
    query = (select(col(Membership.person_id), col(Membership.valid_from), col(Membership.valid_to))
             .join(Seat, col(Seat.id) == col(Membership.seat_id))
             .where(_representative(Seat), col(Membership.substitute_for_id).is_(None),
                    _running(Membership, date(year, 1, 1), date(year, 12, 31))))
    out: dict[int, list[tuple[date, date | None]]] = {}
    with reading(conn) as session:
        for person, start, end in session.exec(query):
            out.setdefault(person, []).append((start, end))
    return out


# Made once: SQLAlchemy memoizes an alias's adapted columns, so a new alias per call costs every
# budget overview a few milliseconds.
_SUB, _MEMBER, _SEAT = aliased(Membership), aliased(Membership), aliased(Seat)


def _principals(person: SQLColumnExpression[int] | int, day: SQLColumnExpression[date] | date) -> SelectOfScalar[int]:
    """The members ``person`` substituted for on ``day`` (both appointments in force that day, a
    representative seat of the follow-up group): a select of their person ids (``mm.person_id``)."""
    sub, member, seat = _SUB, _MEMBER, _SEAT
    return (select(col(member.person_id)).select_from(sub)
            .join(member, col(member.id) == col(sub.substitute_for_id))
            .join(seat, col(seat.id) == col(member.seat_id))
            .where(col(sub.person_id) == person, _running(sub, day, day), _running(member, day, day),
                   _representative(seat)))


def member_hour_rows(conn: Connection, start: date, end: date) -> list[HourRow]:
    """Minutes on follow-up group areas, grouped in SQL by logger, support flag, the stated
    principal, and the one member the logger substituted for on the entry's date (if exactly one)."""
    of_entry = _principals(col(TimeEntry.person_id), col(TimeEntry.date))
    ids = of_entry.selected_columns[0]
    sole = (of_entry.with_only_columns(case((func.count(distinct(ids)) == 1, func.min(ids))))
            .correlate(TimeEntry).scalar_subquery())
    behalf = col(TimeEntry.on_behalf_of_id)
    principal = case((behalf.is_(None), sole)).label("principal")
    not_theirs = (behalf.is_not(None) & behalf.not_in(of_entry.correlate(TimeEntry).scalar_subquery())
                  ).label("not_theirs")
    # more columns than sqlmodel's select() has typed overloads for: SQLAlchemy's, through execute()
    query = (sql_select(col(TimeEntry.person_id), col(TimeEntry.is_support), behalf, principal, not_theirs,
                        func.sum(col(TimeEntry.minutes)).label("minutes"))
             .join(TaskArea, col(TaskArea.id) == col(TimeEntry.area_id))
             .where(col(TaskArea.scope) == "folgegruppe", col(TimeEntry.date).between(start, end))
             .group_by(col(TimeEntry.person_id), col(TimeEntry.is_support), behalf, principal, not_theirs))
    with reading(conn) as session:
        return [HourRow(r.person_id, bool(r.is_support), r.on_behalf_of_id, r.principal, int(r.minutes),
                        bool(r.not_theirs)) for r in session.execute(query)]


def principals(conn: Connection, person_id: int, day: date) -> list[Named]:
    """The members ``person_id`` substitutes for on ``day``, by name."""
    ids = _principals(person_id, day).subquery()
    query = select(col(Person.id), col(Person.name)).where(col(Person.id).in_(select(ids.c.person_id)))
    with reading(conn) as session:
        found = named_rows(session.exec(query))
    return sorted(found, key=lambda n: fold(n.label) or "")


def is_member(conn: Connection, person_id: int, year: int) -> bool:
    """Whether ``person_id`` held a representative seat of the follow-up group in ``year``."""
    return _held_seat(conn, person_id, date(year, 1, 1), date(year, 12, 31))


def held_seat_on(conn: Connection, person_id: int, day: date) -> bool:
    """Whether ``person_id`` held a representative seat of the follow-up group on ``day``."""
    return _held_seat(conn, person_id, day, day)


def _held_seat(conn: Connection, person_id: int, start: date, end: date) -> bool:
    query = (select(col(Membership.id)).join(Seat, col(Seat.id) == col(Membership.seat_id))
             .where(col(Membership.person_id) == person_id, col(Membership.substitute_for_id).is_(None),
                    _representative(Seat), _running(Membership, start, end))
             .limit(1))
    with reading(conn) as session:
        return session.exec(query).first() is not None


def days_off(conn: Connection) -> DaysOff:
    """The extra days off (setting ``extra_days_off``; default 24.12, 31.12, 05.06)."""
    value = setting(conn, "extra_days_off")
    if value is None:
        return DEFAULT_DAYS_OFF
    try:
        return parse_days_off(value)
    except Problem:
        return DEFAULT_DAYS_OFF


def date_range(conn: Connection, today: date) -> DateRange:
    """The one range of dates for time entries and meetings, in the CLI and the TUI."""
    return DateRange.around(today, org_start(conn))


def org_start(conn: Connection) -> date:
    """The organisation's start (setting ``org_start``; default 01.01.2013, the start of the
    logbog.net project): no hours or meetings before it."""
    try:
        return date.fromisoformat(setting(conn, "org_start") or ORG_START.isoformat())
    except ValueError:
        return ORG_START


class SteeringHours(NamedTuple):
    person_id: int
    name: str
    minutes: int


def steering_hours(conn: Connection, year: int, start: date, end: date) -> list[SteeringHours]:
    """The minutes from ``start`` to ``end`` of the steering group's members of ``year`` other
    than the project leader, by name."""
    logged = (select(func.sum(col(TimeEntry.minutes))).where(col(TimeEntry.person_id) == col(Person.id),
                                                            col(TimeEntry.date).between(start, end))
              .correlate(Person).scalar_subquery())
    members = (select(col(Membership.person_id)).join(Seat, col(Seat.id) == col(Membership.seat_id))
               .where(col(Seat.body_code) == "styregruppe", col(Seat.kind) != "project_leader",
                      _running(Membership, date(year, 1, 1), date(year, 12, 31))))
    query = (select(col(Person.id), col(Person.name), func.coalesce(logged, 0)).where(col(Person.id).in_(members))
             .order_by(collate(col(Person.name), "da")))
    with reading(conn) as session:
        return [SteeringHours(cast(int, pid), name, minutes) for pid, name, minutes in session.exec(query)]


def substitute_for(conn: Connection, person_id: int, day: date) -> int | None:
    """The one member ``person_id`` substituted for on ``day`` (``None`` for none or several)."""
    found = principals(conn, person_id, day)
    return found[0].id if len(found) == 1 else None

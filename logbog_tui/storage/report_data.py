"""What the annual report reads (:mod:`logbog_tui.report` assembles it): hours per task area,
the meetings held with their hosts and attendance, tickets opened and closed, the days tickets
spent at the supplier, and the decisions referred to the steering group. Each a few queries for
the whole year, as small read models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, TypeVar

from sqlalchemy import and_, case, func, or_
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Select
from sqlmodel import select

from logbog_tui import clock
from logbog_tui.storage.db import Connection
from logbog_tui.storage.models import AgendaItem, Attendance, Meeting, Region, TaskArea, Ticket, TicketEvent, TimeEntry
from logbog_tui.storage.session import reading

T = TypeVar("T")


def _year(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _each(conn: Connection, query: Select, read_model: type[T]) -> list[T]:
    """The rows of ``query`` as ``read_model`` (its fields in the order of the query's columns)."""
    with reading(conn) as session:
        return [read_model(*row) for row in session.execute(query)]


@dataclass(frozen=True)
class AreaHours:
    code: str
    name: str
    scope: str
    minutes: int


def area_hours(conn: Connection, year: int) -> list[AreaHours]:
    """Every task area (in its order) with the minutes logged on it in ``year``."""
    start, end = _year(year)
    query = (select(TaskArea.code, TaskArea.name, TaskArea.scope, func.coalesce(func.sum(TimeEntry.minutes), 0))
             .outerjoin(TimeEntry, and_(TimeEntry.area_id == TaskArea.id, TimeEntry.date.between(start, end)))
             .group_by(TaskArea.id).order_by(TaskArea.position))
    return _each(conn, query, AreaHours)


@dataclass(frozen=True)
class MeetingHeld:
    date: date
    body: str
    kind: str
    status: str
    host: str | None   # the host region's name
    present: int
    substitute: int
    absent: int


def meetings(conn: Connection, year: int) -> list[MeetingHeld]:
    """The year's meetings by date, with the host region and how many came, sent a substitute or
    were absent."""
    start, end = _year(year)

    def counted(status: str) -> Any:
        return func.sum(case((Attendance.status == status, 1), else_=0)).label(status)

    attendance = (select(Attendance.meeting_id, counted("present"), counted("substitute"), counted("absent"))
                  .group_by(Attendance.meeting_id).subquery())
    query = (select(Meeting.date, Meeting.body_code, Meeting.kind, Meeting.status, Region.name,
                    func.coalesce(attendance.c.present, 0), func.coalesce(attendance.c.substitute, 0),
                    func.coalesce(attendance.c.absent, 0))
             .outerjoin(Region, Region.code == Meeting.host_region_code)
             .outerjoin(attendance, attendance.c.meeting_id == Meeting.id)
             .where(Meeting.date.between(start, end)).order_by(Meeting.date, Meeting.id))
    return _each(conn, query, MeetingHeld)


@dataclass(frozen=True)
class TicketYear:
    opened: int
    closed: int
    by_category: dict[str, int]   # opened in the year, by category code (in code order)


def ticket_year(conn: Connection, year: int) -> TicketYear:
    start, end = _year(year)
    opened_in = Ticket.opened_on.between(start, end)
    with reading(conn) as session:
        opened = session.exec(select(func.count(Ticket.id)).where(opened_in)).one()
        closed = session.exec(select(func.count(Ticket.id)).where(Ticket.closed_on.between(start, end))).one()
        by_category = dict(session.exec(select(Ticket.category, func.count(Ticket.id)).where(opened_in)
                                        .group_by(Ticket.category).order_by(Ticket.category)).all())
    return TicketYear(opened, closed, by_category)


def _local_day(at: datetime) -> date:
    """The Danish calendar day of a stored event time (UTC)."""
    return at.replace(tzinfo=timezone.utc).astimezone(clock.local_zone()).date()


def days_at_supplier(conn: Connection, year: int) -> list[int]:
    """Days from the sent date the user gave to the date of the status change that took the
    ticket back from the supplier (resolved, or reopened), for such returns in ``year``; both are
    Danish calendar days (the events store the days the user gave)."""
    query = (select(TicketEvent.ticket_id, TicketEvent.at, TicketEvent.kind)
             .where(or_(TicketEvent.kind == "forwarded",
                        and_(TicketEvent.kind == "status", TicketEvent.old_status == "with_supplier")))
             .order_by(TicketEvent.ticket_id, TicketEvent.at, TicketEvent.id))
    with reading(conn) as session:
        events = session.exec(query).all()
    out, sent = [], {}
    for ticket, at, kind in events:
        day = _local_day(at)
        if kind == "forwarded":
            sent[ticket] = day
        elif ticket in sent:  # back from the supplier
            if day.year == year:
                out.append((day - sent[ticket]).days)
            sent.pop(ticket)
    return out


@dataclass(frozen=True)
class Referral:
    referred_on: date           # the meeting that referred it
    title: str
    settled_on: date | None     # the steering group meeting that settled it
    decision: str | None


def referrals(conn: Connection, year: int) -> list[Referral]:
    """Agenda items referred to the steering group by meetings in ``year``, with what settled them."""
    start, end = _year(year)
    settling, settled_at = aliased(AgendaItem), aliased(Meeting)
    query = (select(Meeting.date, AgendaItem.title, settled_at.date, settling.decision)
             .join(Meeting, Meeting.id == AgendaItem.meeting_id)
             .outerjoin(settling, settling.id == AgendaItem.settled_by_id)
             .outerjoin(settled_at, settled_at.id == settling.meeting_id)
             .where(AgendaItem.referred.is_(True), Meeting.date.between(start, end))
             .order_by(Meeting.date, AgendaItem.id))
    return _each(conn, query, Referral)

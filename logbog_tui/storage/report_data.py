"""What the annual report reads (:mod:`logbog_tui.report` assembles it): hours per task area,
the meetings held with their hosts and attendance, tickets opened and closed, the days tickets
spent at the supplier, the decisions referred to the steering group, and the registers' year
(målbeskrivelser loaded, course leader changes, documents reviewed, contracts). Each a few queries
for the whole year, as small read models."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any, TypeVar, cast

from sqlalchemy import Label, and_, case, collate, func, or_
from sqlalchemy import select as sql_select
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Select
from sqlmodel import col, select

from logbog_tui import clock
from logbog_tui.storage.db import Connection
from logbog_tui.storage.models import (AgendaItem, Attendance, Contract, CourseLeader, Curriculum, Document,
                                       DocumentReview, EduRegion, Meeting, Person, Region, Specialty, TaskArea, Ticket,
                                       TicketEvent, TimeEntry)
from logbog_tui.storage.session import reading

T = TypeVar("T")


def _year(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _each(conn: Connection, query: Select[*tuple[Any, ...]], read_model: type[T]) -> list[T]:
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
    query = (select(TaskArea.code, TaskArea.name, TaskArea.scope,
                    func.coalesce(func.sum(col(TimeEntry.minutes)), 0))
             .outerjoin(TimeEntry, and_(col(TimeEntry.area_id) == col(TaskArea.id),
                                        col(TimeEntry.date).between(start, end)))
             .group_by(col(TaskArea.id)).order_by(col(TaskArea.position)))
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

    def counted(status: str) -> Label[int]:
        return func.sum(case((col(Attendance.status) == status, 1), else_=0)).label(status)

    attendance = (select(col(Attendance.meeting_id), counted("present"), counted("substitute"), counted("absent"))
                  .group_by(col(Attendance.meeting_id)).subquery())
    # more columns than sqlmodel's select() has typed overloads for
    query = (sql_select(col(Meeting.date), col(Meeting.body_code), col(Meeting.kind), col(Meeting.status),
                        col(Region.name), func.coalesce(attendance.c.present, 0),
                        func.coalesce(attendance.c.substitute, 0), func.coalesce(attendance.c.absent, 0))
             .outerjoin(Region, col(Region.code) == col(Meeting.host_region_code))
             .outerjoin(attendance, attendance.c.meeting_id == col(Meeting.id))
             .where(col(Meeting.date).between(start, end)).order_by(col(Meeting.date), col(Meeting.id)))
    return _each(conn, query, MeetingHeld)


@dataclass(frozen=True)
class TicketYear:
    opened: int
    closed: int
    by_category: dict[str, int]   # opened in the year, by category code (in code order)


def ticket_year(conn: Connection, year: int) -> TicketYear:
    start, end = _year(year)
    opened_in = col(Ticket.opened_on).between(start, end)
    with reading(conn) as session:
        opened = session.exec(select(func.count(col(Ticket.id))).where(opened_in)).one()
        closed = session.exec(select(func.count(col(Ticket.id)))
                              .where(col(Ticket.closed_on).between(start, end))).one()
        by_category = dict(session.exec(select(Ticket.category, func.count(col(Ticket.id))).where(opened_in)
                                        .group_by(col(Ticket.category)).order_by(col(Ticket.category))).all())
    return TicketYear(opened, closed, by_category)


def _local_day(at: datetime) -> date:
    """The Danish calendar day of a stored event time (UTC)."""
    return at.replace(tzinfo=timezone.utc).astimezone(clock.local_zone()).date()


def days_at_supplier(conn: Connection, year: int) -> list[int]:
    """Days from the sent date the user gave to the date of the status change that took the
    ticket back from the supplier (resolved, or reopened), for such returns in ``year``; both are
    Danish calendar days (the events store the days the user gave)."""
    query = (select(TicketEvent.ticket_id, TicketEvent.at, TicketEvent.kind)
             .where(or_(col(TicketEvent.kind) == "forwarded",
                        and_(col(TicketEvent.kind) == "status", col(TicketEvent.old_status) == "with_supplier")))
             .order_by(col(TicketEvent.ticket_id), col(TicketEvent.at), col(TicketEvent.id)))
    with reading(conn) as session:
        events = session.exec(query).all()
    out: list[int] = []
    sent: dict[int, date] = {}
    for ticket, at, kind in events:
        day = _local_day(cast(datetime, at))  # set by the database on insert (NOT NULL)
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
    query = (select(col(Meeting.date), col(AgendaItem.title), col(settled_at.date), col(settling.decision))
             .join(Meeting, col(Meeting.id) == col(AgendaItem.meeting_id))
             .outerjoin(settling, col(settling.id) == col(AgendaItem.settled_by_id))
             .outerjoin(settled_at, col(settled_at.id) == col(settling.meeting_id))
             .where(col(AgendaItem.referred).is_(True), col(Meeting.date).between(start, end))
             .order_by(col(Meeting.date), col(AgendaItem.id)))
    return _each(conn, query, Referral)


# --- the project leader's registers (issue 19) -------------------------------------------------

@dataclass(frozen=True)
class VersionLoaded:
    specialty: str
    edition: str
    approved: date
    effective: date | None
    loaded: date
    days_to_load: int           # from approval to loading (negative: loaded before it was approved)


def versions_loaded(conn: Connection, year: int) -> list[VersionLoaded]:
    """Målbeskrivelser loaded into logbog.net in ``year``, with the days from approval to loading."""
    start, end = _year(year)
    # more columns than sqlmodel's select() has typed overloads for
    query = (sql_select(col(Specialty.name), col(Curriculum.edition), col(Curriculum.approved),
                        col(Curriculum.effective), col(Curriculum.loaded))
             .join(Specialty, col(Specialty.id) == col(Curriculum.specialty_id))
             .where(col(Curriculum.loaded).between(start, end))
             .order_by(col(Curriculum.loaded), collate(col(Specialty.name), "da")))
    with reading(conn) as session:
        rows = session.execute(query).all()
    return [VersionLoaded(n, e, a, eff, lo, (lo - a).days) for n, e, a, eff, lo in rows]


@dataclass(frozen=True)
class LeaderChange:
    specialty: str
    region: str                 # Nord, Syd, Øst
    role: str                   # main, sub
    leader: str
    valid_from: date
    valid_to: date | None
    entered: date | None        # entered in logbog.net


def course_leader_changes(conn: Connection, year: int) -> list[LeaderChange]:
    """Course leaders who began or ended in ``year``, by the day of the change."""
    from logbog_tui.storage.course_leaders import short_region

    start, end = _year(year)
    query = (sql_select(col(Specialty.name), col(EduRegion.name), col(CourseLeader.role),
                        func.coalesce(col(Person.name), col(CourseLeader.name)), col(CourseLeader.valid_from),
                        col(CourseLeader.valid_to), col(CourseLeader.entered))
             .join(Specialty, col(Specialty.id) == col(CourseLeader.specialty_id))
             .join(EduRegion, col(EduRegion.code) == col(CourseLeader.edu_region_code))
             .outerjoin(Person, col(Person.id) == col(CourseLeader.person_id))
             .where(or_(col(CourseLeader.valid_from).between(start, end),
                        col(CourseLeader.valid_to).between(start, end)))
             .order_by(col(CourseLeader.valid_from), collate(col(Specialty.name), "da"), col(CourseLeader.id)))
    with reading(conn) as session:
        rows = session.execute(query).all()
    return [LeaderChange(s, short_region(r), role, who, vf, vt, en) for s, r, role, who, vf, vt, en in rows]


@dataclass(frozen=True)
class DocumentReviewed:
    document: str
    audience: str
    reviewed_on: date
    next_review: date | None    # the document's next review date now


def documents_reviewed(conn: Connection, year: int) -> list[DocumentReviewed]:
    start, end = _year(year)
    query = (select(col(Document.title), col(Document.audience), col(DocumentReview.reviewed_on),
                    col(Document.review_on))
             .join(Document, col(Document.id) == col(DocumentReview.document_id))
             .where(col(DocumentReview.reviewed_on).between(start, end))
             .order_by(col(DocumentReview.reviewed_on), col(DocumentReview.id)))
    return _each(conn, query, DocumentReviewed)


@dataclass(frozen=True)
class ContractInYear:
    contract: str
    party: str
    signed: date | None
    valid_from: date | None
    valid_to: date | None
    term_end: date | None       # the end of its term as of the year's end (or today, in the current year)
    notice_by: date | None
    successor: str | None


def contracts_in(conn: Connection, year: int, as_of: date) -> list[ContractInYear]:
    """The contracts in force at some time in ``year``, with their term as of ``as_of``."""
    from logbog_tui.service.registers import term

    start, end = _year(year)
    successor = aliased(Contract)
    query = (sql_select(Contract, col(successor.title))
             .outerjoin(successor, col(successor.id) == col(Contract.successor_id))
             .where(or_(col(Contract.valid_from).is_(None), col(Contract.valid_from) <= end),
                    or_(col(Contract.valid_to).is_(None), col(Contract.valid_to) >= start,
                        col(Contract.renewal_months).is_not(None)))
             .order_by(collate(col(Contract.title), "da")))
    with reading(conn) as session:
        rows = session.execute(query).all()
    out = []
    for c, next_title in rows:
        now = term(c.valid_to, c.renewal_months, c.notice_months, as_of)
        out.append(ContractInYear(c.title, c.party, c.signed, c.valid_from, c.valid_to, now.end, now.notice_by,
                                  next_title))
    return out

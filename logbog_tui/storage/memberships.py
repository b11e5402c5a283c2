"""Seats and memberships in the database: load them for the composition rule, appoint members and
substitutes, end memberships. Every write is one short transaction.

What the appointment, substitute and end forms hand in is checked by the input models
:class:`Appointment`, :class:`Substitution` and :class:`Ending` (a refusal shows under its
field); the storage functions check what they are given with the same models.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar, cast

from pydantic import ValidationInfo, field_validator
from sqlalchemy import delete as sql_delete
from sqlalchemy import func
from sqlalchemy import select as sql_select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import aliased
from sqlalchemy.sql import ColumnElement
from sqlmodel import Field, Session, col, select

from logbog_tui import clock
from logbog_tui.service import Message
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date
from logbog_tui.service import Problem
from logbog_tui.service import composition as rules
from logbog_tui.service.composition import (
    SeatLine,
    compose,
    conflicting,
    overlap,
    warnings,
)
from logbog_tui.service.parse import parse_date
from logbog_tui.storage.db import Connection, fold
from logbog_tui.storage.inputs import Input, refuse
from logbog_tui.storage.models import Membership, Person, Seat
from logbog_tui.storage.session import reading, transaction
from logbog_tui.textfields import clean
from logbog_tui.service.record import Record

ROLES = ("member", "chair", "secretary", "chair_secretary")
BODIES = ("styregruppe", "folgegruppe")
REFERENCE_MAX = 500
_CHOOSE = {"seat": "membership.choose_seat", "member": "membership.choose_member"}  # a choice left empty


# --- input models ---------------------------------------------------------------------------

class _MembershipInput(Input):
    """Dates as typed (``31.12.2026``, ``i dag``, ``+7``: read relative to ``today``) or as dates,
    the seat or member chosen, the reference of an appointment as clean text."""

    OPEN_END: ClassVar[bool] = True  # a blank end: until further notice
    today: date | None = Field(default=None, exclude=True)  # what relative dates are read from

    @field_validator("start", "end", mode="before", check_fields=False)
    @classmethod
    def _day(cls, value: Any, info: ValidationInfo) -> date | None:
        if isinstance(value, date):
            return value
        text = "" if value is None else str(value)
        if info.field_name == "end" and cls.OPEN_END and not text.strip():
            return None
        try:
            return parse_date(text, info.data.get("today") or clock.today())
        except Problem as p:
            refuse(p.key, **p.params)

    @field_validator("end", check_fields=False)
    @classmethod
    def _after_start(cls, end: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("start")
        if end is not None and start is not None and end < start:
            refuse("membership.end_before_start")
        return end

    @field_validator("seat", "member", mode="before", check_fields=False)
    @classmethod
    def _chosen(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            refuse(_CHOOSE[str(info.field_name)])
        return value

    @field_validator("reference", mode="before", check_fields=False)
    @classmethod
    def _reference(cls, value: Any) -> str | None:
        try:
            return clean(value, REFERENCE_MAX)
        except UserError as exc:
            refuse(exc.note.key, **exc.note.params)


class Appointment(_MembershipInput):
    """A seat for a person: the seat, the period (the end after the start; none: until further
    notice), the role and the reference of the decision."""

    seat: int
    start: date
    end: date | None = None
    role: str = "member"
    reference: str | None = None

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: Any) -> str:
        if value in (None, ""):
            return "member"
        if value not in ROLES:
            refuse("membership.bad_role")
        return str(value)


class Substitution(_MembershipInput):
    """A person as substitute for the holder of a membership (``member``), for a period."""

    member: int
    start: date
    end: date | None = None
    reference: str | None = None


class Ending(_MembershipInput):
    """The last day of a membership (its start is the stored one: checked by :func:`end_membership`)."""

    OPEN_END: ClassVar[bool] = False
    end: date


# --- reading --------------------------------------------------------------------------------

def _seat(s: Seat) -> rules.Seat:
    return rules.Seat(cast(int, s.id), s.body_code, s.kind, s.label, s.position, s.valid_from, s.valid_to)


def seats(conn: Connection) -> list[rules.Seat]:
    with reading(conn) as session:
        return [_seat(s) for s in session.exec(select(Seat))]


def open_seats(conn: Connection, today: date) -> list[rules.Seat]:
    """The seats in force on ``today`` or later, by body, position and start (the appointment form)."""
    query = (select(Seat).where(func.coalesce(col(Seat.valid_to), date.max) >= today)
             .order_by(col(Seat.body_code), col(Seat.position), col(Seat.valid_from), col(Seat.id)))
    with reading(conn) as session:
        return [_seat(s) for s in session.exec(query)]


def _memberships(session: Session, *where: ColumnElement[bool]) -> list[rules.Membership]:
    # more columns than sqlmodel's select() has typed overloads for: SQLAlchemy's, through execute()
    query = (sql_select(col(Membership.id), col(Membership.person_id), col(Person.name), col(Membership.seat_id),
                        col(Membership.valid_from), col(Membership.valid_to), col(Membership.substitute_for_id),
                        col(Membership.role))
             .join(Person, col(Person.id) == col(Membership.person_id)).where(*where)
             .order_by(col(Membership.valid_from)))
    return [rules.Membership(*row) for row in session.execute(query)]


def memberships(conn: Connection) -> list[rules.Membership]:
    with reading(conn) as session:
        return _memberships(session)


def composition(conn: Connection, body: str, day: date) -> list[SeatLine]:
    return compose(seats(conn), memberships(conn), body, day)


def compositions(conn: Connection, day: date) -> list[tuple[str, list[SeatLine]]]:
    """Both bodies on ``day`` (seats and memberships read once)."""
    all_seats, held = seats(conn), memberships(conn)
    return [(body, compose(all_seats, held, body, day)) for body in BODIES]


def current_warnings(conn: Connection, today: date) -> list[Message]:
    return warnings(seats(conn), memberships(conn), today)


class MembershipRow(Record):
    """A membership as the Members screen and its dialogs show it: the seat by body and label, and
    the member a substitute serves (``holder``)."""

    id: int
    person_id: int
    person: str
    seat_id: int
    body: str
    seat: str
    role: str
    valid_from: date
    valid_to: date | None
    substitute_for: int | None
    holder: str | None
    reference: str | None
    holder_id: int | None = None  # the person a substitute serves


def _rows(conn: Connection, *where: ColumnElement[bool], newest_first: bool = False) -> list[MembershipRow]:
    """Memberships with their seat and the name of the member a substitute serves: one query."""
    served, holder = aliased(Membership), aliased(Person)
    start = col(Membership.valid_from)
    # more columns than sqlmodel's select() has typed overloads for: SQLAlchemy's, through execute()
    query = (sql_select(col(Membership.id), col(Membership.person_id), col(Person.name), col(Membership.seat_id),
                        col(Seat.body_code), col(Seat.label), col(Membership.role), col(Membership.valid_from),
                        col(Membership.valid_to), col(Membership.substitute_for_id), col(holder.name),
                        col(Membership.appointment_ref), col(served.person_id))
             .join(Person, col(Person.id) == col(Membership.person_id))
             .join(Seat, col(Seat.id) == col(Membership.seat_id))
             .outerjoin(served, col(served.id) == col(Membership.substitute_for_id))
             .outerjoin(holder, col(holder.id) == col(served.person_id))
             .where(*where)
             .order_by(start.desc() if newest_first else start, col(Membership.id)))
    with reading(conn) as session:
        return [MembershipRow(*row) for row in session.execute(query)]


def of_person(conn: Connection, person_id: int) -> list[MembershipRow]:
    """A person's memberships (seats and substitute roles), newest first."""
    return _rows(conn, col(Membership.person_id) == person_id, newest_first=True)


def get(conn: Connection, membership_id: int) -> MembershipRow:
    found = _rows(conn, col(Membership.id) == membership_id)
    if not found:
        raise UserError("membership.gone")
    return found[0]


def running_on(conn: Connection, day: date) -> list[MembershipRow]:
    """Everyone's memberships (seats and substitute roles) in force on ``day``: one query."""
    return _rows(conn, col(Membership.valid_from) <= day, func.coalesce(col(Membership.valid_to), date.max) >= day)


def substitutable(conn: Connection, person_id: int, today: date) -> list[MembershipRow]:
    """The memberships ``person_id`` could become substitute for: holders (not substitutes) of a
    seat other than the project leader's, running on ``today`` or later, not the person's own;
    by body and name."""
    found = _rows(conn, col(Membership.substitute_for_id).is_(None),
                  func.coalesce(col(Membership.valid_to), date.max) >= today,
                  col(Seat.kind) != "project_leader", col(Membership.person_id) != person_id)
    return sorted(found, key=lambda m: (m.body, fold(m.person)))


def running_after(conn: Connection, person_id: int, day: date) -> list[MembershipRow]:
    """The person's memberships (seats and substitute roles) that run past ``day``."""
    return _rows(conn, col(Membership.person_id) == person_id,
                 func.coalesce(col(Membership.valid_to), date.max) > day)


# --- writing --------------------------------------------------------------------------------

def _until(day: date | None) -> str:
    return fmt_date(day) if day else "…"


def appoint(conn: Connection, person_id: int, seat_id: int | None, start: date, end: date | None,
            role: str | None = "member", reference: str | None = None) -> int:
    """Make ``person_id`` the holder of ``seat_id`` for the period; refuses overlaps."""
    a = Appointment.check({"seat": seat_id, "start": start, "end": end, "role": role, "reference": reference})
    end = a.end
    with transaction(conn) as session:
        seat = session.get(Seat, a.seat)
        if seat is None:
            raise UserError("membership.no_seat")
        if end is None and seat.valid_to is not None and a.start <= seat.valid_to:
            end = seat.valid_to  # "until further notice" ends with the seat itself
        if a.start < seat.valid_from or (seat.valid_to and (end is None or end > seat.valid_to)):
            raise UserError("membership.outside_seat", seat=seat.label, start=fmt_date(seat.valid_from),
                            end=_until(seat.valid_to))
        clash = conflicting(_memberships(session, col(Membership.seat_id) == a.seat), a.seat, a.start, end)
        if clash is not None:
            raise UserError("membership.overlap", seat=seat.label, person=clash.person,
                            start=fmt_date(clash.valid_from), end=_until(clash.valid_to))
        held = Membership(person_id=person_id, seat_id=a.seat, role=a.role, valid_from=a.start, valid_to=end,
                          appointment_ref=a.reference)
        session.add(held)
        session.flush()
        return cast(int, held.id)


def appoint_substitute(conn: Connection, person_id: int, member_membership_id: int | None, start: date,
                       end: date | None, reference: str | None = None) -> int:
    """Make ``person_id`` substitute for the holder of membership ``member_membership_id``."""
    s = Substitution.check({"member": member_membership_id, "start": start, "end": end, "reference": reference})
    end = s.end
    with transaction(conn) as session:
        member = session.get(Membership, s.member)
        if member is None or member.substitute_for_id is not None:
            raise UserError("membership.no_member")
        if member.person_id == person_id:
            raise UserError("membership.own_substitute")
        name = session.get_one(Person, member.person_id).name
        if end is None and member.valid_to is not None and s.start <= member.valid_to:
            end = member.valid_to  # a substitute serves at most as long as the member
        if s.start < member.valid_from or (member.valid_to and (end is None or end > member.valid_to)):
            raise UserError("membership.outside_member", person=name, start=fmt_date(member.valid_from),
                            end=_until(member.valid_to))
        already = session.exec(select(col(Membership.valid_from), col(Membership.valid_to)).where(
            col(Membership.person_id) == person_id, col(Membership.substitute_for_id) == member.id))
        if any(overlap(first, last, s.start, end) for first, last in already):
            raise UserError("membership.already_substitute", person=name)
        role = Membership(person_id=person_id, seat_id=member.seat_id, substitute_for_id=member.id,
                          valid_from=s.start, valid_to=end, appointment_ref=s.reference)
        session.add(role)
        session.flush()
        return cast(int, role.id)


def end_membership(conn: Connection, membership_id: int, end: date) -> tuple[int, int]:
    """End a membership on ``end`` (inclusive). Its substitutes end then too, and substitute
    appointments that would only begin after ``end`` are annulled (removed): a substitute serves
    at most as long as the member. Returns (substitutes ended, substitute appointments annulled)."""
    last = Ending.check({"end": end}).end
    with transaction(conn) as session:
        return _end(session, membership_id, last)


def _end(session: Session, membership_id: int, end: date) -> tuple[int, int]:
    held = session.get(Membership, membership_id)
    if held is None:
        raise UserError("membership.gone")
    if end < held.valid_from:
        raise UserError("membership.end_before_start", field="end")
    held.valid_to = end
    ended = session.exec(
        sql_update(Membership).where(col(Membership.substitute_for_id) == membership_id,
                                     col(Membership.valid_from) <= end,
                                     func.coalesce(col(Membership.valid_to), date.max) > end)
        .values(valid_to=end)).rowcount
    annulled = session.exec(sql_delete(Membership).where(col(Membership.substitute_for_id) == membership_id,
                                                         col(Membership.valid_from) > end)).rowcount
    return ended, annulled


def cancel_future(conn: Connection, membership_id: int, today: date) -> int:
    """Cancel a membership that has not begun (it starts after ``today``): it is removed, with the
    substitutes appointed for it. Returns how many substitute memberships went with it."""
    with transaction(conn) as session:
        held = session.get(Membership, membership_id)
        if held is None:
            raise UserError("membership.gone")
        if held.valid_from <= today:
            raise UserError("membership.already_begun", date=fmt_date(held.valid_from))
        return _remove(session, membership_id)


def _remove(session: Session, membership_id: int) -> int:
    subs = session.exec(sql_delete(Membership).where(col(Membership.substitute_for_id) == membership_id)).rowcount
    session.execute(sql_delete(Membership).where(col(Membership.id) == membership_id))
    return subs


def end_all_in(conn: Connection, person_id: int, last_day: date) -> int:
    """Inside the caller's transaction: end every membership of the person that runs past
    ``last_day`` on that day (their substitutes end too); one that begins after it is removed.
    Returns how many of the person's memberships were ended or removed."""
    with transaction(conn) as session:
        running = session.exec(
            select(col(Membership.id), col(Membership.valid_from)).where(
                col(Membership.person_id) == person_id,
                func.coalesce(col(Membership.valid_to), date.max) > last_day)).all()
        for found, first in running:
            membership_id = cast(int, found)  # read from the table: never None
            if first > last_day:
                _remove(session, membership_id)
            else:
                _end(session, membership_id, last_day)
        return len(running)

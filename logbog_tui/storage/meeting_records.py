"""What happened at a meeting: agenda items with decisions, referrals to the steering group,
attendance, tasks from actions, and logging the meeting's hours for everyone present."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from pydantic import ValidationInfo, field_validator
from sqlalchemy import and_, collate, func
from sqlalchemy import update as sql_update
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from logbog_tui.storage import memberships
from logbog_tui.storage.db import Connection
from logbog_tui.storage.inputs import Input, free_text, refuse, required_text
from logbog_tui.storage.models import (AgendaItem, Attendance, Meeting, Membership, Person, Seat, Task, TaskArea,
                                       TimeEntry)
from logbog_tui.storage.session import reading, transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_minutes, t
from logbog_tui.textfields import clean
from logbog_tui.storage.meetings import get
from logbog_tui.service import Message, Problem
from logbog_tui.service.parse import MAX_MINUTES_PER_DAY, parse_hours
from logbog_tui.service.record import Record

ATTENDANCE = ("present", "absent", "substitute")


class ItemDraft(Input):
    """An agenda item as its dialog hands it in: a title, and the decision and notes as free text."""

    title: str
    owner_id: int | None = None
    notes: str | None = None
    decision: str | None = None
    referred: bool = False

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: Any) -> str:
        return required_text(value, 300, Message("task.field.title"))

    @field_validator("notes", "decision", mode="before")
    @classmethod
    def _long(cls, value: Any) -> str | None:
        return free_text(value, 10_000, long_text=True)


class SettlingItem(Input):
    """The steering group's item that settles a referral, as typed: ``12`` or ``#12``."""

    item: int

    @field_validator("item", mode="before")
    @classmethod
    def _number(cls, value: Any) -> int:
        text = str(value or "").strip().lstrip("#")
        if not text.isdigit():
            refuse("task.no_such_link", text=value)
        return int(text)


class Mark(Input):
    """One member's attendance: present, absent, or represented by a substitute (who must be named)."""

    status: str
    represented_by: int | None = None

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: Any) -> str:
        if value not in ATTENDANCE:
            refuse("record.bad_attendance")
        return cast(str, value)

    @field_validator("represented_by")
    @classmethod
    def _substitute(cls, value: int | None, info: ValidationInfo) -> int | None:
        if "status" in info.data and (info.data["status"] == "substitute") != (value is not None):
            refuse("record.substitute_needed")
        return value


class MeetingHours(Input):
    """The meeting's hours as the dialog hands them in (``4``, ``2,5``, ``1:30``; blank is 0), and the
    follow-up group area they go on."""

    meeting: int = 0
    prep: int = 0
    travel: int = 0
    area: int

    @field_validator("meeting", "prep", "travel", mode="before")
    @classmethod
    def _hours(cls, value: Any) -> int:
        if not isinstance(value, str):
            return cast(int, value)
        text = value.strip() or "0"
        try:
            return 0 if text in ("0", "0,0") else parse_hours(text)
        except Problem as p:
            refuse(p.key, **p.params)

    @field_validator("area", mode="before")
    @classmethod
    def _area(cls, value: Any) -> int:
        if value is None:
            refuse("record.fg_area_only", code="–")
        return cast(int, value)


class Item(Record):
    id: int
    meeting_id: int
    position: int
    title: str
    owner: str | None
    notes: str | None
    decision: str | None
    referred: bool
    settled_by: int | None


def items(conn: Connection, meeting_id: int) -> list[Item]:
    columns: tuple[Any, ...] = (AgendaItem.id, AgendaItem.meeting_id, AgendaItem.position, AgendaItem.title,
                                col(Person.name).label("owner"), AgendaItem.notes, AgendaItem.decision,
                                AgendaItem.referred, AgendaItem.settled_by_id)
    query = (select(*columns).outerjoin(Person, col(Person.id) == AgendaItem.owner_id)
             .where(AgendaItem.meeting_id == meeting_id).order_by(AgendaItem.position, AgendaItem.id))
    with reading(conn) as session:
        return [Item(r.id, r.meeting_id, r.position, r.title, r.owner, r.notes, r.decision, bool(r.referred),
                     r.settled_by_id) for r in session.exec(query)]


def save_item(conn: Connection, meeting_id: int, title: str, owner_id: int | None, notes: str | None,
              decision: str | None, referred: bool, item_id: int | None = None) -> int:
    """A new agenda item at the end of the meeting's list, or the item ``item_id`` changed; the
    input is checked field by field (:class:`ItemDraft`)."""
    d = ItemDraft.check({"title": title, "owner_id": owner_id, "notes": notes, "decision": decision,
                         "referred": referred})
    values: dict[str, Any] = {"title": d.title, "owner_id": d.owner_id, "notes": d.notes, "decision": d.decision,
                              "referred": d.referred}
    with transaction(conn) as session:
        if item_id is None:
            position = session.exec(select(func.coalesce(func.max(AgendaItem.position), 0) + 1)
                                    .where(AgendaItem.meeting_id == meeting_id)).one()
            item = AgendaItem(meeting_id=meeting_id, position=position, **values)
            session.add(item)
            session.flush()
            return cast(int, item.id)
        found = session.get(AgendaItem, item_id)
        if found is None:
            raise UserError("record.item_gone")
        found.sqlmodel_update(values)
        return item_id


def set_referred(conn: Connection, item_id: int, referred: bool) -> None:
    """Refer an item to the steering group, or take the referral back (and its settlement with it).
    Nothing else of the item changes."""
    values: dict[str, Any] = {"referred": referred} if referred else {"referred": False, "settled_by_id": None}
    with transaction(conn) as session:
        if session.exec(sql_update(AgendaItem).where(col(AgendaItem.id) == item_id).values(**values)).rowcount != 1:
            raise UserError("record.item_gone")


def set_minutes(conn: Connection, meeting_id: int, text: str) -> None:
    try:
        minutes_text = clean(text, 100_000, long_text=True)
    except UserError as exc:
        raise exc.under("minutes") from None
    with transaction(conn) as session:
        session.exec(sql_update(Meeting).where(col(Meeting.id) == meeting_id).values(minutes_text=minutes_text))


def minutes(conn: Connection, meeting_id: int) -> str:
    with reading(conn) as session:
        return session.exec(select(Meeting.minutes_text).where(Meeting.id == meeting_id)).first() or ""


class Referral(Record):
    item_id: int
    meeting_id: int
    day: date
    title: str
    settled_by: int | None
    settled_on: date | None
    decision: str | None


def referrals(conn: Connection, open_only: bool = True) -> list[Referral]:
    """Items the follow-up group referred to the steering group (a disagreement), and how settled."""
    settling, settled_at = aliased(AgendaItem), aliased(Meeting)
    columns: tuple[Any, ...] = (AgendaItem.id, AgendaItem.meeting_id, Meeting.date, AgendaItem.title,
                                AgendaItem.settled_by_id, col(settled_at.date).label("settled_on"), settling.decision)
    query = (select(*columns)
             .join(Meeting, col(Meeting.id) == AgendaItem.meeting_id)
             .outerjoin(settling, col(settling.id) == AgendaItem.settled_by_id)
             .outerjoin(settled_at, col(settled_at.id) == settling.meeting_id)
             .where(col(AgendaItem.referred).is_(True)).order_by(Meeting.date))
    if open_only:
        query = query.where(col(AgendaItem.settled_by_id).is_(None))
    with reading(conn) as session:
        return [Referral(r.id, r.meeting_id, r.date, r.title, r.settled_by_id, r.settled_on, r.decision)
                for r in session.exec(query)]


def settle(conn: Connection, referred_item_id: int, settling_item_id: int) -> None:
    """Link a referral to the steering group item (decision) that settled it."""
    def meeting_of(item_id: int) -> tuple[str, date] | None:
        return session.exec(select(Meeting.body_code, col(Meeting.date))
                            .join(AgendaItem, col(AgendaItem.meeting_id) == Meeting.id)
                            .where(AgendaItem.id == item_id)).first()

    with transaction(conn) as session:
        settling = meeting_of(settling_item_id)
        if settling is None or settling[0] != "styregruppe":
            raise UserError("record.settle_needs_steering", field="item")
        referred = meeting_of(referred_item_id)
        if referred is not None and settling[1] < referred[1]:
            raise UserError("record.settle_before_referral", field="item", settled=settling[1], referred=referred[1])
        done = session.exec(sql_update(AgendaItem)
                            .where(col(AgendaItem.id) == referred_item_id, col(AgendaItem.referred).is_(True))
                            .values(settled_by_id=settling_item_id))
        if done.rowcount != 1:
            raise UserError("record.not_referred")


def task_from_item(conn: Connection, item_id: int, area_id: int, owner_id: int | None = None) -> int:
    """An action from a meeting becomes a task linked back to the meeting."""
    with transaction(conn) as session:
        item = session.get(AgendaItem, item_id)
        if item is None:
            raise UserError("record.item_gone")
        task = Task(area_id=area_id, title=item.title,
                    description=item.decision if item.decision is not None else item.notes, owner_id=owner_id,
                    meeting_id=item.meeting_id)
        session.add(task)
        session.flush()
        return cast(int, task.id)


def task_areas(conn: Connection, scope: str | None = None) -> list[TaskArea]:
    """The task areas in their order (of one scope, when given)."""
    query = select(TaskArea).order_by(col(TaskArea.position))
    if scope is not None:
        query = query.where(TaskArea.scope == scope)
    with reading(conn) as session:
        return list(session.exec(query))


def fg_areas(conn: Connection) -> list[TaskArea]:
    """The follow-up group's task areas: where members' meeting hours go."""
    return task_areas(conn, "folgegruppe")


# --- attendance ----------------------------------------------------------------------------

class Substitute(Record):
    person_id: int
    name: str


class Attendee(Record):
    person_id: int
    name: str
    seat: str
    status: str | None          # None: not recorded yet
    represented_by: int | None
    substitutes: tuple[Substitute, ...]


def attendees(conn: Connection, meeting_id: int) -> list[Attendee]:
    """Every seat holder of the body on the meeting's date, with what is recorded for them."""
    m = get(conn, meeting_id)
    with reading(conn) as session:
        recorded = {r.person_id: r for r in session.exec(select(Attendance).where(Attendance.meeting_id == meeting_id))}
    out, seen = [], set()
    for line in memberships.composition(conn, m.body, m.day):
        if line.holder is None or line.holder.person_id in seen:
            continue
        seen.add(line.holder.person_id)
        mark = recorded.get(line.holder.person_id)
        out.append(Attendee(line.holder.person_id, line.holder.person, line.seat.label,
                            mark.status if mark else None, mark.represented_by_id if mark else None,
                            tuple(Substitute(s.person_id, s.person) for s in line.substitutes)))
    return out


def set_attendance(conn: Connection, meeting_id: int, person_id: int, status: str,
                   represented_by: int | None = None) -> None:
    mark = Mark.check({"status": status, "represented_by": represented_by})
    with transaction(conn) as session:
        row = session.get(Attendance, (meeting_id, person_id))
        if row is None:
            session.add(Attendance(meeting_id=meeting_id, person_id=person_id, status=mark.status,
                                   represented_by_id=mark.represented_by))
        else:
            row.sqlmodel_update({"status": mark.status, "represented_by_id": mark.represented_by})


class Logged(Record):
    person_id: int
    minutes: int
    code: str
    entry_id: int


class LoggedHours(Record):
    person: str
    minutes: int
    code: str


def meeting_source(meeting_id: int) -> str:
    """What a time entry logged from a meeting's record says it came from (``time_entry.source``)."""
    return f"meeting:{meeting_id}"


def logged_for(conn: Connection, meeting_id: int) -> list[LoggedHours]:
    """Hours already logged for the meeting from its record (person, minutes, area code): the
    entries whose source is the meeting, whatever their note says now."""
    query = (select(Person.name, TimeEntry.minutes, TaskArea.code).join(Person, col(Person.id) == TimeEntry.person_id)
             .join(TaskArea, col(TaskArea.id) == TimeEntry.area_id)
             .where(TimeEntry.source == meeting_source(meeting_id)).order_by(collate(col(Person.name), "da")))
    with reading(conn) as session:
        return [LoggedHours(name, minutes, code) for name, minutes, code in session.exec(query)]


def log_hours(conn: Connection, meeting_id: int, meeting_minutes: int, prep_minutes: int,
              travel_minutes: int, fg_area_id: int) -> list[Logged]:
    """Log the meeting (plus preparation and travel) for everyone present, in one transaction.

    Members and the substitutes who represented them get follow-up group hours on ``fg_area_id``
    (a substitute's entry says on whose behalf); the project leader's hours are project leadership
    (PL6, secretariat service). Returns (person id, minutes, area code, entry id) per entry.
    Refuses all if anyone's day would pass 24 hours, or if ``fg_area_id`` is not a follow-up
    group area.
    """
    m = get(conn, meeting_id)
    if m.status == "cancelled":
        raise UserError("record.cancelled_no_hours")
    each = meeting_minutes + prep_minutes + travel_minutes
    if each <= 0:
        raise UserError("parse.hours.not_positive", field="meeting")
    seat_held = and_(col(Membership.person_id) == Attendance.person_id, col(Membership.substitute_for_id).is_(None),
                     col(Membership.valid_from) <= m.day, func.coalesce(Membership.valid_to, date.max) >= m.day)
    present = (select(Attendance.person_id, Attendance.status, Attendance.represented_by_id, Seat.kind)
               .select_from(Attendance).outerjoin(Membership, seat_held)
               .outerjoin(Seat, and_(col(Seat.id) == Membership.seat_id, col(Seat.body_code) == m.body))
               .where(Attendance.meeting_id == meeting_id, col(Attendance.status).in_(("present", "substitute"))))
    with transaction(conn) as session:
        rows = session.exec(present).all()
        pl6 = cast(int, session.exec(select(TaskArea.id).where(TaskArea.code == "PL6")).one())
        fg = session.get(TaskArea, fg_area_id)
        if fg is None or fg.scope != "folgegruppe":
            raise UserError("record.fg_area_only", field="area", code=fg.code if fg else "?")
        people: dict[int, tuple[int, str, int | None]] = {}
        for person, status, rep, kind in rows:
            who = rep if status == "substitute" and rep is not None else person
            leader = kind == "project_leader" and status == "present"
            if who not in people or leader:
                people[who] = (pl6, "PL6", None) if leader else (fg_area_id, fg.code,
                                                                  person if status == "substitute" else None)
        if not people:
            raise UserError("record.nobody_present")
        totals: dict[int, int] = dict(session.exec(select(TimeEntry.person_id, func.sum(TimeEntry.minutes))
                                                   .where(col(TimeEntry.person_id).in_(people), TimeEntry.date == m.day)
                                                   .group_by(col(TimeEntry.person_id))).all())
        for person in people:
            if totals.get(person, 0) + each > MAX_MINUTES_PER_DAY:
                name = session.exec(select(Person.name).where(Person.id == person)).one()
                raise UserError("record.day_full", person=name, date=fmt_date(m.day),
                                logged=fmt_minutes(totals.get(person, 0)))
        note = t("record.entry_note", date=fmt_date(m.day))
        entries = [(person, area, code, TimeEntry(person_id=person, date=m.day, minutes=each, area_id=area,
                                                  note=note, on_behalf_of_id=on_behalf,
                                                  source=meeting_source(meeting_id)))
                   for person, (area, code, on_behalf) in people.items()]
        session.add_all([entry for *_, entry in entries])
        session.flush()
        return [Logged(person, each, code, cast(int, entry.id)) for person, _, code, entry in entries]

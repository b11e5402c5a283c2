"""People: validated contact data (only what the work needs; never a CPR number), the list
with current seats, personal-data export, and erasure."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from datetime import date, datetime, timezone

from pydantic import ValidationInfo, field_validator
from sqlalchemy import and_, case, collate, exists, func, or_
from sqlalchemy import delete as sql_delete
from sqlalchemy import update as sql_update
from sqlalchemy.orm import aliased
from sqlmodel import select

from logbog_tui.storage import journal, memberships
from logbog_tui.storage.db import Connection
from logbog_tui.storage.inputs import Input, refuse
from logbog_tui.storage.models import (AgendaItem, Attendance, Meeting, Membership, Organisation, Person, Seat, Task,
                                       TaskArea, Ticket, TicketEvent, TimeEntry)
from logbog_tui.storage.session import reading, transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.service.text import has_control

LIMITS = {"name": 200, "title": 200, "email": 254, "phone": 40, "notes": 10_000}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_CPR = re.compile(r"\b\d{6}-?\d{4}\b")


def _text(value: str | None) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


def valid_phone(text: str) -> bool:
    """Danish (8 digits, optionally +45/0045) or international (+ and 8-15 digits)."""
    compact = re.sub(r"[\s\-().]", "", text)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+45"):
        return bool(re.fullmatch(r"\+45\d{8}", compact))
    if compact.startswith("+"):
        return bool(re.fullmatch(r"\+\d{8,15}", compact))
    return bool(re.fullmatch(r"\d{8}", compact))


class PersonDraft(Input):
    """A person as the form or a command hands it in: trimmed (NFC), within the lengths of
    ``schema.sql``, no control characters, a plausible e-mail and phone, never a CPR number."""

    name: str
    organisation_id: int | None = None
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    notes: str | None = None

    @field_validator("name", "title", "email", "phone", "notes", mode="before")
    @classmethod
    def _clean(cls, value: Any, info: ValidationInfo) -> str | None:
        text, key = _text(value), info.field_name
        if len(text) > LIMITS[key]:
            refuse("person.too_long", max=LIMITS[key])
        if has_control(text, long_text=key == "notes"):
            refuse("person.control_chars")
        if key == "name" and not text:
            refuse("person.name_required")
        if key == "email" and text and not _EMAIL.match(text):
            refuse("person.bad_email")
        if key == "phone" and text and not valid_phone(text):
            refuse("person.bad_phone")
        if key == "notes" and _CPR.search(text):
            refuse("person.no_cpr")
        return text or None


def create(conn: Connection, d: PersonDraft) -> int:
    with transaction(conn) as session:
        person = Person(name=d.name, organisation_id=d.organisation_id, title=d.title, email=d.email,
                        phone=d.phone, notes=d.notes)
        session.add(person)
        session.flush()
        return person.id


def update(conn: Connection, person_id: int, d: PersonDraft) -> None:
    with transaction(conn) as session:
        person = session.get(Person, person_id)
        if person is None or person.erased_at is not None:
            raise UserError("person.gone")
        person.sqlmodel_update({"name": d.name, "organisation_id": d.organisation_id, "title": d.title,
                                "email": d.email, "phone": d.phone, "notes": d.notes})


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    organisation: str | None
    organisation_id: int | None
    title: str | None
    email: str | None
    phone: str | None
    notes: str | None
    seats: str
    current: bool


def list_people(conn: Connection, today: date, text: str = "", include_former: bool = False,
                limit: int = 1000) -> list[PersonRow]:
    """People with their current seats; former members (all memberships ended) only on request.
    The filter matches name, organisation, and the labels and bodies of current seats."""
    held = aliased(Membership)
    running = and_(held.valid_from <= today, func.coalesce(held.valid_to, date.max) >= today)
    sub = " (" + t("record.status.substitute") + ")"
    label = (case((Seat.body_code == "styregruppe", "SG: "), else_="FG: ") + Seat.label
             + case((held.substitute_for_id.is_not(None), sub), else_=""))
    seats = (select(func.group_concat(label, "; ")).select_from(held).join(Seat, Seat.id == held.seat_id)
             .where(held.person_id == Person.id, running).correlate(Person).scalar_subquery())
    ever = exists().where(Membership.person_id == Person.id)
    now = exists().where(Membership.person_id == Person.id, func.coalesce(Membership.valid_to, date.max) >= today)
    query = (select(Person.id, Person.name, Organisation.name.label("organisation"), Person.organisation_id,
                    Person.title, Person.email, Person.phone, Person.notes, seats.label("seats"),
                    ever.label("ever"), now.label("now"))
             .outerjoin(Organisation, Organisation.id == Person.organisation_id)
             .where(Person.erased_at.is_(None)).order_by(collate(Person.name, "da")))
    with reading(conn) as session:
        rows = session.exec(query).all()
    needle = unicodedata.normalize("NFC", text).casefold().strip()
    out = []
    for r in rows:
        current = bool(r.now) or not r.ever
        if not include_former and not current:
            continue
        held_seats = r.seats or ""
        bodies = " ".join(t(f"body.{code}") for code, tag in (("styregruppe", "SG:"), ("folgegruppe", "FG:"))
                          if tag in held_seats)
        haystack = unicodedata.normalize("NFC", " ".join(x for x in (r.name, r.organisation or "", held_seats, bodies)
                                                         if x)).casefold()
        if needle and needle not in haystack:
            continue
        out.append(PersonRow(r.id, r.name, r.organisation, r.organisation_id, r.title, r.email, r.phone, r.notes,
                             held_seats, current))
        if len(out) >= limit:
            break
    return out


def _plain(value: object) -> object:
    """A value as the file holds it (ISO text for dates and times, 0/1 for flags)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    return value


def export(conn: Connection, person_id: int) -> dict:
    """Everything the database holds about one person, as plain JSON-able data."""
    with reading(conn) as session:
        def table(query) -> list[dict]:
            return [{k: _plain(v) for k, v in row._mapping.items()} for row in session.execute(query)]

        person = session.get(Person, person_id)
        if person is None:
            raise UserError("person.gone")
        return {
            "person": {k: _plain(v) for k, v in person.model_dump().items()},
            "memberships": table(
                select(*Membership.__table__.c, Seat.label.label("seat"), Seat.body_code.label("body"))
                .join(Seat, Seat.id == Membership.seat_id).where(Membership.person_id == person_id)
                .order_by(Membership.valid_from)),
            "time_entries": table(
                select(TimeEntry.id, TimeEntry.date, TimeEntry.minutes, TaskArea.code.label("area"),
                       TimeEntry.task_id, TimeEntry.is_support, TimeEntry.note)
                .join(TaskArea, TaskArea.id == TimeEntry.area_id).where(TimeEntry.person_id == person_id)
                .order_by(TimeEntry.date)),
            "attendance": table(
                select(Attendance.meeting_id, Meeting.date, Meeting.body_code.label("body"), Attendance.status)
                .join(Meeting, Meeting.id == Attendance.meeting_id).where(Attendance.person_id == person_id)
                .order_by(Meeting.date)),
            "tickets_reported": table(select(Ticket.id, Ticket.year, Ticket.seq, Ticket.title, Ticket.opened_on)
                                      .where(Ticket.reporter_id == person_id)),
            "tasks_owned": table(select(Task.id, Task.title, Task.due_date, Task.status)
                                 .where(Task.owner_id == person_id)),
        }


def register_empty(conn: Connection) -> bool:
    """Whether nobody is in the register yet (a new database: the first steps are shown)."""
    with reading(conn) as session:
        return not session.exec(select(exists().where(Person.id.is_not(None)))).one()


def has_history(conn: Connection, person_id: int) -> bool:
    """Hours, meetings, tickets or tasks: a person with any of these can only be erased."""
    p = person_id
    member = aliased(Membership)
    any_of = or_(
        exists().where(TimeEntry.person_id == p),
        exists().where(or_(Attendance.person_id == p, Attendance.represented_by_id == p)),
        exists().where(AgendaItem.owner_id == p),
        exists().where(or_(Ticket.reporter_id == p, Ticket.assignee_id == p)),
        exists().where(TicketEvent.author_id == p),
        exists().where(Task.owner_id == p),
        select(Membership.id).join(member, Membership.substitute_for_id == member.id)
        .where(member.person_id == p).exists())
    with reading(conn) as session:
        return bool(session.exec(select(any_of)).one())


def delete(conn: Connection, person_id: int) -> None:
    """Delete a person without history (their own memberships go too)."""
    with transaction(conn) as session:
        if has_history(conn, person_id):
            raise UserError("person.cannot_delete")
        session.execute(sql_delete(Membership).where(Membership.person_id == person_id))
        session.execute(sql_delete(Person).where(Person.id == person_id))


def erase(conn: Connection, person_id: int, last_day: date | None = None) -> str:
    """Remove contact data and replace the name by a placeholder; history stays under it. With
    ``last_day``, the person's seats and substitute roles end that day (those not begun by then
    are removed), so that a seat is not left held by a placeholder for ever."""
    placeholder = t("person.placeholder", id=person_id)
    with transaction(conn) as session:
        if last_day is not None:
            memberships.end_all_in(conn, person_id, last_day)
        person = session.get(Person, person_id)
        if person is None or person.erased_at is not None:
            raise UserError("person.gone")
        person.sqlmodel_update({"name": placeholder, "organisation_id": None, "title": None, "email": None,
                                "phone": None, "notes": None,
                                "erased_at": datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)})
        session.flush()
        session.execute(sql_update(TimeEntry).where(TimeEntry.person_id == person_id).values(note=None))
        journal.forget_person(conn, person_id)  # the journal keeps no copy of what was erased
    return placeholder

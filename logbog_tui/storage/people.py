"""People: validated contact data (only what the work needs; never a CPR number), the list
with current seats, personal-data export, and erasure."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, cast
from datetime import date, datetime, timezone

from pydantic import ValidationInfo, field_validator
from sqlalchemy import Select, and_, case, collate, exists, func, or_
from sqlalchemy import select as sql_select
from sqlalchemy import delete as sql_delete
from sqlalchemy import update as sql_update
from sqlalchemy.orm import aliased
from sqlmodel import SQLModel, col, select

from logbog_tui.storage import journal, memberships
from logbog_tui.storage.db import Connection
from logbog_tui.storage.inputs import Input, refuse
from logbog_tui.storage.models import (AgendaItem, Attendance, CourseLeader, Meeting, Membership, Organisation, Person,
                                       Seat, Task, TaskArea, Ticket, TicketEvent, TimeEntry)
from logbog_tui.storage.session import reading, transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.service.text import has_control
from logbog_tui.service.record import Record

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
        text, key = _text(value), str(info.field_name)
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
        return cast(int, person.id)


def update(conn: Connection, person_id: int, d: PersonDraft) -> None:
    with transaction(conn) as session:
        person = session.get(Person, person_id)
        if person is None or person.erased_at is not None:
            raise UserError("person.gone")
        person.sqlmodel_update({"name": d.name, "organisation_id": d.organisation_id, "title": d.title,
                                "email": d.email, "phone": d.phone, "notes": d.notes})


class PersonRow(Record):
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
    running = and_(col(held.valid_from) <= today, func.coalesce(col(held.valid_to), date.max) >= today)
    sub = " (" + t("record.status.substitute") + ")"
    label = (case((col(Seat.body_code) == "styregruppe", "SG: "), else_="FG: ") + col(Seat.label)
             + case((col(held.substitute_for_id).is_not(None), sub), else_=""))
    seats = (select(func.group_concat(label, "; ")).select_from(held)
             .join(Seat, col(Seat.id) == col(held.seat_id))
             .where(col(held.person_id) == col(Person.id), running).correlate(Person).scalar_subquery())
    ever = exists().where(col(Membership.person_id) == col(Person.id))
    now = exists().where(col(Membership.person_id) == col(Person.id),
                         func.coalesce(col(Membership.valid_to), date.max) >= today)
    # more columns than sqlmodel's select() has typed overloads for: SQLAlchemy's, through execute()
    query = (sql_select(col(Person.id), col(Person.name), col(Organisation.name).label("organisation"),
                        col(Person.organisation_id), col(Person.title), col(Person.email), col(Person.phone),
                        col(Person.notes), seats.label("seats"), ever.label("ever"), now.label("now"))
             .outerjoin(Organisation, col(Organisation.id) == col(Person.organisation_id))
             .where(col(Person.erased_at).is_(None)).order_by(collate(col(Person.name), "da")))
    with reading(conn) as session:
        rows = session.execute(query).all()
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


def export(conn: Connection, person_id: int) -> dict[str, Any]:
    """Everything the database holds about one person, as plain JSON-able data."""
    with reading(conn) as session:
        def table(query: Select[*tuple[Any, ...]]) -> list[dict[str, Any]]:
            return [{k: _plain(v) for k, v in row._mapping.items()} for row in session.execute(query)]

        person = session.get(Person, person_id)
        if person is None:
            raise UserError("person.gone")
        return {
            "person": {k: _plain(v) for k, v in person.model_dump().items()},
            "memberships": table(
                sql_select(*SQLModel.metadata.tables["membership"].c, col(Seat.label).label("seat"),
                           col(Seat.body_code).label("body"))
                .join(Seat, col(Seat.id) == col(Membership.seat_id)).where(col(Membership.person_id) == person_id)
                .order_by(col(Membership.valid_from))),
            "time_entries": table(
                sql_select(col(TimeEntry.id), col(TimeEntry.date), col(TimeEntry.minutes),
                           col(TaskArea.code).label("area"), col(TimeEntry.task_id), col(TimeEntry.is_support),
                           col(TimeEntry.note))
                .join(TaskArea, col(TaskArea.id) == col(TimeEntry.area_id))
                .where(col(TimeEntry.person_id) == person_id).order_by(col(TimeEntry.date))),
            "attendance": table(
                sql_select(col(Attendance.meeting_id), col(Meeting.date), col(Meeting.body_code).label("body"),
                           col(Attendance.status))
                .join(Meeting, col(Meeting.id) == col(Attendance.meeting_id))
                .where(col(Attendance.person_id) == person_id).order_by(col(Meeting.date))),
            "tickets_reported": table(sql_select(col(Ticket.id), col(Ticket.year), col(Ticket.seq), col(Ticket.title),
                                                 col(Ticket.opened_on))
                                      .where(col(Ticket.reporter_id) == person_id)),
            "tasks_owned": table(sql_select(col(Task.id), col(Task.title), col(Task.due_date), col(Task.status))
                                 .where(col(Task.owner_id) == person_id)),
        }


def register_empty(conn: Connection) -> bool:
    """Whether nobody is in the register yet (a new database: the first steps are shown)."""
    with reading(conn) as session:
        return not session.exec(select(exists().where(col(Person.id).is_not(None)))).one()


def has_history(conn: Connection, person_id: int) -> bool:
    """Hours, meetings, tickets, tasks or a course leader's post: a person with any of these can
    only be erased."""
    p = person_id
    member = aliased(Membership)
    any_of = or_(
        exists().where(col(TimeEntry.person_id) == p),
        exists().where(or_(col(Attendance.person_id) == p, col(Attendance.represented_by_id) == p)),
        exists().where(col(AgendaItem.owner_id) == p),
        exists().where(or_(col(Ticket.reporter_id) == p, col(Ticket.assignee_id) == p)),
        exists().where(col(TicketEvent.author_id) == p),
        exists().where(col(Task.owner_id) == p),
        exists().where(col(CourseLeader.person_id) == p),  # a course leader (the registers, PL2)
        select(col(Membership.id)).join(member, col(Membership.substitute_for_id) == col(member.id))
        .where(col(member.person_id) == p).exists())
    with reading(conn) as session:
        return bool(session.exec(select(any_of)).one())


def delete(conn: Connection, person_id: int) -> None:
    """Delete a person without history (their own memberships go too)."""
    with transaction(conn) as session:
        if has_history(conn, person_id):
            raise UserError("person.cannot_delete")
        session.execute(sql_delete(Membership).where(col(Membership.person_id) == person_id))
        session.execute(sql_delete(Person).where(col(Person.id) == person_id))


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
        session.execute(sql_update(TimeEntry).where(col(TimeEntry.person_id) == person_id).values(note=None))
        journal.forget_person(conn, person_id)  # the journal keeps no copy of what was erased
    return placeholder

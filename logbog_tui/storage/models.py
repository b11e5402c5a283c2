"""SQLModel classes mirroring ``schema.sql`` (tests/test_schema.py keeps them in step).

``schema.sql`` is the one description of the tables: constraints and indexes live there.
The storage modules read and write through them (:mod:`logbog_tui.storage.session`).
"""

from datetime import date, datetime
from typing import Any, Optional

from pydantic import ConfigDict
from sqlalchemy import text
from sqlalchemy.dialects.sqlite import DATETIME
from sqlmodel import Field, SQLModel

# Times are UTC text as SQLite's CURRENT_TIMESTAMP writes them ("2026-11-28 07:18:00"), whether the
# database or Python wrote them (a server database: TIMESTAMP WITH TIME ZONE).
# DATETIME's __init__ is untyped in SQLAlchemy (*args, **kwargs), hence the ignore.
Stamp = DATETIME(storage_format="%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d")  # type: ignore[no-untyped-call]


class Table(SQLModel):
    """Base of the table models. Annotations are evaluated when the class is made (no
    ``from __future__ import annotations``: pydantic and SQLAlchemy would each evaluate the strings
    again), and pydantic builds a model's validator when one is first validated (``defer_build``),
    not at the TUI's start: rows read from the database are not validated. Together ~16 ms of the
    start (docs/performance.md)."""

    # SQLModel types model_config as its private SQLModelConfig; at run time both are plain dicts
    model_config = ConfigDict(defer_build=True)  # type: ignore[assignment]


def now_stamp() -> Any:
    """A column set by the database when the row is inserted (``DEFAULT CURRENT_TIMESTAMP``)."""
    return Field(default=None, nullable=False, sa_type=Stamp,
                 sa_column_kwargs={"server_default": text("CURRENT_TIMESTAMP")})


class Journal(Table, table=True):
    __tablename__ = "journal"
    id: Optional[int] = Field(default=None, primary_key=True)
    at: Optional[datetime] = now_stamp()
    who: Optional[str] = None
    origin: Optional[str] = None
    what: Optional[str] = None
    open: int = 1
    rows: int = 1
    undoes: Optional[int] = Field(default=None, foreign_key="journal.id")
    undone_by: Optional[int] = Field(default=None, foreign_key="journal.id")


class JournalRow(Table, table=True):
    __tablename__ = "journal_row"
    id: Optional[int] = Field(default=None, primary_key=True)
    journal_id: int = Field(foreign_key="journal.id")
    tbl: str
    row_id: int
    before: Optional[str] = None
    after: Optional[str] = None


class DbMark(Table, table=True):
    __tablename__ = "db_mark"
    id: Optional[int] = Field(default=None, primary_key=True)
    uid: str
    seq: int = 0


class Setting(Table, table=True):
    __tablename__ = "setting"
    key: str = Field(primary_key=True)
    value: str


class Region(Table, table=True):
    __tablename__ = "region"
    code: str = Field(primary_key=True)
    iso_code: Optional[str] = Field(default=None, unique=True)
    name: str
    valid_from: date
    valid_to: Optional[date] = None
    successor_code: Optional[str] = Field(default=None, foreign_key="region.code")
    rotation_order: int


class Organisation(Table, table=True):
    __tablename__ = "organisation"
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    short_name: Optional[str] = None
    kind: str


class EduRegion(Table, table=True):
    __tablename__ = "edu_region"
    code: str = Field(primary_key=True)
    name: str = Field(unique=True)
    secretariat_id: int = Field(foreign_key="organisation.id")


class EduRegionCover(Table, table=True):
    __tablename__ = "edu_region_cover"
    edu_region_code: str = Field(primary_key=True, foreign_key="edu_region.code")
    region_code: str = Field(primary_key=True, foreign_key="region.code")


class Body(Table, table=True):
    __tablename__ = "body"
    code: str = Field(primary_key=True)
    name: str


class Seat(Table, table=True):
    __tablename__ = "seat"
    id: Optional[int] = Field(default=None, primary_key=True)
    body_code: str = Field(foreign_key="body.code")
    kind: str
    region_code: Optional[str] = Field(default=None, foreign_key="region.code")
    edu_region_code: Optional[str] = Field(default=None, foreign_key="edu_region.code")
    organisation_id: Optional[int] = Field(default=None, foreign_key="organisation.id")
    label: str
    position: int = 0
    valid_from: date
    valid_to: Optional[date] = None


class Person(Table, table=True):
    __tablename__ = "person"
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str
    organisation_id: Optional[int] = Field(default=None, foreign_key="organisation.id")
    title: Optional[str] = None
    email: Optional[str] = None
    phone: Optional[str] = None
    notes: Optional[str] = None
    erased_at: Optional[datetime] = Field(default=None, sa_type=Stamp)
    created_at: Optional[datetime] = now_stamp()


class Membership(Table, table=True):
    __tablename__ = "membership"
    id: Optional[int] = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    seat_id: int = Field(foreign_key="seat.id")
    substitute_for_id: Optional[int] = Field(default=None, foreign_key="membership.id")
    role: str = "member"
    valid_from: date
    valid_to: Optional[date] = None
    appointment_ref: Optional[str] = None


class Meeting(Table, table=True):
    __tablename__ = "meeting"
    id: Optional[int] = Field(default=None, primary_key=True)
    body_code: str = Field(foreign_key="body.code")
    date: date
    start_time: Optional[str] = None
    duration_minutes: Optional[int] = None
    kind: str = "ordinary"
    status: str = "planned"
    host_region_code: Optional[str] = Field(default=None, foreign_key="region.code")
    proposed_region_code: Optional[str] = Field(default=None, foreign_key="region.code")
    override_reason: Optional[str] = None
    place: Optional[str] = None
    minutes_text: Optional[str] = None
    created_at: Optional[datetime] = now_stamp()
    sequence: int = 0


class Attendance(Table, table=True):
    __tablename__ = "attendance"
    meeting_id: int = Field(primary_key=True, foreign_key="meeting.id")
    person_id: int = Field(primary_key=True, foreign_key="person.id")
    status: str
    represented_by_id: Optional[int] = Field(default=None, foreign_key="person.id")


class AgendaItem(Table, table=True):
    __tablename__ = "agenda_item"
    id: Optional[int] = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id")
    position: int = 0
    title: str
    owner_id: Optional[int] = Field(default=None, foreign_key="person.id")
    notes: Optional[str] = None
    decision: Optional[str] = None
    referred: bool = False
    settled_by_id: Optional[int] = Field(default=None, foreign_key="agenda_item.id")


class HostAddress(Table, table=True):
    """Version 6: where a host region's meetings are held by default (a meeting's place wins)."""
    __tablename__ = "host_address"
    region_code: str = Field(primary_key=True, foreign_key="region.code")
    address: str


class AgendaPaper(Table, table=True):
    """Version 6: a paper (document) an agenda item refers to: a file path or a link."""
    __tablename__ = "agenda_paper"
    id: Optional[int] = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="agenda_item.id")
    title: str
    target: Optional[str] = None


class PaperSent(Table, table=True):
    """Version 6: the date a meeting's invitation, agenda or minutes was sent."""
    __tablename__ = "paper_sent"
    meeting_id: int = Field(primary_key=True, foreign_key="meeting.id")
    kind: str = Field(primary_key=True)
    sent_on: date


class TaskArea(Table, table=True):
    __tablename__ = "task_area"
    id: Optional[int] = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    scope: str
    position: int
    name: str
    short_name: str


class Task(Table, table=True):
    __tablename__ = "task"
    id: Optional[int] = Field(default=None, primary_key=True)
    area_id: int = Field(foreign_key="task_area.id")
    title: str
    description: Optional[str] = None
    owner_id: Optional[int] = Field(default=None, foreign_key="person.id")
    due_date: Optional[date] = None
    status: str = "todo"
    meeting_id: Optional[int] = Field(default=None, foreign_key="meeting.id")
    ticket_id: Optional[int] = Field(default=None, foreign_key="ticket.id")
    created_at: Optional[datetime] = now_stamp()


class TimeEntry(Table, table=True):
    __tablename__ = "time_entry"
    id: Optional[int] = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id")
    date: date
    minutes: int
    area_id: int = Field(foreign_key="task_area.id")
    task_id: Optional[int] = Field(default=None, foreign_key="task.id")
    ticket_id: Optional[int] = Field(default=None, foreign_key="ticket.id")
    is_support: bool = False
    note: Optional[str] = None
    created_at: Optional[datetime] = now_stamp()
    on_behalf_of_id: Optional[int] = Field(default=None, foreign_key="person.id")
    source: Optional[str] = None   # where an imported entry came from (version 4): timesheet:<uuid>, csv, ...
    covers: Optional[str] = None   # 'month': a month's figure from a member's timesheet (version 4)


class Budget(Table, table=True):
    __tablename__ = "budget"
    year: int = Field(primary_key=True)
    scope: str = Field(primary_key=True)
    hours: float


class Ticket(Table, table=True):
    __tablename__ = "ticket"
    id: Optional[int] = Field(default=None, primary_key=True)
    year: int
    seq: int
    title: str
    description: Optional[str] = None
    reporter_id: Optional[int] = Field(default=None, foreign_key="person.id")
    reporter_name: Optional[str] = None
    reporter_org: Optional[str] = None
    category: str
    priority: str = "normal"
    status: str = "new"
    assignee_id: Optional[int] = Field(default=None, foreign_key="person.id")
    opened_on: date
    closed_on: Optional[date] = None
    supplier_ref: Optional[str] = None
    sent_to_supplier: Optional[date] = None
    promised_on: Optional[date] = None


class TicketEvent(Table, table=True):
    __tablename__ = "ticket_event"
    id: Optional[int] = Field(default=None, primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id")
    at: Optional[datetime] = now_stamp()
    author_id: Optional[int] = Field(default=None, foreign_key="person.id")
    kind: str
    old_status: Optional[str] = None
    new_status: Optional[str] = None
    text: Optional[str] = None


# --- the project leader's registers (version 4) ------------------------------------------------

class Specialty(Table, table=True):
    __tablename__ = "specialty"
    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    valid_from: Optional[date] = None
    valid_to: Optional[date] = None


class Curriculum(Table, table=True):
    """A version of a specialty's målbeskrivelse."""

    __tablename__ = "curriculum"
    id: Optional[int] = Field(default=None, primary_key=True)
    specialty_id: int = Field(foreign_key="specialty.id")
    edition: str
    approved: date
    effective: Optional[date] = None
    loaded: Optional[date] = None
    link: Optional[str] = None
    note: Optional[str] = None


class CurriculumAppendix(Table, table=True):
    """An appendix (bilag) of a målbeskrivelse version."""

    __tablename__ = "curriculum_appendix"
    id: Optional[int] = Field(default=None, primary_key=True)
    curriculum_id: int = Field(foreign_key="curriculum.id")
    title: str
    version: Optional[str] = None
    loaded: Optional[date] = None


class CourseLeader(Table, table=True):
    __tablename__ = "course_leader"
    id: Optional[int] = Field(default=None, primary_key=True)
    specialty_id: int = Field(foreign_key="specialty.id")
    edu_region_code: str = Field(foreign_key="edu_region.code")
    role: str
    person_id: Optional[int] = Field(default=None, foreign_key="person.id")
    name: Optional[str] = None
    email: Optional[str] = None
    valid_from: date
    valid_to: Optional[date] = None
    entered: Optional[date] = None


class Document(Table, table=True):
    __tablename__ = "document"
    id: Optional[int] = Field(default=None, primary_key=True)
    title: str
    audience: str
    version: Optional[str] = None
    published: Optional[date] = None
    owner: Optional[str] = None
    review_on: Optional[date] = None
    link: Optional[str] = None
    note: Optional[str] = None


class DocumentReview(Table, table=True):
    __tablename__ = "document_review"
    id: Optional[int] = Field(default=None, primary_key=True)
    document_id: int = Field(foreign_key="document.id")
    reviewed_on: date
    note: Optional[str] = None


class Contract(Table, table=True):
    __tablename__ = "contract"
    id: Optional[int] = Field(default=None, primary_key=True)
    title: str
    party: str
    signed: Optional[date] = None
    valid_from: Optional[date] = None
    valid_to: Optional[date] = None
    notice_months: Optional[int] = None
    renewal_months: Optional[int] = None
    owner: Optional[str] = None
    reference: Optional[str] = None
    successor_id: Optional[int] = Field(default=None, foreign_key="contract.id")
    needs_successor: bool = True
    note: Optional[str] = None


class EconLine(Table, table=True):
    __tablename__ = "econ_line"
    id: Optional[int] = Field(default=None, primary_key=True)
    year: int
    kind: str
    name: str
    budget: int
    profile: Optional[str] = None
    note: Optional[str] = None


class Posting(Table, table=True):
    __tablename__ = "posting"
    id: Optional[int] = Field(default=None, primary_key=True)
    line_id: int = Field(foreign_key="econ_line.id")
    date: date
    amount: int
    supplier: Optional[str] = None
    reference: Optional[str] = None
    note: Optional[str] = None
    is_commitment: bool = False


class CostKey(Table, table=True):
    __tablename__ = "cost_key"
    year: int = Field(primary_key=True)
    region_code: str = Field(primary_key=True, foreign_key="region.code")
    share: str


class HourRate(Table, table=True):
    __tablename__ = "hour_rate"
    year: int = Field(primary_key=True)
    rate: int


# --- the development backlog with the supplier (version 8) -----------------------------------

class DevRelease(Table, table=True):
    """A release of logbog.net: its version, date and the release notes for the users."""

    __tablename__ = "dev_release"
    id: Optional[int] = Field(default=None, primary_key=True)
    version: str = Field(unique=True)
    released_on: date
    notes: Optional[str] = None


class DevItem(Table, table=True):
    """A development item, from an idea to a release (storage/development.py)."""

    __tablename__ = "dev_item"
    id: Optional[int] = Field(default=None, primary_key=True)
    title: str
    description: Optional[str] = None
    kind: str = "improvement"
    area_id: Optional[int] = Field(default=None, foreign_key="task_area.id")
    status: str = "idea"
    created_on: date
    origin_item_id: Optional[int] = Field(default=None, foreign_key="agenda_item.id")
    origin_person_id: Optional[int] = Field(default=None, foreign_key="person.id")
    priority: Optional[str] = None
    decision_item_id: Optional[int] = Field(default=None, foreign_key="agenda_item.id")
    supplier_ref: Optional[str] = None
    estimate_hours: Optional[float] = None
    estimate_kr: Optional[int] = None
    ordered_on: Optional[date] = None
    promised_on: Optional[date] = None
    release_id: Optional[int] = Field(default=None, foreign_key="dev_release.id")
    reason: Optional[str] = None


class DevItemTicket(Table, table=True):
    __tablename__ = "dev_item_ticket"
    item_id: int = Field(foreign_key="dev_item.id", primary_key=True)
    ticket_id: int = Field(foreign_key="ticket.id", primary_key=True)


class DevItemAsker(Table, table=True):
    """A region or an education region's secretariat that asked for an item."""

    __tablename__ = "dev_item_asker"
    id: Optional[int] = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="dev_item.id")
    region_code: Optional[str] = Field(default=None, foreign_key="region.code")
    edu_region_code: Optional[str] = Field(default=None, foreign_key="edu_region.code")


class DevItemEvent(Table, table=True):
    __tablename__ = "dev_item_event"
    id: Optional[int] = Field(default=None, primary_key=True)
    item_id: int = Field(foreign_key="dev_item.id")
    at: Optional[datetime] = now_stamp()
    author_id: Optional[int] = Field(default=None, foreign_key="person.id")
    kind: str
    old_status: Optional[str] = None
    new_status: Optional[str] = None
    text: Optional[str] = None

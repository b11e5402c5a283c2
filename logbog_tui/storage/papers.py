"""Meeting papers in the database (issue 23): the default address per host region, the papers an
agenda item refers to, the dates a meeting's invitation, agenda and minutes were sent, the
deadlines for sending them, and who receives them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, cast

from pydantic import field_validator
from sqlmodel import col, select

from logbog_tui.errors import UserError
from logbog_tui.service import Message
from logbog_tui.storage import memberships, names, queries
from logbog_tui.storage.db import Connection
from logbog_tui.storage.inputs import Input, free_text, required_text
from logbog_tui.storage.meetings import MeetingRow, get
from logbog_tui.storage.models import (AgendaItem, AgendaPaper, HostAddress, Meeting, PaperSent, Person, Region,
                                       Task)
from logbog_tui.storage.session import reading, transaction
from logbog_tui.service.record import Record

KINDS = ("invitation", "agenda", "minutes")
# days before the meeting (invitation, agenda) or after it (minutes): settings papers_<kind>_days
DEFAULT_DAYS = {"invitation": 28, "agenda": 7, "minutes": 14}
SOON_DAYS = 7  # a paper whose deadline is this close is shown as due


class PaperDraft(Input):
    """A paper an agenda item refers to: a title, and a file path or a link (optional)."""

    title: str
    target: str | None = None

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: Any) -> str:
        return required_text(value, 300, Message("papers.field.title"))

    @field_validator("target", mode="before")
    @classmethod
    def _target(cls, value: Any) -> str | None:
        return free_text(value, 1000)


class AddressDraft(Input):
    address: str

    @field_validator("address", mode="before")
    @classmethod
    def _address(cls, value: Any) -> str:
        return required_text(value, 500, Message("papers.field.address"))


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise UserError("papers.bad_kind", field="kind", kind=kind, kinds="|".join(KINDS))
    return kind


# --- addresses -------------------------------------------------------------------------------

def set_address(conn: Connection, region_code: str, address: str) -> None:
    d = AddressDraft.check({"address": address})
    with transaction(conn) as session:
        if session.get(Region, region_code) is None:
            raise UserError("papers.no_region", field="region", code=region_code)
        session.merge(HostAddress(region_code=region_code, address=d.address))


def addresses(conn: Connection) -> dict[str, str]:
    with reading(conn) as session:
        return {a.region_code: a.address for a in session.exec(select(HostAddress))}


def address_for(conn: Connection, m: MeetingRow) -> str | None:
    """The meeting's own place, else its host region's default address."""
    if m.place:
        return m.place
    if m.host_code is None:
        return None
    with reading(conn) as session:
        found = session.get(HostAddress, m.host_code)
    return found.address if found else None


# --- papers of agenda items ------------------------------------------------------------------

def add_paper(conn: Connection, item_id: int, title: str, target: str | None) -> int:
    d = PaperDraft.check({"title": title, "target": target})
    with transaction(conn) as session:
        if session.get(AgendaItem, item_id) is None:
            raise UserError("record.item_gone")
        paper = AgendaPaper(item_id=item_id, title=d.title, target=d.target)
        session.add(paper)
        session.flush()
        return cast(int, paper.id)


def remove_paper(conn: Connection, paper_id: int) -> None:
    with transaction(conn) as session:
        found = session.get(AgendaPaper, paper_id)
        if found is None:
            raise UserError("papers.paper_gone")
        session.delete(found)


def papers_of_item(conn: Connection, item_id: int) -> list[AgendaPaper]:
    with reading(conn) as session:
        return list(session.exec(select(AgendaPaper).where(AgendaPaper.item_id == item_id)
                                 .order_by(col(AgendaPaper.id))))


def papers_of(conn: Connection, meeting_id: int) -> dict[int, list[AgendaPaper]]:
    """The papers of the meeting's agenda items, by item id (one query)."""
    query = (select(AgendaPaper).join(AgendaItem, col(AgendaItem.id) == AgendaPaper.item_id)
             .where(AgendaItem.meeting_id == meeting_id).order_by(col(AgendaPaper.id)))
    out: dict[int, list[AgendaPaper]] = {}
    with reading(conn) as session:
        for p in session.exec(query):
            out.setdefault(p.item_id, []).append(p)
    return out


# --- sending and deadlines -------------------------------------------------------------------

def mark_sent(conn: Connection, meeting_id: int, kind: str, on: date) -> None:
    check_kind(kind)
    get(conn, meeting_id)
    with transaction(conn) as session:
        session.merge(PaperSent(meeting_id=meeting_id, kind=kind, sent_on=on))


def sent(conn: Connection, meeting_id: int) -> dict[str, date]:
    with reading(conn) as session:
        return {s.kind: s.sent_on for s in session.exec(select(PaperSent).where(PaperSent.meeting_id == meeting_id))}


def days(conn: Connection) -> dict[str, int]:
    """The deadline settings (days before the meeting; for the minutes, after it)."""
    out = {}
    for kind, default in DEFAULT_DAYS.items():
        raw = queries.setting(conn, f"papers_{kind}_days", str(default)) or str(default)
        out[kind] = int(raw) if raw.isdigit() else default
    return out


def deadline(kind: str, day: date, settings: dict[str, int]) -> date:
    offset = timedelta(days=settings[kind])
    return day + offset if kind == "minutes" else day - offset


class Due(Record):
    meeting_id: int
    body: str
    day: date
    kind: str
    deadline: date
    late: bool


def due(conn: Connection, today: date) -> list[Due]:
    """Papers not yet sent whose deadline is past (late) or within :data:`SOON_DAYS` (due), for
    meetings that are not cancelled; minutes only once the meeting has taken place."""
    settings = days(conn)
    horizon = today + timedelta(days=max(settings["invitation"], settings["agenda"]) + SOON_DAYS)
    since = today - timedelta(days=settings["minutes"] + 90)
    columns: tuple[Any, ...] = (Meeting.id, Meeting.body_code, Meeting.date)
    query = select(*columns).where(
        Meeting.status != "cancelled", col(Meeting.date) <= horizon, col(Meeting.date) >= since)
    with reading(conn) as session:
        meetings = session.exec(query).all()
        done = {(s.meeting_id, s.kind) for s in session.exec(
            select(PaperSent).where(col(PaperSent.meeting_id).in_([m[0] for m in meetings])))}
    out = []
    for mid, body, day in meetings:
        for kind in KINDS:
            if (mid, kind) in done or (kind == "minutes" and day > today) or (kind != "minutes" and day < today):
                continue
            when = deadline(kind, day, settings)
            if when <= today + timedelta(days=SOON_DAYS):
                out.append(Due(mid, body, day, kind, when, when < today))
    return sorted(out, key=lambda d: (d.deadline, d.meeting_id))


# --- actions, next meeting, recipients -------------------------------------------------------

class Action(Record):
    title: str
    owner: str | None
    due: date | None
    status: str


def actions(conn: Connection, meeting_id: int) -> list[Action]:
    """The tasks made from the meeting's items (actions), with owner and due date."""
    columns: tuple[Any, ...] = (Task.title, col(Person.name).label("owner"), Task.due_date, Task.status)
    query = (select(*columns)
             .outerjoin(Person, col(Person.id) == Task.owner_id)
             .where(Task.meeting_id == meeting_id).order_by(col(Task.id)))
    with reading(conn) as session:
        return [Action(r.title, r.owner, r.due_date, r.status) for r in session.exec(query)]


class NextMeeting(Record):
    day: date
    time: str | None
    host: str | None
    proposed: bool  # the host is the rotation's proposal, not yet a planned meeting


def next_meeting(conn: Connection, m: MeetingRow) -> NextMeeting | None:
    """The body's next meeting after ``m`` that is not cancelled, with its host; for the follow-up
    group without a planned one, the rotation's proposal for half a year on."""
    from logbog_tui.storage.meetings import proposal

    query = (select(Meeting.id).where(Meeting.body_code == m.body, Meeting.status != "cancelled",
                                      col(Meeting.date) > m.day).order_by(col(Meeting.date)).limit(1))
    with reading(conn) as session:
        found = session.exec(query).first()
    if found is not None:
        n = get(conn, found)
        return NextMeeting(n.day, n.time, n.host_name, False)
    if m.body != "folgegruppe":
        return None
    prop = proposal(conn, m.day + timedelta(days=182))
    return NextMeeting(m.day + timedelta(days=182), None, prop.region.name, True) if prop else None


class Recipient(Record):
    person_id: int
    name: str
    email: str | None
    role: str  # "member" or "substitute"
    seat: str


def recipients(conn: Connection, m: MeetingRow) -> list[Recipient]:
    """The body's seat holders and their substitutes on the meeting's date (each person once)."""
    lines = memberships.composition(conn, m.body, m.day)
    people: list[tuple[int, str, str, str]] = []
    seen: set[int] = set()
    for line in lines:
        for who, role in ([(line.holder, "member")] if line.holder else []) + [(s, "substitute")
                                                                              for s in line.substitutes]:
            if who.person_id not in seen:
                seen.add(who.person_id)
                people.append((who.person_id, who.person, role, line.seat.label))
    with reading(conn) as session:
        mails = dict(session.exec(select(Person.id, Person.email)
                                  .where(col(Person.id).in_([p[0] for p in people]))).all())
    return [Recipient(pid, name, mails.get(pid), role, seat) for pid, name, role, seat in people]


class Organizer(Record):
    name: str
    email: str | None


def organizer(conn: Connection, day: date) -> Organizer | None:
    """The project leader on ``day`` (secretary to both bodies, PL6)."""
    leader = names.project_leader(conn, day)
    if leader is None:
        return None
    with reading(conn) as session:
        person = session.get(Person, leader.id)
    return Organizer(leader.label, person.email if person else None)


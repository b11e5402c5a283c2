"""Support tickets: numbered per year without gaps, a status life cycle with every change as an
event, forwarding to the supplier (Dansk Telemedicin) with its case reference and promised date."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, time, timezone
from typing import Any, Unpack, cast

from pydantic import ValidationInfo, field_validator
from sqlalchemy import ColumnElement, Row, Select, String, case, func, or_
from sqlalchemy import select as sql_select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlmodel import Session, col, select

from logbog_tui import clock
from logbog_tui.storage.db import Connection, fold
from logbog_tui.storage.inputs import Input, free_text, refuse, refuse_as, required_text, typed_date
from logbog_tui.storage.models import Person, Task, TaskArea, Ticket, TicketEvent, TimeEntry
from logbog_tui.storage.session import reading, transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.service import Message
from logbog_tui.textfields import clean
from logbog_tui.service.record import Record

CATEGORIES = ("fejl", "spoergsmaal", "oenske", "feedback", "dataaendring")
PRIORITIES = ("lav", "normal", "hoej", "kritisk")
STATUSES = ("new", "open", "with_supplier", "resolved", "closed")
TRANSITIONS = {
    "new": ("open", "with_supplier", "resolved", "closed"),
    "open": ("with_supplier", "resolved", "closed"),
    "with_supplier": ("resolved", "open"),
    "resolved": ("closed", "open"),
    "closed": ("open",),
}
TASKABLE = ("feedback", "oenske")


def number(year: int, seq: int) -> str:
    """A ticket's number as shown: ``2026-0007`` (the year, then the sequence in four digits)."""
    return f"{year}-{seq:04d}"


class ticket_number(FunctionElement[str]):  # lower case: used like a SQL function
    """The same number in SQL (searching by number): ``ticket_number(Ticket.year, Ticket.seq)``."""

    type = String()
    name = "ticket_number"
    inherit_cache = True


@compiles(ticket_number, "sqlite")
def _number_sqlite(element: ticket_number, compiler: SQLCompiler, **kw: Any) -> str:
    year, seq = element.clauses
    return compiler.process(func.printf("%d-%04d", year, seq), **kw)


@compiles(ticket_number)
def _number_server(element: ticket_number, compiler: SQLCompiler, **kw: Any) -> str:
    """A server database has no printf: ``year || '-' || lpad(seq, 4, '0')`` (PostgreSQL, MySQL)."""
    year, seq = element.clauses
    return compiler.process(func.concat(year, "-", func.lpad(func.cast(seq, String), 4, "0")), **kw)


def choose(text: str, options: tuple[str, ...], what: str) -> str:
    """A category or priority by code or by its name in either language (case and æøå folded)."""
    query = fold(text.strip())
    for code in options:
        names = {fold(code), *(fold(n) for n in _names(f"{what}.{code}"))}
        if query in names:
            return code
    raise UserError(f"ticket.bad_{what}", text=text.strip(),
                    options=", ".join(t(f"{what}.{c}") for c in options))


def resolve_reporter(conn: Connection, text: str | None) -> tuple[int | None, str | None]:
    """A person in the register when the name matches one; an outside reporter when it matches none
    (an ambiguous name is an error that lists the candidates)."""
    if not text or not text.strip():
        return None, None
    from logbog_tui.storage import names

    try:
        return names.resolve_person(conn, text).id, None
    except names.NotFound:  # an outside reporter
        return None, unicodedata.normalize("NFC", text).strip()


def _names(key: str) -> tuple[str, ...]:
    from logbog_tui.i18n import entry

    return entry(key) or ()


def _now() -> datetime:
    return _utc(clock.now())


def _utc(moment: datetime) -> datetime:
    """``moment`` as the database keeps times: UTC, without zone, to the second."""
    return moment.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0)


def _at(day: date) -> datetime:
    """The stored time (UTC) of an event the user dates ``day``: now when it is today, else noon
    Danish time that day (the timeline and the report then show the day the user gave)."""
    if day == clock.today():
        return _now()
    return _utc(datetime.combine(day, time(12, 0), clock.local_zone()))


def local_day(at: str | datetime) -> date:
    """The Danish calendar day of a stored event time (UTC)."""
    moment = datetime.fromisoformat(at) if isinstance(at, str) else at
    return moment.replace(tzinfo=timezone.utc).astimezone(clock.local_zone()).date()


def _check_day(day: date, today: date, opened: date, after: date | None = None) -> None:
    if day > today:
        raise UserError("ticket.date_in_future", date=day.strftime("%d.%m.%Y"))
    if day < opened:
        raise UserError("ticket.before_opened", date=day.strftime("%d.%m.%Y"), opened=opened.strftime("%d.%m.%Y"))
    if after is not None and day < after:
        raise UserError("ticket.before_sent", date=day.strftime("%d.%m.%Y"), sent=after.strftime("%d.%m.%Y"))


class TicketDraft(Input):
    """A new ticket as the form or ``logbog ticket add`` hands it in: a title, a category and a
    priority (by code, or by name in either language), free text within its length."""

    title: str
    category: str = "spoergsmaal"
    priority: str = "normal"
    description: str | None = None
    reporter_id: int | None = None
    reporter_name: str | None = None
    reporter_org: str | None = None
    assignee_id: int | None = None

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: Any) -> str:
        return required_text(value, 300, Message("ticket.field.title"))

    @field_validator("category", "priority", mode="before")
    @classmethod
    def _choice(cls, value: Any, info: ValidationInfo) -> str:
        options, what = (CATEGORIES, "category") if info.field_name == "category" else (PRIORITIES, "priority")
        try:
            return choose(value or options[0 if what == "category" else 1], options, what)
        except UserError as exc:
            refuse_as(exc)

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, value: Any) -> str | None:
        return free_text(value, 10_000, long_text=True)

    @field_validator("reporter_name", "reporter_org", mode="before")
    @classmethod
    def _reporter(cls, value: Any) -> str | None:
        return free_text(value, 200)


class Forwarding(Input):
    """Sending a ticket to the supplier, as the form hands it in: Dansk Telemedicin's case
    reference, the date sent (blank: today), the promised answer date (none, or not before the
    date sent). Dates as typed are read with ``today``."""

    ref: str
    sent: date | None = None
    promised: date | None = None

    @field_validator("ref", mode="before")
    @classmethod
    def _ref(cls, value: Any) -> str:
        ref = free_text(value, 100)
        if not ref:
            refuse("ticket.ref_required")
        return ref

    @field_validator("sent", "promised", mode="before")
    @classmethod
    def _dates(cls, value: Any, info: ValidationInfo) -> date | None:
        day, sent = typed_date(value, info), info.data.get("sent")
        if info.field_name == "promised" and day is not None and day < (sent or (info.context or {})["today"]):
            refuse("ticket.promise_before_sent")
        return day


class StatusChange(Input):
    """A status change as the form hands it in: the new status (one of ``options``: the
    transitions open from the ticket's status), the day (blank: today), a comment."""

    status: str
    on: date | None = None
    comment: str | None = None

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: Any, info: ValidationInfo) -> str:
        if not value:
            refuse("ticket.bad_status", text="–", options=", ".join(t(f"ticket.status.{s}")
                                                                   for s in (info.context or {})["options"]))
        return cast(str, value)

    @field_validator("on", mode="before")
    @classmethod
    def _on(cls, value: Any, info: ValidationInfo) -> date | None:
        return typed_date(value, info)

    @field_validator("comment", mode="before")
    @classmethod
    def _comment(cls, value: Any) -> str | None:
        return free_text(value, 10_000, long_text=True)


def create(conn: Connection, d: TicketDraft, today: date, author_id: int | None = None) -> tuple[int, str]:
    """Insert a ticket with the next number of the year. The write lock is taken first
    (BEGIN IMMEDIATE), so two processes never get the same number and none is skipped."""
    with transaction(conn) as session:
        seq = session.exec(select(func.coalesce(func.max(Ticket.seq), 0) + 1).where(Ticket.year == today.year)).one()
        ticket = Ticket(year=today.year, seq=seq, title=d.title, description=d.description, reporter_id=d.reporter_id,
                        reporter_name=d.reporter_name, reporter_org=d.reporter_org, category=d.category,
                        priority=d.priority, status="new", assignee_id=d.assignee_id or author_id, opened_on=today)
        session.add(ticket)
        session.flush()
        ticket_id = cast(int, ticket.id)
        session.add(TicketEvent(ticket_id=ticket_id, at=_at(today), author_id=author_id, kind="created",
                                new_status="new"))
    return ticket_id, number(today.year, seq)


def _ticket(session: Session, ticket_id: int) -> Ticket:
    ticket = session.get(Ticket, ticket_id)
    if ticket is None:
        raise UserError("ticket.gone")
    return ticket


def change_status(conn: Connection, ticket_id: int, new: str, today: date, author_id: int | None = None,
                  comment: str | None = None, on: date | None = None) -> None:
    """Change the status on ``on`` (the day the user gives; default today): not before the ticket
    was opened, not before it was sent when it comes back from the supplier, not after today."""
    on = on or today
    note = StatusChange.check({"status": new, "comment": comment}, options=STATUSES).comment
    with transaction(conn) as session:
        ticket = _ticket(session, ticket_id)
        old = ticket.status
        if new not in TRANSITIONS[old]:
            raise UserError("ticket.bad_transition", old=t(f"ticket.status.{old}"), new=t(f"ticket.status.{new}"))
        _check_day(on, today, ticket.opened_on, ticket.sent_to_supplier if old == "with_supplier" else None)
        ticket.status, ticket.closed_on = new, on if new == "closed" else None
        session.add(TicketEvent(ticket_id=ticket_id, at=_at(on), author_id=author_id, kind="status", old_status=old,
                                new_status=new, text=note))


def forward(conn: Connection, ticket_id: int, supplier_ref: str, sent_on: date, promised_on: date | None,
            author_id: int | None = None, today: date | None = None) -> None:
    """Send to Dansk Telemedicin: their case reference, date sent (not before the ticket was
    opened, not after today), promised answer date."""
    today = today or clock.today()
    ref = Forwarding.check({"ref": supplier_ref, "sent": sent_on, "promised": promised_on}, today=today).ref
    with transaction(conn) as session:
        ticket = _ticket(session, ticket_id)
        old = ticket.status
        if "with_supplier" not in TRANSITIONS[old] and old != "with_supplier":
            raise UserError("ticket.bad_transition", old=t(f"ticket.status.{old}"),
                            new=t("ticket.status.with_supplier"))
        _check_day(sent_on, today, ticket.opened_on)
        ticket.sqlmodel_update({"status": "with_supplier", "supplier_ref": ref, "sent_to_supplier": sent_on,
                                "promised_on": promised_on, "closed_on": None})
        session.add(TicketEvent(ticket_id=ticket_id, at=_at(sent_on), author_id=author_id, kind="forwarded",
                                old_status=old, new_status="with_supplier", text=t("ticket.forward_text", ref=ref)))


def comment(conn: Connection, ticket_id: int, text: str, author_id: int | None = None) -> None:
    try:
        body = clean(text, 10_000, long_text=True)
    except UserError as exc:
        raise exc.under("comment") from None
    if not body:
        raise UserError("ticket.comment_required", field="comment")
    with transaction(conn) as session:
        _ticket(session, ticket_id)
        session.add(TicketEvent(ticket_id=ticket_id, at=_now(), author_id=author_id, kind="comment", text=body))


class TicketRow(Record):
    id: int
    number: str
    title: str
    description: str | None
    category: str
    priority: str
    status: str
    reporter: str
    opened: date
    closed: date | None
    supplier_ref: str | None
    sent: date | None
    promised: date | None
    assignee: str | None
    minutes: int

    def days_with_supplier(self, today: date) -> int | None:
        return (today - self.sent).days if self.status == "with_supplier" and self.sent else None

    def promise_passed(self, today: date) -> bool:
        return self.status == "with_supplier" and self.promised is not None and self.promised < today


_REPORTER, _ASSIGNEE = aliased(Person), aliased(Person)


def _select() -> Select[Unpack[tuple[Any, ...]]]:
    """The columns of :class:`TicketRow` (the year and sequence make the number; more columns than
    sqlmodel's select() has typed overloads for)."""
    reporter = func.coalesce(col(_REPORTER.name),
                             col(Ticket.reporter_name) + func.coalesce(" (" + col(Ticket.reporter_org) + ")", ""), "")
    minutes = (select(func.coalesce(func.sum(col(TimeEntry.minutes)), 0))
               .where(col(TimeEntry.ticket_id) == col(Ticket.id)).correlate(Ticket).scalar_subquery())
    return (sql_select(col(Ticket.id), col(Ticket.year), col(Ticket.seq), col(Ticket.title), col(Ticket.description),
                       col(Ticket.category), col(Ticket.priority), col(Ticket.status), reporter, col(Ticket.opened_on),
                       col(Ticket.closed_on), col(Ticket.supplier_ref), col(Ticket.sent_to_supplier),
                       col(Ticket.promised_on), col(_ASSIGNEE.name), minutes)
            .outerjoin(_REPORTER, col(_REPORTER.id) == col(Ticket.reporter_id))
            .outerjoin(_ASSIGNEE, col(_ASSIGNEE.id) == col(Ticket.assignee_id)))


def _row(r: Row[Unpack[tuple[Any, ...]]]) -> TicketRow:
    return TicketRow(r[0], number(r[1], r[2]), *r[3:])


def get(conn: Connection, ticket_id: int) -> TicketRow:
    with reading(conn) as session:
        row = session.execute(_select().where(col(Ticket.id) == ticket_id)).first()
    if row is None:
        raise UserError("ticket.gone")
    return _row(row)


def list_tickets(conn: Connection, status: str | None = None, text: str = "", sort: str = "age",
                 include_closed: bool = True, limit: int = 500) -> list[TicketRow]:
    query = _select()
    if status:
        query = query.where(col(Ticket.status) == status)
    elif not include_closed:
        query = query.where(col(Ticket.status).not_in(("resolved", "closed")))
    if text.strip():
        needle = fold(text.strip()) or ""
        cats = [c for c in CATEGORIES if needle in (fold(t(f"category.{c}")) or "")]
        stats = [x for x in STATUSES if needle in (fold(t(f"ticket.status.{x}")) or "")]
        words: ColumnElement[str] = ticket_number(col(Ticket.year), col(Ticket.seq))
        for column in (Ticket.title, _REPORTER.name, Ticket.reporter_name, Ticket.reporter_org, Ticket.supplier_ref):
            words = words + " " + func.coalesce(col(column), "")
        query = query.where(or_(func.fold(words, type_=String).contains(needle, autoescape=True),
                                col(Ticket.category).in_(cats), col(Ticket.status).in_(stats)))
    if sort == "priority":
        priority = col(Ticket.priority)
        rank = case((priority == "kritisk", 0), (priority == "hoej", 1), (priority == "normal", 2), else_=3)
        query = query.order_by(rank, col(Ticket.opened_on))
    else:
        query = query.order_by(col(Ticket.opened_on), col(Ticket.id))
    with reading(conn) as session:
        return [_row(r) for r in session.execute(query.limit(limit))]


class Event(Record):
    at: str  # UTC as stored, "2026-11-28 07:18:00" (i18n.fmt_moment shows it in Danish time)
    author: str | None
    kind: str
    old_status: str | None
    new_status: str | None
    text: str | None


def timeline(conn: Connection, ticket_id: int) -> list[Event]:
    # more columns than sqlmodel's select() has typed overloads for
    query = (sql_select(col(TicketEvent.at), col(Person.name), col(TicketEvent.kind), col(TicketEvent.old_status),
                        col(TicketEvent.new_status), col(TicketEvent.text))
             .outerjoin(Person, col(Person.id) == col(TicketEvent.author_id))
             .where(col(TicketEvent.ticket_id) == ticket_id).order_by(col(TicketEvent.at), col(TicketEvent.id)))
    with reading(conn) as session:
        return [Event(r[0].strftime("%Y-%m-%d %H:%M:%S"), *r[1:]) for r in session.execute(query)]


def task_of(conn: Connection, ticket_id: int) -> tuple[int, str] | None:
    """The task (id, title) already made from the ticket, if any."""
    with reading(conn) as session:
        row = session.exec(select(Task.id, Task.title).where(Task.ticket_id == ticket_id).order_by(col(Task.id))
                           .limit(1)).first()
    return (cast(int, row[0]), row[1]) if row else None


def to_task(conn: Connection, ticket_id: int) -> int:
    """A feedback or ønske ticket becomes a development task (FG2) linked to it; once."""
    with transaction(conn) as session:
        if (existing := task_of(conn, ticket_id)) is not None:
            raise UserError("ticket.task_exists", id=existing[0], title=existing[1])
        ticket = _ticket(session, ticket_id)
        if ticket.category not in TASKABLE:
            raise UserError("ticket.not_taskable")
        area = cast(int, session.exec(select(TaskArea.id).where(TaskArea.code == "FG2")).one())
        task = Task(area_id=area, title=f"{ticket.title} ({number(ticket.year, ticket.seq)})",
                    description=ticket.description, ticket_id=ticket_id)
        session.add(task)
        session.flush()
        task_id = cast(int, task.id)
        session.add(TicketEvent(ticket_id=ticket_id, at=_now(), kind="comment", text=t("ticket.task_made", id=task_id)))
    return task_id


def supplier_summary(conn: Connection, today: date) -> tuple[int, list[TicketRow]]:
    """Open tickets, and those with the supplier longest first (the dashboard)."""
    with reading(conn) as session:
        open_count = session.exec(select(func.count()).select_from(Ticket)
                                  .where(col(Ticket.status).not_in(("resolved", "closed")))).one()
    with_supplier = sorted(list_tickets(conn, "with_supplier"), key=lambda r: r.sent or today)
    return open_count, with_supplier

"""Logging hours: the input models (what the log dialog ``l`` and ``logbog log`` hand in, and the
entry they make), and the write, in one short transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from pydantic import ValidationInfo, field_validator, model_validator
from sqlalchemy import delete as sql_delete
from sqlalchemy import func
from sqlmodel import Field, col, select

from logbog_tui.storage import names, queries
from logbog_tui.storage.db import Connection
from logbog_tui.storage.inputs import Input, refuse, refuse_as
from logbog_tui.storage.models import Task, TaskArea, TimeEntry
from logbog_tui.storage.session import reading, transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_minutes, t
from logbog_tui.service import Message, Problem
from logbog_tui.service.entry_rules import entry_warnings
from logbog_tui.service.import_formats import MAX_MONTH_HOURS, MAX_MONTH_MINUTES, MONTH
from logbog_tui.service.parse import MAX_MINUTES_PER_DAY, parse_date, parse_hours
from logbog_tui.service.text import has_control, normalise

MAX_NOTE = 2000
SUPPORT_AREA = "PL9"  # project leadership on a ticket: support for the representatives


class PrincipalError(UserError):
    """On whose behalf the hours were done is missing or wrong (shown at the dialog's field)."""

    field = "for"


def _minutes(value: int, covers: str | None = None) -> int:
    """Minutes of an entry: more than none; at most 24 hours, or for a month's figure (``covers``
    ``'month'``, from a member's timesheet) at most :data:`MAX_MONTH_MINUTES`."""
    if value <= 0:
        refuse("parse.hours.not_positive")
    if covers == MONTH:
        if value > MAX_MONTH_MINUTES:
            refuse("import.month_too_many", hours=MAX_MONTH_HOURS)
    elif value > MAX_MINUTES_PER_DAY:
        refuse("parse.hours.too_many")
    return value


def _note(value: str | None) -> str | None:
    """The note as stored: NFC, trimmed, None for blank; within its length, no control characters."""
    note = normalise(value) or None
    if note and len(note) > MAX_NOTE:
        refuse("log.note_too_long", max=MAX_NOTE)
    if note and has_control(note, long_text=True):
        refuse("log.note_control")
    return note


class Draft(Input):
    """One time entry as it is to be saved. Hours on a ticket are support (domain.md)."""

    person_id: int
    day: date
    covers: str | None = None  # MONTH: a month's figure (before minutes: its limit depends on it)
    minutes: int
    area_id: int | None = None
    task_id: int | None = None
    ticket_id: int | None = None
    is_support: bool = False
    note: str | None = None
    on_behalf_of: int | None = None   # the member a substitute worked for; None: their own hours
    source: str | None = None         # where an imported entry came from (storage/imports.py)

    @field_validator("covers")
    @classmethod
    def _check_covers(cls, value: str | None) -> str | None:
        if value not in (None, MONTH):
            refuse("import.bad_covers")
        return value

    @field_validator("minutes")
    @classmethod
    def _check_minutes(cls, value: int, info: ValidationInfo) -> int:
        return _minutes(value, info.data.get("covers"))

    @field_validator("note", mode="before")
    @classmethod
    def _check_note(cls, value: Any) -> str | None:
        return _note(value)

    @model_validator(mode="after")
    def _ticket_is_support(self) -> Draft:
        if self.ticket_id is not None:
            self.is_support = True
        return self


def _context(info: ValidationInfo) -> tuple[Connection, date]:
    context = info.context or {}
    return context["conn"], context["today"]


class LogInput(Input):
    """What the log dialog (``l``) and ``logbog log`` hand in, as typed, under the dialog's field
    names: hours (``1,5``, ``1:30``, ``90m``), date, person, ``for`` (on whose behalf), the area or
    task (the dialog's one ``target`` field; the command's ``task`` or ``area``; neither: the
    person's last used), note and support. Checked with ``conn`` and ``today``; ``leader``: the
    person when none is given (the command). :meth:`draft` is the entry to save."""

    covers: str | None = None  # editing a month's figure (before minutes: its limit depends on it)
    minutes: int = Field(alias="hours")
    day: date = Field(alias="date")
    person: int
    on_behalf_of: int | None = Field(default=None, alias="for")
    task: int | None = None
    area: int | None = None
    target: tuple[int | None, int | None] | None = None
    note: str | None = None
    is_support: bool = Field(default=False, alias="support")

    @field_validator("minutes", mode="before")
    @classmethod
    def _hours(cls, value: Any, info: ValidationInfo) -> int:
        covers = info.data.get("covers")  # a month's figure: its own limit, not a day's 24 hours
        most = MAX_MONTH_MINUTES if covers == MONTH else MAX_MINUTES_PER_DAY
        try:
            return _minutes(parse_hours(value, most) if isinstance(value, str) else value, covers)
        except Problem as p:
            refuse_as(p)

    @field_validator("day", mode="before")
    @classmethod
    def _day(cls, value: Any, info: ValidationInfo) -> date:
        conn, today = _context(info)
        if value is None:
            return today
        try:
            return parse_date(value, today, queries.date_range(conn, today)) if isinstance(value, str) else value
        except Problem as p:
            refuse_as(p)

    @field_validator("person", mode="before")
    @classmethod
    def _person(cls, value: Any, info: ValidationInfo) -> int:
        conn, _today = _context(info)
        if value is None:
            leader = (info.context or {}).get("leader")
            if leader is None:
                refuse("log.no_project_leader")
            return cast(int, leader)
        try:
            return names.resolve_person(conn, value).id if isinstance(value, str) else value
        except UserError as exc:
            refuse_as(exc)

    @field_validator("on_behalf_of", mode="before")
    @classmethod
    def _for(cls, value: Any, info: ValidationInfo) -> int | None:
        person, day = info.data.get("person"), info.data.get("day")
        if not isinstance(value, str) or person is None or day is None:
            return value if isinstance(value, int) else None
        try:
            return resolve_principal((info.context or {})["conn"], person, day, value)
        except UserError as exc:
            refuse_as(exc)

    @field_validator("task", "area", "target", mode="before")
    @classmethod
    def _target(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str):
            return value
        conn = (info.context or {})["conn"]
        try:
            if info.field_name == "task":
                return names.resolve_task(conn, value).id
            if info.field_name == "area":
                return names.resolve_area(conn, value).id
            return names.resolve_target(conn, value)
        except UserError as exc:
            refuse_as(exc)

    @field_validator("note", mode="before")
    @classmethod
    def _check_note(cls, value: Any) -> str | None:
        return _note(value)

    @model_validator(mode="after")
    def _last_used(self, info: ValidationInfo) -> LogInput:
        """Neither area nor task: the person's last used (the command)."""
        if self.target is None and self.task is None and self.area is None:
            self.target = last_used((info.context or {})["conn"], self.person)
            if self.target[0] is None:
                refuse("log.no_area")
        return self

    def draft(self, ticket_id: int | None = None) -> Draft:
        area_id, task_id = self.target or (self.area, self.task)
        return Draft.check({"person_id": self.person, "day": self.day, "minutes": self.minutes, "area_id": area_id,
                            "task_id": task_id, "ticket_id": ticket_id, "is_support": self.is_support,
                            "note": self.note, "on_behalf_of": self.on_behalf_of, "covers": self.covers})


@dataclass(frozen=True)
class Saved:
    id: int
    person_id: int
    day: date
    minutes: int
    area_id: int
    area_code: str
    area_scope: str
    task_id: int | None
    is_support: bool
    on_behalf_of: int | None = None
    warnings: tuple[Message, ...] = ()


def last_used(conn: Connection, person_id: int) -> tuple[int | None, int | None]:
    """(area id, task id) of the person's most recently created entry."""
    with reading(conn) as session:
        row = session.exec(select(TimeEntry.area_id, TimeEntry.task_id).where(TimeEntry.person_id == person_id)
                           .order_by(col(TimeEntry.id).desc()).limit(1)).first()
    return (row[0], row[1]) if row else (None, None)


def support_area(conn: Connection) -> int:
    """The id of PL9, where project leadership on a ticket goes."""
    with reading(conn) as session:
        return cast(int, session.exec(select(TaskArea.id).where(TaskArea.code == SUPPORT_AREA)).one())


def area_of(conn: Connection, area_id: int | None, task_id: int | None) -> TaskArea:
    """The task area an entry on ``area_id`` or task ``task_id`` counts toward."""
    with reading(conn) as session:
        if task_id is not None:
            area_id = session.exec(select(Task.area_id).where(Task.id == task_id)).first()
            if area_id is None:
                raise UserError("resolve.none", field="target", what=t("what.no.task"), text=task_id)
        if area_id is None:
            raise UserError("log.no_area", field="target")
        area = session.get(TaskArea, area_id)
        if area is None:
            raise UserError("resolve.none", field="target", what=t("what.no.area"), text=area_id)
        return area


def _day_total(conn: Connection, draft: Draft, but: int | None = None) -> int:
    """Minutes the person has on the draft's day already (``but``: without that entry). The
    24-hours-per-day rule is for days: a month's figure (from a timesheet) is outside it, neither
    checked nor counted in a day's total."""
    if draft.covers == MONTH:
        return 0
    query = (select(func.coalesce(func.sum(TimeEntry.minutes), 0))
             .where(TimeEntry.person_id == draft.person_id, TimeEntry.date == draft.day,
                    col(TimeEntry.covers).is_(None)))
    if but is not None:
        query = query.where(TimeEntry.id != but)
    with reading(conn) as session:
        total = session.exec(query).one()
    if total + draft.minutes > MAX_MINUTES_PER_DAY:
        raise UserError("log.day_full", field="hours", date=fmt_date(draft.day), logged=fmt_minutes(total))
    return total


def save(conn: Connection, draft: Draft, today: date) -> Saved:
    """Check ``draft`` against the database and insert it; raises :class:`UserError` and writes
    nothing on bad input.

    Hours on a ticket are support (domain.md): they never count toward a member's 74 hours, and
    project leadership hours on a ticket go to PL9 (support for the representatives).
    """
    if draft.ticket_id is not None and not draft.is_support:
        draft = draft.model_copy(update={"is_support": True})
    _in_range(conn, draft, today)
    area = area_of(conn, draft.area_id, draft.task_id)  # read before the write lock is taken: it is held briefly
    if draft.ticket_id is not None and area.scope == "projektledelse":
        area = area_of(conn, support_area(conn), None)
    area_id = cast(int, area.id)
    with transaction(conn) as session:
        on_behalf = principal(conn, draft, area.scope)
        day_total = _day_total(conn, draft)
        entry = TimeEntry(person_id=draft.person_id, date=draft.day, minutes=draft.minutes, area_id=area_id,
                          task_id=draft.task_id, ticket_id=draft.ticket_id, is_support=draft.is_support,
                          note=draft.note, on_behalf_of_id=on_behalf, source=draft.source, covers=draft.covers)
        session.add(entry)
        session.flush()
    found = warnings(conn, draft.day, draft.minutes, day_total)
    if (area.scope == "folgegruppe" and on_behalf is None and not draft.is_support
            and not queries.held_seat_on(conn, draft.person_id, draft.day)
            and queries.is_member(conn, draft.person_id, draft.day.year)):
        # a member's own hours on a day outside their seat: they count toward the year's budget,
        # which is pro-rated by the days in the seat (domain.md), so say so
        found += (Message("log.warn.no_seat", {"person": _name(conn, draft.person_id), "date": draft.day}),)
    return Saved(cast(int, entry.id), draft.person_id, draft.day, draft.minutes, area_id, area.code, area.scope,
                 draft.task_id, draft.is_support, on_behalf, found)


def principal(conn: Connection, draft: Draft, scope: str) -> int | None:
    """The member a follow-up group entry is done for (``None``: the person's own hours).

    A member's blank means their own hours. A person who is not a member and substitutes for
    exactly one member on that date: that member. For several, the user must say which
    (:class:`PrincipalError` lists them). A stated principal must be a member the person
    substitutes for on that date."""
    person, day, wanted = draft.person_id, draft.day, draft.on_behalf_of
    if scope != "folgegruppe":
        if wanted is not None and wanted != person:
            raise PrincipalError("log.for_only_fg")
        return None
    member = queries.is_member(conn, person, day.year)
    options = queries.principals(conn, person, day)
    if wanted == person:
        if not member:
            raise PrincipalError("log.not_a_member", person=_name(conn, person), date=fmt_date(day))
        wanted = None
    if wanted is None:
        if member or not options:
            return None
        if len(options) == 1:
            return options[0].id
        raise PrincipalError("log.for_which", person=_name(conn, person), date=fmt_date(day),
                             members="; ".join(o.label for o in options))
    if any(o.id == wanted for o in options):
        return wanted
    raise PrincipalError("log.not_substitute_for", person=_name(conn, person), member=_name(conn, wanted),
                         date=fmt_date(day), members="; ".join(o.label for o in options) or "–")


def resolve_principal(conn: Connection, person_id: int, day: date, text: str) -> int | None:
    """The member named by ``text`` for an entry of ``person_id`` on ``day`` (blank: ``None``).
    The members the person substitutes for that day are searched first, then the register."""
    if not text or not text.strip():
        return None
    candidates = queries.principals(conn, person_id, day)
    if queries.is_member(conn, person_id, day.year):
        own = names.person_names(conn, [person_id])
        candidates.append(names.Named(person_id, own.get(person_id, "?")))
    try:
        return names.resolve(candidates, text, "person").id if candidates else names.resolve_person(conn, text).id
    except UserError:
        return names.resolve_person(conn, text).id


def _name(conn: Connection, person_id: int) -> str:
    return names.person_names(conn, [person_id]).get(person_id, "?")


def warnings(conn: Connection, day: date, minutes: int, others: int) -> tuple[Message, ...]:
    """The warnings of an entry (long day, weekend, holiday or extra day off), translated where
    they are shown (``i18n.say``: the hours as a duration, the weekday as a message)."""
    out = []
    for w in entry_warnings(day, minutes, others, queries.days_off(conn)):
        params: dict[str, object] = {"date": day, **w.params}
        if "weekday" in params:
            params["weekday"] = Message(f"weekday.long.{params['weekday']}")
        if "minutes" in params:
            params["hours"] = timedelta(minutes=cast(int, params.pop("minutes")))
        out.append(Message(w.key, params))
    return tuple(out)


def update(conn: Connection, entry_id: int, draft: Draft, today: date) -> None:
    """Replace entry ``entry_id`` with ``draft`` (checked like :func:`save`)."""
    _in_range(conn, draft, today)
    area = area_of(conn, draft.area_id, draft.task_id)
    with transaction(conn) as session:
        entry = session.get(TimeEntry, entry_id)
        if entry is None:
            raise UserError("entry.gone")
        if entry.covers is not None:  # a month's figure stays one (outside the day's 24 hours)
            draft = draft.model_copy(update={"covers": entry.covers})
        on_behalf = principal(conn, draft, area.scope)
        _day_total(conn, draft, but=entry_id)
        entry.sqlmodel_update({"person_id": draft.person_id, "date": draft.day, "minutes": draft.minutes,
                               "area_id": area.id, "task_id": draft.task_id, "is_support": draft.is_support,
                               "note": draft.note, "on_behalf_of_id": on_behalf})


def delete(conn: Connection, entry_id: int) -> None:
    """Delete entry ``entry_id`` (the journal keeps it for undo)."""
    with transaction(conn) as session:
        if session.get(TimeEntry, entry_id) is None:
            raise UserError("entry.gone")
        session.execute(sql_delete(TimeEntry).where(col(TimeEntry.id) == entry_id))


def _in_range(conn: Connection, draft: Draft, today: date) -> None:
    try:
        queries.date_range(conn, today).check(draft.day)
    except Problem as p:
        raise UserError.of(p.note, field="date") from None

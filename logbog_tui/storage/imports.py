"""Hours from outside: the plan of an import (what it adds, changes or removes, row by row, and the
rows it cannot place) and its write, in one transaction (one journal entry, one ``logbog undo``).

The rows come read from a file (:mod:`logbog_tui.service.import_formats`; a member's timesheet:
:mod:`logbog_tui.storage.timesheet`). Here they are placed: people by name, areas by code or by
tags, tasks by title in their area (ids from another database are not used), each checked like an
entry typed in logbog (:class:`~logbog_tui.storage.timelog.Draft`, on whose behalf, the
24-hours-per-day rule, the range of dates). A plan with a refused row is never written.

Importing the same file twice adds nothing: a row with a ``source`` (a Timewarrior interval, a
Watson frame) is matched with the person's entry of the same source and day; a CSV row with an
existing entry of the same person, date, area, task, hours, support flag, principal and note
(each entry matches one row, so two equal rows in a file are two entries).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, cast

from sqlalchemy import func, tuple_
from sqlmodel import col, select

from logbog_tui.errors import UserError
from logbog_tui.service import Message, Problem
from logbog_tui.service.import_formats import MONTH, AreaName, Read, Refusal, SourceRow, area_for
from logbog_tui.service.parse import MAX_MINUTES_PER_DAY
from logbog_tui.storage import names, queries, timelog
from logbog_tui.storage.db import Connection, fold
from logbog_tui.storage.inputs import Invalid
from logbog_tui.storage.models import Task, TaskArea, TimeEntry
from logbog_tui.storage.session import reading, transaction


@dataclass(frozen=True)
class Change:
    """One entry the import adds (``before`` 0), changes, or removes (``minutes`` 0)."""

    action: str
    where: Message
    person_id: int
    person: str
    day: date
    area_id: int
    area_code: str
    area_name: str
    minutes: int
    before: int = 0
    month: bool = False
    task_id: int | None = None
    task: str | None = None
    is_support: bool = False
    on_behalf_id: int | None = None
    on_behalf: str | None = None
    note: str | None = None
    source: str | None = None
    entry_id: int | None = None


@dataclass(frozen=True)
class Skipped:
    where: Message
    reason: Message


@dataclass
class Plan:
    """What an import would do. ``title``: what the file is (the timesheet's member and year)."""

    kind: str
    changes: list[Change] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)
    title: Message | None = None

    @property
    def delta(self) -> int:
        """Minutes the import adds in all (negative: removes)."""
        return sum(c.minutes - c.before for c in self.changes)


@dataclass(frozen=True)
class _Area:
    id: int
    code: str
    scope: str
    name: str


def areas(conn: Connection) -> dict[str, _Area]:
    """The task areas by folded code."""
    with reading(conn) as session:
        rows = session.exec(select(TaskArea).order_by(col(TaskArea.position))).all()
    return {fold(a.code) or "": _Area(cast(int, a.id), a.code, a.scope, a.name) for a in rows}


def area_names(conn: Connection) -> list[AreaName]:
    with reading(conn) as session:
        return [AreaName(a.code, a.short_name, a.name)
                for a in session.exec(select(TaskArea).order_by(col(TaskArea.position)))]


def mapping(conn: Connection, pairs: list[str]) -> dict[str, str]:
    """``--map TAG=AREA`` (repeatable): folded tag -> area code (AREA by code or name)."""
    out = {}
    with reading(conn) as session:
        codes = dict(session.exec(select(col(TaskArea.id), col(TaskArea.code))).all())
    for pair in pairs:
        tag, sep, area = pair.partition("=")
        if not sep or not tag.strip() or not area.strip():
            raise UserError("import.bad_map", text=pair)
        out[" ".join(tag.casefold().split())] = codes[names.resolve_area(conn, area).id]
    return out


class _Refused(Exception):
    def __init__(self, reason: Message) -> None:
        super().__init__(reason.key)
        self.reason = reason


def _one(found: list[Any], what: str, text: str) -> Any:
    if not found:
        raise _Refused(Message("resolve.none", {"what": Message(f"what.no.{what}"), "text": text}))
    if len(found) > 1:
        raise _Refused(Message("import.same_name", {"text": text, "ids": ", ".join(f"#{i}" for i, _ in found)}))
    return found[0]


class _Places:
    """People, areas and tasks of the database, read once, for placing every row."""

    def __init__(self, conn: Connection, tag_map: dict[str, str], today: date) -> None:
        self.conn, self.tag_map, self.dates = conn, tag_map, queries.date_range(conn, today)
        self.principals: dict[tuple[int, date, int | None, str], int | None] = {}
        self.areas, self.area_names = areas(conn), area_names(conn)
        self.people: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for person in names.named_people(conn):
            self.people[fold(person.label) or ""].append((person.id, person.label))
        self.tasks: dict[tuple[int, str], list[tuple[int, str]]] = defaultdict(list)
        with reading(conn) as session:
            for task_id, area_id, title in session.exec(select(col(Task.id), col(Task.area_id), col(Task.title))):
                self.tasks[(area_id, fold(title) or "")].append((cast(int, task_id), title))

    def person(self, text: str) -> tuple[int, str]:
        return cast("tuple[int, str]", _one(self.people.get(fold(text.strip()) or "", []), "person", text))

    def area(self, row: SourceRow) -> _Area:
        if row.area is not None:
            found = self.areas.get(fold(row.area.strip()) or "")
            if found is None:
                raise _Refused(Message("resolve.none", {"what": Message("what.no.area"), "text": row.area}))
            return found
        try:
            code = area_for(row.tags, self.area_names, self.tag_map)
        except Problem as p:
            raise _Refused(p.note) from None
        return self.areas[fold(code) or ""]

    def principal(self, draft: timelog.Draft, scope: str) -> int | None:
        """On whose behalf (timelog.principal; the same answer for the same person, day and area)."""
        key = (draft.person_id, draft.day, draft.on_behalf_of, scope)
        if key not in self.principals:
            self.principals[key] = timelog.principal(self.conn, draft, scope)
        return self.principals[key]

    def task(self, area: _Area, title: str) -> tuple[int, str]:
        return cast("tuple[int, str]", _one(self.tasks.get((area.id, fold(title.strip()) or ""), []), "task",
                                            f"{title} ({area.code})"))


def _existing(conn: Connection, people: set[int], start: date, end: date) -> list[TimeEntry]:
    query = select(TimeEntry).where(col(TimeEntry.person_id).in_(people), col(TimeEntry.date).between(start, end))
    with reading(conn) as session:
        return list(session.exec(query).all())


def _content(e: TimeEntry | Change) -> Hashable:
    """What makes two entries the same for a CSV row (ids aside)."""
    if isinstance(e, TimeEntry):
        return (e.person_id, e.date, e.area_id, e.task_id, e.minutes, bool(e.is_support), e.on_behalf_of_id,
                e.note, e.covers == MONTH)
    return (e.person_id, e.day, e.area_id, e.task_id, e.minutes, e.is_support, e.on_behalf_id, e.note, e.month)


def _place(conn: Connection, places: _Places, row: SourceRow, person: tuple[int, str] | None) -> Change:
    """The row as the entry it would make (checked like a typed one), or :class:`_Refused`."""
    who = places.person(row.person) if row.person is not None else person
    if who is None:
        raise _Refused(Message("import.no_person"))
    area = places.area(row)
    task = places.task(area, row.task) if row.task is not None else None
    behalf = places.person(row.on_behalf) if row.on_behalf is not None else None
    day = row.day
    try:
        draft = timelog.Draft.check({"person_id": who[0], "day": day, "minutes": row.minutes, "area_id": area.id,
                                     "task_id": task[0] if task else None, "is_support": row.support,
                                     "note": row.note, "on_behalf_of": behalf[0] if behalf else None,
                                     "covers": MONTH if row.month else None})
        places.dates.check(day)
        principal = places.principal(draft, area.scope)
    except Invalid as bad:
        raise _Refused(bad.note) from None
    except Problem as p:
        raise _Refused(p.note) from None
    except UserError as exc:
        raise _Refused(exc.note) from None
    behalf_name = behalf[1] if behalf and behalf[0] == principal else (
        names.person_names(conn, [principal]).get(principal) if principal is not None else None)
    return Change("add", Message("import.where.row", {"row": row.number}), who[0], who[1], day, area.id, area.code,
                  area.name, draft.minutes, month=row.month, task_id=task[0] if task else None,
                  task=task[1] if task else None, is_support=draft.is_support, on_behalf_id=principal,
                  on_behalf=behalf_name, note=draft.note, source=row.source or "csv")


def plan_rows(conn: Connection, kind: str, read: Read, today: date, *, person: int | None = None,
              tag_map: dict[str, str] | None = None) -> Plan:
    """The plan of importing rows read from a CSV, Timewarrior or Watson file (``person``: whose
    hours rows without a person are; ``tag_map``: :func:`mapping`)."""
    plan = Plan(kind, refused=list(read.refused))
    if kind == "csv":
        plan.notes.append(Message("import.csv_ids_not_used"))
    places = _Places(conn, tag_map or {}, today)
    who = (person, names.person_names(conn, [person])[person]) if person is not None else None
    placed: list[Change] = []
    for row in read.rows:
        try:
            placed.append(_place(conn, places, row, who))
        except _Refused as refused:
            plan.refused.append(Refusal(Message("import.where.row", {"row": row.number}), refused.reason))
    if placed:
        _match(conn, plan, placed)
    plan.refused.sort(key=lambda r: int(r.where.params.get("row", 0)))  # in the file's order
    return plan


def _match(conn: Connection, plan: Plan, placed: list[Change]) -> None:
    """Each placed row against what the people already have: skipped when it is there, a change
    when its source is there with other figures, else an addition; then the 24-hours rule."""
    kind = plan.kind
    existing = _existing(conn, {c.person_id for c in placed}, min(c.day for c in placed), max(c.day for c in placed))
    by_source: dict[tuple[int, str | None, date], TimeEntry] = {
        (e.person_id, e.source, e.date): e for e in existing if e.source and e.covers is None}
    unmatched = Counter(_content(e) for e in existing)
    for change in placed:
        same_source = by_source.get((change.person_id, change.source, change.day)) if kind != "csv" else None
        if same_source is not None:
            if _content(same_source) == _content(change) and same_source.source == change.source:
                plan.skipped.append(Skipped(change.where, Message("import.already")))
            else:
                plan.changes.append(replace(change, action="change", before=same_source.minutes,
                                            entry_id=same_source.id))
        elif kind == "csv" and unmatched[_content(change)] > 0:
            unmatched[_content(change)] -= 1
            plan.skipped.append(Skipped(change.where, Message("import.already")))
        else:
            plan.changes.append(change)
    _check_days(plan, existing)


def _check_days(plan: Plan, existing: list[TimeEntry]) -> None:
    """The 24-hours-per-day rule over what is there and what the plan adds (a month's figure is
    outside it): a row that would fill a day beyond it is refused."""
    total: Counter[tuple[int, date]] = Counter()
    for e in existing:
        if e.covers is None:
            total[(e.person_id, e.date)] += e.minutes
    for c in plan.changes:
        if c.month:
            continue
        key = (c.person_id, c.day)
        total[key] += c.minutes - c.before
        if total[key] > MAX_MINUTES_PER_DAY:
            plan.refused.append(Refusal(c.where, Message("import.day_full", {"date": c.day, "person": c.person})))


def apply(conn: Connection, plan: Plan) -> int:
    """Write the plan in one transaction (one journal entry, one undo). Refused, with nothing
    written, when the plan refused a row, or when an entry it changes was changed meanwhile, or a
    day now holds more than 24 hours. Returns the number of changes."""
    if plan.refused:
        raise UserError("import.refused", count=len(plan.refused))
    with transaction(conn) as session:
        for c in plan.changes:
            if c.action == "add":
                session.add(TimeEntry(person_id=c.person_id, date=c.day, minutes=c.minutes, area_id=c.area_id,
                                      task_id=c.task_id, is_support=c.is_support, note=c.note,
                                      on_behalf_of_id=c.on_behalf_id, source=c.source,
                                      covers=MONTH if c.month else None))
                continue
            entry = session.get(TimeEntry, c.entry_id)
            if entry is None or entry.minutes != c.before:
                raise UserError("import.changed_meanwhile")
            if c.action == "remove":
                session.delete(entry)
            else:
                entry.sqlmodel_update({"minutes": c.minutes, "area_id": c.area_id, "task_id": c.task_id,
                                       "is_support": c.is_support, "note": c.note, "source": c.source})
        session.flush()
        days = {(c.person_id, c.day) for c in plan.changes if not c.month}
        if days:
            full = session.exec(
                select(func.sum(col(TimeEntry.minutes))).where(
                    tuple_(col(TimeEntry.person_id), col(TimeEntry.date)).in_(days), col(TimeEntry.covers).is_(None))
                .group_by(col(TimeEntry.person_id), col(TimeEntry.date))
                .having(func.sum(col(TimeEntry.minutes)) > MAX_MINUTES_PER_DAY)).first()
            if full is not None:
                raise UserError("import.changed_meanwhile")
    return len(plan.changes)

"""Queries behind the lists of time entries and the budget charts: only what is shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import String, and_, case, extract, func
from sqlalchemy.orm import aliased
from sqlmodel import select

from logbog_tui.storage.db import Connection, fold
from logbog_tui.storage.models import Person, Task, TaskArea, TimeEntry
from logbog_tui.storage.session import reading

PAGE = 150  # rows in the list; more would cost render time for rows nobody scrolls to


@dataclass(frozen=True)
class EntryRow:
    id: int
    day: date
    person_id: int
    person: str
    area_id: int
    area: str
    task_id: int | None
    task: str | None
    minutes: int
    is_support: bool
    note: str | None
    on_behalf: str | None = None   # the member a substitute worked for, by name


@dataclass(frozen=True)
class EntryPage:
    """The newest entries matching a filter, how many match, and their total minutes."""

    rows: list[EntryRow]
    count: int
    total: int


@dataclass(frozen=True)
class Total:
    """The hours of one person, area or task: ``key`` says which entries are behind the row
    (``person:ID``, ``area:ID`` or ``task:ID``)."""

    label: str
    minutes: int
    support: int
    key: str


@dataclass(frozen=True)
class EntryFilter:
    start: date
    end: date
    person_id: int | None = None
    area_id: int | None = None
    text: str = ""
    task_id: int | None = None


_BEHALF = aliased(Person)


def _joined(query, f: EntryFilter):
    """``query`` over the entries matching ``f``, with their person, area and task (the filter's
    text matches any of them, and the note)."""
    query = (query.select_from(TimeEntry).join(Person, Person.id == TimeEntry.person_id)
             .join(TaskArea, TaskArea.id == TimeEntry.area_id).outerjoin(Task, Task.id == TimeEntry.task_id)
             .where(TimeEntry.date.between(f.start, f.end)))
    for column, value in ((TimeEntry.person_id, f.person_id), (TimeEntry.area_id, f.area_id),
                          (TimeEntry.task_id, f.task_id)):
        if value is not None:
            query = query.where(column == value)
    if f.text.strip():
        words = (Person.name + " " + TaskArea.code + " " + TaskArea.short_name + " " + func.coalesce(Task.title, "")
                 + " " + func.coalesce(TimeEntry.note, ""))
        query = query.where(func.fold(words, type_=String).contains(fold(f.text.strip()), autoescape=True))
    return query


def list_entries(conn: Connection, f: EntryFilter, limit: int = PAGE) -> EntryPage:
    """The newest ``limit`` entries matching ``f``, the number matching, and their total minutes."""
    summary = _joined(select(func.count(), func.coalesce(func.sum(TimeEntry.minutes), 0)), f)
    rows = (_joined(select(TimeEntry.id, TimeEntry.date, TimeEntry.person_id, Person.name, TimeEntry.area_id,
                           TaskArea.code, TimeEntry.task_id, Task.title, TimeEntry.minutes, TimeEntry.is_support,
                           TimeEntry.note, _BEHALF.name), f)
            .outerjoin(_BEHALF, _BEHALF.id == TimeEntry.on_behalf_of_id)
            .order_by(TimeEntry.date.desc(), TimeEntry.id.desc()).limit(limit))
    with reading(conn) as session:
        count, total = session.exec(summary).one()
        return EntryPage([EntryRow(*r) for r in session.exec(rows)], count, total)


def totals(conn: Connection, f: EntryFilter, by: str) -> list[Total]:
    """The hours (and of them support) per person, area or task, most first (hours without a
    task: their area's row)."""
    support = func.sum(case((TimeEntry.is_support, TimeEntry.minutes), else_=0))
    # per task: the task, or for hours without one their area
    keys = {"person": (Person.id,), "area": (TaskArea.id,),
            "task": (Task.id, case((Task.id.is_(None), TaskArea.id)))}[by]
    names = (func.min(Person.name), func.min(TaskArea.code), func.min(TaskArea.short_name), func.min(Task.title))
    query = _joined(select(func.sum(TimeEntry.minutes), support, *keys, *names), f).group_by(*keys)
    with reading(conn) as session:
        rows = session.exec(query).all()
    out = []
    for minutes, of_support, *row in rows:
        (person, code, short, title), key = row[-4:], row[0] if row[0] is not None else row[1]
        if by == "person":
            label, key = person, f"person:{key}"
        elif by == "task" and row[0] is not None:
            label, key = f"#{key} {title}", f"task:{key}"
        else:
            label, key = f"{code} {short}", f"area:{key}"
        out.append(Total(label, minutes, of_support, key))
    out.sort(key=lambda r: (r.label, r.key))  # the same order for equal hours every time
    out.sort(key=lambda r: -r.minutes)
    return out


def area_minutes(conn: Connection, start: date, end: date) -> dict[int, int]:
    """Minutes per task area in a period (the areas list of the Tasks screen)."""
    query = (select(TimeEntry.area_id, func.sum(TimeEntry.minutes)).where(TimeEntry.date.between(start, end))
             .group_by(TimeEntry.area_id))
    with reading(conn) as session:
        return {area: minutes for area, minutes in session.exec(query)}


def _by_month(conn: Connection, year: int, scope: str, *where, person: bool = False) -> list:
    month = extract("month", TimeEntry.date)
    groups = (TimeEntry.person_id, month) if person else (month,)
    query = (select(*groups, func.sum(TimeEntry.minutes)).join(TaskArea, TaskArea.id == TimeEntry.area_id)
             .where(and_(TaskArea.scope == scope, TimeEntry.date.between(date(year, 1, 1), date(year, 12, 31)),
                         *where))
             .group_by(*groups))
    with reading(conn) as session:
        return session.exec(query).all()


def monthly_leadership(conn: Connection, year: int) -> list[float]:
    """Project leadership hours per month of ``year`` (12 values)."""
    rows = dict(_by_month(conn, year, "projektledelse"))
    return [rows.get(m, 0) / 60 for m in range(1, 13)]


def monthly_by_person(conn: Connection, year: int) -> dict[int, list[float]]:
    """Non-support follow-up group hours per person and month of ``year``."""
    out: dict[int, list[float]] = {}
    for person, month, minutes in _by_month(conn, year, "folgegruppe", ~TimeEntry.is_support, person=True):
        out.setdefault(person, [0.0] * 12)[month - 1] = minutes / 60
    return out

"""Queries behind the lists of time entries and the budget charts: only what is shown."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar, Unpack

from sqlalchemy import Select, SQLColumnExpression, String, case, extract, func
from sqlalchemy import select as sql_select
from sqlalchemy.orm import aliased
from sqlmodel import col, select

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
    source: str | None = None      # where an imported entry came from (timesheet:<uuid>, csv, ...)
    covers: str | None = None      # 'month': a month's figure from a member's timesheet


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
    support: bool | None = None   # True: only support hours; False: none of them; None: both


_BEHALF = aliased(Person)
_Query = TypeVar("_Query", bound=Select[Unpack[tuple[Any, ...]]])


def _from(query: _Query) -> _Query:
    """``query`` over the entries with their person, area and task."""
    return (query.select_from(TimeEntry).join(Person, col(Person.id) == col(TimeEntry.person_id))
            .join(TaskArea, col(TaskArea.id) == col(TimeEntry.area_id))
            .outerjoin(Task, col(Task.id) == col(TimeEntry.task_id)))


def _joined(query: _Query, f: EntryFilter) -> _Query:
    """``query`` over the entries matching ``f``, with their person, area and task (the filter's
    text matches any of them, and the note)."""
    query = _from(query).where(col(TimeEntry.date).between(f.start, f.end))
    for column, value in ((TimeEntry.person_id, f.person_id), (TimeEntry.area_id, f.area_id),
                          (TimeEntry.task_id, f.task_id), (TimeEntry.is_support, f.support)):
        if value is not None:
            query = query.where(col(column) == value)
    if f.text.strip():
        words = (col(Person.name) + " " + col(TaskArea.code) + " " + col(TaskArea.short_name) + " "
                 + func.coalesce(col(Task.title), "") + " " + func.coalesce(col(TimeEntry.note), ""))
        query = query.where(func.fold(words, type_=String).contains(fold(f.text.strip()), autoescape=True))
    return query


def _with_principal(query: _Query) -> _Query:
    """``query`` with the member a substitute worked for (``_BEHALF``)."""
    return query.outerjoin(_BEHALF, col(_BEHALF.id) == col(TimeEntry.on_behalf_of_id))


def list_entries(conn: Connection, f: EntryFilter, limit: int = PAGE) -> EntryPage:
    """The newest ``limit`` entries matching ``f``, the number matching, and their total minutes."""
    summary = _joined(select(func.count(), func.coalesce(func.sum(col(TimeEntry.minutes)), 0)), f)
    # more columns than sqlmodel's select() has typed overloads for
    columns = sql_select(col(TimeEntry.id), col(TimeEntry.date), col(TimeEntry.person_id), col(Person.name),
                         col(TimeEntry.area_id), col(TaskArea.code), col(TimeEntry.task_id), col(Task.title),
                         col(TimeEntry.minutes), col(TimeEntry.is_support), col(TimeEntry.note), col(_BEHALF.name),
                         col(TimeEntry.source), col(TimeEntry.covers))
    rows = (_with_principal(_joined(columns, f))
            .order_by(col(TimeEntry.date).desc(), col(TimeEntry.id).desc()).limit(limit))
    with reading(conn) as session:
        count, total = session.exec(summary).one()
        return EntryPage([EntryRow(*r) for r in session.execute(rows)], count, total)


@dataclass(frozen=True)
class EntryRecord:
    """One time entry with everything a script reads of it (``logbog entries --json|--csv``)."""

    id: int
    day: date
    person_id: int
    person: str
    minutes: int
    area_id: int
    area_code: str
    area_name: str
    task_id: int | None
    task: str | None
    is_support: bool
    on_behalf_of_id: int | None   # the member a substitute worked for
    on_behalf_of: str | None      # ... by name
    note: str | None
    covers: str                   # "day", or "month" for a month's figure from a member's timesheet


# more columns than sqlmodel's select() has typed overloads for
_RECORD = (col(TimeEntry.id), col(TimeEntry.date), col(TimeEntry.person_id), col(Person.name), col(TimeEntry.minutes),
           col(TimeEntry.area_id), col(TaskArea.code), col(TaskArea.name), col(TimeEntry.task_id), col(Task.title),
           col(TimeEntry.is_support), col(TimeEntry.on_behalf_of_id), col(_BEHALF.name), col(TimeEntry.note),
           func.coalesce(col(TimeEntry.covers), "day"))


def records(conn: Connection, f: EntryFilter) -> list[EntryRecord]:
    """Every entry matching ``f``, oldest first: by date, then in the order they were made."""
    query = _with_principal(_joined(sql_select(*_RECORD), f)).order_by(col(TimeEntry.date), col(TimeEntry.id))
    with reading(conn) as session:
        return [EntryRecord(*r) for r in session.execute(query)]


def record(conn: Connection, entry_id: int) -> EntryRecord | None:
    """Entry ``entry_id`` as :func:`records` gives it, or None."""
    query = _with_principal(_from(sql_select(*_RECORD))).where(col(TimeEntry.id) == entry_id)
    with reading(conn) as session:
        row = session.execute(query).first()
    return EntryRecord(*row) if row else None


def totals(conn: Connection, f: EntryFilter, by: str) -> list[Total]:
    """The hours (and of them support) per person, area or task, most first (hours without a
    task: their area's row)."""
    support = func.sum(case((col(TimeEntry.is_support), col(TimeEntry.minutes)), else_=0))
    # per task: the task, or for hours without one their area
    keys: tuple[SQLColumnExpression[Any], ...] = {
        "person": (col(Person.id),), "area": (col(TaskArea.id),),
        "task": (col(Task.id), case((col(Task.id).is_(None), col(TaskArea.id))))}[by]
    names = (func.min(col(Person.name)), func.min(col(TaskArea.code)), func.min(col(TaskArea.short_name)),
             func.min(col(Task.title)))
    # as many key columns as ``by`` needs: sqlalchemy's select() (sqlmodel's types a fixed number)
    query = _joined(sql_select(func.sum(col(TimeEntry.minutes)), support, *keys, *names), f).group_by(*keys)
    with reading(conn) as session:
        rows = session.execute(query).all()
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
    query = (select(col(TimeEntry.area_id), func.sum(col(TimeEntry.minutes)))
             .where(col(TimeEntry.date).between(start, end)).group_by(col(TimeEntry.area_id)))
    with reading(conn) as session:
        return dict(session.exec(query).all())


def _in_year(query: _Query, year: int, scope: str) -> _Query:
    """``query`` over the entries of ``year`` in the areas of ``scope``."""
    return (query.join(TaskArea, col(TaskArea.id) == col(TimeEntry.area_id))
            .where(col(TaskArea.scope) == scope, col(TimeEntry.date).between(date(year, 1, 1), date(year, 12, 31))))


def monthly_leadership(conn: Connection, year: int) -> list[float]:
    """Project leadership hours per month of ``year`` (12 values)."""
    month = extract("month", col(TimeEntry.date))
    query = _in_year(select(month, func.sum(col(TimeEntry.minutes))), year, "projektledelse").group_by(month)
    with reading(conn) as session:
        rows = dict(session.exec(query).all())
    return [rows.get(m, 0) / 60 for m in range(1, 13)]


def monthly_by_person(conn: Connection, year: int) -> dict[int, list[float]]:
    """Non-support follow-up group hours per person and month of ``year``."""
    month = extract("month", col(TimeEntry.date))
    query = (_in_year(select(col(TimeEntry.person_id), month, func.sum(col(TimeEntry.minutes))), year, "folgegruppe")
             .where(~col(TimeEntry.is_support)).group_by(col(TimeEntry.person_id), month))
    with reading(conn) as session:
        rows = session.exec(query).all()
    out: dict[int, list[float]] = {}
    for person, m, minutes in rows:
        out.setdefault(person, [0.0] * 12)[m - 1] = minutes / 60
    return out

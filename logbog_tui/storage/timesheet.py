"""A follow-up group member's timesheet: what the sheet shows when it is written (seats, budget,
hours already recorded, the figures of earlier sheets), and the plan of importing it back.

A month's figure is one entry for that month (``covers = 'month'``), dated the month's last working
day, marked with the sheet that last set it (``source = 'timesheet:<id>'``; a sheet's id begins with
the moment it was written, so ids sort by age). A cell is imported when it differs from what logbog
holds, and either this sheet set that entry before, or the member changed the cell from what the
sheet was written with (its baseline, kept in the sheet). So the same file imported twice changes
nothing, a new sheet (which starts from the figures imported so far) changes only what the member
changed, and an older sheet never undoes what a newer one brought. The workbook itself:
:mod:`logbog_tui.timesheet_file`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import cast

from sqlalchemy import func
from sqlmodel import col, select

from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_minutes
from logbog_tui.service import Message, Problem
from logbog_tui.service.budget import days_held, prorated
from logbog_tui.service.import_formats import MONTH, SUPPORT_ROW, Refusal, SheetFigures, last_working_day
from logbog_tui.storage import imports, names, queries
from logbog_tui.storage.db import Connection, fold
from logbog_tui.storage.models import Membership, Seat, TaskArea, TimeEntry
from logbog_tui.storage.session import reading

SUPPORT_AREA = "FG1"  # where a member's support hours go (as the demo and the log dialog have them)
SHEET_SOURCE = "timesheet:"


@dataclass(frozen=True)
class SheetFacts:
    """What a member's sheet for ``year`` shows. ``rows``: (key, area code, area name) of the
    six follow-up group areas and the support row; ``recorded``: minutes per (month, key) logged in
    logbog otherwise (by the member, or for them by a substitute); ``imported``: per (month, key),
    what earlier sheets brought (the sheet's input cells start with these)."""

    person_id: int
    person: str
    year: int
    seats: list[tuple[str, date, date | None]]
    budget: float
    rows: list[tuple[str, str, str]]
    recorded: dict[tuple[int, str], int]
    imported: dict[tuple[int, str], int]


def _fg_areas(conn: Connection) -> list[TaskArea]:
    with reading(conn) as session:
        return list(session.exec(select(TaskArea).where(col(TaskArea.scope) == "folgegruppe")
                                 .order_by(col(TaskArea.position))).all())


def _member(conn: Connection, person_id: int, year: int) -> str:
    """The member's name; refused unless they held a follow-up group seat in ``year``."""
    name = names.person_names(conn, [person_id]).get(person_id)
    if name is None:
        raise UserError("import.sheet.no_person", id=person_id)
    if not queries.is_member(conn, person_id, year):
        raise UserError("timesheet.not_member", person=name, year=year)
    return name


def _is_sheet(e: TimeEntry) -> bool:
    return e.covers == MONTH and (e.source or "").startswith(SHEET_SOURCE)


def _entries(conn: Connection, person_id: int, year: int) -> list[TimeEntry]:
    """The follow-up group entries of ``year`` that count toward the member (their own, and their
    substitutes' on their behalf)."""
    fg = select(col(TaskArea.id)).where(col(TaskArea.scope) == "folgegruppe")
    query = select(TimeEntry).where(
        (col(TimeEntry.person_id) == person_id) | (col(TimeEntry.on_behalf_of_id) == person_id),
        col(TimeEntry.area_id).in_(fg), col(TimeEntry.date).between(date(year, 1, 1), date(year, 12, 31)))
    with reading(conn) as session:
        return list(session.exec(query).all())


def facts(conn: Connection, person_id: int, year: int) -> SheetFacts:
    name = _member(conn, person_id, year)
    query = (select(col(Seat.label), col(Membership.valid_from), col(Membership.valid_to))
             .join(Seat, col(Seat.id) == col(Membership.seat_id))
             .where(col(Membership.person_id) == person_id, col(Membership.substitute_for_id).is_(None),
                    col(Seat.body_code) == "folgegruppe", col(Seat.kind).in_(("region", "secretariat")),
                    col(Membership.valid_from) <= date(year, 12, 31),
                    func.coalesce(col(Membership.valid_to), date.max) >= date(year, 1, 1))
             .order_by(col(Membership.valid_from)))
    with reading(conn) as session:
        seats = [(label, start, end) for label, start, end in session.exec(query)]
    periods = queries.member_periods(conn, year).get(person_id, [])
    budget = prorated(queries.budget_hours(conn, year, "folgegruppe_member"), days_held(periods, year), year)
    areas = _fg_areas(conn)
    codes = {a.id: a.code for a in areas}
    recorded: dict[tuple[int, str], int] = defaultdict(int)
    imported: dict[tuple[int, str], int] = defaultdict(int)
    for e in _entries(conn, person_id, year):
        key = (e.date.month, SUPPORT_ROW if e.is_support else codes[e.area_id])
        if _is_sheet(e) and e.person_id == person_id:
            imported[key] += e.minutes
        else:
            recorded[key] += e.minutes
    rows = [(a.code, a.code, a.name) for a in areas] + [(SUPPORT_ROW, SUPPORT_AREA, "")]
    return SheetFacts(person_id, name, year, seats, budget, rows, dict(recorded), dict(imported))


def plan(conn: Connection, sheet: SheetFigures, today: date) -> imports.Plan:
    """What importing the filled-in sheet changes, per month and row (the rule: the module's
    docstring); a cell whose entry a newer sheet set is kept, and said so."""
    name = _member(conn, sheet.person_id, sheet.year)
    out = imports.Plan("timesheet", refused=list(sheet.refused),
                       title=Message("import.sheet.title", {"person": name, "year": sheet.year}))
    if fold(name) != fold(sheet.person):
        out.notes.append(Message("import.sheet.renamed", {"sheet": sheet.person, "person": name}))
    areas = {a.code: a for a in _fg_areas(conn)}
    current = {(e.date.month, SUPPORT_ROW if e.is_support else _code(areas, e.area_id)): e
               for e in _entries(conn, sheet.person_id, sheet.year) if _is_sheet(e) and e.person_id == sheet.person_id}
    days_off, dates = queries.days_off(conn), queries.date_range(conn, today)
    this = SHEET_SOURCE + sheet.uuid
    for key in sorted(set(sheet.figures) | set(sheet.baseline)):
        month, row = key
        new, base = sheet.figures.get(key, 0), sheet.baseline.get(key, 0)
        entry = current.get(key)
        now = entry.minutes if entry is not None else 0
        where = Message("import.where.cell", {"cell": sheet.cells.get(key, "?")})
        source = entry.source if entry is not None else None
        if new == now:
            continue
        if source is not None and source > this:  # a newer sheet brought it: an older one never undoes that
            out.skipped.append(imports.Skipped(where, Message("import.sheet.kept", {"hours": fmt_minutes(now)})))
            continue
        if source != this and new == base:  # not touched in this sheet: what logbog has now stays
            continue
        day = entry.date if entry is not None else last_working_day(sheet.year, month, days_off)
        try:
            dates.check(day)
        except Problem as p:
            out.refused.append(Refusal(where, p.note))
            continue
        area = areas[SUPPORT_AREA if row == SUPPORT_ROW else row]
        action = "add" if entry is None else "remove" if new == 0 else "change"
        out.changes.append(imports.Change(
            action, where, sheet.person_id, name, day, cast(int, area.id), area.code, area.name, new, before=now,
            month=True, is_support=row == SUPPORT_ROW, source=this,
            entry_id=entry.id if entry is not None else None))
    return out


def _code(areas: dict[str, TaskArea], area_id: int) -> str:
    return next((code for code, a in areas.items() if a.id == area_id), "?")


"""Queries behind the lists of time entries and the budget charts: only what is shown."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

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
class EntryFilter:
    start: date
    end: date
    person_id: int | None = None
    area_id: int | None = None
    text: str = ""
    task_id: int | None = None


def _where(f: EntryFilter) -> tuple[str, list]:
    sql = ["te.date BETWEEN ? AND ?"]
    params: list = [f.start.isoformat(), f.end.isoformat()]
    if f.person_id is not None:
        sql.append("te.person_id = ?")
        params.append(f.person_id)
    if f.area_id is not None:
        sql.append("te.area_id = ?")
        params.append(f.area_id)
    if f.task_id is not None:
        sql.append("te.task_id = ?")
        params.append(f.task_id)
    if f.text.strip():
        sql.append("fold(p.name || ' ' || a.code || ' ' || a.short_name || ' ' || coalesce(tk.title, '') || ' '"
                   " || coalesce(te.note, '')) LIKE '%' || fold(?) || '%' ESCAPE '\\'")
        params.append(f.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
    return " AND ".join(sql), params


_FROM = (" FROM time_entry te JOIN person p ON p.id = te.person_id JOIN task_area a ON a.id = te.area_id"
         " LEFT JOIN task tk ON tk.id = te.task_id LEFT JOIN person ob ON ob.id = te.on_behalf_of_id")


def list_entries(conn: sqlite3.Connection, f: EntryFilter, limit: int = PAGE) -> tuple[list[EntryRow], int, int]:
    """The newest ``limit`` entries matching ``f``, the number matching, and their total minutes."""
    where, params = _where(f)
    count, total = conn.execute(f"SELECT count(*), coalesce(sum(te.minutes), 0){_FROM} WHERE {where}",
                                params).fetchone()
    rows = conn.execute(
        f"SELECT te.id, te.date, te.person_id, p.name, te.area_id, a.code, te.task_id, tk.title, te.minutes,"
        f" te.is_support, te.note, ob.name{_FROM} WHERE {where} ORDER BY te.date DESC, te.id DESC LIMIT ?",
        [*params, limit]).fetchall()
    return [EntryRow(r[0], date.fromisoformat(r[1]), r[2], r[3], r[4], r[5], r[6], r[7], r[8], bool(r[9]), r[10],
                     r[11]) for r in rows], count, total


def totals(conn: sqlite3.Connection, f: EntryFilter, by: str) -> list[tuple[str, int, int, str]]:
    """(label, minutes, of which support, key) per person, area or task (hours without a task: their
    area). The key says which entries are behind a row: ``person:ID``, ``area:ID`` or ``task:ID``."""
    label, key = {"person": ("p.name", "'person:' || p.id"), "area": ("a.code || ' ' || a.short_name", "'area:' || a.id"),
                  "task": ("coalesce('#' || tk.id || ' ' || tk.title, a.code || ' ' || a.short_name)",
                           "coalesce('task:' || tk.id, 'area:' || a.id)")}[by]
    where, params = _where(f)
    return [tuple(r) for r in conn.execute(
        f"SELECT {label}, sum(te.minutes), sum(CASE WHEN te.is_support THEN te.minutes ELSE 0 END), {key}"
        f"{_FROM} WHERE {where} GROUP BY 1, 4 ORDER BY 2 DESC", params)]


def area_minutes(conn: sqlite3.Connection, start: date, end: date) -> dict[int, int]:
    """Minutes per task area in a period (the areas list of the Tasks screen)."""
    return dict(conn.execute("SELECT area_id, sum(minutes) FROM time_entry WHERE date BETWEEN ? AND ? GROUP BY area_id",
                             (start.isoformat(), end.isoformat())).fetchall())


def monthly_leadership(conn: sqlite3.Connection, year: int) -> list[float]:
    """Project leadership hours per month of ``year`` (12 values)."""
    rows = dict(conn.execute(
        "SELECT CAST(strftime('%m', te.date) AS INTEGER), sum(te.minutes) FROM time_entry te"
        " JOIN task_area a ON a.id = te.area_id WHERE a.scope = 'projektledelse' AND te.date BETWEEN ? AND ?"
        " GROUP BY 1", (f"{year}-01-01", f"{year}-12-31")).fetchall())
    return [rows.get(m, 0) / 60 for m in range(1, 13)]


def monthly_by_person(conn: sqlite3.Connection, year: int) -> dict[int, list[float]]:
    """Non-support follow-up group hours per person and month of ``year``."""
    out: dict[int, list[float]] = {}
    for person, month, minutes in conn.execute(
            "SELECT te.person_id, CAST(strftime('%m', te.date) AS INTEGER), sum(te.minutes) FROM time_entry te"
            " JOIN task_area a ON a.id = te.area_id WHERE a.scope = 'folgegruppe' AND NOT te.is_support"
            " AND te.date BETWEEN ? AND ? GROUP BY 1, 2", (f"{year}-01-01", f"{year}-12-31")):
        out.setdefault(person, [0.0] * 12)[month - 1] = minutes / 60
    return out

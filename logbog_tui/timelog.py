"""Logging hours: validation and the write, in one short transaction."""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, timedelta

from logbog_tui.db import transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_minutes, t
from logbog_tui.service.parse import MAX_MINUTES_PER_DAY

MAX_NOTE = 2000


@dataclass(frozen=True)
class Draft:
    person_id: int
    day: date
    minutes: int
    area_id: int | None = None
    task_id: int | None = None
    ticket_id: int | None = None
    is_support: bool = False
    note: str | None = None


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


def last_used(conn: sqlite3.Connection, person_id: int) -> tuple[int | None, int | None]:
    """(area id, task id) of the person's most recently created entry."""
    row = conn.execute("SELECT area_id, task_id FROM time_entry WHERE person_id = ? ORDER BY id DESC LIMIT 1",
                       (person_id,)).fetchone()
    return (row[0], row[1]) if row else (None, None)


def save(conn: sqlite3.Connection, draft: Draft, today: date) -> Saved:
    """Validate ``draft`` and insert it; raises :class:`UserError` and writes nothing on bad input.

    Hours on a ticket are support (domain.md): they never count toward a member's 74 hours, and
    project leadership hours on a ticket go to PL9 (support for the representatives).
    """
    if draft.ticket_id is not None and not draft.is_support:
        draft = replace(draft, is_support=True)
    _validate(draft, today)
    with transaction(conn):
        area_id = _area_for(conn, draft)
        if draft.ticket_id is not None:  # project leadership on a ticket is PL9, support for the representatives
            scope = conn.execute("SELECT scope FROM task_area WHERE id = ?", (area_id,)).fetchone()[0]
            if scope == "projektledelse":
                area_id = conn.execute("SELECT id FROM task_area WHERE code = 'PL9'").fetchone()[0]
        day_total = conn.execute("SELECT coalesce(sum(minutes), 0) FROM time_entry WHERE person_id = ? AND date = ?",
                                 (draft.person_id, draft.day.isoformat())).fetchone()[0]
        if day_total + draft.minutes > MAX_MINUTES_PER_DAY:
            raise UserError(t("log.day_full", date=fmt_date(draft.day), logged=fmt_minutes(day_total)))
        cur = conn.execute(
            "INSERT INTO time_entry (person_id, date, minutes, area_id, task_id, ticket_id, is_support, note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (draft.person_id, draft.day.isoformat(), draft.minutes, area_id, draft.task_id, draft.ticket_id,
             int(draft.is_support), _note(draft.note)))
        code, scope = conn.execute("SELECT code, scope FROM task_area WHERE id = ?", (area_id,)).fetchone()
    return Saved(cur.lastrowid, draft.person_id, draft.day, draft.minutes, area_id, code, scope,
                 draft.task_id, draft.is_support)

ENTRY_COLUMNS = ("id", "person_id", "date", "minutes", "area_id", "task_id", "ticket_id", "is_support", "note",
                 "created_at")


def get_row(conn: sqlite3.Connection, entry_id: int) -> dict | None:
    row = conn.execute(f"SELECT {', '.join(ENTRY_COLUMNS)} FROM time_entry WHERE id = ?", (entry_id,)).fetchone()
    return dict(zip(ENTRY_COLUMNS, row)) if row else None


def update(conn: sqlite3.Connection, entry_id: int, draft: Draft, today: date) -> dict:
    """Replace entry ``entry_id`` with ``draft`` (validated like :func:`save`); returns the old row."""
    old = get_row(conn, entry_id)
    if old is None:
        raise UserError(t("entry.gone"))
    _validate(draft, today)
    with transaction(conn):
        area_id = _area_for(conn, draft)
        day_total = conn.execute(
            "SELECT coalesce(sum(minutes), 0) FROM time_entry WHERE person_id = ? AND date = ? AND id <> ?",
            (draft.person_id, draft.day.isoformat(), entry_id)).fetchone()[0]
        if day_total + draft.minutes > MAX_MINUTES_PER_DAY:
            raise UserError(t("log.day_full", date=fmt_date(draft.day), logged=fmt_minutes(day_total)))
        conn.execute("UPDATE time_entry SET person_id = ?, date = ?, minutes = ?, area_id = ?, task_id = ?,"
                     " is_support = ?, note = ? WHERE id = ?",
                     (draft.person_id, draft.day.isoformat(), draft.minutes, area_id, draft.task_id,
                      int(draft.is_support), _note(draft.note), entry_id))
    return old


def delete(conn: sqlite3.Connection, entry_id: int) -> dict:
    """Delete entry ``entry_id``; returns the row as it was (for undo)."""
    with transaction(conn):
        old = get_row(conn, entry_id)
        if old is None:
            raise UserError(t("entry.gone"))
        conn.execute("DELETE FROM time_entry WHERE id = ?", (entry_id,))
    return old


def delete_many(conn: sqlite3.Connection, entry_ids: list[int]) -> int:
    """Delete several entries in one transaction (undo of a batch, such as a meeting's hours)."""
    with transaction(conn):
        return sum(conn.execute("DELETE FROM time_entry WHERE id = ?", (i,)).rowcount for i in entry_ids)


def restore(conn: sqlite3.Connection, row: dict) -> None:
    """Put ``row`` back exactly as it was (same id): undo of an edit or a delete."""
    with transaction(conn):
        conn.execute("DELETE FROM time_entry WHERE id = ?", (row["id"],))
        conn.execute(f"INSERT INTO time_entry ({', '.join(ENTRY_COLUMNS)}) VALUES ({', '.join('?' * len(ENTRY_COLUMNS))})",
                     [row[c] for c in ENTRY_COLUMNS])


def _note(text: str | None) -> str | None:
    return unicodedata.normalize("NFC", text).strip() or None if text else None


def _validate(draft: Draft, today: date) -> None:
    if draft.minutes <= 0:
        raise UserError(t("parse.hours.not_positive"))
    if draft.minutes > MAX_MINUTES_PER_DAY:
        raise UserError(t("parse.hours.too_many"))
    if draft.day > today + timedelta(days=366):
        raise UserError(t("log.too_far_ahead", date=fmt_date(draft.day)))
    note = _note(draft.note)
    if note and len(note) > MAX_NOTE:
        raise UserError(t("log.note_too_long", max=MAX_NOTE))
    if note and any(unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\t" for ch in note):
        raise UserError(t("log.note_control"))


def _area_for(conn: sqlite3.Connection, draft: Draft) -> int:
    area_id = draft.area_id
    if draft.task_id is not None:
        row = conn.execute("SELECT area_id FROM task WHERE id = ?", (draft.task_id,)).fetchone()
        if row is None:
            raise UserError(t("resolve.none", what=t("what.no.task"), text=draft.task_id))
        area_id = row[0]
    if area_id is None:
        raise UserError(t("log.no_area"))
    if conn.execute("SELECT 1 FROM task_area WHERE id = ?", (area_id,)).fetchone() is None:
        raise UserError(t("resolve.none", what=t("what.no.area"), text=area_id))
    return area_id

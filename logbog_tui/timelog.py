"""Logging hours: validation and the write, in one short transaction."""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from logbog_tui import queries
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
    """Validate ``draft`` and insert it; raises :class:`UserError` and writes nothing on bad input."""
    if draft.minutes <= 0:
        raise UserError(t("parse.hours.not_positive"))
    if draft.day > today + timedelta(days=366):
        raise UserError(t("log.too_far_ahead", date=fmt_date(draft.day)))
    note = unicodedata.normalize("NFC", draft.note).strip() if draft.note else None
    if note and len(note) > MAX_NOTE:
        raise UserError(t("log.note_too_long", max=MAX_NOTE))
    if note and any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in note):
        raise UserError(t("log.note_control"))
    with transaction(conn):
        area_id = draft.area_id
        if draft.task_id is not None:
            row = conn.execute("SELECT area_id FROM task WHERE id = ?", (draft.task_id,)).fetchone()
            if row is None:
                raise UserError(t("resolve.none", what=t("what.task"), text=draft.task_id))
            area_id = row[0]
        if area_id is None:
            raise UserError(t("log.no_area"))
        area = conn.execute("SELECT code, scope FROM task_area WHERE id = ?", (area_id,)).fetchone()
        if area is None:
            raise UserError(t("resolve.none", what=t("what.area"), text=area_id))
        day_total = conn.execute("SELECT coalesce(sum(minutes), 0) FROM time_entry WHERE person_id = ? AND date = ?",
                                 (draft.person_id, draft.day.isoformat())).fetchone()[0]
        if day_total + draft.minutes > MAX_MINUTES_PER_DAY:
            raise UserError(t("log.day_full", date=fmt_date(draft.day), logged=fmt_minutes(day_total)))
        cur = conn.execute(
            "INSERT INTO time_entry (person_id, date, minutes, area_id, task_id, ticket_id, is_support, note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (draft.person_id, draft.day.isoformat(), draft.minutes, area_id, draft.task_id, draft.ticket_id,
             int(draft.is_support), note))
    return Saved(cur.lastrowid, draft.person_id, draft.day, draft.minutes, area_id, area[0], area[1],
                 draft.task_id, draft.is_support)

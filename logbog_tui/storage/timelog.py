"""Logging hours: validation and the write, in one short transaction."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import date

from logbog_tui.storage import queries
from logbog_tui.storage.session import transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_minutes, t
from logbog_tui.service import Problem
from logbog_tui.service.entry_rules import entry_warnings
from logbog_tui.service.parse import MAX_MINUTES_PER_DAY
from logbog_tui.service.text import has_control, normalise

MAX_NOTE = 2000


class PrincipalError(UserError):
    """On whose behalf the hours were done is missing or wrong (shown at the dialog's field)."""

    field = "for"


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
    on_behalf_of: int | None = None   # the member a substitute worked for; None: their own hours


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
    warnings: tuple[str, ...] = ()


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
    _validate(conn, draft, today)
    with transaction(conn):
        area_id = _area_for(conn, draft)
        if draft.ticket_id is not None:  # project leadership on a ticket is PL9, support for the representatives
            scope = conn.execute("SELECT scope FROM task_area WHERE id = ?", (area_id,)).fetchone()[0]
            if scope == "projektledelse":
                area_id = conn.execute("SELECT id FROM task_area WHERE code = 'PL9'").fetchone()[0]
        code, scope = conn.execute("SELECT code, scope FROM task_area WHERE id = ?", (area_id,)).fetchone()
        on_behalf = principal(conn, draft, scope)
        day_total = conn.execute("SELECT coalesce(sum(minutes), 0) FROM time_entry WHERE person_id = ? AND date = ?",
                                 (draft.person_id, draft.day.isoformat())).fetchone()[0]
        if day_total + draft.minutes > MAX_MINUTES_PER_DAY:
            raise UserError("log.day_full", date=fmt_date(draft.day), logged=fmt_minutes(day_total))
        cur = conn.execute(
            "INSERT INTO time_entry (person_id, date, minutes, area_id, task_id, ticket_id, is_support, note,"
            " on_behalf_of_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (draft.person_id, draft.day.isoformat(), draft.minutes, area_id, draft.task_id, draft.ticket_id,
             int(draft.is_support), _note(draft.note), on_behalf))
    return Saved(cur.lastrowid, draft.person_id, draft.day, draft.minutes, area_id, code, scope,
                 draft.task_id, draft.is_support, on_behalf, warnings(conn, draft.day, draft.minutes, day_total))


def principal(conn: sqlite3.Connection, draft: Draft, scope: str) -> int | None:
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


def resolve_principal(conn: sqlite3.Connection, person_id: int, day: date, text: str) -> int | None:
    """The member named by ``text`` for an entry of ``person_id`` on ``day`` (blank: ``None``).
    The members the person substitutes for that day are searched first, then the register."""
    if not text or not text.strip():
        return None
    candidates = queries.principals(conn, person_id, day)
    if queries.is_member(conn, person_id, day.year):
        own = queries.person_names(conn, [person_id])
        candidates.append(queries.Named(person_id, own.get(person_id, "?")))
    try:
        return queries.resolve(candidates, text, "person").id if candidates else queries.resolve_person(conn, text).id
    except UserError:
        return queries.resolve_person(conn, text).id


def _name(conn: sqlite3.Connection, person_id: int) -> str:
    return queries.person_names(conn, [person_id]).get(person_id, "?")


def warnings(conn: sqlite3.Connection, day: date, minutes: int, others: int) -> tuple[str, ...]:
    """The warnings of an entry (long day, weekend, holiday or extra day off), translated."""
    out = []
    for w in entry_warnings(day, minutes, others, queries.days_off(conn)):
        params = dict(w.params)
        if "weekday" in params:
            params["weekday"] = t(f"weekday.long.{params['weekday']}")
        if "minutes" in params:
            params["hours"] = fmt_minutes(params.pop("minutes"))
        out.append(t(w.key, date=fmt_date(day), **params))
    return tuple(out)

ENTRY_COLUMNS = ("id", "person_id", "date", "minutes", "area_id", "task_id", "ticket_id", "is_support", "note",
                 "created_at", "on_behalf_of_id")


def get_row(conn: sqlite3.Connection, entry_id: int) -> dict | None:
    row = conn.execute(f"SELECT {', '.join(ENTRY_COLUMNS)} FROM time_entry WHERE id = ?", (entry_id,)).fetchone()
    return dict(zip(ENTRY_COLUMNS, row)) if row else None


def update(conn: sqlite3.Connection, entry_id: int, draft: Draft, today: date) -> dict:
    """Replace entry ``entry_id`` with ``draft`` (validated like :func:`save`); returns the old row."""
    old = get_row(conn, entry_id)
    if old is None:
        raise UserError("entry.gone")
    _validate(conn, draft, today)
    with transaction(conn):
        area_id = _area_for(conn, draft)
        scope = conn.execute("SELECT scope FROM task_area WHERE id = ?", (area_id,)).fetchone()[0]
        on_behalf = principal(conn, draft, scope)
        day_total = conn.execute(
            "SELECT coalesce(sum(minutes), 0) FROM time_entry WHERE person_id = ? AND date = ? AND id <> ?",
            (draft.person_id, draft.day.isoformat(), entry_id)).fetchone()[0]
        if day_total + draft.minutes > MAX_MINUTES_PER_DAY:
            raise UserError("log.day_full", date=fmt_date(draft.day), logged=fmt_minutes(day_total))
        conn.execute("UPDATE time_entry SET person_id = ?, date = ?, minutes = ?, area_id = ?, task_id = ?,"
                     " is_support = ?, note = ?, on_behalf_of_id = ? WHERE id = ?",
                     (draft.person_id, draft.day.isoformat(), draft.minutes, area_id, draft.task_id,
                      int(draft.is_support), _note(draft.note), on_behalf, entry_id))
    return old


def delete(conn: sqlite3.Connection, entry_id: int) -> dict:
    """Delete entry ``entry_id``; returns the row as it was (for undo)."""
    with transaction(conn):
        old = get_row(conn, entry_id)
        if old is None:
            raise UserError("entry.gone")
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
    return normalise(text) or None


def _validate(conn: sqlite3.Connection, draft: Draft, today: date) -> None:
    if draft.minutes <= 0:
        raise UserError("parse.hours.not_positive")
    if draft.minutes > MAX_MINUTES_PER_DAY:
        raise UserError("parse.hours.too_many")
    try:
        queries.date_range(conn, today).check(draft.day)
    except Problem as p:
        raise UserError(p.key, **p.params) from None
    note = _note(draft.note)
    if note and len(note) > MAX_NOTE:
        raise UserError("log.note_too_long", max=MAX_NOTE)
    if note and has_control(note, long_text=True):
        raise UserError("log.note_control")


def _area_for(conn: sqlite3.Connection, draft: Draft) -> int:
    area_id = draft.area_id
    if draft.task_id is not None:
        row = conn.execute("SELECT area_id FROM task WHERE id = ?", (draft.task_id,)).fetchone()
        if row is None:
            raise UserError("resolve.none", what=t("what.no.task"), text=draft.task_id)
        area_id = row[0]
    if area_id is None:
        raise UserError("log.no_area")
    if conn.execute("SELECT 1 FROM task_area WHERE id = ?", (area_id,)).fetchone() is None:
        raise UserError("resolve.none", what=t("what.no.area"), text=area_id)
    return area_id

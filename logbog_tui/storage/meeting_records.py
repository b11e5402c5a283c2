"""What happened at a meeting: agenda items with decisions, referrals to the steering group,
attendance, tasks from actions, and logging the meeting's hours for everyone present."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from logbog_tui.storage import memberships
from logbog_tui.storage.session import transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_minutes, t, t_every
from logbog_tui.textfields import clean
from logbog_tui.storage.meetings import get
from logbog_tui.service.parse import MAX_MINUTES_PER_DAY

ATTENDANCE = ("present", "absent", "substitute")


@dataclass(frozen=True)
class Item:
    id: int
    meeting_id: int
    position: int
    title: str
    owner: str | None
    notes: str | None
    decision: str | None
    referred: bool
    settled_by: int | None


def _clean(text: str | None, limit: int = 10_000) -> str | None:
    return clean(text, limit, long_text=limit > 300)


def items(conn: sqlite3.Connection, meeting_id: int) -> list[Item]:
    return [Item(*r[:7], bool(r[7]), r[8]) for r in conn.execute(
        "SELECT i.id, i.meeting_id, i.position, i.title, p.name, i.notes, i.decision, i.referred, i.settled_by_id"
        " FROM agenda_item i LEFT JOIN person p ON p.id = i.owner_id WHERE i.meeting_id = ? ORDER BY i.position, i.id",
        (meeting_id,))]


def save_item(conn: sqlite3.Connection, meeting_id: int, title: str, owner_id: int | None, notes: str | None,
              decision: str | None, referred: bool, item_id: int | None = None) -> int:
    title = _clean(title, 300)
    if not title:
        raise UserError("task.required", field=t("task.field.title"))
    with transaction(conn):
        if item_id is None:
            pos = conn.execute("SELECT coalesce(max(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?",
                               (meeting_id,)).fetchone()[0]
            return conn.execute("INSERT INTO agenda_item (meeting_id, position, title, owner_id, notes, decision,"
                                " referred) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                (meeting_id, pos, title, owner_id, _clean(notes), _clean(decision), int(referred))
                                ).lastrowid
        conn.execute("UPDATE agenda_item SET title = ?, owner_id = ?, notes = ?, decision = ?, referred = ?"
                     " WHERE id = ?", (title, owner_id, _clean(notes), _clean(decision), int(referred), item_id))
        return item_id


def set_referred(conn: sqlite3.Connection, item_id: int, referred: bool) -> None:
    """Refer an item to the steering group, or take the referral back (and its settlement with it).
    Nothing else of the item changes."""
    with transaction(conn):
        if conn.execute("UPDATE agenda_item SET referred = ?, settled_by_id = CASE WHEN ? THEN settled_by_id END"
                        " WHERE id = ?", (int(referred), int(referred), item_id)).rowcount != 1:
            raise UserError("record.item_gone")


def set_minutes(conn: sqlite3.Connection, meeting_id: int, text: str) -> None:
    with transaction(conn):
        conn.execute("UPDATE meeting SET minutes_text = ? WHERE id = ?", (_clean(text, 100_000), meeting_id))


def minutes(conn: sqlite3.Connection, meeting_id: int) -> str:
    return conn.execute("SELECT coalesce(minutes_text, '') FROM meeting WHERE id = ?", (meeting_id,)).fetchone()[0]


@dataclass(frozen=True)
class Referral:
    item_id: int
    meeting_id: int
    day: date
    title: str
    settled_by: int | None
    settled_on: date | None
    decision: str | None


def referrals(conn: sqlite3.Connection, open_only: bool = True) -> list[Referral]:
    """Items the follow-up group referred to the steering group (a disagreement), and how settled."""
    sql = ("SELECT i.id, i.meeting_id, m.date, i.title, i.settled_by_id, sm.date, s.decision FROM agenda_item i"
           " JOIN meeting m ON m.id = i.meeting_id LEFT JOIN agenda_item s ON s.id = i.settled_by_id"
           " LEFT JOIN meeting sm ON sm.id = s.meeting_id WHERE i.referred = 1")
    if open_only:
        sql += " AND i.settled_by_id IS NULL"
    return [Referral(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], date.fromisoformat(r[5]) if r[5] else None,
                     r[6]) for r in conn.execute(sql + " ORDER BY m.date")]


def settle(conn: sqlite3.Connection, referred_item_id: int, settling_item_id: int) -> None:
    """Link a referral to the steering group item (decision) that settled it."""
    with transaction(conn):
        row = conn.execute("SELECT m.body_code, m.date FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id"
                           " WHERE i.id = ?", (settling_item_id,)).fetchone()
        if row is None or row[0] != "styregruppe":
            raise UserError("record.settle_needs_steering")
        referred_on = conn.execute("SELECT m.date FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id"
                                   " WHERE i.id = ?", (referred_item_id,)).fetchone()
        if referred_on is not None and row[1] < referred_on[0]:
            raise UserError("record.settle_before_referral", settled=fmt_date(date.fromisoformat(row[1])),
                              referred=fmt_date(date.fromisoformat(referred_on[0])))
        if conn.execute("UPDATE agenda_item SET settled_by_id = ? WHERE id = ? AND referred = 1",
                        (settling_item_id, referred_item_id)).rowcount != 1:
            raise UserError("record.not_referred")


def task_from_item(conn: sqlite3.Connection, item_id: int, area_id: int, owner_id: int | None = None) -> int:
    """An action from a meeting becomes a task linked back to the meeting."""
    with transaction(conn):
        row = conn.execute("SELECT meeting_id, title, coalesce(decision, notes) FROM agenda_item WHERE id = ?",
                           (item_id,)).fetchone()
        if row is None:
            raise UserError("record.item_gone")
        return conn.execute("INSERT INTO task (area_id, title, description, owner_id, meeting_id) VALUES (?, ?, ?, ?, ?)",
                            (area_id, row[1], row[2], owner_id, row[0])).lastrowid


# --- attendance ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Attendee:
    person_id: int
    name: str
    seat: str
    status: str | None          # None: not recorded yet
    represented_by: int | None
    substitutes: tuple[tuple[int, str], ...]


def attendees(conn: sqlite3.Connection, meeting_id: int) -> list[Attendee]:
    """Every seat holder of the body on the meeting's date, with what is recorded for them."""
    m = get(conn, meeting_id)
    recorded = {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT person_id, status, represented_by_id FROM attendance WHERE meeting_id = ?", (meeting_id,))}
    out, seen = [], set()
    for line in memberships.composition(conn, m.body, m.day):
        if line.holder is None or line.holder.person_id in seen:
            continue
        seen.add(line.holder.person_id)
        status, rep = recorded.get(line.holder.person_id, (None, None))
        out.append(Attendee(line.holder.person_id, line.holder.person, line.seat.label, status, rep,
                            tuple((s.person_id, s.person) for s in line.substitutes)))
    return out


def set_attendance(conn: sqlite3.Connection, meeting_id: int, person_id: int, status: str,
                   represented_by: int | None = None) -> None:
    if status not in ATTENDANCE:
        raise UserError("record.bad_attendance")
    if (status == "substitute") != (represented_by is not None):
        raise UserError("record.substitute_needed")
    with transaction(conn):
        conn.execute("INSERT INTO attendance (meeting_id, person_id, status, represented_by_id) VALUES (?, ?, ?, ?)"
                     " ON CONFLICT (meeting_id, person_id) DO UPDATE SET status = excluded.status,"
                     " represented_by_id = excluded.represented_by_id", (meeting_id, person_id, status, represented_by))


class Logged(NamedTuple):
    person_id: int
    minutes: int
    code: str
    entry_id: int


def fg_areas(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """The follow-up group's task areas (id, code, short name): where members' meeting hours go."""
    return [tuple(r) for r in conn.execute(
        "SELECT id, code, short_name FROM task_area WHERE scope = 'folgegruppe' ORDER BY position")]


def logged_for(conn: sqlite3.Connection, meeting_id: int) -> list[tuple[str, int, str]]:
    """Hours already logged for the meeting with `t` (person, minutes, area code): the entries of
    its day that carry its note, in either language."""
    m = get(conn, meeting_id)
    notes = t_every("record.entry_note", date=fmt_date(m.day))
    return [tuple(r) for r in conn.execute(
        "SELECT p.name, te.minutes, a.code FROM time_entry te JOIN person p ON p.id = te.person_id"
        " JOIN task_area a ON a.id = te.area_id WHERE te.date = ? AND te.note IN (?, ?) ORDER BY p.name",
        (m.day.isoformat(), *notes))]


def log_hours(conn: sqlite3.Connection, meeting_id: int, meeting_minutes: int, prep_minutes: int,
              travel_minutes: int, fg_area_id: int) -> list[Logged]:
    """Log the meeting (plus preparation and travel) for everyone present, in one transaction.

    Members and the substitutes who represented them get follow-up group hours on ``fg_area_id``
    (a substitute's entry says on whose behalf); the project leader's hours are project leadership
    (PL6, secretariat service). Returns (person id, minutes, area code, entry id) per entry.
    Refuses all if anyone's day would pass 24 hours, or if ``fg_area_id`` is not a follow-up
    group area.
    """
    m = get(conn, meeting_id)
    if m.status == "cancelled":
        raise UserError("record.cancelled_no_hours")
    each = meeting_minutes + prep_minutes + travel_minutes
    if each <= 0:
        raise UserError("parse.hours.not_positive")
    with transaction(conn):
        rows = conn.execute("SELECT a.person_id, a.status, a.represented_by_id, s.kind FROM attendance a"
                            " LEFT JOIN membership ms ON ms.person_id = a.person_id AND ms.substitute_for_id IS NULL"
                            "  AND ms.valid_from <= :d AND coalesce(ms.valid_to, '9999-12-31') >= :d"
                            " LEFT JOIN seat s ON s.id = ms.seat_id AND s.body_code = :b"
                            " WHERE a.meeting_id = :m AND a.status IN ('present', 'substitute')",
                            {"d": m.day.isoformat(), "b": m.body, "m": meeting_id}).fetchall()
        pl6 = conn.execute("SELECT id FROM task_area WHERE code = 'PL6'").fetchone()[0]
        fg = conn.execute("SELECT code, scope FROM task_area WHERE id = ?", (fg_area_id,)).fetchone()
        if fg is None or fg[1] != "folgegruppe":
            raise UserError("record.fg_area_only", code=fg[0] if fg else "?")
        fg_code = fg[0]
        people: dict[int, tuple[int, str, int | None]] = {}
        for person, status, rep, kind in rows:
            who = rep if status == "substitute" else person
            leader = kind == "project_leader" and status == "present"
            if who not in people or leader:
                people[who] = (pl6, "PL6", None) if leader else (fg_area_id, fg_code,
                                                                  person if status == "substitute" else None)
        if not people:
            raise UserError("record.nobody_present")
        out = []
        for person, (area, code, on_behalf) in people.items():
            total = conn.execute("SELECT coalesce(sum(minutes), 0) FROM time_entry WHERE person_id = ? AND date = ?",
                                 (person, m.day.isoformat())).fetchone()[0]
            if total + each > MAX_MINUTES_PER_DAY:
                name = conn.execute("SELECT name FROM person WHERE id = ?", (person,)).fetchone()[0]
                raise UserError("record.day_full", person=name, date=fmt_date(m.day), logged=fmt_minutes(total))
            entry = conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id, note, on_behalf_of_id)"
                                 " VALUES (?, ?, ?, ?, ?, ?)", (person, m.day.isoformat(), each, area,
                                                                 t("record.entry_note", date=fmt_date(m.day)),
                                                                 on_behalf))
            out.append(Logged(person, each, code, entry.lastrowid))
    return out

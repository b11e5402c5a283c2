"""Seats and memberships in the database: load them for the composition rule, appoint
members and substitutes, end memberships. Every write is one short transaction."""

from __future__ import annotations

import sqlite3
from datetime import date

from logbog_tui.storage.session import transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t
from logbog_tui.textfields import clean
from logbog_tui.service.composition import Membership, Seat, compose, conflicting, overlap, warnings

ROLES = ("member", "chair", "secretary", "chair_secretary")


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def seats(conn: sqlite3.Connection) -> list[Seat]:
    return [Seat(r[0], r[1], r[2], r[3], r[4], _d(r[5]), _d(r[6])) for r in conn.execute(
        "SELECT id, body_code, kind, label, position, valid_from, valid_to FROM seat")]


def memberships(conn: sqlite3.Connection, person_id: int | None = None) -> list[Membership]:
    sql = ("SELECT m.id, m.person_id, p.name, m.seat_id, m.valid_from, m.valid_to, m.substitute_for_id, m.role"
           " FROM membership m JOIN person p ON p.id = m.person_id")
    params: tuple = ()
    if person_id is not None:
        sql += " WHERE m.person_id = ?"
        params = (person_id,)
    return [Membership(r[0], r[1], r[2], r[3], _d(r[4]), _d(r[5]), r[6], r[7])
            for r in conn.execute(sql + " ORDER BY m.valid_from", params)]


def composition(conn: sqlite3.Connection, body: str, day: date):
    return compose(seats(conn), memberships(conn), body, day)


def current_warnings(conn: sqlite3.Connection, today: date):
    return warnings(seats(conn), memberships(conn), today)


def _check_period(start: date, end: date | None) -> None:
    if end is not None and end < start:
        raise UserError("membership.end_before_start", field="end")


def _ref(text: str | None) -> str | None:
    try:
        return clean(text, 500)
    except UserError as exc:
        raise exc.under("reference") from None


def appoint(conn: sqlite3.Connection, person_id: int, seat_id: int, start: date, end: date | None,
            role: str = "member", reference: str | None = None) -> int:
    """Make ``person_id`` the holder of ``seat_id`` for the period; refuses overlaps."""
    _check_period(start, end)
    if role not in ROLES:
        raise UserError("membership.bad_role")
    with transaction(conn):
        seat = next((s for s in seats(conn) if s.id == seat_id), None)
        if seat is None:
            raise UserError("membership.no_seat")
        if end is None and seat.valid_to is not None and start <= seat.valid_to:
            end = seat.valid_to  # "until further notice" ends with the seat itself
        if start < seat.valid_from or (seat.valid_to and (end is None or end > seat.valid_to)):
            raise UserError("membership.outside_seat", seat=seat.label, start=fmt_date(seat.valid_from),
                              end=fmt_date(seat.valid_to) if seat.valid_to else "…")
        clash = conflicting(memberships(conn), seat_id, start, end)
        if clash is not None:
            raise UserError("membership.overlap", seat=seat.label, person=clash.person,
                              start=fmt_date(clash.valid_from),
                              end=fmt_date(clash.valid_to) if clash.valid_to else "…")
        return conn.execute("INSERT INTO membership (person_id, seat_id, role, valid_from, valid_to, appointment_ref)"
                            " VALUES (?, ?, ?, ?, ?, ?)",
                            (person_id, seat_id, role, start.isoformat(), end.isoformat() if end else None,
                             _ref(reference))).lastrowid


def appoint_substitute(conn: sqlite3.Connection, person_id: int, member_membership_id: int, start: date,
                       end: date | None, reference: str | None = None) -> int:
    """Make ``person_id`` substitute for the holder of membership ``member_membership_id``."""
    _check_period(start, end)
    with transaction(conn):
        member = next((m for m in memberships(conn) if m.id == member_membership_id), None)
        if member is None or member.substitute_for is not None:
            raise UserError("membership.no_member")
        if member.person_id == person_id:
            raise UserError("membership.own_substitute")
        if end is None and member.valid_to is not None and start <= member.valid_to:
            end = member.valid_to  # a substitute serves at most as long as the member
        if start < member.valid_from or (member.valid_to and (end is None or end > member.valid_to)):
            raise UserError("membership.outside_member", person=member.person, start=fmt_date(member.valid_from),
                              end=fmt_date(member.valid_to) if member.valid_to else "…")
        for m in memberships(conn, person_id):
            if m.substitute_for == member_membership_id and overlap(m.valid_from, m.valid_to, start, end):
                raise UserError("membership.already_substitute", person=member.person)
        return conn.execute("INSERT INTO membership (person_id, seat_id, substitute_for_id, valid_from, valid_to,"
                            " appointment_ref) VALUES (?, ?, ?, ?, ?, ?)",
                            (person_id, member.seat_id, member_membership_id, start.isoformat(),
                             end.isoformat() if end else None, _ref(reference))).lastrowid


def end_membership(conn: sqlite3.Connection, membership_id: int, end: date) -> tuple[int, int]:
    """End a membership on ``end`` (inclusive). Its substitutes end then too, and substitute
    appointments that would only begin after ``end`` are annulled (removed): a substitute serves
    at most as long as the member. Returns (substitutes ended, substitute appointments annulled)."""
    with transaction(conn):
        return _end(conn, membership_id, end)


def _end(conn: sqlite3.Connection, membership_id: int, end: date) -> tuple[int, int]:
    row = conn.execute("SELECT valid_from, valid_to FROM membership WHERE id = ?", (membership_id,)).fetchone()
    if row is None:
        raise UserError("membership.gone")
    if end < date.fromisoformat(row[0]):
        raise UserError("membership.end_before_start", field="end")
    conn.execute("UPDATE membership SET valid_to = ? WHERE id = ?", (end.isoformat(), membership_id))
    ended = conn.execute(
        "UPDATE membership SET valid_to = ? WHERE substitute_for_id = ? AND valid_from <= ?"
        " AND (valid_to IS NULL OR valid_to > ?)", (end.isoformat(), membership_id, end.isoformat(),
                                                     end.isoformat())).rowcount
    annulled = conn.execute("DELETE FROM membership WHERE substitute_for_id = ? AND valid_from > ?",
                            (membership_id, end.isoformat())).rowcount
    return ended, annulled


def cancel_future(conn: sqlite3.Connection, membership_id: int, today: date) -> int:
    """Cancel a membership that has not begun (it starts after ``today``): it is removed, with the
    substitutes appointed for it. Returns how many substitute memberships went with it."""
    with transaction(conn):
        row = conn.execute("SELECT valid_from FROM membership WHERE id = ?", (membership_id,)).fetchone()
        if row is None:
            raise UserError("membership.gone")
        if date.fromisoformat(row[0]) <= today:
            raise UserError("membership.already_begun", date=fmt_date(date.fromisoformat(row[0])))
        return _remove(conn, membership_id)


def _remove(conn: sqlite3.Connection, membership_id: int) -> int:
    subs = conn.execute("DELETE FROM membership WHERE substitute_for_id = ?", (membership_id,)).rowcount
    conn.execute("DELETE FROM membership WHERE id = ?", (membership_id,))
    return subs


def running_after(conn: sqlite3.Connection, person_id: int, day: date) -> list[Membership]:
    """The person's memberships (seats and substitute roles) that run past ``day``."""
    return [m for m in memberships(conn, person_id) if m.valid_to is None or m.valid_to > day]


def end_all_in(conn: sqlite3.Connection, person_id: int, last_day: date) -> int:
    """Inside the caller's transaction: end every membership of the person that runs past
    ``last_day`` on that day (their substitutes end too); one that begins after it is removed.
    Returns how many of the person's memberships were ended or removed."""
    running = running_after(conn, person_id, last_day)
    for m in running:
        if m.valid_from > last_day:
            _remove(conn, m.id)
        else:
            _end(conn, m.id, last_day)
    return len(running)

"""People: validated contact data (only what the work needs; never a CPR number), the list
with current seats, personal-data export, and erasure."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timezone

from logbog_tui.storage import journal, memberships
from logbog_tui.storage.db import transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.service.text import has_control

LIMITS = {"name": 200, "title": 200, "email": 254, "phone": 40, "notes": 10_000}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_CPR = re.compile(r"\b\d{6}-?\d{4}\b")


@dataclass(frozen=True)
class PersonDraft:
    name: str
    organisation_id: int | None = None
    title: str | None = None
    email: str | None = None
    phone: str | None = None
    notes: str | None = None


def _text(value: str | None) -> str:
    return unicodedata.normalize("NFC", value or "").strip()


def valid_phone(text: str) -> bool:
    """Danish (8 digits, optionally +45/0045) or international (+ and 8-15 digits)."""
    compact = re.sub(r"[\s\-().]", "", text)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+45"):
        return bool(re.fullmatch(r"\+45\d{8}", compact))
    if compact.startswith("+"):
        return bool(re.fullmatch(r"\+\d{8,15}", compact))
    return bool(re.fullmatch(r"\d{8}", compact))


def validate(values: dict[str, str], organisation_id: int | None) -> tuple[PersonDraft | None, dict[str, str]]:
    """Field by field: returns a draft, or the messages to show next to each bad field."""
    clean = {k: _text(values.get(k)) for k in LIMITS}
    errors: dict[str, str] = {}
    for key, limit in LIMITS.items():
        if len(clean[key]) > limit:
            errors[key] = t("person.too_long", max=limit)
        elif has_control(clean[key], long_text=key == "notes"):
            errors[key] = t("person.control_chars")
    if not clean["name"] and "name" not in errors:
        errors["name"] = t("person.name_required")
    if clean["email"] and "email" not in errors and not _EMAIL.match(clean["email"]):
        errors["email"] = t("person.bad_email")
    if clean["phone"] and "phone" not in errors and not valid_phone(clean["phone"]):
        errors["phone"] = t("person.bad_phone")
    if "notes" not in errors and _CPR.search(clean["notes"]):
        errors["notes"] = t("person.no_cpr")
    if errors:
        return None, errors
    return PersonDraft(clean["name"], organisation_id, clean["title"] or None, clean["email"] or None,
                       clean["phone"] or None, clean["notes"] or None), {}


def create(conn: sqlite3.Connection, d: PersonDraft) -> int:
    with transaction(conn):
        return conn.execute("INSERT INTO person (name, organisation_id, title, email, phone, notes)"
                            " VALUES (?, ?, ?, ?, ?, ?)",
                            (d.name, d.organisation_id, d.title, d.email, d.phone, d.notes)).lastrowid


def update(conn: sqlite3.Connection, person_id: int, d: PersonDraft) -> None:
    with transaction(conn):
        if conn.execute("UPDATE person SET name = ?, organisation_id = ?, title = ?, email = ?, phone = ?, notes = ?"
                        " WHERE id = ? AND erased_at IS NULL",
                        (d.name, d.organisation_id, d.title, d.email, d.phone, d.notes, person_id)).rowcount != 1:
            raise UserError(t("person.gone"))


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    organisation: str | None
    organisation_id: int | None
    title: str | None
    email: str | None
    phone: str | None
    notes: str | None
    seats: str
    current: bool


def list_people(conn: sqlite3.Connection, today: date, text: str = "", include_former: bool = False,
                limit: int = 1000) -> list[PersonRow]:
    """People with their current seats; former members (all memberships ended) only on request.
    The filter matches name, organisation, and the labels and bodies of current seats."""
    day = today.isoformat()
    rows = conn.execute(
        """
        SELECT p.id, p.name, o.name, p.organisation_id, p.title, p.email, p.phone, p.notes,
               (SELECT group_concat(CASE b.code WHEN 'styregruppe' THEN 'SG: ' ELSE 'FG: ' END || s.label
                        || CASE WHEN m.substitute_for_id IS NOT NULL THEN :sub ELSE '' END, '; ')
                  FROM membership m JOIN seat s ON s.id = m.seat_id JOIN body b ON b.code = s.body_code
                 WHERE m.person_id = p.id AND m.valid_from <= :day AND coalesce(m.valid_to, '9999-12-31') >= :day)
                 AS seats,
               EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p.id) AS ever,
               EXISTS (SELECT 1 FROM membership m WHERE m.person_id = p.id
                        AND coalesce(m.valid_to, '9999-12-31') >= :day) AS now
          FROM person p LEFT JOIN organisation o ON o.id = p.organisation_id
         WHERE p.erased_at IS NULL
         ORDER BY p.name COLLATE da
        """, {"day": day, "sub": " (" + t("record.status.substitute") + ")"}).fetchall()
    needle = unicodedata.normalize("NFC", text).casefold().strip()
    out = []
    for r in rows:
        current = bool(r[10]) or not r[9]
        if not include_former and not current:
            continue
        seats = r[8] or ""
        bodies = " ".join(t(f"body.{code}") for code, tag in (("styregruppe", "SG:"), ("folgegruppe", "FG:"))
                          if tag in seats)
        haystack = unicodedata.normalize("NFC", " ".join(x for x in (r[1], r[2] or "", seats, bodies) if x)).casefold()
        if needle and needle not in haystack:
            continue
        out.append(PersonRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8] or "", current))
        if len(out) >= limit:
            break
    return out


def export(conn: sqlite3.Connection, person_id: int) -> dict:
    """Everything the database holds about one person, as plain JSON-able data."""
    def table(sql: str) -> list[dict]:
        cur = conn.execute(sql, (person_id,))
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    person = table("SELECT * FROM person WHERE id = ?")
    if not person:
        raise UserError(t("person.gone"))
    return {
        "person": person[0],
        "memberships": table("SELECT m.*, s.label AS seat, s.body_code AS body FROM membership m"
                             " JOIN seat s ON s.id = m.seat_id WHERE m.person_id = ? ORDER BY m.valid_from"),
        "time_entries": table("SELECT te.id, te.date, te.minutes, a.code AS area, te.task_id, te.is_support, te.note"
                              " FROM time_entry te JOIN task_area a ON a.id = te.area_id WHERE te.person_id = ?"
                              " ORDER BY te.date"),
        "attendance": table("SELECT a.meeting_id, m.date, m.body_code AS body, a.status FROM attendance a"
                            " JOIN meeting m ON m.id = a.meeting_id WHERE a.person_id = ? ORDER BY m.date"),
        "tickets_reported": table("SELECT id, year, seq, title, opened_on FROM ticket WHERE reporter_id = ?"),
        "tasks_owned": table("SELECT id, title, due_date, status FROM task WHERE owner_id = ?"),
    }


def has_history(conn: sqlite3.Connection, person_id: int) -> bool:
    """Hours, meetings, tickets or tasks: a person with any of these can only be erased."""
    return conn.execute(
        "SELECT EXISTS (SELECT 1 FROM time_entry WHERE person_id = :p)"
        " OR EXISTS (SELECT 1 FROM attendance WHERE person_id = :p OR represented_by_id = :p)"
        " OR EXISTS (SELECT 1 FROM agenda_item WHERE owner_id = :p)"
        " OR EXISTS (SELECT 1 FROM ticket WHERE reporter_id = :p OR assignee_id = :p)"
        " OR EXISTS (SELECT 1 FROM ticket_event WHERE author_id = :p)"
        " OR EXISTS (SELECT 1 FROM task WHERE owner_id = :p)"
        " OR EXISTS (SELECT 1 FROM membership s JOIN membership m ON s.substitute_for_id = m.id"
        "            WHERE m.person_id = :p)", {"p": person_id}).fetchone()[0] == 1


def delete(conn: sqlite3.Connection, person_id: int) -> None:
    """Delete a person without history (their own memberships go too)."""
    with transaction(conn):
        if has_history(conn, person_id):
            raise UserError(t("person.cannot_delete"))
        conn.execute("DELETE FROM membership WHERE person_id = ?", (person_id,))
        conn.execute("DELETE FROM person WHERE id = ?", (person_id,))


def erase(conn: sqlite3.Connection, person_id: int, last_day: date | None = None) -> str:
    """Remove contact data and replace the name by a placeholder; history stays under it. With
    ``last_day``, the person's seats and substitute roles end that day (those not begun by then
    are removed), so that a seat is not left held by a placeholder for ever."""
    placeholder = t("person.placeholder", id=person_id)
    with transaction(conn):
        if last_day is not None:
            memberships.end_all_in(conn, person_id, last_day)
        if conn.execute("UPDATE person SET name = ?, organisation_id = NULL, title = NULL, email = NULL, phone = NULL,"
                        " notes = NULL, erased_at = ? WHERE id = ? AND erased_at IS NULL",
                        (placeholder, datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
                         person_id)).rowcount != 1:
            raise UserError(t("person.gone"))
        conn.execute("UPDATE time_entry SET note = NULL WHERE person_id = ?", (person_id,))
        journal.forget_person(conn, person_id)  # the journal keeps no copy of what was erased
    return placeholder

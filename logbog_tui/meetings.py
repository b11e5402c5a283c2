"""Meetings in the database: list by year, plan with the rotation, change host, cancel, move.
Every write is one short transaction; warnings are returned, never silently dropped."""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date

from logbog_tui import memberships, queries
from logbog_tui.db import transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t
from logbog_tui.service import meetings as rules
from logbog_tui.service import rotation

BODIES = ("folgegruppe", "styregruppe")
KINDS = ("ordinary", "extra")
STATUSES = ("planned", "held", "cancelled")


@dataclass(frozen=True)
class MeetingRow:
    id: int
    body: str
    day: date
    time: str | None
    duration: int | None
    kind: str
    status: str
    host_code: str | None
    host_name: str | None
    proposed_code: str | None
    override_reason: str | None
    place: str | None

    @property
    def is_override(self) -> bool:
        return bool(self.host_code and self.proposed_code and self.host_code != self.proposed_code)


@dataclass(frozen=True)
class MeetingDraft:
    body: str
    day: date
    time: str | None = None
    duration: int | None = None
    host_code: str | None = None
    reason: str | None = None
    kind: str = "ordinary"
    status: str = "planned"
    place: str | None = None


_SELECT = ("SELECT m.id, m.body_code, m.date, m.start_time, m.duration_minutes, m.kind, m.status, m.host_region_code,"
           " r.name, m.proposed_region_code, m.override_reason, m.place FROM meeting m"
           " LEFT JOIN region r ON r.code = m.host_region_code")


def _row(r) -> MeetingRow:
    return MeetingRow(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11])


def list_meetings(conn: sqlite3.Connection, year: int | None = None, text: str = "") -> list[MeetingRow]:
    sql, params = _SELECT + " WHERE 1", []
    if year is not None:
        sql += " AND m.date BETWEEN ? AND ?"
        params += [f"{year}-01-01", f"{year}-12-31"]
    if text.strip():
        sql += (" AND fold(m.body_code || ' ' || coalesce(r.name, '') || ' ' || m.status || ' ' || m.kind || ' '"
                " || coalesce(m.place, '') || ' ' || coalesce(m.override_reason, '')) LIKE '%' || fold(?) || '%'")
        params.append(text.strip())
    return [_row(r) for r in conn.execute(sql + " ORDER BY m.date, m.id", params)]


def get(conn: sqlite3.Connection, meeting_id: int) -> MeetingRow:
    row = conn.execute(_SELECT + " WHERE m.id = ?", (meeting_id,)).fetchone()
    if row is None:
        raise UserError(t("meeting.gone"))
    return _row(row)


def resolve_region(conn: sqlite3.Connection, text: str, day: date) -> rotation.Region:
    """A region by code or name, case-insensitive, with or without "Region "; must be in force on ``day``."""
    query = queries.fold(text.strip())
    if query.startswith("region "):
        query = query[len("region "):]
    candidates = queries.regions(conn)
    found = [r for r in candidates if queries.fold(r.code) == query or queries.fold(r.name) == f"region {query}"
             or queries.fold(r.name) == query]
    if not found:
        found = [r for r in candidates if query and query in queries.fold(r.name)]
    if len(found) != 1:
        names = "; ".join(r.name for r in found) if found else ", ".join(r.name for r in candidates if r.in_force(day))
        raise UserError(t("meeting.bad_region", text=text.strip(), candidates=names))
    region = found[0]
    if not region.in_force(day):
        raise UserError(t("meeting.region_not_in_force", region=region.name, date=fmt_date(day)))
    return region


def proposal(conn: sqlite3.Connection, day: date, ignore_id: int | None = None) -> rotation.Proposal | None:
    hostings = [h for h, mid in _hostings_with_ids(conn) if mid != ignore_id]
    return rotation.propose(queries.regions(conn), hostings, day)


def _hostings_with_ids(conn: sqlite3.Connection):
    rows = conn.execute("SELECT date, host_region_code, status, proposed_region_code, override_reason, id FROM meeting"
                        " WHERE body_code = 'folgegruppe' AND host_region_code IS NOT NULL").fetchall()
    return [(rotation.Hosting(date.fromisoformat(r[0]), r[1], r[2], r[3], r[4]), r[5]) for r in rows]


def warnings(conn: sqlite3.Connection, body: str, day: date, kind: str, ignore_id: int | None = None) -> list[str]:
    """The planning warnings for a meeting, in the current language."""
    others = [rules.Planned(m.id, m.body, m.day, m.kind, m.status) for m in list_meetings(conn, day.year)]
    vacant = [line.seat.label for line in memberships.composition(conn, body, day) if line.vacant]
    out = []
    for w in rules.warnings(body, day, kind, others, vacant, ignore_id):
        params = dict(w.params)
        if "weekday" in params:
            params["weekday"] = t(f"weekday.long.{params['weekday']}")
        out.append(t(w.key, **params))
    return out


def _clean(text: str | None, limit: int) -> str | None:
    value = unicodedata.normalize("NFC", text or "").strip()
    if len(value) > limit:
        raise UserError(t("person.too_long", max=limit))
    return value or None


def _host(conn, draft: MeetingDraft, ignore_id: int | None) -> tuple[str | None, str | None, str | None]:
    """(host, proposed, override reason) for a draft; asks for a reason when the host is not the proposal."""
    if draft.body != "folgegruppe":
        if draft.host_code:
            raise UserError(t("meeting.no_rotation_for_steering"))
        return None, None, None
    prop = proposal(conn, draft.day, ignore_id)
    if prop is None:
        raise UserError(t("host.no_regions", date=fmt_date(draft.day)))
    host = resolve_region(conn, draft.host_code, draft.day).code if draft.host_code else prop.region.code
    reason = _clean(draft.reason, 1000)
    if host != prop.region.code and not reason:
        raise UserError(t("meeting.reason_needed", proposed=prop.region.name))
    return host, prop.region.code, reason if host != prop.region.code else None


def _validate(draft: MeetingDraft) -> None:
    if draft.body not in BODIES:
        raise UserError(t("meeting.bad_body"))
    if draft.kind not in KINDS or draft.status not in STATUSES:
        raise UserError(t("meeting.bad_kind"))
    if draft.time and not (len(draft.time) == 5 and draft.time[2] == ":" and draft.time[:2].isdigit()
                           and draft.time[3:].isdigit() and int(draft.time[:2]) < 24 and int(draft.time[3:]) < 60):
        raise UserError(t("meeting.bad_time", text=draft.time))
    if draft.duration is not None and not 0 < draft.duration <= 1440:
        raise UserError(t("parse.hours.too_many"))


def plan(conn: sqlite3.Connection, draft: MeetingDraft) -> tuple[int, list[str]]:
    """Create a meeting; returns its id and the warnings for its date."""
    _validate(draft)
    with transaction(conn):
        host, proposed, reason = _host(conn, draft, None)
        mid = conn.execute(
            "INSERT INTO meeting (body_code, date, start_time, duration_minutes, kind, status, host_region_code,"
            " proposed_region_code, override_reason, place) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (draft.body, draft.day.isoformat(), draft.time, draft.duration, draft.kind, draft.status, host, proposed,
             reason, _clean(draft.place, 200))).lastrowid
    return mid, warnings(conn, draft.body, draft.day, draft.kind, mid)


def change_host(conn: sqlite3.Connection, meeting_id: int, host_text: str, reason: str | None) -> None:
    m = get(conn, meeting_id)
    draft = MeetingDraft(m.body, m.day, host_code=host_text, reason=reason)
    with transaction(conn):
        host, proposed, why = _host(conn, draft, meeting_id)
        conn.execute("UPDATE meeting SET host_region_code = ?, proposed_region_code = ?, override_reason = ?"
                     " WHERE id = ?", (host, proposed, why, meeting_id))


def set_status(conn: sqlite3.Connection, meeting_id: int, status: str) -> None:
    """Cancelling keeps the record and gives the host's turn back (the rotation skips it)."""
    if status not in STATUSES:
        raise UserError(t("meeting.bad_kind"))
    with transaction(conn):
        if conn.execute("UPDATE meeting SET status = ? WHERE id = ?", (status, meeting_id)).rowcount != 1:
            raise UserError(t("meeting.gone"))


def move(conn: sqlite3.Connection, meeting_id: int, day: date) -> list[str]:
    """Move a meeting to ``day``; the host must be in force then. Returns the warnings for the new date."""
    m = get(conn, meeting_id)
    with transaction(conn):
        if m.host_code and not next(r for r in queries.regions(conn) if r.code == m.host_code).in_force(day):
            raise UserError(t("meeting.region_not_in_force", region=m.host_name, date=fmt_date(day)))
        conn.execute("UPDATE meeting SET date = ? WHERE id = ?", (day.isoformat(), meeting_id))
    return warnings(conn, m.body, day, m.kind, meeting_id)


def plan_year(conn: sqlite3.Connection, year: int, after: date | None = None) -> list[tuple[date, rotation.Proposal]]:
    """The ordinary follow-up group meetings of ``year`` not yet planned (spring, autumn), with
    proposed hosts (the second proposal assumes the first is accepted); with ``after`` (today),
    only those after it: a date that has passed is not proposed as planned. Nothing is written."""
    regions = queries.regions(conn)
    hostings = [h for h, _ in _hostings_with_ids(conn)]
    halves = {m.day.month > 6 for m in list_meetings(conn, year)
              if m.body == "folgegruppe" and m.kind == "ordinary" and m.status != "cancelled"}
    out = []
    for day in rules.ordinary_dates(year):
        if (day.month > 6) in halves or (after is not None and day <= after):
            continue  # that half-year already has its ordinary meeting, or the date has passed
        prop = rotation.propose(regions, hostings, day)
        out.append((day, prop))
        hostings.append(rotation.Hosting(day, prop.region.code, "planned", prop.region.code))
    return out


def next_turn(conn: sqlite3.Connection, year: int) -> rotation.Proposal | None:
    """Whose turn comes after the last follow-up group meeting of ``year`` that is not cancelled."""
    last = conn.execute("SELECT max(date) FROM meeting WHERE body_code = 'folgegruppe' AND status <> 'cancelled'"
                        " AND date <= ?", (f"{year}-12-31",)).fetchone()[0]
    day = date.fromisoformat(last) if last else date(year, 1, 1)
    from datetime import timedelta

    return proposal(conn, day + timedelta(days=1))

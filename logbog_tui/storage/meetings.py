"""Meetings in the database: list by year, plan with the rotation, change host, cancel, move.
Every write is one short transaction; warnings are returned, never silently dropped."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from logbog_tui import clock
from logbog_tui.storage import memberships, queries
from logbog_tui.storage.session import transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t
from logbog_tui.textfields import clean
from logbog_tui.service import Message
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
        raise UserError("meeting.gone")
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
        raise UserError("meeting.bad_region", text=text.strip(), candidates=names)
    region = found[0]
    if not region.in_force(day):
        raise UserError.of(not_in_force(region, day, candidates))
    return region


def not_in_force(region: rotation.Region, day: date, regions=()) -> Message:
    """"Region Sjælland findes ikke efter 31.12.2026" (or before its start), with its successor."""
    if region.valid_to is not None and day > region.valid_to:
        successor = rotation.successor_on(list(regions), region.code, day) if regions else None
        if successor is not None:
            return Message("meeting.region_ended_successor", {"region": region.name, "date": region.valid_to,
                                                              "successor": successor.name})
        return Message("meeting.region_ended", {"region": region.name, "date": region.valid_to})
    return Message("meeting.region_not_yet", {"region": region.name, "date": region.valid_from})


def proposal(conn: sqlite3.Connection, day: date, ignore_id: int | None = None) -> rotation.Proposal | None:
    hostings = [h for h, mid in _hostings_with_ids(conn) if mid != ignore_id]
    return rotation.propose(queries.regions(conn), hostings, day)


def _hostings_with_ids(conn: sqlite3.Connection):
    rows = conn.execute("SELECT date, host_region_code, status, proposed_region_code, override_reason, id FROM meeting"
                        " WHERE body_code = 'folgegruppe' AND host_region_code IS NOT NULL").fetchall()
    return [(rotation.Hosting(date.fromisoformat(r[0]), r[1], r[2], r[3], r[4]), r[5]) for r in rows]


def host_checks(conn: sqlite3.Connection) -> dict[int, rotation.HostCheck]:
    """Every follow-up group meeting's host against the rotation now (see :func:`rotation.check_hosts`)."""
    return rotation.check_hosts(queries.regions(conn), [(mid, h) for h, mid in _hostings_with_ids(conn)])


def stale_meetings(conn: sqlite3.Connection, today: date) -> list[tuple[MeetingRow, rotation.HostCheck]]:
    """Planned follow-up group meetings from today on whose host no longer matches the rotation
    (or whose host region ceases before the date), with the current proposal."""
    checks = host_checks(conn)
    rows = [get(conn, mid) for mid, c in checks.items() if c.stale]
    return sorted(((m, checks[m.id]) for m in rows if m.day >= today), key=lambda x: x[0].day)


def warnings(conn: sqlite3.Connection, body: str, day: date, kind: str, ignore_id: int | None = None) -> list[str]:
    """The planning warnings for a meeting, in the current language."""
    others = [rules.Planned(m.id, m.body, m.day, m.kind, m.status) for m in list_meetings(conn, day.year)]
    vacant = [line.seat.label for line in memberships.composition(conn, body, day) if line.vacant]
    out = []
    for w in rules.warnings(body, day, kind, others, vacant, ignore_id, queries.days_off(conn)):
        params = dict(w.params)
        if "weekday" in params:
            params["weekday"] = t(f"weekday.long.{params['weekday']}")
        out.append(t(w.key, **params))
    return out


def _clean(text: str | None, limit: int) -> str | None:
    return clean(text, limit)


def _host(conn, draft: MeetingDraft, ignore_id: int | None) -> tuple[str | None, str | None, str | None]:
    """(host, proposed, override reason) for a draft; asks for a reason when the host is not the proposal."""
    if draft.body != "folgegruppe":
        if draft.host_code:
            raise UserError("meeting.no_rotation_for_steering")
        return None, None, None
    prop = proposal(conn, draft.day, ignore_id)
    if prop is None:
        raise UserError("host.no_regions", date=fmt_date(draft.day))
    host = resolve_region(conn, draft.host_code, draft.day).code if draft.host_code else prop.region.code
    reason = _clean(draft.reason, 1000)
    if host != prop.region.code and not reason:
        raise UserError("meeting.reason_needed", proposed=prop.region.name)
    return host, prop.region.code, reason if host != prop.region.code else None


def _validate(conn: sqlite3.Connection, draft: MeetingDraft, today: date) -> None:
    if draft.body not in BODIES:
        raise UserError("meeting.bad_body")
    if draft.kind not in KINDS or draft.status not in STATUSES:
        raise UserError("meeting.bad_kind")
    if draft.time and not (len(draft.time) == 5 and draft.time[2] == ":" and draft.time[:2].isdigit()
                           and draft.time[3:].isdigit() and int(draft.time[:2]) < 24 and int(draft.time[3:]) < 60):
        raise UserError("meeting.bad_time", text=draft.time)
    if draft.duration is not None and not 0 < draft.duration <= 1440:
        raise UserError("meeting.bad_duration")
    _in_range(conn, draft.day, today)
    if draft.status == "held" and draft.day > today:
        raise UserError("meeting.held_in_future", date=fmt_date(draft.day))


def _in_range(conn: sqlite3.Connection, day: date, today: date) -> None:
    """Meetings share the date range of time entries (the organisation's start to a year ahead)."""
    from logbog_tui.service import Problem

    try:
        queries.date_range(conn, today).check(day)
    except Problem as p:
        raise UserError(p.key, **p.params) from None


def plan(conn: sqlite3.Connection, draft: MeetingDraft, today: date | None = None) -> tuple[int, list[str]]:
    """Create a meeting; returns its id and the warnings for its date."""
    today = today or clock.today()
    _validate(conn, draft, today)
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


def set_status(conn: sqlite3.Connection, meeting_id: int, status: str, today: date | None = None) -> None:
    """Cancelling keeps the record and gives the host's turn back (the rotation skips it).
    A meeting dated after today cannot be held."""
    if status not in STATUSES:
        raise UserError("meeting.bad_kind")
    if status == "held":
        day = get(conn, meeting_id).day
        if day > (today or clock.today()):
            raise UserError("meeting.held_in_future", date=fmt_date(day))
    with transaction(conn):
        if conn.execute("UPDATE meeting SET status = ? WHERE id = ?", (status, meeting_id)).rowcount != 1:
            raise UserError("meeting.gone")


class SuccessorOffered(UserError):
    """The host region ceases before the new date; its successor may host instead."""

    def __init__(self, why: Message, successor: rotation.Region) -> None:
        super().__init__(why.key, **why.params)
        self.successor = successor


def move(conn: sqlite3.Connection, meeting_id: int, day: date, take_successor: bool = False,
         today: date | None = None) -> list[str]:
    """Move a meeting to ``day``; the host must be in force then. When it has ceased (Hovedstaden
    or Sjælland from 2027) its successor is offered (:class:`SuccessorOffered`) and, with
    ``take_successor``, becomes the host. Returns the warnings for the new date."""
    m = get(conn, meeting_id)
    _in_range(conn, day, today or clock.today())
    with transaction(conn):
        regions = queries.regions(conn)
        by_code = {r.code: r for r in regions}
        host, proposed = m.host_code, m.proposed_code
        if host and not by_code[host].in_force(day):
            successor = rotation.successor_on(regions, host, day)
            if successor is None:
                raise UserError.of(not_in_force(by_code[host], day, regions))
            if not take_successor:
                raise SuccessorOffered(not_in_force(by_code[host], day, regions), successor)
            host = successor.code
            if proposed and not by_code[proposed].in_force(day):
                proposed = (rotation.successor_on(regions, proposed, day) or successor).code
        conn.execute("UPDATE meeting SET date = ?, host_region_code = ?, proposed_region_code = ? WHERE id = ?",
                     (day.isoformat(), host, proposed, meeting_id))
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

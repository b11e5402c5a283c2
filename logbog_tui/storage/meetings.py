"""Meetings in the database: list by year, plan with the rotation, change host, cancel, move.
Every write is one short transaction; warnings are returned, never silently dropped."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any, cast

from pydantic import ValidationInfo, field_validator
from sqlalchemy import String, func
from sqlalchemy import update as sql_update
from sqlalchemy.engine import Row
from sqlmodel import col, select

from logbog_tui import clock
from logbog_tui.storage import memberships, queries
from logbog_tui.storage.db import Connection, fold
from logbog_tui.storage.inputs import Input, refuse
from logbog_tui.storage.models import Meeting, Setting
from logbog_tui.storage.models import Region as RegionTable
from logbog_tui.storage.session import reading, transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date
from logbog_tui.textfields import clean
from logbog_tui.service import Message, Problem
from logbog_tui.service import meetings as rules
from logbog_tui.service import rotation
from logbog_tui.service.parse import parse_duration
from logbog_tui.service.timeofday import parse_time
from logbog_tui.service.record import Record

BODIES = ("folgegruppe", "styregruppe")
KINDS = ("ordinary", "extra")
STATUSES = ("planned", "held", "cancelled")
LIMITS = {"reason": 1000, "place": 200}


class MeetingRow(Record):
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
    sequence: int = 0  # raised by every change (schema.sql's trigger): the calendar's SEQUENCE

    @property
    def is_override(self) -> bool:
        return bool(self.host_code and self.proposed_code and self.host_code != self.proposed_code)


class MeetingDraft(Input):
    """A meeting as the form or ``logbog meeting add`` hands it in: a known body, kind and status;
    the start time and the duration as typed (``10``, ``9.30``, ``kl. 10``; ``4``, ``2,5``) or
    already parsed; the reason and the place as free text within their lengths. What needs the
    database (the date's range, the host and its reason) is checked by :func:`plan`."""

    body: str
    day: date
    time: str | None = None
    duration: int | None = None
    host_code: str | None = None
    reason: str | None = None
    kind: str = "ordinary"
    status: str = "planned"
    place: str | None = None

    @field_validator("body", mode="before")
    @classmethod
    def _body(cls, value: Any) -> str:
        if value not in BODIES:
            refuse("meeting.bad_body")
        return cast(str, value)

    @field_validator("kind", "status", mode="before")
    @classmethod
    def _known(cls, value: Any, info: ValidationInfo) -> str:
        if value not in (KINDS if info.field_name == "kind" else STATUSES):
            refuse("meeting.bad_kind")
        return cast(str, value)

    @field_validator("time", mode="before")
    @classmethod
    def _time(cls, value: Any) -> str | None:
        if value is None:
            return None
        try:
            return parse_time(str(value))  # "HH:MM", or None for an empty field
        except Problem as p:
            refuse(p.key, **p.params)

    @field_validator("duration", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> int | None:
        if isinstance(value, str):
            if not value.strip():
                return None
            try:
                value = parse_duration(value)
            except Problem as p:
                refuse(p.key, **p.params)
        if value is not None and not (isinstance(value, int) and 0 < value <= 1440):
            refuse("meeting.bad_duration")
        return value

    @field_validator("host_code", mode="before")
    @classmethod
    def _host(cls, value: Any) -> str | None:
        return (value or "").strip() or None

    @field_validator("reason", "place", mode="before")
    @classmethod
    def _text(cls, value: Any, info: ValidationInfo) -> str | None:
        try:
            return clean(value, LIMITS[str(info.field_name)])
        except UserError as exc:
            refuse(exc.note.key, **exc.note.params)


# What a meeting's line shows (more columns than sqlmodel's select() has typed overloads for).
_SHOWN: tuple[Any, ...] = (Meeting.id, Meeting.body_code, Meeting.date, Meeting.start_time, Meeting.duration_minutes,
                           Meeting.kind, Meeting.status, Meeting.host_region_code,
                           col(RegionTable.name).label("host_name"), Meeting.proposed_region_code,
                           Meeting.override_reason, Meeting.place, Meeting.sequence)


def _columns() -> Any:
    return select(*_SHOWN).outerjoin(RegionTable, col(RegionTable.code) == Meeting.host_region_code)


def _row(r: Row[Any]) -> MeetingRow:
    return MeetingRow(r.id, r.body_code, r.date, r.start_time, r.duration_minutes, r.kind, r.status,
                      r.host_region_code, r.host_name, r.proposed_region_code, r.override_reason, r.place, r.sequence)


def list_meetings(conn: Connection, year: int | None = None, text: str = "") -> list[MeetingRow]:
    """The meetings of ``year`` (all without it) in date order; ``text`` matches (case-folded) the
    body, host, status, kind, place and override reason."""
    query = _columns().order_by(Meeting.date, Meeting.id)
    if year is not None:
        query = query.where(col(Meeting.date).between(date(year, 1, 1), date(year, 12, 31)))
    if text.strip():
        haystack = (Meeting.body_code + " " + func.coalesce(RegionTable.name, "") + " " + Meeting.status + " "
                    + Meeting.kind + " " + func.coalesce(Meeting.place, "") + " "
                    + func.coalesce(Meeting.override_reason, ""))
        query = query.where(func.fold(haystack, type_=String).contains(fold(text.strip())))
    with reading(conn) as session:
        return [_row(r) for r in session.exec(query)]


def get(conn: Connection, meeting_id: int) -> MeetingRow:
    with reading(conn) as session:
        row = session.exec(_columns().where(Meeting.id == meeting_id)).first()
    if row is None:
        raise UserError("meeting.gone")
    return _row(row)


def _folded(text: str) -> str:
    return fold(text) or ""


def resolve_region(conn: Connection, text: str, day: date) -> rotation.Region:
    """A region by code or name, case-insensitive, with or without "Region "; must be in force on ``day``."""
    query = _folded(text.strip()).removeprefix("region ")
    candidates = queries.regions(conn)
    found = [r for r in candidates if _folded(r.code) == query or _folded(r.name) in (f"region {query}", query)]
    if not found:
        found = [r for r in candidates if query and query in _folded(r.name)]
    if len(found) != 1:
        names = "; ".join(r.name for r in found) if found else ", ".join(r.name for r in candidates if r.in_force(day))
        raise UserError("meeting.bad_region", field="host", text=text.strip(), candidates=names)
    region = found[0]
    if not region.in_force(day):
        raise UserError.of(not_in_force(region, day, candidates), field="host")
    return region


def not_in_force(region: rotation.Region, day: date, regions: Sequence[rotation.Region] = ()) -> Message:
    """"Region Sjælland findes ikke efter 31.12.2026" (or before its start), with its successor."""
    if region.valid_to is not None and day > region.valid_to:
        successor = rotation.successor_on(list(regions), region.code, day) if regions else None
        if successor is not None:
            return Message("meeting.region_ended_successor", {"region": region.name, "date": region.valid_to,
                                                              "successor": successor.name})
        return Message("meeting.region_ended", {"region": region.name, "date": region.valid_to})
    return Message("meeting.region_not_yet", {"region": region.name, "date": region.valid_from})


def proposal(conn: Connection, day: date, ignore_id: int | None = None) -> rotation.Proposal | None:
    hostings = [h for h, mid in _hostings_with_ids(conn) if mid != ignore_id]
    return rotation.propose(queries.regions(conn), hostings, day)


def _hostings_with_ids(conn: Connection) -> list[tuple[rotation.Hosting, int]]:
    columns: tuple[Any, ...] = (Meeting.date, Meeting.host_region_code, Meeting.status, Meeting.proposed_region_code,
                                Meeting.override_reason, Meeting.id)
    query = (select(*columns)
             .where(Meeting.body_code == "folgegruppe", col(Meeting.host_region_code).is_not(None)))
    with reading(conn) as session:
        return [(rotation.Hosting(r.date, r.host_region_code, r.status, r.proposed_region_code, r.override_reason),
                 r.id) for r in session.exec(query)]


def host_checks(conn: Connection) -> dict[int, rotation.HostCheck]:
    """Every follow-up group meeting's host against the rotation now (see :func:`rotation.check_hosts`)."""
    return rotation.check_hosts(queries.regions(conn), [(mid, h) for h, mid in _hostings_with_ids(conn)])


def stale_meetings(conn: Connection, today: date) -> list[tuple[MeetingRow, rotation.HostCheck]]:
    """Planned follow-up group meetings from today on whose host no longer matches the rotation
    (or whose host region ceases before the date), with the current proposal."""
    checks = host_checks(conn)
    stale = [mid for mid, c in checks.items() if c.stale]
    if not stale:
        return []
    with reading(conn) as session:
        rows = [_row(r) for r in session.exec(_columns().where(col(Meeting.id).in_(stale), Meeting.date >= today))]
    return sorted(((m, checks[m.id]) for m in rows), key=lambda x: x[0].day)


def warnings(conn: Connection, body: str, day: date, kind: str, ignore_id: int | None = None) -> list[Message]:
    """The planning warnings for a meeting (translated where they are shown: ``i18n.say``)."""
    others = [rules.Planned(m.id, m.body, m.day, m.kind, m.status) for m in list_meetings(conn, day.year)]
    vacant = [line.seat.label for line in memberships.composition(conn, body, day) if line.vacant]
    out = []
    for w in rules.warnings(body, day, kind, others, vacant, ignore_id, queries.days_off(conn)):
        params = dict(w.params)
        if "weekday" in params:
            params["weekday"] = Message(f"weekday.long.{params['weekday']}")
        out.append(Message(w.key, params))
    return out


def _host(conn: Connection, draft: MeetingDraft, ignore_id: int | None) -> tuple[str | None, str | None, str | None]:
    """(host, proposed, override reason) for a draft; asks for a reason when the host is not the proposal."""
    if draft.body != "folgegruppe":
        if draft.host_code:
            raise UserError("meeting.no_rotation_for_steering", field="host")
        return None, None, None
    prop = proposal(conn, draft.day, ignore_id)
    if prop is None:
        raise UserError("host.no_regions", field="host", date=fmt_date(draft.day))
    host = resolve_region(conn, draft.host_code, draft.day).code if draft.host_code else prop.region.code
    if host != prop.region.code and not draft.reason:
        raise UserError("meeting.reason_needed", field="reason", proposed=prop.region.name)
    return host, prop.region.code, draft.reason if host != prop.region.code else None


def _in_range(conn: Connection, day: date, today: date) -> None:
    """Meetings share the date range of time entries (the organisation's start to a year ahead)."""
    try:
        queries.date_range(conn, today).check(day)
    except Problem as p:
        raise UserError(p.key, field="date", **p.params) from None


def _not_held_ahead(day: date, status: str, today: date) -> None:
    if status == "held" and day > today:
        raise UserError("meeting.held_in_future", field="date", date=fmt_date(day))


def plan(conn: Connection, draft: MeetingDraft, today: date | None = None) -> tuple[int, list[Message]]:
    """Create a meeting; returns its id and the warnings for its date."""
    today = today or clock.today()
    _in_range(conn, draft.day, today)
    _not_held_ahead(draft.day, draft.status, today)
    with transaction(conn) as session:
        host, proposed, reason = _host(conn, draft, None)
        meeting = Meeting(body_code=draft.body, date=draft.day, start_time=draft.time,
                          duration_minutes=draft.duration, kind=draft.kind, status=draft.status,
                          host_region_code=host, proposed_region_code=proposed, override_reason=reason,
                          place=draft.place)
        session.add(meeting)
        session.flush()
        mid = cast(int, meeting.id)
    return mid, warnings(conn, draft.body, draft.day, draft.kind, mid)


def change_host(conn: Connection, meeting_id: int, host_text: str, reason: str | None) -> None:
    m = get(conn, meeting_id)
    draft = MeetingDraft.check({"body": m.body, "day": m.day, "host_code": host_text, "reason": reason})
    with transaction(conn) as session:
        host, proposed, why = _host(conn, draft, meeting_id)
        session.exec(sql_update(Meeting).where(col(Meeting.id) == meeting_id)
                     .values(host_region_code=host, proposed_region_code=proposed, override_reason=why))


def set_status(conn: Connection, meeting_id: int, status: str, today: date | None = None) -> None:
    """Cancelling keeps the record and gives the host's turn back (the rotation skips it).
    A meeting dated after today cannot be held."""
    if status not in STATUSES:
        raise UserError("meeting.bad_kind")
    if status == "held":
        _not_held_ahead(get(conn, meeting_id).day, status, today or clock.today())
    with transaction(conn) as session:
        if session.exec(sql_update(Meeting).where(col(Meeting.id) == meeting_id).values(status=status)).rowcount != 1:
            raise UserError("meeting.gone")


class SuccessorOffered(UserError):
    """The host region ceases before the new date; its successor may host instead."""

    def __init__(self, why: Message, successor: rotation.Region) -> None:
        super().__init__(why.key, **why.params)
        self.successor = successor


def move(conn: Connection, meeting_id: int, day: date, take_successor: bool = False,
         today: date | None = None, host_text: str | None = None, reason: str | None = None) -> list[Message]:
    """Move a meeting to ``day``; the host must be in force then. When it has ceased (Hovedstaden
    or Sjælland from 2027) its successor is offered (:class:`SuccessorOffered`) and, with
    ``take_successor`` (or a ``host_text``), becomes the host. Another host named by ``host_text``
    is then chosen as :func:`change_host` does, in the same change. Returns the date's warnings."""
    take_successor = take_successor or host_text is not None
    m = get(conn, meeting_id)
    _in_range(conn, day, today or clock.today())
    with transaction(conn) as session:
        regions = queries.regions(conn)
        by_code = {r.code: r for r in regions}
        host, proposed = m.host_code, m.proposed_code
        if host and not by_code[host].in_force(day):
            successor = rotation.successor_on(regions, host, day)
            if successor is None:
                raise UserError.of(not_in_force(by_code[host], day, regions), field="date")
            if not take_successor:
                raise SuccessorOffered(not_in_force(by_code[host], day, regions), successor)
            host = successor.code
            if proposed and not by_code[proposed].in_force(day):
                proposed = (rotation.successor_on(regions, proposed, day) or successor).code
        session.exec(sql_update(Meeting).where(col(Meeting.id) == meeting_id)
                     .values(date=day, host_region_code=host, proposed_region_code=proposed))
        if host_text is not None and (m.body != "folgegruppe" or resolve_region(conn, host_text, day).code != host):
            change_host(conn, meeting_id, host_text, reason)  # joins this transaction: one change, one undo
    return warnings(conn, m.body, day, m.kind, meeting_id)


def plan_year(conn: Connection, year: int, after: date | None = None) -> list[tuple[date, rotation.Proposal]]:
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
        if prop is None:
            continue  # no region in force that day: no host to propose
        out.append((day, prop))
        hostings.append(rotation.Hosting(day, prop.region.code, "planned", prop.region.code))
    return out


def next_turn(conn: Connection, year: int) -> rotation.Proposal | None:
    """Whose turn comes after the last follow-up group meeting of ``year`` that is not cancelled."""
    query = select(func.max(Meeting.date)).where(Meeting.body_code == "folgegruppe", Meeting.status != "cancelled",
                                                 Meeting.date <= date(year, 12, 31))
    with reading(conn) as session:
        last = session.exec(query).one()
    return proposal(conn, (last or date(year, 1, 1)) + timedelta(days=1))


def place_on(conn: Connection, day: date) -> str | None:
    """Where the follow-up group meets on ``day`` (its first meeting that day not cancelled)."""
    query = (select(Meeting.place).where(Meeting.body_code == "folgegruppe", Meeting.date == day,
                                         Meeting.status != "cancelled").order_by(col(Meeting.id)).limit(1))
    with reading(conn) as session:
        return session.exec(query).first()


def calendar_uid(conn: Connection) -> str:
    """A random id made once per database (the setting ``calendar_uid``, not an undoable change),
    so that the calendar UIDs of two databases never collide."""
    with reading(conn) as session:
        found = session.get(Setting, "calendar_uid")
    if found is not None:
        return found.value
    import secrets

    with transaction(conn) as session:
        found = session.get(Setting, "calendar_uid")  # another process may have made it meanwhile
        if found is None:
            found = Setting(key="calendar_uid", value=secrets.token_hex(8))
            session.add(found)
        return found.value

"""Composition of a body on a date (domain.md "Composition"), as a pure rule.

A seat is in force on D when valid_from <= D <= valid_to (open-ended when valid_to is empty).
Its holder on D is the membership of the seat (not a substitute) valid on D; the substitutes
are the substitute memberships valid on D for that holder's membership. A seat in force with
no holder is vacant. Two holder memberships of one seat may not overlap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from logbog_tui.service import Message
from logbog_tui.service.record import Record


def valid_on(start: date, end: date | None, day: date) -> bool:
    return start <= day and (end is None or day <= end)


def overlap(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    return a_start <= (b_end or date.max) and b_start <= (a_end or date.max)


class Seat(Record):
    id: int
    body: str
    kind: str
    label: str
    position: int
    valid_from: date
    valid_to: date | None = None


class Membership(Record):
    id: int
    person_id: int
    person: str
    seat_id: int
    valid_from: date
    valid_to: date | None = None
    substitute_for: int | None = None
    role: str = "member"


@dataclass
class SeatLine:
    seat: Seat
    holder: Membership | None = None
    substitutes: list[Membership] = field(default_factory=list)

    @property
    def vacant(self) -> bool:
        return self.holder is None


def compose(seats: Sequence[Seat], memberships: Sequence[Membership], body: str, day: date) -> list[SeatLine]:
    """Every seat of ``body`` in force on ``day``, with holder and substitutes (or vacant)."""
    lines = []
    for seat in sorted((s for s in seats if s.body == body and valid_on(s.valid_from, s.valid_to, day)),
                       key=lambda s: (s.kind == "project_leader", s.position, s.label)):
        holders = [m for m in memberships if m.seat_id == seat.id and m.substitute_for is None
                   and valid_on(m.valid_from, m.valid_to, day)]
        holder = min(holders, key=lambda m: m.valid_from) if holders else None
        subs = [m for m in memberships if holder is not None and m.substitute_for == holder.id
                and valid_on(m.valid_from, m.valid_to, day)]
        lines.append(SeatLine(seat, holder, sorted(subs, key=lambda m: m.person)))
    return lines


def conflicting(memberships: Iterable[Membership], seat_id: int, start: date, end: date | None,
                ignore_id: int | None = None) -> Membership | None:
    """A holder membership of ``seat_id`` that overlaps the period, if any."""
    for m in memberships:
        if (m.seat_id == seat_id and m.substitute_for is None and m.id != ignore_id
                and overlap(m.valid_from, m.valid_to, start, end)):
            return m
    return None


def warnings(seats: Sequence[Seat], memberships: Sequence[Membership], today: date) -> list[Message]:
    """Vacant seats today; memberships ending within 60 days; seats that fall away or appear
    within 90 days (a region change)."""
    out = []
    for body in ("styregruppe", "folgegruppe"):
        for line in compose(seats, memberships, body, today):
            if line.vacant:
                out.append(Message("warn.vacant", {"seat": line.seat.label, "body": body}))
    for m in sorted(memberships, key=lambda m: m.valid_to or date.max):
        if m.valid_to is not None and today <= m.valid_to <= today + timedelta(days=60):
            out.append(Message("warn.ending", {"person": m.person, "date": m.valid_to,
                                               "seat": _label(seats, m.seat_id), "substitute": m.substitute_for}))
    horizon = today + timedelta(days=90)
    for s in sorted(seats, key=lambda s: (s.valid_from, s.label)):
        if today < s.valid_from <= horizon:
            out.append(Message("warn.seat_appears", {"seat": s.label, "body": s.body, "date": s.valid_from}))
        if s.valid_to is not None and today <= s.valid_to < horizon:
            out.append(Message("warn.seat_ends", {"seat": s.label, "body": s.body, "date": s.valid_to}))
    return out


def _label(seats: Sequence[Seat], seat_id: int) -> str:
    return next((s.label for s in seats if s.id == seat_id), "?")

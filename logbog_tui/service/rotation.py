"""Host rotation for the follow-up group (følgegruppe).

The rule (domain.md "Host rotation"), as implemented here:

* The pool for a meeting on date D is the political regions in force on D, in the configured
  order (``rotation_order``, then code).
* Every follow-up group meeting that is planned or held, ordinary or extra, uses up its host's
  turn; a cancelled one does not. Only meetings *before* D count for a proposal on D.
* The proposal is the region whose most recent hosting before D is oldest; a region that has
  never hosted comes first; ties follow the configured order. Without overrides this is plain
  round-robin; after a swap, the region that was passed over has the oldest hosting and is
  therefore next in line.
* A successor region inherits the most recent hosting of its predecessors (transitively), so
  Region Østdanmark counts as having hosted when Hovedstaden or Sjælland last did.
* "Current host region" on D: the host of the next follow-up group meeting on or after D that is
  not cancelled; if none is planned, the proposal for D, marked as by rotation.

Every answer carries a :class:`Message` (a message key and parameters) that explains it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from logbog_tui.service import Message
from logbog_tui.service.record import Record

USES_TURN = ("planned", "held")


class Region(Record):
    code: str
    name: str
    valid_from: date
    valid_to: date | None = None
    order: int = 0
    predecessors: tuple[str, ...] = ()

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Hosting(Record):
    """A follow-up group meeting as the rotation sees it."""

    date: date
    region_code: str | None
    status: str = "planned"
    proposed_code: str | None = None
    override_reason: str | None = None

    @property
    def is_override(self) -> bool:
        return bool(self.proposed_code and self.region_code and self.proposed_code != self.region_code)


class Proposal(Record):
    region: Region
    last_hosted: date | None
    inherited_from: Region | None
    reason: Message


class HostAnswer(Record):
    region: Region
    meeting_date: date | None
    source: str  # "planned" or "rotation"
    reason: Message


def pool(regions: Iterable[Region], day: date) -> list[Region]:
    """The regions in force on ``day``, in rotation order."""
    return sorted((r for r in regions if r.in_force(day)), key=lambda r: (r.order, r.code))


def _lineage(code: str, by_code: dict[str, Region], seen: frozenset[str] = frozenset()) -> list[str]:
    """``code`` and all its predecessors, transitively (guarding against cycles)."""
    if code in seen or code not in by_code:
        return [code]
    out = [code]
    for pred in by_code[code].predecessors:
        out.extend(_lineage(pred, by_code, seen | {code}))
    return out


def last_hosting(region: Region, hostings: Sequence[Hosting], before: date,
                 by_code: dict[str, Region]) -> tuple[date | None, str | None]:
    """The most recent hosting before ``before`` of ``region`` or its predecessors, and whose."""
    lineage = set(_lineage(region.code, by_code))
    best: tuple[date | None, str | None] = (None, None)
    for h in hostings:
        if h.status in USES_TURN and h.region_code in lineage and h.date < before:
            if best[0] is None or h.date > best[0]:
                best = (h.date, h.region_code)
    return best


def propose(regions: Sequence[Region], hostings: Sequence[Hosting], day: date) -> Proposal | None:
    """The host proposed for a follow-up group meeting on ``day``; ``None`` if the pool is empty."""
    candidates = pool(regions, day)
    if not candidates:
        return None
    by_code = {r.code: r for r in regions}
    ranked = []
    for index, region in enumerate(candidates):
        last, whose = last_hosting(region, hostings, day, by_code)
        ranked.append(((last is not None, last or date.min, index), region, last, whose))
    _, region, last, whose = min(ranked, key=lambda item: item[0])
    inherited = by_code.get(whose) if whose and whose != region.code else None
    return Proposal(region, last, inherited, _explain(region, last, inherited, hostings, day))


def _explain(region: Region, last: date | None, inherited: Region | None,
             hostings: Sequence[Hosting], day: date) -> Message:
    passed_over = max((h.date for h in hostings if h.status in USES_TURN and h.date < day
                       and h.is_override and h.proposed_code == region.code), default=None)
    if last is None:
        key, params = "rotation.never_hosted", {}
    elif inherited is not None:
        key, params = "rotation.inherited", {"date": last, "predecessor": inherited.name}
    else:
        key, params = "rotation.last_hosted", {"date": last}
    if passed_over is not None and (last is None or passed_over > last):
        key, params = key + "_passed_over", {**params, "passed_over": passed_over}
    return Message(key, params)


def current_host(regions: Sequence[Region], hostings: Sequence[Hosting], day: date) -> HostAnswer | None:
    """The current host region as of ``day`` (planned meeting first, else the rotation)."""
    by_code: dict[str | None, Region] = {r.code: r for r in regions}
    upcoming = sorted((h for h in hostings if h.status in USES_TURN and h.date >= day
                       and h.region_code in by_code), key=lambda h: h.date)
    if upcoming:
        nxt = upcoming[0]
        region = by_code[nxt.region_code]
        if nxt.is_override:
            proposed = by_code.get(nxt.proposed_code)
            reason = Message("host.planned_override", {
                "date": nxt.date, "proposed": proposed.name if proposed else nxt.proposed_code,
                "why": nxt.override_reason or "–"})
        else:
            reason = Message("host.planned", {"date": nxt.date})
        return HostAnswer(region, nxt.date, "planned", reason)
    proposal = propose(regions, hostings, day)
    if proposal is None:
        return None
    return HostAnswer(proposal.region, None, "rotation", proposal.reason)


class HostCheck(Record):
    """How a follow-up group meeting's host stands against the rotation now.

    ``current`` is the rotation's proposal for the meeting's date now (the meeting itself left
    out); ``stale`` says that a planned meeting's host no longer matches it (the proposal when it
    was planned differs from the proposal now); ``ceased`` that the host region is not in force
    on the date, with its ``successor`` in force then, if any."""

    current: Proposal | None
    stale: bool
    ceased: bool = False
    successor: Region | None = None

    @property
    def offer(self) -> Region | None:
        """The host ``h`` offers: the successor of a ceased host, else the current proposal."""
        if self.ceased and self.successor is not None:
            return self.successor
        return self.current.region if self.current else None


def successor_on(regions: Sequence[Region], code: str | None, day: date) -> Region | None:
    """The region in force on ``day`` that succeeds ``code`` (transitively), if any."""
    by_code = {r.code: r for r in regions}
    for region in regions:
        if region.in_force(day) and code in _lineage(region.code, by_code):
            return region
    return None


def check_hosts(regions: Sequence[Region], meetings: Sequence[tuple[int, Hosting]]) -> dict[int, HostCheck]:
    """For each follow-up group meeting (id, hosting): its :class:`HostCheck`. Nothing is changed:
    re-planning is the user's decision."""
    by_code = {r.code: r for r in regions}
    out = {}
    for mid, h in meetings:
        others = [o for oid, o in meetings if oid != mid]
        current = propose(regions, others, h.date)
        region = by_code.get(h.region_code) if h.region_code else None
        ceased = region is not None and not region.in_force(h.date)
        planned_as = h.proposed_code or h.region_code
        stale = h.status == "planned" and current is not None and (ceased or current.region.code != planned_as)
        out[mid] = HostCheck(current, stale, ceased,
                             successor_on(regions, h.region_code, h.date) if ceased else None)
    return out


def upcoming_changes(regions: Sequence[Region], start: date, end: date) -> list[tuple[date, Region, list[Region]]]:
    """Regions that come into force between ``start`` and ``end``, with the regions they succeed."""
    out = []
    for region in sorted(regions, key=lambda r: r.valid_from):
        if start < region.valid_from <= end:
            preds = [r for r in regions if r.code in region.predecessors]
            out.append((region.valid_from, region, preds))
    return out

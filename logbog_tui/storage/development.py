"""The development backlog with the supplier (Dansk Telemedicin): items from an idea to a release,
with the tickets they came from, the regions and secretariats that asked, and a timeline of every
status change (like a ticket's). Releases and the views are in :mod:`development_releases`."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from pydantic import ValidationInfo, field_validator
from sqlmodel import Session, col, select

from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.service import Message
from logbog_tui.storage.db import Connection, fold
from logbog_tui.storage.inputs import Input, free_text, refuse, refuse_as, required_text, typed_date
from logbog_tui.storage.models import (AgendaItem, DevItem, DevItemAsker, DevItemEvent, DevItemTicket, EduRegion,
                                       Meeting, Region, Ticket, TicketEvent)
from logbog_tui.storage.session import reading, transaction
from logbog_tui.storage.tickets import _at, _names, _now
from logbog_tui.textfields import clean

KINDS = ("bugfix", "improvement", "feature", "workflow", "integration")
STATUSES = ("idea", "prioritised", "ordered", "in_development", "delivered", "verified", "rejected")
OPEN = ("idea", "prioritised", "ordered", "in_development")
LEVELS = ("hoej", "mellem", "lav")
# delivered is set by adding the item to a release (development_releases.add_release), never here
TRANSITIONS = {
    "idea": ("prioritised", "rejected"),
    "prioritised": ("ordered", "idea", "rejected"),
    "ordered": ("in_development", "rejected"),
    "in_development": ("ordered", "rejected"),
    "delivered": ("verified", "rejected"),
    "verified": (),
    "rejected": ("idea",),
}


def choose(text: str, options: tuple[str, ...], what: str) -> str:
    """A kind or status by code or by its name in either language (case and æøå folded)."""
    query = fold(text.strip())
    for code in options:
        if query in {fold(code), fold(code.replace("_", " ")), *(fold(n) for n in _names(f"dev.{what}.{code}"))}:
            return code
    raise UserError(f"dev.bad_{what}", text=text.strip(), options=", ".join(t(f"dev.{what}.{c}") for c in options))


def parse_priority(text: str | None) -> str | None:
    """A priority as typed: a rank (``1``, ``#2``) or høj/mellem/lav (either language)."""
    value = (text or "").strip().lstrip("#")
    if not value:
        return None
    if value.isdigit() and 1 <= int(value) <= 999:
        return str(int(value))
    for code in LEVELS:
        if fold(value) in {fold(code), *(fold(n) for n in _names(f"dev.priority.{code}"))}:
            return code
    raise UserError("dev.bad_priority", text=value)


def priority_label(priority: str | None) -> str:
    if priority is None:
        return ""
    return f"#{priority}" if priority.isdigit() else t(f"dev.priority.{priority}")


def priority_rank(priority: str | None) -> int:
    """Sort order: ranks first (1, 2, ...), then høj, mellem, lav, then none."""
    if priority is None:
        return 10_000
    return int(priority) if priority.isdigit() else 1000 + LEVELS.index(priority)


def parse_estimate(text: str | None) -> tuple[float | None, int | None]:
    """``--estimate`` as typed: hours (``40``, ``40t``, ``12,5 timer``), kroner (``25000 kr``,
    ``25.000kr``) or both separated by ``/`` or ``;`` (``40t/25000kr``)."""
    hours: float | None = None
    kr: int | None = None
    for part in (p.strip().lower() for p in (text or "").replace(";", "/").split("/")):
        if not part:
            continue
        try:
            if part.endswith(("kr", "kr.", "dkk")):
                digits = part.rstrip(".").removesuffix("dkk").removesuffix("kr").strip().replace(".", "")
                kr = int(digits.replace(",", "")) if "," not in digits else round(float(digits.replace(",", ".")))
            else:
                number_text = part
                for unit in ("timer", "time", "hours", "hour", "t", "h"):
                    if number_text.endswith(unit):
                        number_text = number_text.removesuffix(unit).strip()
                        break
                hours = float(number_text.replace(",", "."))
        except ValueError:
            raise UserError("dev.bad_estimate", text=text) from None
    if (hours is not None and not 0 <= hours <= 100_000) or (kr is not None and not 0 <= kr <= 100_000_000):
        raise UserError("dev.bad_estimate", text=text)
    return hours, kr


class ItemDraft(Input):
    """A new item as the form or ``logbog item add`` hands it in."""

    title: str
    kind: str = "improvement"
    description: str | None = None
    area_id: int | None = None
    origin_person_id: int | None = None

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: Any) -> str:
        return required_text(value, 300, Message("dev.field.title"))

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: Any) -> str:
        try:
            return choose(value or "improvement", KINDS, "kind")
        except UserError as exc:
            refuse_as(exc)

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, value: Any) -> str | None:
        return free_text(value, 10_000, long_text=True)


class StatusChange(Input):
    """A status change with what the new status needs: ``ordered`` a supplier's reference, an
    estimate (hours and/or kroner) and a promised date; ``rejected`` a reason; ``prioritised`` the
    meeting's decision (an agenda item)."""

    status: str
    on: date | None = None
    ref: str | None = None
    estimate: str | None = None
    promised: date | None = None
    reason: str | None = None
    decision_item_id: int | None = None

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: Any) -> str:
        try:
            return choose(value or "–", STATUSES, "status")
        except UserError as exc:
            refuse_as(exc)

    @field_validator("on", "promised", mode="before")
    @classmethod
    def _dates(cls, value: Any, info: ValidationInfo) -> date | None:
        day = typed_date(value, info)
        if info.field_name == "promised" and day is None and info.data.get("status") == "ordered":
            refuse("dev.promised_required")
        return day

    @field_validator("ref", mode="before")
    @classmethod
    def _ref(cls, value: Any, info: ValidationInfo) -> str | None:
        ref = free_text(value, 100)
        if ref is None and info.data.get("status") == "ordered":
            refuse("dev.ref_required")
        return ref

    @field_validator("estimate", mode="before")
    @classmethod
    def _estimate(cls, value: Any, info: ValidationInfo) -> str | None:
        text = free_text(value, 100)
        try:
            hours, kr = parse_estimate(text)
        except UserError as exc:
            refuse_as(exc)
        if hours is None and kr is None and info.data.get("status") == "ordered":
            refuse("dev.estimate_required")
        return text

    @field_validator("reason", mode="before")
    @classmethod
    def _reason(cls, value: Any, info: ValidationInfo) -> str | None:
        reason = free_text(value, 2000, long_text=True)
        if reason is None and info.data.get("status") == "rejected":
            refuse("dev.reason_required")
        return reason


def _author(conn: Connection, today: date) -> int | None:
    from logbog_tui.storage import names

    leader = names.project_leader(conn, today)
    return leader.id if leader else None


def _item(session: Session, item_id: int) -> DevItem:
    item = session.get(DevItem, item_id)
    if item is None:
        raise UserError("dev.gone", id=item_id)
    return item


def _event(session: Session, item_id: int, on: date, author: int | None, kind: str, old: str | None = None,
           new: str | None = None, text: str | None = None) -> None:
    session.add(DevItemEvent(item_id=item_id, at=_at(on), author_id=author, kind=kind, old_status=old,
                             new_status=new, text=text))


def create(conn: Connection, d: ItemDraft, today: date, ticket_ids: tuple[int, ...] = (),
           askers: tuple[str, ...] = ()) -> int:
    """A new item (status idé), linked to ``ticket_ids`` (each ticket's timeline says so) and to
    the regions or education regions (codes) that asked."""
    author = _author(conn, today)
    with transaction(conn) as session:
        item = DevItem(title=d.title, description=d.description, kind=d.kind, area_id=d.area_id, status="idea",
                       created_on=today, origin_person_id=d.origin_person_id)
        session.add(item)
        session.flush()
        item_id = cast(int, item.id)
        _event(session, item_id, today, author, "created", new="idea")
        for ticket_id in ticket_ids:
            link_ticket(conn, item_id, ticket_id)
        for code in askers:
            add_asker(conn, item_id, code)
    return item_id


def link_ticket(conn: Connection, item_id: int, ticket_id: int) -> None:
    with transaction(conn) as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise UserError("ticket.gone")
        if session.get(DevItemTicket, (item_id, ticket_id)) is not None:
            return
        session.add(DevItemTicket(item_id=item_id, ticket_id=ticket_id))
        session.add(TicketEvent(ticket_id=ticket_id, at=_now(), kind="comment",
                                text=t("dev.ticket_linked", id=item_id)))


def add_asker(conn: Connection, item_id: int, code: str) -> None:
    """A region (``hovedstaden``) or an education region's secretariat (``nord``) that asked."""
    key = fold(code.strip())
    with transaction(conn) as session:
        regions = session.exec(select(Region.code, Region.name)).all()
        edu = session.exec(select(EduRegion.code, EduRegion.name)).all()
        found_region = [c for c, n in regions if key in (fold(c), fold(n))]
        found_edu = [c for c, n in edu if key in (fold(c), fold(n))]
        if not found_region and not found_edu:  # a unique part of a name
            found_region = [c for c, n in regions if key and key in (fold(n) or "")]
            found_edu = [c for c, n in edu if key and key in (fold(n) or "")]
        if len(found_region) + len(found_edu) != 1:
            raise UserError("dev.bad_asker", text=code.strip(),
                            options=", ".join([c for c, _ in regions] + [c for c, _ in edu]))
        region, edu_region = (found_region[0], None) if found_region else (None, found_edu[0])
        exists = session.exec(select(DevItemAsker.id).where(DevItemAsker.item_id == item_id,
                                                            col(DevItemAsker.region_code).is_(region),
                                                            col(DevItemAsker.edu_region_code).is_(edu_region))).first()
        if exists is None:
            session.add(DevItemAsker(item_id=item_id, region_code=region, edu_region_code=edu_region))


def from_ticket(conn: Connection, ticket_id: int, today: date, kind: str | None = None,
                area_id: int | None = None, title: str | None = None) -> int:
    """An item made from a ticket: its title and description, bugfix for a fejl ticket, the
    reporter's region when the reporter is a member of a region's seat is left to the user."""
    with reading(conn) as session:
        ticket = session.get(Ticket, ticket_id)
        if ticket is None:
            raise UserError("ticket.gone")
        default_kind = "bugfix" if ticket.category == "fejl" else "improvement"
        draft = ItemDraft.check({"title": title or ticket.title, "kind": kind or default_kind,
                                 "description": ticket.description, "area_id": area_id,
                                 "origin_person_id": ticket.reporter_id})
    return create(conn, draft, today, (ticket_id,))


def change_status(conn: Connection, item_id: int, c: StatusChange, today: date) -> str:
    """Move the item along its life (:data:`TRANSITIONS`); returns the old status."""
    on = c.on or today
    if on > today:
        raise UserError("ticket.date_in_future", date=on.strftime("%d.%m.%Y"))
    hours, kr = parse_estimate(c.estimate)
    author = _author(conn, today)
    if c.status == "ordered":
        from logbog_tui.storage.development_money import needs_steering_group

        needs_steering_group(conn, item_id, kr, on, today, author)
    with transaction(conn) as session:
        item = _item(session, item_id)
        old, new = item.status, c.status
        check_move(old, new)
        needed = {"ordered": (("ref", c.ref), ("estimate", hours if kr is None else kr), ("promised", c.promised)),
                  "rejected": (("reason", c.reason),)}
        for field, value in needed.get(new, ()):
            if value is None:
                raise UserError(f"dev.{field}_required", field=field)
        if on < item.created_on:
            raise UserError("ticket.before_opened", date=on.strftime("%d.%m.%Y"),
                            opened=item.created_on.strftime("%d.%m.%Y"))
        text = None
        if new == "prioritised":
            decision = c.decision_item_id or item.decision_item_id
            if decision is None:
                raise UserError("dev.decision_required")
            _check_decision(session, decision)
            item.decision_item_id = decision
            text = t("dev.event.decision", item=decision)
        elif new == "ordered":
            if c.promised is not None and c.promised < on:
                raise UserError("ticket.promise_before_sent")
            item.sqlmodel_update({"supplier_ref": c.ref, "estimate_hours": hours, "estimate_kr": kr,
                                  "promised_on": c.promised, "ordered_on": on})
            text = t("dev.event.ordered", ref=c.ref or "", promised=c.promised.strftime("%d.%m.%Y")
                     if c.promised else "–")
        elif new == "rejected":
            item.reason, text = c.reason, c.reason
        elif new == "idea":
            item.reason = None
        item.status = new
        _event(session, item_id, on, author, "status", old, new, text)
    return old


def check_move(old: str, new: str) -> None:
    """Refuse a move the item's life does not allow (naming the ones it does)."""
    if new == "delivered":
        raise UserError("dev.delivered_by_release")
    if new not in TRANSITIONS[old]:
        raise UserError("dev.bad_transition", old=t(f"dev.status.{old}"), new=t(f"dev.status.{new}"),
                        options=", ".join(t(f"dev.status.{s}") for s in TRANSITIONS[old]) or "–")


def _check_decision(session: Session, agenda_item_id: int) -> None:
    body = session.exec(select(Meeting.body_code).select_from(AgendaItem)
                        .join(Meeting, col(AgendaItem.meeting_id) == Meeting.id)
                        .where(AgendaItem.id == agenda_item_id)).first()
    if body != "folgegruppe":
        raise UserError("dev.decision_not_fg", item=agenda_item_id)


def comment(conn: Connection, item_id: int, text: str, today: date) -> None:
    try:
        body = clean(text, 10_000, long_text=True)
    except UserError as exc:
        raise exc.under("comment") from None
    if not body:
        raise UserError("ticket.comment_required", field="comment")
    with transaction(conn) as session:
        _item(session, item_id)
        _event(session, item_id, today, _author(conn, today), "comment", text=body)


# --- the meeting record: items as agenda items, priority and decision ------------------------

def to_agenda(conn: Connection, meeting_id: int, item_ids: list[int]) -> list[int]:
    """The open items as agenda items of a follow-up group meeting (one each, titled with the
    item's number and title); each item remembers its agenda item. Returns the agenda items."""
    from logbog_tui.storage import meeting_records

    made = []
    with transaction(conn) as session:
        meeting = session.get(Meeting, meeting_id)
        if meeting is None or meeting.body_code != "folgegruppe":
            raise UserError("dev.decision_not_fg", item=meeting_id)
        for item_id in item_ids:
            item = _item(session, item_id)
            agenda = meeting_records.save_item(conn, meeting_id, t("dev.agenda_title", id=item_id, title=item.title),
                                               None, item.description, None, False)
            item.decision_item_id = agenda
            made.append(agenda)
    return made


def prioritise(conn: Connection, item_id: int, priority: str | None, decision: str | None, today: date,
               on: date | None = None) -> None:
    """The meeting's word on an item on its agenda: the priority (rank or høj/mellem/lav) and the
    decision (on the agenda item); an idea becomes prioriteret, dated the meeting's day."""
    level = parse_priority(priority)
    with transaction(conn) as session:
        item = _item(session, item_id)
        if item.decision_item_id is None:
            raise UserError("dev.decision_required")
        agenda = cast(AgendaItem, session.get(AgendaItem, item.decision_item_id))
        meeting = cast(Meeting, session.get(Meeting, agenda.meeting_id))
        if decision is not None:
            agenda.decision = free_text(decision, 10_000, long_text=True)
        item.priority = level
        day = max(item.created_on, min(on or meeting.date, today))
        _event(session, item_id, day, _author(conn, today), "priority", text=priority_label(level) or None)
        if item.status == "idea":
            change_status(conn, item_id, StatusChange.check({"status": "prioritised", "on": day}), today)

"""The development backlog as the lists, the CLI and the report read it: items with their
tickets and askers (:class:`ItemRow`), and an item's timeline."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from sqlalchemy import String, func, or_
from sqlalchemy import select as sql_select
from sqlalchemy.orm import aliased
from sqlmodel import col, select

from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t
from logbog_tui.storage.db import Connection, fold
from logbog_tui.storage.development import KINDS, OPEN, STATUSES, priority_label, priority_rank
from logbog_tui.storage.models import (AgendaItem, DevItem, DevItemAsker, DevItemEvent, DevItemTicket, DevRelease,
                                       EduRegion, Meeting, Person, Region, TaskArea, Ticket)
from logbog_tui.storage.session import reading
from logbog_tui.storage.tickets import number
from logbog_tui.service.record import Record

class ItemRow(Record):
    id: int
    title: str
    description: str | None
    kind: str
    area: str | None
    status: str
    priority: str | None
    created: date
    supplier_ref: str | None
    estimate_hours: float | None
    estimate_kr: int | None
    ordered: date | None
    promised: date | None
    release: str | None
    delivered: date | None
    reason: str | None
    decision_item_id: int | None
    decision_meeting: date | None
    origin_person: str | None
    tickets: tuple[str, ...]
    askers: tuple[str, ...]

    def days_late(self, today: date) -> int | None:
        """Days past the promised date while the supplier has it (bestilt, under udvikling)."""
        if self.status in ("ordered", "in_development") and self.promised is not None and self.promised < today:
            return (today - self.promised).days
        return None


def list_items(conn: Connection, status: str | None = None, text: str = "", sort: str = "priority",
               include_closed: bool = True, ids: list[int] | None = None, limit: int = 1000) -> list[ItemRow]:
    """The items with what the lists show (their tickets and askers in two more queries)."""
    origin = aliased(Person)
    query = (sql_select(DevItem, col(TaskArea.code), col(DevRelease.version), col(DevRelease.released_on),
                        col(Meeting.date), col(origin.name))
             .outerjoin(TaskArea, col(TaskArea.id) == DevItem.area_id)
             .outerjoin(DevRelease, col(DevRelease.id) == DevItem.release_id)
             .outerjoin(AgendaItem, col(AgendaItem.id) == DevItem.decision_item_id)
             .outerjoin(Meeting, col(Meeting.id) == AgendaItem.meeting_id)
             .outerjoin(origin, col(origin.id) == DevItem.origin_person_id))
    if status:
        query = query.where(col(DevItem.status) == status)
    elif not include_closed:
        query = query.where(col(DevItem.status).in_(OPEN))
    if ids is not None:
        query = query.where(col(DevItem.id).in_(ids))
    if text.strip():
        needle = fold(text.strip()) or ""
        kinds = [k for k in KINDS if needle in (fold(t(f"dev.kind.{k}")) or "")]
        stats = [s for s in STATUSES if needle in (fold(t(f"dev.status.{s}")) or "")]
        words = (func.coalesce(col(DevItem.title), "") + " " + func.coalesce(col(DevItem.supplier_ref), "") + " "
                 + func.coalesce(col(TaskArea.code), "") + " #" + func.cast(col(DevItem.id), String))
        query = query.where(or_(func.fold(words, type_=String).contains(needle, autoescape=True),
                                col(DevItem.kind).in_(kinds), col(DevItem.status).in_(stats)))
    with reading(conn) as session:
        found = session.execute(query.order_by(col(DevItem.id)).limit(limit)).all()
        item_ids = [cast(int, r[0].id) for r in found]
        links: dict[int, list[str]] = {}
        for item_id, year, seq in session.exec(select(DevItemTicket.item_id, Ticket.year, Ticket.seq)
                                               .join(Ticket, col(Ticket.id) == DevItemTicket.ticket_id)
                                               .where(col(DevItemTicket.item_id).in_(item_ids))
                                               .order_by(col(Ticket.year), col(Ticket.seq))):
            links.setdefault(item_id, []).append(number(year, seq))
        askers: dict[int, list[str]] = {}
        for item_id, region, edu in session.exec(select(DevItemAsker.item_id, Region.name, EduRegion.name)
                                                 .outerjoin(Region, col(Region.code) == DevItemAsker.region_code)
                                                 .outerjoin(EduRegion,
                                                            col(EduRegion.code) == DevItemAsker.edu_region_code)
                                                 .where(col(DevItemAsker.item_id).in_(item_ids))
                                                 .order_by(col(DevItemAsker.id))):
            askers.setdefault(item_id, []).append(region or edu or "")
    rows = [ItemRow(cast(int, i.id), i.title, i.description, i.kind, area, i.status, i.priority, i.created_on,
                    i.supplier_ref, i.estimate_hours, i.estimate_kr, i.ordered_on, i.promised_on, version, released,
                    i.reason, i.decision_item_id, meeting_day, person, tuple(links.get(cast(int, i.id), ())),
                    tuple(askers.get(cast(int, i.id), ())))
            for i, area, version, released, meeting_day, person in found]
    if sort == "priority":
        rows.sort(key=lambda r: (STATUSES.index(r.status), priority_rank(r.priority), r.id))
    elif sort == "promised":
        rows.sort(key=lambda r: (r.promised or date.max, r.id))
    return rows


def get(conn: Connection, item_id: int) -> ItemRow:
    found = list_items(conn, ids=[item_id])
    if not found:
        raise UserError("dev.gone", id=item_id)
    return found[0]


def for_agenda_item(conn: Connection, agenda_item_id: int) -> ItemRow | None:
    """The item whose priority the agenda item decides (the meeting record's `P`)."""
    with reading(conn) as session:
        found = session.exec(select(DevItem.id).where(DevItem.decision_item_id == agenda_item_id)).first()
    return get(conn, found) if found is not None else None


class Event(Record):
    at: str  # UTC as stored
    author: str | None
    kind: str
    old_status: str | None
    new_status: str | None
    text: str | None


def timeline(conn: Connection, item_id: int) -> list[Event]:
    query = (select(DevItemEvent, Person.name).outerjoin(Person, col(Person.id) == DevItemEvent.author_id)
             .where(DevItemEvent.item_id == item_id).order_by(col(DevItemEvent.at), col(DevItemEvent.id)))
    with reading(conn) as session:
        return [Event(cast(Any, e.at).strftime("%Y-%m-%d %H:%M:%S"), name, e.kind, e.old_status, e.new_status, e.text)
                for e, name in session.exec(query)]


def ticket_ids(conn: Connection, item_ids: list[int]) -> list[int]:
    with reading(conn) as session:
        return list(session.exec(select(DevItemTicket.ticket_id).where(col(DevItemTicket.item_id).in_(item_ids))
                                 .distinct().order_by(col(DevItemTicket.ticket_id))))


def event_text(e: Event) -> str:
    return t(f"dev.event.{e.kind}", old=t(f"dev.status.{e.old_status}") if e.old_status else "",
             new=t(f"dev.status.{e.new_status}") if e.new_status else "")


def detail(r: ItemRow, today: date) -> str:
    """An item's fields as lines (the CLI's show and the item screen)."""
    lines = [t("dev.detail.status", status=t(f"dev.status.{r.status}"), kind=t(f"dev.kind.{r.kind}"),
               area=r.area or "–", priority=priority_label(r.priority) or "–")]
    if r.tickets or r.askers:
        lines.append(t("dev.detail.origin", tickets=", ".join(r.tickets) or "–", askers=", ".join(r.askers) or "–"))
    if r.supplier_ref:
        est = " / ".join(x for x in (f"{r.estimate_hours:g} t" if r.estimate_hours is not None else "",
                                     f"{r.estimate_kr:,} kr".replace(",", ".") if r.estimate_kr is not None else "")
                         if x)
        lines.append(t("dev.detail.order", ref=r.supplier_ref, estimate=est or "–",
                       ordered=fmt_date(r.ordered) if r.ordered else "–",
                       promised=fmt_date(r.promised) if r.promised else "–"))
    if r.release:
        lines.append(t("dev.detail.release", version=r.release, date=fmt_date(r.delivered) if r.delivered else ""))
    if r.reason:
        lines.append(t("dev.detail.reason", reason=r.reason))
    return "\n".join(lines)

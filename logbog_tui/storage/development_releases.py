"""Releases of logbog.net (the items delivered, release notes for the users in Danish, resolving
the linked tickets) and the backlog's views: overdue at the supplier, per region, a year's
deliveries, and the annual report's development figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from statistics import median
from typing import Any, cast

from pydantic import field_validator
from sqlmodel import col, select

from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.service import Message
from logbog_tui.storage import development, development_list, tickets
from logbog_tui.storage.db import Connection, fold
from logbog_tui.storage.development import _author, _event, _item
from logbog_tui.storage.development_list import ItemRow
from logbog_tui.storage.inputs import Input, free_text, required_text
from logbog_tui.storage.models import DevItem, DevItemAsker, DevRelease, EduRegion, Region, Ticket
from logbog_tui.storage.session import reading, transaction

DELIVERABLE = ("ordered", "in_development")


class ReleaseDraft(Input):
    version: str
    released_on: date

    @field_validator("version", mode="before")
    @classmethod
    def _version(cls, value: Any) -> str:
        return required_text(value, 50, Message("dev.field.version"))


@dataclass(frozen=True)
class Release:
    id: int
    version: str
    released_on: date
    notes: str | None
    items: tuple[ItemRow, ...]


def default_notes(version: str, day: date, titles: list[str]) -> str:
    """Release notes for the users, in Danish, from the items' titles (edited by hand later)."""
    lines = [f"logbog.net version {version} ({day.strftime('%d.%m.%Y')})", "",
             "Nyt i denne version:", *(f"- {title}" for title in titles)]
    return "\n".join(lines)


def add_release(conn: Connection, version: str, day: date, item_ids: list[int], today: date) -> int:
    """A release with the items delivered in it: each ordered or in-development item becomes
    leveret (its timeline says in which version); the notes are written from their titles."""
    d = ReleaseDraft.check({"version": version, "released_on": day})
    if day > today:
        raise UserError("ticket.date_in_future", date=day.strftime("%d.%m.%Y"))
    if not item_ids:
        raise UserError("dev.no_items")
    author = _author(conn, today)
    with transaction(conn) as session:
        if session.exec(select(DevRelease.id).where(DevRelease.version == d.version)).first() is not None:
            raise UserError("dev.release_exists", version=d.version)
        items = [_item(session, i) for i in dict.fromkeys(item_ids)]
        for item in items:
            if item.status not in DELIVERABLE:
                raise UserError("dev.not_deliverable", id=item.id, status=t(f"dev.status.{item.status}"))
            if item.ordered_on is not None and day < item.ordered_on:
                raise UserError("dev.release_before_order", id=item.id)
        release = DevRelease(version=d.version, released_on=day,
                             notes=default_notes(d.version, day, [i.title for i in items]))
        session.add(release)
        session.flush()
        release_id = cast(int, release.id)
        for item in items:
            old = item.status
            item.status, item.release_id = "delivered", release_id
            _event(session, cast(int, item.id), day, author, "status", old, "delivered",
                   t("dev.event.released", version=d.version))
    return release_id


def find_release(conn: Connection, version: str) -> Release:
    with reading(conn) as session:
        rel = session.exec(select(DevRelease).where(DevRelease.version == version.strip())).first()
        if rel is None:
            rel = session.exec(select(DevRelease).where(col(DevRelease.version).ilike(version.strip()))).first()
        if rel is None:
            raise UserError("dev.no_release", version=version.strip())
        ids = list(session.exec(select(DevItem.id).where(DevItem.release_id == rel.id)))
    items = tuple(sorted(development_list.list_items(conn, ids=[cast(int, i) for i in ids]), key=lambda r: r.id))
    return Release(cast(int, rel.id), rel.version, rel.released_on, rel.notes, items)


def releases(conn: Connection, year: int | None = None) -> list[DevRelease]:
    query = select(DevRelease).order_by(col(DevRelease.released_on).desc(), col(DevRelease.id).desc())
    if year is not None:
        query = query.where(col(DevRelease.released_on).between(date(year, 1, 1), date(year, 12, 31)))
    with reading(conn) as session:
        return list(session.exec(query))


def set_notes(conn: Connection, release_id: int, text: str | None) -> None:
    notes = free_text(text, 20_000, long_text=True)
    with transaction(conn) as session:
        rel = session.get(DevRelease, release_id)
        if rel is None:
            raise UserError("dev.no_release", version=release_id)
        rel.notes = notes


def notes_markdown(r: Release) -> str:
    """The release notes as Markdown: the first line a heading, the notes' list as they are."""
    body = r.notes or default_notes(r.version, r.released_on, [i.title for i in r.items])
    lines = body.splitlines()
    if lines and lines[0].startswith("logbog.net version"):
        lines[0] = "# " + lines[0]
    return "\n".join(lines) + "\n"


def notes_text(r: Release) -> str:
    """The release notes as plain text a newsletter can take (no Markdown marks)."""
    body = r.notes or default_notes(r.version, r.released_on, [i.title for i in r.items])
    return body.replace("- ", "• ") + "\n"


def resolve_tickets(conn: Connection, release_id: int, comment: str | None, today: date) -> tuple[int, int]:
    """Resolve the tickets linked to the release's items, in one change, by the tickets' own
    rules (a ticket that cannot go to løst from its status is left). Returns (resolved, left)."""
    text = comment or t("dev.resolved_comment")
    author = _author(conn, today)
    resolved = left = 0
    with transaction(conn) as session:
        rel = session.get(DevRelease, release_id)
        if rel is None:
            raise UserError("dev.no_release", version=release_id)
        ids = [cast(int, i) for i in session.exec(select(DevItem.id).where(DevItem.release_id == release_id))]
        for ticket_id in development_list.ticket_ids(conn, ids):
            status = cast(Ticket, session.get(Ticket, ticket_id)).status
            if status in ("resolved", "closed"):
                continue
            if "resolved" not in tickets.TRANSITIONS[status]:
                left += 1
                continue
            tickets.change_status(conn, ticket_id, "resolved", today, author, text, today)
            resolved += 1
    return resolved, left


# --- views -----------------------------------------------------------------------------------

def overdue(conn: Connection, today: date, days: int = 0) -> list[ItemRow]:
    """What the supplier has had more than ``days`` days past the promised date, latest first."""
    rows = [r for r in development_list.list_items(conn, include_closed=False) if (r.days_late(today) or 0) > days]
    return sorted(rows, key=lambda r: -(r.days_late(today) or 0))


def waiting_for_order(conn: Connection) -> list[ItemRow]:
    """Prioritised, not yet ordered from the supplier."""
    return development_list.list_items(conn, "prioritised")


@dataclass(frozen=True)
class RegionLine:
    name: str
    asked: int
    delivered: int
    open: int
    rejected: int


def per_region(conn: Connection, year: int | None = None) -> list[RegionLine]:
    """What each region or secretariat asked for (items created in ``year``, or all) and got."""
    query = (select(Region.name, EduRegion.name, DevItem.status).select_from(DevItemAsker)
             .join(DevItem, col(DevItem.id) == DevItemAsker.item_id)
             .outerjoin(Region, col(Region.code) == DevItemAsker.region_code)
             .outerjoin(EduRegion, col(EduRegion.code) == DevItemAsker.edu_region_code))
    if year is not None:
        query = query.where(col(DevItem.created_on).between(date(year, 1, 1), date(year, 12, 31)))
    counts: dict[str, list[int]] = {}
    with reading(conn) as session:
        for region, edu, status in session.exec(query):
            line = counts.setdefault(region or edu or "", [0, 0, 0, 0])
            line[0] += 1
            line[1] += status in ("delivered", "verified")
            line[2] += status in development.OPEN
            line[3] += status == "rejected"
    return [RegionLine(name, *values) for name, values in sorted(counts.items(), key=lambda kv: fold(kv[0]) or "")]


@dataclass(frozen=True)
class YearFigures:
    ordered: int
    delivered: int
    median_days: float | None
    regions: list[RegionLine]
    delivered_items: list[ItemRow]


def year_figures(conn: Connection, year: int) -> YearFigures:
    """The annual report's development section: items ordered and delivered in the year, the
    median days from ordered to delivered, and what each region asked for and got."""
    items = development_list.list_items(conn, sort="id")
    inside = (date(year, 1, 1), date(year, 12, 31))
    ordered = [r for r in items if r.ordered and inside[0] <= r.ordered <= inside[1]]
    delivered = [r for r in items if r.delivered and inside[0] <= r.delivered <= inside[1]]
    days = [(r.delivered - r.ordered).days for r in delivered if r.delivered and r.ordered]
    return YearFigures(len(ordered), len(delivered), float(median(days)) if days else None, per_region(conn, year),
                       delivered)

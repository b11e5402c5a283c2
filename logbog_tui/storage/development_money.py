"""The development backlog against the economy (issue 22 part 2, issue 20): an order whose estimate
is more than the year's development lines have left is the steering group's decision."""

from __future__ import annotations

from datetime import date

from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.storage.db import Connection
from logbog_tui.storage.development import _event, _item
from logbog_tui.storage.models import AgendaItem
from logbog_tui.storage.session import reading, transaction


def development_money_left(conn: Connection, year: int, today: date) -> int | None:
    """What the year's development lines (economy, kind ``development``) have left: budget less
    spent and committed, in kroner; None when the year has no development line."""
    from logbog_tui.storage import economy

    rows = [r for r in economy.overview(conn, year, today).lines if r.line.kind == "development"]
    return sum(r.position.remaining for r in rows) if rows else None


def needs_steering_group(conn: Connection, item_id: int, kr: int | None, on: date, today: date,
                          author: int | None) -> None:
    """An order whose estimate needs more money than the year's development lines have left is the
    steering group's decision (domain.md: money is decided there; a disagreement is referred): the
    item's decision is referred to it (one change, kept), and the order is refused until the
    steering group has settled that referral."""
    left = development_money_left(conn, on.year, today) if kr is not None else None
    if kr is None or left is None or kr <= left:
        return
    with reading(conn) as session:
        decision = _item(session, item_id).decision_item_id
        agenda = session.get(AgendaItem, decision) if decision is not None else None
        settled = agenda is not None and agenda.settled_by_id is not None
    if settled:
        return
    if agenda is not None and not agenda.referred:
        with transaction(conn) as session:
            row = session.get(AgendaItem, agenda.id)
            if row is not None:
                row.referred = True
            _event(session, item_id, today, author, "comment",
                   text=t("dev.event.referred_for_money", kr=kr, left=left))
    raise UserError("dev.needs_steering_group", field="estimate", kr=f"{kr:,}".replace(",", "."),
                    left=f"{left:,}".replace(",", "."))

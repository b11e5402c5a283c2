"""The demo's meeting papers (issue 23), clearly fictitious: a default address per host region,
a paper attached to the first item of each meeting, and the dates papers were sent (every paper
whose deadline has passed, except the minutes of the latest meeting held: the dashboard has one late)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import cast

from sqlmodel import Session, col, select

from logbog_tui.storage.models import AgendaItem, AgendaPaper, HostAddress, Meeting, PaperSent, Region


def fill_papers(session: Session, today: date) -> dict[str, int]:
    regions = session.exec(select(Region).order_by(col(Region.rotation_order))).all()
    for n, r in enumerate(regions, start=1):
        session.add(HostAddress(region_code=r.code,
                                address=f"{r.name}, Demovej {n}, {8000 + n * 100} Prøveby (fiktiv adresse)"))
    meetings = session.exec(select(Meeting).where(Meeting.status != "cancelled").order_by(col(Meeting.date))).all()
    first_items = {mid: iid for iid, mid in session.exec(
        select(AgendaItem.id, AgendaItem.meeting_id).where(AgendaItem.position == 1))}
    papers = 0
    for m in meetings:
        if m.id is not None and m.id in first_items:
            session.add(AgendaPaper(item_id=cast(int, first_items[m.id]), title="Notat fra sekretariatet (fiktivt)",
                                    target=f"https://example.org/logbog/notat-{m.id}.pdf"))
            papers += 1
    # every paper whose deadline has passed was sent on time, except the minutes of the latest meeting held
    past = [m for m in meetings if m.date < today]
    sent = 0
    for m in meetings:
        marks = [(kind, on) for kind, on in (("invitation", m.date - timedelta(days=30)),
                                             ("agenda", m.date - timedelta(days=8))) if on <= today]
        if m.date < today and m is not past[-1]:
            marks.append(("minutes", m.date + timedelta(days=10)))
        for kind, on in marks:
            session.add(PaperSent(meeting_id=cast(int, m.id), kind=kind, sent_on=on))
            sent += 1
    return {"papers": papers, "papers_sent": sent}

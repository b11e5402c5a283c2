"""The demo's development backlog (issue 22), plausible and clearly fictitious: items in every
status, some made from the demo's tickets, asked for by regions and secretariats, prioritised at
the follow-up group's meetings, ordered from the supplier (one past its promised date, one
prioritised and not yet ordered), and two releases with their notes. Called by
:func:`logbog_tui.storage.demo.fill` in its transaction, after the meetings and tickets."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import cast

from sqlmodel import Session, col, select

from logbog_tui.storage.models import (AgendaItem, DevItem, DevItemAsker, DevItemEvent, DevItemTicket, DevRelease,
                                       Meeting, TaskArea, Ticket)

# title, kind, area, askers (region or education region codes), status, days ago: created, prioritised,
# ordered, promised (from ordered), release index (0, 1) or None, reason
ITEMS = [
    ("Eksport af logbog til PDF", "feature", "FG2", ("nord", "hovedstaden"), "verified", 330, 300, 280, 90, 0, None),
    ("Påmindelser pr. mail om manglende godkendelser", "improvement", "FG2", ("syd",), "delivered", 320, 300, 270,
     100, 0, None),
    ("Tydeligere knap til godkendelse af kompetencer", "improvement", "FG3", ("midtjylland", "ost"), "delivered",
     200, 150, 120, 90, 1, None),
    ("Rettelse: forkert visning af delkursusleder", "bugfix", "FG1", ("nordjylland",), "in_development", 90, 60, 55,
     35, None, None),
    ("Integration med uddannelsesportalen", "integration", "FG2", ("ost", "sjaelland"), "ordered", 150, 60, 30, 120,
     None, None),
    ("Ny arbejdsgang for godkendelse af uddannelsesprogrammer", "workflow", "FG5", ("nordjylland",), "prioritised",
     80, 40, None, None, None, None),
    ("Mørk tilstand i logbogen", "feature", "FG3", ("syd",), "idea", 20, None, None, None, None, None),
    ("Automatisk sletning af gamle brugerkonti", "feature", "FG2", (), "rejected", 250, None, None, None, None,
     "Strider mod kravet om opbevaring af uddannelsesdokumentation (fiktiv begrundelse)"),
]
RELEASES = (("4.1", 150), ("4.2", 20))
LIFE = ("idea", "prioritised", "ordered", "in_development", "delivered", "verified")


def fill_development(session: Session, today: date, start: date) -> dict[str, int]:
    areas = {code: aid for aid, code in session.exec(select(TaskArea.id, TaskArea.code))}
    decisions = list(session.exec(select(col(AgendaItem.id), col(Meeting.date)).select_from(AgendaItem)
                                  .join(Meeting, col(Meeting.id) == col(AgendaItem.meeting_id))
                                  .where(Meeting.body_code == "folgegruppe", col(Meeting.date) <= today)
                                  .order_by(col(Meeting.date))))
    wishes = list(session.exec(select(col(Ticket.id), col(Ticket.opened_on)).where(col(Ticket.category).in_(
        ("oenske", "feedback", "fejl"))).order_by(col(Ticket.id))))

    def day(ago: int) -> date:
        return max(start, today - timedelta(days=ago))

    releases = []
    for version, ago in RELEASES:
        release = DevRelease(version=version, released_on=day(ago))
        session.add(release)
        session.flush()
        releases.append(release)
    delivered: dict[int, list[str]] = {}
    for n, (title, kind, area, askers, status, made, prio, ordered, promise, rel, reason) in enumerate(ITEMS):
        created = day(made)
        decision = next((a for a, d in reversed(decisions) if d <= day(prio)), None) if prio else None
        item = DevItem(title=title, kind=kind, area_id=areas[area], status=status, created_on=created,
                       priority=("1", "hoej", "2", "mellem", "hoej", "lav", None, None)[n], decision_item_id=decision,
                       reason=reason, description="Fiktivt demopunkt")
        if ordered is not None:
            item.sqlmodel_update({"supplier_ref": f"DT-{day(ordered).year}-{310 + n}", "ordered_on": day(ordered),
                                  "promised_on": day(ordered) + timedelta(days=promise or 0),
                                  "estimate_hours": float(20 + 8 * n), "estimate_kr": 15_000 + 5_000 * n})
        if rel is not None:
            item.release_id = releases[rel].id
            delivered.setdefault(rel, []).append(title)
        session.add(item)
        session.flush()
        item_id = cast(int, item.id)
        if n < len(wishes) and n % 2 == 0 and wishes[n][1] <= created:
            session.add(DevItemTicket(item_id=item_id, ticket_id=cast(int, wishes[n][0])))
        for code in askers:
            edu = code in ("nord", "syd", "ost")
            session.add(DevItemAsker(item_id=item_id, region_code=None if edu else code,
                                     edu_region_code=code if edu else None))
        steps = [("idea", created), ("prioritised", day(prio) if prio else None),
                 ("ordered", day(ordered) if ordered is not None else None),
                 ("in_development", day(ordered) + timedelta(days=5) if ordered is not None else None),
                 ("delivered", releases[rel].released_on if rel is not None else None),
                 ("verified", releases[rel].released_on + timedelta(days=7) if rel is not None else None)]
        old = None
        target = LIFE.index(status) if status in LIFE else 0
        for i, (new, when) in enumerate(steps[:target + 1]):
            if when is None or when > today:
                continue
            session.add(DevItemEvent(item_id=item_id, at=datetime.combine(when, time(11, 0)), kind=(
                "created" if i == 0 else "status"), old_status=old, new_status=new))
            old = new
        if status == "rejected":
            session.add(DevItemEvent(item_id=item_id, at=datetime.combine(day(made - 30), time(11, 0)), kind="status",
                                     old_status="idea", new_status="rejected", text=reason))
    for index, titles in delivered.items():
        r = releases[index]
        r.notes = "\n".join([f"logbog.net version {r.version} ({r.released_on.strftime('%d.%m.%Y')})", "",
                             "Nyt i denne version:", *(f"- {x}" for x in titles)])
    return {"dev_items": len(ITEMS), "releases": len(RELEASES)}

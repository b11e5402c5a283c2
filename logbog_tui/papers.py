"""Meeting papers (issue 23): the invitation, agenda and minutes of a meeting as a plain document
structure (headings, paragraphs, a table of facts, numbered items, tables), built from the
meeting's record in the current UI language. :mod:`logbog_tui.papers_render` writes it as a Word
document (python-docx) or as Markdown; :mod:`logbog_tui.papers_mail` makes the .eml draft."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from logbog_tui.i18n import fmt_date, t
from logbog_tui.storage import meeting_records, papers
from logbog_tui.storage.db import Connection
from logbog_tui.storage.meetings import MeetingRow, get


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    text: str


@dataclass(frozen=True)
class Numbered:
    """A numbered list: each item's text and its lines underneath (owner, papers, decision)."""
    items: list[tuple[str, list[str]]]


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]


Block = Heading | Para | Numbered | Table


@dataclass(frozen=True)
class Document:
    kind: str
    meeting: MeetingRow
    title: str
    blocks: list[Block] = field(default_factory=list)

    def subject(self) -> str:
        return t("papers.subject", kind=t(f"papers.kind.{self.kind}"), body=t(f"body.{self.meeting.body}"),
                 date=fmt_date(self.meeting.day))


def _when(m: MeetingRow) -> str:
    day = f"{t(f'weekday.long.{m.day.weekday()}')} {fmt_date(m.day)}"
    return day + (" " + t("papers.at_time", time=m.time) if m.time else "")


def _facts(conn: Connection, m: MeetingRow) -> Table:
    rows = [[t("papers.fact.body"), t(f"body.{m.body}")], [t("papers.fact.when"), _when(m)],
            [t("papers.fact.place"), papers.address_for(conn, m) or "–"]]
    if m.body == "folgegruppe":
        rows.append([t("papers.fact.host"), m.host_name or "–"])
    if m.status == "cancelled":
        rows.append([t("papers.fact.status"), t("meeting.status.cancelled")])
    return Table([t("papers.col.what"), t("papers.col.value")], rows)


def _attachments(found: list[papers.AgendaPaper]) -> list[str]:
    return [t("papers.attachment", title=p.title) + (f" ({p.target})" if p.target else "") for p in found]


def build(conn: Connection, meeting_id: int, kind: str) -> Document:
    papers.check_kind(kind)
    m = get(conn, meeting_id)
    doc = Document(kind, m, t(f"papers.title.{kind}", body=t(f"body.{m.body}"), date=fmt_date(m.day)))
    doc.blocks.append(Heading(doc.title, 0))
    {"invitation": _invitation, "agenda": _agenda, "minutes": _minutes}[kind](conn, m, doc.blocks)
    return doc


def _invitation(conn: Connection, m: MeetingRow, out: list[Block]) -> None:
    out.append(Para(t("papers.invitation.intro", body=t(f"body.{m.body}"), when=_when(m))))
    out.append(_facts(conn, m))
    people = papers.recipients(conn, m)
    out.append(Heading(t("papers.invited"), 1))
    members = [p for p in people if p.role == "member"]
    out.append(Table([t("papers.col.name"), t("papers.col.seat")], [[p.name, p.seat] for p in members]))
    subs = [p for p in people if p.role == "substitute"]
    out.append(Heading(t("papers.substitutes"), 1))
    if subs:
        out.append(Table([t("papers.col.name"), t("papers.col.seat")], [[p.name, p.seat] for p in subs]))
    else:
        out.append(Para(t("papers.none")))
    agenda_deadline = papers.deadline("agenda", m.day, papers.days(conn))
    out.append(Heading(t("papers.deadline_head"), 1))
    out.append(Para(t("papers.invitation.deadline", date=fmt_date(agenda_deadline))))
    _signature(conn, m.day, out)


def _agenda(conn: Connection, m: MeetingRow, out: list[Block]) -> None:
    out.append(_facts(conn, m))
    out.append(Heading(t("papers.items"), 1))
    attached = papers.papers_of(conn, m.id)
    items = meeting_records.items(conn, m.id)
    out.append(Numbered([(i.title, ([t("papers.owner", name=i.owner)] if i.owner else [])
                          + _attachments(attached.get(i.id, []))) for i in items])
               if items else Para(t("papers.no_items")))
    _signature(conn, m.day, out)


def _minutes(conn: Connection, m: MeetingRow, out: list[Block]) -> None:
    from logbog_tui.storage import names

    out.append(_facts(conn, m))
    people = meeting_records.attendees(conn, m.id)
    stood_in = names.person_names(conn, [a.represented_by for a in people if a.represented_by])
    out.append(Heading(t("papers.attendance"), 1))
    rows = []
    for a in people:
        status = t(f"record.status.{a.status}") if a.status else t("papers.not_recorded")
        rows.append([a.name, a.seat, status, stood_in.get(a.represented_by or 0, "") if a.represented_by else ""])
    out.append(Table([t("papers.col.name"), t("papers.col.seat"), t("papers.col.attendance"),
                      t("papers.col.represented_by")], rows))
    out.append(Heading(t("papers.items"), 1))
    items = meeting_records.items(conn, m.id)
    attached = papers.papers_of(conn, m.id)
    out.append(Numbered([(i.title, ([t("papers.owner", name=i.owner)] if i.owner else [])
                          + _attachments(attached.get(i.id, []))
                          + [t("papers.decision", text=i.decision or t("papers.no_decision"))]
                          + ([t("papers.referred")] if i.referred else [])) for i in items])
               if items else Para(t("papers.no_items")))
    referred = [i for i in items if i.referred]
    if referred:
        settled = {r.item_id: r for r in meeting_records.referrals(conn, open_only=False)}
        out.append(Heading(t("papers.referrals"), 1))
        out.append(Table([t("papers.col.item"), t("papers.col.steering_decision")],
                         [[i.title, _settlement(settled.get(i.id))] for i in referred]))
    acts = papers.actions(conn, m.id)
    out.append(Heading(t("papers.actions"), 1))
    if acts:
        out.append(Table([t("papers.col.action"), t("papers.col.owner"), t("papers.col.due")],
                         [[a.title, a.owner or "–", fmt_date(a.due) if a.due else "–"] for a in acts]))
    else:
        out.append(Para(t("papers.none")))
    out.append(Heading(t("papers.next"), 1))
    nxt = papers.next_meeting(conn, m)
    out.append(Para(_next_line(nxt) if nxt else t("papers.next_none")))
    _signature(conn, m.day, out)


def _settlement(r: meeting_records.Referral | None) -> str:
    if r is None or r.settled_by is None:
        return t("papers.not_settled")
    return t("papers.settled", date=fmt_date(r.settled_on), decision=r.decision or "–")


def _next_line(n: papers.NextMeeting) -> str:
    key = "papers.next_proposed" if n.proposed else "papers.next_planned"
    return t(key, date=fmt_date(n.day), weekday=t(f"weekday.long.{n.day.weekday()}"), host=n.host or "–")


def _signature(conn: Connection, day: date, out: list[Block]) -> None:
    leader = papers.organizer(conn, day)
    if leader is not None:
        out.append(Para(t("papers.signature", name=leader.name)))

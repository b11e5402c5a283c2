"""Mail drafts of meeting papers (issue 23): an .eml message (standard library ``email``) with the
recipients, a subject and text in the UI language, and the paper attached. Nothing is sent: the
user opens the draft in the mail program (the program works offline)."""

from __future__ import annotations

from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formataddr, formatdate

from logbog_tui.i18n import fmt_date, t
from logbog_tui.papers import Document
from logbog_tui.papers_render import MEDIA_TYPES, render
from logbog_tui.service.text import visible
from logbog_tui.storage import papers
from logbog_tui.storage.db import Connection


def file_name(doc: Document, fmt: str) -> str:
    kind = t(f"papers.kind.{doc.kind}").lower().replace(" ", "-")
    return f"{kind}-{doc.meeting.body}-{doc.meeting.day.isoformat()}.{fmt}"


def _address(name: str, mail: str) -> str:
    name = visible(name, keep_newlines=False)
    try:
        return str(Address(display_name=name, addr_spec=mail))
    except (ValueError, IndexError):
        return formataddr((name, mail))


def draft(conn: Connection, doc: Document, fmt: str = "docx") -> bytes:
    """The draft as bytes (RFC 5322); ``X-Unsent: 1`` makes mail programs open it for editing."""
    m = doc.meeting
    msg = EmailMessage()
    leader = papers.organizer(conn, m.day)
    if leader is not None and leader.email:
        msg["From"] = _address(leader.name, leader.email)
    own = leader.email if leader is not None else None
    people = [r for r in papers.recipients(conn, m) if r.email and r.email != own]
    to = [_address(r.name, r.email or "") for r in people if r.role == "member"]
    cc = [_address(r.name, r.email or "") for r in people if r.role == "substitute"]
    if to:
        msg["To"] = ", ".join(to)
    if cc:
        msg["Cc"] = ", ".join(cc)
    msg["Subject"] = visible(doc.subject(), keep_newlines=False)
    msg["Date"] = formatdate(localtime=True)
    msg["X-Unsent"] = "1"
    body = t(f"papers.mail.{doc.kind}", body=t(f"body.{m.body}"), date=fmt_date(m.day))
    if leader is not None:
        body += "\n\n" + t("papers.mail.regards", name=leader.name)
    msg.set_content(visible(body))
    maintype, subtype = MEDIA_TYPES[fmt].split("/")
    msg.add_attachment(render(doc, fmt), maintype=maintype, subtype=subtype, filename=file_name(doc, fmt))
    return msg.as_bytes()

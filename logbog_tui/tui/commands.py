"""The command palette (Ctrl+P): jump to any person, meeting, task or ticket by name, to a
specialty, a document or a contract on the Registers screen, to a budget line or a posting on the
Economy screen, and to a development item (screen 8)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from logbog_tui.storage import meetings, names, tasks, tickets
from logbog_tui.i18n import fmt_date, t
from logbog_tui.service.text import visible


class JumpProvider(Provider):
    """People, meetings, tasks and tickets, found as you type."""

    async def startup(self) -> None:
        app = self.app
        conn = app.conn
        self.items: list[tuple[str, str, object]] = []
        for name in names.people_in_order(conn):
            self.items.append((f"{t('palette.person')}: {name}", t("palette.open_person"),
                               partial(app.open_person, name)))
        for r in tickets.list_tickets(conn, limit=2000):
            self.items.append((f"{t('palette.ticket')} {r.number}: {r.title}", t(f"ticket.status.{r.status}"),
                               partial(app.open_ticket, r.id)))
        for m in meetings.list_meetings(conn):
            label = f"{t('palette.meeting')} {fmt_date(m.day)}: {t(f'body.{m.body}')}" + (
                f" ({m.host_name})" if m.host_name else "")
            self.items.append((label, t(f"meeting.status.{m.status}"), partial(app.open_meeting, m.id)))
        for r in tasks.list_tasks(conn, None, limit=2000):
            self.items.append((f"{t('palette.task')}: {r.title}", t(f"task.status.{r.status}"),
                               partial(app.open_task, r.title)))
        self.items += register_items(app)
        self.items += economy_items(app)
        self.items += development_items(app)
        # stored text with control characters is shown escaped (a title cannot act on the terminal)
        self.items = [(visible(label, keep_newlines=False), help_text, command)
                      for label, help_text, command in self.items]

    async def discover(self) -> Hits:
        for label, help_text, command in self.items[:20]:
            yield DiscoveryHit(Content(label), command, text=label, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, help_text, command in self.items:
            score, offsets = matcher.fuzzy_search.match(query, label)
            if score > 0:
                yield Hit(score, highlight(label, offsets, matcher.match_style), command, text=label, help=help_text)


def register_items(app) -> list[tuple[str, str, object]]:
    """Specialties, documents and contracts: each opens the Registers screen on its row."""
    from logbog_tui.storage import contracts, documents, specialties
    from logbog_tui.tui.screens.registers import open_register

    conn, today = app.conn, app.today
    items: list[tuple[str, str, object]] = []
    for s in specialties.list_specialties(conn, today, include_ended=True):
        state = t("reg.state.waiting", days=s.days_waiting) if s.pending else (s.edition_in_force or "–")
        items.append((f"{t('palette.specialty')}: {s.name}", state,
                      partial(open_register, app, "tab-specialties", s.id)))
    for d in documents.list_documents(conn, today):
        items.append((f"{t('palette.document')}: {d.title}", t(f"reg.audience.{d.audience}"),
                      partial(open_register, app, "tab-documents", d.id)))
    for c in contracts.list_contracts(conn, today):
        items.append((f"{t('palette.contract')}: {c.contract.title}", c.contract.party,
                      partial(open_register, app, "tab-contracts", c.id)))
    return items


def economy_items(app) -> list[tuple[str, str, object]]:
    """Budget lines and postings (invoices, credit notes, commitments): each opens the Economy screen
    on its year with the cursor on the line."""
    from logbog_tui.service.economy import format_amount
    from logbog_tui.storage import economy
    from logbog_tui.tui.screens.economy import open_line

    lines, postings = economy.palette_rows(app.conn)
    items: list[tuple[str, str, object]] = []
    for line in lines:
        items.append((f"{t('palette.econ_line')} {line.year}: {line.name}", format_amount(line.budget),
                      partial(open_line, app, line.id, line.year)))
    for p, line in postings:
        what = " ".join(x for x in (p.supplier, p.reference, p.note) if x)
        items.append((f"{t('palette.posting')} {fmt_date(p.date)}: {what or line.name}",
                      f"{line.name}: {format_amount(p.amount)}", partial(open_line, app, line.id, line.year)))
    return items


def development_items(app) -> list[tuple[str, str, object]]:
    """The development backlog's items: each opens on screen 8 with its timeline."""
    from logbog_tui.storage.development_list import list_items
    from logbog_tui.tui.screens.development import open_item

    return [(f"{t('palette.dev_item')} #{r.id}: {r.title}", t(f"dev.status.{r.status}"),
             partial(open_item, app, r.id)) for r in list_items(app.conn, sort="id", limit=2000)]


def highlight(label: str, offsets, style) -> Content:
    """``label`` as plain text with the matched letters marked. (Textual's Matcher.highlight reads
    the label as markup: a name such as "[/x] Anna" stopped the program.)"""
    content = Content(label)
    for offset in offsets:  # offsets are in the lower-cased label, which can be longer ("İ")
        if offset < len(label) and not label[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content

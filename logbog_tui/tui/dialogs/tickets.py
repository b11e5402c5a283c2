"""The ticket dialogs, built on FormDialog: new ticket, forward to the supplier, status, comment."""

from __future__ import annotations

from datetime import date, timedelta

from logbog_tui.storage import names, tickets
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t
from logbog_tui.service import Message
from logbog_tui.storage.inputs import Invalid
from logbog_tui.storage.tickets import TicketRow
from logbog_tui.tui.dialogs.form import Field, FormDialog


def _author(conn, today):
    leader = names.project_leader(conn, today)
    return leader.id if leader else None


def new_ticket(conn, today: date) -> FormDialog:
    def save(values: dict):
        problems: dict[str, Message] = {}  # all at once, each under its field
        rid = rname = None
        try:
            rid, rname = tickets.resolve_reporter(conn, values["reporter"])
        except UserError as exc:
            problems["reporter"] = exc.note
        try:
            draft = tickets.TicketDraft.check({"title": values["title"], "category": values["category"],
                                               "priority": values["priority"], "description": values["description"],
                                               "reporter_id": rid, "reporter_name": rname,
                                               "reporter_org": values["org"] if rname else None})
        except Invalid as exc:
            names = {"reporter_name": "reporter", "reporter_org": "org"}
            problems = {names.get(k, k): m for k, m in exc.problems.items()} | problems
        if problems:
            raise Invalid(problems)
        return tickets.create(conn, draft, today, _author(conn, today))

    people = names.people_in_order(conn)
    fields = [Field("title", t("ticket.field.title")),
              Field("category", t("ticket.field.category"), "spoergsmaal",
                    options=tuple((t(f"category.{c}"), c) for c in tickets.CATEGORIES)),
              Field("priority", t("ticket.field.priority"), "normal",
                    options=tuple((t(f"priority.{p}"), p) for p in tickets.PRIORITIES)),
              Field("reporter", t("ticket.field.reporter"), "", suggestions=people,
                    placeholder=t("ticket.reporter_hint")),
              Field("org", t("ticket.field.org"), ""),
              Field("description", t("ticket.field.description"), "", multiline=True)]
    return FormDialog(t("ticket.new_title"), fields, save)


def forward_ticket(conn, row: TicketRow, today: date) -> FormDialog:
    def save(values: dict):
        sent = tickets.Forwarding.check(values, today=today)
        tickets.forward(conn, row.id, sent.ref, sent.sent or today, sent.promised, _author(conn, today), today)
        return row.id

    fields = [Field("ref", t("ticket.field.ref"), row.supplier_ref or "", placeholder="DT-2026-123"),
              Field("sent", t("ticket.field.sent"), fmt_date(today)),
              Field("promised", t("ticket.field.promised"), fmt_date(today + timedelta(days=14)))]
    return FormDialog(t("ticket.forward_title", number=row.number), fields, save)


def status_ticket(conn, row: TicketRow, today: date) -> FormDialog:
    options = tuple((t(f"ticket.status.{s}"), s) for s in tickets.TRANSITIONS[row.status])

    def save(values: dict):
        change = tickets.StatusChange.check(values, today=today, options=tickets.TRANSITIONS[row.status])
        tickets.change_status(conn, row.id, change.status, today, _author(conn, today), change.comment, change.on)
        return row.id

    fields = [Field("status", t("ticket.field.status"), options[0][1], options=options),
              Field("on", t("ticket.field.changed_on"), fmt_date(today)),
              Field("comment", t("ticket.field.comment"), "")]
    return FormDialog(t("ticket.status_title", number=row.number, status=t(f"ticket.status.{row.status}")),
                      fields, save)


def comment_ticket(conn, row: TicketRow, today: date) -> FormDialog:
    def save(values: dict):
        tickets.comment(conn, row.id, values["comment"], _author(conn, today))
        return row.id

    return FormDialog(t("ticket.comment_title", number=row.number),
                      [Field("comment", t("ticket.field.comment"), "", multiline=True)], save)

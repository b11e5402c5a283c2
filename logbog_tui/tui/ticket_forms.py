"""The ticket dialogs, built on FormDialog: new ticket, forward to the supplier, status, comment."""

from __future__ import annotations

from datetime import date, timedelta

from logbog_tui.storage import queries, tickets
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t
from logbog_tui.service import Problem
from logbog_tui.service.parse import parse_date
from logbog_tui.storage.tickets import TicketRow
from logbog_tui.tui.modals.form import Field, FieldErrors, FormDialog


def _author(conn, today):
    leader = queries.project_leader(conn, today)
    return leader.id if leader else None


def new_ticket(conn, today: date) -> FormDialog:
    def save(values: dict):
        errors: dict[str, str] = {}  # all at once, each under its field
        rid = rname = None
        if not (values["title"] or "").strip():
            errors["title"] = t("task.required", field=t("ticket.field.title"))
        try:
            rid, rname = tickets.resolve_reporter(conn, values["reporter"])
        except UserError as exc:
            errors["reporter"] = exc.message
        if errors:
            raise FieldErrors(errors)
        draft = tickets.TicketDraft(values["title"], values["category"] or "spoergsmaal",
                                    values["priority"] or "normal", values["description"], rid, rname,
                                    values["org"] if rname else None)
        return tickets.create(conn, draft, today, _author(conn, today))

    people = queries.people_in_order(conn)
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


def _date(values: dict, name: str, today: date, errors: dict) -> date | None:
    if not (values.get(name) or "").strip():
        return None
    try:
        return parse_date(values[name], today)
    except Problem as p:
        errors[name] = t(p.key, **p.params)
        return None


def forward_ticket(conn, row: TicketRow, today: date) -> FormDialog:
    def save(values: dict):
        errors: dict[str, str] = {}
        sent = _date(values, "sent", today, errors)
        promised = _date(values, "promised", today, errors)
        if not (values["ref"] or "").strip():
            errors["ref"] = t("ticket.ref_required")
        if errors:
            raise FieldErrors(errors)
        tickets.forward(conn, row.id, values["ref"], sent or today, promised, _author(conn, today), today)
        return row.id

    fields = [Field("ref", t("ticket.field.ref"), row.supplier_ref or "", placeholder="DT-2026-123"),
              Field("sent", t("ticket.field.sent"), fmt_date(today)),
              Field("promised", t("ticket.field.promised"), fmt_date(today + timedelta(days=14)))]
    return FormDialog(t("ticket.forward_title", number=row.number), fields, save)


def status_ticket(conn, row: TicketRow, today: date) -> FormDialog:
    options = tuple((t(f"ticket.status.{s}"), s) for s in tickets.TRANSITIONS[row.status])

    def save(values: dict):
        errors: dict[str, str] = {}
        if not values["status"]:
            errors["status"] = t("ticket.bad_status", text="–", options=", ".join(o for o, _ in options))
        on = _date(values, "on", today, errors)
        if errors:
            raise FieldErrors(errors)
        tickets.change_status(conn, row.id, values["status"], today, _author(conn, today), values["comment"], on)
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

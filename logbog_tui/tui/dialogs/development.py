"""The development backlog's dialogs, built on FormDialog: a new item, a status change, a release,
the release notes, and (from the meeting record) the items as agenda items and an item's priority."""

from __future__ import annotations

from datetime import date

from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t
from logbog_tui.storage import development as dev
from logbog_tui.storage import development_releases as rel
from logbog_tui.storage import names
from logbog_tui.storage.development_list import ItemRow
from logbog_tui.tui.dialogs.form import Field, FieldErrors, FormDialog


def _ids(text: str, field: str) -> list[int]:
    parts = [p.strip().lstrip("#") for p in (text or "").replace(" ", ",").split(",") if p.strip()]
    if not parts or not all(p.isdigit() for p in parts):
        raise FieldErrors({field: t("dev.bad_ids", text=text or "–")})
    return [int(p) for p in parts]


def new_item(conn, today: date) -> FormDialog:
    def save(values: dict):
        area = None
        if (values["area"] or "").strip():
            try:
                area = names.resolve_area(conn, values["area"]).id
            except UserError as exc:
                raise FieldErrors({"area": exc.message}) from None
        ticket = None
        if (values["ticket"] or "").strip():
            from logbog_tui.cli.ticket_cmds import find

            try:
                ticket = find(conn, values["ticket"]).id
            except UserError as exc:
                raise FieldErrors({"ticket": exc.message}) from None
        askers = tuple(a.strip() for a in (values["askers"] or "").split(",") if a.strip())
        if ticket is not None and not (values["title"] or "").strip():  # the ticket's title and description
            item = dev.from_ticket(conn, ticket, today, values["kind"], area)
            for code in askers:
                dev.add_asker(conn, item, code)
            return item
        draft = dev.ItemDraft.check({"title": values["title"], "kind": values["kind"],
                                     "description": values["description"], "area_id": area})
        return dev.create(conn, draft, today, (ticket,) if ticket else (), askers)

    areas = tuple(f"{a.code}" for a in _fg_areas(conn))
    fields = [Field("title", t("dev.field.title"), "", placeholder=t("dev.title_hint")),
              Field("kind", t("dev.field.kind"), "improvement",
                    options=tuple((t(f"dev.kind.{k}"), k) for k in dev.KINDS)),
              Field("area", t("dev.field.area"), "", suggestions=areas, placeholder="FG2"),
              Field("ticket", t("dev.field.ticket"), "", placeholder="2026-0007"),
              Field("askers", t("dev.field.askers"), "", placeholder=t("dev.askers_hint")),
              Field("description", t("dev.field.description"), "", multiline=True)]
    return FormDialog(t("dev.new_title"), fields, save)


def _fg_areas(conn):
    from logbog_tui.storage import meeting_records

    return meeting_records.task_areas(conn, "folgegruppe")


def status_item(conn, row: ItemRow, today: date) -> FormDialog:
    options = tuple((t(f"dev.status.{s}"), s) for s in dev.TRANSITIONS[row.status])

    def save(values: dict):
        change = dev.StatusChange.check(values, today=today)
        dev.change_status(conn, row.id, change, today)
        return row.id

    life = ("idea", "prioritised", "ordered", "in_development", "delivered", "verified")
    ahead = life[life.index(row.status) + 1] if row.status in life[:-1] else None
    forward = ahead if ahead in dev.TRANSITIONS[row.status] else None  # no default for a step back or afvist
    fields = [Field("status", t("dev.field.status"), forward, options=options),
              Field("on", t("dev.field.on"), fmt_date(today)),
              Field("ref", t("dev.field.ref"), row.supplier_ref or "", placeholder="DT-2026-123"),
              Field("estimate", t("dev.field.estimate"), "", placeholder="40t / 25000 kr"),
              Field("promised", t("dev.field.promised"), fmt_date(row.promised) if row.promised else ""),
              Field("reason", t("dev.field.reason"), "")]
    return FormDialog(t("dev.status_title", id=row.id, status=t(f"dev.status.{row.status}")), fields, save,
                      hint=t("dev.status_hint"))


def new_release(conn, today: date, ready: list[ItemRow]) -> FormDialog:
    def save(values: dict):
        from logbog_tui.service.parse import parse_date

        try:
            day = parse_date(values["date"] or "", today)
        except Exception as exc:  # noqa: BLE001 - a Problem: shown under the field
            raise FieldErrors({"date": getattr(exc, "message", str(exc))}) from None
        return rel.add_release(conn, values["version"], day, _ids(values["items"], "items"), today)

    fields = [Field("version", t("dev.field.version"), "", placeholder="4.2"),
              Field("date", t("dev.field.date"), fmt_date(today)),
              Field("items", t("dev.field.items"), ", ".join(str(r.id) for r in ready))]
    return FormDialog(t("dev.release_title"), fields, save)


def edit_notes(conn, release: rel.Release) -> FormDialog:
    def save(values: dict):
        rel.set_notes(conn, release.id, values["notes"])
        return release.id

    return FormDialog(t("dev.notes_title", version=release.version),
                      [Field("notes", t("dev.field.notes"), release.notes or "", multiline=True)], save)


def agenda_items(conn, meeting_id: int, open_items: list[ItemRow]) -> FormDialog:
    """The meeting record's `B`: open items as agenda items (the ideas by default)."""

    def save(values: dict):
        return dev.to_agenda(conn, meeting_id, _ids(values["items"], "items"))

    ideas = [r for r in open_items if r.status in ("idea", "prioritised")]
    return FormDialog(t("dev.agenda_dialog"), [Field("items", t("dev.field.items"),
                                                     ", ".join(str(r.id) for r in ideas))], save,
                      intro="\n".join(f"#{r.id} {r.title[:60]} ({t(f'dev.status.{r.status}')})" for r in ideas[:8]))


def priority_item(conn, row: ItemRow, today: date, decision: str | None) -> FormDialog:
    """The meeting record's `P` on an item's agenda point: its priority and the decision."""

    def save(values: dict):
        try:
            dev.parse_priority(values["priority"])
        except UserError as exc:
            raise FieldErrors({"priority": exc.message}) from None
        dev.prioritise(conn, row.id, values["priority"], values["decision"], today)
        return row.id

    return FormDialog(t("dev.priority_title", id=row.id, title=row.title[:40]),
                      [Field("priority", t("dev.field.priority"), row.priority or "", placeholder="1 / høj"),
                       Field("decision", t("dev.field.decision_text"), decision or "")], save,
                      hint=t("dev.money_referral"))

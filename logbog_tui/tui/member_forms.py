"""The Members screen's dialogs, built on FormDialog: person, appointment, substitute, end."""

from __future__ import annotations

from datetime import date

from logbog_tui.storage import memberships, people, queries
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t
from logbog_tui.storage.people import PersonRow
from logbog_tui.service import Problem
from logbog_tui.service.composition import valid_on
from logbog_tui.service.parse import parse_date
from logbog_tui.tui.modals.form import Field, FieldErrors, FormDialog

PERSON_FIELDS = ("name", "title", "email", "phone", "notes")


def _organisations(conn) -> tuple[tuple[str, int], ...]:
    return tuple((name, oid) for oid, name in conn.execute("SELECT id, name FROM organisation ORDER BY name COLLATE da"))


def person_dialog(conn, row: PersonRow | None) -> FormDialog:
    def save(values: dict):
        draft = people.PersonDraft.check({**{k: values[k] for k in PERSON_FIELDS},
                                          "organisation_id": values["organisation"]})
        if row is None:
            return people.create(conn, draft)
        people.update(conn, row.id, draft)
        return row.id

    r = row
    fields = [Field("name", t("person.field.name"), r.name if r else ""),
              Field("organisation", t("person.field.organisation"), r.organisation_id if r else None,
                    options=_organisations(conn)),
              Field("title", t("person.field.title"), (r.title or "") if r else ""),
              Field("email", t("person.field.email"), (r.email or "") if r else ""),
              Field("phone", t("person.field.phone"), (r.phone or "") if r else "", placeholder="+45 12 34 56 78"),
              Field("notes", t("person.field.notes"), (r.notes or "") if r else "", multiline=True)]
    return FormDialog(t("person.edit_title", name=r.name) if r else t("person.new_title"), fields, save,
                      t("person.hint"))


def _dates(values: dict, today: date, errors: dict) -> tuple[date | None, date | None]:
    start = end = None
    try:
        start = parse_date(values["start"], today)
    except Problem as p:
        errors["start"] = t(p.key, **p.params)
    if (values.get("end") or "").strip():
        try:
            end = parse_date(values["end"], today)
        except Problem as p:
            errors["end"] = t(p.key, **p.params)
    return start, end


def _field_of(exc: UserError, default: str) -> str:
    """The field a refusal of an appointment belongs under (the raiser says so, or ``default``)."""
    return exc.field or default


def appoint_dialog(conn, person: PersonRow, today: date) -> FormDialog:
    seat_options = tuple(
        (f"{t(f'body.{s.body}')}: {s.label}"
         + (f" ({t('membership.from_to', start=fmt_date(s.valid_from), end=fmt_date(s.valid_to) if s.valid_to else '…')})"
            if s.valid_to or s.valid_from > today else ""), s.id)
        for s in sorted(memberships.seats(conn), key=lambda s: (s.body, s.position, s.valid_from))
        if s.valid_to is None or s.valid_to >= today)

    def save(values: dict):
        errors: dict[str, str] = {}
        if values["seat"] is None:
            errors["seat"] = t("membership.choose_seat")
        start, end = _dates(values, today, errors)
        if errors:
            raise FieldErrors(errors)
        try:
            return memberships.appoint(conn, person.id, values["seat"], start, end, values["role"] or "member",
                                       values["reference"])
        except UserError as exc:  # the seat is taken, or does not exist then: said under Plads
            raise FieldErrors({_field_of(exc, "seat"): exc.message}) from None

    fields = [Field("seat", t("membership.field.seat"), None, options=seat_options),
              Field("start", t("membership.field.start"), fmt_date(today)),
              Field("end", t("membership.field.end"), "", placeholder=t("membership.open_ended")),
              Field("role", t("membership.field.role"), "member",
                    options=tuple((t(f"role.{r}"), r) for r in memberships.ROLES)),
              Field("reference", t("membership.field.reference"), "", placeholder=t("membership.reference_hint"))]
    return FormDialog(t("membership.appoint_title", name=person.name), fields, save)


def substitute_dialog(conn, person: PersonRow, today: date) -> FormDialog:
    seats = {s.id: s for s in memberships.seats(conn)}
    holders = [m for m in memberships.memberships(conn) if m.substitute_for is None
               and (m.valid_to is None or m.valid_to >= today) and seats[m.seat_id].kind != "project_leader"
               and m.person_id != person.id]
    options = tuple((f"{m.person} – {t(f'body.{seats[m.seat_id].body}')}: {seats[m.seat_id].label}", m.id)
                    for m in sorted(holders, key=lambda m: (seats[m.seat_id].body, queries.fold(m.person))))

    def save(values: dict):
        errors: dict[str, str] = {}
        if values["member"] is None:
            errors["member"] = t("membership.choose_member")
        start, end = _dates(values, today, errors)
        if errors:
            raise FieldErrors(errors)
        try:
            return memberships.appoint_substitute(conn, person.id, values["member"], start, end, values["reference"])
        except UserError as exc:
            raise FieldErrors({_field_of(exc, "member"): exc.message}) from None

    fields = [Field("member", t("membership.field.member"), None, options=options),
              Field("start", t("membership.field.start"), fmt_date(today)),
              Field("end", t("membership.field.end"), "", placeholder=t("membership.open_ended")),
              Field("reference", t("membership.field.reference"), "", placeholder=t("membership.reference_hint"))]
    return FormDialog(t("membership.substitute_title", name=person.name), fields, save)


def end_dialog(conn, membership_id: int, label: str, today: date) -> FormDialog:
    def save(values: dict):
        errors: dict[str, str] = {}
        try:
            end = parse_date(values["end"], today)
        except Problem as p:
            errors["end"] = t(p.key, **p.params)
            raise FieldErrors(errors) from None
        return end, memberships.end_membership(conn, membership_id, end)

    return FormDialog(t("membership.end_title", label=label),
                      [Field("end", t("membership.field.last_day"), fmt_date(today))], save)


def is_current(m, today: date) -> bool:
    return valid_on(m.valid_from, m.valid_to, today)


def membership_label(conn, m) -> str:
    """"Følgegruppen: Region Midtjylland", with "suppleant for NAME" for a substitute role."""
    seat = next(s for s in memberships.seats(conn) if s.id == m.seat_id)
    label = f"{t(f'body.{seat.body}')}: {seat.label}"
    if m.substitute_for:
        holder = next((x.person for x in memberships.memberships(conn) if x.id == m.substitute_for), "?")
        label += f" ({t('members.substitute_for', name=holder)})"
    return label


def erase_dialog(conn, person: PersonRow, running: list, today: date) -> FormDialog:
    """Erase a person who still holds seats: the last day of those seats, then the erasure."""
    def save(values: dict):
        try:
            day = parse_date(values["last_day"], today)
        except Problem as p:
            raise FieldErrors({"last_day": t(p.key, **p.params)}) from None
        return people.erase(conn, person.id, day), day

    seats = "\n".join(f"  • {membership_label(conn, m)} ({fmt_date(m.valid_from)}–"
                      f"{fmt_date(m.valid_to) if m.valid_to else '…'})" for m in running)
    intro = t("members.confirm_erase", name=person.name) + "\n\n" + t("members.erase_ends", seats=seats)
    return FormDialog(t("members.erase_title", name=person.name),
                      [Field("last_day", t("membership.field.last_day"), fmt_date(today))], save, intro=intro)

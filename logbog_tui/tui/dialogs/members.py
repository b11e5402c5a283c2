"""The Members screen's dialogs, built on FormDialog: person, appointment, substitute, end."""

from __future__ import annotations

from datetime import date

from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t
from logbog_tui.service import Problem
from logbog_tui.service.composition import valid_on
from logbog_tui.service.parse import parse_date
from logbog_tui.storage import memberships, names, people
from logbog_tui.storage.memberships import MembershipRow
from logbog_tui.storage.people import PersonRow
from logbog_tui.tui.dialogs.form import Field, FieldErrors, FormDialog

PERSON_FIELDS = ("name", "title", "email", "phone", "notes")


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
                    options=tuple((o.label, o.id) for o in names.organisations(conn))),
              Field("title", t("person.field.title"), (r.title or "") if r else ""),
              Field("email", t("person.field.email"), (r.email or "") if r else ""),
              Field("phone", t("person.field.phone"), (r.phone or "") if r else "", placeholder="+45 12 34 56 78"),
              Field("notes", t("person.field.notes"), (r.notes or "") if r else "", multiline=True)]
    return FormDialog(t("person.edit_title", name=r.name) if r else t("person.new_title"), fields, save,
                      t("person.hint"))


def _refused(exc: UserError, default: str) -> FieldErrors:
    """A refusal of the storage layer under the field it belongs to (the raiser says so, or ``default``)."""
    return FieldErrors({exc.field or default: exc.message})


def appoint_dialog(conn, person: PersonRow, today: date) -> FormDialog:
    seat_options = tuple(
        (f"{t(f'body.{s.body}')}: {s.label}"
         + (" (" + t("membership.from_to", start=fmt_date(s.valid_from),
                     end=fmt_date(s.valid_to) if s.valid_to else "…") + ")"
            if s.valid_to or s.valid_from > today else ""), s.id)
        for s in memberships.open_seats(conn, today))

    def save(values: dict):
        a = memberships.Appointment.check({**values, "today": today})  # refusals under their fields
        try:
            return memberships.appoint(conn, person.id, a.seat, a.start, a.end, a.role, a.reference)
        except UserError as exc:  # the seat is taken, or does not exist then: said under Plads
            raise _refused(exc, "seat") from None

    fields = [Field("seat", t("membership.field.seat"), None, options=seat_options),
              Field("start", t("membership.field.start"), fmt_date(today)),
              Field("end", t("membership.field.end"), "", placeholder=t("membership.open_ended")),
              Field("role", t("membership.field.role"), "member",
                    options=tuple((t(f"role.{r}"), r) for r in memberships.ROLES)),
              Field("reference", t("membership.field.reference"), "", placeholder=t("membership.reference_hint"))]
    return FormDialog(t("membership.appoint_title", name=person.name), fields, save)


def substitute_dialog(conn, person: PersonRow, today: date) -> FormDialog:
    options = tuple((f"{m.person} – {t(f'body.{m.body}')}: {m.seat}", m.id)
                    for m in memberships.substitutable(conn, person.id, today))

    def save(values: dict):
        s = memberships.Substitution.check({**values, "today": today})
        try:
            return memberships.appoint_substitute(conn, person.id, s.member, s.start, s.end, s.reference)
        except UserError as exc:
            raise _refused(exc, "member") from None

    fields = [Field("member", t("membership.field.member"), None, options=options),
              Field("start", t("membership.field.start"), fmt_date(today)),
              Field("end", t("membership.field.end"), "", placeholder=t("membership.open_ended")),
              Field("reference", t("membership.field.reference"), "", placeholder=t("membership.reference_hint"))]
    return FormDialog(t("membership.substitute_title", name=person.name), fields, save)


def end_dialog(conn, membership_id: int, label: str, today: date) -> FormDialog:
    def save(values: dict):
        end = memberships.Ending.check({**values, "today": today}).end
        try:
            return end, memberships.end_membership(conn, membership_id, end)
        except UserError as exc:  # before the start: under the date; gone: for the whole form
            raise _refused(exc, "form") from None

    return FormDialog(t("membership.end_title", label=label),
                      [Field("end", t("membership.field.last_day"), fmt_date(today))], save)


def is_current(m: MembershipRow, today: date) -> bool:
    return valid_on(m.valid_from, m.valid_to, today)


def membership_label(m: MembershipRow) -> str:
    """"Følgegruppen: Region Midtjylland", with "suppleant for NAME" for a substitute role."""
    label = f"{t(f'body.{m.body}')}: {m.seat}"
    if m.substitute_for:
        label += f" ({t('members.substitute_for', name=m.holder or '?')})"
    return label


def erase_dialog(conn, person: PersonRow, running: list[MembershipRow], today: date) -> FormDialog:
    """Erase a person who still holds seats: the last day of those seats, then the erasure."""
    def save(values: dict):
        try:
            day = parse_date(values["last_day"], today)
        except Problem as p:
            raise FieldErrors({"last_day": t(p.key, **p.params)}) from None
        return people.erase(conn, person.id, day), day

    seats = "\n".join(f"  • {membership_label(m)} ({fmt_date(m.valid_from)}–"
                      f"{fmt_date(m.valid_to) if m.valid_to else '…'})" for m in running)
    intro = t("members.confirm_erase", name=person.name) + "\n\n" + t("members.erase_ends", seats=seats)
    return FormDialog(t("members.erase_title", name=person.name),
                      [Field("last_day", t("membership.field.last_day"), fmt_date(today))], save, intro=intro)

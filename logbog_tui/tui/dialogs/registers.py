"""The Registers screen's dialogs, built on FormDialog: a specialty, a målbeskrivelse version and an
appendix (PL1), a course leader (PL2), a document and a review (PL3), a contract (PL7). Each form's
fields carry the input model's names, so that every refusal is shown under its field."""

from __future__ import annotations

from datetime import date

from logbog_tui.i18n import fmt_date, t
from logbog_tui.storage import contracts, course_leaders, documents, names, specialties
from logbog_tui.storage.contracts import ContractRow
from logbog_tui.storage.course_leaders import LeaderRow
from logbog_tui.storage.documents import DocumentRow
from logbog_tui.storage.specialties import SpecialtyRow, VersionRow
from logbog_tui.tui.dialogs.form import Field, FieldErrors, FormDialog

DATE_HINT = "24.12.2009, i dag, +30"


def _d(day: date | None) -> str:
    return fmt_date(day) if day else ""


def specialty_dialog(conn, today: date, row: SpecialtyRow | None) -> FormDialog:
    def save(values: dict):
        draft = specialties.SpecialtyDraft.check(values, conn=conn, today=today)
        if row is None:
            return specialties.add_specialty(conn, draft)
        specialties.update_specialty(conn, row.id, draft)
        return row.id

    fields = [Field("name", t("reg.field.name"), row.name if row else ""),
              Field("valid_from", t("reg.field.recognised_from"), _d(row.valid_from) if row else "",
                    placeholder=DATE_HINT),
              Field("valid_to", t("reg.field.ended"), _d(row.valid_to) if row else "", placeholder=DATE_HINT)]
    title = t("reg.spec.edit_title", name=row.name) if row else t("reg.spec.new_title")
    return FormDialog(title, fields, save, intro=t("reg.spec.intro"))


def version_dialog(conn, today: date, specialty: str, row: VersionRow | None) -> FormDialog:
    def save(values: dict):
        draft = specialties.VersionDraft.check(values, conn=conn, today=today)
        if row is None:
            return specialties.add_version(conn, draft)
        specialties.update_version(conn, row.id, draft)
        return row.id

    r = row
    fields = [Field("specialty", t("reg.field.specialty"), specialty, suggestions=specialties.suggestions(conn)),
              Field("edition", t("reg.field.edition"), r.edition if r else "", placeholder=t("reg.edition_hint")),
              Field("approved", t("reg.field.approved"), _d(r.approved) if r else "", placeholder=DATE_HINT),
              Field("effective", t("reg.field.effective"), _d(r.effective) if r else "", placeholder=DATE_HINT),
              Field("loaded", t("reg.field.loaded"), _d(r.loaded) if r else "", placeholder=DATE_HINT),
              Field("link", t("reg.field.link"), (r.link or "") if r else ""),
              Field("note", t("reg.field.note"), (r.note or "") if r else "", multiline=True)]
    intro = None
    if r is not None:
        found = specialties.appendices(conn, r.id)
        intro = t("reg.appendices", list="; ".join(
            f"{a.title}" + (f" ({a.version})" if a.version else "") + (f", {fmt_date(a.loaded)}" if a.loaded else "")
            for a in found)) if found else t("reg.no_appendices")
    title = t("reg.version.edit_title", edition=r.edition) if r else t("reg.version.new_title")
    return FormDialog(title, fields, save, intro=intro)


def appendix_dialog(conn, today: date, version: VersionRow) -> FormDialog:
    def save(values: dict):
        draft = specialties.AppendixDraft.check(values, conn=conn, today=today)
        return specialties.add_appendix(conn, version.id, draft)

    fields = [Field("title", t("task.field.title"), ""), Field("version", t("reg.field.version"), ""),
              Field("loaded", t("reg.field.loaded"), "", placeholder=DATE_HINT)]
    return FormDialog(t("reg.appendix.new_title", edition=version.edition), fields, save)


def leader_dialog(conn, today: date, row: LeaderRow | None, preset: tuple[str, str, str] | None) -> FormDialog:
    """A course leader: edit ``row``, or a new one with (specialty, region, role) ``preset``."""
    def save(values: dict):
        draft = course_leaders.LeaderDraft.check(values, conn=conn, today=today)
        if row is None:
            return course_leaders.set_leader(conn, draft)
        course_leaders.update_leader(conn, row.id, draft)
        return row.id

    specialty, region, role = (row.specialty, row.region, row.role) if row else (preset or ("", "", "main"))
    fields = [Field("specialty", t("reg.field.specialty"), specialty, suggestions=specialties.suggestions(conn)),
              Field("region", t("reg.field.region"), region or None,
                    options=tuple((short, short) for _c, short in course_leaders.regions(conn))),
              Field("role", t("reg.field.role"), role, options=tuple((t(f"reg.role.{r}"), r)
                                                                      for r in course_leaders.ROLES)),
              Field("who", t("reg.field.who"), row.name if row else "", suggestions=names.people_in_order(conn)),
              Field("email", t("reg.field.email_outside"), (row.email or "") if row and not row.person_id else ""),
              Field("valid_from", t("reg.field.from"), _d(row.valid_from) if row else "", placeholder=DATE_HINT),
              Field("valid_to", t("reg.field.to"), _d(row.valid_to) if row else "", placeholder=DATE_HINT),
              Field("entered", t("reg.field.entered"), _d(row.entered) if row else "", placeholder=DATE_HINT)]
    title = t("reg.leader.edit_title", name=row.name) if row else t("reg.leader.new_title")
    return FormDialog(title, fields, save, intro=None if row else t("reg.leader.intro"))


def document_dialog(conn, today: date, row: DocumentRow | None) -> FormDialog:
    def save(values: dict):
        draft = documents.DocumentDraft.check(values, conn=conn, today=today)
        if row is None:
            return documents.add(conn, draft)
        documents.update(conn, row.id, draft)
        return row.id

    r = row
    fields = [Field("title", t("task.field.title"), r.title if r else ""),
              Field("audience", t("reg.field.audience"), r.audience if r else "all",
                    options=tuple((t(f"reg.audience.{a}"), a) for a in documents.AUDIENCES)),
              Field("version", t("reg.field.version"), (r.version or "") if r else ""),
              Field("published", t("reg.field.published"), _d(r.published) if r else "", placeholder=DATE_HINT),
              Field("owner", t("reg.field.owner"), (r.owner or "") if r else "",
                    suggestions=names.people_in_order(conn)),
              Field("review_on", t("reg.field.review_on"), _d(r.review_on) if r else "", placeholder=DATE_HINT),
              Field("link", t("reg.field.link"), (r.link or "") if r else ""),
              Field("note", t("reg.field.note"), (r.note or "") if r else "", multiline=True)]
    return FormDialog(t("reg.doc.edit_title", id=r.id) if r else t("reg.doc.new_title"), fields, save)


def review_dialog(conn, today: date, row: DocumentRow) -> FormDialog:
    def save(values: dict):
        return documents.review(conn, row.id, documents.ReviewDraft.check(values, conn=conn, today=today))

    fields = [Field("reviewed_on", t("reg.field.reviewed_on"), fmt_date(today), placeholder=DATE_HINT),
              Field("review_on", t("reg.field.review_on"), "", placeholder=t("reg.review_hint")),
              Field("note", t("reg.field.note"), "", multiline=True)]
    return FormDialog(t("reg.review.title", title=row.title), fields, save)


def contract_dialog(conn, today: date, row: ContractRow | None) -> FormDialog:
    def save(values: dict):
        typed = str(values.pop("successor", "") or "").strip().lstrip("#")
        if typed and not typed.isdigit():
            raise FieldErrors({"successor": t("reg.bad_successor", text=typed[:40])})
        draft = contracts.ContractDraft.check(values, conn=conn, today=today)
        if row is None:
            return contracts.add(conn, draft)
        contracts.update(conn, row.id, draft, int(typed) if typed else None, keep_successor=False)
        return row.id

    c = row.contract if row else None

    def months(value: int | None) -> str:
        return "" if value is None else str(value)

    fields = [Field("title", t("task.field.title"), c.title if c else ""),
              Field("party", t("reg.field.party"), c.party if c else "", suggestions=("Dansk Telemedicin",)),
              Field("signed", t("reg.field.signed"), _d(c.signed) if c else "", placeholder=DATE_HINT),
              Field("valid_from", t("reg.field.runs_from"), _d(c.valid_from) if c else "", placeholder=DATE_HINT),
              Field("valid_to", t("reg.field.runs_to"), _d(c.valid_to) if c else "", placeholder=t("reg.to_hint")),
              Field("notice_months", t("reg.field.notice"), months(c.notice_months) if c else ""),
              Field("renewal_months", t("reg.field.renewal"), months(c.renewal_months) if c else ""),
              Field("owner", t("reg.field.owner"), (c.owner or "") if c else "",
                    suggestions=names.people_in_order(conn)),
              Field("reference", t("reg.field.reference"), (c.reference or "") if c else ""),
              Field("needs_successor", t("reg.field.needs_successor"), c.needs_successor if c else True,
                    options=((t("history.yes"), True), (t("reg.no"), False)))]
    if c is not None:
        fields.append(Field("successor", t("reg.field.successor"), str(c.successor_id or "")))
    fields.append(Field("note", t("reg.field.note"), (c.note or "") if c else "", multiline=True))
    return FormDialog(t("reg.contract.edit_title", id=c.id) if c else t("reg.contract.new_title"), fields, save)

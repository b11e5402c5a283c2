"""PL1: the medical specialties and their målbeskrivelser (issue 19). Per specialty the versions
(edition, approved by Sundhedsstyrelsen, takes effect, loaded into logbog.net, appendices, link,
note), the version in force, and whether the newest waits to be loaded. The rules are
:mod:`logbog_tui.service.registers`; the list reads two queries whatever the number of specialties."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated, Any, Optional, cast

from pydantic import BeforeValidator, ValidationInfo
from sqlalchemy import collate, func
from sqlmodel import col, select

from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date
from logbog_tui.service import Message
from logbog_tui.service import registers as rules
from logbog_tui.storage import names
from logbog_tui.storage.db import Connection
from logbog_tui.storage.inputs import Input, Invalid, refuse_as
from logbog_tui.storage.models import Curriculum, CurriculumAppendix, Specialty
from logbog_tui.storage.registers import (MAX_NAME, MAX_SHORT, Link, Note, RegisterDate, Title, ToDate, Version,
                                         given_date, given_text, text)
from logbog_tui.storage.session import reading, transaction
from logbog_tui.service.record import Record


class SpecialtyRow(Record):
    """A specialty with its målbeskrivelser as the list shows them: the edition in force today, and
    the newest version (approved, effective, loaded) with whether it waits to be loaded."""

    id: int
    name: str
    valid_from: date | None
    valid_to: date | None
    versions: int
    edition_in_force: str | None
    newest_id: int | None
    edition: str | None
    approved: date | None
    effective: date | None
    loaded: date | None
    pending: bool
    days_waiting: int | None

    def ended(self, today: date) -> bool:
        return self.valid_to is not None and self.valid_to < today


class VersionRow(Record):
    id: int
    specialty_id: int
    edition: str
    approved: date
    effective: date | None
    loaded: date | None
    link: str | None
    note: str | None
    appendices: int


def _rule(v: Curriculum | VersionRow) -> rules.Version:
    return rules.Version(cast(int, v.id), v.edition, v.approved, v.effective, v.loaded)


def list_specialties(conn: Connection, today: date, pending_only: bool = False,
                     include_ended: bool = False) -> list[SpecialtyRow]:
    """The specialties in Danish alphabetical order (those that ended only on request) with their
    målbeskrivelser; ``pending_only``: those whose newest version waits to be loaded."""
    with reading(conn) as session:
        found = session.exec(select(Specialty).order_by(collate(col(Specialty.name), "da"))).all()
        every = session.exec(select(Curriculum)).all()
    by_specialty: dict[int, list[rules.Version]] = {}
    for v in every:
        by_specialty.setdefault(v.specialty_id, []).append(_rule(v))
    out = []
    for s in found:
        versions = by_specialty.get(cast(int, s.id), [])
        current, last = rules.in_force(versions, today), rules.newest(versions)
        waiting = rules.pending(versions, today)
        row = SpecialtyRow(cast(int, s.id), s.name, s.valid_from, s.valid_to, len(versions),
                           current.edition if current else None, last.id if last else None,
                           last.edition if last else None, last.approved if last else None,
                           last.effective if last else None, last.loaded if last else None,
                           waiting is not None, rules.days_waiting(waiting, today) if waiting else None)
        if (row.ended(today) and not include_ended) or (pending_only and not row.pending):
            continue
        out.append(row)
    return out


def versions(conn: Connection, specialty_id: int) -> list[VersionRow]:
    """A specialty's målbeskrivelser, newest first, with their number of appendices."""
    count = (select(func.count(col(CurriculumAppendix.id)))
             .where(col(CurriculumAppendix.curriculum_id) == col(Curriculum.id)).correlate(Curriculum)
             .scalar_subquery())
    query = (select(Curriculum, count).where(col(Curriculum.specialty_id) == specialty_id)
             .order_by(col(Curriculum.approved).desc(), col(Curriculum.id).desc()))
    with reading(conn) as session:
        return [VersionRow(cast(int, v.id), v.specialty_id, v.edition, v.approved, v.effective, v.loaded, v.link,
                           v.note, n) for v, n in session.exec(query)]


def appendices(conn: Connection, curriculum_id: int) -> list[CurriculumAppendix]:
    with reading(conn) as session:
        return list(session.exec(select(CurriculumAppendix)
                                 .where(col(CurriculumAppendix.curriculum_id) == curriculum_id)
                                 .order_by(col(CurriculumAppendix.id))))


def resolve(conn: Connection, text_: str) -> names.Named:
    """A specialty by id, exact name or a unique part of its name (``kardio``)."""
    with reading(conn) as session:
        rows = session.exec(select(col(Specialty.id), col(Specialty.name))
                            .order_by(collate(col(Specialty.name), "da"))).all()
    return names.resolve(names.named_rows(rows), text_, "specialty")


def suggestions(conn: Connection) -> tuple[str, ...]:
    with reading(conn) as session:
        return tuple(session.exec(select(col(Specialty.name)).order_by(collate(col(Specialty.name), "da"))))


# --- input models -------------------------------------------------------------------------------

def specialty_id(value: Any, info: ValidationInfo) -> int:
    """A specialty as an id, or as the text typed (looked up with the check's ``conn``)."""
    if not isinstance(value, str):
        return cast(int, value)
    try:
        return resolve((info.context or {})["conn"], value).id
    except UserError as exc:
        refuse_as(exc)


SpecialtyId = Annotated[int, BeforeValidator(specialty_id)]


class SpecialtyDraft(Input):
    """A specialty as the form hands it in: its Danish name, and from/to (ended) dates."""

    name: Annotated[str, BeforeValidator(partial(given_text, limit=MAX_NAME, label="reg.field.name"))]
    valid_from: RegisterDate = None
    valid_to: ToDate = None


class VersionDraft(Input):
    """A målbeskrivelse version as a form or ``logbog specialty version`` hands it in. ``specialty``
    an id or the text typed; without an edition, the approval date is its name (``01.03.2024``)."""

    specialty: SpecialtyId
    approved: Annotated[date, BeforeValidator(partial(given_date, label="reg.field.approved"))]
    edition: Annotated[Optional[str], BeforeValidator(partial(text, limit=MAX_SHORT, label="reg.field.edition"))] = None
    effective: RegisterDate = None
    loaded: RegisterDate = None
    link: Link = None
    note: Note = None

    def values(self) -> dict[str, Any]:
        return {"specialty_id": self.specialty, "edition": self.edition or fmt_date(self.approved),
                "approved": self.approved, "effective": self.effective, "loaded": self.loaded, "link": self.link,
                "note": self.note}


class AppendixDraft(Input):
    """An appendix (bilag) of a version: title, version, loaded into logbog.net."""

    title: Title
    version: Version = None
    loaded: RegisterDate = None


# --- writes -------------------------------------------------------------------------------------

def add_specialty(conn: Connection, draft: SpecialtyDraft) -> int:
    with transaction(conn) as session:
        _unique_name(conn, draft.name, None)
        row = Specialty(name=draft.name, valid_from=draft.valid_from, valid_to=draft.valid_to)
        session.add(row)
        session.flush()
        return cast(int, row.id)


def update_specialty(conn: Connection, specialty_id: int, draft: SpecialtyDraft) -> None:
    with transaction(conn) as session:
        _unique_name(conn, draft.name, specialty_id)
        row = session.get(Specialty, specialty_id)
        if row is None:
            raise UserError("reg.gone")
        row.sqlmodel_update({"name": draft.name, "valid_from": draft.valid_from, "valid_to": draft.valid_to})


def _unique_name(conn: Connection, name: str, own: int | None) -> None:
    with reading(conn) as session:
        other = session.exec(select(col(Specialty.id)).where(func.fold(col(Specialty.name)) == func.fold(name))).first()
    if other is not None and other != own:
        raise Invalid({"name": Message("reg.specialty_exists", {"name": name})})


def add_version(conn: Connection, draft: VersionDraft) -> int:
    with transaction(conn) as session:
        row = Curriculum(**draft.values())
        session.add(row)
        session.flush()
        return cast(int, row.id)


def update_version(conn: Connection, version_id: int, draft: VersionDraft) -> None:
    with transaction(conn) as session:
        row = session.get(Curriculum, version_id)
        if row is None:
            raise UserError("reg.gone")
        row.sqlmodel_update(draft.values())


def mark_loaded(conn: Connection, specialty_id: int, day: date) -> VersionRow:
    """The newest version of the specialty is loaded into logbog.net on ``day``. Refused when it
    has no version, or its newest is loaded already."""
    found = versions(conn, specialty_id)
    if not found:
        raise UserError("reg.no_version")
    newest = found[0]
    if newest.loaded is not None:
        raise UserError("reg.already_loaded", edition=newest.edition, date=newest.loaded)
    with transaction(conn) as session:
        row = session.get(Curriculum, newest.id)
        assert row is not None
        row.loaded = day
    return versions(conn, specialty_id)[0]


def add_appendix(conn: Connection, curriculum_id: int, draft: AppendixDraft) -> int:
    with transaction(conn) as session:
        row = CurriculumAppendix(curriculum_id=curriculum_id, title=draft.title, version=draft.version,
                                 loaded=draft.loaded)
        session.add(row)
        session.flush()
        return cast(int, row.id)


# --- warnings -----------------------------------------------------------------------------------

def warnings(conn: Connection, today: date) -> list[Message]:
    """A version approved or in effect and not loaded (with the days waiting); a version loaded
    before it was approved."""
    out = [Message("reg.warn.pending", {"name": r.name, "edition": r.edition, "days": r.days_waiting})
           for r in list_specialties(conn, today, pending_only=True)]
    query = (select(col(Specialty.name), col(Curriculum.edition), col(Curriculum.loaded), col(Curriculum.approved))
             .join(Specialty, col(Specialty.id) == col(Curriculum.specialty_id))
             .where(col(Curriculum.loaded) < col(Curriculum.approved)).order_by(collate(col(Specialty.name), "da")))
    with reading(conn) as session:
        early = session.exec(query).all()
    out += [Message("reg.warn.loaded_early", {"name": n, "edition": e, "loaded": lo, "approved": ap})
            for n, e, lo, ap in early]
    return out

"""PL2: the hovedkursusleder and the delkursusledere per specialty and education region (Nord, Syd,
Øst), each a person in the register or an outside name and e-mail, from/to, and the day the change
was entered in logbog.net (issue 19). A new hovedkursusleder ends the one before the day before."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import partial
from typing import Annotated, Any, cast

from pydantic import BeforeValidator, ValidationInfo, field_validator
from sqlalchemy import case, collate, func, or_
from sqlalchemy import select as sql_select
from sqlmodel import col, select

from logbog_tui.errors import UserError
from logbog_tui.service import Message
from logbog_tui.storage import names, specialties
from logbog_tui.storage.db import Connection, fold
from logbog_tui.storage.inputs import Input, Invalid, refuse, refuse_as
from logbog_tui.storage.models import CourseLeader, EduRegion, Person, Specialty
from logbog_tui.storage.registers import MAX_NAME, RegisterDate, ToDate, given_date, text
from logbog_tui.storage.session import reading, transaction
from logbog_tui.service.record import Record

ROLES = ("main", "sub")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")


class LeaderRow(Record):
    id: int
    specialty_id: int
    specialty: str
    region_code: str
    region: str          # Nord, Syd, Øst
    role: str            # main, sub
    person_id: int | None
    name: str            # the register's name, or the outside name
    email: str | None
    valid_from: date
    valid_to: date | None
    entered: date | None

    def pending(self, today: date) -> bool:
        """Not yet entered in logbog.net (and not ended before today)."""
        return self.entered is None and (self.valid_to is None or self.valid_to >= today)


def short_region(name: str) -> str:
    """``Videreuddannelsesregion Øst`` -> ``Øst``."""
    return name.rsplit(" ", 1)[-1]


def regions(conn: Connection) -> list[tuple[str, str]]:
    """The education regions as (code, short name): Nord, Syd, Øst."""
    with reading(conn) as session:
        rows = session.exec(select(col(EduRegion.code), col(EduRegion.name)).order_by(col(EduRegion.code))).all()
    order = {"nord": 0, "syd": 1, "ost": 2}
    return sorted(((c, short_region(n)) for c, n in rows), key=lambda r: (order.get(r[0], 9), r[1]))


def resolve_region(conn: Connection, typed: str) -> str:
    """An education region by code or name (``Øst``, ``ost``, ``Videreuddannelsesregion Øst``)."""
    wanted = fold(typed.strip())
    for code, short in regions(conn):
        if wanted in (fold(code), fold(short), fold(f"Videreuddannelsesregion {short}")):
            return code
    raise UserError("reg.bad_region", text=typed.strip(), options=", ".join(s for _c, s in regions(conn)))


def _rows_query() -> Any:
    who = func.coalesce(col(Person.name), col(CourseLeader.name))
    mail = func.coalesce(col(Person.email), col(CourseLeader.email))
    # more columns than sqlmodel's select() has typed overloads for
    return (sql_select(col(CourseLeader.id), col(CourseLeader.specialty_id), col(Specialty.name),
                       col(CourseLeader.edu_region_code), col(EduRegion.name), col(CourseLeader.role),
                       col(CourseLeader.person_id), who, mail, col(CourseLeader.valid_from), col(CourseLeader.valid_to),
                       col(CourseLeader.entered))
            .join(Specialty, col(Specialty.id) == col(CourseLeader.specialty_id))
            .join(EduRegion, col(EduRegion.code) == col(CourseLeader.edu_region_code))
            .outerjoin(Person, col(Person.id) == col(CourseLeader.person_id)))


def list_leaders(conn: Connection, today: date, specialty_id: int | None = None, region: str | None = None,
                 pending_only: bool = False, include_ended: bool = False) -> list[LeaderRow]:
    """Course leaders by specialty (Danish order), region, hovedkursusleder first, then by start;
    those who ended before today only on request."""
    query = _rows_query()
    if specialty_id is not None:
        query = query.where(col(CourseLeader.specialty_id) == specialty_id)
    if region is not None:
        query = query.where(col(CourseLeader.edu_region_code) == region)
    if not include_ended:
        query = query.where(or_(col(CourseLeader.valid_to).is_(None), col(CourseLeader.valid_to) >= today))
    if pending_only:
        query = query.where(col(CourseLeader.entered).is_(None))
    query = query.order_by(collate(col(Specialty.name), "da"), col(CourseLeader.edu_region_code),
                           case((col(CourseLeader.role) == "main", 0), else_=1), col(CourseLeader.valid_from),
                           col(CourseLeader.id))
    with reading(conn) as session:
        rows = session.execute(query).all()
    return [LeaderRow(r[0], r[1], r[2], r[3], short_region(r[4]), *r[5:]) for r in rows]


def get(conn: Connection, leader_id: int) -> LeaderRow:
    with reading(conn) as session:
        r = session.execute(_rows_query().where(col(CourseLeader.id) == leader_id)).first()
    if r is None:
        raise UserError("reg.no_such_leader", id=leader_id)
    return LeaderRow(r[0], r[1], r[2], r[3], short_region(r[4]), *r[5:])


def missing_main(conn: Connection, today: date) -> list[tuple[int, str, str, str]]:
    """(specialty id, specialty, region code, region) without a hovedkursusleder today, for the
    specialties in force; nothing while the register holds no course leader at all (a new
    database is not 117 warnings)."""
    with reading(conn) as session:
        if session.exec(select(col(CourseLeader.id)).limit(1)).first() is None:
            return []
        held = set(session.exec(select(col(CourseLeader.specialty_id), col(CourseLeader.edu_region_code))
                                .where(col(CourseLeader.role) == "main", col(CourseLeader.valid_from) <= today,
                                       or_(col(CourseLeader.valid_to).is_(None),
                                           col(CourseLeader.valid_to) >= today))).all())
    out = []
    every = regions(conn)  # once, not once per specialty (39 queries on every dashboard refresh)
    for s in specialties.list_specialties(conn, today):
        for code, short in every:
            if (s.id, code) not in held:
                out.append((s.id, s.name, code, short))
    return out


# --- input model --------------------------------------------------------------------------------

class LeaderDraft(Input):
    """A course leader as a form or ``logbog courseleader set`` hands it in. ``who``: a person in
    the register (an id or the text typed: id, name or a unique part of it), else an outside name,
    which may have an ``email``."""

    specialty: specialties.SpecialtyId
    region: str
    role: str
    who: int | str
    email: str | None = None
    valid_from: Annotated[date, BeforeValidator(partial(given_date, label="reg.field.from"))]
    valid_to: ToDate = None
    entered: RegisterDate = None

    @field_validator("region", mode="before")
    @classmethod
    def _region(cls, value: Any, info: ValidationInfo) -> str:
        try:
            return resolve_region((info.context or {})["conn"], str(value or ""))
        except UserError as exc:
            refuse_as(exc)

    @field_validator("role", mode="before")
    @classmethod
    def _role(cls, value: Any) -> str:
        if value not in ROLES:
            refuse("reg.bad_role")
        return cast(str, value)

    @field_validator("who", mode="before")
    @classmethod
    def _who(cls, value: Any, info: ValidationInfo) -> int | str:
        if isinstance(value, int):
            return value
        typed = text(value, MAX_NAME, "reg.field.who")
        if typed is None:
            refuse("task.required", label=Message("reg.field.who"))
        try:
            return names.resolve_person((info.context or {})["conn"], typed).id
        except names.NotFound:
            return typed  # someone outside the register
        except UserError as exc:
            refuse_as(exc)

    @field_validator("email", mode="before")
    @classmethod
    def _email(cls, value: Any) -> str | None:
        typed = text(value, 254, "reg.field.email")
        if typed is not None and not _EMAIL.match(typed):
            refuse("person.bad_email")
        return typed

    def values(self) -> dict[str, Any]:
        outside = isinstance(self.who, str)
        return {"specialty_id": self.specialty, "edu_region_code": self.region, "role": self.role,
                "person_id": None if outside else self.who, "name": self.who if outside else None,
                "email": self.email if outside else None, "valid_from": self.valid_from, "valid_to": self.valid_to,
                "entered": self.entered}


# --- writes -------------------------------------------------------------------------------------

def set_leader(conn: Connection, draft: LeaderDraft) -> int:
    """Add a course leader. A hovedkursusleder replaces the one in office on its first day (who
    then ends the day before); refused when a later hovedkursusleder is registered already."""
    values = draft.values()
    with transaction(conn) as session:
        if draft.role == "main":
            same = (col(CourseLeader.specialty_id) == draft.specialty,
                    col(CourseLeader.edu_region_code) == draft.region, col(CourseLeader.role) == "main")
            later = session.exec(select(CourseLeader).where(*same, col(CourseLeader.valid_from) >= draft.valid_from)
                                 .order_by(col(CourseLeader.valid_from))).first()
            if later is not None:
                raise Invalid({"valid_from": Message("reg.later_main", {"date": later.valid_from})})
            for current in session.exec(select(CourseLeader).where(
                    *same, or_(col(CourseLeader.valid_to).is_(None), col(CourseLeader.valid_to) >= draft.valid_from))):
                current.valid_to = draft.valid_from - timedelta(days=1)
        row = CourseLeader(**values)
        session.add(row)
        session.flush()
        return cast(int, row.id)


def update_leader(conn: Connection, leader_id: int, draft: LeaderDraft) -> None:
    with transaction(conn) as session:
        row = session.get(CourseLeader, leader_id)
        if row is None:
            raise UserError("reg.no_such_leader", id=leader_id)
        row.sqlmodel_update(draft.values())


def mark_entered(conn: Connection, leader_id: int, day: date) -> LeaderRow:
    """The change is entered in logbog.net on ``day``."""
    with transaction(conn) as session:
        row = session.get(CourseLeader, leader_id)
        if row is None:
            raise UserError("reg.no_such_leader", id=leader_id)
        row.entered = day
    return get(conn, leader_id)


# --- warnings -----------------------------------------------------------------------------------

def warnings(conn: Connection, today: date) -> list[Message]:
    """A change not yet entered in logbog.net; a specialty and region without a hovedkursusleder."""
    out = [Message("reg.warn.not_entered", {"name": r.name, "specialty": r.specialty, "region": r.region,
                                            "role": Message(f"reg.role.{r.role}")})
           for r in list_leaders(conn, today, pending_only=True)]
    out += [Message("reg.warn.no_main", {"specialty": s, "region": region}) for _i, s, _c, region in
            missing_main(conn, today)]
    return out

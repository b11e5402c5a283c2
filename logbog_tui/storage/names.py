"""People, organisations, areas and tasks by name: the one query of people's names, and turning
what the user typed (a name, a code, ``#12``) into a row, or a refusal that lists the candidates."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TypeVar, cast

from sqlalchemy import collate, func
from sqlalchemy import select as sql_select
from sqlalchemy.orm import aliased
from sqlmodel import SQLModel, col, select

from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.storage.db import (  # one folding rule for Python and SQL
    Connection,
    fold,
)
from logbog_tui.storage.models import (
    EduRegion,
    Membership,
    Organisation,
    Region,
    Person,
    Seat,
    Task,
    TaskArea,
)
from logbog_tui.storage.session import reading
from logbog_tui.service.record import Record


# --- people by name -------------------------------------------------------------------------

def named_people(conn: Connection, ids: Iterable[int] | None = None) -> list[Named]:
    """People by name, in Danish alphabetical order: everyone in the register (not erased), or,
    given ``ids``, those people (an erased one under the placeholder that replaced the name).
    The one query for a person's name: forms, suggestions, resolving typed names, budgets."""
    query = select(col(Person.id), col(Person.name)).order_by(collate(col(Person.name), "da"))
    if ids is None:
        query = query.where(col(Person.erased_at).is_(None))
    else:
        wanted = set(ids)
        if not wanted:
            return []
        query = query.where(col(Person.id).in_(wanted))
    with reading(conn) as session:
        return named_rows(session.exec(query))


def people_in_order(conn: Connection) -> tuple[str, ...]:
    """The names of everyone in the register (not erased), in Danish alphabetical order: the
    choices and suggestions of every form that asks for a person."""
    return tuple(n.label for n in named_people(conn))


def person_names(conn: Connection, ids: Iterable[int]) -> dict[int, str]:
    return {n.id: n.label for n in named_people(conn, ids)}


def organisations(conn: Connection) -> list[Named]:
    """The organisations, in Danish alphabetical order (the person form's choices)."""
    with reading(conn) as session:
        return named_rows(session.exec(
            select(col(Organisation.id), col(Organisation.name)).order_by(collate(col(Organisation.name), "da"))))


# --- name resolution ------------------------------------------------------------------------

class Named(Record):
    id: int
    label: str


def named_rows(rows: Iterable[tuple[int | None, str]]) -> list[Named]:
    """(id, name) rows read from a table (the models type ``id`` as optional for rows not yet
    written; a row read back always has one)."""
    return [Named(cast(int, i), label) for i, label in rows]


class Ambiguous(UserError):
    """The text matches several candidates (listed in the message)."""


class NotFound(UserError):
    """The text matches no candidate."""


def resolve(candidates: list[Named], text: str, what: str, exact_codes: dict[str, int] | None = None) -> Named:
    """Pick one candidate by id, exact code, exact name or unique case-insensitive part of the name.

    Raises :class:`UserError` listing the candidates when ``text`` is unknown or ambiguous.
    """
    query = fold(text.strip())
    if not query:
        raise UserError("resolve.empty", what=t(f"what.a.{what}"))
    by_id = {c.id: c for c in candidates}
    if query.isdigit() and int(query) in by_id:
        return by_id[int(query)]
    if exact_codes:
        codes = {fold(k): v for k, v in exact_codes.items()}
        if query in codes:
            return by_id[codes[query]]
    exact = [c for c in candidates if fold(c.label) == query]
    if len(exact) == 1:
        return exact[0]
    hits = [c for c in candidates if query in (fold(c.label) or "")]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise NotFound("resolve.none", what=t(f"what.no.{what}"), text=text.strip())
    listed = "; ".join(f"{c.id}: {c.label}" for c in hits[:10])
    more = t("resolve.more", count=len(hits) - 10) if len(hits) > 10 else ""
    raise Ambiguous("resolve.ambiguous", what=t(f"what.{what}"), text=text.strip(), candidates=listed + more)


def resolve_person(conn: Connection, text: str) -> Named:
    return resolve(named_people(conn), text, "person")


def resolve_area(conn: Connection, text: str) -> Named:
    """An area by id, code (``PL4``), a completion such as ``PL4 Leverandørkontakt``, or part of its name."""
    with reading(conn) as session:
        areas = session.exec(select(TaskArea).order_by(col(TaskArea.position))).all()
    ids = {a.code: cast(int, a.id) for a in areas}  # read from the table: never None
    cands = [Named(ids[a.code], f"{a.code} {a.short_name} – {a.name}") for a in areas]
    codes = {fold(code): i for code, i in ids.items()}
    first = (fold(text.strip()) or "").split(" ", 1)[0]
    if first in codes:
        return next(c for c in cands if c.id == codes[first])
    return resolve(cands, text, "area", exact_codes=ids)


def resolve_task(conn: Connection, text: str) -> Named:
    typed = int(text) if text.strip().isdigit() else -1
    with reading(conn) as session:
        rows = session.exec(select(col(Task.id), col(Task.title))
                            .where((col(Task.status) != "done") | (col(Task.id) == typed))).all()
    return resolve(named_rows(rows), text, "task")


def resolve_organisation(conn: Connection, text: str) -> Named:
    """An organisation by id, short name (``SST``, ``VUS Nord``) or a unique part of its name."""
    with reading(conn) as session:
        rows = session.exec(select(col(Organisation.id), col(Organisation.name), col(Organisation.short_name))
                            .order_by(collate(col(Organisation.name), "da"))).all()
    return resolve(named_rows((i, name) for i, name, _ in rows), text, "organisation",
                   exact_codes={short: cast(int, i) for i, _, short in rows if short})


class SeatName(Record):
    """A seat as the command line names it: ``code`` is stable (``midtjylland``, ``nord`` for an
    education region's secretariat, ``sst``, ``project_leader``); ``aliases`` are the other names
    typed for it (the region's ISO code and name, the secretariat's name and short name)."""

    id: int
    body: str
    label: str
    code: str
    aliases: tuple[str, ...]
    valid_from: date
    valid_to: date | None


def seat_names(conn: Connection) -> list[SeatName]:
    """Every seat of both bodies with its code and aliases: one query."""
    org, secretariat = aliased(Organisation), aliased(Organisation)
    # more columns than sqlmodel's select() has typed overloads for: SQLAlchemy's, through execute()
    query = (sql_select(col(Seat.id), col(Seat.body_code), col(Seat.label), col(Seat.kind), col(Seat.valid_from),
                        col(Seat.valid_to), col(Seat.region_code), col(Region.iso_code), col(Region.name),
                        col(Seat.edu_region_code), col(EduRegion.name), col(secretariat.name),
                        col(secretariat.short_name), col(org.id), col(org.name), col(org.short_name))
             .outerjoin(Region, col(Region.code) == col(Seat.region_code))
             .outerjoin(EduRegion, col(EduRegion.code) == col(Seat.edu_region_code))
             .outerjoin(secretariat, col(secretariat.id) == col(EduRegion.secretariat_id))
             .outerjoin(org, col(org.id) == col(Seat.organisation_id))
             .order_by(col(Seat.body_code), col(Seat.position), col(Seat.valid_from), col(Seat.id)))
    with reading(conn) as session:
        rows = session.execute(query).all()
    out = []
    aliases: tuple[str | None, ...]
    for (sid, body, label, kind, start, end, region, iso, region_name, edu, edu_name, sec_name, sec_short,
         org_id, org_name, org_short) in rows:
        if kind == "region":
            code, aliases = region, (iso, region_name)
        elif kind == "secretariat":
            code, aliases = edu, (edu_name, sec_name, sec_short)
        elif kind == "organisation":
            code, aliases = (org_short or f"organisation-{org_id}").casefold(), (org_name, org_short)
        else:
            code, aliases = "project_leader", ()
        out.append(SeatName(sid, body, label, code, tuple(a for a in aliases if a), start, end))
    return out


def resolve_seat(conn: Connection, body: str, text: str, on: date) -> SeatName:
    """A seat of ``body`` by id, code, alias (region or secretariat name, ``VUS Nord``) or a unique
    part of its label. Where one code names seats of several periods, the one in force on ``on``
    (else the latest)."""
    seats = [s for s in seat_names(conn) if s.body == body]
    seats.sort(key=lambda s: (s.valid_from <= on <= (s.valid_to or date.max), s.valid_from))
    codes = {name: s.id for s in seats for name in (s.code, *s.aliases)}  # the best seat of a code last
    found = resolve([Named(s.id, s.label) for s in seats], text, "seat", exact_codes=codes)
    return next(s for s in seats if s.id == found.id)


def project_leader(conn: Connection, on: date) -> Named | None:
    """The person holding the project leader seat of the steering group on ``on`` (else most recent)."""
    query = (select(col(Person.id), col(Person.name)).select_from(Membership)
             .join(Seat, col(Seat.id) == col(Membership.seat_id))
             .join(Person, col(Person.id) == col(Membership.person_id))
             .where(col(Seat.kind) == "project_leader", col(Membership.substitute_for_id).is_(None),
                    col(Membership.valid_from) <= on)
             .order_by((func.coalesce(col(Membership.valid_to), date.max) >= on).desc(),
                       col(Membership.valid_from).desc())
             .limit(1))
    with reading(conn) as session:
        found = named_rows(session.exec(query))
    return found[0] if found else None


def resolve_target(conn: Connection, text: str) -> tuple[int | None, int | None]:
    """(area id, task id) for what the user typed in the log dialog's area-or-task field.

    ``#12`` (or ``#12 title``) is task 12; otherwise an area by code or name, else an open task by
    title. Text that matches several areas is refused with them (it is not taken as a task's title).
    """
    raw = text.strip()
    if raw.startswith("#"):
        number = raw[1:].split(maxsplit=1)[0] if raw[1:].strip() else ""
        if not number.isdigit() or _get(conn, Task, int(number)) is None:
            raise UserError("resolve.none", what=t("what.no.task"), text=raw)
        return None, int(number)
    try:
        return resolve_area(conn, raw).id, None
    except Ambiguous:
        raise
    except UserError as area_error:
        try:
            return None, resolve_task(conn, raw).id
        except UserError:
            raise area_error from None


def target_suggestions(conn: Connection) -> list[str]:
    """Completions for the area-or-task field: every area, then open tasks as ``#id title``."""
    with reading(conn) as session:
        areas = [f"{code} {short}" for code, short in session.exec(
            select(col(TaskArea.code), col(TaskArea.short_name)).order_by(col(TaskArea.position)))]
        tasks = [f"#{tid} {title}" for tid, title in session.exec(
            select(col(Task.id), col(Task.title)).where(col(Task.status) != "done")
            .order_by(col(Task.due_date).is_(None), col(Task.due_date)).limit(500))]
    return areas + tasks


_Model = TypeVar("_Model", bound=SQLModel)


def _get(conn: Connection, model: type[_Model], key: int) -> _Model | None:
    with reading(conn) as session:
        return session.get(model, key)


def target_label(conn: Connection, area_id: int | None, task_id: int | None) -> str:
    if task_id is not None:
        task = _get(conn, Task, task_id)
        return f"#{task_id} {task.title}" if task else ""
    if area_id is not None:
        area = _get(conn, TaskArea, area_id)
        return f"{area.code} {area.short_name}" if area else ""
    return ""

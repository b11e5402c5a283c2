"""Thin query functions that feed the service rules (``logbog host`` reads its inputs through
storage/quick.py instead, with the standard library only)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from sqlmodel import select

from logbog_tui.storage import models
from logbog_tui.storage.db import Connection, fold  # one folding rule for Python and SQL
from logbog_tui.storage.session import reading
from logbog_tui.errors import RefusedDatabase, UserError
from logbog_tui.i18n import t
from logbog_tui.service import Problem
from logbog_tui.service.budget import HourRow, Thresholds
from logbog_tui.service.parse import ORG_START, DateRange
from logbog_tui.service.workdays import DEFAULT_DAYS_OFF, DaysOff, parse_days_off
from logbog_tui.service.rotation import Hosting, Region
from logbog_tui.service.text import has_control, visible

_FAR = "9999-12-31"


def _d(value: str | date | None) -> date | None:
    """A date from the file's ISO text (a date read through the ORM is one already)."""
    if isinstance(value, date):
        return value
    return date.fromisoformat(value) if value else None


# --- rotation -------------------------------------------------------------------------------
# ``logbog host`` reads the same two inputs with the standard library (storage/quick.py, kept
# equal to these by tests/test_quick_host.py): a change here is a change there.

def regions(conn: Connection) -> list[Region]:
    """Every region, in the table's order, with its predecessors (the regions naming it as successor)."""
    r = models.Region
    query = select(r.code, r.name, r.valid_from, r.valid_to, r.rotation_order, r.successor_code)
    with reading(conn) as session:
        rows = session.exec(query).all()
    preds: dict[str, list[str]] = {}
    for row in rows:
        if row.successor_code:
            preds.setdefault(row.successor_code, []).append(row.code)
    return [Region(row.code, row.name, row.valid_from, row.valid_to, row.rotation_order,
                   tuple(sorted(preds.get(row.code, ())))) for row in rows]


def hostings(conn: Connection) -> list[Hosting]:
    """Every follow-up group meeting with a host (one row each; a few per year), by date (then as
    entered)."""
    m = models.Meeting
    query = (select(m.date, m.host_region_code, m.status, m.proposed_region_code, m.override_reason)
             .where(m.body_code == "folgegruppe", m.host_region_code.is_not(None))
             .order_by(m.date, m.id))
    with reading(conn) as session:
        rows = session.exec(query).all()
    return [Hosting(row.date, row.host_region_code, row.status, row.proposed_region_code, row.override_reason)
            for row in rows]


# --- budgets --------------------------------------------------------------------------------

def setting_rule(key: str) -> str:
    """What a setting's value must be: a fraction (thresholds), hours, a date, or plain text."""
    if key in ("budget_warn", "budget_over"):
        return "fraction"
    if key.startswith("budget_default_"):
        return "hours"
    if key in ("org_start", "demo_start"):
        return "date"
    if key == "extra_days_off":
        return "days"
    return "text"


_RULE_KEYS = {"fraction": "setting.rule.fraction", "hours": "setting.rule.hours", "date": "setting.rule.date",
              "days": "setting.rule.days", "text": "setting.rule.text"}


def setting_problem(key: str, value: object) -> str | None:
    """None when ``value`` is valid for ``key``; else the rule it breaks (a message key)."""
    rule = setting_rule(key)
    broken = _RULE_KEYS[rule]
    if not isinstance(value, str):
        return broken
    try:
        if rule == "fraction" and not 0 < float(value) <= 10:
            return broken
        if rule == "hours" and not 0 <= float(value) < 100_000:
            return broken
        if rule == "date":
            date.fromisoformat(value)
        if rule == "days":
            parse_days_off(value)
    except (ValueError, Problem):
        return broken
    if rule == "text" and has_control(value):
        return broken
    return None


def setting(conn: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    """A setting's value; a stored value that breaks its rule is refused with one line (before
    anything is written, never after)."""
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    if row is None:
        return default
    problem = setting_problem(key, row[0])
    if problem:
        raise RefusedDatabase("setting.invalid", name=key, value=visible(str(row[0]))[:60], rule=t(problem))
    return row[0]


def raw_setting(conn: sqlite3.Connection, key: str) -> str:
    """A setting's stored text, unchecked and made safe to show (for mending a bad one)."""
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return visible(str(row[0]))[:60] if row else ""


def check_settings(conn: sqlite3.Connection) -> None:
    """Refuse (one line) when any stored setting breaks its rule."""
    for (key,) in conn.execute("SELECT key FROM setting").fetchall():
        setting(conn, key)


def thresholds(conn: sqlite3.Connection) -> Thresholds:
    return Thresholds(float(setting(conn, "budget_warn", "0.8")), float(setting(conn, "budget_over", "1.0")))


def budget_hours(conn: sqlite3.Connection, year: int, scope: str) -> float:
    row = conn.execute("SELECT hours FROM budget WHERE year = ? AND scope = ?", (year, scope)).fetchone()
    if row:
        return float(row[0])
    return float(setting(conn, f"budget_default_{scope}", "0"))


def leadership_minutes(conn: sqlite3.Connection, start: date, end: date) -> int:
    row = conn.execute(
        "SELECT coalesce(sum(te.minutes), 0) FROM time_entry te JOIN task_area a ON a.id = te.area_id"
        " WHERE a.scope = 'projektledelse' AND te.date BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat())).fetchone()
    return int(row[0])


def member_periods(conn: sqlite3.Connection, year: int) -> dict[int, list[tuple[date, date | None]]]:
    """Periods in ``year`` in which people held a representative seat of the follow-up group."""
    rows = conn.execute(
        "SELECT m.person_id, m.valid_from, m.valid_to FROM membership m JOIN seat s ON s.id = m.seat_id"
        " WHERE s.body_code = 'folgegruppe' AND s.kind IN ('region', 'secretariat')"
        " AND m.substitute_for_id IS NULL AND m.valid_from <= ? AND coalesce(m.valid_to, ?) >= ?",
        (f"{year}-12-31", _FAR, f"{year}-01-01")).fetchall()
    out: dict[int, list[tuple[date, date | None]]] = {}
    for person, start, end in rows:
        out.setdefault(person, []).append((_d(start), _d(end)))
    return out


def member_hour_rows(conn: sqlite3.Connection, start: date, end: date) -> list[HourRow]:
    """Minutes on follow-up group areas, grouped in SQL by logger, support flag, the stated
    principal, and the one member the logger substituted for on the entry's date (if exactly one)."""
    rows = conn.execute(
        f"""
        SELECT te.person_id, te.is_support, te.on_behalf_of_id,
               CASE WHEN te.on_behalf_of_id IS NULL THEN
                 (SELECT CASE WHEN count(*) = 1 THEN min(person_id) END FROM ({_PRINCIPALS_OF_ENTRY})) END,
               te.on_behalf_of_id IS NOT NULL AND te.on_behalf_of_id NOT IN ({_PRINCIPALS_OF_ENTRY}),
               sum(te.minutes)
          FROM time_entry te JOIN task_area a ON a.id = te.area_id
         WHERE a.scope = 'folgegruppe' AND te.date BETWEEN :start AND :end
         GROUP BY 1, 2, 3, 4, 5
        """, {"far": _FAR, "start": start.isoformat(), "end": end.isoformat()}).fetchall()
    return [HourRow(r[0], bool(r[1]), r[2], r[3], int(r[5]), bool(r[4])) for r in rows]


# The members the logger of entry ``te`` substituted for on its date (both appointments in force).
_PRINCIPALS_OF_ENTRY = """
    SELECT DISTINCT mm.person_id FROM membership s
      JOIN membership mm ON mm.id = s.substitute_for_id JOIN seat st ON st.id = mm.seat_id
     WHERE s.person_id = te.person_id AND s.valid_from <= te.date AND coalesce(s.valid_to, :far) >= te.date
       AND mm.valid_from <= te.date AND coalesce(mm.valid_to, :far) >= te.date
       AND st.body_code = 'folgegruppe' AND st.kind IN ('region', 'secretariat')
"""


def principals(conn: sqlite3.Connection, person_id: int, day: date) -> list[Named]:
    """The members ``person_id`` substitutes for on ``day``, by name."""
    from logbog_tui.storage.migrations import PRINCIPALS_SQL

    ids = [r[0] for r in conn.execute(PRINCIPALS_SQL, {"person": person_id, "day": day.isoformat()})]
    names = person_names(conn, ids)
    return sorted((Named(i, names.get(i, "?")) for i in ids), key=lambda n: fold(n.label))


def is_member(conn: sqlite3.Connection, person_id: int, year: int) -> bool:
    """Whether ``person_id`` held a representative seat of the follow-up group in ``year``."""
    from logbog_tui.storage.migrations import IS_MEMBER_SQL

    return conn.execute(IS_MEMBER_SQL, {"person": person_id, "year_start": f"{year}-01-01",
                                        "year_end": f"{year}-12-31"}).fetchone() is not None


def days_off(conn: sqlite3.Connection) -> DaysOff:
    """The extra days off (setting ``extra_days_off``; default 24.12, 31.12, 05.06)."""
    value = setting(conn, "extra_days_off")
    if value is None:
        return DEFAULT_DAYS_OFF
    try:
        return parse_days_off(value)
    except Problem:
        return DEFAULT_DAYS_OFF


def date_range(conn: sqlite3.Connection, today: date) -> DateRange:
    """The one range of dates for time entries and meetings, in the CLI and the TUI."""
    return DateRange.around(today, org_start(conn))


def org_start(conn: sqlite3.Connection) -> date:
    """The organisation's start (setting ``org_start``; default 01.01.2013, the start of the
    logbog.net project): no hours or meetings before it."""
    try:
        return date.fromisoformat(setting(conn, "org_start") or ORG_START.isoformat())
    except ValueError:
        return ORG_START


def steering_hours(conn: sqlite3.Connection, year: int, start: date, end: date) -> list[tuple[int, str, int]]:
    """(person id, name, minutes) for steering group members of ``year`` other than the project leader."""
    return [tuple(r) for r in conn.execute(
        """
        SELECT p.id, p.name, coalesce((SELECT sum(minutes) FROM time_entry te
                                        WHERE te.person_id = p.id AND te.date BETWEEN :start AND :end), 0)
          FROM person p
         WHERE p.id IN (SELECT m.person_id FROM membership m JOIN seat s ON s.id = m.seat_id
                         WHERE s.body_code = 'styregruppe' AND s.kind <> 'project_leader'
                           AND m.valid_from <= :ye AND coalesce(m.valid_to, :far) >= :ys)
         ORDER BY p.name COLLATE da
        """, {"start": start.isoformat(), "end": end.isoformat(), "ys": f"{year}-01-01",
              "ye": f"{year}-12-31", "far": _FAR}).fetchall()]


def people_in_order(conn: sqlite3.Connection) -> tuple[str, ...]:
    """The names of everyone in the register (not erased), in Danish alphabetical order: the
    choices and suggestions of every form that asks for a person."""
    return tuple(n for (n,) in conn.execute(
        "SELECT name FROM person WHERE erased_at IS NULL ORDER BY name COLLATE da"))


def person_names(conn: sqlite3.Connection, ids) -> dict[int, str]:
    ids = list(set(ids))
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return dict(conn.execute(f"SELECT id, name FROM person WHERE id IN ({marks})", ids).fetchall())


# --- name resolution ------------------------------------------------------------------------

@dataclass(frozen=True)
class Named:
    id: int
    label: str


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
    hits = [c for c in candidates if query in fold(c.label)]
    if len(hits) == 1:
        return hits[0]
    if not hits:
        raise NotFound("resolve.none", what=t(f"what.no.{what}"), text=text.strip())
    listed = "; ".join(f"{c.id}: {c.label}" for c in hits[:10])
    more = t("resolve.more", count=len(hits) - 10) if len(hits) > 10 else ""
    raise Ambiguous("resolve.ambiguous", what=t(f"what.{what}"), text=text.strip(), candidates=listed + more)


def resolve_person(conn: sqlite3.Connection, text: str) -> Named:
    rows = conn.execute("SELECT id, name FROM person WHERE erased_at IS NULL").fetchall()
    return resolve([Named(r[0], r[1]) for r in rows], text, "person")


def resolve_area(conn: sqlite3.Connection, text: str) -> Named:
    """An area by id, code (``PL4``), a completion such as ``PL4 Leverandørkontakt``, or part of its name."""
    rows = conn.execute("SELECT id, code, name, short_name FROM task_area ORDER BY position").fetchall()
    cands = [Named(r[0], f"{r[1]} {r[3]} – {r[2]}") for r in rows]
    codes = {fold(r[1]): r[0] for r in rows}
    first = fold(text.strip()).split(" ", 1)[0]
    if first in codes:
        return next(c for c in cands if c.id == codes[first])
    return resolve(cands, text, "area", exact_codes={r[1]: r[0] for r in rows})


def resolve_task(conn: sqlite3.Connection, text: str) -> Named:
    rows = conn.execute("SELECT id, title FROM task WHERE status <> 'done' OR id = ?",
                        (int(text) if text.strip().isdigit() else -1,)).fetchall()
    return resolve([Named(r[0], r[1]) for r in rows], text, "task")


def project_leader(conn: sqlite3.Connection, on: date) -> Named | None:
    """The person holding the project leader seat of the steering group on ``on`` (else most recent)."""
    row = conn.execute(
        "SELECT p.id, p.name FROM membership m JOIN seat s ON s.id = m.seat_id JOIN person p ON p.id = m.person_id"
        " WHERE s.kind = 'project_leader' AND m.substitute_for_id IS NULL AND m.valid_from <= ?"
        " ORDER BY (coalesce(m.valid_to, ?) >= ?) DESC, m.valid_from DESC LIMIT 1",
        (on.isoformat(), _FAR, on.isoformat())).fetchone()
    return Named(row[0], row[1]) if row else None


def resolve_target(conn: sqlite3.Connection, text: str) -> tuple[int | None, int | None]:
    """(area id, task id) for what the user typed in the log dialog's area-or-task field.

    ``#12`` (or ``#12 title``) is task 12; otherwise an area by code or name, else an open task by
    title. Text that matches several areas is refused with them (it is not taken as a task's title).
    """
    raw = text.strip()
    if raw.startswith("#"):
        number = raw[1:].split(maxsplit=1)[0] if raw[1:].strip() else ""
        if not number.isdigit() or conn.execute("SELECT 1 FROM task WHERE id = ?", (int(number),)).fetchone() is None:
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


def target_suggestions(conn: sqlite3.Connection) -> list[str]:
    """Completions for the area-or-task field: every area, then open tasks as ``#id title``."""
    areas = [f"{code} {short}" for code, short in conn.execute("SELECT code, short_name FROM task_area ORDER BY position")]
    tasks = [f"#{tid} {title}" for tid, title in conn.execute(
        "SELECT id, title FROM task WHERE status <> 'done' ORDER BY due_date IS NULL, due_date LIMIT 500")]
    return areas + tasks


def target_label(conn: sqlite3.Connection, area_id: int | None, task_id: int | None) -> str:
    if task_id is not None:
        row = conn.execute("SELECT title FROM task WHERE id = ?", (task_id,)).fetchone()
        return f"#{task_id} {row[0]}" if row else ""
    if area_id is not None:
        row = conn.execute("SELECT code, short_name FROM task_area WHERE id = ?", (area_id,)).fetchone()
        return f"{row[0]} {row[1]}" if row else ""
    return ""


def substitute_for(conn: sqlite3.Connection, person_id: int, day: date) -> int | None:
    """The one member ``person_id`` substituted for on ``day`` (``None`` for none or several)."""
    found = principals(conn, person_id, day)
    return found[0].id if len(found) == 1 else None

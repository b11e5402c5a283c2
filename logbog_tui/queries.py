"""Thin query functions that feed the service rules (standard library only: fast CLI paths)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from logbog_tui.db import fold  # one folding rule for Python and SQL
from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.service.budget import HourRow, Thresholds
from logbog_tui.service.rotation import Hosting, Region

_FAR = "9999-12-31"


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None




# --- rotation -------------------------------------------------------------------------------

def regions(conn: sqlite3.Connection) -> list[Region]:
    rows = conn.execute("SELECT code, name, valid_from, valid_to, rotation_order, successor_code FROM region").fetchall()
    preds: dict[str, list[str]] = {}
    for r in rows:
        if r["successor_code"]:
            preds.setdefault(r["successor_code"], []).append(r["code"])
    return [Region(r["code"], r["name"], _d(r["valid_from"]), _d(r["valid_to"]), r["rotation_order"],
                   tuple(sorted(preds.get(r["code"], ())))) for r in rows]


def hostings(conn: sqlite3.Connection) -> list[Hosting]:
    """Every follow-up group meeting with a host (one row each; a few per year)."""
    rows = conn.execute(
        "SELECT date, host_region_code, status, proposed_region_code, override_reason FROM meeting"
        " WHERE body_code = 'folgegruppe' AND host_region_code IS NOT NULL ORDER BY date").fetchall()
    return [Hosting(_d(r[0]), r[1], r[2], r[3], r[4]) for r in rows]


# --- budgets --------------------------------------------------------------------------------

def setting(conn: sqlite3.Connection, key: str, default: str | None = None) -> str | None:
    row = conn.execute("SELECT value FROM setting WHERE key = ?", (key,)).fetchone()
    return row[0] if row else default


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
    """Minutes on follow-up group areas, grouped in SQL by logger, support flag and the member
    the logger was substitute for on the entry's date."""
    rows = conn.execute(
        """
        SELECT te.person_id, te.is_support,
               (SELECT mm.person_id FROM membership s JOIN membership mm ON mm.id = s.substitute_for_id
                 WHERE s.person_id = te.person_id AND s.valid_from <= te.date
                   AND coalesce(s.valid_to, :far) >= te.date
                 ORDER BY s.valid_from DESC, s.id DESC LIMIT 1) AS substitute_for,
               sum(te.minutes)
          FROM time_entry te JOIN task_area a ON a.id = te.area_id
         WHERE a.scope = 'folgegruppe' AND te.date BETWEEN :start AND :end
         GROUP BY 1, 2, 3
        """, {"far": _FAR, "start": start.isoformat(), "end": end.isoformat()}).fetchall()
    return [HourRow(r[0], bool(r[1]), r[2], int(r[3])) for r in rows]


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
         ORDER BY p.name
        """, {"start": start.isoformat(), "end": end.isoformat(), "ys": f"{year}-01-01",
              "ye": f"{year}-12-31", "far": _FAR}).fetchall()]


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


def resolve(candidates: list[Named], text: str, what: str, exact_codes: dict[str, int] | None = None) -> Named:
    """Pick one candidate by id, exact code, exact name or unique case-insensitive part of the name.

    Raises :class:`UserError` listing the candidates when ``text`` is unknown or ambiguous.
    """
    query = fold(text.strip())
    if not query:
        raise UserError(t("resolve.empty", what=t(f"what.a.{what}")))
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
        raise UserError(t("resolve.none", what=t(f"what.no.{what}"), text=text.strip()))
    listed = "; ".join(f"{c.id}: {c.label}" for c in hits[:10])
    more = t("resolve.more", count=len(hits) - 10) if len(hits) > 10 else ""
    raise Ambiguous(t("resolve.ambiguous", what=t(f"what.{what}"), text=text.strip(), candidates=listed + more))


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
            raise UserError(t("resolve.none", what=t("what.no.task"), text=raw))
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
    """The member ``person_id`` was substitute for on ``day`` (same rule as the budget rows)."""
    row = conn.execute(
        "SELECT mm.person_id FROM membership s JOIN membership mm ON mm.id = s.substitute_for_id"
        " WHERE s.person_id = ? AND s.valid_from <= ? AND coalesce(s.valid_to, ?) >= ?"
        " ORDER BY s.valid_from DESC, s.id DESC LIMIT 1", (person_id, day.isoformat(), _FAR, day.isoformat())).fetchone()
    return row[0] if row else None

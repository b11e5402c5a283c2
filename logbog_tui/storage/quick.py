"""The quick lookup behind ``logbog host``: the rotation's inputs read with the standard library.

``import sqlmodel`` alone costs about a quarter of a second, more than the whole answer may take
(docs/performance.md: ``logbog host`` at most 5x a bare ``python -c pass``). So this one command
reads the two tables the rotation needs through the program's own ``sqlite3`` connection
(:func:`~logbog_tui.storage.db.open_db`, with every check of the file) and hands them to the same
pure function as everything else (:func:`logbog_tui.service.rotation.current_host`).

It reads exactly what :func:`logbog_tui.storage.queries.regions` and
:func:`~logbog_tui.storage.queries.hostings` read through the ORM, in the same order;
tests/test_quick_host.py checks on generated histories that both give equal inputs and the same
answer. A change to what the rotation reads changes both, or that test fails.

Standard library only (tests/test_import_hygiene.py): no SQLAlchemy, no SQLModel, no Textual.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from logbog_tui.service import rotation
from logbog_tui.service.rotation import Hosting, Region


def regions(conn: sqlite3.Connection) -> list[Region]:
    """Every region, in the table's order, with its predecessors (the regions naming it as successor)."""
    rows = conn.execute(
        "SELECT code, name, valid_from, valid_to, rotation_order, successor_code FROM region").fetchall()
    preds: dict[str, list[str]] = {}
    for code, _name, _from, _to, _order, successor in rows:
        if successor:
            preds.setdefault(successor, []).append(code)
    return [Region(code, name, date.fromisoformat(start), date.fromisoformat(end) if end else None, order,
                   tuple(sorted(preds.get(code, ()))))
            for code, name, start, end, order, _successor in rows]


def hostings(conn: sqlite3.Connection) -> list[Hosting]:
    """Every follow-up group meeting with a host, by date (then as entered)."""
    rows = conn.execute(
        "SELECT date, host_region_code, status, proposed_region_code, override_reason FROM meeting"
        " WHERE body_code = 'folgegruppe' AND host_region_code IS NOT NULL ORDER BY date, id").fetchall()
    return [Hosting(date.fromisoformat(day), host, status, proposed, why)
            for day, host, status, proposed, why in rows]


def current_host(conn: sqlite3.Connection, day: date) -> rotation.HostAnswer | None:
    """The current host region as of ``day`` (:func:`logbog_tui.service.rotation.current_host`)."""
    return rotation.current_host(regions(conn), hostings(conn), day)

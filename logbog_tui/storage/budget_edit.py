"""Changing a year's budgets, and what the change would do to the statuses shown."""

from __future__ import annotations

import sqlite3
from datetime import date

from logbog_tui.storage import queries
from logbog_tui.storage.session import transaction
from logbog_tui.i18n import fmt_hours, t
from logbog_tui.overview import budget_overview
from logbog_tui.service.budget import as_of_for, prorated, status


def current(conn: sqlite3.Connection, year: int) -> tuple[float, float]:
    return queries.budget_hours(conn, year, "projektledelse"), queries.budget_hours(conn, year, "folgegruppe_member")


def has_entries(conn: sqlite3.Connection, year: int) -> bool:
    return conn.execute("SELECT 1 FROM time_entry WHERE date BETWEEN ? AND ? LIMIT 1",
                        (f"{year}-01-01", f"{year}-12-31")).fetchone() is not None


def effect(conn: sqlite3.Connection, year: int, today: date, leadership: float, member: float) -> list[str]:
    """Lines describing the change: budgets old -> new, and every status that would change."""
    old_pl, old_member = current(conn, year)
    ov = budget_overview(conn, year, as_of_for(year, today))
    th = queries.thresholds(conn)
    lines = [t("budget.change_leadership", old=fmt_hours(old_pl), new=fmt_hours(leadership)),
             t("budget.change_member", old=fmt_hours(old_member), new=fmt_hours(member))]
    changes = []
    pl = ov.leadership
    new_state = status(pl.used, leadership, th)
    if new_state != pl.status:
        changes.append(t("budget.status_change", label=t("budget.leadership"), old=t(f"status.{pl.status}"),
                         new=t(f"status.{new_state}")))
    for m in ov.members:
        new_state = status(m.used, prorated(member, m.days, year), th)
        if new_state != m.status:
            changes.append(t("budget.status_change", label=m.person, old=t(f"status.{m.status}"),
                             new=t(f"status.{new_state}")))
    return lines + (changes or [t("budget.no_status_change")])


def set_budgets(conn: sqlite3.Connection, year: int, leadership: float, member: float) -> None:
    with transaction(conn):
        conn.executemany("INSERT INTO budget (year, scope, hours) VALUES (?, ?, ?)"
                         " ON CONFLICT (year, scope) DO UPDATE SET hours = excluded.hours",
                         [(year, "projektledelse", leadership), (year, "folgegruppe_member", member)])

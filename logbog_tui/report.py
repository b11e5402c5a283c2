"""The annual report (årsrapport) for the steering group, and its renderings.

Sections: hours per task area and per member against budgets, the steering group's hours;
meetings held with hosts and attendance; tickets opened and closed with the median days at the
supplier; decisions referred to the steering group. The renderings (Markdown, xlsx, JSON, CSV
tables) are in :mod:`logbog_tui.report_render`.
"""

from __future__ import annotations

import sqlite3
import statistics
from datetime import date

from logbog_tui.overview import budget_overview
from logbog_tui.report_render import render  # noqa: F401 - the renderings, where callers look for them
from logbog_tui.service.budget import as_of_for


def _days_at_supplier(conn: sqlite3.Connection, year: int) -> list[int]:
    """Days from the sent date the user gave to the date of the status change that took the
    ticket back from the supplier (resolved, or reopened), for such returns in ``year``; both are
    Danish calendar days (the events store the days the user gave)."""
    from logbog_tui.storage.tickets import local_day

    out, sent = [], {}
    for tid, at, kind, old in conn.execute(
            "SELECT ticket_id, at, kind, old_status FROM ticket_event ORDER BY ticket_id, at, id"):
        day = local_day(at)
        if kind == "forwarded":
            sent[tid] = day
        elif kind == "status" and old == "with_supplier" and tid in sent:
            if day.year == year:
                out.append((day - sent[tid]).days)
            sent.pop(tid)
    return out


def annual(conn: sqlite3.Connection, year: int, today: date) -> dict:
    start, end = f"{year}-01-01", f"{year}-12-31"
    ov = budget_overview(conn, year, as_of_for(year, today))
    areas = [{"code": c, "name": n, "scope": s, "hours": round(m / 60, 2)} for c, n, s, m in conn.execute(
        "SELECT a.code, a.name, a.scope, coalesce(sum(te.minutes), 0) FROM task_area a LEFT JOIN time_entry te"
        " ON te.area_id = a.id AND te.date BETWEEN ? AND ? GROUP BY a.id ORDER BY a.position", (start, end))]
    pl = ov.leadership
    members = [{"person": m.person, "days_with_seat": m.days, "budget": round(m.budget, 2), "used": round(m.used, 2),
                "support": round(m.support, 2), "substitutes": round(m.substitutes, 2),
                "remaining": round(m.remaining, 2), "status": m.status} for m in ov.members]
    meetings = []
    for mid, body, day, status, host, kind in conn.execute(
            "SELECT m.id, m.body_code, m.date, m.status, r.name, m.kind FROM meeting m LEFT JOIN region r"
            " ON r.code = m.host_region_code WHERE m.date BETWEEN ? AND ? ORDER BY m.date", (start, end)):
        counts = dict(conn.execute("SELECT status, count(*) FROM attendance WHERE meeting_id = ? GROUP BY status",
                                   (mid,)).fetchall())
        meetings.append({"date": date.fromisoformat(day), "body": body, "kind": kind, "status": status,
                         "host": host, "present": counts.get("present", 0), "substitute": counts.get("substitute", 0),
                         "absent": counts.get("absent", 0)})
    opened = conn.execute("SELECT count(*) FROM ticket WHERE opened_on BETWEEN ? AND ?", (start, end)).fetchone()[0]
    closed = conn.execute("SELECT count(*) FROM ticket WHERE closed_on BETWEEN ? AND ?", (start, end)).fetchone()[0]
    by_category = dict(conn.execute("SELECT category, count(*) FROM ticket WHERE opened_on BETWEEN ? AND ?"
                                    " GROUP BY category", (start, end)).fetchall())
    supplier_days = _days_at_supplier(conn, year)
    referrals = [{"date": date.fromisoformat(d), "title": title, "settled_on": date.fromisoformat(s) if s else None,
                  "decision": dec} for d, title, s, dec in conn.execute(
        "SELECT m.date, i.title, sm.date, si.decision FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id"
        " LEFT JOIN agenda_item si ON si.id = i.settled_by_id LEFT JOIN meeting sm ON sm.id = si.meeting_id"
        " WHERE i.referred = 1 AND m.date BETWEEN ? AND ? ORDER BY m.date", (start, end))]
    return {
        "year": year, "as_of": ov.as_of,
        "project_leadership": {"budget": pl.budget, "used": round(pl.used, 2), "remaining": round(pl.remaining, 2),
                               "status": pl.status},
        "areas": areas, "members": members,
        "steering": [{"person": n, "hours": round(h, 2)} for n, h in ov.steering],
        "meetings": meetings,
        "tickets": {"opened": opened, "closed": closed, "by_category": by_category,
                    "returned_from_supplier": len(supplier_days),
                    "median_days_at_supplier": statistics.median(supplier_days) if supplier_days else None},
        "referrals": referrals,
    }

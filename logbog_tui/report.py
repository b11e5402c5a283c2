"""The annual report (årsrapport) for the steering group, and its renderings.

Sections: hours per task area and per member against budgets, the steering group's hours;
meetings held with hosts and attendance; tickets opened and closed with the median days at the
supplier; decisions referred to the steering group; the registers: målbeskrivelser loaded (with
the days from approval to loading), course leader changes, documents reviewed, contracts; the
economy in kroner (totals, budget lines, each region's share by the year's key); the
development backlog (ordered, delivered, median days ordered to delivered, per region). The
renderings (Markdown, xlsx, JSON, CSV
tables) are in :mod:`logbog_tui.report_render`.
"""

from __future__ import annotations

import statistics
from datetime import date

from logbog_tui.overview import budget_overview
from logbog_tui.report_render import render  # noqa: F401 - the renderings, where callers look for them
from logbog_tui.service.budget import as_of_for
from logbog_tui.storage import report_data
from logbog_tui.storage.db import Connection


def annual(conn: Connection, year: int, today: date) -> dict:
    """The report for ``year`` as plain data (what the renderings and ``--format json`` show);
    what it reads is in :mod:`logbog_tui.storage.report_data`."""
    ov = budget_overview(conn, year, as_of_for(year, today))
    areas = [{"code": a.code, "name": a.name, "scope": a.scope, "hours": round(a.minutes / 60, 2)}
             for a in report_data.area_hours(conn, year)]
    pl = ov.leadership
    members = [{"person": m.person, "days_with_seat": m.days, "budget": round(m.budget, 2), "used": round(m.used, 2),
                "support": round(m.support, 2), "substitutes": round(m.substitutes, 2),
                "remaining": round(m.remaining, 2), "status": m.status} for m in ov.members]
    meetings = [{"date": m.date, "body": m.body, "kind": m.kind, "status": m.status, "host": m.host,
                 "present": m.present, "substitute": m.substitute, "absent": m.absent}
                for m in report_data.meetings(conn, year)]
    tickets = report_data.ticket_year(conn, year)
    supplier_days = report_data.days_at_supplier(conn, year)
    referrals = [{"date": r.referred_on, "title": r.title, "settled_on": r.settled_on, "decision": r.decision}
                 for r in report_data.referrals(conn, year)]
    registers = _registers(conn, year, ov.as_of)
    return {
        "year": year, "as_of": ov.as_of,
        "project_leadership": {"budget": pl.budget, "used": round(pl.used, 2), "remaining": round(pl.remaining, 2),
                               "status": pl.status},
        "areas": areas, "members": members,
        "steering": [{"person": n, "hours": round(h, 2)} for n, h in ov.steering],
        "meetings": meetings,
        "tickets": {"opened": tickets.opened, "closed": tickets.closed, "by_category": tickets.by_category,
                    "returned_from_supplier": len(supplier_days),
                    "median_days_at_supplier": statistics.median(supplier_days) if supplier_days else None},
        "referrals": referrals,
        **registers,
        **_economy(conn, year, today),
        "development": _development(conn, year),
    }


def _economy(conn: Connection, year: int, today: date) -> dict:
    """The economy in kroner (issue 20): the year's totals, its budget lines, each region's share
    (empty with ``key_missing`` when the year has no distribution key). Amounts are whole kroner."""
    from logbog_tui.service.economy import share_decimal
    from logbog_tui.storage import economy

    view = economy.overview(conn, year, today)
    tot = view.totals
    return {
        "economy": {"budget": tot.budget, "spent": tot.spent, "committed": tot.committed, "forecast": tot.forecast,
                    "hour_rate": view.rate, "hours_value": view.hours_value, "total": view.total,
                    "key_missing": view.shares is None},
        "economy_lines": [{"line_kind": r.line.kind, "line": r.line.name, "budget": r.position.budget,
                           "spent": r.position.spent, "committed": r.position.committed,
                           "remaining": r.position.remaining, "forecast": r.position.forecast,
                           "status": r.position.status} for r in view.lines],
        "economy_shares": [{"region_code": s.region_code, "region": s.region_name, "share": share_decimal(s.share),
                            "amount": s.amount, "budget_amount": s.budget_amount} for s in view.shares or []],
    }


def _development(conn: Connection, year: int) -> dict:
    """The development backlog's year (issue 22): items ordered and delivered, the median days from
    ordered to delivered, what each region or secretariat asked for and got, the items delivered."""
    from logbog_tui.storage.development_releases import year_figures

    f = year_figures(conn, year)
    return {"ordered": f.ordered, "delivered": f.delivered, "median_days_ordered_to_delivered": f.median_days,
            "by_region": [{"region": r.name, "asked": r.asked, "delivered": r.delivered, "open": r.open,
                           "rejected": r.rejected} for r in f.regions],
            "delivered_items": [{"id": i.id, "title": i.title, "dev_kind": i.kind, "release": i.release,
                                 "ordered": i.ordered, "delivered": i.delivered} for i in f.delivered_items]}


def _registers(conn: Connection, year: int, as_of: date) -> dict:
    """The registers' sections: målbeskrivelser loaded in the year with the days from approval to
    loading (PL1), course leader changes (PL2), documents reviewed (PL3), contracts in force (PL7)."""
    return {
        "specialty_versions": [{"specialty": v.specialty, "edition": v.edition, "approved": v.approved,
                                "effective": v.effective, "loaded": v.loaded, "days_to_load": v.days_to_load}
                               for v in report_data.versions_loaded(conn, year)],
        "course_leader_changes": [{"specialty": c.specialty, "region": c.region, "role": c.role, "leader": c.leader,
                                   "from": c.valid_from, "to": c.valid_to, "entered": c.entered}
                                  for c in report_data.course_leader_changes(conn, year)],
        "documents_reviewed": [{"document": d.document, "audience": d.audience, "reviewed_on": d.reviewed_on,
                                "next_review": d.next_review} for d in report_data.documents_reviewed(conn, year)],
        "contracts": [{"contract": c.contract, "party": c.party, "signed": c.signed, "from": c.valid_from,
                       "to": c.valid_to, "term_end": c.term_end, "notice_by": c.notice_by, "successor": c.successor}
                      for c in report_data.contracts_in(conn, year, as_of)],
    }

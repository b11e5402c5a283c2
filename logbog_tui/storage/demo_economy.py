"""The demo's economy (issue 20), clearly fictitious: budget lines for every demo year and the
next, invoices up to today (a credit note, a commitment not yet invoiced, development running over
80 % this year), and made-up distribution keys (round figures, not any official key) with Region
Østdanmark from 2027. Called by :func:`logbog_tui.storage.demo.fill` in its transaction."""

from __future__ import annotations

from datetime import date
from typing import cast

from sqlmodel import Session, select

from logbog_tui.service import economy as money
from logbog_tui.storage.models import CostKey, EconLine, Posting, Region

# MADE-UP shares (parts per 10,000) for the demo only: no official key is known to logbog.
DEMO_KEY = {"nordjylland": "0.1012", "midtjylland": "0.2248", "syddanmark": "0.2076",
            "hovedstaden": "0.3125", "sjaelland": "0.1539", "oestdanmark": "0.4664"}
# kind, name, budget (kr.), profile (None: even)
LINES = [
    ("supplier", "Drift og vedligehold (Dansk Telemedicin)", 1_850_000, [25, 0, 0, 25, 0, 0, 25, 0, 0, 25, 0, 0]),
    ("development", "Videreudvikling", 600_000, None),
    ("hosting", "Hosting og licenser", 240_000, [0, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    ("project_leadership", "Projektledelse, rejser og kurser", 45_000, None),
    ("follow_up_group", "Følgegruppemøder (forplejning, lokaler)", 30_000, [0, 0, 50, 0, 0, 0, 0, 0, 0, 50, 0, 0]),
    ("other", "Andet", 20_000, None),
]


def fill_economy(session: Session, first: int, today: date) -> dict[str, int]:
    regions = session.exec(select(Region)).all()
    stats = {"econ_lines": 0, "postings": 0, "key_years": 0}
    for year in range(first, today.year + 2):
        start, end = date(year, 1, 1), date(year, 12, 31)
        in_force = [r.code for r in regions if r.valid_from <= end and (r.valid_to is None or r.valid_to >= start)]
        for code in in_force:
            session.add(CostKey(year=year, region_code=code, share=DEMO_KEY[code]))
        money.check_key([money.share_from_text(DEMO_KEY[c]) for c in in_force])
        stats["key_years"] += 1
        ids = {}
        for kind, name, budget, profile in LINES:
            grown = budget + (year - first) * budget // 50  # a little more each year
            line = EconLine(year=year, kind=kind, name=name, budget=grown, profile=money.profile_text(profile) or None)
            session.add(line)
            session.flush()
            ids[kind] = (cast(int, line.id), grown)
            stats["econ_lines"] += 1
        postings = _postings(year, ids, this_year=year == today.year)
        for p in postings:
            if p.date <= today or p.is_commitment:
                session.add(p)
                stats["postings"] += 1
    return stats


def _postings(year: int, ids: dict[str, tuple[int, int]], this_year: bool) -> list[Posting]:
    supplier, supplier_budget = ids["supplier"]
    out = [Posting(line_id=supplier, date=date(year, month, 5), amount=supplier_budget // 4,
                   supplier="Dansk Telemedicin", reference=f"DT-{year}-Q{month // 3 + 1}",
                   note="Kvartalsvis drift (demo)") for month in (1, 4, 7, 10)]
    dev, dev_budget = ids["development"]
    share = 9 if this_year else 8  # this year development runs hot: a warning on the dashboard
    out += [Posting(line_id=dev, date=date(year, month, 20), amount=dev_budget * share // 40,
                    supplier="Dansk Telemedicin", reference=f"DT-{year}-U{month}", note="Udviklingsopgave (demo)")
            for month in (3, 6, 9, 11)]
    out.append(Posting(line_id=dev, date=date(year, 6, 30), amount=-12_500, supplier="Dansk Telemedicin",
                       reference=f"DT-{year}-K1", note="Kreditnota: fejlrettelse under garanti (demo)"))
    out.append(Posting(line_id=dev, date=date(year, 12, 1), amount=dev_budget // 10, supplier="Dansk Telemedicin",
                       reference=f"ORD-{year}-7", note="Bestilt, ikke faktureret (demo)", is_commitment=True))
    host, host_budget = ids["hosting"]
    out.append(Posting(line_id=host, date=date(year, 2, 1), amount=host_budget - 4_000, supplier="Fiktiv Hosting ApS",
                       reference=f"FH-{year}", note="Årlig hosting og licenser (demo)"))
    fg, _ = ids["follow_up_group"]
    out += [Posting(line_id=fg, date=date(year, month, 28), amount=11_750, supplier="Mødecenter Demo",
                    reference=f"MC-{year}-{month}", note="Forplejning og lokale (demo)") for month in (3, 10)]
    pl, _ = ids["project_leadership"]
    out.append(Posting(line_id=pl, date=date(year, 5, 12), amount=8_900, supplier="Demo Rejser",
                       reference=f"R-{year}-1", note="Rejse til følgegruppemøde (demo)"))
    return out

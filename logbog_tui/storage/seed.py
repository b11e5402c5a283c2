"""What a new database knows: the organisation of the seed (Administrationsbeskrivelse af
logbog.net-organisationen, in force from 01.01.2017) and the facts from outside it.

It knows no people. Names of regions, bodies and task areas are Danish in both UI languages.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from logbog_tui import clock

ORG_START = "2017-01-01"  # the administration description is in force from 01.01.2017
PROJECT_START = "2013-01-01"  # the start of the logbog.net project: the earliest date of hours and meetings
MERGER = "2027-01-01"     # Lov nr. 699 af 20. juni 2025 § 126: Region Østdanmark

# code, ISO 3166-2, name, valid_from, valid_to, successor, rotation order
REGIONS = [
    ("nordjylland", "DK-81", "Region Nordjylland", "2007-01-01", None, None, 1),
    ("midtjylland", "DK-82", "Region Midtjylland", "2007-01-01", None, None, 2),
    ("syddanmark", "DK-83", "Region Syddanmark", "2007-01-01", None, None, 3),
    ("hovedstaden", "DK-84", "Region Hovedstaden", "2007-01-01", "2026-12-31", "oestdanmark", 4),
    ("sjaelland", "DK-85", "Region Sjælland", "2007-01-01", "2026-12-31", "oestdanmark", 5),
    # No ISO 3166-2 code has been published for Region Østdanmark (checked November 2026).
    ("oestdanmark", None, "Region Østdanmark", MERGER, None, None, 4),
]

# name, short name, kind
ORGANISATIONS = [
    ("Sundhedsstyrelsen", "SST", "authority"),
    ("Styrelsen for Patientsikkerhed", "STPS", "authority"),
    ("Danske Regioner", "DR", "association"),
    ("Dansk Telemedicin", "DT", "supplier"),
    ("Sekretariatet for Lægelig Videreuddannelse Nord", "VUS Nord", "secretariat"),
    ("Sekretariatet for Lægelig Videreuddannelse Syd", "VUS Syd", "secretariat"),
    ("Sekretariatet for Lægelig Videreuddannelse Øst", "VUS Øst", "secretariat"),
] + [(name, code, "region") for code, _iso, name, *_ in REGIONS]

# code, name, secretariat, covered regions
EDU_REGIONS = [
    ("nord", "Videreuddannelsesregion Nord", "Sekretariatet for Lægelig Videreuddannelse Nord",
     ["nordjylland", "midtjylland"]),
    ("syd", "Videreuddannelsesregion Syd", "Sekretariatet for Lægelig Videreuddannelse Syd",
     ["syddanmark"]),
    ("ost", "Videreuddannelsesregion Øst", "Sekretariatet for Lægelig Videreuddannelse Øst",
     ["hovedstaden", "sjaelland", "oestdanmark"]),
]

BODIES = [("styregruppe", "Styregruppen"), ("folgegruppe", "Følgegruppen")]

# code, scope, name (the seed's wording), short name
TASK_AREAS = [
    ("FG1", "folgegruppe", "Vedligeholdelse af systemet", "Vedligeholdelse"),
    ("FG2", "folgegruppe", "Videreudvikling af systemet", "Videreudvikling"),
    ("FG3", "folgegruppe", "Indsamle feedback fra brugerne med henblik på at øge brugervenligheden "
                           "af systemet", "Brugerfeedback"),
    ("FG4", "folgegruppe", "At sikre information til brugerne", "Information til brugerne"),
    ("FG5", "folgegruppe", "At sikre arbejdsgange for alle brugere", "Arbejdsgange"),
    ("FG6", "folgegruppe", "Understøtte samarbejdet med øvrige systemer inden for lægelig "
                           "videreuddannelse", "Samarbejde med andre systemer"),
    ("PL1", "projektledelse", "Kontinuerlig opdatering af logbog.net med nye målbeskrivelser og "
                              "tilhørende bilag", "Målbeskrivelser"),
    ("PL2", "projektledelse", "Kontinuerlig opdatering af hovedkursusledere og delkursusledere i "
                              "systemet", "Kursusledere"),
    ("PL3", "projektledelse", "Opdatering af informationsmateriale og vejledninger til brugerne",
     "Informationsmateriale"),
    ("PL4", "projektledelse", "Kontakt til leverandøren med henblik på videreudvikling, "
                              "fejlrettelser mv.", "Leverandørkontakt"),
    ("PL5", "projektledelse", "Kontakt til Sundhedsstyrelsen og Styrelsen for Patientsikkerhed",
     "SST og STPS"),
    ("PL6", "projektledelse", "Sekretariatsbetjening af følgegruppe og styregruppe",
     "Sekretariatsbetjening"),
    ("PL7", "projektledelse", "Håndtering af formelle og kontraktlige regler for logbog.net",
     "Formelle regler"),
    ("PL8", "projektledelse", "Håndtering af budgettet for logbog.net", "Budget"),
    ("PL9", "projektledelse", "Support for repræsentanter fra følgegruppen", "Support for repræsentanter"),
]

DEFAULT_BUDGETS = {"projektledelse": 1350.0, "folgegruppe_member": 74.0}
SETTINGS = {
    "org_start": PROJECT_START,
    "budget_warn": "0.8",
    "budget_over": "1.0",
    "budget_default_projektledelse": "1350",
    "budget_default_folgegruppe_member": "74",
}


def seed_organisation(conn: sqlite3.Connection, today: date | None = None) -> None:
    """Insert the seed's organisation into an empty schema (inside the caller's transaction).

    On the raw connection, not a session, on purpose: it runs inside
    :func:`~logbog_tui.storage.db.create_db`'s set-up transaction, which is standard library only,
    because ``logbog host`` on a missing file creates it and must not import SQLAlchemy (see
    tests/test_import_hygiene.py). Everything else writes through sessions."""
    today = today or clock.today()
    conn.executemany("INSERT INTO setting (key, value) VALUES (?, ?)", SETTINGS.items())
    # Regions first without successors (the successor must exist before it is referenced).
    conn.executemany(
        "INSERT INTO region (code, iso_code, name, valid_from, valid_to, rotation_order) VALUES (?,?,?,?,?,?)",
        [(c, iso, n, vf, vt, order) for c, iso, n, vf, vt, _s, order in REGIONS])
    conn.executemany("UPDATE region SET successor_code = ? WHERE code = ?",
                     [(s, c) for c, _i, _n, _f, _t, s, _o in REGIONS if s])
    conn.executemany("INSERT INTO organisation (name, short_name, kind) VALUES (?, ?, ?)", ORGANISATIONS)
    org = {name: oid for oid, name in conn.execute("SELECT id, name FROM organisation")}
    for code, name, secretariat, covered in EDU_REGIONS:
        conn.execute("INSERT INTO edu_region (code, name, secretariat_id) VALUES (?, ?, ?)",
                     (code, name, org[secretariat]))
        conn.executemany("INSERT INTO edu_region_cover (edu_region_code, region_code) VALUES (?, ?)",
                         [(code, r) for r in covered])
    conn.executemany("INSERT INTO body (code, name) VALUES (?, ?)", BODIES)
    _seed_seats(conn, org)
    conn.executemany("INSERT INTO task_area (code, scope, position, name, short_name) VALUES (?,?,?,?,?)",
                     [(c, s, i, n, sn) for i, (c, s, n, sn) in enumerate(TASK_AREAS, start=1)])
    conn.executemany("INSERT INTO budget (year, scope, hours) VALUES (?, ?, ?)",
                     [(y, scope, hours) for y in range(2017, today.year + 2)
                      for scope, hours in DEFAULT_BUDGETS.items()])
    from logbog_tui.storage.specialty_seed import seed_specialties

    seed_specialties(conn)  # the 39 specialties of the registers (PL1, PL2)


def _seed_seats(conn: sqlite3.Connection, org: dict[str, int]) -> None:
    # body, kind, region, education region, organisation, label, position, valid from, valid to
    rows: list[tuple[str, str, str | None, str | None, int | None, str, int, str, str | None]] = []
    # Styregruppen: the 3 secretariat heads, Sundhedsstyrelsen, Danske Regioner, the project leader.
    pos = 0
    for code, _name, secretariat, _covered in EDU_REGIONS:
        pos += 1
        rows.append(("styregruppe", "secretariat", None, code, None, f"Chef, {secretariat}", pos, ORG_START, None))
    for name in ("Sundhedsstyrelsen", "Danske Regioner"):
        pos += 1
        rows.append(("styregruppe", "organisation", None, None, org[name], name, pos, ORG_START, None))
    rows.append(("styregruppe", "project_leader", None, None, None, "Projektleder", pos + 1, ORG_START, None))
    # Følgegruppen: one per political region in force, one per education region, the project leader.
    for code, _iso, name, valid_from, valid_to, _succ, order in REGIONS:
        rows.append(("folgegruppe", "region", code, None, None, name, order,
                     max(valid_from, ORG_START), valid_to))
    for i, (code, name, _secretariat, _covered) in enumerate(EDU_REGIONS, start=10):
        rows.append(("folgegruppe", "secretariat", None, code, None, name, i, ORG_START, None))
    rows.append(("folgegruppe", "project_leader", None, None, None, "Projektleder (formand og sekretær)",
                 0, ORG_START, None))
    conn.executemany(
        "INSERT INTO seat (body_code, kind, region_code, edu_region_code, organisation_id, label, position,"
        " valid_from, valid_to) VALUES (?,?,?,?,?,?,?,?,?)", rows)

"""What a new database knows: the seed's organisation and the 2027 merger."""

from __future__ import annotations

from datetime import date

from logbog_tui.storage import queries


def in_force(conn, day: date) -> list[str]:
    return sorted(r.name for r in queries.regions(conn) if r.in_force(day))


def test_five_regions_until_the_merger_and_four_after(conn):
    assert in_force(conn, date(2026, 12, 31)) == ["Region Hovedstaden", "Region Midtjylland", "Region Nordjylland",
                                                  "Region Sjælland", "Region Syddanmark"]
    assert in_force(conn, date(2027, 1, 1)) == ["Region Midtjylland", "Region Nordjylland", "Region Syddanmark",
                                                "Region Østdanmark"]


def test_oestdanmark_succeeds_hovedstaden_and_sjaelland(conn):
    rows = dict(conn.execute("SELECT code, successor_code FROM region").fetchall())
    assert rows["hovedstaden"] == rows["sjaelland"] == "oestdanmark"
    assert rows["oestdanmark"] is None


def seats(conn, body: str, day: date) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT kind FROM seat WHERE body_code = ? AND valid_from <= ? AND coalesce(valid_to, '9999-12-31') >= ?"
        " AND kind IN ('region', 'secretariat') ORDER BY kind", (body, day.isoformat(), day.isoformat()))]


def test_follow_up_group_has_5_plus_3_then_4_plus_3_seats(conn):
    assert seats(conn, "folgegruppe", date(2026, 12, 31)) == ["region"] * 5 + ["secretariat"] * 3
    assert seats(conn, "folgegruppe", date(2027, 1, 1)) == ["region"] * 4 + ["secretariat"] * 3


def test_steering_group_seats_follow_the_seed(conn):
    kinds = [r[0] for r in conn.execute("SELECT kind FROM seat WHERE body_code = 'styregruppe' ORDER BY position")]
    assert kinds == ["secretariat"] * 3 + ["organisation"] * 2 + ["project_leader"]
    orgs = {r[0] for r in conn.execute(
        "SELECT o.name FROM seat s JOIN organisation o ON o.id = s.organisation_id WHERE s.body_code = 'styregruppe'")}
    assert orgs == {"Sundhedsstyrelsen", "Danske Regioner"}


def test_education_regions_cover_the_political_regions(conn):
    cover = {}
    for edu, region in conn.execute("SELECT edu_region_code, region_code FROM edu_region_cover"):
        cover.setdefault(edu, set()).add(region)
    assert cover == {"nord": {"nordjylland", "midtjylland"}, "syd": {"syddanmark"},
                     "ost": {"hovedstaden", "sjaelland", "oestdanmark"}}


def test_organisations_task_areas_budgets_and_no_people(conn):
    names = {r[0] for r in conn.execute("SELECT name FROM organisation")}
    assert {"Sundhedsstyrelsen", "Danske Regioner", "Dansk Telemedicin", "Styrelsen for Patientsikkerhed"} <= names
    areas = conn.execute("SELECT scope, count(*) FROM task_area GROUP BY scope").fetchall()
    assert dict(areas) == {"folgegruppe": 6, "projektledelse": 9}
    assert conn.execute("SELECT name FROM task_area WHERE code = 'PL9'").fetchone()[0] == \
        "Support for repræsentanter fra følgegruppen"
    assert queries.budget_hours(conn, 2017, "projektledelse") == 1350
    assert queries.budget_hours(conn, 2026, "folgegruppe_member") == 74
    assert conn.execute("SELECT min(year) FROM budget").fetchone()[0] == 2017
    assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 0

"""Hour budgets (domain.md "Hour budgets"): one constructed year checked by hand, and the rules."""

from __future__ import annotations

from datetime import date

import pytest

from logbog_tui.storage.session import transaction
from logbog_tui.overview import budget_overview
from logbog_tui.service.budget import Thresholds, days_held, pace, prorated, status
from logbog_tui.service.workdays import holiday_name, working_days, working_days_in_year


def test_working_days_from_the_danish_calendar():
    # 2026: 261 weekdays; 7 holidays on weekdays (1.1, 2.4, 3.4, 6.4, 14.5, 25.5, 25.12), and the
    # 3 extra days off of the default setting (5.6, 24.12, 31.12).
    assert working_days_in_year(2026) == 251
    # April 2026 (Easter): 22 weekdays minus skærtorsdag, langfredag, 2. påskedag.
    assert working_days(date(2026, 4, 1), date(2026, 4, 30)) == 19
    assert working_days(date(2026, 1, 1), date(2026, 4, 30)) == 21 + 20 + 22 + 19
    assert holiday_name(date(2026, 4, 3)) == "Langfredag"


def test_store_bededag_is_a_holiday_only_until_2023():
    assert holiday_name(date(2023, 5, 5)) == "Store bededag"
    assert holiday_name(date(2024, 4, 26)) is None


def test_thresholds():
    assert status(59.19, 74) == "ok"
    assert status(59.2, 74) == "warning"
    assert status(73.99, 74) == "warning"
    assert status(74, 74) == "over"
    assert status(200, 74) == "over"
    assert status(0, 0) == "ok" and status(1, 0) == "over"
    assert status(50, 100, Thresholds(warn=0.5, over=0.9)) == "warning"
    assert status(90, 100, Thresholds(warn=0.5, over=0.9)) == "over"


def test_pace_expected_and_forecast():
    p = pace(1350, 101, 82, 254)
    assert p.expected_to_date == pytest.approx(1350 * 82 / 254)
    assert p.forecast == pytest.approx(101 / 82 * 254)
    assert p.remaining == 1249 and p.status == "ok"
    assert pace(1350, 10, 0, 254).forecast == 10  # before the first working day: no extrapolation


def test_days_held_counts_overlapping_seats_once():
    both = [(date(2026, 1, 1), None), (date(2026, 3, 1), date(2026, 5, 31))]
    assert days_held(both, 2026) == 365
    assert days_held([(date(2026, 7, 1), None)], 2026) == 184
    assert days_held([(date(2025, 6, 1), date(2026, 1, 10))], 2026) == 10
    assert days_held([(date(2026, 1, 1), date(2026, 1, 31)), (date(2026, 2, 1), date(2026, 2, 28))], 2026) == 59
    assert prorated(74, 184, 2026) == pytest.approx(74 * 184 / 365)


def _seat(conn, **where) -> int:
    key, value = next(iter(where.items()))
    return conn.execute(f"SELECT id FROM seat WHERE body_code = 'folgegruppe' AND {key} = ?", (value,)).fetchone()[0]


@pytest.fixture
def year_2026(conn):
    """A year built by hand; the expected numbers are worked out in the test below."""
    area = dict(conn.execute("SELECT code, id FROM task_area"))
    with transaction(conn):
        ids = {}
        for name in ("Leder", "Anna", "Bent", "Carl", "Sofie"):
            ids[name] = conn.execute("INSERT INTO person (name) VALUES (?)", (name,)).lastrowid

        def member(person, seat, start, end=None, sub_for=None):
            return conn.execute("INSERT INTO membership (person_id, seat_id, substitute_for_id, valid_from, valid_to)"
                                " VALUES (?, ?, ?, ?, ?)", (ids[person], seat, sub_for, start, end)).lastrowid

        anna = member("Anna", _seat(conn, region_code="nordjylland"), "2026-01-01")
        member("Bent", _seat(conn, region_code="midtjylland"), "2026-07-01")            # part year: 184 days
        member("Carl", _seat(conn, region_code="syddanmark"), "2025-01-01")             # two seats at once
        member("Carl", _seat(conn, edu_region_code="syd"), "2026-03-01", "2026-05-31")
        member("Sofie", _seat(conn, region_code="nordjylland"), "2026-03-01", "2026-06-30", sub_for=anna)

        def log(person, day, hours, code, support=0):
            conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id, is_support) VALUES (?,?,?,?,?)",
                         (ids[person], day, round(hours * 60), area[code], support))

        for day in range(5, 12):                         # 7 x 8 h + 4 h = 60 h in January
            log("Leder", f"2026-01-{day:02d}", 8, "PL1")
        log("Leder", "2026-01-12", 4, "PL1")
        for day in range(7, 12):                         # 5 x 8 h = 40 h in April
            log("Leder", f"2026-04-{day:02d}", 8, "PL6")
        log("Anna", "2026-04-08", 1, "PL4")            # project leadership work by a member: counts for PL
        log("Anna", "2026-02-02", 10, "FG1")
        log("Anna", "2026-02-03", 3, "FG1", support=1)  # support: beside the budget, never in it
        log("Sofie", "2026-04-15", 4, "FG2")            # substitute for Anna on that date: counts for Anna
        log("Sofie", "2026-04-16", 1.5, "FG3", support=1)
        log("Sofie", "2026-08-03", 2, "FG2")            # no longer substitute: nobody's budget
        log("Bent", "2026-06-15", 5, "FG5")             # before his seat, same year: his own
        log("Carl", "2026-03-10", 20, "FG2")
        log("Carl", "2026-04-20", 20, "FG2")
        log("Carl", "2026-04-21", 20, "FG2")
        log("Carl", "2026-04-22", 5, "FG2")
        log("Carl", "2026-05-04", 15, "FG2")            # after the as-of date: not counted yet
        log("Carl", "2026-05-05", 15, "FG2")
    return ids


def test_constructed_year_by_hand(conn, year_2026):
    ov = budget_overview(conn, 2026, date(2026, 4, 30))
    assert (ov.working_days_elapsed, ov.working_days_year) == (82, 251)
    pl = ov.leadership
    assert pl.budget == 1350 and pl.used == 101 and pl.remaining == 1249
    assert pl.expected_to_date == pytest.approx(441.04, abs=0.01)
    assert pl.forecast == pytest.approx(309.16, abs=0.01)
    assert pl.status == "ok"

    members = {m.person: m for m in ov.members}
    assert sorted(members) == ["Anna", "Bent", "Carl"]        # Sofie is a substitute, not a member
    anna = members["Anna"]
    assert (anna.budget, anna.used, anna.support, anna.substitutes) == (74, 14, 4.5, 4)
    assert anna.by_substitute == {"Sofie": 4} and anna.remaining == 60 and anna.status == "ok"
    bent = members["Bent"]
    assert bent.days == 184 and bent.budget == pytest.approx(37.30, abs=0.01) and bent.used == 0
    carl = members["Carl"]
    assert carl.days == 365 and carl.budget == 74 and carl.used == 65 and carl.status == "warning"
    assert carl.planned == 30                                   # dated after the as-of date: shown, not counted
    assert ov.unattributed == 0  # Sofie's August hours are after the as-of date

    later = budget_overview(conn, 2026, date(2026, 12, 31))
    assert later.member(year_2026["Carl"]).status == "over"      # 95 of 74
    assert later.member(year_2026["Bent"]).used == 5
    assert later.unattributed == 2


def test_budgets_are_per_year_and_editable(conn, year_2026):
    with transaction(conn):
        conn.execute("UPDATE budget SET hours = 60 WHERE year = 2026 AND scope = 'folgegruppe_member'")
    ov = budget_overview(conn, 2026, date(2026, 4, 30))
    assert ov.member(year_2026["Anna"]).budget == 60
    assert ov.member(year_2026["Carl"]).status == "over"        # 65 of 60

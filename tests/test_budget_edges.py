"""Issue 15, budgets at the edges: members' pace over the days they held a seat, the extra days
off, substitutes' hours with an explicit principal, the as-of date, the steering group's hours."""

from __future__ import annotations

from datetime import date

import pytest

from logbog_tui.service import Problem
from logbog_tui.service.budget import HourRow, member_budgets, member_pace
from logbog_tui.service.workdays import (NO_EXTRA_DAYS_OFF, DaysOff, day_off_name, parse_days_off,
                                         working_days, working_days_in_year)

# --- item 12: the extra days off ----------------------------------------------------------------


def test_extra_days_off_are_not_working_days_by_default():
    # 2026: 254 days without public holidays; 24.12, 31.12 and 05.06 fall on weekdays.
    assert working_days_in_year(2026, NO_EXTRA_DAYS_OFF) == 254
    assert working_days_in_year(2026) == 251
    assert working_days(date(2026, 6, 1), date(2026, 6, 7)) == 4
    assert day_off_name(date(2026, 12, 24)) == "Juleaftensdag"
    assert day_off_name(date(2026, 6, 5)) == "Grundlovsdag"


def test_the_extra_days_off_are_a_setting():
    only_christmas_eve = parse_days_off("24.12")
    assert working_days_in_year(2026, only_christmas_eve) == 253
    assert parse_days_off("24.12, 31.12, 5.6") == DaysOff()
    assert parse_days_off("") == NO_EXTRA_DAYS_OFF
    assert DaysOff().text() == "24.12, 31.12, 05.06"
    for bad in ("32.12", "24/12", "x"):
        with pytest.raises(Problem):
            parse_days_off(bad)


# --- item 1: a member's pace runs over the days they held a seat ---------------------------------


def test_a_member_who_left_in_april_is_expected_to_have_used_the_whole_budget():
    periods = [(date(2026, 1, 1), date(2026, 4, 30))]
    budget = 74 * 120 / 365
    p = member_pace(budget, used=21, periods=periods, year=2026, as_of=date(2026, 6, 30))
    assert p.expected_to_date == pytest.approx(budget)          # 24,33 t, not 12 t
    assert p.forecast == pytest.approx(21)                      # the period is over: the hours used


def test_a_member_appointed_from_july_is_expected_nothing_before_starting():
    p = member_pace(74 * 184 / 365, used=0, periods=[(date(2026, 7, 1), None)], year=2026,
                    as_of=date(2026, 6, 30))
    assert p.expected_to_date == 0 and p.forecast == 0


def test_mid_period_pace_uses_the_working_days_of_the_seat():
    periods = [(date(2026, 7, 1), None)]
    elapsed = working_days(date(2026, 7, 1), date(2026, 9, 30))
    total = working_days(date(2026, 7, 1), date(2026, 12, 31))
    p = member_pace(37.3, used=10, periods=periods, year=2026, as_of=date(2026, 9, 30))
    assert p.expected_to_date == pytest.approx(37.3 * elapsed / total)
    assert p.forecast == pytest.approx(10 / elapsed * total)


def test_member_budgets_carry_expected_and_forecast():
    result = member_budgets({1: [(date(2026, 1, 1), date(2026, 4, 30))]}, [HourRow(1, False, None, None, 21 * 60)],
                            74, 2026, as_of=date(2026, 6, 30))
    (m,) = result.members
    assert m.expected_to_date == pytest.approx(m.budget) and m.forecast == pytest.approx(21)


# --- the same through the database and the CLI --------------------------------------------------

import json  # noqa: E402

from logbog_tui.storage.db import connect  # noqa: E402
from logbog_tui.storage.session import transaction  # noqa: E402


@pytest.fixture
def people(db_path):
    """Members with part-year seats, a substitute for two members, a member who is also a substitute."""
    conn = connect(db_path)
    with transaction(conn):
        def person(name):
            return conn.execute("INSERT INTO person (name) VALUES (?)", (name,)).lastrowid

        def seat(kind, value):
            column = "region_code" if kind == "region" else "edu_region_code"
            return conn.execute(f"SELECT id FROM seat WHERE body_code = 'folgegruppe' AND kind = ? AND {column} = ?",
                                (kind, value)).fetchone()[0]

        def member(pid, seat_id, start, end=None, sub_for=None):
            return conn.execute("INSERT INTO membership (person_id, seat_id, substitute_for_id, valid_from, valid_to)"
                                " VALUES (?, ?, ?, ?, ?)", (pid, seat_id, sub_for, start, end)).lastrowid

        ids = {n: person(n) for n in ("Lone Leder", "Anna Andersen", "Bo Berg", "Cia Cold", "Dan Dahl", "Sune Sup",
                                      "Eva Ege", "Finn Fod")}
        pl_seat = conn.execute(
            "SELECT id FROM seat WHERE body_code='styregruppe' AND kind='project_leader'").fetchone()[0]
        member(ids["Lone Leder"], pl_seat, "2020-01-01")
        anna = member(ids["Anna Andersen"], seat("region", "nordjylland"), "2020-01-01")
        member(ids["Bo Berg"], seat("region", "midtjylland"), "2020-01-01", "2026-04-30")
        member(ids["Cia Cold"], seat("region", "syddanmark"), "2026-07-01")
        dan = member(ids["Dan Dahl"], seat("secretariat", "ost"), "2020-01-01")
        member(ids["Eva Ege"], seat("secretariat", "nord"), "2020-01-01")
        member(ids["Sune Sup"], seat("region", "nordjylland"), "2020-01-01", sub_for=anna)
        member(ids["Sune Sup"], seat("secretariat", "ost"), "2026-03-01", sub_for=dan)
        member(ids["Eva Ege"], seat("region", "nordjylland"), "2020-01-01", sub_for=anna)
        member(ids["Finn Fod"], seat("secretariat", "ost"), "2020-01-01", sub_for=dan)
    conn.close()
    return ids


def _members(cli, *args) -> dict:
    result = cli("budget", "--json", *args)
    assert result.code == 0, result.err
    return {m["person"]: m for m in json.loads(result.out)["members"]}


def test_budget_json_gives_members_pace_over_their_own_seat_days(cli, people):
    assert cli("log", "21", "--area", "FG1", "--person", "Bo", "--date", "15.03.2026").code == 0
    members = _members(cli, "--on", "30.06.2026")
    bo, cia, anna = members["Bo Berg"], members["Cia Cold"], members["Anna Andersen"]
    assert bo["budget"] == pytest.approx(74 * 120 / 365, abs=0.01) == 24.33
    assert bo["expected_to_date"] == bo["budget"]            # the seat ended 30.04: the whole budget
    assert bo["forecast"] == 21                              # the period is over: the hours used
    assert cia["expected_to_date"] == 0 and cia["forecast"] == 0   # appointed from 01.07
    assert 0 < anna["expected_to_date"] < anna["budget"]


def test_a_substitute_for_two_members_must_say_for_whom(cli, people, db_path):
    result = cli("log", "2", "--area", "FG2", "--person", "Sune", "--date", "10.03.2026")
    assert result.code == 2
    assert "Anna Andersen; Dan Dahl" in result.err and result.err.count("\n") == 1
    assert connect(db_path).execute("SELECT count(*) FROM time_entry").fetchone()[0] == 0
    assert cli("log", "2", "--area", "FG2", "--person", "Sune", "--date", "10.03.2026", "--for", "Dan").code == 0
    members = _members(cli)
    assert members["Dan Dahl"]["used"] == 2 and members["Dan Dahl"]["substitutes"] == 2
    assert members["Anna Andersen"]["used"] == 0
    # before 01.03 Sune substituted for Anna only: filled in
    assert cli("log", "1", "--area", "FG2", "--person", "Sune", "--date", "10.02.2026").code == 0
    assert _members(cli)["Anna Andersen"]["substitutes"] == 1


def test_a_member_who_is_also_a_substitute_logs_her_own_hours_unless_she_says_otherwise(cli, people):
    assert cli("log", "3", "--area", "FG1", "--person", "Eva").code == 0
    members = _members(cli)
    assert members["Eva Ege"]["used"] == 3 and members["Anna Andersen"]["used"] == 0
    assert cli("log", "1", "--area", "FG1", "--person", "Eva", "--for", "Anna").code == 0
    members = _members(cli)
    assert members["Eva Ege"]["used"] == 3 and members["Anna Andersen"]["used"] == 1


def test_for_must_name_a_member_the_person_substitutes_for(cli, people):
    result = cli("log", "1", "--area", "FG1", "--person", "Finn", "--for", "Anna")
    assert result.code == 2 and "ikke suppleant for Anna Andersen" in result.err
    result = cli("log", "1", "--area", "PL1", "--person", "Finn", "--for", "Dan")
    assert result.code == 2 and "kun følgegruppetimer" in result.err
    assert cli("log", "1", "--area", "FG1", "--person", "Finn").code == 0   # one member: filled in
    assert _members(cli)["Dan Dahl"]["substitutes"] == 1


def test_ending_a_membership_annuls_substitute_appointments_that_begin_later(conn, people):
    from logbog_tui.storage import memberships

    bo_seat = conn.execute("SELECT seat_id, id FROM membership WHERE person_id = ?", (people["Bo Berg"],)).fetchone()
    with transaction(conn):
        conn.execute("UPDATE membership SET valid_to = NULL WHERE id = ?", (bo_seat[1],))
    later = memberships.appoint_substitute(conn, people["Finn Fod"], bo_seat[1], date(2026, 6, 1), None)
    assert memberships.end_membership(conn, bo_seat[1], date(2026, 3, 31)) == (0, 1)
    assert conn.execute("SELECT count(*) FROM membership WHERE id = ?", (later,)).fetchone()[0] == 0


def test_a_substitute_appointed_after_the_member_left_credits_nothing_to_them(cli, conn, people):
    """Data from before the fix: Finn appointed from 01.06 for Bo, who left 30.04."""
    bo_membership = conn.execute("SELECT id, seat_id FROM membership WHERE person_id = ?",
                                 (people["Bo Berg"],)).fetchone()
    fg1 = conn.execute("SELECT id FROM task_area WHERE code = 'FG1'").fetchone()[0]
    with transaction(conn):
        conn.execute("INSERT INTO membership (person_id, seat_id, substitute_for_id, valid_from) VALUES (?, ?, ?,"
                     " '2026-06-01')", (people["Finn Fod"], bo_membership[1], bo_membership[0]))
        for on_behalf in (None, people["Bo Berg"]):
            conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id, on_behalf_of_id)"
                         " VALUES (?, '2026-06-10', 60, ?, ?)", (people["Finn Fod"], fg1, on_behalf))
    assert _members(cli)["Bo Berg"]["used"] == 0
    # and a new entry cannot name him
    result = cli("log", "1", "--area", "FG1", "--person", "Finn", "--for", "Bo", "--date", "10.06.2026")
    assert result.code == 2


# --- item 4: the as-of date ------------------------------------------------------------------------


def _left(out: str) -> str:
    return next(line for line in out.splitlines() if line.startswith("Projektledelse:"))


def test_remaining_never_goes_up_when_more_hours_are_logged(cli, people):
    first = cli("log", "2", "--area", "PL1", "--date", "10.12.2026")     # after today (25.11): planned
    assert first.code == 0
    assert _left(first.out).startswith("Projektledelse: 1.350 t tilbage")
    assert "2 t planlagt" in first.out
    second = cli("log", "1", "--area", "PL1")
    assert _left(second.out).startswith("Projektledelse: 1.349 t tilbage")
    data = json.loads(cli("budget", "--json").out)["project_leadership"]
    assert data["used"] == 1 and data["planned"] == 2 and data["remaining"] == 1349


def test_exactly_the_budget_is_used_up_and_more_is_exceeded_by_the_hours_over(cli, people, conn):
    with transaction(conn):
        conn.execute("UPDATE budget SET hours = 4 WHERE year = 2026 AND scope = 'projektledelse'")
    assert "brugt op" in _left(cli("log", "4", "--area", "PL1").out)
    line = _left(cli("log", "1,5", "--area", "PL1").out)
    assert "overskredet (1,5 t over)" in line
    assert json.loads(cli("budget", "--json").out)["project_leadership"]["status"] == "over"


def test_threshold_notices_name_the_configured_thresholds(conn):
    from logbog_tui.overview import crossing_notice
    from logbog_tui.service.budget import Thresholds

    assert "over 70 %" in crossing_notice("Projektledelse", "warning", Thresholds(warn=0.7, over=1.0))
    assert "over 110 %" in crossing_notice("Projektledelse", "over", Thresholds(warn=0.7, over=1.1))


# --- item 5: the steering group's hours ---------------------------------------------------------------


def test_steering_group_hours_do_not_count_follow_up_group_hours_again(cli, conn, people):
    from logbog_tui.overview import budget_overview

    steering_seat = conn.execute("SELECT id FROM seat WHERE body_code = 'styregruppe' AND kind = 'secretariat'"
                                 " LIMIT 1").fetchone()[0]
    with transaction(conn):
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2020-01-01')",
                     (people["Anna Andersen"], steering_seat))
    assert cli("log", "5", "--area", "FG2", "--person", "Anna").code == 0
    assert cli("log", "2", "--area", "PL5", "--person", "Anna").code == 0
    ov = budget_overview(conn, 2026, date(2026, 11, 25))
    assert ov.member(people["Anna Andersen"]).used == 5
    assert dict(ov.steering)["Anna Andersen"] == 2


# --- item 11: dates and hours as typed ----------------------------------------------------------------


@pytest.mark.parametrize("text", ["01.01.1900", "01.01.0001", "31.12.2012", "1.1.99"])
def test_dates_before_the_organisations_start_are_refused(cli, people, text):
    result = cli("log", "1", "--area", "PL1", "--date", text)
    assert result.code == 2 and "før organisationens start 01.01.2013" in result.err


def test_the_organisations_start_is_a_setting(cli, people, conn):
    with transaction(conn):
        conn.execute("UPDATE setting SET value = '2010-01-01' WHERE key = 'org_start'")
    assert cli("log", "1", "--area", "PL1", "--date", "05.01.2012").code == 0


@pytest.mark.parametrize("text, hours", [("1,5 t", 1.5), ("1,5t", 1.5), ("1.5 h", 1.5), ("2 timer", 2),
                                         ("1 time", 1), ("30 min", 0.5)])
def test_hours_in_the_programs_own_forms_and_words(cli, people, text, hours):
    assert cli("log", text, "--area", "PL1").code == 0
    assert json.loads(cli("budget", "--json").out)["project_leadership"]["used"] == hours


def test_hours_with_a_thousands_point_are_refused_with_a_hint(cli, people):
    result = cli("log", "1.500", "--area", "PL1")
    assert result.code == 2 and "1,5" in result.err and "tusind" in result.err


def test_hours_on_a_weekend_or_a_day_off_and_long_days_are_warned_not_refused(cli, people):
    result = cli("log", "2", "--area", "PL1", "--date", "22.11.2026")
    assert result.code == 0 and "søndag" in result.err
    result = cli("log", "2", "--area", "PL1", "--date", "24.12.2025")
    assert result.code == 0 and "Juleaftensdag" in result.err
    result = cli("log", "24", "--area", "PL1", "--date", "20.11.2026")
    assert result.code == 0 and "24 t" in result.err
    assert cli("log", "2", "--area", "PL1", "--date", "19.11.2026").err == ""


# --- item 13: wording a Danish reader expects ----------------------------------------------------------


def test_wording_a_danish_reader_expects(cli, people):
    from logbog_tui import i18n

    assert "(efter tur)" in cli("host").out
    assert i18n.fmt_hours(1350) == "1.350 t" and i18n.fmt_hours(1350.5) == "1.350,5 t"
    i18n.set_language("en")
    assert i18n.fmt_hours(1350.5) == "1,350.5 h"
    i18n.set_language("da")
    text = cli("budget", "--on", "30.06.2026").out
    assert "1.350 t" in text and "120 dage som medlem" in text and "dage med plads" not in text

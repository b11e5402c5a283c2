"""The Danish forms of hours and dates that people type."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logbog_tui.service import Problem
from logbog_tui.service.parse import parse_date, parse_hours

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize("text, minutes", [
    ("1,5", 90), ("1.5", 90), ("1:30", 90), ("1t30m", 90), ("1h30m", 90), ("90m", 90), ("1 t 30 m", 90),
    ("1t30", 90), ("2", 120), ("2t", 120), (",25", 15), ("0,5", 30), ("24", 1440), ("7:05", 425), (" 3 ", 180),
])
def test_hours_forms(text, minutes):
    assert parse_hours(text) == minutes


@pytest.mark.parametrize("text, key", [
    ("0", "parse.hours.not_positive"), ("-1", "parse.hours.not_positive"), ("0:00", "parse.hours.not_positive"),
    ("25", "parse.hours.too_many"), ("24,5", "parse.hours.too_many"), ("", "parse.hours.empty"),
    ("abc", "parse.hours.invalid"), ("1,5,5", "parse.hours.invalid"), ("1:75", "parse.hours.invalid"),
    ("nan", "parse.hours.invalid"), ("inf", "parse.hours.invalid"),
])
def test_bad_hours(text, key):
    with pytest.raises(Problem) as info:
        parse_hours(text)
    assert info.value.key == key


@pytest.mark.parametrize("text, expected", [
    ("25.11.2026", date(2026, 11, 25)), ("5.1.2026", date(2026, 1, 5)), ("24.11", date(2026, 11, 24)),
    ("2026-01-05", date(2026, 1, 5)), ("i dag", TODAY), ("I DAG", TODAY), ("i går", date(2026, 11, 24)),
    ("igår", date(2026, 11, 24)), ("i morgen", date(2026, 11, 26)), ("+3", date(2026, 11, 28)),
    ("-2", date(2026, 11, 23)), ("yesterday", date(2026, 11, 24)), ("25.11.26", date(2026, 11, 25)),
])
def test_date_forms(text, expected):
    assert parse_date(text, TODAY) == expected


def test_iso_dates_are_not_read_day_first():
    """dateutil's dayfirst=True would make 2026-01-05 the 1st of May."""
    assert parse_date("2026-01-05", TODAY) == date(2026, 1, 5)


@pytest.mark.parametrize("text, key", [
    ("31.02.2026", "parse.date.no_such_day"), ("2026-13-01", "parse.date.no_such_day"),
    ("tomorrowish", "parse.date.invalid"), ("", "parse.date.empty"), ("1/2/3/4", "parse.date.invalid"),
])
def test_bad_dates(text, key):
    with pytest.raises(Problem) as info:
        parse_date(text, TODAY)
    assert info.value.key == key


@given(st.text(max_size=200))
def test_hours_parser_gives_minutes_or_a_message(text):
    try:
        minutes = parse_hours(text)
    except Problem as p:
        assert p.key.startswith("parse.hours.")
    else:
        assert 0 < minutes <= 1440


@given(st.text(max_size=200))
def test_date_parser_gives_a_date_or_a_message(text):
    try:
        result = parse_date(text, TODAY)
    except Problem as p:
        assert p.key.startswith("parse.date.")
    else:
        assert isinstance(result, date)


@pytest.mark.parametrize("text, hours", [("1350", 1350), ("1.350", 1350), ("74", 74), ("74,5", 74.5), ("0", 0),
                                         ("1:30", 1.5), ("100000", 100000)])
def test_budget_hours(text, hours):
    from logbog_tui.service.parse import parse_budget_hours

    assert parse_budget_hours(text) == hours


@pytest.mark.parametrize("text", ["abc", "-5", "100001", "", "nan", "1e9"])
def test_bad_budget_hours(text):
    from logbog_tui.service.parse import parse_budget_hours

    with pytest.raises(Problem) as info:
        parse_budget_hours(text)
    assert info.value.key in ("budget.invalid", "parse.hours.empty")


# --- issue 15, item 11 ---------------------------------------------------------------------------


@pytest.mark.parametrize("text, minutes", [
    ("1,5 t", 90), ("1,5t", 90), ("1.5 h", 90), ("2 timer", 120), ("1 time", 60), ("30 min", 30),
    ("45 minutter", 45), ("1:30 t", 90), ("0,25 t", 15),
])
def test_the_programs_display_forms_and_the_usual_words(text, minutes):
    assert parse_hours(text) == minutes


@pytest.mark.parametrize("text, hint", [("1.500", "1,5"), ("2.250", "2,25"), ("1.000", "1,0")])
def test_a_thousands_point_is_refused_with_a_hint(text, hint):
    with pytest.raises(Problem) as info:
        parse_hours(text)
    assert info.value.key == "parse.hours.thousands" and info.value.params["hint"] == hint


@pytest.mark.parametrize("text, expected", [
    ("1.1.99", date(1999, 1, 1)), ("1.1.26", date(2026, 1, 1)), ("1.1.30", date(2030, 1, 1)),
    ("01.01.0001", date(1, 1, 1)),            # four digits are the year as written, not 2001
])
def test_two_digit_years_are_the_nearest_year(text, expected):
    assert parse_date(text, TODAY) == expected


def test_one_range_for_entries_and_meetings():
    from logbog_tui.service.parse import DateRange

    within = DateRange.around(TODAY, date(2013, 1, 1))
    assert within == DateRange(date(2013, 1, 1), date(2028, 11, 25))
    for text, key in (("01.01.1900", "parse.date.too_early"), ("01.01.0001", "parse.date.too_early"),
                      ("1.1.99", "parse.date.too_early"), ("26.11.2028", "parse.date.too_late")):
        with pytest.raises(Problem) as info:
            parse_date(text, TODAY, within)
        assert info.value.key == key
    assert parse_date("01.01.2013", TODAY, within) == date(2013, 1, 1)


def test_a_meetings_duration_has_its_own_message():
    from logbog_tui.service.parse import parse_duration

    assert parse_duration("2,5 t") == 150
    for text in ("25", "0"):
        with pytest.raises(Problem) as info:
            parse_duration(text)
        assert info.value.key == "meeting.bad_duration"


def test_entry_warnings_for_long_days_weekends_and_days_off():
    from logbog_tui.service.entry_rules import entry_warnings

    assert entry_warnings(date(2026, 11, 25), 120, 0) == []
    assert [w.key for w in entry_warnings(date(2026, 11, 25), 24 * 60, 0)] == ["log.warn.long_day"]
    assert [w.key for w in entry_warnings(date(2026, 11, 22), 60, 0)] == ["log.warn.weekend"]
    assert [w.params for w in entry_warnings(date(2026, 12, 24), 60, 0)] == [{"name": "Juleaftensdag"}]


@pytest.mark.parametrize("text, minutes", [("1 time 30 minutter", 90), ("2 timer og 15 min", 135),
                                           ("1 hour 30 minutes", 90), ("1 t. 30 min.", 90)])
def test_hours_and_minutes_in_words(text, minutes):
    assert parse_hours(text) == minutes


@pytest.mark.parametrize("text", ["٣", "١,٥", "２", "1٥ min"])
def test_only_ascii_digits_are_hours(text):
    with pytest.raises(Problem):
        parse_hours(text)


def test_only_ascii_digits_are_dates_and_a_no_break_space_is_a_space():
    with pytest.raises(Problem):
        parse_date("٢٨.١١.٢٠٢٦", date(2026, 11, 28))
    assert parse_date("+\u00a07", date(2026, 11, 28)) == date(2026, 12, 5)
    assert parse_date("i  dag", date(2026, 11, 28)) == date(2026, 11, 28)

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

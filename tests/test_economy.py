"""The money arithmetic of the economy (issue 20): Danish amounts parsed and shown, shares of a key
split by the largest remainder so that they always add up to the total to the krone, and no float
anywhere in the path."""

from __future__ import annotations

import ast
import inspect
from datetime import date
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logbog_tui.errors import UserError
from logbog_tui.service import economy as money

AMOUNTS = st.integers(min_value=-10**12, max_value=10**12)


@st.composite
def keys(draw) -> list[Fraction]:
    """2-6 shares adding up to exactly 1: parts per 10,000, or exact fractions."""
    n = draw(st.integers(min_value=1, max_value=6))
    if draw(st.booleans()):
        cuts = sorted(draw(st.lists(st.integers(0, 10000), min_size=n - 1, max_size=n - 1)))
        bounds = [0, *cuts, 10000]
        return [Fraction(bounds[i + 1] - bounds[i], 10000) for i in range(n)]
    weights = draw(st.lists(st.integers(0, 1000), min_size=n, max_size=n).filter(lambda w: sum(w) > 0))
    return [Fraction(w, sum(weights)) for w in weights]


@given(AMOUNTS, keys())
def test_shares_always_add_up_to_the_total_to_the_krone(total, shares):
    parts = money.split(total, shares)
    assert sum(parts) == total
    assert all(type(p) is int for p in parts)
    assert all(abs(p - s * total) < 1 for p, s in zip(parts, shares, strict=True))  # within a krone of the exact part


@given(st.integers(min_value=0, max_value=10**9), keys())
def test_largest_remainder_gives_the_extra_kroner_to_the_largest_remainders(total, shares):
    parts = money.split(total, shares)
    remainders = [s * total - (s * total).numerator // (s * total).denominator for s in shares]
    up = [i for i, (p, s) in enumerate(zip(parts, shares, strict=True)) if p > s * total]
    down = [i for i in range(len(shares)) if i not in up and remainders[i] > 0]
    assert all(remainders[u] >= remainders[d] for u in up for d in down)


def test_a_third_each_of_100_kroner():
    assert money.split(100, [Fraction(1, 3)] * 3) == [34, 33, 33]
    assert money.split(-100, [Fraction(1, 3)] * 3) == [-34, -33, -33]


def test_a_key_that_is_not_exactly_one_is_refused():
    with pytest.raises(UserError) as caught:
        money.split(100, [Fraction(31, 100), Fraction(68, 100)])
    assert caught.value.note.key == "econ.key_not_one"


def test_a_float_is_refused_in_the_money_path():
    with pytest.raises(TypeError):
        money.split(100.0, [Fraction(1)])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        money.format_amount(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        money.position(100, 1.0, 0, Fraction(1, 2))  # type: ignore[arg-type]


def test_no_float_in_the_money_module():
    """The module's source has no float literal, no float() call and no true division of ints
    outside Fraction (``/`` only appears on Fraction values)."""
    tree = ast.parse(inspect.getsource(money))
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, float)]
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id == "float"]


@given(AMOUNTS)
def test_shown_amounts_parse_back(amount):
    shown = money.format_amount(amount)
    assert shown.endswith(" kr.")
    assert money.parse_amount(shown) == amount
    assert money.parse_amount(shown.removesuffix(" kr.").replace(".", "")) == amount


@pytest.mark.parametrize("typed, kroner", [
    ("1.234.567", 1234567), ("1234567", 1234567), ("1,2 mio.", 1200000), ("1.234.567 kr.", 1234567),
    ("1 234 567", 1234567), ("-5.000", -5000), ("1.234,00", 1234), ("2,5 mio", 2500000), ("0,75 mia.", 750000000),
    ("670", 670), ("kr. 1.000", 1000), ("12 DKK", 12),
])
def test_danish_amounts(typed, kroner):
    value = money.parse_amount(typed)
    assert value == kroner and type(value) is int


@pytest.mark.parametrize("typed", ["1.2345", "abc", "", "1,5", "1,2345678 mio.", "1.23.456", "=1+1", "1e6"])
def test_not_amounts(typed):
    with pytest.raises(UserError):
        money.parse_amount(typed)


def test_the_danish_form_of_an_amount():
    assert money.format_amount(1234567) == "1.234.567 kr."
    assert money.format_amount(-12500) == "-12.500 kr."
    assert money.format_amount(0) == "0 kr."


@pytest.mark.parametrize("typed, share", [("0,31", Fraction(31, 100)), ("31%", Fraction(31, 100)),
                                          ("31,5 %", Fraction(63, 200)), ("1/3", Fraction(1, 3)),
                                          ("0.4664", Fraction(4664, 10000))])
def test_shares_as_typed(typed, share):
    assert money.parse_share(typed) == share


@given(st.fractions(min_value=0, max_value=1, max_denominator=10**6))
def test_stored_shares_are_exact(share):
    assert money.share_from_text(money.share_text(share)) == share


def test_share_as_decimal_string():
    assert money.share_decimal(Fraction(4664, 10000)) == "0.4664"
    assert money.share_decimal(Fraction(31, 100)) == "0.3100"
    assert money.share_decimal(Fraction(1, 3)) == "0.3333"
    assert money.share_decimal(Fraction(1)) == "1.0000"
    assert money.percent_text(Fraction(4664, 10000)) == "46,64 %"


def test_kinds_by_code_or_danish_name():
    assert money.kind_code("Leverandør") == "supplier"
    assert money.kind_code("hosting") == "hosting"
    assert money.kind_code("project leadership") == "project_leadership"
    assert money.kind_code("Følgegruppe") == "follow_up_group"
    with pytest.raises(UserError):
        money.kind_code("kaffe")


def test_part_of_year_even_and_by_months():
    assert money.part_of_year(date(2026, 12, 31), 2026) == 1
    assert money.part_of_year(date(2025, 6, 1), 2026) == 0
    assert money.part_of_year(date(2026, 1, 1), 2026) == Fraction(1, 365)
    hosting = [0, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    assert money.part_of_year(date(2026, 1, 31), 2026, hosting) == 0
    assert money.part_of_year(date(2026, 3, 1), 2026, hosting) == 1
    assert money.part_of_year(date(2026, 2, 14), 2026, hosting) == Fraction(1, 2)


def test_position_expected_forecast_and_status():
    pos = money.position(1000, 600, 100, Fraction(1, 2))
    assert (pos.remaining, pos.expected, pos.forecast, pos.status) == (300, 500, 1200, "ok")
    assert money.position(1000, 800, 0, Fraction(1)).status == "warning"
    assert money.position(1000, 900, 200, Fraction(1)).status == "over"
    assert money.position(1000, 0, 300, Fraction(0)).forecast == 300  # before the year: what is committed


@given(st.integers(0, 10**9), st.integers(-10**8, 10**9), st.integers(0, 10**8),
       st.fractions(min_value=0, max_value=1, max_denominator=366))
def test_position_is_whole_kroner(budget, spent, committed, part):
    pos = money.position(budget, spent, committed, part)
    assert all(type(v) is int for v in (pos.budget, pos.spent, pos.committed, pos.remaining, pos.expected,
                                        pos.forecast))
    assert pos.remaining == budget - spent - committed
    assert pos.forecast >= spent + committed


def test_hours_valued_at_the_rate():
    assert money.hours_value(90, 670) == 1005
    assert money.hours_value(1, 670) == 11  # 11,17 kr.
    assert money.hours_value(81000, 670) == 904500  # 1.350 hours

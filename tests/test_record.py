"""service/record.py: the rotation's values and Message behave as frozen dataclasses would."""

from __future__ import annotations

from datetime import date

import pytest

from logbog_tui.service import Message
from logbog_tui.service.record import Record
from logbog_tui.service.rotation import Hosting, Region


def test_fields_in_order_with_defaults_and_keywords():
    r = Region("81", "Region Nordjylland", date(2007, 1, 1))
    assert (r.code, r.name, r.valid_from, r.valid_to, r.order, r.predecessors) == (
        "81", "Region Nordjylland", date(2007, 1, 1), None, 0, ())
    assert Region("81", "N", date(2007, 1, 1), order=3).order == 3
    assert Hosting(date(2026, 5, 1), "81", status="held").status == "held"


def test_equal_by_value_hashable_and_readable():
    a = Region("81", "N", date(2007, 1, 1), predecessors=("82",))
    b = Region("81", "N", date(2007, 1, 1), predecessors=("82",))
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != Region("82", "N", date(2007, 1, 1))
    assert repr(a) == ("Region(code='81', name='N', valid_from=datetime.date(2007, 1, 1), valid_to=None, "
                       "order=0, predecessors=('82',))")


def test_a_value_cannot_be_changed():
    r = Region("81", "N", date(2007, 1, 1))
    with pytest.raises(AttributeError):
        r.code = "82"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del r.name  # type: ignore[misc]
    assert r.code == "81"


@pytest.mark.parametrize("make", [
    lambda: Region("81", "N"),                                  # a field missing
    lambda: Region("81", "N", date(2007, 1, 1), nope=1),        # no such field
    lambda: Region("81", "N", date(2007, 1, 1), code="82"),     # given twice
    lambda: Hosting(date(2026, 1, 1), "81", "held", None, None, "extra"),  # too many
])
def test_wrong_calls_are_refused_as_a_dataclass_refuses_them(make):
    with pytest.raises(TypeError):
        make()


def test_a_field_without_default_after_one_with_default_is_refused():
    with pytest.raises(TypeError):
        class Bad(Record):
            a: int = 1
            b: int


def test_messages_do_not_share_their_parameters():
    first, second = Message("k"), Message("k")
    first.params["x"] = 1
    assert second.params == {} and Message("k", {"a": 1}) == Message("k", {"a": 1})
    assert Message("k") != Message("j")

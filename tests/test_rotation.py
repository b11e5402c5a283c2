"""The host rotation rule (domain.md "Host rotation"), with no database."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from logbog_tui.service.rotation import Hosting, Region, current_host, pool, propose

NJ = Region("nordjylland", "Region Nordjylland", date(2007, 1, 1), None, 1)
MJ = Region("midtjylland", "Region Midtjylland", date(2007, 1, 1), None, 2)
SD = Region("syddanmark", "Region Syddanmark", date(2007, 1, 1), None, 3)
HS = Region("hovedstaden", "Region Hovedstaden", date(2007, 1, 1), date(2026, 12, 31), 4)
SJ = Region("sjaelland", "Region Sjælland", date(2007, 1, 1), date(2026, 12, 31), 5)
OD = Region("oestdanmark", "Region Østdanmark", date(2027, 1, 1), None, 4, ("hovedstaden", "sjaelland"))
REGIONS = [NJ, MJ, SD, HS, SJ, OD]


def held(*pairs) -> list[Hosting]:
    return [Hosting(date.fromisoformat(d), code, "held") for d, code in pairs]


def test_never_hosted_first_then_ties_by_order():
    p = propose(REGIONS, [], date(2026, 5, 1))
    assert p.region is NJ and p.last_hosted is None and p.reason.key == "rotation.never_hosted"
    p = propose(REGIONS, held(("2026-03-01", "nordjylland")), date(2026, 5, 1))
    assert p.region is MJ


def test_oldest_hosting_is_proposed_and_explained():
    history = held(("2024-05-01", "nordjylland"), ("2024-10-01", "midtjylland"), ("2025-05-01", "syddanmark"),
                   ("2025-10-07", "hovedstaden"), ("2026-05-05", "sjaelland"))
    p = propose(REGIONS, history, date(2026, 10, 6))
    assert p.region is NJ and p.last_hosted == date(2024, 5, 1)
    assert p.reason.key == "rotation.last_hosted" and p.reason.params == {"date": date(2024, 5, 1)}


def test_cancelled_meetings_give_their_turn_back():
    history = [Hosting(date(2026, 5, 5), "nordjylland", "cancelled")]
    assert propose(REGIONS, history, date(2026, 10, 6)).region is NJ
    assert propose(REGIONS, [Hosting(date(2026, 5, 5), "nordjylland", "planned")], date(2026, 10, 6)).region is MJ


def test_only_meetings_before_the_date_count():
    history = held(("2026-10-06", "nordjylland"))
    assert propose(REGIONS, history, date(2026, 10, 6)).region is NJ
    assert propose(REGIONS, history, date(2026, 10, 7)).region is MJ


# --- across the merger of 01.01.2027 ------------------------------------------------------

ROUND_2026 = [("2024-05-01", "nordjylland"), ("2024-10-01", "midtjylland"), ("2025-05-01", "syddanmark"),
              ("2025-10-07", "sjaelland")]


def test_merger_when_hovedstaden_hosted_last_in_2026():
    history = held(*ROUND_2026, ("2026-10-06", "hovedstaden"))
    # 2027: pool is NJ, MJ, SD, Østdanmark; Østdanmark inherits Hovedstaden's 06.10.2026.
    assert [r.code for r in pool(REGIONS, date(2027, 5, 4))] == ["nordjylland", "midtjylland", "syddanmark",
                                                                  "oestdanmark"]
    p = propose(REGIONS, history, date(2027, 5, 4))
    assert p.region is NJ
    history += held(("2027-05-04", "nordjylland"), ("2027-10-05", "midtjylland"), ("2028-05-02", "syddanmark"))
    p = propose(REGIONS, history, date(2028, 10, 3))
    assert p.region is OD
    assert p.reason.key == "rotation.inherited"
    assert p.reason.params == {"date": date(2026, 10, 6), "predecessor": "Region Hovedstaden"}


def test_merger_when_sjaelland_hosted_last_in_2026():
    history = held(("2024-05-01", "nordjylland"), ("2024-10-01", "midtjylland"), ("2025-05-01", "syddanmark"),
                   ("2025-10-07", "hovedstaden"), ("2026-10-06", "sjaelland"))
    # Nordjylland's turn (oldest); Østdanmark counts as having hosted on 06.10.2026 via Sjælland.
    assert propose(REGIONS, history, date(2027, 5, 4)).region is NJ
    history += held(("2027-05-04", "nordjylland"), ("2027-10-05", "midtjylland"), ("2028-05-02", "syddanmark"))
    p = propose(REGIONS, history, date(2028, 10, 3))
    assert p.region is OD and p.inherited_from is SJ


def test_oestdanmark_never_gets_a_double_turn_from_two_predecessors():
    """Hovedstaden in spring 2026 and Sjælland in autumn 2026: Østdanmark's last hosting is the later."""
    history = held(("2025-05-01", "nordjylland"), ("2025-10-01", "midtjylland"), ("2025-12-01", "syddanmark"),
                   ("2026-05-05", "hovedstaden"), ("2026-10-06", "sjaelland"))
    order = []
    for d in ["2027-05-04", "2027-10-05", "2028-05-02", "2028-10-03"]:
        p = propose(REGIONS, history, date.fromisoformat(d))
        order.append(p.region.code)
        history += held((d, p.region.code))
    assert order == ["nordjylland", "midtjylland", "syddanmark", "oestdanmark"]


def test_current_host_prefers_the_next_planned_meeting_and_marks_overrides():
    history = held(("2026-05-05", "nordjylland")) + [
        Hosting(date(2026, 10, 6), "syddanmark", "planned", "midtjylland", "lokaler ikke ledige")]
    answer = current_host(REGIONS, history, date(2026, 6, 1))
    assert answer.region is SD and answer.source == "planned" and answer.meeting_date == date(2026, 10, 6)
    assert answer.reason.key == "host.planned_override"
    assert answer.reason.params["proposed"] == "Region Midtjylland"


def test_current_host_by_rotation_when_nothing_is_planned():
    history = held(("2026-05-05", "nordjylland"))
    answer = current_host(REGIONS, history, date(2026, 6, 1))
    assert answer.region is MJ and answer.source == "rotation" and answer.meeting_date is None


def test_current_host_ignores_cancelled_meetings():
    history = [Hosting(date(2026, 10, 6), "syddanmark", "cancelled")]
    answer = current_host(REGIONS, history, date(2026, 6, 1))
    assert answer.source == "rotation" and answer.region is NJ


def test_override_makes_the_skipped_region_next_and_says_so():
    history = held(("2026-05-05", "nordjylland"))
    p = propose(REGIONS, history, date(2026, 10, 6))
    assert p.region is MJ
    history.append(Hosting(date(2026, 10, 6), "syddanmark", "held", "midtjylland", "byttet"))
    p = propose(REGIONS, history, date(2027, 5, 4))
    assert p.region is MJ
    assert p.reason.key == "rotation.never_hosted_passed_over"


# --- properties ---------------------------------------------------------------------------

DAY0 = date(2020, 1, 1)
days = st.integers(min_value=0, max_value=4000).map(lambda n: DAY0 + timedelta(days=n))
codes = st.sampled_from([r.code for r in REGIONS])
statuses = st.sampled_from(["planned", "held", "cancelled"])
hostings = st.lists(st.builds(Hosting, days, codes, statuses), max_size=25)


@given(hostings, days)
def test_the_proposal_is_always_in_force_on_the_date(history, day):
    p = propose(REGIONS, history, day)
    assert p is not None and p.region.in_force(day)


@settings(max_examples=200)
@given(hostings, st.integers(min_value=0, max_value=4000))
def test_n_consecutive_meetings_visit_every_region_once(history, offset):
    start = DAY0 + timedelta(days=offset)
    end_of_pool = start + timedelta(days=30 * 6)
    size = len(pool(REGIONS, start))
    assume(len(pool(REGIONS, end_of_pool)) == size and {r.code for r in pool(REGIONS, start)} ==
           {r.code for r in pool(REGIONS, end_of_pool)})
    history = [h for h in history if h.date < start]
    visited = []
    for i in range(size):
        day = start + timedelta(days=30 * i)
        p = propose(REGIONS, history, day)
        visited.append(p.region.code)
        history.append(Hosting(day, p.region.code, "held"))
    assert sorted(visited) == sorted(r.code for r in pool(REGIONS, start))


@given(hostings, st.integers(min_value=0, max_value=4000), st.data())
def test_after_an_override_the_skipped_region_is_proposed_next(history, offset, data):
    day = DAY0 + timedelta(days=offset)
    history = [h for h in history if h.date < day]
    p = propose(REGIONS, history, day)
    others = [r for r in pool(REGIONS, day) if r is not p.region]
    assume(others)
    nxt_day = day + timedelta(days=1)
    assume({r.code for r in pool(REGIONS, nxt_day)} == {r.code for r in pool(REGIONS, day)})
    chosen = data.draw(st.sampled_from(others))
    history.append(Hosting(day, chosen.code, "held", p.region.code, "byttet"))
    assert propose(REGIONS, history, nxt_day).region is p.region

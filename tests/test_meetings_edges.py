"""Issue 15, meetings and rotation at the edges: stale hosts, the region change for planned
meetings, the third-meeting warning, held and cancelled meetings, a meeting's duration."""

from __future__ import annotations

import json
from datetime import date

import pytest

from logbog_tui.i18n import say
from logbog_tui.storage import meetings
from logbog_tui.storage.session import transaction
from logbog_tui.errors import UserError
from logbog_tui.storage.meetings import MeetingDraft
from logbog_tui.service.rotation import Hosting, check_hosts

from .test_rotation import REGIONS


def fg(day, **kw):
    return MeetingDraft(body="folgegruppe", day=date.fromisoformat(day), **kw)


# --- item 6: a planned meeting whose host no longer matches the rotation ---------------------


def test_check_hosts_flags_a_meeting_planned_before_an_earlier_one():
    autumn = Hosting(date(2026, 10, 13), "nordjylland", "planned", "nordjylland")   # planned first
    spring = Hosting(date(2026, 5, 12), "nordjylland", "planned", "nordjylland")    # planned afterwards
    checks = check_hosts(REGIONS, [(1, autumn), (2, spring)])
    assert checks[1].stale and checks[1].current.region.code == "midtjylland"
    assert not checks[2].stale


def test_held_meetings_and_recorded_overrides_are_not_flagged():
    held = Hosting(date(2026, 5, 12), "syddanmark", "held", "nordjylland", "lokaler")
    later = Hosting(date(2026, 10, 13), "nordjylland", "planned", "nordjylland")
    checks = check_hosts(REGIONS, [(1, held), (2, later)])
    assert not checks[1].stale and not checks[2].stale   # the skipped region is still next in line


def test_meeting_list_json_shows_a_stale_host(cli, conn):
    assert cli("meeting", "add", "--body", "fg", "--date", "13.10.2026").code == 0
    assert cli("meeting", "add", "--body", "fg", "--date", "12.05.2026").code == 0
    data = {m["date"]: m for m in json.loads(cli("meeting", "list", "--json").out)}
    autumn = data["2026-10-13"]
    assert autumn["host_region_code"] == "nordjylland" and autumn["proposed_region_code"] == "nordjylland"
    assert autumn["current_proposal_code"] == "midtjylland" and autumn["host_stale"] is True
    assert data["2026-05-12"]["host_stale"] is False
    assert "turen: Region Midtjylland" in cli("meeting", "list").out
    # re-planning is the user's choice: changing the host clears the flag
    meetings.change_host(conn, autumn["id"], "midtjylland", None)
    assert json.loads(cli("meeting", "list", "--json").out)[1]["host_stale"] is False


def test_moving_a_meeting_can_make_another_stale(conn):
    a, _ = meetings.plan(conn, fg("2026-05-12"))
    b, _ = meetings.plan(conn, fg("2026-10-13"))
    assert not meetings.host_checks(conn)[b].stale
    meetings.move(conn, b, date(2026, 4, 14))            # the autumn meeting now comes first
    check = meetings.host_checks(conn)[b]
    assert check.stale and check.current.region.code == "nordjylland"
    assert not meetings.host_checks(conn)[a].stale       # Nordjylland has still not hosted before 12.05
    assert [m.id for m, _ in meetings.stale_meetings(conn, date(2026, 1, 1))] == [b]


# --- item 7: the region change for planned meetings --------------------------------------------


def test_moving_a_hovedstaden_meeting_into_2027_offers_region_oestdanmark(conn):
    for day in ("2026-03-10", "2026-05-12", "2026-08-11"):
        meetings.plan(conn, fg(day))
    mid, _ = meetings.plan(conn, fg("2026-10-13"))
    assert meetings.get(conn, mid).host_code == "hovedstaden"
    with pytest.raises(meetings.SuccessorOffered) as info:
        meetings.move(conn, mid, date(2027, 5, 4))
    assert info.value.successor.code == "oestdanmark"
    assert "Region Hovedstaden findes ikke efter 31.12.2026" in info.value.message
    assert meetings.get(conn, mid).day == date(2026, 10, 13)      # nothing moved yet
    meetings.move(conn, mid, date(2027, 5, 4), take_successor=True)
    moved = meetings.get(conn, mid)
    assert (moved.day, moved.host_code, moved.is_override) == (date(2027, 5, 4), "oestdanmark", False)


def test_planned_2027_meetings_whose_host_ceases_are_listed_with_the_successor(conn):
    """A meeting planned before the region change was recorded (the regions are data)."""
    with transaction(conn):
        conn.execute("UPDATE region SET valid_to = NULL WHERE code = 'sjaelland'")
    mid, _ = meetings.plan(conn, fg("2027-05-04", host_code="sjaelland", reason="lokaler"))
    with transaction(conn):
        conn.execute("UPDATE region SET valid_to = '2026-12-31' WHERE code = 'sjaelland'")
    check = meetings.host_checks(conn)[mid]
    assert check.ceased and check.stale and check.offer.code == "oestdanmark"
    from logbog_tui.tui.screens.dashboard import attention_text

    with transaction(conn):  # someone in the register (an empty one greets instead)
        conn.execute("INSERT INTO person (name) VALUES ('Lone Leder')")
    text = attention_text(conn, date(2026, 11, 25))
    assert "04.05.2027" in text and "Region Sjælland findes ikke efter 31.12.2026" in text
    assert "Region Østdanmark" in text


def test_a_region_that_has_ceased_is_named_in_plain_danish(cli):
    result = cli("meeting", "add", "--body", "fg", "--date", "04.05.2027", "--host", "Sjælland", "--reason", "x")
    assert result.code == 2
    assert "Region Sjælland findes ikke efter 31.12.2026; efterfølgeren er Region Østdanmark" in result.err


# --- items 8 and 9 ------------------------------------------------------------------------------------


def test_the_third_ordinary_warning_is_for_the_follow_up_group_only(conn):
    for day in (date(2026, 3, 10), date(2026, 6, 9)):
        meetings.plan(conn, MeetingDraft(body="styregruppe", day=day))
    _mid, warnings = meetings.plan(conn, MeetingDraft(body="styregruppe", day=date(2026, 9, 8)))
    assert not any("tredje" in say(w) for w in warnings)


def test_a_meeting_added_as_held_or_cancelled_is_not_printed_as_planned(cli):
    held = cli("meeting", "add", "--body", "fg", "--date", "12.05.2026", "--status", "held")
    assert held.code == 0 and "afholdt" in held.out and "planlagt" not in held.out
    cancelled = cli("meeting", "add", "--body", "sg", "--date", "10.03.2026", "--status", "cancelled")
    assert cancelled.code == 0 and "aflyst" in cancelled.out and "planlagt" not in cancelled.out


def test_a_meeting_in_the_future_cannot_be_held(cli, conn):
    result = cli("meeting", "add", "--body", "fg", "--date", "01.12.2026", "--status", "held")
    assert result.code == 2 and "kan ikke være afholdt" in result.err
    mid, _ = meetings.plan(conn, fg("2026-12-01"))
    with pytest.raises(UserError, match="kan ikke være afholdt"):
        meetings.set_status(conn, mid, "held", date(2026, 11, 25))


def test_a_meetings_duration_has_its_own_message(cli):
    result = cli("meeting", "add", "--body", "fg", "--date", "12.05.2026", "--duration", "25")
    assert result.code == 2 and "et møde varer" in result.err and "registrering" not in result.err


def test_meeting_dates_share_the_range_of_time_entries(cli):
    result = cli("meeting", "add", "--body", "fg", "--date", "01.01.0001")
    assert result.code == 2 and "før organisationens start" in result.err

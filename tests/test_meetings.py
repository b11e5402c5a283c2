"""Planning meetings with the rotation, warnings, records, meeting hours, and the calendar."""

from __future__ import annotations

import json
from datetime import date

import pytest
from icalendar import Calendar

from logbog_tui import i18n
from logbog_tui.i18n import say
from logbog_tui.storage import meeting_records, meetings
from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction
from logbog_tui.errors import UserError
from logbog_tui.storage.inputs import Invalid
from logbog_tui.storage.meetings import MeetingDraft
from logbog_tui.overview import budget_overview
from logbog_tui.service.meetings import ordinary_dates


def fg(day, **kw):
    return MeetingDraft(body="folgegruppe", day=date.fromisoformat(day), **kw)


def test_ordinary_dates_are_working_days_in_spring_and_autumn():
    for year in range(2017, 2031):
        spring, autumn = ordinary_dates(year)
        assert spring.month == 5 and autumn.month == 10
        assert spring.weekday() < 5 and autumn.weekday() < 5
    assert ordinary_dates(2026) == [date(2026, 5, 12), date(2026, 10, 13)]


def test_plan_uses_the_proposal_and_an_override_needs_a_reason(conn):
    mid, _ = meetings.plan(conn, fg("2026-05-12"))
    assert meetings.get(conn, mid).host_code == "nordjylland"
    with pytest.raises(UserError, match="angiv en begrundelse"):
        meetings.plan(conn, fg("2026-10-13", host_code="Syddanmark"))
    mid, _ = meetings.plan(conn, fg("2026-10-13", host_code="region SYDDANMARK", reason="lokaler"))
    m = meetings.get(conn, mid)
    assert m.host_code == "syddanmark" and m.proposed_code == "midtjylland" and m.is_override
    # the region passed over is next
    assert meetings.proposal(conn, date(2027, 5, 11)).region.code == "midtjylland"


def test_cancelling_gives_the_turn_back(conn):
    mid, _ = meetings.plan(conn, fg("2026-05-12"))
    assert meetings.proposal(conn, date(2026, 10, 13)).region.code == "midtjylland"
    meetings.set_status(conn, mid, "cancelled")
    assert meetings.proposal(conn, date(2026, 10, 13)).region.code == "nordjylland"
    assert meetings.get(conn, mid).status == "cancelled"  # the record is kept


def said(warnings) -> list[str]:
    """The warnings as shown (storage returns messages; they are translated where shown)."""
    return [say(w) for w in warnings]


def test_warnings_name_the_holiday_in_danish(conn):
    _mid, warnings = meetings.plan(conn, fg("2026-12-25"))
    assert any("helligdag: Juledag" in w for w in said(warnings))
    assert any("ledige pladser" in w for w in said(warnings))
    warnings = said(meetings.warnings(conn, "folgegruppe", date(2026, 12, 26), "ordinary"))
    assert any("lørdag" in w for w in warnings) and any("Anden juledag" in w for w in warnings)
    same_day = said(meetings.warnings(conn, "folgegruppe", date(2026, 12, 25), "extra"))
    assert any("allerede et møde" in w for w in same_day)


def test_warnings_are_messages_translated_where_shown(conn):
    """Storage says what it warns of as a message; the language is chosen where it is shown."""
    warning = next(w for w in meetings.warnings(conn, "folgegruppe", date(2026, 12, 26), "ordinary")
                   if "weekday" in w.params)
    assert "lørdag" in say(warning)
    i18n.set_language("en")
    assert "Saturday" in say(warning) and "lørdag" not in say(warning)


def test_a_third_ordinary_meeting_and_a_move_are_checked(conn):
    meetings.plan(conn, fg("2026-05-12"))
    mid, _ = meetings.plan(conn, fg("2026-10-13"))
    third = said(meetings.warnings(conn, "folgegruppe", date(2026, 11, 3), "ordinary"))
    assert any("tredje ordinære" in w for w in third)
    assert not any("tredje" in w for w in said(meetings.warnings(conn, "folgegruppe", date(2026, 11, 3), "extra")))
    warnings = meetings.move(conn, mid, date(2026, 12, 25))
    assert any("Juledag" in w for w in said(warnings))


def test_host_must_be_in_force_and_steering_has_no_rotation(conn):
    with pytest.raises(UserError, match="Region Hovedstaden findes ikke efter 31.12.2026; efterfølgeren er Region "
                                        "Østdanmark"):
        meetings.plan(conn, fg("2027-05-04", host_code="hovedstaden", reason="x"))
    mid, _ = meetings.plan(conn, MeetingDraft(body="styregruppe", day=date(2026, 3, 11)))
    assert meetings.get(conn, mid).host_code is None
    with pytest.raises(UserError):
        meetings.plan(conn, MeetingDraft(body="styregruppe", day=date(2026, 3, 12), host_code="nordjylland"))


def test_plan_year_proposes_only_what_is_missing(conn):
    plan = meetings.plan_year(conn, 2026)
    assert [(d, p.region.code) for d, p in plan] == [(date(2026, 5, 12), "nordjylland"),
                                                      (date(2026, 10, 13), "midtjylland")]
    meetings.plan(conn, fg("2026-05-20"))
    assert [d for d, _ in meetings.plan_year(conn, 2026)] == [date(2026, 10, 13)]


@pytest.fixture
def group(conn):
    """Two members (one with a substitute) and the project leader in the follow-up group."""
    ids = {}
    with transaction(conn):
        for name in ("Lone Leder", "Anne Aarhus", "Bent Aalborg", "Sofie Sup"):
            ids[name] = conn.execute("INSERT INTO person (name) VALUES (?)", (name,)).lastrowid

        def seat(where):
            return conn.execute(f"SELECT id FROM seat WHERE body_code = 'folgegruppe' AND {where}").fetchone()[0]

        conn.execute("INSERT INTO membership (person_id, seat_id, role, valid_from) VALUES (?, ?, 'chair_secretary',"
                     " '2020-01-01')", (ids["Lone Leder"], seat("kind = 'project_leader'")))
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2020-01-01')",
                     (ids["Anne Aarhus"], seat("region_code = 'midtjylland'")))
        bent = conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2020-01-01')",
                            (ids["Bent Aalborg"], seat("region_code = 'nordjylland'"))).lastrowid
        conn.execute("INSERT INTO membership (person_id, seat_id, substitute_for_id, valid_from) VALUES (?, ?, ?,"
                     " '2020-01-01')", (ids["Sofie Sup"], seat("region_code = 'nordjylland'"), bent))
    return ids


def test_attendance_and_meeting_hours(conn, group):
    mid, _ = meetings.plan(conn, fg("2026-05-12", duration=240))
    names = {a.name for a in meeting_records.attendees(conn, mid)}
    assert names == {"Lone Leder", "Anne Aarhus", "Bent Aalborg"}
    meeting_records.set_attendance(conn, mid, group["Lone Leder"], "present")
    meeting_records.set_attendance(conn, mid, group["Anne Aarhus"], "present")
    with pytest.raises(UserError):
        meeting_records.set_attendance(conn, mid, group["Bent Aalborg"], "substitute")
    meeting_records.set_attendance(conn, mid, group["Bent Aalborg"], "substitute", group["Sofie Sup"])
    fg2 = conn.execute("SELECT id FROM task_area WHERE code = 'FG2'").fetchone()[0]
    logged = meeting_records.log_hours(conn, mid, 240, 60, 30, fg2)
    assert sorted((e.person_id, e.minutes, e.code) for e in logged) == sorted([
        (group["Lone Leder"], 330, "PL6"), (group["Anne Aarhus"], 330, "FG2"), (group["Sofie Sup"], 330, "FG2")])
    ov = budget_overview(conn, 2026, date(2026, 12, 31))
    assert ov.member(group["Anne Aarhus"]).used == 5.5
    assert ov.member(group["Bent Aalborg"]).used == 5.5 and ov.member(group["Bent Aalborg"]).substitutes == 5.5
    assert ov.leadership.used == 5.5


def test_a_meetings_hours_are_known_by_their_meeting_not_by_their_note(conn, group):
    """The record asks before logging a meeting's hours twice: it knows them by the meeting they
    were logged from, in either language, with the note changed, and not those of another
    meeting that day."""
    from logbog_tui.storage import timelog

    mid, _ = meetings.plan(conn, fg("2026-05-12"))
    steering, _ = meetings.plan(conn, MeetingDraft(body="styregruppe", day=date(2026, 5, 12)))
    meeting_records.set_attendance(conn, mid, group["Anne Aarhus"], "present")
    area = conn.execute("SELECT id FROM task_area WHERE code = 'FG1'").fetchone()[0]
    (logged,) = meeting_records.log_hours(conn, mid, 120, 0, 0, area)
    assert [h.person for h in meeting_records.logged_for(conn, mid)] == ["Anne Aarhus"]
    assert meeting_records.logged_for(conn, steering) == []
    i18n.set_language("en")
    assert [h.person for h in meeting_records.logged_for(conn, mid)] == ["Anne Aarhus"]
    entry = timelog.Draft(person_id=group["Anne Aarhus"], day=date(2026, 5, 12), minutes=150, area_id=area,
                          note="Møde og forberedelse")
    timelog.update(conn, logged.entry_id, entry, date(2026, 11, 25))
    assert [(h.person, h.minutes) for h in meeting_records.logged_for(conn, mid)] == [("Anne Aarhus", 150)]


def test_meeting_hours_are_all_or_nothing(conn, group):
    mid, _ = meetings.plan(conn, fg("2026-05-12"))
    for person in ("Lone Leder", "Anne Aarhus"):
        meeting_records.set_attendance(conn, mid, group[person], "present")
    area = conn.execute("SELECT id FROM task_area WHERE code = 'FG1'").fetchone()[0]
    with transaction(conn):
        conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id) VALUES (?, '2026-05-12', 1300, ?)",
                     (group["Anne Aarhus"], area))
    with pytest.raises(UserError, match="Anne Aarhus"):
        meeting_records.log_hours(conn, mid, 240, 0, 0, area)
    assert conn.execute("SELECT count(*) FROM time_entry").fetchone()[0] == 1


def test_escalation_to_the_steering_group(conn):
    fg_meeting, _ = meetings.plan(conn, fg("2026-05-12"))
    item = meeting_records.save_item(conn, fg_meeting, "Uenighed om ny eksportfunktion", None, None, None, True)
    assert [r.item_id for r in meeting_records.referrals(conn)] == [item]
    sg_meeting, _ = meetings.plan(conn, MeetingDraft(body="styregruppe", day=date(2026, 6, 10)))
    other_fg = meeting_records.save_item(conn, fg_meeting, "Andet", None, None, None, False)
    with pytest.raises(UserError):
        meeting_records.settle(conn, item, other_fg)
    decision = meeting_records.save_item(conn, sg_meeting, "Eksportfunktion", None, None, "Udvikles i 2027", False)
    meeting_records.settle(conn, item, decision)
    assert meeting_records.referrals(conn) == []
    (settled,) = meeting_records.referrals(conn, open_only=False)
    assert settled.settled_on == date(2026, 6, 10) and settled.decision == "Udvikles i 2027"
    area = conn.execute("SELECT id FROM task_area WHERE code = 'FG2'").fetchone()[0]
    task = meeting_records.task_from_item(conn, decision, area)
    assert conn.execute("SELECT meeting_id, title FROM task WHERE id = ?", (task,)).fetchone()[:] == (
        sg_meeting, "Eksportfunktion")


def test_a_meeting_draft_is_checked_field_by_field():
    with pytest.raises(Invalid) as info:
        MeetingDraft.check({"body": "bestyrelse", "day": date(2026, 5, 12), "time": "25", "duration": "30",
                            "kind": "ordinary", "place": "x" * 201})
    assert {name: note.key for name, note in info.value.problems.items()} == {
        "body": "meeting.bad_body", "time": "meeting.bad_time", "duration": "meeting.bad_duration",
        "place": "person.too_long"}
    assert info.value.message == "organet skal være følgegruppe eller styregruppe"  # the CLI's one line: the first
    draft = MeetingDraft.check({"body": "folgegruppe", "day": date(2026, 5, 12), "time": "kl. 9", "duration": "2,5",
                                "reason": "  ", "place": " Aarhus "})
    assert (draft.time, draft.duration, draft.reason, draft.place) == ("09:00", 150, None, "Aarhus")


def test_the_record_refuses_input_under_its_field(conn, group):
    mid, _ = meetings.plan(conn, fg("2026-05-12"))
    with pytest.raises(Invalid) as info:
        meeting_records.save_item(conn, mid, "  ", None, None, None, False)
    assert list(info.value.problems) == ["title"] and info.value.message == "Titel skal udfyldes"
    with pytest.raises(Invalid) as info:
        meeting_records.set_attendance(conn, mid, group["Bent Aalborg"], "substitute")
    assert list(info.value.problems) == ["represented_by"] and "suppleant" in info.value.message
    with pytest.raises(Invalid) as info:
        meeting_records.MeetingHours.check({"meeting": "x", "prep": "", "travel": "0", "area": None})
    assert list(info.value.problems) == ["meeting", "area"]
    assert meeting_records.SettlingItem.check({"item": " #12"}).item == 12
    assert conn.execute("SELECT count(*) FROM agenda_item").fetchone()[0] == 0


def test_calendar_export_parses_back_with_stable_uids(cli, db_path, tmp_path):
    conn = connect(db_path)
    a, _ = meetings.plan(conn, fg("2026-05-12", time="10:00", duration=240, place="Regionshuset Viborg"))
    b, _ = meetings.plan(conn, fg("2026-10-13"))
    out = tmp_path / "m.ics"
    assert cli("calendar", "-o", str(out)).code == 0
    cal = Calendar.from_ical(out.read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 2
    first = next(e for e in events.values() if "Viborg" in str(e.get("location")))
    assert first.decoded("dtstart").isoformat() == "2026-05-12T10:00:00+02:00"
    assert first.decoded("dtend").isoformat() == "2026-05-12T14:00:00+02:00"
    assert "Region Nordjylland" in str(first["summary"])
    meetings.set_status(conn, b, "cancelled")
    again = cli("calendar", "-o", str(out))
    assert again.code == 2 and "--force" in again.err
    assert cli("calendar", "-o", str(out), "--force", "--include-cancelled").code == 0
    cal2 = Calendar.from_ical(out.read_bytes())
    events2 = {str(e["uid"]): str(e["status"]) for e in cal2.walk("VEVENT")}
    assert set(events2) == set(events)  # same UIDs: an import updates instead of duplicating
    assert sorted(events2.values()) == ["CANCELLED", "CONFIRMED"]


def test_meeting_cli_contract(cli):
    r = cli("meeting", "add", "--body", "følgegruppe", "--date", "2026-10-06")
    assert r.code == 0 and "Region Nordjylland" in r.out
    r = cli("meeting", "add", "--body", "følgegruppe", "--date", "2027-05-04", "--time", "10:00", "--duration", "4")
    assert r.code == 0 and "Region Midtjylland" in r.out
    data = json.loads(cli("meeting", "list", "--json").out)
    assert [set(m) for m in data] == [{"id", "body", "date", "time", "host_region_code", "host_region_name", "kind",
                                       "status", "override", "proposed_region_code", "current_proposal_code",
                                       "host_stale"}] * 2
    assert data[1]["date"] == "2027-05-04" and data[1]["time"] == "10:00" and data[1]["override"] is False
    assert cli("meeting", "add", "--body", "bestyrelse", "--date", "i dag").code == 2
    assert cli("meeting", "add", "--body", "fg", "--date", "2027-10-05", "--host", "Sjælland",
               "--reason", "x").code == 2


def test_host_follows_the_rotation_across_the_merger(cli):
    for day in ("2026-05-05", "2026-10-06"):
        cli("meeting", "add", "--body", "følgegruppe", "--date", day)
    cli("meeting", "add", "--body", "følgegruppe", "--date", "2026-11-10", "--host", "hovedstaden", "--reason", "x",
        "--kind", "extra")
    hosts = []
    for day in ("2027-05-04", "2027-10-05", "2028-05-02", "2028-10-03"):
        r = json.loads(cli("host", "--on", day, "--json").out)
        hosts.append(r["region_code"])
        cli("meeting", "add", "--body", "følgegruppe", "--date", day)
    # Syddanmark was passed over in 2026; Østdanmark inherits Hovedstaden's 10.11.2026, so it comes last.
    assert hosts == ["syddanmark", "nordjylland", "midtjylland", "oestdanmark"]

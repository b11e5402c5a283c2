"""People, seats and composition (domain.md "Composition"), rules and storage."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.service.composition import Membership, Seat, compose, warnings
from logbog_tui.storage import memberships, people
from logbog_tui.storage.inputs import Invalid
from logbog_tui.storage.session import transaction


def seat_id(conn, body, **where):
    key, value = next(iter(where.items()))
    return conn.execute(f"SELECT id FROM seat WHERE body_code = ? AND {key} = ?", (body, value)).fetchone()[0]


def person(conn, name):
    with transaction(conn):
        return conn.execute("INSERT INTO person (name) VALUES (?)", (name,)).lastrowid


def labels(lines):
    return [(line.seat.label, line.holder.person if line.holder else None) for line in lines]


def test_follow_up_group_across_the_merger(conn):
    hanne = person(conn, "Hanne Hovedstad")
    memberships.appoint(conn, hanne, seat_id(conn, "folgegruppe", region_code="hovedstaden"), date(2024, 1, 1),
                        None)
    before = labels(memberships.composition(conn, "folgegruppe", date(2026, 12, 31)))
    after = labels(memberships.composition(conn, "folgegruppe", date(2027, 1, 1)))
    assert ("Region Hovedstaden", "Hanne Hovedstad") in before and ("Region Sjælland", None) in before
    assert not any(label in ("Region Hovedstaden", "Region Sjælland") for label, _ in after)
    assert ("Region Østdanmark", None) in after
    assert len([1 for label, _ in after if label.startswith(("Region", "Videre"))]) == 7


def test_appointment_outside_the_seats_life_is_refused(conn):
    anne = person(conn, "Anne")
    sjaelland = seat_id(conn, "folgegruppe", region_code="sjaelland")
    with pytest.raises(UserError, match="findes kun 01.01.2017–31.12.2026"):
        memberships.appoint(conn, anne, sjaelland, date(2026, 6, 1), date(2027, 6, 30))
    mid = memberships.appoint(conn, anne, sjaelland, date(2026, 6, 1), None)  # open-ended: ends with the seat
    assert conn.execute("SELECT valid_to FROM membership WHERE id = ?", (mid,)).fetchone()[0] == "2026-12-31"
    with pytest.raises(UserError, match="findes kun"):
        memberships.appoint(conn, anne, seat_id(conn, "folgegruppe", region_code="oestdanmark"), date(2026, 6, 1),
                            None)
    memberships.appoint(conn, anne, seat_id(conn, "folgegruppe", region_code="oestdanmark"), date(2027, 1, 1), None)


def test_overlapping_appointments_to_one_seat_are_refused(conn):
    a, b = person(conn, "Anne"), person(conn, "Bent")
    seat = seat_id(conn, "folgegruppe", region_code="midtjylland")
    memberships.appoint(conn, a, seat, date(2025, 1, 1), date(2026, 6, 30))
    with pytest.raises(UserError, match="allerede besat af Anne 01.01.2025–30.06.2026"):
        memberships.appoint(conn, b, seat, date(2026, 6, 1), None)
    memberships.appoint(conn, b, seat, date(2026, 7, 1), None)
    assert conn.execute("SELECT count(*) FROM membership").fetchone()[0] == 2


def test_one_person_may_hold_a_region_and_a_secretariat_seat(conn):
    c = person(conn, "Carl")
    memberships.appoint(conn, c, seat_id(conn, "folgegruppe", region_code="syddanmark"), date(2025, 1, 1), None)
    memberships.appoint(conn, c, seat_id(conn, "folgegruppe", edu_region_code="syd"), date(2025, 1, 1), None)
    held = [line.holder.person for line in memberships.composition(conn, "folgegruppe", date(2026, 1, 1))
            if line.holder]
    assert held.count("Carl") == 2


def test_substitutes_follow_their_member_and_end_with_them(conn):
    m, s = person(conn, "Mette"), person(conn, "Søren")
    mid = memberships.appoint(conn, m, seat_id(conn, "folgegruppe", region_code="nordjylland"), date(2025, 1, 1), None)
    with pytest.raises(UserError, match="sin egen suppleant"):
        memberships.appoint_substitute(conn, m, mid, date(2025, 1, 1), None)
    memberships.appoint_substitute(conn, s, mid, date(2025, 3, 1), None)
    line = next(x for x in memberships.composition(conn, "folgegruppe", date(2026, 1, 1))
                if x.seat.label == "Region Nordjylland")
    assert [x.person for x in line.substitutes] == ["Søren"]
    assert memberships.end_membership(conn, mid, date(2026, 3, 31)) == (1, 0)
    line = next(x for x in memberships.composition(conn, "folgegruppe", date(2026, 4, 1))
                if x.seat.label == "Region Nordjylland")
    assert line.vacant and line.substitutes == []
    with pytest.raises(UserError, match="før startdatoen"):
        memberships.end_membership(conn, mid, date(2020, 1, 1))


def test_warnings_for_vacancies_endings_and_region_changes():
    seats = [Seat(1, "folgegruppe", "region", "Region Hovedstaden", 4, date(2017, 1, 1), date(2026, 12, 31)),
             Seat(2, "folgegruppe", "region", "Region Østdanmark", 4, date(2027, 1, 1)),
             Seat(3, "folgegruppe", "region", "Region Nordjylland", 1, date(2017, 1, 1))]
    ms = [Membership(1, 1, "Hanne", 1, date(2020, 1, 1), date(2026, 12, 31))]
    keys = [(w.key, w.params.get("person") or w.params.get("seat")) for w in warnings(seats, ms, date(2026, 11, 25))]
    assert ("warn.vacant", "Region Nordjylland") in keys
    assert ("warn.ending", "Hanne") in keys
    assert ("warn.seat_appears", "Region Østdanmark") in keys
    assert ("warn.seat_ends", "Region Hovedstaden") in keys
    assert not any(k == "warn.vacant" and s == "Region Hovedstaden" for k, s in keys)
    later = [w.key for w in warnings(seats, ms, date(2026, 6, 1))]
    assert "warn.seat_appears" not in later and "warn.ending" not in later


@given(st.lists(st.tuples(st.integers(0, 2000), st.integers(0, 800)), max_size=6), st.integers(0, 3000))
def test_a_seat_never_shows_two_holders(periods, offset):
    seat = Seat(1, "folgegruppe", "region", "Region Midtjylland", 2, date(2020, 1, 1))
    base = date(2020, 1, 1).toordinal()
    ms = [Membership(i, i, f"P{i}", 1, date.fromordinal(base + a), date.fromordinal(base + a + length))
          for i, (a, length) in enumerate(periods)]
    day = date.fromordinal(base + offset)
    (line,) = compose([seat], ms, "folgegruppe", day)
    holders = [m for m in ms if m.valid_from <= day <= m.valid_to]
    assert line.vacant == (not holders)
    assert line.holder is None or line.holder in holders


# --- people ---------------------------------------------------------------------------------

@pytest.mark.parametrize("phone, ok", [("12345678", True), ("+45 12 34 56 78", True), ("0045 12345678", True),
                                       ("+46 70 123 45 67", True), ("1234", False), ("+45 1234", False),
                                       ("tel: 12345678", False), ("+1 (555) 123-4567", True)])
def test_phone_numbers(phone, ok):
    assert people.valid_phone(phone) is ok


def test_person_validation_field_by_field():
    with pytest.raises(Invalid) as refused:
        people.PersonDraft.check({"name": "  ", "email": "anne@", "phone": "12", "notes": "CPR 010203-1234",
                                  "title": "x" * 201})
    problems = refused.value.problems
    assert {f: m.key for f, m in problems.items()} == {
        "name": "person.name_required", "email": "person.bad_email", "phone": "person.bad_phone",
        "notes": "person.no_cpr", "title": "person.too_long"}
    assert problems["title"].params == {"max": 200}
    assert refused.value.field == "name" and refused.value.message == t("person.name_required")  # the CLI's line
    draft = people.PersonDraft.check({"name": "Ane\u0301 Åberg", "email": "ane@region.dk", "phone": "+45 12345678"})
    assert draft.name == "Ané Åberg" and draft.title is None  # NFC; empty is absent


def test_list_filters_and_hides_former_members(conn):
    today = date(2026, 11, 25)
    a, b = person(conn, "Åse Ørum"), person(conn, "Bo Bent")
    memberships.appoint(conn, a, seat_id(conn, "folgegruppe", region_code="midtjylland"), date(2025, 1, 1), None)
    memberships.appoint(conn, b, seat_id(conn, "folgegruppe", region_code="nordjylland"), date(2020, 1, 1),
                        date(2024, 12, 31))
    assert [p.name for p in people.list_people(conn, today)] == ["Åse Ørum"]
    assert [p.name for p in people.list_people(conn, today, include_former=True)] == ["Bo Bent", "Åse Ørum"]
    assert [p.name for p in people.list_people(conn, today, "ÅSE")] == ["Åse Ørum"]
    assert [p.name for p in people.list_people(conn, today, "midtjylland")] == ["Åse Ørum"]
    assert [p.name for p in people.list_people(conn, today, "FG:")] == ["Åse Ørum"]
    assert [p.name for p in people.list_people(conn, today, "følgegruppen")] == ["Åse Ørum"]
    assert people.list_people(conn, today, "styregruppen") == []


def test_export_and_erase_keep_history_under_a_placeholder(conn):
    pid = person(conn, "Gitte Glem")
    with transaction(conn):
        conn.execute("UPDATE person SET email = 'gitte@example.org', phone = '12345678' WHERE id = ?", (pid,))
        area = conn.execute("SELECT id FROM task_area WHERE code = 'FG1'").fetchone()[0]
        conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id, note) VALUES (?, '2026-01-05', 60,"
                     " ?, 'ringede til Gitte')", (pid, area))
    data = people.export(conn, pid)
    assert data["person"]["email"] == "gitte@example.org" and len(data["time_entries"]) == 1
    with pytest.raises(UserError):
        people.delete(conn, pid)
    assert people.erase(conn, pid) == f"Slettet person #{pid}"
    row = conn.execute("SELECT name, email, phone, erased_at FROM person WHERE id = ?", (pid,)).fetchone()
    assert row[0] == f"Slettet person #{pid}" and row[1] is None and row[2] is None and row[3]
    assert tuple(conn.execute("SELECT minutes, note FROM time_entry WHERE person_id = ?",
                              (pid,)).fetchone()) == (60, None)


def test_a_person_without_history_can_be_deleted(conn):
    pid = person(conn, "Ny Person")
    memberships.appoint(conn, pid, seat_id(conn, "folgegruppe", region_code="midtjylland"), date(2026, 1, 1), None)
    people.delete(conn, pid)
    assert conn.execute("SELECT count(*) FROM person").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM membership").fetchone()[0] == 0


def test_appointment_substitute_and_end_inputs_field_by_field():
    today = date(2026, 11, 25)
    with pytest.raises(Invalid) as refused:
        memberships.Appointment.check({"seat": None, "start": "", "end": "32.13.2026", "role": "boss",
                                       "reference": "x" * 501, "today": today})
    assert {f: m.key for f, m in refused.value.problems.items()} == {
        "seat": "membership.choose_seat", "start": "parse.date.empty", "end": "parse.date.no_such_day",
        "role": "membership.bad_role", "reference": "person.too_long"}
    assert refused.value.problems["reference"].params == {"max": 500}
    with pytest.raises(Invalid) as refused:
        memberships.Appointment.check({"seat": 1, "start": "01.02.2026", "end": "31.01.2026", "role": None,
                                       "reference": "møde\x1b[2J", "today": today})
    assert {f: m.key for f, m in refused.value.problems.items()} == {
        "end": "membership.end_before_start", "reference": "text.control_chars"}
    a = memberships.Appointment.check({"seat": 1, "start": "i dag", "end": " ", "role": None,
                                       "reference": "  Styregruppemøde  ", "today": today})
    assert (a.start, a.end, a.role, a.reference) == (today, None, "member", "Styregruppemøde")
    with pytest.raises(Invalid) as refused:
        memberships.Substitution.check({"member": None, "start": "01.01.2026", "end": "", "reference": "",
                                        "today": today})
    assert refused.value.field == "member" and refused.value.message == t("membership.choose_member")
    with pytest.raises(Invalid) as refused:
        memberships.Ending.check({"end": "", "today": today})
    assert {f: m.key for f, m in refused.value.problems.items()} == {"end": "parse.date.empty"}
    assert memberships.Ending.check({"end": "+7", "today": today}).end == date(2026, 12, 2)


def test_storage_checks_what_it_is_handed(conn):
    pid = person(conn, "Rita Rolle")
    seat = seat_id(conn, "folgegruppe", region_code="midtjylland")
    with pytest.raises(Invalid) as refused:
        memberships.appoint(conn, pid, seat, date(2026, 2, 1), date(2026, 1, 31))
    assert refused.value.field == "end" and refused.value.message == t("membership.end_before_start")
    with pytest.raises(Invalid) as refused:
        memberships.appoint(conn, pid, seat, date(2026, 1, 1), None, role="boss")
    assert refused.value.field == "role"
    with pytest.raises(Invalid) as refused:
        memberships.appoint(conn, pid, seat, date(2026, 1, 1), None, reference="a\x00b")
    assert refused.value.field == "reference"
    assert conn.execute("SELECT count(*) FROM membership").fetchone()[0] == 0
    mid = memberships.appoint(conn, pid, seat, date(2026, 1, 1), None, reference=" SG 12.12.2025 ")
    assert memberships.of_person(conn, pid)[0].reference == "SG 12.12.2025"
    with pytest.raises(UserError) as refused:
        memberships.end_membership(conn, mid, date(2025, 12, 31))
    assert refused.value.field == "end"

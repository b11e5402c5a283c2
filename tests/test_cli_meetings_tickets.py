"""The command line's meetings and tickets: `meeting show|cancel|move|host`, `ticket show|forward|status`
(issue 17, part 3). The rules are the Meetings and Tickets screens' (the rotation, the 2027 merger,
the allowed status moves); the JSON reuses the keys of `meeting list --json` and `ticket list --json`."""

from __future__ import annotations

import json
from datetime import date

import pytest

from logbog_tui.storage import meeting_records, memberships, people
from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction

from .test_cli_people import count, one_line_refusal, seat_id

LIST_KEYS = {"id", "body", "date", "time", "host_region_code", "host_region_name", "kind", "status", "override",
             "proposed_region_code", "current_proposal_code", "host_stale"}
TICKET_KEYS = {"id", "number", "title", "category", "status", "reporter", "opened", "supplier_ref",
               "days_with_supplier"}


def journal(db_path) -> int:
    return count(db_path, "journal")


@pytest.fixture
def org(db_path, cli):
    """Lone Leder (project leader), Jens Jensen (Region Midtjylland, substitute Søren Sup), Mette
    Møller (Region Sjælland); a held meeting (05.05.2026, Nordjylland by rotation) with an agenda and
    attendance, a planned one on 15.12.2026 hosted by Region Sjælland (an override) and a steering
    group meeting on 10.12.2026."""
    conn = connect(db_path)
    ids = {k: people.create(conn, people.PersonDraft(name=n)) for k, n in
           (("lone", "Lone Leder"), ("jens", "Jens Jensen"), ("mette", "Mette Møller"), ("sub", "Søren Sup"))}
    memberships.appoint(conn, ids["lone"], seat_id(db_path, "folgegruppe", kind="project_leader"), date(2020, 1, 1),
                        None, "chair_secretary")
    memberships.appoint(conn, ids["lone"], seat_id(db_path, "styregruppe", kind="project_leader"), date(2020, 1, 1),
                        None)
    jens = memberships.appoint(conn, ids["jens"], seat_id(db_path, "folgegruppe", region_code="midtjylland"),
                               date(2020, 1, 1), None)
    memberships.appoint(conn, ids["mette"], seat_id(db_path, "folgegruppe", region_code="sjaelland"),
                        date(2024, 1, 1), None)
    memberships.appoint_substitute(conn, ids["sub"], jens, date(2024, 1, 1), None)
    for args in (("--date", "05.05.2026", "--status", "held", "--time", "10", "--duration", "4", "--place", "Aalborg"),
                 ("--date", "15.12.2026", "--host", "Sjælland", "--reason", "Sjælland har lokaler")):
        assert cli("meeting", "add", "--body", "følgegruppe", *args).code == 0
    assert cli("meeting", "add", "--body", "styregruppe", "--date", "10.12.2026").code == 0
    item = meeting_records.save_item(conn, 1, "Nye målbeskrivelser", ids["jens"], None, "Indlæses i juni", False)
    meeting_records.save_item(conn, 1, "Uenighed om eksport", None, None, None, True)
    meeting_records.set_attendance(conn, 1, ids["jens"], "substitute", ids["sub"])
    meeting_records.set_attendance(conn, 1, ids["mette"], "present")
    conn.close()
    return {**ids, "item": item}


def listed(cli, meeting_id: int) -> dict:
    return next(m for m in json.loads(cli("meeting", "list", "--json").out) if m["id"] == meeting_id)


# --- meeting show ---------------------------------------------------------------------------

def test_meeting_show_json_reuses_the_list_keys_and_adds_the_record(cli, org):
    data = json.loads(cli("meeting", "show", "1", "--json").out)
    assert {k: data[k] for k in LIST_KEYS} == listed(cli, 1)
    assert set(data) == LIST_KEYS | {"duration_hours", "place", "override_reason", "minutes", "agenda", "attendance",
                                     "hours_logged"}
    assert data["host_region_code"] == "nordjylland" and data["duration_hours"] == 4 and data["place"] == "Aalborg"
    assert data["agenda"][0] == {"item_id": org["item"], "position": 1, "title": "Nye målbeskrivelser",
                                 "owner": "Jens Jensen", "notes": None, "decision": "Indlæses i juni",
                                 "referred": False, "settled_by_item_id": None}
    assert data["agenda"][1]["referred"] is True
    by_name = {a["person"]: a for a in data["attendance"]}
    assert by_name["Jens Jensen"] == {"person_id": org["jens"], "person": "Jens Jensen", "seat": "Region Midtjylland",
                                      "status": "substitute", "represented_by_id": org["sub"],
                                      "represented_by": "Søren Sup", "substitutes": ["Søren Sup"]}
    assert by_name["Mette Møller"]["status"] == "present" and by_name["Lone Leder"]["status"] is None
    planned = json.loads(cli("meeting", "show", "2", "--json").out)
    assert planned["override"] is True and planned["override_reason"] == "Sjælland har lokaler"


def test_meeting_show_text(cli, org):
    out = cli("meeting", "show", "1").out
    assert out.startswith("Følgegruppen · tirsdag 05.05.2026 (uge 19) · ordinært · afholdt · vært: Region "
                          "Nordjylland  (#1)\n")
    assert "Klokken: 10:00 · Varighed (timer): 4 t · Sted: Aalborg" in out
    assert f"#{org['item']} Nye målbeskrivelser (Jens Jensen)" in out and "Beslutning: Indlæses i juni" in out
    assert "Uenighed om eksport [henvist, åben]" in out
    assert "suppleant (Søren Sup)" in out
    assert "Afvigelse fra turen: Sjælland har lokaler" in cli("meeting", "show", "2").out


@pytest.mark.parametrize("args, words", [
    (["abc"], ["»abc« er ikke et mødes id"]),
    (["999"], ["mødet findes ikke"]),
])
def test_meeting_show_refuses_a_bad_id(cli, org, args, words):
    one_line_refusal(cli("meeting", "show", *args), *words)


# --- meeting cancel -------------------------------------------------------------------------

def test_cancel_gives_the_hosts_turn_back(cli, org, db_path):
    assert json.loads(cli("host", "--json").out)["source"] == "planned"
    result = cli("meeting", "cancel", "2")
    assert result.code == 0, result.err
    assert result.out == "Møde #2 (Følgegruppen 15.12.2026) er aflyst; værtens tur er givet tilbage\n"
    assert listed(cli, 2)["status"] == "cancelled"
    assert json.loads(cli("host", "--json").out)["source"] == "rotation"  # no planned meeting left
    before = journal(db_path)
    again = cli("meeting", "cancel", "2")
    assert again.code == 0 and "allerede aflyst" in again.out and journal(db_path) == before
    assert cli("undo", "--yes").code == 0
    assert listed(cli, 2)["status"] == "planned"


def test_cancel_refuses_a_bad_id(cli, org, db_path):
    before = journal(db_path)
    one_line_refusal(cli("meeting", "cancel", "42"), "mødet findes ikke")
    one_line_refusal(cli("meeting", "cancel", "x"), "er ikke et mødes id")
    assert journal(db_path) == before


# --- meeting move ---------------------------------------------------------------------------

def test_move_past_the_merger_is_refused_with_the_successor_as_hint(cli, org, db_path):
    before = journal(db_path)
    one_line_refusal(cli("meeting", "move", "2", "--date", "02.02.2027"),
                     "Region Sjælland findes ikke efter 31.12.2026; efterfølgeren er Region Østdanmark",
                     "--host oestdanmark")
    assert journal(db_path) == before and listed(cli, 2)["date"] == "2026-12-15"
    result = cli("meeting", "move", "2", "--date", "02.02.2027", "--host", "Østdanmark")
    assert result.code == 0, result.err
    assert result.out.startswith("Møde #2 flyttet fra 15.12.2026 til 02.02.2027 (uge 5), vært: Region Østdanmark")
    moved = listed(cli, 2)
    assert (moved["date"], moved["host_region_code"]) == ("2027-02-02", "oestdanmark")
    assert journal(db_path) == before + 1
    entry = json.loads(cli("history", "--limit", "1", "--json").out)[0]
    assert entry["origin"] == "logbog meeting move"
    assert cli("undo", "--yes").code == 0  # one change: date and host back together
    back = listed(cli, 2)
    assert (back["date"], back["host_region_code"]) == ("2026-12-15", "sjaelland")


def test_move_with_another_host_needs_a_reason(cli, org, db_path):
    before = journal(db_path)
    one_line_refusal(cli("meeting", "move", "2", "--date", "02.02.2027", "--host", "Nordjylland"),
                     "angiv en begrundelse")
    assert journal(db_path) == before and listed(cli, 2)["date"] == "2026-12-15"
    result = cli("meeting", "move", "2", "--date", "02.02.2027", "--host", "Nordjylland", "--reason", "Aalborg")
    assert result.code == 0, result.err
    assert result.out.rstrip().endswith("vært: Region Nordjylland [afvigelse fra turen]")
    shown = json.loads(cli("meeting", "show", "2", "--json").out)
    assert shown["override"] is True and shown["override_reason"] == "Aalborg" and shown["date"] == "2027-02-02"


def test_move_within_the_year_keeps_the_host_and_warns_on_stderr(cli, org):
    result = cli("meeting", "move", "2", "--date", "19.12.2026")
    assert result.code == 0 and "vært: Region Sjælland" in result.out
    assert "advarsel: datoen er en lørdag" in result.err
    assert listed(cli, 2)["date"] == "2026-12-19"


@pytest.mark.parametrize("args, words", [
    (["2", "--date", "31.02.2027"], ["findes ikke"]),
    (["2", "--date", "01.01.2030"], ["mere end to år frem"]),
    (["2"], ["--date"]),
    (["9", "--date", "01.12.2026"], ["mødet findes ikke"]),
    (["2", "--date", "01.12.2026", "--host", "Atlantis"], ["ingen entydig region", "Atlantis"]),
    (["3", "--date", "11.12.2026", "--host", "Midtjylland"], ["ingen værtsrotation"]),
])
def test_move_refuses_with_one_line_and_writes_nothing(cli, org, db_path, args, words):
    before = journal(db_path)
    one_line_refusal(cli("meeting", "move", *args), *words)
    assert journal(db_path) == before


# --- meeting host ---------------------------------------------------------------------------

def test_host_override_needs_a_reason_and_the_proposal_clears_it(cli, org):
    proposal = listed(cli, 2)["current_proposal_code"]
    other = "midtjylland" if proposal != "midtjylland" else "syddanmark"
    one_line_refusal(cli("meeting", "host", "2", other), "angiv en begrundelse")
    result = cli("meeting", "host", "2", other, "--reason", "Byttet")
    assert result.code == 0 and result.out.endswith("[afvigelse fra turen]\n")
    assert listed(cli, 2)["override"] is True
    result = cli("meeting", "host", "2", proposal)
    assert result.code == 0 and "afvigelse" not in result.out
    after = listed(cli, 2)
    assert after["host_region_code"] == proposal and after["override"] is False


@pytest.mark.parametrize("args, words", [
    (["3", "Midtjylland", "--reason", "x"], ["styregruppens møder har ingen værtsrotation"]),
    (["2", "Østdanmark", "--reason", "x"], ["Region Østdanmark findes først fra 01.01.2027"]),
    (["2", "Region", "--reason", "x"], ["ingen entydig region"]),
    (["2"], ["REGION"]),
])
def test_host_refuses_with_one_line_and_writes_nothing(cli, org, db_path, args, words):
    before = journal(db_path)
    one_line_refusal(cli("meeting", "host", *args), *words)
    assert journal(db_path) == before


def test_host_of_a_ceased_region_is_refused_with_the_successor(cli, org):
    assert cli("meeting", "add", "--body", "fg", "--date", "02.02.2027").code == 0
    one_line_refusal(cli("meeting", "host", "4", "Sjælland", "--reason", "x"),
                     "Region Sjælland findes ikke efter 31.12.2026; efterfølgeren er Region Østdanmark")


# --- tickets --------------------------------------------------------------------------------

@pytest.fixture
def tickets(cli, db_path, org):
    """Two tickets, the first opened 18.11.2026."""
    assert cli("ticket", "add", "Kan ikke godkende", "--category", "fejl", "--reporter", "Jens").out == "2026-0001\n"
    assert cli("ticket", "add", "Ny målbeskrivelse", "--category", "dataændring").out == "2026-0002\n"
    conn = connect(db_path)
    with transaction(conn):
        conn.execute("UPDATE ticket SET opened_on = '2026-11-18' WHERE id = 1")
        conn.execute("UPDATE ticket_event SET at = '2026-11-18 09:00:00' WHERE ticket_id = 1")
    conn.close()


def listed_ticket(cli, number: str) -> dict:
    return next(x for x in json.loads(cli("ticket", "list", "--json").out) if x["number"] == number)


def test_forward_sends_the_ticket_to_the_supplier(cli, tickets):
    result = cli("ticket", "forward", "2026-0001", "--ref", "DT-2026-481", "--sent", "20.11.2026",
                 "--promised", "04.12.2026")
    assert result.code == 0, result.err
    assert result.out == ("Sag 2026-0001 er sendt til Dansk Telemedicin: sag DT-2026-481, sendt 20.11.2026, "
                          "svar lovet 04.12.2026\n")
    row = listed_ticket(cli, "2026-0001")
    assert (row["status"], row["supplier_ref"], row["days_with_supplier"]) == ("with_supplier", "DT-2026-481", 5)
    shown = json.loads(cli("ticket", "show", "1", "--json").out)
    assert (shown["sent"], shown["promised"]) == ("2026-11-20", "2026-12-04")
    assert shown["timeline"][-1]["kind"] == "forwarded" and shown["timeline"][-1]["author"] == "Lone Leder"
    assert json.loads(cli("history", "--limit", "1", "--json").out)[0]["origin"] == "logbog ticket forward"


@pytest.mark.parametrize("args, words", [
    (["2026-0001", "--ref", "DT-1", "--sent", "20.11.2026", "--promised", "19.11.2026"], ["--promised",
                                                                                          "før afsendelsen"]),
    (["2026-0001", "--ref", "DT-1", "--sent", "i morgen"], ["ligger efter i dag"]),
    (["2026-0001", "--ref", "DT-1", "--sent", "10.11.2026"], ["før sagen blev oprettet (18.11.2026)"]),
    (["2026-0001", "--ref", "  ", "--sent", "i dag"], ["--ref", "sagsnummer"]),
    (["2026-0001", "--ref", "DT-1"], ["--sent"]),
    (["2026-0009", "--ref", "DT-1", "--sent", "i dag"], ["ingen sag har nummeret »2026-0009«"]),
    (["2025-0001", "--ref", "DT-1", "--sent", "i dag"], ["ingen sag"]),
    (["syv", "--ref", "DT-1", "--sent", "i dag"], ["ingen sag"]),
])
def test_forward_refuses_with_one_line_and_writes_nothing(cli, tickets, db_path, args, words):
    before = journal(db_path)
    one_line_refusal(cli("ticket", "forward", *args), *words)
    assert journal(db_path) == before and listed_ticket(cli, "2026-0001")["status"] == "new"


def test_status_takes_a_code_or_a_danish_name_and_follows_the_allowed_moves(cli, tickets):
    result = cli("ticket", "status", "2026-1", "åben", "--on", "19.11.2026")
    assert result.code == 0 and result.out == "Sag 2026-0001: ny → åben (19.11.2026)\n"
    assert cli("ticket", "status", "1", "resolved", "--comment", "Rettet i 4.2").code == 0
    assert cli("ticket", "status", "#1", "Lukket").code == 0
    assert listed_ticket(cli, "2026-0001")["status"] == "closed"
    out = cli("ticket", "show", "2026-0001").out
    assert "status: åben → løst: Rettet i 4.2" in out and "status: løst → lukket" in out
    assert cli("ticket", "status", "2026-0002", "hos leverandøren").code == 0


@pytest.mark.parametrize("args, words", [
    (["2026-0002", "løst", "--on", "24.11.2026"], ["24.11.2026 ligger før sagen blev oprettet (25.11.2026)"]),
    (["2026-0002", "ny"], ["kan ikke gå fra »ny« til »ny«", "mulige: åben, hos leverandøren, løst, lukket"]),
    (["2026-0002", "parkeret"], ["»parkeret« er ikke en status", "hos leverandøren"]),
    (["2026-0002", "åben", "--on", "i morgen"], ["ligger efter i dag"]),
    (["2026-0002", "åben", "--comment", "a\x1bb"], ["--comment"]),
    (["2026-0002"], ["STATUS"]),
])
def test_status_refuses_with_one_line_and_writes_nothing(cli, tickets, db_path, args, words):
    before = journal(db_path)
    one_line_refusal(cli("ticket", "status", *args), *words)
    assert journal(db_path) == before and listed_ticket(cli, "2026-0002")["status"] == "new"


def test_a_closed_ticket_can_only_be_reopened(cli, tickets):
    assert cli("ticket", "status", "2026-0002", "lukket").code == 0
    one_line_refusal(cli("ticket", "status", "2026-0002", "løst"), "mulige: åben")
    one_line_refusal(cli("ticket", "forward", "2026-0002", "--ref", "DT-2", "--sent", "i dag"),
                     "kan ikke gå fra »lukket« til »hos leverandøren«")


def test_ticket_show_json_reuses_the_list_keys_and_has_the_timeline(cli, tickets):
    assert cli("ticket", "forward", "2026-0001", "--ref", "DT-9", "--sent", "20.11.2026").code == 0
    data = json.loads(cli("ticket", "show", "2026-0001", "--json").out)
    assert {k: data[k] for k in TICKET_KEYS} == listed_ticket(cli, "2026-0001")
    assert set(data) == TICKET_KEYS | {"priority", "description", "assignee", "closed", "sent", "promised",
                                       "promise_passed", "hours", "timeline"}
    assert [e["kind"] for e in data["timeline"]] == ["created", "forwarded"]
    assert all(set(e) == {"at", "local", "author", "kind", "old_status", "new_status", "text"}
               for e in data["timeline"])
    forwarded = data["timeline"][1]
    assert forwarded["at"] == "2026-11-20 11:00:00" and forwarded["local"] == "2026-11-20T12:00:00+01:00"
    assert (forwarded["old_status"], forwarded["new_status"]) == ("new", "with_supplier")
    text = cli("ticket", "show", "2026-0001").out
    assert text.startswith("Kan ikke godkende\n2026-0001 · fejl · normal · hos leverandøren\n")
    assert "20.11.2026 kl. 12.00" in text and "sendt til leverandøren: Sendt til Dansk Telemedicin, sag DT-9" in text


def test_ticket_show_refuses_an_unknown_number(cli, tickets):
    one_line_refusal(cli("ticket", "show", "2026-0042"), "ingen sag har nummeret »2026-0042«")
    one_line_refusal(cli("ticket", "show", "42"), "ingen sag")

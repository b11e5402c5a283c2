"""The registers on the command line (issue 19): `logbog specialty`, `courseleader`, `document` and
`contract` with the JSON keys the issue states, one-line refusals (exit 2, nothing written), dates
before the organisation's start, and hostile text stored and printed as typed."""

from __future__ import annotations

import json

import pytest

from logbog_tui.storage.db import connect
from logbog_tui.storage.specialty_seed import SPECIALTIES

from .conftest import add_leader

SPECIALTY_KEYS = {"id", "name", "edition_in_force", "approved", "effective", "loaded", "pending", "days_waiting"}


def count(db_path, table: str) -> int:
    conn = connect(db_path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def refused(result) -> None:
    """Exit 2 with one line on standard error and nothing on standard output."""
    assert result.code == 2, (result.out, result.err)
    assert result.err.startswith("logbog: ") and result.err.count("\n") == 1 and not result.out


# --- specialty ---------------------------------------------------------------------------------

def test_specialty_list_json_has_the_39_with_the_issues_keys(cli):
    result = cli("specialty", "list", "--json")
    assert result.code == 0
    rows = json.loads(result.out)
    assert [r["name"] for r in rows] == sorted(SPECIALTIES, key=lambda n: n.replace("æ", "{"))  # Danish order
    assert len(rows) == 39 and all(set(r) == SPECIALTY_KEYS for r in rows)
    assert rows[0] == {"id": 1, "name": "Akutmedicin", "edition_in_force": None, "approved": None, "effective": None,
                       "loaded": None, "pending": False, "days_waiting": None}


def test_a_pending_malbeskrivelse_is_in_specialty_list_pending_json(cli, db_path):
    """Approved 01.10.2026 and not loaded: waiting 55 days on 25.11.2026; once loaded it is gone."""
    r = cli("specialty", "version", "kardiologi", "--approved", "01.10.2026", "--effective", "1.1.2027",
            "--edition", "2026")
    assert r.code == 0, r.err
    assert "Intern medicin: kardiologi 2026" in r.out and "55 dage" in r.out
    (row,) = json.loads(cli("specialty", "list", "--pending", "--json").out)
    assert row == {"id": 13, "name": "Intern medicin: kardiologi", "edition_in_force": None,
                   "approved": "2026-10-01", "effective": "2027-01-01", "loaded": None, "pending": True,
                   "days_waiting": 55}
    done = cli("specialty", "loaded", "kardio", "--on", "i dag")
    assert done.code == 0 and "indlæst i logbog.net 25.11.2026" in done.out
    assert json.loads(cli("specialty", "list", "--pending", "--json").out) == []
    assert "Ingen målbeskrivelse venter" in cli("specialty", "list", "--pending").out


def test_an_old_malbeskrivelse_before_the_organisations_start_is_taken(cli):
    r = cli("specialty", "version", "Kirurgi", "--approved", "01.02.2004", "--loaded", "15.02.2004")
    assert r.code == 0, r.err
    (row,) = [x for x in json.loads(cli("specialty", "list", "--json").out) if x["name"] == "Kirurgi"]
    assert row["edition_in_force"] == "01.02.2004" and row["loaded"] == "2004-02-15" and not row["pending"]
    # the same date is refused for hours: only the registers take older dates
    assert cli("log", "1", "--area", "PL1", "--date", "01.02.2004", "--person", "x").code == 2


@pytest.mark.parametrize("args", [
    ("specialty", "version", "Kirurgi", "--approved", "31.02.2026"),       # no such day
    ("specialty", "version", "Kirurgi", "--approved", "1.1.0024"),          # a typing error, not history
    ("specialty", "version", "intern", "--approved", "1.1.2026"),           # nine specialties match
    ("specialty", "version", "Tandpleje", "--approved", "1.1.2026"),        # none matches
    ("specialty", "version", "Kirurgi", "--approved", "1.1.2026", "--edition", "x" * 101),
    ("specialty", "version", "Kirurgi"),                                     # --approved is required
    ("specialty", "loaded", "Kirurgi", "--on", "i dag"),                    # no version to mark
    ("specialty", "add", "Kirurgi"),                                         # exists already
])
def test_bad_specialty_arguments_are_one_line_and_write_nothing(cli, db_path, args):
    refused(cli(*args))
    assert count(db_path, "curriculum") == 0 and count(db_path, "specialty") == 39


def test_a_specialty_can_be_added_and_ended(cli):
    r = cli("specialty", "add", "Tandlægevidenskab (fiktiv)", "--from", "1.1.2027")
    assert r.code == 0 and "Speciale 40" in r.out
    ended = cli("specialty", "end", "Retsmedicin", "--on", "31.12.2025")
    assert ended.code == 0 and "ophørt 31.12.2025" in ended.out
    names = [r["name"] for r in json.loads(cli("specialty", "list", "--json").out)]
    assert "Retsmedicin" not in names and "Tandlægevidenskab (fiktiv)" in names and len(names) == 39
    assert "Retsmedicin" in [r["name"] for r in json.loads(cli("specialty", "list", "--all", "--json").out)]


def test_specialty_list_in_english(cli):
    cli("specialty", "version", "Urologi", "--approved", "1.11.2026")
    out = cli("--lang", "en", "specialty", "list").out
    assert "Urologi" in out and "waiting: 01.11.2026 approved 01.11.2026, not loaded (24 days)" in out


# --- courseleader ------------------------------------------------------------------------------

LEADER_KEYS = {"id", "specialty_id", "specialty", "region", "role", "person_id", "name", "email", "from", "to",
               "entered", "pending"}


def test_a_new_main_course_leader_ends_the_one_before_and_waits_to_be_entered(cli):
    r = cli("courseleader", "set", "Urologi", "--region", "Øst", "--main", "Overlæge Anne Fiktiv",
            "--email", "anne@example.org", "--from", "1.1.2015", "--entered", "5.1.2015")
    assert r.code == 0, r.err
    assert "Overlæge Anne Fiktiv (uden for registret), hovedkursusleder for Urologi, Øst, fra 01.01.2015" in r.out
    r = cli("courseleader", "set", "urologi", "--region", "ost", "--main", "Overlæge Bo Fiktiv", "--from", "1.11.2026")
    assert r.code == 0 and "Husk at indføre" in r.out
    rows = json.loads(cli("courseleader", "list", "--all", "--json").out)
    assert all(set(x) == LEADER_KEYS for x in rows)
    anne, bo = rows
    assert (anne["name"], anne["to"], anne["pending"], anne["email"]) == ("Overlæge Anne Fiktiv", "2026-10-31", False,
                                                                        "anne@example.org")
    assert (bo["region"], bo["role"], bo["from"], bo["entered"], bo["pending"]) == ("ost", "main", "2026-11-01", None,
                                                                                    True)
    (pending,) = json.loads(cli("courseleader", "list", "--pending", "--json").out)
    assert pending["id"] == bo["id"]
    done = cli("courseleader", "entered", str(bo["id"]), "--on", "i dag")
    assert done.code == 0 and "indført i logbog.net 25.11.2026" in done.out
    assert json.loads(cli("courseleader", "list", "--pending", "--json").out) == []


def test_a_course_leader_from_the_register_is_linked_to_the_person(cli, db_path):
    pid = add_leader(db_path, email="lone@example.org")
    r = cli("courseleader", "set", "Akutmedicin", "--region", "Nord", "--sub", "Lone", "--from", "1.9.2026")
    assert r.code == 0 and "Lone Leder (i registret), delkursusleder" in r.out
    (row,) = json.loads(cli("courseleader", "list", "--specialty", "Akut", "--region", "Nord", "--json").out)
    assert (row["person_id"], row["email"], row["role"]) == (pid, "lone@example.org", "sub")
    assert json.loads(cli("courseleader", "list", "--region", "Syd", "--json").out) == []


@pytest.mark.parametrize("args", [
    ("courseleader", "set", "Urologi", "--region", "Vest", "--main", "X", "--from", "1.1.2026"),
    ("courseleader", "set", "Urologi", "--region", "Nord", "--main", "X", "--sub", "Y", "--from", "1.1.2026"),
    ("courseleader", "set", "Urologi", "--region", "Nord", "--main", "X"),
    ("courseleader", "set", "Urologi", "--region", "Nord", "--main", "X", "--from", "1.1.2026", "--email", "nej"),
    ("courseleader", "set", "Urologi", "--region", "Nord", "--main", "X", "--from", "2.1.2026", "--to", "x"),
    ("courseleader", "entered", "99", "--on", "i dag"),
    ("courseleader", "entered", "abc", "--on", "i dag"),
    ("courseleader", "list", "--region", "Vest"),
])
def test_bad_courseleader_arguments_are_one_line_and_write_nothing(cli, db_path, args):
    refused(cli(*args))
    assert count(db_path, "course_leader") == 0


def test_a_main_leader_before_a_later_one_is_refused(cli, db_path):
    assert cli("courseleader", "set", "Urologi", "--region", "Nord", "--main", "B", "--from", "1.6.2026").code == 0
    r = cli("courseleader", "set", "Urologi", "--region", "Nord", "--main", "A", "--from", "1.1.2026")
    refused(r)
    assert "01.06.2026" in r.err and count(db_path, "course_leader") == 1


# --- document ----------------------------------------------------------------------------------

DOCUMENT_KEYS = {"id", "title", "audience", "version", "published", "owner", "next_review", "last_reviewed", "link",
                 "due"}


def test_documents_due_for_review_and_a_review(cli):
    r = cli("document", "add", "Vejledning til vejledere", "--audience", "vejledere", "--version", "3.1",
            "--published", "1.3.2019", "--review", "1.10.2026", "--owner", "Projektlederen")
    assert r.code == 0 and "Vejledning 1" in r.out
    assert cli("document", "add", "FAQ", "--audience", "all", "--review", "1.1.2027").code == 0
    rows = json.loads(cli("document", "list", "--json").out)
    assert all(set(x) == DOCUMENT_KEYS for x in rows) and [x["due"] for x in rows] == [True, False]
    assert rows[0]["audience"] == "supervisors" and rows[0]["published"] == "2019-03-01"
    (due,) = json.loads(cli("document", "list", "--due", "--json").out)
    assert due["title"] == "Vejledning til vejledere"
    assert "⚠ skulle være gennemset 01.10.2026" in cli("document", "list").out
    done = cli("document", "reviewed", "1")
    assert done.code == 0 and "næste gang senest 25.11.2027" in done.out
    assert json.loads(cli("document", "list", "--due", "--json").out) == []
    reviewed = {x["id"]: x for x in json.loads(cli("document", "list", "--json").out)}[1]
    assert (reviewed["last_reviewed"], reviewed["next_review"]) == ("2026-11-25", "2027-11-25")


@pytest.mark.parametrize("args", [
    ("document", "add", "X", "--audience", "patienter"),
    ("document", "add", " ", "--audience", "alle"),
    ("document", "add", "X" * 301, "--audience", "alle"),
    ("document", "add", "X", "--audience", "alle", "--review", "i overmorgen om lidt"),
    ("document", "add", "Evil\x1b]0;PWNED\x07", "--audience", "alle"),
    ("document", "reviewed", "7"),
])
def test_bad_document_arguments_are_one_line_and_write_nothing(cli, db_path, args):
    r = cli(*args)
    refused(r)
    assert "\x1b" not in r.err and count(db_path, "document") == 0 and count(db_path, "document_review") == 0


def test_hostile_text_is_stored_and_printed_as_typed(cli, db_path):
    title = "=1+1 | [b]fed[/b] <i>"
    note = "n" * 500
    assert cli("document", "add", title, "--audience", "alle", "--note", note, "--owner", "@SUM(A1)").code == 0
    out = cli("document", "list").out
    assert "=1+1 | [b]fed[/b] <i>" in out
    (row,) = json.loads(cli("document", "list", "--json").out)
    assert row["title"] == title and row["owner"] == "@SUM(A1)"
    conn = connect(db_path)
    assert conn.execute("SELECT note FROM document").fetchone()[0] == note
    conn.close()


# --- contract ----------------------------------------------------------------------------------

CONTRACT_KEYS = {"id", "title", "party", "signed", "from", "to", "notice_months", "renewal_months", "owner",
                 "reference", "successor_id", "term_end", "notice_by", "ended", "notice_soon", "lacks_successor"}


def test_contracts_with_their_term_notice_and_successor(cli):
    r = cli("contract", "add", "Leverandørkontrakt", "--party", "Dansk Telemedicin", "--signed", "20.11.2012",
            "--from", "1.1.2013", "--to", "31.12.2016", "--renewal", "12", "--notice", "6")
    assert r.code == 0 and "Kontrakt 1" in r.out
    assert cli("contract", "add", "Serviceaftale", "--party", "DT", "--from", "1.1.2024", "--to", "31.03.2027",
               "--notice", "3").code == 0
    assert cli("contract", "add", "Testmiljø", "--party", "Hosting ApS", "--to", "31.10.2026").code == 0
    rows = {r["title"]: r for r in json.loads(cli("contract", "list", "--json").out)}
    assert all(set(x) == CONTRACT_KEYS for x in rows.values())
    supplier = rows["Leverandørkontrakt"]
    assert (supplier["term_end"], supplier["notice_by"], supplier["ended"]) == ("2027-12-31", "2027-06-30", False)
    service = rows["Serviceaftale"]
    assert service["notice_by"] == "2026-12-31" and service["notice_soon"]          # 36 days from 25.11.2026
    assert rows["Testmiljø"]["ended"] and rows["Testmiljø"]["lacks_successor"]
    out = cli("contract", "list").out
    assert "⚠ udløbet 31.10.2026 uden afløser" in out and "⚠ løber til 31.03.2027; opsig senest 31.12.2026" in out
    assert cli("contract", "add", "Testmiljø 2", "--party", "Hosting ApS", "--successor-of", "3").code == 0
    rows = {r["title"]: r for r in json.loads(cli("contract", "list", "--json").out)}
    assert rows["Testmiljø"]["successor_id"] == 4 and not rows["Testmiljø"]["lacks_successor"]


@pytest.mark.parametrize("args", [
    ("contract", "add", "X", "--party", "P", "--notice", "tre"),
    ("contract", "add", "X", "--party", "P", "--renewal", "0"),
    ("contract", "add", "X", "--party", "P", "--from", "1.1.2026", "--to", "1.1.2025"),
    ("contract", "add", "X", "--party", " "),
    ("contract", "add", "X", "--party", "P", "--successor-of", "9"),
    ("contract", "add", "X"),
])
def test_bad_contract_arguments_are_one_line_and_write_nothing(cli, db_path, args):
    refused(cli(*args))
    assert count(db_path, "contract") == 0


def test_every_register_change_is_one_journal_entry_and_can_be_undone(cli, db_path):
    assert cli("specialty", "version", "Urologi", "--approved", "1.11.2026").code == 0
    (entry,) = json.loads(cli("history", "--json").out)[:1]
    assert entry["tables"] == ["curriculum"] and entry["origin"] == "logbog specialty version"
    assert cli("undo", "--yes").code == 0
    assert count(db_path, "curriculum") == 0

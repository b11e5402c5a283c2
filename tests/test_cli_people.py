"""The command line's people and seats: `person add|list|show`, `appoint`, `substitute`,
`membership end`, `composition` (issue 17, part 2). What a user or a script sees: the lines, the
JSON keys, exit status 2 with one line and nothing written for bad input, and one journal entry
(one `undo`) per command."""

from __future__ import annotations

import json
from datetime import date

import pytest

from logbog_tui.storage import memberships, people
from logbog_tui.storage.db import connect

MEMBERSHIP_KEYS = {"membership_id", "body", "seat", "seat_code", "role", "from", "to", "substitute_for", "ref",
                   "current"}
PERSON_KEYS = {"id", "name", "organisation", "title", "email", "phone", "current", "seats"}


def count(db_path, table: str) -> int:
    conn = connect(db_path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def seat_id(db_path, body: str, **where) -> int:
    (key, value), = where.items()
    conn = connect(db_path)
    try:
        return conn.execute(f"SELECT id FROM seat WHERE body_code = ? AND {key} = ?", (body, value)).fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def org(db_path):
    """Lone Leder (project leader), Jens Jensen (Region Midtjylland and VUS Nord's seat in the
    follow-up group), Mette Møller (Region Sjælland, to 31.12.2026), Søren Sup (substitute for
    Jens's region seat), Frede Før (Region Syddanmark 2020-2023: a former member), Nina Ny (no seat)."""
    conn = connect(db_path)
    ids = {}
    for key, name in (("lone", "Lone Leder"), ("jens", "Jens Jensen"), ("mette", "Mette Møller"),
                      ("sub", "Søren Sup"), ("frede", "Frede Før"), ("nina", "Nina Ny")):
        ids[key] = people.create(conn, people.PersonDraft(name=name))

    def hold(who: str, start: date, end: date | None = None, role: str = "member", **seat) -> int:
        return memberships.appoint(conn, ids[who], seat_id(db_path, "folgegruppe", **seat), start, end, role)

    hold("lone", date(2020, 1, 1), role="chair_secretary", kind="project_leader")
    ids["jens_region"] = hold("jens", date(2020, 1, 1), region_code="midtjylland")
    hold("jens", date(2020, 1, 1), edu_region_code="nord")
    ids["mette_region"] = hold("mette", date(2024, 1, 1), region_code="sjaelland")
    memberships.appoint_substitute(conn, ids["sub"], ids["jens_region"], date(2024, 1, 1), None)
    hold("frede", date(2020, 1, 1), date(2023, 12, 31), region_code="syddanmark")
    conn.close()
    return ids


def one_line_refusal(result, *words: str) -> None:
    assert result.code == 2, (result.out, result.err)
    assert result.out == "" and result.err.count("\n") == 1 and result.err.startswith("logbog: "), result.err
    for word in words:
        assert word in result.err, result.err


# --- person add ------------------------------------------------------------------------------

def test_person_add_prints_the_new_id_and_name(cli, db_path):
    result = cli("person", "add", "Birgitte Nyholm", "--org", "VUS Nord", "--title", "Konsulent",
                 "--email", "bn@example.org", "--phone", "+45 12 34 56 78")
    assert result.code == 0, result.err
    assert result.out == "Person #1 oprettet: Birgitte Nyholm\n"
    shown = json.loads(cli("person", "list", "--json").out)
    assert shown == [{"id": 1, "name": "Birgitte Nyholm", "organisation": "Sekretariatet for Lægelig "
                      "Videreuddannelse Nord", "title": "Konsulent", "email": "bn@example.org",
                      "phone": "+45 12 34 56 78", "current": True, "seats": []}]


def test_person_add_json_is_the_person_as_list_gives_it(cli):
    data = json.loads(cli("person", "add", "Nina Ny", "--org", "SST", "--json").out)
    assert set(data) == PERSON_KEYS and data["organisation"] == "Sundhedsstyrelsen" and data["seats"] == []


@pytest.mark.parametrize("args, words", [
    (["Ida", "--email", "ida@nowhere"], ["--email", "e-mailadresse"]),
    (["Ida", "--phone", "1234"], ["--phone", "dansk nummer"]),
    (["Ida", "--title", "x" * 201], ["--title", "højst 200 tegn"]),
    (["   "], ["NAME", "navnet skal udfyldes"]),
    (["Ida\x1b[2J"], ["styretegn"]),
    (["Ida", "--org", "Ukendt Organisation"], ["ingen organisation", "Ukendt Organisation"]),
    (["Ida", "--org", "Region"], ["passer til flere"]),
])
def test_person_add_refuses_what_the_form_refuses(cli, db_path, args, words):
    one_line_refusal(cli("person", "add", *args), *words)
    assert count(db_path, "person") == 0 and count(db_path, "journal") == 0


def test_hostile_text_is_stored_and_printed_as_typed(cli):
    name = "=1+1 | [b]Bold[/b] `rm`"
    assert cli("person", "add", name).code == 0
    assert name in cli("person", "list").out
    assert json.loads(cli("person", "show", "=1+1", "--json").out)["name"] == name


# --- person list, show ----------------------------------------------------------------------

def test_person_list_shows_what_the_members_screen_shows(cli, org):
    out = cli("person", "list").out
    assert "Frede Før" not in out  # a former member: only with --all, as `f` on the Members screen
    assert "Nina Ny" in out  # no seat yet: listed (a new person is not "former")
    assert "FG: Region Midtjylland; FG: Videreuddannelsesregion Nord" in out
    assert "FG: Region Midtjylland (suppleant)" in out
    every = cli("person", "list", "--all").out
    assert "Frede Før (tidligere)" in every
    assert len(every.splitlines()) == len(out.splitlines()) + 1


def test_person_list_json_has_each_current_seat(cli, org):
    data = {p["name"]: p for p in json.loads(cli("person", "list", "--all", "--json").out)}
    assert all(set(p) == PERSON_KEYS for p in data.values())
    assert all(set(s) == MEMBERSHIP_KEYS for p in data.values() for s in p["seats"])
    assert data["Frede Før"]["current"] is False and data["Frede Før"]["seats"] == []
    jens = data["Jens Jensen"]["seats"]
    assert [(s["body"], s["seat"], s["seat_code"], s["from"], s["to"]) for s in jens] == [
        ("folgegruppe", "Region Midtjylland", "midtjylland", "2020-01-01", None),
        ("folgegruppe", "Videreuddannelsesregion Nord", "nord", "2020-01-01", None)]
    sub = data["Søren Sup"]["seats"][0]
    assert sub["substitute_for"] == {"membership_id": org["jens_region"], "person_id": org["jens"],
                                     "person": "Jens Jensen"}
    lone = data["Lone Leder"]["seats"][0]
    assert lone["seat_code"] == "project_leader" and lone["role"] == "chair_secretary"
    assert data["Mette Møller"]["seats"][0]["to"] == "2026-12-31"  # "until further notice" ends with the seat


def test_person_show_lists_every_membership_and_the_years_hours(cli, org):
    assert cli("log", "2", "--person", "Jens", "--area", "FG2", "--date", "24.11.2026").code == 0
    assert cli("log", "1", "--person", "Jens", "--area", "FG1", "--support", "--date", "24.11.2026").code == 0
    data = json.loads(cli("person", "show", "Jens", "--json").out)
    assert set(data) == PERSON_KEYS | {"memberships", "hours"}
    assert [m["seat_code"] for m in data["memberships"]] == ["midtjylland", "nord"]
    assert data["hours"]["total"] == 3 and data["hours"]["support"] == 1
    assert {a["area_code"]: a["hours"] for a in data["hours"]["by_area"]} == {"FG2": 2, "FG1": 1}
    assert data["hours"]["budget"]["used"] == 2 and data["hours"]["budget"]["budget"] == 74
    former = json.loads(cli("person", "show", "Frede", "--json").out)
    assert former["current"] is False and former["seats"] == []
    assert [(m["from"], m["to"], m["current"]) for m in former["memberships"]] == [("2020-01-01", "2023-12-31", False)]
    text = cli("person", "show", "Jens").out
    assert "Følgegruppen: Region Midtjylland  01.01.2020–…" in text
    assert "Timer 2026 til og med 25.11.2026: 3 t (heraf support 1 t)" in text
    assert "Følgegruppebudget: 2 t af 74 t brugt" in text


def test_person_show_refuses_an_unknown_or_ambiguous_name(cli, org):
    one_line_refusal(cli("person", "show", "Zorro"), "ingen person")
    one_line_refusal(cli("person", "show", "e"), "passer til flere")


# --- appoint --------------------------------------------------------------------------------

def test_appoint_by_region_name_and_undo_removes_the_membership(cli, org, db_path):
    result = cli("appoint", "Nina", "--seat", "Østdanmark", "--from", "01.01.2027", "--ref", "SG 12.03.2026, pkt. 4")
    assert result.code == 0, result.err
    mid = count(db_path, "membership")
    assert result.out == (f"Medlemskab #{mid}: Nina Ny er udpeget til Følgegruppen: Region Østdanmark "
                          "01.01.2027–…\n")
    history = json.loads(cli("history", "--limit", "1", "--json").out)[0]
    assert history["origin"] == "logbog appoint" and history["tables"] == ["membership"]
    undone = cli("undo", "--yes")
    assert undone.code == 0, undone.err
    assert count(db_path, "membership") == mid - 1
    assert "Nina Ny" not in cli("composition", "--on", "01.01.2027").out


@pytest.mark.parametrize("seat, body, label", [
    ("VUS Nord", "styregruppe", "Chef, Sekretariatet for Lægelig Videreuddannelse Nord"),
    ("syd", "følgegruppe", "Videreuddannelsesregion Syd"),
    ("DK-81", "fg", "Region Nordjylland"),
    ("nordjylland", "følgegruppe", "Region Nordjylland"),
    ("sst", "sg", "Sundhedsstyrelsen"),
    ("danske", "styregruppe", "Danske Regioner"),
])
def test_a_seat_is_named_by_region_secretariat_code_or_part(cli, org, seat, body, label):
    result = cli("appoint", "Nina", "--seat", seat, "--body", body, "--from", "2026-12-01", "--role", "chair")
    assert result.code == 0, result.err
    assert f": {label} 01.12.2026–…, formand" in result.out


@pytest.mark.parametrize("args, words", [
    (["--seat", "Midtjylland", "--from", "01.12.2026"], ["allerede besat af Jens Jensen 01.01.2020–…"]),
    (["--seat", "Hovedstaden", "--from", "01.02.2027"], ["Region Hovedstaden findes kun 01.01.2017–31.12.2026"]),
    (["--seat", "Øst", "--from", "01.02.2027"], ["passer til flere", "Region Østdanmark",
                                                 "Videreuddannelsesregion Øst"]),
    (["--seat", "Atlantis", "--from", "01.02.2027"], ["ingen plads", "Atlantis"]),
    (["--seat", "Østdanmark", "--from", "01.02.2027", "--to", "01.01.2027"], ["--to", "før startdatoen"]),
    (["--seat", "Østdanmark", "--from", "31.02.2027"], ["findes ikke"]),
    (["--seat", "Østdanmark", "--from", "01.02.2027", "--ref", "a\x07b"], ["--ref"]),
    (["--seat", "Østdanmark", "--from", "01.02.2027", "--role", "boss"], ["--role"]),
    (["--seat", "Østdanmark", "--from", "01.02.2027", "--body", "bestyrelsen"], ["--body"]),
    (["--seat", "Østdanmark"], ["--from"]),
])
def test_appoint_refuses_with_one_line_and_writes_nothing(cli, org, db_path, args, words):
    before = count(db_path, "journal")
    one_line_refusal(cli("appoint", "Nina", *args), *words)
    assert count(db_path, "journal") == before


def test_a_person_may_hold_a_region_and_a_secretariat_seat(cli, org):
    assert cli("appoint", "Nina", "--seat", "Østdanmark", "--from", "01.01.2027").code == 0
    assert cli("appoint", "Nina", "--seat", "VUS Øst", "--from", "01.01.2027").code == 0
    out = cli("composition", "--body", "fg", "--on", "01.01.2027").out
    assert [line.split("  ")[1].strip() for line in out.splitlines() if "Nina Ny" in line] == [
        "Region Østdanmark", "Videreuddannelsesregion Øst"]


# --- substitute, membership end ------------------------------------------------------------

def test_substitute_serves_at_most_as_long_as_the_member(cli, org, db_path):
    result = cli("substitute", "Nina", "--for", "Mette", "--from", "01.12.2026")
    assert result.code == 0, result.err
    assert result.out.endswith("Nina Ny er suppleant for Mette Møller (Følgegruppen: Region Sjælland) "
                               "01.12.2026–31.12.2026\n")
    one_line_refusal(cli("substitute", "Nina", "--for", "Mette", "--from", "02.12.2026"), "allerede suppleant")


def test_substitute_for_a_member_with_two_seats_needs_the_seat(cli, org):
    one_line_refusal(cli("substitute", "Nina", "--for", "Jens", "--from", "01.12.2026"),
                     "Jens Jensen har flere pladser", "--seat")
    result = cli("substitute", "Nina", "--for", "Jens", "--seat", "Videreuddannelsesregion", "--from", "01.12.2026")
    assert result.code == 0 and "(Følgegruppen: Videreuddannelsesregion Nord) 01.12.2026–…" in result.out


@pytest.mark.parametrize("args, words", [
    (["Nina", "--for", "Nina", "--from", "01.12.2026"], ["sin egen suppleant"]),
    (["Nina", "--for", "Lone", "--from", "01.12.2026"], ["Lone Leder har ingen plads"]),
    (["Nina", "--for", "Frede", "--from", "01.12.2026"], ["Frede Før har ingen plads fra 01.12.2026"]),
    (["Nina", "--for", "Mette", "--from", "01.12.2026", "--to", "01.11.2026"], ["--to", "før startdatoen"]),
    (["Nina", "--for", "Mette", "--from", "01.12.2026", "--to", "01.06.2027"], ["Mette Møller er kun medlem"]),
    (["Nina", "--for", "Zorro", "--from", "01.12.2026"], ["ingen person"]),
])
def test_substitute_refuses_with_one_line_and_writes_nothing(cli, org, db_path, args, words):
    before = count(db_path, "journal")
    one_line_refusal(cli("substitute", *args), *words)
    assert count(db_path, "journal") == before


def test_membership_end_ends_the_substitutes_too(cli, org, db_path):
    result = cli("membership", "end", str(org["jens_region"]), "--last-day", "30.11.2026")
    assert result.code == 0, result.err
    assert result.out == (f"Medlemskab #{org['jens_region']} (Jens Jensen, Følgegruppen: Region Midtjylland): "
                          "Medlemskabet slutter 30.11.2026; 1 suppleant slutter samtidig\n")
    on = json.loads(cli("composition", "--body", "følgegruppe", "--on", "01.12.2026", "--json").out)
    midt = next(s for s in on["bodies"][0]["seats"] if s["seat_code"] == "midtjylland")
    assert midt["vacant"] is True and midt["holder"] is None and midt["substitutes"] == []
    assert json.loads(cli("history", "--limit", "1", "--json").out)[0]["origin"] == "logbog membership end"


@pytest.mark.parametrize("args, words", [
    (["abc", "--last-day", "30.11.2026"], ["»abc« er ikke et medlemskabs id"]),
    (["999", "--last-day", "30.11.2026"], ["medlemskabet findes ikke"]),
    (["2", "--last-day", "31.12.2019"], ["før startdatoen"]),
    (["2", "--last-day", "32.12.2026"], ["--last-day", "findes ikke"]),
    (["2"], ["--last-day"]),
])
def test_membership_end_refuses_with_one_line_and_writes_nothing(cli, org, db_path, args, words):
    before = count(db_path, "journal")
    one_line_refusal(cli("membership", "end", *args), *words)
    assert count(db_path, "journal") == before


# --- composition ----------------------------------------------------------------------------

def test_composition_after_the_merger_has_oestdanmark_and_a_vacancy(cli, org):
    out = cli("composition", "--on", "01.01.2027").out
    fg = out[out.index("Følgegruppen 01.01.2027"):]
    assert "Region Østdanmark" in fg and "Hovedstaden" not in fg and "Sjælland" not in fg
    assert "Styregruppen 01.01.2027" in out  # both bodies, as the composition view shows them
    line = next(x for x in fg.splitlines() if "Region Østdanmark" in x)
    assert line.split()[-1] == "LEDIG"
    midt = next(x for x in fg.splitlines() if "Region Midtjylland" in x)
    assert "Jens Jensen" in midt and midt.endswith("suppleant: Søren Sup")
    leader = next(x for x in fg.splitlines() if "Projektleder" in x)
    assert leader.endswith("Lone Leder, formand og sekretær")
    today = cli("composition", "--body", "fg").out
    assert "Følgegruppen 25.11.2026" in today and "Mette Møller (til 31.12.2026)" in today
    assert "Styregruppen" not in today


def test_composition_json_shape(cli, org):
    data = json.loads(cli("composition", "--on", "2026-11-25", "--json").out)
    assert set(data) == {"date", "bodies"} and data["date"] == "2026-11-25"
    assert [b["body"] for b in data["bodies"]] == ["styregruppe", "folgegruppe"]
    seats = data["bodies"][1]["seats"]
    assert all(set(s) == {"seat_id", "seat", "seat_code", "kind", "vacant", "holder", "substitutes"} for s in seats)
    midt = next(s for s in seats if s["seat_code"] == "midtjylland")
    assert midt["holder"] == {"membership_id": org["jens_region"], "person_id": org["jens"], "person": "Jens Jensen",
                              "role": "member", "from": "2020-01-01", "to": None}
    assert [set(x) for x in midt["substitutes"]] == [{"membership_id", "person_id", "person", "from", "to"}]
    assert [s["seat_code"] for s in seats if s["vacant"]] == ["nordjylland", "syddanmark", "hovedstaden", "syd", "ost"]
    only = json.loads(cli("composition", "--body", "styregruppe", "--json").out)
    assert [b["body"] for b in only["bodies"]] == ["styregruppe"]


@pytest.mark.parametrize("args, words", [
    (["--on", "31.02.2026"], ["findes ikke"]),
    (["--body", "bestyrelsen"], ["--body"]),
])
def test_composition_refuses_a_bad_argument(cli, org, args, words):
    one_line_refusal(cli("composition", *args), *words)

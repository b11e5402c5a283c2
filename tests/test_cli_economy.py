"""The economy on the command line (issue 20): `logbog economy [--year] [--json]`, `economy key`,
`economy line add`, `economy rate` and `posting add`, with the JSON keys the issue states, one-line
refusals (exit 2, nothing written), the demo's 2027 key with Region Østdanmark, the journal and
dump/load."""

from __future__ import annotations

import json

import pytest

from logbog_tui.storage.db import connect

from .conftest import TODAY

LINE_KEYS = {"kind", "name", "budget", "spent", "committed", "remaining", "forecast", "status"}
SHARE_KEYS = {"region_code", "region_name", "share", "amount"}


def count(db_path, table: str) -> int:
    conn = connect(db_path)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


def as_json(result) -> dict:
    assert result.code == 0, result.err
    return json.loads(result.out)


def refused(result) -> None:
    assert result.code == 2, (result.out, result.err)
    assert result.err.startswith("logbog: ") and result.err.count("\n") == 1 and not result.out


def test_demo_2027_has_oestdanmarks_share(cli, demo):
    data = as_json(cli("economy", "--year", "2027", "--json", db=demo))
    assert data["year"] == 2027
    assert all(LINE_KEYS <= set(line) for line in data["lines"]) and data["lines"]
    assert all(SHARE_KEYS <= set(s) for s in data["shares"])
    by_code = {s["region_code"]: s for s in data["shares"]}
    assert set(by_code) == {"nordjylland", "midtjylland", "syddanmark", "oestdanmark"}  # 4 regions from 2027
    assert by_code["oestdanmark"]["region_name"] == "Region Østdanmark"
    assert by_code["oestdanmark"]["share"] == "0.4664"
    assert sum(s["amount"] for s in data["shares"]) == data["total"]
    assert sum(s["budget_amount"] for s in data["shares"]) == sum(line["budget"] for line in data["lines"])
    for value in [data["total"], data["hours_value"], *(s["amount"] for s in data["shares"]),
                  *(line[k] for line in data["lines"] for k in ("budget", "spent", "committed", "remaining"))]:
        assert type(value) is int


def test_demo_this_year_has_five_regions_and_shares_add_up(cli, demo):
    data = as_json(cli("economy", "--json", db=demo))
    assert data["year"] == TODAY.year
    assert {s["region_code"] for s in data["shares"]} >= {"hovedstaden", "sjaelland"}
    assert sum(s["amount"] for s in data["shares"]) == data["total"] == data["spent"] + data["hours_value"]
    assert data["hours_value"] > 0 and data["hour_rate"] == 670
    assert any(line["status"] != "ok" for line in data["lines"])


def test_economy_text_shows_danish_amounts(cli, demo):
    result = cli("economy", db=demo)
    assert result.code == 0
    assert " kr." in result.out and "Region Sjælland" in result.out


def test_a_year_without_key_says_so(cli):
    data = as_json(cli("economy", "--year", "2030", "--json"))
    assert data["key_missing"] is True and data["shares"] == []
    text = cli("economy", "--year", "2030")
    assert "Ingen fordelingsnøgle for 2030" in text.out


def test_line_posting_key_happy_path(cli, db_path):
    assert cli("economy", "line", "add", "--year", "2026", "--kind", "Leverandør", "--name", "Drift",
               "--budget", "1,2 mio.").code == 0
    ok = cli("posting", "add", "--line", "drift", "--date", "15.03.2026", "--amount", "300.000 kr.",
             "--supplier", "Dansk Telemedicin", "--ref", "F-1", "--json")
    posted = as_json(ok)
    assert posted["amount"] == 300000 and posted["date"] == "2026-03-15" and posted["line"] == "Drift"
    assert cli("posting", "add", "--line", "Drift", "--date", "2026-04-01", "--amount", "-20.000").code == 0
    assert cli("posting", "add", "--line", "Drift", "--date", "2026-12-01", "--amount", "100000",
               "--commitment").code == 0
    result = cli("economy", "key", "--year", "2026", "DK-81=10%", "Midtjylland=0,2", "syddanmark=0,2",
                 "Hovedstaden=1/3", "sjælland=1/6")
    assert result.code == 0, result.err
    data = as_json(cli("economy", "--year", "2026", "--json"))
    (line,) = data["lines"]
    assert (line["kind"], line["budget"], line["spent"], line["committed"], line["remaining"]) == (
        "supplier", 1200000, 280000, 100000, 820000)
    shares = {s["region_code"]: s for s in data["shares"]}
    assert shares["hovedstaden"]["share"] == "0.3333" and shares["nordjylland"]["share"] == "0.1000"
    assert sum(s["amount"] for s in data["shares"]) == data["total"]


def test_the_economys_write_commands_answer_in_json_as_economy_json_reads(cli):
    """``economy line add|key|rate --json``: what was written, under the keys ``economy --json``
    uses (a script adds a line and posts on its id)."""
    line = as_json(cli("economy", "line", "add", "--year", "2026", "--kind", "udvikling", "--name", " =1+1 ",
                       "--budget", "1,2 mio.", "--profile", "0 0 50 0 0 0 0 0 50 0 0 0", "--json"))
    assert line == {"id": line["id"], "year": 2026, "kind": "development", "name": "=1+1", "budget": 1200000,
                    "profile": [0, 0, 50, 0, 0, 0, 0, 0, 50, 0, 0, 0]}
    rate = as_json(cli("economy", "rate", "--year", "2026", "700", "--json"))
    key = as_json(cli("economy", "key", "--year", "2026", "DK-81=10%", "Midtjylland=0,2", "syddanmark=0,2",
                      "Hovedstaden=1/3", "sjælland=1/6", "--json"))
    data = as_json(cli("economy", "--year", "2026", "--json"))
    assert [r["id"] for r in data["lines"]] == [line["id"]] and rate == {"year": 2026, "rate": data["hour_rate"]}
    written = {s["region_code"]: (s["region_name"], s["share"]) for s in key["shares"]}
    assert written == {s["region_code"]: (s["region_name"], s["share"]) for s in data["shares"]}
    assert written["hovedstaden"] == ("Region Hovedstaden", "0.3333") and len(written) == 5


def test_key_for_2027_names_oestdanmark(cli):
    assert cli("economy", "key", "--year", "2027", "Nordjylland=0,1", "Midtjylland=0,2", "Syddanmark=0,2",
               "Østdanmark=50%").code == 0
    data = as_json(cli("economy", "--year", "2027", "--json"))
    assert [s["region_code"] for s in data["shares"]][-1] == "oestdanmark"


@pytest.mark.parametrize("args", [
    ("economy", "key", "--year", "2026", "Nordjylland=0,5", "Midtjylland=0,5"),  # regions missing
    ("economy", "key", "--year", "2026", "Nordjylland=0,1", "Midtjylland=0,2", "Syddanmark=0,2",
     "Hovedstaden=0,3", "Sjælland=0,1"),  # sums to 0.9
    ("economy", "key", "--year", "2027", "Nordjylland=0,1", "Midtjylland=0,2", "Syddanmark=0,2",
     "Hovedstaden=0,5"),  # Hovedstaden ended 2026
    ("economy", "key", "--year", "2026", "Nordjylland"),
    ("economy", "line", "add", "--year", "2026", "--kind", "kaffe", "--name", "X", "--budget", "1"),
    ("economy", "line", "add", "--year", "2026", "--kind", "other", "--name", "X", "--budget", "1,5"),
    ("economy", "line", "add", "--year", "26", "--kind", "other", "--name", "X", "--budget", "1"),
    ("posting", "add", "--line", "nothing", "--date", "i dag", "--amount", "100"),
    ("economy", "rate", "--year", "2026", "mange"),
])
def test_bad_input_is_one_line_and_writes_nothing(cli, db_path, args):
    before = count(db_path, "journal")
    refused(cli(*args))
    assert count(db_path, "journal") == before
    assert count(db_path, "cost_key") == count(db_path, "econ_line") == 0


def test_posting_outside_the_lines_year_is_refused(cli, db_path):
    cli("economy", "line", "add", "--year", "2026", "--kind", "other", "--name", "Andet", "--budget", "1000")
    refused(cli("posting", "add", "--line", "2026:Andet", "--date", "2027-01-05", "--amount", "100"))
    assert count(db_path, "posting") == 0


def test_hostile_text_is_stored_as_typed(cli, db_path):
    name = "=1+1 | [b]x[/b]"
    assert cli("economy", "line", "add", "--year", "2026", "--kind", "other", "--name", name, "--budget", "5").code == 0
    data = as_json(cli("economy", "--year", "2026", "--json"))
    assert data["lines"][0]["name"] == name


def test_rate_changes_the_hours_value(cli):
    assert cli("economy", "rate", "--year", "2026", "700").code == 0
    assert as_json(cli("economy", "--year", "2026", "--json"))["hour_rate"] == 700


def test_a_posting_is_one_journal_entry_and_undoable(cli, db_path):
    cli("economy", "line", "add", "--year", "2026", "--kind", "other", "--name", "Andet", "--budget", "1000")
    before = count(db_path, "journal")
    cli("posting", "add", "--line", "Andet", "--date", "2026-02-01", "--amount", "100")
    assert count(db_path, "journal") == before + 1
    assert cli("undo", "--yes").code == 0
    assert count(db_path, "posting") == 0


def test_dump_and_load_keep_the_economy(cli, demo, tmp_path):
    dumped = tmp_path / "dump.json"
    assert cli("dump", "--output", str(dumped), db=demo).code == 0
    data = json.loads(dumped.read_text())
    assert data["econ_line"] and data["posting"] and data["cost_key"]
    fresh = tmp_path / "fresh.db"
    loaded = cli("load", str(dumped), db=fresh)
    assert loaded.code == 0, loaded.err
    assert as_json(cli("economy", "--year", "2027", "--json", db=fresh)) == as_json(
        cli("economy", "--year", "2027", "--json", db=demo))

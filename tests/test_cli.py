"""The CLI contract: names, JSON keys, exit codes, and budgets moved by exactly the logged hours."""

from __future__ import annotations

import json
from datetime import date

import pytest

from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction

from .conftest import run_subprocess


@pytest.fixture
def org(db_path):
    """A small organisation: a project leader, two members, a substitute, a planned meeting."""
    conn = connect(db_path)
    with transaction(conn):
        def person(name):
            return conn.execute("INSERT INTO person (name) VALUES (?)", (name,)).lastrowid

        def seat(kind, **where):
            key, value = next(iter(where.items()))
            return conn.execute(f"SELECT id FROM seat WHERE body_code = 'folgegruppe' AND kind = ? AND {key} = ?",
                                (kind, value)).fetchone()[0]

        lone, jens, mette, sub = (person("Lone Leder"), person("Jens Jensen"), person("Mette Møller"),
                                  person("Søren Sup"))
        pl_seat = conn.execute(
            "SELECT id FROM seat WHERE body_code='styregruppe' AND kind='project_leader'").fetchone()[0]
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2020-01-01')",
                     (lone, pl_seat))
        jm = conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2020-01-01')",
                          (jens, seat("region", region_code="midtjylland"))).lastrowid
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2020-01-01')",
                     (mette, seat("secretariat", edu_region_code="ost")))
        conn.execute("INSERT INTO membership (person_id, seat_id, substitute_for_id, valid_from) VALUES (?, ?, ?, "
                     "'2020-01-01')", (sub, seat("region", region_code="midtjylland"), jm))
        conn.execute("INSERT INTO meeting (body_code, date, status, host_region_code, proposed_region_code) VALUES"
                     " ('folgegruppe', '2026-05-05', 'held', 'nordjylland', 'nordjylland')")
    conn.close()
    return {"lone": lone, "jens": jens, "mette": mette, "sub": sub}


def budget(cli) -> dict:
    result = cli("budget", "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_help_lists_the_commands():
    result = run_subprocess(["--help"])
    assert result.returncode == 0
    for command in ("check", "demo", "host", "budget", "log"):
        assert command in result.stdout


def test_host_json_contract(cli, org):
    data = json.loads(cli("host", "--json").out)
    assert set(data) == {"region_code", "region_name", "meeting_date", "source", "reason"}
    assert data == {"region_code": "midtjylland", "region_name": "Region Midtjylland", "meeting_date": None,
                    "source": "rotation", "reason": "har aldrig været vært"}


def test_host_on_a_date_after_the_merger(cli, org):
    data = json.loads(cli("host", "--on", "01.06.2027", "--json").out)
    assert data["region_code"] == "midtjylland"


def test_host_prefers_a_planned_meeting(cli, org, db_path):
    conn = connect(db_path)
    with transaction(conn):
        conn.execute("INSERT INTO meeting (body_code, date, status, host_region_code, proposed_region_code,"
                     " override_reason) VALUES ('folgegruppe', '2027-05-04', 'planned', 'oestdanmark', 'midtjylland',"
                     " 'lokaler')")
    data = json.loads(cli("host", "--json").out)
    assert data["region_code"] == "oestdanmark" and data["meeting_date"] == "2027-05-04"
    assert data["source"] == "planned" and "afvigelse fra turen: Region Midtjylland stod for tur" in data["reason"]
    english = json.loads(cli("--lang", "en", "host", "--json").out)
    assert "it was Region Midtjylland's turn" in english["reason"]


def test_budget_json_contract(cli, org):
    data = budget(cli)
    assert set(data) >= {"year", "as_of", "project_leadership", "members"}
    assert data["year"] == 2026 and data["as_of"] == "2026-11-25"
    assert set(data["project_leadership"]) == {"budget", "used", "remaining", "expected_to_date", "forecast", "status",
                                               "planned"}
    assert [m["person"] for m in data["members"]] == ["Jens Jensen", "Mette Møller"]
    for m in data["members"]:
        assert set(m) >= {"person", "budget", "used", "support", "substitutes", "remaining", "status",
                          "expected_to_date", "forecast", "planned"}
        assert isinstance(m["budget"], (int, float))


def test_log_moves_exactly_the_right_budget(cli, org):
    before = budget(cli)
    result = cli("log", "1,5", "--area", "PL4")
    assert result.code == 0, result.err
    assert "1,5 t for Lone Leder 25.11.2026 på PL4" in result.out
    after = budget(cli)
    assert after["project_leadership"]["used"] == before["project_leadership"]["used"] + 1.5
    assert after["members"] == before["members"]

    result = cli("log", "1:30", "--area", "vedligeholdelse", "--person", "jens", "--date", "i går")
    assert result.code == 0, result.err
    jens = next(m for m in budget(cli)["members"] if m["person"] == "Jens Jensen")
    assert jens["used"] == 1.5 and jens["remaining"] == jens["budget"] - 1.5
    assert budget(cli)["project_leadership"] == after["project_leadership"]


def test_support_never_counts_toward_the_74_hours(cli, org):
    result = cli("log", "90m", "--area", "FG1", "--person", "Jens", "--support")
    assert result.code == 0, result.err
    assert "Support tæller ikke" in result.out
    jens = next(m for m in budget(cli)["members"] if m["person"] == "Jens Jensen")
    assert jens["used"] == 0 and jens["support"] == 1.5


def test_substitute_hours_count_for_the_member_and_are_shown(cli, org):
    result = cli("log", "2", "--area", "FG2", "--person", "Søren")
    assert result.code == 0, result.err
    assert "Jens Jensen:" in result.out
    jens = next(m for m in budget(cli)["members"] if m["person"] == "Jens Jensen")
    assert jens["used"] == 2 and jens["substitutes"] == 2
    text = cli("budget").out
    assert "heraf suppleant Søren Sup: 2 t" in text


def test_log_defaults_to_the_last_used_area(cli, org, db_path):
    cli("log", "1", "--area", "PL8")
    result = cli("log", "0,25")
    assert result.code == 0 and "på PL8" in result.out
    conn = connect(db_path)
    assert conn.execute("SELECT count(*) FROM time_entry").fetchone()[0] == 2


@pytest.mark.parametrize("args, message", [
    (["0", "--area", "PL1"], "større end 0"),
    (["-2", "--area", "PL1"], "større end 0"),
    (["abc", "--area", "PL1"], "er ikke et antal timer"),
    (["25", "--area", "PL1"], "højst 24 timer"),
    (["1", "--area", "nonsense"], "intet opgaveområde passer"),
    (["1", "--area", "FG"], "passer til flere"),
    (["1", "--area", "PL1", "--date", "31.02"], "findes ikke"),
    (["1", "--area", "PL1", "--date", "01.01.2029"], "mere end to år frem (senest 25.11.2028)"),
    (["1", "--area", "PL1", "--person", "e"], "passer til flere"),
    (["1"], "angiv et opgaveområde"),
])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(cli, org, db_path, args, message):
    result = cli("log", *args)
    assert result.code == 2
    assert message in result.err and result.err.count("\n") == 1
    assert connect(db_path).execute("SELECT count(*) FROM time_entry").fetchone()[0] == 0


def test_more_than_24_hours_in_a_day_is_refused_with_the_days_total(cli, org, db_path):
    assert cli("log", "20", "--area", "PL1").code == 0
    result = cli("log", "5", "--area", "PL2")
    assert result.code == 2 and "allerede registreret: 20 t" in result.err
    assert connect(db_path).execute("SELECT sum(minutes) FROM time_entry").fetchone()[0] == 20 * 60


def test_bad_argument_is_one_line_exit_2():
    result = run_subprocess(["budget", "--year", "nineteen"])
    assert result.returncode == 2 and result.stderr.count("\n") == 1


def test_unexpected_errors_go_to_the_log_not_the_screen(tmp_path, monkeypatch, capsys):
    from logbog_tui import cli as cli_module
    from logbog_tui.cli import commands

    def boom(args):
        raise RuntimeError("internal detail")

    monkeypatch.setattr(commands, "cmd_check", boom)
    code = cli_module.main(["--db", str(tmp_path / "x.db"), "check"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "uventet fejl" in err
    log = (tmp_path / "home" / "logbog.log").read_text()
    assert "RuntimeError: internal detail" in log


def test_demo_fills_a_new_database_and_refuses_one_with_people(cli, tmp_path):
    path = tmp_path / "demo.db"
    result = cli("demo", "--years", "2", db=path)
    assert result.code == 0, result.err
    conn = connect(path)
    assert conn.execute("SELECT count(*) FROM time_entry").fetchone()[0] > 1000
    statuses = {r[0] for r in conn.execute("SELECT DISTINCT status FROM ticket")}
    assert statuses == {"new", "open", "with_supplier", "resolved", "closed"}
    weekend = conn.execute("SELECT count(*) FROM time_entry WHERE strftime('%w', date) IN ('0', '6')").fetchone()[0]
    assert weekend == 0
    assert conn.execute("SELECT max(date) FROM time_entry").fetchone()[0] <= date(2026, 11, 25).isoformat()
    assert "Traceback" not in cli("check", db=path).err
    again = cli("demo", db=path)
    assert again.code == 2 and "allerede personer" in again.err


def test_the_demo_has_decisions_and_referrals_only_at_meetings_held(demo):
    """A planned (or cancelled) meeting has its agenda, not yet its decisions or referrals."""
    conn = connect(demo)
    early = conn.execute("SELECT count(*) FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id"
                         " WHERE m.status != 'held' AND (a.decision IS NOT NULL OR a.referred)").fetchone()[0]
    held = conn.execute("SELECT count(*) FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id"
                        " WHERE m.status = 'held' AND a.decision IS NOT NULL").fetchone()[0]
    planned = conn.execute("SELECT count(*) FROM meeting WHERE status = 'planned'").fetchone()[0]
    assert early == 0 and held > 0 and planned > 0


def test_demo_hosts_follow_the_rotation(cli, tmp_path):
    from logbog_tui.storage import queries
    from logbog_tui.service.rotation import propose

    path = tmp_path / "demo.db"
    cli("demo", "--years", "4", db=path)
    conn = connect(path)
    regions, hostings = queries.regions(conn), queries.hostings(conn)
    for h in hostings:
        expected = propose(regions, hostings, h.date).region.code
        assert h.proposed_code == expected
        assert h.region_code == expected or h.override_reason


def test_areas_are_found_by_code_completion_or_name(conn):
    from logbog_tui.storage import names

    pl4 = conn.execute("SELECT id FROM task_area WHERE code = 'PL4'").fetchone()[0]
    for text in ("PL4", "pl4", "PL4 Leverandørkontakt", "leverandørkontakt", str(pl4)):
        assert names.resolve_area(conn, text).id == pl4
    assert names.resolve_target(conn, "PL4 Leverandørkontakt") == (pl4, None)


def test_a_members_hours_outside_their_seat_are_logged_with_a_warning(cli, org, db_path):
    """A member whose seat ended logs follow-up group hours after it: they are saved and count
    toward the year's (pro-rated) budget, and the user is told so; inside the seat, no warning."""
    conn = connect(db_path)
    with conn:
        conn.execute("UPDATE membership SET valid_to = '2026-04-30' WHERE person_id = ? AND substitute_for_id IS NULL",
                     (org["jens"],))
    conn.close()
    inside = cli("log", "2", "--person", "Jens Jensen", "--area", "FG1", "--date", "14.04.2026")
    assert inside.code == 0 and "ingen plads" not in inside.err
    after = cli("log", "2", "--person", "Jens Jensen", "--area", "FG1", "--date", "12.11.2026", "--json")
    assert after.code == 0, after.err
    warnings = json.loads(after.out)["warnings"]
    assert warnings == ["Jens Jensen havde ingen plads i følgegruppen 12.11.2026; timerne tæller i årets budget, "
                        "som er beregnet efter dagene på pladsen"]
    support = cli("log", "1", "--person", "Jens Jensen", "--area", "FG1", "--date", "13.11.2026", "--support")
    assert support.code == 0 and "ingen plads" not in support.err  # support never counts: nothing to say

"""``logbog entries``, ``logbog entry edit|delete`` and ``logbog log --json``: what a user sees and
what a script reads."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from logbog_tui.cli.entry_cmds import COLUMNS
from logbog_tui.storage.db import connect

from .conftest import TODAY, add_leader

BUDGET_PL_KEYS = {"budget", "used", "remaining", "expected_to_date", "forecast", "status", "planned"}


def as_json(result) -> dict:
    assert result.code == 0, result.err
    return json.loads(result.out)


def count_entries(path: Path) -> int:
    return connect(path).execute("SELECT count(*) FROM time_entry").fetchone()[0]


def journal_size(path: Path) -> int:
    return connect(path).execute("SELECT count(*) FROM journal").fetchone()[0]


def one_line_refusal(result, text: str) -> None:
    assert result.code == 2, result.out + result.err
    assert text in result.err and result.err.count("\n") == 1 and result.err.startswith("logbog: ")
    assert "Traceback" not in result.err


def stored(path: Path, entry_id: int) -> tuple:
    return connect(path).execute("SELECT person_id, date, minutes, area_id, task_id, is_support, note, "
                                 "on_behalf_of_id FROM time_entry WHERE id = ?", (entry_id,)).fetchone()


def some_entry(cli, demo, **where) -> dict:
    rows = as_json(cli("entries", "--json", "--year", "2026", db=demo))["entries"]
    return next(e for e in reversed(rows) if all(e[k] == v for k, v in where.items()))


# --- entries ----------------------------------------------------------------------------------

def test_entries_json_shape(cli, demo):
    data = as_json(cli("entries", "--json", "--year", "2026", db=demo))
    assert list(data) == ["entries", "total_hours"]
    assert data["entries"], "the demo has hours in 2026"
    for entry in data["entries"]:
        assert list(entry) == list(COLUMNS)
        assert date.fromisoformat(entry["date"]).year == 2026
        assert isinstance(entry["hours"], float) and entry["hours"] > 0
        assert isinstance(entry["support"], bool) and isinstance(entry["person_id"], int)
        assert entry["area_code"][:2] in ("PL", "FG") and entry["area_name"]
    assert data["total_hours"] == pytest.approx(sum(e["hours"] for e in data["entries"]), abs=0.01)
    days = [e["date"] for e in data["entries"]]
    assert days == sorted(days), "oldest first"


def test_project_leadership_hours_of_entries_equal_budget_used(cli, demo):
    """Like with like: the budget counts the entries of 1 January up to its as-of date (today), so
    the entries are listed for the same days (``--year 2026 --to <as_of>``); project leadership
    counts every hour on PL1-PL9, support included (README, "Hour budgets"; the issue's "non-support"
    would leave out the support hours on PL9). Entries after the as-of date are the budget's
    ``planned``."""
    budget = as_json(cli("budget", "--json", "--year", "2026", db=demo))
    as_of = date.fromisoformat(budget["as_of"])
    assert as_of == TODAY
    listed = as_json(cli("entries", "--json", "--year", "2026", "--to", as_of.isoformat(), db=demo))["entries"]
    pl = [e for e in listed if e["area_code"].startswith("PL")]
    assert any(e["support"] for e in pl), "the demo has support hours on PL9: the comparison covers them"
    assert round(sum(e["hours"] for e in pl), 2) == budget["project_leadership"]["used"]
    later = as_json(cli("entries", "--json", "--year", "2026", "--from", (as_of + timedelta(days=1)).isoformat(),
                        db=demo))["entries"]
    planned = sum(e["hours"] for e in later if e["area_code"].startswith("PL"))
    assert round(planned, 2) == budget["project_leadership"]["planned"]


def test_entries_text_lists_the_entries_and_their_total(cli, demo):
    result = cli("entries", "--week", "2026-W47", db=demo)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].split()[:3] == ["#", "Dato", "Person"]
    data = as_json(cli("entries", "--week", "2026-W47", "--json", db=demo))
    assert len(lines) == len(data["entries"]) + 2
    total = f"{data['total_hours']:g}".replace(".", ",")
    assert lines[-1].startswith(f"I alt {len(data['entries'])} registreringer, {total} t")
    assert lines[-1].endswith("16.11.2026–22.11.2026")
    english = cli("--lang", "en", "entries", "--week", "2026-W47", db=demo)
    assert english.out.splitlines()[-1].startswith(f"Total {len(data['entries'])} entries,")


def test_the_default_period_is_this_year(cli, demo):
    assert as_json(cli("entries", "--json", db=demo)) == as_json(cli("entries", "--json", "--year", "2026", db=demo))


def test_an_empty_period_says_so(cli, db_path):
    result = cli("entries", "--month", "2026-02")
    assert result.code == 0 and result.out == "I alt 0 registreringer, 0 t · 01.02.2026–28.02.2026\n"


@pytest.mark.parametrize("args, wanted", [
    (["--month", "2026-03"], lambda e: e["date"].startswith("2026-03")),
    (["--week", "2026-W10"], lambda e: "2026-03-02" <= e["date"] <= "2026-03-08"),
    (["--from", "10.11.2026", "--to", "2026-11-20"], lambda e: "2026-11-10" <= e["date"] <= "2026-11-20"),
    (["--year", "2026", "--from", "1.11.2026"], lambda e: "2026-11-01" <= e["date"] <= "2026-12-31"),
    (["--area", "PL4"], lambda e: e["area_code"] == "PL4"),
    (["--support"], lambda e: e["support"]),
    (["--no-support"], lambda e: not e["support"]),
])
def test_filters(cli, demo, args, wanted):
    everything = as_json(cli("entries", "--json", "--from", "2026-01-01", "--to", "2026-12-31", db=demo))["entries"]
    picked = as_json(cli("entries", "--json", *args, db=demo))["entries"]
    assert picked and picked == [e for e in everything if wanted(e)]


def test_filters_by_person_and_task_by_name(cli, demo):
    entry = some_entry(cli, demo, area_code="FG1")
    picked = as_json(cli("entries", "--json", "--person", entry["person"].upper(), db=demo))["entries"]
    assert picked and {e["person_id"] for e in picked} == {entry["person_id"]}
    task_id, title = connect(demo).execute("SELECT id, title FROM task WHERE status != 'done' LIMIT 1").fetchone()
    logged = as_json(cli("log", "--json", "0,5", "--task", str(task_id), db=demo))["entry"]
    picked = as_json(cli("entries", "--json", "--task", title, db=demo))["entries"]
    assert logged in picked and {e["task_id"] for e in picked} == {task_id} and picked[0]["task"] == title
    one_line_refusal(cli("entries", "--person", "e", db=demo), "passer til flere")


@pytest.mark.parametrize("args, message", [
    (["--week", "2026-W60"], "er ikke en uge"),
    (["--month", "2026-13"], "er ikke en måned"),
    (["--year", "26"], "er ikke et år"),
    (["--year", "2026", "--month", "2026-01"], "--month"),
    (["--from", "5.5.2026", "--to", "1.5.2026"], "perioden er tom"),
    (["--from", "31.02.2026"], "findes ikke"),
    (["--area", "nonsense"], "intet opgaveområde passer"),
    (["--area", "FG"], "passer til flere"),
    (["--json", "--csv"], "--csv"),
])
def test_bad_arguments_are_one_line_exit_2(cli, demo, args, message):
    one_line_refusal(cli("entries", *args, db=demo), message)


def test_csv_has_the_thirteen_columns_and_the_same_values_as_json(cli, demo):
    result = cli("entries", "--csv", "--month", "2026-11", db=demo)
    assert result.code == 0, result.err
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[0] == list(COLUMNS)
    data = as_json(cli("entries", "--json", "--month", "2026-11", db=demo))["entries"]
    assert len(rows) == len(data) + 1
    for row, entry in zip(rows[1:], data, strict=True):
        assert row[0] == str(entry["id"]) and row[1] == entry["date"] and row[2] == entry["person"]
        assert float(row[4]) == entry["hours"] and "," not in row[4]
        assert row[9] == ("1" if entry["support"] else "0")
        assert row[10] == (entry["on_behalf_of"] or "") and row[11] == (entry["note"] or "")


def test_csv_keeps_hostile_text_as_typed(cli, db_path):
    add_leader(db_path)
    note = "=1+1 | [b]fed[/b] ÆØÅ\nanden linje"
    assert cli("log", "1,25", "--area", "PL4", "--note", note).code == 0
    result = cli("entries", "--csv")
    rows = list(csv.reader(io.StringIO(result.out)))
    assert rows[1][11] == note and rows[1][4] == "1.25" and rows[1][2] == "Lone Leder"
    text = cli("entries")
    assert "=1+1 | [b]fed[/b] ÆØÅ anden linje" in text.out


def test_csv_for_danish_excel_reads_back_unchanged(cli, db_path, tmp_path):
    """``--csv --excel``: semicolon, decimal comma, a BOM, a formula-like note behind ``'``; the
    import reads the file back as the same entries (nothing to add or change)."""
    add_leader(db_path)
    assert cli("log", "1,25", "--area", "PL4", "--note", "=1+1; to").code == 0
    result = cli("entries", "--csv", "--excel")
    assert result.code == 0, result.err
    assert result.out.startswith("\ufeffid;date;person;")
    rows = list(csv.reader(io.StringIO(result.out.lstrip("\ufeff")), delimiter=";"))
    assert rows[1][4] == "1,25" and rows[1][11] == "'=1+1; to"
    path = tmp_path / "entries.csv"
    path.write_text(result.out, encoding="utf-8")
    plan = cli("import", str(path), "--dry-run", "--json")
    assert plan.code == 0, plan.err
    data = json.loads(plan.out)
    assert (data["added"], data["changed"], data["removed"]) == (0, 0, 0)
    refused = cli("entries", "--excel")
    assert refused.code == 2 and "--excel" in refused.err and "--csv" in refused.err


def test_stored_control_characters_are_shown_not_run(cli, db_path):
    add_leader(db_path)
    assert cli("log", "1", "--area", "PL4").code == 0
    conn = connect(db_path)
    conn.execute("UPDATE time_entry SET note = 'a\x1b]0;PWNED\x07b'")
    conn.commit()
    for args in (["entries"], ["entries", "--csv"], ["entries", "--json"]):
        result = cli(*args)
        assert "\x1b" not in result.out and "\\u001b" in result.out
    assert json.loads(cli("entries", "--json").out)["entries"][0]["note"] == "a\x1b]0;PWNED\x07b"


# --- entry edit -------------------------------------------------------------------------------

def test_edit_changes_only_what_is_given(cli, demo):
    entry = some_entry(cli, demo, area_code="PL4", support=False)
    before = stored(demo, entry["id"])
    result = cli("entry", "edit", str(entry["id"]), "--hours", "1:45", db=demo)
    assert result.code == 0, result.err
    assert result.out.startswith(f"Rettet: #{entry['id']} 1,75 t for {entry['person']} ")
    after = stored(demo, entry["id"])
    assert after[2] == 105 and after[:2] == before[:2] and after[3:] == before[3:]
    history = as_json(cli("history", "--json", "--limit", "1", db=demo))[0]
    assert history["origin"] == "logbog entry edit" and history["tables"] == ["time_entry"]


def test_edit_json_and_every_field(cli, demo):
    entry = some_entry(cli, demo, area_code="PL4", support=False)
    data = as_json(cli("entry", "edit", f"#{entry['id']}", "--json", "--date", "-1", "--area", "PL2", "--note",
                       "=flyttet", "--support", db=demo))
    assert list(data) == list(COLUMNS)
    assert data == {**entry, "date": (TODAY - timedelta(days=1)).isoformat(), "area_code": "PL2",
                    "area_name": data["area_name"], "task": None, "task_id": None, "note": "=flyttet",
                    "support": True}
    assert data["area_name"].startswith("Kontinuerlig opdatering")
    data = as_json(cli("entry", "edit", str(entry["id"]), "--json", "--no-support", "--note", "", db=demo))
    assert data["support"] is False and data["note"] is None


def test_edit_goes_through_the_tuis_storage_function(cli, demo, monkeypatch):
    from logbog_tui.storage import timelog

    calls = []
    real = timelog.update
    monkeypatch.setattr(timelog, "update", lambda *a, **k: calls.append(a) or real(*a, **k))
    entry = some_entry(cli, demo, area_code="PL4")
    assert cli("entry", "edit", str(entry["id"]), "--hours", "2", db=demo).code == 0
    assert len(calls) == 1 and calls[0][1] == entry["id"] and isinstance(calls[0][2], timelog.Draft)


@pytest.mark.parametrize("args, message", [
    (["--hours", "25"], "højst 24 timer"),
    (["--hours", "0"], "større end 0"),
    (["--hours", "1.500"], "læses på dansk som over tusind timer"),
    (["--date", "01.01.2029"], "mere end to år frem (senest 25.11.2028)"),
    (["--date", "31.02"], "findes ikke"),
    (["--area", "nonsense"], "intet opgaveområde passer"),
    (["--area", "PL1", "--task", "1"], "--task"),
    (["--person", "e"], "passer til flere"),
    (["--note", "a\x1bb"], "styretegn"),
    ([], "angiv mindst én ændring"),
])
def test_edit_refuses_as_the_dialog_does_and_writes_nothing(cli, demo, args, message):
    entry = some_entry(cli, demo, area_code="PL4")
    before, journal = stored(demo, entry["id"]), journal_size(demo)
    one_line_refusal(cli("entry", "edit", str(entry["id"]), *args, db=demo), message)
    assert stored(demo, entry["id"]) == before and journal_size(demo) == journal


def test_edit_keeps_a_persons_day_within_24_hours(cli, db_path):
    add_leader(db_path)
    assert cli("log", "20", "--area", "PL1").code == 0
    second = as_json(cli("log", "--json", "3", "--area", "PL2"))["entry"]["id"]
    result = cli("entry", "edit", str(second), "--hours", "5")
    one_line_refusal(result, "det giver over 24 timer 25.11.2026 (allerede registreret: 20 t)")
    assert cli("entry", "edit", str(second), "--hours", "4").code == 0


@pytest.mark.parametrize("args, message", [
    (["edit", "99999", "--hours", "1"], "registrering #99999 findes ikke"),
    (["edit", "abc", "--hours", "1"], "er ikke nummeret på en registrering"),
    (["delete", "99999", "--yes"], "registrering #99999 findes ikke"),
    (["delete"], "ID"),
])
def test_an_unknown_entry_is_one_line(cli, demo, args, message):
    one_line_refusal(cli("entry", *args, db=demo), message)


# --- entry delete -----------------------------------------------------------------------------

class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_delete_without_a_terminal_needs_yes(cli, demo, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    entry = some_entry(cli, demo, area_code="PL4")
    result = cli("entry", "delete", str(entry["id"]), db=demo)
    one_line_refusal(result, f"kør logbog --db {demo} entry delete {entry['id']} --yes")
    assert f"#{entry['id']} " in result.err and stored(demo, entry["id"]) is not None


@pytest.mark.parametrize("answer, deleted", [("j\n", True), ("ja\n", True), ("n\n", False), ("\n", False)])
def test_delete_asks_on_a_terminal(cli, demo, monkeypatch, answer, deleted):
    monkeypatch.setattr(sys, "stdin", _Terminal(answer))
    entry = some_entry(cli, demo, area_code="PL4")
    result = cli("entry", "delete", str(entry["id"]), db=demo)
    assert result.code == 0, result.err
    assert f"Slet #{entry['id']} " in result.out and "[j/N]" in result.out
    assert (stored(demo, entry["id"]) is None) == deleted
    assert ("Intet er slettet." in result.out) != deleted


def test_delete_then_undo_brings_the_entry_back(cli, demo):
    entry = some_entry(cli, demo, area_code="FG1")
    before, count = stored(demo, entry["id"]), count_entries(demo)
    result = cli("entry", "delete", str(entry["id"]), "--yes", db=demo)
    assert result.code == 0, result.err
    assert result.out.startswith(f"Slettet: #{entry['id']} ") and "logbog undo" in result.out
    assert stored(demo, entry["id"]) is None and count_entries(demo) == count - 1
    assert as_json(cli("history", "--json", "--limit", "1", db=demo))[0]["origin"] == "logbog entry delete"
    undo = cli("undo", "--yes", db=demo)
    assert undo.code == 0, undo.err
    assert stored(demo, entry["id"]) == before and count_entries(demo) == count
    assert some_entry(cli, demo, id=entry["id"]) == entry


# --- log --json -------------------------------------------------------------------------------

def test_log_json_project_leadership(cli, demo):
    before = as_json(cli("budget", "--json", db=demo))
    data = as_json(cli("log", "--json", "1,5", "--area", "PL4", "--note", "=x", db=demo))
    assert list(data) == ["entry", "budget", "warnings"]
    assert list(data["entry"]) == list(COLUMNS)
    assert data["entry"]["hours"] == 1.5 and data["entry"]["note"] == "=x" and data["entry"]["area_code"] == "PL4"
    budget = data["budget"]
    assert budget["year"] == 2026 and budget["as_of"] == TODAY.isoformat() and budget["counted"] is True
    assert set(budget) == {"year", "as_of", "counted", "project_leadership"}
    assert set(budget["project_leadership"]) == BUDGET_PL_KEYS
    after = as_json(cli("budget", "--json", db=demo))
    assert budget["project_leadership"] == after["project_leadership"]
    assert after["project_leadership"]["used"] == pytest.approx(before["project_leadership"]["used"] + 1.5)
    assert data["entry"] == some_entry(cli, demo, id=data["entry"]["id"])


def test_log_json_member_support_and_planned(cli, demo):
    members = as_json(cli("budget", "--json", db=demo))["members"]
    member = members[0]
    data = as_json(cli("log", "--json", "2", "--area", "FG2", "--person", str(member["person_id"]), db=demo))
    moved = data["budget"]
    assert set(moved) == {"year", "as_of", "counted", "members"} and moved["counted"] is True
    assert set(moved["members"][0]) == set(member)
    assert moved["members"][0]["used"] == pytest.approx(member["used"] + 2)
    support = as_json(cli("log", "--json", "1", "--area", "FG2", "--support", "--person", str(member["person_id"]),
                          db=demo))
    assert support["budget"]["counted"] is False and support["entry"]["support"] is True
    assert support["budget"]["members"][0]["support"] == pytest.approx(member["support"] + 1)
    later = as_json(cli("log", "--json", "1", "--area", "FG2", "--date", "+10", "--person",
                        str(member["person_id"]), db=demo))
    assert later["budget"]["counted"] is False
    assert later["budget"]["members"][0]["planned"] == pytest.approx(member["planned"] + 1)


def test_log_json_warnings_and_bad_input(cli, demo):
    result = cli("log", "--json", "1", "--area", "PL4", "--date", "22.11.2026", db=demo)  # a Sunday
    data = as_json(result)
    assert data["warnings"] == ["22.11.2026 er en søndag"] and "advarsel: 22.11.2026 er en søndag" in result.err
    count = count_entries(demo)
    one_line_refusal(cli("log", "--json", "abc", "--area", "PL4", db=demo), "er ikke et antal timer")
    assert count_entries(demo) == count

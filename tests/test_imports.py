"""Issue 17, part 5: ``logbog import`` from a CSV of ``logbog entries --csv`` (and its Danish Excel
variant), a Timewarrior export and Watson's log: placed by name, code and tags, previewed first,
written in one transaction or not at all, and never twice."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date, datetime, timezone

import pytest

from logbog_tui.service.import_formats import (CSV_HEADER, CSV_HEADER_12, AreaName, detect, last_working_day, read_csv,
                                               split_local)
from logbog_tui.storage.db import connect, open_db
from logbog_tui.storage.session import transaction
from tests.conftest import TODAY, add_leader

FORMULA = "=1+1"


def _org(path) -> None:
    """The same register in every database: the leader, two members, a substitute, two tasks."""
    add_leader(path)
    conn = connect(path)
    with transaction(conn):
        ids = {}
        for name, region in (("Anne Andersen", "nordjylland"), ("Bo Berg", "midtjylland")):
            ids[name] = conn.execute("INSERT INTO person (name) VALUES (?)", (name,)).lastrowid
            seat = conn.execute("SELECT id FROM seat WHERE body_code = 'folgegruppe' AND region_code = ?",
                                (region,)).fetchone()[0]
            ids[region] = conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, ?)",
                                       (ids[name], seat, "2026-01-01")).lastrowid
        sune = conn.execute("INSERT INTO person (name) VALUES ('Sune Suppleant')").lastrowid
        seat = conn.execute("SELECT seat_id FROM membership WHERE id = ?", (ids["nordjylland"],)).fetchone()[0]
        conn.execute("INSERT INTO membership (person_id, seat_id, substitute_for_id, valid_from) VALUES (?, ?, ?, ?)",
                     (sune, seat, ids["nordjylland"], "2026-01-01"))
        for code, title in (("PL1", "Ny målbeskrivelse"), ("FG2", "Testversion")):
            area = conn.execute("SELECT id FROM task_area WHERE code = ?", (code,)).fetchone()[0]
            conn.execute("INSERT INTO task (area_id, title) VALUES (?, ?)", (area, title))
    conn.close()


def _db(tmp_path, name: str):
    path = tmp_path / name
    open_db(path, today=TODAY).close()
    _org(path)
    return path


ENTRY_SQL = """
SELECT te.id, te.date, p.name, p.id, te.minutes, a.code, a.name, tk.title, tk.id, te.is_support, ob.name, te.note,
       te.covers
  FROM time_entry te JOIN person p ON p.id = te.person_id JOIN task_area a ON a.id = te.area_id
  LEFT JOIN task tk ON tk.id = te.task_id LEFT JOIN person ob ON ob.id = te.on_behalf_of_id ORDER BY te.id"""


def _rows(path) -> list[tuple]:
    conn = sqlite3.connect(path)
    rows = conn.execute(ENTRY_SQL).fetchall()
    conn.close()
    return rows


def _same(path) -> list[tuple]:
    """The entries as a user sees them: everything but ids and where they came from."""
    return sorted((d, p, m, code, task, bool(s), ob, note, cov)
                  for _i, d, p, _pid, m, code, _an, task, _tid, s, ob, note, cov in _rows(path))


def _csv(path, excel: bool = False) -> bytes:
    """The entries in the shape ``logbog entries --csv`` writes (its Danish Excel variant with ``excel``)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if excel else ",")
    writer.writerow(CSV_HEADER)
    for i, d, p, pid, m, code, an, task, tid, s, ob, note, cov in _rows(path):
        hours = f"{m / 60:.2f}".rstrip("0").rstrip(".")
        text = [p, an, task or "", ob or "", note or ""]
        if excel:
            hours = hours.replace(".", ",")
            text = ["'" + v if v.startswith(("=", "+", "-", "@")) else v for v in text]
        writer.writerow([i, d, text[0], pid, hours, code, text[1], text[2], tid or "", int(s) if excel else
                         ("true" if s else "false"), text[3], text[4], cov or "day"])
    return (("\ufeff" if excel else "") + buf.getvalue()).encode("utf-8")


def _count(path) -> int:
    conn = sqlite3.connect(path)
    n = conn.execute("SELECT count(*) FROM time_entry").fetchone()[0]
    conn.close()
    return n


# --- CSV ---------------------------------------------------------------------------------------

def test_csv_round_trip_between_two_databases(cli, tmp_path):
    a, b, c = _db(tmp_path, "a.db"), _db(tmp_path, "b.db"), _db(tmp_path, "c.db")
    for args in (("1,5", "--area", "FG1", "--person", "Anne", "--date", "02.11.2026", "--note", FORMULA),
                 ("2", "--task", "Ny målbeskrivelse", "--date", "03.11.2026", "--note", "a, \"b\"; c\nd"),
                 ("0:45", "--area", "FG2", "--person", "Bo", "--support", "--date", "03.11.2026"),
                 ("1", "--task", "Testversion", "--person", "Sune", "--date", "04.11.2026"),
                 ("1", "--area", "FG1", "--person", "Anne", "--date", "02.11.2026", "--note", FORMULA)):
        assert cli("log", *args, db=a).code == 0
    conn = connect(a)  # a month's figure from a timesheet: more than 24 hours on its date
    with transaction(conn):
        conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id, source, covers) SELECT id,"
                     " '2026-10-30', 1800, (SELECT id FROM task_area WHERE code = 'FG3'), 'timesheet:x', 'month'"
                     " FROM person WHERE name = 'Bo Berg'")
    conn.close()
    exported = tmp_path / "a.csv"
    exported.write_bytes(_csv(a))
    r = cli("import", str(exported), "--yes", db=b)
    assert r.code == 0, r.err
    assert "id, person_id og task_id fra en anden database bruges ikke" in r.out
    assert _same(b) == _same(a)   # the substitute's principal, the task, the note, the month figure
    assert {src for (src,) in sqlite3.connect(b).execute("SELECT source FROM time_entry")} == {"csv"}
    again = cli("import", str(exported), "--yes", db=b)
    assert again.code == 0 and "Intet at indlæse" in again.out and _count(b) == 6
    assert again.out.count("findes allerede") == 6
    # the Danish Excel variant: semicolons, decimal comma, a BOM, formula-like text behind a '
    excel = tmp_path / "a-excel.csv"
    excel.write_bytes(_csv(a, excel=True))
    assert b"'=1+1" in excel.read_bytes()
    r = cli("import", str(excel), "--yes", db=c)
    assert r.code == 0, r.err
    assert _same(c) == _same(a)
    assert cli("import", str(excel), "--dry-run", db=b).out.count("findes allerede") == 6


def test_entries_csv_round_trip_keeps_a_short_month_figure_a_month_figure(cli, tmp_path):
    """What `logbog entries --csv` writes, `logbog import` reads: a month's figure of ten hours
    (which the older twelve-column file could not tell from a day's entry) stays one."""
    a, b = _db(tmp_path, "a.db"), _db(tmp_path, "b.db")
    assert cli("log", "2", "--area", "FG1", "--person", "Anne", "--date", "02.11.2026", db=a).code == 0
    conn = connect(a)
    with transaction(conn):
        conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id, source, covers) SELECT id,"
                     " '2026-10-30', 600, (SELECT id FROM task_area WHERE code = 'FG3'), 'timesheet:x', 'month'"
                     " FROM person WHERE name = 'Bo Berg'")
    conn.close()
    exported = cli("entries", "--csv", "--year", "2026", db=a)
    assert exported.code == 0 and exported.out.splitlines()[0].endswith(",note,covers")
    path = tmp_path / "a.csv"
    path.write_text(exported.out, encoding="utf-8")
    r = cli("import", str(path), "--yes", db=b)
    assert r.code == 0, r.err
    assert _same(b) == _same(a)
    assert [cov for *_rest, cov in _rows(b)].count("month") == 1


def test_a_refused_csv_row_means_nothing_is_written(cli, tmp_path):
    b = _db(tmp_path, "b.db")
    data = tmp_path / "x.csv"
    lines = [",".join(CSV_HEADER_12),  # a file from before the `covers` column is read too
             "1,2026-11-02,Anne Andersen,9,1.5,FG1,x,,,false,,ok",
             "2,2026-11-02,Nobody Here,9,1.5,FG1,x,,,false,,",
             "3,2026-11-02,Anne Andersen,9,1.5,FG9,x,,,false,,",
             "4,02.11.2026,Anne Andersen,9,abc,FG1,x,,,false,,",
             "5,2026-11-02,Anne Andersen,9,23,FG2,x,,,false,,"]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = cli("import", str(data), "--yes", db=b)
    assert r.code == 2
    lines = r.err.replace("  afvist ", "").splitlines()
    assert lines[0] == "række 3: ingen person passer til »Nobody Here«"
    assert "række 4:" in r.err and "FG9" in r.err and "række 5: »abc« er ikke et antal timer" in r.err
    assert "række 6: Anne Andersen ville få mere end 24 timer den 02.11.2026" in r.err
    assert r.err.strip().splitlines()[-1] == "logbog: 4 rækker kan ikke placeres; intet er skrevet"
    assert _count(b) == 0


def test_a_csv_with_another_header_is_refused(cli, tmp_path):
    data = tmp_path / "x.csv"
    data.write_text("id,date,hours\n1,2026-11-02,1\n", encoding="utf-8")
    r = cli("import", str(data), "--format", "csv", "--dry-run")
    assert r.code == 2 and r.err.count("\n") == 1 and "id,date,person" in r.err


# --- Timewarrior -------------------------------------------------------------------------------

def _timew(tmp_path, intervals) -> str:
    path = tmp_path / "timew.json"
    path.write_text(json.dumps(intervals), encoding="utf-8")
    return str(path)


def test_timewarrior_across_the_daylight_saving_changes_and_midnight(cli, tmp_path):
    db = _db(tmp_path, "t.db")
    export = _timew(tmp_path, [
        # 25.10.2026 00:30 summer time to 03:30 winter time: four real hours, all on the 25th
        {"id": 1, "start": "20261024T223000Z", "end": "20261025T023000Z", "tags": ["PL4"]},
        # 29.03.2026 01:30 winter time to 03:30 summer time: one real hour
        {"id": 2, "start": "20260329T003000Z", "end": "20260329T013000Z", "tags": ["leverandør"],
         "annotation": "Aftale om testmiljø"},
        # 10.11.2026 22:00 to 11.11 02:00 Danish time: split at midnight
        {"id": 3, "start": "20261110T210000Z", "end": "20261111T010000Z", "tags": ["mode", "aften"]},
        {"id": 4, "start": "20261112T080000Z", "end": "20261112T090000Z", "tags": ["Budget", "support"]},
    ])
    preview = cli("import", export, "--map", "MODE=Sekretariatsbetjening", "--json", "--dry-run", db=db)
    assert preview.code == 0, preview.err
    plan = json.loads(preview.out)
    got = [(c["row"], c["date"], c["hours"], c["area_code"], c["person"], c["support"]) for c in plan["changes"]]
    assert got == [(1, "2026-10-25", 4, "PL4", "Lone Leder", False), (2, "2026-03-29", 1, "PL4", "Lone Leder", False),
                   (3, "2026-11-10", 2, "PL6", "Lone Leder", False), (3, "2026-11-11", 2, "PL6", "Lone Leder", False),
                   (4, "2026-11-12", 1, "PL8", "Lone Leder", True)]
    assert plan["changes"][1]["note"] == "Aftale om testmiljø" and not plan["written"] and _count(db) == 0
    assert cli("import", export, "--map", "mode=PL6", "--yes", db=db).code == 0
    assert _count(db) == 5
    again = cli("import", export, "--map", "mode=PL6", "--yes", db=db)
    assert again.code == 0 and "Intet at indlæse" in again.out and _count(db) == 5
    # the interval went on longer in Timewarrior: the entry is changed, not added again
    export = _timew(tmp_path, [{"id": 1, "start": "20261024T223000Z", "end": "20261025T033000Z", "tags": ["PL4"]}])
    plan = json.loads(cli("import", export, "--json", "--yes", db=db).out)
    assert [(c["action"], c["hours_before"], c["hours"]) for c in plan["changes"]] == [("change", 4, 5)]
    assert _count(db) == 5


def test_timewarrior_rows_that_cannot_be_placed_are_refused_and_nothing_is_written(cli, tmp_path):
    db = _db(tmp_path, "t.db")
    export = _timew(tmp_path, [
        {"start": "20261102T080000Z", "end": "20261102T090000Z", "tags": ["PL1"]},
        {"start": "20261102T100000Z", "tags": ["PL1"]},
        {"start": "20261102T110000Z", "end": "20261102T120000Z", "tags": ["PL1", "FG2"]},
        {"start": "20261102T130000Z", "end": "20261102T140000Z", "tags": ["frokost"]},
        {"start": "20261102T150000Z", "end": "20261102T160000Z", "tags": ["system"]},
    ])
    r = cli("import", export, "--yes", db=db)
    assert r.code == 2
    assert "række 2: intervallet fra 20261102T100000Z er ikke afsluttet" in r.err
    assert "række 3: mærkerne PL1, FG2 peger på flere opgaveområder: FG2, PL1" in r.err
    assert "række 4: mærkerne frokost peger ikke på et opgaveområde" in r.err
    assert "række 5: mærket passer på flere opgaveområder: system (FG1, FG2, FG3, FG6, PL2)" in r.err
    assert _count(db) == 0


def test_an_import_without_a_terminal_needs_yes(cli, tmp_path):
    db = _db(tmp_path, "t.db")
    export = _timew(tmp_path, [{"start": "20261102T080000Z", "end": "20261102T090000Z", "tags": ["PL1"]}])
    r = cli("import", export, "--person", "Lone", db=db)
    assert r.code == 2 and _count(db) == 0
    assert r.err.strip().splitlines()[-1].endswith(f"import {export} --person Lone --yes")
    assert "PL1" in r.out   # the plan was shown


def test_bad_arguments_are_one_line_and_write_nothing(cli, tmp_path):
    db = _db(tmp_path, "t.db")
    export = _timew(tmp_path, [{"start": "20261102T080000Z", "end": "20261102T090000Z", "tags": ["x"]}])
    for args in (("--map", "x"), ("--map", "x=Nothing such"), ("--format", "excel"), ("--person", "Nobody")):
        r = cli("import", export, "--yes", *args, db=db)
        assert r.code == 2 and r.err.count("\n") == 1, (args, r.err)
    assert cli("import", str(tmp_path / "missing.json"), db=db).code == 2
    weird = tmp_path / "weird.txt"
    weird.write_text("hello\n")
    r = cli("import", str(weird), db=db)
    assert r.code == 2 and "brug --format" in r.err
    csv_file = tmp_path / "a.csv"
    csv_file.write_text(",".join(CSV_HEADER) + "\n")
    assert cli("import", str(csv_file), "--person", "Lone", db=db).code == 2
    assert _count(db) == 0


# --- Watson ------------------------------------------------------------------------------------

def test_watson_frames_by_project_then_tags(cli, tmp_path):
    db = _db(tmp_path, "w.db")
    frames = [{"id": "a1", "project": "FG2", "start": "2026-11-02T09:00:00+01:00",
               "stop": "2026-11-02T10:30:00+01:00", "tags": ["møde"]},
              {"id": "b2", "project": "diverse", "start": "2026-11-03T13:00:00+01:00",
               "stop": "2026-11-03T13:45:00+01:00", "tags": ["vedligeholdelse"]}]
    path = tmp_path / "watson.json"
    path.write_text(json.dumps(frames), encoding="utf-8")
    r = cli("import", str(path), "--person", "Anne", "--yes", "--json", db=db)
    assert r.code == 0, r.err
    plan = json.loads(r.out)
    assert plan["format"] == "watson"
    assert [(c["date"], c["hours"], c["area_code"], c["source"]) for c in plan["changes"]] == [
        ("2026-11-02", 1.5, "FG2", "watson:a1"), ("2026-11-03", 0.75, "FG1", "watson:b2")]
    budget = {m["person"]: m for m in json.loads(cli("budget", "--json", db=db).out)["members"]}
    assert budget["Anne Andersen"]["used"] == 2.25
    assert "Intet at indlæse" in cli("import", str(path), "--person", "Anne", "--yes", db=db).out


def test_the_plan_json_shape(cli, tmp_path):
    db = _db(tmp_path, "j.db")
    export = _timew(tmp_path, [{"start": "20261102T080000Z", "end": "20261102T090000Z", "tags": ["PL1"]}])
    plan = json.loads(cli("import", export, "--json", "--dry-run", db=db).out)
    assert set(plan) == {"format", "title", "changes", "skipped", "refused", "notes", "added", "changed", "removed",
                         "hours_change", "written"}
    assert set(plan["changes"][0]) == {"action", "row", "id", "date", "month", "person", "person_id", "hours",
                                       "hours_before", "area_code", "area_name", "task", "task_id", "support",
                                       "on_behalf_of", "note", "source"}
    assert plan["format"] == "timewarrior" and plan["added"] == 1 and plan["hours_change"] == 1


def test_one_import_is_one_undo(cli, tmp_path):
    db = _db(tmp_path, "u.db")
    export = _timew(tmp_path, [{"start": f"202611{d:02d}T080000Z", "end": f"202611{d:02d}T090000Z", "tags": ["PL1"]}
                               for d in range(2, 7)])
    assert cli("import", export, "--yes", db=db).code == 0 and _count(db) == 5
    assert cli("undo", "--yes", db=db).code == 0 and _count(db) == 0


# --- the pure parts ----------------------------------------------------------------------------

def test_split_local_counts_real_time_and_splits_at_danish_midnight():
    utc = timezone.utc
    assert split_local(datetime(2026, 10, 24, 22, 30, tzinfo=utc), datetime(2026, 10, 25, 2, 30, tzinfo=utc)) == [
        (date(2026, 10, 25), 240)]
    assert split_local(datetime(2026, 3, 28, 22, 0, tzinfo=utc), datetime(2026, 3, 29, 2, 0, tzinfo=utc)) == [
        (date(2026, 3, 28), 60), (date(2026, 3, 29), 180)]
    # two days and a bit
    assert [m for _d, m in split_local(datetime(2026, 11, 1, 12, 0, tzinfo=utc),
                                       datetime(2026, 11, 3, 1, 0, tzinfo=utc))] == [660, 1440, 120]


def test_detect_and_read():
    assert detect(b"PK\x03\x04rest") == "timesheet"
    assert detect(("\ufeff" + ";".join(CSV_HEADER)).encode()) == "csv"
    assert detect(b'[{"start": "20261102T080000Z"}]') == "timewarrior"
    assert detect(b'[{"start": "2026-11-02T08:00:00+01:00", "stop": "x", "project": "p"}]') == "watson"
    read = read_csv((",".join(CSV_HEADER) + "\n1,2026-11-02,A,1,1,FG1,x,,,1,,,month\n").encode())
    assert read.rows[0].support and read.rows[0].minutes == 60 and read.rows[0].month and not read.refused
    old = read_csv((",".join(CSV_HEADER_12) + "\n1,2026-11-02,A,1,1,FG1,x,,,1,,\n").encode())
    assert old.rows[0].minutes == 60 and not old.rows[0].month and not old.refused
    assert last_working_day(2026, 12) == date(2026, 12, 30)   # 31.12 is a day off
    assert last_working_day(2026, 5) == date(2026, 5, 29)


@pytest.mark.parametrize("tag,codes", [("fg2", ["FG2"]), ("Budget", ["PL8"]), ("leverandør", ["PL4"]), ("ab", []),
                                       ("system", ["FG1", "FG2", "FG6", "PL2"])])
def test_tags_name_areas_by_code_name_or_unique_part(tag, codes):
    from logbog_tui.service.import_formats import areas_of_tag

    areas = [AreaName("FG1", "Vedligeholdelse", "Vedligeholdelse af systemet"),
             AreaName("FG2", "Videreudvikling", "Videreudvikling af systemet"),
             AreaName("FG6", "Samarbejde", "Understøtte samarbejdet med øvrige systemer"),
             AreaName("PL2", "Kursusledere", "Opdatering af kursusledere i systemet"),
             AreaName("PL4", "Leverandørkontakt", "Kontakt til leverandøren"), AreaName("PL8", "Budget", "Budgettet")]
    assert areas_of_tag(tag, areas, {}) == codes


def test_on_a_terminal_the_import_asks_first(cli, tmp_path, monkeypatch):
    db = _db(tmp_path, "q.db")
    export = _timew(tmp_path, [{"start": "20261102T080000Z", "end": "20261102T090000Z", "tags": ["PL1"]}])

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    r = cli("import", export, db=db)
    assert r.code == 0 and "[j/N]" in r.out and "Intet er skrevet." in r.out and _count(db) == 0
    monkeypatch.setattr("sys.stdin", Terminal("j\n"))
    r = cli("import", export, db=db)
    assert r.code == 0 and "Indlæst: 1 ændring" in r.out and _count(db) == 1

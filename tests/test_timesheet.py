"""Issue 17, part 4: a member's timesheet (``logbog timesheet``) filled in as a member would, and read
back (``logbog import``): month figures as one entry per month and area, outside the 24-hours rule,
counted in the member's budget; importing the same file again changes nothing."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction
from tests.conftest import add_leader, program

HOSTILE = '=HYPERLINK("http://x","y")'


def _person(path, name: str, region: str | None = "nordjylland", start: str = "2026-01-01") -> int:
    conn = connect(path)
    with transaction(conn):
        pid = conn.execute("INSERT INTO person (name) VALUES (?)", (name,)).lastrowid
        if region:
            seat = conn.execute("SELECT id FROM seat WHERE body_code = 'folgegruppe' AND region_code = ?",
                                (region,)).fetchone()[0]
            conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, ?)",
                         (pid, seat, start))
    conn.close()
    return pid


@pytest.fixture
def member(db_path):
    add_leader(db_path)
    return _person(db_path, "Anne Andersen")


def _month_entries(path) -> dict:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT te.date, a.code, te.is_support, te.minutes, te.source FROM time_entry te"
                        " JOIN task_area a ON a.id = te.area_id WHERE te.covers = 'month' ORDER BY te.date").fetchall()
    conn.close()
    return {(d, code, bool(s)): (m, src) for d, code, s, m, src in rows}


def _fill(src, dest, **cells) -> None:
    wb = load_workbook(src)
    ws = wb.worksheets[0]
    for ref, value in cells.items():
        ws[ref] = value
    wb.save(dest)


def test_the_sheet_shows_the_member_the_areas_and_what_is_recorded(cli, member, tmp_path):
    assert cli("log", "1,5", "--area", "FG2", "--person", "Anne", "--date", "10.03.2026").code == 0
    out = tmp_path / "anne.xlsx"
    r = cli("timesheet", "--person", "anne", "--year", "2026", "-o", str(out))
    assert r.code == 0, r.err
    assert "Anne Andersen 2026" in r.out
    wb = load_workbook(out)
    assert wb.sheetnames == ["Timer 2026", "logbog"] and wb["logbog"].sheet_state == "veryHidden"
    ws = wb["Timer 2026"]
    assert ws["B2"].value == "Anne Andersen" and ws["B2"].data_type == "s"
    assert "Region Nordjylland" in ws["B3"].value
    assert ws["B4"].value == 74
    assert [ws.cell(r, 1).value for r in range(10, 16)] == ["FG1", "FG2", "FG3", "FG4", "FG5", "FG6"]
    assert ws["B12"].value == ("Indsamle feedback fra brugerne med henblik på at øge brugervenligheden af "
                               "systemet")   # the seed's wording
    assert "Support" in ws["B16"].value and "tæller ikke med" in ws["B16"].value
    assert [ws.cell(9, c).value for c in (3, 14)] == ["Jan", "Dec"]
    assert ws["E22"].value == 1.5   # already recorded: March, FG2
    # locked labels, unlocked input cells, validation with a Danish message
    assert ws.protection.sheet and ws["B2"].protection.locked and ws["E22"].protection.locked
    assert not ws["C10"].protection.locked and not ws["N16"].protection.locked
    (check,) = ws.data_validations.dataValidation
    assert str(check.sqref) == "C10:N16" and check.type == "decimal" and check.operator == "between"
    assert (check.formula1, check.formula2) == ("0", "200") and check.showErrorMessage
    assert "Skriv et tal fra 0 til 200" in check.error
    assert ws["O10"].value == "=SUM(C10:N10)"   # our formulas
    again = cli("timesheet", "--person", "anne", "--year", "2026", "-o", str(out))
    assert again.code == 2 and again.err.count("\n") == 1
    assert cli("timesheet", "--person", "anne", "--year", "2026", "-o", str(out), "--force").code == 0


def test_round_trip_import_twice_then_one_changed_cell(cli, member, db_path, tmp_path):
    sheet, filled = tmp_path / "anne.xlsx", tmp_path / "filled.xlsx"
    assert cli("timesheet", "--person", "Anne", "--year", "2026", "-o", str(sheet)).code == 0
    # as a member fills it in: some cells, a support figure, a figure typed as text with a comma
    _fill(sheet, filled, C10=2.5, D11=4, E16=1.25, F12="3,5")
    preview = cli("import", str(filled), "--dry-run")
    assert preview.code == 0, preview.err
    assert "celle C10" in preview.out and "01.2026" in preview.out and "(support)" in preview.out
    assert "Intet er skrevet" in preview.out and _month_entries(db_path) == {}
    done = cli("import", str(filled), "--yes")
    assert done.code == 0, done.err
    entries = _month_entries(db_path)
    # one entry a month and row, dated the month's last working day
    assert {k: m for k, (m, _src) in entries.items()} == {
        ("2026-01-30", "FG1", False): 150, ("2026-02-27", "FG2", False): 240,
        ("2026-03-31", "FG1", True): 75, ("2026-04-30", "FG3", False): 210}
    assert {src.split(":")[0] for _m, src in entries.values()} == {"timesheet"}
    again = cli("import", str(filled), "--yes")
    assert again.code == 0 and "Intet at indlæse" in again.out
    assert _month_entries(db_path) == entries
    history = json.loads(cli("history", "--json").out)
    assert [h["origin"] for h in history].count("logbog import") == 1
    # one changed cell: exactly that difference
    _fill(filled, filled, D11=6)
    changed = cli("import", str(filled), "--yes", "--json")
    assert changed.code == 0, changed.err
    plan = json.loads(changed.out)
    assert [(c["action"], c["cell"], c["hours_before"], c["hours"], c["month"]) for c in plan["changes"]] == [
        ("change", "D11", 4, 6, "2026-02")]
    assert plan["written"] and plan["hours_change"] == 2
    # the month entries count in the member's budget (support beside it)
    budget = {m["person"]: m for m in json.loads(cli("budget", "--json", "--year", "2026").out)["members"]}
    assert budget["Anne Andersen"]["used"] == 2.5 + 6 + 3.5 and budget["Anne Andersen"]["support"] == 1.25
    # a cleared cell removes its entry; one undo takes the whole import back
    _fill(filled, filled, C10=None)
    removed = json.loads(cli("import", str(filled), "--yes", "--json").out)
    assert [(c["action"], c["cell"], c["hours"]) for c in removed["changes"]] == [("remove", "C10", 0)]
    assert cli("undo", "--yes").code == 0
    assert _month_entries(db_path)[("2026-01-30", "FG1", False)][0] == 150


def test_a_new_sheet_starts_from_the_imported_figures_and_an_older_one_does_not_undo_them(cli, member, db_path,
                                                                                        tmp_path):
    first, filled = tmp_path / "first.xlsx", tmp_path / "first-filled.xlsx"
    assert cli("timesheet", "--person", "Anne", "--year", "2026", "-o", str(first)).code == 0
    _fill(first, filled, C10=2)
    assert cli("import", str(filled), "--yes").code == 0
    second, second_filled = tmp_path / "second.xlsx", tmp_path / "second-filled.xlsx"
    assert cli("timesheet", "--person", "Anne", "--year", "2026", "-o", str(second)).code == 0
    assert load_workbook(second).worksheets[0]["C10"].value == 2   # the figure imported before
    _fill(second, second_filled, C10=5)
    assert cli("import", str(second_filled), "--yes").code == 0
    # the first sheet again, with another cell changed: January keeps the newer figure
    _fill(filled, filled, G13=1)
    r = cli("import", str(filled), "--yes", "--json")
    plan = json.loads(r.out)
    assert [(c["cell"], c["hours"]) for c in plan["changes"]] == [("G13", 1)]
    assert plan["skipped"] and plan["skipped"][0]["cell"] == "C10" and "nyere ark" in plan["skipped"][0]["reason"]
    assert _month_entries(db_path)[("2026-01-30", "FG1", False)][0] == 300


def test_a_bad_cell_is_refused_and_nothing_is_written(cli, member, db_path, tmp_path):
    sheet, filled = tmp_path / "s.xlsx", tmp_path / "f.xlsx"
    assert cli("timesheet", "--person", "Anne", "--year", "2026", "-o", str(sheet)).code == 0
    _fill(sheet, filled, C10=2, D10=250, E10="mange")
    r = cli("import", str(filled), "--yes")
    assert r.code == 2
    assert "celle D10: 250 er ikke mellem 0 og 200 timer" in r.err and "celle E10" in r.err
    assert r.err.strip().splitlines()[-1] == "logbog: 2 rækker kan ikke placeres; intet er skrevet"
    assert _month_entries(db_path) == {}


def test_a_formula_no_spreadsheet_computed_is_refused_not_read_as_empty(cli, member, db_path, tmp_path):
    """`=2+3` typed by a script (no cached value) would read as an empty cell: 5 hours lost
    silently. A spreadsheet that saved the file stores the value, and that value counts."""
    sheet, filled = tmp_path / "s.xlsx", tmp_path / "f.xlsx"
    assert cli("timesheet", "--person", "Anne", "--year", "2026", "-o", str(sheet)).code == 0
    _fill(sheet, filled, C10=2, D10="=2+3")
    r = cli("import", str(filled), "--yes")
    assert r.code == 2 and "celle D10: formlen =2+3 har ingen værdi" in r.err
    assert _month_entries(db_path) == {}


def test_names_are_text_in_the_sheet_and_only_members_get_one(cli, db_path, tmp_path):
    add_leader(db_path)
    _person(db_path, HOSTILE)
    _person(db_path, "Ole Udenfor", region=None)
    out = tmp_path / "h.xlsx"
    assert cli("timesheet", "--person", "HYPERLINK", "--year", "2026", "-o", str(out)).code == 0
    cell = load_workbook(out).worksheets[0]["B2"]
    assert cell.value == HOSTILE and cell.data_type == "s"
    r = cli("timesheet", "--person", "Ole", "--year", "2026", "-o", str(tmp_path / "o.xlsx"))
    assert r.code == 2 and "ingen plads i følgegruppen i 2026" in r.err
    assert not (tmp_path / "o.xlsx").exists()
    assert cli("timesheet", "--person", "Ole", "-o", str(tmp_path / "o.xlsx"), "--year", "26").code == 2


def test_an_xlsx_that_is_not_a_timesheet_is_refused(cli, db_path, tmp_path):
    other = tmp_path / "report.xlsx"
    assert cli("report", "--year", "2026", "--format", "xlsx", "-o", str(other)).code == 0
    r = cli("import", str(other), "--dry-run")
    assert r.code == 2 and "ikke et timeark" in r.err


def test_a_month_entry_is_outside_the_24_hours_rule(cli, member, db_path):
    from logbog_tui.storage import timelog
    from logbog_tui.storage.inputs import Invalid

    conn = connect(db_path)
    anne = member
    fg1 = conn.execute("SELECT id FROM task_area WHERE code = 'FG1'").fetchone()[0]
    month = timelog.Draft.check({"person_id": anne, "day": date(2026, 3, 31), "minutes": 40 * 60, "area_id": fg1,
                                 "covers": "month"})
    timelog.save(conn, month, date(2026, 11, 25))
    # the day still takes a whole day of ordinary hours: the month's 40 h are not that day's
    assert cli("log", "8", "--area", "FG1", "--person", "Anne", "--date", "31.03.2026").code == 0
    assert cli("log", "16", "--area", "FG1", "--person", "Anne", "--date", "31.03.2026").code == 0
    assert cli("log", "1", "--area", "FG1", "--person", "Anne", "--date", "31.03.2026").code == 2
    with pytest.raises(Invalid):
        timelog.Draft.check({"person_id": anne, "day": date(2026, 3, 31), "minutes": 25 * 60, "area_id": fg1})
    with pytest.raises(Invalid):
        timelog.Draft.check({"person_id": anne, "day": date(2026, 3, 31), "minutes": 201 * 60, "area_id": fg1,
                             "covers": "month"})
    # the schema holds the same limits
    for minutes, covers in ((1441, None), (12001, "month")):
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id, covers) VALUES (?, ?, ?, ?, ?)",
                         (anne, "2026-04-30", minutes, fg1, covers))
    conn.close()


def _month_figure(db_path, person: int, hours: int) -> int:
    from logbog_tui.storage import timelog

    conn = connect(db_path)
    fg1 = conn.execute("SELECT id FROM task_area WHERE code = 'FG1'").fetchone()[0]
    timelog.save(conn, timelog.Draft.check({"person_id": person, "day": date(2026, 3, 31), "minutes": hours * 60,
                                            "area_id": fg1, "covers": "month"}), date(2026, 11, 25))
    entry_id = conn.execute("SELECT max(id) FROM time_entry").fetchone()[0]
    conn.close()
    return entry_id


def test_a_month_figure_of_more_than_24_hours_can_be_edited_on_the_command_line(cli, member, db_path):
    entry = _month_figure(db_path, member, 30)
    r = cli("entry", "edit", str(entry), "--note", "rettet")
    assert r.code == 0, r.err
    assert cli("entry", "edit", str(entry), "--hours", "32,5").code == 0
    assert cli("entry", "edit", str(entry), "--hours", "201").code == 2  # a month's own limit
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT minutes, note, covers FROM time_entry WHERE id = ?", (entry,)).fetchone() == (
        1950, "rettet", "month")
    conn.close()


async def test_a_month_figure_of_more_than_24_hours_can_be_edited_in_the_tui(member, db_path):
    from textual.widgets import Input

    from logbog_tui.storage.entries import EntryFilter, list_entries
    from logbog_tui.tui.app import LogbogApp
    from logbog_tui.tui.dialogs import LogHoursDialog

    entry = _month_figure(db_path, member, 30)
    row = next(r for r in list_entries(connect(db_path), EntryFilter(date(2026, 1, 1), date(2026, 12, 31))).rows
               if r.id == entry)
    app = LogbogApp(connect(db_path), db_path, today=date(2026, 11, 25))
    async with app.run_test(size=(120, 40)) as pilot:
        app.edit_entry(row)
        await pilot.pause()
        assert isinstance(app.screen, LogHoursDialog)
        assert app.screen.query_one("#hours", Input).value == "30"
        app.screen.query_one("#note", Input).value = "fra timearket"
        app.screen.submit()
        await pilot.pause()
        assert not isinstance(app.screen, LogHoursDialog), "the edit was refused"
    conn = sqlite3.connect(db_path)
    assert conn.execute("SELECT minutes, note FROM time_entry WHERE id = ?", (entry,)).fetchone() == (
        1800, "fra timearket")
    conn.close()


def test_the_hours_tab_marks_imported_entries(cli, member, db_path, tmp_path):
    from logbog_tui.storage.entries import EntryFilter, list_entries
    from logbog_tui.tui.widgets.entry_panel import _note, _when

    sheet, filled = tmp_path / "s.xlsx", tmp_path / "f.xlsx"
    assert cli("timesheet", "--person", "Anne", "--year", "2026", "-o", str(sheet)).code == 0
    _fill(sheet, filled, D11=4)
    assert cli("import", str(filled), "--yes").code == 0
    assert cli("log", "1", "--area", "FG1", "--person", "Anne", "--date", "02.02.2026", "--note", "[b]x").code == 0
    page = list_entries(connect(db_path), EntryFilter(date(2026, 1, 1), date(2026, 12, 31)))
    rows = {r.minutes: r for r in page.rows}
    assert (_when(rows[240]), _note(rows[240])) == ("måned 02.2026", "timeark")
    assert _when(rows[60]).endswith("02.02.2026") and _note(rows[60]) == "[b]x"


@pytest.mark.soffice
def test_libreoffice_opens_the_sheet_and_a_sheet_saved_by_it_is_recognised(cli, member, db_path, tmp_path):
    """LibreOffice (headless) opens the written sheet (converted to CSV: the member's name and the
    seed's wording are there), and a sheet filled in and saved again by LibreOffice imports."""
    soffice = program("soffice")
    sheet, filled = tmp_path / "anne.xlsx", tmp_path / "filled.xlsx"
    assert cli("timesheet", "--person", "Anne", "--year", "2026", "-o", str(sheet)).code == 0
    _fill(sheet, filled, C10=2.5)
    env = {**os.environ, "HOME": str(tmp_path), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    out = tmp_path / "lo"
    for target, source in (("csv:Text - txt - csv (StarCalc):44,34,76,1", sheet), ("xlsx", filled)):
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to",
                        target, "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180,
                       env=env)
    text = (out / "anne.csv").read_text(encoding="utf-8")
    assert "Anne Andersen" in text and "Vedligeholdelse af systemet" in text
    r = cli("import", str(out / "filled.xlsx"), "--yes")
    assert r.code == 0, r.err
    assert _month_entries(db_path)[("2026-01-30", "FG1", False)][0] == 150

"""Exports that other programs read (issue 18): the report as tidy CSV tables (for scripts and
for Danish Excel), xlsx without formulas from free text, Markdown tables that hold together, the
steering group's hours in every format."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from logbog_tui.storage import meeting_records, meetings
from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction
from logbog_tui.storage.meetings import MeetingDraft
from logbog_tui.report import annual
from logbog_tui.report_render import SECTIONS, csv_table, render
from tests.conftest import program

TODAY = date(2026, 11, 25)
FORMULA = "=1+1"
LINK = '=HYPERLINK("http://x.invalid","klik")'


@pytest.fixture
def hostile_year(conn):
    """2026 with an agenda item '=1+1' referred to the steering group, a decision with a '|' and
    a newline, a member, the leader and a steering group member with hours."""
    with transaction(conn):
        lone = conn.execute("INSERT INTO person (name) VALUES ('Lone Leder')").lastrowid
        anne = conn.execute("INSERT INTO person (name) VALUES ('-Anne @Aarhus')").lastrowid
        chef = conn.execute("INSERT INTO person (name) VALUES ('Carl Chef')").lastrowid
        seat = conn.execute("SELECT id FROM seat WHERE body_code = 'folgegruppe' AND region_code = 'midtjylland'"
                            ).fetchone()[0]
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2025-01-01')",
                     (anne, seat))
        sg = conn.execute("SELECT id FROM seat WHERE body_code = 'styregruppe' AND kind != 'project_leader'"
                          " ORDER BY id LIMIT 1").fetchone()[0]
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2025-01-01')",
                     (chef, sg))
        area = dict(conn.execute("SELECT code, id FROM task_area"))
        for person, minutes, code in [(anne, 90, "FG2"), (lone, 600, "PL4"), (chef, 120, "PL6")]:
            conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id) VALUES (?, '2026-03-03', ?, ?)",
                         (person, minutes, area[code]))
    held, _ = meetings.plan(conn, MeetingDraft(body="folgegruppe", day=date(2026, 10, 14), status="held"))
    referred = meeting_records.save_item(conn, held, FORMULA, None, None, None, True)
    meeting_records.save_item(conn, held, LINK, None, None, None, True)
    steering, _ = meetings.plan(conn, MeetingDraft(body="styregruppe", day=date(2026, 11, 2), status="held"))
    settling = meeting_records.save_item(conn, steering, "Eksport", None, None, "a | b\nc", False)
    meeting_records.settle(conn, referred, settling)
    return annual(conn, 2026, TODAY)


def test_xlsx_text_is_never_a_formula(hostile_year, tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(render(hostile_year, "xlsx"))
    sheet = load_workbook(path)["Henvist til styregruppen"]
    cells = {c.value: c for row in sheet.iter_rows(min_row=2) for c in row}
    assert cells[FORMULA].data_type == "s" and cells[LINK].data_type == "s"
    members = load_workbook(path)["Følgegruppens medlemmer"]
    assert members["A2"].value == "-Anne @Aarhus" and members["A2"].data_type == "s"


@pytest.mark.soffice
def test_libreoffice_reads_the_formula_as_text(hostile_year, tmp_path):
    """LibreOffice (headless) converts the referrals sheet to CSV: the text, not 2."""
    soffice = program("soffice")
    path = tmp_path / "r.xlsx"
    path.write_bytes(render(hostile_year, "xlsx"))
    sheet = load_workbook(path).sheetnames.index("Henvist til styregruppen") + 1
    # CSV filter: comma, quote, UTF-8 (76), from line 1, ..., the one sheet to export (last field)
    options = f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,{sheet}"
    env = {**os.environ, "HOME": str(tmp_path), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", options,
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180, env=env)
    (out,) = list(tmp_path.glob("r*.csv"))
    text = out.read_text(encoding="utf-8")
    assert FORMULA in text and "HYPERLINK" in text
    assert not any(line.split(",")[1:2] == ["2"] for line in text.splitlines())


def test_csv_tables_have_stable_columns_and_typed_values(hostile_year):
    tables = {s: list(csv.DictReader(io.StringIO(csv_table(hostile_year, s).decode("utf-8")))) for s in SECTIONS}
    # the steering group member's 2 h on PL6 are project leadership hours too (domain.md)
    assert tables["project_leadership"][0] == {"year": "2026", "budget": "1350", "used": "12",
                                               "remaining": "1338", "status": "ok"}
    assert {"code": "PL4", "hours": "10"}.items() <= next(r for r in tables["areas"] if r["code"] == "PL4").items()
    assert tables["members"][0]["person"] == "-Anne @Aarhus"  # text as typed for scripts
    assert tables["steering"] == [{"person": "Carl Chef", "hours": "2"}]
    referral = next(r for r in tables["referrals"] if r["title"] == FORMULA)
    assert referral["date"] == "2026-10-14" and referral["decision"] == "a | b\nc"
    assert tables["meetings"][0]["status"] == "held"  # codes, the same in both languages


def test_csv_for_excel_neutralises_formulas_and_uses_decimal_comma(hostile_year):
    data = csv_table(hostile_year, "referrals", excel=True)
    assert data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["date", "title", "settled_on", "decision"]
    titles = [r[1] for r in rows[1:]]
    assert "'" + FORMULA in titles and "'" + LINK in titles
    members = list(csv.reader(io.StringIO(csv_table(hostile_year, "members", excel=True).decode("utf-8-sig")),
                              delimiter=";"))
    row = dict(zip(members[0], members[1], strict=True))
    assert row["person"] == "'-Anne @Aarhus" and row["used"] == "1,5"
    assert row["remaining"].startswith("72,5")  # numbers stay numbers: no quote, decimal comma


def test_duckdb_reads_typed_columns(cli, hostile_year, db_path, tmp_path):
    """The CSV tables as a script reads them: duckdb infers numbers and dates, for both variants."""
    import duckdb

    folder = tmp_path / "csv"
    r = cli("report", "--year", "2026", "--format", "csv", "-o", str(folder))
    assert r.code == 0, r.err
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{s}.csv" for s in SECTIONS)

    def types(path: Path, **options) -> dict[str, str]:
        rel = duckdb.read_csv(str(path), **options)
        return dict(zip(rel.columns, map(str, rel.dtypes), strict=True))

    members = types(folder / "members.csv")
    assert members["used"] == "DOUBLE" and members["days_with_seat"] in ("BIGINT", "INTEGER")
    assert members["person"] == "VARCHAR"
    assert types(folder / "meetings.csv")["date"] == "DATE"
    assert cli("report", "--year", "2026", "--format", "csv", "--excel", "-o", str(tmp_path / "xl")).code == 0
    danish = duckdb.read_csv(str(tmp_path / "xl" / "members.csv"), sep=";", decimal=",")
    assert dict(zip(danish.columns, map(str, danish.dtypes), strict=True))["used"] == "DOUBLE"
    assert danish.fetchall()[0][danish.columns.index("used")] == 1.5


def test_csv_command_line(cli, hostile_year, tmp_path):
    r = cli("--lang", "en", "report", "--format", "csv")
    assert r.code == 2 and "--section" in r.err
    r = cli("report", "--year", "2026", "--format", "csv", "--section", "steering")
    assert r.code == 0 and r.out.splitlines() == ["person,hours", "Carl Chef,2"]
    assert cli("report", "--format", "md", "--excel").code == 2
    folder = tmp_path / "out"
    assert cli("report", "--format", "csv", "-o", str(folder)).code == 0
    assert cli("report", "--format", "csv", "-o", str(folder)).code == 2  # files exist: --force
    assert cli("report", "--format", "csv", "-o", str(folder), "--force").code == 0


def test_markdown_tables_hold_together(hostile_year):
    md = render(hostile_year, "md").decode()
    lines = md.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(("|---", "|--")):
            columns = line.count("|") - 1
            j = i + 1
            while j < len(lines) and lines[j].startswith("| "):
                cells = list(_split_md_row(lines[j]))
                assert len(cells) == columns, lines[j]
                j += 1
    assert "a \\| b<br>c" in md
    assert "---:|" in md  # number columns right-aligned
    assert "Carl Chef" in md and "Styregruppens timer" in md


def _split_md_row(line: str) -> list[str]:
    cells, cur, escaped = [], "", False
    for ch in line.strip()[1:-1]:
        if ch == "|" and not escaped:
            cells.append(cur)
            cur = ""
        else:
            cur += ch
        escaped = ch == "\\" and not escaped
    cells.append(cur)
    return cells


def test_the_steering_group_hours_are_in_every_format(hostile_year, tmp_path):
    assert json.loads(render(hostile_year, "json"))["steering"] == [{"person": "Carl Chef", "hours": 2.0}]
    assert "Carl Chef" in render(hostile_year, "md").decode()
    path = tmp_path / "r.xlsx"
    path.write_bytes(render(hostile_year, "xlsx"))
    sheet = load_workbook(path)["Styregruppens timer"]
    assert [c.value for c in sheet[2]] == ["Carl Chef", 2]
    assert b"Carl Chef" in csv_table(hostile_year, "steering")


async def test_the_tui_exports_the_csv_folder(db_path, hostile_year, tmp_path):
    from logbog_tui.tui.app import LogbogApp
    from tests.conftest import submit_form

    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("R")  # the report key (R on every screen)
        await pilot.pause()
        await submit_form(pilot, year="2026", format="csv-excel")
        await pilot.pause()
    folder = Path(tmp_path / "home" / "exports" / "aarsrapport-2026-csv-excel")
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{s}.csv" for s in SECTIONS)
    assert (folder / "members.csv").read_bytes().startswith("\ufeff".encode())


# --- the calendar ------------------------------------------------------------------------------

@pytest.fixture
def two_meetings(db_path):
    conn = connect(db_path)
    first, _ = meetings.plan(conn, MeetingDraft(body="folgegruppe", day=date(2026, 12, 15), time="10:00", duration=240))
    meetings.plan(conn, MeetingDraft(body="folgegruppe", day=date(2027, 5, 4)))
    return conn, first


def test_the_calendar_has_its_timezone_and_carries_cancellations(cli, two_meetings, tmp_path):
    import vobject
    from icalendar import Calendar

    conn, first = two_meetings
    out = tmp_path / "m.ics"
    assert cli("calendar", "-o", str(out)).code == 0
    text = out.read_text(encoding="utf-8")
    assert "BEGIN:VTIMEZONE" in text and "TZID:Europe/Copenhagen" in text
    parsed = vobject.readOne(text)  # a second parser
    starts = sorted(e.dtstart.value.isoformat() for e in parsed.vevent_list)
    assert "2026-12-15T10:00:00+01:00" in starts
    before = {str(e["uid"]): int(e["sequence"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    meetings.set_status(conn, first, "cancelled")
    assert cli("calendar", "-o", str(out), "--force").code == 0  # the default carries it
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert sorted(str(e["status"]) for e in events) == ["CANCELLED", "CONFIRMED"]
    after = {str(e["uid"]): int(e["sequence"]) for e in events}
    cancelled = next(str(e["uid"]) for e in events if str(e["status"]) == "CANCELLED")
    assert after[cancelled] > before[cancelled]  # a calendar takes the newer version
    assert all(after[u] == before[u] for u in after if u != cancelled)
    assert cli("calendar", "-o", str(out), "--force", "--no-cancelled").code == 0
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 1
    assert cli("calendar", "-o", str(out), "--force", "--include-cancelled").code == 0  # still accepted


@pytest.mark.khal
def test_khal_imports_without_warning_and_sees_the_cancellation(cli, two_meetings, tmp_path):
    khal = program("khal")
    conn, first = two_meetings
    (tmp_path / "cal").mkdir()
    config = tmp_path / "khal.conf"
    config.write_text(f"""[calendars]
[[logbog]]
path = {tmp_path / "cal"}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %d.%m.%Y
longdateformat = %d.%m.%Y
datetimeformat = %d.%m.%Y %H:%M
longdatetimeformat = %d.%m.%Y %H:%M
local_timezone = Europe/Copenhagen
default_timezone = Europe/Copenhagen
""")
    env = {**os.environ, "HOME": str(tmp_path), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}

    def khal_run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([khal, "-c", str(config), *args], capture_output=True, text=True, env=env,
                              timeout=120)

    def export_and_import(name: str) -> None:
        out = tmp_path / name
        assert cli("calendar", "-o", str(out)).code == 0
        r = khal_run("import", "--batch", "-a", "logbog", str(out))
        assert r.returncode == 0 and "warning" not in (r.stdout + r.stderr).lower(), r.stderr

    export_and_import("a.ics")
    listing = khal_run("list", "01.12.2026", "200d").stdout
    assert "10:00-14:00 Følgegruppen" in listing and "CANCELLED" not in listing
    meetings.set_status(conn, first, "cancelled")
    export_and_import("b.ics")
    listing = khal_run("list", "01.12.2026", "200d").stdout
    assert "CANCELLED 10:00-14:00 Følgegruppen" in listing
    assert len(list((tmp_path / "cal").iterdir())) == 2  # updated, not duplicated


# --- Danish alphabetical order -------------------------------------------------------------------

DANISH = ["Aase", "Anders", "bo lille", "Zenia Ø", "Ærbo", "Ørsted", "Åse"]


def test_names_sort_the_danish_way_in_sql_and_python(conn):
    from logbog_tui.storage import names
    from logbog_tui.collation import _fallback_key, sort_key

    with transaction(conn):
        for name in ["Zenia Ø", "bo lille", "Åse", "Ærbo", "Ørsted", "Anders", "Aase"]:
            conn.execute("INSERT INTO person (name) VALUES (?)", (name,))
    # ICU's Danish order (pyicu-wheels on Linux): "Aa" ties with "Å" at the first level
    assert list(names.people_in_order(conn)) == ["Anders", "bo lille", "Zenia Ø", "Ærbo", "Ørsted", "Åse", "Aase"]
    ordered = sorted(DANISH, key=sort_key)
    assert ordered.index("bo lille") < ordered.index("Zenia Ø") < ordered.index("Ærbo") < ordered.index("Ørsted")
    assert ordered.index("Ørsted") < ordered.index("Aase")  # "Aa" is Å (ICU's Danish rule)
    assert ordered[0] == "Anders"
    fallback = sorted(DANISH, key=_fallback_key)
    assert fallback[:5] == ["Anders", "bo lille", "Zenia Ø", "Ærbo", "Ørsted"] and set(fallback[5:]) == {"Aase", "Åse"}


def test_the_members_list_and_the_budget_follow_danish_order(cli, conn):
    with transaction(conn):
        for name in ["Ørsted", "Åse", "Ærbo", "Zenia"]:
            conn.execute("INSERT INTO person (name) VALUES (?)", (name,))
    from logbog_tui.storage.people import list_people

    assert [p.name for p in list_people(conn, TODAY, "")] == ["Zenia", "Ærbo", "Ørsted", "Åse"]


def test_the_licence_is_there_and_is_the_one_pyproject_names():
    root = Path(__file__).resolve().parent.parent
    text = (root / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY" in text
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert 'license = "MIT"' in pyproject and 'license-files = ["LICENSE"]' in pyproject

"""The annual report against a constructed year; dump -> load -> dump; the palette."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook

from logbog_tui.storage import meeting_records, meetings, tickets
from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction
from logbog_tui.storage.demo import fill
from logbog_tui.storage.meetings import MeetingDraft
from logbog_tui.report import annual, render
from logbog_tui.report_render import csv_table
from logbog_tui.storage.tickets import TicketDraft

TODAY = date(2026, 11, 25)


@pytest.fixture
def year_2025(conn):
    """2025 built by hand: one member, 12 h FG2 + 2 h support, the leader 30 h on PL4, two
    meetings (one cancelled), three tickets (one back from the supplier after 10 days), a referral."""
    with transaction(conn):
        lone = conn.execute("INSERT INTO person (name) VALUES ('Lone Leder')").lastrowid
        anne = conn.execute("INSERT INTO person (name) VALUES ('Anne Aarhus')").lastrowid
        seat = conn.execute("SELECT id FROM seat WHERE body_code = 'folgegruppe' AND region_code = 'midtjylland'"
                            ).fetchone()[0]
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2025-07-01')",
                     (anne, seat))
        area = dict(conn.execute("SELECT code, id FROM task_area"))
        for day, person, minutes, code, support in [("2025-08-04", anne, 720, "FG2", 0),
                                                     ("2025-08-05", anne, 120, "FG1", 1),
                                                     ("2025-03-03", lone, 600, "PL4", 0),
                                                     ("2025-03-04", lone, 600, "PL4", 0),
                                                     ("2025-03-05", lone, 600, "PL4", 0),
                                                     ("2024-12-31", lone, 600, "PL4", 0)]:
            conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id, is_support) VALUES (?,?,?,?,?)",
                         (person, day, minutes, area[code], support))
    held, _ = meetings.plan(conn, MeetingDraft(body="folgegruppe", day=date(2025, 10, 14), status="held"))
    meeting_records.set_attendance(conn, held, anne, "present")
    cancelled, _ = meetings.plan(conn, MeetingDraft(body="folgegruppe", day=date(2025, 5, 13)))
    meetings.set_status(conn, cancelled, "cancelled")
    meeting_records.save_item(conn, held, "Uenighed om eksport", None, None, None, True)
    a, _ = tickets.create(conn, TicketDraft(title="A", category="fejl"), date(2025, 2, 1))
    # the days the user typed count, not when the records were made (today, 25.11.2026)
    tickets.forward(conn, a, "DT-1", date(2025, 2, 3), None, today=TODAY)
    tickets.change_status(conn, a, "resolved", TODAY, on=date(2025, 2, 13))
    tickets.change_status(conn, a, "closed", TODAY, on=date(2025, 2, 14))
    tickets.create(conn, TicketDraft(title="B", category="oenske"), date(2025, 6, 1))
    tickets.create(conn, TicketDraft(title="C", category="fejl"), date(2026, 1, 5))
    return {"anne": anne}


def test_annual_report_numbers(conn, year_2025):
    r = annual(conn, 2025, TODAY)
    hours = {a["code"]: a["hours"] for a in r["areas"]}
    assert hours["PL4"] == 30 and hours["FG2"] == 12 and hours["FG1"] == 2 and sum(hours.values()) == 44
    assert r["project_leadership"] == {"budget": 1350, "used": 30, "remaining": 1320, "status": "ok"}
    (anne,) = r["members"]
    assert anne["days_with_seat"] == 184 and anne["budget"] == pytest.approx(37.3, abs=0.01)
    assert anne["used"] == 12 and anne["support"] == 2
    assert [(m["status"], m["present"]) for m in r["meetings"]] == [("cancelled", 0), ("held", 1)]
    assert r["tickets"] == {"opened": 2, "closed": 1, "by_category": {"fejl": 1, "oenske": 1},
                            "returned_from_supplier": 1, "median_days_at_supplier": 10}
    assert [x["title"] for x in r["referrals"]] == ["Uenighed om eksport"]


def test_report_formats(conn, year_2025, tmp_path):
    r = annual(conn, 2025, TODAY)
    md = render(r, "md").decode()
    assert md.startswith("# Årsrapport 2025") and "| PL4 |" in md
    rows = list(csv.reader(io.StringIO(csv_table(r, "areas").decode("utf-8"))))
    assert rows[0] == ["code", "name", "scope", "hours"]
    assert ["PL4", "Kontakt til leverandøren med henblik på videreudvikling, fejlrettelser mv.", "projektledelse",
            "30"] in rows
    data = json.loads(render(r, "json"))
    assert data["year"] == 2025 and data["meetings"][1]["date"] == "2025-10-14"
    path = tmp_path / "r.xlsx"
    path.write_bytes(render(r, "xlsx"))
    wb = load_workbook(path)
    meetings_sheet = wb["Møder"]
    assert meetings_sheet["A2"].is_date and meetings_sheet["A2"].value.date() == date(2025, 5, 13)
    areas = wb["Timer pr. opgaveområde"]
    assert [c.value for c in areas[11]][:1] == ["PL4"] and areas["D11"].data_type == "n" and areas["D11"].value == 30


def test_report_cli(cli, year_2025, tmp_path):
    out = tmp_path / "r.xlsx"
    assert cli("report", "--year", "2025", "--format", "xlsx", "-o", str(out)).code == 0
    assert "Timer pr. opgaveområde" in load_workbook(out).sheetnames
    assert cli("report", "--year", "2025", "--format", "xlsx").code == 2
    assert "Årsrapport 2025" in cli("report", "--year", "2025").out


def test_dump_load_dump_is_identical(cli, db_path, tmp_path):
    fill(connect(db_path), years=2, today=TODAY)
    first = tmp_path / "a.json"
    assert cli("dump", "-o", str(first)).code == 0
    data = json.loads(first.read_text())
    assert set(data) == {r[0] for r in connect(db_path).execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table'")} - {"db_mark", "journal", "journal_row"}
    assert data["person"] and set(data["person"][0]) >= {"id", "name", "email"}
    new = tmp_path / "new.db"
    r = cli("load", str(first), db=new)
    assert r.code == 0, r.err
    second = tmp_path / "b.json"
    assert cli("dump", "-o", str(second), db=new).code == 0
    assert first.read_bytes() == second.read_bytes()
    again = cli("load", str(first), db=new)
    assert again.code == 2 and "har allerede data" in again.err


def test_dump_and_load_keep_where_imported_hours_came_from(cli, db_path, tmp_path):
    """Version 4's columns (source, covers) go through dump and load unchanged."""
    from logbog_tui.storage.session import transaction

    conn = connect(db_path)
    with transaction(conn):
        pid = conn.execute("INSERT INTO person (name) VALUES ('Anne Andersen')").lastrowid
        conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id, source, covers) VALUES"
                     " (?, '2026-03-31', 2400, 1, 'timesheet:20261125T1-ab', 'month'), (?, '2026-04-01', 60, 1,"
                     " 'timewarrior:20260401T080000Z', NULL)", (pid, pid))
    first = tmp_path / "a.json"
    assert cli("dump", "-o", str(first)).code == 0
    entries = json.loads(first.read_text())["time_entry"]
    assert [(e["source"], e["covers"]) for e in entries] == [("timesheet:20261125T1-ab", "month"),
                                                             ("timewarrior:20260401T080000Z", None)]
    new = tmp_path / "new.db"
    assert cli("load", str(first), db=new).code == 0
    second = tmp_path / "b.json"
    assert cli("dump", "-o", str(second), db=new).code == 0
    assert first.read_bytes() == second.read_bytes()


def test_load_refuses_bad_files(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"nonsense": []}')
    r = cli("load", str(bad), db=tmp_path / "x.db")
    assert r.code == 2 and "ukendte tabeller" in r.err
    bad.write_text("not json")
    assert cli("load", str(bad), db=tmp_path / "y.db").code == 2
    bad.write_text('{"time_entry": [{"id": 1, "person_id": 99, "date": "2026-01-01", "minutes": 60, "area_id": 1}]}')
    r = cli("load", str(bad), db=tmp_path / "z.db")
    assert r.code == 2 and "brudte henvisninger" in r.err
    assert connect(tmp_path / "z.db").execute("SELECT count(*) FROM task_area").fetchone()[0] == 15


async def test_palette_finds_a_person_and_a_ticket(db_path):
    from logbog_tui.tui.app import LogbogApp
    from logbog_tui.tui.screens.tickets import TicketScreen

    conn = connect(db_path)
    with transaction(conn):
        conn.execute("INSERT INTO person (name) VALUES ('Gitte Gundersen')")
    tid, _ = tickets.create(conn, TicketDraft(title="Eksport til Excel fejler", category="fejl"), TODAY)
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p", *"Gundersen")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.current_mode == "members"
        table = app.screen.query_one("#people")
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["Gitte Gundersen"]
        await pilot.press("ctrl+p", *"Excel")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, TicketScreen) and app.screen.ticket_id == tid


async def test_theme_is_remembered(db_path):
    from logbog_tui.tui.app import LogbogApp

    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test() as pilot:
        app.theme = "nord"
        await pilot.pause()
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "nord"

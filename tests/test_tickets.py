"""Support tickets: numbering, life cycle, supplier, the support rule for hours, the CLI."""

from __future__ import annotations

import json
import multiprocessing
from datetime import date

import pytest

from logbog_tui.storage import tickets, timelog
from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction
from logbog_tui.errors import UserError
from logbog_tui.overview import budget_overview
from tests.conftest import PROCESSES
from logbog_tui.storage.tickets import TicketDraft

TODAY = date(2026, 11, 25)


def test_numbers_are_per_year_and_readable(conn):
    assert tickets.create(conn, TicketDraft(title="A"), date(2026, 1, 5))[1] == "2026-0001"
    assert tickets.create(conn, TicketDraft(title="B"), date(2026, 3, 5))[1] == "2026-0002"
    assert tickets.create(conn, TicketDraft(title="C"), date(2027, 1, 2))[1] == "2027-0001"


def test_life_cycle_with_events_and_reopen(conn):
    tid, _ = tickets.create(conn, TicketDraft(title="Fejl i eksport", category="fejl", priority="hoej"),
                            date(2026, 10, 30))
    with pytest.raises(UserError, match="kan ikke gå fra »ny« til »ny«|kan ikke gå"):
        tickets.change_status(conn, tid, "new", TODAY)
    tickets.change_status(conn, tid, "open", TODAY, on=date(2026, 10, 31))
    tickets.forward(conn, tid, "DT-2026-123", date(2026, 11, 2), date(2026, 11, 16))
    tickets.comment(conn, tid, "Rykket hos DT")
    tickets.change_status(conn, tid, "resolved", TODAY)
    tickets.change_status(conn, tid, "closed", TODAY)
    assert tickets.get(conn, tid).closed == TODAY
    tickets.change_status(conn, tid, "open", TODAY, comment="Fejlen er tilbage")
    row = tickets.get(conn, tid)
    assert row.status == "open" and row.closed is None
    kinds = [(e.kind, e.old_status, e.new_status) for e in tickets.timeline(conn, tid)]
    assert kinds == [("created", None, "new"), ("status", "new", "open"), ("forwarded", "open", "with_supplier"),
                     ("comment", None, None), ("status", "with_supplier", "resolved"), ("status", "resolved", "closed"),
                     ("status", "closed", "open")]


def test_days_with_supplier_and_passed_promise(conn):
    tid, _ = tickets.create(conn, TicketDraft(title="Langsom"), date(2026, 10, 30))
    tickets.forward(conn, tid, "DT-1", date(2026, 11, 1), date(2026, 11, 20))
    row = tickets.get(conn, tid)
    assert row.days_with_supplier(TODAY) == 24 and row.promise_passed(TODAY)
    assert not row.promise_passed(date(2026, 11, 20))
    with pytest.raises(UserError, match="før afsendelsen"):
        tickets.forward(conn, tid, "DT-1", date(2026, 11, 10), date(2026, 11, 1))
    tickets.change_status(conn, tid, "resolved", TODAY)
    assert tickets.get(conn, tid).days_with_supplier(TODAY) is None


def test_feedback_becomes_a_development_task(conn):
    tid, number = tickets.create(conn, TicketDraft(title="Uklar knap", category="feedback"), TODAY)
    task = tickets.to_task(conn, tid)
    row = conn.execute("SELECT t.ticket_id, a.code, t.title FROM task t JOIN task_area a ON a.id = t.area_id"
                       " WHERE t.id = ?", (task,)).fetchone()
    assert tuple(row) == (tid, "FG2", f"Uklar knap ({number})")
    bug, _ = tickets.create(conn, TicketDraft(title="Fejl", category="fejl"), TODAY)
    with pytest.raises(UserError):
        tickets.to_task(conn, bug)


def test_hours_on_a_ticket_are_support(conn):
    """Project leadership hours on a ticket count for PL9; a member's never count toward the 74 h."""
    with transaction(conn):
        lone = conn.execute("INSERT INTO person (name) VALUES ('Lone')").lastrowid
        jens = conn.execute("INSERT INTO person (name) VALUES ('Jens')").lastrowid
        seat = conn.execute("SELECT id FROM seat WHERE body_code = 'folgegruppe' AND region_code = 'midtjylland'"
                            ).fetchone()[0]
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2020-01-01')",
                     (jens, seat))
    area = dict(conn.execute("SELECT code, id FROM task_area"))
    tid, _ = tickets.create(conn, TicketDraft(title="Spørgsmål"), TODAY)
    timelog.save(conn, timelog.Draft(person_id=lone, day=TODAY, minutes=90, area_id=area["PL9"], ticket_id=tid), TODAY)
    timelog.save(conn, timelog.Draft(person_id=jens, day=TODAY, minutes=60, area_id=area["FG1"], ticket_id=tid,
                                     is_support=False), TODAY)
    ov = budget_overview(conn, 2026, TODAY)
    assert ov.leadership.used == 1.5
    assert ov.member(jens).used == 0 and ov.member(jens).support == 1
    assert tickets.get(conn, tid).minutes == 150
    saved = timelog.save(conn, timelog.Draft(person_id=lone, day=TODAY, minutes=30, area_id=area["PL4"], ticket_id=tid),
                         TODAY)
    assert saved.area_code == "PL9" and saved.is_support


def _create_many(path: str, n: int, out) -> None:
    from logbog_tui.storage.db import connect as c

    conn = c(path)
    numbers = [tickets.create(conn, TicketDraft(title=f"samtidig {i}"), TODAY)[1] for i in range(n)]
    out.put(numbers)


@PROCESSES
def test_concurrent_creation_gives_unique_gap_free_numbers(db_path):
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_create_many, args=(str(db_path), 25, queue)) for _ in range(4)]
    for p in procs:
        p.start()
    numbers = [n for _ in procs for n in queue.get(timeout=120)]
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    assert len(numbers) == 100 and len(set(numbers)) == 100
    assert sorted(numbers) == [f"2026-{i:04d}" for i in range(1, 101)]


def test_cli_contract(cli, db_path):
    r = cli("ticket", "add", "Kan ikke godkende", "--category", "fejl", "--reporter", "Ida Udefra", "--priority",
            "høj", "--description", "Fra OUH")
    assert r.code == 0 and r.out.strip() == "2026-0001"
    r = cli("ticket", "add", "Ny målbeskrivelse", "--category", "dataændring")
    assert r.out.strip() == "2026-0002"
    assert cli("ticket", "add", "x", "--category", "klage").code == 2
    conn = connect(db_path)
    with transaction(conn):  # as if the ticket had been opened a week ago
        conn.execute("UPDATE ticket SET opened_on = '2026-11-18' WHERE id = 1")
    tickets.forward(conn, 1, "DT-9", date(2026, 11, 20), None)
    data = json.loads(cli("ticket", "list", "--json").out)
    assert [set(d) for d in data] == [{"id", "number", "title", "category", "status", "reporter", "opened",
                                       "supplier_ref", "days_with_supplier"}] * 2
    first = data[0]
    assert first["number"] == "2026-0001" and first["status"] == "with_supplier" and first["days_with_supplier"] == 5
    assert first["reporter"] == "Ida Udefra" and first["supplier_ref"] == "DT-9"
    assert [d["number"] for d in json.loads(cli("ticket", "list", "--status", "new", "--json").out)] == ["2026-0002"]
    assert cli("ticket", "list", "--status", "hos leverandøren").out.startswith("2026-0001")
    assert cli("ticket", "list", "--status", "whatever").code == 2


def test_list_filters_by_text_category_and_status(conn):
    tickets.create(conn, TicketDraft(title="Eksport virker ikke", category="fejl", reporter_name="Åse Ørn"), TODAY)
    tickets.create(conn, TicketDraft(title="Påmindelser pr. mail", category="oenske"), TODAY)
    assert [r.title for r in tickets.list_tickets(conn, text="ØRN")] == ["Eksport virker ikke"]
    assert [r.title for r in tickets.list_tickets(conn, text="ønske")] == ["Påmindelser pr. mail"]
    assert [r.title for r in tickets.list_tickets(conn, text="2026-0002")] == ["Påmindelser pr. mail"]
    assert [r.title for r in tickets.list_tickets(conn, sort="priority")] == ["Eksport virker ikke",
                                                                              "Påmindelser pr. mail"]


# --- issue 15, item 10: the days the user gives ----------------------------------------------------


def test_a_ticket_cannot_be_sent_before_it_was_opened_or_resolved_before_it_was_sent(conn):
    tid, _ = tickets.create(conn, TicketDraft(title="Eksport"), date(2026, 11, 10))
    with pytest.raises(UserError, match="før sagen blev oprettet"):
        tickets.forward(conn, tid, "DT-9", date(2026, 11, 2), None, today=TODAY)
    with pytest.raises(UserError, match="efter i dag"):
        tickets.forward(conn, tid, "DT-9", date(2026, 11, 26), None, today=TODAY)
    tickets.forward(conn, tid, "DT-9", date(2026, 11, 12), None, today=TODAY)
    with pytest.raises(UserError, match="før sagen blev sendt"):
        tickets.change_status(conn, tid, "resolved", TODAY, on=date(2026, 11, 11))
    tickets.change_status(conn, tid, "resolved", TODAY, on=date(2026, 11, 20))
    tickets.change_status(conn, tid, "closed", TODAY, on=date(2026, 11, 21))
    assert tickets.get(conn, tid).closed == date(2026, 11, 21)


def test_the_supplier_median_uses_the_sent_and_resolved_days_the_user_gave(conn):
    from logbog_tui.report import annual

    for opened, sent, resolved in ((date(2026, 9, 1), date(2026, 9, 2), date(2026, 9, 9)),       # 7 days
                                   (date(2026, 9, 1), date(2026, 9, 3), date(2026, 9, 24))):     # 21 days
        tid, _ = tickets.create(conn, TicketDraft(title="Sag"), opened)
        tickets.forward(conn, tid, "DT-1", sent, None, today=TODAY)
        tickets.change_status(conn, tid, "resolved", TODAY, on=resolved)
    assert annual(conn, 2026, TODAY)["tickets"]["median_days_at_supplier"] == 14


def test_the_timeline_shows_danish_local_time(conn, monkeypatch):
    from logbog_tui.i18n import fmt_moment

    assert fmt_moment("2026-06-30 08:05:00") == "30.06.2026 kl. 10.05"      # summer time, UTC+2
    assert fmt_moment("2026-11-25 23:30:00") == "26.11.2026 kl. 00.30"      # winter time, UTC+1
    tid, _ = tickets.create(conn, TicketDraft(title="Sag"), date(2026, 11, 1))
    tickets.forward(conn, tid, "DT-1", date(2026, 11, 3), None, today=TODAY)
    assert [fmt_moment(e.at)[:10] for e in tickets.timeline(conn, tid)] == ["01.11.2026", "03.11.2026"]


def test_events_follow_logbog_today(conn, monkeypatch):
    monkeypatch.setenv("LOGBOG_TODAY", "2026-06-30")
    from datetime import date as d

    tid, _ = tickets.create(conn, TicketDraft(title="Sag"), d(2026, 6, 30))
    (created,) = tickets.timeline(conn, tid)
    assert tickets.local_day(created.at) == d(2026, 6, 30)


def test_the_demos_annual_report_has_a_supplier_median_and_attendance(tmp_path):
    from logbog_tui.storage.db import open_db
    from logbog_tui.storage.demo import fill
    from logbog_tui.report import annual

    conn = open_db(tmp_path / "demo.db", today=TODAY)
    fill(conn, years=2, today=TODAY)
    report = annual(conn, 2025, TODAY)
    assert report["tickets"]["median_days_at_supplier"] is not None
    assert report["tickets"]["returned_from_supplier"] > 5
    held = [m for m in report["meetings"] if m["status"] == "held"]
    assert held and all(m["present"] > 0 for m in held)
    assert any(m["substitute"] for m in report["meetings"]) or any(m["absent"] for m in report["meetings"])
    assert conn.execute("SELECT value FROM setting WHERE key = 'org_start'").fetchone()[0] == "2025-01-01"


def test_the_ticket_number_is_written_once_for_sqlite_and_for_a_server(conn):
    from sqlalchemy.dialects import postgresql, sqlite

    from logbog_tui.storage.models import Ticket

    expression = tickets.ticket_number(Ticket.year, Ticket.seq)
    assert "printf" in str(expression.compile(dialect=sqlite.dialect()))
    assert "lpad" in str(expression.compile(dialect=postgresql.dialect()))
    tickets.create(conn, TicketDraft(title="Første"), TODAY)
    assert [r.number for r in tickets.list_tickets(conn, text="2026-0001")] == ["2026-0001"]
    assert tickets.list_tickets(conn, text="2026-01") == []

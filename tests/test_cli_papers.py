"""``logbog meeting address|attach|sent|due|invite`` and the deadline settings (issue 23): what a
user or a script notices; the new tables in dump/load, the journal (undo) and migrations."""

from __future__ import annotations

import json
from datetime import date, timedelta

from icalendar import Calendar

from logbog_tui.storage import meeting_records, meetings, papers, portability
from logbog_tui.storage.db import open_db
from logbog_tui.storage.demo import fill
from tests import test_papers

TODAY = date(2026, 11, 25)
PAPER_TABLES = ("host_address", "agenda_paper", "paper_sent")
demo = test_papers.demo  # a demo database, fresh per test (fixture)


def _next_fg(conn):
    return next(m for m in meetings.list_meetings(conn) if m.body == "folgegruppe" and m.status == "planned")


def test_address_is_the_default_place_of_a_host_regions_meetings(cli, demo):
    m = _next_fg(demo)
    with_place = cli("meeting", "address", m.host_code, "=1+1 | [b] Testvej 1")
    assert with_place.code == 0 and "=1+1 | [b] Testvej 1" in with_place.out
    assert papers.addresses(demo)[m.host_code] == "=1+1 | [b] Testvej 1"
    # the meeting's own place wins; without one, the region's address is used
    assert papers.address_for(demo, m) == m.place
    demo.execute("UPDATE meeting SET place = NULL WHERE id = ?", (m.id,))
    assert papers.address_for(demo, meetings.get(demo, m.id)) == "=1+1 | [b] Testvej 1"
    md = cli("meeting", "papers", str(m.id), "--kind", "invitation")
    assert "| \\=1+1 \\| \\[b\\] Testvej 1 |" in md.out  # a table cell, escaped: renders as typed


def test_address_refuses_an_unknown_region_and_an_empty_address(cli, demo):
    before = papers.addresses(demo)
    r = cli("meeting", "address", "Atlantis", "Vej 1")
    assert r.code == 2 and r.err.startswith("logbog: ") and len(r.err.strip().splitlines()) == 1
    r = cli("meeting", "address", "Syddanmark", "   ")
    assert r.code == 2 and r.err.startswith("logbog: ")
    assert papers.addresses(demo) == before


def test_attach_adds_a_paper_to_an_item_with_json(cli, demo):
    m = _next_fg(demo)
    item = meeting_records.items(demo, m.id)[1]
    r = cli("meeting", "attach", f"#{item.id}", "Notat [b] | x", "/srv/notat.pdf", "--json")
    assert r.code == 0
    data = json.loads(r.out)
    assert set(data) == {"paper_id", "item_id", "title", "target"} and data["item_id"] == item.id
    assert [p.title for p in papers.papers_of(demo, m.id)[item.id]] == ["Notat [b] | x"]
    assert cli("meeting", "attach", "abc", "x").code == 2
    r = cli("meeting", "attach", "99999", "x")
    assert r.code == 2 and r.err.startswith("logbog: ")
    assert cli("meeting", "attach", str(item.id), "x" * 301).code == 2
    assert len(papers.papers_of(demo, m.id)[item.id]) == 1


def test_sent_prints_a_line_and_undo_takes_it_back(cli, demo):
    m = _next_fg(demo)
    r = cli("meeting", "sent", str(m.id), "--kind", "invitation", "--on", "20.11.2026")
    assert r.code == 0 and "20.11.2026" in r.out and "Indkaldelse" in r.out
    assert papers.sent(demo, m.id)["invitation"] == date(2026, 11, 20)
    assert cli("undo", "--yes").code == 0
    assert "invitation" not in papers.sent(demo, m.id)


def test_deadline_settings_change_what_is_due(cli, demo):
    m = _next_fg(demo)
    assert cli("setting", "papers_invitation_days", "ti").code == 2
    days_ahead = (m.day - TODAY).days
    assert cli("setting", "papers_invitation_days", str(days_ahead + 1)).code == 0
    due = json.loads(cli("meeting", "due", "--json").out)
    assert {"meeting_id": m.id, "body": "folgegruppe", "date": m.day.isoformat(), "kind": "invitation",
            "deadline": (TODAY - timedelta(days=1)).isoformat(), "late": True} in due
    assert papers.days(demo)["invitation"] == days_ahead + 1
    listing = cli("setting")
    assert "papers_invitation_days" in listing.out and "papers_minutes_days" in listing.out


def test_a_moved_meeting_gives_an_update_with_the_same_uid(cli, demo, tmp_path):
    m = _next_fg(demo)
    a, b = tmp_path / "a.ics", tmp_path / "b.ics"
    assert cli("meeting", "invite", str(m.id), "-o", str(a)).code == 0
    assert cli("meeting", "move", str(m.id), "--date", (m.day.replace(day=m.day.day + 1)).isoformat()).code == 0
    assert cli("meeting", "invite", str(m.id), "-o", str(b)).code == 0
    (first,), (moved,) = (Calendar.from_ical(p.read_bytes()).walk("VEVENT") for p in (a, b))
    assert moved["UID"] == first["UID"] and int(moved["SEQUENCE"]) > int(first["SEQUENCE"])
    assert moved.decoded("DTSTART").date() > first.decoded("DTSTART").date()
    assert Calendar.from_ical(b.read_bytes())["METHOD"] == "REQUEST"
    assert cli("meeting", "invite", str(m.id), "-o", str(b)).code == 2  # the file exists: --force


def test_invite_needs_the_project_leaders_mail(cli, demo):
    m = _next_fg(demo)
    leader = papers.organizer(demo, m.day)
    demo.execute("UPDATE person SET email = NULL WHERE email = ?", (leader.email,))
    r = cli("meeting", "invite", str(m.id))
    assert r.code == 2 and "e-mail" in r.err and len(r.err.strip().splitlines()) == 1


def test_dump_load_keeps_the_papers(tmp_path):
    source = open_db(tmp_path / "a.db", today=TODAY)
    fill(source, years=1, today=TODAY)
    data = json.loads(portability.dumps(source))
    assert all(data[t] for t in PAPER_TABLES)
    target = open_db(tmp_path / "b.db", today=TODAY)
    portability.load(target, data)
    assert portability.dumps(target) == portability.dumps(source)
    triggers = {r[0] for r in target.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger'")}
    assert {f"journal_{t}_insert" for t in PAPER_TABLES} <= triggers

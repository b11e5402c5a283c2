"""Meeting papers (issue 23): the .docx and Markdown documents against the record, the .ics request
with attendees (parsed with icalendar, imported into khal), the .eml draft parsed back."""

from __future__ import annotations

import email
import os
import subprocess
from email import policy

import docx
import pytest
from icalendar import Calendar
from markdown_it import MarkdownIt

from logbog_tui.storage import meeting_records, meetings, papers
from logbog_tui.storage.db import connect
from tests.conftest import program

HOSTILE = "=1+1 | [b] *x* # " + "ø" * 480


@pytest.fixture
def demo(cli, db_path):
    assert cli("demo").code == 0
    conn = connect(db_path)
    yield conn
    conn.close()


def _meeting(conn, body="folgegruppe", past=True):
    rows = [m for m in meetings.list_meetings(conn) if m.body == body and m.status != "cancelled"]
    held = [m for m in rows if (m.status == "held") == past]
    return held[-1] if past else held[0]


def _hostile_item(conn, m):
    item = meeting_records.save_item(conn, m.id, HOSTILE[:300], None, None, HOSTILE, True)
    papers.add_paper(conn, item, "Bilag =SUM(A1) | [x]", "https://example.org/a|b.pdf")
    return item


def test_agenda_docx_has_real_headings_a_table_and_numbered_items(cli, demo, tmp_path):
    m = _meeting(demo, past=False)
    _hostile_item(demo, m)
    out = tmp_path / "agenda.docx"
    r = cli("meeting", "papers", str(m.id), "--kind", "agenda", "-o", str(out))
    assert r.code == 0, r.err
    d = docx.Document(str(out))
    titles = [p.text for p in d.paragraphs if p.style.name.startswith(("Title", "Heading"))]
    assert titles[0].startswith("Dagsorden for møde i Følgegruppen") and "Dagsorden" in titles[1:]
    numbered = [p.text for p in d.paragraphs if p.style.name == "List Number"]
    assert numbered == [i.title for i in meeting_records.items(demo, m.id)]  # in order, as typed
    assert HOSTILE[:300] in numbered
    lines = [p.text for p in d.paragraphs if p.style.name == "List Bullet 2"]
    assert "Bilag: Bilag =SUM(A1) | [x] (https://example.org/a|b.pdf)" in lines
    facts = {row.cells[0].text: row.cells[1].text for row in d.tables[0].rows}
    assert facts["Værtsregion"] == m.host_name and facts["Sted"] == papers.address_for(demo, m)


def test_minutes_docx_holds_attendance_decisions_referrals_actions_and_next_meeting(cli, demo, tmp_path):
    m = _meeting(demo)
    _hostile_item(demo, m)
    out = tmp_path / "minutes.docx"
    assert cli("meeting", "papers", str(m.id), "--kind", "minutes", "-o", str(out)).code == 0
    d = docx.Document(str(out))
    headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["Fremmøde", "Dagsorden", "Henvisninger til styregruppen", "Opgaver", "Næste møde"]
    attendance = d.tables[1]
    assert [c.text for c in attendance.rows[0].cells] == ["Navn", "Plads", "Fremmøde", "Repræsenteret ved"]
    people = meeting_records.attendees(demo, m.id)
    assert [r.cells[0].text for r in attendance.rows[1:]] == [a.name for a in people]
    assert len(people) > 1
    bullets = [p.text for p in d.paragraphs if p.style.name == "List Bullet 2"]
    assert f"Beslutning: {HOSTILE}" in bullets and "Henvist til styregruppen" in bullets
    referrals = d.tables[2]
    assert HOSTILE[:300] in [r.cells[0].text for r in referrals.rows]
    nxt = papers.next_meeting(demo, m)
    assert nxt is not None and nxt.host in d.paragraphs[-2].text + d.paragraphs[-1].text + "".join(
        p.text for p in d.paragraphs)


def test_invitation_names_members_substitutes_and_the_deadline(cli, demo, tmp_path):
    m = _meeting(demo, past=False)
    out = tmp_path / "inv.docx"
    assert cli("meeting", "papers", str(m.id), "--kind", "invitation", "-o", str(out)).code == 0
    d = docx.Document(str(out))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "Punkter til dagsordenen sendes til sekretariatet senest" in text
    members = [r for r in papers.recipients(demo, m) if r.role == "member"]
    subs = [r for r in papers.recipients(demo, m) if r.role == "substitute"]
    assert [r.cells[0].text for r in d.tables[1].rows[1:]] == [r.name for r in members]
    assert [r.cells[0].text for r in d.tables[2].rows[1:]] == [r.name for r in subs]


def test_markdown_shows_hostile_text_as_typed(cli, demo):
    m = _meeting(demo)
    _hostile_item(demo, m)
    r = cli("meeting", "papers", str(m.id), "--kind", "minutes", "--format", "md")
    assert r.code == 0
    html = MarkdownIt("commonmark").enable("table").render(r.out)
    assert "<table>" in html and "<ol>" in html and "<h2>" in html
    assert "=1+1 | [b] *x* # " in html.replace("&quot;", '"') and "<em>" not in html


def test_english_ui_gives_english_papers(cli, demo, monkeypatch):
    monkeypatch.setenv("LOGBOG_LANG", "en")
    m = _meeting(demo, past=False)
    r = cli("meeting", "papers", str(m.id), "--kind", "agenda")
    assert r.code == 0 and r.out.startswith("# Agenda for the Følgegruppen meeting")


def test_bad_arguments_exit_2_with_one_line(cli, demo, tmp_path):
    m = _meeting(demo)
    r = cli("meeting", "papers", str(m.id), "--kind", "memo")
    assert r.code == 2 and len(r.err.strip().splitlines()) <= 2
    r = cli("meeting", "papers", str(m.id), "--kind", "agenda", "--format", "docx")
    assert r.code == 2 and r.err.startswith("logbog: ") and len(r.err.strip().splitlines()) == 1
    r = cli("meeting", "sent", str(m.id), "--kind", "agenda", "--on", "32.13.2026")
    assert r.code == 2 and "Traceback" not in r.err
    r = cli("meeting", "papers", "99999", "--kind", "agenda")
    assert r.code == 2 and r.err.startswith("logbog: ")


def test_marking_sent_clears_what_is_due_and_has_a_json_shape(cli, demo):
    due = cli("meeting", "due", "--json")
    assert due.code == 0
    import json

    rows = json.loads(due.out)
    assert rows and set(rows[0]) == {"meeting_id", "body", "date", "kind", "deadline", "late"}
    first = rows[0]
    r = cli("meeting", "sent", str(first["meeting_id"]), "--kind", first["kind"], "--on", "i dag", "--json")
    assert r.code == 0 and json.loads(r.out) == {"meeting_id": first["meeting_id"], "kind": first["kind"],
                                                 "sent_on": "2026-11-25"}
    after = json.loads(cli("meeting", "due", "--json").out)
    assert {(d["meeting_id"], d["kind"]) for d in after} == {(d["meeting_id"], d["kind"]) for d in rows[1:]}
    assert papers.sent(demo, first["meeting_id"])[first["kind"]].isoformat() == "2026-11-25"


def test_deadlines_follow_the_settings():
    from datetime import date

    settings = dict(papers.DEFAULT_DAYS)
    assert papers.deadline("invitation", date(2027, 5, 11), settings) == date(2027, 4, 13)
    assert papers.deadline("agenda", date(2027, 5, 11), settings) == date(2027, 5, 4)
    assert papers.deadline("minutes", date(2027, 5, 11), settings) == date(2027, 5, 25)


def _invite(cli, m, path):
    r = cli("meeting", "invite", str(m), "-o", str(path), "--force")
    assert r.code == 0, r.err
    return Calendar.from_ical(path.read_bytes())


def test_invite_is_a_request_with_attendees_and_a_cancellation_keeps_the_uid(cli, demo, tmp_path):
    m = _meeting(demo, past=False)
    cal = _invite(cli, m.id, tmp_path / "a.ics")
    assert cal["METHOD"] == "REQUEST"
    (event,) = cal.walk("VEVENT")
    leader = papers.organizer(demo, m.day)
    assert str(event["ORGANIZER"]) == f"mailto:{leader.email}"
    attendees = event["ATTENDEE"]
    roles = {str(a).removeprefix("mailto:"): a.params["ROLE"] for a in attendees}
    expected = {r.email: r.role for r in papers.recipients(demo, m) if r.email and r.email != leader.email}
    assert roles == {mail: "REQ-PARTICIPANT" if role == "member" else "OPT-PARTICIPANT"
                     for mail, role in expected.items()}
    first_seq = int(event["SEQUENCE"])
    meetings.set_status(demo, m.id, "cancelled")
    cancel = _invite(cli, m.id, tmp_path / "b.ics")
    (again,) = cancel.walk("VEVENT")
    assert cancel["METHOD"] == "CANCEL" and again["UID"] == event["UID"] and int(again["SEQUENCE"]) > first_seq


@pytest.mark.khal
def test_khal_imports_the_request(cli, demo, tmp_path):
    khal = program("khal")
    m = _meeting(demo, past=False)
    _invite(cli, m.id, tmp_path / "a.ics")
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
    r = subprocess.run([khal, "-c", str(config), "import", "--batch", "-a", "logbog", str(tmp_path / "a.ics")],
                       capture_output=True, text=True, env=env, timeout=120)
    assert r.returncode == 0 and "warning" not in (r.stdout + r.stderr).lower(), r.stderr
    listing = subprocess.run([khal, "-c", str(config), "list", m.day.strftime("%d.%m.%Y"), "1d"],
                             capture_output=True, text=True, env=env, timeout=120).stdout
    assert "Følgegruppen" in listing


def test_eml_draft_parses_back_with_recipients_subject_and_the_attachment(cli, demo, tmp_path):
    m = _meeting(demo, past=False)
    out = tmp_path / "agenda.eml"
    assert cli("meeting", "papers", str(m.id), "--kind", "agenda", "--eml", "-o", str(out)).code == 0
    msg = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert msg["Subject"].startswith("Dagsorden: møde i Følgegruppen")
    to = {a.addr_spec for a in msg["To"].addresses}
    assert to == {r.email for r in papers.recipients(demo, m) if r.role == "member" and r.email} - {
        papers.organizer(demo, m.day).email}
    assert "Hermed dagsorden" in msg.get_body(("plain",)).get_content()
    (att,) = list(msg.iter_attachments())
    assert att.get_filename().endswith(".docx")
    import io

    d = docx.Document(io.BytesIO(att.get_content()))
    assert [p.text for p in d.paragraphs if p.style.name == "List Number"] == [
        i.title for i in meeting_records.items(demo, m.id)]


def test_minutes_list_the_meetings_actions_with_owner_and_due_date(cli, demo, tmp_path):
    from datetime import date

    from logbog_tui.storage import tasks

    m = _meeting(demo)
    area = tasks.areas(demo)[0].id
    leader = papers.organizer(demo, m.day)
    owner = demo.execute("SELECT id FROM person WHERE email = ?", (leader.email,)).fetchone()[0]
    tasks.create(demo, tasks.TaskDraft.check({"title": "Skriv =SUM(A1) | [b]", "area": area, "owner": owner,
                                              "due": date(2026, 12, 15), "meeting": m.id}))
    out = tmp_path / "minutes.docx"
    assert cli("meeting", "papers", str(m.id), "--kind", "minutes", "-o", str(out)).code == 0
    d = docx.Document(str(out))
    actions = next(tb for tb in d.tables if tb.rows[0].cells[0].text == "Opgave")
    rows = [[c.text for c in r.cells] for r in actions.rows[1:]]
    assert ["Skriv =SUM(A1) | [b]", leader.name, "15.12.2026"] in rows

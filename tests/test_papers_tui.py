"""Meeting papers in the TUI (issue 23): `P` in a meeting's record opens the papers dialog, which
fits 80x24, writes the paper, and marks it sent; the dashboard lists papers due or late."""

from __future__ import annotations

import docx
from textual.widgets import Button, Input, Select

from logbog_tui.storage import meetings, papers
from logbog_tui.storage.db import connect
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.screens.dashboard import attention_text
from tests import test_tui_layout as layout

SIZE, TODAY = layout.SIZE, layout.TODAY


async def _open_dialog(app, pilot, key="P"):
    """The dialog of ``key`` in the record of the year's last meeting, its buttons in sight at 80x24."""
    await pilot.press("3", "G", "enter")
    await pilot.pause()
    await pilot.press(key)
    await pilot.pause()
    for button in app.screen.query(Button):
        assert 0 < button.region.y < SIZE[1] - 1 and button.region.right <= SIZE[0]
    return app.screen


async def test_the_papers_dialog_fits_and_writes_the_agenda(demo, tmp_path):
    app = LogbogApp(connect(demo), demo, today=TODAY)
    target = tmp_path / "dagsorden.docx"
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_dialog(app, pilot)
        screen.query_one("#file", Input).value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
    d = docx.Document(str(target))
    assert [p for p in d.paragraphs if p.style.name == "List Number"]


async def test_marking_sent_in_the_dialog_records_today(demo):
    app = LogbogApp(connect(demo), demo, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_dialog(app, pilot)
        screen.query_one("#kind", Select).value = "minutes"
        screen.query_one("#action", Select).value = "sent"
        await pilot.press("ctrl+s")
        await pilot.pause()
    conn = connect(demo)
    last = meetings.list_meetings(conn, 2026)[-1]
    assert papers.sent(conn, last.id)["minutes"] == TODAY


def test_the_dashboard_names_late_papers(demo):
    conn = connect(demo)
    text = attention_text(conn, TODAY)
    late = papers.due(conn, TODAY)
    assert late and "mødepapir" in text and all(f"(frist {d.deadline:%d.%m.%Y}" in text for d in late[:3])
    for d in late:
        papers.mark_sent(conn, d.meeting_id, d.kind, TODAY)
    assert "mødepapir" not in attention_text(conn, TODAY)


async def test_b_attaches_a_paper_to_the_item_under_the_cursor(demo):
    app = LogbogApp(connect(demo), demo, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_dialog(app, pilot, "B")
        screen.query_one("#title", Input).value = "Notat =1+1 | [b]"
        screen.query_one("#target", Input).value = "/srv/notat.pdf"
        await pilot.press("ctrl+s")
        await pilot.pause()
    conn = connect(demo)
    last = meetings.list_meetings(conn, 2026)[-1]
    attached = [p for found in papers.papers_of(conn, last.id).values() for p in found]
    assert ("Notat =1+1 | [b]", "/srv/notat.pdf") in [(p.title, p.target) for p in attached]

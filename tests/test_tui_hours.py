"""Hour logging in the TUI, driven with Pilot: three keystrokes, edit, delete, undo, the
threshold toast, the budget panel against the service, budgets edited with confirmation."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Input, Static, TabbedContent

from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction
from logbog_tui.i18n import fmt_hours
from logbog_tui.overview import budget_overview
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.dialogs import ConfirmDialog, LogHoursDialog
from logbog_tui.tui.dialogs.form import FormDialog
from logbog_tui.tui.textual_private import build_screen, notifications
from logbog_tui.tui.widgets import BudgetPanel

TODAY = date(2026, 11, 25)


@pytest.fixture
def org(db_path):
    conn = connect(db_path)
    with transaction(conn):
        lone = conn.execute("INSERT INTO person (name) VALUES ('Lone Leder')").lastrowid
        jens = conn.execute("INSERT INTO person (name) VALUES ('Jens Jensen')").lastrowid
        pl_seat = conn.execute("SELECT id FROM seat WHERE body_code = 'styregruppe' AND kind = 'project_leader'"
                               ).fetchone()[0]
        fg_seat = conn.execute("SELECT id FROM seat WHERE body_code = 'folgegruppe' AND region_code = 'midtjylland'"
                               ).fetchone()[0]
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2020-01-01')",
                     (lone, pl_seat))
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2020-01-01')",
                     (jens, fg_seat))
        pl4 = conn.execute("SELECT id FROM task_area WHERE code = 'PL4'").fetchone()[0]
        conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id) VALUES (?, '2026-11-23', 60, ?)",
                     (lone, pl4))
    conn.close()
    return {"lone": lone, "jens": jens, "pl4": pl4}


def rows(db_path, sql="SELECT person_id, date, minutes, area_id, is_support FROM time_entry ORDER BY id"):
    return [tuple(r) for r in connect(db_path).execute(sql).fetchall()]


def app_for(db_path) -> LogbogApp:
    return LogbogApp(connect(db_path), db_path, today=TODAY)


async def test_three_keystrokes_log_for_the_project_leader_on_the_last_area(db_path, org):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogHoursDialog)
        await pilot.press("1", ",", "5", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, LogHoursDialog)
    assert rows(db_path)[-1] == (org["lone"], "2026-11-25", 90, org["pl4"], 0)


async def test_a_failed_save_keeps_what_was_typed(db_path, org):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await pilot.press(*"abc", "tab")
        await pilot.press(*"31.02", "enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LogHoursDialog)
        assert dialog.query_one("#hours", Input).value == "abc"
        assert dialog.query_one("#date", Input).value.endswith("31.02")
        assert "ikke et antal timer" in str(dialog.query_one("#hours-error", Static).render())
        assert "findes ikke" in str(dialog.query_one("#date-error", Static).render())
    assert len(rows(db_path)) == 1


async def test_more_than_24_hours_in_a_day_names_the_days_total(db_path, org):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        for hours in ("20", "5"):
            await pilot.press("l")
            await pilot.press(*hours, "enter")
            await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LogHoursDialog)
        assert "allerede registreret: 20 t" in str(dialog.query_one("#hours-error", Static).render())
        assert dialog.query_one("#hours", Input).value == "5"
    assert sum(r[2] for r in rows(db_path)) == 60 + 20 * 60


async def test_edit_then_delete_then_undo_both(db_path, org):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "t")
        await pilot.pause()
        assert app.screen.query_one("#entries", DataTable).row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LogHoursDialog)
        assert app.screen.query_one("#hours", Input).value == "1"
        app.screen.query_one("#hours", Input).value = "2,25"
        await pilot.press("enter")
        await pilot.pause()
        assert rows(db_path, "SELECT minutes FROM time_entry") == [(135,)]
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert rows(db_path) == []
        await pilot.press("u")
        await pilot.pause()
        assert rows(db_path, "SELECT id, minutes FROM time_entry") == [(1, 135)]
        await pilot.press("u")
        await pilot.pause()
        assert rows(db_path, "SELECT id, minutes FROM time_entry") == [(1, 60)]
        await pilot.press("u")
        await pilot.pause()
        assert rows(db_path, "SELECT id, minutes FROM time_entry") == [(1, 60)]


async def test_crossing_a_threshold_is_loud(db_path, org):
    conn = connect(db_path)
    with transaction(conn):  # project leadership budget 10 h: 1 h used, 7,5 h more crosses 80 %
        conn.execute("UPDATE budget SET hours = 10 WHERE year = 2026 AND scope = 'projektledelse'")
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", *"7,5", "enter")
        await pilot.pause()
        notes = notifications(app)
        assert notes[-1].severity == "warning" and "over 80 %" in notes[-1].message
        await pilot.press("l", *"2", "enter")
        await pilot.pause()
        notes = notifications(app)
        assert notes[-1].severity == "error" and "overskredet" in notes[-1].message.lower()


async def test_support_hours_say_they_do_not_count(db_path, org):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l", "1")
        dialog = app.screen
        dialog.query_one("#target", Input).value = "FG1"
        dialog.query_one("#person", Input).value = "Jens"
        dialog.query_one("#support").value = True
        await pilot.press("enter")
        await pilot.pause()
        assert "tæller ikke" in notifications(app)[-1].message
    ov = budget_overview(connect(db_path), 2026, TODAY)
    assert ov.member(org["jens"]).used == 0 and ov.member(org["jens"]).support == 1


async def test_budget_panel_shows_the_services_numbers(db_path, org):
    conn = connect(db_path)
    with transaction(conn):
        fg2 = conn.execute("SELECT id FROM task_area WHERE code = 'FG2'").fetchone()[0]
        conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id) VALUES (?, '2026-03-02', 600, ?)",
                     (org["jens"], fg2))
    app = app_for(db_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("4", "t", "t")
        await pilot.pause()
        panel = app.screen.query_one(BudgetPanel)
        ov = budget_overview(conn, 2026, TODAY)
        text = str(panel.query_one("#pl-text", Static).render())
        assert "brugt 1 t af 1.350 t" in text
        assert f"forventet til dato {fmt_hours(round(ov.leadership.expected_to_date))}" in text
        table = panel.query_one("#members", DataTable)
        row = [str(c) for c in table.get_row(str(org["jens"]))]
        assert row[0] == "Jens Jensen" and row[2] == "10 t" and row[3] == "74 t" and row[4] == "64 t"
        assert "14 %" in row[1]


async def test_budget_of_a_year_with_entries_changes_only_after_confirmation(db_path, org):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "t", "t", "e")
        await pilot.pause()
        assert isinstance(app.screen, FormDialog)
        app.screen.query_one("#pl", Input).value = "1.200"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.question)
        assert "1.350 t → 1.200 t" in question and "Ingen status ændres." in question
        await pilot.press("n")
        await pilot.pause()
        assert rows(db_path, "SELECT hours FROM budget WHERE year = 2026 AND scope = 'projektledelse'") == [(1350,)]
        await pilot.press("e")
        app.screen.query_one("#pl", Input).value = "1.200"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert rows(db_path, "SELECT hours FROM budget WHERE year = 2026 AND scope = 'projektledelse'") == [(1200,)]


async def test_new_task_and_filter(db_path, org):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "n")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#title", Input).value = "Indlæs ny målbeskrivelse for almen medicin"
        dialog.query_one("#area", Input).value = "PL1"
        dialog.query_one("#due", Input).value = "+7"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert rows(db_path, "SELECT title, due_date, status FROM task") == [
            ("Indlæs ny målbeskrivelse for almen medicin", "2026-12-02", "todo")]
        await pilot.press("slash", *"MÅLBESK")
        await pilot.pause()
        assert app.screen.query_one("#tasks", DataTable).row_count == 1
        await pilot.press(*"xyz")
        await pilot.pause()
        assert app.screen.query_one("#tasks", DataTable).row_count == 0


async def test_question_mark_shows_the_tasks_keys(db_path, org):
    from logbog_tui.tui.dialogs import KeysScreen

    app = app_for(db_path)
    async with app.run_test(size=(120, 50)) as pilot:
        seen = set()
        for tab_keys in ((), ("t",)):
            await pilot.press("4", *tab_keys, "question_mark")
            await pilot.pause()
            assert isinstance(app.screen, KeysScreen)
            table = app.screen.query_one(DataTable)
            seen |= {str(table.get_row_at(i)[0]) for i in range(table.row_count)}
            await pilot.press("escape")
        assert {"l", "n", "Enter", "e", "D", "u", "[", "]", "/"} <= seen


async def test_entries_grouped_with_totals(db_path, org):
    conn = connect(db_path)
    with transaction(conn):
        conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id, is_support) VALUES (?, '2026-11-24',"
                     " 30, ?, 1)", (org["jens"], org["pl4"]))
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "t", "v")
        await pilot.pause()
        table = app.screen.query_one("#entries", DataTable)
        by_person = {str(table.get_row_at(i)[0]): [str(c) for c in table.get_row_at(i)[1:]]
                     for i in range(table.row_count)}
        assert by_person == {"Lone Leder": ["1 t", "0 t"], "Jens Jensen": ["0,5 t", "0,5 t"]}
        await pilot.press("v")
        await pilot.pause()
        assert [str(c) for c in table.get_row_at(0)] == ["PL4 Leverandørkontakt", "1,5 t", "0,5 t"]
        await pilot.press("v", "v", "left_square_bracket")
        await pilot.pause()
        assert table.row_count == 0  # the week before has nothing


async def test_escape_clears_and_hides_the_filter(db_path, org):
    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4", "t", "slash", *"zzz")
        await pilot.pause()
        table = app.screen.query_one("#entries", DataTable)
        assert table.row_count == 0
        await pilot.press("escape")
        await pilot.pause()
        assert table.row_count == 1 and app.focused is table


async def test_the_dialog_built_in_idle_time_opens_filled(db_path, org):
    """The app builds the log dialog in idle time with an empty form; `l` pressed while that
    build is half done (composed, not yet mounted) must still show the leader and the last area."""
    import asyncio

    from logbog_tui.tui.dialogs import LogForm

    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        dialog = app._dialog(LogForm("", "", TODAY), lambda draft: None)  # as prewarm_log_dialog does
        building = build_screen(app, dialog)
        while not dialog.query("#person"):
            await asyncio.sleep(0)
        app.action_log_hours()
        await building
        await pilot.pause()
        assert app.screen is dialog
        assert dialog.query_one("#person", Input).value == "Lone Leder"
        assert dialog.query_one("#target", Input).value == "PL4 Leverandørkontakt"
        await pilot.press("2", "enter")
        await pilot.pause()
    assert rows(db_path)[-1] == (org["lone"], "2026-11-25", 120, org["pl4"], 0)


async def test_a_tab_switch_during_the_idle_time_mount_waits_for_it(db_path, org):
    import asyncio

    app = app_for(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        screen = app.screen
        building = asyncio.ensure_future(screen.prewarm())
        await asyncio.sleep(0)  # the mount has begun, the panel is not complete
        screen.query_one(TabbedContent).active = "tab-entries"
        await screen._tab_changed()  # what the tab switch runs, at this very moment
        await building
        await pilot.pause()
        assert app.is_running and screen.query_one("#entries", DataTable).row_count == 1


async def test_the_budget_panel_reads_again_only_when_something_was_written(db_path, org, monkeypatch):
    """Filled in idle time and not rebuilt on a tab switch when nothing changed; hours logged by
    another program (the CLI) or in the TUI show on the next visit."""
    app = app_for(db_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("4", "t", "t")
        await pilot.pause()
        panel = app.screen.query_one(BudgetPanel)
        table = panel.query_one("#members", DataTable)
        assert [str(c) for c in table.get_row(str(org["jens"]))][2] == "0 t"
        import logbog_tui.tui.widgets.budget_panel as module

        reads = []
        original = module.budget_overview
        monkeypatch.setattr(module, "budget_overview", lambda *a, **kw: reads.append(1) or original(*a, **kw))
        await pilot.press("t", "t", "t")  # round the tabs back to Budgets: nothing written
        await pilot.pause()
        assert reads == []
        other = connect(db_path)  # another program logs 10 hours for Jens
        with transaction(other):
            fg2 = other.execute("SELECT id FROM task_area WHERE code = 'FG2'").fetchone()[0]
            other.execute("INSERT INTO time_entry (person_id, date, minutes, area_id) "
                          "VALUES (?, '2026-03-02', 600, ?)", (org["jens"], fg2))
        other.close()
        await pilot.press("t", "t", "t")
        await pilot.pause()
        assert reads == [1]
        assert [str(c) for c in table.get_row(str(org["jens"]))][2] == "10 t"

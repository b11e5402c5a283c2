"""Text from the user is shown as typed everywhere: Textual would read "[/x]" as markup and stop
the program, and would swallow "[b]". Every screen, the Hours tab, the filter, a ticket and the
log dialog's error message are visited with such text in the data."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Static

from logbog_tui.storage import people, tickets, timelog
from logbog_tui.storage.db import connect
from logbog_tui.storage.names import resolve_area
from logbog_tui.tui.app import LogbogApp
from logbog_tui.tui.dialogs import LogHoursDialog
from logbog_tui.tui.textual_private import handle_error

TODAY = date(2026, 11, 25)
ODD = "[/x] tjek [b]vigtigt"


def table_text(table: DataTable) -> str:
    return "\n".join(str(cell) for row in range(table.row_count) for cell in table.get_row_at(row))


async def test_text_with_brackets_is_shown_as_typed(db_path):
    conn = connect(db_path)
    person = people.create(conn, people.PersonDraft(name=f"Anna {ODD}"))
    area_id = resolve_area(conn, "PL4").id
    timelog.save(conn, timelog.Draft(person_id=person, day=TODAY, minutes=90, area_id=area_id, note=ODD), TODAY)
    tickets.create(conn, tickets.TicketDraft(title=f"Fejl {ODD}", description=ODD), TODAY)
    conn.close()
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in "12345":
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("4", "t")  # Tasks, the Hours tab
        await pilot.pause()
        assert ODD in table_text(app.screen.query_one("#entries", DataTable))
        await pilot.press("slash", *"[/x]")
        await pilot.pause()
        assert app.screen.query_one("#entries", DataTable).row_count == 1
        await pilot.press("escape", "5")
        await pilot.pause()
        assert f"Fejl {ODD}"[:20] in table_text(app.screen.query_one("#ticket-list", DataTable))
        await pilot.press("enter")  # the ticket itself
        await pilot.pause()
        assert ODD in str(app.screen.query_one("#ticket-detail", Static).render())
        await pilot.press("escape", "2")
        await pilot.pause()
        assert f"Anna {ODD}" in table_text(app.screen.query_one("#people", DataTable))
        await pilot.press("l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LogHoursDialog)
        dialog.query_one("#date", Input).value = "[/x]"
        await pilot.press("1", "enter")
        await pilot.pause()
        assert "[/x]" in str(dialog.query_one("#date-error", Static).render())
        assert app.is_running


async def test_unexpected_errors_end_with_one_line_and_no_traceback(db_path, capsys):
    from logbog_tui.paths import log_path

    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            for n in (1, 2):  # e.g. two cells of a table failing in one redraw
                try:
                    raise RuntimeError(f"boom {n}")
                except RuntimeError as exc:
                    handle_error(app, exc)
            await pilot.pause()
    except RuntimeError:
        pass  # run_test re-raises the error for the test; the user sees only stderr below
    err = capsys.readouterr().err
    assert err.count("logbog: ") == 1 and "logbog.log" in err.replace("\n", "")
    assert "Traceback" not in err and "NOTE" not in err and "boom" not in err
    logged = log_path().read_text()
    assert "boom 1" in logged and "boom 2" in logged


async def test_the_palette_finds_and_shows_odd_names(db_path):
    from textual.widgets import OptionList

    conn = connect(db_path)
    people.create(conn, people.PersonDraft(name=f"Anna {ODD}"))
    conn.close()
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"anna")
        await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        options = app.screen.query_one(OptionList)
        assert f"Anna {ODD}" in str(options.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_mode == "members" and app.is_running


async def test_choices_in_a_form_are_shown_as_typed(db_path):
    from textual.widgets import Select

    from logbog_tui.tui.dialogs.form import Field, FormDialog

    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(FormDialog(f"Suppleant for Anna {ODD}", [
            Field("member", "Medlem", None, options=((f"Anna {ODD}", 1), ("Bo", 2)))], lambda values: values))
        await pilot.pause()
        select = app.screen.query_one(Select)
        select.focus()
        await pilot.press("enter")  # opens the list of choices
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert select.value == 1 and app.is_running
        await pilot.press("enter", "b", "enter")  # typing a letter still jumps to a choice
        await pilot.pause()
        assert select.value == 2


async def test_messages_show_names_as_typed(db_path):
    from textual.widgets._toast import Toast

    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        app.notify(f"Gemt: {ODD}")
        await pilot.pause()
        assert any(ODD in str(toast.render()) for toast in app.screen.query(Toast)) and app.is_running


def test_palette_marks_survive_letters_that_grow_when_lowered():
    """"İ".lower() is two characters: the matcher's offsets then run past the name."""
    from textual.fuzzy import Matcher

    from logbog_tui.tui.commands import highlight

    label = "İlknur Sted"
    matcher = Matcher("sted")
    score, offsets = matcher.fuzzy_search.match("sted", label)
    assert score > 0 and max(offsets) >= len(label)
    assert highlight(label, offsets, matcher.match_style).plain == label

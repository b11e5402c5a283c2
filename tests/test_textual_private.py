"""One test per function of logbog_tui/tui/textual_private.py: each fails when a Textual release
changes the private name or behaviour the function relies on (see that module before raising the
Textual pin in pyproject.toml)."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import DataTable, Input, Label, Select

from logbog_tui.tui import textual_private as tp


class Named(Screen):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Label(self.text, id="label")


class First(Named):
    def __init__(self) -> None:
        super().__init__("first")


class Second(Named):
    def __init__(self) -> None:
        super().__init__("second")


class Modes(App):
    CSS = "#label { background: $primary; }"
    MODES = {"first": First, "second": Second}
    DEFAULT_MODE = "first"


async def test_build_mode_builds_a_mode_screen_without_showing_it():
    app = Modes()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert tp.mode_screen(app, "second") is None
        assert [type(s) for s in tp.built_screens(app)] == [First]
        screen = await tp.build_mode(app, "second")
        assert isinstance(screen, Second) and screen.is_mounted
        assert str(screen.query_one("#label", Label).render()) == "second"  # composed
        assert app.current_mode == "first" and isinstance(app.screen, First)
        assert tp.mode_screen(app, "second") is screen
        assert {type(s) for s in tp.built_screens(app)} == {First, Second}
        app.switch_mode("second")
        await pilot.pause()
        assert app.screen is screen  # the visit uses the screen built before


async def test_restyle_hidden_screens_brings_a_hidden_screen_up_to_date():
    app = Modes()
    async with app.run_test() as pilot:
        await pilot.pause()
        hidden = await tp.build_mode(app, "second")
        label = hidden.query_one("#label", Label)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"  # a stylesheet change
        await pilot.pause()
        primary = app.current_theme.primary
        assert label.styles.background.hex.lower() != primary.lower()  # hidden: not restyled yet
        tp.restyle_hidden_screens(app)
        assert label.styles.background.hex.lower() == primary.lower()
        calls = []
        app.refresh_css = lambda *a, **kw: calls.append(a)  # the visit finds nothing to restyle
        app.switch_mode("second")
        await pilot.pause()
        assert calls == []


async def test_build_screen_composes_and_mounts_an_installed_screen_without_pushing_it():
    app = Modes()
    async with app.run_test() as pilot:
        await pilot.pause()
        dialog = Named("dialog")
        app.install_screen(dialog, name="dialog")
        await tp.build_screen(app, dialog)
        assert dialog.is_mounted and dialog.query_one("#label", Label)
        assert isinstance(app.screen, First)
        app.push_screen("dialog")
        await pilot.pause()
        assert app.screen is dialog


class Failing(tp.OneLineErrors, App):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[Exception] = []

    def unexpected_error(self, error: Exception) -> None:
        self.seen.append(error)

    def unexpected_error_line(self) -> str:
        return "logbog: one line"

    def compose(self) -> ComposeResult:
        yield Label("x")

    def key_x(self) -> None:
        raise RuntimeError("boom")


async def test_one_line_errors_takes_the_place_of_textuals_traceback(capsys):
    app = Failing()
    with pytest.raises(RuntimeError, match="boom"):  # run_test re-raises it for the test
        async with app.run_test() as pilot:
            await pilot.press("x")
            await pilot.pause()
    assert [str(e) for e in app.seen] == ["boom"]
    err = capsys.readouterr().err
    assert "logbog: one line" in err and "Traceback" not in err and "boom" not in err
    assert app.return_code == 1


async def test_handle_error_twice_gives_one_line():
    app = Failing()
    lines: list[object] = []
    with pytest.raises(RuntimeError):  # (an assertion in the block would be hidden by this error)
        async with app.run_test() as pilot:
            await pilot.pause()
            for n in (1, 2):
                tp.handle_error(app, RuntimeError(f"boom {n}"))
            lines = tp.exit_lines(app)
            await pilot.pause()
    assert lines == ["logbog: one line"]
    assert [str(e) for e in app.seen] == ["boom 1", "boom 2"]


async def test_exit_lines_are_empty_after_a_clean_exit():
    app = Failing()
    async with app.run_test() as pilot:
        await pilot.pause()
    assert tp.exit_lines(app) == []


class OneTable(App):
    def compose(self) -> ComposeResult:
        yield DataTable()


async def test_update_dimensions_later_is_done_when_the_table_is_idle():
    app = OneTable()
    async with app.run_test() as pilot:
        table = app.query_one(DataTable)
        table.add_columns("ab")
        for n in range(40):
            table.add_row(str(n))
        await pilot.pause()
        before = table.virtual_size
        table.virtual_size = before.with_height(1)  # stale, as after a change in place
        tp.update_dimensions_later(table)
        scrolled = []
        table._scroll_cursor_into_view = lambda **kw: scrolled.append(kw)
        table.move_cursor(row=30)
        assert scrolled == []  # deferred to after the refresh while the flag is set
        await pilot.pause()
        assert table.virtual_size == before  # recomputed when idle
        assert scrolled


class OneInput(App):
    def compose(self) -> ComposeResult:
        yield Input(suggester=SuggestFromList(["PL1 Projektledelse"], case_sensitive=False))


async def test_shown_suggestion_is_the_completion_after_the_cursor():
    app = OneInput()
    async with app.run_test() as pilot:
        field = app.query_one(Input)
        field.focus()
        assert tp.shown_suggestion(field) == ""
        await pilot.press("p", "l")
        await pilot.pause()
        assert tp.shown_suggestion(field) == "PL1 Projektledelse"
        await pilot.press("right")  # Textual's own → takes the same text
        assert field.value == "PL1 Projektledelse"


async def test_notifications_lists_what_was_notified_oldest_first():
    app = OneInput()
    async with app.run_test() as pilot:
        app.notify("first")
        app.notify("second", severity="warning")
        await pilot.pause()
        notes = tp.notifications(app)
        assert [n.message for n in notes] == ["first", "second"]
        assert notes[-1].severity == "warning"


class OneSelect(App):
    def compose(self) -> ComposeResult:
        yield Select([("Nord", 1), ("Syd", 2)])


async def test_select_options_are_the_prompts_and_values_with_the_blank():
    app = OneSelect()
    async with app.run_test() as pilot:
        await pilot.pause()
        options = tp.select_options(app.query_one(Select))
        assert [(str(p), v) for p, v in options if v is not Select.NULL] == [("Nord", 1), ("Syd", 2)]
        assert any(v is Select.NULL for _p, v in options)


async def test_on_redraw_is_called_after_each_redraw_until_removed():
    seen: list[Screen] = []
    remove = tp.on_redraw(seen.append)
    try:
        app = OneInput()
        async with app.run_test() as pilot:
            await pilot.pause()
            before = len(seen)
            app.query_one(Input).value = "changed"
            await pilot.pause()
            assert len(seen) > before and seen[-1] is app.screen
    finally:
        remove()
    count = len(seen)
    app = OneInput()
    async with app.run_test() as pilot:
        await pilot.pause()
    assert len(seen) == count

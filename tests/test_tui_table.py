"""The lists' table (tui/widgets/plain.py): shown again unchanged, it is not redrawn; any change,
a style included, is shown; the cursor keeps its row."""

from __future__ import annotations

from rich.text import Text
from textual.app import App

from logbog_tui.tui.widgets.plain import Table


class OneTable(App):
    def compose(self):
        yield Table(id="t")


def fill(table: Table, names, style="") -> None:
    with table.refill(columns=("Navn", "Status")):
        for i, name in enumerate(names):
            table.add_row(name, Text("ok", style=style), key=str(i))


async def test_unchanged_rows_are_not_redrawn_and_changes_are(monkeypatch):
    app = OneTable()
    async with app.run_test() as pilot:
        table = app.query_one(Table)
        clears = []
        original = table.clear
        monkeypatch.setattr(table, "clear", lambda columns=False: clears.append(columns) or original(columns))
        fill(table, ["Anna", "Bo", "[/x] Carl"])
        await pilot.pause()
        assert len(clears) == 1 and table.row_count == 3
        assert str(table.get_row_at(2)[0]) == "[/x] Carl"
        fill(table, ["Anna", "Bo", "[/x] Carl"])  # the same again: nothing to do
        assert len(clears) == 1
        fill(table, ["Anna", "Bo", "[/x] Carl"], style="bold red")  # only a style differs
        assert len(clears) == 2 and table.get_row_at(0)[1].style == "bold red"
        table.move_cursor(row=2)
        fill(table, ["Anna", "Bo", "Carl", "Dorte"])
        await pilot.pause()
        assert table.cursor_row == 2 and table.row_count == 4
        with table.refill(columns=("Navn", "Status"), keep_cursor=False):
            table.add_row("Eva", "ok")
        await pilot.pause()
        assert table.cursor_row == 0 and table.row_count == 1

"""The History view: the journal's changes, newest first (the same as ``logbog history``), with
Enter to undo the highlighted change (after a confirmation; refused with the reason when later
changes build on it)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header

from logbog_tui.tui.screens.base import DataScreen
from logbog_tui.storage import journal
from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.tui.widgets.key_bar import KeyBar
from logbog_tui.tui.widgets.plain import Plain, Table

SHOWN = 200


class HistoryScreen(DataScreen):
    DEFAULT_CSS = """
    HistoryScreen #history { height: 1fr; }
    HistoryScreen #history-head { padding: 0 1; }
    """
    BINDINGS = [Binding("enter", "undo_selected", t("history.key.undo"), id="history.undo"),
                Binding("escape", "close", t("history.key.close"), id="history.close")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Plain(id="history-head")
        yield Table(id="history")
        yield KeyBar()

    def on_mount(self) -> None:
        self.refresh_data()
        self.query_one("#history", DataTable).focus()

    def refresh_data(self) -> None:
        entries = journal.history(self.app.conn, SHOWN)
        self._ids = [e.id for e in entries]
        table = self.query_one("#history", Table)
        with table.refill((t("history.col.change"), t("history.col.undoable"))):
            for entry in entries:
                table.add_row(journal.describe(entry), t("history.yes") if entry.undoable else "")
        self.query_one("#history-head", Plain).update(
            t("history.head", count=len(entries)) if entries else t("history.empty"))

    @on(DataTable.RowSelected)
    def _selected(self) -> None:  # Enter on the list (the table takes the key itself)
        self.action_undo_selected()

    def action_undo_selected(self) -> None:
        table = self.query_one("#history", DataTable)
        if not self._ids or table.cursor_row is None:
            return
        entry = journal.get(self.app.conn, self._ids[table.cursor_row])
        if entry is None or not entry.undoable:
            self.app.notify(t("history.cannot", id=self._ids[table.cursor_row]), severity="warning")
            return
        from logbog_tui.tui.dialogs import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                journal.undo(self.app.conn, entry.id)
            except UserError as exc:
                self.app.notify(exc.message, severity="error", timeout=10)
                return
            self.app.notify(t("undo.done", line=journal.describe(journal.get(self.app.conn, entry.id))))
            self.app.data_changed()

        self.app.push_screen(ConfirmDialog(t("undo.ask", line=journal.describe(entry))), answered)

    def action_close(self) -> None:
        self.app.pop_screen()

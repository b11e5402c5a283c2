"""Tasks screen: task areas and tasks, time entries by period, and the budgets of a year."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import AwaitMount
from textual.widgets import DataTable, Header, TabbedContent, TabPane

from logbog_tui.tui.screens.base import DataScreen
from logbog_tui.storage import budget_edit
from logbog_tui.i18n import t
from logbog_tui.tui.dialogs import ConfirmDialog
from logbog_tui.tui.dialogs.tasks import budget_dialog, task_dialog
from logbog_tui.tui.widgets import BudgetPanel, EntryPanel, TaskPanel
from logbog_tui.tui.widgets.key_bar import KeyBar
from logbog_tui.tui.widgets.plain import focus_then

# action -> the tabs where it applies
ACTIONS = {
    "new_task": {"tab-tasks"}, "open": {"tab-tasks", "tab-entries"},
    "edit": {"tab-tasks", "tab-entries", "tab-budgets"},
    "delete": {"tab-entries"}, "period(-1)": {"tab-tasks", "tab-entries", "tab-budgets"},
    "period(1)": {"tab-tasks", "tab-entries", "tab-budgets"}, "filter": {"tab-tasks", "tab-entries"},
    "period_kind": {"tab-entries"}, "group": {"tab-entries"}, "close_filter": {"tab-tasks", "tab-entries"},
}


class TasksScreen(DataScreen):
    AUTO_FOCUS = "#tasks"
    LIST = "#tasks"
    BINDINGS = [
        Binding("n", "new_task", t("tasks.key.new"), id="tasks.new"),
        Binding("enter", "open", t("tasks.key.open"), id="tasks.open", show=False),
        Binding("e", "edit", t("tasks.key.edit"), id="tasks.edit"),
        Binding("D", "delete", t("tasks.key.delete"), id="tasks.delete"),
        Binding("left_square_bracket", "period(-1)", t("tasks.key.previous"), id="tasks.previous", key_display="["),
        Binding("right_square_bracket", "period(1)", t("tasks.key.next"), id="tasks.next", key_display="]"),
        Binding("slash", "filter", t("tasks.key.filter"), id="tasks.filter", key_display="/"),
        Binding("p", "period_kind", t("tasks.key.period_kind"), id="tasks.period_kind"),
        Binding("v", "group", t("tasks.key.group"), id="tasks.group"),
        Binding("t", "next_tab", t("tasks.key.tab"), id="tasks.tab"),
        Binding("escape", "close_filter", t("tasks.key.close_filter"), id="tasks.close_filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._mounts: dict[str, AwaitMount] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="tabs"):
            with TabPane(t("tasks.tab.tasks"), id="tab-tasks"):
                yield TaskPanel(id="task-panel")
            # The other panes' panels are mounted in idle time or when first shown.
            yield TabPane(t("tasks.tab.entries"), id="tab-entries")
            yield TabPane(t("tasks.tab.budgets"), id="tab-budgets")
        yield KeyBar()

    @property
    def tab(self) -> str:
        return self.query_one(TabbedContent).active

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        name = action if not parameters else f"{action}({parameters[0]})"
        return self.tab in ACTIONS[name] if name in ACTIONS else True

    def on_screen_resume(self) -> None:
        self.refresh_data()

    async def prewarm(self) -> None:
        """Mount the other tabs' panels in idle time (the app calls this after start)."""
        for tab in ("tab-entries", "tab-budgets"):
            await self._mount_panel(tab)

    async def _mount_panel(self, tab: str) -> None:
        """Mount the tab's panel once; a second caller (the prewarm and a tab switch at the same
        moment) waits for the same mount, so the panel is complete when this returns."""
        if tab == "tab-tasks":  # composed with the screen
            return
        if tab not in self._mounts:
            pane = self.query_one(f"#{tab}", TabPane)
            self._mounts[tab] = pane.mount(EntryPanel(id="entry-panel") if tab == "tab-entries"
                                           else BudgetPanel(id="budgets-view"))
        await self._mounts[tab]

    @on(TabbedContent.TabActivated)
    async def _tab_changed(self) -> None:
        await self._mount_panel(self.tab)
        table = self.query_one({"tab-tasks": "#tasks", "tab-entries": "#entries", "tab-budgets": "#members"}[self.tab])
        self.refresh_bindings()
        focus_then(table, self.refresh_data)

    def refresh_data(self) -> None:
        panel = {"tab-tasks": TaskPanel, "tab-entries": EntryPanel, "tab-budgets": BudgetPanel}[self.tab]
        self.query_one(panel).refresh_data()

    def action_next_tab(self) -> None:
        order = ["tab-tasks", "tab-entries", "tab-budgets"]
        self.query_one(TabbedContent).active = order[(order.index(self.tab) + 1) % len(order)]

    # --- shared keys ------------------------------------------------------------------------

    def action_period(self, steps: int) -> None:
        panel = {"tab-tasks": TaskPanel, "tab-entries": EntryPanel, "tab-budgets": BudgetPanel}[self.tab]
        self.query_one(panel).shift(steps)

    def action_filter(self) -> None:
        (self.query_one(TaskPanel) if self.tab == "tab-tasks" else self.query_one(EntryPanel)).open_filter()

    def action_close_filter(self) -> None:
        if self.tab == "tab-tasks":
            self.query_one(TaskPanel).close_filter()
        elif self.tab == "tab-entries":
            panel = self.query_one(EntryPanel)
            panel.close_filter() or panel.close_drill()

    def action_period_kind(self) -> None:
        self.query_one(EntryPanel).next_kind()

    def action_group(self) -> None:
        self.query_one(EntryPanel).next_group()

    @on(DataTable.RowSelected, "#tasks, #entries")
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        if self.tab == "tab-entries" and self.query_one(EntryPanel).drill_down():
            return
        self.action_edit()

    def action_edit(self) -> None:
        if self.tab == "tab-tasks":
            row = self.query_one(TaskPanel).current()
            if row is not None:
                self._task_dialog(row)
        elif self.tab == "tab-entries":
            row = self.query_one(EntryPanel).current()
            if row is not None:
                self.app.edit_entry(row)
        else:
            self._budget_dialog()

    def action_delete(self) -> None:
        row = self.query_one(EntryPanel).current()
        if row is not None:
            self.app.delete_entry(row)

    def action_new_task(self) -> None:
        self._task_dialog(None)

    # --- dialogs ----------------------------------------------------------------------------

    def _task_dialog(self, row) -> None:
        panel = self.query_one(TaskPanel)

        def done(result) -> None:
            if result is not None:
                self.app.notify(t("task.saved", title=""))
                panel.refresh_data()
                panel.select_task(result)

        self.app.push_screen(task_dialog(self.app.conn, row, panel.area_id, self.app.today), done)

    def _budget_dialog(self) -> None:
        conn, today = self.app.conn, self.app.today
        panel = self.query_one(BudgetPanel)
        year = panel.year or today.year
        pl, member = budget_edit.current(conn, year)

        def apply(values) -> None:
            budget_edit.set_budgets(conn, year, *values)
            self.app.notify(t("budget.saved", year=year))
            panel.refresh_data()

        def edited(values) -> None:
            if values is None or values == (pl, member):
                return
            if not budget_edit.has_entries(conn, year):
                apply(values)
                return
            question = t("budget.confirm", year=year) + "\n\n" + "\n".join(
                budget_edit.effect(conn, year, today, *values))
            self.app.push_screen(ConfirmDialog(question), lambda yes: apply(values) if yes else None)

        self.app.push_screen(budget_dialog(year, pl, member), edited)

"""Tasks screen: task areas and tasks, time entries by period, and the budgets of a year."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import AwaitMount
from textual.widgets import Header, TabbedContent, TabPane, Tabs

from logbog_tui.tui.screens.base import DataScreen
from logbog_tui.i18n import t
from logbog_tui.tui.widgets import BudgetPanel, EntryPanel, TaskPanel
from logbog_tui.tui.widgets.key_bar import KeyBar
from logbog_tui.tui.widgets.plain import focus_then


class TasksScreen(DataScreen):
    """Three tabs, each with a panel that holds the keys it acts on (tui/widgets/panel_keys.py):
    Textual finds them along the focus chain (the panel's table or filter, the panel, then this
    screen), so the key line shows the keys of the tab in view. The screen has the tab key."""

    AUTO_FOCUS = "#tasks"
    LIST = "#tasks"
    BINDINGS = [Binding("t", "next_tab", t("tasks.key.tab"), id="tasks.tab")]

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

    def on_screen_resume(self) -> None:
        self.refresh_data()

    async def prewarm(self) -> None:
        """Mount the other tabs' panels in idle time (the app calls this after start)."""
        for tab in ("tab-entries", "tab-budgets"):
            await self._mount_panel(tab)
        self.query_one(BudgetPanel).refresh_data()  # filled now; shown at once when its tab is chosen

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

    def on_mount(self) -> None:
        # The panels own the keys, found along the focus chain: the tab strip never holds the
        # focus (t and a click change the tab; the focus then goes to the tab's table).
        self.query_one(TabbedContent).query_one(Tabs).can_focus = False

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

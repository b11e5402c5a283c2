"""Registers screen (`6`): the project leader's own registers, one tab each (issue 19):
målbeskrivelser (PL1), course leaders (PL2), guides and information material (PL3) and contracts
(PL7). Each tab's panel holds its keys (tui/widgets/register_keys.py); `t` changes the tab."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widget import AwaitMount
from textual.widgets import Header, TabbedContent, TabPane, Tabs

from logbog_tui.i18n import t
from logbog_tui.tui.screens.base import DataScreen
from logbog_tui.tui.widgets.filter_box import FilterBox
from logbog_tui.tui.widgets.key_bar import KeyBar
from logbog_tui.tui.widgets.plain import focus_then
from logbog_tui.tui.widgets.register_doc_panels import ContractPanel, DocumentPanel
from logbog_tui.tui.widgets.register_panels import LeaderPanel, RegisterPanel, SpecialtyPanel

# tab id -> (panel class, panel id, title key)
TABS: dict[str, tuple[type[RegisterPanel], str, str]] = {
    "tab-specialties": (SpecialtyPanel, "specialty-panel", "reg.tab.specialties"),
    "tab-leaders": (LeaderPanel, "leader-panel", "reg.tab.leaders"),
    "tab-documents": (DocumentPanel, "document-panel", "reg.tab.documents"),
    "tab-contracts": (ContractPanel, "contract-panel", "reg.tab.contracts"),
}


class RegistersScreen(DataScreen):
    """Four tabs, each with a panel that holds the keys it acts on; Textual finds them along the
    focus chain (the panel's list or filter, the panel, then this screen), so the key line shows
    the keys of the tab in view. The screen has the tab key."""

    AUTO_FOCUS = "#specialties"
    LIST = "#specialties"
    BINDINGS = [Binding("t", "next_tab", t("tasks.key.tab"), id="registers.tab")]

    def __init__(self) -> None:
        super().__init__()
        self._mounts: dict[str, AwaitMount] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="register-tabs"):
            for tab, (panel, panel_id, title) in TABS.items():
                with TabPane(t(title), id=tab):
                    if tab == "tab-specialties":  # the others are mounted when first shown
                        yield panel(id=panel_id)
        yield KeyBar()

    def on_mount(self) -> None:
        # the tab strip never holds the focus: the panels' keys always act (t and a click change the tab)
        self.query_one(TabbedContent).query_one(Tabs).can_focus = False

    def on_screen_resume(self) -> None:
        self.refresh_data()

    @property
    def tab(self) -> str:
        return self.query_one(TabbedContent).active

    def panel(self) -> RegisterPanel:
        return self.query_one(f"#{TABS[self.tab][1]}", RegisterPanel)

    async def _mount_panel(self, tab: str) -> None:
        if tab == "tab-specialties":
            return
        if tab not in self._mounts:
            panel, panel_id, _title = TABS[tab]
            self._mounts[tab] = self.query_one(f"#{tab}", TabPane).mount(panel(id=panel_id))
        await self._mounts[tab]

    @on(TabbedContent.TabActivated)
    async def _tab_changed(self) -> None:
        await self._mount_panel(self.tab)
        self.refresh_bindings()
        panel = self.panel()
        focus_then(panel.table, panel.refresh_data)

    def refresh_data(self) -> None:
        self.panel().refresh_data()

    def action_next_tab(self) -> None:
        order = list(TABS)
        self.query_one(TabbedContent).active = order[(order.index(self.tab) + 1) % len(order)]

    async def show(self, tab: str, key: object) -> None:
        """Show ``tab`` with the cursor on the row ``key`` (a jump from the command palette)."""
        if self.tab != tab:
            self.query_one(TabbedContent).active = tab
        await self._mount_panel(tab)
        panel = self.panel()
        panel.query_one(FilterBox).close()
        panel.refresh_data()
        panel.table.focus()
        panel.select(key)


async def open_register(app, tab: str, key: object) -> None:
    """Switch to the Registers screen and put the cursor on ``key`` in ``tab`` (the palette)."""
    await app.switch_mode("registers")
    screen = app.screen
    if isinstance(screen, RegistersScreen):
        await screen.show(tab, key)

"""`?`: every key of the current screen (its own and the app's), in a dialog."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable

from logbog_tui.i18n import t
from logbog_tui.tui.widgets.plain import Plain, Table

KEY_NAMES = {"question_mark": "?", "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]",
             "enter": "Enter", "escape": "Esc", "ctrl+p": "Ctrl+P"}


class KeysScreen(ModalScreen[None]):
    DEFAULT_CLASSES = "dialog-screen"  # the frame: app.tcss
    DEFAULT_CSS = """
    KeysScreen .dialog { width: 64; }
    KeysScreen DataTable { height: auto; }
    """
    BINDINGS = [Binding("escape,question_mark,q", "close", t("keys.close"), id="keys.close")]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self._for = screen
        self.rows = self._rows()  # now, while ``screen`` is the current one (the app's `q` depends on it)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(t("keys.title"), classes="title")
            yield Table(id="keys", sortable=False)
            with Vertical(classes="dialog-foot"):
                yield Plain(t("keys.footer"), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns(t("keys.key"), t("keys.action"))
        for row in self.rows:
            table.add_row(*row)
        # the list scrolls inside the frame: the title, the header line and the footer stay in sight
        table.styles.max_height = max(4, self.app.size.height - 7)

    def _rows(self) -> list[tuple[str, str]]:
        rows = []
        seen = set()
        own = {b.key: b for b in self._for.BINDINGS if isinstance(b, Binding)}
        for key, active in self._for.active_bindings.items():
            binding = active.binding
            if binding.id is None and key in own:  # a widget's own key (DataTable's Enter) hides ours
                binding = own[key]
                if self._for.check_action(binding.action.split("(")[0], ()) is False:
                    continue
            if binding.id is None or not binding.description or key in seen:  # ours all have ids
                continue
            seen.add(key)
            rows.append((binding.key_display or KEY_NAMES.get(key, key), binding.description))
        return rows

    def action_close(self) -> None:
        self.dismiss(None)

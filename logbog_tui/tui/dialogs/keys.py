"""`?`: every key of the current screen (its own, its panels' and the app's), in a dialog."""

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

    def _ours(self, key: str) -> Binding | None:
        """Our binding of ``key`` along the focus chain (the panel's or the screen's), for a key
        that a widget's own binding (DataTable's Enter) hides: the first with an id whose node
        does not refuse the action."""
        focused = self._for.focused
        chain = focused.ancestors_with_self if focused is not None else [self._for]
        for node in chain[:chain.index(self._for) + 1]:  # up to the screen, not the app
            for cls in type(node).__mro__:
                for binding in vars(cls).get("BINDINGS", ()):
                    if isinstance(binding, Binding) and binding.key == key and binding.id is not None:
                        if node.check_action(binding.action.split("(")[0], ()) is False:
                            return None
                        return binding
        return None

    def _rows(self) -> list[tuple[str, str]]:
        rows = []
        seen = set()
        for key, active in self._for.active_bindings.items():
            binding = active.binding
            if binding.id is None:  # a widget's own key (DataTable's Enter) hides ours
                binding = self._ours(key) or binding
            if binding.id is None or not binding.description or key in seen:  # ours all have ids
                continue
            seen.add(key)
            rows.append((binding.key_display or KEY_NAMES.get(key, key), binding.description))
        return rows

    def action_close(self) -> None:
        self.dismiss(None)

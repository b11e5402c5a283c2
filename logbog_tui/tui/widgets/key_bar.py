"""The key line at the bottom of every screen: one widget instead of Textual's Footer.

Textual's Footer builds a widget per key and rebuilds them all whenever the bindings change (a
tab, a focus change, a screen switch), which cost 60-190 ms per step here (docs/performance.md).
This bar draws the same keys as one line of text. When they do not fit, the screen's own keys
are cut with "…" and the keys list (`?`) and the command palette stay visible on the right.
A click on a key presses it."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.keys import key_to_character
from textual.widget import Widget

RIGHT = ("question_mark",)  # kept visible on the right, before the palette key


class KeyBar(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--disabled"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .key-bar--key { color: $footer-key-foreground; background: $footer-key-background; text-style: bold; }
        .key-bar--description { color: $footer-description-foreground; background: $footer-description-background; }
        .key-bar--disabled { text-style: dim; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._spans: list[tuple[int, int, str, bool]] = []  # (start, end, key, enabled)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen) -> None:
        self.refresh()

    def shown(self) -> list[tuple[Binding, bool]]:
        """The keys to show, in the screen's order, one per action (like Textual's Footer); not
        the keys that the focused field takes as text (Textual misses "/" there)."""
        focused = self.screen.focused
        seen: set[str] = set()
        keys = []
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            if focused is not None and active.node is not focused:
                char = key_to_character(binding.key) or (binding.key_display if len(binding.key_display or "") == 1
                                                          else None)
                if focused.check_consume_key(binding.key, char):
                    continue
            seen.add(binding.action)
            keys.append((binding, active.enabled))
        return keys

    def _item(self, binding: Binding, enabled: bool) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        text_style = self.get_component_rich_style("key-bar--description")
        item = Text.assemble((f" {self.app.get_key_display(binding)} ", key_style),
                             (f"{binding.description} " if binding.description else "", text_style))
        if not enabled:
            item.stylize(self.get_component_rich_style("key-bar--disabled"))
        return item

    def render(self) -> Text:
        width = self.size.width
        keys = self.shown()
        left = [(b, e) for b, e in keys if b.key not in RIGHT]
        right = [(b, e) for b, e in keys if b.key in RIGHT]
        palette = self.screen.active_bindings.get(self.app.COMMAND_PALETTE_BINDING)
        if palette is not None and self.app.ENABLE_COMMAND_PALETTE:
            right.append((palette.binding, palette.enabled))
        right_items = [(b, e, self._item(b, e)) for b, e in right]
        right_width = sum(item.cell_len for *_, item in right_items)
        room = max(0, width - right_width - 1)
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for binding, enabled in left:
            item = self._item(binding, enabled)
            if line.cell_len + item.cell_len > room:
                line.append("…")
                break
            self._spans.append((line.cell_len, line.cell_len + item.cell_len, binding.key, enabled))
            line.append_text(item)
        line.append(" " * max(0, width - right_width - line.cell_len))
        for binding, enabled, item in right_items:
            self._spans.append((line.cell_len, line.cell_len + item.cell_len, binding.key, enabled))
            line.append_text(item)
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key, enabled in self._spans:
            if start <= event.x < end:
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return

"""The keys of the Tasks screen's panels (tui/screens/tasks.py), each defined once: a key that
several panels have (Edit, the period keys, the filter) keeps one id, one label and one place in
the key line on every tab. Each panel lists the ones it acts on, in this order."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from logbog_tui.i18n import t

KEYS = {b.id: b for b in (
    Binding("n", "new_task", t("tasks.key.new"), id="tasks.new"),
    Binding("enter", "open", t("tasks.key.open"), id="tasks.open", show=False),
    Binding("e", "edit", t("tasks.key.edit"), id="tasks.edit"),
    Binding("D", "delete", t("tasks.key.delete"), id="tasks.delete"),
    Binding("left_square_bracket", "period(-1)", t("tasks.key.previous"), id="tasks.previous", key_display="["),
    Binding("right_square_bracket", "period(1)", t("tasks.key.next"), id="tasks.next", key_display="]"),
    Binding("slash", "filter", t("tasks.key.filter"), id="tasks.filter", key_display="/"),
    Binding("p", "period_kind", t("tasks.key.period_kind"), id="tasks.period_kind"),
    Binding("v", "group", t("tasks.key.group"), id="tasks.group"),
    Binding("escape", "close_filter", t("tasks.key.close_filter"), id="tasks.close_filter", show=False),
)}


def keys(*ids: str) -> list[BindingType]:
    """The bindings with these ids (without the "tasks." prefix), in the order above."""
    wanted = {f"tasks.{i}" for i in ids}
    return [b for key, b in KEYS.items() if key in wanted]

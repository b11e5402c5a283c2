"""The keys of the Registers screen's panels (tui/screens/registers.py), each defined once: a key
that several panels have (New, Edit, Log hours, the filter) keeps one id, one label and one place
in the key line on every tab. Each panel lists the ones it acts on, in this order."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from logbog_tui.i18n import t

KEYS = {b.id: b for b in (
    Binding("n", "new", t("reg.key.new"), id="registers.new"),
    Binding("enter", "edit", t("reg.key.edit"), id="registers.open", show=False),
    Binding("e", "edit", t("reg.key.edit"), id="registers.edit"),
    Binding("i", "done_today", t("reg.key.loaded"), id="registers.loaded"),
    Binding("i", "done_today", t("reg.key.entered"), id="registers.entered"),
    Binding("r", "review", t("reg.key.review"), id="registers.review"),
    Binding("b", "appendix", t("reg.key.appendix"), id="registers.appendix"),
    Binding("s", "new_specialty", t("reg.key.new_specialty"), id="registers.new_specialty"),
    Binding("S", "edit_specialty", t("reg.key.edit_specialty"), id="registers.edit_specialty"),
    Binding("l", "log", t("reg.key.log"), id="registers.log"),
    Binding("slash", "filter", t("tasks.key.filter"), id="registers.filter", key_display="/"),
    Binding("escape", "close_filter", t("tasks.key.close_filter"), id="registers.close_filter", show=False),
)}


def keys(*ids: str) -> list[BindingType]:
    """The bindings with these ids (without the "registers." prefix), in the order above."""
    wanted = {f"registers.{i}" for i in ids}
    return [b for key, b in KEYS.items() if key in wanted]

"""The widgets. The Tasks screen's panels are imported from their modules when first asked for
(``from logbog_tui.tui.widgets import BudgetPanel``), not with the package, which the dashboard
imports for its bars (docs/performance.md)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from logbog_tui.tui.widgets.budget_panel import BudgetPanel
    from logbog_tui.tui.widgets.entry_panel import EntryPanel
    from logbog_tui.tui.widgets.task_panel import TaskPanel

_MODULES = {"BudgetPanel": "budget_panel", "EntryPanel": "entry_panel", "TaskPanel": "task_panel"}

__all__ = ["BudgetPanel", "EntryPanel", "TaskPanel"]


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        return getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

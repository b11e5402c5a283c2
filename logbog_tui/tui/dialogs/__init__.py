"""The dialogs. Each is imported from its module when first asked for
(``from logbog_tui.tui.dialogs import LogHoursDialog``), not with the package: the app imports
the keys list at start, and the log dialog waits until hours are first logged or the dialog is
prewarmed after the dashboard's first frame (docs/performance.md)."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from logbog_tui.tui.dialogs.confirm import ConfirmDialog
    from logbog_tui.tui.dialogs.keys import KeysScreen
    from logbog_tui.tui.dialogs.log_hours import LogForm, LogHoursDialog

_MODULES = {"ConfirmDialog": "confirm", "KeysScreen": "keys", "LogForm": "log_hours", "LogHoursDialog": "log_hours"}

__all__ = ["ConfirmDialog", "KeysScreen", "LogForm", "LogHoursDialog"]


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        return getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

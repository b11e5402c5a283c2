from logbog_tui.tui.modals.confirm import ConfirmDialog
from logbog_tui.tui.modals.keys import KeysScreen
from logbog_tui.tui.modals.log_hours import LogForm, LogHoursDialog

__all__ = ["ConfirmDialog", "KeysScreen", "LogForm", "LogHoursDialog"]

from logbog_tui.tui.dialogs.confirm import ConfirmDialog
from logbog_tui.tui.dialogs.keys import KeysScreen
from logbog_tui.tui.dialogs.log_hours import LogForm, LogHoursDialog

__all__ = ["ConfirmDialog", "KeysScreen", "LogForm", "LogHoursDialog"]

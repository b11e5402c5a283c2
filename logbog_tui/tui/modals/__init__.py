from logbog_tui.tui.modals.keys import KeysScreen

__all__ = ["KeysScreen"]

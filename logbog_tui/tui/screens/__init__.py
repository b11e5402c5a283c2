"""The app's modes, one screen each, and their keys.

Only the dashboard, the screen shown at start, is imported with the app; each other screen's module
when that screen is first built (``LogbogApp._prewarm`` builds them in idle time after start), so
that the dashboard is shown sooner (docs/performance.md). ``SCREENS[name]`` is still
``(screen class, key)``."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module

from textual.screen import Screen

from logbog_tui.tui.screens.dashboard import DashboardScreen

# mode name -> (module, screen class, key)
_MODES = {
    "dashboard": ("dashboard", "DashboardScreen", "1"),
    "members": ("members", "MembersScreen", "2"),
    "meetings": ("meetings", "MeetingsScreen", "3"),
    "tasks": ("tasks", "TasksScreen", "4"),
    "tickets": ("tickets", "TicketsScreen", "5"),
    "registers": ("registers", "RegistersScreen", "6"),
    "economy": ("economy", "EconomyScreen", "7"),
    "development": ("development", "DevelopmentScreen", "8"),
}
KEYS = {name: key for name, (_module, _cls, key) in _MODES.items()}


def screen_class(name: str) -> type[Screen]:
    module, cls, _key = _MODES[name]
    found: type[Screen] = getattr(import_module(f"{__name__}.{module}"), cls)
    return found


def screen_factory(name: str) -> Callable[[], Screen]:
    """What Textual's ``MODES`` holds for ``name``: makes the screen, importing its module then."""
    return lambda: screen_class(name)()


class _Screens(Mapping[str, tuple[type[Screen], str]]):
    """mode name -> (screen class, key); a class is imported when it is asked for."""

    def __getitem__(self, name: str) -> tuple[type[Screen], str]:
        return screen_class(name), KEYS[name]

    def __iter__(self) -> Iterator[str]:
        return iter(_MODES)

    def __len__(self) -> int:
        return len(_MODES)


SCREENS = _Screens()


def __getattr__(name: str) -> type[Screen]:
    """``from logbog_tui.tui.screens import MembersScreen`` imports that screen's module then."""
    for mode, (_module, cls, _key) in _MODES.items():
        if cls == name:
            return screen_class(mode)
    raise AttributeError(name)


__all__ = ["KEYS", "SCREENS", "DashboardScreen", "screen_class", "screen_factory"]

from logbog_tui.tui.screens.dashboard import DashboardScreen
from logbog_tui.tui.screens.members import MembersScreen
from logbog_tui.tui.screens.meetings import MeetingsScreen
from logbog_tui.tui.screens.tickets import TicketsScreen
from logbog_tui.tui.screens.tasks import TasksScreen

# mode name -> (screen class, key)
SCREENS = {
    "dashboard": (DashboardScreen, "1"),
    "members": (MembersScreen, "2"),
    "meetings": (MeetingsScreen, "3"),
    "tasks": (TasksScreen, "4"),
    "tickets": (TicketsScreen, "5"),
}

__all__ = ["SCREENS", "DashboardScreen", "MembersScreen", "MeetingsScreen", "TasksScreen", "TicketsScreen"]

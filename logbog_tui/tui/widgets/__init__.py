from logbog_tui.tui.widgets.budget_panel import BudgetPanel
from logbog_tui.tui.widgets.entry_panel import EntryPanel
from logbog_tui.tui.widgets.task_panel import TaskPanel

__all__ = ["BudgetPanel", "EntryPanel", "TaskPanel"]

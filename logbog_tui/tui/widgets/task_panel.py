"""Task areas with this year's hours, and the tasks of the chosen area (by due date; `o` sorts by
any column): filter with `/`, overdue tasks in red."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Static

from logbog_tui.storage import tasks
from logbog_tui.storage.entries import area_minutes
from logbog_tui.i18n import fmt_date, fmt_minutes, t
from logbog_tui.storage.tasks import TaskRow
from logbog_tui.tui.widgets.filter_box import FilterBox
from logbog_tui.tui.widgets.panel_keys import keys
from logbog_tui.tui.widgets.plain import Plain, Table, focus_then


class TaskPanel(Horizontal):
    BINDINGS = keys("new", "open", "edit", "previous", "next", "filter", "close_filter")
    DEFAULT_CSS = """
    TaskPanel { height: 1fr; }
    TaskPanel #areas { width: 44; height: 1fr; }
    TaskPanel #task-side { width: 1fr; }
    TaskPanel #task-head { margin: 0 1; height: auto; }
    TaskPanel #tasks { height: 1fr; }
    """

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.year: int | None = None
        self.sort = "due"
        self.area_id: int | None = None
        self.rows: dict[str, TaskRow] = {}

    def compose(self) -> ComposeResult:
        yield Table(id="areas", sortable=False)  # "all areas" first, then the seed's order
        with Vertical(id="task-side"):
            yield Plain(id="task-head")
            yield FilterBox(id="task-filter")
            yield Table(id="tasks")

    def on_mount(self) -> None:
        self.query_one("#areas", DataTable).add_columns(t("col.area"), t("col.hours"))
        self.query_one("#tasks", DataTable).add_columns(t("col.task"), t("col.owner"), t("col.due"),
                                                         t("col.status"), t("col.hours"))

    # --- keys -------------------------------------------------------------------------------

    def action_new_task(self) -> None:
        self._task_dialog(None)

    @on(DataTable.RowSelected, "#tasks")
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        row = self.current()
        if row is not None:
            self._task_dialog(row)

    def action_period(self, steps: int) -> None:
        self.shift(steps)

    def action_filter(self) -> None:
        self.open_filter()

    def action_close_filter(self) -> None:
        self.close_filter()

    def _task_dialog(self, row: TaskRow | None) -> None:
        # here, not at the top: the dialogs import widgets.plain, whose package imports this panel
        from logbog_tui.tui.dialogs.tasks import task_dialog

        def done(result) -> None:
            if result is not None:
                self.app.notify(t("task.saved", title=""))
                self.refresh_data()
                self.select_task(result)

        self.app.push_screen(task_dialog(self.app.conn, row, self.area_id, self.app.today), done)

    # ------------------------------------------------------------------------------------------

    def shift(self, steps: int) -> None:
        self.year = (self.year or self.app.today.year) + steps
        self.refresh_data()

    def open_filter(self) -> None:
        self.query_one(FilterBox).open()

    def close_filter(self) -> bool:
        """Esc in the filter: clear and hide it. Returns whether there was a filter to close."""
        text = self.query_one(FilterBox).close()
        if text is None:
            return False
        focus_then(self.query_one("#tasks", DataTable), self.refresh_tasks if text else None)
        return True

    @on(Input.Changed, "#task-filter")
    def _filter_changed(self) -> None:
        self.refresh_tasks()

    @on(Input.Submitted, "#task-filter")
    def _filter_done(self) -> None:
        self.query_one("#tasks", DataTable).focus()

    @on(DataTable.RowHighlighted, "#areas")
    def _area_moved(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value if event.row_key else None
        area_id = int(key) if key and key.isdigit() else None
        if area_id != self.area_id:
            self.area_id = area_id
            self.refresh_tasks()

    def select_task(self, task_id: int) -> None:
        """Put the cursor on a task (a new one): on all areas if its own area is not the one shown."""
        tasks_table = self.query_one("#tasks", Table)
        if not tasks_table.select_key(task_id) and self.area_id is not None:
            self.area_id = None
            self.query_one("#areas", Table).move_cursor(row=0)  # "all areas"
            self.refresh_tasks()
            tasks_table.select_key(task_id)

    def current(self) -> TaskRow | None:
        table = self.query_one("#tasks", DataTable)
        if table.row_count == 0:
            return None
        return self.rows.get(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def refresh_data(self) -> None:
        app = self.app
        year = self.year = self.year or app.today.year
        minutes = area_minutes(app.conn, date(year, 1, 1), date(year, 12, 31))
        table = self.query_one("#areas", Table)
        with table.refill():
            table.add_row(Text(t("tasks.all_areas"), style="bold"), fmt_minutes(sum(minutes.values())), key="all")
            for a in tasks.areas(app.conn):
                table.add_row(f"{a.code} {a.short_name}", fmt_minutes(minutes.get(a.id, 0)), key=str(a.id))
        self.refresh_tasks()

    def refresh_tasks(self) -> None:
        app = self.app
        text = self.query_one("#task-filter", Input).value
        rows = tasks.list_tasks(app.conn, self.area_id, text, self.sort, year=self.year)
        self.rows = {str(r.id): r for r in rows}
        table = self.query_one("#tasks", Table)
        overdue = 0
        with table.refill():
            for r in rows:
                late = r.overdue(app.today)
                overdue += late
                style = "bold red" if late else ("dim" if r.status == "done" else "")
                table.add_row(Text(r.title[:44], style=style), r.owner or "",
                              Text(fmt_date(r.due) if r.due else "", style=style),
                              t(f"task.status.{r.status}"), fmt_minutes(r.minutes) if r.minutes else "",
                              key=str(r.id))
        head = t("tasks.head", year=self.year, count=len(rows), overdue=overdue)
        if text:
            head += "  " + t("entries.filtered", text=text)
        self.query_one("#task-head", Static).update(head)

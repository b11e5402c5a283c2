"""Time entries of a week, month or year: the entries themselves, or totals by person or area.
Queries only the period shown (and at most one page of rows)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Input, Static

from logbog_tui.storage.entries import PAGE, EntryFilter, EntryRow, list_entries, totals
from logbog_tui.i18n import fmt_date, fmt_minutes, fmt_week, t
from logbog_tui.service import periods
from logbog_tui.tui.widgets.filter_box import FilterBox
from logbog_tui.tui.widgets.panel_keys import keys
from logbog_tui.tui.widgets.plain import Plain, Table, focus_then

GROUPS = ("entries", "person", "area", "task")


class EntryPanel(Vertical):
    BINDINGS = keys("open", "edit", "delete", "previous", "next", "filter", "period_kind", "group", "close_filter")
    DEFAULT_CSS = """
    EntryPanel { height: 1fr; }
    EntryPanel #entry-head { margin: 0 1; height: auto; }
    EntryPanel DataTable { height: 1fr; }
    """

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.kind = "week"
        self.anchor = None
        self.group = "entries"
        self.rows: dict[str, EntryRow] = {}
        self.drill: tuple[str, int, str, str] | None = None  # Enter on a total: (kind, id, label, group)

    def compose(self) -> ComposeResult:
        yield Plain(id="entry-head")
        yield FilterBox(id="entry-filter")
        yield Table(id="entries")

    def period_label(self) -> str:
        start, end = periods.bounds(self.kind, self.anchor)
        if self.kind == "week":
            name = f"{fmt_week(start).capitalize()} {start.isocalendar().year}"
        elif self.kind == "month":
            name = f"{t(f'month.{start.month}')} {start.year}"
        else:
            name = str(start.year)
        return f"{name} ({fmt_date(start)}–{fmt_date(end)})"

    # --- keys -------------------------------------------------------------------------------

    @on(DataTable.RowSelected, "#entries")
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        """Enter: the entries behind a total, or edit the entry."""
        if not self.drill_down():
            self.action_edit()

    def action_edit(self) -> None:
        row = self.current()
        if row is not None:
            self.app.edit_entry(row)

    def action_delete(self) -> None:
        row = self.current()
        if row is not None:
            self.app.delete_entry(row)

    def action_period(self, steps: int) -> None:
        self.shift(steps)

    def action_filter(self) -> None:
        self.open_filter()

    def action_period_kind(self) -> None:
        self.next_kind()

    def action_group(self) -> None:
        self.next_group()

    def action_close_filter(self) -> None:
        """Esc: close the filter, or else go back from a drill-down."""
        self.close_filter() or self.close_drill()

    # ------------------------------------------------------------------------------------------

    def shift(self, steps: int) -> None:
        self.anchor = periods.shift(self.kind, self.anchor or self.app.today, steps)
        self.refresh_data()

    def next_kind(self) -> None:
        self.kind = periods.next_kind(self.kind)
        self.refresh_data()

    def next_group(self) -> None:
        self.drill = None
        self.group = GROUPS[(GROUPS.index(self.group) + 1) % len(GROUPS)]
        self.refresh_data()

    def drill_down(self) -> bool:
        """Enter on a total (by person, area or task): the entries behind it. Returns whether it did."""
        table = self.query_one(DataTable)
        if self.group == "entries" or table.row_count == 0:
            return False
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or ""
        kind, _, ident = key.partition(":")
        if not ident.isdigit():
            return False
        self.drill = (kind, int(ident), str(table.get_row_at(table.cursor_row)[0]), self.group)
        self.group = "entries"
        focus_then(table, self.refresh_data)
        return True

    def close_drill(self) -> bool:
        """Esc after a drill-down: back to the totals it came from."""
        if self.drill is None:
            return False
        self.group, self.drill = self.drill[3], None
        self.refresh_data()
        return True

    def open_filter(self) -> None:
        self.query_one(FilterBox).open()

    def close_filter(self) -> bool:
        """Esc in the filter: clear and hide it. Returns whether there was a filter to close."""
        text = self.query_one(FilterBox).close()
        if text is None:
            return False
        focus_then(self.query_one(DataTable), self.refresh_data if text else None)
        return True

    @on(Input.Changed, "#entry-filter")
    def _filter_changed(self) -> None:
        self.refresh_data()

    @on(Input.Submitted, "#entry-filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    def current(self) -> EntryRow | None:
        table = self.query_one(DataTable)
        if self.group != "entries" or table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return self.rows.get(key)

    def refresh_data(self) -> None:
        app = self.app
        self.anchor = self.anchor or app.today
        start, end = periods.bounds(self.kind, self.anchor)
        text = self.query_one("#entry-filter", Input).value
        drill = {self.drill[0]: self.drill[1]} if self.drill and self.group == "entries" else {}
        f = EntryFilter(start, end, person_id=drill.get("person"), area_id=drill.get("area"), text=text,
                        task_id=drill.get("task"))
        table = self.query_one(Table)
        page = list_entries(app.conn, f)
        rows, count, total = page.rows, page.count, page.total
        head = t("entries.head", period=self.period_label(), count=count, total=fmt_minutes(total),
                 kind=t(f"period.{self.kind}"), group=t(f"group.{self.group}"))
        if text:
            head += "  " + t("entries.filtered", text=text)
        if drill:
            head += "  " + t("entries.drilled", label=self.drill[2])
        if self.group == "entries":
            self.rows = {str(r.id): r for r in rows}
            with table.refill(columns=(t("col.date"), t("col.person"), t("col.area"), t("col.task"), t("col.hours"),
                                       t("col.support"), t("col.note"))):
                for r in rows:
                    table.add_row(_when(r), r.person, r.area, (r.task or "")[:40], fmt_minutes(r.minutes),
                                  "✓" if r.is_support else "", _note(r)[:40], key=str(r.id))
            if count > PAGE:
                head += "\n" + t("entries.capped", shown=PAGE, count=count)
        else:
            self.rows = {}
            with table.refill(columns=(t(f"col.{self.group}"), t("col.hours"), t("col.of_which_support"))):
                for row in totals(app.conn, f, self.group):
                    table.add_row(row.label, fmt_minutes(row.minutes), fmt_minutes(row.support), key=row.key)
        self.query_one("#entry-head", Static).update(head)


SOURCES = ("timesheet", "csv", "timewarrior", "watson")


def _when(r: EntryRow) -> str:
    """The entry's day, or for a month's figure (a member's timesheet) its month."""
    if r.covers == "month":
        return t("entries.month", month=f"{r.day.month:02d}.{r.day.year}")
    return f"{t(f'weekday.{r.day.weekday()}')} {fmt_date(r.day)}"


def _note(r: EntryRow) -> str:
    """The note, after where an imported entry came from (``timeark``, ``Timewarrior``, ...)."""
    kind = r.source.split(":", 1)[0] if r.source else ""
    if kind in ("", "meeting"):  # typed in logbog, or logged from a meeting's record (its note says which)
        return r.note or ""
    origin = t(f"entries.source.{kind}") if kind in SOURCES else kind
    return f"{origin} · {r.note}" if r.note else origin

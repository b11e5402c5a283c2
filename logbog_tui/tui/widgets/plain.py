"""Text widgets that show text as it is, and a table that is redrawn only when its rows change (and
once, not twice, when it takes the focus and new rows together: ``focus_then``).

Textual reads a ``str`` in a Static or a DataTable cell as markup, so a note, a name or a title
such as "[/x] tjek" stopped the program (MarkupError) and "[b]" vanished. Nothing in logbog uses
markup, so every table and text panel shows plain text; the tables also skip parsing every cell,
which made redrawing a full table faster. Control characters in stored text (an escape sequence
in a title would clear the screen or set the terminal's title) are shown as ``\\u001b``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable, Static

from logbog_tui.service.text import has_control, visible
from logbog_tui.tui.textual_private import update_dimensions_later


def shown(cell: object) -> object:
    """A cell or text as it may be drawn: ``str`` and ``Text`` with control characters escaped."""
    if isinstance(cell, str):
        return visible(cell)
    if isinstance(cell, Text) and has_control(cell.plain, long_text=True):
        return Text(visible(cell.plain), style=cell.style, end=cell.end)
    return cell


class Plain(Static):
    def __init__(self, content: str = "", **kw) -> None:
        super().__init__(shown(content), markup=False, **kw)

    def update(self, content: object = "", **kw) -> None:
        super().update(shown(content), **kw)


def _signature(cell: object) -> object:
    if isinstance(cell, Text):  # Text equality ignores the base style
        return cell.plain, str(cell.style), tuple(cell.spans)
    return cell


_DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")
_NUMBER = re.compile(r"^-?\d+(?:[.,]\d+)?(?: ?(?:t|h|%|dage|days))?$")


def sort_key(cell: object) -> tuple:
    """How a cell sorts: dates (25.11.2026) by date, hours and counts (1,5 t) by number, the rest as
    text without regard to case and accents (Danish letters after z, as in the lists)."""
    text = (cell.plain if isinstance(cell, Text) else str(cell or "")).strip()
    if not text:
        return (3,)
    if (date := _DATE.search(text)) is not None:
        return (0, date.group(3), date.group(2), date.group(1), text)
    if _NUMBER.match(text):
        return (1, float(text.split(" ")[0].rstrip("t%h").replace(",", ".")))
    return (2, unicodedata.normalize("NFC", text).casefold())


class Table(DataTable):
    """A row-cursor, striped DataTable whose text cells are plain text, sorted with `o` (the next
    column), `O` (the other way) or a click on a column header; the sort stays when the rows are
    refilled.

    Lists are filled with ``refill``: a screen refreshes its lists each time it is shown, and
    usually nothing has changed; a full redraw of a table costs 10-25 ms (docs/performance.md)."""

    def __init__(self, sortable: bool = True, **kw) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kw)
        self._pending: list[tuple[tuple, dict]] | None = None
        self._shown: object = None
        self.sortable = sortable
        self.sorted_by: int | None = None  # column index; None: the list's own order
        self.sort_reverse = False
        self._labels: list[str] = []

    def render_line(self, y: int) -> Strip:
        """The header line ends in "→" while columns are hidden to the right (the table is wider
        than the screen): → and the mouse scroll there."""
        strip = super().render_line(y)
        if y == 0 and self.show_header and self.virtual_size.width > self.scroll_x + self.size.width:
            width = strip.cell_length
            if width > 3:
                style = self.get_component_rich_style("datatable--header") + Style(bold=True)
                strip = Strip.join([strip.crop(0, width - 2), Strip([Segment(" →", style)], 2)])
        return strip

    # --- sorting --------------------------------------------------------------------------------

    def sort_next(self) -> None:
        """`o`: sort by the next column (after the last one: the list's own order again)."""
        count = len(self.columns)
        if not self.sortable or not count:
            return
        nxt = 0 if self.sorted_by is None else self.sorted_by + 1
        self.sorted_by, self.sort_reverse = (nxt, False) if nxt < count else (None, False)
        self._resort(restore=self.sorted_by is None)

    def sort_flip(self) -> None:
        """`O`: the other way round (by the first column if the list was in its own order)."""
        if not self.sortable or not self.columns:
            return
        if self.sorted_by is None:
            self.sorted_by = 0
        else:
            self.sort_reverse = not self.sort_reverse
        self._resort()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        """A click on a column header sorts by it; a second click turns the order round."""
        if not self.sortable:
            return
        event.stop()
        if self.sorted_by == event.column_index:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sorted_by, self.sort_reverse = event.column_index, False
        self._resort()

    def sort_description(self) -> str:
        if self.sorted_by is None or self.sorted_by >= len(self._labels):
            return ""
        return self._labels[self.sorted_by] + (" ▼" if self.sort_reverse else " ▲")

    def _resort(self, restore: bool = False) -> None:
        key = None
        if self.row_count:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        self._mark_header()
        if restore:  # the list's own order: the order the rows were added in
            self._shown = None
            rows = [(tuple(self.get_row(k)), {"key": k.value}) for k in list(self.rows)]  # as added
            self.clear()
            for cells, kw in rows:
                super().add_row(*cells, **kw)
        else:
            self._apply_sort()
        if key is not None:
            self.move_cursor(row=self.get_row_index(key))

    def _apply_sort(self) -> None:
        if self.sorted_by is not None and self.sorted_by < len(self.columns):
            column = list(self.columns)[self.sorted_by]
            self.sort(column, key=sort_key, reverse=self.sort_reverse)

    def _mark_header(self) -> None:
        if len(self._labels) != len(self.columns):
            self._labels = [c.label.plain for c in self.columns.values()]
        for index, column in enumerate(self.columns.values()):
            mark = (" ▼" if self.sort_reverse else " ▲") if index == self.sorted_by else ""
            column.label = Text(self._labels[index] + mark)
        update_dimensions_later(self)
        self.refresh()

    def add_columns(self, *labels):
        self._labels = [*self._labels, *(str(label) for label in labels)] if self.columns else [
            str(label) for label in labels]
        return super().add_columns(*labels)

    def add_row(self, *cells, **kw):
        cells = tuple(Text(visible(c), end="") if isinstance(c, str) else shown(c) for c in cells)
        if self._pending is not None:
            self._pending.append((cells, kw))
            return None
        self._shown = None
        return super().add_row(*cells, **kw)

    @contextmanager
    def refill(self, columns: tuple[str, ...] | None = None, keep_cursor: bool = True) -> Iterator[Table]:
        """Replace the rows (and the columns, if given) with those added inside the block. Nothing
        is redrawn if they are what the table shows already; otherwise the cursor stays on its
        row number (or goes to the top)."""
        self._pending = []
        try:
            yield self
            rows, self._pending = self._pending, None
        finally:
            self._pending = None
        signature = (columns, [(tuple(map(_signature, cells)), sorted(kw.items())) for cells, kw in rows])
        if signature == self._shown:
            return
        keep = self.cursor_row if keep_cursor else 0
        self.clear(columns=columns is not None)
        if columns is not None:
            if list(columns) != self._labels:
                self.sorted_by, self.sort_reverse = None, False  # other columns: the list's own order
            self._labels = []
            self.add_columns(*columns)
        for cells, kw in rows:
            super().add_row(*cells, **kw)
        self._apply_sort()
        if self.sorted_by is not None:
            self._mark_header()
        self._shown = signature
        if self.row_count:
            self.move_cursor(row=min(keep, self.row_count - 1))

    def select_key(self, key: object) -> bool:
        """Put the cursor on the row with ``key`` (a new row after saving); False if not shown."""
        try:
            index = self.get_row_index(str(key))
        except Exception:  # noqa: BLE001 - RowDoesNotExist: the row is filtered out or elsewhere
            return False
        self.move_cursor(row=index)
        return True

    def clear(self, columns: bool = False) -> Table:
        self._shown = None
        return super().clear(columns)


def focus_then(table: Widget, refresh: Callable[[], object] | None) -> None:
    """Focus ``table`` and refresh it once it has taken the focus, so that it is drawn once
    (focused and filled) instead of twice: a full DataTable redraw costs ~25 ms."""
    table.screen.set_focus(table)
    if refresh is not None:
        table.call_later(refresh)

"""Text widgets that show text as it is, and a table that is redrawn only when its rows change (and
once, not twice, when it takes the focus and new rows together: ``focus_then``).

Textual reads a ``str`` in a Static or a DataTable cell as markup, so a note, a name or a title
such as "[/x] tjek" stopped the program (MarkupError) and "[b]" vanished. Nothing in logbog uses
markup, so every table and text panel shows plain text; the tables also skip parsing every cell,
which made redrawing a full table faster."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.text import Text
from textual.widget import Widget
from textual.widgets import DataTable, Static


class Plain(Static):
    def __init__(self, content: str = "", **kw) -> None:
        super().__init__(content, markup=False, **kw)


def _signature(cell: object) -> object:
    if isinstance(cell, Text):  # Text equality ignores the base style
        return cell.plain, str(cell.style), tuple(cell.spans)
    return cell


class Table(DataTable):
    """A row-cursor, striped DataTable whose text cells are plain text.

    Lists are filled with ``refill``: a screen refreshes its lists each time it is shown, and
    usually nothing has changed; a full redraw of a table costs 10-25 ms (docs/performance.md)."""

    def __init__(self, **kw) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kw)
        self._pending: list[tuple[tuple, dict]] | None = None
        self._shown: object = None

    def add_row(self, *cells, **kw):
        cells = tuple(Text(c, end="") if isinstance(c, str) else c for c in cells)
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
            self.add_columns(*columns)
        for cells, kw in rows:
            super().add_row(*cells, **kw)
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

"""Text widgets that show text as it is.

Textual reads a ``str`` in a Static or a DataTable cell as markup, so a note, a name or a title
such as "[/x] tjek" stopped the program (MarkupError) and "[b]" vanished. Nothing in logbog uses
markup, so every table and text panel shows plain text; the tables also skip parsing every cell,
which made redrawing a full table faster."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable, Static


class Plain(Static):
    def __init__(self, content: str = "", **kw) -> None:
        super().__init__(content, markup=False, **kw)


class Table(DataTable):
    """A row-cursor, striped DataTable whose text cells are plain text."""

    def __init__(self, **kw) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kw)

    def add_row(self, *cells, **kw):
        return super().add_row(*(Text(c, end="") if isinstance(c, str) else c for c in cells), **kw)

"""Development screen (`8`): the backlog with the supplier, in four views (`v`): the backlog by
status and priority, what is overdue at the supplier (red), what each region asked for and got, and a
year's releases with their items. An item opens with its timeline (Enter); `n` new, `S` status,
`R` a release, `/` filter, `s` sort. On a release: `e` edits the notes, `L` resolves the tickets."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_moment, t
from logbog_tui.storage import development as dev
from logbog_tui.storage import development_list as dev_list
from logbog_tui.storage import development_releases as rel
from logbog_tui.storage.development_list import ItemRow, detail, event_text
from logbog_tui.tui.dialogs import development as forms
from logbog_tui.tui.screens.base import DataScreen
from logbog_tui.tui.widgets.filter_box import FilterableList, FilterBox
from logbog_tui.tui.widgets.key_bar import KeyBar
from logbog_tui.tui.widgets.plain import Plain, Table

VIEWS = ("backlog", "overdue", "regions", "releases")
SORTS = ("priority", "promised", "id")
LATE_DAYS = (0, 14, 30)
STATUS_STYLE = {"delivered": "green", "verified": "green", "rejected": "dim", "prioritised": "bold"}


class ItemActions:
    """The keys an item answers to, on the list and on the item itself."""

    BINDINGS = [Binding("S", "status", t("dev.key.status"), id="dev.status")]

    def current(self) -> ItemRow | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def action_status(self) -> None:
        row = self.current()
        if row is None:
            return
        if not dev.TRANSITIONS[row.status]:
            self.app.notify(t("dev.no_moves", status=t(f"dev.status.{row.status}")), severity="warning")
            return

        def done(result) -> None:
            if result is not None:
                self.app.notify(t("dev.status_changed"))
                self.refresh_data()
                if self.query("#dev-list"):  # the list: the cursor stays on the item, wherever it moved
                    self.query_one("#dev-list", Table).select_key(row.id)

        self.app.push_screen(forms.status_item(self.app.conn, row, self.app.today), done)


class DevelopmentScreen(FilterableList, ItemActions, DataScreen):
    DEFAULT_CSS = """
    DevelopmentScreen #dev-head { margin: 0 1; height: auto; }
    DevelopmentScreen #dev-list { height: 1fr; }
    """
    AUTO_FOCUS = LIST = "#dev-list"
    BINDINGS = [
        Binding("n", "new", t("dev.key.new"), id="dev.new"),
        Binding("enter", "open", t("dev.key.open"), id="dev.open", show=False),
        *ItemActions.BINDINGS,
        Binding("R", "release", t("dev.key.release"), id="dev.release"),
        Binding("v", "view", t("dev.key.view"), id="dev.view"),
        Binding("s", "sort", t("dev.key.sort"), id="dev.sort"),
        Binding("f", "closed", t("dev.key.closed"), id="dev.closed"),
        Binding("d", "days", t("dev.key.days"), id="dev.days"),
        Binding("e", "notes", t("dev.key.notes"), id="dev.notes"),
        Binding("L", "resolve", t("dev.key.resolve"), id="dev.resolve"),
        Binding("slash", "filter", t("tasks.key.filter"), id="dev.filter", key_display="/"),
        Binding("escape", "close_filter", t("tasks.key.close_filter"), id="dev.close_filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view, self.sort, self.include_closed, self.late_days = "backlog", "priority", False, 0
        self.rows: dict[str, ItemRow] = {}
        self.releases: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Plain(id="dev-head")
        yield FilterBox(id="dev-filter")
        yield Table(id="dev-list")
        yield KeyBar()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def on_resize(self) -> None:
        self.refresh_data()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("notes", "resolve"):
            return self.view == "releases"
        if action == "days":
            return self.view == "overdue"
        return True

    def refresh_data(self) -> None:
        text = self.query_one(FilterBox).value
        table = self.query_one(DataTable)
        getattr(self, f"_show_{self.view}")(table, text)
        head = t(f"dev.view.{self.view}", days=self.late_days, year=self.app.today.year) + "  " + t(
            "dev.head_keys")
        if text:
            head += "  " + t("entries.filtered", text=text)
        self.query_one("#dev-head", Static).update(head)
        self.refresh_bindings()

    def _item_rows(self, table: Table, rows: list[ItemRow]) -> None:
        today = self.app.today
        self.rows = {str(r.id): r for r in rows}
        width = table.size.width or self.app.size.width - 2
        names = [n for n in ("id", "title", "kind", "status", "priority", "area", "asked", "supplier", "promised")
                 if width >= 120 or n not in (("asked", "area", "kind") if width >= 90 else
                                              ("asked", "area", "kind", "supplier"))]
        fixed = {"id": 4, "kind": 12, "status": 15, "priority": 5, "area": 4, "asked": 14, "supplier": 12,
                 "promised": 14}
        title_width = max(16, width - sum(fixed[n] for n in names if n != "title") - 2 * len(names) - 2)
        with table.refill(columns=tuple(t(f"dev.col.{n}") for n in names)):
            for r in rows:
                late = r.days_late(today)
                promised = fmt_date(r.promised) if r.promised else ""
                cells = {"id": f"#{r.id}", "title": r.title[:title_width], "kind": t(f"dev.kind.{r.kind}")[:12],
                         "status": Text(t(f"dev.status.{r.status}"), style=STATUS_STYLE.get(r.status, "")),
                         "priority": dev.priority_label(r.priority), "area": r.area or "",
                         "asked": ", ".join(_short(a) for a in r.askers)[:14],
                         "supplier": r.supplier_ref or r.release or "",
                         "promised": Text(promised + (f" +{late}" if late else ""), style="bold red" if late else "")}
                table.add_row(*(cells[n] for n in names), key=str(r.id))

    def _show_backlog(self, table: Table, text: str) -> None:
        self._item_rows(table, dev_list.list_items(self.app.conn, None, text, self.sort, self.include_closed))

    def _show_overdue(self, table: Table, text: str) -> None:
        rows = rel.overdue(self.app.conn, self.app.today, self.late_days)
        self._item_rows(table, [r for r in rows if not text or text.lower() in r.title.lower()])

    def _show_regions(self, table: Table, text: str) -> None:
        self.rows = {}
        with table.refill(columns=tuple(t(f"dev.col.{n}") for n in ("region", "asked_n", "delivered_n", "open_n",
                                                                   "rejected_n"))):
            for line in rel.per_region(self.app.conn):
                if text and text.lower() not in line.name.lower():
                    continue
                table.add_row(line.name, str(line.asked), str(line.delivered), str(line.open), str(line.rejected),
                              key=line.name)

    def _show_releases(self, table: Table, text: str) -> None:
        self.rows, self.releases = {}, {}
        with table.refill(columns=tuple(t(f"dev.col.{n}") for n in ("version", "date", "id", "title", "kind",
                                                                   "tickets"))):
            for r in rel.releases(self.app.conn, self.app.today.year):
                found = rel.find_release(self.app.conn, r.version)
                key = f"release-{found.id}"
                self.releases[key] = found.id
                table.add_row(Text(found.version, style="bold"), fmt_date(found.released_on), "", "", "", "",
                              key=key)
                for i in found.items:
                    if text and text.lower() not in i.title.lower():
                        continue
                    self.rows[str(i.id)] = i
                    self.releases[str(i.id)] = found.id
                    table.add_row("", "", f"#{i.id}", i.title[:50], t(f"dev.kind.{i.kind}"), ", ".join(i.tickets),
                                  key=str(i.id))

    def _key(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def current(self) -> ItemRow | None:
        key = self._key()
        return self.rows.get(key) if key else None

    def action_new(self) -> None:
        def done(result) -> None:
            if result is not None:
                self.app.notify(t("dev.created", id=result))
                self.view = "backlog"
                self.refresh_data()
                self.query_one("#dev-list", Table).select_key(result)

        self.app.push_screen(forms.new_item(self.app.conn, self.app.today), done)

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        if (row := self.current()) is not None:
            self.app.push_screen(ItemScreen(row.id), lambda _: self.refresh_data())

    def action_view(self) -> None:
        self.view = VIEWS[(VIEWS.index(self.view) + 1) % len(VIEWS)]
        self.refresh_data()
        self.query_one("#dev-list", Table).move_cursor(row=0)

    def action_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.app.notify(t(f"dev.sorted.{self.sort}"))
        self.refresh_data()

    def action_closed(self) -> None:
        self.include_closed = not self.include_closed
        self.refresh_data()

    def action_days(self) -> None:
        self.late_days = LATE_DAYS[(LATE_DAYS.index(self.late_days) + 1) % len(LATE_DAYS)]
        self.refresh_data()

    def action_release(self) -> None:
        ready = dev_list.list_items(self.app.conn, "in_development")  # offered; an ordered one may be added

        def done(result) -> None:
            if result is not None:
                self.app.notify(t("dev.released"))
                self.view = "releases"
                self.refresh_data()
                self.query_one("#dev-list", Table).select_key(f"release-{result}")

        self.app.push_screen(forms.new_release(self.app.conn, self.app.today, ready), done)

    def _release(self) -> rel.Release | None:
        key = self._key()
        release_id = self.releases.get(key) if key else None
        if release_id is None:
            return None
        return next((rel.find_release(self.app.conn, r.version) for r in rel.releases(self.app.conn)
                     if r.id == release_id), None)

    def action_notes(self) -> None:
        if (found := self._release()) is not None:
            self.app.push_screen(forms.edit_notes(self.app.conn, found),
                                 lambda result: result is not None and self.app.notify(t("dev.notes_saved")))

    def action_resolve(self) -> None:
        if (found := self._release()) is None:
            return
        try:
            resolved, left = rel.resolve_tickets(self.app.conn, found.id, None, self.app.today)
        except UserError as exc:
            self.app.notify(exc.message, severity="warning")
            return
        self.app.notify(t("cli.release.resolved", version=found.version, resolved=resolved, left=left))


def _short(name: str) -> str:
    """``Region Hovedstaden`` -> ``Hovedstaden``, ``Videreuddannelsesregion Nord`` -> ``Nord``."""
    return name.split(" ", 1)[-1]


class ItemScreen(ItemActions, DataScreen):
    """One item: its fields, the supplier's order, its release, and its timeline."""

    DEFAULT_CSS = """
    ItemScreen #item-detail { margin: 0 1; height: auto; }
    ItemScreen #item-timeline { height: 1fr; }
    """
    AUTO_FOCUS = "#item-timeline"
    BINDINGS = [Binding("escape", "back", t("record.key.back"), id="dev.back"), *ItemActions.BINDINGS]

    def __init__(self, item_id: int) -> None:
        super().__init__()
        self.item_id = item_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Plain(id="item-detail")
        yield Table(id="item-timeline")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(t("col.at"), t("col.author"), t("col.event"), t("col.note"))
        self.refresh_data()

    def current(self) -> ItemRow:
        return dev_list.get(self.app.conn, self.item_id)

    def refresh_data(self) -> None:
        r = self.current()
        self.query_one("#item-detail", Static).update(
            f"#{r.id} {r.title}\n" + detail(r, self.app.today) + (f"\n\n{r.description}" if r.description else ""))
        table = self.query_one(DataTable)
        with table.refill():
            for e in dev_list.timeline(self.app.conn, self.item_id):
                table.add_row(fmt_moment(e.at), e.author or "", event_text(e), (e.text or "")[:60])

    def action_back(self) -> None:
        self.dismiss(None)


async def open_item(app, item_id: int) -> None:
    """Switch to screen 8 and open the item (a jump from the command palette)."""
    await app.switch_mode("development")
    app.push_screen(ItemScreen(item_id))

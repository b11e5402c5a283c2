"""Support tickets: the list (filter, sort, how long with the supplier, passed promises) and a
ticket with its timeline. The same keys work in both."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Static

from logbog_tui.tui.screens.base import DataScreen
from logbog_tui.storage import tickets
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_moment, t
from logbog_tui.storage.tickets import TicketRow
from logbog_tui.overview import ticket_detail
from logbog_tui.tui.dialogs import tickets as ticket_forms
from logbog_tui.tui.widgets.filter_box import FilterableList, FilterBox
from logbog_tui.tui.widgets.key_bar import KeyBar
from logbog_tui.tui.widgets.plain import Plain, Table

PRIORITY_STYLE = {"kritisk": "bold red", "hoej": "dark_orange"}


class TicketActions:
    """The keys a ticket answers to, on the list and on the ticket itself."""

    BINDINGS = [
        Binding("F", "forward", t("tickets.key.forward"), id="tickets.forward"),
        Binding("S", "status", t("tickets.key.status"), id="tickets.status"),
        Binding("c", "comment", t("tickets.key.comment"), id="tickets.comment"),
        Binding("l", "log_ticket", t("tickets.key.log"), id="tickets.log"),
        Binding("T", "task", t("tickets.key.task"), id="tickets.task"),
    ]

    def current(self) -> TicketRow | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def _open_form(self, build, message_key: str) -> None:
        row = self.current()
        if row is None:
            return

        def done(result) -> None:
            if result is not None:
                self.app.notify(t(message_key))
                self.refresh_data()

        self.app.push_screen(build(self.app.conn, row, self.app.today), done)

    def action_forward(self) -> None:
        self._open_form(ticket_forms.forward_ticket, "ticket.forwarded")

    def action_status(self) -> None:
        self._open_form(ticket_forms.status_ticket, "ticket.status_changed")

    def action_comment(self) -> None:
        self._open_form(ticket_forms.comment_ticket, "ticket.commented")

    def action_log_ticket(self) -> None:
        if (row := self.current()) is not None:
            self.app.action_log_hours(ticket_id=row.id, ticket_number=row.number)

    def action_task(self) -> None:
        if (row := self.current()) is None:
            return
        if (existing := tickets.task_of(self.app.conn, row.id)) is not None:  # once; then go to it
            task_id, title = existing
            self.app.notify(t("ticket.task_exists", id=task_id, title=title))
            self.app.call_later(self.app.open_task, title)
            return
        try:
            task = tickets.to_task(self.app.conn, row.id)
        except UserError as exc:
            self.app.notify(exc.message, severity="warning")
            return
        self.app.notify(t("ticket.task_created", id=task))
        self.refresh_data()


class TicketsScreen(FilterableList, TicketActions, DataScreen):
    DEFAULT_CSS = """
    TicketsScreen #ticket-head { margin: 0 1; height: auto; }
    TicketsScreen #ticket-list { height: 1fr; }
    """
    AUTO_FOCUS = LIST = "#ticket-list"
    BINDINGS = [
        Binding("n", "new", t("tickets.key.new"), id="tickets.new"),
        Binding("enter", "open", t("tickets.key.open"), id="tickets.open", show=False),
        *TicketActions.BINDINGS,
        Binding("slash", "filter", t("tasks.key.filter"), id="tickets.filter", key_display="/"),
        Binding("f", "closed", t("tickets.key.closed"), id="tickets.closed"),
        Binding("escape", "close_filter", t("tasks.key.close_filter"), id="tickets.close_filter", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = "age"
        self.include_closed = False
        self.rows: dict[str, TicketRow] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Plain(id="ticket-head")
        yield FilterBox(id="ticket-filter")
        yield Table(id="ticket-list")
        yield KeyBar()

    def on_resize(self) -> None:
        self.refresh_data()

    def _columns(self, width: int) -> tuple[str, ...]:
        """Below 140 columns the opened date gives way (it is on the ticket), so that the supplier's
        days and the promised date stay in sight at 120."""
        names = ["number", "title", "category", "priority", "status", "reporter", "opened", "supplier", "promised"]
        if width < 140:
            names.remove("opened")
        return tuple(names)

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        app, today = self.app, self.app.today
        text = self.query_one(FilterBox).value
        rows = tickets.list_tickets(app.conn, None, text, self.sort, self.include_closed, limit=200)
        self.rows = {str(r.id): r for r in rows}
        table = self.query_one(DataTable)
        width = table.size.width or app.size.width - 2
        names = self._columns(width)
        fixed = {"number": 9, "category": 11, "priority": 9, "status": 14, "reporter": 12, "opened": 10,
                 "supplier": 14, "promised": 10}
        title_width = width - sum(fixed[n] for n in names if n != "title") - 2 * len(names) - 2
        if title_width < 16:  # too narrow for all columns anyway: the list scrolls sideways (→)
            title_width = 32
        with table.refill(columns=tuple(t(f"col.{n}") for n in names)):
            late = 0
            for r in rows:
                days = r.days_with_supplier(today)
                passed = r.promise_passed(today)
                late += passed
                cells = {"number": r.number, "title": r.title[:title_width],
                         "category": t(f"category.{r.category}")[:11],
                         "priority": Text(t(f"priority.{r.priority}"), style=PRIORITY_STYLE.get(r.priority, "")),
                         "status": t(f"ticket.status.{r.status}"), "reporter": r.reporter[:12],
                         "opened": fmt_date(r.opened),
                         "supplier": t("tickets.days", days=days) if days is not None else "",
                         "promised": Text(fmt_date(r.promised) if r.promised and r.status == "with_supplier" else "",
                                          style="bold red" if passed else "")}
                table.add_row(*(cells[n] for n in names), key=str(r.id))
        open_count = sum(1 for r in rows if r.status not in ("resolved", "closed"))
        head = t("tickets.head", count=len(rows), open=open_count, late=late,
                 closed=t("tickets.closed_shown" if self.include_closed else "tickets.closed_hidden"))
        if text:
            head += "  " + t("entries.filtered", text=text)
        self.query_one("#ticket-head", Static).update(head)

    def current(self) -> TicketRow | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return self.rows.get(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def action_new(self) -> None:
        def done(result) -> None:
            if result is not None:
                self.app.notify(t("ticket.created", number=result[1]))
                self.refresh_data()
                self.query_one("#ticket-list", Table).select_key(result[0])

        self.app.push_screen(ticket_forms.new_ticket(self.app.conn, self.app.today), done)

    @on(DataTable.RowSelected)
    def action_open(self) -> None:
        if (row := self.current()) is not None:
            self.app.push_screen(TicketScreen(row.id), lambda _: self.refresh_data())

    def action_closed(self) -> None:
        self.include_closed = not self.include_closed
        self.refresh_data()






class TicketScreen(TicketActions, DataScreen):
    """One ticket: its fields, the supplier's case, and its timeline."""

    DEFAULT_CSS = """
    TicketScreen #ticket-detail { margin: 0 1; height: auto; }
    TicketScreen #timeline { height: 1fr; }
    """
    AUTO_FOCUS = "#timeline"
    BINDINGS = [Binding("escape", "back", t("record.key.back"), id="ticket.back"), *TicketActions.BINDINGS]

    def __init__(self, ticket_id: int) -> None:
        super().__init__()
        self.ticket_id = ticket_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Plain(id="ticket-detail")
        yield Table(id="timeline")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(t("col.at"), t("col.author"), t("col.event"), t("col.note"))
        self.refresh_data()

    def current(self) -> TicketRow:
        return tickets.get(self.app.conn, self.ticket_id)

    def refresh_data(self) -> None:
        r = self.current()
        self.query_one("#ticket-detail", Static).update(
            f"{r.title}\n" + ticket_detail(r, self.app.today)
            + (f"\n\n{r.description}" if r.description else "") + "\n\n" + t("ticket.keys_line"))
        table = self.query_one(DataTable)
        with table.refill():
            for e in tickets.timeline(self.app.conn, self.ticket_id):
                what = t(f"event.{e.kind}", old=t(f"ticket.status.{e.old_status}") if e.old_status else "",
                         new=t(f"ticket.status.{e.new_status}") if e.new_status else "")
                table.add_row(fmt_moment(e.at), e.author or "", what, (e.text or "")[:70])

    def action_back(self) -> None:
        self.dismiss(None)

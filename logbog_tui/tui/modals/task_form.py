"""New or edited task: title, area, owner, due date, status, links; errors next to each field,
and nothing typed is lost on a failed save."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from logbog_tui import queries
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t
from logbog_tui.service import Problem
from logbog_tui.service.parse import parse_date
from logbog_tui.tasks import STATUSES, TaskDraft, TaskRow

INPUTS = ("title", "area", "owner", "due", "meeting", "ticket")


class TaskDialog(ModalScreen[object]):
    DEFAULT_CSS = """
    TaskDialog { align: center middle; }
    TaskDialog > Vertical { width: 84; height: auto; max-height: 95%; border: thick $accent; background: $surface;
                            padding: 1 2; }
    TaskDialog .title { text-style: bold; }
    TaskDialog .row { height: 1; margin-top: 1; }
    TaskDialog .row Label { width: 16; }
    TaskDialog .row Input { width: 1fr; }
    TaskDialog Select { width: 30; margin-left: 16; margin-top: 1; }
    TaskDialog TextArea { height: 5; margin-top: 1; }
    TaskDialog .error { color: $error; height: auto; margin: 0 0 0 16; display: none; }
    TaskDialog .buttons { height: auto; margin-top: 1; }
    """
    AUTO_FOCUS = "#title"
    BINDINGS = [Binding("escape", "cancel", t("dialog.cancel"), id="dialog.cancel"),
                Binding("ctrl+s", "save", t("dialog.save"), id="dialog.save")]

    def __init__(self, task: TaskRow | None, area_label: str, people: list[str], areas: list[str],
                 on_save: Callable[[TaskDraft], object], today: date) -> None:
        super().__init__()
        self.row, self.area_label, self.people, self.areas = task, area_label, people, areas
        self.on_save, self.today = on_save, today

    def compose(self) -> ComposeResult:
        r = self.row
        values = {"title": r.title if r else "", "area": self.area_label, "owner": (r.owner or "") if r else "",
                  "due": fmt_date(r.due) if r and r.due else "", "meeting": str(r.meeting_id or "") if r else "",
                  "ticket": str(r.ticket_id or "") if r else ""}
        suggest = {"area": SuggestFromList(self.areas, case_sensitive=False),
                   "owner": SuggestFromList(self.people, case_sensitive=False)}
        with Vertical():
            yield Static(t("task.edit_title", id=r.id) if r else t("task.new_title"), classes="title")
            for name in INPUTS:
                with Horizontal(classes="row"):
                    yield Label(t(f"task.field.{'due' if name == 'due' else name}"))
                    yield Input(values[name], id=name, compact=True, suggester=suggest.get(name), max_length=300)
                yield Static("", id=f"{name}-error", classes="error")
            yield Select([(t(f"task.status.{s}"), s) for s in STATUSES], value=r.status if r else "todo",
                         allow_blank=False, id="status")
            yield Label(t("task.field.description"))
            yield TextArea(r.description or "" if r else "", id="description")
            yield Static("", id="general-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("dialog.save"), variant="primary", id="save")
                yield Button(t("dialog.cancel"), id="cancel")
            yield Static(t("task.hint"))

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        value = {name: self.query_one(f"#{name}", Input).value.strip() for name in INPUTS}
        errors: dict[str, str] = {}
        conn = self.app.conn
        area_id = owner_id = due = None
        links: dict[str, int | None] = {}
        try:
            raw = value["area"]
            area_id = queries.resolve_area(conn, raw[:4].rstrip() if raw[:4].rstrip().upper() in _codes(conn) else raw).id
        except UserError as exc:
            errors["area"] = exc.message
        if value["owner"]:
            try:
                owner_id = queries.resolve_person(conn, value["owner"]).id
            except UserError as exc:
                errors["owner"] = exc.message
        if value["due"]:
            try:
                due = parse_date(value["due"], self.today)
            except Problem as p:
                errors["due"] = t(p.key, **p.params)
        for name, table in (("meeting", "meeting"), ("ticket", "ticket")):
            links[name] = None
            if value[name]:
                if not value[name].isdigit() or conn.execute(
                        f"SELECT 1 FROM {table} WHERE id = ?", (int(value[name]),)).fetchone() is None:
                    errors[name] = t("task.no_such_link", text=value[name])
                else:
                    links[name] = int(value[name])
        self._errors(errors)
        if errors:
            self.query_one(f"#{next(n for n in INPUTS if n in errors)}", Input).focus()
            return
        draft = TaskDraft(area_id, value["title"], self.query_one("#description", TextArea).text, owner_id, due,
                          self.query_one("#status", Select).value, links["meeting"], links["ticket"])
        try:
            result = self.on_save(draft)
        except UserError as exc:
            self._errors({"general": exc.message})
            return
        self.dismiss(result)

    def _errors(self, errors: dict[str, str]) -> None:
        for name in (*INPUTS, "general"):
            box = self.query_one(f"#{name}-error", Static)
            box.update(errors.get(name, ""))
            box.display = name in errors

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def _codes(conn) -> set[str]:
    return {c for (c,) in conn.execute("SELECT code FROM task_area")}

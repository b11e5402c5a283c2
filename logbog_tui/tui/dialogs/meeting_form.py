"""`n`: plan a meeting. The host is chosen from the regions in force on the date, pre-selected with
the rotation's proposal and its reason, and follows the date as it is typed; another host asks for
a reason and is recorded as an override. Warnings for the date (weekend, holiday, third ordinary
meeting, vacancies, same day) show live; each error shows under its own field, all at once."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from logbog_tui.storage import meetings, queries
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_week, say, t
from logbog_tui.storage.inputs import Invalid
from logbog_tui.storage.meetings import MeetingDraft
from logbog_tui.overview import explain
from logbog_tui.service import Problem
from logbog_tui.service.parse import parse_date
from logbog_tui.tui.widgets.completing import CompletingInput
from logbog_tui.tui.widgets.plain import Plain

FIELDS = ("body", "date", "time", "duration", "kind", "host", "reason", "place")
_FIELD_OF = {"day": "date", "host_code": "host", "status": "date"}  # the draft's names for the form's fields


class MeetingDialog(ModalScreen[object]):
    DEFAULT_CLASSES = "dialog-screen"  # the frame: app.tcss
    DEFAULT_CSS = """
    MeetingDialog .dialog { width: 90; }
    MeetingDialog .row { height: auto; margin-top: 1; }
    MeetingDialog .row Label { width: 18; }
    MeetingDialog .row Input, MeetingDialog .row Select { width: 1fr; }
    MeetingDialog #proposal { margin-left: 18; color: $text-muted; }
    MeetingDialog #warnings { color: $warning; margin-left: 18; height: auto; }
    MeetingDialog .error { color: $error; height: auto; margin-left: 18; display: none; }
    """
    AUTO_FOCUS = "#date"
    BINDINGS = [Binding("escape", "cancel", t("dialog.cancel"), id="dialog.cancel"),
                Binding("ctrl+s", "save", t("dialog.save"), id="dialog.save")]

    def __init__(self, today: date, body: str = "folgegruppe") -> None:
        super().__init__()
        self.today, self.body = today, body
        self.proposed_code: str | None = None
        self._hosts: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(t("meeting.new_title"), classes="title")
            with VerticalScroll(classes="dialog-body"):
                for name in FIELDS:
                    with Horizontal(classes="row"):
                        yield Label(t(f"meeting.field.{name}"))
                        yield self._field(name)
                    if name == "host":
                        yield Plain("", id="proposal")
                    yield Plain("", id=f"{name}-error", classes="error")
                    if name == "date":  # in sight while the date is typed
                        yield Plain("", id="warnings")
                yield Plain("", id="form-error", classes="error")
            with Vertical(classes="dialog-foot"):
                with Horizontal(classes="buttons"):
                    yield Button(t("dialog.save"), variant="primary", id="save", compact=True)
                    yield Button(t("dialog.cancel"), id="cancel", compact=True)
                yield Plain(t("form.hint"), classes="hint")

    def _field(self, name: str):
        if name == "body":
            return Select([(t(f"body.{b}"), b) for b in meetings.BODIES], value=self.body,
                          allow_blank=False, id="body", compact=True)
        if name == "kind":
            return Select([(t(f"meeting.kind.{k}"), k) for k in meetings.KINDS], value="ordinary",
                          allow_blank=False, id="kind", compact=True)
        if name == "host":
            return Select([], id="host", prompt="–", compact=True)
        value = {"date": fmt_date(self.today), "time": "10:00", "duration": "4"}.get(name, "")
        placeholder = {"reason": t("meeting.reason_placeholder"), "time": "10, 9.30, 13:00"}.get(name, "")
        return CompletingInput(value, id=name, compact=True, placeholder=placeholder)

    def on_mount(self) -> None:
        self._update()

    def _day(self) -> date | None:
        try:
            return parse_date(self.query_one("#date", Input).value, self.today,
                              queries.date_range(self.app.conn, self.today))
        except Problem:
            return None

    @on(Input.Changed, "#date")
    @on(Select.Changed, "#body, #kind")
    def _update(self) -> None:
        """The regions in force on the date, the proposal, and the date's warnings."""
        day, body = self._day(), self.query_one("#body", Select).value
        host = self.query_one("#host", Select)
        proposal_box = self.query_one("#proposal", Static)
        host.disabled = body != "folgegruppe"
        if day is None:
            proposal_box.update("")
            self.query_one("#warnings", Static).update("")
            return
        if body == "folgegruppe":
            in_force = tuple(r.code for r in queries.regions(self.app.conn) if r.in_force(day))
            names = {r.code: r.name for r in queries.regions(self.app.conn)}
            chosen = host.value
            if in_force != self._hosts:
                self._hosts = in_force
                host.set_options([(Text(names[c]), c) for c in in_force])
            prop = meetings.proposal(self.app.conn, day)
            if prop is not None:
                if chosen in (Select.NULL, self.proposed_code) or chosen not in in_force:
                    host.value = prop.region.code
                elif chosen in in_force:
                    host.value = chosen
                self.proposed_code = prop.region.code
                proposal_box.update(t("meeting.proposal", region=prop.region.name, reason=explain(prop.reason),
                                      week=fmt_week(day)))
        else:
            host.clear()
            proposal_box.update(t("meeting.no_rotation"))
        kind = self.query_one("#kind", Select).value
        warnings = meetings.warnings(self.app.conn, body, day, kind)
        self.query_one("#warnings", Static).update("\n".join("⚠ " + say(w) for w in warnings))

    def _show(self, errors: dict[str, str]) -> None:
        for name in (*FIELDS, "form"):
            box = self.query_one(f"#{name}-error", Static)
            box.update(errors.get(name, ""))
            box.display = name in errors

    def _show_and_focus(self, errors: dict[str, str]) -> None:
        self._show(errors)
        first = next((n for n in FIELDS if n in errors), None)
        if first is not None:
            self.query_one(f"#{first}").focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """The date is read against the database's range here; the draft checks the rest field by
        field (:class:`~logbog_tui.storage.meetings.MeetingDraft`), :func:`~logbog_tui.storage.meetings.plan`
        what needs the database. Each refusal shows under its field, all at once where they can be."""
        value = {name: self.query_one(f"#{name}", Input).value for name in ("date", "time", "duration", "reason",
                                                                             "place")}
        errors: dict[str, str] = {}
        day = None
        try:
            day = parse_date(value["date"], self.today, queries.date_range(self.app.conn, self.today))
        except Problem as p:
            errors["date"] = say(p.note)
        body = self.query_one("#body", Select).value
        host = self.query_one("#host", Select).value if body == "folgegruppe" else Select.NULL
        host_code = None if host is Select.NULL else host
        draft = None
        try:
            draft = MeetingDraft.check({"body": body, "day": day, "time": value["time"], "duration": value["duration"],
                                        "host_code": host_code, "reason": value["reason"],
                                        "kind": self.query_one("#kind", Select).value,
                                        "status": "held" if day and day < self.today else "planned",
                                        "place": value["place"]})
        except Invalid as exc:
            for name, note in exc.problems.items():
                errors.setdefault(_FIELD_OF.get(name, name if name in FIELDS else "form"), say(note))
        if (body == "folgegruppe" and host_code and self.proposed_code and host_code != self.proposed_code
                and not value["reason"].strip()):  # with the other refusals, before plan() would say it alone
            errors.setdefault("reason", t("meeting.reason_needed", proposed=self._proposed_name()))
        if errors or draft is None:
            self._show_and_focus(errors)
            return
        try:
            result = meetings.plan(self.app.conn, draft, self.today)
        except UserError as exc:
            self._show_and_focus({exc.field if exc.field in FIELDS else "form": exc.message})
            return
        self.dismiss(result)

    def _proposed_name(self) -> str:
        return next((r.name for r in queries.regions(self.app.conn) if r.code == self.proposed_code), "")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

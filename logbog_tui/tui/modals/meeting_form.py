"""`n`: plan a meeting. The host is pre-filled with the rotation's proposal and its reason, and
follows the date as it is typed; another host asks for a reason and is recorded as an override.
Warnings for the date (weekend, holiday, third ordinary meeting, vacancies, same day) show live."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static

from logbog_tui import meetings, queries
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_week, t
from logbog_tui.meetings import MeetingDraft
from logbog_tui.overview import explain
from logbog_tui.service import Problem
from logbog_tui.service.parse import parse_date, parse_duration
from logbog_tui.tui.widgets.plain import Plain


class MeetingDialog(ModalScreen[object]):
    DEFAULT_CSS = """
    MeetingDialog { align: center middle; }
    MeetingDialog > Vertical { width: 90; height: auto; border: thick $accent; background: $surface; padding: 1 2; }
    MeetingDialog .title { text-style: bold; }
    MeetingDialog .row { height: auto; margin-top: 1; }
    MeetingDialog .row Label { width: 18; }
    MeetingDialog .row Input, MeetingDialog .row Select { width: 1fr; }
    MeetingDialog #proposal { margin-left: 18; color: $text-muted; }
    MeetingDialog #warnings { color: $warning; margin-top: 1; height: auto; }
    MeetingDialog #error { color: $error; height: auto; }
    MeetingDialog .buttons { height: auto; margin-top: 1; }
    """
    AUTO_FOCUS = "#date"
    BINDINGS = [Binding("escape", "cancel", t("dialog.cancel"), id="dialog.cancel"),
                Binding("ctrl+s", "save", t("dialog.save"), id="dialog.save")]

    def __init__(self, today: date, body: str = "folgegruppe") -> None:
        super().__init__()
        self.today, self.body = today, body
        self.proposed_code: str | None = None

    def compose(self) -> ComposeResult:
        regions = [r.name for r in queries.regions(self.app.conn)]
        with Vertical():
            yield Plain(t("meeting.new_title"), classes="title")
            with Horizontal(classes="row"):
                yield Label(t("meeting.field.body"))
                yield Select([(t(f"body.{b}"), b) for b in meetings.BODIES], value=self.body, allow_blank=False,
                             id="body")
            with Horizontal(classes="row"):
                yield Label(t("meeting.field.date"))
                yield Input(fmt_date(self.today), id="date", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("meeting.field.time"))
                yield Input("10:00", id="time", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("meeting.field.duration"))
                yield Input("4", id="duration", compact=True)
            with Horizontal(classes="row"):
                yield Label(t("meeting.field.kind"))
                yield Select([(t(f"meeting.kind.{k}"), k) for k in meetings.KINDS], value="ordinary",
                             allow_blank=False, id="kind")
            with Horizontal(classes="row"):
                yield Label(t("meeting.field.host"))
                yield Input("", id="host", compact=True, suggester=SuggestFromList(regions, case_sensitive=False))
            yield Plain("", id="proposal")
            with Horizontal(classes="row"):
                yield Label(t("meeting.field.reason"))
                yield Input("", id="reason", compact=True, placeholder=t("meeting.reason_placeholder"))
            with Horizontal(classes="row"):
                yield Label(t("meeting.field.place"))
                yield Input("", id="place", compact=True)
            yield Plain("", id="warnings")
            yield Plain("", id="error")
            with Horizontal(classes="buttons"):
                yield Button(t("dialog.save"), variant="primary", id="save")
                yield Button(t("dialog.cancel"), id="cancel")

    def on_mount(self) -> None:
        self._update()

    def _day(self) -> date | None:
        try:
            return parse_date(self.query_one("#date", Input).value, self.today,
                              queries.date_range(self.app.conn, self.today))
        except Problem:
            return None

    @on(Input.Changed, "#date")
    @on(Select.Changed)
    def _update(self) -> None:
        day, body = self._day(), self.query_one("#body", Select).value
        host = self.query_one("#host", Input)
        proposal_box = self.query_one("#proposal", Static)
        host.disabled = body != "folgegruppe"
        if day is None:
            proposal_box.update("")
            self.query_one("#warnings", Static).update("")
            return
        if body == "folgegruppe":
            prop = meetings.proposal(self.app.conn, day)
            if prop is not None:
                if host.value in ("", self._proposed_name()):
                    host.value = prop.region.name
                self.proposed_code = prop.region.code
                proposal_box.update(t("meeting.proposal", region=prop.region.name, reason=explain(prop.reason),
                                      week=fmt_week(day)))
        else:
            host.value = ""
            proposal_box.update(t("meeting.no_rotation"))
        kind = self.query_one("#kind", Select).value
        warnings = meetings.warnings(self.app.conn, body, day, kind)
        self.query_one("#warnings", Static).update("\n".join("⚠ " + w for w in warnings))

    def _proposed_name(self) -> str:
        return next((r.name for r in queries.regions(self.app.conn) if r.code == self.proposed_code), "")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        error = self.query_one("#error", Static)
        day = self._day()
        if day is None:
            try:
                parse_date(self.query_one("#date", Input).value, self.today,
                           queries.date_range(self.app.conn, self.today))
            except Problem as p:
                error.update(t(p.key, **p.params))
            return
        duration = None
        if (text := self.query_one("#duration", Input).value.strip()):
            try:
                duration = parse_duration(text)
            except Problem as p:
                error.update(t(p.key, **p.params))
                return
        body = self.query_one("#body", Select).value
        host = self.query_one("#host", Input).value.strip() if body == "folgegruppe" else None
        draft = MeetingDraft(body, day, self.query_one("#time", Input).value.strip() or None, duration, host or None,
                             self.query_one("#reason", Input).value, self.query_one("#kind", Select).value,
                             "held" if day < self.today else "planned", self.query_one("#place", Input).value)
        try:
            result = meetings.plan(self.app.conn, draft, self.today)
        except UserError as exc:
            error.update(exc.message)
            return
        self.dismiss(result)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

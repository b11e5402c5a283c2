"""`l`: log hours from any screen. Hours focused; today, the current person and their last area
pre-filled; `1,5` Enter saves. The same dialog edits an entry. A failed save keeps every field
as typed and says what is wrong next to the field."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Static

from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_minutes, say, t
from logbog_tui.storage.inputs import Invalid
from logbog_tui.storage.timelog import Draft, LogInput
from logbog_tui.tui.widgets.completing import CompletingInput
from logbog_tui.tui.widgets.plain import Plain


@dataclass(frozen=True)
class LogForm:
    """What the dialog starts with."""

    person: str
    target: str
    day: date
    hours: str = ""
    note: str = ""
    is_support: bool = False
    title_key: str = "log.title"
    ticket: str = ""
    on_behalf: str = ""
    covers: str | None = None  # editing a month's figure from a timesheet: more than 24 hours allowed


FIELDS = ("hours", "date", "target", "person", "for", "note")
# The entry's own names (:class:`~logbog_tui.storage.timelog.Draft`) for the dialog's fields.
_DRAFT_FIELDS = {"minutes": "hours", "day": "date", "area_id": "target", "task_id": "target", "person_id": "person",
                 "on_behalf_of": "for"}


def _field(name: str | None) -> str:
    """The dialog's field for a refusal of ``name`` (the hours field when it names none)."""
    name = _DRAFT_FIELDS.get(name or "", name)
    return name if name in FIELDS else "hours"


class LogHoursDialog(ModalScreen[object]):
    """Returns whatever ``on_save`` returned, or ``None`` when cancelled."""

    DEFAULT_CLASSES = "dialog-screen"  # the frame: app.tcss
    DEFAULT_CSS = """
    LogHoursDialog .dialog { width: 80; }
    LogHoursDialog .row { height: 1; margin-top: 1; }
    LogHoursDialog .row Label { width: 22; }
    LogHoursDialog .row Input { width: 1fr; }
    LogHoursDialog .error { color: $error; height: auto; margin: 0 0 0 22; display: none; }
    LogHoursDialog Checkbox { margin: 1 0 0 20; border: none; padding: 0; }
    """
    AUTO_FOCUS = "#hours"
    BINDINGS = [Binding("escape", "cancel", t("dialog.cancel"), id="dialog.cancel")]

    def __init__(self, form: LogForm, people: list[str], targets: list[str],
                 on_save: Callable[[Draft], object], today: date) -> None:
        super().__init__()
        self.reuse(form, people, targets, on_save, today)

    def reuse(self, form: LogForm, people: list[str], targets: list[str],
              on_save: Callable[[Draft], object], today: date) -> LogHoursDialog:
        """Set the dialog up again for another entry (the app keeps one instance: opening it again
        then costs no compose and no styling). The fields are filled when it is shown."""
        self.form, self.people, self.targets = form, people, targets
        self.on_save, self.today = on_save, today
        return self

    def on_screen_resume(self) -> None:
        """Fill the fields from ``form`` each time the dialog is shown (also right after compose)."""
        form = self.form
        self.query_one(".title", Static).update(t(form.title_key, ticket=form.ticket))
        for name, value in (("hours", form.hours), ("date", fmt_date(form.day)), ("target", form.target),
                            ("person", form.person), ("for", form.on_behalf), ("note", form.note)):
            self.query_one(f"#{name}", Input).value = value
            self._show_error(name, "")
        self.query_one("#target", Input).suggester = SuggestFromList(self.targets, case_sensitive=False)
        self.query_one("#person", Input).suggester = SuggestFromList(self.people, case_sensitive=False)
        self.query_one("#for", Input).suggester = SuggestFromList(self.people, case_sensitive=False)
        self.query_one("#support", Checkbox).value = form.is_support
        self.query_one("#hours", Input).focus()

    def compose(self) -> ComposeResult:
        """The fields, empty: ``on_screen_resume`` fills them from the form."""
        with Vertical(classes="dialog"):
            yield Plain("", classes="title")
            with VerticalScroll(classes="dialog-body"):
                yield from self._fields()
            with Vertical(classes="dialog-foot"):
                with Horizontal(classes="buttons"):
                    yield Button(t("dialog.save"), variant="primary", id="save", compact=True)
                    yield Button(t("dialog.cancel"), id="cancel", compact=True)
                yield Plain(t("log.hint"), classes="hint")

    def _fields(self) -> ComposeResult:
        for name, placeholder in (("hours", t("log.hours_placeholder")), ("date", t("log.date_placeholder")),
                                  ("target", t("log.target_placeholder")), ("person", ""),
                                  ("for", t("log.for_placeholder")), ("note", "")):
            with Horizontal(classes="row"):
                yield Label(t(f"log.field.{name}"))
                yield CompletingInput(placeholder=placeholder, id=name, max_length=2000, compact=True)
            yield Plain("", id=f"{name}-error", classes="error")
        yield Checkbox(t("log.field.support"), id="support")

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def submit(self) -> None:
        try:
            result = self.on_save(self._read())
        except Invalid as exc:  # each refusal under its field
            self._show_errors({_field(name): say(note) for name, note in reversed(exc.problems.items())})
            return
        except UserError as exc:
            self._show_errors({_field(exc.field): exc.message})
            return
        self._show_errors({})
        self.dismiss(result)

    def _show_errors(self, errors: dict[str, str]) -> None:
        for name in FIELDS:
            self._show_error(name, errors.get(name, ""))
        if errors:
            self.query_one(f"#{next(n for n in FIELDS if n in errors)}", Input).focus()

    def _show_error(self, name: str, message: str) -> None:
        error = self.query_one(f"#{name}-error", Static)
        error.update(message)
        error.display = bool(message)

    def _read(self) -> Draft:
        """The entry as typed (:class:`~logbog_tui.storage.timelog.LogInput`), or :class:`Invalid`."""
        values: dict[str, object] = {name: self.query_one(f"#{name}", Input).value for name in FIELDS}
        values["note"] = values["note"] or None
        values["support"] = self.query_one("#support", Checkbox).value
        values["covers"] = self.form.covers
        return LogInput.check(values, conn=self.app.conn, today=self.today).draft()

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def describe_saved(minutes: int, day: date, target: str) -> str:
    return t("log.toast", hours=fmt_minutes(minutes), date=fmt_date(day), target=target)

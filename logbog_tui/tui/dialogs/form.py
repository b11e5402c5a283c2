"""A small form dialog: labelled fields, the message for a bad field right next to it, and
nothing typed lost when saving fails. ``on_save`` gets the values and raises
:class:`FieldErrors` (per field) or :class:`UserError` (for the whole form)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from logbog_tui.errors import UserError
from logbog_tui.i18n import say, t
from logbog_tui.storage.inputs import Invalid
from logbog_tui.service.text import visible
from logbog_tui.tui.widgets.completing import CompletingInput
from logbog_tui.tui.widgets.plain import Plain


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    value: object = ""
    options: tuple[tuple[str, object], ...] | None = None   # a Select
    suggestions: tuple[str, ...] = ()
    multiline: bool = False
    placeholder: str = ""


class FieldErrors(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


class FormDialog(ModalScreen[object]):
    DEFAULT_CLASSES = "dialog-screen"  # the frame: app.tcss
    DEFAULT_CSS = """
    FormDialog .intro { margin-top: 1; }
    FormDialog .row { height: auto; margin-top: 1; }
    FormDialog .row Label { width: 24; }
    FormDialog .row Input, FormDialog .row Select { width: 1fr; }
    FormDialog TextArea { height: 4; width: 1fr; }
    FormDialog .error { color: $error; height: auto; margin-left: 24; display: none; }
    FormDialog #form-error { margin-left: 0; }
    FormDialog .live { color: $warning; height: auto; margin-top: 1; display: none; }
    """
    BINDINGS = [Binding("escape", "cancel", t("dialog.cancel"), id="dialog.cancel"),
                Binding("ctrl+s", "save", t("dialog.save"), id="dialog.save")]

    def __init__(self, title: str, fields: list[Field], on_save: Callable[[dict], object],
                 hint: str | None = None, intro: str | None = None,
                 live: Callable[[dict], list[str]] | None = None) -> None:
        """``live`` gets the values as they are typed and returns warnings to show before saving."""
        super().__init__()
        self.title_text, self.fields, self.on_save, self.hint = title, fields, on_save, hint
        self.intro, self.live = intro, live

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Plain(self.title_text, classes="title")
            with VerticalScroll(classes="dialog-body"):
                yield from self._body()
            with Vertical(classes="dialog-foot"):  # docked: always in sight (and after the fields for Tab)
                with Horizontal(classes="buttons"):
                    yield Button(t("dialog.save"), variant="primary", id="save", compact=True)
                    yield Button(t("dialog.cancel"), id="cancel", compact=True)
                yield Plain(self.hint or t("form.hint"), classes="hint")

    def _body(self) -> ComposeResult:
        if self.intro:
            yield Plain(self.intro, classes="intro")
        for f in self.fields:
            with Horizontal(classes="row"):
                yield Label(f.label)
                if f.options is not None:
                    # Text: choices (names) are shown as typed, not read as markup, and
                    # typing a letter still jumps to a choice (Select skips Content there).
                    yield Select([(Text(visible(p)), v) for p, v in f.options],
                                 value=f.value if f.value is not None else Select.NULL,
                                 id=f.name, allow_blank=True, prompt="–", compact=True)
                elif f.multiline:
                    yield TextArea(visible(str(f.value or "")), id=f.name, compact=True)
                else:
                    suggester = (SuggestFromList([visible(s) for s in f.suggestions], case_sensitive=False)
                                 if f.suggestions else None)
                    yield CompletingInput(visible(str(f.value or ""), keep_newlines=False), id=f.name, compact=True,
                                          placeholder=f.placeholder, suggester=suggester)
            yield Plain("", id=f"{f.name}-error", classes="error")
        yield Plain("", id="form-error", classes="error")
        yield Plain("", id="live", classes="live")

    def on_mount(self) -> None:
        self.query_one(f"#{self.fields[0].name}").focus()
        self._update_live()

    @on(Input.Changed)
    @on(Select.Changed)
    def _update_live(self) -> None:
        if self.live is None:
            return
        try:
            lines = self.live(self.values())
        except Exception:  # noqa: BLE001 - warnings are a help; a failure to compute them is no error
            lines = []
        box = self.query_one("#live", Static)
        box.update("\n".join("⚠ " + line for line in lines))
        box.display = bool(lines)

    def values(self) -> dict:
        out = {}
        for f in self.fields:
            widget = self.query_one(f"#{f.name}")
            if isinstance(widget, Select):
                out[f.name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, TextArea):
                out[f.name] = widget.text
            else:
                out[f.name] = widget.value
        return out

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            result = self.on_save(self.values())
        except FieldErrors as exc:
            self._show_and_focus(exc.errors)
            return
        except Invalid as exc:  # an input model's refusals, each under its field
            names = {f.name for f in self.fields}
            errors: dict[str, str] = {}
            for name, note in exc.problems.items():
                errors.setdefault(name if name in names else "form", say(note))
            self._show_and_focus(errors)
            return
        except UserError as exc:
            self._show({"form": exc.message})
            return
        self.dismiss(result)

    def _show_and_focus(self, errors: dict[str, str]) -> None:
        self._show(errors)
        first = next((f.name for f in self.fields if f.name in errors), None)
        if first:
            self.query_one(f"#{first}").focus()

    def _show(self, errors: dict[str, str]) -> None:
        for name in [f.name for f in self.fields] + ["form"]:
            box = self.query_one(f"#{name}-error", Static)
            box.update(errors.get(name, ""))
            box.display = name in errors

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

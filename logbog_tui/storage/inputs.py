"""Input models: what a form, a command or ``load`` hands in, checked field by field before
anything is written.

An input model is a SQLModel class without a table. Its validators refuse a value with
:func:`refuse` (a message key and its parameters); :meth:`Input.check` turns every refusal into
one :class:`Invalid` that knows the field of each: a form shows each message under its field,
the command line shows the first as its one line.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NoReturn, Self, cast

from pydantic import ConfigDict, ValidationError, ValidationInfo
from pydantic_core import PydanticCustomError
from sqlmodel import SQLModel

from logbog_tui.errors import UserError
from logbog_tui.textfields import clean
from logbog_tui.service import Message, Problem


class Invalid(UserError):
    """Input refused field by field (``problems``: field -> message, in the form's order)."""

    def __init__(self, problems: dict[str, Message]) -> None:
        field, first = next(iter(problems.items()))
        super().__init__(first.key, field=field)
        self.note = first  # its parameters as they are (one may be called "field", as in task.required)
        self.problems = problems


def refuse(key: str, **params: Any) -> NoReturn:
    """Refuse the value being validated, with the message ``key``."""
    raise PydanticCustomError(key, key, params or None)


def refuse_as(error: UserError | Problem) -> NoReturn:
    """Refuse the value with the message of ``error`` (a parse or a look-up that failed inside a
    validator)."""
    refuse(error.note.key, **error.note.params)


def free_text(value: Any, limit: int, *, long_text: bool = False, too_long_key: str = "person.too_long",
         **params: object) -> str | None:
    """Free text as :func:`~logbog_tui.textfields.clean` stores it (None for blank), refused
    inside an input model."""
    try:
        return clean(value, limit, long_text=long_text, too_long_key=too_long_key, **params)
    except UserError as exc:
        refuse_as(exc)


def required_text(value: Any, limit: int, name: Message, **params: Any) -> str:
    """Like :func:`free_text`, for a field that must be filled in (``name``: the field's name, a
    message translated where the refusal is shown)."""
    cleaned = free_text(value, limit, **params)
    if cleaned is None:
        refuse("task.required", label=name)
    return cleaned


def typed_date(value: Any, info: ValidationInfo) -> date | None:
    """A date as typed into a form (``+7``, ``24.12``; blank: none) read with the check's
    ``today``, or a date as it is."""
    from logbog_tui.service.parse import parse_date

    if not isinstance(value, str):
        return cast("date | None", value)
    if not value.strip():
        return None
    try:
        return parse_date(value, (info.context or {})["today"])
    except Problem as p:
        refuse_as(p)


class Input(SQLModel):
    """Base of the input models (no table). Pydantic builds each one's validator when it is first
    used (``defer_build``), not when the storage modules are imported at the TUI's start."""

    # SQLModel types model_config as its private SQLModelConfig; at run time both are plain dicts
    model_config = ConfigDict(defer_build=True)  # type: ignore[assignment]

    @classmethod
    def check(cls, values: dict[str, Any], **context: Any) -> Self:
        """The validated input, or :class:`Invalid` naming each bad field. ``context`` is what
        validators may look things up in (``info.context``: the connection, today)."""
        try:
            return cls.model_validate(values, context=context or None)
        except ValidationError as exc:
            problems: dict[str, Message] = {}
            for error in exc.errors():
                field = str(error["loc"][0]) if error["loc"] else "form"
                problems.setdefault(field, Message(error["type"], dict(error.get("ctx") or {})))
            raise Invalid(problems) from None

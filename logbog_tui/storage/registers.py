"""What the project leader's registers share (issue 19: PL1 specialties and målbeskrivelser, PL2
course leaders, PL3 documents, PL7 contracts, each in its own module): their dates, which may lie
long before the organisation's start (an old målbeskrivelse, a contract signed in 2012), the
checks of their free text, and the warnings of all four for the dashboard.

Hours and meetings keep the organisation's range (:func:`~logbog_tui.storage.queries.date_range`);
only these registers take older dates.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated, Any, Optional, cast

from pydantic import BeforeValidator, ValidationInfo

from logbog_tui.service import Message, Problem
from logbog_tui.service.parse import DateRange, parse_date
from logbog_tui.storage.db import Connection
from logbog_tui.storage.inputs import Input, free_text, refuse, refuse_as, required_text

EARLIEST = date(1900, 1, 1)   # a date before this is a typing error (0024 for 2024), not history
YEARS_AHEAD = 50              # a contract may run long; a målbeskrivelse takes effect within years

MAX_LINK = 1000
MAX_NOTE = 2000
MAX_SHORT = 100   # an edition, a version
MAX_NAME = 200    # a name, an owner, a party, a reference
MAX_TITLE = 300


def date_range(today: date) -> DateRange:
    """The dates a register takes: from 01.01.1900 to 50 years after today."""
    return DateRange(EARLIEST, date(today.year + YEARS_AHEAD, 12, 31))


def typed_date(value: Any, info: ValidationInfo) -> date | None:
    """A register's date as typed (``24.12.2009``, ``i dag``, ``+30``, ISO; blank: none) read with
    the check's ``today``, inside :func:`date_range`; or a date as it is."""
    if not isinstance(value, str):
        return cast("date | None", value)
    if not value.strip():
        return None
    today = (info.context or {})["today"]
    try:
        return parse_date(value, today, date_range(today))
    except Problem as p:
        refuse_as(p)


def later_date(value: Any, info: ValidationInfo, earlier: str) -> date | None:
    """A date that may not lie before the field ``earlier`` (checked before it): "to" after "from"."""
    day = typed_date(value, info)
    start = info.data.get(earlier)
    if day is not None and isinstance(start, date) and day < start:
        refuse("reg.to_before_from", start=start)
    return day


def given_date(value: Any, info: ValidationInfo, label: str) -> date:
    """A register's date that must be given (``label``: the field's name, for "required")."""
    day = typed_date(value, info)
    if day is None:
        refuse("task.required", label=Message(label))
    return day


def text(value: Any, limit: int, label: str, long_text: bool = False) -> str | None:
    """Free text of a register's field (``label``: its name's message key, for "too long")."""
    return free_text(value, limit, long_text=long_text, too_long_key="reg.too_long", label=Message(label))


def given_text(value: Any, limit: int, label: str) -> str:
    """Free text that must be given (a title, a name, a party)."""
    return required_text(value, limit, Message(label), too_long_key="reg.too_long", label=Message(label))


# The fields the registers' input models share, each with its check (pydantic runs it before the
# type's own: the text typed, or a value as it is).
RegisterDate = Annotated[Optional[date], BeforeValidator(typed_date)]
ToDate = Annotated[Optional[date], BeforeValidator(partial(later_date, earlier="valid_from"))]
Title = Annotated[str, BeforeValidator(partial(given_text, limit=MAX_TITLE, label="task.field.title"))]
Version = Annotated[Optional[str], BeforeValidator(partial(text, limit=MAX_SHORT, label="reg.field.version"))]
Owner = Annotated[Optional[str], BeforeValidator(partial(text, limit=MAX_NAME, label="reg.field.owner"))]
Link = Annotated[Optional[str], BeforeValidator(partial(text, limit=MAX_LINK, label="reg.field.link"))]
Note = Annotated[Optional[str], BeforeValidator(partial(text, limit=MAX_NOTE, label="reg.field.note",
                                                        long_text=True))]


class Day(Input):
    """One register date that must be given (``--on``: loaded, entered in logbog.net)."""

    on: Annotated[date, BeforeValidator(partial(given_date, label="reg.field.on"))]


def warnings(conn: Connection, today: date) -> list[Message]:
    """Every register's warnings, in the registers' order (PL1, PL2, PL3, PL7): one message per
    item; the dashboard groups those with the same key."""
    from logbog_tui.storage import contracts, course_leaders, documents, specialties

    return [*specialties.warnings(conn, today), *course_leaders.warnings(conn, today),
            *documents.warnings(conn, today), *contracts.warnings(conn, today)]

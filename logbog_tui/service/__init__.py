"""The rules of the organisation as pure functions over plain data.

No database, no Textual, no translations: values in, values out. Messages are returned as
keys and parameters (:class:`Message`) that the UI layers translate.
"""

from __future__ import annotations

from logbog_tui.service.record import Record

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms): `logbog host` stays quick
if TYPE_CHECKING:
    from typing import Any


class Message(Record):
    """The one type for everything the rules and the storage say to a user: a message key and
    its parameters, translated only where it is shown (``logbog_tui.i18n.say``)."""

    key: str
    params: dict[str, Any]

    def __init__(self, key: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(key, {} if params is None else params)


class Problem(Exception):
    """A rule or parse failure, carrying its :class:`Message`."""

    def __init__(self, key: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(key)
        self.note = Message(key, dict(params or {}))

    @property
    def key(self) -> str:
        return self.note.key

    @property
    def params(self) -> dict[str, Any]:
        return self.note.params

    def __str__(self) -> str:
        return self.note.key

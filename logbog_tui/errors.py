"""Errors that carry a message meant for the user: a :class:`~logbog_tui.service.Message` (a key
and its parameters), translated only where it is shown (``.message``: the CLI's line, the TUI's
notice or the text under a form field)."""

from __future__ import annotations

from logbog_tui.service import Message


class UserError(Exception):
    """Bad input or a refused action: one line for the user, exit status 2."""

    exit_code = 2
    field: str | None = None  # the form field the message belongs under, when the raiser knows it

    def __init__(self, key: str, /, field: str | None = None, **params: object) -> None:
        super().__init__(key)
        self.note = Message(key, params)
        if field is not None:
            self.field = field

    @property
    def message(self) -> str:
        """The message in the current language."""
        from logbog_tui.i18n import say

        return say(self.note)

    @classmethod
    def of(cls, note: Message, field: str | None = None) -> UserError:
        return cls(note.key, field=field, **note.params)

    def under(self, field: str) -> UserError:
        """The same refusal, shown under ``field``."""
        return UserError(self.note.key, field=field, **self.note.params)

    def __str__(self) -> str:
        return self.message


class RefusedDatabase(UserError):
    """The database file cannot be used (not ours, newer, corrupt): exit status 1."""

    exit_code = 1


class NotDone(UserError):
    """A valid request that cannot be carried out now, for the reason given (a change that later
    changes depend on, nothing to undo): exit status 1."""

    exit_code = 1

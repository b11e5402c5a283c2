"""Errors that carry a message meant for the user (already translated)."""


class UserError(Exception):
    """Bad input or a refused action: one line for the user, exit status 2."""

    exit_code = 2
    field: str | None = None  # the form field the message belongs under, when the raiser knows it

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if field is not None:
            self.field = field


class RefusedDatabase(UserError):
    """The database file cannot be used (not ours, newer, corrupt): exit status 1."""

    exit_code = 1


class NotDone(UserError):
    """A valid request that cannot be carried out now, for the reason given (a change that later
    changes depend on, nothing to undo): exit status 1."""

    exit_code = 1

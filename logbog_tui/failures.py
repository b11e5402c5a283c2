"""Conditions a user can cause or fix (a held lock, a full disk, a read-only file or folder, a
missing folder), turned into one plain line instead of "unexpected error".

:func:`explain` maps an ``sqlite3`` or ``OSError`` exception to that line (or None for a real
bug); :class:`StorageError` carries it as a :class:`UserError` with exit status 1.
"""

from __future__ import annotations

import errno
import sqlite3

from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.service import Message

# primary SQLite result codes (the low byte of an extended code)
_SQLITE_KEYS = {5: "failure.locked", 6: "failure.locked", 8: "failure.read_only", 10: "failure.io",
                13: "failure.disk_full", 14: "failure.cannot_open"}
_ERRNO_KEYS = {errno.ENOSPC: "failure.disk_full", errno.EDQUOT: "failure.disk_full",
               errno.EROFS: "failure.read_only_place", errno.EACCES: "failure.no_access",
               errno.EPERM: "failure.no_access", errno.ENOENT: "failure.missing_folder",
               errno.ENOTDIR: "failure.missing_folder", errno.EISDIR: "failure.not_a_file"}


class StorageError(UserError):
    """The database or a file could not be written for a reason the user can fix: exit 1."""

    exit_code = 1


def explain(exc: BaseException) -> str | None:
    """One line for a condition the user can cause or fix, or None when ``exc`` is a bug."""
    note = reason(exc)
    return t(note.key, **note.params) if note else None


def reason(exc: BaseException) -> Message | None:
    """What :func:`explain` says, untranslated."""
    orig = getattr(exc, "orig", None)  # SQLAlchemy wraps the driver's error
    if isinstance(orig, sqlite3.Error):
        exc = orig
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        key = _SQLITE_KEYS.get(code & 0xFF) if isinstance(code, int) else None
        if key is None and isinstance(exc, sqlite3.OperationalError):
            text = str(exc).lower()  # older drivers without sqlite_errorcode
            key = next((k for needle, k in (("locked", "failure.locked"), ("disk is full", "failure.disk_full"),
                                            ("readonly", "failure.read_only"), ("disk i/o", "failure.io"))
                        if needle in text), None)
        return Message(key) if key else None
    if isinstance(exc, OSError):
        key = _ERRNO_KEYS.get(exc.errno or 0)
        if key is None:
            return None
        where = exc.filename if exc.filename is not None else ""
        return Message(key, {"path": where})
    return None


def as_user_error(exc: BaseException) -> StorageError | None:
    note = reason(exc)
    return StorageError.of(note) if note else None

"""The lock file that tells logbog programs about each other.

Every logbog program that has a database open holds a shared ``flock`` on ``<database>.lock``
beside it; ``logbog restore`` needs it exclusively, so it never replaces a file that a TUI (or a
running command) still writes to. A separate file, because an advisory lock on the database file
itself would interfere with SQLite's own (POSIX) locks on it.

Who holds it is read from ``/proc/locks`` (Linux); elsewhere the message names no process.
Imports only the standard library.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# lock file -> [fd, number of open connections in this process that hold it]
_held: dict[str, list[int]] = {}


class Held(Exception):
    """The lock is held by other logbog processes (``holders``: ``(pid, command)`` pairs)."""

    def __init__(self, holders: list[tuple[int, str]]) -> None:
        super().__init__(holders)
        self.holders = holders


def lock_path(db: Path) -> Path:
    """``<database>.lock`` beside the real file (a symbolic link to the database is followed, so
    every name of one file has one lock)."""
    db = Path(os.path.realpath(db))
    return db.with_name(db.name + ".lock")


def _open(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)


def hold(db: Path, wait: float = 10.0) -> tuple[str | None, bool | None]:
    """Take a shared hold on ``db`` for this process. Returns a key for :func:`release` and
    whether no other process held it (None: not known). The key is None when no lock file can be
    made (a read-only folder, where nothing can be restored either). Waits up to ``wait``
    seconds while a restore holds it exclusively, then raises :class:`Held`."""
    path = lock_path(db)
    key = str(path)
    if key in _held:
        _held[key][1] += 1
        return key, None
    try:
        fd = _open(path)
    except OSError:
        return None, None
    alone = _try(fd, fcntl.LOCK_EX)  # nobody else has it: then share it (flock converts)
    deadline = time.monotonic() + wait
    while not _try(fd, fcntl.LOCK_SH):
        if time.monotonic() > deadline:
            os.close(fd)
            raise Held(holders(path))
        time.sleep(0.05)
    _held[key] = [fd, 1]
    return key, alone


def _try(fd: int, kind: int) -> bool:
    try:
        fcntl.flock(fd, kind | fcntl.LOCK_NB)
        return True
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return False
        raise


def release(key: str | None) -> None:
    if not key:
        return
    entry = _held.get(key)
    if entry is None:
        return
    entry[1] -= 1
    if entry[1] <= 0:
        del _held[key]
        os.close(entry[0])  # closing the descriptor drops the flock


@contextmanager
def exclusive(db: Path) -> Iterator[None]:
    """Hold ``db`` alone for the block, or raise :class:`Held` naming the other processes.
    Raises OSError when the lock file cannot be made."""
    path = lock_path(db)
    key = str(path)
    own = _held.get(key)
    fd = own[0] if own else _open(path)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
                raise Held(holders(path)) from None
            raise
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_SH if own else fcntl.LOCK_UN)
    finally:
        if not own:
            os.close(fd)


def holders(path: Path) -> list[tuple[int, str]]:
    """Other processes holding a lock on ``path``: (pid, command line), from /proc/locks."""
    try:
        inode = os.stat(path).st_ino
        lines = Path("/proc/locks").read_text().splitlines()
    except OSError:
        return []
    found: dict[int, str] = {}
    for line in lines:
        parts = line.split()
        # "1: FLOCK  ADVISORY  READ  12345 08:01:1234567 0 EOF" (a blocked waiter has "->" first)
        if len(parts) < 6 or parts[1] != "FLOCK":
            continue
        try:
            pid, ino = int(parts[4]), int(parts[5].rsplit(":", 1)[1])
        except (ValueError, IndexError):
            continue
        if ino == inode and pid != os.getpid():
            found[pid] = _command(pid)
    return sorted(found.items())


def _command(pid: int) -> str:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    args = [a for a in raw.decode(errors="replace").split("\0") if a]
    # "python -m logbog_tui ..." or ".../bin/logbog ...": show it as "logbog ..."
    for i, arg in enumerate(args):
        if arg == "logbog_tui" or arg.endswith("/logbog") or arg == "logbog":
            return " ".join(["logbog", *args[i + 1:]])[:120]
    return " ".join(args)[:120]

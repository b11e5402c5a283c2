"""Looking at a database file without writing to it: what it is (ours, empty, foreign, newer),
whether it may be written, whether its ``-wal`` belongs to it, and the full start check.

A refused or damaged file is only ever read here (``mode=ro``, ``immutable=1`` where no ``-wal``
holds rows), so nothing is created beside it and no ``-wal`` is checkpointed into it.
Standard library only.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from logbog_tui.errors import RefusedDatabase
from logbog_tui.i18n import t
from logbog_tui.storage.migrations import SCHEMA_VERSION

APPLICATION_ID = 0x4C4F4742  # "LOGB"
SQLITE_MAGIC = b"SQLite format 3\x00"
READ_TIMEOUT_S = 10


def side_file(path: Path | str, suffix: str) -> Path:
    return Path(str(path) + suffix)


def has_wal(path: Path) -> bool:
    wal = side_file(path, "-wal")
    return wal.exists() and wal.stat().st_size > 0


def _header(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(100)


def refuse_special(path: Path) -> None:
    """Refuse anything that exists but is not a regular file (a FIFO would hang for ever, a
    device would be overwritten). A symbolic link to a regular file is followed."""
    import stat

    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise RefusedDatabase("file.not_regular", path=path) from None
        return
    except OSError as exc:
        raise RefusedDatabase("db.refused.unreadable", path=path, error=exc.strerror) from None
    if not stat.S_ISREG(mode):
        raise RefusedDatabase("file.not_regular", path=path)


@contextmanager
def peek(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only look at ``path`` that leaves nothing behind: ``immutable`` when no ``-wal``
    holds rows; otherwise SQLite reads the ``-wal`` too (and a ``-shm`` it had to make for that
    is removed again, while the ``-wal`` is still the user's)."""
    shm = side_file(path, "-shm")
    had_shm, wal = shm.exists(), has_wal(path)
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro" + ("" if wal else "&immutable=1"), uri=True,
                           timeout=READ_TIMEOUT_S)
    try:
        yield conn
    finally:
        conn.close()
        if wal and not had_shm:
            shm.unlink(missing_ok=True)


def inspect_file(path: Path) -> tuple[str, int]:
    """Classify ``path`` without writing to it: ("missing"|"empty"|"ours", user_version).

    Raises :class:`RefusedDatabase` for a file that is not SQLite, or another application's.
    """
    refuse_special(path)
    if not path.exists() or path.stat().st_size == 0:
        return ("missing" if not path.exists() else "empty"), 0
    header = _header(path)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise RefusedDatabase("db.refused.not_sqlite", path=path)
    try:
        with peek(path) as ro:
            app_id = ro.execute("PRAGMA application_id").fetchone()[0]
            version = ro.execute("PRAGMA user_version").fetchone()[0]
            objects = ro.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise RefusedDatabase("db.refused.unreadable", path=path, error=exc) from None
    if app_id == 0 and objects == 0:
        return "empty", 0
    if app_id != APPLICATION_ID:
        raise RefusedDatabase("db.refused.foreign", path=path)
    if version > SCHEMA_VERSION:
        raise RefusedDatabase("db.refused.newer", path=path, version=version, supported=SCHEMA_VERSION)
    return "ours", version


def writable(path: Path) -> bool:
    """Whether the user lets logbog write ``path``: its owner-write bit is set (a file made 0400
    counts as read-only even for root), the file system allows it, and SQLite can make its
    ``-wal``/``-shm`` beside it."""
    import stat

    if not (path.stat().st_mode & stat.S_IWUSR) or not os.access(path, os.W_OK):
        return False
    sides = all(side_file(path, s).exists() for s in ("-wal", "-shm"))
    return sides or os.access(path.parent, os.W_OK | os.X_OK)


def _mark(conn: sqlite3.Connection) -> tuple[str, int] | None:
    try:
        row = conn.execute("SELECT uid, seq FROM db_mark WHERE id = 1").fetchone()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return None  # a file from before version 3
        raise
    return (row[0], row[1]) if row else None


def wal_check(path: Path) -> None:
    """Refuse a ``-wal`` that belongs to another database, or to an older state of this one: the
    file's mark (``db_mark``) read from the file alone and read through the ``-wal`` must have the
    same uid, and the ``-wal``'s count must not be behind. Everything is read-only: the ``-wal`` is
    never applied to the file. A file from before version 3, or a ``-wal`` that never wrote the
    mark (another program's transaction), passes to :func:`start_check`."""
    try:
        main = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        try:
            alone = _mark(main)
        finally:
            main.close()
        with peek(path) as ro:
            through_wal = _mark(ro)
    except sqlite3.DatabaseError:
        return  # unreadable: start_check says so, with its own words
    if alone is None or through_wal == alone:
        return
    if through_wal is None or through_wal[0] != alone[0] or through_wal[1] < alone[1]:
        raise RefusedDatabase("db.refused.foreign_wal", path=path, wal=side_file(path, "-wal"))


def start_check(path: Path) -> None:
    """The full ``integrity_check`` (a flipped byte in an index passes ``quick_check``), through a
    read-only connection, so a damaged file or a ``-wal`` that belongs to another database is
    never written to (a read-write connection would checkpoint the foreign ``-wal`` into it).
    Raises :class:`RefusedDatabase` naming the newest verified backup of this file."""
    try:
        with peek(path) as ro:
            result = [r[0] for r in ro.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as exc:
        result = [str(exc)]
    if result != ["ok"]:
        from logbog_tui.storage.backup import newest_verified

        found = newest_verified(path)
        hint = t("db.restore_hint", backup=found, db=path) if found else t("db.no_backup")
        problem = " ".join(result[0].split())[:200]
        raise RefusedDatabase("db.refused.damaged", path=path, problem=problem + " " + hint)


def check_ahead(path: Path | str) -> Callable[[], None] | None:
    """Begin :func:`start_check` of ``path`` in a thread, to run while the TUI imports its
    libraries (SQLite reads without Python's lock, so on a second core the check costs the start
    nothing: ~50 ms on 20 years of data). Returns a function that waits for the check and raises
    what it found; ``open_db(..., ahead=...)`` calls it where it would run the check. None, and
    the check runs in its turn, when there is no file or a ``-wal`` holds rows (:func:`open_db`
    looks at the ``-wal`` first)."""
    import threading

    path = Path(path).expanduser()
    try:
        if not path.is_file() or has_wal(path):
            return None
    except OSError:
        return None
    found: list[BaseException] = []

    def run() -> None:
        try:
            start_check(path)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller by wait()
            found.append(exc)

    thread = threading.Thread(target=run, name="logbog-start-check", daemon=True)
    thread.start()

    def wait() -> None:
        thread.join()
        if found:
            raise found[0]

    return wait

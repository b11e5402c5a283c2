"""The storage layer: opening, creating, migrating and refusing database files.

Every connection: ``foreign_keys=ON``, ``journal_mode=WAL``, ``synchronous=FULL``,
``busy_timeout=10000``, and Python's implicit transactions off (``isolation_level=None``).
Every write goes through :func:`logbog_tui.storage.session.transaction` (a SQLModel session on
this connection), which starts with ``BEGIN IMMEDIATE``: the write lock is taken before anything
is read, so concurrent read-modify-write cannot lose updates.

The one place for SQLite's specifics (:func:`configure`): the pragmas, ``fold()`` behind the
filters and the collation ``da`` behind name order. A server database would set the same in its
own terms: ``lower()``/``unaccent`` or a generated, case-folded column with an index for
``fold()``, a ``da-DK-x-icu`` collation (PostgreSQL) for ``da``, and no pragmas (WAL, fsync and
foreign keys are its defaults).

Imports only the standard library, so that quick CLI paths stay fast.
"""

from __future__ import annotations

import os
import sqlite3
import unicodedata
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from logbog_tui.storage.dbfile import (  # noqa: F401 - looking at a file; names used from here elsewhere
    APPLICATION_ID, has_wal, inspect_file, peek, refuse_special, side_file, start_check, wal_check, writable)
from logbog_tui.errors import RefusedDatabase
from logbog_tui.i18n import t

# The schema version this code writes, and the steps that bring an older file to it.
from logbog_tui.storage.migrations import MIGRATIONS, SCHEMA_VERSION

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `logbog host` stays quick
if TYPE_CHECKING:
    from typing import Any

BUSY_TIMEOUT_MS = 10_000


def schema_sql() -> str:
    """The text of ``schema.sql`` (installed inside the package, or at the repository root)."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "schema.sql", package.parent / "schema.sql"):
        if candidate.exists():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError("schema.sql")


def fold(text: str | None) -> str | None:
    """Case-fold for search: NFC + casefold, so Æ/Ø/Å match æ/ø/å (SQLite's lower() folds ASCII only)."""
    return unicodedata.normalize("NFC", text).casefold() if isinstance(text, str) else text


def _danish(a: str, b: str) -> int:
    """The collation ``da`` (Danish alphabetical order; ICU is loaded at the first comparison)."""
    from logbog_tui.collation import compare

    return compare(a, b)


def configure(conn: sqlite3.Connection, read_only: bool = False) -> None:
    """Apply the pragmas every connection needs, and register ``fold()`` for searching and the
    collation ``da`` for sorting names."""
    conn.isolation_level = None
    conn.create_function("fold", 1, fold, deterministic=True)
    conn.create_collation("da", _danish)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


class Connection(sqlite3.Connection):
    """A connection that knows whether it is read-only and holds the database's lock file
    (:mod:`logbog_tui.storage.dblock`) until it is closed or collected."""

    read_only = False
    marked: bool | None = None  # whether the file has its mark and journal (db.marked)
    origin: str | None = None  # which command or screen writes (the journal's "from where")
    engine: Any = None  # the SQLAlchemy engine over this connection (storage.session.engine_for)
    session: Any = None  # the session of the storage call in progress (storage.session)
    _forget_shm: Callable[[], object] | None = None
    _release: Callable[[], object] | None = None

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.entries: list[int] = []  # journal entries of this connection's transactions

    def close(self) -> None:
        super().close()
        if self._release is not None:
            self._release()
        if self._forget_shm is not None:
            self._forget_shm()


def connect(path: Path | str, *, read_only: bool = False) -> Connection:
    """A configured connection. ``read_only`` opens with ``mode=ro`` (and ``immutable=1`` when no
    ``-wal`` holds rows), so that nothing is created beside a file the user made read-only: a
    ``-shm`` left there with the file's 0400 mode would break every later write."""
    if read_only:
        wal, shm = has_wal(Path(path)), side_file(path, "-shm")
        made_shm = wal and not shm.exists()
        uri = f"{Path(path).resolve().as_uri()}?mode=ro" + ("" if wal else "&immutable=1")
        conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False, factory=Connection)
        conn.read_only = True
        if made_shm:  # SQLite had to make a -shm to read the -wal: it goes when the connection goes
            conn._forget_shm = weakref.finalize(conn, shm.unlink, missing_ok=True)
    else:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                               check_same_thread=False, factory=Connection)
    conn.row_factory = sqlite3.Row
    configure(conn, read_only=read_only)
    return conn


def _storage_error(exc: sqlite3.Error) -> Exception:
    from logbog_tui.failures import as_user_error

    return as_user_error(exc) or exc


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:  # SQLite may have rolled back already (a full disk, an I/O error)
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass


def data_state(conn: sqlite3.Connection) -> tuple[int, int]:
    """Changes to the file so far, as a value to compare: SQLite's ``data_version`` (moves when
    another connection commits) and this connection's ``total_changes`` (rows it has written).
    Equal values mean nothing was written in between, so a view need not read again. (A server
    database would use a change counter of its own, or listen for notifications.)"""
    return conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes


def marked(conn: Connection) -> bool:
    """Whether the file has the ``db_mark`` row and the journal (every version from 3; remembered
    per connection)."""
    known = getattr(conn, "marked", None)
    if known is None:
        known = conn.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'db_mark'"
                             ).fetchone() is not None
        conn.marked = known
    return known


@contextmanager
def setup_transaction(conn: Connection) -> Iterator[Connection]:
    """The transaction of creating and migrating a file (standard library only, so that even a
    quick command can create its database): ``BEGIN IMMEDIATE`` ... ``COMMIT``, the file's mark,
    no journal entry. Everything else writes through
    :func:`logbog_tui.storage.session.transaction`."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        if marked(conn):  # every -wal this transaction leaves holds the file's uid (wal_check)
            conn.execute("UPDATE db_mark SET seq = seq + 1 WHERE id = 1")
        yield conn
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        _rollback(conn)
        raise _storage_error(exc) from exc
    except BaseException:
        _rollback(conn)
        raise


def open_db(path: Path | str, *, today: date | None = None, check: bool = False,
            ahead: Callable[[], None] | None = None) -> Connection:
    """Open ``path`` for use: create and seed it if missing or empty, migrate it if older.

    ``check``: run :func:`start_check` first (the TUI and every command that writes). Without it
    the check still runs when a ``-wal`` holds rows that no running logbog program owns (an
    unclean shutdown, or a ``-wal`` copied from another database). A file the user made
    read-only is opened read-only (``conn.read_only``). ``ahead``: the check begun earlier by
    :func:`~logbog_tui.storage.dbfile.check_ahead`, waited for instead of checking again. The
    connection holds the lock file, so ``logbog restore`` cannot replace the file under it. A
    refused file is never written to.
    """
    from logbog_tui.storage import dblock

    path = Path(path).expanduser()
    kind, version = inspect_file(path)
    read_only = kind == "ours" and not writable(path)
    try:
        key, alone = dblock.hold(path)
    except dblock.Held as held:
        raise RefusedDatabase("lock.restoring", holders=describe(held.holders)) from None
    try:
        if kind in ("missing", "empty"):
            conn = create_db(path, today=today)
        else:
            leftover = alone is not False and has_wal(path)  # a -wal no running logbog owns
            if leftover:
                wal_check(path)
            older = version < SCHEMA_VERSION
            if older and read_only:  # never rewritten in place: the user made it read-only
                raise RefusedDatabase("db.refused.old_read_only", path=path, version=version)
            if check or leftover or older:  # a damaged file is never migrated either
                if ahead is not None and not leftover:
                    ahead()
                else:
                    start_check(path)
            if older:
                migrate(path, version)
            conn = connect(path, read_only=read_only)
    except BaseException:
        dblock.release(key)
        raise
    if key is not None:
        conn._release = weakref.finalize(conn, dblock.release, key)
    return conn


def describe(holders: list[tuple[int, str]]) -> str:
    """"proces 1234: logbog tui", or "another logbog program" when /proc/locks is not there."""
    if not holders:
        return t("lock.held_unknown")
    return "; ".join(t("lock.process", pid=pid, command=command or "?") for pid, command in holders)


def create_db(path: Path, *, today: date | None = None) -> Connection:
    from logbog_tui.storage import journal_triggers, seed
    from logbog_tui.paths import private_dir

    private_dir(path.parent)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    conn = connect(path)
    with setup_transaction(conn):  # the tables do not exist yet: no mark, no journal entry
        for statement in split_sql(schema_sql()):
            conn.execute(statement)
        journal_triggers.install(conn)
        seed.seed_organisation(conn, today=today)
    conn.marked = None  # from now on the file has its mark and journal
    for suffix in ("-wal", "-shm"):
        side = side_file(path, suffix)
        if side.exists():
            os.chmod(side, 0o600)
    return conn


def split_sql(script: str) -> list[str]:
    """Split a script into complete statements (``sqlite3.complete_statement``)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        stripped = line.strip()
        if not buf and (not stripped or stripped.startswith("--")):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the platform allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def backup_to(conn: sqlite3.Connection, dest: Path) -> Path:
    """Copy the database with SQLite's backup API (which reads through its ``-wal`` too) to
    ``dest``: one self-contained file (no ``-wal``), mode 0600, on disk (fsync) before this
    returns. ``dest`` is removed again if the copy fails."""
    fd = os.open(dest, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)  # never over an existing file
    os.close(fd)
    try:
        target = sqlite3.connect(str(dest))
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        os.chmod(dest, 0o600)
        fsync_file(dest)
    except BaseException:
        for leftover in (dest, side_file(dest, "-journal")):
            leftover.unlink(missing_ok=True)
        raise
    return dest


def migrate(path: Path, version: int) -> None:
    """Back the file up, then bring it from ``version`` to :data:`SCHEMA_VERSION` in one transaction
    (the steps are in :mod:`logbog_tui.storage.migrations`)."""
    from logbog_tui.storage import migrations

    migrations.migrate(path, version, SCHEMA_VERSION, MIGRATIONS)


def check(conn: sqlite3.Connection) -> dict[str, Any]:
    """Integrity and foreign-key check plus the facts ``logbog check`` reports."""
    integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    fk_problems = conn.execute("PRAGMA foreign_key_check").fetchall()
    return {
        "integrity": integrity,
        "foreign_key_problems": len(fk_problems),
        "application_id": conn.execute("PRAGMA application_id").fetchone()[0],
        "user_version": conn.execute("PRAGMA user_version").fetchone()[0],
        "journal_mode": conn.execute("PRAGMA journal_mode").fetchone()[0],
        "tables": [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")],
    }

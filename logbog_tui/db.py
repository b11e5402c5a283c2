"""The storage layer: opening, creating, migrating and refusing database files.

Every connection: ``foreign_keys=ON``, ``journal_mode=WAL``, ``synchronous=FULL``,
``busy_timeout=10000``, and Python's implicit transactions off (``isolation_level=None``).
Every write goes through :func:`transaction`, which starts with ``BEGIN IMMEDIATE``: the write
lock is taken before anything is read, so concurrent read-modify-write cannot lose updates.
The ORM engine (:mod:`logbog_tui.orm`) configures its connections the same way.

Imports only the standard library, so that quick CLI paths stay fast.
"""

from __future__ import annotations

import os
import sqlite3
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from logbog_tui.errors import RefusedDatabase
from logbog_tui.i18n import t

APPLICATION_ID = 0x4C4F4742  # "LOGB"
BUSY_TIMEOUT_MS = 10_000
SQLITE_MAGIC = b"SQLite format 3\x00"

# The schema version this code writes, and the steps that bring an older file to it.
from logbog_tui.migrations import MIGRATIONS, SCHEMA_VERSION  # noqa: E402


def schema_sql() -> str:
    """The text of ``schema.sql`` (installed inside the package, or at the repository root)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "schema.sql", here.parent / "schema.sql"):
        if candidate.exists():
            return candidate.read_text(encoding="utf-8")
    raise FileNotFoundError("schema.sql")


def fold(text: str | None) -> str | None:
    """Case-fold for search: NFC + casefold, so Æ/Ø/Å match æ/ø/å (SQLite's lower() folds ASCII only)."""
    return unicodedata.normalize("NFC", text).casefold() if isinstance(text, str) else text


def configure(conn: sqlite3.Connection) -> None:
    """Apply the pragmas every connection needs, and register ``fold()`` for searching."""
    conn.isolation_level = None
    conn.create_function("fold", 1, fold, deterministic=True)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")


def connect(path: Path | str) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                           check_same_thread=False)
    conn.row_factory = sqlite3.Row
    configure(conn)
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A short write transaction: ``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on error)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# --- opening a file -------------------------------------------------------------------------

def _header(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(100)


def inspect_file(path: Path) -> tuple[str, int]:
    """Classify ``path`` without writing to it: ("missing"|"empty"|"ours", user_version).

    Raises :class:`RefusedDatabase` for a file that is not SQLite, or another application's.
    """
    if not path.exists() or path.stat().st_size == 0:
        return ("missing" if not path.exists() else "empty"), 0
    if path.is_dir():
        raise RefusedDatabase(t("db.refused.not_sqlite", path=path))
    header = _header(path)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        raise RefusedDatabase(t("db.refused.not_sqlite", path=path))
    try:
        ro = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            app_id = ro.execute("PRAGMA application_id").fetchone()[0]
            version = ro.execute("PRAGMA user_version").fetchone()[0]
            objects = ro.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
        finally:
            ro.close()
    except sqlite3.DatabaseError as exc:
        raise RefusedDatabase(t("db.refused.unreadable", path=path, error=exc)) from None
    if app_id == 0 and objects == 0:
        return "empty", 0
    if app_id != APPLICATION_ID:
        raise RefusedDatabase(t("db.refused.foreign", path=path))
    if version > SCHEMA_VERSION:
        raise RefusedDatabase(t("db.refused.newer", path=path, version=version, supported=SCHEMA_VERSION))
    return "ours", version


def open_db(path: Path | str, *, today=None) -> sqlite3.Connection:
    """Open ``path`` for use: create and seed it if missing or empty, migrate it if older.

    A refused file is never written to.
    """
    path = Path(path).expanduser()
    kind, version = inspect_file(path)
    if kind in ("missing", "empty"):
        return create_db(path, today=today)
    if version < SCHEMA_VERSION:
        migrate(path, version)
    return connect(path)


def create_db(path: Path, *, today=None) -> sqlite3.Connection:
    from logbog_tui import seed

    if not path.parent.exists():
        path.parent.mkdir(mode=0o700, parents=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    conn = connect(path)
    with transaction(conn):
        for statement in split_sql(schema_sql()):
            conn.execute(statement)
        seed.seed_organisation(conn, today=today)
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
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


def backup_to(conn: sqlite3.Connection, dest: Path) -> Path:
    """Copy the database with SQLite's backup API to ``dest`` (mode 0600)."""
    target = sqlite3.connect(str(dest))
    try:
        conn.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
    finally:
        target.close()
    os.chmod(dest, 0o600)
    return dest


def migrate(path: Path, version: int) -> None:
    """Back the file up, then bring it from ``version`` to :data:`SCHEMA_VERSION` in one transaction
    (the steps are in :mod:`logbog_tui.migrations`)."""
    from logbog_tui import migrations

    migrations.migrate(path, version, SCHEMA_VERSION, MIGRATIONS)


def open_verified(path: Path | str) -> sqlite3.Connection:
    """Open for an interactive session: after an unclean shutdown (a non-empty -wal file) a full
    integrity_check, otherwise quick_check; a damaged file is refused with the newest verified
    backup and the command that restores it."""
    path = Path(path).expanduser()
    wal = Path(str(path) + "-wal")
    unclean = wal.exists() and wal.stat().st_size > 0
    conn = open_db(path)
    result = [r[0] for r in conn.execute("PRAGMA integrity_check" if unclean else "PRAGMA quick_check")]
    if result != ["ok"]:
        conn.close()
        from logbog_tui.backup import verified_backups

        found = verified_backups(path.stem)
        hint = t("db.restore_hint", backup=found[0], db=path) if found else t("db.no_backup")
        raise RefusedDatabase(t("db.refused.damaged", path=path, problem=result[0][:200]) + " " + hint)
    return conn


def check_quick(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("PRAGMA quick_check")]


def check(conn: sqlite3.Connection) -> dict:
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

"""Backups with SQLite's backup API, and ``logbog restore``.

Each database file has its own series of backups in the data folder's ``backups/``: names carry
the file's stem and a short hash of its resolved absolute path
(``auto-20261125-091500-logbog-3f2a9c1b.db``), so a ``logbog.db`` in another folder, or an
``old-logbog.db``, is another series. Automatic backups: at most one a day at TUI start (the day
follows ``LOGBOG_TODAY``), of a database that passes ``integrity_check`` only, each verified with
``integrity_check`` before it is renamed into place and before older ones are pruned (keep 7
daily, 4 weekly, 12 monthly). Restore reads the source through SQLite, never by copying files.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

from logbog_tui import clock
from logbog_tui.storage.db import backup_to, connect, describe, fsync_dir
from logbog_tui.storage.dbfile import inspect_file, peek, refuse_special, side_file
from logbog_tui.errors import RefusedDatabase, UserError
from logbog_tui.paths import backup_dir

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
AUTO = "auto"


def _now() -> datetime:
    """Now, on the day ``LOGBOG_TODAY`` names when it is set (tests of the retention use it)."""
    now = datetime.now()
    return datetime.combine(clock.today(), now.time())


def series_key(db_path: Path) -> str:
    """The stem and a short hash of the resolved absolute path: ``logbog-3f2a9c1b``."""
    resolved = str(Path(os.path.abspath(db_path)).resolve())
    return f"{Path(resolved).stem}-{hashlib.sha256(resolved.encode('utf-8')).hexdigest()[:8]}"


def series_name(db_path: Path, kind: str, now: datetime | None = None) -> Path:
    """Where a backup of ``db_path`` of ``kind`` (auto, manual, before-restore, v1 ...) goes."""
    when, key, folder = now or _now(), series_key(db_path), backup_dir()
    while True:  # two in one second: the next second's name (names sort by time)
        path = folder / f"{kind}-{when.strftime('%Y%m%d-%H%M%S')}-{key}.db"
        if not path.exists():
            return path
        when += timedelta(seconds=1)


def _pattern(db_path: Path, kinds: str = r"[a-z0-9-]+?") -> re.Pattern[str]:
    return re.compile(rf"({kinds})-(\d{{8}})-(\d{{6}})-{re.escape(series_key(db_path))}\.db")


def series(db_path: Path, kinds: str = r"[a-z0-9-]+?") -> list[tuple[datetime, Path]]:
    """The backups of ``db_path`` (exact names of its series only), newest first."""
    pattern = _pattern(db_path, kinds)
    found = []
    try:
        names = os.listdir(backup_dir())
    except OSError:
        return []
    for name in names:
        m = pattern.fullmatch(name)
        if m:
            try:
                found.append((datetime.strptime(m.group(2) + m.group(3), "%Y%m%d%H%M%S"), backup_dir() / name))
            except ValueError:
                continue
    return sorted(found, reverse=True)


def verified(path: Path) -> bool:
    """A backup that is ours and passes ``integrity_check``."""
    try:
        if inspect_file(path)[0] != "ours":
            return False
        with peek(path) as c:
            return [r[0] for r in c.execute("PRAGMA integrity_check")] == ["ok"]
    except (sqlite3.DatabaseError, UserError, OSError):
        return False


def newest_verified(db_path: Path) -> Path | None:
    """The newest backup of this database that passes ``integrity_check`` (the file the damage
    message offers to restore)."""
    return next((path for _when, path in series(db_path) if verified(path)), None)


def automatic(conn: sqlite3.Connection, db_path: Path, now: datetime | None = None,
              checked: bool = False) -> Path | None:
    """Take today's backup if there is none yet; verify it; then prune. Returns the new file.
    ``checked``: the caller has just run the full start check on the database (the TUI), so it
    is not run twice."""
    now = now or _now()
    autos = series(db_path, AUTO)
    if any(when.date() == now.date() for when, _path in autos):
        return None
    if not checked and [r[0] for r in conn.execute("PRAGMA integrity_check")] != ["ok"]:
        return None  # never back a damaged database up over good backups
    made = make(conn, series_name(db_path, AUTO, now))
    prune(db_path, now.date())
    return made


def make(conn: sqlite3.Connection, target: Path) -> Path:
    """Back up to ``target`` via a temporary file beside it, renamed into place only when it
    passes ``integrity_check``; nothing is left behind when it fails."""
    refuse_special(target)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.unlink(missing_ok=True)
    backup_to(conn, tmp)
    try:
        with peek(tmp) as check:
            ok = [r[0] for r in check.execute("PRAGMA integrity_check")] == ["ok"]
        if not ok:
            raise UserError("backup.failed_check", path=target)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(target.parent)
    return target


def keep(days: list[date], today: date) -> set[date]:
    """Which backup days to keep: the newest of each of the last 7 days, 4 ISO weeks, 12 months."""
    kept: set[date] = set()
    newest_first = sorted(set(days), reverse=True)
    for key, count in ((lambda d: d, KEEP_DAILY), (lambda d: d.isocalendar()[:2], KEEP_WEEKLY),
                       (lambda d: (d.year, d.month), KEEP_MONTHLY)):
        seen = []
        for d in newest_first:
            k = key(d)
            if k not in seen:
                seen.append(k)
                if len(seen) > count:
                    break
                kept.add(d)
    return kept


def prune(db_path: Path, today: date) -> list[Path]:
    """Remove the automatic backups of this series that :func:`keep` does not keep (the newest of
    a kept day stays; manual and before-restore copies are never pruned)."""
    autos = series(db_path, AUTO)
    kept_days = keep([when.date() for when, _p in autos], today)
    removed, seen_days = [], set()
    for when, path in autos:  # newest first: the first of each kept day stays
        if when.date() in kept_days and when.date() not in seen_days:
            seen_days.add(when.date())
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def restore(source: Path, db_path: Path, now: datetime | None = None) -> Path | None:
    """Replace ``db_path`` by the contents of ``source`` and return where the current contents
    were kept (None when there was no database yet).

    The SQLite way: refused while another logbog program has the database open (the lock file);
    the source is read through SQLite (its ``-wal`` included) and checked with
    ``integrity_check``, copied with the backup API to a temporary file beside the database and
    fsynced; the current database is checkpointed and copied aside the same way; only then is the
    temporary file renamed over it. A kill at any moment leaves either the old database, whole,
    or the restored one."""
    from logbog_tui.storage import dblock

    source, db_path = Path(source), Path(os.path.realpath(db_path))  # the file, not a link to it
    refuse_special(source)
    if not source.exists():
        raise UserError("backup.no_such_file", path=source)
    refuse_special(db_path)
    if db_path.exists() and os.path.samefile(source, db_path):
        raise UserError("restore.same_file", path=source)
    if inspect_file(source)[0] != "ours":  # refuses a file that is not ours
        raise RefusedDatabase("db.refused.not_sqlite", path=source)
    try:
        with dblock.exclusive(db_path):
            return _replace(source, db_path, now or _now())
    except dblock.Held as held:
        raise RefusedDatabase("lock.held", holders=describe(held.holders)) from None


def _replace(source: Path, db_path: Path, now: datetime) -> Path | None:
    tmp = db_path.with_name(f".{db_path.name}.restore")
    tmp.unlink(missing_ok=True)
    try:
        with peek(source) as src:
            if [r[0] for r in src.execute("PRAGMA integrity_check")] != ["ok"]:
                raise RefusedDatabase("backup.restore_damaged", path=source)
            backup_to(src, tmp)
        aside = _keep_aside(db_path, now) if db_path.exists() else None
        for suffix in ("-wal", "-shm"):  # empty after the checkpoint; gone before the rename
            side_file(db_path, suffix).unlink(missing_ok=True)
        os.replace(tmp, db_path)
        fsync_dir(db_path.parent)
    finally:
        tmp.unlink(missing_ok=True)
    return aside


def _keep_aside(db_path: Path, now: datetime) -> Path:
    """Checkpoint the current database (its ``-wal`` into the file), then copy it aside with the
    backup API. A file SQLite cannot read is moved aside with its ``-wal`` instead."""
    aside = series_name(db_path, "before-restore", now)
    try:
        live = connect(db_path)
        try:
            busy = live.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if busy:
                raise RefusedDatabase("restore.busy_reader")
            backup_to(live, aside)
        finally:
            live.close()
    except sqlite3.DatabaseError:
        os.replace(db_path, aside)
        wal = side_file(db_path, "-wal")
        if wal.exists():
            os.replace(wal, side_file(aside, "-wal"))
        fsync_dir(aside.parent)
        return aside
    if side_file(db_path, "-wal").exists() and side_file(db_path, "-wal").stat().st_size > 0:
        raise RefusedDatabase("restore.busy_reader")  # another program wrote meanwhile
    fsync_dir(aside.parent)
    return aside

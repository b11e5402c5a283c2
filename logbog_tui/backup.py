"""Backups with SQLite's backup API: automatic at most once a day at start, verified with
quick_check before older ones are pruned (keep 7 daily, 4 weekly, 12 monthly); never a backup of
a database that fails its own check. ``logbog backup`` and ``logbog restore``."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

from logbog_tui.db import backup_to, check_quick
from logbog_tui.errors import RefusedDatabase, UserError
from logbog_tui.i18n import t
from logbog_tui.paths import backup_dir

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
PREFIX = "auto-"


def _stamp(now: datetime) -> str:
    return now.strftime("%Y%m%d-%H%M%S")


def _day_of(path: Path) -> date | None:
    try:
        return datetime.strptime(path.name[len(PREFIX):len(PREFIX) + 8], "%Y%m%d").date()
    except ValueError:
        return None


def automatic(conn: sqlite3.Connection, db_path: Path, now: datetime | None = None) -> Path | None:
    """Take today's backup if there is none yet; verify it; then prune. Returns the new file."""
    now = now or datetime.now()
    folder = backup_dir()
    stem = db_path.stem
    existing = sorted(folder.glob(f"{PREFIX}*-{stem}.db"))
    if any(_day_of(p) == now.date() for p in existing):
        return None
    if check_quick(conn) != ["ok"]:
        return None  # never back a damaged database up over good backups
    target = folder / f"{PREFIX}{_stamp(now)}-{stem}.db"
    made = make(conn, target)
    prune(folder, stem, now.date())
    return made


def make(conn: sqlite3.Connection, target: Path) -> Path:
    """Back up to ``target`` (via a temporary file, renamed when verified)."""
    tmp = target.with_name(f".{target.name}.tmp")
    backup_to(conn, tmp)
    verify = sqlite3.connect(f"{tmp.resolve().as_uri()}?mode=ro", uri=True)
    try:
        ok = verify.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        verify.close()
    if not ok:
        tmp.unlink(missing_ok=True)
        raise UserError(t("backup.failed_check", path=target))
    os.replace(tmp, target)
    os.chmod(target, 0o600)
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


def prune(folder: Path, stem: str, today: date) -> list[Path]:
    files = sorted(folder.glob(f"{PREFIX}*-{stem}.db"))
    dated = {p: _day_of(p) for p in files}
    kept_days = keep([d for d in dated.values() if d], today)
    removed = []
    for path, day in dated.items():
        if day and day not in kept_days:
            path.unlink()
            removed.append(path)
    return removed


def verified_backups(stem: str) -> list[Path]:
    """Backups of ``stem`` that pass quick_check, newest first."""
    out = []
    for path in sorted(backup_dir().glob(f"*{stem}*.db"), reverse=True):
        try:
            c = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                if c.execute("PRAGMA quick_check").fetchone()[0] == "ok":
                    out.append(path)
            finally:
                c.close()
        except sqlite3.DatabaseError:
            continue
    return out


def restore(source: Path, db_path: Path, now: datetime | None = None) -> Path:
    """Replace ``db_path`` by ``source`` after checking it; the current file is kept aside first.
    Returns where the old file was put."""
    from logbog_tui.db import inspect_file

    if not source.exists():
        raise UserError(t("backup.no_such_file", path=source))
    kind, _version = inspect_file(source)  # refuses a file that is not ours
    if kind != "ours":
        raise RefusedDatabase(t("db.refused.not_sqlite", path=source))
    c = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        if c.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise RefusedDatabase(t("backup.restore_damaged", path=source))
    finally:
        c.close()
    now = now or datetime.now()
    aside = backup_dir() / f"before-restore-{_stamp(now)}-{db_path.stem}.db"
    if db_path.exists():
        shutil.copy2(db_path, aside)
        os.chmod(aside, 0o600)
        for suffix in ("-wal", "-shm"):
            side = Path(str(db_path) + suffix)
            if side.exists():
                shutil.copy2(side, Path(str(aside) + suffix))
                side.unlink()
    tmp = db_path.with_name(f".{db_path.name}.restore")
    shutil.copyfile(source, tmp)
    os.chmod(tmp, 0o600)
    os.replace(tmp, db_path)
    return aside

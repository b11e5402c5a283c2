"""Database lifecycle: create, refuse, migrate, and no lost updates across processes."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sqlite3
import stat

import pytest

from logbog_tui.storage import db
from logbog_tui.storage.db import APPLICATION_ID, SCHEMA_VERSION, connect, open_db, schema_sql, setup_transaction
from logbog_tui.storage.session import transaction
from logbog_tui.errors import RefusedDatabase

from .conftest import PROCESSES, run_subprocess


def sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_check_creates_a_database_with_the_promised_properties(tmp_path, cli):
    path = tmp_path / "new" / "NEW.db"
    result = cli("check", db=path)
    assert result.code == 0, result.err
    assert "Databasen er i orden." in result.out
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID != 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type='table'")}
    declared = {line.split()[2] for line in schema_sql().splitlines() if line.startswith("CREATE TABLE")}
    assert tables == declared


def test_default_database_lives_in_a_private_data_folder(tmp_path, monkeypatch):
    home = tmp_path / "data"
    monkeypatch.setenv("LOGBOG_HOME", str(home))
    result = run_subprocess(["check"], {"LOGBOG_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "logbog.db").stat().st_mode) == 0o600


def test_env_var_chooses_the_database(tmp_path):
    path = tmp_path / "via-env.db"
    result = run_subprocess(["check"], {"LOGBOG_DB": str(path)})
    assert result.returncode == 0, result.stderr
    assert path.exists()


def test_every_connection_has_the_pragmas(conn):
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_sessions_have_the_pragmas_and_the_da_collation(db_path):
    from sqlalchemy import text

    from logbog_tui.storage.session import reading

    conn = open_db(db_path)
    with reading(conn) as session:
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA synchronous")).scalar() == 2
        assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        names = session.execute(text("SELECT n FROM (SELECT 'Åse' n UNION SELECT 'Zak' UNION SELECT 'Ærø')"
                                     " ORDER BY n COLLATE da")).scalars().all()
    assert names == ["Zak", "Ærø", "Åse"]
    conn.close()


@pytest.mark.parametrize("content", [b"hello, this is a text file\n" * 10, b"SQLite format 3"])
def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path, content):
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    before = sha(path)
    result = run_subprocess(["--db", str(path), "check"])
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "ikke en SQLite-database" in result.stderr
    assert "Traceback" not in result.stderr
    assert sha(path) == before


def _ours_with_version(path, version):
    open_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.db"
    _ours_with_version(path, SCHEMA_VERSION + 1)
    before = sha(path)
    result = run_subprocess(["--db", str(path), "check"])
    assert result.returncode == 1
    assert "nyere logbog-version" in result.stderr and result.stderr.count("\n") == 1
    assert sha(path) == before
    assert not os.path.exists(str(path) + "-wal")


def test_another_applications_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.execute("PRAGMA application_id = 42")
    conn.commit()
    conn.close()
    before = sha(path)
    with pytest.raises(RefusedDatabase):
        open_db(path)
    assert sha(path) == before


def test_an_empty_file_becomes_a_database(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    open_db(path).close()
    assert sqlite3.connect(path).execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_an_older_database_is_backed_up_then_migrated(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    open_db(path).close()

    def v1_to_v2(conn):
        conn.execute("ALTER TABLE person ADD COLUMN nickname TEXT")

    monkeypatch.setattr(db, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(db.MIGRATIONS, SCHEMA_VERSION, v1_to_v2)
    conn = open_db(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert "nickname" in [r[1] for r in conn.execute("PRAGMA table_info(person)")]
    conn.close()
    backups = list((tmp_path / "home" / "backups").glob(f"v{SCHEMA_VERSION}-*-old-*.db"))
    assert len(backups) == 1
    assert sqlite3.connect(backups[0]).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_failing_migration_leaves_the_old_version(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    open_db(path).close()

    def broken(conn):
        conn.execute("ALTER TABLE person ADD COLUMN nickname TEXT")
        raise RuntimeError("injected failure")

    monkeypatch.setattr(db, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(db.MIGRATIONS, SCHEMA_VERSION, broken)
    before = sha(path)
    with pytest.raises(RuntimeError):
        open_db(path)
    assert sha(path) == before  # byte-identical
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "nickname" not in [r[1] for r in conn.execute("PRAGMA table_info(person)")]


# --- lost updates -------------------------------------------------------------------------

WORKERS, INCREMENTS = 4, 60


def _increment_with_sessions(path: str, n: int) -> None:
    """The production path: the storage modules' session transaction."""
    from logbog_tui.storage.models import Setting

    conn = connect(path)
    for _ in range(n):
        with transaction(conn) as session:
            row = session.get(Setting, "counter")
            row.value = str(int(row.value) + 1)
    conn.close()


def _increment_with_sqlite3(path: str, n: int) -> None:
    """The set-up path (creating and migrating a file) writes through the driver itself."""
    conn = connect(path)
    for _ in range(n):
        with setup_transaction(conn):
            value = int(conn.execute("SELECT value FROM setting WHERE key = 'counter'").fetchone()[0])
            conn.execute("UPDATE setting SET value = ? WHERE key = 'counter'", (str(value + 1),))
    conn.close()


@PROCESSES
@pytest.mark.parametrize("worker", [_increment_with_sessions, _increment_with_sqlite3])
def test_concurrent_read_modify_write_loses_no_update(db_path, worker):
    with transaction(conn := connect(db_path)):
        conn.execute("INSERT INTO setting (key, value) VALUES ('counter', '0')")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=worker, args=(str(db_path), INCREMENTS)) for _ in range(WORKERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    value = conn.execute("SELECT value FROM setting WHERE key = 'counter'").fetchone()[0]
    assert int(value) == WORKERS * INCREMENTS

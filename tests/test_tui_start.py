"""The TUI's start and end as `logbog` runs them: the file's full check begun in a thread while the
libraries load (storage/dbfile.check_ahead), the garbage collector off during those imports, and
the process ended at once after the TUI has closed the database (cli.leave)."""

from __future__ import annotations

import gc
import os
import select
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from logbog_tui.errors import RefusedDatabase
from logbog_tui.storage import db
from logbog_tui.storage.db import open_db
from logbog_tui.storage.dbfile import check_ahead
from tests.conftest import PROCESSES
from tests.test_safety import index_damaged, new_db  # noqa: F401 - the fixture is used by name


def test_the_check_begun_ahead_refuses_a_damaged_file_as_the_check_in_turn_does(index_damaged):  # noqa: F811
    path, good = index_damaged
    before = path.read_bytes()
    with pytest.raises(RefusedDatabase) as in_turn:
        open_db(path, check=True)
    ahead = check_ahead(path)
    assert ahead is not None
    with pytest.raises(RefusedDatabase) as begun_ahead:
        open_db(path, check=True, ahead=ahead)
    assert begun_ahead.value.message == in_turn.value.message
    assert good.name in begun_ahead.value.message
    assert path.read_bytes() == before


def test_the_tui_command_refuses_a_damaged_file_and_leaves_the_collector_on(index_damaged, cli):  # noqa: F811
    path, _good = index_damaged
    before = path.read_bytes()
    r = cli("--lang", "en", db=path)  # no command: the TUI
    assert r.code == 1 and "is damaged" in r.err
    assert path.read_bytes() == before
    assert gc.isenabled()


def test_no_check_is_begun_ahead_for_a_missing_file_or_one_whose_wal_holds_rows(tmp_path):
    assert check_ahead(tmp_path / "none.db") is None
    path = new_db(tmp_path / "logbog.db")
    reader = db.connect(path)  # keeps the -wal after the writer closes
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO person (name) VALUES ('Ny')")
    writer.commit()
    writer.close()
    try:
        assert db.has_wal(path)
        assert check_ahead(path) is None
    finally:
        reader.close()


def test_a_good_file_opens_with_the_check_begun_ahead(tmp_path):
    path = new_db(tmp_path / "logbog.db")
    ahead = check_ahead(path)
    assert ahead is not None
    conn = open_db(path, check=True, ahead=ahead)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()


def _read_until(fd: int, wanted: bytes, seconds: float) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while wanted not in seen:
        left = deadline - time.monotonic()
        if left <= 0:
            pytest.fail(f"{wanted!r} not shown; the screen showed: {seen[-400:]!r}")
        if select.select([fd], [], [], left)[0]:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # the child has gone
                break
            if not chunk:
                break
            seen += chunk
    return seen


@PROCESSES
def test_quitting_the_tui_in_a_terminal_ends_the_process_with_the_file_closed(tmp_path):
    path = new_db(tmp_path / "logbog.db")
    pid, fd = os.forkpty()
    if pid == 0:  # the child: the real `logbog` in a terminal of its own
        os.environ.update(LOGBOG_HOME=str(tmp_path / "home"), LOGBOG_TODAY="2026-11-28", TERM="xterm-256color",
                          COLUMNS="100", LINES="30")
        os.execv(sys.executable, [sys.executable, "-m", "logbog_tui", "--lang", "en", "--db", str(path)])
    try:
        _read_until(fd, b"Project leadership", 120)
        os.write(fd, b"q")
        _read_until(fd, b"\x1b[?1049l", 60)  # the terminal's own screen back
        deadline = time.monotonic() + 60
        while (done := os.waitpid(pid, os.WNOHANG))[0] == 0:
            if time.monotonic() > deadline:
                pytest.fail("the TUI did not end after q")
            time.sleep(0.01)
        pid = 0
        assert os.waitstatus_to_exitcode(done[1]) == 0
    finally:
        if pid:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        os.close(fd)
    # the database was closed before the quick exit: no -wal or -shm left, and the lock is free
    assert not db.side_file(path, "-wal").exists() and not db.side_file(path, "-shm").exists()
    from logbog_tui.storage import dblock

    key, alone = dblock.hold(Path(path))
    try:
        assert alone is True  # nobody else holds the lock file
    finally:
        dblock.release(key)

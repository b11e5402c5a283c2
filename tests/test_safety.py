"""Data safety, second round (issue 14): restore through SQLite, damaged files, one backup series
per database file, locks and full disks, read-only places, control characters. Each guarantee is
listed in docs/reliability.md with its test."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from logbog_tui.storage import backup, db
from logbog_tui.storage.db import connect, open_db
from logbog_tui.storage.session import transaction
from logbog_tui.errors import RefusedDatabase, UserError
from logbog_tui.tui.textual_private import notifications
from tests.conftest import PROCESSES, add_leader, run_subprocess, wait_until

TODAY = date(2026, 11, 25)

# Commits rows and dies without closing: the rows stay in the -wal, as after a crash.
CRASH_WRITER = """
import os, sys
from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction
c = connect(sys.argv[1])
c.execute("PRAGMA wal_autocheckpoint = 0")
with transaction(c):
    for i in range(int(sys.argv[2])):
        c.execute("INSERT INTO person (name, notes) VALUES (?, ?)", (sys.argv[3] + " " + str(i), "n" * 50))
os._exit(0)
"""


def crash_write(path: Path, count: int, prefix: str) -> None:
    subprocess.run([sys.executable, "-c", CRASH_WRITER, str(path), str(count), prefix], check=True)
    assert db.side_file(path, "-wal").stat().st_size > 0


def names(path: Path) -> list[str]:
    c = sqlite3.connect(path)
    try:
        return [r[0] for r in c.execute("SELECT name FROM person ORDER BY id")]
    finally:
        c.close()


def new_db(path: Path) -> Path:
    open_db(path, today=TODAY).close()
    return path


_leader = add_leader


def _entries(path: Path, person: int, count: int) -> None:
    conn = connect(path)
    with transaction(conn):
        area = conn.execute("SELECT id FROM task_area WHERE code = 'PL1'").fetchone()[0]
        for i in range(count):
            conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id) VALUES (?, ?, 30, ?)",
                         (person, f"2026-0{1 + i % 9}-1{i % 10}", area))
    conn.close()


# --- 1. restore --------------------------------------------------------------------------------

def test_restoring_a_file_with_a_wal_keeps_the_rows_in_its_wal(tmp_path):
    """(a)/(b): a source whose last rows are still in its -wal (an aside file copied with its
    -wal, or a database after a crash) is read through SQLite: every committed row arrives."""
    source = new_db(tmp_path / "aside.db")
    crash_write(source, 5, "Kilde")
    target = new_db(tmp_path / "logbog.db")
    backup.restore(source, target)
    assert names(target) == [f"Kilde {i}" for i in range(5)]
    assert not db.side_file(source, "-shm").exists() or True  # the source is only read
    assert names(source) == [f"Kilde {i}" for i in range(5)]


def test_the_current_database_is_kept_aside_with_the_rows_of_its_wal(tmp_path):
    source = new_db(tmp_path / "good.db")
    live = new_db(tmp_path / "logbog.db")
    crash_write(live, 4, "Levende")
    aside = backup.restore(source, live)
    assert names(live) == []
    assert names(aside) == [f"Levende {i}" for i in range(4)]
    assert not db.side_file(aside, "-wal").exists()  # one self-contained file
    # and restoring that aside file brings every row back
    backup.restore(aside, live)
    assert names(live) == [f"Levende {i}" for i in range(4)]


RESTORER = """
import sys
from pathlib import Path
from logbog_tui.storage import backup
Path(sys.argv[3]).touch()  # loaded: the restore begins
backup.restore(Path(sys.argv[1]), Path(sys.argv[2]))
"""


@PROCESSES
def test_a_kill_during_restore_loses_no_committed_row(tmp_path, monkeypatch):
    """(c): SIGKILL at random moments of a restore: afterwards the database is either the old one
    with every row of its -wal, or the restored one (and then the aside copy has those rows).
    Each kill waits (polling) for a stage of the restore chosen at random: its start, the copy
    of the source to the temporary file, the copy aside of the current database, or its end."""
    monkeypatch.setenv("LOGBOG_HOME", str(tmp_path / "home"))
    source = new_db(tmp_path / "source.db")
    crash_write(source, 3, "Gendannet")
    rng = random.Random(14)
    outcomes = set()
    for trial in range(14):
        live = new_db(tmp_path / f"live{trial}.db")
        crash_write(live, 6, "Levende")
        begun = tmp_path / f"begun{trial}"
        stages = {"begun": begun.exists,
                  "copying": live.with_name(f".{live.name}.restore").exists,
                  "aside": lambda live=live: bool(backup.series(live, "before-restore")),
                  "end": lambda: False}
        stage = stages[rng.choice(sorted(stages))]
        proc = subprocess.Popen([sys.executable, "-c", RESTORER, str(source), str(live), str(begun)])
        wait_until(lambda p=proc, seen=stage: seen() or p.poll() is not None, what="a stage of the restore")
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = names(live)
        c = sqlite3.connect(live)
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        c.close()
        if now == [f"Levende {i}" for i in range(6)]:
            outcomes.add("old")
        else:
            assert now == [f"Gendannet {i}" for i in range(3)]
            asides = [p for _w, p in backup.series(live, "before-restore")]
            assert asides and names(asides[0]) == [f"Levende {i}" for i in range(6)]
            outcomes.add("restored")
    assert outcomes  # at least one kind of outcome was seen; both are allowed, nothing else


HOLDER = """
import sys, time
from logbog_tui.storage.db import open_db
conn = open_db(sys.argv[1])
print("open", flush=True)
time.sleep(60)
"""


@PROCESSES
def test_restore_is_refused_while_another_logbog_program_has_the_database(tmp_path):
    """(d): a TUI (here: any logbog process) that has the file open holds its lock file."""
    source = new_db(tmp_path / "source.db")
    live = new_db(tmp_path / "logbog.db")
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(live)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        r = run_subprocess(["--db", str(live), "--lang", "en", "restore", str(source)])
        assert r.returncode == 1
        assert "open in another logbog program" in r.stderr and f"process {holder.pid}" in r.stderr
        assert "Traceback" not in r.stderr
    finally:
        holder.kill()
        holder.wait()
    r = run_subprocess(["--db", str(live), "restore", str(source)])
    assert r.returncode == 0, r.stderr


def test_restore_refuses_what_is_not_a_regular_file(tmp_path):
    live = new_db(tmp_path / "logbog.db")
    fifo = tmp_path / "fifo.db"
    os.mkfifo(fifo)
    with pytest.raises(UserError):
        backup.restore(fifo, live)
    with pytest.raises(UserError):
        backup.restore(tmp_path, live)


# --- 2. damaged files ----------------------------------------------------------------------------

def _flip_an_index_byte(path: Path) -> None:
    """Change the last byte of the leaf page of an index: the page stays well formed (quick_check
    passes), but the index no longer matches its table (integrity_check fails)."""
    c = sqlite3.connect(path)
    c.execute("PRAGMA journal_mode = DELETE")
    page_size = c.execute("PRAGMA page_size").fetchone()[0]
    root = c.execute("SELECT rootpage FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'person'"
                     " AND sql IS NULL").fetchone()
    root = root[0] if root else c.execute(
        "SELECT rootpage FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'time_entry'").fetchone()[0]
    c.close()
    data = bytearray(path.read_bytes())
    offset = root * page_size - 1
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.fixture
def index_damaged(tmp_path):
    path = new_db(tmp_path / "logbog.db")
    _entries(path, _leader(path), 40)
    conn = connect(path)
    good = backup.automatic(conn, path, datetime(2026, 11, 24, 9))
    conn.close()
    _flip_an_index_byte(path)
    c = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert c.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert c.execute("PRAGMA integrity_check").fetchone()[0] != "ok"
    c.close()
    return path, good


def test_a_flipped_index_byte_is_refused_by_log_and_never_backed_up(index_damaged, cli):
    path, good = index_damaged
    before = path.read_bytes()
    r = cli("--lang", "en", "log", "1,5", "--area", "PL1", db=path)
    assert r.code == 1
    assert "is damaged" in r.err and good.name in r.err and "restore" in r.err
    assert path.read_bytes() == before
    for args in (["ticket", "add", "Ny sag"], ["meeting", "add", "--body", "styregruppe", "--date", "15.12.2026"],
                 ["setting", "budget_warn", "70"], ["calendar"], ["demo"]):  # every command that writes
        r = cli("--lang", "en", *args, db=path)
        assert r.code == 1 and "is damaged" in r.err, (args, r.err)
        assert path.read_bytes() == before
    assert not db.side_file(path, "-wal").exists() and not db.side_file(path, "-shm").exists()
    # the TUI's start check refuses it too, and no backup of it enters the rotation
    with pytest.raises(RefusedDatabase):
        open_db(path, check=True)
    damaged = connect(path)
    assert backup.automatic(damaged, path, datetime(2026, 11, 25, 9)) is None
    damaged.close()
    assert [p for _w, p in backup.series(path)] == [good]
    assert backup.newest_verified(path) == good


def test_a_damaged_backup_is_never_offered(index_damaged, tmp_path):
    path, good = index_damaged
    newer = backup.series_name(path, "auto", datetime(2026, 11, 25, 9))
    newer.write_bytes(path.read_bytes())  # a damaged copy, newer than the good one
    assert backup.newest_verified(path) == good


def test_a_wal_that_belongs_to_another_database_is_refused_by_every_command(tmp_path, cli):
    from logbog_tui.storage.demo import fill

    mine = new_db(tmp_path / "logbog.db")
    other = tmp_path / "other.db"
    conn = open_db(other, today=TODAY)
    fill(conn, years=1, today=TODAY)
    conn.close()
    crash_write(other, 300, "Fremmed")
    db.side_file(mine, "-wal").write_bytes(db.side_file(other, "-wal").read_bytes())
    before = mine.read_bytes()
    for args in (["host"], ["ticket", "list"], ["log", "1", "--area", "PL1", "--person", "x"]):
        r = cli("--lang", "en", *args, db=mine)
        assert r.code == 1 and "does not belong to" in r.err, (args, r.err)
    assert mine.read_bytes() == before
    with pytest.raises(RefusedDatabase):
        open_db(mine, check=True)  # the TUI's start
    assert mine.read_bytes() == before


def test_a_wal_from_an_older_state_of_the_same_database_is_refused(tmp_path, cli):
    """A backup copied over the file while a newer -wal lies beside it is the realistic case the
    other way round: a -wal kept from before and a file that has moved on."""
    path = new_db(tmp_path / "logbog.db")
    crash_write(path, 3, "Gammel")  # rows in the -wal, as after a crash
    old_wal = db.side_file(path, "-wal").read_bytes()
    open_db(path).close()  # the crash is recovered: the rows go into the file, the -wal goes
    conn = connect(path)
    with transaction(conn):
        conn.execute("INSERT INTO person (name) VALUES ('Ny')")
    conn.close()
    db.side_file(path, "-wal").write_bytes(old_wal)  # an older -wal put back beside it
    before = path.read_bytes()
    r = cli("--lang", "en", "host", db=path)
    assert r.code == 1 and "does not belong to" in r.err
    assert path.read_bytes() == before
    db.side_file(path, "-wal").unlink()
    assert names(path)[-1] == "Ny"


def test_the_wal_of_a_crash_is_used_not_refused(tmp_path, cli):
    path = new_db(tmp_path / "logbog.db")
    crash_write(path, 4, "Efter nedbrud")
    assert cli("host", db=path).code == 0
    assert names(path) == [f"Efter nedbrud {i}" for i in range(4)]


# --- 3. one backup series per database file ------------------------------------------------------

def test_same_named_databases_in_two_folders_have_their_own_backups(tmp_path):
    first = new_db(tmp_path / "a" / "logbog.db")
    second = new_db(tmp_path / "b" / "logbog.db")
    old = new_db(tmp_path / "a" / "old-logbog.db")
    when = datetime(2026, 11, 25, 9)
    made = {}
    for path in (first, second, old):
        conn = connect(path)
        made[path] = backup.automatic(conn, path, when)
        conn.close()
    assert all(made.values()) and len(set(made.values())) == 3
    assert backup.newest_verified(second) == made[second]
    assert [p for _w, p in backup.series(first)] == [made[first]]
    assert "logbog-" in made[first].name and made[first].name != made[second].name
    # the damage message of the second names the second's backup
    _entries(second, _leader(second), 30)
    _flip_an_index_byte(second)
    with pytest.raises(RefusedDatabase) as info:
        open_db(second, check=True)
    assert made[second].name in info.value.message and made[first].name not in info.value.message


def test_backups_follow_logbog_today(db_path, monkeypatch):
    monkeypatch.setenv("LOGBOG_TODAY", "2027-03-01")
    conn = connect(db_path)
    made = backup.automatic(conn, db_path)
    assert made.name.startswith("auto-20270301-")


# --- 4. a held lock, a full disk -----------------------------------------------------------------

@pytest.fixture
def quick_timeout(monkeypatch):
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 300)


def _hold_write_lock(path: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    return holder


@PROCESSES
async def test_a_save_under_a_held_lock_keeps_the_dialog_and_its_text(db_path, quick_timeout):
    from textual.widgets import Input

    from logbog_tui.tui.app import LogbogApp
    from logbog_tui.tui.dialogs import LogHoursDialog

    _leader(db_path)
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LogHoursDialog)
        dialog.query_one("#target", Input).value = "PL4"
        dialog.query_one("#note", Input).value = "møde med leverandøren"
        dialog.query_one("#hours", Input).focus()
        holder = _hold_write_lock(db_path)
        await pilot.press("1", ",", "5", "enter")
        await pilot.pause()
        assert app.screen is dialog  # still open, everything typed still there
        assert dialog.query_one("#hours", Input).value == "1,5"
        assert dialog.query_one("#note", Input).value == "møde med leverandøren"
        shown = " ".join(str(w.render()) for w in dialog.query(".error") if w.display)
        assert "optaget af et andet program" in shown
        holder.rollback()
        holder.close()
        await pilot.press("enter")  # Enter tries again
        await pilot.pause()
        assert app.screen is not dialog
    c = sqlite3.connect(db_path)
    assert c.execute("SELECT minutes, note FROM time_entry").fetchall() == [(90, "møde med leverandøren")]


@PROCESSES
async def test_a_form_save_under_a_held_lock_keeps_the_form(db_path, quick_timeout):
    from logbog_tui.tui.app import LogbogApp
    from logbog_tui.tui.dialogs.form import FormDialog

    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.query_one("#name").value = "Bente Berg"
        holder = _hold_write_lock(db_path)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and dialog.query_one("#name").value == "Bente Berg"
        assert "optaget" in str(dialog.query_one("#form-error").render())
        holder.rollback()
        holder.close()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is not dialog
    assert "Bente Berg" in names(db_path)


@PROCESSES
def test_cli_says_locked_in_one_line(cli, db_path, quick_timeout):
    _leader(db_path)
    holder = _hold_write_lock(db_path)
    try:
        r = cli("--lang", "en", "log", "1", "--area", "PL1")
    finally:
        holder.rollback()
        holder.close()
    assert r.code == 1 and r.err.strip().startswith("logbog: the database is busy in another program")
    assert "unexpected" not in r.err and len(r.err.strip().splitlines()) == 1


def test_cli_says_disk_full_and_saves_nothing(cli, db_path, monkeypatch):
    _leader(db_path)
    real = db.configure

    def full(conn, read_only=False):  # SQLite's own SQLITE_FULL: no page may be added
        real(conn, read_only)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(db, "configure", full)
    r = cli("--lang", "en", "ticket", "add", "x" * 200 + " " + "y" * 90, "--description", "z" * 9000)
    assert r.code == 1 and "the disk is full" in r.err, r.err
    monkeypatch.setattr(db, "configure", real)
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM ticket").fetchone()[0] == 0


def test_cli_export_to_a_missing_folder_or_a_read_only_place(cli, db_path, tmp_path):
    r = cli("--lang", "en", "report", "-o", str(tmp_path / "nope" / "r.md"))
    assert r.code == 1 and "does not exist" in r.err


# --- 5. read-only places -------------------------------------------------------------------------

def test_a_read_only_database_is_read_but_never_written(cli, db_path):
    _leader(db_path)
    os.chmod(db_path, 0o400)
    try:
        assert cli("host").code == 0
        r = cli("--lang", "en", "log", "1", "--area", "PL1")
        assert r.code == 1 and "read-only" in r.err and "unexpected" not in r.err
        for suffix in ("-wal", "-shm"):
            assert not db.side_file(db_path, suffix).exists()
    finally:
        os.chmod(db_path, 0o600)
    assert cli("log", "1", "--area", "PL1").code == 0  # nothing left behind breaks later writes


async def test_the_tui_opens_a_read_only_database_and_says_so(db_path):
    from logbog_tui.tui.app import build_app

    os.chmod(db_path, 0o400)
    try:
        app = build_app(db_path)
        app.prewarm = False  # the idle-time prewarm is not what this test is about
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert "skrivebeskyttet" in app.title
            assert any("skrivebeskyttet" in n.message for n in notifications(app))
            await pilot.press("2", "n")
            await pilot.pause()
            app.screen.query_one("#name").value = "Ny"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert "skrivebeskyttet" in str(app.screen.query_one("#form-error").render())
        app.conn.close()
    finally:
        os.chmod(db_path, 0o600)
    assert not db.side_file(db_path, "-shm").exists()


async def test_the_tui_starts_when_no_backup_can_be_taken(db_path, monkeypatch, tmp_path):
    from logbog_tui import paths
    from logbog_tui.tui.app import build_app

    def read_only_folder():
        raise PermissionError(13, "Permission denied", str(tmp_path / "home" / "backups"))

    monkeypatch.setattr(backup, "backup_dir", read_only_folder)
    monkeypatch.setattr(paths, "log_path", lambda: tmp_path / "missing" / "logbog.log")
    app = build_app(db_path)
    app.prewarm = False
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any("sikkerhedskopi" in n.message for n in notifications(app))
    app.conn.close()


def test_refused_files_get_nothing_beside_them(tmp_path, cli):
    foreign = tmp_path / "foreign.db"
    c = sqlite3.connect(foreign)
    c.execute("PRAGMA journal_mode = WAL")
    c.execute("CREATE TABLE t (x)")
    c.close()
    before = sorted(p.name for p in tmp_path.iterdir())
    assert cli("host", db=foreign).code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_failed_backup_leaves_no_temporary_file(db_path, tmp_path, monkeypatch):
    conn = connect(db_path)
    target = tmp_path / "out" / "copy.db"
    target.parent.mkdir()

    def broken(self, *a, **kw):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(db.Connection, "backup", broken)
    with pytest.raises(sqlite3.OperationalError):
        backup.make(conn, target)
    assert list(target.parent.iterdir()) == []


# --- 6. control characters -----------------------------------------------------------------------

EVIL = "Evil\x1b]0;PWNED\x07title\x1b[2J"


def test_control_characters_are_refused_in_typed_fields(cli, db_path):
    r = cli("--lang", "en", "ticket", "add", EVIL)
    assert r.code == 2 and "control characters" in r.err and "\x1b" not in r.err
    r = cli("meeting", "add", "--body", "styregruppe", "--date", "15.12.2026", "--place", "Odense\x1b[2J")
    assert r.code == 2 and "\x1b" not in r.err
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM ticket").fetchone()[0] == 0


def test_stored_control_characters_are_escaped_on_every_output(cli, db_path):
    conn = connect(db_path)
    with transaction(conn):
        conn.execute("INSERT INTO ticket (year, seq, title, category, priority, status, opened_on)"
                     " VALUES (2026, 1, ?, 'fejl', 'normal', 'new', '2026-11-20')", (EVIL + "\x9b",))
        mid = conn.execute("INSERT INTO meeting (body_code, date, status) VALUES ('styregruppe', '2026-06-01', 'held')"
                           ).lastrowid
        conn.execute("INSERT INTO agenda_item (meeting_id, position, title, referred) VALUES (?, 1, ?, 1)",
                     (mid, EVIL))
    conn.close()
    out = cli("ticket", "list").out
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "Evil\\u001b]0;PWNED\\u0007title" in out
    data = cli("ticket", "list", "--json").out
    import json

    assert json.loads(data)[0]["title"] == EVIL + "\x9b"  # JSON keeps the value, escaped
    assert "\x1b" not in data and "\x9b" not in data
    for args in (["--format", "md"], ["--format", "csv", "--section", "referrals"]):
        r = cli("report", *args)
        assert r.code == 0 and "\x1b" not in r.out and "Evil\\u001b]0;PWNED" in r.out


def test_a_dump_with_control_characters_loads_again(cli, db_path, tmp_path):
    conn = connect(db_path)
    with transaction(conn):
        conn.execute("INSERT INTO person (name, notes) VALUES (?, ?)", ("Gammel\x1bdata", "linje\x07"))
    conn.close()
    dump = tmp_path / "d.json"
    assert cli("dump", "-o", str(dump)).code == 0
    new = tmp_path / "new.db"
    assert cli("load", str(dump), db=new).code == 0
    assert "Gammel\x1bdata" in names(new)


async def test_the_tui_shows_control_characters_escaped(db_path):
    from textual.widgets import DataTable, Static

    from logbog_tui.tui.app import LogbogApp

    conn = connect(db_path)
    with transaction(conn):
        conn.execute("INSERT INTO ticket (year, seq, title, category, priority, status, opened_on)"
                     " VALUES (2026, 1, ?, 'fejl', 'normal', 'new', '2026-11-20')", (EVIL,))
        conn.execute("INSERT INTO person (name) VALUES (?)", ("Navn\x1b[2J",))
    conn.close()
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        seen = []
        for key in ("1", "2", "5"):
            await pilot.press(key)
            await pilot.pause()
            for table in app.screen.query(DataTable):
                seen += [str(getattr(c, "plain", c)) for r in range(table.row_count) for c in table.get_row_at(r)]
            seen += [str(w.render()) for w in app.screen.query(Static)]
        text = "\n".join(seen)
        assert "\x1b" not in text and "\x07" not in text
        assert "Evil\\u001b]0;PWNED" in text and "Navn\\u001b[2J" in text


# --- 7. smaller ones -----------------------------------------------------------------------------

def test_a_bad_setting_is_refused_before_anything_is_saved(cli, db_path):
    _leader(db_path)
    c = sqlite3.connect(db_path)
    c.execute("UPDATE setting SET value = 'abc' WHERE key = 'budget_warn'")
    c.commit()
    c.close()
    r = cli("--lang", "en", "log", "1", "--area", "PL1")
    assert r.code == 1 and "budget_warn" in r.err and "Logged" not in r.out and "Registreret" not in r.out
    assert sqlite3.connect(db_path).execute("SELECT count(*) FROM time_entry").fetchone()[0] == 0


def test_load_refuses_a_bad_setting(cli, db_path, tmp_path):
    import json

    dump = tmp_path / "d.json"
    cli("dump", "-o", str(dump))
    data = json.loads(dump.read_text())
    next(r for r in data["setting"] if r["key"] == "budget_warn")["value"] = "abc"
    dump.write_text(json.dumps(data))
    r = cli("--lang", "en", "load", str(dump), db=tmp_path / "new.db")
    assert r.code == 2 and "setting" in r.err and "value" in r.err


def test_special_files_are_refused_as_database_and_output(cli, db_path, tmp_path):
    fifo = tmp_path / "fifo.db"
    os.mkfifo(fifo)
    r = run_subprocess(["--db", str(fifo), "--lang", "en", "host"])
    assert r.returncode == 1 and "not a regular file" in r.stderr
    r = cli("--lang", "en", "report", "-o", "/dev/null", "--force")
    assert r.code == 2 and "not a regular file" in r.err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_dangling_symlink_as_output_needs_force(cli, tmp_path):
    link = tmp_path / "r.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    r = cli("--lang", "en", "report", "-o", str(link))
    assert r.code == 2 and "symbolic link" in r.err
    assert link.is_symlink() and not (tmp_path / "elsewhere.md").exists()
    assert cli("report", "-o", str(link), "--force").code == 0
    assert link.is_file() and not link.is_symlink()


def test_folders_made_for_the_data_are_private_under_umask_000(tmp_path, monkeypatch):
    home = tmp_path / "x" / ".local" / "share"
    monkeypatch.setenv("LOGBOG_HOME", str(home / "logbog-tui"))
    old = os.umask(0)
    try:
        from logbog_tui.paths import backup_dir

        backup_dir()
        open_db(tmp_path / "y" / "z" / "logbog.db", today=TODAY).close()
    finally:
        os.umask(old)
    for folder in (tmp_path / "x", tmp_path / "x" / ".local", home, home / "logbog-tui",
                   home / "logbog-tui" / "backups", tmp_path / "y", tmp_path / "y" / "z"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


@pytest.mark.parametrize("change, words", [
    (lambda d: d["person"].append({"id": 50, "name": ["a", "list"]}), ["person", "row", "name"]),
    (lambda d: d["person"].append({"id": 51}), ["person", "row", "name", "missing"]),
    (lambda d: d["meeting"].append({"id": 90, "body_code": "styregruppe", "date": "25.11.2026", "kind": "ordinary",
                                    "status": "planned"}), ["meeting", "row", "date"]),
    (lambda d: d["person"].extend([{"id": 52, "name": "A"}, {"id": 52, "name": "B"}]), ["person", "row", "id"]),
    (lambda d: d["person"].append({"id": 53, "name": "A", "organisation_id": 1.5}),
     ["person", "row", "organisation_id", "whole number"]),
    (lambda d: d["person"].append({"id": 54, "name": "A", "organisation_id": 2**70}), ["organisation_id", "large"]),
    (lambda d: d["person"].append({"id": 55, "name": "A", "organisation_id": 999}),
     ["person", "id 55", "organisation_id", "organisation"]),
])
def test_load_names_the_table_row_and_column(cli, db_path, tmp_path, change, words):
    import json

    dump = tmp_path / "d.json"
    cli("dump", "-o", str(dump))
    data = json.loads(dump.read_text())
    change(data)
    dump.write_text(json.dumps(data))
    r = cli("--lang", "en", "load", str(dump), db=tmp_path / "new.db")
    assert r.code == 2, r.err
    assert "unexpected" not in r.err and len(r.err.strip().splitlines()) == 1
    for word in words:
        assert word in r.err, (word, r.err)


@PROCESSES
async def test_a_confirmed_change_under_a_held_lock_gives_a_message_not_a_stop(db_path, quick_timeout):
    """A dialog's answer (here: erase a person, confirmed) that meets a held lock: a message; the
    program goes on and nothing changed."""
    from logbog_tui.tui.app import LogbogApp
    from logbog_tui.tui.dialogs import ConfirmDialog

    conn = connect(db_path)
    with transaction(conn):
        conn.execute("INSERT INTO person (name) VALUES ('Bente Berg')")
    conn.close()
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        holder = _hold_write_lock(db_path)
        try:
            await pilot.press("y")
            await pilot.pause()
            await pilot.pause()
        finally:
            holder.rollback()
            holder.close()
        assert any("optaget" in n.message for n in notifications(app))
        assert app.is_running and app.return_code is None
        await pilot.press("1")
        await pilot.pause()
    assert names(db_path) == ["Bente Berg"]


# --- found by review (each failed before its fix) -------------------------------------------------

def test_a_disk_error_is_one_line_not_a_traceback():
    import logging

    from logbog_tui.failures import explain
    from logbog_tui.i18n import t
    from logbog_tui.logfile import logger

    exc = sqlite3.OperationalError("disk I/O error")
    exc.sqlite_errorcode = 4874  # SQLITE_IOERR_SHMSIZE: a -shm on a full disk
    assert explain(exc) == t("failure.io")
    logger()
    assert logging.raiseExceptions is False  # a log file that cannot be written prints no traceback


def test_reading_a_read_only_file_with_a_wal_leaves_no_shm(cli, tmp_path):
    path = new_db(tmp_path / "w.db")
    crash_write(path, 2, "x")
    db.side_file(path, "-shm").unlink()
    os.chmod(path, 0o400)
    try:
        assert run_subprocess(["--db", str(path), "budget"]).returncode == 0
        assert not db.side_file(path, "-shm").exists()
    finally:
        os.chmod(path, 0o600)


def test_an_old_file_is_not_migrated_when_read_only_or_damaged(cli, tmp_path):
    fixture = Path(__file__).parent / "fixtures" / "schema-v1-demo.db"
    ro = tmp_path / "ro.db"
    ro.write_bytes(fixture.read_bytes())
    os.chmod(ro, 0o400)
    try:
        r = cli("--lang", "en", "budget", db=ro)
        assert r.code == 1 and "read-only" in r.err and "older" in r.err
        assert sqlite3.connect(f"file:{ro}?mode=ro", uri=True).execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        os.chmod(ro, 0o600)
    damaged = tmp_path / "d.db"
    damaged.write_bytes(fixture.read_bytes())
    _flip_an_index_byte(damaged)
    before = damaged.read_bytes()
    r = cli("--lang", "en", "budget", db=damaged)
    assert r.code == 1 and "is damaged" in r.err
    assert damaged.read_bytes() == before


@PROCESSES
def test_restore_through_a_symbolic_link_is_the_real_file(tmp_path):
    source = new_db(tmp_path / "source.db")
    crash_write(source, 2, "Kilde")
    live = new_db(tmp_path / "logbog.db")
    link = tmp_path / "link.db"
    link.symlink_to(live)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(live)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        r = run_subprocess(["--db", str(link), "--lang", "en", "restore", str(source)])
        assert r.returncode == 1 and "open in another logbog program" in r.stderr
    finally:
        holder.kill()
        holder.wait()
    backup.restore(source, link)
    assert link.is_symlink() and names(live) == ["Kilde 0", "Kilde 1"]


def test_a_bad_stored_setting_stops_the_tui_with_the_command_that_mends_it(db_path, cli):
    from logbog_tui.tui.app import build_app

    c = sqlite3.connect(db_path)
    c.execute("UPDATE setting SET value = 'abc' WHERE key = 'budget_warn'")
    c.commit()
    c.close()
    with pytest.raises(UserError) as info:
        build_app(db_path)
    assert "logbog setting budget_warn" in info.value.message
    listing = cli("setting")
    assert listing.code == 0 and "abc" in listing.out
    assert cli("setting", "budget_warn", "75").code == 0
    build_app(db_path).conn.close()


async def test_the_palette_and_the_edit_form_show_stored_control_characters_escaped(db_path):
    """Found by review: the palette's labels and a form's fields took stored text as it was, and
    the terminal's title changed."""
    from textual.widgets import Input

    from logbog_tui.tui.app import LogbogApp
    from logbog_tui.tui.commands import JumpProvider

    conn = connect(db_path)
    with transaction(conn):
        conn.execute("INSERT INTO person (name) VALUES (?)", (EVIL,))
    conn.close()
    app = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        provider = JumpProvider(app.screen)
        await provider.startup()
        labels = [label for label, _h, _c in provider.items]
        assert any("Evil\\u001b]0;PWNED" in label for label in labels)
        assert not any("\x1b" in label or "\x07" in label for label in labels)
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        value = app.screen.query_one("#name", Input).value
        assert "\x1b" not in value and "Evil\\u001b" in value


def test_meeting_add_takes_the_time_as_the_program_writes_it(cli, db_path):
    """Found by review: the program prints "kl. 10.00", and --time 10.00 was refused."""
    r = cli("meeting", "add", "--body", "styregruppe", "--date", "15.12.2026", "--time", "10.00")
    assert r.code == 0, r.err
    assert sqlite3.connect(db_path).execute("SELECT start_time FROM meeting").fetchone()[0] == "10:00"
    assert cli("meeting", "add", "--body", "styregruppe", "--date", "16.12.2026", "--time", "25.00").code == 2

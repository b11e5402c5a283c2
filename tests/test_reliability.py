"""Data safety: crashes, concurrent writers, backups, corruption, file modes, hostile input.
Each guarantee is listed in docs/reliability.md with its test."""

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
from hypothesis import given, settings
from hypothesis import strategies as st

from logbog_tui.storage import backup, people
from logbog_tui.storage.db import connect, open_db
from logbog_tui.storage.session import transaction
from logbog_tui.errors import RefusedDatabase, UserError
from tests.conftest import PROCESSES, wait_until

TODAY = date(2026, 11, 25)

WRITER = """
import sys
from logbog_tui.storage.db import connect
from logbog_tui.storage.session import transaction
conn = connect(sys.argv[1])
area = conn.execute("SELECT id FROM task_area WHERE code = 'PL1'").fetchone()[0]
person = conn.execute("SELECT id FROM person").fetchone()[0]
i = 0
while True:
    i += 1
    with transaction(conn):
        rid = conn.execute("INSERT INTO time_entry (person_id, date, minutes, area_id, note) VALUES (?, ?, 1, ?, ?)",
                           (person, f"{2000 + i % 200}-01-0{1 + i % 9}", area, "x" * (i % 500))).lastrowid
    print(rid, flush=True)
"""


def _committed_rows(path: Path) -> int:
    check = sqlite3.connect(path)
    try:
        return check.execute("SELECT count(*) FROM time_entry").fetchone()[0]
    finally:
        check.close()


@PROCESSES
def test_sigkill_at_random_moments_loses_nothing_committed(db_path):
    """The writer is killed once it has committed a random number of rows more (polled in the
    database, so a busy machine that starts Python slowly only makes the test slower); the poll
    is not in step with the writer, so the kill falls anywhere in its loop."""
    with transaction(conn := connect(db_path)):
        conn.execute("INSERT INTO person (name) VALUES ('Skriver')")
    conn.close()
    rng = random.Random(7)
    for _trial in range(20):
        target = _committed_rows(db_path) + rng.randint(1, 60)
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path)], stdout=subprocess.PIPE, text=True)
        wait_until(lambda p=proc, n=target: _committed_rows(db_path) >= n or p.poll() is not None,
                   what="the writer's rows")
        os.kill(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        printed = [int(x) for x in out.split()]
        check = sqlite3.connect(db_path)
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        present = {r[0] for r in check.execute("SELECT id FROM time_entry")}
        check.close()
        assert printed and set(printed) <= present


@PROCESSES
def test_concurrent_cli_writers_lose_nothing(db_path):
    """Processes log hours through `logbog log` while others change one ticket's status and one
    budget (read-modify-write) at the same moment."""
    conn = connect(db_path)
    with transaction(conn):
        for i in range(4):
            conn.execute("INSERT INTO person (name) VALUES (?)", (f"Person {i}",))
    from logbog_tui.storage import tickets

    tid, _ = tickets.create(conn, tickets.TicketDraft(title="Delt sag"), TODAY)
    env = {**os.environ, "LOGBOG_DB": str(db_path)}
    bump = ("from logbog_tui.storage.db import connect\nfrom logbog_tui.storage.session import transaction\n"
            "import sys\nc = connect(sys.argv[1])\n"
            "for _ in range(30):\n"
            "    with transaction(c):\n"
            "        h = c.execute(\"SELECT hours FROM budget WHERE year = 2026 AND scope = 'projektledelse'\")"
            ".fetchone()[0]\n"
            "        c.execute(\"UPDATE budget SET hours = ? WHERE year = 2026 AND scope = 'projektledelse'\","
            " (h + 1,))\n")
    status = ("from logbog_tui.storage import tickets\nfrom logbog_tui.storage.db import connect\n"
              "import sys, datetime\n"
              "c = connect(sys.argv[1])\n"
              "for i in range(10):\n"
              "    tickets.change_status(c, int(sys.argv[2]), 'open' if i % 2 == 0 else 'with_supplier',"
              " datetime.date(2026, 11, 25))\n")
    procs = [subprocess.Popen([sys.executable, "-m", "logbog_tui", "log", "0,25", "--area", "PL1", "--person",
                               f"Person {i % 4}", "--date", f"2026-11-{1 + j:02d}"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for i in range(4) for j in range(6)]
    procs += [subprocess.Popen([sys.executable, "-c", bump, str(db_path)], stderr=subprocess.PIPE, text=True)
              for _ in range(2)]
    procs.append(subprocess.Popen([sys.executable, "-c", status, str(db_path), str(tid)], stderr=subprocess.PIPE,
                                  text=True))
    for p in procs:
        _out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err
        assert "locked" not in (err or "")
    assert conn.execute("SELECT count(*) FROM time_entry").fetchone()[0] == 24
    assert conn.execute("SELECT hours FROM budget WHERE year = 2026 AND scope = 'projektledelse'").fetchone()[0] == 1410
    assert conn.execute("SELECT count(*) FROM ticket_event WHERE kind = 'status'").fetchone()[0] == 10


async def test_two_tuis_on_one_file_see_each_others_changes(db_path):
    from logbog_tui.tui.app import LogbogApp
    from textual.widgets import DataTable

    with transaction(conn := connect(db_path)):
        conn.execute("INSERT INTO person (name) VALUES ('Første')")
    first = LogbogApp(connect(db_path), db_path, today=TODAY)
    second = LogbogApp(connect(db_path), db_path, today=TODAY)
    async with first.run_test() as p1, second.run_test() as p2:
        await p2.press("2")
        await p2.pause()
        assert second.screen.query_one("#people", DataTable).row_count == 1
        await p1.press("2", "n")
        await p1.pause()
        first.screen.query_one("#name").value = "Anden"
        await p1.press("ctrl+s")
        await p1.pause()
        await p2.press("1", "2")  # leaving and coming back refreshes
        await p2.pause()
        assert second.screen.query_one("#people", DataTable).row_count == 2


# --- backups ---------------------------------------------------------------------------------

def test_automatic_backup_once_a_day_verified_and_pruned(db_path, tmp_path):
    conn = connect(db_path)
    folder = tmp_path / "home" / "backups"
    day = datetime(2026, 1, 1, 9, 0)
    made = []
    for n in range(400):
        when = day.replace(hour=9) if n == 0 else datetime.fromordinal(day.toordinal() + n).replace(hour=9)
        made.append(backup.automatic(conn, db_path, when))
        assert backup.automatic(conn, db_path, when.replace(hour=17)) is None  # at most once a day
    files = sorted(folder.glob("auto-*.db"))
    assert 7 <= len(files) <= 7 + 4 + 12
    newest = files[-1]
    assert newest.name.startswith("auto-20270204")
    c = sqlite3.connect(newest)
    assert c.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    assert stat.S_IMODE(newest.stat().st_mode) == 0o600 and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert not list(folder.glob(".*"))  # no temporary or -wal files left beside the backups


def test_retention_rule():
    days = [date.fromordinal(date(2026, 1, 1).toordinal() + i) for i in range(400)]
    kept = backup.keep(days, days[-1])
    assert sorted(kept)[-7:] == days[-7:]
    assert len({d.isocalendar()[:2] for d in kept}) >= 4
    assert len({(d.year, d.month) for d in kept}) == 12


def _damage(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 3, min(len(data), page * 12), 7):
        data[offset] = (data[offset] + 91) % 256
    path.write_bytes(bytes(data))


def test_a_damaged_database_is_refused_with_the_backup_to_restore(db_path, tmp_path):
    conn = connect(db_path)
    with transaction(conn):
        for i in range(300):
            conn.execute("INSERT INTO person (name, notes) VALUES (?, ?)", (f"P{i}", "x" * 300))
    good = backup.automatic(conn, db_path, datetime(2026, 11, 24, 9))
    conn.close()
    _damage(db_path)
    with pytest.raises(RefusedDatabase) as info:
        open_db(db_path, check=True)
    assert good.name in info.value.message and "restore" in info.value.message
    # and the damaged file is never backed up over the good ones
    try:
        damaged = sqlite3.connect(db_path)
        damaged.row_factory = sqlite3.Row
        assert backup.automatic(damaged, db_path, datetime(2026, 11, 25, 9)) is None
    except sqlite3.DatabaseError:
        pass
    aside = backup.restore(good, db_path)
    assert aside.exists()
    assert connect(db_path).execute("SELECT count(*) FROM person").fetchone()[0] == 300


def test_backup_and_restore_commands(cli, db_path, tmp_path):
    conn = connect(db_path)
    with transaction(conn):
        conn.execute("INSERT INTO person (name) VALUES ('Før')")
    r = cli("backup", str(tmp_path))
    assert r.code == 0
    copy = next(tmp_path.glob("test-*.db"))
    with transaction(conn):
        conn.execute("INSERT INTO person (name) VALUES ('Efter')")
    conn.close()
    r = cli("restore", str(copy))
    assert r.code == 0, r.err
    assert [r[0] for r in connect(db_path).execute("SELECT name FROM person")] == ["Før"]
    text = tmp_path / "notes.txt"
    text.write_text("not a database " * 20)
    assert cli("restore", str(text)).code == 1


def test_unclean_shutdown_runs_a_full_check(db_path, monkeypatch):
    conn = connect(db_path)
    with transaction(conn):
        conn.execute("INSERT INTO person (name) VALUES ('x')")
    wal = Path(str(db_path) + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the writer is still open: as after a crash
    seen = []
    real = sqlite3.Connection.execute

    class Spy(sqlite3.Connection):
        def execute(self, sql, *args):
            seen.append(sql)
            return real(self, sql, *args)

    monkeypatch.setattr("logbog_tui.storage.db.sqlite3.connect", lambda *a, **kw: _spy_connect(Spy, *a, **kw))
    open_db(db_path, check=True).close()
    assert "PRAGMA integrity_check" in seen


def _spy_connect(cls, *args, **kw):
    """The real connect (sqlite3.dbapi2's, not the patched name), with a recording factory."""
    kw["factory"] = cls
    return sqlite3.dbapi2.connect(*args, **kw)


def test_files_are_private(db_path, tmp_path, cli):
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    from logbog_tui.logfile import logger

    logger().error("probe")
    home = tmp_path / "home"
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "logbog.log").stat().st_mode) == 0o600


def test_the_schema_v1_fixture_still_opens(tmp_path):
    """A database made by schema version 1 (kept in tests/fixtures) opens and checks clean."""
    fixture = Path(__file__).parent / "fixtures" / "schema-v1.db"
    copy = tmp_path / "v1.db"
    copy.write_bytes(fixture.read_bytes())
    conn = open_db(copy)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM task_area").fetchone()[0] == 15


# --- hostile input ---------------------------------------------------------------------------

hostile = st.one_of(st.text(max_size=300), st.text(alphabet="æøåÆØÅ\x00\x07\n\t \u0301", max_size=50),
                    st.just("x" * 100_000), st.just("\ud800"), st.just("Ane\u0301"))


@settings(max_examples=150, deadline=None)
@given(name=hostile, email=hostile, phone=hostile, notes=hostile)
def test_person_form_gives_a_draft_or_messages(name, email, phone, notes):
    from logbog_tui.i18n import say
    from logbog_tui.storage.inputs import Invalid

    try:
        draft = people.PersonDraft.check({"name": name, "email": email, "phone": phone, "notes": notes})
    except Invalid as refused:
        assert refused.problems and all(say(m) != m.key for m in refused.problems.values())  # translated
    else:
        import unicodedata

        assert draft.name == unicodedata.normalize("NFC", draft.name) and len(draft.name) <= 200


@settings(max_examples=60, deadline=None)
@given(note=hostile)
def test_hostile_notes_are_refused_or_stored_normalised(tmp_path_factory, note):
    import unicodedata

    from logbog_tui.storage import timelog

    path = tmp_path_factory.mktemp("n") / "n.db"
    conn = open_db(path, today=TODAY)
    with transaction(conn):
        pid = conn.execute("INSERT INTO person (name) VALUES ('N')").lastrowid
    area = conn.execute("SELECT id FROM task_area WHERE code = 'PL1'").fetchone()[0]
    try:
        draft = timelog.Draft.check({"person_id": pid, "day": TODAY, "minutes": 30, "area_id": area, "note": note})
        saved = timelog.save(conn, draft, TODAY)
    except UserError as exc:
        assert exc.message
        assert conn.execute("SELECT count(*) FROM time_entry").fetchone()[0] == 0
    else:
        stored = conn.execute("SELECT note FROM time_entry WHERE id = ?", (saved.id,)).fetchone()[0]
        assert stored is None or stored == unicodedata.normalize("NFC", stored)
    conn.close()


def test_search_folds_danish_letters(conn):
    from logbog_tui.storage.people import list_people

    with transaction(conn):
        conn.execute("INSERT INTO person (name) VALUES ('ÆBLE Øster Åsen')")
    assert [p.name for p in list_people(conn, TODAY, "æble øster åsen")] == ["ÆBLE Øster Åsen"]
    assert conn.execute("SELECT fold('ÆØÅ') = 'æøå'").fetchone()[0] == 1
    assert conn.execute("SELECT lower('ÆØÅ') = 'æøå'").fetchone()[0] == 0  # why fold() exists


def test_backup_never_overwrites(cli, db_path, tmp_path):
    target = tmp_path / "kopi.db"
    target.write_bytes(b"keep me")
    r = cli("--lang", "en", "backup", str(target))
    assert r.code == 2 and "already exists; choose another name" in r.err
    assert target.read_bytes() == b"keep me"

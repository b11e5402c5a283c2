"""Shared fixtures: a private data folder, a fresh database with a frozen date, the CLI in-process."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest

from logbog_tui import i18n
from logbog_tui.storage.db import connect, open_db

TODAY = date(2026, 11, 25)

T = TypeVar("T")

# The tests that start processes that run side by side, kill them, hold locks or wait for another
# process: one xdist group (`--dist loadgroup` in pyproject.toml), so that under `pytest -n auto`
# they run one after another in one worker instead of competing with each other for the CPUs.
PROCESSES = pytest.mark.xdist_group("processes")


def wait_until(condition: Callable[[], T], timeout: float = 60.0, what: str = "", interval: float = 0.002) -> T:
    """Poll ``condition`` until it returns a true value and return that value; the test fails if
    ``timeout`` seconds pass first. For a state that another process or a background task brings
    about: a fixed sleep is too short on a busy machine and wastes time on an idle one."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout} s in vain for {what or condition}")
        time.sleep(interval)
    return value


async def until(condition: Callable[[], T], timeout: float = 60.0, what: str = "") -> T:
    """:func:`wait_until` inside a running app: polls without blocking the app's event loop."""
    deadline = time.monotonic() + timeout
    while not (value := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout} s in vain for {what or condition}")
        await asyncio.sleep(0.01)
    return value


@pytest.fixture(autouse=True)
def _isolated(tmp_path, monkeypatch):
    """Every test gets its own data folder, Danish, and the frozen date 25.11.2026."""
    monkeypatch.setenv("LOGBOG_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("LOGBOG_TODAY", TODAY.isoformat())
    monkeypatch.delenv("LOGBOG_DB", raising=False)
    monkeypatch.delenv("LOGBOG_LANG", raising=False)
    i18n.set_language("da")
    yield
    i18n.set_language("da")


@pytest.fixture
def db_path(tmp_path) -> Path:
    path = tmp_path / "test.db"
    open_db(path, today=TODAY).close()
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """The demo's first year (storage/demo.py), built once per test process: copy it (``demo``)."""
    from logbog_tui.storage.demo import fill

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    open_db(path, today=TODAY).close()
    c = connect(path)
    fill(c, years=1, today=TODAY)
    c.close()
    return path


@pytest.fixture
def demo(demo_template, tmp_path) -> Path:
    """A fresh copy of the demo's first year for one test."""
    return Path(shutil.copy(demo_template, tmp_path / "demo.db"))


@pytest.fixture
def conn(db_path):
    c = connect(db_path)
    yield c
    c.close()


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def cli(capsys, db_path):
    """Run ``logbog --db <test db> ARGS`` in-process; returns exit code and output."""
    from logbog_tui.cli import main

    def run(*args: str, db: Path | None = None) -> CliResult:
        capsys.readouterr()
        code = main(["--db", str(db or db_path), *args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def run_subprocess(args: list[str], env_extra: dict | None = None, **kw):
    """Run the real ``logbog`` entry point in a child process."""
    import subprocess

    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "logbog_tui", *args], capture_output=True, text=True,
                          env=env, timeout=120, **kw)


async def submit_form(pilot, **values) -> None:
    """Fill the open FormDialog's fields (Input, Select or TextArea) and save with Ctrl+S."""
    from textual.widgets import TextArea

    from logbog_tui.tui.dialogs.form import FormDialog

    dialog = pilot.app.screen
    assert isinstance(dialog, FormDialog)
    for name, value in values.items():
        widget = dialog.query_one(f"#{name}")
        if isinstance(widget, TextArea):
            widget.text = value
        else:
            widget.value = value
    await pilot.press("ctrl+s")
    await pilot.pause()


def still_cursors(app) -> None:
    """Stop the blinking of every text cursor on the shown screen (an Input's is then hidden, a
    TextArea's shown), so that a snapshot is the same however long after the focus it is taken
    (Textual blinks every half second, and a busy machine can take that long)."""
    for widget in app.screen.query("Input, TextArea"):
        widget.cursor_blink = False


def program(name: str) -> str:
    """The path of an outside program a marked test opens an export with. Missing: the test is
    skipped on a developer's machine (README: apt-get install ...) and fails in CI, which
    installs it (.ci/run)."""
    import shutil

    found = shutil.which(name)
    if found is None:
        message = f"{name} is not installed (apt-get install libreoffice-calc-nogui khal; see README)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def add_leader(path: Path, email: str | None = None) -> int:
    """The project leader (Lone Leder, in the project leader's seat since 2020), so that `logbog
    log` and the log dialog know whose hours they are. Returns the person's id."""
    from logbog_tui.storage.session import transaction

    conn = connect(path)
    with transaction(conn):
        pid = conn.execute("INSERT INTO person (name, email) VALUES ('Lone Leder', ?)", (email,)).lastrowid
        seat = conn.execute("SELECT id FROM seat WHERE kind = 'project_leader'").fetchone()[0]
        conn.execute("INSERT INTO membership (person_id, seat_id, valid_from) VALUES (?, ?, '2020-01-01')",
                     (pid, seat))
    conn.close()
    return pid

"""The domain never imports the UI; the quick CLI path imports neither Textual nor the ORM."""

from __future__ import annotations

import subprocess
import sys

DOMAIN = ["logbog_tui.service.rotation", "logbog_tui.service.budget", "logbog_tui.service.parse",
          "logbog_tui.service.workdays", "logbog_tui.storage.db", "logbog_tui.storage.queries", "logbog_tui.overview",
          "logbog_tui.storage.timelog", "logbog_tui.storage.models", "logbog_tui.storage.session",
          "logbog_tui.storage.seed", "logbog_tui.storage.demo"]


def loaded_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
                         capture_output=True, text=True, check=True).stdout
    return set(out.split())


def test_domain_modules_do_not_import_textual():
    modules = loaded_after("\n".join(f"import {m}" for m in DOMAIN))
    assert not {m for m in modules if m == "textual" or m.startswith("textual.")}


def test_service_is_pure():
    modules = loaded_after("import logbog_tui.service.rotation, logbog_tui.service.budget, logbog_tui.service.parse")
    assert "sqlite3" not in modules and "logbog_tui.storage.db" not in modules
    assert "logbog_tui.i18n" not in modules


def test_the_host_command_imports_neither_textual_nor_sqlalchemy(tmp_path):
    code = (f"import sys; sys.argv = ['logbog', '--db', {str(tmp_path / 'h.db')!r}, 'host']\n"
            "from logbog_tui.cli import main\nmain()")
    modules = loaded_after(code)
    assert "textual" not in modules and "sqlalchemy" not in modules and "sqlmodel" not in modules


def test_the_host_command_imports_neither_typing_nor_shutil_nor_dataclasses_nor_json(tmp_path):
    """Each costs ~2-10 ms of `logbog host`, whose target is at most 5x a bare `python -c pass`
    (docs/performance.md): `typing` only for type checkers (``TYPE_CHECKING = False``),
    argparse's formatter asks the terminal's width without `shutil` (cli._Parser), the rotation's
    values are records (service/record.py) and `json` is imported for ``--json`` only."""
    code = (f"import sys; sys.argv = ['logbog', '--db', {str(tmp_path / 'h.db')!r}, 'host']\n"
            "from logbog_tui.cli import main\nmain()")
    modules = loaded_after(code)
    assert not {"typing", "shutil", "dataclasses", "inspect", "json"} & modules


def test_the_host_command_loads_only_the_first_parts_of_the_catalogue(tmp_path):
    """Every part of the program adds texts; `logbog host` reads only the parts its own words
    are in (messages/__init__.py FIRST), so new parts do not slow it down."""
    from logbog_tui import messages

    code = (f"import sys; sys.argv = ['logbog', '--db', {str(tmp_path / 'h.db')!r}, 'host']\n"
            "from logbog_tui.cli import main\nmain()")
    loaded = {m.rsplit(".", 1)[1] for m in loaded_after(code) if m.startswith("logbog_tui.messages.")}
    assert loaded == set(messages.FIRST)


def test_the_tui_imports_the_writing_side_of_hours_only_when_needed():
    """The dashboard's first frame does not wait for the log dialog, the Tasks screen's panels or
    the hour imports' formats (~15 ms, docs/performance.md): they load when first used, or when
    the app prewarms the log dialog in idle time after start."""
    modules = loaded_after("import logbog_tui.tui.app")
    assert not {"logbog_tui.storage.timelog", "logbog_tui.storage.entries", "logbog_tui.service.import_formats",
                "logbog_tui.tui.dialogs.log_hours", "logbog_tui.tui.widgets.budget_panel",
                "logbog_tui.tui.widgets.entry_panel", "logbog_tui.tui.widgets.task_panel"} & modules


def test_the_tui_starts_without_registering_every_command():
    """`logbog --db X --lang en` (no command): the TUI; the parser then holds only the global
    options, and no command's module is imported (~25 ms of the start, docs/performance.md). It
    reads those options as the whole parser does."""
    code = ("from logbog_tui.cli import build_parser, _only_global_options\n"
            "argv = ['--db', 'x.db', '--lang', 'en']\n"
            "assert _only_global_options(argv)\n"
            "small = vars(build_parser(None, tui=True).parse_args(argv))\n"
            "assert small == {'db': 'x.db', 'lang': 'en', 'command': None}, small\n")
    modules = loaded_after(code)
    assert not {m for m in modules if m.startswith("logbog_tui.cli.") and m.endswith("_cmds")}
    assert "logbog_tui.cli.commands" not in modules
    from logbog_tui.cli import _only_global_options, build_parser

    whole = vars(build_parser(None).parse_args(["--db", "x.db", "--lang", "en"]))
    assert {k: whole[k] for k in ("db", "lang", "command")} == {"db": "x.db", "lang": "en", "command": None}
    assert not _only_global_options(["--db"]) and not _only_global_options(["--db", "x", "host"])
    assert not _only_global_options(["--help"]) and _only_global_options(["--db=x", "--lang=da"])

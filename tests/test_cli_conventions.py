"""The command line's conventions: --version, shell completion, argparse's own words in Danish,
a help text for every option, and no colour (NO_COLOR, or output that is not a terminal)."""

from __future__ import annotations

import argparse
import inspect
import os
import pty
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from logbog_tui import i18n
from logbog_tui.cli import argparse_da, build_parser
from logbog_tui.messages import MESSAGES

from .conftest import add_leader, run_subprocess
from .test_import_hygiene import loaded_after

ROOT = Path(__file__).resolve().parent.parent


# --- --version ----------------------------------------------------------------------------------

def test_version_is_the_package_version(cli):
    from importlib.metadata import version

    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    result = cli("--version")
    assert result.code == 0 and result.out == f"logbog {wanted}\n"
    assert version("logbog-tui") == wanted


def test_the_version_costs_logbog_host_nothing(tmp_path):
    """The version is looked up only when asked for: ``logbog host`` never imports its lookup
    (nor shtab, which only ``logbog completion`` imports)."""
    code = (f"import sys; sys.argv = ['logbog', '--db', {str(tmp_path / 'h.db')!r}, 'host']\n"
            "from logbog_tui.cli import main\nmain()")
    modules = loaded_after(code)
    assert "importlib.metadata" not in modules and "shtab" not in modules


# --- completion ---------------------------------------------------------------------------------

COMMANDS = ("entries", "entry", "log", "budget", "host", "meeting", "ticket", "undo", "completion")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_name_the_commands(cli, shell):
    result = cli("completion", shell)
    assert result.code == 0, result.err
    assert "logbog" in result.out
    for command in COMMANDS:
        assert command in result.out
    assert "--week" in result.out and "--no-support" in result.out
    if shell != "bash":  # zsh and fish show the help texts, in the UI's language
        assert "list timeregistreringer med sum" in result.out
        english = cli("--lang", "en", "completion", shell)
        assert "list time entries with their total" in english.out


def test_completion_needs_a_known_shell(cli):
    result = cli("completion", "tcsh")
    assert result.code == 2 and "ugyldigt valg: 'tcsh'" in result.err


def _bash_complete(script: Path, words: list[str]) -> list[str]:
    line = " ".join(words)
    code = (f"source {script}\ncomplete -p logbog >/dev/null || exit 3\n"
            f"COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; COMP_LINE='{line}'; COMP_POINT={len(line)}\n"
            "_shtab_logbog\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_bash_completes_commands_and_options(cli, tmp_path):
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    script = tmp_path / "logbog.bash"
    script.write_text(cli("completion", "bash").out, encoding="utf-8")
    assert _bash_complete(script, ["logbog", "en"]) == ["entries", "entry"]
    assert _bash_complete(script, ["logbog", "entry", ""]) == ["edit", "delete"]
    assert "--no-support" in _bash_complete(script, ["logbog", "entries", "--"])
    assert _bash_complete(script, ["logbog", "--lang", ""]) == ["da", "en"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_read_their_scripts(cli, tmp_path, shell):
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    script = tmp_path / f"logbog.{shell}"
    script.write_text(cli("completion", shell).out, encoding="utf-8")
    done = subprocess.run([shell, "-n", str(script)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


# --- argparse's own words -----------------------------------------------------------------------

def test_help_in_danish(cli):
    result = cli("--help")
    assert result.code == 0
    assert result.out.startswith("brug: logbog ")
    assert "vis denne hjælp og afslut" in result.out and "\ntilvalg:\n" in result.out
    assert "\npositionelle argumenter:\n" in result.out
    for english in ("usage:", "options:", "show this help", "positional arguments"):
        assert english not in result.out
    sub = cli("entries", "--help")
    assert sub.out.startswith("brug: logbog entries ") and "vis denne hjælp og afslut" in sub.out


def test_help_in_english_keeps_argparses_words(cli, monkeypatch):
    result = cli("--lang", "en", "--help")
    assert result.out.startswith("usage: logbog ") and "show this help message and exit" in result.out
    assert "\noptions:\n" in result.out and "\npositional arguments:\n" in result.out
    monkeypatch.setenv("LOGBOG_LANG", "en")
    assert cli("entry", "edit", "--help").out.startswith("usage: logbog entry edit ")


def test_the_quick_host_parser_speaks_danish_too(cli):
    assert cli("host", "--help").out.startswith("brug: logbog host ")
    result = cli("host", "--bogus")
    assert result.code == 2 and "ukendte argumenter: --bogus" in result.err


@pytest.mark.parametrize("args, danish, english", [
    (["nonsense"], "ugyldigt valg: 'nonsense' (vælg mellem 'check'", "invalid choice: 'nonsense' (choose from"),
    (["meeting", "add", "--date", "1.6"], "de følgende argumenter er påkrævet: --body",
     "the following arguments are required: --body"),
    (["budget", "--bogus"], "ukendte argumenter: --bogus", "unrecognized arguments: --bogus"),
    (["entries", "--year", "2026", "--month", "2026-01"],
     "argument --month: kan ikke bruges sammen med argumentet --year",
     "argument --month: not allowed with argument --year"),
    (["budget", "--year"], "argument --year: forventede ét argument", "argument --year: expected one argument"),
    (["entries", "--t", "x"], "tvetydigt tilvalg: --t kan være", "ambiguous option: --t could match"),
])
def test_argparse_errors_in_the_uis_language(cli, args, danish, english):
    result = cli(*args)
    assert result.code == 2 and danish in result.err and result.err.count("\n") == 1
    result = cli("--lang", "en", *args)
    assert result.code == 2 and english in result.err


@pytest.mark.parametrize("msgid", sorted(argparse_da.WORDS))
def test_each_word_is_argparses_own_and_translated(msgid):
    """The English of each word is argparse's msgid, letter for letter, and this Python's argparse
    still asks for it (a Python whose argparse words a message otherwise fails here)."""
    key = argparse_da.WORDS[msgid]
    danish, english = MESSAGES[key]
    assert english == msgid
    assert msgid in inspect.getsource(argparse)
    i18n.set_language("da")
    assert argparse_da.gettext(msgid) == danish
    i18n.set_language("en")
    assert argparse_da.gettext(msgid) == msgid


def test_plural_words():
    i18n.set_language("da")
    assert argparse_da.ngettext("expected %s argument", "expected %s arguments", 2) % 2 == "forventede 2 argumenter"
    assert argparse_da.ngettext("expected %s argument", "expected %s arguments", 1) % 1 == "forventede 1 argument"
    assert argparse_da.ngettext("a", "b", 2) == "b"  # unknown: argparse's own
    assert argparse_da.gettext("some word argparse may add") == "some word argparse may add"


def test_argparse_still_looks_its_words_up_where_we_hook_in():
    """argparse_da replaces argparse's module-level ``_`` and ``ngettext``: they must exist, and
    after a parser is built they are ours."""
    source = inspect.getsource(argparse)
    assert "from gettext import gettext as _, ngettext" in source or "def _(message)" in source
    build_parser("host")
    assert argparse._ is argparse_da.gettext and argparse.ngettext is argparse_da.ngettext


# --- every option has a help text ----------------------------------------------------------------

def _parsers(parser: argparse.ArgumentParser, name: str = "logbog"):
    """Every parser of the command line with its command words. argparse has no public list of a
    parser's actions: ``_actions`` and the subparsers' ``_choices_actions`` (their help lines)."""
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helped = {choice.dest: choice.help for choice in action._choices_actions}
            for word, child in action.choices.items():
                assert helped.get(word), f"{name} {word} has no help text"
                yield from _parsers(child, f"{name} {word}")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_option_and_argument_has_a_help_text(lang):
    i18n.set_language(lang)
    missing = []
    parsers = list(_parsers(build_parser()))
    assert len(parsers) > 20
    for name, parser in parsers:
        for action in parser._actions:
            if action.help is argparse.SUPPRESS or not (action.help or "").strip():
                missing.append(f"{name} {'/'.join(action.option_strings) or action.metavar or action.dest}")
            elif action.help.startswith(("cli.", "argparse.")):  # a key without a message
                missing.append(f"{name} {action.help}")
    assert not missing


# --- no colour ----------------------------------------------------------------------------------

def _on_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """Run ``logbog ARGS`` with standard output and error on a pseudo-terminal; what it wrote."""
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "logbog_tui", *args], stdin=subprocess.DEVNULL, stdout=child,
                            stderr=child, env=env)
    os.close(child)
    out = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal closed with the child
            break
        if not chunk:
            break
        out += chunk
    os.close(main)
    assert proc.wait(timeout=120) in (0, 2)
    return out


@pytest.mark.parametrize("no_color", [True, False])
def test_the_command_line_never_writes_colour(db_path, no_color):
    """The CLI writes plain text on a terminal too (so NO_COLOR has nothing to turn off), and
    control characters in stored text are shown, not sent (tested in test_cli_entries)."""
    add_leader(db_path)
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm-256color", COLORTERM="truecolor", **({"NO_COLOR": "1"} if no_color else {}))
    db = ["--db", str(db_path)]
    for args in (["--help"], [*db, "log", "1,5", "--area", "PL4"], [*db, "budget"], [*db, "entries"],
                 [*db, "entries", "--bogus"]):
        out = _on_a_terminal(args, env)
        assert out.strip() and b"\x1b" not in out, (args, out[:200])


def test_the_tui_draws_without_colour_under_no_color(db_path, monkeypatch):
    """Textual reads NO_COLOR itself (any value) and then draws the app in greyscale."""
    from logbog_tui.storage.db import connect
    from logbog_tui.tui.app import LogbogApp

    monkeypatch.setenv("NO_COLOR", "1")
    assert LogbogApp(connect(db_path), db_path).no_color is True
    monkeypatch.delenv("NO_COLOR")
    assert LogbogApp(connect(db_path), db_path).no_color is False


def test_help_through_a_pipe_is_plain(db_path):
    result = run_subprocess(["--db", str(db_path), "--help"], env_extra={"FORCE_COLOR": "1", "TERM": "xterm"})
    assert result.returncode == 0 and "\x1b" not in result.stdout


def test_the_readme_command_table_names_every_command():
    """Every command and subcommand of the parser has its row in README.md's command table."""
    import argparse
    from pathlib import Path

    from logbog_tui.cli import build_parser

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `logbog ")]

    def commands(parser: argparse.ArgumentParser) -> dict:
        return next((a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)), {})

    missing = []
    for name, sub in commands(build_parser()).items():
        words = [f"{name} {inner}" for inner in commands(sub)] or [name]
        missing += [w for w in words if not any(f"logbog {w}" in row for row in rows)]
    assert not missing

"""``logbog``: the command line beside the TUI.

``logbog [--db PATH] [--lang da|en] COMMAND ...``; without a command it opens the TUI.
Exit status: 0 done, 2 bad argument or input, 1 refused database or failed check.
No traceback reaches the user: it goes to the log file in the data folder.
"""

from __future__ import annotations

import argparse
import os
import sys

from logbog_tui import i18n
from logbog_tui.errors import UserError
from logbog_tui.i18n import t

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: `logbog host` stays quick
if TYPE_CHECKING:
    from typing import NoReturn


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit status 2
        self.exit(2, f"logbog: {message} ({t('cli.see_help')})\n")

    def _get_formatter(self) -> argparse.HelpFormatter:
        # argparse makes a formatter on every add_argument, and a formatter without a width
        # imports shutil for the terminal's width (~2 ms of `logbog host`): the same width here.
        return self.formatter_class(prog=self.prog, width=_terminal_width() - 2)


class _Version(argparse.Action):
    """``--version``: the installed package's version, looked up only when asked for (the lookup
    imports ``importlib.metadata``, which ``logbog host`` must not pay for)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None) -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        sys.stdout.write(f"logbog {version()}\n")
        parser.exit(0)


def version() -> str:
    """The version of the installed ``logbog-tui`` (pyproject.toml's ``version``)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("logbog-tui")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "?"


def _terminal_width() -> int:
    """The terminal's columns as ``shutil.get_terminal_size()`` finds them: ``COLUMNS``, else the
    terminal on standard output, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


def build_parser(command: str | None = None, tui: bool = False) -> argparse.ArgumentParser:
    """The whole command line; for ``command="host"`` only that command is registered: the quick
    lookup answers in less time than registering every command takes (docs/performance.md). The
    one command's parser is the same, so its options, help and errors are the same. With ``tui``
    (nothing on the command line but ``--db`` and ``--lang``) no command is registered: the TUI
    starts without importing every command's module first (~25 ms)."""
    from logbog_tui.cli import argparse_da

    argparse_da.install()  # argparse's own words ("usage:", "options") in the UI's language
    parser = _Parser(prog="logbog", description=t("cli.description"))
    parser.add_argument("--version", action=_Version, help=t("cli.opt.version"))
    parser.add_argument("--db", metavar="PATH", help=t("cli.opt.db"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=t("cli.opt.lang"))
    if tui:
        parser.set_defaults(command=None)
        return parser
    from logbog_tui.cli import commands

    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser, help=t("cli.command"))
    if command == "host":
        commands.register_host(sub)
    else:
        commands.register(sub)
    return parser


def _only_global_options(argv: list[str]) -> bool:
    """``argv`` holds nothing but ``--db PATH`` and ``--lang LANG`` (each with its value): the TUI."""
    i = 0
    while i < len(argv):
        if argv[i] in ("--db", "--lang") and i + 1 < len(argv):
            i += 2
        elif argv[i].startswith(("--db=", "--lang=")):
            i += 1
        else:
            return False
    return True


def _command_word(argv: list[str]) -> str | None:
    """The command ``argv`` names when it is plainly written (the global options spelt out in full),
    else None (the whole parser then decides)."""
    i = 0
    while i < len(argv):
        if argv[i] in ("--db", "--lang"):
            i += 2
        elif argv[i].startswith(("--db=", "--lang=")):
            i += 1
        else:
            return None if argv[i].startswith("-") else argv[i]
    return None


def _early_language(argv: list[str]) -> None:
    lang = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    try:
        i18n.set_language(lang)
    except ValueError:
        i18n.set_language("da")


class _Visible:
    """Standard output or error whose text shows control characters as ``\\u001b``: stored data
    (a ticket title with an escape sequence) cannot set the terminal's title or clear it. JSON
    stays valid (and decodes to the same text); binary output (``.buffer``) is untouched."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        from logbog_tui.service.text import visible

        return self._stream.write(visible(text))

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _early_language(argv)
    out, err = sys.stdout, sys.stderr
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: list[str]) -> int:
    try:
        try:
            args = build_parser(_command_word(argv), tui=_only_global_options(argv)).parse_args(argv)
        except SystemExit as exc:  # --help, or a bad argument (already reported in one line)
            return exc.code if isinstance(exc.code, int) else 2
        if args.command is None:
            import gc

            gc.disable()  # no collections while the TUI's libraries are imported (~40 ms)
            try:
                from logbog_tui.cli.common import db_path
                from logbog_tui.storage.dbfile import check_ahead

                path = db_path(args)
                ahead = check_ahead(path)  # the file's full check, while the TUI's libraries load
                from logbog_tui.tui.app import run_tui

                code = run_tui(path, ahead)
            finally:
                gc.enable()  # (run_tui froze what was imported first)
            leave(code)
        sys.stdout, sys.stderr = _Visible(sys.stdout), _Visible(sys.stderr)
        return args.handler(args)
    except UserError as exc:
        print(f"logbog: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: log it, say one line
        from logbog_tui.failures import explain

        line = explain(exc)  # a held lock, a full disk, a read-only place: the user can fix it
        if line is None:
            return report_crash()
        print(f"logbog: {line}", file=sys.stderr)
        return 1


def leave(code: int) -> NoReturn:
    """End the process at once after the TUI has closed the database: Python's own teardown of
    everything the TUI imported (Textual, SQLAlchemy, pydantic) takes ~0.3 s more before the
    shell's prompt returns, and has nothing left to do: the database and its lock are closed by
    ``run_tui``, the log file and the standard streams are flushed here."""
    import logging

    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    os._exit(code)


def report_crash() -> int:
    """Log the current exception's traceback to the log file; tell the user one line."""
    try:
        from logbog_tui.logfile import logger
        from logbog_tui.paths import log_path

        logger().exception("unexpected error")
        where = str(log_path())
    except Exception:  # noqa: BLE001 - even the log failed; still no traceback to the user
        where = "?"
    print(f"logbog: {t('error.unexpected', path=where)}", file=sys.stderr)
    return 1

"""``logbog``: the command line beside the TUI.

``logbog [--db PATH] [--lang da|en] COMMAND ...``; without a command it opens the TUI.
Exit status: 0 done, 2 bad argument or input, 1 refused database or failed check.
No traceback reaches the user: it goes to the log file in the data folder.
"""

from __future__ import annotations

import argparse
import sys

from logbog_tui import i18n
from logbog_tui.errors import UserError
from logbog_tui.i18n import t


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit status 2
        self.exit(2, f"logbog: {message} ({t('cli.see_help')})\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; for ``command="host"`` only that command is registered: the quick
    lookup answers in less time than registering every command takes (docs/performance.md). The
    one command's parser is the same, so its options, help and errors are the same."""
    from logbog_tui.cli import commands

    parser = _Parser(prog="logbog", description=t("cli.description"))
    parser.add_argument("--db", metavar="PATH", help=t("cli.opt.db"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help=t("cli.opt.lang"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    if command == "host":
        commands.register_host(sub)
    else:
        commands.register(sub)
    return parser


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
            args = build_parser(_command_word(argv)).parse_args(argv)
        except SystemExit as exc:  # --help, or a bad argument (already reported in one line)
            return exc.code if isinstance(exc.code, int) else 2
        if args.command is None:
            from logbog_tui.tui.app import run_tui

            from logbog_tui.cli.common import db_path

            return run_tui(db_path(args))
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

"""``logbog history`` and ``logbog undo``: the journal of changes (logbog_tui/storage/journal.py)."""

from __future__ import annotations

import sys
from logbog_tui.cli.common import open_database, print_json
from logbog_tui.errors import NotDone, UserError
from logbog_tui.i18n import t


def register(sub) -> None:
    p = sub.add_parser("history", help=t("cli.history.help"), description=t("cli.history.help"))
    p.add_argument("--limit", type=_limit, default=20, metavar="N", help=t("cli.history.limit"))
    p.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    p.set_defaults(handler=cmd_history)
    p = sub.add_parser("undo", help=t("cli.undo.help"), description=t("cli.undo.help"))
    p.add_argument("--yes", action="store_true", help=t("cli.undo.yes"))
    p.set_defaults(handler=cmd_undo)


def _limit(text: str) -> int:
    import argparse

    if not text.isdigit() or not 1 <= int(text) <= 10_000:
        raise argparse.ArgumentTypeError(t("cli.history.bad_limit", text=text))
    return int(text)


def cmd_history(args) -> int:
    from logbog_tui.storage import journal
    from logbog_tui.storage.journal import describe

    entries = journal.history(open_database(args), args.limit)
    if args.json:
        print_json([{"id": e.id, "at": e.at.strftime("%Y-%m-%d %H:%M:%S"), "who": e.who, "origin": e.origin,
                     "what": e.what or "change", "tables": list(e.tables), "changes": e.changes,
                     "undoable": e.undoable, "undoes": e.undoes, "undone_by": e.undone_by} for e in entries])
        return 0
    if not entries:
        print(t("history.empty"))
    for entry in entries:
        print(describe(entry))
    return 0


def cmd_undo(args) -> int:
    from logbog_tui.storage import journal
    from logbog_tui.storage.journal import describe

    conn = open_database(args, write=True)
    entry = journal.newest_undoable(conn)
    if entry is None:
        raise NotDone("undo.nothing_at_all")
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("undo.needs_yes", line=describe(entry))
        answer = input(t("undo.ask", line=describe(entry)) + " " + t("cli.ask_yes_no") + " ").strip().casefold()
        if answer not in ("j", "ja", "y", "yes"):
            print(t("undo.kept"))
            return 0
    journal.undo(conn, entry.id)
    print(t("undo.done", line=describe(journal.get(conn, entry.id))))
    return 0

"""``logbog dump``, ``logbog load`` and ``logbog report``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from logbog_tui import clock
from logbog_tui.errors import UserError
from logbog_tui.cli.common import db_path, open_database, write_output, year_arg
from logbog_tui.i18n import t


def register(sub) -> None:

    p = sub.add_parser("dump", help=t("cli.dump.help"), description=t("cli.dump.help"))
    p.add_argument("-o", "--output", metavar="FILE.json", help=t("cli.dump.output"))
    p.add_argument("--with-journal", action="store_true", help=t("cli.dump.with_journal"))
    p.add_argument("--force", action="store_true", help=t("cli.opt.force"))
    p.set_defaults(handler=cmd_dump)
    p = sub.add_parser("load", help=t("cli.load.help"), description=t("cli.load.help"))
    p.add_argument("file", metavar="FILE.json", help=t("cli.load.file"))
    p.set_defaults(handler=cmd_load)
    p = sub.add_parser("backup", help=t("cli.backup.help"), description=t("cli.backup.help"))
    p.add_argument("dest", nargs="?", metavar="DEST", help=t("cli.backup.dest"))
    p.set_defaults(handler=cmd_backup)
    p = sub.add_parser("restore", help=t("cli.restore.help"), description=t("cli.restore.help"))
    p.add_argument("file", metavar="FILE", help=t("cli.restore.file"))
    p.set_defaults(handler=cmd_restore)
    p = sub.add_parser("report", help=t("cli.report.help"), description=t("cli.report.help"))
    p.add_argument("--year", type=year_arg, metavar="YYYY", help=t("cli.opt.year"))
    p.add_argument("--format", choices=("md", "csv", "xlsx", "json"), default="md", help=t("cli.report.format"))
    p.add_argument("-o", "--output", metavar="FILE|DIR", help=t("cli.report.output"))
    p.add_argument("--section", type=_section, metavar="NAME", help=t("report.opt.section"))
    p.add_argument("--excel", action="store_true", help=t("report.opt.excel"))
    p.add_argument("--force", action="store_true", help=t("cli.opt.force"))
    p.set_defaults(handler=cmd_report)
    p = sub.add_parser("setting", help=t("cli.setting.help"), description=t("cli.setting.help"))
    p.add_argument("key", nargs="?", metavar="KEY", help=t("cli.setting.key"))
    p.add_argument("value", nargs="?", metavar="VALUE", help=t("cli.setting.value"))
    p.set_defaults(handler=cmd_setting)


def cmd_setting(args) -> int:
    from logbog_tui.storage import settings

    conn = open_database(args, write=args.value is not None)  # a change: the full start check first
    if args.key is None:
        shown = settings.shown(conn)
        width = max(map(len, shown))
        for key, value in shown.items():
            print(f"{key:<{width}} {value:<22} {t(f'setting.about.{key}')}")
        return 0
    if args.value is None:
        if args.key not in settings.EDITABLE:
            raise UserError("setting.unknown", name=args.key, keys=", ".join(settings.EDITABLE))
        print(settings.shown(conn)[args.key])
        return 0
    shown = settings.change(conn, args.key, args.value, clock.today())
    print(t("setting.saved", name=args.key, value=shown))
    return 0




def cmd_dump(args) -> int:
    from logbog_tui.storage.portability import dumps

    write_output(dumps(open_database(args), args.with_journal).encode("utf-8"), args.output, args.force)
    return 0


def cmd_load(args) -> int:
    from logbog_tui.storage.portability import load

    try:
        data = json.loads(Path(args.file).expanduser().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError("load.unreadable", path=args.file, error=exc) from None
    counts = load(open_database(args, write=True), data)
    print(t("load.done", rows=sum(counts.values()), tables=len(counts)))
    return 0


def _section(text: str) -> str:
    """argparse type for ``--section``: a section key of the report (checked when given)."""
    import argparse

    from logbog_tui.report_render import SECTIONS

    if text not in SECTIONS:
        raise argparse.ArgumentTypeError(t("report.bad_section", text=text, sections=", ".join(SECTIONS)))
    return text


def cmd_report(args) -> int:
    from logbog_tui.report import annual
    from logbog_tui.report_render import csv_files, csv_table, render, write_folder

    year = args.year or clock.today().year
    if args.format != "csv":
        for given, option in ((args.section, "--section"), (args.excel, "--excel")):
            if given:
                raise UserError("report.only_csv", option=option)
    if args.format == "xlsx" and not args.output:
        raise UserError("report.xlsx_needs_file")
    if args.format == "csv" and not args.section and not args.output:
        from logbog_tui.report_render import SECTIONS

        raise UserError("report.csv_needs_target", sections=", ".join(SECTIONS))
    report = annual(open_database(args), year, clock.today())
    if args.format != "csv":
        write_output(render(report, args.format), args.output, args.force)
    elif args.section:
        write_output(csv_table(report, args.section, args.excel), args.output, args.force)
    else:
        folder = Path(args.output).expanduser()
        written = write_folder(csv_files(report, args.excel), folder, args.force)
        print(t("report.folder_written", count=len(written), path=folder), file=sys.stderr)
    return 0


def cmd_backup(args) -> int:
    from datetime import datetime

    from logbog_tui.storage.backup import make, series_name

    path = db_path(args)
    if args.dest:
        dest = Path(args.dest).expanduser()
        if dest.is_dir():
            dest = dest / f"{path.stem}-{datetime.now().strftime('%Y%m%d-%H%M%S')}.db"
        if dest.exists() or dest.is_symlink():
            raise UserError("backup.exists", path=dest)
    else:
        dest = series_name(path, "manual")
    print(t("backup.done", path=make(open_database(args, write=True), dest)))  # a damaged file: its message
    return 0


def cmd_restore(args) -> int:
    from logbog_tui.storage.backup import restore

    path = db_path(args)
    aside = restore(Path(args.file).expanduser(), path)
    if aside is None:
        print(t("backup.restored_new", path=path, source=args.file))
    else:
        print(t("backup.restored", path=path, source=args.file, aside=aside))
    return 0

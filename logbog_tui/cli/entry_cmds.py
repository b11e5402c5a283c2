"""``logbog entries`` (list time entries, ``--json``/``--csv``) and ``logbog entry edit|delete``.

An entry is edited through the same input model and storage function as the TUI's edit (``e`` on
the hours list, tui/hours.py): :class:`~logbog_tui.storage.timelog.LogInput` checks what is given
(unchanged fields keep their stored values) and :func:`~logbog_tui.storage.timelog.update` saves it,
so the rules and the messages are the same. A deletion is one change in the journal: ``logbog
undo`` brings the entry back.
"""

from __future__ import annotations

import argparse
import re
import shlex
import sys
from datetime import date, timedelta

from logbog_tui import clock
from logbog_tui.cli.common import date_arg, open_database, print_json, write_output, year_arg
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_minutes, t

# The columns of ``entries --csv`` and the keys of each entry in ``--json``, in this order
# (docs/data-format.md; ``logbog import`` reads the same shape back).
COLUMNS = ("id", "date", "person", "person_id", "hours", "area_code", "area_name", "task", "task_id", "support",
           "on_behalf_of", "note", "covers")


def register(sub) -> None:
    p = sub.add_parser("entries", help=t("cli.entries.help"), description=t("cli.entries.description"))
    p.add_argument("--from", dest="start", metavar="DATE", help=t("cli.entries.from"))
    p.add_argument("--to", dest="end", metavar="DATE", help=t("cli.entries.to"))
    period = p.add_mutually_exclusive_group()
    period.add_argument("--year", type=_year, metavar="YYYY", help=t("cli.entries.year"))
    period.add_argument("--month", type=_month, metavar="YYYY-MM", help=t("cli.entries.month"))
    period.add_argument("--week", type=_week, metavar="YYYY-Www", help=t("cli.entries.week"))
    p.add_argument("--person", metavar="NAME", help=t("cli.entries.person"))
    p.add_argument("--area", metavar="AREA", help=t("cli.entries.area"))
    p.add_argument("--task", metavar="TASK", help=t("cli.entries.task"))
    p.add_argument("--support", action=argparse.BooleanOptionalAction, help=t("cli.entries.support"))
    shape = p.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help=t("cli.entries.json"))
    shape.add_argument("--csv", action="store_true", help=t("cli.entries.csv"))
    p.add_argument("--excel", action="store_true", help=t("report.opt.excel"))
    p.set_defaults(handler=cmd_entries)

    p = sub.add_parser("entry", help=t("cli.entry.help"), description=t("cli.entry.help"))
    esub = p.add_subparsers(dest="entry_command", metavar="edit|delete", required=True, parser_class=p.__class__,
                            help=t("cli.subcommand"))
    e = esub.add_parser("edit", help=t("cli.entry.edit"), description=t("cli.entry.edit_description"))
    e.add_argument("id", type=_entry_id, metavar="ID", help=t("cli.entry.id"))
    e.add_argument("--hours", metavar="HOURS", help=t("cli.log.hours"))
    e.add_argument("--date", metavar="DATE", help=t("cli.entry.date"))
    which = e.add_mutually_exclusive_group()
    which.add_argument("--area", metavar="AREA", help=t("cli.log.area"))
    which.add_argument("--task", metavar="TASK", help=t("cli.log.task"))
    e.add_argument("--person", metavar="NAME", help=t("cli.entry.person"))
    e.add_argument("--for", dest="on_behalf", metavar="NAME", help=t("cli.entry.for"))
    e.add_argument("--note", metavar="TEXT", help=t("cli.entry.note"))
    e.add_argument("--support", action=argparse.BooleanOptionalAction, help=t("cli.entry.support"))
    e.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    e.set_defaults(handler=cmd_edit)
    d = esub.add_parser("delete", help=t("cli.entry.delete"), description=t("cli.entry.delete_description"))
    d.add_argument("id", type=_entry_id, metavar="ID", help=t("cli.entry.id"))
    d.add_argument("--yes", action="store_true", help=t("cli.entry.yes"))
    d.set_defaults(handler=cmd_delete)


# --- argument types ---------------------------------------------------------------------------

def _entry_id(text: str) -> int:
    if not text.strip().lstrip("#").isdigit():
        raise argparse.ArgumentTypeError(t("cli.entry.bad_id", text=text))
    return int(text.strip().lstrip("#"))


def _year(text: str) -> tuple[date, date]:
    year = year_arg(text)
    return date(year, 1, 1), date(year, 12, 31)


def _month(text: str) -> tuple[date, date]:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise argparse.ArgumentTypeError(t("cli.entries.bad_month", text=text))
    start = date(int(match[1]), int(match[2]), 1)
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start, following - timedelta(days=1)


def _week(text: str) -> tuple[date, date]:
    match = re.fullmatch(r"(\d{4})-?[Ww](\d{1,2})", text.strip())
    try:
        if not match:
            raise ValueError(text)
        start = date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise argparse.ArgumentTypeError(t("cli.entries.bad_week", text=text)) from None
    return start, start + timedelta(days=6)


# --- entries ----------------------------------------------------------------------------------

def hours(minutes: int) -> float:
    """Hours as JSON and CSV give them: a number with at most two decimals (minutes / 60)."""
    return round(minutes / 60, 2)


def entry_json(r) -> dict:
    """One entry (a :class:`~logbog_tui.storage.entries.EntryRecord`) under the keys of ``COLUMNS``."""
    return {"id": r.id, "date": r.day.isoformat(), "person": r.person, "person_id": r.person_id,
            "hours": hours(r.minutes), "area_code": r.area_code, "area_name": r.area_name, "task": r.task,
            "task_id": r.task_id, "support": r.is_support, "on_behalf_of": r.on_behalf_of, "note": r.note,
            "covers": r.covers}


def _period(args, today: date) -> tuple[date, date]:
    """The period asked for: ``--year``/``--month``/``--week``, narrowed by ``--from``/``--to``;
    only ``--from``/``--to``: from that day on, or up to it; nothing: this year."""
    if args.year or args.month or args.week:
        start, end = args.year or args.month or args.week
    elif args.start or args.end:
        start, end = date.min, date.max
    else:
        start, end = date(today.year, 1, 1), date(today.year, 12, 31)
    if args.start:
        start = max(start, date_arg(args.start, today))
    if args.end:
        end = min(end, date_arg(args.end, today))
    if start > end:
        raise UserError("cli.entries.empty_period", start=fmt_date(start), end=fmt_date(end))
    return start, end


def cmd_entries(args) -> int:
    from logbog_tui.storage import names
    from logbog_tui.storage.entries import EntryFilter, records

    today = clock.today()
    start, end = _period(args, today)
    if args.excel and not args.csv:
        raise UserError("cli.entries.excel_only_csv")
    conn = open_database(args)
    f = EntryFilter(start, end, support=args.support,
                    person_id=names.resolve_person(conn, args.person).id if args.person else None,
                    area_id=names.resolve_area(conn, args.area).id if args.area else None,
                    task_id=names.resolve_task(conn, args.task).id if args.task else None)
    rows = records(conn, f)
    total = sum(r.minutes for r in rows)
    if args.json:
        print_json({"entries": [entry_json(r) for r in rows], "total_hours": hours(total)})
        return 0
    if args.csv:
        from logbog_tui.report_render import csv_bytes

        data = [entry_json(r) for r in rows]
        write_output(csv_bytes(list(COLUMNS), [[e[c] for c in COLUMNS] for e in data], excel=args.excel), None, False)
        return 0
    _print_entries(rows)
    support = sum(r.minutes for r in rows if r.is_support)
    period = fmt_date(start) if start == end else t("cli.entries.period", start=_shown(start), end=_shown(end))
    print(t("cli.entries.total", count=len(rows), hours=fmt_minutes(total), period=period,
            support=t("cli.entries.of_which_support", hours=fmt_minutes(support)) if support else ""))
    return 0


def _shown(day: date) -> str:
    return "…" if day in (date.min, date.max) else fmt_date(day)


def _print_entries(rows) -> None:
    if not rows:
        return
    width = min(max(len(r.person) for r in rows), 24)
    print(f"{'#':>6}  {t('col.date'):<10}  {t('col.person'):<{width}}  {t('col.hours'):>8}  {t('col.area')}")
    for r in rows:
        tail = [f"#{r.task_id} {r.task}" if r.task_id is not None else ""]
        if r.on_behalf_of:
            tail.append(t("cli.entries.on_behalf", member=r.on_behalf_of))
        if r.is_support:
            tail.append(t("cli.entries.support_mark"))
        if r.note:
            tail.append(r.note.replace("\n", " "))
        print(f"{r.id:>6}  {fmt_date(r.day)}  {r.person[:width]:<{width}}  {fmt_minutes(r.minutes):>8}  "
              f"{r.area_code:<4} {' · '.join(x for x in tail if x)}".rstrip())


# --- entry edit, entry delete ------------------------------------------------------------------

def _entry(conn, entry_id: int):
    from logbog_tui.storage.entries import record

    found = record(conn, entry_id)
    if found is None:
        raise UserError("cli.entry.no_such", id=entry_id)
    return found


def _line(r) -> str:
    """An entry in one line: ``#12 1,5 t for Lone Leder 25.11.2026 på PL4 (support)``."""
    return t("cli.entry.line", id=r.id, hours=fmt_minutes(r.minutes), person=r.person, date=fmt_date(r.day),
             area=r.area_code, task=f" #{r.task_id}" if r.task_id is not None else "",
             support=t("log.support_mark") if r.is_support else "")


def cmd_edit(args) -> int:
    from logbog_tui.storage import timelog

    today = clock.today()
    conn = open_database(args, write=True)
    old = _entry(conn, args.id)
    given = {"hours": args.hours, "date": args.date, "person": args.person, "note": args.note,
             "support": args.support}
    if not any(v is not None for v in (*given.values(), args.area, args.task, args.on_behalf)):
        raise UserError("cli.entry.nothing_to_change")
    # what is not given keeps its stored value; the stored ones pass the checks as they are
    values = {"hours": old.minutes, "date": old.day, "person": old.person_id, "note": old.note,
              "support": old.is_support, **{k: v for k, v in given.items() if v is not None}}
    if args.on_behalf is not None:
        values["for"] = args.on_behalf
    elif args.person is None:  # another person: on whose behalf is worked out again, as when logging
        values["for"] = old.on_behalf_of_id
    if args.task is not None:
        values["task"] = args.task
    elif args.area is not None:
        values["area"] = args.area
    else:
        values["target"] = (old.area_id, old.task_id)
    values["covers"] = "month" if old.covers == "month" else None  # a month's figure keeps its own limit
    draft = timelog.LogInput.check(values, conn=conn, today=today).draft()
    timelog.update(conn, old.id, draft, today)
    new = _entry(conn, old.id)
    if args.json:
        print_json(entry_json(new))
    else:
        print(t("cli.entry.saved", line=_line(new)))
    return 0


def cmd_delete(args) -> int:
    from logbog_tui.storage import timelog

    conn = open_database(args, write=True)
    old = _entry(conn, args.id)
    line = _line(old)
    if not args.yes:
        if not sys.stdin.isatty():
            db = f"--db {shlex.quote(args.db)} " if args.db else ""
            raise UserError("cli.entry.delete_needs_yes", line=line, command=f"logbog {db}entry delete {old.id} --yes")
        answer = input(t("cli.entry.delete_ask", line=line) + " ").strip().casefold()
        if answer not in ("j", "ja", "y", "yes"):
            print(t("cli.entry.kept"))
            return 0
    timelog.delete(conn, old.id)
    print(t("cli.entry.deleted", line=line))
    return 0

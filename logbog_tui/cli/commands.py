"""The CLI's commands: argument definitions and handlers."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from logbog_tui import clock
from logbog_tui.cli.common import date_arg, open_database, print_json, year_arg
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_hours, say, t
from logbog_tui.service import Problem


def register(sub) -> None:
    p = sub.add_parser("check", help=t("cli.check.help"), description=t("cli.check.help"))
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("demo", help=t("cli.demo.help"), description=t("cli.demo.help"))
    p.add_argument("--years", type=_years, default=3, metavar="N", help=t("cli.demo.years"))
    p.set_defaults(handler=cmd_demo)

    register_host(sub)

    p = sub.add_parser("budget", help=t("cli.budget.help"), description=t("cli.budget.help"))
    p.add_argument("--year", type=year_arg, metavar="YYYY", help=t("cli.budget.year"))
    p.add_argument("--on", metavar="DATE", help=t("cli.opt.on"))
    p.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    p.set_defaults(handler=cmd_budget)

    p = sub.add_parser("log", help=t("cli.log.help"), description=t("cli.log.help"))
    p.add_argument("hours", metavar="HOURS", help=t("cli.log.hours"))
    which = p.add_mutually_exclusive_group()
    which.add_argument("--area", metavar="AREA", help=t("cli.log.area"))
    which.add_argument("--task", metavar="TASK", help=t("cli.log.task"))
    p.add_argument("--date", metavar="DATE", help=t("cli.log.date"))
    p.add_argument("--person", metavar="NAME", help=t("cli.log.person"))
    p.add_argument("--for", dest="on_behalf", metavar="NAME", help=t("cli.log.for"))
    p.add_argument("--support", action="store_true", help=t("cli.log.support"))
    p.add_argument("--note", metavar="TEXT", help=t("cli.log.note"))
    p.add_argument("--json", action="store_true", help=t("cli.log.json"))
    p.set_defaults(handler=cmd_log)

    from logbog_tui.cli import (data_cmds, entry_cmds, import_cmds, journal_cmds, meeting_cmds, register_cmds,
                                ticket_cmds)

    entry_cmds.register(sub)
    meeting_cmds.register(sub)
    ticket_cmds.register(sub)
    data_cmds.register(sub)
    journal_cmds.register(sub)
    from logbog_tui.cli import people_cmds  # person, appoint, substitute, membership, composition
    people_cmds.register(sub)
    import_cmds.register(sub)
    register_cmds.register(sub)
    from logbog_tui.cli import economy_cmds

    economy_cmds.register(sub)
    from logbog_tui.cli import development_cmds  # item, release (the development backlog)
    development_cmds.register(sub)

    p = sub.add_parser("completion", help=t("cli.completion.help"), description=t("cli.completion.description"))
    p.add_argument("shell", choices=("bash", "zsh", "fish"), help=t("cli.completion.shell"))
    p.set_defaults(handler=cmd_completion)


def _years(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 40:
        raise argparse.ArgumentTypeError(t("cli.demo.bad_years"))
    return int(text)


# --- check, demo ----------------------------------------------------------------------------

def cmd_check(args) -> int:
    from logbog_tui.cli.common import db_path
    from logbog_tui.storage.db import check

    conn = open_database(args)
    report = check(conn)
    ok = report["integrity"] == ["ok"] and report["foreign_key_problems"] == 0
    print(t("check.file", path=db_path(args)))
    print(t("check.version", version=report["user_version"], app_id=hex(report["application_id"]),
            journal=report["journal_mode"]))
    print(t("check.tables", count=len(report["tables"])))
    print(t("check.integrity", result="; ".join(report["integrity"][:5])))
    print(t("check.foreign_keys", count=report["foreign_key_problems"]))
    print(t("check.ok") if ok else t("check.failed"))
    return 0 if ok else 1


def cmd_demo(args) -> int:
    from logbog_tui.storage.demo import fill

    conn = open_database(args, write=True)
    stats = fill(conn, years=args.years, today=clock.today())
    print(t("demo.done", people=stats["people"], meetings=stats["meetings"], entries=stats["entries"],
            tickets=stats["tickets"], tasks=stats["tasks"], years=args.years))
    return 0


def cmd_completion(args) -> int:
    """The shell's completion script, made by shtab from the whole parser (every command, option
    and choice; the help texts in the UI's language as descriptions where the shell shows them)."""
    import shtab

    from logbog_tui.cli import build_parser

    parser = build_parser()
    _complete_files(parser, shtab)
    print(shtab.complete(parser, shell=args.shell))
    return 0


def _complete_files(parser, shtab) -> None:
    """Options and arguments that name a file complete file names (shtab's ``complete`` attribute),
    in every command; a command's menu entry is its one-line help (shtab prefers a parser's
    description, some of which are paragraphs). argparse has no public list of a parser's actions
    and subcommands: this walks ``_actions`` and the subcommands' parsers, as shtab itself does."""
    for action in parser._actions:
        if action.dest in ("db", "output", "file", "dest"):
            action.complete = shtab.FILE
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                child.description = None
                _complete_files(child, shtab)


# --- host, budget ---------------------------------------------------------------------------

def register_host(sub) -> None:
    """``logbog host``: also registered alone, for the quick lookup (``cli.build_parser("host")``)."""
    p = sub.add_parser("host", help=t("cli.host.help"), description=t("cli.host.help"))
    p.add_argument("--on", metavar="DATE", help=t("cli.opt.on"))
    p.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    p.set_defaults(handler=cmd_host)


def cmd_host(args) -> int:
    # The quick path: the rotation's inputs read with the standard library (storage/quick.py), so
    # that this command never imports the ORM (tests/test_import_hygiene.py, docs/performance.md).
    from logbog_tui.i18n import say
    from logbog_tui.storage import quick

    today = clock.today()
    day = date_arg(args.on, today) if args.on is not None else today  # the date parser only for --on
    answer = quick.current_host(open_database(args), day)
    if answer is None:
        raise UserError("host.no_regions", date=fmt_date(day))
    reason = say(answer.reason)
    if args.json:
        print_json({"region_code": answer.region.code, "region_name": answer.region.name,
                     "meeting_date": answer.meeting_date.isoformat() if answer.meeting_date else None,
                     "source": answer.source, "reason": reason})
        return 0
    key = "host.line_planned" if answer.source == "planned" else "host.line_rotation"
    print(t(key, region=answer.region.name, reason=reason))
    return 0


def _num(hours: float) -> float:
    return round(hours, 2)


def leadership_json(ov) -> dict:
    """Project leadership's budget under the keys of ``budget --json``."""
    pl = ov.leadership
    return {"budget": _num(pl.budget), "used": _num(pl.used), "remaining": _num(pl.remaining),
            "expected_to_date": _num(pl.expected_to_date), "forecast": _num(pl.forecast), "status": pl.status,
            "planned": _num(ov.leadership_planned)}


def member_json(m) -> dict:
    """A member's budget under the keys of ``budget --json``."""
    return {"person": m.person, "person_id": m.person_id, "days_held": m.days, "budget": _num(m.budget),
            "used": _num(m.used), "support": _num(m.support), "substitutes": _num(m.substitutes),
            "remaining": _num(m.remaining), "expected_to_date": _num(m.expected_to_date),
            "forecast": _num(m.forecast), "planned": _num(m.planned), "status": m.status}


def cmd_budget(args) -> int:
    from logbog_tui.overview import budget_overview
    from logbog_tui.service.budget import as_of_for

    today = clock.today()
    conn = open_database(args)
    on = date_arg(args.on, today, conn) if args.on else None
    year = args.year or (on.year if on else today.year)
    as_of = on or as_of_for(year, today)
    ov = budget_overview(conn, year, as_of)
    if args.json:
        print_json({"year": year, "as_of": as_of.isoformat(), "project_leadership": leadership_json(ov),
                    "members": [member_json(m) for m in ov.members]})
        return 0
    from logbog_tui.cli.budget_text import print_budget

    print_budget(ov)
    return 0


# --- log ------------------------------------------------------------------------------------

def _moved(conn, saved, person_id: int, day: date, today: date):
    """The budget overview of the saved entry's year as of today (or the edge of that year), and
    the member whose budget it counts toward (None for project leadership, or for nobody)."""
    from logbog_tui.overview import budget_overview

    ov = budget_overview(conn, day.year, as_of_for_entry(day, today))
    if saved.area_scope == "projektledelse":
        return ov, None
    return ov, ov.member_for(conn, person_id, day, saved.on_behalf_of)


def _print_left(ov, member, saved) -> None:
    """What is left of the budget the saved entry counts toward."""
    from logbog_tui.overview import planned_note, status_words

    if saved.area_scope == "projektledelse":
        pl = ov.leadership
        print(t("log.left_leadership", left=fmt_hours(max(pl.remaining, 0)), budget=fmt_hours(pl.budget),
                status=status_words(pl.used, pl.budget, pl.status)) + planned_note(ov.leadership_planned))
        return
    if saved.is_support:
        print(t("log.support_not_counted"))
    if member is not None:
        print(t("log.left_member", person=member.person, left=fmt_hours(max(member.remaining, 0)),
                budget=fmt_hours(member.budget), status=status_words(member.used, member.budget, member.status))
              + planned_note(member.planned))
    else:
        print(t("log.not_in_member_budget"))


def _budget_json(ov, member, saved) -> dict | None:
    """The budget the saved entry moved, in the shape of ``budget --json`` with only that budget
    (``project_leadership``, or ``members`` with the one member; None: it counts toward no budget).
    ``counted``: the entry is in ``used`` (not when it is planned, after the as-of date, nor a
    member's support, which is shown beside the budget)."""
    in_time = saved.day <= ov.as_of
    if saved.area_scope == "projektledelse":
        return {"year": ov.year, "as_of": ov.as_of.isoformat(), "counted": in_time,
                "project_leadership": leadership_json(ov)}
    if member is None:
        return None
    return {"year": ov.year, "as_of": ov.as_of.isoformat(), "counted": in_time and not saved.is_support,
            "members": [member_json(member)]}


def cmd_log(args) -> int:
    from logbog_tui.storage import names, queries, timelog
    from logbog_tui.service.parse import parse_hours

    today = clock.today()
    try:
        parse_hours(args.hours)  # bad hours are refused before the file is opened (or made)
    except Problem as p:
        raise UserError(p.key, **p.params) from None
    conn = open_database(args, write=True)
    leader = None if args.person else names.project_leader(conn, today)
    entry = timelog.LogInput.check(
        {"hours": args.hours, "date": args.date, "person": args.person, "for": args.on_behalf, "task": args.task,
         "area": None if args.task else args.area, "note": args.note, "support": args.support},
        conn=conn, today=today, leader=leader.id if leader else None)
    person = leader or names.Named(entry.person, names.person_names(conn, [entry.person])[entry.person])
    day, minutes = entry.day, entry.minutes
    queries.check_settings(conn)  # a bad setting is refused now, not after the hours are saved
    saved = timelog.save(conn, entry.draft(), today)
    if not args.json:
        print(t("log.saved", id=saved.id, hours=fmt_hours(minutes / 60), person=person.label, date=fmt_date(day),
                area=saved.area_code, support=t("log.support_mark") if saved.is_support else ""))
    for warning in saved.warnings:
        print(t("log.warning_line", text=say(warning)), file=sys.stderr)
    moved = None
    try:  # the hours are committed: whatever happens in the summary, the command succeeded
        ov, member = _moved(conn, saved, person.id, day, today)
        if args.json:
            moved = _budget_json(ov, member, saved)
        else:
            _print_left(ov, member, saved)
    except BrokenPipeError:  # the reader stopped reading (| head): nothing more to say
        raise
    except Exception as exc:  # noqa: BLE001 - logged; a retrying script must not log twice
        from logbog_tui.logfile import logger

        logger().exception("summary after logging failed")
        print(t("log.summary_failed", reason=getattr(exc, "message", type(exc).__name__)), file=sys.stderr)
    if args.json:  # the entry as saved, and the budget it moved (null when that could not be read)
        from logbog_tui.cli.entry_cmds import entry_json
        from logbog_tui.storage.entries import record

        print_json({"entry": entry_json(record(conn, saved.id)), "budget": moved,
                    "warnings": [say(w) for w in saved.warnings]})
    return 0


def as_of_for_entry(day: date, today: date) -> date:
    """The as-of date of the budget an entry on ``day`` is shown against: today in this year (later
    entries are planned, not used), else the edge of the entry's year."""
    from logbog_tui.service.budget import as_of_for

    return as_of_for(day.year, today)

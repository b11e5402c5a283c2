"""``logbog timesheet`` (a member's sheet to fill in) and ``logbog import`` (hours from a filled-in
sheet, a CSV of ``logbog entries --csv``, a Timewarrior export or Watson's log).

Every import shows its plan first; ``--dry-run`` stops there, otherwise it asks ``[j/N]`` on a
terminal (``--yes`` without one). A row that cannot be placed is refused with its row and reason,
and then nothing is written. The write is one transaction: one change in ``logbog history``, one
``logbog undo``.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from logbog_tui import clock
from logbog_tui.cli.common import open_database, print_json, write_output, year_arg
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_minutes, say, t
from logbog_tui.service import Problem
from logbog_tui.service.import_formats import FORMATS


def register(sub) -> None:
    p = sub.add_parser("timesheet", help=t("cli.timesheet.help"), description=t("cli.timesheet.help"))
    p.add_argument("--person", metavar="NAME", required=True, help=t("cli.timesheet.person"))
    p.add_argument("--year", type=year_arg, metavar="YYYY", help=t("cli.timesheet.year"))
    p.add_argument("-o", "--output", metavar="FILE.xlsx", required=True, help=t("cli.timesheet.output"))
    p.add_argument("--force", action="store_true", help=t("cli.opt.force"))
    p.set_defaults(handler=cmd_timesheet)

    p = sub.add_parser("import", help=t("cli.import.help"), description=t("cli.import.help"))
    p.add_argument("file", metavar="FILE", help=t("cli.import.file"))
    p.add_argument("--format", choices=FORMATS, help=t("cli.import.format"))
    p.add_argument("--person", metavar="NAME", help=t("cli.import.person"))
    p.add_argument("--map", action="append", default=[], metavar="TAG=AREA", help=t("cli.import.map"))
    p.add_argument("--dry-run", action="store_true", help=t("cli.import.dry_run"))
    p.add_argument("--yes", action="store_true", help=t("cli.import.yes"))
    p.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    p.set_defaults(handler=cmd_import)


def cmd_timesheet(args) -> int:
    from logbog_tui import timesheet_file
    from logbog_tui.storage import names, timesheet

    conn = open_database(args)
    year = args.year or clock.today().year
    person = names.resolve_person(conn, args.person)
    facts = timesheet.facts(conn, person.id, year)
    write_output(timesheet_file.write(facts), args.output, args.force)
    print(t("timesheet.written", person=facts.person, year=year, path=args.output,
            budget=fmt_minutes(round(facts.budget * 60))))
    return 0


def _read(path: str) -> bytes:
    import stat

    file = Path(path).expanduser()
    try:
        if not stat.S_ISREG(file.stat().st_mode):
            raise UserError("file.not_regular", path=path)
        return file.read_bytes()
    except OSError as exc:
        raise UserError("import.unreadable", path=path, error=exc.strerror or type(exc).__name__) from None


def _plan(args, conn, data: bytes, kind: str):
    from logbog_tui.service import import_formats
    from logbog_tui.storage import imports, names, timesheet

    today = clock.today()
    if kind == "timesheet":
        from logbog_tui import timesheet_file

        if args.person or args.map:
            raise UserError("import.options_not_for", options="--person/--map", kind=t("import.kind.timesheet"))
        return timesheet.plan(conn, timesheet_file.read(data), today)
    if kind == "csv" and (args.person or args.map):
        raise UserError("import.options_not_for", options="--person/--map", kind=t("import.kind.csv"))
    reader = {"csv": import_formats.read_csv, "timewarrior": import_formats.read_timewarrior,
              "watson": import_formats.read_watson}[kind]
    read = reader(data)
    person = None
    if kind != "csv":
        who = names.resolve_person(conn, args.person) if args.person else names.project_leader(conn, today)
        if who is None:
            raise UserError("log.no_project_leader")
        person = who.id
    return imports.plan_rows(conn, kind, read, today, person=person, tag_map=imports.mapping(conn, args.map))


def cmd_import(args) -> int:
    from logbog_tui.service.import_formats import detect
    from logbog_tui.storage import imports

    data = _read(args.file)
    try:
        kind = args.format or detect(data)
        conn = open_database(args, write=not args.dry_run)
        plan = _plan(args, conn, data, kind)
    except Problem as p:
        raise UserError(p.key, **p.params) from None
    if not args.json:
        _show(plan)
    if plan.refused:
        if args.json:
            print_json(_as_json(plan, written=False))
        for refusal in plan.refused:
            print(t("import.line.refused", where=say(refusal.where), reason=say(refusal.reason)), file=sys.stderr)
        raise UserError("import.refused", count=len(plan.refused))
    out = sys.stderr if args.json else sys.stdout
    if not plan.changes or args.dry_run:
        if args.json:
            print_json(_as_json(plan, written=False))
        print(t("import.nothing") if not plan.changes else t("import.dry_run"), file=out)
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("import.needs_yes", line=_line(args))
        print(t("import.ask", count=len(plan.changes)), end=" ", file=out, flush=True)
        if sys.stdin.readline().strip().casefold() not in ("j", "ja", "y", "yes"):
            print(t("import.kept"), file=out)
            return 0
    count = imports.apply(conn, plan)
    if args.json:
        print_json(_as_json(plan, written=True))
    print(t("import.done", count=count), file=out)
    return 0


def _line(args) -> str:
    words = ["logbog", *(["--db", args.db] if args.db else []), "import", args.file]
    words += ["--format", args.format] if args.format else []
    words += ["--person", args.person] if args.person else []
    for pair in args.map:
        words += ["--map", pair]
    return shlex.join([*words, "--yes"])


def _when(change) -> str:
    return f"{change.day.month:02d}.{change.day.year}" if change.month else fmt_date(change.day)


def _show(plan) -> None:
    head = say(plan.title) if plan.title else t(f"import.kind.{plan.kind}")
    print(t("import.head", what=head))
    for note in plan.notes:
        print(t("import.line.note", text=say(note)))
    for c in plan.changes:
        area = f"{c.area_code}" + (f" #{c.task}" if c.task else "")
        extra = (t("import.support") if c.is_support else "") + (t("import.for", name=c.on_behalf) if c.on_behalf
                                                                 else "") + (f"  {c.note}" if c.note else "")
        print(t(f"import.line.{c.action}", where=say(c.where), date=_when(c), person=c.person, area=area,
                hours=fmt_minutes(c.minutes), before=fmt_minutes(c.before)) + extra)
    for s in plan.skipped:
        print(t("import.line.skipped", where=say(s.where), reason=say(s.reason)))
    if not plan.changes and not plan.skipped:
        return
    counts = {a: sum(1 for c in plan.changes if c.action == a) for a in ("add", "change", "remove")}
    print(t("import.summary", added=counts["add"], changed=counts["change"], removed=counts["remove"],
            skipped=len(plan.skipped), delta=("+" if plan.delta > 0 else "") + fmt_minutes(plan.delta)))


def _where(where) -> dict:
    """``{"row": 3}`` or ``{"cell": "D12"}``."""
    return dict(where.params)


def _as_json(plan, written: bool) -> dict:
    counts = {a: sum(1 for c in plan.changes if c.action == a) for a in ("add", "change", "remove")}
    return {
        "format": plan.kind, "title": say(plan.title) if plan.title else None,
        "changes": [{"action": c.action, **_where(c.where), "id": c.entry_id, "date": c.day.isoformat(),
                     "month": f"{c.day.year}-{c.day.month:02d}" if c.month else None, "person": c.person,
                     "person_id": c.person_id, "hours": round(c.minutes / 60, 2),
                     "hours_before": round(c.before / 60, 2), "area_code": c.area_code, "area_name": c.area_name,
                     "task": c.task, "task_id": c.task_id, "support": c.is_support, "on_behalf_of": c.on_behalf,
                     "note": c.note, "source": c.source} for c in plan.changes],
        "skipped": [{**_where(s.where), "reason": say(s.reason)} for s in plan.skipped],
        "refused": [{**_where(r.where), "reason": say(r.reason)} for r in plan.refused],
        "notes": [say(n) for n in plan.notes],
        "added": counts["add"], "changed": counts["change"], "removed": counts["remove"],
        "hours_change": round(plan.delta / 60, 2), "written": written,
    }

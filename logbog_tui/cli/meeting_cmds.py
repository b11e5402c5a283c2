"""``logbog meeting add|list`` and ``logbog calendar``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from logbog_tui import clock
from logbog_tui.cli.common import date_arg, open_database, year_arg
from logbog_tui.i18n import fmt_date, fmt_week, t

BODY_NAMES = {"følgegruppe": "folgegruppe", "folgegruppe": "folgegruppe", "fg": "folgegruppe",
              "styregruppe": "styregruppe", "sg": "styregruppe"}


def register(sub) -> None:

    p = sub.add_parser("meeting", help=t("cli.meeting.help"), description=t("cli.meeting.help"))
    msub = p.add_subparsers(dest="meeting_command", metavar="add|list", required=True, parser_class=p.__class__,
                            help=t("cli.subcommand"))
    a = msub.add_parser("add", help=t("cli.meeting.add"), description=t("cli.meeting.add"))
    a.add_argument("--body", required=True, type=_body, metavar="følgegruppe|styregruppe", help=t("cli.meeting.body"))
    a.add_argument("--date", required=True, metavar="DATE", help=t("cli.meeting.date"))
    a.add_argument("--time", metavar="HH:MM", help=t("cli.meeting.time"))
    a.add_argument("--duration", metavar="HOURS", help=t("cli.meeting.duration"))
    a.add_argument("--host", metavar="REGION", help=t("cli.meeting.host"))
    a.add_argument("--reason", metavar="TEXT", help=t("cli.meeting.reason"))
    a.add_argument("--kind", choices=("ordinary", "extra"), default="ordinary", help=t("cli.meeting.kind"))
    a.add_argument("--status", choices=("planned", "held", "cancelled"), default="planned",
                   help=t("cli.meeting.status"))
    a.add_argument("--place", metavar="TEXT", help=t("cli.meeting.place"))
    a.set_defaults(handler=cmd_add)
    ls = msub.add_parser("list", help=t("cli.meeting.list"), description=t("cli.meeting.list"))
    ls.add_argument("--year", type=year_arg, metavar="YYYY", help=t("cli.meeting.year"))
    ls.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    ls.set_defaults(handler=cmd_list)

    c = sub.add_parser("calendar", help=t("cli.calendar.help"), description=t("cli.calendar.help"))
    c.add_argument("-o", "--output", metavar="FILE.ics", help=t("cli.calendar.output"))
    c.add_argument("--year", type=year_arg, metavar="YYYY", help=t("cli.meeting.year"))
    cancelled = c.add_mutually_exclusive_group()
    cancelled.add_argument("--include-cancelled", dest="cancelled", action="store_true", default=True,
                           help=t("cli.calendar.cancelled"))
    cancelled.add_argument("--no-cancelled", dest="cancelled", action="store_false",
                           help=t("cli.calendar.no_cancelled"))
    c.add_argument("--force", action="store_true", help=t("cli.opt.force"))
    c.set_defaults(handler=cmd_calendar)


def _body(text: str) -> str:
    key = text.strip().casefold()
    if key not in BODY_NAMES:
        raise argparse.ArgumentTypeError(t("meeting.bad_body"))
    return BODY_NAMES[key]


def cmd_add(args) -> int:
    from logbog_tui.storage.meetings import MeetingDraft, get, plan

    today = clock.today()
    conn = open_database(args, write=True)
    day = date_arg(args.date, today, conn)
    # the time as the TUI takes it (10, 10.00, 10:00, kl. 10) and the duration in hours: the draft parses both
    draft = MeetingDraft.check({"body": args.body, "day": day, "time": args.time, "duration": args.duration,
                                "host_code": args.host, "reason": args.reason, "kind": args.kind,
                                "status": args.status, "place": args.place})
    mid, warnings = plan(conn, draft, today)
    m = get(conn, mid)
    note = t("meeting.override_mark") if m.is_override else ""
    print(t(f"meeting.added.{args.status}", id=mid, body=t(f"body.{args.body}"), date=fmt_date(day),
            week=fmt_week(day), host=m.host_name or "–") + note)
    for w in warnings:
        print(t("meeting.warning_line", text=w), file=sys.stderr)
    return 0


def cmd_list(args) -> int:
    import json

    from logbog_tui.storage.meetings import host_checks, list_meetings

    conn = open_database(args)
    rows = list_meetings(conn, args.year)
    checks = host_checks(conn)
    if args.json:
        out = []
        for m in rows:
            check = checks.get(m.id)
            out.append({"id": m.id, "body": m.body, "date": m.day.isoformat(), "time": m.time,
                        "host_region_code": m.host_code, "host_region_name": m.host_name, "kind": m.kind,
                        "status": m.status, "override": m.is_override, "proposed_region_code": m.proposed_code,
                        "current_proposal_code": check.current.region.code if check and check.current else None,
                        "host_stale": bool(check and check.stale)})
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for m in rows:
        check = checks.get(m.id)
        flag = ""
        if check and check.stale and check.offer is not None:
            flag = t("meeting.stale_mark", region=check.offer.name)
        print(f"{m.id:>5}  {t(f'weekday.{m.day.weekday()}')} {fmt_date(m.day)}  {fmt_week(m.day):<7}  "
              f"{t(f'body.{m.body}'):<13} {(m.host_name or ''):<20} {t(f'meeting.kind.{m.kind}'):<9} "
              f"{t(f'meeting.status.{m.status}')}{t('meeting.override_mark') if m.is_override else ''}{flag}")
    return 0


def cmd_calendar(args) -> int:
    from logbog_tui.calendar_export import build, write

    data = build(open_database(args, write=True), args.year, args.cancelled)
    if args.output:
        write(data, Path(args.output).expanduser(), force=args.force)
        print(t("calendar.written", path=args.output))
    else:
        sys.stdout.buffer.write(data)
    return 0

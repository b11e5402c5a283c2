"""``logbog meeting add|list|show|cancel|move|host`` and ``logbog calendar``: the Meetings screen's
actions through the same storage functions (storage/meetings.py, storage/meeting_records.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from logbog_tui import clock
from logbog_tui.cli.common import body_arg, date_arg, id_arg, open_database, print_json, year_arg
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_minutes, fmt_week, say, t


def register(sub) -> None:
    meeting_id = id_arg("cli.meeting.bad_id")

    p = sub.add_parser("meeting", help=t("cli.meeting.help"), description=t("cli.meeting.help"))
    msub = p.add_subparsers(dest="meeting_command",
                            metavar="add|list|show|cancel|move|host|papers|sent|invite|due|address|attach",
                            required=True,
                            parser_class=p.__class__, help=t("cli.subcommand"))
    a = msub.add_parser("add", help=t("cli.meeting.add"), description=t("cli.meeting.add"))
    a.add_argument("--body", required=True, type=body_arg, metavar="følgegruppe|styregruppe",
                   help=t("cli.meeting.body"))
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
    sh = msub.add_parser("show", help=t("cli.meeting.show"), description=t("cli.meeting.show"))
    sh.add_argument("id", type=meeting_id, metavar="ID", help=t("cli.meeting.id"))
    sh.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    sh.set_defaults(handler=cmd_show)
    c = msub.add_parser("cancel", help=t("cli.meeting.cancel"), description=t("cli.meeting.cancel"))
    c.add_argument("id", type=meeting_id, metavar="ID", help=t("cli.meeting.id"))
    c.set_defaults(handler=cmd_cancel)
    mv = msub.add_parser("move", help=t("cli.meeting.move"), description=t("cli.meeting.move"))
    mv.add_argument("id", type=meeting_id, metavar="ID", help=t("cli.meeting.id"))
    mv.add_argument("--date", required=True, metavar="DATE", help=t("cli.meeting.new_date"))
    mv.add_argument("--host", metavar="REGION", help=t("cli.meeting.move_host"))
    mv.add_argument("--reason", metavar="TEXT", help=t("cli.meeting.reason"))
    mv.set_defaults(handler=cmd_move)
    h = msub.add_parser("host", help=t("cli.meeting.host_help"), description=t("cli.meeting.host_help"))
    h.add_argument("id", type=meeting_id, metavar="ID", help=t("cli.meeting.id"))
    h.add_argument("region", metavar="REGION", help=t("cli.meeting.host"))
    h.add_argument("--reason", metavar="TEXT", help=t("cli.meeting.reason"))
    h.set_defaults(handler=cmd_host)
    from logbog_tui.cli import paper_cmds

    paper_cmds.register(msub, meeting_id)  # papers, sent, invite, due, address, attach (issue 23)

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
        print(t("meeting.warning_line", text=say(w)), file=sys.stderr)
    return 0


def meeting_json(m, check) -> dict:
    """A meeting as ``meeting list --json`` gives it (``check``: its host against the rotation now)."""
    return {"id": m.id, "body": m.body, "date": m.day.isoformat(), "time": m.time,
            "host_region_code": m.host_code, "host_region_name": m.host_name, "kind": m.kind,
            "status": m.status, "override": m.is_override, "proposed_region_code": m.proposed_code,
            "current_proposal_code": check.current.region.code if check and check.current else None,
            "host_stale": bool(check and check.stale)}


def cmd_list(args) -> int:
    from logbog_tui.storage.meetings import host_checks, list_meetings

    conn = open_database(args)
    rows = list_meetings(conn, args.year)
    checks = host_checks(conn)
    if args.json:
        print_json([meeting_json(m, checks.get(m.id)) for m in rows])
        return 0
    for m in rows:
        print(_line(m, checks.get(m.id)))
    return 0


def _line(m, check) -> str:
    flag = ""
    if check and check.stale and check.offer is not None:
        flag = t("meeting.stale_mark", region=check.offer.name)
    return (f"{m.id:>5}  {t(f'weekday.{m.day.weekday()}')} {fmt_date(m.day)}  {fmt_week(m.day):<7}  "
            f"{t(f'body.{m.body}'):<13} {(m.host_name or ''):<20} {t(f'meeting.kind.{m.kind}'):<9} "
            f"{t(f'meeting.status.{m.status}')}{t('meeting.override_mark') if m.is_override else ''}{flag}")


def cmd_show(args) -> int:
    from logbog_tui.storage import meeting_records, meetings, names

    conn = open_database(args)
    m = meetings.get(conn, args.id)
    check = meetings.host_checks(conn).get(m.id)
    items = meeting_records.items(conn, m.id)
    people = meeting_records.attendees(conn, m.id)
    # who represented a member (by name: one who holds two seats is listed once, with one seat's substitutes)
    stood_in = names.person_names(conn, [a.represented_by for a in people if a.represented_by])
    logged = meeting_records.logged_for(conn, m.id)
    minutes = meeting_records.minutes(conn, m.id)
    if args.json:
        print_json({**meeting_json(m, check), "duration_hours": round(m.duration / 60, 2) if m.duration else None,
                    "place": m.place, "override_reason": m.override_reason, "minutes": minutes or None,
                    "agenda": [{"item_id": i.id, "position": i.position, "title": i.title, "owner": i.owner,
                                "notes": i.notes, "decision": i.decision, "referred": i.referred,
                                "settled_by_item_id": i.settled_by} for i in items],
                    "attendance": [{"person_id": a.person_id, "person": a.name, "seat": a.seat, "status": a.status,
                                    "represented_by_id": a.represented_by,
                                    "represented_by": stood_in.get(a.represented_by or 0),
                                    "substitutes": [s.name for s in a.substitutes]} for a in people],
                    "hours_logged": [{"person": h.person, "hours": round(h.minutes / 60, 2), "area_code": h.code}
                                     for h in logged]})
        return 0
    print(t("record.head", body=t(f"body.{m.body}"), date=fmt_date(m.day), week=fmt_week(m.day),
            weekday=t(f"weekday.long.{m.day.weekday()}"), status=t(f"meeting.status.{m.status}"),
            host=m.host_name or "–", kind=t(f"meeting.kind.{m.kind}")) + f"  (#{m.id})")
    facts = [(t("meeting.field.time"), m.time), (t("meeting.field.duration"), fmt_minutes(m.duration)
                                                 if m.duration else None), (t("meeting.field.place"), m.place)]
    if shown := " · ".join(f"{k}: {v}" for k, v in facts if v):
        print("  " + shown)
    if m.is_override:
        print(t("meetings.override", reason=m.override_reason or ""))
    if check and check.stale and check.offer is not None:
        print(t("cli.meeting.stale", region=check.offer.name))
    print(t("record.minutes_line", text=minutes or "–"))
    print(t("cli.meeting.agenda", count=len(items)))
    for i in items:
        referral = ""
        if i.referred:
            referral = " [" + (t("record.settled", id=i.settled_by) if i.settled_by else t("record.referred")) + "]"
        print(f"  #{i.id} {i.title}" + (f" ({i.owner})" if i.owner else "") + referral)
        if i.decision:
            print(f"      {t('cli.meeting.decision', text=i.decision)}")
    print(t("cli.meeting.attendance", count=len(people)))
    for a in people:
        status = t(f"record.status.{a.status}") if a.status else "–"
        if a.status == "substitute":
            status += f" ({stood_in.get(a.represented_by or 0, '?')})"
        print(f"  {a.name[:30]:<30} {a.seat[:40]:<40} {status}")
    for h in logged:
        print(f"  {t('cli.meeting.logged', person=h.person, hours=fmt_minutes(h.minutes), area=h.code)}")
    return 0


def cmd_cancel(args) -> int:
    from logbog_tui.storage import meetings

    conn = open_database(args, write=True)
    m = meetings.get(conn, args.id)
    if m.status == "cancelled":
        print(t("cli.meeting.already_cancelled", id=m.id, date=fmt_date(m.day)))
        return 0
    meetings.set_status(conn, m.id, "cancelled")
    print(t("cli.meeting.cancelled", id=m.id, body=t(f"body.{m.body}"), date=fmt_date(m.day)))
    return 0


def cmd_move(args) -> int:
    from logbog_tui.storage import meetings

    today = clock.today()
    conn = open_database(args, write=True)
    m = meetings.get(conn, args.id)
    day = date_arg(args.date, today, conn)  # the range of the Meetings screen's `d`
    try:
        warnings = meetings.move(conn, m.id, day, today=today, host_text=args.host, reason=args.reason)
    except meetings.SuccessorOffered as offer:
        raise UserError("cli.meeting.successor_hint", why=offer.message, code=offer.successor.code,
                        successor=offer.successor.name) from None
    moved = meetings.get(conn, m.id)
    print(t("cli.meeting.moved", id=m.id, old=fmt_date(m.day), date=fmt_date(day), week=fmt_week(day),
            host=moved.host_name or "–") + (t("meeting.override_mark") if moved.is_override else ""))
    for w in warnings:
        print(t("meeting.warning_line", text=say(w)), file=sys.stderr)
    return 0


def cmd_host(args) -> int:
    from logbog_tui.storage import meetings

    conn = open_database(args, write=True)
    meetings.change_host(conn, args.id, args.region, args.reason)
    m = meetings.get(conn, args.id)
    print(t("cli.meeting.host_changed", id=m.id, date=fmt_date(m.day), host=m.host_name or "–")
          + (t("meeting.override_mark") if m.is_override else ""))
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

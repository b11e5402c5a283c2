"""``logbog item add|list|show|status`` and ``logbog release add|notes|resolve``: the development
backlog's actions (screen 8) through the same input models and storage functions
(storage/development.py, storage/development_releases.py)."""

from __future__ import annotations

from logbog_tui import clock
from logbog_tui.cli.common import checked, date_arg, open_database, print_json, write_output
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_moment, t
from logbog_tui.storage.development_list import detail, event_text


def register(sub) -> None:
    p = sub.add_parser("item", help=t("cli.item.help"), description=t("cli.item.help"))
    isub = p.add_subparsers(dest="item_command", metavar="add|list|show|status", required=True,
                            parser_class=p.__class__, help=t("cli.subcommand"))
    a = isub.add_parser("add", help=t("cli.item.add"), description=t("cli.item.add"))
    a.add_argument("title", metavar="TITLE", help=t("cli.item.title"))
    a.add_argument("--kind", metavar="K", help=t("cli.item.kind"))
    a.add_argument("--area", metavar="FG", help=t("cli.item.area"))
    a.add_argument("--from-ticket", metavar="NUMBER", help=t("cli.item.from_ticket"))
    a.add_argument("--asked-by", metavar="REGIONS", help=t("cli.item.asked_by"))
    a.add_argument("--description", metavar="TEXT", help=t("cli.item.description"))
    a.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    a.set_defaults(handler=cmd_add)
    ls = isub.add_parser("list", help=t("cli.item.list"), description=t("cli.item.list"))
    ls.add_argument("--status", metavar="S", help=t("cli.item.status_filter"))
    ls.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    ls.set_defaults(handler=cmd_list)
    sh = isub.add_parser("show", help=t("cli.item.show"), description=t("cli.item.show"))
    sh.add_argument("id", metavar="ID", help=t("cli.item.id"))
    sh.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    sh.set_defaults(handler=cmd_show)
    st = isub.add_parser("status", help=t("cli.item.status"), description=t("cli.item.status"))
    st.add_argument("id", metavar="ID", help=t("cli.item.id"))
    st.add_argument("status", metavar="STATUS", help=t("cli.item.new_status"))
    st.add_argument("--ref", metavar="TEXT", help=t("cli.item.ref"))
    st.add_argument("--estimate", metavar="EST", help=t("cli.item.estimate"))
    st.add_argument("--promised", metavar="DATE", help=t("cli.item.promised"))
    st.add_argument("--on", metavar="DATE", help=t("cli.item.on"))
    st.add_argument("--reason", metavar="TEXT", help=t("cli.item.reason"))
    st.add_argument("--decision", metavar="AGENDA_ITEM", help=t("cli.item.decision"))
    st.set_defaults(handler=cmd_status)

    r = sub.add_parser("release", help=t("cli.release.help"), description=t("cli.release.help"))
    rsub = r.add_subparsers(dest="release_command", metavar="add|notes|resolve", required=True,
                            parser_class=r.__class__, help=t("cli.subcommand"))
    ra = rsub.add_parser("add", help=t("cli.release.add"), description=t("cli.release.add"))
    ra.add_argument("version", metavar="VERSION", help=t("cli.release.version"))
    ra.add_argument("--date", required=True, metavar="DATE", help=t("cli.release.date"))
    ra.add_argument("--items", required=True, metavar="ID,ID", help=t("cli.release.items"))
    ra.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    ra.set_defaults(handler=cmd_release_add)
    rn = rsub.add_parser("notes", help=t("cli.release.notes"), description=t("cli.release.notes"))
    rn.add_argument("version", metavar="VERSION", help=t("cli.release.version"))
    rn.add_argument("-o", "--output", metavar="FILE.md", help=t("cli.release.output"))
    rn.add_argument("--text", action="store_true", help=t("cli.release.text"))
    rn.add_argument("--force", action="store_true", help=t("cli.release.force"))
    rn.set_defaults(handler=cmd_release_notes)
    rr = rsub.add_parser("resolve", help=t("cli.release.resolve"), description=t("cli.release.resolve"))
    rr.add_argument("version", metavar="VERSION", help=t("cli.release.version"))
    rr.add_argument("--comment", metavar="TEXT", help=t("cli.release.comment"))
    rr.set_defaults(handler=cmd_release_resolve)


def item_json(r, today) -> dict:
    """An item as ``item list --json`` gives it."""
    return {"id": r.id, "title": r.title, "kind": r.kind, "area": r.area, "status": r.status,
            "priority": r.priority, "supplier_ref": r.supplier_ref, "estimate_hours": r.estimate_hours,
            "estimate_kr": r.estimate_kr, "ordered": _iso(r.ordered), "promised": _iso(r.promised),
            "days_late": r.days_late(today), "release": r.release, "delivered": _iso(r.delivered),
            "tickets": list(r.tickets), "asked_by": list(r.askers)}


def _iso(day) -> str | None:
    return day.isoformat() if day else None


def _id(text: str) -> int:
    typed = text.strip().lstrip("#")
    if not typed.isdigit():
        raise UserError("dev.gone", id=text.strip())
    return int(typed)


def _area(conn, text: str | None) -> int | None:
    from logbog_tui.storage import names

    return names.resolve_area(conn, text).id if text else None


def cmd_add(args) -> int:
    from logbog_tui.cli.ticket_cmds import find
    from logbog_tui.storage import development, development_list

    conn = open_database(args, write=True)
    today = clock.today()
    area = _area(conn, args.area)
    askers = tuple(a.strip() for a in (args.asked_by or "").split(",") if a.strip())
    if args.from_ticket:
        ticket = find(conn, args.from_ticket)
        if args.kind:
            development.choose(args.kind, development.KINDS, "kind")
        item_id = development.from_ticket(conn, ticket.id, today, args.kind, area)
        for code in askers:
            development.add_asker(conn, item_id, code)
    else:
        draft = checked(development.ItemDraft, {"title": args.title, "kind": args.kind, "area_id": area,
                                                "description": args.description},
                        {"title": "TITLE", "kind": "--kind", "description": "--description"})
        item_id = development.create(conn, draft, today, askers=askers)
    row = development_list.get(conn, item_id)
    if args.json:
        print_json(item_json(row, today))
    else:
        print(t("cli.item.created", id=item_id, title=row.title, kind=t(f"dev.kind.{row.kind}")))
    return 0


def cmd_list(args) -> int:
    from logbog_tui.storage import development, development_list

    status = development.choose(args.status, development.STATUSES, "status") if args.status else None
    today = clock.today()
    rows = development_list.list_items(open_database(args), status)
    if args.json:
        print_json([item_json(r, today) for r in rows])
        return 0
    for r in rows:
        late = r.days_late(today)
        extra = f"  {t('cli.item.late', days=late)}" if late else ""
        print(f"#{r.id:<4} {t(f'dev.status.{r.status}'):<16} {development.priority_label(r.priority):<7} "
              f"{t(f'dev.kind.{r.kind}'):<13} {r.title[:50]:<50} {r.release or ''}{extra}")
    return 0


def cmd_show(args) -> int:
    from logbog_tui.storage import development_list

    today = clock.today()
    conn = open_database(args)
    r = development_list.get(conn, _id(args.id))
    events = development_list.timeline(conn, r.id)
    if args.json:
        print_json({**item_json(r, today), "description": r.description, "reason": r.reason,
                    "decision_item": r.decision_item_id, "timeline": [
                        {"at": e.at, "author": e.author, "kind": e.kind, "old_status": e.old_status,
                         "new_status": e.new_status, "text": e.text} for e in events]})
        return 0
    print(f"#{r.id} {r.title}")
    print(detail(r, today))
    print("\n" + t("cli.ticket.timeline"))
    for e in events:
        print(f"  {fmt_moment(e.at)}  {(e.author or '')[:24]:<24} {event_text(e)}" + (f": {e.text}" if e.text else ""))
    return 0


def cmd_status(args) -> int:
    from logbog_tui.storage import development, development_list
    from logbog_tui.storage.meeting_records import SettlingItem

    today = clock.today()
    conn = open_database(args, write=True)
    r = development_list.get(conn, _id(args.id))
    development.check_move(r.status, development.choose(args.status, development.STATUSES, "status"))
    decision = checked(SettlingItem, {"item": args.decision}, {"item": "--decision"}).item if args.decision else None
    change = checked(development.StatusChange,
                     {"status": args.status, "on": args.on, "ref": args.ref, "estimate": args.estimate,
                      "promised": args.promised, "reason": args.reason, "decision_item_id": decision},
                     {"status": "STATUS", "on": "--on", "ref": "--ref", "estimate": "--estimate",
                      "promised": "--promised", "reason": "--reason"}, today=today)
    old = development.change_status(conn, r.id, change, today)
    print(t("cli.item.status_changed", id=r.id, old=t(f"dev.status.{old}"), new=t(f"dev.status.{change.status}"),
            date=fmt_date(change.on or today)))
    return 0


def _items(text: str) -> list[int]:
    return [_id(part) for part in text.split(",") if part.strip()]


def cmd_release_add(args) -> int:
    from logbog_tui.storage import development_releases as rel

    today = clock.today()
    conn = open_database(args, write=True)
    day = date_arg(args.date, today)
    rel.add_release(conn, args.version, day, _items(args.items), today)
    found = rel.find_release(conn, args.version)
    if args.json:
        print_json({"version": found.version, "date": found.released_on.isoformat(),
                    "items": [i.id for i in found.items], "notes": found.notes})
    else:
        print(t("cli.release.created", version=found.version, date=fmt_date(found.released_on),
                count=len(found.items)))
    return 0


def cmd_release_notes(args) -> int:
    from logbog_tui.storage import development_releases as rel

    found = rel.find_release(open_database(args), args.version)
    text = rel.notes_text(found) if args.text else rel.notes_markdown(found)
    write_output(text.encode("utf-8"), args.output, args.force)
    return 0


def cmd_release_resolve(args) -> int:
    from logbog_tui.storage import development_releases as rel

    today = clock.today()
    conn = open_database(args, write=True)
    found = rel.find_release(conn, args.version)
    resolved, left = rel.resolve_tickets(conn, found.id, args.comment, today)
    print(t("cli.release.resolved", version=found.version, resolved=resolved, left=left))
    return 0

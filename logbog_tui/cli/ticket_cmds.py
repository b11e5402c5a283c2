"""``logbog ticket add|list``."""

from __future__ import annotations

import json
import sys

from logbog_tui import clock
from logbog_tui.errors import UserError
from logbog_tui.cli.common import open_database
from logbog_tui.i18n import fmt_date, t


def register(sub) -> None:
    p = sub.add_parser("ticket", help=t("cli.ticket.help"), description=t("cli.ticket.help"))
    tsub = p.add_subparsers(dest="ticket_command", metavar="add|list", required=True, parser_class=p.__class__,
                            help=t("cli.subcommand"))
    a = tsub.add_parser("add", help=t("cli.ticket.add"), description=t("cli.ticket.add"))
    a.add_argument("title", metavar="TITLE", help=t("cli.ticket.title"))
    a.add_argument("--category", default="spoergsmaal", metavar="C", help=t("cli.ticket.category"))
    a.add_argument("--reporter", metavar="NAME", help=t("cli.ticket.reporter"))
    a.add_argument("--org", metavar="ORG", help=t("cli.ticket.org"))
    a.add_argument("--priority", default="normal", metavar="P", help=t("cli.ticket.priority"))
    a.add_argument("--description", metavar="TEXT", help=t("cli.ticket.description"))
    a.set_defaults(handler=cmd_add)
    ls = tsub.add_parser("list", help=t("cli.ticket.list"), description=t("cli.ticket.list"))
    ls.add_argument("--status", metavar="S", help=t("cli.ticket.status_filter"))
    ls.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    ls.set_defaults(handler=cmd_list)


def cmd_add(args) -> int:
    from logbog_tui.storage import names, tickets

    conn = open_database(args, write=True)
    today = clock.today()
    rid, rname = tickets.resolve_reporter(conn, args.reporter)
    draft = tickets.TicketDraft.check({"title": args.title, "category": args.category, "priority": args.priority,
                                       "description": args.description, "reporter_id": rid, "reporter_name": rname,
                                       "reporter_org": args.org})
    leader = names.project_leader(conn, today)
    _tid, number = tickets.create(conn, draft, today, leader.id if leader else None)
    print(number)
    return 0


def cmd_list(args) -> int:
    from logbog_tui.storage import tickets

    status = None
    if args.status:
        status = next((s for s in tickets.STATUSES if args.status.strip().casefold() in
                       (s, t(f"ticket.status.{s}").casefold())), None)
        if status is None:
            raise UserError("ticket.bad_status", text=args.status, options=", ".join(tickets.STATUSES))
    today = clock.today()
    rows = tickets.list_tickets(open_database(args), status)
    if args.json:
        json.dump([{"id": r.id, "number": r.number, "title": r.title, "category": r.category, "status": r.status,
                    "reporter": r.reporter or None, "opened": r.opened.isoformat(), "supplier_ref": r.supplier_ref,
                    "days_with_supplier": r.days_with_supplier(today)} for r in rows],
                  sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for r in rows:
        days = r.days_with_supplier(today)
        extra = f"  {t('tickets.days', days=days)}" if days is not None else ""
        if r.promise_passed(today):
            extra += "  " + t("tickets.passed", date=fmt_date(r.promised))
        print(f"{r.number}  {t(f'ticket.status.{r.status}'):<16} {t(f'category.{r.category}'):<12} "
              f"{r.title[:50]:<50} {r.reporter[:24]}{extra}")
    return 0

"""``logbog ticket add|list|show|forward|status``: the Tickets screen's actions through the same
input models and storage functions (storage/tickets.py)."""

from __future__ import annotations

from logbog_tui import clock
from logbog_tui.errors import UserError
from logbog_tui.cli.common import checked, open_database, print_json
from logbog_tui.i18n import fmt_date, fmt_moment, t


def register(sub) -> None:
    p = sub.add_parser("ticket", help=t("cli.ticket.help"), description=t("cli.ticket.help"))
    tsub = p.add_subparsers(dest="ticket_command", metavar="add|list|show|forward|status", required=True,
                            parser_class=p.__class__, help=t("cli.subcommand"))
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
    sh = tsub.add_parser("show", help=t("cli.ticket.show"), description=t("cli.ticket.show"))
    sh.add_argument("number", metavar="NUMBER", help=t("cli.ticket.number"))
    sh.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    sh.set_defaults(handler=cmd_show)
    f = tsub.add_parser("forward", help=t("cli.ticket.forward"), description=t("cli.ticket.forward"))
    f.add_argument("number", metavar="NUMBER", help=t("cli.ticket.number"))
    f.add_argument("--ref", required=True, metavar="TEXT", help=t("cli.ticket.ref"))
    f.add_argument("--sent", required=True, metavar="DATE", help=t("cli.ticket.sent"))
    f.add_argument("--promised", metavar="DATE", help=t("cli.ticket.promised"))
    f.set_defaults(handler=cmd_forward)
    st = tsub.add_parser("status", help=t("cli.ticket.status"), description=t("cli.ticket.status"))
    st.add_argument("number", metavar="NUMBER", help=t("cli.ticket.number"))
    st.add_argument("status", metavar="STATUS", help=t("cli.ticket.new_status"))
    st.add_argument("--comment", metavar="TEXT", help=t("cli.ticket.comment"))
    st.add_argument("--on", metavar="DATE", help=t("cli.ticket.on"))
    st.set_defaults(handler=cmd_status)


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


def _status(text: str) -> str:
    """A status by code or by its name in either language (``hos leverandøren``, ``with supplier``)."""
    from logbog_tui.storage import tickets

    try:
        return tickets.choose(text, tickets.STATUSES, "ticket.status")
    except UserError:
        raise UserError("ticket.bad_status", text=text.strip(),
                        options=", ".join(t(f"ticket.status.{s}") for s in tickets.STATUSES)) from None


def ticket_json(r, today) -> dict:
    """A ticket as ``ticket list --json`` gives it."""
    return {"id": r.id, "number": r.number, "title": r.title, "category": r.category, "status": r.status,
            "reporter": r.reporter or None, "opened": r.opened.isoformat(), "supplier_ref": r.supplier_ref,
            "days_with_supplier": r.days_with_supplier(today)}


def cmd_list(args) -> int:
    from logbog_tui.storage import tickets

    status = _status(args.status) if args.status else None
    today = clock.today()
    rows = tickets.list_tickets(open_database(args), status)
    if args.json:
        print_json([ticket_json(r, today) for r in rows])
        return 0
    for r in rows:
        days = r.days_with_supplier(today)
        extra = f"  {t('tickets.days', days=days)}" if days is not None else ""
        if r.promise_passed(today):
            extra += "  " + t("tickets.passed", date=fmt_date(r.promised))
        print(f"{r.number}  {t(f'ticket.status.{r.status}'):<16} {t(f'category.{r.category}'):<12} "
              f"{r.title[:50]:<50} {r.reporter[:24]}{extra}")
    return 0


def find(conn, text: str):
    """A ticket by the number shown (``2026-0007``, also ``2026-7``) or by its id."""
    import re

    from logbog_tui.storage import tickets

    typed = text.strip().lstrip("#")
    shown = re.fullmatch(r"(\d{4})-(\d{1,6})", typed)
    if shown:
        number = tickets.number(int(shown[1]), int(shown[2]))
        found = [r for r in tickets.list_tickets(conn, text=number) if r.number == number]
        if found:
            return found[0]
    elif typed.isdigit():
        try:
            return tickets.get(conn, int(typed))
        except UserError:
            pass
    raise UserError("cli.ticket.no_such", text=text.strip())


def _author(conn, today):
    from logbog_tui.storage import names

    leader = names.project_leader(conn, today)
    return leader.id if leader else None


def cmd_show(args) -> int:
    from logbog_tui.overview import ticket_detail
    from logbog_tui.storage import tickets

    today = clock.today()
    conn = open_database(args)
    r = find(conn, args.number)
    events = tickets.timeline(conn, r.id)
    if args.json:
        print_json({**ticket_json(r, today), "priority": r.priority, "description": r.description,
                    "assignee": r.assignee, "closed": r.closed.isoformat() if r.closed else None,
                    "sent": r.sent.isoformat() if r.sent else None,
                    "promised": r.promised.isoformat() if r.promised else None,
                    "promise_passed": r.promise_passed(today), "hours": round(r.minutes / 60, 2),
                    "timeline": [{"at": e.at, "local": _local(e.at), "author": e.author, "kind": e.kind,
                                  "old_status": e.old_status, "new_status": e.new_status, "text": e.text}
                                 for e in events]})
        return 0
    print(r.title)
    print(ticket_detail(r, today))
    if r.description:
        print(f"\n{r.description}")
    print("\n" + t("cli.ticket.timeline"))
    for e in events:
        what = t(f"event.{e.kind}", old=t(f"ticket.status.{e.old_status}") if e.old_status else "",
                 new=t(f"ticket.status.{e.new_status}") if e.new_status else "")
        print(f"  {fmt_moment(e.at)}  {(e.author or '')[:24]:<24} {what}" + (f": {e.text}" if e.text else ""))
    return 0


def _local(at: str) -> str:
    from datetime import datetime, timezone

    return (datetime.fromisoformat(at).replace(tzinfo=timezone.utc).astimezone(clock.local_zone())
            .isoformat(timespec="seconds"))


def cmd_forward(args) -> int:
    from logbog_tui.storage import tickets

    today = clock.today()
    conn = open_database(args, write=True)
    r = find(conn, args.number)
    sent = checked(tickets.Forwarding, {"ref": args.ref, "sent": args.sent, "promised": args.promised},
                   {"ref": "--ref", "sent": "--sent", "promised": "--promised"}, today=today)
    tickets.forward(conn, r.id, sent.ref, sent.sent or today, sent.promised, _author(conn, today), today)
    print(t("cli.ticket.forwarded", number=r.number, ref=sent.ref, sent=fmt_date(sent.sent or today),
            promised=fmt_date(sent.promised) if sent.promised else "–"))
    return 0


def cmd_status(args) -> int:
    from logbog_tui.storage import tickets

    today = clock.today()
    conn = open_database(args, write=True)
    r = find(conn, args.number)
    new = _status(args.status)
    allowed = tickets.TRANSITIONS[r.status]
    if new not in allowed:  # the TUI offers only the allowed moves: here they are named
        raise UserError("cli.ticket.not_allowed", old=t(f"ticket.status.{r.status}"), new=t(f"ticket.status.{new}"),
                        options=", ".join(t(f"ticket.status.{s}") for s in allowed))
    change = checked(tickets.StatusChange, {"status": new, "on": args.on, "comment": args.comment},
                     {"on": "--on", "comment": "--comment"}, today=today, options=allowed)
    tickets.change_status(conn, r.id, change.status, today, _author(conn, today), change.comment, change.on)
    print(t("cli.ticket.status_changed", number=r.number, old=t(f"ticket.status.{r.status}"),
            new=t(f"ticket.status.{new}"), date=fmt_date(change.on or today)))
    return 0

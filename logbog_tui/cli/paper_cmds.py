"""``logbog meeting papers|sent|invite|due|address|attach``: meeting papers (issue 23) through the
storage functions of storage/papers.py and the documents of papers.py / papers_render.py."""

from __future__ import annotations

import sys

from logbog_tui import clock
from logbog_tui.cli.common import date_arg, open_database, print_json, write_output
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t

KINDS = ("invitation", "agenda", "minutes")


def register(msub, meeting_id) -> None:  # type: ignore[no-untyped-def]
    """The paper subcommands of ``logbog meeting`` (called from cli/meeting_cmds.register)."""
    p = msub.add_parser("papers", help=t("cli.meeting.papers"), description=t("cli.meeting.papers"))
    p.add_argument("id", type=meeting_id, metavar="ID", help=t("cli.meeting.id"))
    p.add_argument("--kind", required=True, choices=KINDS, help=t("cli.papers.kind"))
    p.add_argument("--format", choices=("docx", "md"), help=t("cli.papers.format"))
    p.add_argument("--eml", action="store_true", help=t("cli.papers.eml"))
    p.add_argument("-o", "--output", metavar="FILE", help=t("cli.papers.output"))
    p.add_argument("--force", action="store_true", help=t("cli.opt.force"))
    p.set_defaults(handler=cmd_papers)
    s = msub.add_parser("sent", help=t("cli.meeting.sent"), description=t("cli.meeting.sent"))
    s.add_argument("id", type=meeting_id, metavar="ID", help=t("cli.meeting.id"))
    s.add_argument("--kind", required=True, choices=KINDS, help=t("cli.papers.kind"))
    s.add_argument("--on", metavar="DATE", help=t("cli.papers.on"))
    s.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    s.set_defaults(handler=cmd_sent)
    i = msub.add_parser("invite", help=t("cli.meeting.invite"), description=t("cli.meeting.invite"))
    i.add_argument("id", type=meeting_id, metavar="ID", help=t("cli.meeting.id"))
    i.add_argument("-o", "--output", metavar="FILE.ics", help=t("cli.calendar.output"))
    i.add_argument("--force", action="store_true", help=t("cli.opt.force"))
    i.set_defaults(handler=cmd_invite)
    d = msub.add_parser("due", help=t("cli.meeting.due"), description=t("cli.meeting.due"))
    d.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    d.set_defaults(handler=cmd_due)
    a = msub.add_parser("address", help=t("cli.meeting.address"), description=t("cli.meeting.address"))
    a.add_argument("region", metavar="REGION", help=t("cli.meeting.host"))
    a.add_argument("address", metavar="ADDRESS", help=t("cli.papers.address"))
    a.set_defaults(handler=cmd_address)
    at = msub.add_parser("attach", help=t("cli.meeting.attach"), description=t("cli.meeting.attach"))
    at.add_argument("item", metavar="ITEM", help=t("cli.papers.item"))
    at.add_argument("title", metavar="TITLE", help=t("cli.papers.title"))
    at.add_argument("target", metavar="FILE|URL", nargs="?", help=t("cli.papers.target"))
    at.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    at.set_defaults(handler=cmd_attach)


def cmd_papers(args) -> int:  # type: ignore[no-untyped-def]
    from logbog_tui import papers_mail, papers_render
    from logbog_tui.papers import build

    if args.eml:
        fmt = args.format or "docx"  # the attachment's format; the draft itself may go to stdout
    else:
        fmt = args.format or ("docx" if args.output and not args.output.endswith(".md") else "md")
        if fmt == "docx" and not args.output:
            raise UserError("cli.papers.docx_needs_file", field="output")
    conn = open_database(args, write=True)
    doc = build(conn, args.id, args.kind)
    data = papers_mail.draft(conn, doc, fmt) if args.eml else papers_render.render(doc, fmt)
    write_output(data, args.output, args.force)
    return 0


def cmd_sent(args) -> int:  # type: ignore[no-untyped-def]
    from logbog_tui.storage import meetings, papers

    today = clock.today()
    conn = open_database(args, write=True)
    on = date_arg(args.on, today)
    m = meetings.get(conn, args.id)
    papers.mark_sent(conn, m.id, args.kind, on)
    if args.json:
        print_json({"meeting_id": m.id, "kind": args.kind, "sent_on": on.isoformat()})
        return 0
    print(t("cli.papers.sent_done", kind=t(f"papers.kind.{args.kind}"), id=m.id, date=fmt_date(m.day),
            on=fmt_date(on)))
    return 0


def cmd_invite(args) -> int:  # type: ignore[no-untyped-def]
    from logbog_tui.calendar_export import invitation

    write_output(invitation(open_database(args, write=True), args.id), args.output, args.force)
    return 0


def due_line(d) -> str:  # type: ignore[no-untyped-def]
    return t("papers.due.late" if d.late else "papers.due.soon", kind=t(f"papers.kind.{d.kind}"),
             body=t(f"body.{d.body}"), date=fmt_date(d.day), deadline=fmt_date(d.deadline))


def cmd_due(args) -> int:  # type: ignore[no-untyped-def]
    from logbog_tui.storage import papers

    found = papers.due(open_database(args), clock.today())
    if args.json:
        print_json([{"meeting_id": d.meeting_id, "body": d.body, "date": d.day.isoformat(), "kind": d.kind,
                     "deadline": d.deadline.isoformat(), "late": d.late} for d in found])
        return 0
    if not found:
        print(t("cli.papers.none_due"))
    for d in found:
        print(f"#{d.meeting_id:<5} {due_line(d)}")
    return 0


def cmd_address(args) -> int:  # type: ignore[no-untyped-def]
    from logbog_tui.storage import meetings, papers

    today = clock.today()
    conn = open_database(args, write=True)
    region = meetings.resolve_region(conn, args.region, today)
    papers.set_address(conn, region.code, args.address)
    print(t("cli.papers.address_set", region=region.name, address=papers.addresses(conn)[region.code]))
    return 0


def cmd_attach(args) -> int:  # type: ignore[no-untyped-def]
    from logbog_tui.storage import papers

    text = args.item.strip().lstrip("#")
    if not text.isdigit():
        raise UserError("task.no_such_link", field="item", text=args.item)
    conn = open_database(args, write=True)
    paper_id = papers.add_paper(conn, int(text), args.title, args.target)
    if args.json:
        print_json({"paper_id": paper_id, "item_id": int(text), "title": args.title, "target": args.target})
        return 0
    print(t("cli.papers.attached", id=paper_id, item=int(text)))
    sys.stdout.flush()
    return 0

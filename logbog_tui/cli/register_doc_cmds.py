"""``logbog document list|add|reviewed`` (PL3) and ``logbog contract list|add`` (PL7): the project
leader's registers (issue 19); registered from :mod:`logbog_tui.cli.register_cmds`."""

from __future__ import annotations

from logbog_tui import clock
from logbog_tui.cli.common import print_json
from logbog_tui.cli.register_cmds import _id, iso, open_for
from logbog_tui.i18n import fmt_date, t


def register(sub) -> None:
    p = sub.add_parser("document", help=t("cli.document.help"), description=t("cli.document.help"))
    dsub = p.add_subparsers(dest="document_command", metavar="list|add|reviewed", required=True,
                            parser_class=p.__class__, help=t("cli.subcommand"))
    ls = dsub.add_parser("list", help=t("cli.document.list"), description=t("cli.document.list"))
    ls.add_argument("--due", action="store_true", help=t("cli.document.due"))
    ls.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    ls.set_defaults(handler=cmd_document_list)
    a = dsub.add_parser("add", help=t("cli.document.add"), description=t("cli.document.add"))
    a.add_argument("title", metavar="TITLE", help=t("cli.reg.title"))
    a.add_argument("--audience", required=True, metavar="A", help=t("cli.document.audience"))
    a.add_argument("--version", metavar="TEXT", help=t("cli.document.version"))
    a.add_argument("--published", metavar="DATE", help=t("cli.document.published"))
    a.add_argument("--owner", metavar="TEXT", help=t("cli.reg.owner"))
    a.add_argument("--review", metavar="DATE", help=t("cli.document.review"))
    a.add_argument("--link", metavar="URL", help=t("cli.reg.link"))
    a.add_argument("--note", metavar="TEXT", help=t("cli.reg.note"))
    a.set_defaults(handler=cmd_document_add)
    r = dsub.add_parser("reviewed", help=t("cli.document.reviewed"), description=t("cli.document.reviewed"))
    r.add_argument("id", type=_id, metavar="ID", help=t("cli.document.id"))
    r.add_argument("--on", metavar="DATE", help=t("cli.document.reviewed_on"))
    r.add_argument("--next", metavar="DATE", help=t("cli.document.next"))
    r.set_defaults(handler=cmd_document_reviewed)

    p = sub.add_parser("contract", help=t("cli.contract.help"), description=t("cli.contract.help"))
    csub = p.add_subparsers(dest="contract_command", metavar="list|add", required=True, parser_class=p.__class__,
                            help=t("cli.subcommand"))
    ls = csub.add_parser("list", help=t("cli.contract.list"), description=t("cli.contract.list"))
    ls.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    ls.set_defaults(handler=cmd_contract_list)
    a = csub.add_parser("add", help=t("cli.contract.add"), description=t("cli.contract.add"))
    a.add_argument("title", metavar="TITLE", help=t("cli.reg.title"))
    a.add_argument("--party", required=True, metavar="TEXT", help=t("cli.contract.party"))
    a.add_argument("--signed", metavar="DATE", help=t("cli.contract.signed"))
    a.add_argument("--from", dest="valid_from", metavar="DATE", help=t("cli.contract.from"))
    a.add_argument("--to", dest="valid_to", metavar="DATE", help=t("cli.contract.to"))
    a.add_argument("--notice", metavar="MONTHS", help=t("cli.contract.notice"))
    a.add_argument("--renewal", metavar="MONTHS", help=t("cli.contract.renewal"))
    a.add_argument("--owner", metavar="TEXT", help=t("cli.reg.owner"))
    a.add_argument("--reference", metavar="TEXT", help=t("cli.contract.reference"))
    a.add_argument("--successor-of", dest="successor_of", type=_id, metavar="ID", help=t("cli.contract.successor_of"))
    a.add_argument("--no-successor-needed", dest="needs_successor", action="store_false",
                   help=t("cli.contract.no_successor"))
    a.add_argument("--note", metavar="TEXT", help=t("cli.reg.note"))
    a.set_defaults(handler=cmd_contract_add)


# --- documents ------------------------------------------------------------------------------------

def document_json(r, today) -> dict:
    return {"id": r.id, "title": r.title, "audience": r.audience, "version": r.version,
            "published": iso(r.published), "owner": r.owner, "next_review": iso(r.review_on),
            "last_reviewed": iso(r.last_reviewed), "link": r.link, "due": r.due(today)}


def cmd_document_list(args) -> int:
    from logbog_tui.storage import documents

    today = clock.today()
    rows = documents.list_documents(open_for(args, "document_command"), today, args.due)
    if args.json:
        print_json([document_json(r, today) for r in rows])
        return 0
    if not rows:
        print(t("reg.empty"))
    for r in rows:
        review = t("reg.doc.due", date=fmt_date(r.review_on)) if r.due(today) else (
            t("reg.doc.next", date=fmt_date(r.review_on)) if r.review_on else "")
        print(f"{r.id:>4}  {r.title[:44]:<44} {t(f'reg.audience.{r.audience}')[:18]:<18} {(r.version or '')[:10]:<10} "
              f"{review}")
    return 0


def cmd_document_add(args) -> int:
    from logbog_tui.storage import documents

    conn = open_for(args, "document_command", write=True)
    draft = documents.DocumentDraft.check(
        {"title": args.title, "audience": args.audience, "version": args.version, "published": args.published,
         "owner": args.owner, "review_on": args.review, "link": args.link, "note": args.note},
        conn=conn, today=clock.today())
    new = documents.add(conn, draft)
    print(t("reg.doc.added", id=new, title=draft.title))
    return 0


def cmd_document_reviewed(args) -> int:
    from logbog_tui.storage import documents

    conn, today = open_for(args, "document_command", write=True), clock.today()
    row = documents.get(conn, args.id)
    draft = documents.ReviewDraft.check({"reviewed_on": args.on or "i dag", "review_on": args.next}, today=today)
    following = documents.review(conn, row.id, draft)
    print(t("reg.doc.reviewed", title=row.title, date=fmt_date(draft.reviewed_on), next=fmt_date(following)))
    return 0


# --- contracts ------------------------------------------------------------------------------------

def contract_json(r, today) -> dict:
    c = r.contract
    return {"id": r.id, "title": c.title, "party": c.party, "signed": iso(c.signed), "from": iso(c.valid_from),
            "to": iso(c.valid_to), "notice_months": c.notice_months, "renewal_months": c.renewal_months,
            "owner": c.owner, "reference": c.reference, "successor_id": c.successor_id,
            "term_end": iso(r.term.end), "notice_by": iso(r.term.notice_by), "ended": r.term.ended,
            "notice_soon": r.notice_soon(today), "lacks_successor": r.lacks_successor()}


def contract_state(r, today) -> str:
    if r.lacks_successor():
        return t("reg.contract.no_successor", date=fmt_date(r.term.end))
    if r.term.ended:
        return t("reg.contract.ended", date=fmt_date(r.term.end))
    if r.term.end is None:
        return t("reg.contract.open_ended")
    notice = t("reg.contract.notice_by", date=fmt_date(r.term.notice_by)) if r.term.notice_by else ""
    mark = "⚠ " if r.notice_soon(today) else ""
    return mark + t("reg.contract.runs_to", date=fmt_date(r.term.end)) + notice


def cmd_contract_list(args) -> int:
    from logbog_tui.storage import contracts

    today = clock.today()
    rows = contracts.list_contracts(open_for(args, "contract_command"), today)
    if args.json:
        print_json([contract_json(r, today) for r in rows])
        return 0
    if not rows:
        print(t("reg.empty"))
    for r in rows:
        print(f"{r.id:>4}  {r.contract.title[:40]:<40} {r.contract.party[:24]:<24} {contract_state(r, today)}")
    return 0


def cmd_contract_add(args) -> int:
    from logbog_tui.storage import contracts

    conn = open_for(args, "contract_command", write=True)
    draft = contracts.ContractDraft.check(
        {"title": args.title, "party": args.party, "signed": args.signed, "valid_from": args.valid_from,
         "valid_to": args.valid_to, "notice_months": args.notice, "renewal_months": args.renewal,
         "owner": args.owner, "reference": args.reference, "needs_successor": args.needs_successor,
         "note": args.note}, conn=conn, today=clock.today())
    new = contracts.add(conn, draft, args.successor_of)
    print(t("reg.contract.added", id=new, title=draft.title))
    return 0

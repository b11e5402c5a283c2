"""``logbog economy [--year YYYY] [--json]``, ``logbog economy key``, ``logbog economy line add``,
``logbog economy rate`` and ``logbog posting add`` (issue 20): the economy in whole kroner."""

from __future__ import annotations

from logbog_tui import clock
from logbog_tui.cli.common import date_arg, open_database, print_json, year_arg
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t
from logbog_tui.service import economy as money


def register(sub) -> None:
    p = sub.add_parser("economy", help=t("cli.econ.help"), description=t("cli.econ.help"))
    p.add_argument("--year", type=year_arg, metavar="YYYY", help=t("cli.econ.year"))
    p.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    p.set_defaults(handler=cmd_economy)
    esub = p.add_subparsers(dest="economy_command", metavar="key|line|rate", required=False,
                            parser_class=p.__class__, help=t("cli.subcommand"))
    k = esub.add_parser("key", help=t("cli.econ.key"), description=t("cli.econ.key"))
    k.add_argument("--year", dest="key_year", type=year_arg, required=True, metavar="YYYY", help=t("cli.econ.year"))
    k.add_argument("shares", nargs="+", metavar="REGION=SHARE", help=t("cli.econ.shares"))
    k.add_argument("--json", dest="key_json", action="store_true", help=t("cli.opt.json"))
    k.set_defaults(handler=cmd_key)
    ln = esub.add_parser("line", help=t("cli.econ.line"), description=t("cli.econ.line"))
    lsub = ln.add_subparsers(dest="line_command", metavar="add", required=True, parser_class=p.__class__,
                             help=t("cli.subcommand"))
    a = lsub.add_parser("add", help=t("cli.econ.line_add"), description=t("cli.econ.line_add"))
    a.add_argument("--year", dest="line_year", type=year_arg, required=True, metavar="YYYY", help=t("cli.econ.year"))
    a.add_argument("--kind", required=True, metavar="KIND", help=t("cli.econ.kind"))
    a.add_argument("--name", required=True, metavar="TEXT", help=t("cli.econ.name"))
    a.add_argument("--budget", required=True, metavar="AMOUNT", help=t("cli.econ.budget"))
    a.add_argument("--profile", metavar="MONTHS", help=t("cli.econ.profile"))
    a.add_argument("--json", dest="line_json", action="store_true", help=t("cli.opt.json"))
    a.set_defaults(handler=cmd_line_add)
    r = esub.add_parser("rate", help=t("cli.econ.rate"), description=t("cli.econ.rate"))
    r.add_argument("--year", dest="rate_year", type=year_arg, required=True, metavar="YYYY", help=t("cli.econ.year"))
    r.add_argument("rate", metavar="AMOUNT", help=t("cli.econ.rate_amount"))
    r.add_argument("--json", dest="rate_json", action="store_true", help=t("cli.opt.json"))
    r.set_defaults(handler=cmd_rate)

    p = sub.add_parser("posting", help=t("cli.posting.help"), description=t("cli.posting.help"))
    psub = p.add_subparsers(dest="posting_command", metavar="add", required=True, parser_class=p.__class__,
                            help=t("cli.subcommand"))
    a = psub.add_parser("add", help=t("cli.posting.add"), description=t("cli.posting.add"))
    a.add_argument("--line", required=True, metavar="LINE", help=t("cli.posting.line"))
    a.add_argument("--date", required=True, metavar="DATE", help=t("cli.posting.date"))
    a.add_argument("--amount", required=True, metavar="AMOUNT", help=t("cli.posting.amount"))
    a.add_argument("--supplier", metavar="TEXT", help=t("cli.posting.supplier"))
    a.add_argument("--ref", metavar="TEXT", help=t("cli.posting.ref"))
    a.add_argument("--note", metavar="TEXT", help=t("cli.posting.note"))
    a.add_argument("--commitment", action="store_true", help=t("cli.posting.commitment"))
    a.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    a.set_defaults(handler=cmd_posting_add)


def overview_json(view) -> dict:
    """The JSON of ``logbog economy --json`` (amounts integer kroner; ``share`` a decimal string)."""
    return {
        "year": view.year,
        "lines": [{"id": r.id, "kind": r.line.kind, "name": r.line.name, "budget": r.position.budget,
                   "spent": r.position.spent, "committed": r.position.committed,
                   "remaining": r.position.remaining, "expected": r.position.expected,
                   "forecast": r.position.forecast, "status": r.position.status} for r in view.lines],
        "budget": view.totals.budget,
        "spent": view.totals.spent,
        "committed": view.totals.committed,
        "forecast": view.totals.forecast,
        "hour_rate": view.rate,
        "hours": {"projektledelse": round(view.pl_minutes / 60, 2), "folgegruppe": round(view.fg_minutes / 60, 2)},
        "hours_value": view.hours_value,
        "total": view.total,
        "key_missing": view.shares is None,
        "shares": [{"region_code": s.region_code, "region_name": s.region_name, "share": money.share_decimal(s.share),
                    "amount": s.amount, "budget_amount": s.budget_amount} for s in view.shares or []],
    }


def kr(amount: int) -> str:
    return money.format_amount(amount)


def cmd_economy(args) -> int:
    from logbog_tui.storage import economy

    today = clock.today()
    year = args.year or today.year
    view = economy.overview(open_database(args), year, today)
    if args.json:
        print_json(overview_json(view))
        return 0
    print(t("econ.title", year=year))
    if not view.lines:
        print(t("econ.no_lines", year=year))
    header = (f"{t('econ.col.line'):<28} {t('econ.col.budget'):>15} {t('econ.col.spent'):>15} "
              f"{t('econ.col.committed'):>13} {t('econ.col.remaining'):>15} {t('econ.col.forecast'):>15}  "
              f"{t('econ.col.status')}")
    if view.lines:
        print(header)
    for r in [*view.lines, None]:
        pos = view.totals if r is None else r.position
        name = t("econ.total_lines") if r is None else r.line.name
        print(f"{name[:28]:<28} {kr(pos.budget):>15} {kr(pos.spent):>15} {kr(pos.committed):>13} "
              f"{kr(pos.remaining):>15} {kr(pos.forecast):>15}  {t(f'econ.status.{pos.status}')}")
    print(t("econ.hours_line", pl=money.format_amount(view.pl_minutes // 60, unit=False),
            fg=money.format_amount(view.fg_minutes // 60, unit=False), rate=kr(view.rate), value=kr(view.hours_value)))
    print(t("econ.total_line", total=kr(view.total)))
    if view.shares is None:
        print(t("econ.key_missing", year=year))
    else:
        for s in view.shares:
            print(f"  {s.region_name[:30]:<30} {money.percent_text(s.share):>9} {kr(s.amount):>15}")
    return 0


def _share_pairs(typed: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for item in typed:
        region, sep, share = item.rpartition("=")
        if not sep or not region.strip() or not share.strip():
            raise UserError("econ.bad_pair", text=item[:60])
        pairs.append((region, share))
    return pairs


def cmd_key(args) -> int:
    from logbog_tui.storage import economy

    conn = open_database(args, write=True)
    regions = economy.regions_in(conn, args.key_year)
    shares = {}
    for region, share in _share_pairs(args.shares):
        code = economy.resolve_region(regions, region).code
        if code in shares:
            raise UserError("econ.region_twice", region=region.strip())
        shares[code] = money.parse_share(share)
    economy.set_key(conn, args.key_year, shares)
    names = {r.code: r.name for r in regions}
    if args.key_json:  # shares as decimal strings, as in ``economy --json``
        print_json({"year": args.key_year, "shares": [{"region_code": c, "region_name": names[c],
                                                       "share": money.share_decimal(s)} for c, s in shares.items()]})
        return 0
    print(t("econ.key_saved", year=args.key_year,
            shares="; ".join(f"{names[c]} {money.percent_text(s)}" for c, s in shares.items())))
    return 0


def cmd_line_add(args) -> int:
    from logbog_tui.storage import economy

    budget = money.parse_amount(args.budget)
    profile = money.parse_profile(args.profile or "")
    kind = money.kind_code(args.kind)
    conn = open_database(args, write=True)
    line_id = economy.add_line(conn, args.line_year, kind, args.name, budget, profile)
    if args.line_json:
        print_json({"id": line_id, "year": args.line_year, "kind": kind, "name": args.name.strip(),
                    "budget": budget, "profile": profile})  # 12 month weights, or null: even
        return 0
    print(t("econ.line_saved", id=line_id, name=args.name.strip(), year=args.line_year, budget=kr(budget)))
    return 0


def cmd_rate(args) -> int:
    from logbog_tui.storage import economy

    rate = money.parse_amount(args.rate)
    conn = open_database(args, write=True)
    economy.set_hour_rate(conn, args.rate_year, rate)
    if args.rate_json:
        print_json({"year": args.rate_year, "rate": rate})
        return 0
    print(t("econ.rate_saved", year=args.rate_year, rate=kr(rate)))
    return 0


def cmd_posting_add(args) -> int:
    from logbog_tui.storage import economy

    amount = money.parse_amount(args.amount)
    conn = open_database(args, write=True)
    today = clock.today()
    day = date_arg(args.date, today)
    line = economy.resolve_line(conn, args.line, day.year)
    posting_id = economy.add_posting(conn, line.id, day, amount, args.supplier, args.ref, args.note, args.commitment)
    if args.json:
        print_json({"id": posting_id, "line_id": line.id, "line": line.name, "date": day.isoformat(),
                    "amount": amount, "supplier": args.supplier, "reference": args.ref, "note": args.note,
                    "commitment": args.commitment})
        return 0
    key = "econ.commitment_saved" if args.commitment else "econ.posting_saved"
    print(t(key, id=posting_id, line=line.name, date=fmt_date(day), amount=kr(amount)))
    return 0

"""``logbog person add|list|show``, ``logbog appoint``, ``logbog substitute``, ``logbog membership end``
and ``logbog composition``: the Members screen on the command line, through the same input models
and storage functions (storage/people.py, storage/memberships.py)."""

from __future__ import annotations

from datetime import date

from logbog_tui import clock
from logbog_tui.cli.common import body_arg, checked, date_arg, id_arg, open_database, print_json
from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, fmt_hours, t

ROLES = ("member", "chair", "secretary", "chair_secretary")


def register(sub) -> None:
    p = sub.add_parser("person", help=t("cli.person.help"), description=t("cli.person.help"))
    psub = p.add_subparsers(dest="person_command", metavar="add|list|show", required=True, parser_class=p.__class__,
                            help=t("cli.subcommand"))
    a = psub.add_parser("add", help=t("cli.person.add"), description=t("cli.person.add"))
    a.add_argument("name", metavar="NAME", help=t("cli.person.name"))
    a.add_argument("--org", metavar="ORG", help=t("cli.person.org"))
    a.add_argument("--title", metavar="TEXT", help=t("cli.person.title"))
    a.add_argument("--email", metavar="TEXT", help=t("cli.person.email"))
    a.add_argument("--phone", metavar="TEXT", help=t("cli.person.phone"))
    a.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    a.set_defaults(handler=cmd_add)
    ls = psub.add_parser("list", help=t("cli.person.list"), description=t("cli.person.list"))
    ls.add_argument("--all", action="store_true", help=t("cli.person.all"))
    ls.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    ls.set_defaults(handler=cmd_list)
    sh = psub.add_parser("show", help=t("cli.person.show"), description=t("cli.person.show"))
    sh.add_argument("name", metavar="NAME", help=t("cli.person.who"))
    sh.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    sh.set_defaults(handler=cmd_show)

    p = sub.add_parser("appoint", help=t("cli.appoint.help"), description=t("cli.appoint.help"))
    p.add_argument("name", metavar="NAME", help=t("cli.person.who"))
    p.add_argument("--seat", required=True, metavar="SEAT", help=t("cli.appoint.seat"))
    p.add_argument("--body", type=body_arg, default="folgegruppe", metavar="følgegruppe|styregruppe",
                   help=t("cli.appoint.body"))
    p.add_argument("--from", dest="start", required=True, metavar="DATE", help=t("cli.membership.from"))
    p.add_argument("--to", dest="end", metavar="DATE", help=t("cli.appoint.to"))
    p.add_argument("--role", choices=ROLES, default="member", help=t("cli.appoint.role"))
    p.add_argument("--ref", metavar="TEXT", help=t("cli.membership.ref"))
    p.set_defaults(handler=cmd_appoint)

    p = sub.add_parser("substitute", help=t("cli.substitute.help"), description=t("cli.substitute.help"))
    p.add_argument("name", metavar="NAME", help=t("cli.person.who"))
    p.add_argument("--for", dest="member", required=True, metavar="MEMBER", help=t("cli.substitute.for"))
    p.add_argument("--seat", metavar="SEAT", help=t("cli.substitute.seat"))
    p.add_argument("--from", dest="start", required=True, metavar="DATE", help=t("cli.membership.from"))
    p.add_argument("--to", dest="end", metavar="DATE", help=t("cli.substitute.to"))
    p.add_argument("--ref", metavar="TEXT", help=t("cli.membership.ref"))
    p.set_defaults(handler=cmd_substitute)

    p = sub.add_parser("membership", help=t("cli.membership.help"), description=t("cli.membership.help"))
    msub = p.add_subparsers(dest="membership_command", metavar="end", required=True, parser_class=p.__class__,
                            help=t("cli.subcommand"))
    e = msub.add_parser("end", help=t("cli.membership.end"), description=t("cli.membership.end"))
    e.add_argument("id", type=id_arg("cli.membership.bad_id"), metavar="ID", help=t("cli.membership.id"))
    e.add_argument("--last-day", dest="last_day", required=True, metavar="DATE", help=t("cli.membership.last_day"))
    e.set_defaults(handler=cmd_end)

    p = sub.add_parser("composition", help=t("cli.composition.help"), description=t("cli.composition.help"))
    p.add_argument("--body", type=body_arg, metavar="følgegruppe|styregruppe", help=t("cli.composition.body"))
    p.add_argument("--on", metavar="DATE", help=t("cli.opt.on"))
    p.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    p.set_defaults(handler=cmd_composition)


# --- JSON shapes ----------------------------------------------------------------------------

def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def membership_json(m, codes: dict[int, str], today: date) -> dict:
    """One membership (a seat or a substitute role) with stable keys."""
    from logbog_tui.service.composition import valid_on

    return {"membership_id": m.id, "body": m.body, "seat": m.seat, "seat_code": codes.get(m.seat_id),
            "role": m.role, "from": _iso(m.valid_from), "to": _iso(m.valid_to),
            "substitute_for": ({"membership_id": m.substitute_for, "person_id": m.holder_id, "person": m.holder}
                               if m.substitute_for else None),
            "ref": m.reference, "current": valid_on(m.valid_from, m.valid_to, today)}


def person_json(r, seats: list[dict]) -> dict:
    return {"id": r.id, "name": r.name, "organisation": r.organisation, "title": r.title, "email": r.email,
            "phone": r.phone, "current": r.current, "seats": seats}


def _codes(conn) -> dict[int, str]:
    from logbog_tui.storage import names

    return {s.id: s.code for s in names.seat_names(conn)}


def _label(m) -> str:
    """"Følgegruppen: Region Midtjylland", with "suppleant for NAME" for a substitute role."""
    label = f"{t(f'body.{m.body}')}: {m.seat}"
    return label + (f" ({t('members.substitute_for', name=m.holder or '?')})" if m.substitute_for else "")


def _until(day: date | None) -> str:
    return fmt_date(day) if day else "…"


# --- person ---------------------------------------------------------------------------------

def cmd_add(args) -> int:
    from logbog_tui.storage import names, people

    conn = open_database(args, write=True)
    org = names.resolve_organisation(conn, args.org).id if args.org else None
    draft = checked(people.PersonDraft, {"name": args.name, "organisation_id": org, "title": args.title,
                                         "email": args.email, "phone": args.phone},
                    {"name": "NAME", "title": "--title", "email": "--email", "phone": "--phone"})
    pid = people.create(conn, draft)
    if args.json:
        row = next(r for r in people.list_people(conn, clock.today(), include_former=True) if r.id == pid)
        print_json(person_json(row, []))
        return 0
    print(t("cli.person.added", id=pid, name=draft.name))
    return 0


def cmd_list(args) -> int:
    from logbog_tui.storage import memberships, people

    today = clock.today()
    conn = open_database(args)
    rows = people.list_people(conn, today, include_former=args.all, limit=100_000)
    if args.json:
        codes = _codes(conn)
        held: dict[int, list[dict]] = {}
        for m in memberships.running_on(conn, today):
            held.setdefault(m.person_id, []).append(membership_json(m, codes, today))
        print_json([person_json(r, held.get(r.id, [])) for r in rows])
        return 0
    shown = [(r, r.name if r.current else f"{r.name} ({t('members.former')})") for r in rows]
    width = min(40, max((len(name) for _, name in shown), default=0))
    for r, name in shown:
        print(f"{r.id:>5}  {_cut(name, width):<{width}}  {_cut(r.organisation or '', 32):<32}  {r.seats}".rstrip())
    return 0


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` characters: cut with … as the Members screen does."""
    return text if len(text) <= width else text[:width - 1] + "…"


def cmd_show(args) -> int:
    from logbog_tui.overview import budget_overview
    from logbog_tui.service.budget import as_of_for
    from logbog_tui.storage import entries, memberships, names, people

    today = clock.today()
    conn = open_database(args)
    who = names.resolve_person(conn, args.name)
    row = next(r for r in people.list_people(conn, today, include_former=True, limit=100_000) if r.id == who.id)
    rows = memberships.of_person(conn, who.id)
    codes = _codes(conn)
    held = [membership_json(m, codes, today) for m in rows]
    as_of = as_of_for(today.year, today)
    totals = entries.totals(conn, entries.EntryFilter(date(today.year, 1, 1), as_of, person_id=who.id), "area")
    member = budget_overview(conn, today.year, as_of).member(who.id)
    hours = {"year": today.year, "as_of": as_of.isoformat(),
             "total": round(sum(x.minutes for x in totals) / 60, 2),
             "support": round(sum(x.support for x in totals) / 60, 2),
             "by_area": [{"area_code": x.label.split(" ", 1)[0], "area_name": x.label.split(" ", 1)[-1],
                          "hours": round(x.minutes / 60, 2), "support": round(x.support / 60, 2)} for x in totals],
             "budget": ({"budget": round(member.budget, 2), "used": round(member.used, 2),
                         "remaining": round(member.remaining, 2), "status": member.status}
                        if member else None)}
    if args.json:
        print_json({**person_json(row, [m for m in held if m["current"]]), "memberships": held, "hours": hours})
        return 0
    print(t("cli.person.head", id=row.id, name=row.name) + ("" if row.current else f" ({t('members.former')})"))
    for key, value in (("organisation", row.organisation), ("title", row.title), ("email", row.email),
                       ("phone", row.phone)):
        if value:
            print(f"  {t(f'person.field.{key}')}: {value}")
    print(t("cli.person.memberships") if held else t("cli.person.no_memberships"))
    for m in rows:
        line = f"  #{m.id:<5} {_label(m)}  {fmt_date(m.valid_from)}–{_until(m.valid_to)}"
        line += f", {t(f'role.{m.role}')}" if m.role != "member" else ""
        print(line + (f"  [{m.reference}]" if m.reference else ""))
    print(t("cli.person.hours", year=today.year, date=fmt_date(as_of), total=fmt_hours(hours["total"]),
            support=fmt_hours(hours["support"])))
    for x in totals:
        print(f"  {x.label[:50]:<50} {fmt_hours(x.minutes / 60):>9}")
    if member is not None:
        print(t("cli.person.budget", used=fmt_hours(member.used), budget=fmt_hours(member.budget),
                left=fmt_hours(member.remaining), status=t(f"status.{member.status}")))
    return 0


# --- memberships ----------------------------------------------------------------------------

def cmd_appoint(args) -> int:
    from logbog_tui.storage import memberships, names

    today = clock.today()
    conn = open_database(args, write=True)
    person = names.resolve_person(conn, args.name)
    start = date_arg(args.start, today)  # the parser of the form's dates: the same messages
    seat = names.resolve_seat(conn, args.body, args.seat, start)
    a = checked(memberships.Appointment, {"seat": seat.id, "start": start, "end": args.end, "role": args.role,
                                          "reference": args.ref, "today": today}, {"end": "--to", "reference": "--ref"})
    mid = memberships.appoint(conn, person.id, a.seat, a.start, a.end, a.role, a.reference)
    m = next(x for x in memberships.of_person(conn, person.id) if x.id == mid)
    print(t("cli.appointed", id=mid, name=person.label, body=t(f"body.{m.body}"), seat=m.seat,
            start=fmt_date(m.valid_from), end=_until(m.valid_to))
          + ("" if m.role == "member" else f", {t(f'role.{m.role}')}"))
    return 0


def cmd_substitute(args) -> int:
    from logbog_tui.storage import memberships, names

    today = clock.today()
    conn = open_database(args, write=True)
    person = names.resolve_person(conn, args.name)
    member = names.resolve_person(conn, args.member)
    start = date_arg(args.start, today)  # the parser of the form's dates: the same messages
    held = memberships.substitutable(conn, person.id, start)
    seats = [m for m in held if m.person_id == member.id]
    if args.seat and seats:
        labels = [names.Named(m.id, f"{t(f'body.{m.body}')}: {m.seat}") for m in seats]
        chosen = names.resolve(labels, args.seat, "seat").id
        seats = [m for m in seats if m.id == chosen]
    if not seats:
        if member.id == person.id:
            raise UserError("membership.own_substitute")
        raise UserError("cli.substitute.no_seat", person=member.label, date=fmt_date(start))
    if len(seats) > 1:
        raise UserError("cli.substitute.several", person=member.label,
                        seats="; ".join(f"{t(f'body.{m.body}')}: {m.seat}" for m in seats))
    s = checked(memberships.Substitution, {"member": seats[0].id, "start": start, "end": args.end,
                                           "reference": args.ref, "today": today},
                {"end": "--to", "reference": "--ref"})
    mid = memberships.appoint_substitute(conn, person.id, s.member, s.start, s.end, s.reference)
    m = next(x for x in memberships.of_person(conn, person.id) if x.id == mid)
    print(t("cli.substituted", id=mid, name=person.label, member=member.label, body=t(f"body.{m.body}"),
            seat=m.seat, start=fmt_date(m.valid_from), end=_until(m.valid_to)))
    return 0


def cmd_end(args) -> int:
    from logbog_tui.storage import memberships

    today = clock.today()
    conn = open_database(args, write=True)
    last = checked(memberships.Ending, {"end": args.last_day, "today": today}, {"end": "--last-day"}).end
    m = memberships.get(conn, args.id)
    subs, annulled = memberships.end_membership(conn, m.id, last)
    print(t("cli.membership.ended", id=m.id, person=m.person, label=_label(m))
          + t("members.ended", date=fmt_date(last), subs=subs)
          + (t("members.annulled", count=annulled) if annulled else ""))
    return 0


# --- composition ----------------------------------------------------------------------------

def cmd_composition(args) -> int:
    from logbog_tui.storage import memberships

    today = clock.today()
    conn = open_database(args)
    day = date_arg(args.on, today)  # any date, as the composition view takes it (memberships may be older)
    bodies = [(b, lines) for b, lines in memberships.compositions(conn, day) if args.body in (None, b)]
    if args.json:
        codes = _codes(conn)

        def held(m) -> dict:
            return {"membership_id": m.id, "person_id": m.person_id, "person": m.person, "role": m.role,
                    "from": _iso(m.valid_from), "to": _iso(m.valid_to)}

        print_json({"date": day.isoformat(), "bodies": [
            {"body": body, "seats": [{"seat_id": x.seat.id, "seat": x.seat.label, "seat_code": codes.get(x.seat.id),
                                      "kind": x.seat.kind, "vacant": x.vacant,
                                      "holder": held(x.holder) if x.holder else None,
                                      "substitutes": [{k: v for k, v in held(s).items() if k != "role"}
                                                      for s in x.substitutes]}
                                     for x in lines]}
            for body, lines in bodies]})
        return 0
    shown = [(body, [(x.seat.label, _holder(x.holder), ", ".join(s.person for s in x.substitutes)) for x in lines])
             for body, lines in bodies]
    seat_w = max((len(seat) for _, rows in shown for seat, _, _ in rows), default=0)
    holder_w = max((len(holder) for _, rows in shown for _, holder, _ in rows), default=0)
    for n, (body, rows) in enumerate(shown):
        print(("\n" if n else "") + t("cli.composition.head", body=t(f"body.{body}"), date=fmt_date(day)))
        for seat, holder, subs in rows:
            line = f"  {seat:<{seat_w}}  {holder:<{holder_w}}"
            print((line + (f"  {t('cli.composition.substitutes', names=subs)}" if subs else "")).rstrip())
    return 0


def _holder(m) -> str:
    """The holder as the composition view shows it: name, "til DATE", role; LEDIG for a vacancy."""
    if m is None:
        return t("composition.vacant")
    text = m.person + (f" ({t('composition.until', date=fmt_date(m.valid_to))})" if m.valid_to else "")
    return text + (f", {t(f'role.{m.role}')}" if m.role != "member" else "")

"""``logbog specialty list|version|loaded|add|end`` (PL1) and ``logbog courseleader
list|set|entered`` (PL2): the project leader's registers (issue 19). Documents and contracts are in
:mod:`logbog_tui.cli.register_doc_cmds`. Dates here may lie before the organisation's start."""

from __future__ import annotations

import argparse

from logbog_tui import clock
from logbog_tui.cli.common import open_database, print_json
from logbog_tui.i18n import fmt_date, t


def iso(day) -> str | None:
    return day.isoformat() if day else None


def open_for(args: argparse.Namespace, sub: str, write: bool = False):
    """The database, with the journal's "from where" naming the subcommand too."""
    conn = open_database(args, write=write)
    conn.origin = f"logbog {args.command} {getattr(args, sub)}"
    return conn


def register(sub) -> None:
    p = sub.add_parser("specialty", help=t("cli.specialty.help"), description=t("cli.specialty.help"))
    ssub = p.add_subparsers(dest="specialty_command", metavar="list|version|loaded|add|end", required=True,
                            parser_class=p.__class__, help=t("cli.subcommand"))
    ls = ssub.add_parser("list", help=t("cli.specialty.list"), description=t("cli.specialty.list"))
    ls.add_argument("--pending", action="store_true", help=t("cli.specialty.pending"))
    ls.add_argument("--all", action="store_true", help=t("cli.specialty.all"))
    ls.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    ls.set_defaults(handler=cmd_specialty_list)
    v = ssub.add_parser("version", help=t("cli.specialty.version"), description=t("cli.specialty.version"))
    v.add_argument("specialty", metavar="SPECIALTY", help=t("cli.specialty.which"))
    v.add_argument("--approved", required=True, metavar="DATE", help=t("cli.specialty.approved"))
    v.add_argument("--effective", metavar="DATE", help=t("cli.specialty.effective"))
    v.add_argument("--loaded", metavar="DATE", help=t("cli.specialty.loaded_on"))
    v.add_argument("--edition", metavar="TEXT", help=t("cli.specialty.edition"))
    v.add_argument("--link", metavar="URL", help=t("cli.reg.link"))
    v.add_argument("--note", metavar="TEXT", help=t("cli.reg.note"))
    v.set_defaults(handler=cmd_specialty_version)
    lo = ssub.add_parser("loaded", help=t("cli.specialty.loaded"), description=t("cli.specialty.loaded"))
    lo.add_argument("specialty", metavar="SPECIALTY", help=t("cli.specialty.which"))
    lo.add_argument("--on", required=True, metavar="DATE", help=t("cli.specialty.loaded_on"))
    lo.set_defaults(handler=cmd_specialty_loaded)
    a = ssub.add_parser("add", help=t("cli.specialty.add"), description=t("cli.specialty.add"))
    a.add_argument("name", metavar="NAME", help=t("cli.specialty.name"))
    a.add_argument("--from", dest="valid_from", metavar="DATE", help=t("cli.specialty.from"))
    a.set_defaults(handler=cmd_specialty_add)
    e = ssub.add_parser("end", help=t("cli.specialty.end"), description=t("cli.specialty.end"))
    e.add_argument("specialty", metavar="SPECIALTY", help=t("cli.specialty.which"))
    e.add_argument("--on", required=True, metavar="DATE", help=t("cli.specialty.end_on"))
    e.set_defaults(handler=cmd_specialty_end)

    p = sub.add_parser("courseleader", help=t("cli.leader.help"), description=t("cli.leader.help"))
    csub = p.add_subparsers(dest="leader_command", metavar="list|set|entered", required=True,
                            parser_class=p.__class__, help=t("cli.subcommand"))
    ls = csub.add_parser("list", help=t("cli.leader.list"), description=t("cli.leader.list"))
    ls.add_argument("--specialty", metavar="S", help=t("cli.specialty.which"))
    ls.add_argument("--region", metavar="R", help=t("cli.leader.region"))
    ls.add_argument("--pending", action="store_true", help=t("cli.leader.pending"))
    ls.add_argument("--all", action="store_true", help=t("cli.leader.all"))
    ls.add_argument("--json", action="store_true", help=t("cli.opt.json"))
    ls.set_defaults(handler=cmd_leader_list)
    s = csub.add_parser("set", help=t("cli.leader.set"), description=t("cli.leader.set"))
    s.add_argument("specialty", metavar="SPECIALTY", help=t("cli.specialty.which"))
    s.add_argument("--region", required=True, metavar="R", help=t("cli.leader.region"))
    who = s.add_mutually_exclusive_group(required=True)
    who.add_argument("--main", metavar="NAME", help=t("cli.leader.main"))
    who.add_argument("--sub", metavar="NAME", help=t("cli.leader.sub"))
    s.add_argument("--from", dest="valid_from", required=True, metavar="DATE", help=t("cli.leader.from"))
    s.add_argument("--email", metavar="EMAIL", help=t("cli.leader.email"))
    s.add_argument("--entered", metavar="DATE", help=t("cli.leader.entered_on"))
    s.set_defaults(handler=cmd_leader_set)
    en = csub.add_parser("entered", help=t("cli.leader.entered"), description=t("cli.leader.entered"))
    en.add_argument("id", type=_id, metavar="ID", help=t("cli.leader.id"))
    en.add_argument("--on", required=True, metavar="DATE", help=t("cli.leader.entered_on"))
    en.set_defaults(handler=cmd_leader_entered)

    from logbog_tui.cli import register_doc_cmds

    register_doc_cmds.register(sub)


def _id(text: str) -> int:
    if not text.strip().lstrip("#").isdigit():
        raise argparse.ArgumentTypeError(t("cli.reg.bad_id", text=text))
    return int(text.strip().lstrip("#"))


# --- specialties ----------------------------------------------------------------------------------

def specialty_json(r) -> dict:
    return {"id": r.id, "name": r.name, "edition_in_force": r.edition_in_force, "approved": iso(r.approved),
            "effective": iso(r.effective), "loaded": iso(r.loaded), "pending": r.pending,
            "days_waiting": r.days_waiting}


def specialty_state(r) -> str:
    """What the list says of a specialty's newest målbeskrivelse."""
    if r.newest_id is None:
        return t("reg.spec.none")
    if r.pending:
        return t("reg.spec.pending", edition=r.edition, approved=fmt_date(r.approved), days=r.days_waiting)
    if r.loaded is None:
        return t("reg.spec.coming", edition=r.edition, approved=fmt_date(r.approved))
    return t("reg.spec.loaded", edition=r.edition, date=fmt_date(r.loaded))


def cmd_specialty_list(args) -> int:
    from logbog_tui.storage import specialties

    rows = specialties.list_specialties(open_for(args, "specialty_command"), clock.today(), args.pending, args.all)
    if args.json:
        print_json([specialty_json(r) for r in rows])
        return 0
    if not rows:
        print(t("reg.spec.none_pending") if args.pending else t("reg.empty"))
    for r in rows:
        print(f"{r.id:>3}  {r.name[:46]:<46} {(r.edition_in_force or '–')[:14]:<14} {specialty_state(r)}")
    return 0


def cmd_specialty_version(args) -> int:
    from logbog_tui.storage import specialties

    conn, today = open_for(args, "specialty_command", write=True), clock.today()
    draft = specialties.VersionDraft.check(
        {"specialty": args.specialty, "approved": args.approved, "effective": args.effective, "loaded": args.loaded,
         "edition": args.edition, "link": args.link, "note": args.note}, conn=conn, today=today)
    specialties.add_version(conn, draft)
    (row,) = [r for r in specialties.list_specialties(conn, today, include_ended=True) if r.id == draft.specialty]
    print(t("reg.spec.version_saved", name=row.name, edition=draft.values()["edition"],
            approved=fmt_date(draft.approved)) + "  " + specialty_state(row))
    return 0


def cmd_specialty_loaded(args) -> int:
    from logbog_tui.storage import specialties
    from logbog_tui.storage.registers import Day

    conn, today = open_for(args, "specialty_command", write=True), clock.today()
    found = specialties.resolve(conn, args.specialty)
    row = specialties.mark_loaded(conn, found.id, Day.check({"on": args.on}, today=today).on)
    print(t("reg.spec.marked_loaded", name=found.label, edition=row.edition, date=fmt_date(row.loaded)))
    return 0


def cmd_specialty_add(args) -> int:
    from logbog_tui.storage import specialties

    conn = open_for(args, "specialty_command", write=True)
    draft = specialties.SpecialtyDraft.check({"name": args.name, "valid_from": args.valid_from},
                                             conn=conn, today=clock.today())
    new = specialties.add_specialty(conn, draft)
    print(t("reg.spec.added", id=new, name=draft.name))
    return 0


def cmd_specialty_end(args) -> int:
    from logbog_tui.storage import specialties

    conn, today = open_for(args, "specialty_command", write=True), clock.today()
    found = specialties.resolve(conn, args.specialty)
    (row,) = [r for r in specialties.list_specialties(conn, today, include_ended=True) if r.id == found.id]
    draft = specialties.SpecialtyDraft.check({"name": row.name, "valid_from": row.valid_from, "valid_to": args.on},
                                             conn=conn, today=today)
    specialties.update_specialty(conn, found.id, draft)
    print(t("reg.spec.ended", name=row.name, date=fmt_date(draft.valid_to)))
    return 0


# --- course leaders -------------------------------------------------------------------------------

def leader_json(r, today) -> dict:
    return {"id": r.id, "specialty_id": r.specialty_id, "specialty": r.specialty, "region": r.region_code,
            "role": r.role, "person_id": r.person_id, "name": r.name, "email": r.email,
            "from": iso(r.valid_from), "to": iso(r.valid_to), "entered": iso(r.entered), "pending": r.pending(today)}


def cmd_leader_list(args) -> int:
    from logbog_tui.storage import course_leaders, specialties

    conn, today = open_for(args, "leader_command"), clock.today()
    specialty = specialties.resolve(conn, args.specialty).id if args.specialty else None
    region = course_leaders.resolve_region(conn, args.region) if args.region else None
    rows = course_leaders.list_leaders(conn, today, specialty, region, args.pending, args.all)
    if args.json:
        print_json([leader_json(r, today) for r in rows])
        return 0
    if not rows:
        print(t("reg.empty"))
    for r in rows:
        state = t("reg.leader.pending") if r.pending(today) else (
            t("reg.leader.entered", date=fmt_date(r.entered)) if r.entered else "")
        until = f"–{fmt_date(r.valid_to)}" if r.valid_to else "–"
        print(f"{r.id:>4}  {r.specialty[:34]:<34} {r.region:<4} {t(f'reg.role.{r.role}'):<16} {r.name[:28]:<28} "
              f"{fmt_date(r.valid_from)}{until}  {state}")
    return 0


def cmd_leader_set(args) -> int:
    from logbog_tui.storage import course_leaders

    conn, today = open_for(args, "leader_command", write=True), clock.today()
    role = "main" if args.main is not None else "sub"
    draft = course_leaders.LeaderDraft.check(
        {"specialty": args.specialty, "region": args.region, "role": role,
         "who": args.main if role == "main" else args.sub, "email": args.email, "valid_from": args.valid_from,
         "entered": args.entered}, conn=conn, today=today)
    row = course_leaders.get(conn, course_leaders.set_leader(conn, draft))
    where = t("reg.leader.in_register") if row.person_id else t("reg.leader.outside")
    print(t("reg.leader.saved", id=row.id, name=row.name, where=where, role=t(f"reg.role.{row.role}"),
            specialty=row.specialty, region=row.region, date=fmt_date(row.valid_from)))
    if row.pending(today):
        print(t("reg.leader.remember"))
    return 0


def cmd_leader_entered(args) -> int:
    from logbog_tui.storage import course_leaders
    from logbog_tui.storage.registers import Day

    conn, today = open_for(args, "leader_command", write=True), clock.today()
    course_leaders.get(conn, args.id)  # an unknown id is refused before the date is read
    day = Day.check({"on": args.on}, today=today).on
    row = course_leaders.mark_entered(conn, args.id, day)
    print(t("reg.leader.marked", id=row.id, name=row.name, specialty=row.specialty, region=row.region,
            date=fmt_date(row.entered)))
    return 0

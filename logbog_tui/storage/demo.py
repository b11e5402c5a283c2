"""``logbog demo``: a realistic, clearly fictitious organisation to try the program on.

Every person is invented (e-mail addresses at example.org, a note saying so); so are the
registers' målbeskrivelser, course leaders, guides and contracts
(:mod:`logbog_tui.storage.demo_registers`). Hosts follow the
rotation rule of :mod:`logbog_tui.service.rotation`; hours fall on working days only.
When the demo reaches back before the seed's seats (01.01.2017) it moves their start back to
the demo's first year: a demo-only fiction, recorded in the setting ``demo_start``; the setting
``org_start`` (the earliest date of hours and meetings) is the demo's first day too.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from sqlalchemy import func, insert
from sqlalchemy import select as sql_select
from sqlalchemy import update as sql_update
from sqlmodel import Session, SQLModel, col, select

from logbog_tui.storage.db import Connection
from logbog_tui.storage.models import (AgendaItem, Attendance, Budget, Meeting, Membership, Organisation, Person,
                                       Region, Seat, Setting, TaskArea, Task, Ticket, TicketEvent, TimeEntry)
from logbog_tui.storage.session import reading, transaction
from logbog_tui.errors import UserError
from logbog_tui.service import rotation
from logbog_tui.service.workdays import is_working_day

FIRST = ["Anne", "Bo", "Camilla", "Dorte", "Erik", "Freja", "Gustav", "Hanne", "Ib", "Jette", "Karsten",
         "Lise", "Mads", "Nanna", "Ole", "Pernille", "Rasmus", "Sofie", "Tove", "Ulrik", "Vibeke", "Aksel"]
LAST = ["Fiktivsen", "Demogaard", "Prøvesen", "Opdigt", "Eksempelberg", "Testrup", "Mockholm", "Skinlund"]
TITLES = ["Uddannelseskoordinator", "Specialkonsulent", "Fuldmægtig", "Overlæge", "Chefkonsulent"]
AGENDA = ["Status på målbeskrivelser", "Nyt fra leverandøren", "Brugerfeedback", "Budgetopfølgning",
          "Udviklingsønsker", "Arbejdsgange for uddannelseslæger", "Integration med andre systemer"]
TICKETS = ["Kan ikke godkende kompetence", "Forkert hovedkursusleder", "Ny målbeskrivelse skal indlæses",
           "Spørgsmål om logbogens eksport", "Ønske: påmindelser pr. mail", "Langsom indlæsning af logbog",
           "Delkursusleder mangler adgang", "Feedback: uklar knap i godkendelse"]
CATEGORIES = ["fejl", "spoergsmaal", "oenske", "feedback", "dataaendring"]


class _Gen:
    def __init__(self, session: Session, start: date, today: date) -> None:
        self.session, self.start, self.today = session, start, today
        self.rng = random.Random(2017)
        self.extra = random.Random(2018)   # status changes and attendance, apart from the rest of the data
        self.names: set[str] = set()
        self.entries: list[dict[str, Any]] = []
        self.rows: dict[type[SQLModel], list[dict[str, Any]]] = {}  # inserted at the end, table by table
        self.stats = {"people": 0, "meetings": 0, "entries": 0, "tickets": 0, "tasks": 0}
        self.areas = {code: aid for aid, code in session.exec(select(TaskArea.id, TaskArea.code)
                                                              .order_by(col(TaskArea.id)))}
        self.substitutes: dict[int, list[tuple[int, date, date]]] = {}   # member -> (substitute, from, to)
        self.orgs = {name: oid for oid, name in session.exec(select(Organisation.id, Organisation.name))}

    def new(self, row: Person | Membership | Meeting | Ticket) -> int:
        """Insert ``row`` (a table model) now; its id."""
        self.session.add(row)
        self.session.flush()
        return cast(int, row.id)

    def later(self, model: type[SQLModel], **values: Any) -> None:
        """A row that nothing refers to: inserted with the others of its table at the end."""
        self.rows.setdefault(model, []).append(values)

    def insert_rest(self) -> None:
        """The rows kept for later, one ``executemany`` a table (the time entries are most of the demo)."""
        for model, rows in (*self.rows.items(), (TimeEntry, self.entries)):
            if rows:
                self.session.execute(insert(model.__table__), rows)  # type: ignore[attr-defined]

    def person(self, org: str, title: str | None = None) -> int:
        while True:
            name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            if name not in self.names:
                break
        self.names.add(name)
        email = name.lower().replace(" ", ".").replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
        person = Person(name=name, organisation_id=self.orgs.get(org), title=title or self.rng.choice(TITLES),
                        email=f"{email}@example.org", notes="Fiktiv demoperson")
        self.stats["people"] += 1
        return self.new(person)

    def member(self, person: int, seat: int, start: date, end: date | None, role: str = "member",
               substitute_for: int | None = None) -> int:
        return self.new(Membership(person_id=person, seat_id=seat, substitute_for_id=substitute_for, role=role,
                                   valid_from=start, valid_to=end, appointment_ref=f"Styregruppemøde {start.year}"))

    def working_days(self, start: date, end: date) -> Iterator[date]:
        day = start
        while day <= end:
            if is_working_day(day):
                yield day
            day += timedelta(days=1)

    def log(self, person: int, day: date, minutes: int, area: str, support: bool = False,
            ticket: int | None = None, note: str | None = None) -> None:
        self.entries.append({"person_id": person, "date": day, "minutes": minutes, "area_id": self.areas[area],
                             "ticket_id": ticket, "is_support": support, "note": note})


def fill(conn: Connection, years: int, today: date) -> dict[str, int]:
    """Fill an empty-of-people database with ``years`` years of history ending ``today`` (one
    transaction, one journal entry without row values)."""
    with reading(conn) as session:
        if session.exec(select(func.count(col(Person.id)))).one():
            raise UserError("demo.not_empty")
    start = date(today.year - years + 1, 1, 1)
    with transaction(conn, what="demo", rows=False) as session:
        gen = _Gen(session, start, today)
        session.execute(sql_update(Seat).where(col(Seat.valid_from) > start, col(Seat.valid_from) == date(2017, 1, 1))
                        .values(valid_from=start))
        session.merge(Setting(key="demo_start", value=start.isoformat()))
        # the demo organisation starts with its history: no hours or meetings before it
        session.merge(Setting(key="org_start", value=start.isoformat()))
        seed_budgets = session.exec(select(Budget.scope, Budget.hours).where(Budget.year == 2017)).all()
        for year in range(start.year, 2017):
            for scope, hours in seed_budgets:
                if session.get(Budget, (year, scope)) is None:
                    session.add(Budget(year=year, scope=scope, hours=hours))
        leader, members, subs, steering = _people(gen)
        _meetings(gen, leader, members, steering)
        _hours(gen, leader, members, subs, steering)
        _tasks_and_tickets(gen, leader)
        gen.insert_rest()
        from logbog_tui.storage.demo_registers import fill_registers

        gen.stats.update(fill_registers(session, today))  # PL1, PL2, PL3, PL7: after the rest, with their own dice
        from logbog_tui.storage.demo_papers import fill_papers

        gen.stats.update(fill_papers(session, today))  # meeting papers (issue 23): after the items exist

        from logbog_tui.storage.demo_economy import fill_economy

        gen.stats.update(fill_economy(session, start.year, today))  # issue 20: made-up kroner and keys

        from logbog_tui.storage.demo_development import fill_development

        gen.stats.update(fill_development(session, today, start))  # the development backlog (issue 22)
    gen.stats["entries"] = len(gen.entries)
    return gen.stats


Span = tuple[int, date, date]  # (person, from, to)


def _people(gen: _Gen) -> tuple[int, list[Span], list[Span], list[int]]:
    rng, today = gen.rng, gen.today
    # more columns than sqlmodel's select() has typed overloads for
    seats = gen.session.execute(sql_select(col(Seat.id), col(Seat.body_code), col(Seat.kind), col(Seat.region_code),
                                           col(Seat.edu_region_code), col(Seat.label), col(Seat.valid_from),
                                           col(Seat.valid_to))
                                .order_by(col(Seat.body_code), col(Seat.position))).all()
    leader = gen.person("Sekretariatet for Lægelig Videreuddannelse Øst", "Projektleder")
    members: list[Span] = []   # representative memberships
    subs: list[Span] = []
    steering: list[int] = []
    shared_person = None
    for seat_id, body, kind, region, edu, label, vf, vt in seats:
        s_from = max(vf, gen.start)
        s_to = vt
        if s_from > today:
            continue  # a seat that appears in the future (Østdanmark) stays vacant: nobody appointed yet
        if kind == "project_leader":
            gen.member(leader, seat_id, s_from, None, "chair_secretary" if body == "folgegruppe" else "member")
            continue
        org = label if kind == "organisation" else (
            f"Sekretariatet for Lægelig Videreuddannelse {edu.capitalize().replace('Ost', 'Øst')}" if edu
            else label)
        day = s_from
        while day <= (s_to or today):
            term = timedelta(days=rng.randint(3 * 365, 7 * 365))
            end = day + term
            last = end >= (s_to or today)
            end = s_to if last else end
            if body == "folgegruppe" and edu == "syd" and shared_person:
                person = shared_person  # one person for both Syddanmark seats (allowed by the seed)
            else:
                person = gen.person(org)
            if body == "folgegruppe" and region == "syddanmark" and shared_person is None:
                shared_person = person
            mid = gen.member(person, seat_id, day, end)
            if body == "styregruppe":
                steering.append(person)
            else:
                members.append((person, day, end or today))
                if rng.random() < 0.5:
                    sub = gen.person(org)
                    gen.member(sub, seat_id, day, end, substitute_for=mid)
                    subs.append((sub, day, end or today))
                    gen.substitutes.setdefault(person, []).append((sub, day, end or today))
            if last:
                break
            day = end + timedelta(days=rng.choice([1, 1, 1, 45]))  # now and then a vacancy
    return leader, members, subs, steering


def _meeting_day(rng: random.Random, year: int, month: int) -> date:
    day = date(year, month, rng.randint(3, 25))
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _attendance(gen: _Gen, meeting_id: int, day: date, people: list[int], leader: int) -> None:
    """Who came to a held meeting: most members, now and then a substitute in their place."""
    gen.later(Attendance, meeting_id=meeting_id, person_id=leader, status="present", represented_by_id=None)
    for person in people:  # distinct, without the leader: no one twice
        if person == leader:
            continue
        r = gen.extra.random()
        subs = [s for s, start, end in gen.substitutes.get(person, []) if start <= day <= end]
        if r < 0.8:
            status, substitute = "present", None
        elif subs and r < 0.92:
            status, substitute = "substitute", subs[0]
        else:
            status, substitute = "absent", None
        gen.later(Attendance, meeting_id=meeting_id, person_id=person, status=status, represented_by_id=substitute)


def _meetings(gen: _Gen, leader: int, members: list[Span], steering: list[int]) -> None:
    rng, today = gen.rng, gen.today
    found = gen.session.execute(sql_select(col(Region.code), col(Region.name), col(Region.valid_from),
                                           col(Region.valid_to), col(Region.rotation_order),
                                           col(Region.successor_code))).all()
    predecessors: dict[str, list[str]] = {}
    for r in found:
        if r.successor_code:
            predecessors.setdefault(r.successor_code, []).append(r.code)
    regions = [rotation.Region(r.code, r.name, r.valid_from, r.valid_to, r.rotation_order,
                               tuple(predecessors.get(r.code, ()))) for r in found]
    hostings: list[rotation.Hosting] = []
    for year in range(gen.start.year, today.year + 2):
        plan = [(_meeting_day(rng, year, 5), "ordinary"), (_meeting_day(rng, year, 10), "ordinary")]
        if rng.random() < 0.2:
            plan.append((_meeting_day(rng, year, 8), "extra"))
        if year == today.year + 1:
            plan = plan[:1]  # next year: only the spring meeting is planned yet
        for day, kind in sorted(plan):
            proposal = rotation.propose(regions, hostings, day)
            assert proposal is not None  # the seed's regions cover every year
            host, reason, status = proposal.region.code, None, "held" if day < today else "planned"
            if rng.random() < 0.1:
                others = [r.code for r in rotation.pool(regions, day) if r.code != host]
                host, reason = rng.choice(others), "Lokaler ikke ledige hos regionen i tur"
            if status == "held" and rng.random() < 0.05:
                status = "cancelled"
            hostings.append(rotation.Hosting(day, host, status, proposal.region.code, reason))
            mid = gen.new(Meeting(body_code="folgegruppe", date=day, start_time="10:00", duration_minutes=300,
                                  kind=kind, status=status, host_region_code=host,
                                  proposed_region_code=proposal.region.code, override_reason=reason,
                                  place=f"Regionshuset, {next(r.name for r in regions if r.code == host)}"))
            _agenda(gen, mid, referrals=True, held=status == "held")
            if status == "held":
                present = sorted({p for p, start, end in members if start <= day <= end})
                _attendance(gen, mid, day, present, leader)
        for month in (3, 11):
            day = _meeting_day(rng, year, month)
            if year > today.year:
                continue
            mid = gen.new(Meeting(body_code="styregruppe", date=day, start_time="13:00", duration_minutes=120,
                                  status="held" if day < today else "planned", place="Danske Regioner"))
            _agenda(gen, mid, held=day < today)
            if day < today:
                _attendance(gen, mid, day, sorted(set(steering)), leader)


def _agenda(gen: _Gen, meeting_id: int, referrals: bool = False, held: bool = True) -> None:
    """Three agenda items; at a held meeting two have a decision and a follow-up group item is now
    and then referred to the steering group. A planned or cancelled meeting has its agenda only."""
    gen.stats["meetings"] += 1
    for pos, title in enumerate(gen.rng.sample(AGENDA, 3), start=1):
        referred = bool(referrals and gen.rng.random() < 0.08)  # drawn either way: the same demo after it
        gen.later(AgendaItem, meeting_id=meeting_id, position=pos, title=title,
                  decision="Taget til efterretning" if pos < 3 and held else None, referred=referred and held)


def _hours(gen: _Gen, leader: int, members: list[Span], subs: list[Span], steering: list[int]) -> None:
    rng = gen.rng
    pl_areas = [f"PL{i}" for i in range(1, 10)]
    pl_weights = [18, 8, 10, 20, 6, 18, 5, 6, 9]
    fg_areas = [f"FG{i}" for i in range(1, 7)]
    periods: dict[int, list[tuple[date, date]]] = {}
    for person, start, end in members:  # one person may hold two seats: one budget, one work pattern
        periods.setdefault(person, []).append((start, end))
    for day in gen.working_days(gen.start, gen.today):
        total = min(9.0, max(1.0, rng.gauss(5.4, 1.2)))
        parts = rng.choice([2, 3, 4, 4])
        for _ in range(parts):
            minutes = max(15, round(total / parts * 4) * 15)
            gen.log(leader, day, minutes, rng.choices(pl_areas, pl_weights)[0])
        for person, spans in periods.items():
            if not any(start <= day <= end for start, end in spans):
                continue
            if rng.random() < 0.16:
                gen.log(person, day, rng.choice([60, 90, 120, 120, 150, 180]), rng.choice(fg_areas))
            if rng.random() < 0.03:
                gen.log(person, day, rng.choice([30, 45, 60]), "FG1", support=True, note="Support til brugere")
        for person, start, end in subs:
            if start <= day <= end and rng.random() < 0.01:
                gen.log(person, day, rng.choice([60, 120]), rng.choice(fg_areas), note="Som suppleant")
        if steering and rng.random() < 0.1:
            gen.log(rng.choice(steering), day, rng.choice([60, 90]), "FG2", note="Forberedelse til styregruppemøde")


def _tasks_and_tickets(gen: _Gen, leader: int) -> None:
    rng, today = gen.rng, gen.today
    for year in range(gen.start.year, today.year + 1):
        for n in range(1, 9):
            area = rng.choice(list(gen.areas))
            due = date(year, rng.randint(1, 12), rng.randint(1, 28))
            status = "done" if due < today - timedelta(days=60) else rng.choice(["todo", "doing", "waiting", "done"])
            gen.later(Task, area_id=gen.areas[area], title=f"{area}: opgave {n} i {year}", owner_id=leader,
                      due_date=due, status=status)
            gen.stats["tasks"] += 1
        last_day = min(date(year, 12, 31), today)
        for seq in range(1, 26):
            opened = date(year, 1, 1) + timedelta(days=rng.randint(0, (last_day - date(year, 1, 1)).days))
            age = (today - opened).days
            status = rng.choice(["closed", "closed", "resolved"]) if age > 120 else \
                rng.choice(["new", "open", "with_supplier", "with_supplier", "resolved", "closed"])
            sent = (opened + timedelta(days=rng.randint(0, 5)) if status in ("with_supplier", "resolved", "closed")
                    else None)
            sent = min(sent, today) if sent else None
            title, category = rng.choice(TICKETS), rng.choice(CATEGORIES)
            priority = rng.choice(["lav", "normal", "normal", "hoej"])
            reporter = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            closed = min(opened + timedelta(days=rng.randint(5, 60)), today) if status == "closed" else None
            ref = f"DT-{year}-{rng.randint(100, 999)}" if sent else None
            promised = sent + timedelta(days=rng.randint(7, 30)) if sent else None
            resolved = None
            if status in ("resolved", "closed"):
                resolved = min((sent or opened) + timedelta(days=gen.extra.randint(1, 40)), closed or today)
            tid = gen.new(Ticket(year=year, seq=seq, title=title, category=category, priority=priority, status=status,
                                 reporter_name=reporter, reporter_org="Uddannelsesafdelingen (fiktiv)",
                                 assignee_id=leader, opened_on=opened, closed_on=closed, supplier_ref=ref,
                                 sent_to_supplier=sent, promised_on=promised))
            # kind, old status, new status, day, time, text
            events: list[tuple[str, str | None, str, date, time, str | None]] = [
                ("created", None, "new", opened, time(9, 0), None)]
            if status != "new":
                events.append(("status", "new", "open", opened, time(9, 30), None))
            if sent:
                events.append(("forwarded", "open", "with_supplier", sent, time(10, 0), "Sendt til Dansk Telemedicin"))
            if resolved:
                events.append(("status", "with_supplier" if sent else "open", "resolved", resolved, time(11, 0), None))
            if closed:
                events.append(("status", "resolved", "closed", closed, time(11, 30), None))
            for kind, old, new, day, at, text in events:
                gen.later(TicketEvent, ticket_id=tid, at=datetime.combine(day, at), author_id=leader, kind=kind,
                          old_status=old, new_status=new, text=text)
            if status != "new" and is_working_day(opened):
                gen.log(leader, opened, rng.choice([15, 30, 45]), "PL9", support=True, ticket=tid)
            gen.stats["tickets"] += 1

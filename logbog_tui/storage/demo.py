"""``logbog demo``: a realistic, clearly fictitious organisation to try the program on.

Every person is invented (e-mail addresses at example.org, a note saying so). Hosts follow the
rotation rule of :mod:`logbog_tui.service.rotation`; hours fall on working days only.
When the demo reaches back before the seed's seats (01.01.2017) it moves their start back to
the demo's first year: a demo-only fiction, recorded in the setting ``demo_start``; the setting
``org_start`` (the earliest date of hours and meetings) is the demo's first day too.
"""

from __future__ import annotations

import random
import sqlite3
from datetime import date, timedelta

from logbog_tui.storage.session import transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import t
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
    def __init__(self, conn: sqlite3.Connection, start: date, today: date) -> None:
        self.conn, self.start, self.today = conn, start, today
        self.rng = random.Random(2017)
        self.extra = random.Random(2018)   # status changes and attendance, apart from the rest of the data
        self.names: set[str] = set()
        self.entries: list[tuple] = []
        self.stats = {"people": 0, "meetings": 0, "entries": 0, "tickets": 0, "tasks": 0}
        self.areas = {code: aid for aid, code in conn.execute("SELECT id, code FROM task_area")}
        self.substitutes: dict[int, list[tuple[int, date, date]]] = {}   # member -> (substitute, from, to)
        self.orgs = {name: oid for oid, name in conn.execute("SELECT id, name FROM organisation")}

    def person(self, org: str, title: str | None = None) -> int:
        while True:
            name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            if name not in self.names:
                break
        self.names.add(name)
        email = name.lower().replace(" ", ".").replace("ø", "oe").replace("æ", "ae").replace("å", "aa")
        cur = self.conn.execute(
            "INSERT INTO person (name, organisation_id, title, email, notes) VALUES (?, ?, ?, ?, ?)",
            (name, self.orgs.get(org), title or self.rng.choice(TITLES), f"{email}@example.org",
             "Fiktiv demoperson"))
        self.stats["people"] += 1
        return cur.lastrowid

    def member(self, person: int, seat: int, start: date, end: date | None, role: str = "member",
               substitute_for: int | None = None) -> int:
        cur = self.conn.execute(
            "INSERT INTO membership (person_id, seat_id, substitute_for_id, role, valid_from, valid_to,"
            " appointment_ref) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (person, seat, substitute_for, role, start.isoformat(), end.isoformat() if end else None,
             f"Styregruppemøde {start.year}"))
        return cur.lastrowid

    def working_days(self, start: date, end: date):
        day = start
        while day <= end:
            if is_working_day(day):
                yield day
            day += timedelta(days=1)

    def log(self, person: int, day: date, minutes: int, area: str, support: bool = False,
            ticket: int | None = None, note: str | None = None) -> None:
        self.entries.append((person, day.isoformat(), minutes, self.areas[area], ticket, int(support), note))


def fill(conn: sqlite3.Connection, years: int, today: date) -> dict:
    """Fill an empty-of-people database with ``years`` years of history ending ``today``."""
    if conn.execute("SELECT count(*) FROM person").fetchone()[0]:
        raise UserError("demo.not_empty")
    start = date(today.year - years + 1, 1, 1)
    gen = _Gen(conn, start, today)
    with transaction(conn, what="demo", rows=False):
        conn.execute("UPDATE seat SET valid_from = ? WHERE valid_from > ? AND valid_from = '2017-01-01'",
                     (start.isoformat(), start.isoformat()))
        conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('demo_start', ?)", (start.isoformat(),))
        # the demo organisation starts with its history: no hours or meetings before it
        conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('org_start', ?)", (start.isoformat(),))
        conn.executemany("INSERT OR IGNORE INTO budget (year, scope, hours) SELECT ?, scope, hours FROM budget"
                         " WHERE year = 2017", [(y,) for y in range(start.year, 2017)])
        leader, members, subs, steering = _people(gen)
        _meetings(gen, leader, members, steering)
        _hours(gen, leader, members, subs, steering)
        _tasks_and_tickets(gen, leader)
        conn.executemany("INSERT INTO time_entry (person_id, date, minutes, area_id, ticket_id, is_support, note)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)", gen.entries)
    gen.stats["entries"] = len(gen.entries)
    return gen.stats


def _people(gen: _Gen):
    conn, rng, today = gen.conn, gen.rng, gen.today
    seats = conn.execute("SELECT id, body_code, kind, region_code, edu_region_code, label, valid_from, valid_to"
                         " FROM seat ORDER BY body_code, position").fetchall()
    leader = gen.person("Sekretariatet for Lægelig Videreuddannelse Øst", "Projektleder")
    members: list[tuple[int, date, date]] = []   # (person, from, to) representative memberships
    subs: list[tuple[int, date, date]] = []
    steering: list[int] = []
    shared_person = None
    for seat_id, body, kind, region, edu, label, vf, vt in seats:
        s_from = max(date.fromisoformat(vf), gen.start)
        s_to = date.fromisoformat(vt) if vt else None
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
    rows = [(meeting_id, leader, "present", None)]
    for person in people:
        if person == leader:
            continue
        r = gen.extra.random()
        subs = [s for s, start, end in gen.substitutes.get(person, []) if start <= day <= end]
        if r < 0.8:
            rows.append((meeting_id, person, "present", None))
        elif subs and r < 0.92:
            rows.append((meeting_id, person, "substitute", subs[0]))
        else:
            rows.append((meeting_id, person, "absent", None))
    gen.conn.executemany("INSERT OR IGNORE INTO attendance (meeting_id, person_id, status, represented_by_id)"
                         " VALUES (?, ?, ?, ?)", rows)


def _meetings(gen: _Gen, leader: int, members, steering: list[int]) -> None:
    conn, rng, today = gen.conn, gen.rng, gen.today
    regions = [rotation.Region(r[0], r[1], date.fromisoformat(r[2]), date.fromisoformat(r[3]) if r[3] else None,
                               r[4], tuple(p[0] for p in conn.execute(
                                   "SELECT code FROM region WHERE successor_code = ?", (r[0],))))
               for r in conn.execute("SELECT code, name, valid_from, valid_to, rotation_order FROM region")]
    hostings: list[rotation.Hosting] = []
    for year in range(gen.start.year, today.year + 2):
        plan = [(_meeting_day(rng, year, 5), "ordinary"), (_meeting_day(rng, year, 10), "ordinary")]
        if rng.random() < 0.2:
            plan.append((_meeting_day(rng, year, 8), "extra"))
        if year == today.year + 1:
            plan = plan[:1]  # next year: only the spring meeting is planned yet
        for day, kind in sorted(plan):
            proposal = rotation.propose(regions, hostings, day)
            host, reason, status = proposal.region.code, None, "held" if day < today else "planned"
            if rng.random() < 0.1:
                others = [r.code for r in rotation.pool(regions, day) if r.code != host]
                host, reason = rng.choice(others), "Lokaler ikke ledige hos regionen i tur"
            if status == "held" and rng.random() < 0.05:
                status = "cancelled"
            hostings.append(rotation.Hosting(day, host, status, proposal.region.code, reason))
            mid = conn.execute(
                "INSERT INTO meeting (body_code, date, start_time, duration_minutes, kind, status, host_region_code,"
                " proposed_region_code, override_reason, place) VALUES ('folgegruppe', ?, '10:00', 300, ?, ?, ?, ?, ?, ?)",
                (day.isoformat(), kind, status, host, proposal.region.code, reason,
                 f"Regionshuset, {next(r.name for r in regions if r.code == host)}")).lastrowid
            _agenda(gen, mid, referrals=True)
            if status == "held":
                present = sorted({p for p, start, end in members if start <= day <= end})
                _attendance(gen, mid, day, present, leader)
        for month in (3, 11):
            day = _meeting_day(rng, year, month)
            if year > today.year:
                continue
            mid = conn.execute("INSERT INTO meeting (body_code, date, start_time, duration_minutes, status, place)"
                               " VALUES ('styregruppe', ?, '13:00', 120, ?, 'Danske Regioner')",
                               (day.isoformat(), "held" if day < today else "planned")).lastrowid
            _agenda(gen, mid)
            if day < today:
                _attendance(gen, mid, day, sorted(set(steering)), leader)


def _agenda(gen: _Gen, meeting_id: int, referrals: bool = False) -> None:
    """Three agenda items; a follow-up group item is now and then referred to the steering group."""
    gen.stats["meetings"] += 1
    for pos, title in enumerate(gen.rng.sample(AGENDA, 3), start=1):
        gen.conn.execute("INSERT INTO agenda_item (meeting_id, position, title, decision, referred) VALUES (?,?,?,?,?)",
                         (meeting_id, pos, title, "Taget til efterretning" if pos < 3 else None,
                          int(referrals and gen.rng.random() < 0.08)))


def _hours(gen: _Gen, leader: int, members, subs, steering) -> None:
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
    conn, rng, today = gen.conn, gen.rng, gen.today
    for year in range(gen.start.year, today.year + 1):
        for n in range(1, 9):
            area = rng.choice(list(gen.areas))
            due = date(year, rng.randint(1, 12), rng.randint(1, 28))
            status = "done" if due < today - timedelta(days=60) else rng.choice(["todo", "doing", "waiting", "done"])
            conn.execute("INSERT INTO task (area_id, title, owner_id, due_date, status) VALUES (?, ?, ?, ?, ?)",
                         (gen.areas[area], f"{area}: opgave {n} i {year}", leader, due.isoformat(), status))
            gen.stats["tasks"] += 1
        last_day = min(date(year, 12, 31), today)
        for seq in range(1, 26):
            opened = date(year, 1, 1) + timedelta(days=rng.randint(0, (last_day - date(year, 1, 1)).days))
            age = (today - opened).days
            status = rng.choice(["closed", "closed", "resolved"]) if age > 120 else \
                rng.choice(["new", "open", "with_supplier", "with_supplier", "resolved", "closed"])
            sent = opened + timedelta(days=rng.randint(0, 5)) if status in ("with_supplier", "resolved", "closed") else None
            sent = min(sent, today) if sent else None
            title, category = rng.choice(TICKETS), rng.choice(CATEGORIES)
            priority, reporter = rng.choice(["lav", "normal", "normal", "hoej"]), f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            closed = min(opened + timedelta(days=rng.randint(5, 60)), today) if status == "closed" else None
            ref = f"DT-{year}-{rng.randint(100, 999)}" if sent else None
            promised = sent + timedelta(days=rng.randint(7, 30)) if sent else None
            resolved = None
            if status in ("resolved", "closed"):
                resolved = min((sent or opened) + timedelta(days=gen.extra.randint(1, 40)), closed or today)
            tid = conn.execute(
                "INSERT INTO ticket (year, seq, title, category, priority, status, reporter_name, reporter_org,"
                " assignee_id, opened_on, closed_on, supplier_ref, sent_to_supplier, promised_on)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (year, seq, title, category, priority, status, reporter, "Uddannelsesafdelingen (fiktiv)", leader,
                 opened.isoformat(), closed.isoformat() if closed else None, ref, sent.isoformat() if sent else None,
                 promised.isoformat() if promised else None)).lastrowid
            events = [("created", None, "new", opened, "09:00", None)]
            if status != "new":
                events.append(("status", "new", "open", opened, "09:30", None))
            if sent:
                events.append(("forwarded", "open", "with_supplier", sent, "10:00", "Sendt til Dansk Telemedicin"))
            if resolved:
                events.append(("status", "with_supplier" if sent else "open", "resolved", resolved, "11:00", None))
            if closed:
                events.append(("status", "resolved", "closed", closed, "11:30", None))
            conn.executemany("INSERT INTO ticket_event (ticket_id, at, author_id, kind, old_status, new_status, text)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?)",
                             [(tid, f"{day.isoformat()} {hhmm}:00", leader, kind, old, new, text)
                              for kind, old, new, day, hhmm, text in events])
            if status != "new" and is_working_day(opened):
                gen.log(leader, opened, rng.choice([15, 30, 45]), "PL9", support=True, ticket=tid)
            gen.stats["tickets"] += 1

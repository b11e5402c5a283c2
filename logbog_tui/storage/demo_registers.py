"""The demo's registers (issue 19), plausible and clearly fictitious: målbeskrivelser with
appendices for every specialty (two approved recently and not yet loaded), a hovedkursusleder per
specialty and education region (two missing, some changes not yet entered in logbog.net) and a
few delkursusledere, guides for each audience (one past its review), and contracts (the supplier
contract renewing itself, a data processing agreement, one ended with a successor and one without,
one whose notice deadline is near). Called by :func:`logbog_tui.storage.demo.fill` in its
transaction, with a random generator of its own, so the rest of the demo stays as it was."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import cast

from sqlmodel import Session, col, select

from logbog_tui.service.registers import add_months
from logbog_tui.storage.models import (Contract, CourseLeader, Curriculum, CurriculumAppendix, Document,
                                       DocumentReview, EduRegion, Specialty)

FIRST = ["Anne", "Bo", "Camilla", "Dorte", "Erik", "Freja", "Gustav", "Hanne", "Ib", "Jette", "Karsten",
         "Lise", "Mads", "Nanna", "Ole", "Pernille", "Rasmus", "Sofie", "Tove", "Ulrik", "Vibeke", "Aksel"]
LAST = ["Fiktivsen", "Demogaard", "Prøvesen", "Opdigt", "Eksempelberg", "Testrup", "Mockholm", "Skinlund"]
APPENDICES = ["Kompetencekort", "Uddannelsesprogram, skabelon", "Porteføljeark", "Vejledning til kompetencevurdering"]


def fill_registers(session: Session, today: date) -> dict[str, int]:
    rng = random.Random(2019)
    specialties = [cast(int, i) for i in session.exec(select(col(Specialty.id)).order_by(col(Specialty.id)))]
    regions = list(session.exec(select(col(EduRegion.code)).order_by(col(EduRegion.code))))
    stats = {"versions": _curricula(session, rng, specialties, today)}
    stats["course_leaders"] = _leaders(session, rng, specialties, regions, today)
    stats["documents"] = _documents(session, today)
    stats["contracts"] = _contracts(session, today)
    return stats


def _curricula(session: Session, rng: random.Random, specialties: list[int], today: date) -> int:
    versions: list[Curriculum] = []
    waiting = set(rng.sample(range(len(specialties)), 2))  # approved lately, not yet loaded
    for index, specialty in enumerate(specialties):
        approved = date(rng.randint(2008, 2013), rng.randint(1, 12), rng.randint(1, 28))
        while approved < today - timedelta(days=120):
            effective = approved + timedelta(days=rng.choice([0, 30, 61, 92]))
            loaded = approved + timedelta(days=rng.randint(2, 40))
            versions.append(Curriculum(specialty_id=specialty, edition=str(approved.year), approved=approved,
                                       effective=effective, loaded=min(loaded, today),
                                       link=f"https://example.org/maalbeskrivelser/{specialty}-{approved.year}",
                                       note="Fiktiv demo-målbeskrivelse"))
            approved += timedelta(days=rng.randint(4 * 365, 7 * 365))
        if index in waiting:
            recent = today - timedelta(days=rng.randint(10, 60))
            versions.append(Curriculum(specialty_id=specialty, edition=str(recent.year), approved=recent,
                                       effective=add_months(recent.replace(day=1), 2), loaded=None,
                                       note="Fiktiv demo-målbeskrivelse"))
    session.add_all(versions)
    session.flush()
    for v in versions:
        for n, title in enumerate(rng.sample(APPENDICES, rng.randint(0, 2)), start=1):
            session.add(CurriculumAppendix(curriculum_id=cast(int, v.id), title=f"Bilag {n}: {title}",
                                           version=v.edition, loaded=v.loaded))
    return len(versions)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(['Overlæge', 'Professor', 'Afdelingslæge'])} {rng.choice(FIRST)} {rng.choice(LAST)}"


def _email(name: str) -> str:
    plain = name.split(" ", 1)[1].lower().replace(" ", ".")
    return plain.replace("ø", "oe").replace("æ", "ae").replace("å", "aa") + "@example.org"


def _leaders(session: Session, rng: random.Random, specialties: list[int], regions: list[str],
             today: date) -> int:
    rows: list[CourseLeader] = []
    combos = [(s, r) for s in specialties for r in regions]
    missing = set(rng.sample(range(len(combos)), 2))
    for index, (specialty, region) in enumerate(combos):
        if index in missing:
            continue
        start = date(rng.randint(2014, today.year), rng.choice([1, 4, 9]), 1)
        name = _name(rng)
        recent = start > today - timedelta(days=90)
        entered = None if recent else start + timedelta(days=rng.randint(1, 20))
        rows.append(CourseLeader(specialty_id=specialty, edu_region_code=region, role="main", name=name,
                                 email=_email(name), valid_from=start, entered=entered))
        if rng.random() < 0.04:
            name = _name(rng)
            new = today - timedelta(days=rng.randint(5, 40))
            rows.append(CourseLeader(specialty_id=specialty, edu_region_code=region, role="sub", name=name,
                                     email=_email(name), valid_from=new, entered=None))
        elif rng.random() < 0.3:
            name = _name(rng)
            rows.append(CourseLeader(specialty_id=specialty, edu_region_code=region, role="sub", name=name,
                                     email=_email(name), valid_from=start, entered=start + timedelta(days=7)))
    session.add_all(rows)
    return len(rows)


def _documents(session: Session, today: date) -> int:
    # title, audience, version, months since publication, months to the next review
    docs = [("Vejledning til uddannelseslæger: sådan bruger du logbog.net", "trainees", "4.2", 14, 10),
            ("Vejledning for vejledere: godkendelse af kompetencer", "supervisors", "3.1", 20, -1),
            ("Administratorvejledning: oprettelse af uddannelsesforløb", "administrators", "2.0", 8, 16),
            ("Ofte stillede spørgsmål om logbog.net", "all", "2026-1", 3, 9),
            ("Guide: eksport af logbogen som PDF", "trainees", "1.3", 30, 6),
            ("Information om nye målbeskrivelser i logbog.net", "all", "1.0", 2, 22)]
    for title, audience, version, age, review in docs:
        published = add_months(today, -age)
        row = Document(title=title, audience=audience, version=version, published=published,
                       owner="Projektlederen (fiktiv demo)", review_on=add_months(today, review) - timedelta(days=3),
                       link="https://example.org/vejledninger", note="Fiktivt demo-dokument")
        session.add(row)
        session.flush()
        if age > 12:
            session.add(DocumentReview(document_id=cast(int, row.id), reviewed_on=add_months(published, 12),
                                       note="Gennemset uden ændringer (demo)"))
    return len(docs)


def _contracts(session: Session, today: date) -> int:
    supplier = Contract(title="Leverandørkontrakt om drift og udvikling af logbog.net (demo)",
                        party="Dansk Telemedicin", signed=date(2012, 11, 20), valid_from=date(2013, 1, 1),
                        valid_to=date(2016, 12, 31), notice_months=6, renewal_months=12,
                        owner="Danske Regioner (demo)", reference="DEMO-2012-0417")
    dpa = Contract(title="Databehandleraftale (demo)", party="Dansk Telemedicin", signed=date(2018, 5, 15),
                   valid_from=date(2018, 5, 25), owner="Projektlederen (fiktiv demo)", reference="DEMO-DBA-2018")
    service_new = Contract(title="Serviceaftale om support, 2. udgave (demo)", party="Dansk Telemedicin",
                           signed=add_months(today, -23), valid_from=add_months(today, -22),
                           valid_to=add_months(today + timedelta(days=60), 3), notice_months=3,
                           owner="Projektlederen (fiktiv demo)", reference="DEMO-SA-2")
    session.add_all([supplier, dpa, service_new])
    session.flush()
    session.add(Contract(title="Serviceaftale om support (demo)", party="Dansk Telemedicin",
                         signed=date(2019, 12, 1), valid_from=date(2020, 1, 1), valid_to=add_months(today, -22),
                         notice_months=3, owner="Projektlederen (fiktiv demo)", reference="DEMO-SA-1",
                         successor_id=service_new.id))
    session.add(Contract(title="Aftale om testmiljø (demo)", party="Eksempel Hosting ApS (fiktiv)",
                         signed=date(2021, 2, 1), valid_from=date(2021, 3, 1), valid_to=today - timedelta(days=40),
                         notice_months=1, owner="Projektlederen (fiktiv demo)", reference="DEMO-TEST-2021"))
    return 5

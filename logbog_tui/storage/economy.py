"""The economy in kroner (issue 20): budget lines per year, postings (invoices, credit notes,
commitments), the distribution key per year and the hour rate per year. The arithmetic is in
:mod:`logbog_tui.service.economy` (integers and fractions only)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import cast

from sqlalchemy import collate, func
from sqlalchemy import delete as sql_delete
from sqlmodel import col, select

from logbog_tui.errors import UserError
from logbog_tui.service import economy as money
from logbog_tui.storage.db import Connection, fold
from logbog_tui.storage.models import CostKey, EconLine, HourRate, Posting, Region, TaskArea, TimeEntry
from logbog_tui.storage.names import Named, resolve
from logbog_tui.storage.queries import setting
from logbog_tui.storage.session import reading, transaction
from logbog_tui.service.record import Record

MAX_NAME = 200
MAX_NOTE = 2000


class LineRow(Record):
    line: EconLine
    position: money.LinePosition

    @property
    def id(self) -> int:
        return cast(int, self.line.id)


class ShareRow(Record):
    region_code: str
    region_name: str
    share: Fraction
    amount: int
    budget_amount: int


class Overview(Record):
    """A year's economy: its lines, the totals, the hours valued and the regions' shares."""
    year: int
    lines: list[LineRow]
    totals: money.LinePosition
    rate: int
    rate_is_default: bool
    pl_minutes: int
    fg_minutes: int
    hours_value: int
    total: int  # the year's costs: spent plus hours valued
    shares: list[ShareRow] | None  # None: the year has no key
    part: Fraction


def limits(conn: Connection) -> money.Limits:
    """The hour budgets' thresholds (settings ``budget_warn``/``budget_over``) as exact fractions."""
    warn = setting(conn, "budget_warn", "0.8") or "0.8"
    over = setting(conn, "budget_over", "1.0") or "1.0"
    return money.Limits(Fraction(warn.replace(",", ".")), Fraction(over.replace(",", ".")))


def regions_in(conn: Connection, year: int) -> list[Region]:
    """The political regions in force at some time in ``year``, in rotation order."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    with reading(conn) as session:
        return list(session.exec(select(Region).where(col(Region.valid_from) <= end).where(
            (col(Region.valid_to).is_(None)) | (col(Region.valid_to) >= start)).order_by(
            col(Region.rotation_order), col(Region.code))).all())


def _text(value: str | None, limit: int, field: str) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if len(value) > limit:
        raise UserError("econ.too_long", field=field, limit=limit)
    return value or None


def add_line(conn: Connection, year: int, kind: str, name: str, budget: int, profile: list[int] | None = None,
             note: str | None = None) -> int:
    """A budget line for ``year`` (``kind`` a code or Danish name; ``budget`` whole kroner >= 0)."""
    code = money.kind_code(kind)
    title = _text(name, MAX_NAME, "name")
    if not title:
        raise UserError("econ.no_name", field="name")
    if not isinstance(budget, int) or budget < 0:
        raise UserError("econ.negative_budget", field="budget")
    if not 2000 <= year <= 2200:
        raise UserError("econ.bad_year", field="year", year=year)
    with transaction(conn) as session:
        if session.exec(select(EconLine).where(EconLine.year == year).where(
                func.lower(col(EconLine.name)) == title.lower())).first() is not None:
            raise UserError("econ.line_exists", field="name", name=title, year=year)
        row = EconLine(year=year, kind=code, name=title, budget=budget, profile=money.profile_text(profile) or None,
                       note=_text(note, MAX_NOTE, "note"))
        session.add(row)
        session.flush()
        return cast(int, row.id)


def update_line(conn: Connection, line_id: int, name: str, budget: int, profile: list[int] | None) -> None:
    title = _text(name, MAX_NAME, "name")
    if not title:
        raise UserError("econ.no_name", field="name")
    if budget < 0:
        raise UserError("econ.negative_budget", field="budget")
    with transaction(conn) as session:
        row = session.get(EconLine, line_id)
        if row is None:
            raise UserError("econ.no_such_line", id=line_id)
        if session.exec(select(EconLine).where(EconLine.year == row.year).where(col(EconLine.id) != line_id).where(
                func.lower(col(EconLine.name)) == title.lower())).first() is not None:
            raise UserError("econ.line_exists", field="name", name=title, year=row.year)
        row.sqlmodel_update({"name": title, "budget": budget, "profile": money.profile_text(profile) or None})


def lines(conn: Connection, year: int) -> list[EconLine]:
    with reading(conn) as session:
        found = list(session.exec(select(EconLine).where(EconLine.year == year).order_by(
            collate(col(EconLine.name), "da"))).all())
    return sorted(found, key=lambda r: money.KINDS.index(r.kind) if r.kind in money.KINDS else len(money.KINDS))


def lines_by_id(conn: Connection, ids: list[int]) -> list[EconLine]:
    with reading(conn) as session:
        return list(session.exec(select(EconLine).where(col(EconLine.id).in_(ids))).all())


def resolve_line(conn: Connection, typed: str, year: int | None = None) -> EconLine:
    """A line by id, or a unique case-insensitive part of its name (of ``year``'s lines if given);
    ``2026:Hosting`` names the year too."""
    text = typed.strip()
    if year is None and len(text) > 5 and text[:4].isdigit() and text[4] == ":":
        year, text = int(text[:4]), text[5:]
    with reading(conn) as session:
        query = select(EconLine)
        if year is not None and not text.isdigit():
            query = query.where(EconLine.year == year)
        found = list(session.exec(query).all())
    by_id = {cast(int, r.id): r for r in found}
    labels = [Named(cast(int, r.id), f"{r.year} {r.name}" if year is None else r.name) for r in found]
    exact = [r for r in found if fold(r.name) == fold(text)]
    if len(exact) == 1:
        return exact[0]
    return by_id[resolve(labels, text, "econ_line").id]


def add_posting(conn: Connection, line_id: int, day: date, amount: int, supplier: str | None = None,
                reference: str | None = None, note: str | None = None, commitment: bool = False) -> int:
    """An invoice (a credit note is negative) or, with ``commitment``, an order not yet invoiced."""
    if not isinstance(amount, int):
        raise TypeError("amounts are whole kroner (int)")
    if amount == 0:
        raise UserError("econ.zero_amount", field="amount")
    with transaction(conn) as session:
        line = session.get(EconLine, line_id)
        if line is None:
            raise UserError("econ.no_such_line", id=line_id)
        if day.year != line.year:
            raise UserError("econ.wrong_year", field="date", date=day, year=line.year)
        row = Posting(line_id=line_id, date=day, amount=amount, supplier=_text(supplier, MAX_NAME, "supplier"),
                      reference=_text(reference, MAX_NAME, "reference"), note=_text(note, MAX_NOTE, "note"),
                      is_commitment=commitment)
        session.add(row)
        session.flush()
        return cast(int, row.id)


def postings(conn: Connection, year: int, line_id: int | None = None) -> list[Posting]:
    with reading(conn) as session:
        query = select(Posting).join(EconLine, col(EconLine.id) == col(Posting.line_id)).where(EconLine.year == year)
        if line_id is not None:
            query = query.where(Posting.line_id == line_id)
        return list(session.exec(query.order_by(col(Posting.date), col(Posting.id))).all())


def hour_rate(conn: Connection, year: int) -> tuple[int, bool]:
    """(kr. per hour, whether it is the default 670 kr.)"""
    with reading(conn) as session:
        row = session.get(HourRate, year)
    return (money.DEFAULT_HOUR_RATE, True) if row is None else (row.rate, False)


def set_hour_rate(conn: Connection, year: int, rate: int) -> None:
    if not 0 <= rate <= 100000:
        raise UserError("econ.bad_rate", field="rate")
    with transaction(conn) as session:
        row = session.get(HourRate, year)
        if row is None:
            session.add(HourRate(year=year, rate=rate))
        else:
            row.rate = rate


def key(conn: Connection, year: int) -> dict[str, Fraction]:
    """The year's distribution key (region code -> share); empty when the year has none."""
    with reading(conn) as session:
        rows = session.exec(select(CostKey).where(CostKey.year == year)).all()
    return {r.region_code: money.share_from_text(r.share) for r in rows}


def resolve_region(regions: list[Region], typed: str) -> Region:
    """A region of the year by code, ISO code or (part of) its name (``Østdanmark``)."""
    query = fold(typed.strip()) or ""
    for r in regions:
        if query in (fold(r.code), fold(r.iso_code or "-")) or query == fold(r.name):
            return r
    hits = [r for r in regions if query and query in (fold(r.name) or "")]
    if len(hits) == 1:
        return hits[0]
    raise UserError("econ.no_such_region", text=typed.strip()[:60],
                    regions=", ".join(r.name for r in regions))


def set_key(conn: Connection, year: int, shares: dict[str, Fraction]) -> None:
    """Replace ``year``'s key: every region in force that year with a share, adding up to exactly 1."""
    regions = regions_in(conn, year)
    codes = {r.code for r in regions}
    unknown = sorted(set(shares) - codes)
    if unknown:
        raise UserError("econ.region_not_in_force", region=", ".join(unknown), year=year)
    missing = [r.name for r in regions if r.code not in shares]
    if missing:
        raise UserError("econ.key_missing_regions", regions=", ".join(missing), year=year)
    money.check_key(list(shares.values()))
    with transaction(conn) as session:
        session.execute(sql_delete(CostKey).where(col(CostKey.year) == year))
        for r in regions:
            session.add(CostKey(year=year, region_code=r.code, share=money.share_text(shares[r.code])))


def _minutes(conn: Connection, year: int) -> dict[str, int]:
    with reading(conn) as session:
        rows = session.execute(
            select(TaskArea.scope, func.coalesce(func.sum(TimeEntry.minutes), 0))
            .join(TaskArea, col(TaskArea.id) == col(TimeEntry.area_id))
            .where(col(TimeEntry.date) >= date(year, 1, 1)).where(col(TimeEntry.date) <= date(year, 12, 31))
            .group_by(col(TaskArea.scope))).all()
    return {str(scope): int(minutes) for scope, minutes in rows}


def _sums(conn: Connection, year: int) -> dict[int, tuple[int, int]]:
    """line id -> (spent, committed): one query."""
    spent = func.coalesce(func.sum(Posting.amount).filter(col(Posting.is_commitment).is_(False)), 0)
    committed = func.coalesce(func.sum(Posting.amount).filter(col(Posting.is_commitment).is_(True)), 0)
    with reading(conn) as session:
        rows = session.execute(
            select(Posting.line_id, spent, committed).join(EconLine, col(EconLine.id) == col(Posting.line_id))
            .where(EconLine.year == year).group_by(col(Posting.line_id))).all()
    return {int(line): (int(s), int(c)) for line, s, c in rows}


def overview(conn: Connection, year: int, today: date) -> Overview:
    """The year's economy as the screen, the CLI, the dashboard and the report show it."""
    lim = limits(conn)
    sums = _sums(conn, year)
    rows = []
    for line in lines(conn, year):
        profile = money.parse_profile(line.profile or "")
        spent, committed = sums.get(cast(int, line.id), (0, 0))
        part = money.part_of_year(today, year, profile)
        rows.append(LineRow(line, money.position(line.budget, spent, committed, part, lim)))
    year_part = money.part_of_year(today, year)
    budget = sum(r.position.budget for r in rows)
    totals = money.LinePosition(
        budget, sum(r.position.spent for r in rows), sum(r.position.committed for r in rows),
        sum(r.position.remaining for r in rows), sum(r.position.expected for r in rows),
        sum(r.position.forecast for r in rows), "")
    totals = money.LinePosition(totals.budget, totals.spent, totals.committed, totals.remaining, totals.expected,
                                totals.forecast, money.status(totals.spent + totals.committed, budget, lim))
    rate, default = hour_rate(conn, year)
    minutes = _minutes(conn, year)
    pl, fg = minutes.get("projektledelse", 0), minutes.get("folgegruppe", 0)
    value = money.hours_value(pl, rate) + money.hours_value(fg, rate)
    total = totals.spent + value
    shares: list[ShareRow] | None = None
    the_key = key(conn, year)
    if the_key:
        regions = {r.code: r for r in regions_in(conn, year)}
        with reading(conn) as session:
            names = {r.code: r.name for r in session.exec(select(Region)).all()}
        order = sorted(the_key, key=lambda c: (regions[c].rotation_order if c in regions else 99, c))
        values = [the_key[c] for c in order]
        amounts = money.split(total, values)
        budgets = money.split(budget, values)
        shares = [ShareRow(c, names.get(c, c), s, a, b)
                  for c, s, a, b in zip(order, values, amounts, budgets, strict=True)]
    return Overview(year, rows, totals, rate, default, pl, fg, value, total, shares, year_part)


def search(conn: Connection, text: str, limit: int = 20) -> tuple[list[EconLine], list[tuple[Posting, EconLine]]]:
    """Lines and postings whose name, supplier, reference or note holds ``text`` (the palette)."""
    pattern = f"%{text.strip()}%"
    with reading(conn) as session:
        found_lines = list(session.exec(select(EconLine).where(col(EconLine.name).ilike(pattern))
                                        .order_by(col(EconLine.year).desc()).limit(limit)).all())
        found = session.exec(select(Posting, EconLine).join(EconLine, col(EconLine.id) == col(Posting.line_id)).where(
            col(Posting.supplier).ilike(pattern) | col(Posting.reference).ilike(pattern)
            | col(Posting.note).ilike(pattern)).order_by(col(Posting.date).desc()).limit(limit)).all()
    return found_lines, [(p, line) for p, line in found]


def palette_rows(conn: Connection, limit: int = 2000) -> tuple[list[EconLine], list[tuple[Posting, EconLine]]]:
    """Every budget line and the newest postings with their lines (the command palette): two queries."""
    with reading(conn) as session:
        found_lines = list(session.exec(select(EconLine).order_by(col(EconLine.year).desc(), col(EconLine.id))
                                        .limit(limit)).all())
        found = session.exec(select(Posting, EconLine).join(EconLine, col(EconLine.id) == col(Posting.line_id))
                             .order_by(col(Posting.date).desc(), col(Posting.id).desc()).limit(limit)).all()
    return found_lines, [(p, line) for p, line in found]

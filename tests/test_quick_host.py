"""`logbog host` reads the rotation's inputs with the standard library (storage/quick.py); the TUI
and every other command read them through the ORM (storage/queries.py). On generated histories
written into a real database, both must read equal inputs and give the same current host on
every day that matters: region boundaries, meeting dates, the days around them, and others."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, event, find, given, settings
from hypothesis import strategies as st

from logbog_tui.overview import host_now
from logbog_tui.service import rotation
from logbog_tui.storage import queries, quick
from logbog_tui.storage.db import connect

EPOCH = date(2005, 1, 1)
SPAN = 30 * 366  # 2005 to about 2035


def _day(offset: int) -> date:
    return EPOCH + timedelta(days=offset)


days = st.integers(min_value=0, max_value=SPAN).map(_day)


@st.composite
def regions(draw) -> list[tuple]:
    """Rows (code, name, valid_from, valid_to, rotation_order, successor_code): a few regions from the
    start, some of which end and merge into a successor the day after the last of them ends (like
    Hovedstaden and Sjælland into Østdanmark on 01.01.2027); a successor may end and merge again."""
    rows: list[list] = []
    for i in range(draw(st.integers(min_value=1, max_value=5))):
        start = draw(st.integers(min_value=0, max_value=12 * 366))
        end = draw(st.none() | st.integers(min_value=start, max_value=SPAN))
        rows.append([f"r{i}", f"Region {'ÆØÅ'[i % 3]}{i}", start, end, draw(st.integers(0, 6)), None])
    for j in range(draw(st.integers(min_value=0, max_value=3))):
        ended = [r for r in rows if r[3] is not None and r[5] is None]
        if not ended:
            break
        merged = draw(st.lists(st.sampled_from(ended), min_size=1, max_size=3, unique_by=lambda r: r[0]))
        start = max(r[3] for r in merged) + 1
        end = draw(st.none() | st.integers(min_value=start, max_value=start + 4000))
        code = f"m{j}"
        rows.append([code, f"Region Ny {j}", start, end, draw(st.integers(0, 6)), None])
        for r in merged:
            r[5] = code
    rows = draw(st.permutations(rows))  # the table's order is part of what both paths must agree on
    return [(c, n, _day(f).isoformat(), _day(t).isoformat() if t is not None else None, o, s)
            for c, n, f, t, o, s in rows]


@st.composite
def histories(draw) -> tuple[list[tuple], list[tuple]]:
    """Regions and meetings: follow-up group meetings held, planned or cancelled, ordinary or extra,
    with a host (sometimes an override of the proposal, with a reason), some on the same day, some
    on a region's first or last day; follow-up group meetings without a host and steering group
    meetings, which the rotation does not see."""
    region_rows = draw(regions())
    codes = [r[0] for r in region_rows]
    edges = sorted({d for r in region_rows for d in (r[2], r[3]) if d})
    when = days.map(date.isoformat) | st.sampled_from(edges)
    meetings = []
    for _ in range(draw(st.integers(min_value=0, max_value=25))):
        day = draw(when if not meetings else when | st.sampled_from([m[1] for m in meetings]))
        status = draw(st.sampled_from(["planned", "held", "cancelled"]))
        kind = draw(st.sampled_from(["ordinary", "extra"]))
        body = draw(st.sampled_from(["folgegruppe"] * 6 + ["styregruppe"]))
        host = draw(st.sampled_from(codes)) if body == "folgegruppe" and draw(st.integers(0, 7)) else None
        proposed = draw(st.none() | st.sampled_from(codes)) if host else None
        why = draw(st.none() | st.sampled_from(["Jubilæum", "lokaler", ""])) if proposed and proposed != host else None
        meetings.append((body, day, kind, status, host, proposed, why))
    return region_rows, meetings


def write(conn: sqlite3.Connection, region_rows: list[tuple], meetings: list[tuple]) -> None:
    """Replace the regions and meetings of a real database (the schema's constraints all apply)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM meeting")
        conn.execute("DELETE FROM edu_region_cover")
        conn.execute("DELETE FROM seat WHERE region_code IS NOT NULL")
        conn.execute("UPDATE region SET successor_code = NULL")
        conn.execute("DELETE FROM region")
        conn.executemany("INSERT INTO region (code, name, valid_from, valid_to, rotation_order) VALUES (?,?,?,?,?)",
                         [r[:5] for r in region_rows])
        conn.executemany("UPDATE region SET successor_code = ? WHERE code = ?",
                         [(r[5], r[0]) for r in region_rows if r[5]])
        conn.executemany("INSERT INTO meeting (body_code, date, kind, status, host_region_code, proposed_region_code,"
                         " override_reason) VALUES (?,?,?,?,?,?,?)", meetings)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def days_that_matter(region_rows: list[tuple], meetings: list[tuple], extra: list[date]) -> list[date]:
    around = {date.fromisoformat(d) for r in region_rows for d in (r[2], r[3]) if d}
    around |= {date.fromisoformat(m[1]) for m in meetings}
    out = {d + timedelta(days=k) for d in around for k in (-1, 0, 1)} | set(extra)
    return sorted(out)


def disagreements(conn, region_rows, meetings, extra, read_regions=quick.regions, read_hostings=quick.hostings):
    """Where the quick path and the ORM path differ (empty when they agree everywhere)."""
    out = []
    orm_regions, orm_hostings = queries.regions(conn), queries.hostings(conn)
    std_regions, std_hostings = read_regions(conn), read_hostings(conn)
    if std_regions != orm_regions:
        out.append(("regions", std_regions, orm_regions))
    if std_hostings != orm_hostings:
        out.append(("hostings", std_hostings, orm_hostings))
    for day in days_that_matter(region_rows, meetings, extra):
        fast = rotation.current_host(std_regions, std_hostings, day)
        slow = rotation.current_host(orm_regions, orm_hostings, day)
        if fast != slow:
            out.append((day, fast, slow))
    return out


@pytest.fixture
def db(db_path: Path):
    conn = connect(db_path)
    yield conn
    conn.close()


# One database for all examples (each example replaces its regions and meetings): the fixture is
# meant to be shared, so hypothesis' check for function-scoped fixtures does not apply.
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories(), st.lists(days, max_size=10))
def test_the_quick_path_and_the_orm_path_agree(db, history, extra):
    region_rows, meetings = history
    write(db, region_rows, meetings)
    assert disagreements(db, region_rows, meetings, extra) == []
    # and the command itself (open file, read, rule) gives what the dashboard shows
    for day in days_that_matter(region_rows, meetings, extra)[::7]:
        answer = quick.current_host(db, day)
        assert answer == host_now(db, day)
        event(f"{answer.source}: {answer.reason.key}" if answer else "no region in force")


def test_the_seeded_organisation_across_the_merger(db):
    meetings = [("folgegruppe", "2026-05-05", "ordinary", "held", "nordjylland", None, None),
                ("folgegruppe", "2026-10-06", "ordinary", "held", "hovedstaden", "sjaelland", "lokaler"),
                ("folgegruppe", "2027-05-04", "ordinary", "planned", "oestdanmark", None, None),
                ("folgegruppe", "2027-10-05", "ordinary", "cancelled", "midtjylland", None, None)]
    conn = db
    conn.executemany("INSERT INTO meeting (body_code, date, kind, status, host_region_code, proposed_region_code,"
                     " override_reason) VALUES (?,?,?,?,?,?,?)", meetings)
    region_rows = [tuple(r) for r in conn.execute(
        "SELECT code, name, valid_from, valid_to, rotation_order, successor_code FROM region")]
    assert [r.code for r in quick.regions(conn) if r.predecessors] == ["oestdanmark"]
    assert disagreements(conn, region_rows, meetings, [date(2026, 11, 25), date(2030, 1, 1)]) == []
    assert quick.current_host(conn, date(2027, 5, 5)).region.code == "midtjylland"


def test_the_comparison_notices_a_difference(db):
    """The comparison can fail: a quick reader that counts cancelled meetings (or forgets the
    successors) is caught on some generated history."""
    def with_cancelled(conn):
        return [rotation.Hosting(date.fromisoformat(d), h, s, p, w) for d, h, s, p, w in conn.execute(
            "SELECT date, host_region_code, 'held', proposed_region_code, override_reason FROM meeting"
            " WHERE body_code = 'folgegruppe' AND host_region_code IS NOT NULL ORDER BY date, id")]

    def without_successors(conn):
        return [rotation.Region(r.code, r.name, r.valid_from, r.valid_to, r.order) for r in quick.regions(conn)]

    for broken in ({"read_hostings": with_cancelled}, {"read_regions": without_successors}):
        def told_apart(history, broken=broken) -> bool:
            write(db, *history)
            return bool(disagreements(db, *history, [], **broken))

        # raises NoSuchExample when 300 histories cannot tell the broken reader from the real one
        find(histories(), told_apart, settings=settings(max_examples=300, phases=[Phase.generate], database=None))


# --- the command line of the quick path --------------------------------------------------------

def _host_parser(parser):
    sub = next(a for a in parser._actions if a.dest == "command")  # argparse keeps subparsers here
    return sub.choices["host"]


def test_logbog_host_parses_with_only_its_own_parser():
    """`logbog host` registers no other command (that costs more than its answer), and its parser,
    help and parsing are those of the whole command line."""
    from logbog_tui.cli import _command_word, build_parser

    whole, alone = build_parser(), build_parser("host")
    assert _host_parser(whole).format_help() == _host_parser(alone).format_help()
    for argv in (["host"], ["--db", "x.db", "host", "--json"], ["--lang=en", "--db=x.db", "host", "--on", "1.1.2027"]):
        assert _command_word(argv) == "host"
        assert whole.parse_args(argv) == alone.parse_args(argv)
    for argv in (["--d", "x.db", "host"], ["-h"], ["--db", "host"], [], ["budget", "--json"]):
        assert _command_word(argv) != "host"  # anything else: the whole command line decides


def test_logbog_host_refuses_what_the_whole_command_line_refuses(db_path, capsys):
    from logbog_tui.cli import main

    for args in (["host", "--bogus"], ["host", "--on"], ["host", "--on", "31.02.2026"], ["host", "x"]):
        said = []
        for spelling in ("--db", "--d"):  # "--d": an abbreviation, so the whole command line parses
            code = main([spelling, str(db_path), *args])
            said.append((code, *capsys.readouterr()))
        assert said[0] == said[1] and said[0][0] == 2 and said[0][2].startswith("logbog: ")

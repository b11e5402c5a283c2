"""The registers' data (issue 19): the 39 specialties seeded in the issue's order, the migration
from version 3, dump -> load -> dump with the new tables, the rules (a målbeskrivelse waiting to be
loaded, a contract's term and notice), the input models, and the annual report's sections."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from logbog_tui.service import registers as rules
from logbog_tui.storage import contracts, course_leaders, documents, migrations, portability, registers, specialties
from logbog_tui.storage.db import open_db
from logbog_tui.storage.demo import fill
from logbog_tui.storage.inputs import Invalid
from logbog_tui.storage.specialty_seed import SPECIALTIES

TODAY = date(2026, 11, 25)
V1 = Path(__file__).parent / "fixtures" / "schema-v1-demo.db"
REGISTER_TABLES = ("specialty", "curriculum", "curriculum_appendix", "course_leader", "document", "document_review",
                   "contract")

# The issue's list, in its order (issue 19, part 1).
ISSUE_LIST = ("Akutmedicin; Almen medicin; Anæstesiologi; Arbejdsmedicin; Børne- og ungdomspsykiatri; "
              "Dermato-venerologi; Gynækologi og obstetrik; Intern medicin: endokrinologi; Intern medicin: "
              "gastroenterologi og hepatologi; Intern medicin: geriatri; Intern medicin: hæmatologi; Intern medicin: "
              "infektionsmedicin; Intern medicin: kardiologi; Intern medicin: lungesygdomme; Intern medicin: "
              "nefrologi; Intern medicin: reumatologi; Karkirurgi; Kirurgi; Klinisk biokemi; Klinisk farmakologi; "
              "Klinisk fysiologi og nuklearmedicin; Klinisk genetik; Klinisk immunologi; Klinisk mikrobiologi; Klinisk "
              "onkologi; Neurokirurgi; Neurologi; Oftalmologi; Ortopædisk kirurgi; Oto-rhino-laryngologi; Patologisk "
              "anatomi og cytologi; Plastikkirurgi; Psykiatri; Pædiatri; Radiologi; Retsmedicin; Samfundsmedicin; "
              "Thoraxkirurgi; Urologi")


def test_a_new_database_has_the_39_specialties_in_the_issues_order(conn):
    names = [r[0] for r in conn.execute("SELECT name FROM specialty ORDER BY id")]
    assert names == ISSUE_LIST.split("; ") == list(SPECIALTIES)
    assert len(names) == 39
    assert conn.execute("SELECT count(*) FROM specialty WHERE valid_to IS NOT NULL").fetchone()[0] == 0


def test_a_version_3_file_gains_the_registers_and_the_39_specialties(tmp_path):
    """Through version 4 (imported hours) to version 5 (the registers)."""
    path = tmp_path / "v3.db"
    path.write_bytes(V1.read_bytes())
    migrations.migrate(path, 1, 3)  # a file as version 3 left it
    plain = sqlite3.connect(path)
    assert plain.execute("PRAGMA user_version").fetchone()[0] == 3
    assert not plain.execute("SELECT 1 FROM sqlite_schema WHERE name = 'specialty'").fetchone()
    plain.close()
    conn = open_db(path, today=TODAY)  # migrates 3 -> 4 -> 5 -> ... (after a backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    assert [r[0] for r in conn.execute("SELECT name FROM specialty ORDER BY id")] == list(SPECIALTIES)
    fresh = open_db(tmp_path / "fresh.db", today=TODAY)
    for table in REGISTER_TABLES:
        shape = [tuple(r) for r in conn.execute(f"PRAGMA table_info({table})")]
        assert shape == [tuple(r) for r in fresh.execute(f"PRAGMA table_info({table})")], table
        assert (sorted(r[1] for r in conn.execute(f"PRAGMA index_list({table})"))
                == sorted(r[1] for r in fresh.execute(f"PRAGMA index_list({table})")))
    # the journal covers the new tables of a migrated file too
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger'")}
    assert {f"journal_{t}_insert" for t in REGISTER_TABLES} <= triggers
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_dump_load_dump_keeps_the_registers(tmp_path):
    source = open_db(tmp_path / "a.db", today=TODAY)
    fill(source, years=1, today=TODAY)
    data = json.loads(portability.dumps(source))
    for table in REGISTER_TABLES:
        assert data[table], table  # the demo fills every register
    target = open_db(tmp_path / "b.db", today=TODAY)
    counts = portability.load(target, data)
    assert all(counts[t] == len(data[t]) for t in REGISTER_TABLES)
    assert portability.dumps(target) == portability.dumps(source)


def test_a_dump_from_before_the_registers_loads_with_the_39_specialties(tmp_path):
    old = open_db(tmp_path / "a.db", today=TODAY)
    data = {k: v for k, v in portability.dump(old).items() if k not in REGISTER_TABLES}
    new = open_db(tmp_path / "b.db", today=TODAY)
    portability.load(new, data)
    assert new.execute("SELECT count(*) FROM specialty").fetchone()[0] == 39


def test_a_register_with_data_is_not_replaced_by_load(tmp_path):
    conn = open_db(tmp_path / "a.db", today=TODAY)
    documents.add(conn, documents.DocumentDraft.check({"title": "FAQ", "audience": "alle"}, today=TODAY))
    with pytest.raises(Exception, match="har allerede data"):
        portability.load(conn, portability.dump(conn))


# --- the rules ----------------------------------------------------------------------------------

def v(i: int, approved: date, effective: date | None = None, loaded: date | None = None) -> rules.Version:
    return rules.Version(i, str(i), approved, effective, loaded)


def test_the_version_in_force_and_the_one_waiting():
    old = v(1, date(2015, 3, 1), date(2015, 6, 1), date(2015, 3, 10))
    new = v(2, date(2026, 10, 1), date(2027, 1, 1))
    assert rules.in_force([old, new], TODAY) == old and rules.newest([old, new]) == new
    assert rules.pending([old, new], TODAY) == new and rules.days_waiting(new, TODAY) == 55
    assert rules.pending([old, new], date(2026, 9, 30)) is None      # not approved yet
    loaded = v(2, date(2026, 10, 1), date(2027, 1, 1), date(2026, 10, 3))
    assert rules.pending([old, loaded], TODAY) is None
    # a version that took effect before it was approved is waited for from its effect
    assert rules.days_waiting(v(3, date(2026, 11, 20), date(2026, 11, 1)), TODAY) == 24
    # an older version replaced before it was loaded is not waited for
    assert rules.pending([v(1, date(2020, 1, 1)), loaded], TODAY) is None
    assert rules.loaded_too_early(v(4, date(2026, 5, 1), None, date(2026, 4, 1)))


@pytest.mark.parametrize("valid_to, renewal, notice, term_end, notice_by, ended", [
    (date(2027, 3, 31), None, 3, date(2027, 3, 31), date(2026, 12, 31), False),
    (date(2026, 10, 31), None, 1, date(2026, 10, 31), None, True),
    (date(2016, 12, 31), 12, 6, date(2027, 12, 31), date(2027, 6, 30), False),  # renewed past a passed deadline
    (date(2016, 12, 31), 12, None, date(2026, 12, 31), None, False),
    (None, None, 3, None, None, False),
    (date(2027, 2, 28), None, 3, date(2027, 2, 28), date(2026, 11, 28), False),
])
def test_a_contracts_term(valid_to, renewal, notice, term_end, notice_by, ended):
    term = rules.term(valid_to, renewal, notice, TODAY)
    assert (term.end, term.notice_by, term.ended) == (term_end, notice_by, ended)


def test_notice_within_90_days_and_month_ends():
    assert rules.notice_soon(rules.Term(date(2027, 3, 31), date(2026, 12, 31), False), TODAY)
    assert not rules.notice_soon(rules.Term(date(2027, 6, 30), date(2027, 3, 31), False), TODAY)
    assert not rules.notice_soon(rules.Term(date(2026, 12, 31), date(2026, 9, 30), False), TODAY)  # passed
    assert rules.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert rules.add_months(date(2027, 3, 31), -3) == date(2026, 12, 31)


# --- input models and warnings ------------------------------------------------------------------

def test_register_dates_may_be_old_but_not_typing_errors(conn):
    draft = specialties.VersionDraft.check({"specialty": "Kirurgi", "approved": "1.2.1998"}, conn=conn, today=TODAY)
    assert draft.approved == date(1998, 2, 1) and draft.values()["edition"] == "01.02.1998"
    with pytest.raises(Invalid) as info:
        specialties.VersionDraft.check({"specialty": "Kirurgi", "approved": "1.2.0998", "effective": "31.2.2026"},
                                       conn=conn, today=TODAY)
    assert set(info.value.problems) == {"approved", "effective"}
    with pytest.raises(Invalid) as info:
        contracts.ContractDraft.check({"title": "X", "party": "P", "valid_from": "1.1.2026", "valid_to": "1.1.2020"},
                                      today=TODAY)
    assert list(info.value.problems) == ["valid_to"] and "før startdatoen 01.01.2026" in info.value.message


@pytest.mark.parametrize("text", ["=1+1", "a | b", "[b]fed[/b]", "x" * 500])
def test_hostile_text_is_stored_as_typed(conn, text):
    draft = documents.DocumentDraft.check({"title": "T", "audience": "alle", "note": text, "owner": text[:200]},
                                          today=TODAY)
    doc = documents.add(conn, draft)
    (row,) = documents.list_documents(conn, TODAY)
    assert (row.id, row.note, row.owner) == (doc, text, text[:200])


def test_an_escape_sequence_is_refused(conn):
    with pytest.raises(Invalid) as info:
        specialties.VersionDraft.check({"specialty": "Kirurgi", "approved": "1.1.2026", "note": "a\x1b[2Jb"},
                                       conn=conn, today=TODAY)
    assert list(info.value.problems) == ["note"]


def test_the_registers_warnings(conn):
    def check(model, values):
        return model.check(values, conn=conn, today=TODAY)

    specialties.add_version(conn, check(specialties.VersionDraft, {"specialty": "Urologi", "approved": "1.11.2026"}))
    specialties.add_version(conn, check(specialties.VersionDraft, {"specialty": "Kirurgi", "approved": "1.5.2026",
                                                                   "loaded": "1.4.2026"}))
    course_leaders.set_leader(conn, check(course_leaders.LeaderDraft, {
        "specialty": "Urologi", "region": "Nord", "role": "main", "who": "Ib Fiktiv", "valid_from": "1.1.2020"}))
    documents.add(conn, check(documents.DocumentDraft, {"title": "FAQ", "audience": "alle", "review_on": "1.11.2026"}))
    contracts.add(conn, check(contracts.ContractDraft, {"title": "Service", "party": "DT", "valid_to": "31.1.2027",
                                                        "notice_months": "1"}))
    contracts.add(conn, check(contracts.ContractDraft, {"title": "Test", "party": "H", "valid_to": "1.1.2026"}))
    found = registers.warnings(conn, TODAY)
    kinds = [w.key for w in found]
    assert kinds.count("reg.warn.pending") == 1 and kinds.count("reg.warn.loaded_early") == 1
    assert kinds.count("reg.warn.not_entered") == 1
    assert kinds.count("reg.warn.no_main") == 39 * 3 - 1   # the register is in use: every gap is shown
    assert kinds.count("reg.warn.review_due") == 1 and kinds.count("reg.warn.notice") == 1
    assert kinds.count("reg.warn.no_successor") == 1
    pending = found[kinds.index("reg.warn.pending")]
    assert pending.params == {"name": "Urologi", "edition": "01.11.2026", "days": 24}


def test_no_course_leader_warnings_while_the_register_is_empty(conn):
    assert course_leaders.warnings(conn, TODAY) == []


# --- the annual report --------------------------------------------------------------------------

def test_the_annual_report_has_a_section_per_register(conn):
    from logbog_tui.report import annual
    from logbog_tui.report_render import csv_table, render

    def check(model, values):
        return model.check(values, conn=conn, today=TODAY)

    specialties.add_version(conn, check(specialties.VersionDraft, {"specialty": "Urologi", "approved": "1.3.2026",
                                                                   "loaded": "11.3.2026", "edition": "=1+1"}))
    specialties.add_version(conn, check(specialties.VersionDraft, {"specialty": "Kirurgi", "approved": "1.3.2025",
                                                                   "loaded": "11.3.2025"}))
    course_leaders.set_leader(conn, check(course_leaders.LeaderDraft, {
        "specialty": "Urologi", "region": "Syd", "role": "main", "who": "Ib | Fiktiv", "valid_from": "1.6.2026"}))
    doc = documents.add(conn, check(documents.DocumentDraft, {"title": "FAQ", "audience": "vejledere"}))
    documents.review(conn, doc, check(documents.ReviewDraft, {"reviewed_on": "1.9.2026"}))
    contracts.add(conn, check(contracts.ContractDraft, {"title": "Service", "party": "DT", "valid_from": "1.1.2024",
                                                        "valid_to": "31.3.2027", "notice_months": "3"}))
    contracts.add(conn, check(contracts.ContractDraft, {"title": "Gammel", "party": "DT", "valid_to": "31.12.2024"}))
    report = annual(conn, 2026, TODAY)
    assert report["specialty_versions"] == [{"specialty": "Urologi", "edition": "=1+1", "approved": date(2026, 3, 1),
                                             "effective": None, "loaded": date(2026, 3, 11), "days_to_load": 10}]
    (change,) = report["course_leader_changes"]
    assert (change["leader"], change["region"], change["role"], change["entered"]) == ("Ib | Fiktiv", "Syd", "main",
                                                                                       None)
    assert report["documents_reviewed"] == [{"document": "FAQ", "audience": "supervisors",
                                             "reviewed_on": date(2026, 9, 1), "next_review": date(2027, 9, 1)}]
    (contract,) = report["contracts"]
    assert (contract["contract"], contract["notice_by"]) == ("Service", date(2026, 12, 31))
    md = render(report, "md").decode()
    assert "## Målbeskrivelser indlæst" in md and "| Urologi | =1+1 | 01.03.2026 | – | 11.03.2026 | 10 |" in md
    assert "Ib \\| Fiktiv" in md and "hovedkursusleder" in md and "## Kontrakter" in md
    assert csv_table(report, "specialty_versions", excel=True).decode("utf-8-sig").splitlines()[1].startswith(
        "Urologi;'=1+1;2026-03-01")
    assert json.loads(render(report, "json"))["documents_reviewed"][0]["reviewed_on"] == "2026-09-01"


def test_a_course_leader_in_the_register_can_be_erased_but_not_deleted(conn):
    from logbog_tui.errors import UserError
    from logbog_tui.storage import people

    pid = people.create(conn, people.PersonDraft(name="Ib Kursusleder"))
    course_leaders.set_leader(conn, course_leaders.LeaderDraft.check(
        {"specialty": "Urologi", "region": "Syd", "role": "main", "who": "Ib Kursus", "valid_from": "1.1.2026"},
        conn=conn, today=TODAY))
    with pytest.raises(UserError):
        people.delete(conn, pid)
    placeholder = people.erase(conn, pid)
    (row,) = course_leaders.list_leaders(conn, TODAY)
    assert row.person_id == pid and row.name == placeholder


def test_the_registers_warnings_take_a_few_queries_not_one_per_specialty(tmp_path):
    """The dashboard asks for them on every refresh: the education regions were read once per
    specialty (39 queries for the course leaders' "no hovedkursusleder" alone)."""
    path = tmp_path / "demo.db"
    conn = open_db(path, today=date(2026, 11, 28))
    fill(conn, years=2, today=date(2026, 11, 28))
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        registers.warnings(conn, date(2026, 11, 28))
    finally:
        conn.set_trace_callback(None)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) < 20, len(selects)
    conn.close()

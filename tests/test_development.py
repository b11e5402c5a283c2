"""The development backlog (issue 22): an item's life from a ticket to a release with notes, the
status rules, the meeting record's priority, the views and the CLI (`logbog item`, `logbog release`)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from logbog_tui.errors import UserError
from logbog_tui.storage import development as dev
from logbog_tui.storage import development_list as dev_list
from logbog_tui.storage import development_releases as rel
from logbog_tui.storage import meeting_records, portability, tickets
from logbog_tui.storage.db import connect
from logbog_tui.storage.models import Meeting
from logbog_tui.storage.session import transaction

from .test_cli_people import count, one_line_refusal

TODAY = date(2026, 11, 25)
ITEM_KEYS = {"id", "title", "kind", "area", "status", "priority", "supplier_ref", "estimate_hours", "estimate_kr",
             "ordered", "promised", "days_late", "release", "delivered", "tickets", "asked_by"}


def fg_meeting(conn, day=date(2026, 10, 20), body="folgegruppe") -> int:
    with transaction(conn) as session:
        meeting = Meeting(body_code=body, date=day, status="held")
        session.add(meeting)
        session.flush()
        return int(meeting.id or 0)


@pytest.fixture
def ticket(conn) -> int:
    ticket_id, _number = tickets.create(conn, tickets.TicketDraft(title="PDF-eksport mangler", category="oenske"),
                                        date(2026, 9, 1))
    tickets.change_status(conn, ticket_id, "open", TODAY, on=date(2026, 9, 2))
    return ticket_id


def test_an_items_life_from_a_ticket_to_a_release_with_notes(conn, ticket):
    item = dev.from_ticket(conn, ticket, date(2026, 9, 3))
    dev.add_asker(conn, item, "nord")
    dev.add_asker(conn, item, "Hovedstaden")
    meeting = fg_meeting(conn)
    [agenda] = dev.to_agenda(conn, meeting, [item])
    assert [i.title for i in meeting_records.items(conn, meeting)] == [f"Udvikling #{item}: PDF-eksport mangler"]
    dev.prioritise(conn, item, "1", "Prioriteres højest; bestilles hos DT", TODAY)
    assert meeting_records.items(conn, meeting)[0].decision == "Prioriteres højest; bestilles hos DT"
    row = dev_list.get(conn, item)
    assert (row.status, row.priority, row.decision_item_id, row.decision_meeting) == ("prioritised", "1", agenda,
                                                                                       date(2026, 10, 20))
    dev.change_status(conn, item, dev.StatusChange.check(
        {"status": "bestilt", "ref": "DT-88", "estimate": "40t/25.000 kr", "promised": "10.11.2026",
         "on": "21.10.2026"}, today=TODAY), TODAY)
    row = dev_list.get(conn, item)
    assert (row.supplier_ref, row.estimate_hours, row.estimate_kr, row.promised) == ("DT-88", 40.0, 25000,
                                                                                      date(2026, 11, 10))
    assert row.days_late(TODAY) == 15 and [r.id for r in rel.overdue(conn, TODAY, 14)] == [item]
    assert rel.overdue(conn, TODAY, 15) == []
    release = rel.add_release(conn, "4.2", TODAY, [item], TODAY)
    found = rel.find_release(conn, "4.2")
    assert found.items[0].status == "delivered" and found.items[0].delivered == TODAY
    assert "- PDF-eksport mangler" in found.notes and rel.notes_markdown(found).startswith("# logbog.net version 4.2")
    assert "•" in rel.notes_text(found) and "#" not in rel.notes_text(found)
    assert rel.resolve_tickets(conn, release, None, TODAY) == (1, 0)
    assert tickets.get(conn, ticket).status == "resolved"
    kinds = [(e.kind, e.new_status) for e in dev_list.timeline(conn, item)]
    assert kinds == [("created", "idea"), ("priority", None), ("status", "prioritised"), ("status", "ordered"),
                     ("status", "delivered")]
    figures = rel.year_figures(conn, 2026)
    assert (figures.ordered, figures.delivered, figures.median_days) == (1, 1, 35.0)
    assert {(r.name, r.asked, r.delivered) for r in figures.regions} == {
        ("Videreuddannelsesregion Nord", 1, 1), ("Region Hovedstaden", 1, 1)}


def test_the_status_rules(conn):
    item = dev.create(conn, dev.ItemDraft.check({"title": "Ny rapport", "kind": "ny funktion"}), TODAY)
    assert dev_list.get(conn, item).kind == "feature"

    def move(**values):
        return dev.change_status(conn, item, dev.StatusChange.check(values, today=TODAY), TODAY)

    with pytest.raises(UserError, match="beslutning"):
        move(status="prioriteret")
    with pytest.raises(UserError, match="følgegruppemøde"):
        steering = fg_meeting(conn, body="styregruppe")
        move(status="prioritised", decision_item_id=meeting_records.save_item(conn, steering, "x", None, None, None,
                                                                              False))
    with pytest.raises(UserError, match="»idé« til »bestilt«"):
        move(status="ordered", ref="x", estimate="1", promised="+1")
    with pytest.raises(UserError, match="udgivelse"):
        move(status="leveret")
    with pytest.raises(UserError, match="begrundelse"):
        move(status="afvist")
    move(status="afvist", reason="Løses af anden vej")
    assert dev_list.get(conn, item).reason == "Løses af anden vej"
    with pytest.raises(UserError):
        rel.add_release(conn, "1.0", TODAY, [item], TODAY)


def test_dump_and_load_keep_the_backlog(conn, ticket, tmp_path):
    item = dev.from_ticket(conn, ticket, TODAY)
    dev.add_asker(conn, item, "syd")
    data = portability.dump(conn)
    assert data["dev_item"][0]["title"] == "PDF-eksport mangler" and data["dev_item_ticket"]
    other = tmp_path / "other.db"
    from logbog_tui.storage.db import open_db
    open_db(other, today=TODAY).close()
    c2 = connect(other)
    try:
        portability.load(c2, json.loads(json.dumps(data, default=str)))
        assert dev_list.get(c2, item).askers == ("Videreuddannelsesregion Syd",)
    finally:
        c2.close()


# --- the CLI -------------------------------------------------------------------------------

def test_item_add_list_and_json(cli, db_path, conn, ticket):
    r = cli("item", "add", "Eksport til PDF", "--kind", "ny funktion", "--area", "FG2", "--asked-by", "nord,syd")
    assert r.code == 0 and r.out.startswith("Udviklingspunkt #1 oprettet: Eksport til PDF (ny funktion)")
    r = cli("item", "add", "ignored", "--from-ticket", tickets.get(conn, ticket).number, "--json")
    data = json.loads(r.out)
    assert data["tickets"] == [tickets.get(conn, ticket).number] and data["kind"] == "improvement"
    listed = json.loads(cli("item", "list", "--json").out)
    assert [set(x) for x in listed] == [ITEM_KEYS, ITEM_KEYS]
    assert listed[0]["area"] == "FG2" and listed[0]["asked_by"] == ["Videreuddannelsesregion Nord",
                                                                       "Videreuddannelsesregion Syd"]
    assert json.loads(cli("item", "list", "--status", "bestilt", "--json").out) == []
    assert "Eksport til PDF" in cli("item", "list").out


def test_item_bad_arguments_write_nothing(cli, db_path):
    before = count(db_path, "journal")
    one_line_refusal(cli("item", "add", "x", "--kind", "tryllestav"), "type")
    one_line_refusal(cli("item", "add", "  "), "TITLE")
    one_line_refusal(cli("item", "add", "x", "--asked-by", "Atlantis"), "Atlantis")
    one_line_refusal(cli("item", "list", "--status", "flyvende"), "status")
    one_line_refusal(cli("item", "status", "99", "afvist", "--reason", "x"), "99")
    assert count(db_path, "journal") == before == count(db_path, "journal")
    assert cli("item", "add", "=1+1 |[b]").code == 0
    one_line_refusal(cli("item", "status", "1", "bestilt", "--ref", "DT"), "»idé« til »bestilt«")
    one_line_refusal(cli("item", "status", "1", "prioriteret"), "beslutning")
    one_line_refusal(cli("item", "status", "1", "afvist"), "begrundelse")
    assert json.loads(cli("item", "list", "--json").out)[0]["title"] == "=1+1 |[b]"


def test_item_status_and_release_from_the_command_line(cli, db_path, conn, tmp_path):
    meeting = fg_meeting(conn)
    agenda = meeting_records.save_item(conn, meeting, "Udviklingsønsker", None, None, "Prioriteret", False)
    cli("item", "add", "Eksport til PDF")
    assert cli("item", "status", "1", "prioriteret", "--decision", f"#{agenda}").code == 0
    one_line_refusal(cli("item", "status", "1", "bestilt", "--ref", "DT-1", "--promised", "+30"), "estimat")
    r = cli("item", "status", "1", "bestilt", "--ref", "DT-1", "--estimate", "25000 kr", "--promised", "+30")
    assert r.code == 0 and r.out == "#1: prioriteret → bestilt (25.11.2026)\n"
    assert cli("item", "status", "1", "under udvikling").code == 0
    one_line_refusal(cli("release", "add", "4.2", "--date", "i dag", "--items", "7"), "7")
    r = cli("release", "add", "4.2", "--date", "i dag", "--items", "1", "--json")
    assert json.loads(r.out) == {"version": "4.2", "date": "2026-11-25", "items": [1], "notes": (
        "logbog.net version 4.2 (25.11.2026)\n\nNyt i denne version:\n- Eksport til PDF")}
    one_line_refusal(cli("release", "add", "4.2", "--date", "i dag", "--items", "1"), "4.2")
    out = tmp_path / "noter.md"
    assert cli("release", "notes", "4.2", "-o", str(out)).code == 0
    assert out.read_text().startswith("# logbog.net version 4.2 (25.11.2026)")
    assert "• Eksport til PDF" in cli("release", "notes", "4.2", "--text").out
    assert cli("release", "resolve", "4.2").out.startswith("Version 4.2: 0 sager løst")
    one_line_refusal(cli("release", "notes", "9.9"), "9.9")
    shown = json.loads(cli("item", "show", "1", "--json").out)
    assert [e["new_status"] for e in shown["timeline"]] == ["idea", "prioritised", "ordered", "in_development",
                                                            "delivered"]


def test_a_version_5_file_gains_the_backlog(tmp_path):
    """The step 5 -> 6 makes the backlog's tables as a new database has them; the journal covers them."""
    from logbog_tui.storage import migrations
    from logbog_tui.storage.db import open_db

    from .test_registers import V1

    path = tmp_path / "v5.db"
    path.write_bytes(V1.read_bytes())
    migrations.migrate(path, 1, 5)
    migrated = open_db(path, today=TODAY)
    fresh = open_db(tmp_path / "fresh.db", today=TODAY)
    for table in ("dev_item", "dev_item_ticket", "dev_item_asker", "dev_item_event", "dev_release"):
        shape = [tuple(r) for r in migrated.execute(f"PRAGMA table_info({table})")]
        assert shape and shape == [tuple(r) for r in fresh.execute(f"PRAGMA table_info({table})")], table
        names = [f"journal_{table}_{what}" for what in ("insert", "update", "delete")]
        assert migrated.execute("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN (?, ?, ?)",
                                names).fetchone()[0] == 3
    migrated.close()
    fresh.close()


def test_an_order_beyond_the_development_money_left_is_referred_to_the_steering_group(conn):
    """Money is the steering group's (domain.md): an estimate above what the year's development lines
    have left refers the item's decision to it, and the order waits until the referral is settled."""
    from logbog_tui.storage import economy
    from logbog_tui.storage.development_money import development_money_left

    line = economy.add_line(conn, 2026, "development", "Videreudvikling", 30_000)
    economy.add_posting(conn, line, date(2026, 3, 1), 10_000, supplier="Dansk Telemedicin")
    assert development_money_left(conn, 2026, TODAY) == 20_000
    item = dev.create(conn, dev.ItemDraft.check({"title": "Ny rapport", "kind": "ny funktion"}), TODAY)
    meeting = fg_meeting(conn)
    [agenda] = dev.to_agenda(conn, meeting, [item])
    dev.prioritise(conn, item, "høj", "Bestilles, hvis der er penge", TODAY)

    def order(estimate: str) -> None:
        dev.change_status(conn, item, dev.StatusChange.check(
            {"status": "bestilt", "ref": "DT-9", "estimate": estimate, "promised": "+30"},
            today=TODAY), TODAY)

    with pytest.raises(UserError, match="styregruppen") as refused:
        order("25.000 kr")
    assert "20.000" in refused.value.message and "25.000" in refused.value.message
    assert meeting_records.items(conn, meeting)[0].referred
    assert dev_list.get(conn, item).status == "prioritised"
    with pytest.raises(UserError, match="styregruppen"):
        order("25.000 kr")  # still the steering group's: not settled
    steering = fg_meeting(conn, day=date(2026, 11, 20), body="styregruppe")
    settling = meeting_records.save_item(conn, steering, "Bevilling til ny rapport", None, "Bevilget", None, False)
    meeting_records.settle(conn, agenda, settling)
    order("25.000 kr")
    assert dev_list.get(conn, item).status == "ordered"


def test_an_order_within_the_development_money_is_not_referred(conn):
    from logbog_tui.storage import economy

    economy.add_line(conn, 2026, "development", "Videreudvikling", 30_000)
    item = dev.create(conn, dev.ItemDraft.check({"title": "Lille rettelse", "kind": "fejlrettelse"}), TODAY)
    meeting = fg_meeting(conn)
    dev.to_agenda(conn, meeting, [item])
    dev.prioritise(conn, item, "mellem", "Bestilles", TODAY)
    dev.change_status(conn, item, dev.StatusChange.check(
        {"status": "bestilt", "ref": "DT-10", "estimate": "8t/6.000 kr", "promised": "+30"}, today=TODAY), TODAY)
    assert dev_list.get(conn, item).status == "ordered"
    assert not meeting_records.items(conn, meeting)[0].referred

"""Tasks and the input models of the task, log and budget forms: each refusal under its field."""

from __future__ import annotations

from datetime import date

import pytest

from logbog_tui.storage import budget_edit, tasks, timelog
from logbog_tui.storage.inputs import Invalid
from logbog_tui.storage.tickets import TicketDraft, create

TODAY = date(2026, 11, 25)
TASK_FORM = {"title": "", "area": "", "owner": "", "due": "", "status": None, "meeting": "", "ticket": "",
             "description": ""}


def test_the_task_form_refuses_each_field_and_saves_what_it_reads(conn):
    with pytest.raises(Invalid) as refused:
        tasks.TaskDraft.check({**TASK_FORM, "area": "nonsense", "owner": "Ingen Sådan", "due": "31.02",
                               "meeting": "#99", "ticket": "x", "description": "\x1b"}, conn=conn, today=TODAY)
    problems = {name: note.key for name, note in refused.value.problems.items()}
    assert problems == {"title": "task.required", "area": "resolve.none", "owner": "resolve.none",
                        "due": "parse.date.no_such_day", "meeting": "task.no_such_link",
                        "ticket": "task.no_such_link", "description": "text.control_chars"}
    assert refused.value.message == "Titel skal udfyldes"  # the label, not a placeholder
    ticket, _ = create(conn, TicketDraft(title="Ønske"), TODAY)
    draft = tasks.TaskDraft.check({**TASK_FORM, "title": " Ny opgave ", "area": "PL4", "due": "+7",
                                   "ticket": f"#{ticket}"}, conn=conn, today=TODAY)
    task_id = tasks.create(conn, draft)
    (row,) = tasks.list_tasks(conn, None, "ny opg")
    assert (row.id, row.title, row.area_code, row.due, row.status, row.ticket_id) == (
        task_id, "Ny opgave", "PL4", date(2026, 12, 2), "todo", ticket)


def test_the_log_input_refuses_each_field_under_the_dialogs_name(conn):
    with pytest.raises(Invalid) as refused:
        timelog.LogInput.check({"hours": "abc", "date": "31.02", "target": "nonsense", "person": "Ingen",
                                "for": "", "note": "x" * 2001, "support": False}, conn=conn, today=TODAY)
    assert {name: note.key for name, note in refused.value.problems.items()} == {
        "hours": "parse.hours.invalid", "date": "parse.date.no_such_day", "person": "resolve.none",
        "target": "resolve.none", "note": "log.note_too_long"}


def test_the_budget_form_reads_danish_numbers(conn):
    assert budget_edit.BudgetInput.check({"pl": "1.350", "member": "74,5"}).model_dump() == {"pl": 1350,
                                                                                           "member": 74.5}
    with pytest.raises(Invalid) as refused:
        budget_edit.BudgetInput.check({"pl": "mange", "member": "74"})
    assert list(refused.value.problems) == ["pl"]

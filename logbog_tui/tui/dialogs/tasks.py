"""The Tasks screen's dialogs, built on FormDialog: a task, and a year's budgets."""

from __future__ import annotations

from datetime import date

from logbog_tui.storage import names, tasks
from logbog_tui.i18n import fmt_date, fmt_hours, t
from logbog_tui.storage.budget_edit import BudgetInput
from logbog_tui.storage.tasks import STATUSES, TaskDraft, TaskRow
from logbog_tui.tui.dialogs.form import Field, FormDialog


def task_dialog(conn, row: TaskRow | None, area_id: int | None, today: date) -> FormDialog:
    def save(values: dict):
        draft = TaskDraft.check(values, conn=conn, today=today)  # every refusal under its field
        if row is None:
            return tasks.create(conn, draft)
        tasks.update(conn, row.id, draft)
        return row.id

    people = names.people_in_order(conn)
    areas = tuple(f"{a.code} {a.short_name}" for a in tasks.areas(conn))
    r = row
    fields = [Field("title", t("task.field.title"), r.title if r else ""),
              Field("area", t("task.field.area"), names.target_label(conn, r.area_id if r else area_id, None)
                    if (r or area_id) else "", suggestions=areas, placeholder="PL4"),
              Field("owner", t("task.field.owner"), (r.owner or "") if r else "", suggestions=people),
              Field("due", t("task.field.due"), fmt_date(r.due) if r and r.due else "", placeholder="+7, 24.12"),
              Field("status", t("task.field.status"), r.status if r else "todo",
                    options=tuple((t(f"task.status.{s}"), s) for s in STATUSES)),
              Field("meeting", t("task.field.meeting"), str(r.meeting_id or "") if r else ""),
              Field("ticket", t("task.field.ticket"), str(r.ticket_id or "") if r else ""),
              Field("description", t("task.field.description"), (r.description or "") if r else "", multiline=True)]
    return FormDialog(t("task.edit_title", id=r.id) if r else t("task.new_title"), fields, save)


def budget_dialog(year: int, leadership: float, member: float) -> FormDialog:
    def save(values: dict):
        budgets = BudgetInput.check(values)
        return budgets.pl, budgets.member

    return FormDialog(t("budget.edit_title", year=year),
                      [Field("pl", t("budget.field.leadership"), fmt_hours(leadership, unit=False)),
                       Field("member", t("budget.field.member"), fmt_hours(member, unit=False))], save)

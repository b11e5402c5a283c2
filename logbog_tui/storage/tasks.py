"""Tasks within the task areas: listing (only what is shown), the input model of the task form,
and the writes."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any, cast

from pydantic import ValidationInfo, field_validator
from sqlalchemy import String, and_, case, func, or_
from sqlalchemy import select as sql_select
from sqlmodel import SQLModel, col, select

from logbog_tui.storage import names
from logbog_tui.storage.db import Connection, fold
from logbog_tui.storage.inputs import Input, free_text, refuse, refuse_as, required_text, typed_date
from logbog_tui.storage.models import Meeting, Person, Task, TaskArea, Ticket, TimeEntry
from logbog_tui.storage.session import reading, transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.service import Message
from logbog_tui.service.record import Record

STATUSES = ("todo", "doing", "waiting", "done")
SORTS = ("due", "status")
MAX_TITLE = 300
MAX_DESCRIPTION = 10_000


class TaskRow(Record):
    id: int
    area_id: int
    area_code: str
    title: str
    description: str | None
    owner_id: int | None
    owner: str | None
    due: date | None
    status: str
    meeting_id: int | None
    ticket_id: int | None
    minutes: int

    def overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today and self.status != "done"


class TaskDraft(Input):
    """A task as the task form hands it in, under the form's field names. ``area``, ``owner``,
    ``meeting`` and ``ticket`` are ids, or the text typed (an area code or name, a person's name,
    ``#12``), looked up with ``conn``; ``due`` a date, or the text typed (``+7``, ``24.12``) read
    with ``today``."""

    title: str
    area: int
    owner: int | None = None
    due: date | None = None
    status: str = "todo"
    meeting: int | None = None
    ticket: int | None = None
    description: str | None = None

    @field_validator("title", mode="before")
    @classmethod
    def _title(cls, value: Any) -> str:
        label = Message("task.field.title")  # translated where the refusal is shown
        return required_text(value, MAX_TITLE, label, too_long_key="task.too_long", label=label)

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, value: Any) -> str | None:
        return free_text(value, MAX_DESCRIPTION, long_text=True, too_long_key="task.too_long",
                    label=t("task.field.description"))

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: Any) -> str:
        value = value or "todo"
        if value not in STATUSES:
            refuse("task.bad_status")
        return cast(str, value)

    @field_validator("area", "owner", mode="before")
    @classmethod
    def _named(cls, value: Any, info: ValidationInfo) -> int | None:
        if not isinstance(value, str):
            return cast("int | None", value)
        if info.field_name == "owner" and not value.strip():
            return None
        resolve = names.resolve_area if info.field_name == "area" else names.resolve_person
        try:
            return resolve((info.context or {})["conn"], value).id
        except UserError as exc:
            refuse_as(exc)

    @field_validator("due", mode="before")
    @classmethod
    def _due(cls, value: Any, info: ValidationInfo) -> date | None:
        return typed_date(value, info)

    @field_validator("meeting", "ticket", mode="before")
    @classmethod
    def _link(cls, value: Any, info: ValidationInfo) -> int | None:
        if not isinstance(value, str):
            return cast("int | None", value)
        number = value.strip().lstrip("#")
        if not number:
            return None
        if not number.isdigit() or not linkable((info.context or {})["conn"], str(info.field_name), int(number)):
            refuse("task.no_such_link", text=value.strip())
        return int(number)


_LINKS: dict[str, type[SQLModel]] = {"meeting": Meeting, "ticket": Ticket}


def linkable(conn: Connection, kind: str, row_id: int) -> bool:
    """Whether the meeting or ticket (``kind``) ``row_id`` exists, for a task to refer to."""
    with reading(conn) as session:
        return session.get(_LINKS[kind], row_id) is not None


def areas(conn: Connection) -> list[TaskArea]:
    with reading(conn) as session:
        return list(session.exec(select(TaskArea).order_by(col(TaskArea.position))))


def list_tasks(conn: Connection, area_id: int | None, text: str = "", sort: str = "due",
               include_done: bool = True, limit: int = 500, year: int | None = None) -> list[TaskRow]:
    """Tasks, newest work first; with ``year``: the open ones and those due or done that year."""
    minutes = (select(func.coalesce(func.sum(col(TimeEntry.minutes)), 0)).where(col(TimeEntry.task_id) == col(Task.id))
               .correlate(Task).scalar_subquery())
    # more columns than sqlmodel's select() has typed overloads for
    query = (sql_select(col(Task.id), col(Task.area_id), col(TaskArea.code), col(Task.title), col(Task.description),
                        col(Task.owner_id), col(Person.name), col(Task.due_date), col(Task.status),
                        col(Task.meeting_id), col(Task.ticket_id), minutes)
             .join(TaskArea, col(TaskArea.id) == col(Task.area_id))
             .outerjoin(Person, col(Person.id) == col(Task.owner_id)))
    due, status = col(Task.due_date), col(Task.status)
    if year is not None:
        start, end = date(year, 1, 1), date(year, 12, 31)
        query = query.where(or_(status != "done", due.between(start, end),
                                and_(due.is_(None),
                                     col(Task.created_at).between(datetime.combine(start, time()),
                                                                  datetime.combine(end, time(23, 59, 59))))))
    if area_id is not None:
        query = query.where(col(Task.area_id) == area_id)
    if not include_done:
        query = query.where(status != "done")
    if text.strip():
        words = (col(Task.title) + " " + func.coalesce(col(Task.description), "") + " "
                 + func.coalesce(col(Person.name), ""))
        query = query.where(func.fold(words, type_=String).contains(fold(text.strip()), autoescape=True))
    if sort == "status":
        rank = case((status == "doing", 0), (status == "todo", 1), (status == "waiting", 2), else_=3)
        query = query.order_by(rank, due.is_(None), due)
    else:
        query = query.order_by(status == "done", due.is_(None), due, col(Task.id))
    with reading(conn) as session:
        return [TaskRow(*r) for r in session.execute(query.limit(limit))]


def _values(draft: TaskDraft) -> dict[str, Any]:
    return {"area_id": draft.area, "title": draft.title, "description": draft.description, "owner_id": draft.owner,
            "due_date": draft.due, "status": draft.status, "meeting_id": draft.meeting, "ticket_id": draft.ticket}


def create(conn: Connection, draft: TaskDraft) -> int:
    with transaction(conn) as session:
        task = Task(**_values(draft))
        session.add(task)
        session.flush()
        return cast(int, task.id)


def update(conn: Connection, task_id: int, draft: TaskDraft) -> None:
    with transaction(conn) as session:
        task = session.get(Task, task_id)
        if task is None:
            raise UserError("task.gone")
        task.sqlmodel_update(_values(draft))

"""Tasks within the task areas: listing (only what is shown) and validated writes."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date

from logbog_tui.storage.session import transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.textfields import clean

STATUSES = ("todo", "doing", "waiting", "done")
SORTS = ("due", "status")
MAX_TITLE = 300
MAX_DESCRIPTION = 10_000


@dataclass(frozen=True)
class Area:
    id: int
    code: str
    scope: str
    name: str
    short_name: str


@dataclass(frozen=True)
class TaskRow:
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


@dataclass(frozen=True)
class TaskDraft:
    area_id: int
    title: str
    description: str | None = None
    owner_id: int | None = None
    due: date | None = None
    status: str = "todo"
    meeting_id: int | None = None
    ticket_id: int | None = None


def areas(conn: sqlite3.Connection) -> list[Area]:
    return [Area(*r) for r in conn.execute("SELECT id, code, scope, name, short_name FROM task_area ORDER BY position")]


def list_tasks(conn: sqlite3.Connection, area_id: int | None, text: str = "", sort: str = "due",
               include_done: bool = True, limit: int = 500, year: int | None = None) -> list[TaskRow]:
    """Tasks, newest work first; with ``year``: the open ones and those due or done that year."""
    where, params = ["1"], []
    if year is not None:
        where.append("(tk.status <> 'done' OR tk.due_date BETWEEN ? AND ? OR (tk.due_date IS NULL AND"
                     " tk.created_at BETWEEN ? AND ?))")
        params += [f"{year}-01-01", f"{year}-12-31", f"{year}-01-01", f"{year}-12-31 23:59:59"]
    if area_id is not None:
        where.append("tk.area_id = ?")
        params.append(area_id)
    if not include_done:
        where.append("tk.status <> 'done'")
    if text.strip():
        where.append("fold(tk.title || ' ' || coalesce(tk.description, '') || ' ' || coalesce(p.name, '')) "
                     "LIKE '%' || fold(?) || '%' ESCAPE '\\'")
        params.append(text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
    order = {"due": "tk.status = 'done', tk.due_date IS NULL, tk.due_date, tk.id",
             "status": "CASE tk.status WHEN 'doing' THEN 0 WHEN 'todo' THEN 1 WHEN 'waiting' THEN 2 ELSE 3 END,"
                       " tk.due_date IS NULL, tk.due_date"}[sort]
    rows = conn.execute(
        f"SELECT tk.id, tk.area_id, a.code, tk.title, tk.description, tk.owner_id, p.name, tk.due_date, tk.status,"
        f" tk.meeting_id, tk.ticket_id,"
        f" (SELECT coalesce(sum(minutes), 0) FROM time_entry te WHERE te.task_id = tk.id)"
        f" FROM task tk JOIN task_area a ON a.id = tk.area_id LEFT JOIN person p ON p.id = tk.owner_id"
        f" WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?", [*params, limit]).fetchall()
    return [TaskRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], date.fromisoformat(r[7]) if r[7] else None, r[8],
                    r[9], r[10], r[11]) for r in rows]




def _clean(text: str | None, limit: int, field: str, required: bool = False) -> str | None:
    value = clean(text, limit, long_text=field == "description", too_long_key="task.too_long",
                  field=t(f"task.field.{field}"))
    if required and not value:
        raise UserError("task.required", field=t(f"task.field.{field}"))
    return value


def _row(draft: TaskDraft) -> tuple:
    if draft.status not in STATUSES:
        raise UserError("task.bad_status")
    return (draft.area_id, _clean(draft.title, MAX_TITLE, "title", required=True),
            _clean(draft.description, MAX_DESCRIPTION, "description"), draft.owner_id,
            draft.due.isoformat() if draft.due else None, draft.status, draft.meeting_id, draft.ticket_id)


def create(conn: sqlite3.Connection, draft: TaskDraft) -> int:
    values = _row(draft)
    with transaction(conn):
        return conn.execute("INSERT INTO task (area_id, title, description, owner_id, due_date, status, meeting_id,"
                            " ticket_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values).lastrowid


def update(conn: sqlite3.Connection, task_id: int, draft: TaskDraft) -> None:
    values = _row(draft)
    with transaction(conn):
        if conn.execute("UPDATE task SET area_id = ?, title = ?, description = ?, owner_id = ?, due_date = ?,"
                        " status = ?, meeting_id = ?, ticket_id = ? WHERE id = ?", (*values, task_id)).rowcount != 1:
            raise UserError("task.gone")

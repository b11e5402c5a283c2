"""Support tickets: numbered per year without gaps, a status life cycle with every change as an
event, forwarding to the supplier (Dansk Telemedicin) with its case reference and promised date."""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timezone

from logbog_tui import clock
from logbog_tui.storage.db import fold
from logbog_tui.storage.session import transaction
from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.textfields import clean

CATEGORIES = ("fejl", "spoergsmaal", "oenske", "feedback", "dataaendring")
PRIORITIES = ("lav", "normal", "hoej", "kritisk")
STATUSES = ("new", "open", "with_supplier", "resolved", "closed")
TRANSITIONS = {
    "new": ("open", "with_supplier", "resolved", "closed"),
    "open": ("with_supplier", "resolved", "closed"),
    "with_supplier": ("resolved", "open"),
    "resolved": ("closed", "open"),
    "closed": ("open",),
}
TASKABLE = ("feedback", "oenske")


def number(year: int, seq: int) -> str:
    return f"{year}-{seq:04d}"


def choose(text: str, options: tuple[str, ...], what: str) -> str:
    """A category or priority by code or by its name in either language (case and æøå folded)."""
    query = fold(text.strip())
    for code in options:
        names = {fold(code), *(fold(n) for n in _names(f"{what}.{code}"))}
        if query in names:
            return code
    raise UserError(f"ticket.bad_{what}", text=text.strip(),
                      options=", ".join(t(f"{what}.{c}") for c in options))


def resolve_reporter(conn: sqlite3.Connection, text: str | None) -> tuple[int | None, str | None]:
    """A person in the register when the name matches one; an outside reporter when it matches none
    (an ambiguous name is an error that lists the candidates)."""
    if not text or not text.strip():
        return None, None
    from logbog_tui.storage import queries

    try:
        return queries.resolve_person(conn, text).id, None
    except queries.NotFound:  # an outside reporter
        return None, unicodedata.normalize("NFC", text).strip()


def _names(key: str) -> tuple[str, ...]:
    from logbog_tui.messages import MESSAGES

    return MESSAGES.get(key, ())


def _now() -> str:
    return _utc(clock.now())


def _utc(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def _at(day: date) -> str:
    """The stored time (UTC) of an event the user dates ``day``: now when it is today, else noon
    Danish time that day (the timeline and the report then show the day the user gave)."""
    if day == clock.today():
        return _now()
    return _utc(datetime.combine(day, time(12, 0), clock.local_zone()))


def local_day(at: str) -> date:
    """The Danish calendar day of a stored event time (UTC)."""
    return datetime.fromisoformat(at).replace(tzinfo=timezone.utc).astimezone(clock.local_zone()).date()


def _check_day(day: date, today: date, opened: date, after: date | None = None) -> None:
    if day > today:
        raise UserError("ticket.date_in_future", date=day.strftime("%d.%m.%Y"))
    if day < opened:
        raise UserError("ticket.before_opened", date=day.strftime("%d.%m.%Y"), opened=opened.strftime("%d.%m.%Y"))
    if after is not None and day < after:
        raise UserError("ticket.before_sent", date=day.strftime("%d.%m.%Y"), sent=after.strftime("%d.%m.%Y"))


def _text(value: str | None, limit: int, required: bool = False) -> str | None:
    text = clean(value, limit, long_text=limit > 1000)
    if required and not text:
        raise UserError("task.required", field=t("task.field.title"))
    return text


@dataclass(frozen=True)
class TicketDraft:
    title: str
    category: str = "spoergsmaal"
    priority: str = "normal"
    description: str | None = None
    reporter_id: int | None = None
    reporter_name: str | None = None
    reporter_org: str | None = None
    assignee_id: int | None = None


def create(conn: sqlite3.Connection, d: TicketDraft, today: date, author_id: int | None = None) -> tuple[int, str]:
    """Insert a ticket with the next number of the year. The write lock is taken first
    (BEGIN IMMEDIATE), so two processes never get the same number and none is skipped."""
    if d.category not in CATEGORIES or d.priority not in PRIORITIES:
        raise UserError("ticket.bad_category", text=d.category, options=", ".join(CATEGORIES))
    title = _text(d.title, 300, required=True)
    with transaction(conn):
        seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM ticket WHERE year = ?", (today.year,)).fetchone()[0]
        tid = conn.execute(
            "INSERT INTO ticket (year, seq, title, description, reporter_id, reporter_name, reporter_org, category,"
            " priority, status, assignee_id, opened_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?)",
            (today.year, seq, title, _text(d.description, 10_000), d.reporter_id, _text(d.reporter_name, 200),
             _text(d.reporter_org, 200), d.category, d.priority, d.assignee_id or author_id,
             today.isoformat())).lastrowid
        conn.execute("INSERT INTO ticket_event (ticket_id, at, author_id, kind, new_status) VALUES (?, ?, ?, 'created',"
                     " 'new')", (tid, _at(today), author_id))
    return tid, number(today.year, seq)


def _status(conn: sqlite3.Connection, ticket_id: int) -> str:
    row = conn.execute("SELECT status FROM ticket WHERE id = ?", (ticket_id,)).fetchone()
    if row is None:
        raise UserError("ticket.gone")
    return row[0]


def change_status(conn: sqlite3.Connection, ticket_id: int, new: str, today: date, author_id: int | None = None,
                  comment: str | None = None, on: date | None = None) -> None:
    """Change the status on ``on`` (the day the user gives; default today): not before the ticket
    was opened, not before it was sent when it comes back from the supplier, not after today."""
    on = on or today
    with transaction(conn):
        old = _status(conn, ticket_id)
        if new not in TRANSITIONS[old]:
            raise UserError("ticket.bad_transition", old=t(f"ticket.status.{old}"), new=t(f"ticket.status.{new}"))
        opened, sent = conn.execute("SELECT opened_on, sent_to_supplier FROM ticket WHERE id = ?",
                                    (ticket_id,)).fetchone()
        _check_day(on, today, date.fromisoformat(opened),
                   date.fromisoformat(sent) if sent and old == "with_supplier" else None)
        closed = on.isoformat() if new == "closed" else None
        conn.execute("UPDATE ticket SET status = ?, closed_on = ? WHERE id = ?", (new, closed, ticket_id))
        conn.execute("INSERT INTO ticket_event (ticket_id, at, author_id, kind, old_status, new_status, text)"
                     " VALUES (?, ?, ?, 'status', ?, ?, ?)", (ticket_id, _at(on), author_id, old, new,
                                                             _text(comment, 10_000)))


def forward(conn: sqlite3.Connection, ticket_id: int, supplier_ref: str, sent_on: date, promised_on: date | None,
            author_id: int | None = None, today: date | None = None) -> None:
    """Send to Dansk Telemedicin: their case reference, date sent (not before the ticket was
    opened, not after today), promised answer date."""
    today = today or clock.today()
    ref = _text(supplier_ref, 100)
    if not ref:
        raise UserError("ticket.ref_required")
    if promised_on is not None and promised_on < sent_on:
        raise UserError("ticket.promise_before_sent")
    with transaction(conn):
        old = _status(conn, ticket_id)
        if "with_supplier" not in TRANSITIONS[old] and old != "with_supplier":
            raise UserError("ticket.bad_transition", old=t(f"ticket.status.{old}"),
                              new=t("ticket.status.with_supplier"))
        opened = conn.execute("SELECT opened_on FROM ticket WHERE id = ?", (ticket_id,)).fetchone()[0]
        _check_day(sent_on, today, date.fromisoformat(opened))
        conn.execute("UPDATE ticket SET status = 'with_supplier', supplier_ref = ?, sent_to_supplier = ?,"
                     " promised_on = ?, closed_on = NULL WHERE id = ?",
                     (ref, sent_on.isoformat(), promised_on.isoformat() if promised_on else None, ticket_id))
        conn.execute("INSERT INTO ticket_event (ticket_id, at, author_id, kind, old_status, new_status, text)"
                     " VALUES (?, ?, ?, 'forwarded', ?, 'with_supplier', ?)",
                     (ticket_id, _at(sent_on), author_id, old, t("ticket.forward_text", ref=ref)))


def comment(conn: sqlite3.Connection, ticket_id: int, text: str, author_id: int | None = None) -> None:
    body = _text(text, 10_000)
    if not body:
        raise UserError("ticket.comment_required")
    with transaction(conn):
        _status(conn, ticket_id)
        conn.execute("INSERT INTO ticket_event (ticket_id, at, author_id, kind, text) VALUES (?, ?, ?, 'comment', ?)",
                     (ticket_id, _now(), author_id, body))


@dataclass(frozen=True)
class TicketRow:
    id: int
    number: str
    title: str
    description: str | None
    category: str
    priority: str
    status: str
    reporter: str
    opened: date
    closed: date | None
    supplier_ref: str | None
    sent: date | None
    promised: date | None
    assignee: str | None
    minutes: int

    def days_with_supplier(self, today: date) -> int | None:
        return (today - self.sent).days if self.status == "with_supplier" and self.sent else None

    def promise_passed(self, today: date) -> bool:
        return self.status == "with_supplier" and self.promised is not None and self.promised < today


_SELECT = """
SELECT tk.id, tk.year, tk.seq, tk.title, tk.description, tk.category, tk.priority, tk.status,
       coalesce(p.name, tk.reporter_name || coalesce(' (' || tk.reporter_org || ')', ''), ''),
       tk.opened_on, tk.closed_on, tk.supplier_ref, tk.sent_to_supplier, tk.promised_on, a.name,
       (SELECT coalesce(sum(minutes), 0) FROM time_entry te WHERE te.ticket_id = tk.id)
  FROM ticket tk LEFT JOIN person p ON p.id = tk.reporter_id LEFT JOIN person a ON a.id = tk.assignee_id
"""


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _row(r) -> TicketRow:
    return TicketRow(r[0], number(r[1], r[2]), r[3], r[4], r[5], r[6], r[7], r[8], _d(r[9]), _d(r[10]), r[11],
                     _d(r[12]), _d(r[13]), r[14], r[15])


def get(conn: sqlite3.Connection, ticket_id: int) -> TicketRow:
    row = conn.execute(_SELECT + " WHERE tk.id = ?", (ticket_id,)).fetchone()
    if row is None:
        raise UserError("ticket.gone")
    return _row(row)


def list_tickets(conn: sqlite3.Connection, status: str | None = None, text: str = "", sort: str = "age",
                 include_closed: bool = True, limit: int = 500) -> list[TicketRow]:
    where, params = ["1"], []
    if status:
        where.append("tk.status = ?")
        params.append(status)
    elif not include_closed:
        where.append("tk.status NOT IN ('resolved', 'closed')")
    if text.strip():
        needle = fold(text.strip())
        cats = [c for c in CATEGORIES if needle in fold(t(f"category.{c}"))] or ["-"]
        stats = [x for x in STATUSES if needle in fold(t(f"ticket.status.{x}"))] or ["-"]
        where.append("(fold(tk.year || '-' || printf('%04d', tk.seq) || ' ' || tk.title || ' ' || coalesce(p.name, '')"
                     " || ' ' || coalesce(tk.reporter_name, '') || ' ' || coalesce(tk.reporter_org, '') || ' '"
                     " || coalesce(tk.supplier_ref, '')) LIKE '%' || ? || '%'"
                     f" OR tk.category IN ({','.join('?' * len(cats))}) OR tk.status IN ({','.join('?' * len(stats))}))")
        params += [needle, *cats, *stats]
    order = {"age": "tk.opened_on, tk.id",
             "priority": "CASE tk.priority WHEN 'kritisk' THEN 0 WHEN 'hoej' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END,"
                         " tk.opened_on"}[sort]
    sql = _SELECT + f" WHERE {' AND '.join(where)} ORDER BY {order} LIMIT {int(limit)}"
    return [_row(r) for r in conn.execute(sql, params)]


@dataclass(frozen=True)
class Event:
    at: str
    author: str | None
    kind: str
    old_status: str | None
    new_status: str | None
    text: str | None


def timeline(conn: sqlite3.Connection, ticket_id: int) -> list[Event]:
    return [Event(*r) for r in conn.execute(
        "SELECT e.at, p.name, e.kind, e.old_status, e.new_status, e.text FROM ticket_event e"
        " LEFT JOIN person p ON p.id = e.author_id WHERE e.ticket_id = ? ORDER BY e.at, e.id", (ticket_id,))]


def task_of(conn: sqlite3.Connection, ticket_id: int) -> tuple[int, str] | None:
    """The task (id, title) already made from the ticket, if any."""
    row = conn.execute("SELECT id, title FROM task WHERE ticket_id = ? ORDER BY id LIMIT 1", (ticket_id,)).fetchone()
    return (row[0], row[1]) if row else None


def to_task(conn: sqlite3.Connection, ticket_id: int) -> int:
    """A feedback or ønske ticket becomes a development task (FG2) linked to it; once."""
    with transaction(conn):
        if (existing := task_of(conn, ticket_id)) is not None:
            raise UserError("ticket.task_exists", id=existing[0], title=existing[1])
        row = conn.execute("SELECT year, seq, title, description, category FROM ticket WHERE id = ?",
                           (ticket_id,)).fetchone()
        if row is None:
            raise UserError("ticket.gone")
        if row[4] not in TASKABLE:
            raise UserError("ticket.not_taskable")
        area = conn.execute("SELECT id FROM task_area WHERE code = 'FG2'").fetchone()[0]
        task = conn.execute("INSERT INTO task (area_id, title, description, ticket_id) VALUES (?, ?, ?, ?)",
                            (area, f"{row[2]} ({number(row[0], row[1])})", row[3], ticket_id)).lastrowid
        conn.execute("INSERT INTO ticket_event (ticket_id, at, kind, text) VALUES (?, ?, 'comment', ?)",
                     (ticket_id, _now(), t("ticket.task_made", id=task)))
    return task


def supplier_summary(conn: sqlite3.Connection, today: date) -> tuple[int, list[TicketRow]]:
    """Open tickets, and those with the supplier longest first (the dashboard)."""
    open_count = conn.execute("SELECT count(*) FROM ticket WHERE status NOT IN ('resolved', 'closed')").fetchone()[0]
    with_supplier = sorted(list_tickets(conn, "with_supplier"), key=lambda r: r.sent or today)
    return open_count, with_supplier

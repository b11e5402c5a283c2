"""What the dashboard (and the first ``l`` on a new database) reads beside the budgets, the
tickets and the rotation."""

from __future__ import annotations

from datetime import date

from sqlalchemy import exists
from sqlmodel import select

from logbog_tui.storage.db import Connection
from logbog_tui.storage.models import Meeting, Person
from logbog_tui.storage.session import reading


def register_empty(conn: Connection) -> bool:
    """Whether nobody is in the register yet (a new database: the first steps are shown)."""
    with reading(conn) as session:
        return not session.exec(select(exists().where(Person.id.is_not(None)))).one()


def meeting_place(conn: Connection, day: date) -> str | None:
    """Where the follow-up group meets on ``day`` (the first meeting that day not cancelled)."""
    with reading(conn) as session:
        return session.exec(select(Meeting.place).where(Meeting.body_code == "folgegruppe", Meeting.date == day,
                                                        Meeting.status != "cancelled")
                            .order_by(Meeting.id).limit(1)).first()

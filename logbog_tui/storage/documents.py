"""PL3: guides and information material for the users (issue 19): title, audience
(uddannelseslæger, vejledere, administratorer, or all), version, published, owner, the next review
date, a link; and each review, for the annual report. A passed review date is a warning."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated, Any, cast

from pydantic import BeforeValidator, field_validator
from sqlalchemy import collate, func
from sqlalchemy import select as sql_select
from sqlmodel import col, select

from logbog_tui.errors import UserError
from logbog_tui.i18n import t
from logbog_tui.service import Message
from logbog_tui.service import registers as rules
from logbog_tui.storage.db import Connection, fold
from logbog_tui.storage.inputs import Input, refuse
from logbog_tui.storage.models import Document, DocumentReview
from logbog_tui.storage.registers import Link, Note, Owner, RegisterDate, Title, Version, given_date
from logbog_tui.storage.session import reading, transaction
from logbog_tui.service.record import Record

AUDIENCES = ("trainees", "supervisors", "administrators", "all")


class DocumentRow(Record):
    id: int
    title: str
    audience: str
    version: str | None
    published: date | None
    owner: str | None
    review_on: date | None
    link: str | None
    note: str | None
    last_reviewed: date | None

    def due(self, today: date) -> bool:
        return rules.review_due(self.review_on, today)


def list_documents(conn: Connection, today: date, due_only: bool = False) -> list[DocumentRow]:
    """The documents by next review date (none last), then title; ``due_only``: those whose review
    date has passed."""
    last = (select(func.max(col(DocumentReview.reviewed_on))).where(col(DocumentReview.document_id) == col(Document.id))
            .correlate(Document).scalar_subquery())
    # more columns than sqlmodel's select() has typed overloads for
    query = (sql_select(col(Document.id), col(Document.title), col(Document.audience), col(Document.version),
                        col(Document.published), col(Document.owner), col(Document.review_on), col(Document.link),
                        col(Document.note), last)
             .order_by(col(Document.review_on).is_(None), col(Document.review_on), collate(col(Document.title), "da")))
    if due_only:
        query = query.where(col(Document.review_on) < today)
    with reading(conn) as session:
        return [DocumentRow(*r) for r in session.execute(query)]


def get(conn: Connection, document_id: int) -> DocumentRow:
    found = [r for r in list_documents(conn, date.max) if r.id == document_id]
    if not found:
        raise UserError("reg.no_such_document", id=document_id)
    return found[0]


def audience_code(typed: str) -> str:
    """An audience by code or by its name in either language (``vejledere``, ``supervisors``,
    ``alle``)."""
    from logbog_tui.i18n import t_every

    wanted = fold(typed.strip())
    for code in AUDIENCES:
        words = t_every(f"reg.audience.{code}")  # "alle brugere" is "alle" too
        if wanted == code or wanted in {fold(w) for w in words} | {fold(w.split()[0]) for w in words}:
            return code
    raise UserError("reg.bad_audience", text=typed.strip(),
                    options=", ".join(t(f"reg.audience.{c}") for c in AUDIENCES))


class DocumentDraft(Input):
    """A document as the form or ``logbog document add`` hands it in."""

    title: Title
    audience: str
    version: Version = None
    published: RegisterDate = None
    owner: Owner = None
    review_on: RegisterDate = None
    link: Link = None
    note: Note = None

    @field_validator("audience", mode="before")
    @classmethod
    def _audience(cls, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            refuse("task.required", label=Message("reg.field.audience"))
        try:
            return audience_code(value)
        except UserError as exc:
            refuse(exc.note.key, **exc.note.params)


class ReviewDraft(Input):
    """A review: the day it was done (required) and the next review date (blank: a year later)."""

    reviewed_on: Annotated[date, BeforeValidator(partial(given_date, label="reg.field.reviewed_on"))]
    review_on: RegisterDate = None
    note: Note = None


def add(conn: Connection, draft: DocumentDraft) -> int:
    with transaction(conn) as session:
        row = Document(**draft.model_dump())
        session.add(row)
        session.flush()
        return cast(int, row.id)


def update(conn: Connection, document_id: int, draft: DocumentDraft) -> None:
    with transaction(conn) as session:
        row = session.get(Document, document_id)
        if row is None:
            raise UserError("reg.no_such_document", id=document_id)
        row.sqlmodel_update(draft.model_dump())


def review(conn: Connection, document_id: int, draft: ReviewDraft) -> date:
    """Record a review; the next review date becomes the one given, else a year after the review.
    Returns the next review date."""
    following = draft.review_on or rules.next_review(draft.reviewed_on)
    with transaction(conn) as session:
        row = session.get(Document, document_id)
        if row is None:
            raise UserError("reg.no_such_document", id=document_id)
        session.add(DocumentReview(document_id=document_id, reviewed_on=draft.reviewed_on, note=draft.note))
        row.review_on = following
    return following


def warnings(conn: Connection, today: date) -> list[Message]:
    """A document whose review date has passed."""
    return [Message("reg.warn.review_due", {"title": r.title, "date": r.review_on})
            for r in list_documents(conn, today, due_only=True)]

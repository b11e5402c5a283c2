"""PL7: the formal and contractual rules of logbog.net (issue 19): contracts and agreements (the
supplier contract with Dansk Telemedicin, the data processing agreement, others) with party,
signed, runs from/to, notice period, renewal, owner, reference and the contract that succeeds it.
Warnings: a notice deadline within 90 days; a contract that ended without a successor."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated, Any, Optional, cast

from pydantic import BeforeValidator
from sqlalchemy import collate
from sqlalchemy import update as sql_update
from sqlmodel import col, select

from logbog_tui.errors import UserError
from logbog_tui.service import Message
from logbog_tui.service import registers as rules
from logbog_tui.storage.db import Connection
from logbog_tui.storage.inputs import Input, Invalid, refuse
from logbog_tui.storage.models import Contract
from logbog_tui.storage.registers import MAX_NAME, Note, Owner, RegisterDate, Title, ToDate, given_text, text
from logbog_tui.storage.session import reading, transaction
from logbog_tui.service.record import Record


class ContractRow(Record):
    contract: Contract
    term: rules.Term

    @property
    def id(self) -> int:
        return cast(int, self.contract.id)

    def notice_soon(self, today: date) -> bool:
        return rules.notice_soon(self.term, today)

    def lacks_successor(self) -> bool:
        return self.term.ended and self.contract.successor_id is None and self.contract.needs_successor


def list_contracts(conn: Connection, today: date) -> list[ContractRow]:
    """Every contract, running ones first (by the end of their term), then those that ended."""
    with reading(conn) as session:
        found = session.exec(select(Contract).order_by(collate(col(Contract.title), "da"))).all()
    rows = [ContractRow(c, rules.term(c.valid_to, c.renewal_months, c.notice_months, today)) for c in found]
    return sorted(rows, key=lambda r: (r.term.ended, r.term.end is None, r.term.end or date.max))


def get(conn: Connection, contract_id: int, today: date) -> ContractRow:
    with reading(conn) as session:
        c = session.get(Contract, contract_id)
    if c is None:
        raise UserError("reg.no_such_contract", id=contract_id)
    return ContractRow(c, rules.term(c.valid_to, c.renewal_months, c.notice_months, today))


def _months(value: Any, low: int, label: str) -> int | None:
    if value is None or isinstance(value, int):
        return value
    typed = str(value).strip()
    if not typed:
        return None
    if not typed.isascii() or not typed.isdigit() or not low <= int(typed) <= 120:
        refuse("reg.bad_months", text=typed[:40], low=low, label=Message(label))
    return int(typed)


class ContractDraft(Input):
    """A contract as the form or ``logbog contract add`` hands it in; months as whole numbers."""

    title: Title
    party: Annotated[str, BeforeValidator(partial(given_text, limit=MAX_NAME, label="reg.field.party"))]
    signed: RegisterDate = None
    valid_from: RegisterDate = None
    valid_to: ToDate = None
    notice_months: Annotated[Optional[int], BeforeValidator(partial(_months, low=0, label="reg.field.notice"))] = None
    renewal_months: Annotated[Optional[int], BeforeValidator(partial(_months, low=1, label="reg.field.renewal"))] = None
    owner: Owner = None
    reference: Annotated[Optional[str], BeforeValidator(partial(text, limit=MAX_NAME,
                                                                label="reg.field.reference"))] = None
    needs_successor: bool = True
    note: Note = None


def add(conn: Connection, draft: ContractDraft, successor_of: int | None = None) -> int:
    """Add a contract; with ``successor_of``, it is the successor of that contract."""
    with transaction(conn) as session:
        if successor_of is not None and session.get(Contract, successor_of) is None:
            raise UserError("reg.no_such_contract", id=successor_of)
        row = Contract(**draft.model_dump())
        session.add(row)
        session.flush()
        if successor_of is not None:
            session.execute(sql_update(Contract).where(col(Contract.id) == successor_of).values(successor_id=row.id))
        return cast(int, row.id)


def update(conn: Connection, contract_id: int, draft: ContractDraft, successor: int | None = None,
           keep_successor: bool = True) -> None:
    with transaction(conn) as session:
        row = session.get(Contract, contract_id)
        if row is None:
            raise UserError("reg.no_such_contract", id=contract_id)
        values = draft.model_dump()
        if not keep_successor:
            if successor is not None and (successor == contract_id or session.get(Contract, successor) is None):
                raise Invalid({"successor": Message("reg.no_such_contract", {"id": successor})})
            values["successor_id"] = successor
        row.sqlmodel_update(values)


def warnings(conn: Connection, today: date) -> list[Message]:
    """A notice deadline within 90 days; a contract that ended without a successor (unless it was
    marked as needing none)."""
    rows = list_contracts(conn, today)
    out = [Message("reg.warn.notice", {"title": r.contract.title, "date": r.term.notice_by,
                                       "days": (cast(date, r.term.notice_by) - today).days})
           for r in rows if r.notice_soon(today)]
    out += [Message("reg.warn.no_successor", {"title": r.contract.title, "date": r.term.end})
            for r in rows if r.lacks_successor()]
    return out

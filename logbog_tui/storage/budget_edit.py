"""Changing a year's budgets (the input model of the budget form, the write), and what the
change would do to the statuses shown."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import field_validator
from sqlalchemy import exists
from sqlmodel import col, select

from logbog_tui.storage import queries
from logbog_tui.storage.db import Connection
from logbog_tui.storage.inputs import Input, refuse_as
from logbog_tui.storage.models import Budget, TimeEntry
from logbog_tui.storage.session import reading, transaction
from logbog_tui.i18n import fmt_hours, t
from logbog_tui.overview import budget_overview
from logbog_tui.service import Problem
from logbog_tui.service.budget import as_of_for, prorated, status
from logbog_tui.service.parse import parse_budget_hours

LEADERSHIP, MEMBER = "projektledelse", "folgegruppe_member"


class BudgetInput(Input):
    """A year's budgets as the budget form hands them in (``1.350``, ``74,5``): project
    leadership (``pl``) and each follow-up group member (``member``), in hours."""

    pl: float
    member: float

    @field_validator("pl", "member", mode="before")
    @classmethod
    def _hours(cls, value: Any) -> float:
        try:
            return parse_budget_hours(value) if isinstance(value, str) else value
        except Problem as p:
            refuse_as(p)


def current(conn: Connection, year: int) -> tuple[float, float]:
    return queries.budget_hours(conn, year, LEADERSHIP), queries.budget_hours(conn, year, MEMBER)


def has_entries(conn: Connection, year: int) -> bool:
    with reading(conn) as session:
        return bool(session.exec(select(exists().where(col(TimeEntry.date).between(date(year, 1, 1),
                                                                                   date(year, 12, 31))))).one())


def effect(conn: Connection, year: int, today: date, leadership: float, member: float) -> list[str]:
    """Lines describing the change: budgets old -> new, and every status that would change."""
    old_pl, old_member = current(conn, year)
    ov = budget_overview(conn, year, as_of_for(year, today))
    th = queries.thresholds(conn)
    lines = [t("budget.change_leadership", old=fmt_hours(old_pl), new=fmt_hours(leadership)),
             t("budget.change_member", old=fmt_hours(old_member), new=fmt_hours(member))]
    changes = []
    pl = ov.leadership
    new_state = status(pl.used, leadership, th)
    if new_state != pl.status:
        changes.append(t("budget.status_change", label=t("budget.leadership"), old=t(f"status.{pl.status}"),
                         new=t(f"status.{new_state}")))
    for m in ov.members:
        new_state = status(m.used, prorated(member, m.days, year), th)
        if new_state != m.status:
            changes.append(t("budget.status_change", label=m.person, old=t(f"status.{m.status}"),
                             new=t(f"status.{new_state}")))
    return lines + (changes or [t("budget.no_status_change")])


def set_budgets(conn: Connection, year: int, leadership: float, member: float) -> None:
    with transaction(conn) as session:
        for scope, hours in ((LEADERSHIP, leadership), (MEMBER, member)):
            budget = session.get(Budget, (year, scope))
            if budget is None:
                session.add(Budget(year=year, scope=scope, hours=hours))
            else:
                budget.hours = hours

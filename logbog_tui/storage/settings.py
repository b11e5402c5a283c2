"""The settings a user may change (``logbog setting``): the extra days off, the organisation's
start (the earliest date of hours and meetings), and the budget thresholds. Each is checked
before it is written, in one short transaction."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from datetime import date
from typing import Any

from pydantic import ValidationInfo, field_validator

from logbog_tui.storage import queries
from logbog_tui.storage.db import Connection
from logbog_tui.storage.inputs import Input, refuse
from logbog_tui.storage.models import Setting
from logbog_tui.storage.session import transaction
from logbog_tui.errors import RefusedDatabase, UserError
from logbog_tui.i18n import fmt_date, fmt_hours, t
from logbog_tui.service import Problem
from logbog_tui.service.parse import parse_date
from logbog_tui.service.workdays import parse_days_off

EDITABLE = ("extra_days_off", "org_start", "budget_warn", "budget_over", "papers_invitation_days",
            "papers_agenda_days", "papers_minutes_days")
# meeting papers (issue 23): days before a meeting the invitation and the agenda go out, after it the minutes
PAPER_DAYS = {"papers_invitation_days": "28", "papers_agenda_days": "7", "papers_minutes_days": "14"}


def shown(conn: Connection) -> dict[str, str]:
    """Every editable setting as the user would type it; a stored value that breaks its rule is
    shown as it is, marked, so that ``logbog setting`` still lists them (and one can be mended)."""
    readers: dict[str, Callable[[], str]] = {
        "extra_days_off": lambda: queries.days_off(conn).text(),
        "org_start": lambda: fmt_date(queries.org_start(conn)),
        "budget_warn": lambda: _percent(float(queries.setting(conn, "budget_warn", "0.8") or 0.8)),
        "budget_over": lambda: _percent(float(queries.setting(conn, "budget_over", "1.0") or 1.0))}
    for key in PAPER_DAYS:
        readers[key] = partial(_days, conn, key)
    out = {}
    for key, read in readers.items():
        try:
            out[key] = read()
        except RefusedDatabase:
            out[key] = t("setting.shown_invalid", value=queries.raw_setting(conn, key))
    return out


def _days(conn: Connection, key: str) -> str:
    return queries.setting(conn, key, PAPER_DAYS[key]) or PAPER_DAYS[key]


def _percent(fraction: float) -> str:
    return t("setting.percent", value=fmt_hours(fraction * 100, unit=False))  # 80,5 % in Danish


def _fraction(text: str) -> str:
    raw = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        refuse("setting.bad_percent", text=text.strip())
    if not 1 <= value <= 1000:
        refuse("setting.bad_percent", text=text.strip())
    return f"{value / 100:g}"


class SettingInput(Input):
    """A setting as ``logbog setting KEY VALUE`` hands it in: a setting one may change, and a value
    by its rule (days off as ``24.12,31.12``; a start date not after ``today``; a threshold in per
    cent, 1-1000). ``value`` is then the text to store."""

    key: str
    today: date
    value: str

    @field_validator("key")
    @classmethod
    def _known(cls, key: str) -> str:
        if key not in EDITABLE:
            refuse("setting.unknown", name=key, keys=", ".join(EDITABLE))
        return key

    @field_validator("value")
    @classmethod
    def _stored(cls, text: str, info: ValidationInfo) -> Any:
        key, today = info.data.get("key"), info.data.get("today")
        if key is None or today is None:
            return text  # refused under its own field
        if key in PAPER_DAYS:
            days = text.strip()
            if not days.isdigit() or not 0 <= int(days) <= 365:
                refuse("setting.bad_days", text=days)
            return str(int(days))
        try:
            if key == "extra_days_off":
                return ",".join(f"{d:02d}.{m:02d}" for m, d in parse_days_off(text).days)
            if key == "org_start":
                start = parse_date(text, today)
                if start > today:  # it would refuse every hour logged until then
                    refuse("setting.org_start_future", date=fmt_date(start))
                return start.isoformat()
        except Problem as p:
            refuse(p.key, **p.params)
        return _fraction(text)


def change(conn: Connection, key: str, text: str, today: date) -> str:
    """Check ``text`` for ``key`` and store it; returns the value as shown."""
    value = SettingInput.check({"key": key, "today": today, "value": text}).value
    with transaction(conn) as session:
        if key in ("budget_warn", "budget_over"):
            other = "budget_over" if key == "budget_warn" else "budget_warn"
            default = "1.0" if other == "budget_over" else "0.8"
            other_value = float(queries.setting(conn, other, default) or default)
            warn, over = (float(value), other_value) if key == "budget_warn" else (other_value, float(value))
            if warn > over:
                raise UserError("setting.warn_above_over", field="value")
        session.merge(Setting(key=key, value=value))
    return shown(conn)[key]


def remember_theme(conn: Connection, theme: str) -> None:
    """Keep the TUI's theme for the next start (not an undoable change: the journal skips it)."""
    with transaction(conn) as session:
        setting = session.get(Setting, "theme")
        if setting is None:
            session.add(Setting(key="theme", value=theme))
        else:
            setting.value = theme

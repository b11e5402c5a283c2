"""The settings a user may change (``logbog setting``): the extra days off, the organisation's
start (the earliest date of hours and meetings), and the budget thresholds. Each is checked
before it is written, in one short transaction."""

from __future__ import annotations

import sqlite3
from datetime import date

from logbog_tui.storage import queries
from logbog_tui.storage.session import transaction
from logbog_tui.errors import RefusedDatabase, UserError
from logbog_tui.i18n import fmt_date, fmt_hours, t
from logbog_tui.service import Problem
from logbog_tui.service.parse import parse_date
from logbog_tui.service.workdays import parse_days_off

EDITABLE = ("extra_days_off", "org_start", "budget_warn", "budget_over")


def shown(conn: sqlite3.Connection) -> dict[str, str]:
    """Every editable setting as the user would type it; a stored value that breaks its rule is
    shown as it is, marked, so that ``logbog setting`` still lists them (and one can be mended)."""
    readers = {"extra_days_off": lambda: queries.days_off(conn).text(),
               "org_start": lambda: fmt_date(queries.org_start(conn)),
               "budget_warn": lambda: _percent(float(queries.setting(conn, "budget_warn", "0.8"))),
               "budget_over": lambda: _percent(float(queries.setting(conn, "budget_over", "1.0")))}
    out = {}
    for key, read in readers.items():
        try:
            out[key] = read()
        except RefusedDatabase:
            out[key] = t("setting.shown_invalid", value=queries.raw_setting(conn, key))
    return out


def _percent(fraction: float) -> str:
    return t("setting.percent", value=fmt_hours(fraction * 100, unit=False))  # 80,5 % in Danish


def _fraction(text: str) -> str:
    raw = text.strip().rstrip("%").strip().replace(",", ".")
    try:
        value = float(raw)
    except ValueError:
        raise UserError("setting.bad_percent", text=text.strip()) from None
    if not 1 <= value <= 1000:
        raise UserError("setting.bad_percent", text=text.strip())
    return f"{value / 100:g}"


def change(conn: sqlite3.Connection, key: str, text: str, today: date) -> str:
    """Check ``text`` for ``key`` and store it; returns the value as shown."""
    if key not in EDITABLE:
        raise UserError("setting.unknown", name=key, keys=", ".join(EDITABLE))
    try:
        if key == "extra_days_off":
            value = ",".join(f"{d:02d}.{m:02d}" for m, d in parse_days_off(text).days)
        elif key == "org_start":
            start = parse_date(text, today)
            if start > today:  # it would refuse every hour logged until then
                raise UserError("setting.org_start_future", date=fmt_date(start))
            value = start.isoformat()
        else:
            value = _fraction(text)
    except Problem as p:
        raise UserError(p.key, **p.params) from None
    with transaction(conn):
        if key in ("budget_warn", "budget_over"):
            other = "budget_over" if key == "budget_warn" else "budget_warn"
            other_value = float(queries.setting(conn, other, "1.0" if other == "budget_over" else "0.8"))
            warn, over = (float(value), other_value) if key == "budget_warn" else (other_value, float(value))
            if warn > over:
                raise UserError("setting.warn_above_over")
        conn.execute("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value ="
                     " excluded.value", (key, value))
    return shown(conn)[key]


def remember_theme(conn: sqlite3.Connection, theme: str) -> None:
    """Keep the TUI's theme for the next start (not an undoable change: the journal skips it)."""
    from logbog_tui.storage.models import Setting

    with transaction(conn) as session:
        setting = session.get(Setting, "theme")
        if setting is None:
            session.add(Setting(key="theme", value=theme))
        else:
            setting.value = theme

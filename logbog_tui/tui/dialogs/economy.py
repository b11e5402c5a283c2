"""The Economy screen's dialogs (issue 20): a budget line, a posting, the year's distribution key
and the hour rate. Every dialog fits 80x24; a bad field's message stands under it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction
from typing import TypeVar

from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t
from logbog_tui.service import economy as money
from logbog_tui.service import Problem
from logbog_tui.service.parse import parse_date
from logbog_tui.storage import economy
from logbog_tui.tui.dialogs.form import Field, FieldErrors, FormDialog

T = TypeVar("T")


def _field(name: str, parse: Callable[[], T]) -> T:
    """``parse()``, with a refusal shown under the field ``name``."""
    try:
        return parse()
    except UserError as exc:
        raise FieldErrors({name: exc.message}) from None


def line_dialog(conn, year: int) -> FormDialog:
    kinds = tuple((t(f"econ.kind.{k}"), k) for k in money.KINDS)

    def save(v: dict) -> int:
        budget = _field("budget", lambda: money.parse_amount(v["budget"] or ""))
        profile = _field("profile", lambda: money.parse_profile(v["profile"] or ""))
        if not v["kind"]:
            raise FieldErrors({"kind": t("econ.choose_kind")})
        try:
            return economy.add_line(conn, year, v["kind"], v["name"] or "", budget, profile)
        except UserError as exc:
            raise FieldErrors({exc.field or "name": exc.message}) from None

    fields = [Field("kind", t("econ.col.kind"), "supplier", options=kinds),
              Field("name", t("econ.field.name")),
              Field("budget", t("econ.field.budget"), placeholder="1.234.567"),
              Field("profile", t("econ.field.profile"), placeholder=t("econ.profile_placeholder"))]
    return FormDialog(t("econ.line_title", year=year), fields, save)


def edit_line_dialog(conn, line_id: int) -> FormDialog:
    (line,) = economy.lines_by_id(conn, [line_id])

    def save(v: dict) -> int:
        budget = _field("budget", lambda: money.parse_amount(v["budget"] or ""))
        profile = _field("profile", lambda: money.parse_profile(v["profile"] or ""))
        try:
            economy.update_line(conn, line_id, v["name"] or "", budget, profile)
        except UserError as exc:
            raise FieldErrors({exc.field or "name": exc.message}) from None
        return line_id

    fields = [Field("name", t("econ.field.name"), line.name),
              Field("budget", t("econ.field.budget"), money.format_amount(line.budget, unit=False)),
              Field("profile", t("econ.field.profile"), line.profile or "", placeholder=t("econ.profile_placeholder"))]
    return FormDialog(t("econ.edit_line_title", name=line.name, year=line.year), fields, save,
                      intro=t(f"econ.kind.{line.kind}"))


def posting_dialog(conn, today: date, line_id: int) -> FormDialog:
    (line,) = economy.lines_by_id(conn, [line_id])
    start = today if today.year == line.year else date(line.year, 1, 1)

    def save(v: dict) -> int:
        amount = _field("amount", lambda: money.parse_amount(v["amount"] or ""))
        try:
            day = parse_date(v["date"] or "", today)
        except Problem as p:
            raise FieldErrors({"date": t(p.key, **p.params)}) from None
        try:
            return economy.add_posting(conn, line_id, day, amount, v["supplier"], v["reference"], v["note"],
                                       v["commitment"] == "yes")
        except UserError as exc:
            raise FieldErrors({exc.field or "form": exc.message}) from None

    fields = [Field("date", t("econ.col.date"), fmt_date(start)),
              Field("amount", t("econ.field.amount"), placeholder=t("econ.amount_placeholder")),
              Field("commitment", t("econ.field.commitment"), "no",
                    options=((t("econ.posting.invoice"), "no"), (t("econ.posting.commitment"), "yes"))),
              Field("supplier", t("econ.col.supplier")),
              Field("reference", t("econ.col.ref")),
              Field("note", t("econ.field.note"))]
    return FormDialog(t("econ.posting_title", line=line.name, year=line.year), fields, save)


def key_dialog(conn, year: int) -> FormDialog:
    regions = economy.regions_in(conn, year)
    current = economy.key(conn, year)

    def save(v: dict) -> bool:
        shares: dict[str, Fraction] = {}
        for r in regions:
            shares[r.code] = _field(r.code, lambda r=r: money.parse_share(v[r.code] or ""))
        economy.set_key(conn, year, shares)
        return True

    fields = [Field(r.code, r.name, money.percent_text(current[r.code]).replace(" ", "") if r.code in current else "",
                    placeholder="31,5%") for r in regions]
    return FormDialog(t("econ.key_title", year=year), fields, save, intro=t("econ.key_intro"))


def rate_dialog(conn, year: int) -> FormDialog:
    rate, _default = economy.hour_rate(conn, year)

    def save(v: dict) -> bool:
        value = _field("rate", lambda: money.parse_amount(v["rate"] or ""))
        try:
            economy.set_hour_rate(conn, year, value)
        except UserError as exc:
            raise FieldErrors({"rate": exc.message}) from None
        return True

    return FormDialog(t("econ.rate_title", year=year), [Field("rate", t("econ.field.rate"), str(rate))], save,
                      intro=t("econ.rate_intro"))

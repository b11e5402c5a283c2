"""The member's timesheet as an xlsx workbook (openpyxl): written by ``logbog timesheet``, read
back by ``logbog import``. The layout and the hidden sheet are described in docs/data-format.md.

- The visible sheet: the member's name and seats, the budget for the year, one row per follow-up
  group area (the seed's Danish wording) and a support row that does not count, the 12 months as
  columns; the input cells (yellow) are the only unlocked cells (sheet protection without a
  password: it keeps labels from being overwritten by mistake, it is no security), with data
  validation (a decimal number 0-200); below them what logbog already holds for the member.
  Totals are formulas of ours; every text cell (a name, a seat) is a string cell, never a formula.
- The hidden sheet ``logbog`` (very hidden): the format version, the sheet's uuid, the person's id
  and name, the year, and per row its key and the figures the input cells were written with (the
  baseline that tells what the member changed).
"""

from __future__ import annotations

import io
import uuid as uuids
import zipfile
from datetime import datetime, timezone

from logbog_tui.errors import UserError
from logbog_tui.i18n import fmt_date, t
from logbog_tui.service import Message, Problem
from logbog_tui.service.import_formats import (MAX_MONTH_HOURS, SHEET_FORMAT, SUPPORT_ROW, Refusal, SheetFigures,
                                               sheet_hours)

MARK = "logbog-timesheet"
HIDDEN = "logbog"
FIRST_INPUT_ROW = 10
FIRST_BASELINE_ROW = 10  # in the hidden sheet
INPUT_FILL, RECORDED_FILL = "FFF2CC", "EDEDED"


def _text(cell, value: str) -> None:
    """A text cell that stays text ("=1+1" as a name is a name, not a formula)."""
    cell.value = value
    cell.data_type = "s"


def _seat_line(seats) -> str:
    return "; ".join(f"{label} ({fmt_date(start)}–{fmt_date(end) if end else ''})" for label, start, end in seats)


def _hours(minutes: int) -> float | int | None:
    if not minutes:
        return None
    hours = round(minutes / 60, 2)
    return int(hours) if hours == int(hours) else hours


def write(facts) -> bytes:
    """The workbook for :class:`~logbog_tui.storage.timesheet.SheetFacts`."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.workbook.protection import WorkbookProtection
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = t("timesheet.sheet", year=facts.year)
    bold = Font(bold=True)
    ws["A1"] = t("timesheet.title", year=facts.year)
    ws["A1"].font = Font(bold=True, size=14)
    labels = (("timesheet.member", facts.person), ("timesheet.seats", _seat_line(facts.seats)))
    for row, (key, value) in enumerate(labels, start=2):
        _text(ws.cell(row, 1), t(key))
        _text(ws.cell(row, 2), value)
    n = len(facts.rows)
    last_input = FIRST_INPUT_ROW + n - 1
    input_total = last_input + 1
    recorded_head = input_total + 2
    first_recorded = recorded_head + 2
    recorded_total = first_recorded + n
    counted = n - 1  # the support row is the last and does not count
    ws["A4"], ws["B4"] = t("timesheet.budget", year=facts.year), round(facts.budget, 2)
    ws["C4"] = t("timesheet.budget_note")
    ws["A5"], ws["B5"] = t("timesheet.used"), f"=O{input_total}+O{recorded_total}"
    ws["A6"], ws["B6"] = t("timesheet.left"), "=B4-B5"
    ws["A7"] = t("timesheet.how", max=MAX_MONTH_HOURS)
    for row in (4, 5, 6):
        ws.cell(row, 1).font = bold

    def block(head_row: int, first: int, values: dict, fill: str, unlocked: bool) -> None:
        ws.cell(head_row, 1, t("timesheet.col.code")).font = bold
        ws.cell(head_row, 2, t("timesheet.col.area")).font = bold
        for month in range(1, 13):
            ws.cell(head_row, 2 + month, t(f"month.{month}")[:3]).font = bold
        ws.cell(head_row, 15, t("timesheet.col.total")).font = bold
        for i, (key, code, name) in enumerate(facts.rows):
            r = first + i
            _text(ws.cell(r, 1), code if key != SUPPORT_ROW else "")
            _text(ws.cell(r, 2), name if key != SUPPORT_ROW else t("timesheet.support_row"))
            ws.cell(r, 2).alignment = Alignment(wrap_text=True, vertical="top")
            for month in range(1, 13):
                cell = ws.cell(r, 2 + month, _hours(values.get((month, key), 0)))
                cell.fill = PatternFill("solid", fgColor=fill)
                if unlocked:
                    cell.protection = Protection(locked=False)
            ws.cell(r, 15, f"=SUM(C{r}:N{r})")
        total = first + n
        ws.cell(total, 2, t("timesheet.counted_total")).font = bold
        for c in range(3, 16):
            letter = ws.cell(total, c).column_letter
            ws.cell(total, c, f"=SUM({letter}{first}:{letter}{first + counted - 1})").font = bold

    block(FIRST_INPUT_ROW - 1, FIRST_INPUT_ROW, facts.imported, INPUT_FILL, True)
    ws.cell(recorded_head, 1, t("timesheet.recorded")).font = bold
    block(recorded_head + 1, first_recorded, facts.recorded, RECORDED_FILL, False)
    check = DataValidation(type="decimal", operator="between", formula1="0", formula2=str(MAX_MONTH_HOURS),
                           allow_blank=True, showErrorMessage=True, errorStyle="stop",
                           errorTitle=t("timesheet.invalid_title"), error=t("timesheet.invalid", max=MAX_MONTH_HOURS),
                           showInputMessage=True, promptTitle=t("timesheet.prompt_title"),
                           prompt=t("timesheet.prompt", max=MAX_MONTH_HOURS))
    ws.add_data_validation(check)
    check.add(f"C{FIRST_INPUT_ROW}:N{last_input}")
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 48
    for c in range(3, 16):
        ws.column_dimensions[ws.cell(1, c).column_letter].width = 8
    ws.freeze_panes = f"C{FIRST_INPUT_ROW}"
    ws.protection.sheet = True  # no password: against mistakes, not a security measure

    hidden = wb.create_sheet(HIDDEN)
    written = datetime.now(timezone.utc)
    sheet_id = f"{written:%Y%m%dT%H%M%S%fZ}-{uuids.uuid4().hex}"  # begins with its moment: ids sort by age
    facts_rows = (("format", SHEET_FORMAT), ("uuid", sheet_id), ("person_id", facts.person_id),
                  ("person", facts.person), ("year", facts.year), ("sheet", ws.title),
                  ("written", f"{written:%Y-%m-%dT%H:%M:%SZ}"))
    _text(hidden["A1"], MARK)
    for row, (key, value) in enumerate(facts_rows, start=2):
        _text(hidden.cell(row, 1), key)
        if isinstance(value, str):
            _text(hidden.cell(row, 2), value)
        else:
            hidden.cell(row, 2, value)
    for i, (key, _code, _name) in enumerate(facts.rows):
        r = FIRST_BASELINE_ROW + i
        _text(hidden.cell(r, 1), key)
        hidden.cell(r, 2, FIRST_INPUT_ROW + i)
        for month in range(1, 13):
            hidden.cell(r, 2 + month, facts.imported.get((month, key), 0))
    hidden.sheet_state = "veryHidden"
    hidden.protection.sheet = True
    wb.security = WorkbookProtection(lockStructure=True)
    wb.calculation.fullCalcOnLoad = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read(data: bytes) -> SheetFigures:
    """The figures of a filled-in timesheet; refused (one line) when the file is not one of ours."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)  # a formula's value as last computed
        typed = load_workbook(io.BytesIO(data))  # what was typed: a formula no program computed reads as None above
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UserError("import.sheet.unreadable", error=type(exc).__name__) from None
    if HIDDEN not in wb.sheetnames or wb[HIDDEN]["A1"].value != MARK:
        raise UserError("import.sheet.not_ours")
    hidden = wb[HIDDEN]
    info = {hidden.cell(r, 1).value: hidden.cell(r, 2).value for r in range(2, 9)}
    version = info.get("format")
    if not isinstance(version, int) or version > SHEET_FORMAT:
        raise UserError("import.sheet.newer", version=version)
    try:
        ws = wb[str(info["sheet"])]
        person_id, year = int(info["person_id"]), int(info["year"])
    except (KeyError, TypeError, ValueError):
        raise UserError("import.sheet.not_ours") from None
    figures, baseline, cells, refused = {}, {}, {}, []
    r = FIRST_BASELINE_ROW
    while hidden.cell(r, 1).value:
        key, sheet_row = str(hidden.cell(r, 1).value), int(hidden.cell(r, 2).value)
        for month in range(1, 13):
            cell = ws.cell(sheet_row, 2 + month)
            cells[(month, key)] = cell.coordinate
            baseline[(month, key)] = int(hidden.cell(r, 2 + month).value or 0)
            formula = typed[ws.title].cell(sheet_row, 2 + month).value
            try:
                if cell.value is None and isinstance(formula, str) and formula.startswith("="):
                    raise Problem("import.sheet.formula_without_value", {"text": formula[:40]})
                figures[(month, key)] = sheet_hours(cell.value)
            except Problem as p:
                refused.append(Refusal(Message("import.where.cell", {"cell": cell.coordinate}), p.note))
        r += 1
    return SheetFigures(str(info["uuid"]), person_id, str(info["person"]), year, figures, baseline, cells, refused)

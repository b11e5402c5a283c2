"""The annual report's renderings.

- :func:`tables`: each section as a tidy table with stable English column names and typed values
  (codes, ISO dates, numbers): what the CSV files carry, one file per section, named by the JSON
  report's section keys.
- CSV for scripts: comma, decimal point, text as typed (control characters shown as ``\\u001b``).
  CSV for Danish Excel/LibreOffice (``excel=True``): semicolon, decimal comma, a UTF-8 BOM, and
  text that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``, tab, CR first)
  neutralised with a leading ``'`` (OWASP's advice).
- Markdown and xlsx for people: translated headings and values; in Markdown ``|`` and newlines
  are escaped and number columns right-aligned; in xlsx every text cell is a string cell, never a
  formula, numbers are numbers and dates are dates.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

from logbog_tui.i18n import fmt_date, fmt_hours, t
from logbog_tui.service.text import visible

SECTIONS = ("project_leadership", "areas", "members", "steering", "meetings", "tickets", "tickets_by_category",
            "referrals", "specialty_versions", "course_leader_changes", "documents_reviewed", "contracts",
            "economy", "economy_lines", "economy_shares",
            "development", "development_by_region", "development_delivered")
REGISTER_COLUMNS = {  # the registers' sections (issue 19): their columns, as report.annual names them
    "specialty_versions": ["specialty", "edition", "approved", "effective", "loaded", "days_to_load"],
    "course_leader_changes": ["specialty", "region", "role", "leader", "from", "to", "entered"],
    "documents_reviewed": ["document", "audience", "reviewed_on", "next_review"],
    "contracts": ["contract", "party", "signed", "from", "to", "term_end", "notice_by", "successor"],
}
ECONOMY_COLUMNS = {  # the economy's sections (issue 20): amounts in whole kroner
    "economy": ["year", "budget", "spent", "committed", "forecast", "hour_rate", "hours_value", "total", "key_missing"],
    "economy_lines": ["line_kind", "line", "budget", "spent", "committed", "remaining", "forecast", "status"],
    "economy_shares": ["region_code", "region", "share", "amount", "budget_amount"],
}
MONEY_COLUMNS = {"budget", "spent", "committed", "forecast", "hour_rate", "hours_value", "total", "remaining",
                 "amount", "budget_amount"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MD_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")

# Column -> heading (message key) for the human renderings.
HEADINGS = {
    "year": "report.field.year", "budget": "report.col.budget", "used": "report.col.used",
    "remaining": "report.col.remaining", "status": "col.status", "code": "report.col.code",
    "name": "report.col.area", "scope": "report.col.scope", "hours": "report.col.hours", "person": "col.person",
    "days_with_seat": "report.col.days", "support": "col.support", "substitutes": "col.substitutes",
    "date": "col.date", "body": "col.body", "kind": "col.kind", "host": "col.host",
    "present": "record.status.present", "substitute": "record.status.substitute", "absent": "record.status.absent",
    "opened": "report.tickets_opened", "closed": "report.tickets_closed",
    "returned_from_supplier": "report.col.returned", "median_days_at_supplier": "report.median_supplier",
    "category": "col.category", "count": "report.col.count", "title": "col.item",
    "settled_on": "report.col.settled", "decision": "col.decision",
    "specialty": "reg.col.specialty", "edition": "reg.col.edition", "approved": "reg.col.approved",
    "effective": "reg.col.effective", "loaded": "reg.col.loaded", "days_to_load": "reg.col.days_to_load",
    "region": "reg.col.region", "role": "reg.col.role", "leader": "reg.col.who", "from": "reg.col.from",
    "to": "reg.col.to", "entered": "reg.col.entered", "document": "reg.col.document", "audience": "reg.col.audience",
    "reviewed_on": "reg.field.reviewed_on", "next_review": "reg.col.next_review", "contract": "reg.col.contract",
    "party": "reg.col.party", "signed": "reg.field.signed", "term_end": "reg.col.term_end",
    "notice_by": "reg.col.notice_by", "successor": "reg.col.successor",
    "spent": "econ.col.spent", "committed": "econ.col.committed", "forecast": "econ.col.forecast",
    "hour_rate": "econ.field.rate", "hours_value": "econ.col.hours_value", "total": "econ.col.total",
    "key_missing": "econ.col.key_missing", "line_kind": "econ.col.kind", "line": "econ.col.line",
    "region_code": "econ.col.region_code", "share": "econ.col.share", "amount": "econ.col.amount",
    "budget_amount": "econ.col.budget_share",
    "ordered": "dev.report.ordered", "delivered": "dev.col.delivered_n", "asked": "dev.col.asked_n",
    "median_days_ordered_to_delivered": "dev.report.median", "open": "dev.col.open_n",
    "rejected": "dev.col.rejected_n", "id": "dev.col.id", "dev_kind": "dev.col.kind", "release": "dev.col.version",
}
SECTION_TITLES = {
    "project_leadership": "report.sheet.leadership", "areas": "report.sheet.areas",
    "members": "report.sheet.members", "steering": "report.sheet.steering", "meetings": "report.sheet.meetings",
    "tickets": "report.sheet.tickets", "tickets_by_category": "report.sheet.by_category",
    "referrals": "report.sheet.referrals", "specialty_versions": "reg.sheet.versions",
    "course_leader_changes": "reg.sheet.leaders", "documents_reviewed": "reg.sheet.documents",
    "contracts": "reg.sheet.contracts", "economy": "econ.sheet.economy", "economy_lines": "econ.sheet.lines",
    "economy_shares": "econ.sheet.shares", "development": "dev.report.sheet",
    "development_by_region": "dev.report.sheet_regions", "development_delivered": "dev.report.sheet_delivered",
}


class Kroner(int):
    """A whole-kroner amount in the human renderings: ``1.234.567`` in Markdown, a number in xlsx."""


def tables(report: dict) -> dict[str, tuple[list[str], list[list]]]:
    """Each section as (columns, rows): stable English names, typed values, codes not names."""
    pl, tk = report["project_leadership"], report["tickets"]
    return {
        "project_leadership": (["year", "budget", "used", "remaining", "status"],
                               [[report["year"], pl["budget"], pl["used"], pl["remaining"], pl["status"]]]),
        "areas": (["code", "name", "scope", "hours"],
                  [[a["code"], a["name"], a["scope"], a["hours"]] for a in report["areas"]]),
        "members": (["person", "days_with_seat", "budget", "used", "support", "substitutes", "remaining", "status"],
                    [[m["person"], m["days_with_seat"], m["budget"], m["used"], m["support"], m["substitutes"],
                      m["remaining"], m["status"]] for m in report["members"]]),
        "steering": (["person", "hours"], [[s["person"], s["hours"]] for s in report["steering"]]),
        "meetings": (["date", "body", "kind", "status", "host", "present", "substitute", "absent"],
                     [[m["date"], m["body"], m["kind"], m["status"], m["host"], m["present"], m["substitute"],
                       m["absent"]] for m in report["meetings"]]),
        "tickets": (["opened", "closed", "returned_from_supplier", "median_days_at_supplier"],
                    [[tk["opened"], tk["closed"], tk["returned_from_supplier"], tk["median_days_at_supplier"]]]),
        "tickets_by_category": (["category", "count"], [[c, n] for c, n in sorted(tk["by_category"].items())]),
        "referrals": (["date", "title", "settled_on", "decision"],
                      [[r["date"], r["title"], r["settled_on"], r["decision"]] for r in report["referrals"]]),
        **{section: (columns, [[item[c] for c in columns] for item in report.get(section, [])])
           for section, columns in REGISTER_COLUMNS.items()},
        "economy": (ECONOMY_COLUMNS["economy"], [[report["year"], *(report["economy"][c] for c in
                                                                    ECONOMY_COLUMNS["economy"][1:])]]
                    if "economy" in report else []),
        **{section: (ECONOMY_COLUMNS[section], [[item[c] for c in ECONOMY_COLUMNS[section]]
                                                for item in report.get(section, [])])
           for section in ("economy_lines", "economy_shares")},
        **_development(report.get("development")),
    }


def _development(dev: dict | None) -> dict[str, tuple[list[str], list[list]]]:
    """The development backlog's sections (issue 22)."""
    if dev is None:
        return {}
    summary = ["ordered", "delivered", "median_days_ordered_to_delivered"]
    regions = ["region", "asked", "delivered", "open", "rejected"]
    delivered = ["id", "title", "dev_kind", "release", "ordered", "delivered"]
    return {"development": (summary, [[dev[c] for c in summary]]),
            "development_by_region": (regions, [[r[c] for c in regions] for r in dev["by_region"]]),
            "development_delivered": (delivered, [[i[c] for c in delivered] for i in dev["delivered_items"]])}


# --- for people: translated -------------------------------------------------------------------

def _shown_value(section: str, column: str, value: object) -> object:
    """Codes as the reader's words (status, body, kind, category); text with control characters
    escaped; numbers and dates as they are."""
    if section.startswith("economy"):
        if column in MONEY_COLUMNS and isinstance(value, int):
            return Kroner(value)
        if column == "key_missing":
            return t("econ.yes") if value else t("econ.no")
        if column == "line_kind":
            return t(f"econ.kind.{value}")
        if column == "status":
            return t(f"econ.status.{value}")
        if column == "share" and isinstance(value, str):
            from fractions import Fraction

            from logbog_tui.service.economy import percent_text

            return percent_text(Fraction(value))
    if not isinstance(value, str):
        return value
    if column == "status":
        return t(f"meeting.status.{value}") if section == "meetings" else t(f"status.{value}")
    if column == "body":
        return t(f"body.{value}")
    if column == "kind":
        return t(f"meeting.kind.{value}")
    if column == "dev_kind":
        return t(f"dev.kind.{value}")
    if column == "category":
        return t(f"category.{value}")
    if column == "role":
        return t(f"reg.role.{value}")
    if column == "audience":
        return t(f"reg.audience.{value}")
    if column == "scope":
        return t("body.folgegruppe") if value == "folgegruppe" else t("report.sheet.leadership")
    return visible(value)


def human_tables(report: dict) -> list[tuple[str, list[str], list[list], list[bool]]]:
    """(title, headings, rows, numeric columns) for Markdown and xlsx."""
    from logbog_tui.overview import status_words

    out = []
    for section, (columns, rows) in tables(report).items():
        shown = [[_shown_value(section, c, v) for c, v in zip(columns, row, strict=True)] for row in rows]
        if "budget" in columns and "used" in columns and "status" in columns:  # "brugt op", "overskredet (n t over)"
            b, u, st = columns.index("budget"), columns.index("used"), columns.index("status")
            for raw, row in zip(rows, shown, strict=True):
                row[st] = status_words(raw[u], raw[b], raw[st])
        numeric = [all(isinstance(r[i], (int, float)) or r[i] is None for r in rows)
                   and any(r[i] is not None for r in rows) for i in range(len(columns))]
        if section == "tickets_by_category":  # the reader's words in the reader's order
            from logbog_tui.collation import sort_key

            shown.sort(key=lambda row: sort_key(str(row[0])))
        out.append((t(SECTION_TITLES[section]), [t(HEADINGS[c]) for c in columns], shown, numeric))
    return out


def _md_cell(value: object) -> str:
    if isinstance(value, Kroner):
        return f"{int(value):,}".replace(",", ".")
    if isinstance(value, date):
        return fmt_date(value)
    if isinstance(value, float):
        return fmt_hours(value, unit=False)
    if value is None:
        return "–"
    # a backslash before punctuation would escape it (CommonMark): double that one; then "|"
    text = _MD_BACKSLASH.sub(r"\\\\", str(value)).replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
    return "<br>".join(text.splitlines()) if "\n" in text or "\r" in text else text


def markdown(report: dict) -> bytes:
    lines = [f"# {t('report.title', year=report['year'])}", "", t("report.as_of", date=fmt_date(report["as_of"])), ""]
    for title, headings, rows, numeric in human_tables(report):
        lines += [f"## {title}", ""]
        if not rows:
            lines += [t("report.none"), ""]
            continue
        lines.append("| " + " | ".join(headings) + " |")
        lines.append("|" + "".join("---:|" if n else "---|" for n in numeric))
        lines += ["| " + " | ".join(_md_cell(v) for v in row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def xlsx(report: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for title, headings, rows, _numeric in human_tables(report):
        ws = wb.create_sheet(title[:31])
        ws.append(headings)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
        for col in ws.iter_cols(min_row=1):
            for cell in col:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # text is text: "=1+1" must never become a formula
                elif isinstance(cell.value, date):
                    cell.number_format = "DD.MM.YYYY"
                elif isinstance(cell.value, float):
                    cell.number_format = "0.00"
                elif isinstance(cell.value, Kroner):
                    cell.number_format = "#,##0"
        for i, _ in enumerate(headings, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = 22
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --- for machines ------------------------------------------------------------------------------

def _csv_value(value: object, excel: bool) -> object:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if excel else text
    if isinstance(value, int):
        return value
    text = visible(str(value))
    if excel and text.startswith(FORMULA_START):
        return "'" + text
    return text


def csv_table(report: dict, section: str, excel: bool = False) -> bytes:
    """One section as a CSV file (header row, then one row per item)."""
    columns, rows = tables(report)[section]
    return csv_bytes(columns, rows, excel)


def csv_bytes(columns: list[str], rows: list[list], excel: bool = False) -> bytes:
    """A CSV file in the program's one convention (the report's sections, ``logbog entries --csv``):
    a header row of stable English names, then the rows with typed values (see the module's text)."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if excel else ",")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_value(v, excel) for v in row])
    return (("\ufeff" if excel else "") + buf.getvalue()).encode("utf-8")


def csv_files(report: dict, excel: bool = False) -> dict[str, bytes]:
    """Every section as ``{section}.csv``."""
    return {f"{section}.csv": csv_table(report, section, excel) for section in SECTIONS}


def write_folder(files: dict[str, bytes], folder: Path, force: bool = False) -> list[Path]:
    """Write each file into ``folder`` (made 0700 if missing), each via a temporary file and a
    rename; refused before anything is written when a file exists and ``force`` is not given."""
    from logbog_tui.calendar_export import write
    from logbog_tui.errors import UserError
    from logbog_tui.paths import private_dir

    if folder.exists() and not folder.is_dir():
        raise UserError("report.csv_not_a_folder", path=folder)
    if not force:
        taken = [folder / name for name in files if (folder / name).exists() or (folder / name).is_symlink()]
        if taken:
            raise UserError("export.exists", path=taken[0])
    private_dir(folder)
    written = []
    for name, data in files.items():
        write(data, folder / name, force=True)
        written.append(folder / name)
    return written


def render(report: dict, fmt: str) -> bytes:
    """One file: md, json or xlsx."""
    if fmt == "json":
        return (json.dumps(report, ensure_ascii=False, indent=2, default=lambda v: v.isoformat()) + "\n").encode()
    return {"md": markdown, "xlsx": xlsx}[fmt](report)

"""The annual report (årsrapport) for the steering group, and its renderings.

Sections: hours per task area and per member against budgets; meetings held with hosts and
attendance; tickets opened and closed with the median days at the supplier; decisions referred
to the steering group. Markdown for reading, CSV (UTF-8, header row) and JSON for machines,
xlsx with typed cells (numbers are numbers, dates are dates) for a spreadsheet.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import statistics
from datetime import date

from logbog_tui.i18n import fmt_date, fmt_hours, t
from logbog_tui.overview import budget_overview, status_words
from logbog_tui.service.budget import as_of_for


def _days_at_supplier(conn: sqlite3.Connection, year: int) -> list[int]:
    """Days from the sent date the user gave to the date of the status change that took the
    ticket back from the supplier (resolved, or reopened), for such returns in ``year``; both are
    Danish calendar days (the events store the days the user gave)."""
    from logbog_tui.tickets import local_day

    out, sent = [], {}
    for tid, at, kind, old in conn.execute(
            "SELECT ticket_id, at, kind, old_status FROM ticket_event ORDER BY ticket_id, at, id"):
        day = local_day(at)
        if kind == "forwarded":
            sent[tid] = day
        elif kind == "status" and old == "with_supplier" and tid in sent:
            if day.year == year:
                out.append((day - sent[tid]).days)
            sent.pop(tid)
    return out


def annual(conn: sqlite3.Connection, year: int, today: date) -> dict:
    start, end = f"{year}-01-01", f"{year}-12-31"
    ov = budget_overview(conn, year, as_of_for(year, today))
    areas = [{"code": c, "name": n, "scope": s, "hours": round(m / 60, 2)} for c, n, s, m in conn.execute(
        "SELECT a.code, a.name, a.scope, coalesce(sum(te.minutes), 0) FROM task_area a LEFT JOIN time_entry te"
        " ON te.area_id = a.id AND te.date BETWEEN ? AND ? GROUP BY a.id ORDER BY a.position", (start, end))]
    pl = ov.leadership
    members = [{"person": m.person, "days_with_seat": m.days, "budget": round(m.budget, 2), "used": round(m.used, 2),
                "support": round(m.support, 2), "substitutes": round(m.substitutes, 2),
                "remaining": round(m.remaining, 2), "status": m.status} for m in ov.members]
    meetings = []
    for mid, body, day, status, host, kind in conn.execute(
            "SELECT m.id, m.body_code, m.date, m.status, r.name, m.kind FROM meeting m LEFT JOIN region r"
            " ON r.code = m.host_region_code WHERE m.date BETWEEN ? AND ? ORDER BY m.date", (start, end)):
        counts = dict(conn.execute("SELECT status, count(*) FROM attendance WHERE meeting_id = ? GROUP BY status",
                                   (mid,)).fetchall())
        meetings.append({"date": date.fromisoformat(day), "body": body, "kind": kind, "status": status,
                         "host": host, "present": counts.get("present", 0), "substitute": counts.get("substitute", 0),
                         "absent": counts.get("absent", 0)})
    opened = conn.execute("SELECT count(*) FROM ticket WHERE opened_on BETWEEN ? AND ?", (start, end)).fetchone()[0]
    closed = conn.execute("SELECT count(*) FROM ticket WHERE closed_on BETWEEN ? AND ?", (start, end)).fetchone()[0]
    by_category = dict(conn.execute("SELECT category, count(*) FROM ticket WHERE opened_on BETWEEN ? AND ?"
                                    " GROUP BY category", (start, end)).fetchall())
    supplier_days = _days_at_supplier(conn, year)
    referrals = [{"date": date.fromisoformat(d), "title": title, "settled_on": date.fromisoformat(s) if s else None,
                  "decision": dec} for d, title, s, dec in conn.execute(
        "SELECT m.date, i.title, sm.date, si.decision FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id"
        " LEFT JOIN agenda_item si ON si.id = i.settled_by_id LEFT JOIN meeting sm ON sm.id = si.meeting_id"
        " WHERE i.referred = 1 AND m.date BETWEEN ? AND ? ORDER BY m.date", (start, end))]
    return {
        "year": year, "as_of": ov.as_of,
        "project_leadership": {"budget": pl.budget, "used": round(pl.used, 2), "remaining": round(pl.remaining, 2),
                               "status": pl.status},
        "areas": areas, "members": members,
        "steering": [{"person": n, "hours": round(h, 2)} for n, h in ov.steering],
        "meetings": meetings,
        "tickets": {"opened": opened, "closed": closed, "by_category": by_category,
                    "returned_from_supplier": len(supplier_days),
                    "median_days_at_supplier": statistics.median(supplier_days) if supplier_days else None},
        "referrals": referrals,
    }


def render(report: dict, fmt: str) -> bytes:
    return {"md": _markdown, "csv": _csv, "json": _json, "xlsx": _xlsx}[fmt](report)


def _json(report: dict) -> bytes:
    return (json.dumps(report, ensure_ascii=False, indent=2, default=lambda v: v.isoformat()) + "\n").encode()


def _rows(report: dict) -> dict[str, tuple[list[str], list[list]]]:
    """Each section as (header, rows) with typed values, shared by CSV and xlsx."""
    pl = report["project_leadership"]
    return {
        t("report.sheet.areas"): ([t("report.col.code"), t("report.col.area"), t("report.col.hours")],
                                  [[a["code"], a["name"], a["hours"]] for a in report["areas"]]
                                  + [[t("budget.leadership"), t("report.col.budget"), pl["budget"]],
                                     [t("budget.leadership"), t("report.col.used"), pl["used"]]]),
        t("report.sheet.members"): ([t("col.member"), t("report.col.days"), t("report.col.budget"),
                                     t("report.col.used"), t("col.support"), t("col.substitutes"),
                                     t("report.col.remaining"), t("col.status")],
                                    [[m["person"], m["days_with_seat"], m["budget"], m["used"], m["support"],
                                      m["substitutes"], m["remaining"], status_words(m["used"], m["budget"], m["status"])]
                                     for m in report["members"]]),
        t("report.sheet.meetings"): ([t("col.date"), t("col.body"), t("col.kind"), t("col.status"), t("col.host"),
                                      t("record.status.present"), t("record.status.substitute"),
                                      t("record.status.absent")],
                                     [[m["date"], t(f"body.{m['body']}"), t(f"meeting.kind.{m['kind']}"),
                                       t(f"meeting.status.{m['status']}"), m["host"] or "", m["present"],
                                       m["substitute"], m["absent"]] for m in report["meetings"]]),
        t("report.sheet.tickets"): ([t("report.col.measure"), t("report.col.value")],
                                    [[t("report.tickets_opened"), report["tickets"]["opened"]],
                                     [t("report.tickets_closed"), report["tickets"]["closed"]],
                                     [t("report.median_supplier"), report["tickets"]["median_days_at_supplier"]]]
                                    + [[t(f"category.{c}"), n] for c, n in sorted(
                                        report["tickets"]["by_category"].items())]),
        t("report.sheet.referrals"): ([t("col.date"), t("col.item"), t("report.col.settled"), t("col.decision")],
                                      [[r["date"], r["title"], r["settled_on"], r["decision"] or ""]
                                       for r in report["referrals"]]),
    }


def _csv(report: dict) -> bytes:
    """Long format, one value a row: section, item (the row's first cell), field, value."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([t("report.col.section"), t("report.col.item"), t("report.col.field"), t("report.col.value")])
    for section, (header, rows) in _rows(report).items():
        for row in rows:
            item = row[0].isoformat() if isinstance(row[0], date) else row[0]
            for field, value in zip(header[1:], row[1:]):
                writer.writerow([section, item, field, value.isoformat() if isinstance(value, date)
                                 else ("" if value is None else value)])
    return buf.getvalue().encode("utf-8")


def _xlsx(report: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for section, (header, rows) in _rows(report).items():
        ws = wb.create_sheet(section[:31])
        ws.append(header)
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append(row)
        for col in ws.iter_cols(min_row=2):
            for cell in col:
                if isinstance(cell.value, date):
                    cell.number_format = "DD.MM.YYYY"
                elif isinstance(cell.value, float):
                    cell.number_format = "0.00"
        for i, _ in enumerate(header, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = 22
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _markdown(report: dict) -> bytes:
    pl = report["project_leadership"]
    lines = [f"# {t('report.title', year=report['year'])}", "", t("report.as_of", date=fmt_date(report["as_of"])), "",
             f"## {t('report.sheet.areas')}", "",
             t("report.pl_line", used=fmt_hours(pl["used"]), budget=fmt_hours(pl["budget"]),
               status=status_words(pl["used"], pl["budget"], pl["status"])), ""]
    for section, (header, rows) in _rows(report).items():
        if section != t("report.sheet.areas"):
            lines += [f"## {section}", ""]
        if not rows:
            lines += [t("report.none"), ""]
            continue
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        for row in rows:
            cells = [fmt_date(v) if isinstance(v, date) else (fmt_hours(v, unit=False) if isinstance(v, float)
                                                              else ("–" if v is None else str(v))) for v in row]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines).encode("utf-8")

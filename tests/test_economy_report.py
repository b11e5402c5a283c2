"""The annual report's economy section (issue 20) in every format: JSON with integer kroner, CSV
files per section, Markdown with Danish amounts, xlsx with numbers as numbers."""

from __future__ import annotations

import csv
import io
import json

import pytest

from logbog_tui import report
from logbog_tui.report_render import csv_files, markdown, render
from logbog_tui.storage.db import connect

from .conftest import TODAY


@pytest.fixture
def annual(demo):
    return report.annual(connect(demo), 2026, TODAY)


def test_json_has_the_economy_in_whole_kroner(annual):
    data = json.loads(render(annual, "json"))
    econ = data["economy"]
    assert type(econ["total"]) is int and econ["total"] == econ["spent"] + econ["hours_value"]
    assert sum(s["amount"] for s in data["economy_shares"]) == econ["total"]
    assert {s["region_code"] for s in data["economy_shares"]} == {
        "nordjylland", "midtjylland", "syddanmark", "hovedstaden", "sjaelland"}
    assert data["economy_lines"][0]["line_kind"] == "supplier"


def test_csv_files_for_the_economy(annual):
    files = csv_files(annual)
    rows = list(csv.DictReader(io.StringIO(files["economy_shares.csv"].decode())))
    assert rows[0]["share"] == "0.1012" and rows[0]["amount"].isdigit()
    assert "economy_lines.csv" in files and "economy.csv" in files


def test_markdown_shows_danish_amounts(annual):
    text = markdown(annual).decode()
    assert "## Regionernes andele (kr.)" in text and "| Region Sjælland | 15,39 % |" in text
    assert "| 2026 |" in text  # the year is not an amount


def test_xlsx_amounts_are_numbers(annual):
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(render(annual, "xlsx")))
    ws = wb["Budgetlinjer (kr.)"]
    assert isinstance(ws["C2"].value, int) and ws["C2"].number_format == "#,##0"


def test_a_year_without_key_says_so(demo):
    data = report.annual(connect(demo), 2030, TODAY)
    assert data["economy"]["key_missing"] is True and data["economy_shares"] == []

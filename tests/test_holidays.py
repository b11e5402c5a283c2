"""The working days compute Denmark's holidays themselves (service/workdays.py: the TUI's start shows
the year's working days at once, and importing the ``holidays`` library costs ~60 ms). They must be
the days and names the library's ``country_holidays("DK", ...)`` gives, which stays a test
dependency for this comparison."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import holidays

from logbog_tui.service import workdays

YEARS = range(1990, 2101)


def test_the_same_public_holidays_and_names_as_country_holidays():
    for year in YEARS:
        assert workdays.holidays_of(year) == dict(holidays.country_holidays("DK", years=year, language="da").items())


def test_the_same_customary_days_off_as_country_holidays():
    for year in YEARS:
        expected = holidays.country_holidays("DK", years=year, language="da", categories=("optional",))
        assert workdays._optional_names(year) == dict(expected.items())


def test_the_working_days_do_not_import_the_holidays_library():
    code = ("import sys\nfrom datetime import date\nfrom logbog_tui.service import workdays\n"
            "assert workdays.holidays_of(2026)[date(2026, 12, 25)] == 'Juledag'\n"
            "assert workdays.working_days(date(2026, 1, 1), date(2026, 12, 31)) > 0\n"
            "assert 'holidays' not in sys.modules, 'the holidays library was imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_store_bededag_is_a_holiday_until_2023_only():
    assert workdays.holiday_name(date(2023, 5, 5)) == "Store bededag"
    assert workdays.holiday_name(date(2024, 4, 26)) is None
    assert workdays.is_working_day(date(2024, 4, 26))

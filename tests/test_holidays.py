"""The working days load only Denmark's rules from ``holidays`` (service/workdays.py: the TUI's start
shows the year's working days at once, and ``holidays.country_holidays`` imports ~280 countries).
They must be the days and names ``country_holidays("DK", ...)`` gives."""

from __future__ import annotations

import subprocess
import sys

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


def test_only_denmark_is_loaded_and_the_package_finds_it_later():
    code = ("import sys\nfrom datetime import date\nfrom logbog_tui.service import workdays\n"
            "assert workdays.holidays_of(2026)[date(2026, 12, 25)] == 'Juledag'\n"
            "assert 'holidays.countries' not in sys.modules, 'every country was imported'\n"
            "import holidays.countries\n"
            "assert holidays.countries.Denmark is workdays._denmark()\n")
    subprocess.run([sys.executable, "-c", code], check=True)

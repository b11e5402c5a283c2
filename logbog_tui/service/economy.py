"""The economy in kroner (issue 20): pure money arithmetic, no float anywhere.

Amounts are whole kroner as ``int``; shares of the distribution key are exact
:class:`fractions.Fraction` values; proportions (how much of the year has passed by a spending
profile, the budget thresholds) are fractions too. Rounding to the krone is half away from zero,
and a total split over the regions uses the largest remainder method, so that the parts always
add up to the total to the krone.

Words used throughout:
- **spent**: the invoices (and credit notes, negative) posted on a line in the year;
- **committed**: postings marked as a commitment (an order or an agreed payment not yet
  invoiced); they count toward the forecast and reduce what remains, but are not spent;
- **remaining** = budget - spent - committed;
- **expected** = the budget x the part of the year passed by the line's spending profile (even over
  the year, or by the months given as weights);
- **forecast** = spent + committed once the year is over; during the year the spending so far
  extrapolated by the profile (spent / profile part), but never less than spent + committed;
- **status** compares what is used (spent + committed) with the budget, as the hour budgets do:
  ``ok``, ``warning`` (from the warn threshold, 80 %) or ``over`` (from the over threshold, 100 %).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from logbog_tui.errors import UserError
from logbog_tui.service.record import Record

OK, WARNING, OVER = "ok", "warning", "over"
KINDS = ("supplier", "development", "hosting", "project_leadership", "follow_up_group", "other")
# Danish names (and a few short forms) accepted for the kinds; the shown names are in messages/economy.py.
KIND_ALIASES = {
    "leverandør": "supplier", "leverandor": "supplier", "drift": "supplier",
    "udvikling": "development", "videreudvikling": "development",
    "hosting": "hosting", "licenser": "hosting", "hosting og licenser": "hosting",
    "projektledelse": "project_leadership", "følgegruppe": "follow_up_group", "folgegruppe": "follow_up_group",
    "andet": "other", "øvrigt": "other",
}
DEFAULT_HOUR_RATE = 670  # kr. per hour: RSI's internal rate in 2023, editable per year
MAX_AMOUNT = 10**12  # 1.000 mia. kr.: beyond this a typing mistake is likelier than a budget


def kind_code(typed: str) -> str:
    """The kind's code from its code or Danish name (case-insensitive)."""
    key = " ".join(typed.strip().lower().replace("_", " ").split())
    for code in KINDS:
        if key == code.replace("_", " "):
            return code
    if key in KIND_ALIASES:
        return KIND_ALIASES[key]
    raise UserError("econ.bad_kind", text=typed[:40], kinds=", ".join(KINDS))


_MIO = re.compile(r"^(.*?)\s*(mio\.?|mia\.?|mill?\.?)$")


def parse_amount(typed: str) -> int:
    """Whole kroner from the Danish forms: ``1.234.567``, ``1234567``, ``1 234 567``,
    ``1.234.567 kr.``, ``1,2 mio.``, ``-5.000`` (a credit note), ``1.234,00``. Amounts with øre
    other than ``,00`` are refused (the economy counts whole kroner)."""
    text = typed.strip().lower().replace("\u00a0", " ").replace("\u2212", "-")
    if not text:
        raise UserError("econ.no_amount")
    for suffix in ("kr.", "kr", "dkk"):
        if text.endswith(suffix):
            text = text[: -len(suffix)].strip()
    if text.startswith(("kr.", "dkk")):
        text = text.split(None, 1)[1] if " " in text else ""
    factor = 1
    found = _MIO.match(text)
    if found:
        text, unit = found.group(1).strip(), found.group(2)
        factor = 10**9 if unit.startswith("mia") else 10**6
    sign = 1
    if text.startswith("-"):
        sign, text = -1, text[1:].strip()
    elif text.startswith("+"):
        text = text[1:].strip()
    if factor > 1:  # "1,2 mio." / "1.5 mio": a decimal comma or point
        number = text.replace(" ", "").replace(",", ".")
        if not re.fullmatch(r"\d+(\.\d+)?", number):
            raise UserError("econ.bad_amount", text=typed[:40])
        exact = Fraction(Decimal(number)) * factor
    else:
        digits = text.replace(" ", "")
        whole, _, ore = digits.partition(",")
        if not re.fullmatch(r"\d{1,3}(\.\d{3})+|\d+", whole) or (ore and not re.fullmatch(r"\d{1,2}", ore)):
            raise UserError("econ.bad_amount", text=typed[:40])
        if ore and int(ore) != 0:
            raise UserError("econ.whole_kroner", text=typed[:40])
        exact = Fraction(int(whole.replace(".", "")))
    if exact.denominator != 1:
        raise UserError("econ.whole_kroner", text=typed[:40])
    amount = sign * int(exact)
    if abs(amount) > MAX_AMOUNT:
        raise UserError("econ.bad_amount", text=typed[:40])
    return amount


def format_amount(amount: int, unit: bool = True) -> str:
    """``1.234.567 kr.`` (a minus sign for a credit)."""
    if not isinstance(amount, int):
        raise TypeError("amounts are whole kroner (int)")
    grouped = f"{abs(amount):,}".replace(",", ".")
    return ("-" if amount < 0 else "") + grouped + (" kr." if unit else "")


def parse_share(typed: str) -> Fraction:
    """A share of the key: ``0,31``, ``0.31``, ``31%``, ``31,5 %`` or an exact fraction ``1/3``."""
    text = typed.strip().replace(" ", "").replace(",", ".")
    try:
        if "/" in text:
            top, _, bottom = text.partition("/")
            if not top.isdigit() or not bottom.isdigit() or int(bottom) == 0:
                raise ValueError(typed)
            value = Fraction(int(top), int(bottom))
        elif text.endswith("%"):
            value = Fraction(Decimal(text[:-1])) / 100
        else:
            value = Fraction(Decimal(text))
    except (ValueError, InvalidOperation, ArithmeticError):
        raise UserError("econ.bad_share", text=typed[:40]) from None
    if not 0 <= value <= 1:
        raise UserError("econ.bad_share", text=typed[:40])
    return value


def share_text(share: Fraction) -> str:
    """How a share is stored: a decimal string when it has one (``0.31``), otherwise ``p/q``."""
    denominator = share.denominator
    for p in (2, 5):
        while denominator % p == 0:
            denominator //= p
    if denominator == 1:
        text = format(Decimal(share.numerator) / Decimal(share.denominator), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return f"{share.numerator}/{share.denominator}"


def share_from_text(stored: str) -> Fraction:
    if "/" in stored:
        top, _, bottom = stored.partition("/")
        return Fraction(int(top), int(bottom))
    return Fraction(Decimal(stored))


def share_decimal(share: Fraction, places: int = 4) -> str:
    """The share as a decimal string for JSON and the screen: at least ``places`` decimals (``0.4664``),
    more when the stored value has them; a non-terminating fraction is rounded to ``places`` decimals."""
    stored = share_text(share)
    if "/" not in stored:
        whole, _, tail = stored.partition(".")
        return f"{whole}.{tail.ljust(places, '0')}"
    scaled = round_half_up(share * 10**places)
    return f"{scaled // 10**places}.{str(scaled % 10**places).rjust(places, '0')}"


def percent_text(share: Fraction) -> str:
    """``46,64 %``."""
    scaled = round_half_up(share * 10000)
    return f"{scaled // 100},{scaled % 100:02d} %"


def round_half_up(value: Fraction) -> int:
    """To the nearest whole number, halves away from zero."""
    sign = -1 if value < 0 else 1
    magnitude = abs(value)
    whole, rest = divmod(magnitude.numerator, magnitude.denominator)
    if 2 * rest >= magnitude.denominator:
        whole += 1
    return sign * whole


def check_key(shares: Sequence[Fraction]) -> None:
    """A key's shares must add up to exactly 1."""
    total = sum(shares, Fraction(0))
    if total != 1:
        raise UserError("econ.key_not_one", total=percent_text(total))


def split(total: int, shares: Sequence[Fraction]) -> list[int]:
    """``total`` split by ``shares`` (which add up to 1) with the largest remainder method: each part
    is the exact part rounded down, and the kroner left go one each to the largest remainders (ties:
    the earlier share). The parts add up to ``total`` exactly, each within 1 kr. of its exact part."""
    if not isinstance(total, int):
        raise TypeError("amounts are whole kroner (int)")
    check_key(shares)
    if total < 0:
        return [-part for part in split(-total, shares)]
    exact = [share * total for share in shares]
    parts = [e.numerator // e.denominator for e in exact]
    left = total - sum(parts)
    order = sorted(range(len(shares)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[:left]:
        parts[i] += 1
    return parts


def part_of_year(day: date, year: int, profile: Sequence[int] | None = None) -> Fraction:
    """How much of ``year``'s spending should have happened by the end of ``day``: days elapsed over
    the days of the year (even), or by the profile's month weights (12 non-negative integers; within
    a month, by its days)."""
    if day < date(year, 1, 1):
        return Fraction(0)
    if day >= date(year, 12, 31):
        return Fraction(1)
    if not profile or sum(profile) == 0:
        days = (date(year, 12, 31) - date(year, 1, 1)).days + 1
        return Fraction((day - date(year, 1, 1)).days + 1, days)
    weights = list(profile)
    done = Fraction(sum(weights[: day.month - 1]))
    done += Fraction(weights[day.month - 1] * day.day, calendar.monthrange(year, day.month)[1])
    return done / sum(weights)


def parse_profile(typed: str) -> list[int] | None:
    """A spending profile: blank or ``jævn``/``even`` for even over the year, or 12 month weights
    (whole numbers, ``;`` or space between), e.g. ``0 0 50 0 0 0 0 0 50 0 0 0``."""
    text = typed.strip().lower()
    if text in ("", "jævn", "jaevn", "even", "jævnt"):
        return None
    parts = [p for p in re.split(r"[;\s]+", text) if p]
    if len(parts) != 12 or not all(p.isascii() and p.isdigit() for p in parts) or sum(int(p) for p in parts) == 0:
        raise UserError("econ.bad_profile", text=typed[:60])
    return [int(p) for p in parts]


def profile_text(profile: Sequence[int] | None) -> str:
    return "" if not profile else " ".join(str(w) for w in profile)


class Limits(Record):
    """The budget thresholds (settings ``budget_warn``/``budget_over``) as exact fractions."""
    warn: Fraction = Fraction(4, 5)
    over: Fraction = Fraction(1)


def status(forecast: int, budget: int, limits: Limits = Limits()) -> str:
    if budget <= 0:
        return OVER if forecast > 0 else OK
    ratio = Fraction(forecast, budget)
    if ratio >= limits.over:
        return OVER
    if ratio >= limits.warn:
        return WARNING
    return OK


class LinePosition(Record):
    budget: int
    spent: int
    committed: int
    remaining: int
    expected: int
    forecast: int
    status: str


def position(budget: int, spent: int, committed: int, part: Fraction, limits: Limits = Limits()) -> LinePosition:
    """One line's (or the year's) position by the part of the year passed (:func:`part_of_year`)."""
    for amount in (budget, spent, committed):
        if not isinstance(amount, int):
            raise TypeError("amounts are whole kroner (int)")
    expected = round_half_up(budget * part)
    floor = spent + committed
    if 0 < part < 1:
        forecast = max(floor, round_half_up(spent / part))
    else:
        forecast = floor
    return LinePosition(budget, spent, committed, budget - spent - committed, expected, forecast,
                        status(floor, budget, limits))


def hours_value(minutes: int, rate: int) -> int:
    """Logged minutes valued at ``rate`` kr. per hour, to the krone."""
    if not isinstance(minutes, int) or not isinstance(rate, int):
        raise TypeError("minutes and rate are whole numbers (int)")
    return round_half_up(Fraction(minutes * rate, 60))

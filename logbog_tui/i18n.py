"""The one translation layer: every user-facing string goes through :func:`t`.

Danish is the default; English is selected with ``--lang en`` or ``LOGBOG_LANG=en``.
Messages live in :mod:`logbog_tui.messages` as ``key: (danish, english)``. A count with a noun is
written ``{count:sag|sager}``: "1 sag", "2 sager" (the number, then the singular or the plural).
tests/test_i18n.py fails when a key used in the code is missing or lacks a language.
"""

from __future__ import annotations

import os
import string
from datetime import date, timedelta

from logbog_tui import messages
from logbog_tui.service import Message

LANGUAGES = ("da", "en")
_current = "da"


def set_language(lang: str | None) -> str:
    """Select the UI language (``da`` or ``en``); ``None`` reads ``LOGBOG_LANG``."""
    global _current
    lang = (lang or os.environ.get("LOGBOG_LANG") or "da").strip().lower()
    if lang not in LANGUAGES:
        raise ValueError(lang)
    _current = lang
    return lang


def language() -> str:
    return _current


class _Plurals(string.Formatter):
    """``{count:sag|sager}`` → "1 sag" / "3 sager"; any other field as str.format does it."""

    def format_field(self, value: object, format_spec: str) -> str:
        if "|" in format_spec and isinstance(value, int):
            one, other = format_spec.split("|", 1)
            return f"{value} {one if value == 1 else other}"
        return super().format_field(value, format_spec)


_FORMATTER = _Plurals()


_catalogue = messages.load(messages.FIRST)
_complete = False


def entry(key: str) -> tuple[str, str] | None:
    """The message ``key`` in every language (Danish, English), or None; the catalogue's other
    parts are loaded at the first key that is not in the first ones."""
    global _complete
    found = _catalogue.get(key)
    if found is None and not _complete:
        _catalogue.update(messages.load(messages.REST))
        _complete = True
        found = _catalogue.get(key)
    return found


def t(key: str, **params: object) -> str:
    """The message ``key`` in the current language, with ``params`` filled in."""
    texts = entry(key)
    if texts is None:  # never crash the user over a missing text; the test suite catches it
        return key
    text = texts[LANGUAGES.index(_current)]
    return _FORMATTER.format(text, **params) if params else text


def say(message: Message) -> str:
    """A :class:`~logbog_tui.service.Message` in the current language (dates as ``25.11.2026``; a
    duration (``timedelta``) as hours, ``1,5 t``; a parameter that is a message itself, such as
    the reason in ``load.bad_value`` or a weekday, translated too)."""
    return t(message.key, **{k: _said(v) for k, v in message.params.items()})


def _said(value: object) -> object:
    if type(value) is date:
        return fmt_date(value)
    if isinstance(value, Message):
        return say(value)
    if isinstance(value, timedelta):
        return fmt_minutes(round(value.total_seconds() / 60))
    return value


def t_every(key: str, **params: object) -> tuple[str, ...]:
    """The message ``key`` in every language: to recognise a text the program wrote in either."""
    return tuple(_FORMATTER.format(text, **params) if params else text for text in entry(key) or (key,))


def fmt_date(value: date | None) -> str:
    """``25.11.2026`` in both languages (domain convention)."""
    return value.strftime("%d.%m.%Y") if value else "–"


def fmt_moment(at_utc: str) -> str:
    """A stored event time (UTC text) in Danish local time: ``25.11.2026 kl. 14.03`` in Danish,
    ``25.11.2026 14:03`` in English."""
    from datetime import datetime, timezone

    from logbog_tui.clock import local_zone

    try:
        moment = datetime.fromisoformat(at_utc).replace(tzinfo=timezone.utc).astimezone(local_zone())
    except ValueError:
        return at_utc
    return t("fmt.moment", date=moment.strftime("%d.%m.%Y"), hour=f"{moment.hour:02d}", minute=f"{moment.minute:02d}")


def fmt_week(value: date) -> str:
    return t("fmt.week", week=value.isocalendar().week)


def fmt_hours(hours: float, unit: bool = True) -> str:
    """``1,5 t`` and ``1.350 t`` in Danish, ``1.5 h`` and ``1,350 h`` in English; at most two
    decimals, no trailing zeros."""
    text = f"{hours:,.2f}".rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    if _current == "da":
        text = text.translate(str.maketrans(",.", ".,"))
    return t("fmt.hours", hours=text) if unit else text


def fmt_minutes(minutes: int, unit: bool = True) -> str:
    return fmt_hours(minutes / 60, unit)

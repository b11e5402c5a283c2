"""Control characters in text: refused on the way in, made visible on the way out.

A title such as ``Evil\\x1b]0;PWNED\\x07`` would set the terminal's title (or clear the screen)
when printed. C0 and C1 control characters and DEL (Unicode category Cc) are refused in every
field a user types; tab and newline only in long text. Data that is already stored (loaded from
a dump, or older) is shown with each such character written as ``\\u001b``, which reads the same
in a terminal, a CSV file and inside a JSON string.
"""

from __future__ import annotations

import re
import unicodedata

_LONG_TEXT_ALLOWED = "\n\t"
# Cc = C0 (U+0000-U+001F), DEL (U+007F), C1 (U+0080-U+009F); Cs = lone surrogates
_CONTROL = "[\x00-\x1f\x7f-\x9f\ud800-\udfff]"
_CONTROL_NOT_TAB_NL = "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]"


def _control(long_text: bool) -> re.Pattern[str]:
    # compiled when first used (re caches it), not on import: each costs ~0.5 ms of `logbog host`
    return re.compile(_CONTROL_NOT_TAB_NL if long_text else _CONTROL)


def has_control(text: str, long_text: bool = False) -> bool:
    """Whether ``text`` holds a character that may not be typed into a field (tab and newline are
    allowed in long text)."""
    return _control(long_text).search(text) is not None


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def visible(text: str, keep_newlines: bool = True) -> str:
    """``text`` with every control character written as ``\\uXXXX`` (tab and newline kept unless
    ``keep_newlines`` is False): safe to print to a terminal or put in a file."""
    if not text:
        return text
    return _control(keep_newlines).sub(_escape, text)


def normalise(text: str | None) -> str:
    return unicodedata.normalize("NFC", text or "").strip()

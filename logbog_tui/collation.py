"""Danish alphabetical order: "Aase, Anders, bo lille, Zenia, Ærbo, Ørsted, Åse".

ICU's Danish collation (``da``): case-insensitive at the first level, Æ Ø Å after Z, and "Aa"
sorted as Å (ICU's Danish rule). It comes from ``pyicu-wheels`` (PyICU built as wheels, so it
installs on a fresh Linux machine without a compiler). Where that package has no wheel (it has
Linux wheels only), :func:`_fallback_key` applies the same rules by hand.

Registered on every connection as the SQL collation ``da`` (``ORDER BY p.name COLLATE da``);
ICU is imported at the first comparison, not when a connection opens.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache

_AFTER_Z = {"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"}


@lru_cache(maxsize=1)
def _icu_key() -> Callable[[str], bytes] | None:
    try:
        import icu
    except ImportError:
        return None
    collator = icu.Collator.createInstance(icu.Locale("da_DK"))
    return collator.getSortKey


def _fallback_key(text: str) -> tuple[str, str]:
    folded = unicodedata.normalize("NFC", text).casefold()
    words = [("å" + w[2:]) if w.startswith("aa") else w for w in folded.split(" ")]
    return "".join(_AFTER_Z.get(ch, ch) for ch in " ".join(words)), text


def sort_key(text: str | None) -> object:
    """A key that sorts ``text`` in Danish alphabetical order."""
    key = _icu_key()
    text = text or ""
    return key(text) if key is not None else _fallback_key(text)


def compare(a: str | None, b: str | None) -> int:
    """The SQL collation ``da``: -1, 0 or 1."""
    ka, kb = sort_key(a), sort_key(b)
    return (ka > kb) - (ka < kb)

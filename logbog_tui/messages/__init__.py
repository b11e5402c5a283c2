"""Message catalogue: ``key: (Danish, English)``, one module per part of the program.
Domain names stay Danish in both languages.

:mod:`logbog_tui.i18n` loads the parts in :data:`FIRST` at once and the others at the first key
not found there, so that ``logbog host`` does not pay for every part's texts (docs/performance.md).
A key lives in one part only (tests/test_i18n.py). ``MESSAGES`` is the whole catalogue.
"""

from __future__ import annotations

import importlib

# what `logbog host` and the command line's parser say
FIRST = ("core", "meetings", "cli_words")
REST = ("budgets", "members", "tickets", "reports", "safety", "journal", "cli_people", "imports", "cli_entries",
        "registers", "papers", "economy", "development")


def load(names: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    catalogue: dict[str, tuple[str, str]] = {}
    for name in names:
        catalogue.update(importlib.import_module(f"logbog_tui.messages.{name}").MESSAGES)
    return catalogue


def __getattr__(name: str) -> dict[str, tuple[str, str]]:
    if name == "MESSAGES":  # the whole catalogue (the tests; a look-up of every key)
        return load(FIRST + REST)
    raise AttributeError(name)

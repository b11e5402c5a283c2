"""argparse's own words ("usage:", "options", "invalid choice", ...) in the UI's language.

argparse looks every word it prints up through gettext: ``_('usage: ')``, ``ngettext(...)``, with
``_`` and ``ngettext`` imported into the module (``from gettext import gettext as _, ngettext``).
The documented way to translate them (Python's argparse how-to, "How to translate the argparse
output") is a compiled gettext catalogue for the default domain, chosen by the LANGUAGE/LANG
environment: a binary .mo file to ship and build, a global domain, and a file lookup on every
word (argparse asks for a dozen while it builds a parser, which ``logbog host`` does on each run).

So instead this module hands argparse a lookup in our own catalogue: the ONE place that touches
argparse's private names (its module globals ``_`` and ``ngettext``). Each word is a message
``argparse.*`` (messages/cli_entries.py) whose English text is argparse's own msgid, so the English
UI prints exactly argparse's English; a word this table does not know is printed as argparse has
it. tests/test_cli_conventions.py checks every word on the Python in use (a new Python whose
argparse spells a word differently fails there, not silently).
"""

from __future__ import annotations

import argparse

from logbog_tui.i18n import t

# argparse's msgid -> our message key (Python 3.11's argparse.py)
WORDS = {
    "usage: ": "argparse.usage",
    "options": "argparse.options",
    "positional arguments": "argparse.positional",
    "show this help message and exit": "argparse.help",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.invalid_choice",
    "the following arguments are required: %s": "argparse.required",
    "unrecognized arguments: %s": "argparse.unrecognized",
    "argument %(argument_name)s: %(message)s": "argparse.argument",
    "not allowed with argument %s": "argparse.not_allowed_with",
    "one of the arguments %s is required": "argparse.one_required",
    "expected one argument": "argparse.expected_one",
    "expected at most one argument": "argparse.expected_at_most_one",
    "expected at least one argument": "argparse.expected_at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.ambiguous",
    "invalid %(type)s value: %(value)r": "argparse.invalid_value",
    "ignored explicit argument %r": "argparse.ignored_explicit",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "argparse.unknown_parser",
}
PLURALS = {("expected %s argument", "expected %s arguments"): ("argparse.expected_n_one", "argparse.expected_n")}


def gettext(message: str) -> str:
    key = WORDS.get(message)
    return t(key) if key else message


def ngettext(singular: str, plural: str, n: int) -> str:
    keys = PLURALS.get((singular, plural))
    if keys is None:
        return singular if n == 1 else plural
    return t(keys[0] if n == 1 else keys[1])


def install() -> None:
    """Make argparse say its words through :func:`gettext` (in the language :mod:`i18n` has when a
    word is asked for: group titles and ``-h``'s help when a parser is built, errors when raised)."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]

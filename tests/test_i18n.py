"""One translation layer: every user-facing key exists in Danish and English, with the same fields."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from logbog_tui import i18n
from logbog_tui.i18n import fmt_hours, t
from logbog_tui.messages import MESSAGES

PACKAGE = Path(__file__).resolve().parent.parent / "logbog_tui"


# Calls whose first argument is a message key: t() itself, the one message type, and the errors
# that carry one (translated where they are shown).
KEYED = {"t", "Message", "Problem", "UserError", "RefusedDatabase", "NotDone", "NotFound", "Ambiguous",
         "StorageError", "PrincipalError", "refuse"}


def used_keys() -> tuple[set[str], set[str]]:
    """Keys passed to t() (or a message or error) as literals, and prefixes of keys built with
    f-strings."""
    literal, prefixes = set(), set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in KEYED and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant):
                    literal.add(arg.value)
                elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                    prefixes.add(arg.values[0].value)
    return literal, prefixes


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_used_in_the_code_is_translated():
    literal, prefixes = used_keys()
    assert literal, "the scan found no t() calls"
    missing = sorted(k for k in literal if k not in MESSAGES)
    assert not missing
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in MESSAGES), prefix


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_both_languages_present_with_the_same_fields(key):
    da, en = MESSAGES[key]
    assert da.strip() and en.strip()
    assert fields(da) == fields(en)


def test_dynamic_keys_exist():
    """Keys built at run time: statuses, screens, rotation reasons (with and without passed-over)."""
    for status in ("ok", "warning", "over"):
        assert f"status.{status}" in MESSAGES
    for screen in ("dashboard", "members", "meetings", "tasks", "tickets"):
        assert f"screen.{screen}" in MESSAGES
    for base in ("rotation.never_hosted", "rotation.last_hosted", "rotation.inherited"):
        assert base in MESSAGES and base + "_passed_over" in MESSAGES
    for what in ("person", "area", "task", "region"):
        assert f"what.{what}" in MESSAGES


def test_a_missing_key_is_caught_by_the_scan(tmp_path, monkeypatch):
    """The scan itself can fail: a module calling t() with an unknown key is reported."""
    bad = PACKAGE / "_i18n_probe.py"
    bad.write_text('from logbog_tui.i18n import t\nprint(t("no.such.key"))\n', encoding="utf-8")
    try:
        literal, _ = used_keys()
        assert "no.such.key" in literal and "no.such.key" not in MESSAGES
    finally:
        bad.unlink()


def test_danish_is_the_default_and_english_selectable(monkeypatch):
    monkeypatch.delenv("LOGBOG_LANG", raising=False)
    assert i18n.set_language(None) == "da"
    assert t("status.over") == "overskredet" and fmt_hours(1.5) == "1,5 t"
    monkeypatch.setenv("LOGBOG_LANG", "en")
    assert i18n.set_language(None) == "en"
    assert t("status.over") == "over" and fmt_hours(1.5) == "1.5 h"
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_domain_names_stay_danish_in_english(cli, db_path):
    result = cli("--lang", "en", "host")
    assert "Region Nordjylland (by rotation): has never hosted" in result.out


def test_no_catalogue_entry_is_dead():
    """Every key appears in the code as a string (passed to t() directly or handed on), or is
    built at run time from a prefix the code uses."""
    _literal, prefixes = used_keys()
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py") if p.parent.name != "messages")
    dynamic = tuple(prefixes) + ("rotation.",)
    dead = sorted(k for k in MESSAGES if f'"{k}"' not in source and f"'{k}'" not in source
                  and not k.startswith(dynamic))
    assert not dead


@pytest.mark.parametrize("model, values", [("tasks.TaskDraft", {"title": " ", "area": 1}),
                                           ("tickets.TicketDraft", {"title": ""})])
def test_a_refusal_is_translated_where_it_is_shown_not_where_it_is_made(model, values):
    """The field's name in "Titel skal udfyldes" is part of the message, not Danish text fixed
    when the input was checked: the same refusal reads wholly in English."""
    import importlib

    from logbog_tui.storage.inputs import Invalid

    module, name = model.split(".")
    cls = getattr(importlib.import_module(f"logbog_tui.storage.{module}"), name)
    i18n.set_language("da")
    try:
        with pytest.raises(Invalid) as info:
            cls.check(values)
        assert info.value.message == "Titel skal udfyldes"
        i18n.set_language("en")
        assert info.value.message == "Title is required"
    finally:
        i18n.set_language("da")


def test_a_key_lives_in_one_part_of_the_catalogue():
    """The first parts are loaded alone (``logbog host``) and the rest later: a key in two parts
    would read differently before and after."""
    import importlib

    from logbog_tui import messages

    seen: dict[str, str] = {}
    for name in messages.FIRST + messages.REST:
        for key in importlib.import_module(f"logbog_tui.messages.{name}").MESSAGES:
            assert key not in seen, f"{key} is in {seen[key]} and {name}"
            seen[key] = name
    assert set(seen) == set(messages.MESSAGES)


def test_every_part_of_the_catalogue_is_listed():
    from pathlib import Path

    from logbog_tui import messages

    files = {p.stem for p in Path(messages.__file__).parent.glob("*.py") if p.stem != "__init__"}
    assert files == set(messages.FIRST + messages.REST)

"""The one check for free text typed into a field (CLI, forms, dialogs): NFC, trimmed, within its
length, and without control characters (tab and newline only in long text)."""

from __future__ import annotations

from logbog_tui.errors import UserError
from logbog_tui.service.text import has_control, normalise


def clean(value: str | None, limit: int, *, long_text: bool = False, too_long_key: str = "person.too_long",
          **params: object) -> str | None:
    """The text to store (None for blank), or a :class:`UserError` with the reason."""
    text = normalise(value)
    if len(text) > limit:
        raise UserError(too_long_key, max=limit, **params)
    if has_control(text, long_text):
        raise UserError("text.control_chars")
    return text or None

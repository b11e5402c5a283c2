"""A meeting's start time as typed: `9`, `9.30`, `9:30`, `09:30`, `930`, `kl. 9` → "09:30"."""

from __future__ import annotations

import re

from logbog_tui.service import Problem

_TIME = re.compile(r"^(?:kl\.?\s*)?(\d{1,2})(?:[.:]?(\d{2}))?$")


def parse_time(text: str) -> str | None:
    """``HH:MM`` for a time of day, ``None`` for an empty field; raises :class:`Problem`."""
    raw = text.strip().lower()
    if not raw:
        return None
    match = _TIME.match(raw)
    if match is None:
        raise Problem("meeting.bad_time", {"text": text.strip()})
    hours, minutes = int(match.group(1)), int(match.group(2) or 0)
    if hours > 23 or minutes > 59:
        raise Problem("meeting.bad_time", {"text": text.strip()})
    return f"{hours:02d}:{minutes:02d}"

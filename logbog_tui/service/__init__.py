"""The rules of the organisation as pure functions over plain data.

No database, no Textual, no translations: values in, values out. Messages are returned as
keys (see :class:`Problem`) that the UI layers translate.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem(Exception):
    """A rule or parse failure, as a message key plus parameters for the translation layer."""

    key: str
    params: dict = field(default_factory=dict)

    def __str__(self) -> str:
        return self.key

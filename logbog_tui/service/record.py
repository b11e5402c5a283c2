"""Small immutable values with named fields, made without :mod:`dataclasses`' code generation.

``@dataclass(frozen=True)`` would do, but it writes and compiles five methods per class (about
0.6 ms each; the ~45 value classes the TUI imports before its first frame took ~28 ms), and for
``logbog host`` importing :mod:`dataclasses` itself (with :mod:`inspect`, :mod:`ast`, :mod:`dis`,
:mod:`tokenize`) costs about 10 ms of a ~50 ms command (docs/performance.md). A subclass lists
its fields as annotations, in order, with defaults as class attributes (immutable ones only);
instances compare and hash by their fields, like a frozen dataclass. Type checkers read the class
as a frozen dataclass (``dataclass_transform``); tests/test_record.py checks that it behaves as
one. Making an instance costs about twice what a dataclass takes (a few µs): a value made per entry
(``service.budget.HourRow``) stays a dataclass.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (~3 ms)
if TYPE_CHECKING:
    from typing import Any, ClassVar, dataclass_transform
else:
    def dataclass_transform(**_options):
        return lambda cls: cls


@dataclass_transform(frozen_default=True, eq_default=True)
class Record:
    """Base of a small immutable value: fields from the annotations, defaults from class attributes."""

    _fields: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls) -> None:
        own = tuple(name for name in cls.__dict__.get("__annotations__", {}) if not name.startswith("_"))
        cls._fields = cls._fields + own
        defaults = [name for name in cls._fields if hasattr(cls, name)]
        if defaults and any(not hasattr(cls, name) for name in cls._fields[cls._fields.index(defaults[0]):]):
            raise TypeError(f"{cls.__name__}: a field without a default follows one with a default")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        fields = cls._fields
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__} takes {len(fields)} values, {len(args)} were given")
        values = dict(zip(fields, args, strict=False))  # fewer values than fields: defaults follow
        for name, value in kwargs.items():
            if name not in fields:
                raise TypeError(f"{cls.__name__} has no field {name!r}")
            if name in values:
                raise TypeError(f"{cls.__name__}: {name!r} given twice")
            values[name] = value
        for name in fields:
            if name not in values:
                if not hasattr(cls, name):
                    raise TypeError(f"{cls.__name__}: {name!r} is missing")
                values[name] = getattr(cls, name)
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} cannot be changed ({name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} cannot be changed ({name!r})")

    def _values(self) -> tuple[Any, ...]:
        return tuple(self.__dict__[name] for name in self._fields)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={self.__dict__[name]!r}" for name in self._fields)
        return f"{type(self).__name__}({shown})"

"""The base of the checker's plain data classes.

Why not ``dataclasses``: ``@dataclass`` writes each class's methods as source
and compiles them when the module is imported.  In the browser that cost
0.5–1 ms a class, on the checker page's start-up path, for nineteen classes.
These classes are plain data with identity equality; an ``__init__`` written
out costs nothing to import.
"""
from __future__ import annotations


class Record:
    """A plain data object: its attributes are its fields; equality is identity."""

    __slots__ = ()

    def __repr__(self) -> str:
        names = getattr(self, "__dict__", None) or [n for c in type(self).__mro__
                                                   for n in getattr(c, "__slots__", ()) if hasattr(self, n)]
        fields = ", ".join(f"{k}={getattr(self, k)!r}" for k in names)
        return f"{type(self).__name__}({fields})"

"""Stage 5: the rules.

Each rule is a small named unit: a stable code, a severity, a category, a
Chinese title, and a docstring (what it checks, why it matters, an example)
from which the site's rule catalogue is generated.  A rule reads the report
as the earlier stages left it and yields :class:`Finding` objects, or
:class:`NotChecked` when a cell it needs could not be read — never a pass or
a failure it cannot back.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from ..normalize import Text
from ..sections import Sections
from ..tables import Tables

SEVERITIES = ("error", "warning", "info")
CATEGORIES = ("arithmetic", "structure", "narrative", "metadata", "integrity", "input")


@dataclass(eq=False)
class Report:
    """What the rules read: every earlier stage's output, untouched."""

    text: Text
    sections: Sections
    tables: Tables
    file: str | None = None
    previous: "Report | None" = None  # last year's report of the same body, when given
    # Why the input could not be read at all ("empty", "undecodable",
    # "too_large"), with the message for the user; the input rules report it.
    input_problem: tuple[str, str] | None = None
    # What several rules read and one computes once (the prose's sentences,
    # the figures they state), keyed by name.
    derived: dict[str, Any] = field(default_factory=dict)

    def table(self, tid: str):
        return self.tables.tables.get(tid)


@dataclass(eq=False)
class Finding:
    message: str
    cells: list[tuple[str, str, str]] = field(default_factory=list)
    expected: Any = None
    actual: Any = None
    line: int | None = None  # 0-based line of the user's text it is about
    quote: str | None = None  # the user's words, as written
    rule: str = ""
    severity: str = ""
    category: str = ""

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "category": self.category,
            "message": self.message,
            "cells": [list(c) for c in self.cells],
            "expected": self.expected,
            "actual": self.actual,
        }
        if self.line is not None:
            out["line"] = self.line + 1
        if self.quote is not None:
            out["quote"] = self.quote
        return out


@dataclass(eq=False)
class NotChecked:
    reason: str
    rule: str = ""

    def as_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "reason": self.reason}


Outcome = Finding | NotChecked


@dataclass(eq=False)
class Rule:
    code: str
    severity: str
    category: str
    title: str
    doc: str  # markdown, Chinese
    check: Callable[[Report], Iterable[Outcome]]
    # Rules that read two reports run only when last year's is given.
    needs_previous: bool = False

    def run(self, report: Report) -> Iterator[Outcome]:
        for outcome in self.check(report):
            outcome.rule = self.code
            if isinstance(outcome, Finding):
                outcome.severity = outcome.severity or self.severity
                outcome.category = self.category
            yield outcome


RULES: list[Rule] = []


def rule(code: str, severity: str, category: str, title: str, *, needs_previous: bool = False):
    """Register a check function as a rule; its docstring is its documentation."""
    assert severity in SEVERITIES and category in CATEGORIES

    def register(fn: Callable[[Report], Iterable[Outcome]]):
        if any(r.code == code for r in RULES):
            raise ValueError(f"rule code {code} used twice")
        RULES.append(Rule(code, severity, category, title, inspect.cleandoc(fn.__doc__ or ""), fn,
                          needs_previous))
        return fn

    return register


def rule_by_code(code: str) -> Rule:
    for r in RULES:
        if r.code == code:
            return r
    raise KeyError(code)


# Importing the modules registers their rules, in catalogue order.
from . import input as _input  # noqa: E402,F401
from . import structure as _structure  # noqa: E402,F401
from . import arithmetic as _arithmetic  # noqa: E402,F401
from . import narrative as _narrative  # noqa: E402,F401
from . import metadata as _metadata  # noqa: E402,F401
from . import completeness as _completeness  # noqa: E402,F401
from . import plausibility as _plausibility  # noqa: E402,F401
from . import integrity as _integrity  # noqa: E402,F401
from . import previous as _previous  # noqa: E402,F401

"""Stage 6: the rules.

Each rule is a small named unit: a stable code, the severities it may give
(the first is its usual one), a category (the code's letter says which), a
Chinese title, and a docstring (检查什么, 为什么, 怎样改, 示例) from which the
site's rule catalogue is generated.  A rule reads the report as the earlier
stages left it and yields :class:`Finding` objects, or :class:`NotChecked`
when a cell it needs could not be read — never a pass or a failure it cannot
back.  Rules never import one another: what several read is a stage's output.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..extract import Source
from ..formats import Format, Table
from ..normalize import Text
from ..problems import InputProblem
from ..prose import Prose
from ..record import Record
from ..sections import Sections
from ..tables import Recovered, Tables
from ..vocabulary import CATEGORIES, HOW_TO_FIX, PREFIXES, SEVERITIES, category_of_code


class Report(Record):
    """What the rules read: every earlier stage's output, untouched."""

    def __init__(
        self,
        text: Text,
        sections: Sections,
        tables: Tables,
        prose: Prose,
        file: str | None = None,
        previous: Report | None = None,
        input_problem: InputProblem | None = None,
        source: Source | None = None,
    ) -> None:
        self.text = text
        self.sections = sections
        self.tables = tables
        self.prose = prose
        self.file = file
        self.previous = previous  # last year's report of the same body, when given
        # Why the input could not be read at all; the input rules report it.
        self.input_problem = input_problem
        # How the text was got from a file or a page (None: pasted text).
        self.source = source

    def table(self, tid: str) -> Recovered | None:
        return self.tables.tables.get(tid)

    @property
    def format(self) -> Format | None:
        """The format the tables were read in (None when no table was found)."""
        return self.tables.format

    def spec(self, tid: str) -> Table | None:
        fmt = self.tables.format
        return None if fmt is None else fmt.tables[tid]


class Finding(Record):
    def __init__(
        self,
        message: str,
        cells: list[tuple[str, str, str]] | None = None,
        expected: Any = None,
        actual: Any = None,
        line: int | None = None,
        quote: str | None = None,
        rule: str = "",
        severity: str = "",
        category: str = "",
        fix: str | None = None,
    ) -> None:
        self.message = message
        self.cells = [] if cells is None else cells
        self.expected = expected
        self.actual = actual
        self.line = line  # 0-based line of the user's text it is about
        self.quote = quote  # the user's words, as written
        self.rule = rule
        self.severity = severity
        self.category = category
        self.fix = fix  # 怎样改: one line on what to change, when it is known

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
        if self.fix:
            out["fix"] = self.fix
        return out


class NotChecked(Record):
    def __init__(self, reason: str, rule: str = "") -> None:
        self.reason = reason
        self.rule = rule

    def as_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "reason": self.reason}


Outcome = Finding | NotChecked


class Rule(Record):
    def __init__(
        self,
        code: str,
        severities: tuple[str, ...],
        category: str,
        title: str,
        doc: str,
        check: Callable[[Report], Iterable[Outcome]],
        needs_previous: bool = False,
        needs_tables: bool = True,
    ) -> None:
        self.code = code
        self.severities = severities  # what its findings may be; the first is the usual one
        self.category = category
        self.title = title
        self.doc = doc  # markdown, Chinese
        self.fix = _section(doc, HOW_TO_FIX)  # what a finding of it says to do, unless it knows better
        self.check = check
        # Rules that read two reports run only when last year's is given.
        self.needs_previous = needs_previous
        # Rules that read the tables run only when a table could be read; the
        # rest (defacement, the year, the dates, the prose alone) run on any text.
        self.needs_tables = needs_tables

    @property
    def severity(self) -> str:
        return self.severities[0]

    def run(self, report: Report) -> list[Outcome]:
        """The rule's outcomes on the report, each marked as the rule's.  (A list,
        not a generator around the rule's own: most of the forty rules say
        nothing, and the check need not make forty more generators to hear it.)"""
        outcomes = list(self.check(report))
        for outcome in outcomes:
            outcome.rule = self.code
            if isinstance(outcome, Finding):
                outcome.severity = outcome.severity or self.severity
                if outcome.severity not in self.severities:
                    raise ValueError(f"{self.code} gave a {outcome.severity} finding; it declares {self.severities}")
                outcome.category = self.category
                outcome.fix = outcome.fix or self.fix
        return outcomes


RULES: list[Rule] = []


def _section(doc: str, name: str) -> str | None:
    """The paragraph of a rule's docstring that starts with ``name：``, as one line."""
    for para in doc.split("\n\n"):
        if para.startswith(name + "："):
            return " ".join(line.strip() for line in para[len(name) + 1:].splitlines()).strip()
    return None


def _cleandoc(doc: str) -> str:
    """A docstring without its indentation and its blank first and last lines, as
    inspect.cleandoc gives it (inspect itself, with ast and dis, would cost the
    page's start-up several ms to import for this alone)."""
    lines = doc.expandtabs().split("\n")
    indents = [len(line) - len(line.lstrip()) for line in lines[1:] if line.strip()]
    margin = min(indents, default=0)
    lines = [lines[0].lstrip()] + [line[margin:].rstrip() if line.strip() else "" for line in lines[1:]]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def rule(code: str, severity: str | tuple[str, ...], category: str, title: str, *, needs_previous: bool = False,
         needs_tables: bool = True):
    """Register a check function as a rule; its docstring is its documentation.

    ``severity``: the severity of its findings, or every severity it may give
    (the usual one first).  ``needs_tables=False``: the rule reads only the
    text (the prose, the title, the dates), so it runs even when no table
    could be read.
    """
    severities = (severity,) if isinstance(severity, str) else tuple(severity)
    assert all(s in SEVERITIES for s in severities) and category in CATEGORIES
    assert category == category_of_code(code), f"{code}: its letter stands for {category_of_code(code)}"

    def register(fn: Callable[[Report], Iterable[Outcome]]):
        if any(r.code == code for r in RULES):
            raise ValueError(f"rule code {code} used twice")
        RULES.append(Rule(code, severities, category, title, _cleandoc(fn.__doc__ or ""), fn,
                          needs_previous, needs_tables))
        return fn

    return register


# Importing the modules registers their rules; the catalogue's order is the
# order of the code letters in gouji.vocabulary.PREFIXES, then the codes.
from . import arithmetic as _arithmetic  # noqa: E402,F401
from . import completeness as _completeness  # noqa: E402,F401
from . import input as _input  # noqa: E402,F401
from . import integrity as _integrity  # noqa: E402,F401
from . import metadata as _metadata  # noqa: E402,F401
from . import narrative as _narrative  # noqa: E402,F401
from . import plausibility as _plausibility  # noqa: E402,F401
from . import previous as _previous  # noqa: E402,F401
from . import structure as _structure  # noqa: E402,F401

RULES.sort(key=lambda r: (list(PREFIXES).index(r.code[0]), r.code))

"""The pipeline, in one straight line:
decode → normalize → sections → tables → prose → rules → diagnosis → result."""

from __future__ import annotations

from typing import Any

from .decode import check_text_size, decode
from .diagnosis import diagnose
from .normalize import Text, normalize
from .problems import Empty, InputProblem
from .prose import Prose, read_prose
from .result import build_result
from .rules import RULES, NotChecked, Outcome, Report
from .sections import Sections, find_sections
from .tables import Tables, recover_tables


def read_report(text: str, file: str | None = None) -> Report:
    """Every stage up to the rules; the rules read what this returns."""
    problem = check_text_size(text)
    if problem is None and not text.strip():
        problem = Empty()
    if problem is not None:
        return _unreadable(problem, file)
    norm = normalize(text)
    sections = find_sections(norm)
    tables = recover_tables(norm, sections)
    prose = read_prose(norm, sections, tables.format)
    return Report(norm, sections, tables, prose, file)


def _unreadable(problem: InputProblem, file: str | None) -> Report:
    return Report(Text([], [], False), Sections(), Tables(None, {}, []), Prose([], []), file, input_problem=problem)


def run_rules(report: Report) -> list[Outcome]:
    """Every rule's findings and not-checked notes, in catalogue order.

    A rule that fails loses only itself: its exception becomes a NotChecked
    naming it, and every other rule's outcome stands.
    """
    outcomes: list[Outcome] = []
    blocked = report.input_problem is not None or not report.tables.readable
    if blocked:
        outcomes.append(NotChecked("没有读到年度报告的表格（见上方的说明），其余各项检查都没有做。", "*"))
    for rule in RULES:
        if rule.needs_previous and report.previous is None:
            continue
        if blocked and rule.category != "input":
            continue
        try:
            outcomes.extend(rule.run(report))
        except Exception as exc:  # a bug in one rule: said, and the others go on
            outcomes = [o for o in outcomes if o.rule != rule.code]
            outcomes.append(NotChecked(f"这项检查出现内部错误（{type(exc).__name__}），没有完成；其他检查不受影响。",
                                       rule.code))
    return outcomes


def check_text(text: str, file: str | None = None, previous: str | None = None) -> dict[str, Any]:
    """Check one report given as text; the result is plain data (see ``gouji.result``).

    ``previous``: last year's report of the same body, for the Y rules.
    Never raises on any text: what cannot be read is said in the result.
    """
    report = read_report(text, file)
    if previous is not None:
        report.previous = read_report(previous)
    return build_result(report, run_rules(report), diagnose(report.tables))


def check_bytes(data: bytes, file: str | None = None, previous: bytes | None = None) -> dict[str, Any]:
    """Check one report given as the bytes of a file (the encoding is found out)."""
    decoded = decode(data)
    if decoded.text is None:
        report = _unreadable(decoded.problem, file)  # type: ignore[arg-type]
        return build_result(report, run_rules(report))
    prev_text = None
    if previous is not None:
        prev_text = decode(previous).text
    return check_text(decoded.text, file, prev_text)


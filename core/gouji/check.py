"""The pipeline, in one straight line: decode → normalize → sections → tables → rules → result."""

from __future__ import annotations

from typing import Any

from .decode import check_text_size, decode
from .normalize import Text, normalize
from .result import build_result
from .rules import RULES, Finding, NotChecked, Report
from .sections import Sections, find_sections
from .tables import Tables, recover_tables


def read_report(text: str, file: str | None = None) -> Report:
    """Every stage up to the rules; the rules read what this returns."""
    problem = check_text_size(text)
    if problem:
        return _unreadable(("too_large", problem), file)
    if not text.strip():
        return _unreadable(("empty", "输入为空：没有可以检查的文字。请粘贴年度报告全文，或选择报告的文本文件。"), file)
    norm = normalize(text)
    sections = find_sections(norm)
    tables = recover_tables(norm, sections)
    return Report(norm, sections, tables, file)


def _unreadable(problem: tuple[str, str], file: str | None) -> Report:
    return Report(Text([], [], False), Sections(), Tables(None, {}, []), file, input_problem=problem)


def run_rules(report: Report) -> list[Finding | NotChecked]:
    outcomes: list[Finding | NotChecked] = []
    blocked = report.input_problem is not None or not report.tables.readable
    for rule in RULES:
        if rule.needs_previous and report.previous is None:
            continue
        if blocked and rule.category != "input":
            outcomes.append(NotChecked("没有可以检查的年度报告内容（见上方输入提示），这项没有检查。", rule.code))
            continue
        outcomes.extend(rule.run(report))
    return outcomes


def check_text(text: str, file: str | None = None, previous: str | None = None) -> dict[str, Any]:
    report = read_report(text, file)
    if previous is not None:
        report.previous = read_report(previous)
    return build_result(report, run_rules(report))


def check_bytes(data: bytes, file: str | None = None, previous: bytes | None = None) -> dict[str, Any]:
    decoded = decode(data)
    if decoded.text is None:
        kind = "too_large" if "过大" in (decoded.problem or "") else "undecodable"
        report = _unreadable((kind, decoded.problem or ""), file)
        return build_result(report, run_rules(report))
    prev_text = None
    if previous is not None:
        prev = decode(previous)
        prev_text = prev.text
    return check_text(decoded.text, file, prev_text)

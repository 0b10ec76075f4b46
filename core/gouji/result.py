"""Stage 8: the result, as plain data (the contract of the site, the CLI and the tests).

    {"file"?, "verdict": "pass" | "fail" | "incomplete" | "unreadable",
     "format", "year", "body", "tables": {table: {row: {column: value|null}}},
     "row_numbers"?: {table: {row: value}}  (a table that came flattened, one
                     number a row: its cells are null, its numbers are here),
     "findings": [{"rule", "severity", "category", "message", "cells", "expected", "actual",
                   "line"?, "quote"?, "fix"?}],
     "suspects": [{"cell": [table, row, column], "value", "suggested", "explains": [codes],
                   "sure", "message", "group", "together"?}],
     "unchecked": [what could not be checked, in words],
     "not_checked": [{"rule", "reason"}],
     "previous"?: {"year", "body"}}  (last year's report, when one was given)

Findings come heaviest first, in rule order within a severity.  Suspects
with the same ``group`` answer the same error (failed sums that share cells):
one sure answer, or several candidates of which any one is enough.  ``verdict``
is decided here, once (:func:`verdict`); the page's state and colours and the
CLI's summary and exit code follow it.  The page and the CLI only render this.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .diagnosis import Suspect, describe
from .formats import APPEALS_ID, REQUESTS_ID
from .normalize import without_lone_surrogates
from .problems import InputProblem
from .rules import RULES, Finding, NotChecked, Outcome, Report
from .vocabulary import SEVERITIES, severity_rank

#: The tables whose sums decide a pass: 三 and 四.
_SUMMED = (REQUESTS_ID, APPEALS_ID)


def build_result(report: Report, outcomes: list[Outcome], suspects: list[Suspect] | None = None) -> dict[str, Any]:
    """The result of one check: what was read, every rule's outcome, the cells
    most likely to fix, and the verdict."""
    findings = [o for o in outcomes if isinstance(o, Finding)]
    findings.sort(key=lambda f: severity_rank(f.severity))  # stable: rule order within a severity
    suspects = suspects or []
    _point_at_suspects(findings, suspects, report)
    not_checked = [o.as_json() for o in outcomes if isinstance(o, NotChecked)]
    fmt = report.tables.format
    unchecked = what_was_not_checked(report)
    out: dict[str, Any] = {}
    if report.file is not None:
        out["file"] = report.file
    # A flattened table's numbers cannot be put in columns (its cells stay
    # null), but the reader of the result sees what each row said.
    flat = {tid: numbers for tid, rec in report.tables.tables.items() if (numbers := rec.flattened_numbers())}
    out.update({
        "verdict": verdict(report, findings, unchecked),
        "format": fmt.id if fmt is not None else None,
        "year": report.sections.year,
        "body": report.sections.body,
        "tables": {tid: rec.as_json() for tid, rec in report.tables.tables.items()},
        **({"row_numbers": flat} if flat else {}),
        "findings": [f.as_json() for f in findings],
        "suspects": [_suspect_json(s, report) for s in suspects],
        "unchecked": unchecked,
        "not_checked": not_checked,
    })
    if report.previous is not None:
        out["previous"] = {"year": report.previous.sections.year, "body": report.previous.sections.body}
    return out


def verdict(report: Report, findings: list[Finding], unchecked: list[str]) -> str:
    """pass | fail | incomplete | unreadable: the one place the verdict is decided.

    ``fail``: an error was found in what could be read (it wins over the
    rest).  ``unreadable``: no report table could be read.
    ``incomplete``: tables 三 and 四 were not both read, or some of their sums
    could not be checked.  ``pass``: every sum was checked and no error found.
    """
    if any(f.severity == "error" and f.category != "input" for f in findings):
        return "fail"
    if report.input_problem is not None or not report.tables.readable:
        return "unreadable"
    if unchecked:
        return "incomplete"
    return "pass"


def what_was_not_checked(report: Report) -> list[str]:
    """What of tables 三 and 四 could not be checked, in words; empty when every sum was."""
    fmt = report.format
    if fmt is None:
        return ["没有找到年度报告的表格，勾稽关系都没有检查"] if report.input_problem is None else []
    out = [f"没有找到{fmt.tables[tid].name}，其中的勾稽关系没有检查"
           for tid in _SUMMED if report.table(tid) is None]
    for identity in fmt.identities:
        mine = report.tables.sums_of(identity)
        open_ = [s for s in mine if not s.readable]
        if open_:
            spec = fmt.tables[identity.table]
            title = next((r.title for r in RULES if r.code == identity.code), identity.code)
            out.append(f"{spec.part_name}“{title}”有 {len(open_)} 处"
                       f"（共 {len(mine)} 处）因单元格无法读取没有检查")
    return out


def _suspect_json(s: Suspect, report: Report) -> dict[str, Any]:
    fmt = report.format
    assert fmt is not None
    out: dict[str, Any] = {"cell": list(s.cell), "value": s.value, "suggested": s.suggested,
                           "explains": s.explains, "sure": s.sure, "message": describe(s, fmt),
                           "group": s.group}
    if s.together:
        out["together"] = [list(c) for c in s.together]
    return out


def _point_at_suspects(findings: list[Finding], suspects: list[Suspect], report: Report) -> None:
    """A failed sum explained by one sure cell says so in its 怎样改 line."""
    fmt = report.format
    if fmt is None:
        return
    for f in findings:
        sure = [s for s in suspects if s.sure and s.cell in f.cells and f.rule in s.explains]
        if len(sure) == 1:
            f.fix = f"最可能是{describe(sure[0], fmt)}。改这一个数字即可。"


def unreadable_result(problem: InputProblem, file: str | None = None) -> dict[str, Any]:
    """The result for an input that could not be checked at all (a missing file,
    a failure of the checker itself): one finding that says why, nothing passed."""
    finding = Finding(problem.message, rule=problem.rule or problem.kind, severity="error", category="input")
    out: dict[str, Any] = {} if file is None else {"file": file}
    out.update({"verdict": "unreadable", "format": None, "year": None, "body": None, "tables": {},
                "findings": [finding.as_json()], "suspects": [], "unchecked": [],
                "not_checked": [{"rule": "*", "reason": "输入无法读取，没有做任何检查。"}]})
    return out


def to_json(result: dict[str, Any], **kwargs: Any) -> str:
    """The result as strict JSON text: no NaN or Infinity (a value that is not a
    finite number is null), no lone surrogate (made U+FFFD).  The CLI and the
    page's worker write results only through this.  Compact: no space after
    the separators (a tenth less to write, and to pass to the page)."""
    encode = _COMPACT.encode if not kwargs else json.JSONEncoder(**{**_STRICT, **kwargs}).encode
    try:
        text = encode(result)
        text.encode("utf-8")
        return text
    except (ValueError, UnicodeEncodeError):
        return encode(_strict(result))


_STRICT: dict[str, Any] = {"ensure_ascii": False, "allow_nan": False, "separators": (",", ":")}
# (made once: the CLI writes a result for every report; a result is a tree
# made afresh for each report, with no cycle to look for)
_COMPACT = json.JSONEncoder(**_STRICT, check_circular=False)


def _strict(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return without_lone_surrogates(value)
    if isinstance(value, dict):
        return {_strict(k): _strict(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_strict(v) for v in value]
    return value


def summary_counts(result: dict[str, Any]) -> dict[str, int]:
    """How many findings of each severity, and how many checks were not done."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in result["findings"]:
        counts[f["severity"]] += 1
    counts["not_checked"] = len(result["not_checked"])
    return counts

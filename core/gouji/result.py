"""Stage 7: the result, as plain data (the contract of the site, the CLI and the tests).

    {"file"?, "format", "year", "body", "tables": {table: {row: {column: value|null}}},
     "findings": [{"rule", "severity", "category", "message", "cells", "expected", "actual", "line"?, "quote"?}],
     "not_checked": [{"rule", "reason"}]}

Findings come heaviest first, in rule order within a severity.  The page and
the CLI only render this.
"""

from __future__ import annotations

from typing import Any

from .problems import InputProblem
from .rules import Finding, NotChecked, Outcome, Report
from .vocabulary import SEVERITIES, severity_rank


def build_result(report: Report, outcomes: list[Outcome]) -> dict[str, Any]:
    """The result of one check: what was read, and every rule's outcome."""
    findings = [o for o in outcomes if isinstance(o, Finding)]
    findings.sort(key=lambda f: severity_rank(f.severity))  # stable: rule order within a severity
    not_checked = [o.as_json() for o in outcomes if isinstance(o, NotChecked)]
    fmt = report.tables.format
    out: dict[str, Any] = {}
    if report.file is not None:
        out["file"] = report.file
    out.update({
        "format": fmt.id if fmt is not None else None,
        "year": report.sections.year,
        "body": report.sections.body,
        "tables": {tid: rec.as_json() for tid, rec in report.tables.tables.items()},
        "findings": [f.as_json() for f in findings],
        "not_checked": not_checked,
    })
    return out


def unreadable_result(problem: InputProblem, file: str | None = None) -> dict[str, Any]:
    """The result for an input that could not be checked at all (a missing file,
    a failure of the checker itself): one finding that says why, nothing passed."""
    finding = Finding(problem.message, rule=problem.rule or problem.kind, severity="error", category="input")
    out: dict[str, Any] = {} if file is None else {"file": file}
    out.update({"format": None, "year": None, "body": None, "tables": {},
                "findings": [finding.as_json()],
                "not_checked": [{"rule": "*", "reason": "输入无法读取，没有做任何检查。"}]})
    return out


def summary_counts(result: dict[str, Any]) -> dict[str, int]:
    """How many findings of each severity, and how many checks were not done."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in result["findings"]:
        counts[f["severity"]] += 1
    counts["not_checked"] = len(result["not_checked"])
    return counts

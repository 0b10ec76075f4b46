"""Stage 6: the result, as plain data (the contract of the site, CLI and tests)."""

from __future__ import annotations

from typing import Any

from .rules import Finding, NotChecked, Report

_ORDER = {"error": 0, "warning": 1, "info": 2}


def build_result(report: Report, outcomes: list[Finding | NotChecked]) -> dict[str, Any]:
    findings = [o for o in outcomes if isinstance(o, Finding)]
    findings.sort(key=lambda f: _ORDER[f.severity])  # stable: rule order within a severity
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


def summary_counts(result: dict[str, Any]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in result["findings"]:
        counts[f["severity"]] += 1
    counts["not_checked"] = len(result["not_checked"])
    return counts

"""The checker's own words, each spelled once.

Severities, categories, rule-code prefixes and verdicts, with the Chinese a
clerk reads.  The rules, the result, the CLI and the site's build read them
from here; the checker page gets them through the site's ``manifest.json``
(``gouji.web.vocabulary``).  The words of the report template itself (tables,
rows, columns, parts) live in :mod:`gouji.formats`.
"""
from __future__ import annotations

#: Severity id → the word the page and the CLI show, heaviest first.
SEVERITIES: dict[str, str] = {"error": "错误", "warning": "提示", "info": "信息"}

#: Category id → its word.
CATEGORIES: dict[str, str] = {
    "arithmetic": "勾稽关系",
    "structure": "表格结构",
    "narrative": "正文与表格",
    "metadata": "报告信息",
    "plausibility": "合理性",
    "integrity": "页面完整性",
    "input": "输入",
}

#: A rule code's letter → the category every rule with that letter belongs to,
#: and what the letter stands for in the rule catalogue.
PREFIXES: dict[str, tuple[str, str]] = {
    "U": ("input", "输入"),
    "S": ("structure", "表格结构"),
    "A": ("arithmetic", "表内勾稽关系"),
    "N": ("narrative", "正文与表格"),
    "M": ("metadata", "年度、日期与机关"),
    "C": ("structure", "报告的组成部分"),
    "P": ("plausibility", "数字是否合理"),
    "D": ("integrity", "页面篡改"),
    "Y": ("arithmetic", "与上年报告对照"),
}

#: Verdict id → (the page's state, the headline a clerk reads).  One function
#: decides the verdict (``gouji.result.verdict``); the page's state and colours
#: and the CLI's summary and exit code follow it.
VERDICTS: dict[str, tuple[str, str]] = {
    "pass": ("pass", "通过"),
    "fail": ("fail", "有错误"),
    "incomplete": ("incomplete", "未能全部检查"),
    "unreadable": ("error", "无法检查"),
}

#: What a check that could not be done is called, wherever it is listed.
NOT_CHECKED = "未能检查"

#: The "how to fix" heading, in rule docs and in a finding's hint.
HOW_TO_FIX = "怎样改"


def severity_rank(severity: str) -> int:
    """0 for the heaviest severity; unknown ones sort last."""
    order = list(SEVERITIES)
    return order.index(severity) if severity in order else len(order)


def category_of_code(code: str) -> str:
    """The category a rule code's letter stands for."""
    return PREFIXES[code[:1]][0]

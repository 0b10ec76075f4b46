"""MkDocs hook: the rule catalogue, generated from the checker's own rules.

One page per rule (``rules/<CODE>.md``) from its docstring, and an index
``rules/index.md``, added to the site as generated files (never written into
``site/``); the navigation's 规则 entry gets every rule page under it.  The
words (severities, categories, code letters) are the core's
(``gouji.vocabulary``), as on the checker page and in the CLI.
"""
from __future__ import annotations

import checkout_core  # noqa: F401  (core/ on sys.path)
from mkdocs.structure.files import File

import gouji
from gouji.rules import RULES
from gouji.vocabulary import CATEGORIES, HOW_TO_FIX, PREFIXES, SEVERITIES

INDEX = "rules/index.md"


def _severities(rule) -> str:
    words = [SEVERITIES[s] for s in rule.severities]
    return words[0] if len(words) == 1 else f"{words[0]}（个别情形为{'、'.join(words[1:])}）"


def rule_page(rule) -> str:
    return "\n".join([
        f"# {rule.code} {rule.title}",
        "",
        "| 代码 | 严重程度 | 类别 |",
        "| --- | --- | --- |",
        f"| `{rule.code}` | {_severities(rule)} | {CATEGORIES[rule.category]} |",
        "",
        (rule.doc or "").strip(),
        "",
        "[返回规则列表](index.md) · [打开检查页](../index.md)",
        "",
    ])


def index_page() -> str:
    lines = [
        "# 规则",
        "",
        f"检查器的每条规则一页：检查什么、为什么、{HOW_TO_FIX}、一个不通过的示例。"
        "检查结果中每条发现前的规则代码都链接到这里。",
        "",
        "规则代码的字母表示规则的种类：" + "；".join(f"**{k}** {v[1]}" for k, v in PREFIXES.items()) + "。",
        "",
        "| 代码 | 名称 | 严重程度 | 类别 |",
        "| --- | --- | --- | --- |",
    ]
    for r in RULES:
        lines.append(f"| [`{r.code}`]({r.code}.md) | {r.title} | {_severities(r)} | {CATEGORIES[r.category]} |")
    lines += ["", f"共 {len(RULES)} 条规则（gouji {gouji.__version__}）。", ""]
    return "\n".join(lines)


def on_config(config, **kwargs):
    """Under 规则 in the navigation: the index, then every rule's page."""
    entries = [INDEX] + [{f"{r.code} {r.title}": f"rules/{r.code}.md"} for r in RULES]
    for i, item in enumerate(config["nav"] or []):
        if isinstance(item, dict) and item.get("规则") == INDEX:
            config["nav"][i] = {"规则": entries}
    return config


def on_files(files, config, **kwargs):
    files.append(File.generated(config, INDEX, content=index_page()))
    for r in RULES:
        files.append(File.generated(config, f"rules/{r.code}.md", content=rule_page(r)))
    return files

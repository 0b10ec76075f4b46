"""`gouji check PATH...`: check reports in files, folders or standard input.

Exit status: 0 when no report has an error finding, 1 when any has, 2 when an
input could not be read (missing file, binary junk, empty, no report table).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from typing import Any

from . import __version__
from .check import check_bytes
from .problems import Unopenable
from .result import summary_counts, unreadable_result
from .rules import RULES
from .vocabulary import CATEGORIES, SEVERITIES

#: What a folder is searched for; a file named on the command line is read whatever its name.
TEXT_SUFFIXES = (".txt", ".text", ".md", ".htm", ".html")


def _inputs(paths: list[str]) -> Iterator[tuple[str, bytes | None, str | None]]:
    """(name, data, problem) for every report to check, in a stable order."""
    for path in paths:
        if path == "-":
            yield "-", sys.stdin.buffer.read(), None
        elif os.path.isdir(path):
            found = False
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith(TEXT_SUFFIXES):
                        found = True
                        yield from _read(os.path.join(root, name))
            if not found:
                yield path, None, f"文件夹中没有文本文件（{'、'.join(TEXT_SUFFIXES)}）。"
        else:
            yield from _read(path)


def _read(path: str) -> Iterator[tuple[str, bytes | None, str | None]]:
    try:
        with open(path, "rb") as fh:
            yield path, fh.read(), None
    except OSError as exc:
        yield path, None, f"无法打开文件：{exc.strerror or exc}"


def render_summary(result: dict[str, Any]) -> str:
    """A few lines a person reads in a terminal."""
    counts = summary_counts(result)
    name = result.get("file") or "（标准输入）"
    meta = "，".join(x for x in (
        result.get("body"),
        f"{result['year']}年度" if result.get("year") else None,
        f"{result['format']}版格式" if result.get("format") else None,
    ) if x)
    if counts["error"]:
        verdict = f"{counts['error']} 处错误"
    elif any(f["category"] == "input" for f in result["findings"]):
        verdict = "无法检查"
    else:
        verdict = "通过"
    extras = [f"{counts['warning']} 处提示" if counts["warning"] else "",
              f"{counts['info']} 条信息" if counts["info"] else "",
              f"{counts['not_checked']} 项未能检查" if counts["not_checked"] else ""]
    line = f"{name}：{verdict}" + "".join(f"，{e}" for e in extras if e)
    if meta:
        line += f"（{meta}）"
    out = [line]
    for f in result["findings"]:
        out.append(f"  [{f['rule']} {SEVERITIES[f['severity']]}] {f['message']}")
    # Rules skipped for one shared reason are listed together.
    by_reason: dict[str, list[str]] = {}
    for n in result["not_checked"]:
        by_reason.setdefault(n["reason"], []).append(n["rule"])
    for reason, codes in by_reason.items():
        out.append(f"  [{'、'.join(codes)} 未检查] {reason}")
    return "\n".join(out)


def list_rules(as_json: bool) -> int:
    """Every rule: code, severities, category and title (the catalogue the site documents)."""
    rows: list[dict[str, Any]] = [
        {"code": r.code, "severity": r.severity, "severities": list(r.severities), "category": r.category,
         "title": r.title} for r in RULES]
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        return 0
    for r in rows:
        words = "/".join(SEVERITIES[s] for s in r["severities"])
        sys.stdout.write(f"{r['code']}  {words:<5}  {CATEGORIES[r['category']]:<6}  {r['title']}\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gouji", description="政府信息公开工作年度报告勾稽检查")
    parser.add_argument("--version", action="version", version=f"gouji {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="检查年度报告（文件、文件夹或 - 表示标准输入）")
    check.add_argument("paths", nargs="+", metavar="PATH")
    check.add_argument("--json", action="store_true", help="每份报告输出一行 JSON（JSON Lines）")
    check.add_argument("--previous", metavar="LAST", help="同一机关上一年度的报告，用于核对结转数等")
    listing = sub.add_parser("rules", help="列出全部检查规则")
    listing.add_argument("--json", action="store_true", help="输出 JSON")
    args = parser.parse_args(argv)
    if args.command == "rules":
        return list_rules(args.json)

    previous: bytes | None = None
    if args.previous:
        try:
            with open(args.previous, "rb") as fh:
                previous = fh.read()
        except OSError as exc:
            print(f"gouji: 无法打开上年报告 {args.previous}：{exc.strerror or exc}", file=sys.stderr)
            return 2

    status = 0
    for name, data, problem in _inputs(args.paths):
        file = None if name == "-" else name
        if data is None:
            result = unreadable_result(Unopenable(problem or "无法读取"), name)
        else:
            result = check_bytes(data, file, previous)
        if args.json:
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(render_summary(result) + "\n")
        if any(f["category"] == "input" and f["severity"] == "error" for f in result["findings"]):
            status = 2
        elif status == 0 and any(f["severity"] == "error" for f in result["findings"]):
            status = 1
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

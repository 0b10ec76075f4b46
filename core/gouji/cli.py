"""`gouji check PATH...`: check reports in files, folders or standard input;
`gouji rules`: list the rules.

Exit status (from each report's verdict): 0 when every report passed; 1 when
a report has an error; 3 when none has an error but some could not be fully
checked; 2 when an input could not be read at all (a missing file, binary
junk, an empty file, a text with no report table).  2 wins over 1, 1 over 3.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from collections.abc import Iterator
from typing import Any, NoReturn

from . import __version__
from .check import check_bytes
from .problems import Unopenable
from .result import summary_counts, unreadable_result
from .rules import RULES
from .vocabulary import CATEGORIES, NOT_CHECKED, SEVERITIES, VERDICTS

#: What a folder is searched for; a file named on the command line is read whatever its name.
TEXT_SUFFIXES = (".txt", ".text", ".md", ".htm", ".html")

#: Exit status by verdict, and which status wins in a batch.
EXIT = {"pass": 0, "fail": 1, "unreadable": 2, "incomplete": 3}
_PRECEDENCE = (2, 1, 3, 0)

#: The system's reasons a file cannot be opened, in Chinese.
_OS_REASONS = {errno.ENOENT: "文件不存在", errno.EACCES: "没有读取权限", errno.EISDIR: "这是一个文件夹",
               errno.ENOTDIR: "路径中有一段不是文件夹", errno.ELOOP: "符号链接循环", errno.ENAMETOOLONG: "文件名太长"}


def _os_reason(exc: OSError) -> str:
    return _OS_REASONS.get(exc.errno or 0, "系统无法打开它")


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
                yield path, None, f"文件夹中没有可检查的文件（{'、'.join(TEXT_SUFFIXES)}）"
        else:
            yield from _read(path)


def _read(path: str) -> Iterator[tuple[str, bytes | None, str | None]]:
    try:
        with open(path, "rb") as fh:
            yield path, fh.read(), None
    except OSError as exc:
        yield path, None, f"无法打开文件：{_os_reason(exc)}"


def headline(result: dict[str, Any]) -> str:
    """The verdict as the page says it: 通过 / N 处错误 / 未能全部检查 / 无法检查."""
    counts = summary_counts(result)
    v = result["verdict"]
    if v == "fail":
        return f"{counts['error']} 处{SEVERITIES['error']}"
    return VERDICTS[v][1]


def render_summary(result: dict[str, Any]) -> str:
    """A few lines a person reads in a terminal."""
    counts = summary_counts(result)
    name = result.get("file") or "（标准输入）"
    if name == "-":
        name = "（标准输入）"
    if result["verdict"] == "unreadable" and not result.get("tables"):
        # one line: what could not be read, and why
        return f"{name}：{headline(result)}（{result['findings'][0]['message']}）"
    meta = "，".join(x for x in (
        result.get("body"),
        f"{result['year']}年度" if result.get("year") else None,
        f"{result['format']}版格式" if result.get("format") else None,
    ) if x)
    extras = [f"{counts['warning']} 处{SEVERITIES['warning']}" if counts["warning"] else "",
              f"{counts['info']} 条{SEVERITIES['info']}" if counts["info"] else "",
              f"{counts['not_checked']} 项{NOT_CHECKED}" if counts["not_checked"] else ""]
    line = f"{name}：{headline(result)}" + "".join(f"，{e}" for e in extras if e)
    if meta:
        line += f"（{meta}）"
    out = [line]
    for s in result.get("suspects", []):
        if s.get("sure"):
            out.append(f"  最可能的错误：{s['message']}")
    for reason in result.get("unchecked", []):
        out.append(f"  [{NOT_CHECKED}] {reason}")
    for f in result["findings"]:
        out.append(f"  [{f['rule']} {SEVERITIES[f['severity']]}] {f['message']}")
    # Rules skipped for one shared reason are listed together.
    by_reason: dict[str, list[str]] = {}
    for n in result["not_checked"]:
        by_reason.setdefault(n["reason"], []).append(n["rule"])
    for reason, codes in by_reason.items():
        out.append(f"  [{'、'.join(codes)} {NOT_CHECKED}] {reason}")
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


class _ChineseHelp(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in Chinese: headings, the help option and the usage errors a person meets."""

    _ERRORS = (
        ("the following arguments are required: ", "缺少参数："),
        ("unrecognized arguments: ", "无法识别的参数："),
        ("invalid choice: ", "无效的选项："),
        ("expected one argument", "需要一个参数"),
        ("argument ", "参数 "),
        ("choose from", "可选"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _ChineseHelp)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示这段帮助并退出")

    def error(self, message: str) -> NoReturn:
        for english, chinese in self._ERRORS:
            message = message.replace(english, chinese)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gouji", description="政府信息公开工作年度报告勾稽检查")
    parser.add_argument("--version", action="version", version=f"gouji {__version__}", help="显示版本并退出")
    sub = parser.add_subparsers(dest="command", required=True, title="命令", metavar="命令",
                                parser_class=_Parser)
    check = sub.add_parser(
        "check", help="检查年度报告（文件、文件夹，或用 - 表示标准输入）",
        description="检查年度报告：文件、文件夹（其中的 .txt .md .htm .html 文件），或 - 表示标准输入。"
                    "退出码：0 全部通过；1 有报告发现错误；3 没有错误但有未能检查的部分；"
                    "2 有输入无法读取。")
    check.add_argument("paths", nargs="+", metavar="路径", help="报告文件、文件夹，或 -（标准输入）")
    check.add_argument("--json", action="store_true", help="每份报告输出一行 JSON（JSON Lines）")
    check.add_argument("--previous", metavar="上年报告", help="同一机关上一年度的报告，用于核对结转数等")
    listing = sub.add_parser("rules", help="列出全部检查规则",
                             description="列出全部检查规则：代码、严重程度、类别、名称。")
    listing.add_argument("--json", action="store_true", help="输出 JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "rules":
        return list_rules(args.json)

    previous: bytes | None = None
    if args.previous:
        try:
            with open(args.previous, "rb") as fh:
                previous = fh.read()
        except OSError as exc:
            print(f"gouji：无法打开上年报告 {args.previous}：{_os_reason(exc)}", file=sys.stderr)
            return 2

    statuses = set()
    for name, data, problem in _inputs(args.paths):
        if data is None:
            result = unreadable_result(Unopenable(problem or "无法读取"), name)
        else:
            result = check_bytes(data, name, previous)
        if args.json:
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(render_summary(result) + "\n")
        statuses.add(EXIT[result["verdict"]])
    return next((s for s in _PRECEDENCE if s in statuses), 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The arithmetic the template prints and implies (勾稽关系).

The identities themselves — which cells add up to which — are data in
``gouji.formats`` (``Format.identities``); these rules evaluate them, each its
own, and word the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..formats import ORGANISATIONS, Equation, Table
from . import Finding, NotChecked, Outcome, Report, rule


def _fmt(n: Any) -> str:
    if isinstance(n, float):
        return f"{n:g}"
    return str(n)


def _summarise(where: list[str], of: int, unit: str) -> str:
    if len(where) == of:
        return f"各{unit}都"
    shown = "、".join(where[:6])
    return shown + (f"等 {len(where)} {unit}" if len(where) > 6 else "")


#: How a message words one failed equation: (spec, equation, left values, right values).
Describe = Callable[[Table, Equation, list, list], str]


def check_identity(report: Report, code: str, describe: Describe, what: str) -> Iterator[Outcome]:
    """Evaluate every equation of the identity ``code``: a finding for each that
    fails, one NotChecked for those with a cell that could not be read."""
    fmt = report.format
    if fmt is None:
        yield NotChecked("未找到任何表格，没有检查。")
        return
    identity = fmt.identity(code)
    spec = fmt.tables[identity.table]
    rec = report.table(identity.table)
    if rec is None:
        yield NotChecked(f"未找到{spec.name}，没有检查。")
        return
    skipped = []
    sums = report.tables.sums_of(identity)
    for s in sums:
        eq = s.equation
        if s.left is None or s.right is None or s.totals is None:
            skipped.append(_member_words(spec, identity.axis, eq.member))
            continue
        lhs, rhs = s.totals
        if lhs != rhs:
            yield Finding(describe(spec, eq, s.left, s.right), cells=list(eq.cells), expected=lhs, actual=rhs)
    if skipped:
        unit = "列" if identity.axis == "column" else "组" if spec.side_by_side else "行"
        yield NotChecked(f"{spec.part_name}{_summarise(skipped, len(sums), unit)}有无法读取的单元格，"
                         f"这些{unit}的“{what}”没有检查。")


def _member_words(spec: Table, axis: str, member: str) -> str:
    if axis == "column":
        return f"“{spec.column(member).label}”列"
    return f"“{spec.row(member).label}”"


@rule("A101", "error", "arithmetic", "第一项 + 第二项 = 第三项 + 第四项")
def requests_balance(report: Report):
    """检查什么：第三部分表格的每一列，“一、本年新收”加“二、上年结转”，等于“三、本年度办理结果（七）总计”加“四、结转下年度继续办理”。

    为什么：这是年度报告格式在表头里写明的勾稽关系（“第一项加第二项之和，等于第三项加第四项之和”）：
    今年手上的申请，要么办结了，要么结转到下一年。不相等说明有申请被漏记或重复统计。

    怎样改：逐列核对这四个数：新收和上年结转的申请，每一件都应当或者计入某一种办理结果，或者计入“结转下年度继续办理”。

    示例：
    ```
    一、本年新收政府信息公开申请数量   | 6 | … | 6
    二、上年结转政府信息公开申请数量   | 0 | … | 0
    （七）总计                         | 5 | … | 5
    四、结转下年度继续办理             | 0 | … | 0
    ```
    “自然人”列：6 + 0 = 6，但 5 + 0 = 5，相差 1。
    """
    def describe(spec: Table, eq: Equation, left: list, right: list) -> str:
        w = eq.identity.words
        lhs, rhs = sum(left), sum(right)
        return (f"第三部分“{spec.column(eq.member).label}”列：{w[0]} {_fmt(left[0])} + {w[1]} {_fmt(left[1])} = "
                f"{_fmt(lhs)}，但{w[2]} {_fmt(right[0])} + {w[3]} {_fmt(right[1])} = {_fmt(rhs)}，"
                f"相差 {_fmt(abs(lhs - rhs))}。")

    yield from check_identity(report, "A101", describe, "第一项+第二项=第三项+第四项")


@rule("A102", "error", "arithmetic", "各项办理结果之和 = 总计")
def requests_outcomes_sum(report: Report):
    """检查什么：第三部分表格的每一列，“（一）予以公开”到“（六）其他处理”各行之和，等于“（七）总计”。

    为什么：总计应当是各种办理结果的合计。不相等通常是某一行漏填、填错行，或总计抄错。

    怎样改：逐列把各项办理结果加起来，与“（七）总计”比对，改正漏填、错行或抄错的数字。

    示例：“自然人”列：予以公开 5 + 信访举报投诉类申请 1 = 6，但（七）总计写成 5。
    """
    def describe(spec: Table, eq: Equation, left: list, right: list) -> str:
        parts, total = sum(left), right[0]
        nonzero = [f"{_short(spec, r)} {_fmt(v)}" for (_, r, _), v in zip(eq.left, left) if v]
        listing = "、".join(nonzero[:5]) if nonzero else "均为 0"
        return (f"第三部分“{spec.column(eq.member).label}”列：各项办理结果之和为 {_fmt(parts)}（{listing}），"
                f"但“{spec.row(eq.right[0][1]).label}”为 {_fmt(total)}，相差 {_fmt(abs(parts - total))}。")

    yield from check_identity(report, "A102", describe, "各项办理结果之和=总计")


def _short(spec: Table, rid: str) -> str:
    """A row's label without its numbering: 予以公开, 属于国家秘密."""
    return spec.row_words(rid).split(".")[-1].strip("（）一二三四五六")


@rule("A103", "error", "arithmetic", "各类申请人之和 = 总计列")
def requests_row_total(report: Report):
    """检查什么：第三部分表格的每一行，“自然人”加五类“法人或其他组织”之和，等于这一行的“总计”。

    为什么：总计列是各类申请人的合计；不相等说明某一类申请人漏计，或总计算错。

    怎样改：把这一行的自然人和五类法人或其他组织的数字加起来，填入“总计”列；或找出填错的那一类申请人。

    示例：`一、本年新收… | 3001 | 53 | 0 | 0 | 61 | 4 | 3118`：3001 + 53 + 61 + 4 = 3119，不是 3118。
    """
    def describe(spec: Table, eq: Equation, left: list, right: list) -> str:
        parts, total = sum(left), right[0]
        return (f"第三部分“{spec.row(eq.member).label}”行：{spec.columns[0].label}与各类{ORGANISATIONS}之和为 "
                f"{_fmt(parts)}，但“总计”列为 {_fmt(total)}，相差 {_fmt(abs(parts - total))}。")

    yield from check_identity(report, "A103", describe, "各类申请人之和=总计")


@rule("A104", "error", "arithmetic", "行政复议、行政诉讼：各项结果之和 = 总计")
def appeals_group_total(report: Report):
    """检查什么：第四部分表格中，行政复议、未经复议直接起诉、复议后起诉三组，
    每组“结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计”。

    为什么：总计是四种结果的合计；不相等说明某个案件漏计或总计抄错。

    怎样改：把这一组的四种结果加起来，与这一组的“总计”比对，改正填错的数字。

    示例：行政复议 维持 72、纠正 64、其他 178、尚未审结 37，总计应为 351。
    """
    def describe(spec: Table, eq: Equation, left: list, right: list) -> str:
        terms = " + ".join(f"{w} {_fmt(v)}" for w, v in zip(eq.identity.words, left))
        parts, total = sum(left), right[0]
        return (f"第四部分“{spec.row(eq.member).label}”：{terms} = {_fmt(parts)}，"
                f"但总计为 {_fmt(total)}，相差 {_fmt(abs(parts - total))}。")

    yield from check_identity(report, "A104", describe, "各项结果之和=总计")


@rule("A105", "error", "arithmetic", "件数应为非负整数")
def whole_numbers(report: Report):
    """检查什么：表示件数、数量的单元格是否为 0 或正整数（不能是小数或负数）。

    为什么：申请、案件、文件都是按件统计的，出现小数或负数一定是填写错误（金额和“本年增/减”除外）。

    怎样改：把这个单元格改为实际的件数（0 或正整数）。

    示例：`（一）予以公开 | 5.5 | …` 或 `行政处罚 | -2`。
    """
    fmt = report.format
    if fmt is None:
        yield NotChecked("未找到任何表格，没有检查。")
        return
    for tid, rec in report.tables.tables.items():
        counts = {c.id: c for c in rec.spec.columns if c.count}
        for row_id, cols in rec.cells.items():
            for col_id, cell in cols.items():
                if cell is None:
                    continue
                v = cell.value
                if (type(v) is int and v >= 0) or v is None or col_id not in counts:  # (most cells: a count)
                    continue
                col = counts[col_id]
                if v < 0 or (isinstance(v, float) and not v.is_integer()):
                    kind = "负数" if v < 0 else "小数"
                    yield Finding(
                        f"{rec.spec.part_name}“{rec.spec.row(row_id).label}”行“{col.label}”列"
                        f"是{kind} {_fmt(v)}，件数应为 0 或正整数。",
                        cells=[(tid, row_id, col_id)], expected="0 或正整数", actual=v)

"""The arithmetic the template prints and implies (勾稽关系).

The identities themselves — which rows add up to which — are read from
``gouji.formats``; these rules only evaluate them and word the result.
"""

from __future__ import annotations

from ..formats import APPEAL_OUTCOMES, APPLICANT_PARTS, numeral
from . import Finding, NotChecked, Report, rule

_MISSING = {
    "requests": "未找到第三部分表格",
    "appeals": "未找到第四部分表格",
    "proactive": "未找到第二部分表格",
}


def _fmt(n) -> str:
    if isinstance(n, float):
        return f"{n:g}"
    return str(n)


def _diff(a, b) -> str:
    return _fmt(abs(a - b))


def _table_or_reason(report: Report, tid: str):
    rec = report.table(tid)
    if rec is None:
        return None, NotChecked(_MISSING[tid] + "，没有检查。")
    return rec, None


def _unreadable(rec, cells) -> list[tuple[str, str, str]]:
    return [c for c in cells if rec.value(c[1], c[2]) is None]


def _summarise(where: list[str], of: int) -> str:
    if len(where) == of:
        return "所有" + where[0][-1]  # "所有列" / "所有行"
    shown = "、".join(where[:6])
    return shown + (f"等 {len(where)} 处" if len(where) > 6 else "")


@rule("A101", "error", "arithmetic", "第一项 + 第二项 = 第三项 + 第四项")
def requests_balance(report: Report):
    """检查什么：第三部分表格的每一列，“一、本年新收”加“二、上年结转”，等于“三、本年度办理结果（七）总计”加“四、结转下年度继续办理”。

    为什么：这是年度报告格式在表头里写明的勾稽关系（“第一项加第二项之和，等于第三项加第四项之和”）：
    今年手上的申请，要么办结了，要么结转到下一年。不相等说明有申请被漏记或重复统计。

    示例：
    ```
    一、本年新收政府信息公开申请数量   | 6 | … | 6
    二、上年结转政府信息公开申请数量   | 0 | … | 0
    （七）总计                         | 5 | … | 5
    四、结转下年度继续办理             | 0 | … | 0
    ```
    “自然人”列：6 + 0 = 6，但 5 + 0 = 5，相差 1。
    """
    rec, missing = _table_or_reason(report, "requests")
    if missing:
        yield missing
        return
    skipped = []
    for col in rec.spec.columns:
        cells = [("requests", r, col.id) for r in ("new", "carried_over", "total", "carried_forward")]
        if _unreadable(rec, cells):
            skipped.append(f"“{col.label}”列")
            continue
        new, over, total, forward = (rec.value(r, col.id) for _, r, _ in cells)
        lhs, rhs = new + over, total + forward
        if lhs != rhs:
            yield Finding(
                f"第三部分“{col.label}”列：第一项 {_fmt(new)} + 第二项 {_fmt(over)} = {_fmt(lhs)}，"
                f"但第三项总计 {_fmt(total)} + 第四项 {_fmt(forward)} = {_fmt(rhs)}，相差 {_diff(lhs, rhs)}。",
                cells=cells, expected=lhs, actual=rhs)
    if skipped:
        yield NotChecked(f"第三部分{_summarise(skipped, len(rec.spec.columns))}有无法读取的单元格，这些列的“第一项+第二项=第三项+第四项”没有检查。")


@rule("A102", "error", "arithmetic", "各项办理结果之和 = 总计")
def requests_outcomes_sum(report: Report):
    """检查什么：第三部分表格的每一列，“（一）予以公开”到“（六）其他处理”各行之和，等于“（七）总计”。

    为什么：总计应当是各种办理结果的合计。不相等通常是某一行漏填、填错行，或总计抄错。

    示例：“自然人”列：予以公开 5 + 信访举报投诉类申请 1 = 6，但（七）总计写成 5。
    """
    rec, missing = _table_or_reason(report, "requests")
    if missing:
        yield missing
        return
    fmt = report.tables.format
    outcomes = fmt.outcome_rows
    skipped = []
    for col in rec.spec.columns:
        cells = [("requests", r, col.id) for r in outcomes]
        total_cell = ("requests", "total", col.id)
        if _unreadable(rec, cells + [total_cell]):
            skipped.append(f"“{col.label}”列")
            continue
        parts = sum(rec.value(r, col.id) for r in outcomes)
        total = rec.value("total", col.id)
        if parts != total:
            nonzero = [f"{rec.spec.row(r).label.split('.')[-1].strip('（）一二三四五六')} {_fmt(rec.value(r, col.id))}"
                       for r in outcomes if rec.value(r, col.id)]
            listing = "、".join(nonzero[:5]) if nonzero else "均为 0"
            yield Finding(
                f"第三部分“{col.label}”列：各项办理结果之和为 {_fmt(parts)}（{listing}），"
                f"但“（七）总计”为 {_fmt(total)}，相差 {_diff(parts, total)}。",
                cells=cells + [total_cell], expected=parts, actual=total)
    if skipped:
        yield NotChecked(f"第三部分{_summarise(skipped, len(rec.spec.columns))}有无法读取的单元格，这些列的“各项办理结果之和=总计”没有检查。")


@rule("A103", "error", "arithmetic", "各类申请人之和 = 总计列")
def requests_row_total(report: Report):
    """检查什么：第三部分表格的每一行，“自然人”加五类“法人或其他组织”之和，等于这一行的“总计”。

    为什么：总计列是各类申请人的合计；不相等说明某一类申请人漏计，或总计算错。

    示例：`一、本年新收… | 3001 | 53 | 0 | 0 | 61 | 4 | 3118`：3001 + 53 + 61 + 4 = 3119，不是 3118。
    """
    rec, missing = _table_or_reason(report, "requests")
    if missing:
        yield missing
        return

    def describe(row, values, parts, total):
        return (f"第三部分“{row.label}”行：自然人与各类法人或其他组织之和为 {_fmt(parts)}，"
                f"但“总计”列为 {_fmt(total)}，相差 {_diff(parts, total)}。")

    yield from _row_sums(rec, rec.spec.data_rows, APPLICANT_PARTS, describe,
                         "第三部分", "行", "这些行的“各类申请人之和=总计”没有检查。")


def _row_sums(rec, rows, parts_of, describe, part_name, unit, skipped_tail):
    """Per row: the cells ``parts_of`` add up to the row's 总计 cell."""
    tid = rec.spec.id
    skipped = []
    for row in rows:
        cells = [(tid, row.id, c) for c in parts_of]
        total_cell = (tid, row.id, "total")
        if _unreadable(rec, cells + [total_cell]):
            skipped.append(f"“{row.label}”{unit}")
            continue
        values = [rec.value(row.id, c) for c in parts_of]
        parts, total = sum(values), rec.value(row.id, "total")
        if parts != total:
            yield Finding(describe(row, values, parts, total), cells=cells + [total_cell],
                          expected=parts, actual=total)
    if skipped:
        yield NotChecked(f"{part_name}{_summarise(skipped, len(rows))}有无法读取的单元格，{skipped_tail}")


@rule("A104", "error", "arithmetic", "行政复议、行政诉讼：各项结果之和 = 总计")
def appeals_group_total(report: Report):
    """检查什么：第四部分表格中，行政复议、未经复议直接起诉、复议后起诉三组，每组“结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计”。

    为什么：总计是四种结果的合计；不相等说明某个案件漏计或总计抄错。

    示例：行政复议 维持 72、纠正 64、其他 178、尚未审结 37，总计应为 351。
    """
    rec, missing = _table_or_reason(report, "appeals")
    if missing:
        yield missing
        return

    def describe(row, values, parts, total):
        a, b, c, d = (_fmt(v) for v in values)
        return (f"第四部分“{row.label}”：结果维持 {a} + 结果纠正 {b} + 其他结果 {c} + 尚未审结 {d} = {_fmt(parts)}，"
                f"但总计为 {_fmt(total)}，相差 {_diff(parts, total)}。")

    yield from _row_sums(rec, rec.spec.rows, APPEAL_OUTCOMES, describe,
                         "第四部分", "", "这些组的“各项结果之和=总计”没有检查。")


@rule("A105", "error", "arithmetic", "件数应为非负整数")
def whole_numbers(report: Report):
    """检查什么：表示件数、数量的单元格是否为 0 或正整数（不能是小数或负数）。

    为什么：申请、案件、文件都是按件统计的，出现小数或负数一定是填写错误（金额和“本年增/减”除外）。

    示例：`（一）予以公开 | 5.5 | …` 或 `行政处罚 | -2`。
    """
    fmt = report.tables.format
    if fmt is None:
        yield NotChecked("未找到任何表格，没有检查。")
        return
    for tid in ("proactive", "requests", "appeals"):
        rec = report.table(tid)
        if rec is None:
            continue
        for row_id, cols in rec.cells.items():
            for col_id, cell in cols.items():
                if cell is None or cell.value is None:
                    continue
                col = rec.spec.column(col_id)
                if not col.count:
                    continue
                v = cell.value
                if v < 0 or (isinstance(v, float) and not v.is_integer()):
                    kind = "负数" if v < 0 else "小数"
                    yield Finding(
                        f"第{numeral(rec.spec.part)}部分“{rec.spec.row(row_id).label}”行“{col.label}”列"
                        f"是{kind} {_fmt(v)}，件数应为 0 或正整数。",
                        cells=[(tid, row_id, col_id)], expected="非负整数", actual=v)

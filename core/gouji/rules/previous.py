"""This year's report against last year's report of the same body.

These rules run only when last year's report is given (``gouji check
--previous LAST.txt THIS.txt``, or the page's 上年报告 box).  What carries on
from one year to the next is data in ``gouji.formats`` (``CARRIED``,
``Format.stocks``, ``WATCHED``).
"""

from __future__ import annotations

from ..formats import CARRIED, WATCHED
from . import Finding, NotChecked, Report, rule


def _last_year(report: Report) -> Report | NotChecked:
    """Last year's report, or why the two cannot be compared item by item."""
    prev = report.previous
    assert prev is not None  # these rules run only when it is given
    this, last = report.sections.year, prev.sections.year
    if this is not None and last is not None and last != this - 1:
        return NotChecked(f"给出的上年报告是 {last} 年度的，本报告是 {this} 年度的，不是相邻两年，没有逐项核对。")
    return prev


@rule("Y101", "error", "arithmetic", "上年“结转下年度”≠ 本年“上年结转”", needs_previous=True)
def carried_forward_continues(report: Report):
    """检查什么：上一年度报告第三部分“四、结转下年度继续办理”的每一列，是否等于本年度报告“二、上年结转政府信息公开申请数量”的同一列。

    为什么：上一年没有办完、结转到今年的申请，就是今年的“上年结转”，两个数字应当逐列相等。
    不相等说明有申请在两年之间“消失”或“多出来”，其中一份报告填错了。

    怎样改：按上年报告的“结转下年度继续办理”逐列填写本年的“上年结转”；如果是上年报告填错了，在本年报告中说明。

    示例：2023年度报告“结转下年度继续办理”总计 103 件，2024年度报告“上年结转”总计写成 34 件。
    """
    prev = _last_year(report)
    if isinstance(prev, NotChecked):
        yield prev
        return
    this_rec, last_rec = report.table(CARRIED.table), prev.table(CARRIED.table)
    if this_rec is None or last_rec is None:
        yield NotChecked("本年或上年报告中没有找到第三部分表格，没有核对结转数。")
        return
    spec = this_rec.spec
    last_label, this_label = spec.row(CARRIED.last).label, spec.row(CARRIED.this).label
    skipped = []
    for col in spec.columns:
        last = prev.tables.figure((CARRIED.table, CARRIED.last, col.id))
        this = report.tables.figure((CARRIED.table, CARRIED.this, col.id))
        if last is None or this is None:
            skipped.append(col.label)
            continue
        if last != this:
            yield Finding(f"上年报告“{last_label}”的“{col.label}”为 {last}，本年“{this_label}”"
                          f"的“{col.label}”却是 {this}。", cells=[(CARRIED.table, CARRIED.this, col.id)],
                          expected=last, actual=this)
    if skipped:
        yield NotChecked(f"“{'”“'.join(skipped)}”列在本年或上年报告中无法读取，这些列的结转数没有核对。")


@rule("Y102", "warning", "arithmetic", "现行有效件数与上年不衔接", needs_previous=True)
def in_force_continues(report: Report):
    """检查什么：2021年版格式第二部分，本年“现行有效件数”是否等于上年“现行有效件数”加本年“本年制发件数”减本年“本年废止件数”（规章、行政规范性文件分别核对）。

    为什么：现行有效的文件，是去年有效的，加上今年新制发的，减去今年废止的。对不上，可能是某一年填错；
    但文件也会因有效期届满而失效，所以只作警告。

    怎样改：核对本年的三个数字和上年的现行有效件数；如有文件因有效期届满失效，在报告中说明。

    示例：上年现行有效 23 件，本年制发 7 件、废止 7 件，本年现行有效应为 23 件，报告写 30 件。
    """
    prev = _last_year(report)
    if isinstance(prev, NotChecked):
        yield prev
        return
    fmt, pfmt = report.format, prev.format
    if fmt is None or pfmt is None or fmt.base is not pfmt.base:  # the same format (a variant counts as it)
        return
    for stock in fmt.stocks:
        spec = fmt.tables[stock.table]
        for row in stock.rows:
            cell = (stock.table, row, stock.column)
            last = prev.tables.figure(cell)
            plus = report.tables.figure((stock.table, row, stock.plus))
            minus = report.tables.figure((stock.table, row, stock.minus))
            now = report.tables.figure(cell)
            if last is None or plus is None or minus is None or now is None:
                continue
            expect = last + plus - minus
            if now != expect:
                col = spec.column(stock.column).label
                plus_w, minus_w = spec.column(stock.plus).label, spec.column(stock.minus).label
                yield Finding(f"{spec.part_name}{spec.row(row).label}：上年{col} {last} + {plus_w} {plus} − "
                              f"{minus_w} {minus} = {expect}，本年{col}却为 {now}。"
                              f"如有文件因有效期届满失效，可在报告中说明。",
                              cells=[cell], expected=expect, actual=now)


@rule("Y103", "info", "arithmetic", "与上年相比变化很大", needs_previous=True)
def big_jumps(report: Report):
    """检查什么：几个主要数字（新收申请、办理结果总计、行政复议、行政许可/处罚/强制决定、现行有效规范性文件）与上年相比，
    是否增加到 5 倍以上，或减少到不足五分之一。

    为什么：变化这么大可能是真实的，也可能是单位填错（万元与元、件与条）或多打、少打了一位数字。只作提示，请核对。
    两年中有一年为 0、或两个数都小于 10 时不提示。

    怎样改：核对这个数字；确实变化很大的，可以在总体情况中说明原因。

    示例：上年新收申请 12 件，本年 130 件。
    """
    prev = _last_year(report)
    if isinstance(prev, NotChecked):
        yield prev
        return
    for cell, name in WATCHED:
        last, now = prev.tables.figure(cell), report.tables.figure(cell)
        if not last or not now or max(last, now) < 10:
            continue
        if now > 5 * last or now * 5 < last:
            word = "增加到" if now > last else "减少到"
            yield Finding(f"{name}：上年 {last}，本年 {now}，{word}上年的 {now / last:.1f} 倍，请核对。",
                          cells=[cell], expected=last, actual=now)

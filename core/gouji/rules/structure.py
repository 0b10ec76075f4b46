"""Rules about the tables' shape: what could and could not be read.

The table reader records what it could not do (``gouji.problems``); each of
these rules reports the problems of its kinds, in the words written there.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..problems import (
    BadCell,
    BlankColumn,
    Flattened,
    InOrder,
    Interleaved,
    LongRow,
    MissingRows,
    NoRows,
    NotFound,
    OneRow,
    Problem,
    RunTogether,
    ShortRow,
    SplitBySums,
    Truncated,
    WrongCount,
)
from . import Finding, Report, rule


def _report(report: Report, *kinds: type[Problem]) -> Iterator[Finding]:
    fmt = report.format
    if fmt is None:
        return  # no table at all: U003 says so
    for p in report.tables.all_problems():
        if isinstance(p, kinds):
            yield Finding(p.message(fmt), cells=p.cells(fmt), expected=p.expected(), actual=p.actual())


@rule("S101", "warning", "structure", "缺少表格")
def table_not_found(report: Report):
    """检查什么：年度报告格式规定的三张表格（第二、三、四部分）是否都能找到。

    为什么：缺少的表格无法检查；它可能确实没有写，也可能在复制时漏掉了。缺表时相关规则记为“未能检查”。

    怎样改：补上缺少的表格；如果报告里有这张表，重新复制时把它一起选上。

    示例：粘贴的文字在第三部分表格之后就结束了，第四部分的行政复议、行政诉讼表格没有出现。
    """
    yield from _report(report, NotFound)


@rule("S102", "warning", "structure", "表格只有表头")
def table_without_rows(report: Report):
    """检查什么：找到了表格的表头，却认不出任何一行的行标题。

    为什么：认不出行，就无法知道数字属于哪一项，只能全部记为无法读取，而不是猜测。

    怎样改：复制时把表格的行标题（“一、本年新收政府信息公开申请数量”等）一起选上。

    示例：第三部分只复制到“申请人情况 / 自然人 / 法人或其他组织 …”表头就结束了。
    """
    yield from _report(report, NoRows)


@rule("S103", "warning", "structure", "表格被压成一列")
def table_flattened(report: Report):
    """检查什么：第三部分表格是否每行只剩一个数字（其余单元格在网页上是空的或丢失了）。

    为什么：每行只有一个数字时，无法判断它属于“自然人”“商业企业”还是“总计”列，所以所有单元格都记为无法读取，
    只把读到的数字按行列出，并按行核对“第一项 + 第二项 = 第三项 + 第四项”。

    怎样改：表格中没有数字的单元格填 0，不要留空；网页发布时检查表格是否完整显示。

    示例：
    ```
    一、本年新收政府信息公开申请数量
    1
    二、上年结转政府信息公开申请数量
    0
    ```
    """
    yield from _report(report, Flattened)


@rule("S104", "warning", "structure", "整列空白")
def blank_column(report: Report):
    """检查什么：表格中是否有一整列（如“总计”列）完全空白，而其他列填了数字。

    为什么：单个空白单元格按 0 处理；但整列空白通常是漏填，不能当作 0。这一列记为无法读取，依赖它的规则记为“未能检查”。

    怎样改：把这一列逐行填上（“总计”列是同一行各类申请人之和），没有的填 0。

    示例：第三部分每一行的“总计”单元格都是空的。
    """
    yield from _report(report, BlankColumn)


@rule("S105", "warning", "structure", "数字个数与列数不符")
def cells_unplaceable(report: Report):
    """检查什么：表格每一行读到的数字个数是否正好等于这一行的列数；第四部分的数字是否与表头文字交错排列
    （按列提取的 PDF 文字常常如此）。

    为什么：数字多了或少了，或顺序与表格不同，就无法确定每个数字属于哪一列。工具不猜测，把这一行（或整张表）记为无法读取。

    怎样改：核对这一行，每一列都填一个数字（没有的填 0），不要合并单元格或把两个数字写在一格里。

    示例：`（一）予以公开 | 5 | 0 | 0 | 5`（应有 7 个数字，只有 4 个）。
    """
    yield from _report(report, ShortRow, LongRow, WrongCount, Interleaved)


@rule("S106", "warning", "structure", "缺少表格行")
def rows_missing(report: Report):
    """检查什么：表格中格式规定的每一行是否都能找到。

    为什么：缺少的行无法检查，用到这些行的勾稽关系记为“未能检查”。

    怎样改：按格式补全缺少的行（没有数字的行填 0），不要删去格式中的行。

    示例：第三部分没有“（四）无法提供”下的三行。
    """
    yield from _report(report, MissingRows)


@rule("S107", "warning", "structure", "表格不完整（中断）")
def table_truncated(report: Report):
    """检查什么：表格是否在中途结束（文字在表格中间就没有了）。

    为什么：常见于复制时没有选全。中断处之后的单元格无法检查，不能当作通过，也不能当作错误。

    怎样改：重新复制，把整张表格选全后再检查。

    示例：粘贴的文字停在“（三）不予公开 3.危及‘三安全一稳定’”一行。
    """
    yield from _report(report, Truncated)


@rule("S108", "warning", "structure", "单元格不是数字")
def cell_not_a_number(report: Report):
    """检查什么：表格中应填数字的单元格是否写了别的内容（文字、问号、乱码）。

    为什么：无法读出的单元格记为无法读取，用到它的勾稽关系记为“未能检查”。

    怎样改：这个单元格只填数字；没有的填 0，需要说明的写在表格下面的正文里。

    示例：`一、本年新收政府信息公开申请数量 | 6 | ? | 0 | …`
    """
    yield from _report(report, BadCell)


@rule("S109", "info", "structure", "行标题缺失，按顺序对应")
def assigned_in_order(report: Report):
    """检查什么：一组行标题缺失、但数字个数正好等于格式规定的格数时，数字按格式顺序对应到各行。

    为什么：这种情况下对应关系是确定的，可以继续检查；但要告诉用户是按顺序对应的，方便核对。

    怎样改：核对重建的表格是否与原表一致；原表中应写上每一行的行标题。

    示例：“（三）不予公开”下 8 行的行标题丢失，后面正好有 8 × 7 = 56 个数字。
    """
    yield from _report(report, InOrder)


@rule("S110", "info", "structure", "“（六）其他处理”按一行填写")
def other_as_one_row(report: Report):
    """检查什么：2021年版格式的第三部分“（六）其他处理”下应分三行（1.逾期不补正；2.逾期未缴纳费用；3.其他），
    有些模板只印了“（六）其他处理”一行，直接填了数字。

    为什么：这是常见的模板差异，不是计算错误。工具把这一行当作“其他处理”的合计读取，计入“（七）总计”及各项勾稽关系，
    三个分项记为空（不能拆分）。只作提示。

    怎样改：按2021年版格式把“（六）其他处理”分成三行填写：申请人无正当理由逾期不补正的、逾期未按收费通知缴纳费用的、其他；
    三行之和就是现在这一行的数字。

    示例：`（六）其他处理 | 1 | 1 | 0 | 0 | 0 | 0 | 2`（下面没有 1、2、3 三个分项）。
    """
    yield from _report(report, OneRow)


@rule("S111", ("warning", "info"), "structure", "数字连在一起")
def digits_run_together(report: Report):
    """检查什么：表格中一行（或第四部分的一组）数字是否连在一起，分不出各列，例如从网页复制文字时单元格之间没有分隔
    （`（一）予以公开6000017`），或PDF中相邻的窄列挤在一起（`0 0 0 00   0`）。

    为什么：数字都在，只是不知道在哪里断开。工具按表格自身的勾稽关系（第三部分每行各类申请人之和等于总计，
    第四部分每组四种结果之和等于总计；数字不以 0 开头）逐一尝试拆分：只有一种拆法符合时，按这种拆法分列，只作提示
    （这一行的这条勾稽关系因此不能再作为核对依据）；没有或有多种拆法符合时，不猜测，这些单元格记为无法读取，报为警告。
    每张表只报一条。

    怎样改：从原文件（Word、Excel 或 PDF）复制表格，或在单元格之间加上分隔（制表符、空格或“|”）后再检查。

    示例：`（一）予以公开121000013`：可以是 12、1、0、0、0、0、13，也可以是 1、2、10、0、0、0、13，无法确定。
    """
    fmt = report.format
    if fmt is None:
        return
    for rec in report.tables.tables.values():  # one finding a table
        unsplit = [p for p in rec.problems if isinstance(p, RunTogether)]
        split = [p for p in rec.problems if isinstance(p, SplitBySums)]
        if unsplit:
            also = "".join(p.message(fmt, named=False) for p in split)
            yield Finding(unsplit[0].message(fmt) + also, cells=unsplit[0].cells(fmt), actual=unsplit[0].actual())
        elif split:
            yield Finding(split[0].message(fmt), severity="info")

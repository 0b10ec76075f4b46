"""Rules about the tables' shape: what could and could not be read.

The table reader records what it could not do (``tables.Problem``); these
rules turn each kind into a finding a clerk can act on.
"""

from __future__ import annotations

from ..formats import numeral
from ..tables import Problem
from . import Finding, Report, rule

_TABLE_NAMES = {"proactive": "第二部分（主动公开政府信息情况）表格",
                "requests": "第三部分（收到和处理政府信息公开申请情况）表格",
                "appeals": "第四部分（行政复议、行政诉讼情况）表格"}


def _problems(report: Report, kind: str):
    for p in report.tables.problems:
        if p.kind == kind:
            yield p
    for rec in report.tables.tables.values():
        for p in rec.problems:
            if p.kind == kind:
                yield p


def _row_label(report: Report, p: Problem, row_id: str) -> str:
    fmt = report.tables.format
    assert fmt is not None
    return fmt.tables[p.table].row(row_id).label


def _row_cells(report: Report, p: Problem, row_id: str):
    fmt = report.tables.format
    assert fmt is not None
    spec = fmt.tables[p.table]
    return [(p.table, row_id, c.id) for c in spec.columns_of(spec.row(row_id))]


@rule("S101", "warning", "structure", "缺少表格")
def table_not_found(report: Report):
    """检查什么：年度报告格式规定的三张表格（第二、三、四部分）是否都能找到。

    为什么：缺少的表格无法检查；它可能确实没有写，也可能在复制时漏掉了。缺表时相关规则记为“未能检查”。

    示例：粘贴的文字在第三部分表格之后就结束了，第四部分的行政复议、行政诉讼表格没有出现。
    """
    if not report.tables.tables:
        return  # nothing found at all: U003 says so
    for p in _problems(report, "not_found"):
        yield Finding(f"未找到{_TABLE_NAMES[p.table]}，其中的数字都没有检查。")


@rule("S102", "warning", "structure", "表格只有表头")
def table_without_rows(report: Report):
    """检查什么：找到了表格的表头，却认不出任何一行的行标题。

    为什么：认不出行，就无法知道数字属于哪一项，只能全部记为无法读取，而不是猜测。

    示例：第三部分只复制到“申请人情况 / 自然人 / 法人或其他组织 …”表头就结束了。
    """
    for p in _problems(report, "no_rows"):
        n = p.detail.get("values", 0)
        extra = f"（表头下有 {n} 个数字无法对应到行）" if n else ""
        yield Finding(f"{_TABLE_NAMES[p.table]}只找到表头，认不出任何一行的行标题{extra}，表中数字都没有检查。")


@rule("S103", "warning", "structure", "表格被压成一列")
def table_flattened(report: Report):
    """检查什么：第三部分表格是否每行只剩一个数字（其余单元格在网页上是空的或丢失了）。

    为什么：每行只有一个数字时，无法判断它属于“自然人”“商业企业”还是“总计”列，所以所有单元格都记为无法读取，
    只把读到的数字按行列出。

    示例：
    ```
    一、本年新收政府信息公开申请数量
    1
    二、上年结转政府信息公开申请数量
    0
    ```
    """
    for p in _problems(report, "flattened"):
        numbers = p.detail["numbers"]
        listing = "、".join(f"“{_row_label(report, p, r)}” {v}" for r, v in list(numbers.items())[:6])
        more = f" 等共 {len(numbers)} 行" if len(numbers) > 6 else ""
        balance = ""
        keys = ("new", "carried_over", "total", "carried_forward")
        if all(k in numbers for k in keys):
            lhs = numbers["new"] + numbers["carried_over"]
            rhs = numbers["total"] + numbers["carried_forward"]
            verdict = "相符" if lhs == rhs else f"不相符，相差 {abs(lhs - rhs)}"
            balance = (f"按行读出的数字：第一项 {numbers['new']} + 第二项 {numbers['carried_over']} = {lhs}，"
                       f"第三项总计 {numbers['total']} + 第四项 {numbers['carried_forward']} = {rhs}，{verdict}。")
        yield Finding(
            f"{_TABLE_NAMES[p.table]}每行只有一个数字，无法判断属于哪一列，各单元格都记为无法读取。"
            f"读到的数字：{listing}{more}。{balance}",
            actual=numbers,
        )


@rule("S104", "warning", "structure", "整列空白")
def blank_column(report: Report):
    """检查什么：表格中是否有一整列（如“总计”列）完全空白，而其他列填了数字。

    为什么：单个空白单元格按 0 处理；但整列空白通常是漏填，不能当作 0。这一列记为无法读取，依赖它的规则记为“未能检查”。

    示例：第三部分每一行的“总计”单元格都是空的。
    """
    fmt = report.tables.format
    for p in _problems(report, "blank_column"):
        assert fmt is not None and p.column is not None
        col = fmt.tables[p.table].column(p.column).label
        yield Finding(f"{_TABLE_NAMES[p.table]}的“{col}”列整列空白，不能当作 0，这一列记为无法读取。",
                      cells=[(p.table, r, p.column) for r in p.rows])


@rule("S105", "warning", "structure", "数字个数与列数不符")
def cells_unplaceable(report: Report):
    """检查什么：表格每一行读到的数字个数是否正好等于这一行的列数。

    为什么：数字多了或少了，就无法确定每个数字属于哪一列。工具不猜测，把这一行记为无法读取。

    示例：`（一）予以公开 | 5 | 0 | 0 | 5`（应有 7 个数字，只有 4 个）。
    """
    for kind in ("short_row", "long_row"):
        for p in _problems(report, kind):
            row = p.rows[0]
            nums = "、".join(p.detail.get("numbers", [])[:10])
            yield Finding(
                f"{_TABLE_NAMES[p.table]}“{_row_label(report, p, row)}”行应有 {p.detail['expected']} 个数字，"
                f"读到 {p.detail['count']} 个（{nums}），无法对应到各列，这一行记为无法读取。",
                cells=_row_cells(report, p, row), expected=p.detail["expected"], actual=p.detail["count"])
    for p in _problems(report, "wrong_count"):
        yield Finding(
            f"{_TABLE_NAMES[p.table]}应有 {p.detail['expected']} 个数字，读到 {p.detail['count']} 个，"
            f"无法对应到各列，整张表记为无法读取。",
            expected=p.detail["expected"], actual=p.detail["count"])


@rule("S106", "warning", "structure", "缺少表格行")
def rows_missing(report: Report):
    """检查什么：表格中格式规定的每一行是否都能找到。

    为什么：缺少的行无法检查，用到这些行的勾稽关系记为“未能检查”。

    示例：第三部分没有“（四）无法提供”下的三行。
    """
    for p in _problems(report, "missing_rows"):
        labels = "、".join(f"“{_row_label(report, p, r)}”" for r in p.rows[:8])
        more = f"等 {len(p.rows)} 行" if len(p.rows) > 8 else ""
        yield Finding(f"{_TABLE_NAMES[p.table]}缺少{labels}{more}，这些行记为无法读取。",
                      cells=[c for r in p.rows for c in _row_cells(report, p, r)])


@rule("S107", "warning", "structure", "表格不完整（中断）")
def table_truncated(report: Report):
    """检查什么：表格是否在中途结束（文字在表格中间就没有了）。

    为什么：常见于复制时没有选全。中断处之后的单元格无法检查，不能当作通过，也不能当作错误。

    示例：粘贴的文字停在“（三）不予公开 3.危及‘三安全一稳定’”一行。
    """
    for p in _problems(report, "truncated"):
        if p.table == "appeals":
            yield Finding(f"{_TABLE_NAMES[p.table]}不完整：应有 {p.detail['expected']} 个数字，"
                          f"文字结束前只读到 {p.detail['count']} 个，整张表记为无法读取。")
            continue
        after = _row_label(report, p, p.detail["after"])
        partial = p.detail.get("partial")
        part = f"（该行只读到 {partial} 个数字）" if partial else ""
        first_missing = _row_label(report, p, p.rows[0])
        yield Finding(
            f"{_TABLE_NAMES[p.table]}在“{after}”行{part}之后中断，从“{first_missing}”起的 {len(p.rows)} 行缺失，"
            f"这些单元格记为无法读取。",
            cells=[c for r in p.rows for c in _row_cells(report, p, r)])


@rule("S108", "warning", "structure", "单元格不是数字")
def cell_not_a_number(report: Report):
    """检查什么：表格中应填数字的单元格是否写了别的内容（文字、问号、乱码）。

    为什么：无法读出的单元格记为无法读取，用到它的勾稽关系记为“未能检查”。

    示例：`一、本年新收政府信息公开申请数量 | 6 | ? | 0 | …`
    """
    fmt = report.tables.format
    for p in _problems(report, "bad_cell"):
        assert fmt is not None and p.column is not None
        spec = fmt.tables[p.table]
        yield Finding(
            f"第{numeral(spec.part)}部分“{spec.row(p.rows[0]).label}”行“{spec.column(p.column).label}”列"
            f"写的是“{p.detail['raw']}”，不是数字，记为无法读取。",
            cells=[(p.table, p.rows[0], p.column)], actual=p.detail["raw"])


@rule("S109", "info", "structure", "行标题缺失，按顺序对应")
def assigned_in_order(report: Report):
    """检查什么：一组行标题缺失、但数字个数正好等于格式规定的格数时，数字按格式顺序对应到各行。

    为什么：这种情况下对应关系是确定的，可以继续检查；但要告诉用户是按顺序对应的，方便核对。

    示例：“（三）不予公开”下 8 行的行标题丢失，后面正好有 8 × 7 = 56 个数字。
    """
    for p in _problems(report, "in_order"):
        labels = "、".join(f"“{_row_label(report, p, r)}”" for r in p.rows[:4])
        more = f"等 {len(p.rows)} 行" if len(p.rows) > 4 else ""
        yield Finding(f"{_TABLE_NAMES[p.table]}中{labels}{more}的行标题缺失，数字个数与格式相符，已按格式顺序对应。")

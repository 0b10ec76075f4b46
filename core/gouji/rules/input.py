"""Rules about the input itself: is there a report to check at all?"""

from __future__ import annotations

from ..formats import FORMAT_2021, TABLE_IDS
from . import Finding, Report, rule


def _input_problem(report: Report, code: str):
    problem = report.input_problem
    if problem is not None and problem.rule == code:
        yield Finding(problem.message)


@rule("U001", "error", "input", "输入为空")
def empty_input(report: Report):
    """检查什么：粘贴框或文件里有没有文字。

    为什么：空白的输入没有任何可以检查的内容，不能当作“通过”。

    怎样改：把年度报告全文（包括三张表格）复制后粘贴进来，或选择报告的文件。

    示例：粘贴了空白内容，或选择了一个 0 字节的文件。
    """
    yield from _input_problem(report, "U001")


@rule("U002", "error", "input", "无法读取的文件")
def unreadable_input(report: Report):
    """检查什么：文件能否作为文本读出（UTF-8、GB18030/GBK 或 UTF-16 编码），以及大小是否在限度以内。

    为什么：图片、压缩包等二进制文件不能直接检查；把乱码当作报告检查只会得出错误的结论。

    怎样改：打开报告，全选复制正文后粘贴进来；或把报告另存为纯文本（.txt）后再选择。

    示例：选择了报告的扫描图片，或一个几十兆的压缩包。
    """
    yield from _input_problem(report, "U002")


@rule("U003", "error", "input", "未找到年度报告表格")
def no_report_tables(report: Report):
    """检查什么：文字中能否找到年度报告格式规定的三张表格（第二、三、四部分）中的任何一张。

    为什么：勾稽检查的对象是这些表格。一段没有表格的文字（通知、新闻稿、只复制了正文的报告）无法检查，
    必须明确告诉用户“没有检查”，而不是显示“通过”。

    怎样改：复制报告全文时把表格一起选上；表格是图片的，需要先把表格中的数字录成文字。

    示例：只粘贴了“一、总体情况”的几段文字，没有粘贴表格。
    """
    if report.input_problem:
        return
    if report.tables.tables and not report.tables.readable:
        found = "、".join(FORMAT_2021.tables[t].part_name for t in TABLE_IDS if t in report.tables.tables)
        yield Finding(
            f"找到了{found}表格的位置，但没有读到任何一个数字（表格可能只复制了表头，或数字丢失了），"
            "因此没有做任何勾稽检查。请重新复制完整的表格后再检查。")
    elif not report.tables.tables:
        looked_for = "、".join(
            f"{t.part_name}（“{t.data_rows[0].label}”“{t.data_rows[1].label}”等）"
            for t in (FORMAT_2021.tables[tid] for tid in TABLE_IDS))
        yield Finding(
            f"未找到年度报告的表格：查找了{looked_for}的表格标签，均未找到，因此没有做任何勾稽检查。"
            "请确认粘贴的是政府信息公开工作年度报告全文。")

"""Rules about the input itself: is there a report to check at all?"""

from __future__ import annotations

from . import Finding, Report, rule


@rule("U001", "error", "input", "输入为空")
def empty_input(report: Report):
    """检查什么：粘贴框或文件里有没有文字。

    为什么：空白的输入没有任何可以检查的内容，不能当作“通过”。

    示例：粘贴了空白内容，或选择了一个 0 字节的文件。
    """
    if report.input_problem and report.input_problem[0] == "empty":
        yield Finding(report.input_problem[1])


@rule("U002", "error", "input", "无法读取的文件")
def unreadable_input(report: Report):
    """检查什么：文件能否作为文本读出（UTF-8、GB18030/GBK 或 UTF-16 编码）。

    为什么：图片、压缩包、Word、PDF 等二进制文件不能直接检查；把乱码当作报告检查只会得出错误的结论。

    示例：选择了报告的 `.docx` 或 `.pdf` 文件本身，而不是复制出来的文字。
    """
    if report.input_problem and report.input_problem[0] in ("undecodable", "too_large"):
        yield Finding(report.input_problem[1])


@rule("U003", "error", "input", "未找到年度报告表格")
def no_report_tables(report: Report):
    """检查什么：文字中能否找到年度报告格式规定的三张表格（第二、三、四部分）中的任何一张。

    为什么：勾稽检查的对象是这些表格。一段没有表格的文字（通知、新闻稿、只复制了正文的报告）无法检查，
    必须明确告诉用户“没有检查”，而不是显示“通过”。

    示例：只粘贴了“一、总体情况”的几段文字，没有粘贴表格。
    """
    if report.input_problem:
        return
    if report.tables.tables and not report.tables.readable:
        found = "、".join(f"第{'二三四'[('proactive', 'requests', 'appeals').index(t)]}部分" for t in report.tables.tables)
        yield Finding(
            f"找到了{found}表格的位置，但没有读到任何一个数字（表格可能只复制了表头，或数字丢失了），"
            "因此没有做任何勾稽检查。请重新复制完整的表格后再检查。")
    elif not report.tables.tables:
        yield Finding(
            "未找到年度报告的表格：查找了第二部分（“第二十条第（一）项”“规章”“行政规范性文件”等）、"
            "第三部分（“本年新收政府信息公开申请数量”“本年度办理结果”等）和第四部分（“行政复议”“行政诉讼”）"
            "的表格标签，均未找到，因此没有做任何勾稽检查。请确认粘贴的是政府信息公开工作年度报告全文。"
        )

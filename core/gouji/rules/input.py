"""Rules about the input itself: is there a report to check at all?"""

from __future__ import annotations

from ..extract import PDF_PAGE_CAP
from ..formats import FORMAT_2021, TABLE_IDS
from . import Finding, Report, rule

_REPLACEMENT = "\ufffd"
_LISTED = 8


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
    """检查什么：文件能否读出文字：纯文本（UTF-8、GB18030/GBK、Big5 或 UTF-16 编码）、网页（.html/.htm）、
    Word（.docx，包括 WPS 保存的）或有文字层的 PDF，以及大小是否在限度以内。

    为什么：图片、压缩包、旧版 Word（.doc）和 WPS（.wps）文件、扫描成图片的 PDF 都读不出文字；
    把乱码当作报告检查只会得出错误的结论。

    怎样改：旧版 .doc/.wps 文件在 Word 或 WPS 中另存为 .docx；扫描件请找报告的网页或 Word 版本；
    也可以打开报告，全选复制全文后粘贴进来。

    示例：选择了报告的截图、一个 .doc 文件、一个扫描的 PDF，或一个几十兆的压缩包。
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


@rule("U004", "warning", "input", "有无法识别的字符")
def damaged_characters(report: Report):
    """检查什么：文字中有没有无法识别的字符：文件中个别字节不符合它的编码（例如 UTF-8 文件里混进了
    一个别的编码的字节），或粘贴、转换时已经变成了“�”的字符。这些地方按“�”读入，其余内容照常检查。

    为什么：坏掉的字节常常落在数字或表格标签上，那里的数字读不出或读错，检查结果也就不可靠；
    指出是哪几行，才能对照原文核对。

    怎样改：打开原文，核对所列各行，把“�”处改回原来的字或数字；文件是用别的编码另存的，
    请另存为 UTF-8 编码后再检查。

    示例：记事本保存的 UTF-8 文件中第 12 行混进了一个 GBK 编码的字节，显示为“�”。
    """
    original = report.text.original
    if _REPLACEMENT not in "".join(original):  # (most texts: one search, not one a line)
        return
    lines = [i for i, line in enumerate(original) if _REPLACEMENT in line]
    count = sum(report.text.original[i].count(_REPLACEMENT) for i in lines)
    where = "、".join(str(i + 1) for i in lines[:_LISTED]) + (f" 等 {len(lines)} 行" if len(lines) > _LISTED else " 行")
    source = report.source
    if source is not None and source.replaced:
        encoding = (source.encoding or "").upper()
        what = f"文件中有 {source.replaced} 处字节不是有效的 {encoding} 编码，已用“�”标出"
    else:
        what = f"文字中有 {count} 个无法识别的字符（显示为“�”）"
    yield Finding(f"{what}，在第 {where}。这些地方的文字或数字可能缺失或有误，其余内容照常检查。",
                  line=lines[0], quote=report.text.original[lines[0]].strip()[:80], actual=count)


@rule("U005", "warning", "input", "PDF 中有未读取的页")
def unread_pdf_pages(report: Report):
    """检查什么：PDF 的每一页是否都读了。一页解压后的内容（绘制这一页的指令，加上它用到的字体的字符映射表，
    映射表按四分之一计）超过 512 kB，或用到的字体超过 200 种的，不读这一页，其余各页照常检查。

    为什么：一页报告解压后通常只有几十 kB，字体只有几种；超出这么多的多半是矢量绘制的图表或地图，
    也可能是恶意构造的文件，读它要花几分钟、占用几 GB 内存。没有读的页上如果有表格或文字，就没有检查，
    必须说明。

    怎样改：如果表格或正文在所列的页上，请打开 PDF，复制这一页的文字粘贴进来检查，或改用报告的网页或
    Word 版本。

    示例：第 7 页是一幅矢量绘制的辖区地图，内容解压后有 12 MB：这一页没有读取，前 6 页的表格照常检查。
    """
    source = report.source
    if source is None or not source.skipped_pages:
        return
    skipped = source.skipped_pages
    pages = "、".join(str(n) for n in skipped[:_LISTED])
    pages += f" 等 {len(skipped)} 页" if len(skipped) > _LISTED else " 页"
    these = "这一页" if len(skipped) == 1 else "这些页"
    yield Finding(f"PDF 第 {pages}过大（解压后的内容超过 {PDF_PAGE_CAP}，或字体过多；一页报告通常只有几十 kB），"
                  f"没有读取：{these}上的文字和表格都没有检查，"
                  f"其余各页照常检查。如果表格或正文在{these}上，请复制{these}的文字粘贴进来检查。",
                  actual=len(skipped))

"""Completeness: the six parts the format requires, in order, each saying something."""

from __future__ import annotations

from collections.abc import Iterator

from ..formats import PARTS, TABLE_OF_PART, format_for_year, numeral
from ..normalize import HAN
from ..regexes import regex
from . import Finding, Report, rule

_CJK = regex(HAN)
_ONLY_NONE = regex(r"^[\s。.、，,]*(?:无|暂无|没有|无其他需要报告的事项|无其他事项|无需要报告的事项)[\s。.]*$")
_FEE = regex(r"处理费|收费|收取|费用")
_FEE_ANYWHERE = regex(r"信息处理费|处理费")

# Headings worded a little off the template ("六、其他需要说明的事项"): the part is there.
_LOOSE = {p.number: regex(rf"^\s*{p.numeral}\s*[、.,]\s*{p.loose}") for p in PARTS if p.loose}


def _present(report: Report, part: int) -> bool:
    if part in report.sections.headings:
        return True
    tid = TABLE_OF_PART.get(part)
    if tid is not None and tid in report.sections.regions:
        return True
    loose = _LOOSE.get(part)
    return loose is not None and any(len(line) <= 40 and loose.match(line) for line in report.text.lines)


def _content_lines(report: Report, part: int) -> Iterator[int]:
    """The non-empty lines of a part after its heading (signature lines of the
    last part excluded), one by one (whether a part has any asks for the first)."""
    span = report.sections.part_span(part, len(report.text.lines))
    if span is None:
        return
    start, end = span
    s = report.sections
    skip = {s.signature_line} if s.signature_line is not None else set()
    for i in range(start + 1, end):
        line = report.text.lines[i].strip()
        if not line or i in skip:
            continue
        if s.body and line.replace(" ", "") == s.body:
            continue
        yield i


@rule("C101", "warning", "structure", "缺少报告的组成部分")
def parts_missing(report: Report):
    """检查什么：年度报告格式规定的六个部分是否都有：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；
    四、政府信息公开行政复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。

    为什么：六个部分是年度报告格式的固定结构，缺少任何一部分都是内容不完整；也可能是复制时漏掉了。
    第二、三、四部分只要找到了相应的表格，即使没有标题也算有。

    怎样改：按格式补上缺少的部分；没有内容的部分也要写明“无”或说明情况。

    示例：报告在第四部分的表格之后就结束了，没有“五、存在的主要问题及改进情况”和“六、其他需要报告的事项”。
    """
    missing = [p for p in PARTS if not _present(report, p.number)]
    if missing:
        names = "、".join(f"“{p.numeral}、{p.title}”" for p in missing)
        yield Finding(f"没有找到{names}。年度报告应包括格式规定的全部六个部分。",
                      actual=[p.number for p in missing])


@rule("C102", "warning", "structure", "各部分顺序不对")
def parts_out_of_order(report: Report):
    """检查什么：六个部分的标题是否按一、二、三、四、五、六的顺序出现。

    为什么：格式规定了各部分的顺序；顺序颠倒常见于拼接不同文档时出错，也会让读者找不到内容。

    怎样改：按一至六的顺序调整各部分。

    示例：“五、存在的主要问题及改进情况”出现在“四、政府信息公开行政复议、行政诉讼情况”之前。
    """
    order = [part for _, part in sorted((line, part) for part, line in report.sections.headings.items())]
    if order != sorted(order):
        shown = "、".join(numeral(p) for p in order)
        yield Finding(f"各部分标题出现的顺序是 {shown}，应按一至六的顺序排列。", expected=sorted(order), actual=order)


@rule("C103", "warning", "structure", "某一部分没有内容")
def part_empty(report: Report):
    """检查什么：第一、五、六部分（文字部分）在标题之下是否有内容。

    为什么：只有标题、没有内容的部分，等于没有报告。第六部分在2019年版格式下写“无”是完整的，这里只查完全空白。

    怎样改：在标题下写上这一部分的内容；确实没有的，写明“无”或说明情况。

    示例：“五、存在的主要问题及改进情况”标题下面紧接着就是“六、其他需要报告的事项”。
    """
    for part in (1, 5, 6):
        if part not in report.sections.headings:
            continue
        if next(_content_lines(report, part), None) is None:
            p = PARTS[part - 1]
            line = report.sections.headings[part]
            yield Finding(f"“{p.numeral}、{p.title}”标题下没有内容。", line=line,
                          quote=report.text.original[line].strip())


@rule("C104", "warning", "structure", "“存在的主要问题及改进情况”只写了“无”")
def problems_part_says_nothing(report: Report):
    """检查什么：第五部分“存在的主要问题及改进情况”是否只写了“无”“暂无”。

    为什么：格式要求如实说明工作中存在的问题和改进措施；只写“无”，第三方评估通常视为未报告。

    怎样改：写出本年度工作中存在的具体问题，以及下一年的改进措施。

    示例：
    ```
    五、存在的主要问题及改进情况
    无。
    ```
    """
    lines = list(_content_lines(report, 5))
    if not lines:
        return
    text = "".join(report.text.lines[i].strip() for i in lines)
    if _ONLY_NONE.match(text):
        yield Finding("第五部分“存在的主要问题及改进情况”只写了“无”，应说明存在的问题和改进情况。",
                      line=lines[0], quote=report.text.original[lines[0]].strip())


@rule("C105", "warning", "structure", "第六部分没有说明信息处理费")
def fee_not_stated(report: Report):
    """检查什么：使用2021年版格式的报告，第六部分“其他需要报告的事项”是否说明了收取信息处理费的情况（没有收取也要写明，如“未收取信息处理费”“收取信息处理费0元”）。

    为什么：国办公开办函〔2021〕30号格式要求在第六部分报告依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）
    收取信息处理费的情况。2019、2020年度（2019年版格式）没有这项要求，第六部分写“无”是完整的，不检查。
    报告在别的部分已经说明了信息处理费的，也不报。

    怎样改：在第六部分写明收取信息处理费的情况，没有收取的写“本年度未收取信息处理费”。

    示例：2023年度报告第六部分只写了“无。”。
    """
    fmt = report.format
    year = report.sections.year
    if fmt is None or not fmt.fee_statement or (year is not None and not format_for_year(year).fee_statement):
        return
    if 6 not in report.sections.headings:
        return
    lines = list(_content_lines(report, 6))
    text = "".join(report.text.lines[i] for i in lines)
    if _FEE.search(text):
        return
    if _FEE_ANYWHERE.search(report.text.joined):
        return
    line = report.sections.headings[6]
    yield Finding("第六部分“其他需要报告的事项”没有说明收取信息处理费的情况"
                  "（没有收取也应写明，如“本年度未收取信息处理费”）。",
                  line=line, quote=report.text.original[line].strip())

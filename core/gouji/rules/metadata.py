"""The report's year, format, dates and who wrote it.

Who reports decides the deadline (``Sections.deadline``; townships have none
and get no date finding).  A report that says neither when it was signed nor
when it went online gets no date finding.
"""

from __future__ import annotations

from ..formats import FORMATS, Format, format_for_year
from ..regexes import regex
from . import Finding, NotChecked, Report, rule


def _deadline_words(report: Report) -> str:
    if report.sections.body_kind == "department":
        return "部门（…局、委、办、中心）应于次年1月31日前公布年度报告"
    return "县级以上人民政府应于次年3月31日前公布年度报告"


def _years(fmt: Format) -> str:
    first, last = fmt.years
    if last is None:
        return f"{first} 年及以后"
    return "、".join(str(y) for y in range(first, last + 1)) + " 年度"


def _date(d: tuple[int, int, int]) -> str:
    return f"{d[0]}年{d[1]}月{d[2]}日"


def _line_quote(report: Report, line: int | None) -> str | None:
    if line is None or line >= len(report.text.original):
        return None
    q = report.text.original[line].strip()
    return q if len(q) <= 200 else q[:198] + "…"


# ------------------------------------------------------------------ rules


@rule("M101", "error", "metadata", "表格格式与报告年度不符")
def format_fits_year(report: Report):
    """检查什么：表格所用的格式是否与报告年度相符：2021年及以后的报告应使用国办公开办函〔2021〕30号格式
    （第二部分有“本年制发件数”“现行有效件数”，第三部分有“（六）其他处理”三个分项）；2019、2020年的报告使用
    国办公开办函〔2019〕60号格式（“本年新制作数量”“对外公开总数量”“政府集中采购”）。

    为什么：用错格式，表格的行列与规定不一致，通常是套用了旧模板或别的年份的报告。

    怎样判断：只看表格自己的表头用语；表头用语不能判断格式时不报。

    怎样改：按报告年度换用规定的格式重新填写第二、三、四部分的表格（2021年及以后用国办公开办函〔2021〕30号格式）。

    示例：《2022年政府信息公开工作年度报告》第二部分仍是“本年新制作数量 / 本年新公开数量 / 对外公开总数量”。
    """
    hint = report.sections.format_hint
    year = report.sections.year
    if hint is None or year is None:
        yield NotChecked("表格表头用语或报告年度无法确定，没有核对格式与年度。")
        return
    used, due = FORMATS[hint], format_for_year(year)
    if used is not due and (year >= due.years[0]):
        yield Finding(f"这是 {year} 年度的报告，表格却是 {used.title}，{_years(due)}的报告应使用 {due.title}。",
                      expected=due.id, actual=used.id)


@rule("M102", "error", "metadata", "标题年度与统计期限不符", needs_tables=False)
def title_vs_period(report: Report):
    """检查什么：标题中的年度（“××2023年政府信息公开工作年度报告”）与“统计期限自××年1月1日起至××年12月31日止”的年度是否一致。

    为什么：两处年份不一致，读者无法确定报告说的是哪一年，通常是改标题时漏改了统计期限（或反过来）。

    怎样改：把标题和统计期限改成同一个年度（报告所统计的那一年）。

    示例：标题为“2023年政府信息公开工作年度报告”，正文写“本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止”。
    """
    s = report.sections
    if s.title_year is None or s.period_year is None:
        return
    if s.title_year != s.period_year:
        yield Finding(f"标题写的是 {s.title_year} 年度，统计期限却是 {s.period_year} 年。",
                      expected=s.title_year, actual=s.period_year, line=s.period_line,
                      quote=_line_quote(report, s.period_line))


@rule("M103", ("error", "warning"), "metadata", "落款日期晚于法定期限", needs_tables=False)
def signed_late(report: Report):
    """检查什么：报告落款日期是否晚于《政府信息公开条例》第四十九条规定的公布期限：
    县级以上人民政府部门（…局、委、办、中心）为次年1月31日，县级以上人民政府为次年3月31日。
    乡镇、街道不在第四十九条规定之列，不检查；报告没有写落款日期的，也不检查。

    为什么：逾期公布是第三方评估中最常见的扣分项之一。落款日期是报告自己写明的日期，晚于期限即为逾期，所以报为错误。
    落款比报告年度晚了一年以上的，更可能是年份写错，只报警告，请核对。

    怎样改：在期限前发布报告；落款日期写实际的成文日期。如果落款年份写错了，改正年份。

    示例：清河区应急管理局《2023年度政府信息公开工作年度报告》落款“2024年2月5日”，晚于2024年1月31日。
    """
    s = report.sections
    limit = s.deadline
    if s.signature_date is None or limit is None:
        return
    why = _deadline_words(report)
    if s.signature_date[0] > limit[0]:
        # More than a year after: more likely a wrong year in the title or the signature than a late report.
        yield Finding(f"落款日期 {_date(s.signature_date)} 比 {s.year} 年度晚了一年以上，请核对报告年度或落款年份"
                      f"（如确为 {s.year} 年度的报告，则晚于 {_date(limit)} 的公布期限）。",
                      expected=_date(limit), actual=_date(s.signature_date), line=s.signature_line,
                      quote=_line_quote(report, s.signature_line), severity="warning")
    elif s.signature_date > limit:
        yield Finding(f"落款日期 {_date(s.signature_date)} 晚于 {_date(limit)}（{why}，《条例》第四十九条）。",
                      expected=_date(limit), actual=_date(s.signature_date), line=s.signature_line,
                      quote=_line_quote(report, s.signature_line))


@rule("M104", "warning", "metadata", "网页发布日期晚于法定期限", needs_tables=False)
def online_late(report: Report):
    """检查什么：网页上报告自带的发布时间（如“来源：××局 时间：2024-02-02”）是否晚于法定公布期限
    （部门次年1月31日，县级以上人民政府次年3月31日；乡镇、街道不检查）。

    为什么：落款日期按时，但挂到网上晚了，公众看到的仍是逾期公布。网页时间可能是后来更新、转载的时间，
    不一定是首次公布的时间，所以报为警告，请核对首次发布时间。

    怎样改：按期限在网站发布报告；如果网页时间是后来更新的时间，保留首次发布的记录备查。

    示例：清河区应急管理局2023年度报告落款2024年1月8日，网页时间为2024-02-02。
    """
    s = report.sections
    limit = s.deadline
    if s.online_date is None or limit is None:
        return
    why = _deadline_words(report)
    if s.online_date > limit:
        yield Finding(f"网页显示的发布时间 {_date(s.online_date)} 晚于 {_date(limit)}（{why}，《条例》第四十九条）。"
                      f"如这是更新或转载时间，请核对首次公布的时间。",
                      expected=_date(limit), actual=_date(s.online_date), line=s.online_line,
                      quote=_line_quote(report, s.online_line))


@rule("M105", "error", "metadata", "落款日期早于报告年度结束", needs_tables=False)
def signed_too_early(report: Report):
    """检查什么：报告的落款日期是否早于所报告年度的结束（12月31日）。

    为什么：年度报告要统计全年的数据，年度还没结束就签发，数据不可能完整；也常见于落款年份写错（把次年写成当年）。

    怎样改：核对落款日期，通常应为报告年度的次年（如2023年度报告落款2024年1月）。

    示例：朝阳市龙城区住房和城乡建设局《2022年政府信息公开工作年度报告》落款“2022年12月30日”。
    """
    s = report.sections
    if s.signature_date is None or s.year is None:
        return
    if s.signature_date < (s.year + 1, 1, 1):
        yield Finding(f"这是 {s.year} 年度的报告，落款日期却是 {_date(s.signature_date)}，早于该年度结束"
                      f"（或落款年份写错）。", expected=f"{s.year + 1}年1月1日以后", actual=_date(s.signature_date),
                      line=s.signature_line, quote=_line_quote(report, s.signature_line))


_YEAR_LEAD = regex(r"^(?:[(（]?[一二三四五六七八九十\d]{1,3}[)）、.]\s*)?(?:[一二三四五六七八九十]是)?"
                        r"((?:19|20)\d\d)年度?(?![以至到\-—~、和与及底末初])")
_YEAR_CLAUSE = regex(r"[,，;；]((?:19|20)\d\d)年度?[,，]?(?=我|本|全|各|市|区|县|镇|局)")
# "2022年度政府信息公开工作年度报告发布后…", "2022年政务公开工作要点…": a document, not last year's work.
_REFERENCE = regex(r".{0,12}?(?:年度报告|工作要点|工作方案|考核结果|评估结果)")
_COMPARISON = regex(r"较(?:19|20)\d\d|较上一?年|较去年|比(?:19|20)\d\d|比上一?年|比去年|同比|相比|以来|截至|截止|"
                         r"对比|与上一?年|连续|自(?:19|20)|分别")


@rule("M106", "warning", "metadata", "总体情况写的是别的年份（疑似沿用上年报告）", needs_tables=False)
def other_year_sentences(report: Report):
    """检查什么：第一部分“总体情况”中，以另一年份开头、叙述那一年工作的句子（“2022年我局……”出现在2023年度报告中）。

    为什么：这通常是从上一年报告中照搬过来、忘了修改的句子。与往年比较的写法（“较2022年增加”“2022年以来”）是正常的，不报。
    只是疑似，所以报为警告，请核对。

    怎样改：把这句话改写为本年度的情况；确需回顾往年的，写明是与往年比较。

    示例：2023年度报告的总体情况中写“2022年我局在区政务公开工作考核中取得了良好成绩”。
    """
    year = report.sections.year
    if year is None:
        return
    headings = report.sections.headings
    part2 = headings.get(2, min((r[0] for r in report.sections.regions.values()), default=len(report.text.lines)))
    for s in report.prose.sentences:
        if 1 in headings:
            if s.part != 1:
                continue
        elif s.line >= part2:
            continue
        m = _YEAR_LEAD.match(s.text) or _YEAR_CLAUSE.search(s.text)
        if not m:
            continue
        y = int(m.group(1))
        if y >= year or _COMPARISON.search(s.text) or _REFERENCE.match(s.text, m.end()):
            continue
        yield Finding(f"{year} 年度报告的总体情况中，这句话写的是 {y} 年的工作，"
                      f"疑似沿用了往年报告，请核对：“{s.quote}”",
                      expected=year, actual=y, line=s.line, quote=s.quote)


_SELF = {
    "department": (regex(r"我(?:镇|乡)|本(?:镇|乡)(?!村)"), "部门"),
    "government": (regex(r"我(?:镇|乡)|本(?:镇|乡)(?!村)"), "县级以上人民政府"),
    "township": (regex(r"我(?:局|委)(?![员])|本局"), "乡镇（街道）"),
}


@rule("M107", "info", "metadata", "正文自称与报告机关不符", needs_tables=False)
def self_reference(report: Report):
    """检查什么：正文对本机关的自称是否与报告机关的类型相符，例如一个“局”的报告写“我镇”，或一个镇的报告写“我局”。

    为什么：这往往说明正文是从别的机关的报告中套用过来的，其他内容也可能没有改。只作提示。

    怎样改：把自称改为本机关（如“我局”），并通读全文，核对其他套用的内容。

    示例：清河区应急管理局的报告中写“社会群众对我镇信息公开评议结果较好”。
    """
    kind = report.sections.body_kind
    if kind is None:
        return
    pattern, what = _SELF[kind]
    shown = 0
    for s in report.prose.sentences:
        m = pattern.search(s.text)
        if m and shown < 3:
            shown += 1
            yield Finding(f"报告机关是{report.sections.body}（{what}），正文却自称“{m.group(0)}”：“{s.quote}”",
                          actual=m.group(0), line=s.line, quote=s.quote)

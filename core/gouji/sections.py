"""Stage 3: find the parts, the tables' regions, the title, year and body.

Part headings are 一、…六、 followed by the part's own words: table 三's row
labels also start with 一、…四、, so the numeral alone proves nothing.
Headings go missing (seed 001 has no 三、), so each table's region is found by
the table's own labels as well as by the heading above it.
"""

from __future__ import annotations

from .formats import APPEALS_ID, FORMAT_2021, FORMATS, PARTS, PROACTIVE_ID, REQUESTS_ID
from .normalize import HAN, Text
from .record import Record
from .regexes import regex

_HEADING = regex(r"^\s*([一二三四五六])\s*[、.,:]\s*(.{1,40}?)\s*$")
# Where a heading may be: a line that opens with a numeral and its mark, found
# in the joined lines from the newline before it (a pattern led by one
# character is searched for at C speed; one led by a class of six is tried at
# every character, a seventh of the sections' time).
_HEADING_LINE = regex(r"\n[^\S\n]*[一二三四五六][^\S\n]*[、.,:]")
_YEAR = r"((?:19|20)\d\d)\s*年"
_TITLE = regex(r"政府信息公开.{0,8}(?:年度)?\s*报告|信息公开.{0,6}年报")
_TITLE_YEAR = regex(_YEAR + r"\s*度?")
_PERIOD_YEAR = regex(r"统计期限.{0,12}?" + _YEAR)
_PERIOD_RANGE = regex(r"(?:19|20)\d\d\s*年\s*1\s*月\s*1\s*日.{0,6}?((?:19|20)\d\d)\s*年\s*12\s*月\s*31\s*日"
                      r"|截[止至]\s*((?:19|20)\d\d)\s*年\s*(?:12\s*月\s*31\s*日|年底|底)")
# The prose names the year it reports on: 现将2021年政府信息公开工作情况报告如下,
# 现汇报我镇2023年政府信息公开工作; 2021年，我局收到…
_REPORTING_YEAR = regex(r"(?:现将|汇报|报告|公布|编制|形成)[^。,，;；]{0,10}?" + _YEAR
                        + r"\s*度?[^。,，;；]{0,8}?政府信息公开")
# (\s*(?:度\s*)?, not \s*度?\s*: two runs of spaces side by side made the engine
# try every split of a long run of them, quadratic in its length)
_YEAR_SUBJECT = regex(_YEAR + r"\s*(?:度\s*)?[,，]\s*(?:我|本|全)")
_OPENING_YEAR = regex(r"^\s*(?:\(?[一二三四五六七八九十]+\)?[、.]?\s*)?" + _YEAR + r"\s*度?\s*[,，:]?")
_ANY_YEAR_DU = regex(_YEAR + r"\s*度")
_DATE_LINE = regex(r"^\s*((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_BODY_SUFFIX = (r"(?:人民政府|政府办公室|办公室|管理委员会|委员会|街道办事处|办事处|局|厅|委|办|署|中心|院|所|站|"
                r"市|县|区|州|盟|旗|镇|乡|街道)")
_BODY_IN_PROSE = regex(r"(?:^|[,，。；;:])\s*(" + HAN + r"{2,20}?" + _BODY_SUFFIX +
                            r")(?:共|全年|累计|本年度?)?(?:收到|受理|新收)")
_BODY_COMPILED_BY = regex(r"由\s*(" + HAN + r"{2,30}?" + _BODY_SUFFIX + r")\s*(?:负责)?(?:编制|编辑|编办|编写|制作)")
_SIGNATURE_NAME = regex(r"(?:" + HAN + r"|[()])+")
_SIGNATURE_NAME_END = regex(_BODY_SUFFIX + "$")
_TABLE_LINE = regex(r"[|\t]| {2,}\S")
# A site's navigation line: 首页 > 政务公开 > 政府信息公开年报.
_BREADCRUMB = regex(r"[>›»]|当前位置|您的位置")
# A page's label before the title: 标题：…, 题目：….
_TITLE_LABEL = regex(r"^(?:(?:文章标题|信息名称|标题|题目|名称|主题)[:：]|正文[:：]?)")


class Sections(Record):
    def __init__(
        self,
        headings: dict[int, int] | None = None,
        regions: dict[str, tuple[int, int]] | None = None,
        title: str | None = None,
        title_line: int | None = None,
        year: int | None = None,
        year_source: str | None = None,
        body: str | None = None,
        body_source: str | None = None,
        signature_date: tuple[int, int, int] | None = None,
        signature_line: int | None = None,
        format_hint: str | None = None,
        truncated_at_end: set[str] | None = None,
        title_year: int | None = None,
        period_year: int | None = None,
        period_line: int | None = None,
        online_date: tuple[int, int, int] | None = None,
        online_line: int | None = None,
        body_kind: str | None = None,
        county_level: bool = False,
        deadline: tuple[int, int, int] | None = None,
    ) -> None:
        self.headings = {} if headings is None else headings  # part number → line index
        self.regions = {} if regions is None else regions  # table id → [start, end)
        self.title = title
        self.title_line = title_line
        self.year = year
        self.year_source = year_source  # "title", "period", "opening", "prose"
        self.body = body
        self.body_source = body_source
        self.signature_date = signature_date
        self.signature_line = signature_line
        self.format_hint = format_hint  # from the tables' own header words
        # regions that run to the end of the text
        self.truncated_at_end = set() if truncated_at_end is None else truncated_at_end
        # Found by find_dates().
        self.title_year = title_year  # the year written in the title
        self.period_year = period_year  # the year of the 统计期限 sentence
        self.period_line = period_line
        self.online_date = online_date  # the page's own 发布时间 / 时间 line
        self.online_line = online_line
        # Who reports, as far as the body's name says: "township", "government",
        # "department" or None; whether it is at county level or below; and the
        # date its report is due by (条例 第四十九条), when one binds it.
        self.body_kind = body_kind
        self.county_level = county_level
        self.deadline = deadline

    def part_span(self, number: int, n_lines: int) -> tuple[int, int] | None:
        """Lines of a part, from its heading to the next heading found."""
        start = self.headings.get(number)
        if start is None:
            return None
        later = [line for n, line in self.headings.items() if line > start]
        return start, min(later) if later else n_lines


def heading_part(line: str) -> int | None:
    m = _HEADING.match(line)
    if not m:
        return None
    numeral, rest = m.groups()
    part = _PART_OF_NUMERAL[numeral]
    return part.number if any(w in rest for w in part.words) else None


_PART_OF_NUMERAL = {part.numeral: part for part in PARTS}


def find_sections(text: Text) -> Sections:
    """The parts, the tables' regions, the title, year and body, the dates.

    Reads the normalized lines only; every field it cannot find stays None.
    """
    lines = text.lines
    s = Sections()

    # Only lines that open with a numeral and its mark (三、) can be part
    # headings: found in one search of the whole text, not a look at every line.
    joined = "\n" + text.joined  # (the first line after a newline too)
    i, counted = -1, 0
    for m in _HEADING_LINE.finditer(joined):
        i += joined.count("\n", counted, m.start() + 1)
        counted = m.start() + 1
        line = lines[i]
        if len(line) > 60:
            continue
        part = heading_part(line)
        if part is not None and part not in s.headings:
            s.headings[part] = i

    _find_regions(text, s)
    _find_title(lines, s)
    _find_year(lines, s)
    _find_body(lines, s)
    s.body_kind = body_kind(s.body)
    s.county_level = county_level(s.body)
    s.deadline = deadline(s.year, s.body_kind)
    _find_signature(lines, s)
    s.format_hint = _format_hint(text, s)
    find_dates(lines, s)
    return s


def _is_prose(line: str) -> bool:
    """A sentence of running text: it ends the table above it."""
    stripped = line.strip()
    if not stripped or _TABLE_LINE.search(stripped):
        return False
    return "。" in stripped and len(stripped) >= 12


def _find_regions(text: Text, s: Sections) -> None:
    lines, first = text.lines, text.find_first
    n = len(lines)
    h = s.headings
    # The words the tables' own headers and rows are recognised by (the same in both formats).
    proactive, requests, appeals = (FORMAT_2021.tables[t] for t in (PROACTIVE_ID, REQUESTS_ID, APPEALS_ID))

    # Table 二: from its heading, or from the first 第二十条 item header.
    p_start = h.get(proactive.part)
    if p_start is None:
        p_start = first(proactive.start_words, 0, n)

    search_from = p_start if p_start is not None else 0
    # Table 三: its heading, its header words, or its first row label.
    heading = h.get(requests.part)
    candidates = [i for i in (
        heading if heading is not None and heading >= search_from else None,
        first(requests.start_words, search_from, n),
        first(requests.rows[0].keys, search_from, n),
    ) if i is not None]
    r_start = min(candidates) if candidates else None

    if p_start is not None:
        if r_start is not None and r_start > p_start:
            p_end = r_start
        else:
            p_end = _next_boundary(lines, p_start, (3, 4, 5, 6), h)
        s.regions[PROACTIVE_ID] = (p_start, p_end)

    a_search = r_start if r_start is not None else search_from
    heading = h.get(appeals.part)
    a_start = heading if heading is not None and heading >= a_search else None
    if a_start is None and r_start is not None:
        # No heading: the appeals header row, after table 三's last row.  (With
        # neither, a sentence on 行政复议 in some other text is no table.)
        last_row = first(requests.rows[-1].keys, a_search, n)
        a_start = first(appeals.rows[0].keys, last_row if last_row is not None else a_search, n)

    if r_start is not None:
        r_end = a_start if a_start is not None and a_start > r_start else _next_boundary(lines, r_start, (4, 5, 6), h)
        s.regions[REQUESTS_ID] = (r_start, r_end)
        if r_end >= n:
            s.truncated_at_end.add(REQUESTS_ID)

    if a_start is not None:
        a_end = _next_boundary(lines, a_start + 1, (5, 6), h)
        for i in range(a_start + 1, a_end):
            if _is_prose(lines[i]):
                a_end = i
                break
        s.regions[APPEALS_ID] = (a_start, a_end)
        if a_end >= n:
            s.truncated_at_end.add(APPEALS_ID)


def _next_boundary(lines: list[str], start: int, parts: tuple[int, ...], h: dict[int, int]) -> int:
    later = [h[p] for p in parts if p in h and h[p] > start]
    return min(later) if later else len(lines)


def _find_title(lines: list[str], s: Sections) -> None:
    limit = min(len(lines), 40)
    for i in range(limit):
        line = lines[i].strip()
        if not line or len(line) > 60 or _BREADCRUMB.search(line):
            continue
        joined = line
        # A title broken over two lines: "…2023年度政府信息公开工作" / "年度报告".
        nxt = _next_nonempty(lines, i + 1, limit)
        if not _TITLE.search(joined) and nxt is not None and len(lines[nxt].strip()) <= 12:
            joined = line + lines[nxt].strip()
        if _TITLE.search(joined) and "根据" not in joined and "。" not in joined:
            title = _TITLE_LABEL.sub("", joined.replace(" ", ""))
            m = _TITLE_YEAR.search(title)
            before = title[: m.start()] if m else ""
            if not before:
                # The body's name on the line above (淮安市人民政府 / 2024年…报告); not
                # the page's furniture (正文, 政府信息公开, 【打印】).
                prev = _prev_nonempty(lines, i - 1)
                name = lines[prev].strip().replace(" ", "") if prev is not None else ""
                if len(name) <= 30 and _SIGNATURE_NAME.fullmatch(name) and _SIGNATURE_NAME_END.search(name):
                    title = name + title
            s.title, s.title_line = title, i
            return


def _next_nonempty(lines: list[str], i: int, limit: int) -> int | None:
    while i < limit:
        if lines[i].strip():
            return i
        i += 1
    return None


def _prev_nonempty(lines: list[str], i: int) -> int | None:
    while i >= 0:
        if lines[i].strip():
            return i
        i -= 1
    return None


def _period_year(line: str) -> int | None:
    """The year of a 统计期限 sentence (…至2023年12月31日, 截止2023年12月31日)."""
    m = _PERIOD_YEAR.search(line) or _PERIOD_RANGE.search(line)
    if m is None:
        return None
    return int(next(g for g in m.groups() if g))


def _find_year(lines: list[str], s: Sections) -> None:
    """The year reported on: the title's; else the 统计期限's; else the one the
    opening prose names (现将2021年政府信息公开工作…, 2021年，我局…, 2021年度)."""
    if s.title:
        m = _TITLE_YEAR.search(s.title)
        if m:
            s.year, s.year_source = int(m.group(1)), "title"
            return
    head_end = min(len(lines), s.headings.get(2, len(lines)))
    for i in range(head_end):
        year = _period_year(lines[i])
        if year is not None:
            s.year, s.year_source = year, "period"
            return
    start = s.headings.get(1, 0)
    for pattern, source, lo in ((_REPORTING_YEAR, "prose", 0), (_OPENING_YEAR, "opening", start),
                                (_YEAR_SUBJECT, "prose", start), (_ANY_YEAR_DU, "prose", start)):
        for i in range(lo, head_end):
            m = pattern.match(lines[i]) if pattern is _OPENING_YEAR else pattern.search(lines[i])
            if m and lines[i].strip():
                s.year, s.year_source = int(m.group(1)), source
                return


def _find_body(lines: list[str], s: Sections) -> None:
    if s.title:
        m = _TITLE_YEAR.search(s.title)
        if m and m.start() >= 2:
            s.body, s.body_source = s.title[: m.start()], "title"
            return
    head_end = min(len(lines), s.headings.get(2, len(lines)))
    for pattern, source in ((_BODY_COMPILED_BY, "prose"), (_BODY_IN_PROSE, "prose")):
        for i in range(head_end):
            m = pattern.search(lines[i])
            if m:
                body = m.group(1)
                if not body.startswith(("我", "本", "全")):
                    s.body, s.body_source = body, source
                    return
    sig = _signature_body(lines)
    if sig:
        s.body, s.body_source = sig, "signature"


def _signature_body(lines: list[str]) -> str | None:
    i = _prev_nonempty(lines, len(lines) - 1)
    if i is None or not _DATE_LINE.match(lines[i]):
        return None
    j = _prev_nonempty(lines, i - 1)
    if j is None:
        return None
    cand = lines[j].strip()
    if 2 <= len(cand) <= 30 and _SIGNATURE_NAME.fullmatch(cand) and _SIGNATURE_NAME_END.search(cand):
        return cand
    return None


def _find_signature(lines: list[str], s: Sections) -> None:
    # The date under the signature: one of the last few non-empty lines.
    i = len(lines) - 1
    seen = 0
    while i >= 0 and seen < 4:
        if lines[i].strip():
            seen += 1
            m = _DATE_LINE.match(lines[i])
            if m:
                s.signature_date = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
                s.signature_line = i
                return
        i -= 1


def _format_hint(text: Text, s: Sections) -> str | None:
    """Which format the tables themselves are printed in, by their header words."""
    start = min((r[0] for r in s.regions.values()), default=0)
    end = max((r[1] for r in s.regions.values()), default=0)
    if end <= start:
        return None
    starts = text.starts()  # (the tables' lines, cut from the joined text: not joined again)
    chunk = text.joined[starts[start]:starts[end]].replace(" ", "")
    votes = {fid: sum(1 for m in fmt.markers if m in chunk) for fid, fmt in FORMATS.items()}
    best = max(votes, key=lambda k: votes[k])
    if votes[best] == 0 or list(votes.values()).count(votes[best]) > 1:
        return None
    return best


# ------------------------------------------------------------------ dates and years
# What the metadata rules read: the title's and the 统计期限's own years, the
# date a scraped page says it went online, and a signature date written in
# Chinese numerals or beside the body's name.

# The page's own date line.  A publication label (发布日期, 公开日期…) is taken
# first; a bare 时间/日期 (seed 000: 来源:… 时间:2024-02-02) only when no
# other word stands before it: 抓取时间, 打印日期, 更新时间, 访问日期 are a
# crawler's, a printer's or a later edit's dates, not the publication date.
_ONLINE_DATE = regex(
    r"(?:(发布时间|发布日期|公开日期|公开时间|发文日期|上网时间|上网日期)|(?<![^\s:：|/【\[(])(?:时间|日期))"
    r"\s*[:：]\s*((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_MADE_DATE = regex(r"成文日期\s*[:：]\s*((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "O": 0, "0": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DATE = regex(r"([〇○零O0一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*"
                      r"([一二三四五六七八九十]{1,3})\s*日\s*$")
# The body's name and the date on one line: "清河区应急管理局 2024年1月8日".
_DATE_AT_END = regex(r"^\s*(?:" + HAN + r"|[()]){2,30}"
                     r"(?:人民政府|政府|办公室|委员会|局|委|办|中心|厅|署|部|镇|乡|街道|办事处)"
                     r"\s*((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")


def _cn_number(s: str) -> int:
    """一 … 三十一, as written in dates."""
    if "十" not in s:
        return _CN_DIGIT.get(s, 0)
    tens, _, ones = s.partition("十")
    return (_CN_DIGIT.get(tens, 0) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= 31


def find_dates(lines: list[str], s: Sections) -> None:
    """Years of the title and 统计期限, the online date, a signature date the plain reader missed."""
    if s.title:
        m = _TITLE_YEAR.search(s.title)
        if m:
            s.title_year = int(m.group(1))
    head_end = min(len(lines), s.headings.get(2, len(lines)))
    for i in range(head_end):
        line = lines[i]
        if "统计" not in line and "12" not in line:
            continue
        year = _period_year(line)
        if year is not None:
            s.period_year, s.period_line = year, i
            break
    _find_online_date(lines, s)
    if s.signature_date is None:
        _find_signature_more(lines, s)


def _find_online_date(lines: list[str], s: Sections) -> None:
    """The page header of a scraped report: "来源:… 时间:2024-02-02" (a
    publication label wins over a bare 时间/日期)."""
    first_part = s.headings.get(1, len(lines))
    best = None
    for i in range(min(len(lines), first_part, 25)):
        line = lines[i]
        if len(line) > 120 or ("时间" not in line and "日期" not in line):
            continue  # (every label of _ONLINE_DATE ends in 时间 or 日期)
        for m in _ONLINE_DATE.finditer(line):
            y, mo, d = (int(g) for g in m.groups()[1:])
            rank = 0 if m.group(1) else 1
            if _valid(y, mo, d) and (best is None or rank < best[0]):
                best = (rank, (y, mo, d), i)
    if best is not None:
        s.online_date, s.online_line = best[1], best[2]


def _find_signature_more(lines: list[str], s: Sections) -> None:
    """A signature date in Chinese numerals (二〇二四年一月十五日), or on the body's line."""
    i = len(lines) - 1
    seen = 0
    while i >= 0 and seen < 4:
        line = lines[i].strip()
        if line:
            seen += 1
            if len(line) <= 40:
                m = _CN_DATE.search(line)
                if m:
                    y = int("".join(str(_CN_DIGIT[c]) for c in m.group(1)))
                    mo, d = _cn_number(m.group(2)), _cn_number(m.group(3))
                    if 1900 < y < 2100 and _valid(y, mo, d):
                        s.signature_date, s.signature_line = (y, mo, d), i
                        return
                m = _DATE_AT_END.search(line)
                if m and "。" not in line:
                    y, mo, d = (int(g) for g in m.groups())
                    if _valid(y, mo, d):
                        s.signature_date, s.signature_line = (y, mo, d), i
                        return
        i -= 1
    for i in range(min(len(lines), 25)):
        m = _MADE_DATE.search(lines[i])
        if m:
            y, mo, d = (int(g) for g in m.groups())
            if _valid(y, mo, d):
                s.signature_date, s.signature_line = (y, mo, d), i
                return


# ------------------------------------------------------------------ who reports
# Who reports decides the deadline (条例 第四十九条, as the project reads it):
# a department (…局/委/办/中心 of a city, county or district; a ministry) by
# 31 January, a county-level or higher government (…市/县/区人民政府, or a
# city or county written as the body, 抚远市) by 31 March; townships (…乡/镇/
# 街道) have no date in the 条例 and get none.

_TOWNSHIP = regex(r"(?:乡|镇|街道|街道办事处|苏木)(?:人民政府|政府|党委|办事处)?$")
_GOVERNMENT = regex(r"(?:人民政府(?:办公室|办公厅)?|政府办公室|政府办|(?:省|市|县|区|州|盟|旗))$")
_DEPARTMENT = regex(r"(?:局|委员会|委|办公室|办公厅|办|中心|厅|部|署|总局)$")
_AMBIGUOUS = regex(r"管理委员会$|管委会$")
# A county-level name at the start of a department's name: 清河区…, 朝阳市龙城区…, 积石山县….
_COUNTY_GOVERNMENT = regex(r"(?:县|(?<!自治)区|旗)(?:人民政府)?$")
_COUNTY_HEAD = regex(r"^(?:" + HAN + r"{2,6}?(?:省|自治区|市|自治州|州|盟|地区))?"
                     + HAN + r"{1,6}?(?:县|(?<!自治)区|旗)")


def body_kind(body: str | None) -> str | None:
    """"township", "government", "department", or None when the name does not say."""
    if not body:
        return None
    body = body.strip()
    if _TOWNSHIP.search(body):
        return "township"
    if _AMBIGUOUS.search(body):
        return None
    if _GOVERNMENT.search(body):
        return "government"
    if _DEPARTMENT.search(body):
        return "department"
    return None


def county_level(body: str | None) -> bool:
    """A county, district or banner government, or one of its departments (not 自治区)."""
    if not body:
        return False
    kind = body_kind(body)
    if kind == "township":
        return True
    if kind == "department":
        return bool(_COUNTY_HEAD.match(body))
    if kind == "government":
        return bool(_COUNTY_GOVERNMENT.search(body))
    return False


def deadline(year: int | None, kind: str | None) -> tuple[int, int, int] | None:
    """The last day the report on ``year`` may be published, for a body of this kind."""
    if year is None or kind is None or kind == "township":
        return None
    return (year + 1, 1, 31) if kind == "department" else (year + 1, 3, 31)

"""Stage 5: the prose — its sentences, and the figures they state.

The report's running text (everything outside the tables' regions) is read
sentence by sentence, a PDF's wrapped lines joined first.  A figure is a
number followed by 件 (or 宗/起/例); what it counts is decided by the nearest
keyword before it in its clause (收到、予以公开、上年结转、行政复议、结果维持 …),
or after it (另有 103 件顺延到下年度答复).  Only sentences about 政府信息公开
申请 (or the 行政复议/行政诉讼 they led to) are read, so 受理12345市民热线事项19件
or 接听群众电话230件 are left alone.  Each figure keeps every reading the words
allow (``gouji.formats.prose_readings``): 受理 may include 上年结转, 诉讼 may be
the two suit groups together.  Whether a figure agrees with its table is for
the narrative rules to decide; this stage only reads.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from . import formats
from .formats import Format, Reading
from .normalize import HAN, LONGEST_FIGURE, Text
from .record import Record
from .regexes import led_by_first_characters, regex, word_classes
from .sections import Sections

# ------------------------------------------------------------------ sentences

_HEAD_START = regex(r"^[(（]?[一二三四五六七八九十]{1,3}[)）、.]|^[(（]\d{1,2}[)）]|^\d{1,2}[、.](?!\d)")
_FINAL = ("。", "!", "?", "！", "？")
_SENTENCE_END = regex(r"[。!?！？;；]")
YEAR_IN = regex(r"((?:19|20)\d\d)\s*年")
_QUOTE_MAX = 220


class Sentence(Record):
    def __init__(self, text: str, line: int, quote: _QuoteAt | str, para: int, part: int | None) -> None:
        self.text = text  # normalized, spaces removed
        self.line = line  # 0-based line where it starts
        self._quote = quote  # the user's words, or where to cut them from (when a finding quotes them)
        self.para = para  # paragraph number: a sentence may lean on the one before it in its paragraph
        self.part = part  # report part (1…6) it stands in, when the headings say

    @property
    def quote(self) -> str:
        """The user's words, as written."""
        if not isinstance(self._quote, str):
            self._quote = _quote(*self._quote)
        return self._quote


class Figure(Record):
    """A figure of the prose, with every way it may be read against the tables."""

    def __init__(self, value: int, kind: str, readings: list[Reading], sentence: Sentence, words: str,
                 other_unit: str | None = None) -> None:
        self.value = value
        self.kind = kind  # what its words count (formats.PROSE_TERMS)
        self.readings = readings  # likeliest first
        self.sentence = sentence
        self.words = words  # the words just before it
        # The unit the sentence speaks of, when it is not the reporting body
        # (区政府办代表区政府受理…): its figures may be that unit's alone.
        self.other_unit = other_unit

    @property
    def certain(self) -> bool:
        """Whether the sentence is surely about the reporting body as a whole."""
        return self.other_unit is None


class Prose(Record):
    def __init__(self, sentences: list[Sentence], figures: list[Figure]) -> None:
        self.sentences = sentences
        self.figures = figures


def read_prose(text: Text, sections: Sections, fmt: Format | None) -> Prose:
    """The sentences of the report's running text and the figures they state.

    ``fmt`` is the format its tables are read in (it decides what （六）其他处理
    holds); None when no table was found.
    """
    found = sentences(text, sections)
    return Prose(found, list(_figures(found, sections.year, fmt, sections.body)))


def _prose_lines(text: Text, sections: Sections) -> list[int]:
    """Every line outside the tables' regions."""
    out: list[int] = []
    pos = 0
    for start, end in sorted(sections.regions.values()):
        if start > pos:
            out.extend(range(pos, start))
        pos = max(pos, end)
    out.extend(range(pos, len(text.lines)))
    return out


class _Paragraphs:
    """Lines gathered into paragraphs, each cut into sentences as it closes."""

    def __init__(self, text: Text, sections: Sections) -> None:
        self.headings = sorted((line, part) for part, line in sections.headings.items())
        self.heading_lines = [h[0] for h in self.headings]
        self.out: list[Sentence] = []
        self.para = 0
        # The open paragraph: its lines' stripped text, as (line, normalized, original).
        self.buf: list[tuple[int, str, str]] = []

    def add(self, i: int, norm: str, orig: str) -> None:
        buf = self.buf
        head = _HEAD_START.match(norm) is not None
        if head or (buf and buf[-1][1].endswith(_FINAL)) or (
                buf and buf[-1][0] != i - 1 and buf[-1][1].endswith(("：", ":"))):
            self.flush()
        buf = self.buf  # (a new list, after a flush)
        buf.append((i, norm, orig))
        if len(buf) == 1 and len(norm) <= 25 and head and not norm.endswith(_FINAL):
            self.flush()  # a sub-heading on its own line: "(二)依申请公开情况"

    def blank(self) -> None:
        if self.buf and self.buf[-1][1].endswith(_FINAL + ("：", ":")):
            self.flush()

    def flush(self) -> None:
        buf = self.buf
        if not buf:
            return
        self.para += 1
        if len(buf) == 1:  # most paragraphs are one line: every sentence starts on it
            joined, starts = buf[0][1], [0]
        else:
            starts, pos = [], 0
            for _, norm, _ in buf:
                starts.append(pos)
                pos += len(norm)
            joined = "".join(norm for _, norm, _ in buf)
        size, para, out = len(joined), self.para, self.out
        begin = 0
        k = kend = 0
        line, part = -1, None
        for m in _SENTENCE_END.finditer(joined + "。"):
            end = m.end()
            raw = joined[begin:end].strip()
            if len(raw) >= 4:
                if len(buf) > 1:
                    k = bisect_right(starts, begin) - 1
                    kend = bisect_right(starts, max(begin, end - 1)) - 1
                if buf[k][0] != line:
                    line = buf[k][0]
                    h = bisect_right(self.heading_lines, line) - 1
                    part = self.headings[h][1] if h >= 0 else None
                quote = (buf, starts, begin, min(end, size), k, kend)  # cut when quoted
                out.append(Sentence(raw.replace(" ", "").replace("\u3000", ""), line, quote, para, part))
            begin = end
        self.buf = []  # (the sentences keep the closed paragraph's lines, to quote them)


def sentences(text: Text, sections: Sections) -> list[Sentence]:
    """The report's running text, as sentences with their line and quote."""
    lines, original = text.lines, text.original
    paragraphs = _Paragraphs(text, sections)
    for i in _prose_lines(text, sections):
        norm = lines[i].strip()
        if not norm:
            paragraphs.blank()
        elif "|" in norm or "\t" in norm:
            paragraphs.flush()
        else:
            paragraphs.add(i, norm, original[i].strip() if i < len(original) else norm)
    paragraphs.flush()
    return paragraphs.out


#: Where a sentence's quote is cut from: its paragraph's lines, where each
#: starts in the paragraph's text, the sentence's span, its first and last line.
_QuoteAt = tuple[list[tuple[int, str, str]], list[int], int, int, int, int]


def _quote(buf, starts, begin, end, k, kend) -> str:
    parts = []
    for j in range(k, kend + 1):
        _, norm, orig = buf[j]
        lo = max(begin - starts[j], 0)
        hi = min(end - starts[j], len(norm))
        if len(orig) == len(norm):
            parts.append(orig[lo:hi])
        else:
            parts.append(orig)
    quote = "".join(parts).strip()
    return quote if len(quote) <= _QUOTE_MAX else quote[:_QUOTE_MAX - 2] + "…"


# ------------------------------------------------------------------ figures

# A figure: a count followed by its unit.  Chinese numerals up to 九十九 too.
_UNIT = regex(r"[件宗例起]")
_FIGURE = regex(led_by_first_characters(r"(?<![\d.第每逐])(\d{1,3}(?:,\d{3})+|\d+|[一二两三四五六七八九十]{1,3})"
                                        r"(?:件|宗|例|起(?![草止来]))(?!一)"))
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _number(s: str) -> int | None:
    if s[0].isdigit():
        digits = s.replace(",", "")
        return int(digits) if len(digits) <= LONGEST_FIGURE else None
    if "十" in s:
        tens, _, ones = s.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        return (_CN.get(tens, 0) if tens else 1) * 10 + (_CN.get(ones, 0) if ones else 0)
    if len(s) != 1:
        return None
    return _CN.get(s)


# Words that make a figure something else: a comparison, an estimate, or a
# count of something that is not a request (热线, 建议, 文件 …).
_SKIP = (r"同比|环比|较上一?年度?|较去年|比上一?年度?|比去年|较(?:19|20)\d\d年|比(?:19|20)\d\d年|与上一?年度?|与去年|"
         r"增加了?|减少了?|增长了?|下降了?|上升了?|多了?(?=\d)|少了?(?=\d)|去年|前年|平均|占比|"
         r"约(?=\d)|近(?=\d)|逾(?=\d)|超过|累计办理|历年|"
         r"热线|工单|电话|建议|提案|留言|咨询|来电|来信|来访|诉求|(?<!申请)(?<!公开)事项|信件|政策|文件|"
         r"新闻|会议|解读|网上|网络|当面|现场|信函|邮寄|传真|电子邮件|邮件|线上|线下|在线|涉及|关于|"
         r"政务服务|办件|答复率|按期|超期|逾期|平台|渠道|信箱|窗口|书面|口头|最多|最少|较多|较少|主要|集中|"
         r"各级|各部门|各县|各区|县区|市直|区直|县直|本级|各单位|各乡镇|各地")

# Keyword classes, with a weight: in a clause, the heaviest keyword nearest the
# figure says what it counts.  The template's own sub-rows come first (before
# "skip", whose 逾期 would otherwise take 逾期不补正).
_CLASSES: list[tuple[str, int, str]] = (
    [(kind, 6, pattern) for kind, pattern in formats.PROSE_SUB_ROWS]
    + [("skip", 9, _SKIP)]
    + list(formats.PROSE_TERMS)
    + [("generic", 1, r"依申请公开|公开申请|申请")]
)
_KEYWORDS_PATTERN, _KIND_OF = word_classes([(name, pattern) for name, _, pattern in _CLASSES])
_KEYWORDS = regex(_KEYWORDS_PATTERN)
_WEIGHT = {name: w for name, w, _ in _CLASSES}
_CLAUSE_CUT = regex(r"[,，、:：]")
_ASIDE = regex(r"\([^()\d]{0,20}\)")
_TAIL_END = regex(r"[,，。;；()（）、:：]")
_APPEAL_TOPIC = regex("|".join(word for word, _ in formats.APPEAL_TOPICS))
# the longest topic word, less one: a word may straddle where the last scan stopped
_TOPIC_WORD = max(len(word) for word, _ in formats.APPEAL_TOPICS) - 1
ABOUT_REQUESTS = regex(r"信息公开|依申请|公开申请|申请公开")
_REQUEST_WORDS = regex(r"予以公开|部分公开|不予公开|无法提供|不予处理|结转|答复|办结|申请")
_APPEAL_WORDS = regex(r"复议|诉讼|起诉")


def _matches(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), _KIND_OF[m.lastgroup]) for m in _KEYWORDS.finditer(text)]  # type: ignore[index]


def _pick_lead(found: list[tuple[int, int, str]]) -> list[str]:
    """The classes at the heaviest weight in a lead, nearest the figure first."""
    if not found:
        return []
    top = max(_WEIGHT[k] for _, _, k in found)
    kinds = []
    for _, _, k in reversed(found):
        if _WEIGHT[k] == top and k not in kinds:
            kinds.append(k)
    return kinds


def _pick_tail(found: list[tuple[int, int, str]]) -> list[str]:
    # After the figure only words that say what became of it count ("3件已办结", "103件顺延到下年度"):
    # a 申请 or 收到 there belongs to the next clause.
    found = [f for f in found if f[2] not in ("generic", "received")]
    if not found:
        return []
    top = max(_WEIGHT[k] for _, _, k in found)
    return [next(k for _, _, k in found if _WEIGHT[k] == top)]


def _topic(text: str, upto: int, topic: str | None, since: int = 0) -> str | None:
    """The appeal group the text last named before ``upto`` (复议, 诉讼, one kind of
    suit); ``topic`` is what it had named before ``since`` (a sentence is read
    once, left to right, however many figures it holds)."""
    for t in _APPEAL_TOPIC.finditer(text, max(0, since - _TOPIC_WORD), upto):
        topic = formats.appeal_topic(t.group(0))
    return topic


class _Context(Record):
    """What a paragraph has said so far: the sentences after lean on it."""

    def __init__(self, para: int = -1) -> None:
        self.para = para
        self.about_requests = False  # it spoke of 政府信息公开申请
        self.topic: str | None = None  # the group of table 四 it last named
        self.appeals_ok = False  # it tied a 复议/诉讼 to 信息公开


def _sentence_scope(s: Sentence, ctx: _Context) -> tuple[bool, bool] | None:
    """Whether the sentence's figures are about requests at all, and whether a
    复议/诉讼 figure in it counts; None when it states no figure worth reading.
    Updates the paragraph's context either way."""
    text = s.text
    has_req = "申请" in text and ABOUT_REQUESTS.search(text) is not None
    has_appeal = _APPEAL_WORDS.search(text) is not None
    ties_appeal = has_appeal and "公开" in text
    if not _UNIT.search(text):  # no figure here; only the context it sets counts
        if has_appeal:
            ctx.topic = _topic(text, len(text), ctx.topic)
        if ties_appeal:
            ctx.appeals_ok = ctx.about_requests = True
        elif has_req:
            ctx.about_requests = True
        return None
    # A 复议 or 诉讼 counts only in a sentence that says 公开, or after one in its paragraph.
    appeal_here = ctx.appeals_ok or ties_appeal
    if ties_appeal:
        ctx.appeals_ok = True
    if has_req or ties_appeal:
        ctx.about_requests = True
    elif not (ctx.about_requests and (has_appeal or _REQUEST_WORDS.search(text))):
        return None  # not about 依申请公开: even a 复议 here may be a 司法局's own caseload
    return has_req, appeal_here


def _kinds_of(text: str, m, lead: str) -> tuple[list[str], str, str]:
    """What the words around one figure say it counts; the words before it
    (asides taken out) and the clause they end with."""
    if "(" in lead:  # "(含上年结转)", "(区分处理的)": qualifiers, not what is counted
        lead = _ASIDE.sub("", lead)
    cut = max((c.end() for c in _CLAUSE_CUT.finditer(lead)), default=0)
    clause = lead[cut:]
    kinds = _pick_lead(_matches(clause))
    if not kinds:
        tail_text = text[m.end():m.end() + 30]
        t_end = _TAIL_END.search(tail_text)
        nxt = _FIGURE.search(tail_text)
        stop = min(t_end.start() if t_end else len(tail_text), nxt.start() if nxt else len(tail_text))
        kinds = _pick_tail(_matches(tail_text[:stop]))
    if not kinds and len(clause) <= 2 and m.group(1)[0].isdigit():
        kinds = _pick_lead(_matches(lead))  # "收到申请，共5件"
    return kinds, lead, clause


def _counted(kinds: list[str], lead: str, clause: str, has_req: bool, appeal_here: bool,
             year: int | None) -> list[str] | None:
    """The kinds a figure counts, once the cases where it counts nothing the tables say are out."""
    if not kinds or "skip" in kinds:
        return None
    if (year is not None and not set(kinds) & formats.ACROSS_YEARS
            and any(int(y) != year for y in YEAR_IN.findall(lead))):
        return None
    if not appeal_here and set(kinds) & formats.APPEAL_KINDS:
        return None
    if "received" in kinds and "其中" in clause:
        return None  # "其中市政府办公室收到20件": a part of the total, by office or level
    if kinds == ["generic"]:
        if "其中" in lead or not has_req:
            return None
        return ["received"]
    return [k for k in kinds if k != "generic"]


def _readings(kinds: list[str], topic: str | None, lead_rows: tuple[str, ...] | None,
              fmt: Format | None, after: str) -> list[Reading]:
    readings: list[Reading] = []
    for k in kinds:
        readings.extend(formats.prose_readings(k, topic, lead_rows, fmt, after if k == kinds[0] else ""))
    if len(kinds) > 1:  # "予以公开和部分公开共8件": the classes together, or each alone
        firsts = [formats.prose_readings(k, topic, lead_rows, fmt)[:1] for k in kinds]
        together = [c for first in firsts for c in (first[0][1] if first else [])]
        if together:
            names = [formats.PROSE_WORDS.get(k) or (first[0][0] if first else k) for k, first in zip(kinds, firsts)]
            readings.insert(0, ("＋".join(names), together))
    return readings


# Words that make a figure a part of the whole (an office, a level, a channel):
# a 其中/含 after such a figure breaks down that part, not the table's row.
_PART_SCOPE = regex(r"本级|网上|网络|当面|现场|信函|邮寄|传真|电子邮件|邮件|线上|线下|在线|平台|渠道|信箱|窗口|"
                    r"书面|口头|各级|各部门|各县|各区|县区|市直|区直|县直|各单位|各乡镇|各地|涉及|关于")
_BREAKS_DOWN = regex(r"其中|含|包括")
# The sentence's subject, when it names a unit: 区政府办代表区政府受理…
_UNIT_SUBJECT = regex(r"^(?:[(（]?[一二三四五六七八九十\d]{1,2}[)）、.])?(?:(?:19|20)\d\d年度?[,，]?)?"
                      r"(?:全年|本年度?|今年)?[,，]?(" + HAN + r"{1,14}?(?:政府办公室|政府办|办公室|办公厅|局|"
                      r"委员会|委|中心|科|股|站|部门|单位|办))"
                      r"(?=代表|作为|统一|负责|共|全年|本年|累计|收到|受理|新收|接收|接到)")


def _other_unit(text: str, body: str | None) -> str | None:
    """The sentence's subject, when it is a unit other than the reporting body
    (its own office, one of its departments): its figures are that unit's."""
    m = _UNIT_SUBJECT.match(text)
    if m is None or body is None:
        return None
    unit = m.group(1)
    if unit[0] in "我本全各该":
        return None
    whole = body.replace("人民政府", "政府")
    if unit in body or unit in whole or whole.endswith(unit) or unit[1:] in body:
        return None
    return unit


class _Asides:
    """Whether a position stands inside brackets (an aside), asked left to right."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.depth = 0

    def inside(self, at: int) -> bool:
        if at > self.pos:
            self.depth += self.text.count("(", self.pos, at) - self.text.count(")", self.pos, at)
            self.pos = at
        return self.depth > 0


def _figures(found: list[Sentence], year: int | None, fmt: Format | None,
             body: str | None = None) -> Iterator[Figure]:
    """Every figure of the prose that says something a table also says."""
    ctx = _Context()
    for s in found:
        if s.para != ctx.para:
            ctx = _Context(s.para)
        scope = _sentence_scope(s, ctx)
        if scope is None:
            continue
        has_req, appeal_here = scope
        text = s.text
        other_unit = _other_unit(text, body)
        prev_end = 0
        lead_rows: tuple[str, ...] | None = None
        part = False  # a figure of a part (an office, a channel) came before in the sentence
        asides = _Asides(text)
        for m in _FIGURE.finditer(text):
            value = _number(m.group(1))
            lead = text[prev_end:m.start()]
            ctx.topic = _topic(text, m.start(), ctx.topic, since=prev_end)
            prev_end = m.end()
            if value is None:
                continue
            if part and _BREAKS_DOWN.search(lead):
                continue  # "网上申请40件，其中予以公开30件": a part of a part
            kinds, lead, clause = _kinds_of(text, m, lead)
            if "skip" in kinds and _PART_SCOPE.search(clause) and not asides.inside(m.start()):
                part = True
            counted = _counted(kinds, lead, clause, has_req, appeal_here, year)
            if not counted:
                continue
            readings = _readings(counted, ctx.topic, lead_rows, fmt, text[m.end():m.end() + 12])
            if not readings:
                continue
            rows = formats.lead_rows(counted[0])
            if rows is not None and counted[0] not in formats.ACROSS_YEARS:
                lead_rows = rows  # what a 自然人/法人 figure after it breaks down (not 上年结转 said in passing)
            yield Figure(value, counted[0], readings, s, text[max(0, m.start() - 24):m.end()], other_unit)

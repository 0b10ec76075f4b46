"""Prose against tables: the figures the report's text states, read back
against the cells of tables 三 and 四.

The prose is read sentence by sentence (a PDF's wrapped lines joined first).
A figure is a number followed by 件 (or 宗/起/例/个/份); what it counts is
decided by the nearest keyword before it in its clause (收到、予以公开、上年结转、
行政复议、结果维持 …), or after it (另有 103 件顺延到下年度答复).  Only sentences
about 政府信息公开申请 (or the 行政复议/行政诉讼 they led to) are read, so
受理12345市民热线事项19件 or 接听群众电话230件 are left alone.  A figure is an
error only when no reading of it matches the table: 受理 may include 上年结转,
诉讼 may be the two suit groups together, 答复 may be the 总计 or the 新收.
Anything uncertain is left unchecked rather than reported.
"""

from __future__ import annotations

from bisect import bisect_right

from ..formats import APPEAL_OUTCOMES, APPLICANT_PARTS
from ..record import Record
from ..regexes import regex
from . import Finding, NotChecked, Report, rule

# ------------------------------------------------------------------ prose sentences

_HEAD_START = regex(r"^[(（]?[一二三四五六七八九十]{1,3}[)）、.]|^[(（]\d{1,2}[)）]|^\d{1,2}[、.](?!\d)")
_FINAL = ("。", "!", "?", "！", "？")
_SENTENCE_END = regex(r"[。!?！？;；]")
_YEAR_IN = regex(r"((?:19|20)\d\d)\s*年")


class Sentence(Record):
    def __init__(self, text: str, line: int, quote: str, para: int, part: int | None) -> None:
        self.text = text  # normalized, spaces removed
        self.line = line  # 0-based line where it starts
        self.quote = quote  # the user's words, as written
        self.para = para  # paragraph number: a sentence may lean on the one before it in its paragraph
        self.part = part  # report part (1…6) it stands in, when the headings say


def _prose_lines(report: Report) -> list[int]:
    """Every line outside the tables' regions."""
    out: list[int] = []
    pos = 0
    for start, end in sorted(report.sections.regions.values()):
        if start > pos:
            out.extend(range(pos, start))
        pos = max(pos, end)
    out.extend(range(pos, len(report.text.lines)))
    return out


def sentences(report: Report) -> list[Sentence]:
    """The report's running text, as sentences with their line and quote (cached on the report)."""
    cached = report.derived.get("sentences")
    if cached is not None:
        return cached
    lines, original = report.text.lines, report.text.original
    headings = sorted((line, part) for part, line in report.sections.headings.items())
    heading_lines = [h[0] for h in headings]
    out: list[Sentence] = []
    para = 0
    # One paragraph at a time: its lines' stripped text, joined, with where each line starts.
    buf: list[tuple[int, str, str]] = []

    def flush() -> None:
        nonlocal para
        if not buf:
            return
        para += 1
        starts, pieces, pos = [], [], 0
        for _, norm, _ in buf:
            starts.append(pos)
            pieces.append(norm)
            pos += len(norm)
        joined = "".join(pieces)
        begin = 0
        for m in _SENTENCE_END.finditer(joined + "。"):
            end = m.end()
            raw = joined[begin:end].strip()
            if len(raw) >= 4:
                k = bisect_right(starts, begin) - 1
                kend = bisect_right(starts, max(begin, end - 1)) - 1
                quote = _quote(buf, starts, begin, min(end, len(joined)), k, kend)
                h = bisect_right(heading_lines, buf[k][0]) - 1
                out.append(Sentence(raw.replace(" ", "").replace("\u3000", ""), buf[k][0], quote, para,
                                    headings[h][1] if h >= 0 else None))
            begin = end
        buf.clear()

    for i in _prose_lines(report):
        norm = lines[i].strip()
        if not norm:
            if buf and buf[-1][1].endswith(_FINAL + ("：", ":")):
                flush()
            continue
        if "|" in norm or "\t" in norm:
            flush()
            continue
        if _HEAD_START.match(norm) or (buf and buf[-1][1].endswith(_FINAL)) or (buf and buf[-1][0] != i - 1
                                                                               and buf[-1][1].endswith(("：", ":"))):
            flush()
        buf.append((i, norm, original[i].strip() if i < len(original) else norm))
        if len(buf) == 1 and len(norm) <= 25 and _HEAD_START.match(norm) and not norm.endswith(_FINAL):
            flush()  # a sub-heading on its own line: "(二)依申请公开情况"
    flush()
    report.derived["sentences"] = out
    return out


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
    return quote if len(quote) <= 220 else quote[:218] + "…"


# ------------------------------------------------------------------ figures

# A figure: a count followed by its unit.  Chinese numerals up to 九十九 too.
_UNIT = regex(r"[件宗例起]")
_FIGURE = regex(r"(?<![\d.第每逐])(\d{1,3}(?:,\d{3})+|\d+|[一二两三四五六七八九十]{1,3})(?:件|宗|例|起(?![草止来]))(?!一)")
_CN = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _number(s: str) -> int | None:
    if s[0].isdigit():
        return int(s.replace(",", ""))
    if "十" in s:
        tens, _, ones = s.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return None
        return (_CN.get(tens, 0) if tens else 1) * 10 + (_CN.get(ones, 0) if ones else 0)
    if len(s) != 1:
        return None
    return _CN.get(s)


# Keyword classes, with a weight: in a clause, the heaviest keyword nearest the
# figure says what it counts.  "skip" marks figures that are comparisons,
# estimates or counts of something else.
_CLASSES: list[tuple[str, int, str]] = [
    # The template's own sub-rows: more specific than their group (and listed
    # before "skip", whose 逾期 would otherwise take 逾期不补正).
    ("refused.1", 6, r"国家秘密"),
    ("refused.2", 6, r"法律行政法规禁止|禁止公开"),
    ("refused.3", 6, r"三安全一稳定"),
    ("refused.4", 6, r"第三方合法权益|第三方"),
    ("refused.5", 6, r"内部事务"),
    ("refused.6", 6, r"过程性"),
    ("refused.7", 6, r"执法案卷"),
    ("refused.8", 6, r"行政查询|查询事项"),
    ("unavailable.2", 6, r"另行制作|没有现成"),
    ("unavailable.3", 6, r"仍不明确|补正后"),
    ("not_processed.3", 6, r"公开出版物"),
    ("not_processed.4", 6, r"大量反复"),
    ("not_processed.5", 6, r"重新出具"),
    ("other.1", 6, r"逾期不补正|逾期未补正|无正当理由逾期|未在规定期限内补正|未按期补正|视为放弃"),
    ("other.2", 6, r"收费通知|缴纳费用"),
    ("other.3", 6, r"撤回"),
    ("skip", 9, r"同比|环比|较上一?年度?|较去年|比上一?年度?|比去年|较(?:19|20)\d\d年|比(?:19|20)\d\d年|与上一?年度?|与去年|"
                r"增加了?|减少了?|增长了?|下降了?|上升了?|多了?(?=\d)|少了?(?=\d)|去年|前年|平均|占比|"
                r"约(?=\d)|近(?=\d)|逾(?=\d)|超过|累计办理|历年|"
                r"热线|工单|电话|建议|提案|留言|咨询|来电|来信|来访|诉求|(?<!申请)(?<!公开)事项|信件|政策|文件|"
                r"新闻|会议|解读|网上|网络|当面|现场|信函|邮寄|传真|电子邮件|邮件|线上|线下|在线|涉及|关于|"
                r"政务服务|办件|答复率|按期|超期|逾期|平台|渠道|信箱|窗口|书面|口头|最多|最少|较多|较少|主要|集中|"
                r"各级|各部门|各县|各区|县区|市直|区直|县直|本级|各单位|各乡镇|各地"),
    ("carried_over", 8, r"上一?年度?(?:结转|转入|遗留)|(?:19|20)\d\d年度?结转(?![至到入下])|结转自上一?年|往年结转"),
    ("carried_forward", 8, r"结转(?:至|到|入)?下一?年度?|顺延(?:至|到)?下一?年度?|转入下一?年度?|下一?年度?继续办理|"
                           r"结转(?:至|到)?(?:19|20)\d\d年|尚在办理|正在办理|仍在办理|尚未办结|未办结|未答复|尚未答复"),
    ("pending", 6, r"尚未审结|未审结|正在审理|审理中|尚在审理"),
    ("upheld", 6, r"维持"),
    ("corrected", 6, r"纠正|纠错"),
    ("appeal_other", 6, r"其他结果"),
    ("suit_after", 5, r"复议后起诉"),
    ("suit_direct", 5, r"直接起诉|未经复议"),
    ("review", 5, r"行政复议(?!后)|复议申请|申请复议"),
    ("suit", 5, r"行政诉讼|提起诉讼|起诉|应诉|被诉"),
    ("partly", 5, r"部分公开"),
    ("refused", 5, r"不予公开|不公开"),
    ("granted", 5, r"予以公开|全部公开"),
    ("agreed", 5, r"同意公开"),
    ("not_held", 5, r"不掌握|未掌握|信息不存在"),
    ("unavailable", 5, r"无法提供"),
    ("petition", 5, r"信访举报投诉|信访|举报投诉"),
    ("repeat", 5, r"重复申请"),
    ("not_processed", 5, r"不予处理"),
    ("other_processing", 5, r"其他处理"),
    ("natural", 5, r"自然人"),
    ("org", 5, r"法人(?:或|和|及)?(?:其他)?组织|法人"),
    ("answered", 3, r"答复|办结|办理完毕|处理完毕|已办理|办理"),
    ("received", 3, r"收到|受理|新收|接收|接到|共收"),
    ("generic", 1, r"依申请公开|公开申请|申请"),
]
_KEYWORDS = regex("|".join(f"(?P<k{i}>{pat})" for i, (_, _, pat) in enumerate(_CLASSES)))
_KIND_OF = {f"k{i}": name for i, (name, _, _) in enumerate(_CLASSES)}
_WEIGHT = {name: w for name, w, _ in _CLASSES}
_CLAUSE_CUT = regex(r"[,，、:：]")
_ASIDE = regex(r"\([^()\d]{0,20}\)")
_TAIL_END = regex(r"[,，。;；()（）、:：]")
_APPEAL_TOPIC = regex(r"复议后起诉|直接起诉|未经复议|行政复议|复议|行政诉讼|诉讼|起诉")
_ABOUT_REQUESTS = regex(r"信息公开|依申请|公开申请|申请公开")
_REQUEST_WORDS = regex(r"予以公开|部分公开|不予公开|无法提供|不予处理|结转|答复|办结|申请")
_APPEAL_WORDS = regex(r"复议|诉讼|起诉")

_APPEAL_KINDS = {"review", "suit", "suit_direct", "suit_after", "upheld", "corrected", "appeal_other", "pending"}
_APPEAL_OUTCOME = {"upheld": "upheld", "corrected": "corrected", "appeal_other": "other", "pending": "pending"}
_REQUEST_ROWS = {
    "granted": ("granted",),
    "partly": ("partly_granted",),
    "refused": tuple(f"refused.{i}" for i in range(1, 9)),
    "unavailable": ("unavailable.1", "unavailable.2", "unavailable.3"),
    "not_processed": tuple(f"not_processed.{i}" for i in range(1, 6)),
    "petition": ("not_processed.1",),
    "repeat": ("not_processed.2",),
    "carried_over": ("carried_over",),
    "carried_forward": ("carried_forward",),
}
_WORDS = {  # how the message names what the prose counted
    "received": "收到（受理）政府信息公开申请", "answered": "答复（办结）申请", "granted": "予以公开",
    "partly": "部分公开", "refused": "不予公开", "unavailable": "无法提供", "not_held": "本机关不掌握相关政府信息",
    "not_processed": "不予处理", "petition": "信访举报投诉类申请", "repeat": "重复申请", "other_processing": "其他处理",
    "carried_over": "上年结转", "carried_forward": "结转下年度继续办理", "natural": "自然人申请", "org": "法人或其他组织申请",
    "review": "行政复议", "suit": "行政诉讼", "suit_direct": "未经复议直接起诉", "suit_after": "复议后起诉",
}
_SUB_ROWS = {
    "refused.1": "不予公开·属于国家秘密", "refused.2": "不予公开·其他法律行政法规禁止公开",
    "refused.3": "不予公开·危及“三安全一稳定”", "refused.4": "不予公开·保护第三方合法权益",
    "refused.5": "不予公开·属于三类内部事务信息", "refused.6": "不予公开·属于四类过程性信息",
    "refused.7": "不予公开·属于行政执法案卷", "refused.8": "不予公开·属于行政查询事项",
    "unavailable.2": "无法提供·没有现成信息需要另行制作", "unavailable.3": "无法提供·补正后申请内容仍不明确",
    "not_processed.3": "不予处理·要求提供公开出版物", "not_processed.4": "不予处理·无正当理由大量反复申请",
    "not_processed.5": "不予处理·要求确认或重新出具已获取信息",
    "other.1": "其他处理·逾期不补正", "other.2": "其他处理·逾期未缴纳费用", "other.3": "其他处理·其他",
}
_OUTCOME_WORDS = {"upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结"}

# A reading: what a figure may mean, as (label, [cells summed]).
Cells = list[tuple[str, str, str]]


class Figure(Record):
    def __init__(
        self,
        value: int,
        kind: str,
        readings: list[tuple[str, Cells]],
        sentence: Sentence,
        words: str,
    ) -> None:
        self.value = value
        self.kind = kind
        self.readings = readings
        self.sentence = sentence
        self.words = words


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


def _appeal_kinds(words: str, column: str) -> list[tuple[str, Cells]]:
    """Which of 行政复议 / 行政诉讼 the words speak of, each with its cells in table 四's
    given column ("复议后起诉" is a lawsuit, not a review)."""
    kinds: list[tuple[str, Cells]] = []
    if "复议" in words.replace("复议后起诉", ""):
        kinds.append(("行政复议", [("appeals", "review", column)]))
    if "诉讼" in words or "起诉" in words:
        kinds.append(("行政诉讼", _suits(column)))
    return kinds


def _suits(col: str) -> Cells:
    return [("appeals", "suit_direct", col), ("appeals", "suit_after_review", col)]


def _rows(rows, col="total") -> Cells:
    return [("requests", r, col) for r in rows]


def _readings(kind: str, topic: str | None, prev_row: tuple[str, ...] | None, fmt) -> list[tuple[str, Cells]]:
    if kind in _APPEAL_OUTCOME:
        col = _APPEAL_OUTCOME[kind]
        if topic is None:
            return []
        if topic == "review":
            return [("行政复议" + _OUTCOME_WORDS[col], [("appeals", "review", col)])]
        if topic == "suit_direct":
            return [("未经复议直接起诉" + _OUTCOME_WORDS[col], [("appeals", "suit_direct", col)])]
        if topic == "suit_after":
            return [("复议后起诉" + _OUTCOME_WORDS[col], [("appeals", "suit_after_review", col)])]
        return [("行政诉讼（两类合计）" + _OUTCOME_WORDS[col], _suits(col)),
                ("未经复议直接起诉" + _OUTCOME_WORDS[col], [("appeals", "suit_direct", col)]),
                ("复议后起诉" + _OUTCOME_WORDS[col], [("appeals", "suit_after_review", col)])]
    if kind == "review":
        return [("行政复议总计", [("appeals", "review", "total")])]
    if kind == "suit":
        return [("行政诉讼总计（两类合计）", _suits("total")),
                ("未经复议直接起诉总计", [("appeals", "suit_direct", "total")]),
                ("复议后起诉总计", [("appeals", "suit_after_review", "total")])]
    if kind == "suit_direct":
        return [("未经复议直接起诉总计", [("appeals", "suit_direct", "total")])]
    if kind == "suit_after":
        return [("复议后起诉总计", [("appeals", "suit_after_review", "total")])]
    if kind == "received":
        return [("本年新收", _rows(("new",))), ("本年新收 + 上年结转", _rows(("new", "carried_over")))]
    if kind == "answered":
        out = [("办理结果总计", _rows(("total",))), ("本年新收", _rows(("new",))),
               ("本年新收 + 上年结转", _rows(("new", "carried_over")))]
        if fmt is not None:
            answered = tuple(r for r in fmt.outcome_rows if not r.startswith("other"))
            out.append(("办理结果总计（不含其他处理）", _rows(answered)))
        return out
    if kind == "agreed":
        return [("予以公开", _rows(("granted",))), ("予以公开 + 部分公开", _rows(("granted", "partly_granted")))]
    if kind in _SUB_ROWS:
        return [(_SUB_ROWS[kind], _rows((kind,)))]
    if kind == "not_held":
        return [("本机关不掌握相关政府信息", _rows(("unavailable.1",))),
                ("无法提供合计", _rows(("unavailable.1", "unavailable.2", "unavailable.3")))]
    if kind == "other_processing":
        rows = tuple(r for r in fmt.outcome_rows if r.startswith("other")) if fmt is not None else ()
        return [("其他处理合计", _rows(rows))] if rows else []
    if kind in ("natural", "org"):
        rows = prev_row or ("new",)
        cols = ("natural",) if kind == "natural" else APPLICANT_PARTS[1:]
        out = [(_WORDS[kind], [("requests", r, c) for r in rows for c in cols])]
        if kind == "org":  # "法人5件、其他组织1件": one kind of organisation
            out += [(f"{_WORDS[kind]}·{c}", [("requests", r, c) for r in rows]) for c in cols]
        return out
    if kind in _REQUEST_ROWS:
        rows = _REQUEST_ROWS[kind]
        out = [(_WORDS[kind], _rows(rows))]
        if len(rows) > 1:  # a group: the prose may have meant one of its sub-rows (无法提供 for 不掌握)
            out += [(_SUB_ROWS.get(r, r), _rows((r,))) for r in rows]
        return out
    return []


def _topic(text: str, upto: int, topic: str | None) -> str | None:
    """The appeal group the text last named before ``upto`` (复议, 诉讼, one kind of suit)."""
    for t in _APPEAL_TOPIC.finditer(text, 0, upto):
        w = t.group(0)
        topic = ("suit_after" if w == "复议后起诉" else "suit_direct" if w in ("直接起诉", "未经复议")
                 else "review" if "复议" in w else "suit")
    return topic


def figures(report: Report) -> list[Figure]:
    """Every figure of the prose that says something a table also says."""
    cached = report.derived.get("figures")
    if cached is not None:
        return cached
    out: list[Figure] = []
    year = report.sections.year
    fmt = report.tables.format
    para, about_req, topic, appeal_ok = -1, False, None, False
    for s in sentences(report):
        text = s.text
        if s.para != para:
            para, about_req, topic, appeal_ok = s.para, False, None, False
        has_req = "申请" in text and _ABOUT_REQUESTS.search(text) is not None
        has_appeal = _APPEAL_WORDS.search(text) is not None
        if not _UNIT.search(text):  # no figure here; only the context it sets counts
            if has_appeal:
                topic = _topic(text, len(text), topic)
            if has_appeal and "公开" in text:
                appeal_ok = about_req = True
            elif has_req:
                about_req = True
            continue
        # A 复议 or 诉讼 counts only in a sentence that says 公开, or after one in its paragraph.
        appeal_here = appeal_ok or (has_appeal and "公开" in text)
        if has_appeal and "公开" in text:
            appeal_ok = True
        if has_req or (has_appeal and "公开" in text):
            about_req = True
        elif not (about_req and (has_appeal or _REQUEST_WORDS.search(text))):
            continue  # not about 依申请公开: even a 复议 here may be a 司法局's own caseload
        prev_end = 0
        prev_row: tuple[str, ...] | None = None
        for m in _FIGURE.finditer(text):
            value = _number(m.group(1))
            lead = text[prev_end:m.start()]
            prev_end = m.end()
            topic = _topic(text, m.start(), topic)
            if value is None:
                continue
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
            if not kinds or "skip" in kinds:
                continue
            if year is not None and not set(kinds) & {"carried_over", "carried_forward"}:
                if any(int(y) != year for y in _YEAR_IN.findall(lead)):
                    continue
            if not appeal_here and set(kinds) & _APPEAL_KINDS:
                continue
            if "received" in kinds and "其中" in clause:
                continue  # "其中市政府办公室收到20件": a part of the total, by office or level
            if kinds == ["generic"]:
                if "其中" in lead or not has_req:
                    continue
                kinds = ["received"]
            kinds = [k for k in kinds if k != "generic"]
            readings: list[tuple[str, Cells]] = []
            for k in kinds:
                readings.extend(_readings(k, topic, prev_row, fmt))
            if len(kinds) > 1:  # "予以公开和部分公开共8件": the classes together, or each alone
                together = [c for k in kinds for c in (_readings(k, topic, prev_row, fmt)[:1] or [("", [])])[0][1]]
                if together:
                    readings.insert(0, ("＋".join(_WORDS.get(k, k) for k in kinds), together))
            if not readings:
                continue
            kind = kinds[0]
            if kind == "granted" and "含部分公开" in text[m.end():m.end() + 12]:
                readings.append(("予以公开 + 部分公开", _rows(("granted", "partly_granted"))))
            if kind in _REQUEST_ROWS or kind in ("received", "granted", "partly"):
                prev_row = ("new",) if kind == "received" else _REQUEST_ROWS.get(kind)
            out.append(Figure(value, kind, readings, s, text[max(0, m.start() - 24):m.end()]))
    report.derived["figures"] = out
    return out


# ------------------------------------------------------------------ table values


def _flattened(report: Report) -> dict[str, int]:
    """Table 三 flattened to one number per row: each number is its row's 总计."""
    rec = report.table("requests")
    if rec is None:
        return {}
    for p in rec.problems:
        if p.kind == "flattened":
            return p.detail.get("numbers", {})
    return {}


def cell_value(report: Report, cell: tuple[str, str, str]):
    rec = report.table(cell[0])
    if rec is None:
        return None
    v = rec.value(cell[1], cell[2])
    if v is None and cell[2] == "total":
        if cell[0] == "requests":
            v = _flattened(report).get(cell[1])
            if v is None:  # a blank 总计 column: the applicant columns still add up to it
                parts = [rec.value(cell[1], c) for c in APPLICANT_PARTS]
                v = None if None in parts else sum(parts)
        elif cell[0] == "appeals":
            parts = [rec.value(cell[1], c) for c in APPEAL_OUTCOMES]
            v = None if None in parts else sum(parts)
    return v


def _note(report: Report, cells: Cells) -> str:
    """Say so when a figure was read from a flattened or blank-总计 table rather than from its cell."""
    rec = report.table("requests")
    if rec is None or not any(c[0] == "requests" and rec.value(c[1], c[2]) is None for c in cells):
        return ""
    if _flattened(report):
        return "（表格每行只有一个数字，按该行的总计读）"
    return "（“总计”列空白，按各类申请人之和读）"


def reading_value(report: Report, cells: Cells):
    total = 0
    for c in cells:
        v = cell_value(report, c)
        if v is None:
            return None
        total += v
    return total


def _cell_words(report: Report, cells: Cells) -> str:
    fmt = report.tables.format
    if fmt is None or not cells:
        return ""
    tid = cells[0][0]
    spec = fmt.tables[tid]
    rows = []
    for _, r, c in cells:
        try:
            label = spec.row(r).label
            col = spec.column(c).label
        except KeyError:
            continue
        rows.append(f"“{label}”（{col}列）" if tid == "requests" else f"“{label}”{col}")
    if len(rows) > 3:
        return f"{rows[0]}至{rows[-1]}等 {len(rows)} 格之和"
    return "加".join(rows)


# ------------------------------------------------------------------ rules


@rule("N101", "error", "narrative", "正文数字与表格不符")
def prose_figures(report: Report):
    """检查什么：第一部分“总体情况”等正文中关于政府信息公开申请、行政复议、行政诉讼的数字，是否与第三、四部分表格一致：
    收到（受理、新收）申请数、予以公开、部分公开、不予公开、无法提供、不予处理、其他处理的件数，上年结转、结转下年度的件数，
    行政复议、行政诉讼的件数及结果维持、结果纠正、其他结果、尚未审结的件数。

    为什么：正文和表格是同一份报告的两种写法，数字对不上，读者不知道该信哪一个，第三方评估也会据此扣分。
    常见原因是表格改了而正文没改，或正文沿用了上一年的数字。

    怎样判断：只读讲“政府信息公开申请”及由此引起的复议、诉讼的句子（“受理12345市民热线事项19件”“接听群众电话230件”不算）；
    有多种合理理解时，只要有一种与表格相符就不报：“受理”可能包含上年结转，“行政诉讼”可以是两类诉讼之和，“答复”可以是办理结果总计。
    只有每一种理解都与表格不符时，才报为错误；“答复（办结）××件”的口径各地不一（有的不计其他处理），不符时只报警告。与上年比较的数字（“较上年增加5件”）、约数（“近300件”）、按渠道或事项的分项不核对。

    示例：正文写“全年共收到政府信息公开申请5件”，第三部分“一、本年新收政府信息公开申请数量”的总计为 6。
    """
    if report.table("requests") is None and report.table("appeals") is None:
        yield NotChecked("未找到第三、四部分表格，正文数字没有核对。")
        return
    unreadable = 0
    for f in figures(report):
        values = [(label, cells, reading_value(report, cells)) for label, cells in f.readings]
        known = [(label, cells, v) for label, cells, v in values if v is not None]
        if not known:
            unreadable += 1
            continue
        if any(v == f.value for _, _, v in known):
            continue
        if len(known) < len(values):
            unreadable += 1  # the reading that might match cannot be read
            continue
        label, cells, v = known[0]
        others = "；".join(f"按“{lb}”理解为 {vv}" for lb, _, vv in known[1:3])
        also = f"（{others}，也不相符）" if others else ""
        # 答复/办结 counts are the loosest: some reports leave out 其他处理 or count only what was sent.
        severity = "warning" if f.kind == "answered" else ""
        yield Finding(
            f"正文“{f.sentence.quote}”中的 {f.value} 件（{label}）与表格不符：表格中{_cell_words(report, cells)}为 {v}"
            f"{_note(report, cells)}{also}。",
            cells=cells, expected=v, actual=f.value, line=f.sentence.line, quote=f.sentence.quote, severity=severity)
    if unreadable:
        yield NotChecked(f"正文中有 {unreadable} 个数字对应的表格单元格无法读取，这些数字没有核对。")


_NO_REQUESTS = regex(
    r"(?:未|没有|无|未曾)(?:收到|接到|受理|接收|发生|产生|有)(?:过)?(?:任何)?(?:有关|相关)?的?"
    r"(?:政府信息公开申请|政府信息依申请公开(?:申请)?|信息公开申请|依申请公开(?:的)?(?:政府信息)?(?:申请|请求|事项|件)?|公开申请)")
_NO_REQUESTS_2 = regex(r"(?:政府信息公开申请|依申请公开(?:申请)?)(?:数量)?(?:为)?(?:零|0)件?(?![\d.])")
_NEGATION = regex(r"(?:未|没有|无)(?:发生|收到|涉及|出现|接到|产生|被申请|被提起|有)|"
                       r"无(?=(?:因|由于)?(?:政府)?信息公开)")
_NEG_SCOPE_END = regex(r"[,，。;；]")
_NEG_NARROW = regex(r"纠正|纠错|败诉|撤销|确认违法|被追责|责任追究|超期|逾期")
_NO_CARRIED = regex(r"(?:无|没有|未有)(?:(上一?年度?(?:结转|转入))|(?:结转(?:至|到)?下一?年度?))")
_ALL_GRANTED = regex(r"(?:均|全部|都)(?:已|依法)*予以公开(?![或和及、])")
_ALL_UPHELD = regex(r"(?:均|全部|都|皆)(?:被|获|予以|予|得到|为|已)?(?:复议机关|法院)?维持")


def _other_year(text: str, upto: int, year: int | None) -> bool:
    return year is not None and any(int(y) != year for y in _YEAR_IN.findall(text[:upto]))


@rule("N102", "error", "narrative", "正文的概括说法与表格不符")
def blanket_statements(report: Report):
    """检查什么：正文中“未收到政府信息公开申请”“未发生行政复议、行政诉讼”“均获维持”“均予以公开”一类概括说法，是否与表格中的数字矛盾。

    为什么：这类句子常常是从往年报告或模板中照抄的；表格里明明有申请、有复议诉讼，正文却说没有，读者会认为报告失实。

    怎样判断：“未收到政府信息公开申请”而第三部分“本年新收”总计大于 0；“未发生……行政复议”而第四部分行政复议总计大于 0；
    “未发生……行政诉讼”而两类行政诉讼总计之和大于 0；“均获维持”而相应的“结果纠正”大于 0；
    “收到申请××件，均予以公开”而“（一）予以公开”既不等于××，也不等于办理结果总计；
    “无上年结转申请”“无结转下年度申请”而相应一行的总计大于 0。
    说的是别的年份（“2022年未收到……”）、或只说了某一类（“未收到法人的申请”）的句子不核对。

    示例：正文写“2023年度，我局未收到政府信息公开申请”，第三部分却写本年新收申请 1 件。
    """
    year = report.sections.year
    about = {s.para for s in sentences(report) if _ABOUT_REQUESTS.search(s.text)}
    received = {}
    for f in figures(report):
        if f.kind == "received":
            received.setdefault(id(f.sentence), f.value)
    for s in sentences(report):
        text = s.text
        g = _ALL_GRANTED.search(text)
        if g and id(s) in received:
            n = received[id(s)]
            cells = [("requests", "granted", "total")]
            granted, total = reading_value(report, cells), reading_value(report, [("requests", "total", "total")])
            if granted is not None and total is not None and granted not in (n, total):
                yield Finding(f"正文“{s.quote}”说收到的 {n} 件申请均予以公开，但第三部分“（一）予以公开”总计为 {granted}"
                              f"（办理结果总计 {total}）。", cells=cells, expected=n, actual=granted, line=s.line,
                              quote=s.quote)
        for c in _NO_CARRIED.finditer(text):
            row, words = (("carried_over", "二、上年结转政府信息公开申请数量") if c.group(1)
                          else ("carried_forward", "四、结转下年度继续办理"))
            cells = [("requests", row, "total")]
            v = reading_value(report, cells)
            if v is not None and v > 0 and not _other_year(text, c.start(), year) and s.para in about:
                yield Finding(f"正文“{s.quote}”说没有{'上年结转' if c.group(1) else '结转下年度'}的申请，"
                              f"但第三部分“{words}”总计为 {v}{_note(report, cells)}。",
                              cells=cells, expected=0, actual=v, line=s.line, quote=s.quote)
        m = _NO_REQUESTS.search(text) or _NO_REQUESTS_2.search(text)
        if m and not _other_year(text, m.start(), year):
            cells = [("requests", "new", "total")]
            v = reading_value(report, cells)
            if v is not None and v > 0:
                yield Finding(f"正文“{s.quote}”说没有收到政府信息公开申请，但第三部分“一、本年新收政府信息公开申请数量”"
                              f"总计为 {v}{_note(report, cells)}。", cells=cells, expected=0, actual=v, line=s.line, quote=s.quote)
        if ("复议" in text or "诉讼" in text) and (s.para in about or "公开" in text):
            for n in _NEGATION.finditer(text):
                if _other_year(text, n.start(), year):
                    continue
                end = _NEG_SCOPE_END.search(text, n.end())
                scope = text[n.end(): end.start() if end else len(text)]
                if _NEG_NARROW.search(scope):
                    continue
                for what, cells in _appeal_kinds(scope, "total"):
                    v = reading_value(report, cells)
                    if v is not None and v > 0:
                        yield Finding(f"正文“{s.quote}”说没有发生政府信息公开{what}，但第四部分{what}总计为 {v}。",
                                      cells=cells, expected=0, actual=v, line=s.line, quote=s.quote)
            for u in _ALL_UPHELD.finditer(text):
                for what, cells in _appeal_kinds(text[:u.start()], "corrected"):
                    v = reading_value(report, cells)
                    if v is not None and v > 0:
                        yield Finding(f"正文“{s.quote}”说{what}均获维持，但第四部分{what}“结果纠正”为 {v}。",
                                      cells=cells, expected=0, actual=v, line=s.line, quote=s.quote)

"""Prose against tables: the figures and blanket statements of the report's
text, read back against the cells of tables 三 and 四.

The prose stage (``gouji.prose``) has read the sentences and the figures they
state, each with every reading its words allow.  A figure is an error only
when no reading of it matches the table: 受理 may include 上年结转, 诉讼 may be
the two suit groups together, 答复 may be the 总计 or the 新收.  Anything
uncertain is left unchecked rather than reported.
"""

from __future__ import annotations

from .. import formats
from ..formats import APPEALS_ID, REQUESTS_ID, CellRef
from ..prose import ABOUT_REQUESTS, YEAR_IN
from ..regexes import led_by_first_characters, regex
from . import Finding, NotChecked, Report, rule


def _note(report: Report, cells: list[CellRef]) -> str:
    """Say so when a figure was read from a flattened or blank-总计 table rather than from its cell."""
    why = report.tables.stand_in([c for c in cells if c[0] == REQUESTS_ID])
    if why == "flattened":
        return "（表格每行只有一个数字，按该行的总计读）"
    if why == "blank_total":
        return "（“总计”列空白，按各类申请人之和读）"
    return ""


def _cell_words(report: Report, cells: list[CellRef]) -> str:
    fmt = report.format
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
        rows.append(f"“{label}”（{col}列）" if tid == REQUESTS_ID else f"“{label}”{col}")
    if len(rows) > 3:
        return f"{rows[0]}至{rows[-1]}等 {len(rows)} 格之和"
    return "加".join(rows)


@rule("N101", ("error", "warning"), "narrative", "正文数字与表格不符")
def prose_figures(report: Report):
    """检查什么：第一部分“总体情况”等正文中关于政府信息公开申请、行政复议、行政诉讼的数字，是否与第三、四部分表格一致：
    收到（受理、新收）申请数、予以公开、部分公开、不予公开、无法提供、不予处理、其他处理的件数，上年结转、结转下年度的件数，
    行政复议、行政诉讼的件数及结果维持、结果纠正、其他结果、尚未审结的件数。

    为什么：正文和表格是同一份报告的两种写法，数字对不上，读者不知道该信哪一个，第三方评估也会据此扣分。
    常见原因是表格改了而正文没改，或正文沿用了上一年的数字。

    怎样判断：只读讲“政府信息公开申请”及由此引起的复议、诉讼的句子（“受理12345市民热线事项19件”“接听群众电话230件”不算）；
    有多种合理理解时，只要有一种与表格相符就不报：“受理”可能包含上年结转（其后“自然人××件”的分项也可能包含），
    “行政诉讼”可以是两类诉讼之和，“答复”可以是办理结果总计。
    只有每一种理解都与表格不符时，才报为错误；“答复（办结）××件”的口径各地不一（有的不计其他处理），不符时只报警告；
    句子的主语是另一个单位（“区政府办代表区政府受理……17件”）时，数字可能只是那个单位的，不符时也只报警告；
    “网上申请40件，其中予以公开30件”这类对某一部分的再细分不核对。与上年比较的数字（“较上年增加5件”）、约数（“近300件”）、按渠道或事项的分项不核对。

    怎样改：先确认表格中的数字是对的，再把正文中的数字改成与表格一致；正文如果说的是另一种口径（如含上年结转），写明口径。

    示例：正文写“全年共收到政府信息公开申请5件”，第三部分“一、本年新收政府信息公开申请数量”的总计为 6。
    """
    if report.table(REQUESTS_ID) is None and report.table(APPEALS_ID) is None:
        yield NotChecked("未找到第三、四部分表格，正文数字没有核对。")
        return
    unreadable = 0
    for f in report.prose.figures:
        values = [(label, cells, report.tables.sum_of(cells)) for label, cells in f.readings]
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
        # A sentence whose subject is another unit (区政府办代表区政府受理…) may count that unit only.
        severity = "warning" if f.kind == "answered" or not f.certain else ""
        unit = f"这句话说的是“{f.other_unit}”，可能只是它自己的件数，请核对。" if f.other_unit else ""
        yield Finding(
            f"正文“{f.sentence.quote}”中的 {f.value} 件（{label}）与表格不符：表格中{_cell_words(report, cells)}为 {v}"
            f"{_note(report, cells)}{also}。{unit}",
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
#: What every claim above starts with (a negation, 均/全部/都/皆) or ends in
#: (申请为零): a sentence without it states none, and is passed over at once.
_CLAIM = regex(led_by_first_characters(r"[未没无均都皆]|全部|(?:申请|公开)(?:数量)?为?[零0]"))


class _Years:
    """Where a sentence first names a year other than the report's: a claim after
    it may be about that year ("2022年未收到……")."""

    def __init__(self, text: str, year: int | None) -> None:
        self.first = None
        if year is not None:
            self.first = next((m.end() for m in YEAR_IN.finditer(text) if int(m.group(1)) != year), None)

    def before(self, at: int) -> bool:
        return self.first is not None and self.first <= at


def _label(report: Report, cell: CellRef) -> str:
    spec = report.spec(cell[0])
    return spec.row(cell[1]).label if spec is not None else ""


def _all_granted(report: Report, s, received: dict[int, int]):
    """"收到申请××件，均予以公开" while 予以公开 is neither ×× nor the 总计."""
    if not _ALL_GRANTED.search(s.text) or id(s) not in received:
        return
    n = received[id(s)]
    cell, total_cell = formats.GRANTED_TOTAL, formats.RESULTS_TOTAL
    granted, total = report.tables.figure(cell), report.tables.figure(total_cell)
    if granted is not None and total is not None and granted not in (n, total):
        yield Finding(f"正文“{s.quote}”说收到的 {n} 件申请均予以公开，"
                      f"但第三部分“{_label(report, cell)}”总计为 {granted}（办理结果总计 {total}）。",
                      cells=[cell], expected=n, actual=granted, line=s.line, quote=s.quote)


def _none_carried(report: Report, s, about: set[int]):
    """"无上年结转申请" / "无结转下年度申请" while that row's 总计 is above 0."""
    text = s.text
    found = list(_NO_CARRIED.finditer(text))
    if not found:
        return  # (most sentences: no year to look for)
    years = _Years(text, report.sections.year)
    said = set()
    for c in found:
        kind = formats.CARRIED.this if c.group(1) else formats.CARRIED.last
        cell = formats.CARRIED_OVER_TOTAL if c.group(1) else formats.CARRIED_FORWARD_TOTAL
        v = report.tables.figure(cell)
        if v is not None and v > 0 and not years.before(c.start()) and s.para in about and kind not in said:
            said.add(kind)
            yield Finding(f"正文“{s.quote}”说没有{formats.PROSE_WORDS[kind]}的申请，"
                          f"但第三部分“{_label(report, cell)}”总计为 {v}{_note(report, [cell])}。",
                          cells=[cell], expected=0, actual=v, line=s.line, quote=s.quote)


def _no_requests(report: Report, s):
    """"未收到政府信息公开申请" while 本年新收 is above 0."""
    text = s.text
    m = _NO_REQUESTS.search(text) or _NO_REQUESTS_2.search(text)
    if not m or _Years(text, report.sections.year).before(m.start()):
        return
    cell = formats.NEW_TOTAL
    v = report.tables.figure(cell)
    if v is not None and v > 0:
        yield Finding(f"正文“{s.quote}”说没有收到政府信息公开申请，但第三部分“{_label(report, cell)}”"
                      f"总计为 {v}{_note(report, [cell])}。", cells=[cell], expected=0, actual=v, line=s.line,
                      quote=s.quote)


def _no_appeals(report: Report, s):
    """"未发生行政复议、行政诉讼" while table 四 has some; "均获维持" while some were corrected.
    Each claim once a sentence, however often the sentence repeats it."""
    text = s.text
    years = _Years(text, report.sections.year)
    said: set[tuple[str, str]] = set()
    for n in _NEGATION.finditer(text):
        if years.before(n.start()):
            continue
        end = _NEG_SCOPE_END.search(text, n.end())
        scope = text[n.end(): end.start() if end else len(text)]
        if _NEG_NARROW.search(scope):
            continue
        for what, cells in formats.appeal_groups_named(scope, formats.TOTAL):
            v = report.tables.sum_of(cells)
            if v is not None and v > 0 and ("none_held", what) not in said:
                said.add(("none_held", what))
                yield Finding(f"正文“{s.quote}”说没有发生政府信息公开{what}，但第四部分{what}总计为 {v}。",
                              cells=cells, expected=0, actual=v, line=s.line, quote=s.quote)
    corrected = formats.APPEALS.columns[1]
    named = formats.appeal_groups_named_at(text, corrected.id)
    for u in _ALL_UPHELD.finditer(text):
        for what, cells in (reading for at, reading in named if at <= u.start()):
            v = report.tables.sum_of(cells)
            if v is not None and v > 0 and ("all_kept", what) not in said:
                said.add(("all_kept", what))
                yield Finding(f"正文“{s.quote}”说{what}均获维持，但第四部分{what}“{corrected.label}”为 {v}。",
                              cells=cells, expected=0, actual=v, line=s.line, quote=s.quote)


@rule("N102", "error", "narrative", "正文的概括说法与表格不符")
def blanket_statements(report: Report):
    """检查什么：正文中“未收到政府信息公开申请”“未发生行政复议、行政诉讼”“均获维持”“均予以公开”一类概括说法，是否与表格中的数字矛盾。

    为什么：这类句子常常是从往年报告或模板中照抄的；表格里明明有申请、有复议诉讼，正文却说没有，读者会认为报告失实。

    怎样判断：“未收到政府信息公开申请”而第三部分“本年新收”总计大于 0；“未发生……行政复议”而第四部分行政复议总计大于 0；
    “未发生……行政诉讼”而两类行政诉讼总计之和大于 0；“均获维持”而相应的“结果纠正”大于 0；
    “收到申请××件，均予以公开”而“（一）予以公开”既不等于××，也不等于办理结果总计；
    “无上年结转申请”“无结转下年度申请”而相应一行的总计大于 0。
    说的是别的年份（“2022年未收到……”）、或只说了某一类（“未收到法人的申请”）的句子不核对。

    怎样改：按表格中的数字改写这句话；如果表格填错了，改正表格。不要照抄往年报告或模板中的概括说法。

    示例：正文写“2023年度，我局未收到政府信息公开申请”，第三部分却写本年新收申请 1 件。
    """
    sentences = report.prose.sentences
    about = {s.para for s in sentences if ABOUT_REQUESTS.search(s.text)}
    received: dict[int, int] = {}
    for f in report.prose.figures:
        if f.kind == "received":
            received.setdefault(id(f.sentence), f.value)
    for s in sentences:
        if not _CLAIM.search(s.text):
            continue
        yield from _all_granted(report, s, received)
        yield from _none_carried(report, s, about)
        yield from _no_requests(report, s)
        if ("复议" in s.text or "诉讼" in s.text) and (s.para in about or "公开" in s.text):
            yield from _no_appeals(report, s)

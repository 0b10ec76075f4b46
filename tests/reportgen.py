"""Synthetic annual reports, for the property tests and the bench.

A report is made in three steps:

1. figures: balanced tables 三 and 四 and a plausible table 二, kept as dicts
   shaped like the ``tables`` of the result JSON (what a correct check must
   read back);
2. layout: the whole report text, with the tables written the way one kind
   of source hands them over (a scraped page, a markdown export, a browser
   copy, ``pdftotext -layout``...);
3. transforms on the finished text: traditional script, full-width digits
   and punctuation, pinyin after some characters, Windows line ends.

On top of a correct report: ``with_cells`` (figures of your choosing),
``with_changed_cell`` (one mistyped figure),
``cut_inside_requests`` (a paste that lost its end), ``with_blank_column``
and ``flattened`` (table 三 damaged the ways the spec describes).

Row and column labels come from ``gouji.formats``; only the header words that
the formats do not carry (申请人情况, 法人或其他组织, 第二十条第（一）项...)
are spelled here.

    rng = random.Random(7)
    report = generate(rng, format_id="2021", layout="pdf")
    report.tables["requests"]["new"]["total"]   # what the table says
    report.text                                  # what the user pastes
"""

from __future__ import annotations

import dataclasses
import math
import random
import re
from dataclasses import dataclass, field

from gouji.formats import (
    APPEAL_OUTCOMES,
    APPEALS,
    APPLICANT_PARTS,
    FORMATS,
    Column,
    Row,
    Table,
)

LAYOUTS = (
    "pipe_rows",
    "markdown",
    "cell_per_line",
    "cell_per_line_pipe",
    "broken_rows",
    "split_headers",
    "tabs",
    "pdf",
    # pdftotext -layout of a PDF whose group labels run into their first
    # sub-row's, whose table 四 header stands in vertical single characters,
    # and whose narrow columns run neighbouring figures together ("0 05").
    "pdf_wrapped",
    # Markdown from OCR and PDF-to-markdown tools: # marks on headings and row
    # labels, one small table per row under a generic header (类别 | 数据1 …),
    # a header row in the middle of a table, labels cut off from their figures.
    "ocr_markdown",
    # A web page's text content: every cell of a row run together
    # (（一）予以公开6000017), sometimes a whole table on one line.
    "flattened_text",
)
#: Layouts whose every cell a correct check reads back exactly.  In
#: flattened text, digits that split more than one way stay unread.
EXACT_LAYOUTS = tuple(layout for layout in LAYOUTS if layout != "flattened_text")
PDF_LAYOUTS = ("pdf", "pdf_wrapped")
TRANSFORMS = ("traditional", "fullwidth", "pinyin", "crlf")

# Header words of the template that are not row or column labels.
CHECKSUM_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS_HEAD = "申请人情况"
ORGANISATIONS_HEAD = "法人或其他组织"
CONTENT_HEAD = "信息内容"
REVIEW_HEAD = "行政复议"
SUIT_HEAD = "行政诉讼"

# 《条例》第二十条 items of table 二 and the rows each one holds, per format.
PROACTIVE_ITEMS = {
    "2021": (("一", ("rules", "normative_docs")),
             ("五", ("licensing",)),
             ("六", ("penalty", "enforcement")),
             ("八", ("fees",))),
    "2019": (("一", ("rules", "normative_docs")),
             ("五", ("licensing", "other_services")),
             ("六", ("penalty", "enforcement")),
             ("八", ("fees",)),
             ("九", ("procurement",))),
}

# What a filler cell says when a body writes zero without a 0.
ZERO_MARKS = ("/", "-", "—", "无")


# ==================================================================== figures

def _count(rng: random.Random, top: int) -> int:
    """A count between 1 and top, small ones far more likely (log-uniform)."""
    if top <= 1:
        return 1
    return max(1, int(math.exp(rng.uniform(0, math.log(top + 1)))))


# How likely an outcome row holds anything, when the body had requests at all:
# most requests are granted, 不掌握 and 信访举报 are common, the rest rare.
_OUTCOME_WEIGHT = {
    "granted": 0.95,
    "partly_granted": 0.4,
    "unavailable.1": 0.5,
    "not_processed.1": 0.35,
    "other.1": 0.25,
    "other.3": 0.3,
    "other": 0.3,
}


def balanced_requests(format_id: str, rng: random.Random) -> dict:
    """Table 三 whose three identities all hold."""
    fmt = FORMATS[format_id]
    rows = [r.id for r in fmt.requests.data_rows]
    outcomes = fmt.outcome_rows
    # Most bodies are small: a township sees 0 requests, a city thousands.
    scale = rng.choices([0, 5, 60, 4000], weights=[3, 4, 3, 1])[0]
    cells = {rid: {} for rid in rows}
    for col in APPLICANT_PARTS:
        # Natural persons file most requests; the rarer columns stay empty
        # more often.
        used = scale > 0 and (col == "natural" or rng.random() < 0.35)
        col_scale = scale if col == "natural" else max(1, scale // 10)
        for rid in outcomes:
            p = _OUTCOME_WEIGHT.get(rid, 0.12)
            # Refusals and the like run an order of magnitude below grants.
            top = col_scale if rid in ("granted", "unavailable.1") else max(1, col_scale // 10)
            cells[rid][col] = _count(rng, top) if used and rng.random() < p else 0
        answered = sum(cells[rid][col] for rid in outcomes)
        carried_forward = rng.randint(0, max(0, answered // 8)) if answered else 0
        carried_over = rng.randint(0, min(answered + carried_forward, max(1, col_scale // 10))) \
            if answered + carried_forward else 0
        cells["total"][col] = answered
        cells["carried_forward"][col] = carried_forward
        cells["carried_over"][col] = carried_over
        cells["new"][col] = answered + carried_forward - carried_over
    for rid in rows:
        cells[rid]["total"] = sum(cells[rid][c] for c in APPLICANT_PARTS)
    return cells


def balanced_appeals(rng: random.Random) -> dict:
    """Table 四: each group's total is the sum of its four outcomes."""
    scale = rng.choices([0, 3, 40, 400], weights=[5, 3, 2, 1])[0]
    groups = {}
    for row in APPEALS.rows:
        group = {}
        for outcome in APPEAL_OUTCOMES:
            group[outcome] = _count(rng, scale) if scale and rng.random() < 0.5 else 0
        group["total"] = sum(group[o] for o in APPEAL_OUTCOMES)
        groups[row.id] = group
    return groups


def _money(rng: random.Random, top: float) -> int | float:
    """An amount as a clerk writes it: 0, a whole number or up to 2 decimals."""
    kind = rng.choices(["zero", "whole", "decimal"], weights=[3, 2, 3])[0]
    if kind == "zero":
        return 0
    value = math.exp(rng.uniform(0, math.log(top)))
    if kind == "whole":
        return int(value)
    decimals = rng.choice([1, 2])
    value = round(value, decimals)
    return int(value) if value == int(value) else value


def plausible_proactive(format_id: str, rng: random.Random, makes_rules: bool = False) -> dict:
    """Table 二 with figures of the right kind for each cell.  Only a body
    with rule-making power (a 设区的市's or a province's government) has
    规章 to report; everyone else writes 0 there."""
    rows: dict[str, dict] = {}
    rule_top = 3 if makes_rules else 0
    if format_id == "2021":
        for rid, top in (("rules", rule_top), ("normative_docs", 30)):
            issued = rng.randint(0, top)
            repealed = rng.randint(0, top)
            rows[rid] = {"issued": issued, "repealed": repealed,
                         "in_force": issued + rng.randint(0, top * 8)}
        for rid, top in (("licensing", 500000), ("penalty", 50000), ("enforcement", 5000)):
            rows[rid] = {"decisions": _count(rng, top) if rng.random() < 0.6 else 0}
        rows["fees"] = {"amount": _money(rng, 100000)}
    else:
        for rid, top in (("rules", rule_top), ("normative_docs", 30)):
            made = rng.randint(0, top)
            rows[rid] = {"made": made, "published": rng.randint(0, made),
                         "total_published": made + rng.randint(0, top * 8)}
        for rid, top in (("licensing", 300), ("other_services", 100),
                         ("penalty", 200), ("enforcement", 30)):
            prev = rng.randint(0, top)
            rows[rid] = {"prev_items": prev, "change": _change(rng, prev),
                         "decisions": _count(rng, 50000) if rng.random() < 0.6 else 0}
        prev = rng.randint(0, 20)
        rows["fees"] = {"prev_items": prev, "change": _change(rng, prev)}
        items = rng.randint(0, 40)
        rows["procurement"] = {"items": items,
                               "amount": _count(rng, 9_000_000) if items else 0}
    return rows


def _change(rng: random.Random, prev: int) -> int:
    """本年增/减: usually 0, sometimes a few up or down (never below zero items)."""
    if rng.random() < 0.5:
        return 0
    return rng.randint(-min(prev, 5), 15)


def random_tables(format_id: str, rng: random.Random, body: str = "") -> dict:
    return {
        "requests": balanced_requests(format_id, rng),
        "appeals": balanced_appeals(rng),
        "proactive": plausible_proactive(format_id, rng, makes_rules=makes_rules(body)),
    }


def makes_rules(body: str) -> bool:
    """Whether a body may make 规章: here, a 市 (or 州) government."""
    return body.endswith("人民政府") and body.removesuffix("人民政府")[-1:] in ("市", "州")


def requests_balanced(format_id: str, requests: dict) -> bool:
    """Whether table 三 satisfies every identity of the spec (a self-check)."""
    fmt = FORMATS[format_id]
    if "other" in requests and format_id == "2021":
        fmt = fmt.with_one_row("requests", "other")
        requests = {rid: cells for rid, cells in requests.items() if None not in cells.values()}
    columns = APPLICANT_PARTS + ("total",)
    for col in columns:
        c = {rid: requests[rid][col] for rid in requests}
        if c["new"] + c["carried_over"] != c["total"] + c["carried_forward"]:
            return False
        if c["total"] != sum(c[rid] for rid in fmt.outcome_rows):
            return False
    for _rid, row in requests.items():
        if row["total"] != sum(row[c] for c in APPLICANT_PARTS):
            return False
    return all(isinstance(v, int) and v >= 0 for row in requests.values() for v in row.values())


def appeals_balanced(appeals: dict) -> bool:
    return all(g["total"] == sum(g[o] for o in APPEAL_OUTCOMES) and min(g.values()) >= 0
               for g in appeals.values())


# ================================================================ the report

@dataclass
class Report:
    format_id: str
    year: int
    body: str
    layout: str
    transforms: tuple[str, ...]
    tables: dict
    text: str
    # Everything needed to render the same report again with other figures.
    style: Style = field(repr=False, default=None)
    # The text before the transforms, and where each table-三 cell ends in it
    # (offset, (row_id, col_id or None for a label cell)).
    raw_text: str = field(repr=False, default="")
    request_cell_ends: list = field(repr=False, default_factory=list)


@dataclass(frozen=True)
class Style:
    """The choices that shape one report's text, fixed once drawn."""
    layout: str
    seed: int  # for the layout's own small choices (broken rows, spacing)
    ascii_punctuation: bool  # the scraper folded （）：， to ASCII (seeds 000–004)
    zero_mark: str  # "0", or a placeholder written for zero in tables 三 and 四
    # Zeros left blank in table-三 rows that hold other figures ("| 5 |  | 5 |"),
    # which the spec reads as 0; only where cells have separators.
    blank_zeros: bool
    blank: str  # how a blank cell comes: "" or "&nbsp;" (an HTML page's empty cell)
    numbering: str  # "." or "、" after the 1. 2. 3. of sub-rows
    pipe_filler: bool  # trailing "| ||" cells, as in seeds 001 and 003
    with_title: bool
    # How narrow header cells (商业企业, 结果纠正) wrap: "" not at all, " " (seeds
    # 001, 002), "\n" inside the cell, "\n\n" like separate cells (seed 000).
    header_break: str
    # Seed 001 has no 三、 heading before table 三: the table is found by its labels.
    requests_heading: bool
    # Seed 004: markdown image lines inside part 一.
    image_lines: bool
    # Damage a correct report may carry (see with_blank_column, flattened):
    # one table-三 column left blank from top to bottom, or every row cut
    # down to its 总计 figure (seed 000).
    # A note right under table 三, with figures of its own (dates).
    table_note: bool = False
    # What some pages leave after a cell's content: a no-break space, an
    # ideographic space, a zero-width space.
    cell_noise: str = ""
    blank_column: str | None = None
    flattened: bool = False
    # Format 2021's （六）其他处理 printed as one row with its own figures, its
    # three sub-rows left out (several real templates do this).
    one_row_other: bool = False


# Layouts whose cells have explicit separators, so a blank cell can be seen.
SEPARATED_LAYOUTS = ("pipe_rows", "markdown", "broken_rows", "split_headers", "tabs")

_CITIES = ("淮安市", "抚远市", "铁岭市", "朝阳市", "阜阳市", "临夏州", "宜昌市", "绵阳市",
           "赣州市", "泉州市", "包头市", "湛江市", "洛阳市", "常德市")
_DISTRICTS = ("", "", "清河区", "龙城区", "积石山县", "城关区", "高新区", "东港区")
_DEPARTMENTS = ("应急管理局", "住房和城乡建设局", "自然资源和规划局", "生态环境局", "市场监督管理局",
                "交通运输局", "民政局", "财政局", "人力资源和社会保障局", "卫生健康委员会",
                "农业农村局", "教育局", "司法局", "医疗保障局")
_TOWNSHIPS = ("癿藏镇", "城关镇", "红旗乡", "新华街道", "白塔镇")


def random_body(rng: random.Random) -> str:
    """A department (most reports), a county-level government or a township."""
    city, district = rng.choice(_CITIES), rng.choice(_DISTRICTS)
    kind = rng.choices(("department", "government", "township"), weights=(6, 2, 1))[0]
    if kind == "department":
        return city + district + rng.choice(_DEPARTMENTS)
    if kind == "government":
        return (district or city) + "人民政府"
    township = rng.choice(_TOWNSHIPS)
    return (district or city) + township + ("办事处" if township.endswith("街道") else "人民政府")


def self_reference(body: str) -> str:
    """How the report calls its own body: 我局, 我委, 我市, 我镇, 我街道..."""
    for ending, name in (("街道办事处", "街道"), ("委员会", "委"), ("局", "局")):
        if body.endswith(ending):
            return "我" + name
    place = body.removesuffix("人民政府")
    return "我" + place[-1]


# How a narrow header cell may wrap in each layout, and how often.
_HEADER_BREAKS = {
    "cell_per_line": (("", " ", "\n", "\n\n"), (6, 2, 1, 1)),
    "markdown": (("", " ", "\n"), (6, 2, 1)),  # "\n" is written <br>
}


def _header_break(rng: random.Random, layout: str) -> str:
    if layout == "split_headers":
        return "\n"
    if layout in PDF_LAYOUTS + ("ocr_markdown", "flattened_text"):
        return ""  # the pdf writer wraps its header itself; OCR and text content do not wrap
    breaks, weights = _HEADER_BREAKS.get(layout, (("", " "), (6, 2)))
    return rng.choices(breaks, weights)[0]


def random_style(rng: random.Random, layout: str, one_row_other: bool = False) -> Style:
    pdf = layout in PDF_LAYOUTS
    flat = layout == "flattened_text"  # text content: digits run together, so zeros are written 0
    return Style(
        layout=layout,
        seed=rng.randrange(2**32),
        ascii_punctuation=not pdf and rng.random() < 0.7,
        zero_mark=rng.choices(("0",) + ZERO_MARKS, weights=(16, 1, 1, 1, 1))[0] if not flat else "0",
        blank_zeros=layout in SEPARATED_LAYOUTS and rng.random() < 0.15,
        blank=rng.choice(("", "", "&nbsp;")),
        numbering=rng.choices((".", "、"), weights=(4, 1))[0],
        pipe_filler=rng.random() < 0.6,
        with_title=rng.random() < 0.9,
        header_break=_header_break(rng, layout),
        requests_heading=rng.random() < 0.9,
        image_lines=not pdf and rng.random() < 0.1,
        table_note=rng.random() < 0.1,
        cell_noise=rng.choices(("", "\xa0", "\u3000", "\u200b"), weights=(12, 1, 1, 1))[0]
        if not pdf and not flat else "",
        one_row_other=one_row_other,
    )


def generate(rng: random.Random, format_id: str | None = None, layout: str | None = None,
             transforms: tuple[str, ...] | None = None, one_row_other: bool = False) -> Report:
    """A whole random report: figures, body, year, layout and transforms.

    ``one_row_other``: a format-2021 report prints （六）其他处理 as one row
    (its figures the sums of the three sub-rows, which the tables then hold as
    None: what a correct check reads).
    """
    format_id = format_id or rng.choice(tuple(FORMATS))
    layout = layout or rng.choice(LAYOUTS)
    if transforms is None:
        transforms = tuple(t for t, p in (("traditional", 0.3), ("fullwidth", 0.2), ("pinyin", 0.1),
                                          ("crlf", 0.1))
                           if rng.random() < p)
    year = rng.choice((2019, 2020)) if format_id == "2019" else rng.randint(2021, 2024)
    body = random_body(rng)
    tables = random_tables(format_id, rng, body)
    one_row_other = one_row_other and format_id == "2021"
    if one_row_other:
        tables["requests"] = as_one_row_other(tables["requests"])
    return render(tables, format_id, random_style(rng, layout, one_row_other), year=year,
                  body=body, transforms=transforms)


def as_one_row_other(requests: dict) -> dict:
    """Table 三 with （六）其他处理 as one row: the sums of its sub-rows; the sub-rows None."""
    subs = [rid for rid in requests if rid.startswith("other.")]
    out = {}
    for rid, cells in requests.items():
        if rid == subs[0]:
            out["other"] = {c: sum(requests[s][c] for s in subs) for c in cells}
        out[rid] = dict.fromkeys(cells) if rid in subs else dict(cells)
    return out


def render(tables: dict, format_id: str, style: Style, *, year: int, body: str,
           transforms: tuple[str, ...] = (), prose_tables: dict | None = None) -> Report:
    """The report text for these figures.  The prose quotes prose_tables
    (default: the tables themselves), so a wrong cell can be typed into the
    table while the prose keeps the right figure."""
    writer = _Writer(format_id, style, year, body)
    raw = writer.report(tables, prose_tables or tables)
    text = apply_transforms(raw, transforms)
    return Report(format_id, year, body, style.layout, tuple(transforms), tables, text,
                  style, raw, writer.cell_ends)


# ================================================================ variations

def with_cells(report: Report, figures: dict[tuple[str, str, str], int]):
    """The same report with these cells, by (table, row, col), holding these
    figures; the prose still quotes the report's own.  Returns (text, changed_tables)."""
    changed = {name: {rid: dict(row) for rid, row in rows.items()}
               for name, rows in report.tables.items()}
    for (table, row_id, col_id), figure in figures.items():
        changed[table][row_id][col_id] = figure
    again = render(changed, report.format_id, report.style, year=report.year, body=report.body,
                   transforms=report.transforms, prose_tables=report.tables)
    return again.text, changed


def with_changed_cell(report: Report, rng: random.Random, table: str = "requests"):
    """The same report with one cell of table 三 (or 四) holding another whole
    number.  Returns (text, (table, row, col), changed_tables)."""
    rows = report.tables[table]
    row_id = rng.choice(sorted(r for r, cells in rows.items() if None not in cells.values()))
    col_id = rng.choice(sorted(rows[row_id]))
    old = rows[row_id][col_id]
    new = old
    while new == old:
        new = rng.choice((0, 1, old + 1, old + rng.randint(1, 20), max(0, old - 1), old * 10))
    text, changed = with_cells(report, {(table, row_id, col_id): new})
    return text, (table, row_id, col_id), changed


def with_blank_column(report: Report, column: str) -> str:
    """The report with one table-三 column left blank in every row, as
    when a body leaves 总计 for the reader to add up.  Only for layouts whose
    cells have separators: elsewhere a blank cell leaves no trace."""
    assert report.layout in SEPARATED_LAYOUTS, report.layout
    style = dataclasses.replace(report.style, blank_column=column, blank_zeros=False)
    return render(report.tables, report.format_id, style, year=report.year, body=report.body,
                  transforms=report.transforms).text


def flattened(report: Report) -> str:
    """The report with table 三 cut down to one figure a row, its 总计 (seed
    000: the other six cells were empty on the page and vanished in the
    copy).  Only for the one-cell-a-line layouts, where that is what it looks like."""
    assert report.layout in ("cell_per_line", "cell_per_line_pipe"), report.layout
    style = dataclasses.replace(report.style, flattened=True)
    return render(report.tables, report.format_id, style, year=report.year, body=report.body,
                  transforms=report.transforms).text


def cut_inside_requests(report: Report, rng: random.Random):
    """The report's text cut off right after some cell of table 三, before
    its last cell: what a paste that lost its end looks like.  Returns
    (text, (row_id, col_id)) of the last cell kept (col_id None: a label)."""
    ends = report.request_cell_ends[:-1]  # after the last cell the table is whole
    offset, cell = rng.choice(ends)
    return apply_transforms(report.raw_text[:offset], report.transforms), cell


# ================================================================ transforms

_OPENCC = None


def to_traditional(text: str) -> str:
    global _OPENCC
    if _OPENCC is None:
        import opencc
        _OPENCC = opencc.OpenCC("s2t")
    return _OPENCC.convert(text)


_FULLWIDTH = str.maketrans({**{str(d): chr(0xFF10 + d) for d in range(10)},
                            "(": "（", ")": "）", ":": "：", ",": "，"})


def to_fullwidth(text: str) -> str:
    return text.translate(_FULLWIDTH)


# Characters a site's pinyin-annotating script marks (seed 004: 區(qū), 規(guī)).
_PINYIN = {"区": "qū", "區": "qū", "发": "fā", "發": "fā", "规": "guī", "規": "guī",
           "业": "yè", "業": "yè", "执": "zhí", "執": "zhí", "稳": "wěn", "穩": "wěn",
           "续": "xù", "續": "xù", "创": "chuàng", "創": "chuàng"}


def with_pinyin(text: str) -> str:
    return "".join(ch + f"({_PINYIN[ch]})" if ch in _PINYIN else ch for ch in text)


def apply_transforms(text: str, transforms) -> str:
    # Order matters: pinyin follows the (possibly traditional) character, and
    # full width applies to the parentheses pinyin brings as well.
    if "traditional" in transforms:
        text = to_traditional(text)
    if "pinyin" in transforms:
        text = with_pinyin(text)
    if "fullwidth" in transforms:
        text = to_fullwidth(text)
    if "crlf" in transforms:  # pasted from a Windows clipboard
        text = text.replace("\n", "\r\n")
    return text


_ASCII_PUNCTUATION = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ","})


# ================================================================ tables as grids

@dataclass
class Cell:
    text: str
    kind: str  # "head", "narrow_head", "group", "label" or "num"
    key: tuple | None = None  # (row_id, col_id) for a table-三 cell


def _format_value(value, kind: str = "count") -> str:
    if kind == "change":
        return f"+{value}" if value > 0 else str(value)
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


class _Writer:
    """Renders one report in one style, remembering where table-三 cells end."""

    def __init__(self, format_id: str, style: Style, year: int, body: str):
        self.format_id = format_id
        self.fmt = FORMATS[format_id]
        self.style = style
        self.rng = random.Random(style.seed)
        self.year = year
        self.body = body
        self.out: list[str] = []
        self.length = 0
        self.cell_ends: list = []
        self.page = 1
        self.pdf = style.layout in PDF_LAYOUTS
        # The table 三 this report prints: the format's, or its one-row （六） variant.
        self.requests_spec = (self.fmt.with_one_row("requests", "other").requests if style.one_row_other
                              else self.fmt.requests)
        # OCR markdown marks part headings with one level of #.
        self.marks = "#" * self.rng.randint(1, 3) + " " if style.layout == "ocr_markdown" else ""

    # ------------------------------------------------------------ output

    def write(self, s: str) -> None:
        if self.style.ascii_punctuation:
            s = s.translate(_ASCII_PUNCTUATION)
        self.out.append(s)
        self.length += len(s)

    def mark(self, cell: Cell) -> None:
        if cell.key is not None and cell.text:
            self.cell_ends.append((self.length, cell.key))

    def line(self, s: str = "") -> None:
        self.write(s + "\n")

    # ------------------------------------------------------------ whole report

    def report(self, tables: dict, prose_tables: dict) -> str:
        pdf = self.pdf
        y = self.year
        requests = prose_tables["requests"]
        appeals = prose_tables["appeals"]
        if self.style.with_title:
            self.heading(f"{self.body}{y}年政府信息公开工作年度报告", indent=4, marks="# " if self.marks else "")
            self.gap()
        self.prose(f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和"
                   f"{self.fmt.name}要求编制。本报告中所列数据的统计期限自{y}年1月1日起至"
                   f"{y}年12月31日止。")
        self.heading("一、总体情况")
        we = self_reference(self.body)
        self.prose(f"{y}年，{we}坚持以公开为常态、不公开为例外，认真落实《条例》要求，"
                   f"全面推进决策、执行、管理、服务、结果公开。")
        self.prose("（一）主动公开情况。依托门户网站和政务新媒体及时发布各类政府信息，"
                   "做好政策解读和回应关切。")
        # Figures that are not about 依申请公开 stand right beside those that are.
        others = [f"受理12345市民热线事项{self.rng.randint(3, 900)}件",
                  f"接听群众电话{self.rng.randint(10, 500)}件",
                  f"发布政策性文件{self.rng.randint(1, 40)}件",
                  f"办理人大代表建议{self.rng.randint(1, 30)}件"]
        chosen = self.rng.sample(others, self.rng.randint(0, 3))
        if chosen:
            self.prose("全年" + "，".join(chosen) + "。")
        if self.style.image_lines:
            self.line(f"![](/uploadfiles/{y + 1}01/{self.rng.randrange(10**8):08d}.png)")
        self.prose("（二）依申请公开情况。" + self.requests_prose(requests))
        self.prose("（三）政府信息管理。严格落实信息发布审查制度，坚持先审后发。")
        self.prose("（四）政府信息公开平台建设。持续优化政府信息公开专栏，及时更新栏目内容。")
        self.prose("（五）监督保障。将政务公开工作纳入年度考核，本年度未发生责任追究情况。")
        self.heading("二、主动公开政府信息情况")
        self.proactive(tables["proactive"])
        if self.style.requests_heading:
            self.heading("三、收到和处理政府信息公开申请情况")
        self.requests(tables["requests"])
        if self.style.table_note:
            self.prose(f"注：表中数据统计期限为{y}年1月1日至{y}年12月31日，单位为件。")
        self.heading("四、政府信息公开行政复议、行政诉讼情况")
        self.appeals(tables["appeals"])
        appeals_prose = self.appeals_prose(appeals)
        if appeals_prose:
            self.prose(appeals_prose)
        self.heading("五、存在的主要问题及改进情况")
        self.prose(f"一是政策解读形式较为单一；二是政务公开队伍力量不足。下一步，{we}将丰富"
                   "解读形式，加强业务培训，不断提升政务公开工作水平。")
        self.heading("六、其他需要报告的事项")
        self.prose(self.other_matters_prose(we))
        self.gap()
        self.line(("" if not pdf else " " * 40) + self.body)
        self.line(("" if not pdf else " " * 40) + f"{y + 1}年1月{self.rng.randint(5, 28)}日")
        if pdf:
            self.footer()
        return "".join(self.out)

    # ------------------------------------------------------------ prose about the figures

    def requests_prose(self, requests: dict) -> str:
        """What part 一 says about 依申请公开: in one of the ways reports put
        it, always agreeing with the table."""
        total = {rid: cells["total"] for rid, cells in requests.items() if cells["total"] is not None}
        new, answered = total["new"], total["total"]
        if not new and not total["carried_over"]:
            return self.rng.choice((
                "本年度未收到政府信息公开申请。",
                f"{self.year}年度，{self_reference(self.body)}无政府信息公开申请。",
                "全年收到政府信息公开申请0件。",
            ))
        outcomes = (("予以公开", ("granted",)), ("部分公开", ("partly_granted",)),
                    ("不予公开", ("refused.",)), ("无法提供", ("unavailable.",)),
                    ("不予处理", ("not_processed.",)), ("其他处理", ("other",)))
        parts = []
        for word, prefixes in outcomes:
            n = sum(v for rid, v in total.items() if rid.startswith(prefixes))
            if n:
                parts.append(f"{word}{n}件")
        choice = self.rng.randrange(3)
        if choice == 0:
            return (f"全年共收到政府信息公开申请{new}件，上年结转{total['carried_over']}件，"
                    f"均在法定期限内予以答复，结转下年度继续办理{total['carried_forward']}件。")
        if choice == 1 or not parts:
            return (f"本年度新收政府信息公开申请{new}件，办结{answered}件"
                    + (f"，其中{'、'.join(parts)}" if parts else "") + "。")
        if parts == [f"予以公开{answered}件"] and answered == new and not total["carried_over"] \
                and not total["carried_forward"]:
            return f"共收到政府信息公开申请{new}件，均已予以公开。"
        return (f"共受理政府信息公开申请{new}件，上年结转{total['carried_over']}件；"
                f"办理结果：{'，'.join(parts)}。")

    def appeals_prose(self, appeals: dict) -> str:
        review = appeals["review"]
        suits = appeals["suit_direct"]["total"] + appeals["suit_after_review"]["total"]
        if not review["total"] and not suits:
            return self.rng.choice((
                "",
                "本年度未发生政府信息公开行政复议、行政诉讼情况。",
                "无因政府信息公开申请行政复议、提起行政诉讼的情况。",
            ))
        if self.rng.random() < 0.5 or not review["total"]:
            return f"本年度因政府信息公开被申请行政复议{review['total']}件，提起行政诉讼{suits}件。"
        outcome_words = (("upheld", "结果维持"), ("corrected", "结果纠正"),
                         ("other", "其他结果"), ("pending", "尚未审结"))
        parts = [f"{word}{review[o]}件" for o, word in outcome_words if review[o]]
        return (f"发生政府信息公开行政复议{review['total']}件，其中{'、'.join(parts)}；"
                f"行政诉讼{suits}件。")

    def other_matters_prose(self, we: str) -> str:
        """Part 六.  Format 2021 expects the 信息处理费; a 2019-format year says 无."""
        if self.format_id == "2019":
            return self.rng.choice(("无。", "无", "无其他需要报告的事项。"))
        fee = self.rng.choice((0, 0, 0, 50, 120, 3940))
        if fee:
            return (f"按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），"
                    f"本年度共收取信息处理费{fee}元。")
        return self.rng.choice((
            "本年度未收取信息处理费。无其他需要报告的事项。",
            "（一）收取信息处理费0元。",
            "按照《国务院办公厅关于印发<政府信息公开信息处理费管理办法>的通知》（国办函〔2020〕109号）"
            "规定的按件、按量收费标准，本年度没有产生信息公开处理费。",
            f"{self.year}年，{we}未产生信息处理费。",
        ))

    def heading(self, text: str, indent: int = 6, marks: str | None = None) -> None:
        marks = self.marks if marks is None else marks
        self.line((" " * indent if self.pdf else "") + marks + text)
        if self.style.layout in ("cell_per_line", "ocr_markdown"):
            self.line()

    def gap(self) -> None:
        self.line()

    def prose(self, text: str) -> None:
        if not self.pdf:
            self.line(text)
            if self.style.layout in ("cell_per_line", "ocr_markdown"):
                self.line()
            return
        # pdftotext: a paragraph wraps at the page width, first line indented;
        # a number is never split between two lines.
        width = 30
        first = True
        if self.rng.random() < 0.3:
            text = re.sub(r"(\d)(年)", r"\1 \2", text)
        while text:
            take = min(width, len(text))
            while 0 < take < len(text) and text[take - 1].isdigit() and text[take].isdigit():
                take -= 1
            take = take or width
            # Chinese typesetting never starts a line with closing punctuation
            while take < len(text) and text[take] in "。，、；：）》”":
                take += 1
            self.line(("      " if first else "") + text[:take])
            text = text[take:]
            first = False
            if self.rng.random() < 0.08:
                self.footer()

    def footer(self) -> None:
        self.page += 1
        self.line()
        self.line(" " * self.rng.choice((0, 40, 90)) + f"-{self.page}-")

    # ------------------------------------------------------------ grids

    def zero(self, value, kind="count") -> str:
        if value == 0 and kind == "count" and self.style.zero_mark != "0":
            return self.style.zero_mark
        return _format_value(value, kind)

    def sub_label(self, label: str) -> str:
        # 1.属于国家秘密 → 1、属于国家秘密 in some reports
        if self.style.numbering != "." and label[:1].isdigit() and label[1:2] == ".":
            return label[0] + self.style.numbering + label[2:]
        return label

    def requests_grid(self, requests: dict) -> tuple[list, list]:
        """Header rows and data rows of table 三, as a scraped HTML table's
        rows: a rowspan'd group cell appears only in its first row."""
        head = [
            [Cell(CHECKSUM_NOTE, "head"), Cell(APPLICANTS_HEAD, "head")],
            [Cell("自然人", "head"), Cell(ORGANISATIONS_HEAD, "head"), Cell("总计", "head")],
            [Cell(c.label, "narrow_head") for c in self.fmt.requests.columns
             if c.id not in ("natural", "total")],
        ]
        table = self.requests_spec
        opened: set[str] = set()
        body = []
        # A column blank from top to bottom is not zeros but a missing column
        # (spec): blank zeros only while some row still writes its 0s.
        blanks = self.style.blank_zeros and any(
            not any(requests[row.id].values()) for row in table.data_rows)
        for row in table.data_rows:
            cells = []
            for group in _ancestors(table, row):
                if group.id not in opened:
                    opened.add(group.id)
                    cells.append(Cell(self.sub_label(group.label), "group"))
            cells.append(Cell(self.sub_label(row.label), "label", (row.id, None)))
            figures = requests[row.id]
            blank_here = blanks and any(figures.values())
            for col in table.columns:
                if self.style.flattened and col.id != "total":
                    continue
                text = self.style.blank if blank_here and figures[col.id] == 0 \
                    else self.zero(figures[col.id])
                if col.id == self.style.blank_column:
                    text = self.style.blank
                cells.append(Cell(text, "num", (row.id, col.id)))
            body.append(cells)
        return head, body

    def appeals_grid(self, appeals: dict) -> tuple[list, list]:
        outcome_labels = [c.label for c in APPEALS.columns]
        suit_parts = [r.label.split("·")[-1] for r in APPEALS.rows[1:]]
        head = [
            [Cell(REVIEW_HEAD, "head"), Cell(SUIT_HEAD, "head")],
            [Cell(x, "narrow_head") for x in outcome_labels] + [Cell(x, "head") for x in suit_parts],
            [Cell(x, "narrow_head") for x in outcome_labels * 2],
        ]
        numbers = [Cell(self.zero(appeals[r.id][c.id]), "num")
                   for r in APPEALS.rows for c in APPEALS.columns]
        return head, [numbers]

    def proactive_blocks(self, proactive: dict) -> list:
        """Table 二 as its small tables, each a list of grid rows."""
        table = self.fmt.proactive
        blocks = []
        for item, row_ids in PROACTIVE_ITEMS[self.format_id]:
            rows = [table.row(rid) for rid in row_ids]
            columns = table.columns_of(rows[0])
            grid = [[Cell(f"第二十条第（{item}）项", "head")],
                    [Cell(CONTENT_HEAD, "head")] + [Cell(c.label, "head") for c in columns]]
            for row in rows:
                cells = [Cell(row.label, "label")]
                for col in table.columns_of(row):
                    cells.append(Cell(self.proactive_value(proactive[row.id][col.id], col), "num"))
                grid.append(cells)
            blocks.append(grid)
        return blocks

    def proactive_value(self, value, col: Column) -> str:
        if col.signed:
            return _format_value(value, "change")
        if col.id == "amount" and self.format_id == "2019" and value and self.rng.random() < 0.6:
            return f"{_format_value(value)}元"
        return _format_value(value)

    def split_head(self, text: str) -> str:
        """商业企业 → 商业\\n企业, 结果纠正 → 结果 纠正: a narrow header cell
        whose words wrapped on the page (seeds 000, 001, 002)."""
        if not self.style.header_break or len(text) < 4:
            return text
        return text[:2] + self.style.header_break + text[2:]

    # ------------------------------------------------------------ tables

    def proactive(self, proactive: dict) -> None:
        blocks = self.proactive_blocks(proactive)
        if self.pdf:
            self.pdf_proactive(blocks)
            return
        if self.style.layout == "flattened_text":
            self.flat_proactive(blocks)
            return
        width = max(len(r) for b in blocks for r in b)
        for grid in blocks:
            self.grid(grid, width, table_break=True)

    def requests(self, requests: dict) -> None:
        head, body = self.requests_grid(requests)
        if self.pdf:
            self.pdf_requests(requests)
            return
        if self.style.layout == "ocr_markdown":
            self.ocr_requests(requests)
            return
        if self.style.layout == "flattened_text":
            self.flat_requests(head, body)
            return
        width = max(len(r) for r in head + body) + (1 if self.style.pipe_filler else 0)
        self.grid(head, width, table_break=True)
        self.grid(body, width, table_break=False, breakable=self.style.layout == "broken_rows")

    def appeals(self, appeals: dict) -> None:
        head, body = self.appeals_grid(appeals)
        if self.pdf:
            self.pdf_appeals(body[0])
            return
        if self.style.layout == "ocr_markdown":
            self.ocr_appeals(head, body[0])
            return
        if self.style.layout == "flattened_text":
            self.flat_appeals(head, body[0])
            return
        width = max(len(r) for r in head + body)
        self.grid(head, width, table_break=True)
        self.grid(body, width, table_break=False)

    def grid(self, rows: list, width: int, table_break: bool, breakable: bool = False) -> None:
        layout = self.style.layout
        if layout in ("markdown", "ocr_markdown"):
            self.markdown_rows(rows, width, header=table_break)
        elif layout == "cell_per_line":
            for row in rows:
                for cell in row:
                    self.cell(cell)
                    self.write("\n\n")
        elif layout == "cell_per_line_pipe":
            for row in rows:
                for cell in row:
                    self.cell(cell)
                    self.write(" |\n")
                if len(row) < width:
                    self.line("|" * (width - len(row)))
        elif layout == "tabs":
            for row in rows:
                for i, cell in enumerate(row):
                    self.write("\t" if i else "")
                    self.cell(cell)
                self.write("\n")
        else:  # pipe_rows, broken_rows, split_headers
            breaks = set()
            if breakable:
                breaks = set(self.rng.sample(range(len(rows)), self.rng.randint(1, 3)))
            for i, row in enumerate(rows):
                self.pipe_row(row, width, broken=i in breaks)

    def cell(self, cell: Cell, text: str | None = None) -> None:
        """One cell's text, then (after the point a cut may fall) the invisible
        characters some pages leave after a cell's content."""
        self.write(self.text_of(cell) if text is None else text)
        self.mark(cell)
        if self.style.cell_noise and cell.kind in ("num", "label") and self.rng.random() < 0.3:
            self.write(self.style.cell_noise)

    def text_of(self, cell: Cell) -> str:
        return self.split_head(cell.text) if cell.kind == "narrow_head" else cell.text

    def pipe_row(self, row: list, width: int, broken: bool) -> None:
        # seed 003: "...| 0 | 0 |\n0 | |" — the row goes on on the next line
        # Blank cells at either side of the break would be ambiguous (" | 1 |"
        # looks like a markdown line, "| 5 |  |  |" like filler): break only
        # between two written cells.
        numbers = [i for i, c in enumerate(row) if c.kind == "num"]
        places = [i for i in [numbers[0] - 1] + numbers[:-1]
                  if _written(row[i]) and _written(row[i + 1])] if numbers else []
        break_after = None
        if broken and places:
            break_after = places[0] if self.rng.random() < 0.2 else self.rng.choice(places)
        for i, cell in enumerate(row):
            self.cell(cell)
            self.write(" |")
            if i == break_after:
                self.write("\n")
            elif i < len(row) - 1:
                self.write(" ")
        if self.style.pipe_filler and len(row) < width:
            self.write(" " + "|" * (width - len(row)))
        self.write("\n")

    def markdown_rows(self, rows: list, width: int, header: bool) -> None:
        for n, row in enumerate(rows):
            self.write("|")
            for cell in row:
                self.write(" ")
                self.cell(cell, self.text_of(cell).replace("\n", "<br>"))
                self.write(" |")
            self.write(" |" * (width - len(row)) + "\n")
            if header and n == 0:
                self.line("|" + "---|" * width)

    # ------------------------------------------------------------ pdf

    def pdf_line(self, segments: list) -> None:
        """One line of pdftotext -layout: each segment (x, text, cell) starts
        at column x, or two spaces after the previous text when that ran past."""
        text = ""  # not yet written
        column = 0  # where the line has got to
        for x, s, cell in segments:
            if not s:
                continue
            if x is None:  # run into the text before it (narrow PDF columns)
                pad = 0
            elif column:
                pad = max(x - column, 2 if column > x else 1)
            else:
                pad = x
            text += " " * pad + s
            column += pad + len(s)
            if cell is not None:
                self.write(text)
                text = ""
                self.mark(cell)
        self.line(text)

    def pdf_columns(self, start: int, count: int) -> list[int]:
        step = self.rng.randint(8, 11)
        return [start + i * step + self.rng.randint(0, 1) for i in range(count)]

    def pdf_proactive(self, blocks: list) -> None:
        label_w = 30
        for grid in blocks:
            self.line(grid[0][0].text.replace("第（", " 第（"))
            self.gap()
            xs = [label_w + i * 15 for i in range(4)]
            for row in grid[1:]:
                self.gap()
                self.pdf_line([(0, row[0].text, None)]
                              + [(xs[i], c.text, None) for i, c in enumerate(row[1:])])
            self.gap()
            if self.rng.random() < 0.2:
                self.footer()

    def pdf_requests(self, requests: dict) -> None:
        xs = self.pdf_columns(self.rng.randint(44, 50), 7)
        self.pdf_requests_header(xs)
        self.pdf_requests_body(requests, xs)

    def pdf_requests_header(self, xs: list[int]) -> None:
        """The header: words scattered over lines as the PDF's cells place them."""
        table = self.fmt.requests
        note = CHECKSUM_NOTE
        cut = len(note) // 2 + self.rng.randint(-2, 2)
        self.line(" " * (xs[2] + 4) + APPLICANTS_HEAD)
        self.gap()
        self.pdf_line([(0, note[:cut], None), (xs[2], ORGANISATIONS_HEAD, None)])
        self.line(note[cut:])
        self.pdf_line([(xs[0] - 16, "自然人", None), (xs[6], "总计", None)])
        orgs = [c.label for c in table.columns[1:6]]
        self.pdf_line([(xs[i + 1], o[:3] if len(o) > 4 else o[:4], None) for i, o in enumerate(orgs)])
        self.pdf_line([(xs[i + 1], o[3:] if len(o) > 4 else o[4:], None) for i, o in enumerate(orgs)])
        self.gap()

    def pdf_requests_body(self, requests: dict, xs: list[int]) -> None:
        table = self.requests_spec
        wrapped = self.style.layout == "pdf_wrapped"
        # pdf_wrapped: a group's label runs into its first sub-row's ("(四)无法提供1.本机关不掌握相").
        glued = {r.id for r in table.rows if wrapped and r.group and r.parent is not None}

        # Each data row becomes a block of lines: its label wrapped to the
        # width of its column, the numbers on one of those lines.  Groups
        # (三、本年度办理结果, （三）不予公开) are written down the side.
        lines: list[dict] = []  # {"a": group text, "b": group2 text, "label": (x, text), "nums": row}
        spans: dict[str, list[int]] = {}
        # Label columns as wide as the PDF's cells: huaian's (30, 19, 14
        # characters) or narrower, so that even 一、本年新收… wraps.
        widths = self.rng.choice(((30, 19, 14), (30, 19, 14), (12, 12, 10)))
        # Figures sit at the left of their cell, or at its right edge.
        right_aligned = self.rng.random() < 0.4
        for row in table.data_rows:
            depth = len(_ancestors(table, row))
            x, width = (0, 6, 13)[depth], widths[depth]
            label = self.sub_label(row.label)
            parent = row.parent
            if parent in glued and table.children(parent)[0] == row.id:
                x, width = 6, widths[1] + 2
                label = self.sub_label(table.row(parent).label) + label
            chunks = _wrap(label, width)
            if len(chunks) == 1:
                block = [{"label": (x, chunks[0]), "nums": row}]
            elif len(chunks) == 2 and self.rng.random() < 0.6:
                block = [{"label": (x, chunks[0])}, {"nums": row}, {"label": (x, chunks[1])}]
            else:
                middle = len(chunks) // 2
                block = [{"label": (x, c)} for c in chunks]
                block[middle]["nums"] = row
                if len(chunks) > 2:
                    block.insert(1, {})
            start = len(lines)
            lines.extend(block)
            for group in _ancestors(table, row):
                if group.id not in glued:
                    spans.setdefault(group.id, []).extend(range(start, len(lines)))
            lines.append({})  # pdftotext leaves a blank line between rows
        for group_id, span in spans.items():
            group = table.row(group_id)
            depth = len(_ancestors(table, group))
            if depth == 0:  # 三、本年度办理结果: one character a line
                text = group.label
                parts = [text[:2]] + list(text[2:])
                step = 2 if len(span) >= 2 * len(parts) else 1
            else:  # （三）不予公开: four characters a line
                parts = _wrap(group.label, 4)
                step = 1
            first = span[0] + max(0, (len(span) - step * len(parts)) // 2)
            for i, part in enumerate(parts):
                at = first + i * step
                while at >= len(lines):
                    lines.append({})
                lines[at]["a" if depth == 0 else "b"] = part
        footer_at = self.rng.randrange(len(lines)) if self.rng.random() < 0.7 else None
        # Word's 标题行重复: the header comes again at the top of the next page.
        header_again = self.rng.random() < 0.3
        for i, ln in enumerate(lines):
            if i == footer_at:
                self.footer()
                if header_again:
                    self.pdf_requests_header(xs)
            segments = []
            if "a" in ln:
                segments.append((0, ln["a"], None))
            if "b" in ln:
                segments.append((6, ln["b"], None))
            if "label" in ln:
                segments.append((ln["label"][0], ln["label"][1], None))
            if "nums" in ln:
                row = ln["nums"]
                previous = None
                for x, col in zip(xs, table.columns):
                    figure = self.zero(requests[row.id][col.id])
                    if right_aligned:
                        x += 6 - len(figure)
                    if wrapped and previous == "0" and col.id != "business" and self.rng.random() < 0.25:
                        x = None  # narrow columns: "0 05"
                    segments.append((x, figure, Cell(figure, "num", (row.id, col.id))))
                    previous = figure
            self.pdf_line(segments)
        self.gap()

    def pdf_appeals(self, numbers: list) -> None:
        xs = [i * 6 + self.rng.randint(0, 1) for i in range(15)]
        self.line(f"{REVIEW_HEAD}" + " " * 26 + SUIT_HEAD)
        self.gap()
        self.line(" " * 30 + "未经复议直接起诉" + " " * 30 + "复议后起诉")
        self.gap()
        outcome = [c.label for c in APPEALS.columns]
        if self.style.layout == "pdf_wrapped":
            # the header's narrow cells printed one character a line: 结/果/维/持
            depth = max(len(o) for o in outcome)
            for k in range(depth):
                self.pdf_line([(x, o[k] if k < len(o) else "", None) for x, o in zip(xs, outcome * 3)])
        else:
            top = [o[:2] for o in outcome] * 3
            bottom = [o[2:] for o in outcome] * 3
            self.pdf_line([(x, t, None) for x, t in zip(xs, top)])
            self.pdf_line([(x, b, None) for x, b in zip(xs, bottom)])
        self.gap()
        self.gap()
        segments = []
        for i, (x, c) in enumerate(zip(xs, numbers)):
            if (self.style.layout == "pdf_wrapped" and i and numbers[i - 1].text == "0"
                    and self.rng.random() < 0.2):
                x = None  # narrow columns: "0 03"
            segments.append((x, c.text, None))
        self.pdf_line(segments)
        self.gap()


    # ------------------------------------------------------------ OCR markdown

    def ocr_label(self, text: str) -> str:
        """A row label as OCR tools print it: sometimes in bold."""
        return f"**{text}**" if self.rng.random() < 0.2 else text

    def ocr_generic_header(self, width: int, with_label: bool) -> None:
        """| 类别 | 数据1 | … | 数据6 | 总计 |: the header an OCR tool puts over a table it cannot head."""
        cells = (["类别"] if with_label else []) + [f"数据{i}" for i in range(1, width)] + ["总计"]
        self.line("| " + " | ".join(cells) + " |")
        self.line("|" + "---|" * len(cells))

    def ocr_values(self, row_id: str, figures: dict, label: str | None) -> None:
        self.write("|")
        if label is not None:
            self.write(" ")
            self.cell(Cell(label, "label", (row_id, None)))
            self.write(" |")
        for col in self.requests_spec.columns:
            self.write(" ")
            self.cell(Cell(self.zero(figures[col.id]), "num", (row_id, col.id)))
            self.write(" |")
        self.write("\n")

    def ocr_requests(self, requests: dict) -> None:
        """Table 三 the way OCR and PDF-to-markdown tools hand it over."""
        table = self.requests_spec
        width = len(table.columns)
        self.line(f"| {CHECKSUM_NOTE} | {APPLICANTS_HEAD} |")
        self.line("|---|---|")
        self.gap()
        opened: set[str] = set()
        rows = list(table.data_rows)
        i = 0
        while i < len(rows):
            row = rows[i]
            for group in _ancestors(table, row):
                if group.id not in opened:
                    opened.add(group.id)
                    self.line(f"### {self.sub_label(group.label)}")  # a group label in a heading line
                    self.gap()
            siblings = []
            for r in rows[i:]:  # the sub-rows of one group, one after the other
                if r.parent != row.parent or row.parent is None or table.row(row.parent).parent is None:
                    break
                siblings.append(r)
            mode = self.rng.choice(("small", "small", "heading", "cut")) if len(siblings) > 1 else \
                self.rng.choice(("small", "heading"))
            if mode == "cut":  # the labels in one table, their figures in the next
                block = siblings[:self.rng.randint(2, len(siblings))]
                self.line("| 类别 |")
                self.line("|---|")
                for r in block:
                    self.line(f"| {self.ocr_label(self.sub_label(r.label))} |")
                self.gap()
                self.ocr_generic_header(width, with_label=False)
                for r in block:
                    self.ocr_values(r.id, requests[r.id], None)
                self.gap()
                i += len(block)
                continue
            if mode == "heading":  # the row label as a heading, its figures in a table below
                self.line(f"#### {self.sub_label(row.label)}")
                self.gap()
                self.ocr_generic_header(width, with_label=False)
                self.ocr_values(row.id, requests[row.id], None)
            else:  # one small table per row
                self.ocr_generic_header(width, with_label=True)
                self.ocr_values(row.id, requests[row.id], self.ocr_label(self.sub_label(row.label)))
                if self.rng.random() < 0.1:  # a header row in the wrong place: words, no figures
                    self.line("| " + " | ".join(c.label for c in table.columns) + " |")
            self.gap()
            i += 1

    def ocr_appeals(self, head: list, numbers: list) -> None:
        kind = self.rng.randrange(3)
        if kind == 0:
            self.ocr_generic_header(15, with_label=False)
            self.line("| " + " | ".join(c.text for c in numbers) + " |")
        elif kind == 1:
            cells = ["类别"] + [f"数据{i}" for i in range(1, 16)]
            self.line("| " + " | ".join(cells) + " |")
            self.line("|" + "---|" * len(cells))
            self.line("| 件数 | " + " | ".join(c.text for c in numbers) + " |")
        else:
            self.markdown_rows(head, 15, header=True)
            self.markdown_rows([numbers], 15, header=False)
        self.gap()

    # ------------------------------------------------------------ flattened text

    def flat_proactive(self, blocks: list) -> None:
        """Each small table of 二 as a page's text content: its cells run together."""
        one_line = self.rng.random() < 0.5
        for grid in blocks:
            rows = ["".join(c.text for c in row) for row in grid]
            self.write("".join(rows) if one_line else "\n".join(rows))
            self.write("" if one_line else "\n")
        if one_line:
            self.write("\n")

    def flat_requests(self, head: list, body: list) -> None:
        """Table 三 as a page's text content: every cell of a row run together,
        one row a line or the whole table on one line."""
        one_line = self.rng.random() < 0.4
        self.write("".join(c.text for row in head for c in row))
        self.write("" if one_line else "\n")
        for row in body:
            for cell in row:
                self.cell(cell)
            self.write("" if one_line else "\n")
        if one_line:
            self.write("\n")

    def flat_appeals(self, head: list, numbers: list) -> None:
        self.write("".join(c.text for row in head for c in row))
        self.write("" if self.rng.random() < 0.4 else "\n")
        self.write("".join(c.text for c in numbers) + "\n")

def _written(cell: Cell) -> bool:
    """A cell with something in it (an HTML blank &nbsp; counts as blank)."""
    return cell.text not in ("", "&nbsp;")


def _ancestors(table: Table, row: Row) -> list[Row]:
    """The group rows above a row, outermost first."""
    chain = []
    parent = row.parent
    while parent is not None:
        group = table.row(parent)
        chain.append(group)
        parent = group.parent
    return chain[::-1]


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


__all__ = [
    "LAYOUTS",
    "SEPARATED_LAYOUTS",
    "TRANSFORMS",
    "Report",
    "Style",
    "appeals_balanced",
    "apply_transforms",
    "balanced_appeals",
    "balanced_requests",
    "cut_inside_requests",
    "flattened",
    "generate",
    "plausible_proactive",
    "random_body",
    "random_style",
    "random_tables",
    "render",
    "requests_balanced",
    "with_blank_column",
    "with_cells",
    "with_changed_cell",
]

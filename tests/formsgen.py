"""One report in the forms it arrives in: the plain text a browser copies, the
HTML a rich paste or a saved page carries (Word's "mso" markup, merged cells,
labels split across inline tags), and a .docx (merged cells as Word writes
them), all from one model, so that tests can ask for the same result from each.

    blocks = report_blocks(random_tables("2021", rng), "2021", year=2023, body="丹东市市场监督管理局")
    as_text(blocks)          # what the clipboard's text/plain holds (one line per paragraph and table row)
    as_html(blocks)          # what its text/html holds
    as_docx(blocks)          # a Word file's bytes

The model: a list of paragraphs (str) and tables (lists of rows, each a list of
:class:`Cell` with rowspan/colspan as in the template's HTML).
"""

from __future__ import annotations

import html
import io
import random
import zipfile
from dataclasses import dataclass

from gouji.formats import APPEALS, FORMATS
from reportgen import (
    APPLICANTS_HEAD,
    CHECKSUM_NOTE,
    CONTENT_HEAD,
    ORGANISATIONS_HEAD,
    PROACTIVE_ITEMS,
    REVIEW_HEAD,
    SUIT_HEAD,
    _ancestors,
    _format_value,
)


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    blank: bool = False  # a zero written as an empty cell (&nbsp; in HTML)


# ------------------------------------------------------------------ the model


def _requests_rows(fmt, requests: dict, blank_zeros: bool) -> list[list[Cell]]:
    table = fmt.requests
    rows = [
        [Cell(CHECKSUM_NOTE, rowspan=3, colspan=3), Cell(APPLICANTS_HEAD, colspan=7)],
        [Cell(table.column("natural").label, rowspan=2), Cell(ORGANISATIONS_HEAD, colspan=5),
         Cell(table.column("total").label, rowspan=2)],
        [Cell(c.label) for c in table.columns if c.group],
    ]
    data_rows = table.data_rows
    opened: set[str] = set()
    for row in data_rows:
        cells = []
        groups = _ancestors(table, row)
        for group in groups:
            if group.id not in opened:
                opened.add(group.id)
                under = [r for r in data_rows if group in _ancestors(table, r)]
                cells.append(Cell(group.label, rowspan=len(under)))
        cells.append(Cell(row.label, colspan=3 - len(groups)))
        figures = requests[row.id]
        for col in table.columns:
            value = figures[col.id]
            blank = blank_zeros and value == 0 and any(figures.values())
            cells.append(Cell("" if blank else str(value), blank=blank))
        rows.append(cells)
    return rows


def _appeals_rows(appeals: dict) -> list[list[Cell]]:
    outcomes = [c.label for c in APPEALS.columns]
    suits = [r.label.split("·")[-1] for r in APPEALS.rows[1:]]
    return [
        [Cell(REVIEW_HEAD, colspan=5), Cell(SUIT_HEAD, colspan=10)],
        [Cell(o, rowspan=2) for o in outcomes] + [Cell(s, colspan=5) for s in suits],
        [Cell(o) for o in outcomes] * 2,
        [Cell(str(appeals[r.id][c.id])) for r in APPEALS.rows for c in APPEALS.columns],
    ]


def _proactive_rows(fmt, format_id: str, proactive: dict) -> list[list[Cell]]:
    table = fmt.proactive
    width = max(len(table.columns_of(r)) for r in table.rows) + 1
    rows = []
    for item, row_ids in PROACTIVE_ITEMS[format_id]:
        spec_rows = [table.row(rid) for rid in row_ids]
        columns = table.columns_of(spec_rows[0])
        wide = width - len(columns)  # the last column takes what is left
        rows.append([Cell(f"第二十条第（{item}）项", colspan=width)])
        rows.append([Cell(CONTENT_HEAD)] + [Cell(c.label, colspan=wide if i == len(columns) - 1 else 1)
                                            for i, c in enumerate(columns)])
        for row in spec_rows:
            values = [_format_value(proactive[row.id][c.id], "change" if c.id == "change" else "count")
                      for c in columns]
            rows.append([Cell(row.label)] + [Cell(v, colspan=wide if i == len(values) - 1 else 1)
                                              for i, v in enumerate(values)])
    return rows


def report_blocks(tables: dict, format_id: str, *, year: int, body: str, blank_zeros: bool = True) -> list:
    """A whole short report: paragraphs, and tables 二, 三 and 四 in the template's merged layout."""
    fmt = FORMATS[format_id]
    total = {rid: cells["total"] for rid, cells in tables["requests"].items()}
    review = tables["appeals"]["review"]["total"]
    suits = tables["appeals"]["suit_direct"]["total"] + tables["appeals"]["suit_after_review"]["total"]
    return [
        f"{body}{year}年政府信息公开工作年度报告",
        f"本报告根据《中华人民共和国政府信息公开条例》要求编制。本报告中所列数据的统计期限自{year}年1月1日起至"
        f"{year}年12月31日止。",
        "一、总体情况",
        f"{year}年，本机关坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。",
        f"（二）依申请公开情况。全年共收到政府信息公开申请{total['new']}件，上年结转{total['carried_over']}件，"
        f"均在法定期限内予以答复，结转下年度继续办理{total['carried_forward']}件。",
        "二、主动公开政府信息情况",
        _proactive_rows(fmt, format_id, tables["proactive"]),
        "三、收到和处理政府信息公开申请情况",
        _requests_rows(fmt, tables["requests"], blank_zeros),
        "四、政府信息公开行政复议、行政诉讼情况",
        _appeals_rows(tables["appeals"]),
        f"本年度发生政府信息公开行政复议{review}件，行政诉讼{suits}件。",
        "五、存在的主要问题及改进情况",
        "一是政策解读形式较为单一；二是政务公开队伍力量不足。下一步将加强业务培训。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
        body,
        f"{year + 1}年1月18日",
    ]


# ------------------------------------------------------------------ plain text


def as_text(blocks: list) -> str:
    """What a browser puts in text/plain: a line per paragraph; a line per table
    row, its cells (those the row itself holds) apart by tabs."""
    lines = []
    for block in blocks:
        if isinstance(block, str):
            lines.append(block)
        else:
            lines += ["\t".join(c.text for c in row) for row in block]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ HTML


def _split_label(text: str, rng: random.Random) -> str:
    """A label as Word and CMS editors leave it: split across inline tags at random places."""
    if len(text) < 3:
        return html.escape(text)
    cuts = sorted(rng.sample(range(1, len(text)), min(3, len(text) - 1)))
    parts, last = [], 0
    for cut in [*cuts, len(text)]:
        parts.append(html.escape(text[last:cut]))
        last = cut
    tags = ("<span lang=EN-US>{}</span>", "<span style='font-family:仿宋_GB2312;mso-bidi-font-family:宋体'>{}</span>",
            "<font face=宋体>{}</font>", "{}")
    return "".join(rng.choice(tags).format(p) for p in parts)


def _html_cell(cell: Cell, rng: random.Random) -> str:
    spans = (f" rowspan={cell.rowspan}" if cell.rowspan > 1 else "") + (
        f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
    inner = "&nbsp;" if cell.blank or not cell.text else _split_label(cell.text, rng)
    return (f"<td{spans} valign=middle style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt'>"
            f"<p class=MsoNormal align=center style='text-align:center'>{inner}<o:p></o:p></p></td>")


def _html_paragraph(text: str, rng: random.Random) -> str:
    # Word wraps its HTML source inside Chinese text; a browser shows no space there
    wide = [i for i in range(1, len(text)) if text[i - 1] > "\u2e80" and text[i] > "\u2e80"]
    if len(text) > 30 and wide:
        at = rng.choice(wide)
        text = text[:at] + "\r\n" + text[at:]
    body = _split_label(text, rng)
    return (f"<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0'>"
            f"<span style='font-size:16.0pt'>{body}</span><o:p></o:p></p>")


def as_html(blocks: list, seed: int = 1, page: bool = False, charset: str = "utf-8", layout: bool = False) -> str:
    """The report as HTML with Word's markup; ``page``: a whole saved page (with its
    charset declared), ``layout``: the report inside the page's layout table."""
    rng = random.Random(seed)
    parts = []
    for block in blocks:
        if isinstance(block, str):
            parts.append(_html_paragraph(block, rng))
            continue
        rows = "".join(f"<tr style='height:20pt'>{''.join(_html_cell(c, rng) for c in row)}</tr>\n" for row in block)
        parts.append("<div align=center><table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
                     f"style='border-collapse:collapse;mso-table-layout-alt:fixed'>\n<tbody>\n{rows}</tbody></table>"
                     "</div>\n<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
    body = "\n".join(parts)
    body = ("<!--StartFragment--><!--[if !supportLists]-->" + body + "<![if !supportLineBreakNewLine]><br>"
            "<![endif]><!--EndFragment-->")
    if layout:
        body = (f"<table width=1000><tr><td class=nav><a href='/'>首页</a></td></tr><tr><td class=content>{body}"
                "</td></tr><tr><td>主办单位：某某市人民政府办公室</td></tr></table>")
    if not page:
        return f"<html xmlns:o='urn:schemas-microsoft-com:office:office'><body lang=ZH-CN>{body}</body></html>"
    return (f"<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n<html><head>\n"
            f"<meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">\n"
            "<title>年度报告</title><style>td{font-size:12px}</style>\n"
            "<script>var _hmt = _hmt || []; function go(u){location.href=u;}</script></head>\n"
            f"<body>{body}</body></html>")


def as_script_page(blocks: list, seed: int = 1) -> str:
    """A page that writes the report from a string in its script (\\u escapes, "+" joins)."""
    fragment = as_html(blocks, seed)
    escaped = "".join(ch if ord(ch) < 128 and ch not in "\"\\<>\n" else f"\\u{ord(ch):04x}" for ch in fragment)
    half = len(escaped) // 2
    while escaped[half - 1] == "\\" or "\\u" in escaped[half - 5:half]:
        half += 1
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>年度报告</title></head><body>"
            "<div id=\"zoom\"></div><p>您的浏览器需要启用脚本。</p><script type=\"text/javascript\">\n"
            f"var content = \"{escaped[:half]}\" +\n  \"{escaped[half:]}\";\n"
            "document.getElementById('zoom').innerHTML = content;\n</script></body></html>")


# ------------------------------------------------------------------ .docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _runs(text: str, rng: random.Random) -> str:
    """Text as Word stores it: in runs of a few characters each (formatting changes split them)."""
    out = []
    while text:
        n = rng.randint(1, 6)
        piece, text = text[:n], text[n:]
        out.append(f'<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">'
                   f"{html.escape(piece, quote=False)}</w:t></w:r>")
    return "".join(out)


def _docx_paragraph(text: str, rng: random.Random, numbered: tuple[str, str] | None = None,
                    by_style: bool = False) -> str:
    ppr = '<w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640"/></w:pPr>'
    if numbered is not None and by_style:
        ppr = '<w:pPr><w:pStyle w:val="2"/></w:pPr>'  # "heading 1", numbered by its style (_STYLES)
        text = numbered[1]
    elif numbered is not None:
        ppr = f'<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{numbered[0]}"/></w:numPr></w:pPr>'
        text = numbered[1]
    return f'<w:p w:rsidR="00A1">{ppr}{_runs(text, rng)}<w:bookmarkStart w:id="0" w:name="_GoBack"/></w:p>'


def _docx_table(rows: list[list[Cell]], rng: random.Random) -> str:
    """The template's table as Word writes it: gridSpan across, vMerge down (an empty
    continuation cell in each row below)."""
    width = max(sum(c.colspan for c in row) for row in rows)
    below: dict[int, list] = {}  # grid column → [rows left, colspan]
    grid = '<w:gridCol w:w="900"/>' * width
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/></w:tblPr><w:tblGrid>{grid}'
           "</w:tblGrid>"]
    for row in rows:
        cells, col, queue = [], 0, list(row)
        while col < width:
            if col in below:
                span = below[col][1]
                cells.append(_tc("", span, "continue", rng))
                below[col][0] -= 1
                if below[col][0] == 0:
                    del below[col]
                col += span
                continue
            if not queue:
                break
            cell = queue.pop(0)
            merge = "restart" if cell.rowspan > 1 else None
            cells.append(_tc(cell.text, cell.colspan, merge, rng))
            if cell.rowspan > 1:
                below[col] = [cell.rowspan - 1, cell.colspan]
            col += cell.colspan
        out.append(f'<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>{"".join(cells)}</w:tr>')
    out.append("</w:tbl>")
    return "".join(out)


def _tc(text: str, span: int, merge: str | None, rng: random.Random) -> str:
    pr = '<w:tcW w:w="900" w:type="dxa"/>'
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if merge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif merge == "continue":
        pr += "<w:vMerge/>"
    pr += '<w:vAlign w:val="center"/>'
    return f'<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:pPr><w:jc w:val="center"/></w:pPr>{_runs(text, rng)}</w:p></w:tc>'


_NUMBERING = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>
<w:numFmt w:val="chineseCounting"/><w:pStyle w:val="2"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""

# "heading 1" as Word's Chinese templates keep it: the list named by the style,
# its level by the list (the level's pStyle), not by the paragraph
_STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:default="1" w:styleId="1"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/><w:basedOn w:val="1"/><w:next w:val="1"/>
<w:pPr><w:keepNext/><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>"""


def as_docx(blocks: list, seed: int = 1, numbered_headings: bool | str = False, wps: bool = False) -> bytes:
    """A .docx of the report (Word's or, with ``wps``, the parts WPS writes).
    ``numbered_headings``: the parts' 一、…六、 as automatic numbering, not typed;
    "styles": numbered by their heading style, the paragraphs naming only the style;
    "mixed": every other one by its style, the others directly through a second list
    of the same abstract list (as Word writes a heading pasted in or numbered by hand)."""
    rng = random.Random(seed)
    body = []
    headings = 0
    for block in blocks:
        if isinstance(block, str):
            numbered, by_style = None, numbered_headings == "styles"
            if numbered_headings and block[:1] in "一二三四五六" and block[1:2] == "、":
                if numbered_headings == "mixed":
                    by_style = headings % 2 == 0
                numbered = ("1" if by_style or numbered_headings is True else "2", block[2:])
                headings += 1
            body.append(_docx_paragraph(block, rng, numbered, by_style=by_style))
        else:
            body.append(_docx_table(block, rng))
            body.append("<w:p/>")
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
                'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
                f'<w:body>{"".join(body)}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                    'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/'
                    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/'
                    'xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.wordprocessingml.document.main+xml"/></Types>')
        zf.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
                    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
                    "</Relationships>")
        zf.writestr("word/document.xml", document)
        if numbered_headings:
            zf.writestr("word/numbering.xml", _NUMBERING)
        if numbered_headings in ("styles", "mixed"):
            zf.writestr("word/styles.xml", _STYLES)
        if wps:
            zf.writestr("docProps/custom.xml", '<?xml version="1.0" encoding="UTF-8"?><Properties xmlns="http://'
                        'schemas.openxmlformats.org/officeDocument/2006/custom-properties"><property fmtid="{D5CDD505-'
                        '2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr xmlns:vt="http://'
                        'schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">2052-11.1.0.14309</vt:lpwstr>'
                        "</property></Properties>")
    return buf.getvalue()


def blocks_from_pipe_text(text: str) -> list:
    """A report written with ``|`` rows (the rule fixtures' style) as the model: each run
    of ``|`` lines one table, each line a row of plain cells."""
    blocks: list = []
    for line in text.splitlines():
        if "|" not in line:
            if line.strip():
                blocks.append(line)
            continue
        cells = [Cell(c.strip()) for c in line.strip().split("|")]
        if line.strip().endswith("|"):
            cells = cells[:-1]
        if not blocks or isinstance(blocks[-1], str):
            blocks.append([])
        blocks[-1].append(cells)
    return blocks

"""Every form a report arrives in — a rich paste's HTML, a saved web page, a .docx,
a PDF — read into the same tables, and the same result, as the plain text of
the same report."""

from __future__ import annotations

import io
import json
import random
import zipfile

import pytest

import gouji
from conftest import FIXTURES
from formsgen import (
    Cell,
    as_docx,
    as_html,
    as_script_page,
    as_text,
    report_blocks,
)
from gouji.extract.files import read_bytes, read_html, sniff
from gouji.extract.html import grid_lines, read_page
from reportgen import random_tables

# (seed, format, body): a department, a township, a city government, in both formats
REPORTS = [(1, "2021", "丹东市市场监督管理局"), (2, "2021", "凤城市宝山镇人民政府"), (3, "2021", "丹东市人民政府"),
           (4, "2019", "锦州市生态环境局"), (7, "2021", "铁岭市民政局"), (8, "2019", "朝阳市龙城区人民政府")]


def _report(seed: int, format_id: str, body: str, blank_zeros: bool = True):
    rng = random.Random(seed)
    tables = random_tables(format_id, rng, body)
    year = 2023 if format_id == "2021" else 2020
    return tables, report_blocks(tables, format_id, year=year, body=body, blank_zeros=blank_zeros)


def _plain(blocks, file=None):
    return gouji.check_text(as_text(blocks), file=file)


@pytest.mark.parametrize("seed, format_id, body", REPORTS)
def test_a_rich_paste_is_read_from_its_html_and_gives_the_plain_texts_result(seed, format_id, body):
    tables, blocks = _report(seed, format_id, body)
    plain = _plain(blocks)
    assert plain["tables"] == tables and plain["verdict"] == "pass", plain["findings"]
    html = as_html(blocks, seed)
    assert "rowspan=22" in html or "rowspan=20" in html  # the template's merged 三、本年度办理结果 cell
    assert gouji.check_html(html) == plain
    assert gouji.check_html(html, text=as_text(blocks)) == plain


@pytest.mark.parametrize("seed, format_id, body", REPORTS)
def test_a_docx_with_the_templates_merged_cells_gives_the_plain_texts_result(seed, format_id, body):
    tables, blocks = _report(seed, format_id, body, blank_zeros=seed % 2 == 0)
    data = as_docx(blocks, seed, numbered_headings=seed % 3 == 0, wps=seed % 2 == 1)
    assert b"vMerge" in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    result = gouji.check_bytes(data, file="报告.docx")
    assert result["tables"] == tables
    assert result == _plain(blocks, file="报告.docx")


@pytest.mark.parametrize("seed, format_id, body", REPORTS[:3])
def test_a_saved_page_in_gb2312_inside_the_sites_layout_table(seed, format_id, body):
    _, blocks = _report(seed, format_id, body)
    page = as_html(blocks, seed, page=True, charset="gb2312", layout=True).encode("gb18030")
    result = gouji.check_bytes(page, file="t20240125_123.html")
    assert result == _plain(blocks, file="t20240125_123.html")


def test_a_report_written_by_the_pages_script_is_read_from_the_string():
    tables, blocks = _report(5, "2021", "丹东市市场监督管理局")
    page = as_script_page(blocks, 5)
    assert "\\u4e00" in page or ("\\u" in page and "<table" not in page)  # escaped: no visible table
    result = gouji.check_bytes(page.encode("utf-8"), file="content.html")
    assert result["tables"] == tables
    assert result == _plain(blocks, file="content.html")


def test_the_source_of_a_page_pasted_as_text_is_read_as_the_page():
    _, blocks = _report(1, "2021", "丹东市市场监督管理局")
    source = as_html(blocks, 1, page=True)
    assert gouji.check_text(source) == _plain(blocks)


def test_html_without_a_table_falls_back_to_the_plain_text():
    _, blocks = _report(1, "2021", "丹东市市场监督管理局")
    text = as_text(blocks)
    # what some editors put on the clipboard: the text as paragraphs, the table lost
    flat = "".join(f"<p>{line}</p>" for line in text.splitlines())
    assert gouji.check_html(flat, text=text) == gouji.check_text(text)
    assert read_html(flat).table_rows == 0
    assert gouji.check_html("<p>一、总体情况</p><p>本年度未收到申请。</p>")["verdict"] == "unreadable"


# ------------------------------------------------------------------ the HTML reader


def test_merged_cells_land_in_the_templates_positions():
    rows = [[Cell("a", rowspan=3), Cell("b", colspan=2)], [Cell("c"), Cell("d")], [Cell("e"), Cell("f")],
            [Cell("g"), Cell("h", rowspan=2), Cell("i")], [Cell("j"), Cell("k")]]
    lines = grid_lines(rows, lambda c: c.text, lambda c, which: getattr(c, which))
    assert lines == ["| a | b |", "|  | c | d |", "|  | e | f |", "| g | h | i |", "| j |  | k |"]


def test_labels_split_across_inline_tags_blank_cells_and_words_markup():
    html = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><body>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
<p class=MsoNormal><span lang=EN-US>2023</span><span style='font-family:仿宋'>年政府信息公开工作
年度报告<o:p></o:p></span></p>
<p style="display:none">隐藏的文字</p><p><span style='mso-hide:all'>也隐藏</span>正文&nbsp;第一段</p>
<table><tr><td>（<span>一</span>）予以<b>公开</b></td><td>5</td><td>&nbsp;</td><td><p>1</p></td></tr>
<tr><td><![if !supportLists]><span>1.</span><![endif]>属于国家<br>秘密</td><td>0<td><td>&#48;</table>
<p>尾段</p></body></html>"""
    page = read_page(html)
    assert page.lines == ["2023年政府信息公开工作年度报告", "正文 第一段", "| （一）予以公开 | 5 |  | 1 |",
                          "| 1.属于国家秘密 | 0 |  | 0 |", "尾段"]
    assert page.table_rows == 2


def test_a_table_inside_the_pages_layout_table_is_read_as_a_table():
    html = ("<table><tr><td>导航</td><td><div><p>标题</p><table><tr><td>规章</td><td>1</td></tr></table>"
            "<p>落款</p></div></td></tr><tr><td colspan=2>页脚</td></tr></table>")
    assert read_page(html).lines == ["导航", "标题", "| 规章 | 1 |", "落款", "页脚"]


def test_unclosed_cells_and_rows_as_old_pages_write_them():
    html = "<table border=1><tr><td>行政许可<td>12<tr><td>行政处罚<td>3</table><p>完"
    assert read_page(html).lines == ["| 行政许可 | 12 |", "| 行政处罚 | 3 |", "完"]


def test_declared_charsets_decode_a_saved_page():
    simplified = "<p>二、主动公开政府信息情况</p><table><tr><td>行政许可</td><td>7</td></tr></table>"
    traditional = "<p>二、主動公開政府資訊情況</p><table><tr><td>行政許可</td><td>7</td></tr></table>"
    for charset, codec, body, read_as in (("gb2312", "gb18030", simplified, "gb18030"),
                                          ("GBK", "gb18030", simplified, "gb18030"),
                                          ("big5", "cp950", traditional, "big5"),
                                          ("utf-8", "utf-8", simplified, "utf-8"),
                                          # a page moved to a new system: it still says gb2312, its bytes are UTF-8
                                          ("gb2312", "utf-8", simplified, "utf-8")):
        data = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">' \
               f"</head><body>{body}</body></html>".encode(codec)
        source = read_bytes(data, "page.htm")
        assert (source.kind, source.encoding, source.table_rows) == ("html", read_as, 1), charset
        assert source.text.splitlines()[1] == "| 行政許可 | 7 |" if codec == "cp950" else "| 行政许可 | 7 |"


# ------------------------------------------------------------------ .docx


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
WPS = ('xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
       'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"')


def _docx(body: str, extra: dict | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {W} {WPS}><w:body>{body}</w:body>'
                                         "</w:document>")
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_docx_runs_tabs_breaks_tracked_changes_fields_and_text_boxes():
    body = ("<w:p><w:r><w:t>一、总体</w:t></w:r><w:r><w:t>情况</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r>"
            "<w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t>加上的</w:t></w:r></w:ins>"
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r>"
            "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
            "<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><wps:txbx><w:txbxContent><w:p><w:r>"
            "<w:t>文本框</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>"
            "<w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
            "</mc:AlternateContent></w:r><w:r><w:t>段落</w:t></w:r></w:p>")
    assert read_bytes(_docx(body)).text == "一、总体情况\n甲\t乙\n丙加上的3\n段落\n文本框"


def test_docx_merged_cells_grid_span_and_vmerge():
    def tc(text, span=1, merge=None):
        pr = (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "") + (
            {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}.get(merge or "", ""))
        return f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"

    rows = [tc("办理结果", merge="restart") + tc("（一）予以公开", span=2) + tc("5"),
            tc("", merge="continue") + tc("（三）不予公开", merge="restart") + tc("1.属于国家秘密") + tc("0"),
            tc("", merge="continue") + tc("", merge="continue") + tc("2.其他") + tc("1")]
    body = "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"
    assert read_bytes(_docx(body)).text.splitlines() == [
        "| 办理结果 | （一）予以公开 | 5 |", "|  | （三）不予公开 | 1.属于国家秘密 | 0 |", "|  |  | 2.其他 | 1 |"]


def test_docx_automatic_numbering_is_written_out():
    numbering = (f'<w:numbering {W}>'
                 '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
                 '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
                 '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="0"/>'
                 "</w:num></w:numbering>")

    def p(text, level):
        return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="5"/></w:numPr></w:pPr>'
                f"<w:r><w:t>{text}</w:t></w:r></w:p>")

    body = p("总体情况", 0) + p("主动公开", 1) + p("依申请公开", 1) + p("主动公开政府信息情况", 0) + p("规章", 1)
    text = read_bytes(_docx(body, {"word/numbering.xml": numbering})).text
    assert text.splitlines() == ["一、总体情况", "（一）主动公开", "（二）依申请公开", "二、主动公开政府信息情况",
                                 "（一）规章"]


def test_word_list_numbers_stay_a_few_characters_whatever_the_list_says():
    # Written before every paragraph of the list: a list that asks for a long
    # number would make a small file a huge text (or a long wait).
    def read(start, fmt, text):
        numbering = (f'<w:numbering {W}>'
                     f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
                     f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
                     '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
        p = '<w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>段</w:t></w:r></w:p>'
        return read_bytes(_docx(p * 2, {"word/numbering.xml": numbering})).text.splitlines()

    assert read("26", "lowerLetter", "%1.") == ["z.段", "aa.段"]  # as Word writes them
    assert read("5000", "lowerLetter", "%1.") == ["5000.段", "5001.段"]  # not 193 a's
    assert read("3999", "upperRoman", "%1.") == ["3999.段", "4000.段"]
    assert read("99999999999999999999", "upperRoman", "%1.") == ["I.段", "II.段"]  # no start Word writes
    assert read("1", "decimal", "%1" * 16) == ["1" * 16 + "段", "2" * 16 + "段"]
    assert read("1", "decimal", "%1" * 17) == ["段", "段"]  # no list number of Word's


def test_a_word_report_whose_headings_take_their_numbers_from_the_heading_styles():
    # Government templates number 一、 （一） through the heading styles: the
    # paragraphs name only their style, the style (or the style it is based
    # on) names the list, and the list's levels name the style they belong to.
    numbering = (f'<w:numbering {W}>'
                 '<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="chineseCounting"/><w:pStyle w:val="1"/><w:lvlText w:val="%1、"/></w:lvl>'
                 '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="2"/>'
                 '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>')
    styles = (f'<w:styles {W}>'
              '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/>'
              '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/>'
              '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="7"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="报告二级标题"/><w:basedOn w:val="2"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="a6"><w:name w:val="不编号的标题"/><w:basedOn w:val="1"/>'
              '<w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style></w:styles>')

    def p(text, style):
        return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>'

    body = (p("政府信息公开工作年度报告", "a6") + p("总体情况", "1") + p("主动公开", "2") + p("依申请公开", "a5")
            + "<w:p><w:r><w:t>本年度共收到申请6件。</w:t></w:r></w:p>" + p("主动公开政府信息情况", "1"))
    text = read_bytes(_docx(body, {"word/numbering.xml": numbering, "word/styles.xml": styles})).text
    assert text.splitlines() == ["政府信息公开工作年度报告", "一、总体情况", "（一）主动公开", "（二）依申请公开",
                                 "本年度共收到申请6件。", "二、主动公开政府信息情况"]


def test_a_word_report_whose_headings_switch_between_lists_of_one_outline_counts_on():
    # Word counts the lists of one abstract list together: a heading numbered
    # by its style (list 1) and the next given its number directly (list 2,
    # as Word writes it after "继续编号" or a pasted heading) go on 一、 二、 三、.
    # A list that restarts a level (startOverride) sets the count where it is
    # first used, and the lists that share it go on from there.
    numbering = (f'<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1">'
                 '<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
                 '</w:abstractNum><w:abstractNum w:abstractNumId="9"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1">'
                 '<w:startOverride w:val="1"/></w:lvlOverride></w:num>'
                 '<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">'
                 '<w:startOverride w:val="6"/></w:lvlOverride></w:num>'
                 '<w:num w:numId="5"><w:abstractNumId w:val="9"/></w:num></w:numbering>')
    styles = (f'<w:styles {W}><w:style w:type="paragraph" w:styleId="1"><w:pPr><w:numPr><w:numId w:val="1"/>'
              '</w:numPr></w:pPr></w:style></w:styles>')

    def p(text, num=None, level=0):
        pr = (f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>' if num
              else '<w:pStyle w:val="1"/>')
        return f"<w:p><w:pPr>{pr}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"

    body = (p("总体情况") + p("主动公开政府信息情况", 2) + p("规章", 2, 1) + p("规范性文件", 2, 1) + p("附件", 5)
            + p("收到和处理政府信息公开申请情况") + p("自然人", 3, 1) + p("法人", 3, 1) + p("其他", 1, 1)
            + p("政府信息公开行政复议、行政诉讼情况", 2) + p("存在的主要问题及改进情况", 4) + p("其他需要报告的事项"))
    text = read_bytes(_docx(body, {"word/numbering.xml": numbering, "word/styles.xml": styles})).text
    assert text.splitlines() == [
        "一、总体情况", "二、主动公开政府信息情况", "（一）规章", "（二）规范性文件", "1.附件",
        "三、收到和处理政府信息公开申请情况", "（一）自然人", "（二）法人", "（三）其他",
        "四、政府信息公开行政复议、行政诉讼情况", "六、存在的主要问题及改进情况", "七、其他需要报告的事项"]


def test_a_word_sublevel_that_never_restarts_goes_on_across_its_headings():
    # w:lvlRestart 0: （一） （二） under 一、, then （三） under 二、, as Word shows it.
    numbering = (f'<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1">'
                 '<w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlRestart w:val="0"/>'
                 '<w:lvlText w:val="（%2）"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:lvlText w:val="%3."/>'
                 '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')

    def p(text, level):
        return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
                f"<w:r><w:t>{text}</w:t></w:r></w:p>")

    body = p("总体情况", 0) + p("主动公开", 1) + p("规章", 2) + p("依申请公开", 1) + p("规章", 2) + p("复议", 0) + p("诉讼", 1)
    text = read_bytes(_docx(body, {"word/numbering.xml": numbering})).text
    assert text.splitlines() == ["一、总体情况", "（一）主动公开", "1.规章", "（二）依申请公开", "1.规章", "二、复议",
                                 "（三）诉讼"]


def test_a_word_list_defined_by_a_list_style_takes_that_styles_levels():
    # "定义新的列表样式": the heading's list defers to a list style, whose own
    # list holds the levels.
    numbering = (f'<w:numbering {W}><w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="gj"/></w:abstractNum>'
                 '<w:abstractNum w:abstractNumId="2"><w:styleLink w:val="gj"/><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="chineseCounting"/><w:pStyle w:val="h1"/><w:lvlText w:val="%1、"/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>'
                 '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num></w:numbering>')
    styles = (f'<w:styles {W}><w:style w:type="numbering" w:styleId="gj"><w:pPr><w:numPr><w:numId w:val="4"/>'
              '</w:numPr></w:pPr></w:style><w:style w:type="paragraph" w:styleId="h1"><w:pPr><w:numPr>'
              '<w:numId w:val="3"/></w:numPr></w:pPr></w:style></w:styles>')
    body = "".join(f'<w:p><w:pPr><w:pStyle w:val="h1"/></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>'
                   for t in ("总体情况", "主动公开政府信息情况"))
    text = read_bytes(_docx(body, {"word/numbering.xml": numbering, "word/styles.xml": styles})).text
    assert text.splitlines() == ["一、总体情况", "二、主动公开政府信息情况"]


def test_a_word_report_with_its_numbered_heading_styles_is_read_like_its_plain_text():
    tables, blocks = _report(3, "2021", "丹东市人民政府")
    data = as_docx(blocks, numbered_headings="styles")
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "numPr" not in document and document.count('<w:pStyle w:val="2"/>') == 6  # the six parts: by style only
    result = gouji.check_bytes(data, file="报告.docx")
    assert result["tables"] == tables
    assert result == _plain(blocks, file="报告.docx")


def test_a_word_report_whose_parts_are_numbered_now_by_style_now_directly_is_read_like_its_plain_text():
    tables, blocks = _report(4, "2021", "抚远市人民政府")
    data = as_docx(blocks, numbered_headings="mixed")
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert document.count('<w:pStyle w:val="2"/>') == 3 and document.count('<w:numId w:val="2"/>') == 3
    result = gouji.check_bytes(data, file="报告.docx")
    assert result["tables"] == tables
    assert result == _plain(blocks, file="报告.docx")


def test_a_docx_that_unpacks_past_the_bound_is_refused_unread():
    bomb = _docx("<w:p/>" + " " * (51 * 1024 * 1024))
    assert len(bomb) < 200_000
    result = gouji.check_bytes(bomb, file="炸弹.docx")
    assert result["verdict"] == "unreadable"
    assert "解压后超过 50 MB" in result["findings"][0]["message"]


def test_a_docx_whose_parts_together_unpack_past_the_bound_is_refused_unread():
    half = 26 * 1024 * 1024  # each part under the bound, the document with its numbering and styles over it
    bomb = _docx("<w:p/>" + " " * half, {"word/numbering.xml": f"<w:numbering {W}>" + " " * half + "</w:numbering>",
                                         "word/styles.xml": f"<w:styles {W}/>"})
    result = gouji.check_bytes(bomb, file="炸弹.docx")
    assert result["verdict"] == "unreadable"
    assert "解压后超过 50 MB" in result["findings"][0]["message"]


def test_files_that_are_not_reports_say_what_to_do():
    cases = {
        "报告.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "另存为 .docx，或复制全文粘贴"),
        "报告.wps": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "WPS（.wps）"),
        "表.xlsx": (_zip({"xl/workbook.xml": "<workbook/>"}), "Excel"),
        "报告.zip": (_zip({"a.txt": "x"}), "请解压"),
        "截图.png": (b"\x89PNG\r\n\x1a\n" + bytes(100), "图片"),
        "报告.rtf": (b"{\\rtf1\\ansi hello}", "RTF"),
        "坏.docx": (_docx("<w:p>")[:-30], "无法读取"),
    }
    for name, (data, words) in cases.items():
        result = gouji.check_bytes(data, file=name)
        assert result["verdict"] == "unreadable", name
        (finding,) = result["findings"]
        assert finding["rule"] == "U002" and words in finding["message"], (name, finding["message"])


def _zip(files: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


def test_the_kind_is_told_by_the_bytes_not_the_name():
    pdf = (FIXTURES / "huaian-city-2024.pdf").read_bytes()
    assert sniff(pdf) == "pdf" and sniff(b"PK\x03\x04") == "zip" and sniff("报告".encode()) == "text"
    assert gouji.check_bytes(pdf, file="下载.txt")["tables"] == gouji.check_bytes(pdf, file="x.pdf")["tables"]
    _, blocks = _report(1, "2021", "丹东市市场监督管理局")
    assert gouji.check_bytes(as_docx(blocks), file="报告.txt")["tables"] == _plain(blocks)["tables"]


# ------------------------------------------------------------------ PDF


@pytest.fixture(scope="module")
def huaian_pdf():
    return gouji.check_bytes((FIXTURES / "huaian-city-2024.pdf").read_bytes(), file="huaian-city-2024.pdf")


def test_the_huaian_pdf_yields_tables_two_three_and_four_exactly(huaian_pdf):
    layout = gouji.check_text((FIXTURES / "huaian-city-2024.layout.txt").read_text(encoding="utf-8"))
    assert huaian_pdf["tables"] == layout["tables"]
    assert (huaian_pdf["verdict"], huaian_pdf["format"], huaian_pdf["year"], huaian_pdf["body"]) == (
        "pass", "2021", 2024, "淮安市人民政府")
    r = huaian_pdf["tables"]["requests"]
    assert [r["new"]["total"], r["carried_over"]["total"], r["total"]["total"], r["carried_forward"]["total"]] == [
        3119, 34, 3050, 103]
    assert r["unavailable.1"] == {"natural": 746, "business": 12, "research": 0, "nonprofit": 0, "legal": 10,
                                  "other_org": 1, "total": 769}
    assert [r[f"other.{i}"]["total"] for i in (1, 2, 3)] == [71, 6, 110]
    a = huaian_pdf["tables"]["appeals"]
    assert (a["review"]["total"], a["suit_direct"]["total"], a["suit_after_review"]["total"]) == (351, 26, 20)
    p = huaian_pdf["tables"]["proactive"]
    assert p["normative_docs"] == {"issued": 8, "repealed": 26, "in_force": 66}
    assert p["licensing"] == {"decisions": 447228} and p["fees"] == {"amount": 96171.6}
    assert huaian_pdf["findings"] == []


def _pdf(pages: int = 1, password: str | None = None) -> bytes:
    import pypdf

    writer = pypdf.PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_a_scanned_pdf_an_encrypted_one_and_a_cut_one_are_said_as_such():
    for data, words in ((_pdf(3), "没有文字层"), (_pdf(1, "secret"), "密码"),
                        ((FIXTURES / "huaian-city-2024.pdf").read_bytes()[:3000], "PDF 文件无法读取")):
        result = gouji.check_bytes(data, file="x.pdf")
        assert result["verdict"] == "unreadable"
        assert words in result["findings"][0]["message"], result["findings"][0]["message"]


def test_a_pdf_that_takes_too_long_is_given_up_between_pages_and_said_so(monkeypatch):
    from gouji.extract import pdf

    data = (FIXTURES / "huaian-city-2024.pdf").read_bytes()
    ticks = iter(range(0, 10_000, 50))  # each look at the clock: 50 s later
    monkeypatch.setattr(pdf, "_clock", lambda: next(ticks))
    result = gouji.check_bytes(data, file="慢.pdf")
    assert result["verdict"] == "unreadable"
    (finding,) = result["findings"]
    assert finding["rule"] == "U002" and f"读了 {pdf.MAX_SECONDS} 秒仍未读完" in finding["message"]
    assert "只读了 1 页" in finding["message"] and "粘贴" in finding["message"]
    monkeypatch.undo()
    assert gouji.check_bytes(data, file="快.pdf")["verdict"] == "pass"


def _with_heavy_page(data: bytes, drawing: int = 0, streams: int = 1, fonts: int = 0, map_size: int = 0) -> bytes:
    """The PDF with one more page: `drawing` bytes of line instructions (unpacked) in
    `streams` content streams (a vector map, or a small file built to unpack to
    gigabytes); with `fonts`, a line of text, its fonts sharing one character map
    (ToUnicode) of `map_size` bytes, read again for every font (0: the fonts name a
    map, /Identity-H, where a map should be)."""
    import pypdf
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    page = writer.add_blank_page(595, 842)

    def stream(content: bytes):
        obj = DecodedStreamObject()
        obj.set_data(content)
        return writer._add_object(obj.flate_encode())

    line = b"0 0 m 595 842 l S\n"
    contents = [stream(line * (drawing // streams // len(line) + 1)) for _ in range(streams if drawing else 0)]
    if fonts:
        contents.append(stream(b"BT /F0 14 Tf 72 760 Td (Annual report on government information disclosure) Tj ET"))
        pairs = b"100 beginbfchar\n" + b"".join(b"<%04X> <%04X>\n" % (i, i) for i in range(100)) + b"endbfchar\n"
        shared = stream(b"begincmap\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
                        + pairs * (map_size // len(pairs) + 1) + b"endcmap\n") if map_size else NameObject("/Identity-H")
        font = {NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/ToUnicode"): shared}
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject(f"/F{i}"): writer._add_object(DictionaryObject(font)) for i in range(fonts)})})
    page[NameObject("/Contents")] = contents[0] if len(contents) == 1 else ArrayObject(contents)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_a_pdf_page_too_large_to_read_is_left_out_and_said_the_other_pages_checked():
    from gouji.extract import MAX_PDF_PAGE_CONTENT, PDF_PAGE_CAP
    from gouji.rules import RULES

    report = (FIXTURES / "huaian-city-2024.pdf").read_bytes()
    whole = gouji.check_bytes(report, file="淮安.pdf")
    for streams in (1, 3):  # (three streams, each under the bound, together over it)
        data = _with_heavy_page(report, MAX_PDF_PAGE_CONTENT + 1000, streams)
        assert len(data) < len(report) + 10_000
        result = gouji.check_bytes(data, file="淮安.pdf")
        (note,) = [f for f in result["findings"] if f["rule"] == "U005"]
        assert note["severity"] == "warning" and f"PDF 第 7 页过大（解压后的内容超过 {PDF_PAGE_CAP}" in note["message"]
        assert "其余各页照常检查" in note["message"]
        assert result["verdict"] == "pass" and result["tables"] == whole["tables"]
    # a page of vector drawing under the bound is read as any other
    result = gouji.check_bytes(_with_heavy_page(report, MAX_PDF_PAGE_CONTENT // 2), file="淮安.pdf")
    assert not [f for f in result["findings"] if f["rule"] == "U005"] and result["tables"] == whole["tables"]
    assert PDF_PAGE_CAP in next(r for r in RULES if r.code == "U005").doc


def test_a_pdf_page_with_fonts_past_what_a_report_uses_is_left_out_and_said():
    from gouji.extract import pdf
    from gouji.rules import RULES

    assert f"{pdf.MAX_FONTS} 种" in next(r for r in RULES if r.code == "U005").doc

    report = (FIXTURES / "huaian-city-2024.pdf").read_bytes()
    whole = gouji.check_bytes(report, file="淮安.pdf")
    for fonts, map_size in ((50, 1_400_000), (pdf.MAX_FONTS + 1, 100)):  # (50 maps of 1.4 MB: 16 s before)
        result = gouji.check_bytes(_with_heavy_page(report, fonts=fonts, map_size=map_size), file="淮安.pdf")
        (note,) = [f for f in result["findings"] if f["rule"] == "U005"]
        assert "PDF 第 7 页过大" in note["message"] and "字体过多" in note["message"]
        assert result["verdict"] == "pass" and result["tables"] == whole["tables"]
    # a page with a few fonts embedded whole, maps of some hundreds of kB each, is read; so is
    # one whose font names a map where it should hold one (as some PDF makers write it)
    for fonts, map_size in ((4, 400_000), (3, 0)):
        result = gouji.check_bytes(_with_heavy_page(report, fonts=fonts, map_size=map_size), file="淮安.pdf")
        assert not [f for f in result["findings"] if f["rule"] == "U005"] and result["tables"] == whole["tables"]
        assert result["verdict"] == "pass"


def test_a_small_pdf_whose_only_page_unpacks_to_tens_of_megabytes_is_refused_unread(monkeypatch):
    from gouji.extract import pdf

    def never(page):
        raise AssertionError("the page was read")

    monkeypatch.setattr(pdf, "_page_text", never)
    bomb = _with_heavy_page(_pdf(0), 70 * 1024 * 1024)  # a 200 kB file: minutes and gigabytes to read
    assert len(bomb) < 300_000
    result = gouji.check_bytes(bomb, file="炸弹.pdf")
    assert result["verdict"] == "unreadable"
    (finding,) = result["findings"]
    assert finding["rule"] == "U002" and "每一页都过大：解压后的内容超过 512 kB" in finding["message"]


def test_without_the_pdf_add_on_a_pdf_says_so(monkeypatch):
    from gouji import web
    from gouji.extract import pdf

    data = (FIXTURES / "huaian-city-2024.pdf").read_bytes()
    assert web.addon_for(data) == "" and web.addon_for(b"text") == ""
    monkeypatch.setattr(pdf, "available", lambda: False)
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *a: None if name == "pypdf" else object())
    assert web.addon_for(data) == "pdf" and web.addon_for(b"text") == ""
    result = json.loads(web.check_file_json(data, "x.pdf"))
    assert result["verdict"] == "unreadable" and "pypdf" in result["findings"][0]["message"]


# ------------------------------------------------------------------ the page's worker API


def test_the_worker_checks_a_rich_paste_and_a_dropped_file():
    from gouji import web

    tables, blocks = _report(3, "2021", "丹东市人民政府")
    text = as_text(blocks)
    expected = json.loads(json.dumps(gouji.check_text(text), ensure_ascii=False))
    assert json.loads(web.check_json(text, None, as_html(blocks))) == expected
    assert json.loads(web.check_json(text, html="<p>no table</p>")) == expected
    from_file = json.loads(web.check_file_json(bytearray(as_docx(blocks)), "报告.docx"))
    assert from_file["file"] == "报告.docx" and from_file["tables"] == tables
    assert json.loads(web.check_file_json(b"\x89PNG\r\n\x1a\n", "a.png"))["findings"][0]["rule"] == "U002"


def test_before_the_page_has_its_readers_a_paste_is_read_as_text_and_a_file_waits_for_them(monkeypatch):
    # the site ships the readers apart from its start-up wheel (scripts/build-site)
    from gouji import check, extract, web

    _, blocks = _report(3, "2021", "丹东市人民政府")
    text = as_text(blocks)
    monkeypatch.setattr(check, "readers_available", lambda: False)
    monkeypatch.setattr(extract, "readers_available", lambda: False)
    assert json.loads(web.check_json(text, None, as_html(blocks))) == json.loads(web.check_json(text))
    assert web.addon_for(as_docx(blocks)) == "readers"
    result = json.loads(web.check_file_json(as_docx(blocks), "a.docx"))
    assert result["verdict"] == "unreadable" and result["findings"][0]["rule"] == "U002"
    # a page's source pasted as text is then read as text too (never a failure of the checker)
    assert gouji.check_text(as_html(blocks, page=True))["findings"][0]["rule"] != "internal"


def test_damaged_markup_and_damaged_zips_are_said_or_read_never_raised():
    # html.parser raises AssertionError on some <![…]> and <!…> it cannot name
    page = read_page("<p>一、总体情况</p><![息公开条</span><p>正文</p><!x y><table><tr><td>规章<td>1</table>")
    assert page.lines[0] == "一、总体情况" and page.table_rows <= 1
    _, blocks = _report(1, "2021", "丹东市市场监督管理局")
    data = bytearray(as_docx(blocks))
    start = data.index(b"word/document.xml") + 40
    data[start:start + 200] = bytes(200)  # the deflate stream of document.xml broken
    result = gouji.check_bytes(bytes(data), file="坏.docx")
    assert result["verdict"] == "unreadable" and result["findings"][0]["rule"] == "U002"


def test_a_word_file_whose_part_names_an_unknown_encoding_is_said_broken_not_raised():
    numbering = '<?xml version="1.0" encoding="UlF-8"?><w:numbering/>'
    result = gouji.check_bytes(_docx("<w:p/>", {"word/numbering.xml": numbering}), file="坏.docx")
    assert result["verdict"] == "unreadable" and result["findings"][0]["rule"] == "U002"
    assert "无法读取" in result["findings"][0]["message"]

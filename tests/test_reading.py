"""Reading real-world shapes exactly: one test per family, on
realistic fixtures written for this project (tests/fixtures/reading/), each
in both formats and in plain, full-width and traditional script.

1. PDF text: labels wrapped around their figures, a group's label run into
   its first sub-row's, table 四's header in vertical single characters,
   narrow columns run together (``0 0 0 00   0``).
2. Pipe rows in format 2019 with filler pipes at the end of each row.
3. （六）其他处理 printed as one row in a format-2021 report.
4. Markdown from OCR and PDF-to-markdown tools.
5. A web page's text content: every cell of a row run together.
6. The year, the body and the dates from what is there.
7. (the prose: tests/test_narrative.py and tests/prose_corpus.py)
8. No table: the checks that need only the text still run.
"""
from __future__ import annotations

import pytest

import gouji
import reportgen
from conftest import FIXTURES

READING = FIXTURES / "reading"
SCRIPTS = {"plain": (), "fullwidth": ("fullwidth",), "traditional": ("traditional",)}
COLUMNS = ("natural", "business", "research", "nonprofit", "legal", "other_org", "total")
OUTCOMES = ("upheld", "corrected", "other", "pending", "total")


def text_of(name: str, script: str = "plain") -> str:
    return reportgen.apply_transforms((READING / name).read_text(encoding="utf-8"), SCRIPTS[script])


def check(name: str, script: str = "plain") -> dict:
    return gouji.check_text(text_of(name, script))


def rows(result: dict, table: str = "requests") -> dict:
    return result["tables"][table]


def figures(result: dict) -> dict:
    """Table 三's rows that hold anything but zeros, as 7-tuples (None for an unread cell)."""
    return {rid: tuple(cells[c] for c in COLUMNS) for rid, cells in rows(result).items()
            if any(v != 0 for v in cells.values())}


def appeals(result: dict) -> tuple:
    return tuple(result["tables"]["appeals"][g][c] for g in ("review", "suit_direct", "suit_after_review")
                 for c in OUTCOMES)


def errors(result: dict) -> list:
    return [f for f in result["findings"] if f["severity"] == "error"]


def of_rule(result: dict, code: str) -> list:
    return [f for f in result["findings"] if f["rule"] == code]


def not_other_subrows(result: dict) -> set:
    return {rid for rid in rows(result) if not rid.startswith("other.")}


# ------------------------------------------------------------------ 1. PDF text

PDF_2021 = {
    "new": (15, 2, 0, 0, 0, 0, 17), "carried_over": (1, 0, 0, 0, 0, 0, 1), "granted": (8, 1, 0, 0, 0, 0, 9),
    "partly_granted": (2, 0, 0, 0, 0, 0, 2), "unavailable.1": (3, 1, 0, 0, 0, 0, 4),
    "not_processed.1": (1, 0, 0, 0, 0, 0, 1), "total": (14, 2, 0, 0, 0, 0, 16),
    "carried_forward": (2, 0, 0, 0, 0, 0, 2),
}
PDF_2019 = {
    "new": (21, 3, 0, 0, 1, 0, 25), "carried_over": (2, 0, 0, 0, 0, 0, 2), "granted": (12, 2, 0, 0, 0, 0, 14),
    "partly_granted": (3, 0, 0, 0, 0, 0, 3), "refused.4": (1, 0, 0, 0, 0, 0, 1),
    "unavailable.1": (4, 0, 0, 0, 1, 0, 5), "not_processed.1": (1, 0, 0, 0, 0, 0, 1), "other": (1, 0, 0, 0, 0, 0, 1),
    "total": (22, 2, 0, 0, 1, 0, 25), "carried_forward": (1, 1, 0, 0, 0, 0, 2),
}


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("name, fmt, table, review", [
    ("pdf-2021-department.layout.txt", "2021", PDF_2021, (1, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
    ("pdf-2019-county.layout.txt", "2019", PDF_2019, (2, 0, 1, 0, 3, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0)),
])
def test_pdf_text_with_wrapped_labels_vertical_headers_and_run_together_columns(name, fmt, table, review, script):
    result = check(name, script)
    assert (result["format"], result["verdict"]) == (fmt, "pass")
    assert figures(result) == table
    assert appeals(result) == review
    assert not errors(result)
    # "0 0 0 00   0": the narrow columns' digits cut where a figure cannot start with 0
    split = of_rule(result, "S111")
    assert [f["severity"] for f in split] == ["info"] and "数字不以 0 开头" in split[0]["message"]


def test_a_group_label_run_into_its_first_sub_rows_label_around_the_figures():
    # （四）无法提供1.本机关不掌握相 / 3 1 0 0 0 04 / 关政府信息
    result = check("pdf-2021-department.layout.txt")
    assert rows(result)["unavailable.1"] == dict(zip(COLUMNS, (3, 1, 0, 0, 0, 0, 4)))
    assert not of_rule(result, "S106") and not of_rule(result, "S105")


@pytest.mark.parametrize("name", ["pdf-2021-department.layout.txt", "pdf-2019-county.layout.txt"])
def test_one_figure_changed_in_pdf_text_is_caught_on_its_cell(name):
    text = text_of(name).replace("二、上年结转政府信息公开申请数量   1    0", "二、上年结转政府信息公开申请数量   3    0")
    text = text.replace("二、上年结转政府信息公开申请数量   2    0", "二、上年结转政府信息公开申请数量   3    0")
    result = gouji.check_text(text)
    assert result["verdict"] == "fail"
    assert ("requests", "carried_over", "natural") in {tuple(c) for f in errors(result) for c in f["cells"]}
    assert result["suspects"][0]["cell"] == ["requests", "carried_over", "natural"]


HUAIAN_REQUESTS_TOTALS = {"new": 3119, "carried_over": 34, "granted": 1362, "partly_granted": 454,
                          "total": 3050, "carried_forward": 103}


@pytest.mark.parametrize("name", ["huaian-city-2024.layout.txt", "huaian-city-2024.raw.txt",
                                  "huaian-city-2024.text.txt"])
def test_the_huaian_pdf_in_three_extractions_never_gets_a_false_error(name):
    result = gouji.check_text((FIXTURES / name).read_text(encoding="utf-8"))
    assert not errors(result), errors(result)
    requests = result["tables"]["requests"]
    assert {rid: requests[rid]["total"] for rid in HUAIAN_REQUESTS_TOTALS} == HUAIAN_REQUESTS_TOTALS
    if name.endswith(".text.txt"):
        # read in reading order, table 四's figures come between its header words: not placed
        assert all(v is None for v in appeals(result))
        assert any("交错" in f["message"] for f in of_rule(result, "S105"))
    else:
        assert appeals(result)[:5] == (72, 64, 178, 37, 351)
        assert result["verdict"] == "pass"


# ------------------------------------------------------------------ 2. pipe rows, format 2019

@pytest.mark.parametrize("script", SCRIPTS)
def test_pipe_rows_in_format_2019_with_filler_pipes_read_table_four(script):
    result = check("pipe-2019-bureau.txt", script)
    assert (result["format"], result["year"], result["verdict"]) == ("2019", 2019, "pass")
    assert appeals(result) == (0,) * 15
    assert figures(result) == {"new": (5, 1, 0, 0, 0, 0, 6), "granted": (3, 1, 0, 0, 0, 0, 4),
                               "unavailable.1": (1, 0, 0, 0, 0, 0, 1), "not_processed.1": (1, 0, 0, 0, 0, 0, 1),
                               "total": (5, 1, 0, 0, 0, 0, 6)}
    assert result["tables"]["proactive"]["procurement"] == {"items": 5, "amount": 186500}
    assert not [f for f in result["findings"] if f["category"] == "structure"]


# ------------------------------------------------------------------ 3. one-row （六）

@pytest.mark.parametrize("script", SCRIPTS)
def test_other_processing_printed_as_one_row_in_a_2021_report(script):
    result = check("onerow-2021-tabs.txt", script)
    assert (result["format"], result["verdict"]) == ("2021", "pass")
    requests = rows(result)
    assert requests["other"] == dict(zip(COLUMNS, (1, 1, 0, 0, 0, 0, 2)))
    assert all(requests[f"other.{i}"] == dict.fromkeys(COLUMNS) for i in (1, 2, 3))
    # one info, and nothing else about the table's shape
    structure = [f for f in result["findings"] if f["category"] == "structure"]
    assert [(f["rule"], f["severity"]) for f in structure] == [("S110", "info")]
    assert result["unchecked"] == [] and not errors(result)


def test_the_one_row_is_in_the_sums_and_a_wrong_figure_in_it_is_named():
    text = text_of("onerow-2021-tabs.txt").replace("（六）其他处理\t1\t1\t0", "（六）其他处理\t2\t1\t0")
    result = gouji.check_text(text)
    assert {f["rule"] for f in errors(result)} >= {"A102", "A103"}
    assert ("requests", "other", "natural") in {tuple(c) for f in errors(result) for c in f["cells"]}
    assert result["suspects"][0]["cell"] == ["requests", "other", "natural"] and result["suspects"][0]["sure"]


def test_a_2019_report_prints_one_row_anyway_and_gets_no_notice():
    result = check("pipe-2019-bureau.txt")
    assert "other" in rows(result) and not of_rule(result, "S110")


# ------------------------------------------------------------------ 4. OCR markdown

OCR_2021 = {
    "new": (31, 4, 0, 1, 2, 0, 38), "carried_over": (3, 0, 0, 0, 0, 0, 3), "granted": (17, 2, 0, 1, 1, 0, 21),
    "partly_granted": (4, 1, 0, 0, 0, 0, 5), "refused.4": (1, 0, 0, 0, 0, 0, 1), "refused.6": (2, 0, 0, 0, 0, 0, 2),
    "unavailable.1": (5, 0, 0, 0, 1, 0, 6), "unavailable.2": (1, 0, 0, 0, 0, 0, 1),
    "not_processed.1": (2, 0, 0, 0, 0, 0, 2), "not_processed.2": (1, 0, 0, 0, 0, 0, 1),
    "other.1": (1, 0, 0, 0, 0, 0, 1), "other.3": (0, 1, 0, 0, 0, 0, 1), "total": (34, 4, 0, 1, 2, 0, 41),
}
OCR_2019 = {
    "new": (7, 1, 0, 0, 0, 1, 9), "granted": (4, 1, 0, 0, 0, 0, 5), "refused.6": (1, 0, 0, 0, 0, 0, 1),
    "unavailable.1": (1, 0, 0, 0, 0, 1, 2), "not_processed.1": (1, 0, 0, 0, 0, 0, 1), "total": (7, 1, 0, 0, 0, 1, 9),
}


@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("name, fmt, year, body, table, review", [
    ("ocr-2021-markdown.md.txt", "2021", 2023, "辽阳市宏伟区卫生健康局", OCR_2021,
     (1, 1, 0, 0, 2, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0)),
    ("ocr-2019-markdown.md.txt", "2019", 2020, "阜新市细河区四合镇人民政府", OCR_2019, (0,) * 15),
])
def test_markdown_from_ocr_tools(name, fmt, year, body, table, review, script):
    result = check(name, script)
    assert (result["format"], result["year"], result["body"], result["verdict"]) == (fmt, year, body, "pass")
    assert figures(result) == table
    assert appeals(result) == review
    assert not [f for f in result["findings"] if f["severity"] != "info"]


# ------------------------------------------------------------------ 5. a page's text content

@pytest.mark.parametrize("script", SCRIPTS)
def test_a_pages_text_content_with_rows_run_together(script):
    result = check("flat-2021-textcontent.txt", script)
    assert result["format"] == "2021" and not errors(result)
    assert figures(result) == {
        "new": (14, 2, 0, 0, 0, 0, 16), "carried_over": (1, 0, 0, 0, 0, 0, 1), "granted": (None,) * 7,
        "unavailable.1": (2, 1, 0, 0, 0, 0, 3), "not_processed.1": (1, 0, 0, 0, 0, 0, 1),
        "total": (15, 2, 0, 0, 0, 0, 17)}
    assert appeals(result) == (1, 0, 0, 0, 1) + (0,) * 10
    assert result["tables"]["proactive"]["normative_docs"] == {"issued": 0, "repealed": 0, "in_force": 10}
    # （一）予以公开121000013 is 12 1 … 13 or 1 2 10 … 13: unread, and said so once for the table
    unread = [f for f in of_rule(result, "S111") if f["severity"] == "warning"]
    assert len(unread) == 1 and "数字连在一起，无法确定分列" in unread[0]["message"]
    assert "121000013" in unread[0]["message"] and unread[0]["cells"][0] == ["requests", "granted", "natural"]
    assert result["verdict"] == "incomplete"
    assert "没有读到任何" not in str(result["findings"])


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_pages_text_content_with_a_whole_table_on_one_line(script):
    result = check("flat-2019-one-line.txt", script)
    assert (result["format"], result["year"], result["verdict"]) == ("2019", 2019, "pass")
    assert figures(result) == {"new": (3, 0, 0, 0, 0, 0, 3), "granted": (2, 0, 0, 0, 0, 0, 2),
                               "unavailable.1": (1, 0, 0, 0, 0, 0, 1), "total": (3, 0, 0, 0, 0, 0, 3)}
    assert appeals(result) == (0,) * 15
    proactive = result["tables"]["proactive"]
    assert proactive["other_services"] == {"prev_items": None, "change": None, "decisions": None}  # 5014
    assert proactive["licensing"] == {"prev_items": 0, "change": 0, "decisions": 0}
    assert not errors(result)


def test_digits_that_split_no_way_are_never_said_to_be_missing():
    # every row of table 三 run together, and none of them balancing: no cell is guessed
    text = text_of("flat-2021-textcontent.txt").replace("（七）总计152000017", "（七）总计152000018")
    result = gouji.check_text(text)
    assert rows(result)["total"] == dict.fromkeys(COLUMNS)
    assert "没有读到任何" not in str(result["findings"])


# ------------------------------------------------------------------ 6. year, body, dates

@pytest.mark.parametrize("script", SCRIPTS)
def test_page_furniture_is_not_the_title_the_body_or_the_publication_date(script):
    result = check("meta-2022-page-furniture.txt", script)
    # 首页 > … > 政府信息公开年报 is navigation; 标题： is a label; 正文 is not the body
    assert (result["year"], result["body"]) == (2022, "鞍山市千山区农业农村局")
    # 抓取时间 2023-06-01, 打印日期 2023-06-01 and the file name's 20230405 are not when it went online
    assert not [f for f in result["findings"] if f["rule"] in ("M103", "M104", "M105")]
    assert result["verdict"] == "pass"


def test_a_crawl_date_alone_is_not_a_publication_date_but_a_bare_time_label_is():
    text = text_of("meta-2022-page-furniture.txt").replace("发布日期：2023-01-20", "")
    assert not of_rule(gouji.check_text(text), "M104")
    late = text_of("meta-2022-page-furniture.txt").replace("发布日期：2023-01-20", "时间：2023-02-20")
    assert [f["actual"] for f in of_rule(gouji.check_text(late), "M104")] == ["2023年2月20日"]


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_year_from_the_prose_when_there_is_no_title(script):
    result = check("meta-2020-no-title.txt", script)
    assert (result["format"], result["year"], result["body"], result["verdict"]) == ("2019", 2020, None, "pass")
    for opening, year in (("现将我镇2020年政府信息公开工作情况报告如下，本报告所列数据截止2020年12月31日。", 2020),
                          ("现汇报我镇2020年政府信息公开工作情况如下。", 2020),
                          ("本报告所列数据截止2020年12月31日。", 2020)):
        text = text_of("meta-2020-no-title.txt", script).replace(
            reportgen.apply_transforms("现将我镇2020年政府信息公开工作情况报告如下，本报告所列数据截止2020年12月31日。",
                                       SCRIPTS[script]), reportgen.apply_transforms(opening, SCRIPTS[script]))
        assert gouji.check_text(text)["year"] == year
    text = text_of("meta-2020-no-title.txt", script).split("\n", 1)[1]  # only 2020年，我镇… in part 一
    assert gouji.check_text(text)["year"] == 2020


def test_the_titles_year_wins_over_the_period_and_the_disagreement_is_a_metadata_finding():
    text = text_of("meta-2022-page-furniture.txt").replace("统计期限自2022年1月1日起至2022年12月31日止",
                                                          "统计期限自2021年1月1日起至2021年12月31日止")
    result = gouji.check_text(text)
    assert result["year"] == 2022
    found = of_rule(result, "M102")
    assert len(found) == 1 and found[0]["category"] == "metadata"
    assert (found[0]["expected"], found[0]["actual"]) == (2022, 2021)


def test_markdown_marks_are_not_part_of_the_title_or_the_body():
    result = check("ocr-2021-markdown.md.txt")
    assert result["body"] == "辽阳市宏伟区卫生健康局" and "#" not in str(result["body"])


# ------------------------------------------------------------------ 7. the prose (see also tests/prose_corpus.py)

# Part 一 of the format-2019 county report, as three real reports put it: a total
# with last year's carried-over requests broken down by applicant, a part of a part,
# a sentence about the county government's own office.
SHAPES_2019 = ("全年共受理政府信息公开申请27件（含上年结转2件），其中自然人申请23件，法人或其他组织申请4件。"
               "县本级收到政府信息公开申请10件，其中予以公开8件。县政府办代表县政府受理政府信息公开申请17件。")


@pytest.mark.parametrize("script", SCRIPTS)
def test_the_three_false_alarm_shapes_are_no_error_in_a_2019_format_report(script):
    text = text_of("pdf-2019-county.layout.txt").replace(
        "      二、主动公开政府信息情况", "      " + SHAPES_2019 + "\n\n      二、主动公开政府信息情况")
    result = gouji.check_text(reportgen.apply_transforms(text, SCRIPTS[script]))
    narrative = [f for f in result["findings"] if f["category"] == "narrative"]
    assert not [f for f in narrative if f["severity"] == "error"], narrative
    assert [f["actual"] for f in narrative] == [17] and "县政府办" in narrative[0]["message"]


# ------------------------------------------------------------------ 8. no table

@pytest.mark.parametrize("script", SCRIPTS)
@pytest.mark.parametrize("year", [2023, 2020])  # a format-2021 and a format-2019 year
def test_without_a_table_the_checks_that_need_only_the_text_still_run(script, year):
    text = text_of("prose-only-2023-defaced.txt", script)
    if year == 2020:
        text = text.replace("2024", "2021").replace("2023", "2020").replace("2022", "2019")
    result = gouji.check_text(text)
    codes = {f["rule"] for f in result["findings"]}
    # defacement, the year against the period, the dates
    assert {"D101", "M102", "M103", "M104"} <= codes
    assert result["verdict"] == "fail"  # an error in what could be read wins
    assert not {"A101", "A102", "A103", "A104", "N101", "C101"} & codes
    assert [n["rule"] for n in result["not_checked"]] == ["*"]
    assert "需要表格的检查都没有做" in result["not_checked"][0]["reason"]


def test_without_a_table_or_a_finding_the_paste_stays_unreadable():
    text = text_of("prose-only-2023-defaced.txt").split("三、收到和处理")[0]
    text = text.replace("新葡京娱乐城_澳门线上app$官方网址", "《中华人民共和国政府信息公开条例》")
    text = text.replace("统计期限自2022年1月1日起至2022年12月31日止", "统计期限自2023年1月1日起至2023年12月31日止")
    text = text.replace("时间：2024-03-05", "时间：2024-01-25")
    result = gouji.check_text(text)
    assert result["verdict"] == "unreadable"
    assert [f["rule"] for f in result["findings"] if f["severity"] == "error"] == ["U003"]


# ------------------------------------------------------------------ what the reviewer found on the way

SEED_ROW = "一、本年新收政府信息公开申请数量 | 12 | 3 |"


@pytest.mark.parametrize("word", ["三", "叁", "N/A", "见附件"])
def test_a_word_in_a_figures_cell_is_that_cell_unread_not_a_shifted_row(word):
    base = (FIXTURES.parent / "rules" / "S109" / "pass.txt").read_text(encoding="utf-8")
    result = gouji.check_text(base.replace(SEED_ROW, f"一、本年新收政府信息公开申请数量 | 12 | {word} |"))
    assert rows(result)["new"] == dict(zip(COLUMNS, (12, None, 0, 0, 0, 0, 15)))
    assert [f["cells"] for f in of_rule(result, "S108")] == [[["requests", "new", "business"]]]
    assert not errors(result)
    line = "1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 | 1 | 0 | 0 | 0 | 0 | 0 |"
    result = gouji.check_text(base.replace(line, line.replace("| 0 | 0 | 0 | 1 | 1", f"| 0 | {word} | 0 | 1 | 1")))
    assert result["tables"]["appeals"]["suit_direct"]["corrected"] is None
    assert of_rule(result, "S108") and not errors(result)


def test_a_part_four_heading_with_prose_and_no_table_is_a_table_not_found():
    base = (FIXTURES.parent / "rules" / "S109" / "pass.txt").read_text(encoding="utf-8")
    start, end = base.index("四、政府信息公开行政复议"), base.index("五、存在的主要问题")
    text = base[:start] + "四、政府信息公开行政复议、行政诉讼情况\n本年度未发生政府信息公开行政复议、行政诉讼。\n" + base[end:]
    result = gouji.check_text(text.replace("全年发生政府信息公开行政复议1件，结果维持；行政诉讼1件，尚未审结。", ""))
    assert [f["rule"] for f in result["findings"] if f["category"] == "structure"] == ["S101"]

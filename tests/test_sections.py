"""Stage 3: parts, regions, title, year and body."""

import re

from gouji.normalize import normalize
from gouji.sections import find_sections, heading_part


def sections_of(text):
    return find_sections(normalize(text))


def test_a_table_row_label_is_not_a_part_heading():
    assert heading_part("四、结转下年度继续办理") is None
    assert heading_part("四、政府信息公开行政复议、行政诉讼情况") == 4
    assert heading_part("三、收到和处理政府信息公开申请情况") == 3
    assert heading_part("一、本年新收政府信息公开申请数量") is None


def test_title_split_over_two_lines_gives_year_and_body():
    s = sections_of("XX区应急管理局2023年度政府信息公开工作\n年度报告\n一、总体情况\n……")
    assert (s.year, s.year_source, s.body) == (2023, "title", "XX区应急管理局")


def test_body_on_the_line_above_a_title_that_starts_with_the_year():
    s = sections_of("淮安市人民政府\n2024 年政府信息公开工作年度报告\n一、总体情况")
    assert (s.year, s.body) == (2024, "淮安市人民政府")


def test_year_from_the_statistics_period_when_there_is_no_title():
    s = sections_of("本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。\n一、总体情况\n")
    assert (s.year, s.year_source) == (2020, "period")


def test_year_and_body_from_the_opening_prose():
    s = sections_of("一、总体情况\n2023年,我市坚持……\n(二)依申请公开情况\n今年,抚远市共收到政府信息依申请公开6件。")
    assert (s.year, s.year_source, s.body) == (2023, "opening", "抚远市")


def test_a_missing_part_three_heading_still_finds_table_three():
    text = ("二、主动公开政府信息情况\n第二十条第(一)项\n规章 | 0 | 0 | 0 |\n"
            "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |\n"
            "一、本年新收政府信息公开申请数量 | 1 |\n"
            "四、政府信息公开行政复议、行政诉讼情况\n行政复议 |\n")
    s = sections_of(text)
    assert s.regions["proactive"] == (0, 3)
    assert s.regions["requests"] == (3, 5)
    assert s.regions["appeals"][0] == 5


def test_a_page_date_label_always_ends_in_时间_or_日期():
    # _find_online_date passes over a head line with neither: the pattern must need one
    from gouji import sections

    pattern = sections._ONLINE_DATE.pattern
    labels = re.search(r"^\(\?:\(([^)]*)\)", pattern).group(1).split("|")
    assert labels and all(w.endswith(("时间", "日期")) for w in labels)
    assert "(?:时间|日期))" in pattern

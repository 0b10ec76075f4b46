"""Year, format, dates, completeness and plausibility (M1xx, C1xx, P1xx)."""

import gouji
from conftest import FIXTURES
from gouji.sections import body_kind, county_level
from prose_corpus import Case, render


def _text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _rules(result, prefix=""):
    return [f for f in result["findings"] if f["rule"].startswith(prefix)]


def _codes(result):
    return [f["rule"] for f in result["findings"]]


# ------------------------------------------------------------------ who reports, deadlines

def test_the_kind_of_body_decides_the_deadline():
    assert body_kind("清河区应急管理局") == "department"
    assert body_kind("朝阳市龙城区住房和城乡建设局") == "department"
    assert body_kind("淮安市人民政府") == "government"
    assert body_kind("抚远市") == "government"
    assert body_kind("积石山县癿藏镇") == "township"
    assert body_kind("某某街道办事处") == "township"
    assert body_kind("某开发区管理委员会") is None


def test_a_bureau_whose_page_went_online_on_2_february_gets_a_warning_not_an_error():
    result = gouji.check_text(_text("000_d1b84c43c22f8955.txt"))
    online = [f for f in result["findings"] if f["rule"] == "M104"]
    assert len(online) == 1 and online[0]["severity"] == "warning"
    assert online[0]["actual"] == "2024年2月2日" and online[0]["expected"] == "2024年1月31日"
    assert "时间:2024-02-02" in online[0]["quote"] and online[0]["line"] == 7
    assert "M103" not in _codes(result)  # signed 2024年1月8日: in time


def test_a_bureau_that_signed_its_report_in_february_is_late():
    text = _text("000_d1b84c43c22f8955.txt").replace("\n2024年1月8日", "\n2024年2月5日")
    late = [f for f in gouji.check_text(text)["findings"] if f["rule"] == "M103"]
    assert len(late) == 1 and late[0]["severity"] == "error" and late[0]["quote"] == "2024年2月5日"


def test_a_city_government_has_until_31_march():
    text = _text("huaian-city-2024.layout.txt") + "\n                                        2025年3月20日\n"
    assert not _rules(gouji.check_text(text), "M103")
    text = _text("huaian-city-2024.layout.txt") + "\n                                        2025年4月2日\n"
    assert [f["rule"] for f in _rules(gouji.check_text(text), "M103")] == ["M103"]


def test_a_township_gets_no_date_finding_however_late():
    text = _text("003_5226d92ffea0b08b.txt") + "\n积石山县癿藏镇人民政府\n2025年6月30日\n"
    result = gouji.check_text(text)
    assert not [f for f in result["findings"] if f["rule"] in ("M103", "M104")]


def test_a_report_that_says_nothing_about_when_it_was_signed_gets_no_date_finding():
    result = gouji.check_text(_text("001_cba402df4409a5e2.txt"))
    assert not [f for f in result["findings"] if f["rule"] in ("M103", "M104", "M105")]


def test_a_report_signed_before_its_year_had_ended():
    result = gouji.check_text(_text("002_1969cc7526291166.txt"))
    early = [f for f in result["findings"] if f["rule"] == "M105"]
    assert len(early) == 1 and early[0]["severity"] == "error"
    assert early[0]["actual"] == "2022年12月30日" and early[0]["quote"] == "2022年12月30日"


def test_a_signature_in_chinese_numerals_is_read():
    text = _text("000_d1b84c43c22f8955.txt").replace("\n2024年1月8日", "\n二〇二四年二月十日")
    late = [f for f in gouji.check_text(text)["findings"] if f["rule"] == "M103"]
    assert late and late[0]["actual"] == "2024年2月10日"


# ------------------------------------------------------------------ year and format

def test_last_years_sentences_in_the_overview_are_a_warning():
    result = gouji.check_text(_text("000_d1b84c43c22f8955.txt"))
    copied = [f for f in result["findings"] if f["rule"] == "M106"]
    assert len(copied) == 2 and {f["severity"] for f in copied} == {"warning"}
    assert all(f["quote"].startswith("2022年我局") for f in copied)


def test_comparisons_with_last_year_are_not_copied_sentences():
    case = Case("2023年，共收到政府信息公开申请21件，比2022年减少4件。2022年以来，我局持续完善依申请公开工作机制。",
                True, {"new": 21, "granted": 21})
    assert "M106" not in _codes(gouji.check_text(render(case)))


def test_a_plan_for_next_year_in_part_five_is_not_a_copied_sentence():
    assert "M106" not in _codes(gouji.check_text(_text("004_d134aa6643b219a2.txt")))


def test_format_2019_tables_in_a_2022_report():
    text = _text("004_d134aa6643b219a2.txt").replace("2020年", "2022年")
    wrong = [f for f in gouji.check_text(text)["findings"] if f["rule"] == "M101"]
    assert len(wrong) == 1 and wrong[0]["severity"] == "error" and wrong[0]["actual"] == "2019"


def test_format_2021_tables_in_a_2020_report():
    text = _text("003_5226d92ffea0b08b.txt").replace("2024年", "2020年")
    wrong = [f for f in gouji.check_text(text)["findings"] if f["rule"] == "M101"]
    assert len(wrong) == 1 and wrong[0]["actual"] == "2021"


def test_a_title_year_that_disagrees_with_the_statistical_period():
    text = _text("003_5226d92ffea0b08b.txt").replace("统计期限为2024年1月1日到12月31日", "统计期限为2023年1月1日到12月31日")
    wrong = [f for f in gouji.check_text(text)["findings"] if f["rule"] == "M102"]
    assert len(wrong) == 1 and wrong[0]["expected"] == 2024 and wrong[0]["actual"] == 2023


def test_a_bureau_writing_our_town_is_a_notice():
    result = gouji.check_text(_text("000_d1b84c43c22f8955.txt"))
    town = [f for f in result["findings"] if f["rule"] == "M107"]
    assert len(town) == 1 and town[0]["severity"] == "info" and "我镇" in town[0]["quote"]


def test_a_town_writing_our_town_is_fine():
    assert "M107" not in _codes(gouji.check_text(_text("003_5226d92ffea0b08b.txt")))


# ------------------------------------------------------------------ completeness

def test_the_seeds_and_the_pdf_have_all_six_parts_in_order():
    for name in ("000_d1b84c43c22f8955.txt", "001_cba402df4409a5e2.txt", "002_1969cc7526291166.txt",
                 "003_5226d92ffea0b08b.txt", "004_d134aa6643b219a2.txt", "huaian-city-2024.layout.txt"):
        codes = _codes(gouji.check_text(_text(name)))
        assert not {"C101", "C102", "C103", "C104"} & set(codes), name


def test_a_report_cut_after_table_four_misses_parts_five_and_six():
    text = _text("003_5226d92ffea0b08b.txt")
    text = text[: text.index("五、存在的主要问题")]
    missing = [f for f in gouji.check_text(text)["findings"] if f["rule"] == "C101"]
    assert len(missing) == 1 and missing[0]["actual"] == [5, 6]


def test_part_five_that_only_says_none():
    case = Case("收到政府信息公开申请2件。", True, {"new": 2, "granted": 2})
    text = render(case).replace("一是政策解读形式较为单一；二是队伍力量不足。下一步将加强培训。", "无。")
    assert "C104" in _codes(gouji.check_text(text))


def test_part_six_without_the_information_fee_in_a_2021_format_report():
    codes = _codes(gouji.check_text(_text("000_d1b84c43c22f8955.txt")))
    assert "C105" in codes  # part 六 says only 无。
    assert "C105" not in _codes(gouji.check_text(_text("002_1969cc7526291166.txt")))  # 收取信息处理费0元
    assert "C105" not in _codes(gouji.check_text(_text("003_5226d92ffea0b08b.txt")))  # 没有产生信息公开处理费


def test_part_six_saying_none_is_complete_in_a_2019_format_report():
    assert "C105" not in _codes(gouji.check_text(_text("004_d134aa6643b219a2.txt")))


# ------------------------------------------------------------------ plausibility

def test_fewer_documents_in_force_than_issued_this_year():
    text = _text("001_cba402df4409a5e2.txt").replace("行政規范性文件 | 7 | 7 | 23 |", "行政規范性文件 | 30 | 0 | 23 |")
    found = [f for f in gouji.check_text(text)["findings"] if f["rule"] == "P101"]
    assert len(found) == 1 and found[0]["severity"] == "warning"


def test_a_district_bureau_reporting_rules_it_cannot_make():
    assert county_level("清河区应急管理局") and county_level("积石山县癿藏镇")
    assert not county_level("淮安市人民政府") and not county_level("广西壮族自治区人民政府")
    text = _text("002_1969cc7526291166.txt").replace("规章 |\n0 |\n0 |\n0 |", "规章 |\n2 |\n0 |\n2 |")
    found = [f for f in gouji.check_text(text)["findings"] if f["rule"] == "P102"]
    assert len(found) == 1 and found[0]["severity"] == "warning"


def test_a_city_reporting_its_rules_is_fine():
    assert "P102" not in _codes(gouji.check_text(_text("huaian-city-2024.layout.txt")))


def test_more_newly_published_documents_than_published_in_all_in_a_2019_format_report():
    text = _text("004_d134aa6643b219a2.txt").replace("規(guī)范性文件 | 4 | 4 | 19 |", "規(guī)范性文件 | 4 | 25 | 19 |")
    found = [f for f in gouji.check_text(text)["findings"] if f["rule"] == "P103"]
    assert len(found) == 1 and found[0]["actual"] == 19
    assert "P103" not in _codes(gouji.check_text(_text("004_d134aa6643b219a2.txt")))


def test_parts_five_and_six_swapped():
    text = _text("003_5226d92ffea0b08b.txt")
    five = text.index("五、存在的主要问题")
    six = text.index("六、其他需要报告的事项")
    swapped = text[:five] + text[six:] + "\n" + text[five:six]
    assert "C102" in _codes(gouji.check_text(swapped))


def test_a_heading_with_nothing_under_it():
    case = Case("收到政府信息公开申请2件。", True, {"new": 2, "granted": 2})
    text = render(case).replace("一是政策解读形式较为单一；二是队伍力量不足。下一步将加强培训。\n", "")
    empty = [f for f in gouji.check_text(text)["findings"] if f["rule"] == "C103"]
    assert len(empty) == 1 and empty[0]["quote"] == "五、存在的主要问题及改进情况"


def test_a_heading_worded_off_the_template_still_counts():
    text = _text("003_5226d92ffea0b08b.txt").replace("六、其他需要报告的事项", "六、其他需要说明的事项")
    assert "C101" not in _codes(gouji.check_text(text))


def test_a_signature_more_than_a_year_late_is_more_likely_a_wrong_year():
    text = _text("000_d1b84c43c22f8955.txt").replace("\n2024年1月8日", "\n2025年1月8日")
    late = [f for f in gouji.check_text(text)["findings"] if f["rule"] == "M103"]
    assert len(late) == 1 and late[0]["severity"] == "warning" and "核对" in late[0]["message"]

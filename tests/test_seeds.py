"""The five real seed reports and the real PDF, as the clerk pastes them.

Tables are checked cell by cell against figures read off the reports by hand.
"""

import pytest

import gouji
from conftest import FIXTURES

REQUEST_COLUMNS = ("natural", "business", "research", "nonprofit", "legal", "other_org", "total")
ROWS_2021 = ("new", "carried_over", "granted", "partly_granted", *(f"refused.{i}" for i in range(1, 9)),
             *(f"unavailable.{i}" for i in range(1, 4)), *(f"not_processed.{i}" for i in range(1, 6)),
             "other.1", "other.2", "other.3", "total", "carried_forward")
ROWS_2019 = tuple(r for r in ROWS_2021 if not r.startswith("other.") and r not in ("total", "carried_forward")) + (
    "other", "total", "carried_forward")


def table_findings(result):
    """Findings about reading and adding up the tables (S and A rules)."""
    return [f for f in result["findings"] if f["rule"][0] in "SA"]


def requests_table(rows, **figures):
    """A table 三 of zeros, with the given rows' figures (7 numbers each)."""
    table = {r: dict.fromkeys(REQUEST_COLUMNS, 0) for r in rows}
    for key, numbers in figures.items():
        table[key.replace("__", ".")] = dict(zip(REQUEST_COLUMNS, numbers))
    return table


ZERO_APPEALS = {g: dict.fromkeys(("upheld", "corrected", "other", "pending", "total"), 0)
                for g in ("review", "suit_direct", "suit_after_review")}

ZERO_PROACTIVE_2021 = {
    "rules": {"issued": 0, "repealed": 0, "in_force": 0},
    "normative_docs": {"issued": 0, "repealed": 0, "in_force": 0},
    "licensing": {"decisions": 0}, "penalty": {"decisions": 0}, "enforcement": {"decisions": 0},
    "fees": {"amount": 0},
}


def check(name):
    return gouji.check_bytes((FIXTURES / name).read_bytes(), name)


def errors(result):
    return [f for f in result["findings"] if f["severity"] == "error"]


def test_a_city_report_in_traditional_script_with_pipes_ties_out():
    result = check("001_cba402df4409a5e2.txt")
    assert (result["format"], result["year"], result["body"]) == ("2021", 2023, "抚远市")
    assert result["tables"]["requests"] == requests_table(
        ROWS_2021, new=(6, 0, 0, 0, 0, 0, 6), granted=(5, 0, 0, 0, 0, 0, 5),
        not_processed__1=(1, 0, 0, 0, 0, 0, 1), total=(6, 0, 0, 0, 0, 0, 6))
    assert result["tables"]["proactive"] == {
        "rules": {"issued": 0, "repealed": 0, "in_force": 0},
        "normative_docs": {"issued": 7, "repealed": 7, "in_force": 23},
        "licensing": {"decisions": 21147}, "penalty": {"decisions": 845}, "enforcement": {"decisions": 414},
        "fees": {"amount": 5006},
    }
    assert result["tables"]["appeals"] == ZERO_APPEALS
    assert not table_findings(result)
    assert not errors(result)


def test_a_department_report_with_one_cell_per_line_and_pipe_filler_lines():
    result = check("002_1969cc7526291166.txt")
    assert (result["format"], result["year"], result["body"]) == ("2021", 2022, "朝阳市龙城区住房和城乡建设局")
    assert result["tables"]["requests"] == requests_table(ROWS_2021)
    assert result["tables"]["proactive"] == {**ZERO_PROACTIVE_2021, "penalty": {"decisions": 8},
                                             "fees": {"amount": 168.61}}
    assert result["tables"]["appeals"] == ZERO_APPEALS
    assert not table_findings(result)


def test_a_township_report_with_rows_broken_across_lines():
    result = check("003_5226d92ffea0b08b.txt")
    assert (result["format"], result["year"], result["body"]) == ("2021", 2024, "积石山县癿藏镇")
    assert result["tables"]["requests"] == requests_table(ROWS_2021)
    assert result["tables"]["proactive"] == ZERO_PROACTIVE_2021
    assert result["tables"]["appeals"] == ZERO_APPEALS
    assert not table_findings(result)
    assert not errors(result)


def test_a_2020_report_in_the_trial_format_with_pinyin_and_images():
    result = check("004_d134aa6643b219a2.txt")
    assert (result["format"], result["year"], result["body"]) == ("2019", 2020, "阜阳市应急管理局")
    assert result["tables"]["requests"] == requests_table(ROWS_2019)
    assert list(result["tables"]["requests"]) == list(ROWS_2019)
    assert result["tables"]["proactive"] == {
        "rules": {"made": 0, "published": 0, "total_published": 0},
        "normative_docs": {"made": 4, "published": 4, "total_published": 19},
        "licensing": {"prev_items": 6, "change": 0, "decisions": 3307},
        "other_services": {"prev_items": 8, "change": 0, "decisions": 26},
        "penalty": {"prev_items": 97, "change": 11, "decisions": 17},
        "enforcement": {"prev_items": 2, "change": 0, "decisions": 0},
        "fees": {"prev_items": 0, "change": 0},
        "procurement": {"items": 14, "amount": 3892431},
    }
    assert result["tables"]["appeals"] == ZERO_APPEALS
    assert not table_findings(result)
    assert not errors(result)


def test_a_defaced_department_page_whose_table_three_lost_its_columns():
    result = check("000_d1b84c43c22f8955.txt")
    assert (result["format"], result["year"], result["body"]) == ("2021", 2023, "清河区应急管理局")
    requests = result["tables"]["requests"]
    assert set(requests) == set(ROWS_2021)
    assert all(v is None for row in requests.values() for v in row.values())
    flattened = [f for f in result["findings"] if f["rule"] == "S103"]
    assert len(flattened) == 1 and flattened[0]["category"] == "structure"
    numbers = flattened[0]["actual"]
    assert numbers["new"] == 1 and numbers["carried_over"] == 0
    assert numbers["granted"] == 1 and numbers["total"] == 1 and numbers["carried_forward"] == 0
    assert sum(numbers.values()) == 3 and len(numbers) == 25
    assert not [f for f in result["findings"] if f["category"] == "arithmetic"]
    assert {n["rule"] for n in result["not_checked"]} >= {"A101", "A102", "A103"}
    assert result["tables"]["appeals"] == ZERO_APPEALS
    assert result["tables"]["proactive"] == ZERO_PROACTIVE_2021


def test_the_huaian_pdf_text_with_labels_wrapped_around_the_numbers():
    result = check("huaian-city-2024.layout.txt")
    assert (result["format"], result["year"], result["body"]) == ("2021", 2024, "淮安市人民政府")
    r = result["tables"]["requests"]
    assert r["new"] == dict(zip(REQUEST_COLUMNS, (3001, 53, 0, 0, 61, 4, 3119)))
    assert r["carried_over"] == dict(zip(REQUEST_COLUMNS, (34, 0, 0, 0, 0, 0, 34)))
    assert r["granted"] == dict(zip(REQUEST_COLUMNS, (1288, 21, 0, 0, 50, 3, 1362)))
    assert r["partly_granted"] == dict(zip(REQUEST_COLUMNS, (447, 7, 0, 0, 0, 0, 454)))
    assert [r[f"refused.{i}"]["total"] for i in range(1, 9)] == [2, 31, 5, 6, 8, 12, 9, 105]
    assert [r[f"unavailable.{i}"]["total"] for i in range(1, 4)] == [769, 11, 1]
    assert r["unavailable.1"] == dict(zip(REQUEST_COLUMNS, (746, 12, 0, 0, 10, 1, 769)))
    assert [r[f"not_processed.{i}"]["total"] for i in range(1, 6)] == [62, 25, 0, 0, 1]
    assert r["other.1"] == dict(zip(REQUEST_COLUMNS, (67, 3, 0, 0, 1, 0, 71)))
    assert [r[f"other.{i}"]["total"] for i in range(1, 4)] == [71, 6, 110]
    assert r["total"] == dict(zip(REQUEST_COLUMNS, (2932, 53, 0, 0, 61, 4, 3050)))
    assert r["carried_forward"] == dict(zip(REQUEST_COLUMNS, (103, 0, 0, 0, 0, 0, 103)))
    a = result["tables"]["appeals"]
    assert a["review"] == {"upheld": 72, "corrected": 64, "other": 178, "pending": 37, "total": 351}
    assert a["suit_direct"] == {"upheld": 13, "corrected": 4, "other": 8, "pending": 1, "total": 26}
    assert a["suit_after_review"] == {"upheld": 12, "corrected": 1, "other": 1, "pending": 6, "total": 20}
    assert result["tables"]["proactive"]["fees"] == {"amount": 96171.6}
    assert result["tables"]["proactive"]["normative_docs"] == {"issued": 8, "repealed": 26, "in_force": 66}
    assert not table_findings(result)
    assert not errors(result)


@pytest.mark.parametrize("name", ["001_cba402df4409a5e2.txt", "003_5226d92ffea0b08b.txt"])
def test_one_figure_changed_in_a_real_report_is_caught(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    changed = text.replace("二、上年結轉政府信息公開申請數量 | 0 |", "二、上年結轉政府信息公開申請數量 | 2 |").replace(
        "二、上年结转政府信息公开申请数量 | 0 |", "二、上年结转政府信息公开申请数量 | 2 |")
    assert changed != text
    result = gouji.check_text(changed)
    bad = {tuple(c) for f in errors(result) for c in f["cells"]}
    assert ("requests", "carried_over", "natural") in bad
    assert {f["rule"] for f in errors(result)} >= {"A101", "A103"}

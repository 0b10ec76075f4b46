"""The prose read against the tables (rules N101, N102)."""

import gouji
from conftest import FIXTURES
from gouji.check import read_report
from prose_corpus import CASES, Case, evaluate, render

SEEDS = ("000_d1b84c43c22f8955", "001_cba402df4409a5e2", "002_1969cc7526291166", "003_5226d92ffea0b08b",
         "004_d134aa6643b219a2")


def _text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def _narrative(result, severity=None):
    return [f for f in result["findings"]
            if f["category"] == "narrative" and (severity is None or f["severity"] == severity)]


def test_a_bureau_that_writes_it_received_no_request_while_its_flattened_table_shows_one():
    result = gouji.check_text(_text("000_d1b84c43c22f8955.txt"))
    found = _narrative(result, "error")
    assert [f["rule"] for f in found] == ["N102"]
    f = found[0]
    assert "未收到政府信息公开申请" in f["quote"] and f["actual"] == 1
    assert f["cells"] == [["requests", "new", "total"]]
    assert f["line"] == 25  # 1-based, the line the clerk wrote


def test_the_pdfs_prose_figures_are_all_found_and_all_agree():
    text = _text("huaian-city-2024.layout.txt")
    report = read_report(text)
    figures = [(f.value, f.kind) for f in report.prose.figures]
    for expected in [(3119, "received"), (3050, "answered"), (34, "carried_over"), (103, "carried_forward"),
                     (351, "review"), (72, "upheld"), (64, "corrected"), (178, "appeal_other"), (37, "pending"),
                     (46, "suit"), (25, "upheld"), (5, "corrected"), (9, "appeal_other"), (7, "pending")]:
        assert expected in figures, expected
    assert not _narrative(gouji.check_text(text))


def test_seeds_001_to_004_have_no_narrative_error():
    for name in SEEDS[1:]:
        result = gouji.check_text(_text(name + ".txt"))
        assert not _narrative(result, "error"), (name, _narrative(result))


def test_a_city_that_says_it_received_six_requests_agrees_with_its_table():
    report = read_report(_text("001_cba402df4409a5e2.txt"))
    assert [(f.value, f.kind) for f in report.prose.figures] == [(6, "received")]


def test_hotline_calls_and_policy_documents_are_not_read_as_requests():
    case = Case("网站受理12345市民热线事项19件，接听群众电话230件，发布政策性文件11件，办理人大代表建议12件。",
                True, {"new": 2, "granted": 2})
    report = read_report(render(case))
    assert report.prose.figures == []


def test_a_figure_typed_wrong_in_the_prose_names_the_sentence_and_the_cell():
    case = Case("2023年，我局共收到政府信息公开申请12件，均按时答复。", False, {"new": 13, "granted": 13})
    found = _narrative(gouji.check_text(render(case)), "error")
    assert len(found) == 1
    f = found[0]
    assert f["rule"] == "N101" and f["actual"] == 12 and f["expected"] == 13
    assert f["cells"] == [["requests", "new", "total"]]
    assert "收到政府信息公开申请12件" in f["quote"] and "12" in f["message"] and "13" in f["message"]


def test_shouli_may_include_last_years_carried_over_requests():
    case = Case("全年共受理政府信息公开申请37件（含上年结转2件），均已按期答复。", True,
                {"new": 35, "carried_over": 2, "granted": 37})
    assert not _narrative(gouji.check_text(render(case)))


def test_a_suit_count_is_both_suit_groups_together():
    case = Case("政府信息公开行政诉讼5件，其中结果维持3件，结果纠正1件，其他结果1件。", True,
                {}, {"suit_direct": [2, 1, 0, 0], "suit_after_review": [1, 0, 1, 0]})
    assert not _narrative(gouji.check_text(render(case)))


def test_all_upheld_while_the_table_has_a_corrected_review():
    case = Case("因政府信息公开申请引发行政复议2件，均获维持。", False, {}, {"review": [1, 1, 0, 0]})
    found = _narrative(gouji.check_text(render(case)), "error")
    assert [f["rule"] for f in found] == ["N102"]
    assert found[0]["cells"] == [["appeals", "review", "corrected"]]


def test_a_traditional_script_page_is_quoted_as_written():
    case = Case("全年共收到政府信息公開申請7件，其中予以公開7件。", False, {"new": 6, "granted": 6})
    found = _narrative(gouji.check_text(render(case)), "error")
    assert found and all("公開申請7件" in f["quote"] for f in found)


def test_the_prose_corpus_has_no_false_error_and_recall_of_at_least_90_percent():
    assert len(CASES) >= 60
    agreeing = sum(1 for c in CASES if c.agrees)
    assert agreeing >= 30 and len(CASES) - agreeing >= 30
    score = evaluate()
    assert score.fp == 0, [c.text for c, flagged, _, _ in score.details if flagged and c.agrees]
    assert score.recall >= 0.9, [c.text for c, flagged, _, _ in score.details if not flagged and not c.agrees]
    # The corpus reports are otherwise correct: no other rule raises an error on them.
    assert not [(c.text, o) for c, _, _, o in score.details if o]


def test_the_corpus_reads_the_same_from_a_traditional_full_width_paste():
    import reportgen

    for case in CASES:
        text = reportgen.apply_transforms(render(case), ("traditional", "fullwidth"))
        errors = [f for f in gouji.check_text(text)["findings"]
                  if f["rule"] in ("N101", "N102") and f["severity"] == "error"]
        if case.agrees:
            assert not errors, (case.text, errors)


def test_a_blank_total_column_is_read_through_its_applicant_columns():
    import random

    import reportgen

    checked = 0
    for seed in range(60):
        rep = reportgen.generate(random.Random(seed), format_id="2021", layout="pipe_rows", transforms=())
        new = rep.tables["requests"]["new"]["total"]
        said = f"全年共收到政府信息公开申请{new}件"
        if not new or said not in rep.text:
            continue
        try:
            text = reportgen.with_blank_column(rep, "total")
        except AssertionError:
            continue
        result = gouji.check_text(text.replace(said, f"全年共收到政府信息公开申请{new + 1000}件"))
        if result["tables"]["requests"]["new"]["total"] is not None:
            continue  # the reader did not see a blank column here
        found = [f for f in _narrative(result, "error") if f["cells"] == [["requests", "new", "total"]]]
        assert found and found[0]["expected"] == new and found[0]["actual"] == new + 1000
        checked += 1
    assert checked


# ------------------------------------------------------------------ subject and scope of a prose figure

def test_a_breakdown_of_a_total_that_includes_carried_over_requests_is_no_error():
    case = Case("全年共受理政府信息公开申请20件（含上年结转2件），其中自然人申请19件，法人或其他组织申请1件。", True,
                {"new": 18, "carried_over": 2, "granted": 20},
                split={"new": {"natural": 17, "business": 1}, "carried_over": {"natural": 2},
                       "granted": {"natural": 19, "business": 1}})
    assert not _narrative(gouji.check_text(render(case)))


def test_a_part_of_a_part_is_not_compared_with_the_whole_row():
    for text in ("市本级收到政府信息公开申请30件，其中予以公开20件。",
                 "全年共收到政府信息公开申请80件，含信函申请5件，其中予以公开4件。"):
        case = Case(text, True, {"new": 80, "granted": 50, "unavailable.1": 30})
        assert not _narrative(gouji.check_text(render(case))), text
    # 其中 of the whole is still read
    case = Case("全年共收到政府信息公开申请80件，其中予以公开20件。", False, {"new": 80, "granted": 50, "unavailable.1": 30})
    assert [f["rule"] for f in _narrative(gouji.check_text(render(case)), "error")] == ["N101"]


def test_a_sentence_about_another_unit_is_at_most_a_warning_that_says_whose_figure_it_may_be():
    case = Case("区政府办代表区政府受理政府信息公开申请17件，均在法定期限内答复。", True,
                {"new": 120, "granted": 120}, body="沈阳市和平区人民政府")
    found = _narrative(gouji.check_text(render(case)))
    assert [(f["rule"], f["severity"]) for f in found] == [("N101", "warning")]
    assert "区政府办" in found[0]["message"]
    # the body itself, by its short name, is not another unit
    case = Case("区政府共受理政府信息公开申请110件。", False, {"new": 120, "granted": 120}, body="沈阳市和平区人民政府")
    assert [f["severity"] for f in _narrative(gouji.check_text(render(case)))] == ["error"]


def test_every_blanket_claim_of_the_prose_corpus_passes_the_quick_gate_before_it_is_read():
    # N102 passes over a sentence with none of the claims' first words: no
    # sentence with a claim may be passed over so.
    from hypothesis import given
    from hypothesis import strategies as st

    from gouji.rules import narrative as n

    claims = (n._NO_REQUESTS, n._NO_REQUESTS_2, n._NEGATION, n._NO_CARRIED, n._ALL_GRANTED, n._ALL_UPHELD)
    texts = [c.text for c in CASES]
    assert sum(1 for t in texts if any(p.search(t) for p in claims)) >= 10
    for t in texts:
        for p in claims:
            for m in p.finditer(t):
                assert n._CLAIM.search(m.group(0)), (p.pattern, m.group(0))

    words = st.text(alphabet="未没有无均全部都皆零0申请公开政府信息数量为收到发生复议诉讼维持予以上年结转下度件，。", max_size=30)

    @given(words)
    def any_claim_is_gated(text):
        for p in claims:
            m = p.search(text)
            if m:
                assert n._CLAIM.search(m.group(0))

    any_claim_is_gated()

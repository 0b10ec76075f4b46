"""The one cell to fix: a clerk who mistyped one figure is told which, and what it should be.

Over generated reports (tests/reportgen.py): every cell of table 三 stands on
two sums (its row and its column), so a single changed cell is named exactly;
a cell of table 四 stands on its group's sum only, so the candidates include it.
"""
from __future__ import annotations

import random

import gouji
import reportgen
from conftest import FIXTURES

# Layouts whose tables every correct report reads back exactly (see test_properties).
LAYOUTS = reportgen.EXACT_LAYOUTS
CASES = 320


def _changed(seed: int, table: str):
    rng = random.Random(seed)
    report = reportgen.generate(rng, format_id=("2021", "2019")[seed % 2], layout=LAYOUTS[seed % len(LAYOUTS)],
                                transforms=())
    text, cell, _ = reportgen.with_changed_cell(report, random.Random(seed + 1), table=table)
    original = report.tables[table][cell[1]][cell[2]]
    return gouji.check_text(text), cell, original


def test_one_mistyped_figure_in_table_three_is_named_first_with_its_right_value():
    missed = []
    for seed in range(CASES):
        result, cell, original = _changed(seed, "requests")
        first = result["suspects"][0] if result["suspects"] else None
        if not (first and tuple(first["cell"]) == cell and first["suggested"] == original and first["sure"]):
            missed.append((seed, cell, original, first))
    assert len(missed) <= CASES // 100, f"{len(missed)} of {CASES} not named first: {missed[:5]}"


def test_one_mistyped_figure_in_table_four_is_among_the_candidates_with_its_right_value():
    for seed in range(CASES // 2):
        result, cell, original = _changed(seed, "appeals")
        candidates = {(tuple(s["cell"]), s["suggested"]) for s in result["suspects"]}
        assert (cell, original) in candidates, (seed, cell, original, result["suspects"])


def test_the_most_likely_cell_is_said_in_words_a_clerk_reads():
    text = (FIXTURES / "003_5226d92ffea0b08b.txt").read_text(encoding="utf-8")
    # 予以公开 / 自然人 written 4 where the rest of its row and column say 0
    text = text.replace("(一)予以公开 | 0 |", "(一)予以公开 | 4 |", 1)
    result = gouji.check_text(text)
    assert result["verdict"] == "fail"
    first = result["suspects"][0]
    assert first["sure"] and first["cell"] == ["requests", "granted", "natural"]
    assert first["value"] == 4 and first["suggested"] == 0 and set(first["explains"]) == {"A102", "A103"}
    assert first["message"] == "第三部分“（一）予以公开”自然人 填的是 4；按同一行和同一列的其他数字，应为 0"
    # the failed sums point at it in their 怎样改 line; no finding suggests changing two cells
    fixes = [f["fix"] for f in result["findings"] if f["rule"] in ("A102", "A103")]
    assert fixes and all("（一）予以公开" in f and "应为 0" in f for f in fixes)


def test_nothing_is_suspected_when_every_sum_holds_or_nothing_can_be_said():
    for name in ("001_cba402df4409a5e2.txt", "003_5226d92ffea0b08b.txt", "huaian-city-2024.layout.txt"):
        assert gouji.check_text((FIXTURES / name).read_text(encoding="utf-8"))["suspects"] == []
    # seed 000: flattened, every cell unknown: nothing to diagnose
    assert gouji.check_text((FIXTURES / "000_d1b84c43c22f8955.txt").read_text(encoding="utf-8"))["suspects"] == []


def test_two_errors_in_separate_tables_are_two_answers():
    rng = random.Random(11)
    report = reportgen.generate(rng, format_id="2021", layout="pipe_rows", transforms=())
    granted, review = report.tables["requests"]["granted"], report.tables["appeals"]["review"]
    text, _ = reportgen.with_cells(report, {("requests", "granted", "natural"): granted["natural"] + 3,
                                            ("appeals", "review", "upheld"): review["upheld"] + 2})
    suspects = gouji.check_text(text)["suspects"]
    sure = [s for s in suspects if s["sure"]]
    assert sure and sure[0]["cell"] == ["requests", "granted", "natural"]
    assert any(s["cell"] == ["appeals", "review", "upheld"] and not s["sure"] for s in suspects)
    # each error is its own group: the sure answer apart from table 四's candidates
    candidates = [s for s in suspects if not s["sure"]]
    assert len({s["group"] for s in candidates}) == 1
    assert sure[0]["group"] not in {s["group"] for s in candidates}


def test_two_figures_mistyped_in_one_row_are_named_together_with_their_right_values():
    # No single cell explains the failed sums (the row's 合计 and two columns):
    # the pair that does is named, each with the other to change with it.
    report = reportgen.generate(random.Random(12), format_id="2021", layout="pipe_rows", transforms=())
    right = report.tables["requests"]["new"]
    text, _ = reportgen.with_cells(report, {("requests", "new", "natural"): right["natural"] + 2,
                                            ("requests", "new", "business"): right["business"] + 1})
    suspects = gouji.check_text(text)["suspects"]
    named = {(tuple(s["cell"]), s["suggested"], tuple(map(tuple, s["together"]))) for s in suspects if s["sure"]}
    assert named == {(("requests", "new", "natural"), right["natural"], (("requests", "new", "business"),)),
                     (("requests", "new", "business"), right["business"], (("requests", "new", "natural"),))}
    assert all("一起改" in s["message"] for s in suspects)

"""Properties of the checker over many synthetic reports (see reportgen.py).

Each test is one situation a user is in: they paste a correct report in
whatever shape their source gave them; they paste one with a single mistyped
figure; they paste one that lost its end; their table 三 has a column left
blank, or was flattened to one number a row on the way.  The reports are
random, the figures balanced, the layouts those seen in the wild.

A failing example prints the seed: ``reportgen.generate(random.Random(seed),
format_id=..., layout=..., transforms=...)`` rebuilds the same text.
"""

from __future__ import annotations

import os
import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gouji
import reportgen
from gouji.formats import FORMATS

FORMAT_IDS = tuple(FORMATS)
seeds = st.integers(min_value=0, max_value=2**32 - 1)
formats = st.sampled_from(FORMAT_IDS)
layouts = st.sampled_from(reportgen.LAYOUTS)
# What a paste may have been through on top of its layout.
script_variants = st.sampled_from([
    (),
    ("traditional",),
    ("fullwidth",),
    ("traditional", "fullwidth"),
    ("traditional", "pinyin"),
    ("fullwidth", "crlf"),
])


def examples(n: int) -> settings:
    # In CI the examples are the same on every run (derandomize): a landing
    # must not hang on a rare report found by chance; run locally to explore.
    return settings(max_examples=n, deadline=None, derandomize=bool(os.environ.get("CI")),
                    suppress_health_check=[HealthCheck.too_slow])


PROPERTY = examples(60)


def _report(seed: int, format_id: str, layout: str, transforms: tuple) -> reportgen.Report:
    return reportgen.generate(random.Random(seed), format_id=format_id, layout=layout,
                              transforms=transforms)


def _describe(report: reportgen.Report, seed: int) -> str:
    return (f"seed={seed} format={report.format_id} layout={report.layout} "
            f"transforms={report.transforms} style={report.style}")


def _cell_differences(expected: dict, actual: dict) -> list:
    """Every (table, row, col, expected, read) that does not match."""
    wrong = []
    for table, rows in expected.items():
        read_table = actual.get(table) or {}
        for row_id, cells in rows.items():
            read_row = read_table.get(row_id) or {}
            for col_id, value in cells.items():
                got = read_row.get(col_id)
                if got is None or got != value:
                    wrong.append((table, row_id, col_id, value, got))
    return wrong


def _cells(finding: dict) -> list[tuple]:
    return [tuple(c) for c in finding.get("cells") or []]


def _errors(result: dict, category: str | None = None) -> list[dict]:
    return [f for f in result["findings"]
            if f["severity"] == "error" and (category is None or f["category"] == category)]


# ------------------------------------------------------------ a correct report

def _reads_back(seed: int, format_id: str, layout: str, transforms: tuple) -> None:
    report = _report(seed, format_id, layout, transforms)
    assert reportgen.requests_balanced(format_id, report.tables["requests"])
    assert reportgen.appeals_balanced(report.tables["appeals"])

    result = gouji.check_text(report.text)

    wrong = _cell_differences(report.tables, result["tables"])
    assert not wrong, f"{_describe(report, seed)}\ncells read wrong (table, row, col, written, read): {wrong[:12]}"
    assert result["format"] == format_id, _describe(report, seed)
    assert result["year"] == report.year, f"{_describe(report, seed)}\nyear read: {result['year']}"
    errors = _errors(result)
    assert not errors, f"{_describe(report, seed)}\na correct report got errors: {errors}"


@pytest.mark.parametrize("layout", reportgen.LAYOUTS)
@PROPERTY
@given(seed=seeds, format_id=formats)
def test_a_correct_report_reads_back_cell_for_cell_in_any_layout(layout, seed, format_id):
    _reads_back(seed, format_id, layout, ())


@pytest.mark.parametrize("layout", reportgen.LAYOUTS)
@examples(25)
@given(seed=seeds, format_id=formats)
def test_a_correct_report_from_a_traditional_script_page_reads_back(layout, seed, format_id):
    _reads_back(seed, format_id, layout, ("traditional",))


@pytest.mark.parametrize("layout", reportgen.LAYOUTS)
@examples(25)
@given(seed=seeds, format_id=formats)
def test_a_correct_report_with_full_width_digits_reads_back(layout, seed, format_id):
    _reads_back(seed, format_id, layout, ("fullwidth",))


@PROPERTY
@given(seed=seeds, format_id=formats, layout=layouts, transforms=script_variants)
def test_a_correct_report_reads_back_whatever_it_went_through(seed, format_id, layout, transforms):
    _reads_back(seed, format_id, layout, transforms)


# ------------------------------------------------------------ one mistyped figure

def _mistyped_cell_is_flagged(seed, format_id, layout, transforms, table):
    report = _report(seed, format_id, layout, transforms)
    text, cell, changed = reportgen.with_changed_cell(report, random.Random(seed + 1), table=table)

    result = gouji.check_text(text)

    arithmetic = _errors(result, "arithmetic")
    hits = [f for f in arithmetic if cell in _cells(f)]
    assert hits, (f"{_describe(report, seed)}\nchanged {cell}: "
                  f"{report.tables[table][cell[1]][cell[2]]} -> {changed[table][cell[1]][cell[2]]}\n"
                  f"arithmetic errors: {arithmetic}")


@PROPERTY
@given(seed=seeds, format_id=formats, layout=layouts, transforms=script_variants)
def test_one_mistyped_figure_in_table_three_is_an_arithmetic_error_on_that_cell(
        seed, format_id, layout, transforms):
    _mistyped_cell_is_flagged(seed, format_id, layout, transforms, "requests")


@PROPERTY
@given(seed=seeds, format_id=formats, layout=layouts, transforms=script_variants)
def test_one_mistyped_figure_in_table_four_is_an_arithmetic_error_on_that_cell(
        seed, format_id, layout, transforms):
    _mistyped_cell_is_flagged(seed, format_id, layout, transforms, "appeals")


# ------------------------------------------------------------ a paste that lost its end

def _words_of(row_id: str, format_id: str) -> set[str]:
    """What a message may call a row by: its label without numbering, and
    its keys, in both scripts."""
    row = FORMATS[format_id].requests.row(row_id)
    bare = re.sub(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、])", "", row.label)
    words = {bare, *row.keys, *row.weak}
    return words | {reportgen.to_traditional(w) for w in words}


def _neighbours(format_id: str, row_id: str) -> list[str]:
    ids = [r.id for r in FORMATS[format_id].requests.data_rows]
    i = ids.index(row_id)
    return ids[max(0, i - 1):i + 2]


@PROPERTY
@given(seed=seeds, format_id=formats, layout=layouts, transforms=script_variants)
def test_a_report_cut_off_inside_table_three_says_where_the_table_stops(
        seed, format_id, layout, transforms):
    report = _report(seed, format_id, layout, transforms)
    text, (row_id, col_id) = reportgen.cut_inside_requests(report, random.Random(seed + 2))

    result = gouji.check_text(text)

    where = f"{_describe(report, seed)}\ncut after {(row_id, col_id)}: ...{text[-120:]!r}"
    assert not _errors(result, "arithmetic"), f"{where}\n{_errors(result, 'arithmetic')}"
    structure = [f for f in result["findings"] if f["category"] == "structure"]
    assert structure, f"{where}\nno structure finding: {result['findings']}"
    words = set().union(*(_words_of(r, format_id) for r in _neighbours(format_id, row_id)))
    says_where = [f for f in structure
                  if any(w and w in f["message"] for w in words)]
    assert says_where, (f"{where}\nno structure finding names the row the table stops at "
                        f"(any of {sorted(words)}): {[f['message'] for f in structure]}")
    assert result["not_checked"], f"{where}\nnothing listed as not checked"


# ------------------------------------------------------------ a column left blank, a flattened table

@PROPERTY
@given(seed=seeds, format_id=formats, layout=st.sampled_from(reportgen.SEPARATED_LAYOUTS),
       transforms=script_variants,
       column=st.sampled_from([c.id for c in FORMATS["2021"].requests.columns]))
def test_a_column_left_blank_is_unread_not_zero_and_named_once(
        seed, format_id, layout, transforms, column):
    report = _report(seed, format_id, layout, transforms)
    text = reportgen.with_blank_column(report, column)

    result = gouji.check_text(text)

    where = f"{_describe(report, seed)}\ncolumn {column!r} left blank"
    requests = result["tables"]["requests"]
    not_null = {rid: requests[rid][column] for rid in report.tables["requests"]
                if requests.get(rid, {}).get(column) is not None}
    assert not not_null, f"{where}\nblank cells read as figures: {not_null}"
    written = {rid: {c: v for c, v in cells.items() if c != column}
               for rid, cells in report.tables["requests"].items()}
    wrong = _cell_differences({"requests": written}, result["tables"])
    assert not wrong, f"{where}\nthe other cells read wrong: {wrong[:12]}"
    assert not _errors(result, "arithmetic"), f"{where}\n{_errors(result, 'arithmetic')}"
    structure = [f["message"] for f in result["findings"] if f["category"] == "structure"]
    assert len(structure) == 1, f"{where}\none structure finding for the column, got: {structure}"
    assert result["not_checked"], f"{where}\nnothing listed as not checked"


@PROPERTY
@given(seed=seeds, format_id=formats,
       layout=st.sampled_from(["cell_per_line", "cell_per_line_pipe"]),
       transforms=script_variants)
def test_a_table_flattened_to_one_number_a_row_is_unread_but_its_numbers_are_reported(
        seed, format_id, layout, transforms):
    report = _report(seed, format_id, layout, transforms)
    text = reportgen.flattened(report)

    result = gouji.check_text(text)

    where = f"{_describe(report, seed)}\ntable 三 flattened to its 总计 column"
    read = {(rid, c): v for rid, cells in result["tables"]["requests"].items()
            for c, v in cells.items() if v is not None}
    assert not read, f"{where}\ncells placed in columns: {dict(list(read.items())[:8])}"
    assert not _errors(result, "arithmetic"), f"{where}\n{_errors(result, 'arithmetic')}"
    totals = {rid: cells["total"] for rid, cells in report.tables["requests"].items()}
    carrying = [f for f in result["findings"]
                if f["category"] == "structure" and f.get("actual") == totals]
    assert carrying, (f"{where}\nno structure finding carries the numbers by row "
                      f"{totals}: {[(f['message'][:80], f.get('actual')) for f in result['findings']]}")

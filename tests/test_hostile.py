"""Hostile and broken input: nothing a user or a crawler feeds the checker makes
it raise, hang, grow without bound, or answer with anything but strict JSON.

Each family below was found by fuzzing (scripts/fuzz) and is kept here as a
fixture; the property tests throw arbitrary text, bytes and HTML at it.
"""
from __future__ import annotations

import io
import json
import os
import time
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gouji
from conftest import FIXTURES

SEED = (FIXTURES / "003_5226d92ffea0b08b.txt").read_text(encoding="utf-8")
ROW = "一、本年新收政府信息公开申请数量 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | ||"
assert ROW in SEED


def strict_json(result: dict) -> str:
    """The result as JSON a strict parser accepts: no NaN/Infinity, no lone surrogates."""
    text = json.dumps(result, ensure_ascii=False, allow_nan=False)
    text.encode("utf-8")  # a lone surrogate cannot be encoded
    return text


def checked(text: str) -> dict:
    result = gouji.check_text(text)
    strict_json(result)
    assert result["verdict"] in ("pass", "fail", "incomplete", "unreadable")
    return result


FAMILIES = {
    # int() refuses more than 4,300 digits: in a cell, and in the prose
    "a run of 5000 digits in a cell": SEED.replace(ROW, ROW.replace("| 0 |", "| " + "9" * 5000 + " |", 1)),
    "a run of 5000 digits in the prose": SEED.replace("一、总体情况", "一、总体情况\n共收到政府信息公开申请" + "7" * 5000 + "件。"),
    # a symbol in a flattened table: None added to an int
    "symbols in a flattened table": SEED.replace(ROW, "一、本年新收政府信息公开申请数量\n?\n*\n.5\n"),
    # a decimal and a huge integer in one row: float overflow
    "a decimal and a huge integer in one row": SEED.replace(
        ROW, "一、本年新收政府信息公开申请数量 | 0.5 | " + "9" * 400 + " | 0 | 0 | 0 | 0 | 0 |"),
    # a decimal above 1e308 is inf: never Infinity in the JSON
    "a decimal above 1e308": SEED.replace(ROW, ROW.replace("| 0 |", "| " + "9" * 320 + ".5 |", 1)),
    # a lone surrogate, from an HTML entity and as a raw character
    "a lone surrogate entity": SEED.replace("一、总体情况", "一、总体情况&#55296;"),
    "a raw lone surrogate": SEED.replace("一、总体情况", "一、总体情况\ud800"),
    # a text cell is null with an S108 finding, never a silent 0
    "N/A in a cell": SEED.replace(ROW, ROW.replace("| 0 |", "| N/A |", 1)),
    "见附件 in a cell": SEED.replace(ROW, ROW.replace("| 0 |", "| 见附件 |", 1)),
    # impossible dates
    "month 13, day 99": SEED.rstrip() + "\n2025年13月99日\n",
    "30 February": SEED.rstrip() + "\n2025年2月30日\n",
}


@pytest.mark.parametrize("name", list(FAMILIES))
def test_each_family_found_by_fuzzing_gives_a_result(name):
    checked(FAMILIES[name])


def test_a_word_in_a_number_cell_is_unreadable_not_zero():
    for word in ("N/A", "见附件"):
        result = checked(FAMILIES[f"{word} in a cell"])
        assert result["tables"]["requests"]["new"]["natural"] is None
        assert any(f["rule"] == "S108" for f in result["findings"])


def test_impossible_dates_are_not_dates():
    for name in ("month 13, day 99", "30 February"):
        result = checked(FAMILIES[name])
        assert not [f for f in result["findings"] if f["rule"] in ("M103", "M105")], name


# ------------------------------------------------------------------ properties

def _examples(n: int) -> settings:
    return settings(max_examples=n, deadline=None, derandomize=bool(os.environ.get("CI")),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


report_words = st.sampled_from(["一、本年新收政府信息公开申请数量", "（七）总计", "行政复议", "|", " | ", "\t",
                                "0", "12", "-", "/", "无", "（三）不予公开", "三、收到和处理政府信息公开申请情况",
                                "2023年", "年度报告", "![](x.png)", "&nbsp;", "&#65;", "<td>", "---", "\n", "件"])


@_examples(150)
@given(st.text(max_size=3000))
def test_arbitrary_text_never_raises(text):
    checked(text)


@_examples(150)
@given(st.lists(report_words, max_size=400).map("".join))
def test_report_shaped_junk_never_raises(text):
    checked(text)


@_examples(100)
@given(st.binary(max_size=4000))
def test_arbitrary_bytes_never_raise(data):
    strict_json(gouji.check_bytes(data))


@_examples(60)
@given(st.text(max_size=2000))
def test_text_spliced_into_a_real_report_never_raises(junk):
    middle = len(SEED) // 2
    checked(SEED[:middle] + junk + SEED[middle:])


# A Word file's list and style markup, any of it, however wrong (levels out of
# range or not numbers, lists and styles that name nothing, styles based on
# themselves, a list restarting a level that is not there): read or refused, never raised.
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
word_values = st.sampled_from(["0", "1", "2", "8", "9", "-1", "x", "", "99999999999999999999", "1.5", "一"])
word_numbers = st.builds(
    lambda ilvl, num, style, start, fmt, text: (ilvl, num, style, start, fmt, text),
    word_values, word_values, word_values, word_values,
    st.sampled_from(["decimal", "chineseCounting", "upperRoman", "lowerLetter", "bullet", "none", "x"]),
    st.sampled_from(["%1、", "（%2）", "%1.%2.%9", "%0", "%", "", "%1%1%1"]))


def _word(levels, paragraphs, styles, link="1", restart=("0", "1")) -> bytes:
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:lvlRestart w:val="{num}"/><w:numFmt w:val="{fmt}"/>'
                   f'<w:pStyle w:val="{style}"/><w:lvlText w:val="{text}"/></w:lvl>'
                   for i, num, style, start, fmt, text in levels)
    numbering = (f'<w:numbering {_W}><w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum>'
                 f'<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="{link}"/></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
                 f'<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="{restart[0]}">'
                 f'<w:startOverride w:val="{restart[1]}"/></w:lvlOverride></w:num></w:numbering>')
    style_xml = "".join(f'<w:style w:type="paragraph" w:styleId="{sid}"><w:basedOn w:val="{based}"/>'
                        f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr></w:style>'
                        for sid, based, ilvl, num in styles)
    body = "".join(f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:numPr><w:ilvl w:val="{ilvl}"/>'
                   f'<w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>一、总体情况</w:t></w:r></w:p>'
                   for ilvl, num, style, *_ in paragraphs)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", f"<w:document {_W}><w:body>{body}</w:body></w:document>")
        zf.writestr("word/numbering.xml", numbering)
        zf.writestr("word/styles.xml", f"<w:styles {_W}>{style_xml}</w:styles>")
    return buf.getvalue()


@_examples(100)
@given(st.lists(word_numbers, max_size=6), st.lists(word_numbers, max_size=12),
       st.lists(st.tuples(word_values, word_values, word_values, word_values), max_size=6), word_values,
       st.tuples(word_values, word_values))
def test_any_list_and_style_markup_in_a_word_file_never_raises(levels, paragraphs, styles, link, restart):
    strict_json(gouji.check_bytes(_word(levels, paragraphs, styles, link, restart), file="报告.docx"))


# ------------------------------------------------------------------ time and size

def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        gouji.check_text(text)
        best = min(best, time.perf_counter() - t0)
    return best


def _in_table(junk: str) -> str:
    """The junk where the table reader reads: right after a row of table 三."""
    return SEED.replace(ROW, ROW + "\n" + junk, 1)


# Each grows with n; a checker whose time grows faster than n is a hang waiting for its input.
GROWING = {
    "a whole report, repeated": lambda n: SEED * (n // 1000),
    "markdown image openers": lambda n: "![" * n,
    "a line of dashes in a table": lambda n: _in_table("-" * n + "x"),
    "a line of dashes and pipes in a table": lambda n: _in_table("|" + "-|" * (n // 2) + "x"),
    "open parentheses": lambda n: "(" * n,
    "pipes": lambda n: _in_table("| " * (n // 2)),
    "one sentence repeating its figures": lambda n: "收到政府信息公开申请5件，行政复议3件，诉讼2件，" * (n // 25) + "。",
    "spaces before a figure": lambda n: _in_table(" " * n + "1"),
    "digits run together": lambda n: _in_table("（一）予以公开" + "1" * (n // 10)),
    # (found by scripts/fuzz: the opening prose's "2023年，我局…" pattern backtracked over the spaces)
    "spaces after a year in the opening prose": lambda n: "(二)依申请公开情况。2023年" + " " * n + "。",
}


@pytest.mark.parametrize("name", list(GROWING))
def test_time_grows_linearly_with_the_size_of_the_input(name):
    make = GROWING[name]
    small, big = _seconds(make(2000)), _seconds(make(32000))
    ratio = big / max(small, 2e-4)
    assert ratio < 16 * 4, f"16x the input took {ratio:.0f}x the time ({small * 1000:.1f} ms -> {big * 1000:.1f} ms)"


def test_one_size_cap_for_text_and_files_counted_in_utf8_bytes():
    from gouji.decode import MAX_BYTES

    chinese = "政" * (MAX_BYTES // 3 + 10)  # a little over the cap in UTF-8 bytes, well under it in characters
    for result in (gouji.check_text(chinese), gouji.check_bytes(chinese.encode("utf-8"))):
        assert result["verdict"] == "unreadable"
        assert "过大" in result["findings"][0]["message"] or "过长" in result["findings"][0]["message"]


def test_the_line_memo_stays_small_whatever_it_is_fed():
    from gouji import tables

    for i in range(40):
        gouji.check_text(SEED + "\n" + (str(i) + "x") * 50_000)
    memo = getattr(tables, "_token_cache", {})
    assert sum(len(k) for k in memo) < 8 * 1024 * 1024

"""Stage 1: files as they come off a clerk's or reviewer's disk."""

import pytest

import gouji
from conftest import FIXTURES
from gouji.decode import MAX_BYTES, decode

REPORT = "一、总体情况\n2023年，我局收到政府信息公开申请3件。\n"


def test_utf8_with_and_without_bom():
    assert decode(REPORT.encode("utf-8")).text == REPORT
    assert decode(b"\xef\xbb\xbf" + REPORT.encode("utf-8")).text == REPORT


def test_a_gbk_file_saved_by_an_old_windows_editor():
    decoded = decode(REPORT.encode("gbk"))
    assert decoded.text == REPORT and decoded.encoding == "gb18030"


def test_utf16_as_saved_by_word_with_and_without_bom():
    assert decode(REPORT.encode("utf-16")).text == REPORT
    assert decode(REPORT.encode("utf-16-le")).text == REPORT


def test_binary_junk_is_refused_with_a_reason():
    decoded = decode(bytes(range(256)) * 50)
    assert decoded.text is None and "无法识别" in decoded.problem.message


def test_a_20_mb_file_is_refused_without_reading_it():
    decoded = decode(b"0" * (20 * 1024 * 1024))
    assert decoded.text is None and "过大" in decoded.problem.message and "未做任何检查" in decoded.problem.message
    assert MAX_BYTES < 20 * 1024 * 1024


# ------------------------------------------------------------------ every encoding a report comes in

TRADITIONAL = FIXTURES / "001_cba402df4409a5e2.txt"


def test_the_traditional_seed_saved_as_big5_is_read_as_big5():
    text = TRADITIONAL.read_text(encoding="utf-8")
    decoded = decode(text.encode("cp950"))
    assert decoded.encoding == "big5" and decoded.text == text
    assert gouji.check_bytes(text.encode("cp950")) == gouji.check_text(text)


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
@pytest.mark.parametrize("codec", ["gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_every_fixture_in_every_usual_encoding(name, codec):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    decoded = decode(text.encode(codec))
    assert decoded.text == text, (name, codec, decoded.problem)
    assert decoded.replaced == 0


def test_a_utf8_file_with_one_stray_byte_is_read_and_the_line_is_named():
    text = (FIXTURES / "003_5226d92ffea0b08b.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    at = len("\n".join(lines[:4]).encode("utf-8")) + 1 + 3  # inside line 5, after its first character
    data = text.encode("utf-8")
    damaged = data[:at] + b"\xb6" + data[at:]
    decoded = decode(damaged)
    assert decoded.encoding == "utf-8" and decoded.replaced == 1
    assert decoded.text.split("\n")[4].count("\ufffd") == 1
    result = gouji.check_bytes(damaged, file="x.txt")
    (u004,) = [f for f in result["findings"] if f["rule"] == "U004"]
    assert u004["severity"] == "warning" and u004["line"] == 5 and "第 5 行" in u004["message"]
    assert result["tables"] == gouji.check_text(text)["tables"]


def test_a_character_cut_in_half_is_damage_too_not_another_encoding():
    text = (FIXTURES / "001_cba402df4409a5e2.txt").read_text(encoding="utf-8")
    data = text.encode("utf-8")
    cut = data.index("撫遠市".encode()) + 1  # drop one byte of a three-byte character
    decoded = decode(data[:cut] + data[cut + 1:])
    assert decoded.encoding == "utf-8" and 1 <= decoded.replaced <= 2


def test_input_that_truly_cannot_be_decoded_says_so():
    for data in (bytes(range(256)) * 50, b"\x00\x01\x02" * 1000, "报告".encode() + bytes(range(128, 256)) * 40):
        decoded = decode(data)
        assert decoded.text is None and "无法识别" in decoded.problem.message, data[:20]

"""Stage 1: files as they come off a clerk's or reviewer's disk."""

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

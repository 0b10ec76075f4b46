"""An honest verdict: pass only when tables 三 and 四 were read and every sum was
checked; an error found wins; nothing readable is unreadable, never green."""
from __future__ import annotations

import gouji
from conftest import FIXTURES

SEED_003 = (FIXTURES / "003_5226d92ffea0b08b.txt").read_text(encoding="utf-8")
TABLE_FOUR = SEED_003.index("四、政府信息公开行政复议")
PART_FIVE = SEED_003.index("五、存在的主要问题")


def test_a_township_report_whose_tables_all_add_up_passes():
    result = gouji.check_text(SEED_003)
    assert result["verdict"] == "pass" and result["unchecked"] == [] and result["suspects"] == []


def test_a_paste_without_table_four_is_incomplete_and_says_what_was_not_checked():
    result = gouji.check_text(SEED_003[:TABLE_FOUR] + SEED_003[PART_FIVE:])
    assert result["verdict"] == "incomplete"
    assert any("第四部分" in u for u in result["unchecked"])
    assert not [f for f in result["findings"] if f["severity"] == "error"]


def test_a_table_three_with_an_unreadable_cell_is_incomplete():
    text = SEED_003.replace("(一)予以公开 | 0 |", "(一)予以公开 | ? |", 1)
    result = gouji.check_text(text)
    assert result["verdict"] == "incomplete"
    assert any("无法读取" in u for u in result["unchecked"])


def test_an_error_in_what_could_be_read_wins_over_what_could_not():
    text = (SEED_003[:TABLE_FOUR] + SEED_003[PART_FIVE:]).replace(
        "一、本年新收政府信息公开申请数量 | 0 |", "一、本年新收政府信息公开申请数量 | 4 |")
    result = gouji.check_text(text)
    assert result["verdict"] == "fail" and result["unchecked"]


def test_empty_binary_and_tableless_inputs_are_unreadable_with_one_clear_message():
    for result in (gouji.check_text(""), gouji.check_text("   \n"), gouji.check_bytes(bytes(range(256)) * 30),
                   gouji.check_text("一、总体情况\n本机关认真贯彻落实《条例》。")):
        assert result["verdict"] == "unreadable"
        inputs = [f for f in result["findings"] if f["category"] == "input"]
        assert len(inputs) == 1 and inputs[0]["severity"] == "error"
        assert not [f for f in result["findings"] if f["category"] != "input"]


def test_seed_000_with_its_flattened_table_is_never_a_pass():
    result = gouji.check_text((FIXTURES / "000_d1b84c43c22f8955.txt").read_text(encoding="utf-8"))
    assert result["verdict"] == "fail"  # prose contradiction and defacement, and its sums unchecked
    assert len(result["unchecked"]) == 3
    # its cells unread, the one number of each row said row by row; no other table flattened
    assert set(result["row_numbers"]) == {"requests"}
    assert result["row_numbers"]["requests"]["new"] == 1 and result["row_numbers"]["requests"]["total"] == 1
    whole = gouji.check_text((FIXTURES / "003_5226d92ffea0b08b.txt").read_text(encoding="utf-8"))
    assert "row_numbers" not in whole  # a table read cell by cell has none

"""A site's 繁體 switch (OpenCC s2t) must not hide any row label from the reader.

Mapping back is character by character, and a few characters are both
traditional and simplified (覆 in 反覆): every row's label, sent through s2t
and back, must still carry one of the row's keys.
"""

import opencc
import pytest

from gouji.formats import FORMATS
from gouji.normalize import normalize
from gouji.tables import label_key

S2T = opencc.OpenCC("s2t")
ROWS = [(fid, tid, row) for fid, fmt in FORMATS.items() for tid, table in fmt.tables.items() for row in table.rows]


@pytest.mark.parametrize("fid,tid,row", ROWS, ids=lambda x: getattr(x, "id", x))
def test_a_row_label_in_traditional_script_is_still_recognised(fid, tid, row):
    back = label_key(normalize(S2T.convert(row.label)).lines[0])
    assert any(k in back for k in row.keys) or back in row.weak, (fid, tid, row.id, back)


def test_traditional_characters_beyond_the_basic_plane_are_mapped_too():
    # A few traditional characters of OpenCC's table lie beyond U+FFFF (a
    # text that holds one is stored four bytes a character); they are mapped
    # with the rest, in a text that also holds ordinary traditional script.
    from gouji import t2s

    table = t2s._load()
    astral = [(src, dst) for src, dst in table.items() if src > 0xFFFF]
    assert astral
    src, dst = astral[0]
    assert t2s.to_simplified("數據" + chr(src) + "報告") == "数据" + chr(dst) + "报告"
    assert t2s.to_simplified("数据𝟘报告") == "数据𝟘报告"  # an astral character with no mapping stays


def test_every_character_of_the_basic_plane_is_mapped_as_the_table_says_and_no_other_changes():
    # The fast string table stands in for the character table itself: a
    # character it mapped wrongly would turn a label into one no format has.
    from gouji import t2s

    table = t2s._load()
    plane = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    assert t2s._translate(plane) == plane.translate(table)
    assert t2s._translate("報\ud800告") == "报\ufffd告"  # a lone surrogate, as normalize makes it


def test_a_simplified_text_with_a_traditional_character_gb2312_also_holds_is_mapped_as_the_table_says():
    # 於 and 後 are in GB2312, so the quick test for traditional script passes
    # them; they alone are then replaced, and the result must be what mapping
    # every character gives.
    from gouji import t2s

    table = t2s._load()
    both = t2s._in_gb2312()
    assert "於" in both and "後" in both
    text = "本机关於2023年收到申请12件，之後办结——" + both + "。"
    assert t2s.to_simplified(text) == text.translate(table) != text
    assert t2s.to_simplified("本机关收到申请12件——") == "本机关收到申请12件——"

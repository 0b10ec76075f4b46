"""Stage 2: the surface of pasted text made uniform, line for line."""

from gouji.normalize import normalize, parse_number


def test_line_count_is_kept_so_findings_can_quote_the_user():
    raw = "標題\r\n![圖](a.png)\r\n區(qū)政府\r\n&nbsp;\r\n"
    text = normalize(raw)
    assert len(text.lines) == len(text.original) == 5
    assert text.original[2] == "區(qū)政府"


def test_traditional_script_with_pinyin_glosses_becomes_plain_simplified():
    text = normalize("阜陽市潁州區(qū)雙清路，印發(fā)通知")
    assert text.lines[0] == "阜阳市颍州区双清路,印发通知"
    assert text.traditional


def test_full_width_digits_and_punctuation_fold_to_ascii():
    text = normalize("（一）予以公开｜１２｜０")
    assert text.lines[0] == "(一)予以公开|12|0"


def test_html_leftovers_and_markdown_images_go():
    text = normalize('<td>5</td>&nbsp;<span style="x">6</span>\n![a b](/files/1.png)')
    assert text.lines[0].split() == ["5", "6"]
    assert text.lines[1] == ""


def test_pdf_page_footers_are_dropped():
    assert normalize("-4-\n第 3 页 共 6 页\n3119").lines == ["", "", "3119"]


def test_cells_written_as_placeholders_signs_and_units():
    assert [parse_number(s).value for s in ("/", "-", "—", "无", "0")] == [0, 0, 0, 0, 0]
    assert parse_number("+11").value == 11 and parse_number("-2").value == -2
    assert parse_number("减4").value == -4 and parse_number("增3").value == 3
    assert parse_number("3892431元").value == 3892431 and parse_number("3892431元").unit == "元"
    assert parse_number("52.15万元").value == 52.15
    assert parse_number("1,234").value == 1234
    assert parse_number("六") is None and parse_number("?") is None and parse_number("-4-") is None

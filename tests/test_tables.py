"""Stage 4: table 三 and 四 recovered from the layouts clerks paste."""

import unicodedata

import gouji
from gouji.formats import FORMAT_2021

ROWS = list(FORMAT_2021.requests.rows)
FIGURES = {  # a small balanced table 三
    "new": (3, 1, 0, 0, 0, 0, 4),
    "carried_over": (1, 0, 0, 0, 0, 0, 1),
    "granted": (2, 1, 0, 0, 0, 0, 3),
    "not_processed.1": (1, 0, 0, 0, 0, 0, 1),
    "total": (3, 1, 0, 0, 0, 0, 4),
    "carried_forward": (1, 0, 0, 0, 0, 0, 1),
}
ZERO = (0,) * 7
APPEALS_LINE = "0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0"
HEAD = "二、主动公开政府信息情况\n规章 | 0 | 0 | 0\n行政规范性文件 | 1 | 0 | 5\n行政许可 | 3\n行政处罚 | 0\n" \
       "行政强制 | 0\n行政事业性收费 | 0\n" \
       "三、收到和处理政府信息公开申请情况\n(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况\n"
TAIL = "\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 | 行政诉讼\n" + APPEALS_LINE + "\n五、存在的主要问题及改进情况\n无。\n"


def table_findings(result):
    """Findings about reading and adding up the tables (S and A rules)."""
    return [f for f in result["findings"] if f["rule"][0] in "SA"]


def figures(row_id):
    return FIGURES.get(row_id, ZERO)


def pipe_rows(cell=lambda v: str(v), skip_labels=(), stop_after=None):
    lines = []
    for row in ROWS:
        if row.group:
            continue
        label = "" if row.id in skip_labels else unicodedata.normalize("NFKC", row.label)
        values = " | ".join(cell(v) for v in figures(row.id))
        lines.append(f"{label} | {values}" if label else values)
        if row.id == stop_after:
            break
    return "\n".join(lines)


def check(body, tail=TAIL):
    return gouji.check_text(HEAD + body + tail)


def by_rule(result, code):
    return [f for f in result["findings"] if f["rule"] == code]


def test_a_township_report_pasted_from_a_web_page_with_pipes():
    result = check(pipe_rows())
    assert result["tables"]["requests"]["new"]["total"] == 4
    assert result["tables"]["requests"]["other.3"] == dict.fromkeys(result["tables"]["requests"]["new"], 0)
    assert not [f for f in result["findings"] if f["severity"] == "error"]


def test_markdown_rows_with_a_separator_line():
    body = "| 行 | 自然人 | … |\n|---|---|---|\n" + "\n".join(f"| {line} |" for line in pipe_rows().split("\n"))
    result = check(body)
    assert result["tables"]["requests"]["granted"]["business"] == 1
    assert not table_findings(result)


def test_a_table_copied_from_a_browser_arrives_tab_separated():
    body = pipe_rows().replace(" | ", "\t")
    result = check(body, TAIL.replace(" | ", "\t"))
    assert result["tables"]["requests"]["carried_forward"]["natural"] == 1
    assert result["tables"]["appeals"]["review"]["total"] == 0
    assert not table_findings(result)


def test_zeros_written_as_blank_cells_slashes_and_dashes_are_zeros():
    spellings = iter(["", "/", "-", "—", "无"] * 100)
    body = pipe_rows(cell=lambda v: str(v) if v else next(spellings))
    result = check(body)
    assert result["tables"]["requests"]["refused.4"]["legal"] == 0
    assert not table_findings(result)


def test_a_whole_blank_total_column_is_unknown_not_zero():
    lines = [line.rsplit("|", 1)[0] + "| " for line in pipe_rows().split("\n")]
    result = check("\n".join(lines))
    requests = result["tables"]["requests"]
    assert all(row["total"] is None for row in requests.values())
    assert requests["new"]["natural"] == 3
    blank = by_rule(result, "S104")
    assert len(blank) == 1 and blank[0]["severity"] == "warning" and "总计" in blank[0]["message"]
    assert not [f for f in result["findings"] if f["category"] == "arithmetic"]
    assert "A103" in {n["rule"] for n in result["not_checked"]}


def test_a_cell_that_is_not_a_number_is_named():
    body = pipe_rows().replace("一、本年新收政府信息公开申请数量 | 3 | 1", "一、本年新收政府信息公开申请数量 | 3 | ?")
    result = check(body)
    assert result["tables"]["requests"]["new"]["business"] is None
    bad = by_rule(result, "S108")
    assert bad and bad[0]["cells"] == [["requests", "new", "business"]]
    assert not [f for f in result["findings"] if f["category"] == "arithmetic"]


def test_missing_sub_row_labels_with_exactly_enough_numbers_are_placed_in_order():
    refused = [f"refused.{i}" for i in range(1, 9)]
    body = pipe_rows(skip_labels=refused).replace("0 | 0 | 0 | 0 | 0 | 0 | 0\n" * 0, "")
    # the group label stands alone above the eight unlabelled rows
    body = body.replace("(二)", "(二)").replace("\n0 | 0", "\n(三)不予公开\n0 | 0", 1)
    result = check(body)
    assert result["tables"]["requests"]["refused.8"] == dict.fromkeys(result["tables"]["requests"]["new"], 0)
    assert by_rule(result, "S109")
    assert not [f for f in result["findings"] if f["severity"] == "error"]


def test_a_row_with_too_few_numbers_is_left_unknown():
    body = pipe_rows().replace("(一)予以公开 | 2 | 1 | 0 | 0 | 0 | 0 | 3", "(一)予以公开 | 2 | 1 | 3")
    result = check(body)
    assert all(v is None for v in result["tables"]["requests"]["granted"].values())
    assert by_rule(result, "S105")
    assert not [f for f in result["findings"] if f["category"] == "arithmetic"]
    assert {"A102"} <= {n["rule"] for n in result["not_checked"]}


def test_a_report_cut_off_inside_table_three():
    body = pipe_rows(stop_after="refused.3") + "\n4.保护第三方合法权益 | 0 | 0"
    result = gouji.check_text(HEAD + body)
    assert not [f for f in result["findings"] if f["category"] == "arithmetic"]
    cut = by_rule(result, "S107")
    assert (cut and "危及" in cut[0]["message"]) or "保护第三方" in cut[0]["message"]
    assert result["tables"]["requests"]["new"]["total"] == 4
    assert result["tables"]["requests"]["total"]["total"] is None
    assert {"A101", "A102", "A104"} <= {n["rule"] for n in result["not_checked"]}


def test_appeals_with_the_wrong_number_of_cells_are_not_guessed():
    result = check(pipe_rows(), TAIL.replace(APPEALS_LINE, APPEALS_LINE[:-4]))
    assert all(v is None for g in result["tables"]["appeals"].values() for v in g.values())
    assert by_rule(result, "S105")
    assert "A104" in {n["rule"] for n in result["not_checked"]}


def test_one_figure_wrong_gives_the_clerk_the_cells_and_the_sums():
    body = pipe_rows().replace("(七)总计 | 3 | 1", "(七)总计 | 2 | 1")
    result = check(body)
    balance = by_rule(result, "A101")
    assert len(balance) == 1
    assert balance[0]["message"] == ("第三部分“自然人”列：第一项 3 + 第二项 1 = 4，"
                                     "但第三项总计 2 + 第四项 1 = 3，相差 1。")
    assert balance[0]["expected"] == 4 and balance[0]["actual"] == 3
    assert ["requests", "total", "natural"] in balance[0]["cells"]
    assert by_rule(result, "A102") and by_rule(result, "A103")


def test_negative_and_fractional_counts_are_errors():
    body = pipe_rows().replace("二、上年结转政府信息公开申请数量 | 1", "二、上年结转政府信息公开申请数量 | 1.5")
    result = check(body)
    assert [f["cells"] for f in by_rule(result, "A105")] == [[["requests", "carried_over", "natural"]]]

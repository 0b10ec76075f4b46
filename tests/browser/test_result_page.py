"""A result a clerk can act on, in a real browser: the verdict decides the page,
the most likely cell is said first and marked apart, the words are plain
Chinese, and the page keeps the clerk's work (the text across a rule page and
back, a clicked finding's cells, a phone's wide tables, a printed record)."""
from __future__ import annotations

import pytest
from helpers import drop_files, evaluate_within, findings, paste, seq, state, styled_as, wait_ready, wait_result
from site_build import FIXTURES

SEED_003 = next(FIXTURES.glob("003_*.txt")).read_text(encoding="utf-8")
PART_2 = SEED_003.index("二、主动公开政府信息情况")
TABLE_3 = SEED_003.index("三、收到和处理政府信息公开申请情况")
TABLE_4 = SEED_003.index("四、政府信息公开行政复议")
PART_5 = SEED_003.index("五、存在的主要问题")
# 予以公开 / 自然人 written 4 where the rest of its row and column say 0
GRANTED_4 = SEED_003.replace("(一)予以公开 | 0 |", "(一)予以公开 | 4 |", 1)
# table 四's one row: 复议后起诉 / 结果纠正 written 3 where its group's 总计 says 0
APPEALS_ROW = "0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"
CORRECTED_3 = SEED_003.replace(APPEALS_ROW, "0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 3 | 0 | 0 | 0 |", 1)
PASS_GREEN = "rgb(46, 125, 50)"  # checker.css --gj-ok
BAD_RED = "rgb(198, 40, 40)"  # checker.css --gj-bad


def open_checker(session, server, **viewport):
    page = session.new_page(server)
    if viewport:
        page.set_viewport_size(viewport)
    wait_ready(page, session)
    return page


def cells(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.dataset.cell)")


def verdict_colour(page) -> str:
    return page.eval_on_selector("#results .gj-verdict", "e => getComputedStyle(e).color")


def test_one_changed_cell_is_the_most_likely_error_said_first_and_marked_apart(session, server, core):
    want = core.check_text(GRANTED_4)
    first = want["suspects"][0]
    assert first["sure"] and first["cell"] == ["requests", "granted", "natural"] and first["suggested"] == 0
    page = open_checker(session, server)
    paste(page, GRANTED_4)
    assert state(page) == "fail" and styled_as(page) == "fail"
    errors = sum(f["severity"] == "error" for f in want["findings"])
    assert page.inner_text(".gj-summary").startswith(f"{errors} 处错误")
    # an error finding is marked red by its badge; its words stay black to be read
    sev, words = page.eval_on_selector(".finding.gj-error", "li => [getComputedStyle(li.querySelector('.gj-sev'))"
                                       ".backgroundColor, getComputedStyle(li.querySelector('.gj-msg')).color]")
    assert sev == BAD_RED and words != BAD_RED
    # exactly one cell is the most likely, the changed one, besides .bad
    assert cells(page, "td.suspect") == ["requests.granted.natural"]
    cell = page.locator('td[data-cell="requests.granted.natural"]')
    assert {"suspect", "bad"} <= set(cell.get_attribute("class").split())
    assert page.locator("td[data-candidate]").count() == 0
    # said in words right under the headline, with the value it should have
    banner = page.eval_on_selector_all("#results .gj-banner > *", "els => els.map(e => e.className)")
    assert banner[0].startswith("gj-summary") and banner[1] == "gj-likely"
    likely = page.inner_text("#results .gj-likely")
    assert likely == "最可能的错误：" + first["message"] + "。"
    assert "应为 0" in likely
    # the cell shows what it should say beside its figure (not in its text), and looks
    # apart from the cells merely involved
    assert cell.inner_text().strip() == "4"
    badge = page.eval_on_selector("td.suspect", "e => getComputedStyle(e, '::after').content")
    assert "应为 0" in badge
    style = "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.backgroundColor]; }"
    involved = page.eval_on_selector('td.bad:not(.suspect)', style)
    assert page.eval_on_selector("td.suspect", style) != involved
    # the failed sums say 怎样改 in one line each
    for f in want["findings"]:
        line = page.inner_text(f'.finding[data-rule="{f["rule"]}"] .gj-fix')
        assert line == f"怎样改：{f['fix']}"


def test_a_changed_cell_of_table_four_gives_candidates_and_no_suspect(session, server, core):
    want = core.check_text(CORRECTED_3)
    candidates = [s for s in want["suspects"] if not s["sure"]]
    assert len(candidates) >= 2 and not [s for s in want["suspects"] if s["sure"]]
    page = open_checker(session, server)
    paste(page, CORRECTED_3)
    assert state(page) == "fail"
    assert page.locator("td.suspect").count() == 0
    marked = cells(page, "td[data-candidate]")
    assert sorted(marked) == sorted(".".join(s["cell"]) for s in candidates)
    assert "appeals.suit_after_review.corrected" in marked
    text = page.inner_text("#results .gj-candidates")
    assert text.startswith("以下单元格之一填错了（任改其一即可）：")
    for s in candidates:
        assert s["message"] in text
        assert page.get_attribute(f'td[data-cell="{".".join(s["cell"])}"]', "data-candidate") == str(s["suggested"])
    assert "最可能的错误" not in page.inner_text("#results")


@pytest.mark.parametrize("part", ["prose-only", "no-tables-3-4"])
def test_a_paste_whose_tables_cannot_be_read_is_never_green(session, server, core, part):
    text = SEED_003[:PART_2] if part == "prose-only" else SEED_003[:TABLE_3] + SEED_003[PART_5:]
    want = core.check_text(text)
    page = open_checker(session, server)
    paste(page, text)
    assert state(page) in ("error", "incomplete") and state(page) == styled_as(page)
    assert verdict_colour(page) != PASS_GREEN
    assert page.eval_on_selector("#results .gj-banner", "e => getComputedStyle(e).borderLeftColor") != PASS_GREEN
    if state(page) == "error":
        # one clear message: the input finding's, not a list of rules
        inputs = [f for f in want["findings"] if f["category"] == "input"]
        assert len(inputs) == 1
        assert page.inner_text(".gj-summary") == "无法检查：" + inputs[0]["message"]
        assert page.locator("#results .finding, #results .gj-notchecked li, #results td").count() == 0


def test_a_report_without_table_four_is_incomplete_and_says_why(session, server, core):
    text = SEED_003[:TABLE_4] + SEED_003[PART_5:]
    want = core.check_text(text)
    assert want["verdict"] == "incomplete" and want["unchecked"]
    page = open_checker(session, server)
    paste(page, text)
    assert state(page) == "incomplete" and styled_as(page) == "incomplete"
    assert page.inner_text(".gj-summary").startswith("未能全部检查")
    assert verdict_colour(page) != PASS_GREEN
    listed = page.eval_on_selector_all(".gj-banner .gj-unchecked li", "els => els.map(e => e.textContent)")
    assert listed == want["unchecked"]
    assert any("第四部分" in u for u in listed)
    # the table that was read is still rebuilt
    assert page.locator('td[data-cell="requests.new.natural"]').count() == 1


def test_the_text_is_kept_across_a_rule_page_and_back_and_only_in_this_tab(session, server):
    page = open_checker(session, server)
    paste(page, GRANTED_4)
    page.click(".gj-previous-toggle")
    seq = page.eval_on_selector("#results", "e => Number(e.dataset.seq)")
    page.fill("#previous-input", SEED_003)
    wait_result(page, seq)
    stored = page.evaluate("[sessionStorage.getItem('gouji:report'), sessionStorage.getItem('gouji:previous')]")
    assert stored == [GRANTED_4, SEED_003]
    assert page.evaluate("localStorage.length") == 0  # nothing outlives the tab
    # to a rule page (as the theme's tabs do, in the same tab) and back: the text comes
    # back and is checked again, whether or not the browser kept the page
    for back in ("history", "link"):
        page.goto(server + "rules/A102/")
        assert "A102" in page.title()
        if back == "history":
            page.go_back()
        else:
            page.goto(server)
        page.wait_for_function("document.querySelector('#results').dataset.state === 'fail'", timeout=90_000)
        assert page.input_value("#report-input") == GRANTED_4
        assert page.input_value("#previous-input") == SEED_003
        assert cells(page, "td.suspect") == ["requests.granted.natural"]
    # another tab starts empty
    other = session.context.new_page()
    other.goto(server)
    wait_ready(other)
    assert other.input_value("#report-input") == "" and state(other) == "ready"
    other.close()
    # an emptied box is forgotten
    page.fill("#report-input", "")
    page.wait_for_function("document.querySelector('#results').dataset.state === 'ready'")
    assert page.evaluate("sessionStorage.getItem('gouji:report')") is None


def test_a_clicked_finding_keeps_its_cells_marked_and_in_view(session, server, core):
    want = core.check_text(GRANTED_4)
    page = open_checker(session, server, width=1280, height=700)
    paste(page, GRANTED_4)
    first, second = want["findings"][0], want["findings"][1]
    page.click(f'.finding[data-rule="{first["rule"]}"] .gj-msg')
    page.mouse.move(5, 5)  # the mouse leaves the finding
    page.wait_for_timeout(800)  # the smooth scroll
    focused = set(cells(page, "td.focus"))
    assert focused == {".".join(c) for c in first["cells"]}
    assert page.locator(f'.finding[data-rule="{first["rule"]}"].focus').count() == 1
    # its first cell is in view, clear of the theme's sticky header
    header = page.eval_on_selector(".md-header", "e => e.getBoundingClientRect().bottom")
    top, bottom = page.eval_on_selector(f'td[data-cell="{".".join(first["cells"][0])}"]',
                                        "e => [e.getBoundingClientRect().top, e.getBoundingClientRect().bottom]")
    assert header <= top and bottom <= 700
    # hovering another shows its cells for a moment; leaving it, the clicked one's come back
    page.hover(f'.finding[data-rule="{second["rule"]}"] .gj-msg')
    assert set(cells(page, "td.focus")) == {".".join(c) for c in second["cells"]}
    page.mouse.move(5, 5)
    assert set(cells(page, "td.focus")) == focused
    # the next click moves the mark
    page.click(f'.finding[data-rule="{second["rule"]}"] .gj-msg')
    page.mouse.move(5, 5)
    assert set(cells(page, "td.focus")) == {".".join(c) for c in second["cells"]}


def verdict_in_view(page) -> bool:
    """The verdict line wholly on screen, clear of the theme's sticky header."""
    return page.evaluate("""() => {
      const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
      const r = document.querySelector('#results .gj-summary').getBoundingClientRect();
      return header <= r.top && r.bottom <= innerHeight;
    }""")


def test_a_clerk_on_a_laptop_sees_the_verdict_of_a_paste_a_sample_or_a_file_without_scrolling(session, server):
    page = open_checker(session, server, width=1280, height=720)
    # on this screen the box fills the view: the result starts at its bottom edge
    assert page.eval_on_selector("#results", "e => e.getBoundingClientRect().top + 40") > 720
    paste(page, GRANTED_4)
    assert state(page) == "fail" and verdict_in_view(page)
    # typing in the box leaves the page where the clerk is
    page.evaluate("scrollTo(0, 0)")
    n = seq(page)
    page.focus("#report-input")
    page.keyboard.press("Control+End")
    page.keyboard.type(" 。")
    wait_result(page, n)
    assert page.evaluate("scrollY") == 0
    # a sample clicked, and a file dropped, show their verdicts too
    page.evaluate("scrollTo(0, 0)")
    n = seq(page)
    page.click(".gj-samples button:has-text('样例 003')")
    wait_result(page, n)
    assert verdict_in_view(page)
    page.evaluate("scrollTo(0, 0)")
    n = seq(page)
    drop_files(page, [("本年报告.txt", GRANTED_4.encode("utf-8"))])
    wait_result(page, n)
    assert state(page) == "fail" and verdict_in_view(page)


def test_a_wide_table_on_a_phone_says_that_it_scrolls(session, server):
    page = open_checker(session, server, width=390, height=800)
    paste(page, GRANTED_4)
    box = "table.gj-grid[data-table={}] >> xpath=ancestor::div[contains(@class,'gj-scrollbox')]"
    for table in ("requests", "appeals"):
        assert page.locator(box.format(table)).get_attribute("data-overflow") is not None, table
        assert page.locator(box.format(table) + " >> .gj-swipe").is_visible()
    # at desktop width table 三 fits: no hint
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_function("!document.querySelector('table.gj-grid[data-table=requests]')"
                           ".closest('.gj-scrollbox').hasAttribute('data-overflow')")
    assert not page.locator(box.format("requests") + " >> .gj-swipe").is_visible()


def test_a_check_against_last_years_report_that_agrees_says_so(session, server):
    from prose_corpus import Case, render

    case = "收到政府信息公开申请若干。"
    last = render(Case(case, True, {"new": 10, "granted": 7}), year=2022)
    last = last.replace("行政规范性文件 | 2 | 0 | 9 |", "行政规范性文件 | 2 | 0 | 7 |")  # 7 + 2 − 0 = 9 this year
    this = render(Case(case, True, {"new": 5, "carried_over": 3, "granted": 8}), year=2023)
    page = open_checker(session, server)
    paste(page, this)
    assert page.locator(".gj-previous-ok").count() == 0  # nothing compared yet
    page.click(".gj-previous-toggle")
    seq = page.eval_on_selector("#results", "e => Number(e.dataset.seq)")
    page.fill("#previous-input", last)
    wait_result(page, seq)
    assert not [f for f in findings(page) if f[0].startswith("Y")]
    said = page.inner_text(".gj-banner .gj-previous-ok")
    assert said.startswith("已与上年报告") and "2022 年度" in said and said.endswith("未发现不一致。")
    # last year's report that disagrees: the finding, and no such line
    seq = page.eval_on_selector("#results", "e => Number(e.dataset.seq)")
    page.fill("#previous-input", last.replace("行政规范性文件 | 2 | 0 | 7 |", "行政规范性文件 | 2 | 0 | 8 |"))
    wait_result(page, seq)
    assert [f for f in findings(page) if f[0].startswith("Y")]
    assert page.locator(".gj-previous-ok").count() == 0


def test_the_printed_page_is_a_clean_record_of_the_check(session, server, core):
    want = core.check_text(GRANTED_4)
    page = open_checker(session, server, width=720, height=1000)  # about an A4 page's width
    paste(page, GRANTED_4)
    page.emulate_media(media="print")
    for hidden in ("#report-input", "#previous-input", ".gj-previous", "#check-button", ".gj-copy", ".gj-json",
                   ".gj-sample >> nth=0", ".md-header", ".md-footer", ".gj-progress"):
        assert not page.locator(hidden).is_visible(), hidden
    for shown in (".gj-stamp", ".gj-summary", ".gj-likely", ".gj-meta", ".gj-findings",
                  "table.gj-grid[data-table=requests]", "table.gj-grid[data-table=appeals]"):
        assert page.locator(shown).first.is_visible(), shown
    assert page.inner_text(".gj-stamp").startswith("检查时间：")
    for f in want["findings"]:
        assert page.locator(f'.finding[data-rule="{f["rule"]}"]').is_visible()
    # the tables fit the page: nothing scrolls sideways
    assert page.evaluate("[...document.querySelectorAll('.gj-scroll')].every(e => e.scrollWidth <= e.clientWidth + 1)")
    # table 三 runs on to a second page: its header is the table's own <thead>,
    # which the browser repeats at the top of each page
    head = page.eval_on_selector("table.gj-grid[data-table=requests]",
                                 "t => t.tHead && [getComputedStyle(t.tHead).display, t.tHead.rows.length,"
                                 " t.tHead.innerText, t.tBodies[0].querySelectorAll('tr.gj-head').length]")
    assert head and head[0] == "table-header-group" and head[1] >= 1 and "自然人" in head[2] and head[3] == 0, head
    # the marks print in colour
    adjust = page.eval_on_selector("td.suspect", "e => getComputedStyle(e).printColorAdjust")
    assert adjust == "exact"
    page.emulate_media(media="screen")
    assert page.locator("#report-input").is_visible() and not page.locator(".gj-stamp").is_visible()


RENDER_HARNESS = """async (result) => {
    const { context, renderResult, resultText } = await import(new URL("render.js", location.href));
    const ctx = context(await (await fetch("manifest.json")).json(), {});
    const target = document.createElement("section");
    document.body.append(target);
    const state = renderResult(target, result, ctx);
    return { state, banner: target.querySelector(".gj-banner").innerText,
             suspects: [...target.querySelectorAll("td.suspect")].map((e) => [e.dataset.cell, e.dataset.badge]),
             candidates: target.querySelectorAll("td[data-candidate]").length,
             text: resultText(result, ctx) };
}"""


def test_a_two_cell_answer_is_said_as_such(session, server, core):
    # the core's answer that two cells change together comes once from each side
    # (suspect.together); the page says it once, and marks both cells
    result = core.check_text(GRANTED_4)
    a, b = ["requests", "granted", "natural"], ["requests", "granted", "total"]
    result["suspects"] = [
        {"cell": a, "value": 4, "suggested": 1, "explains": ["A102", "A103"], "sure": True, "group": 0,
         "together": [b], "message": "甲格 填的是 4，应为 1（须与乙格一起改）"},
        {"cell": b, "value": 0, "suggested": 1, "explains": ["A102", "A103"], "sure": True, "group": 0,
         "together": [a], "message": "乙格 填的是 0，应为 1（须与甲格一起改）"},
    ]
    page = session.new_page(server + "app/manifest.json")
    got = evaluate_within(page, RENDER_HARNESS, result)
    assert got["state"] == "fail"
    assert sorted(got["suspects"]) == [["requests.granted.natural", "应为 1"], ["requests.granted.total", "应为 1"]]
    assert got["candidates"] == 0
    line = "最可能的错误：两个单元格须一起改：甲格 填的是 4，应为 1（须与乙格一起改）；乙格 填的是 0，应为 1（须与甲格一起改）。"
    assert line in got["banner"] and got["banner"].count("甲格 填的是") == 1
    assert line in got["text"].splitlines()


def test_a_report_that_prints_other_processing_as_one_row_shows_that_row_with_its_figures(session, server, core):
    text = (FIXTURES / "reading" / "onerow-2021-tabs.txt").read_text(encoding="utf-8")
    want = core.check_text(text)
    other = want["tables"]["requests"]["other"]
    assert other["total"] and all(v is None for v in want["tables"]["requests"]["other.1"].values())
    page = open_checker(session, server)
    paste(page, text)
    for col, v in other.items():
        assert page.inner_text(f'td[data-cell="requests.other.{col}"]') == str(v)
    assert page.inner_text('td[data-cell="requests.other.1.total"]') == ""


def test_a_table_pasted_flattened_shows_each_rows_number_beside_its_label_and_says_why(session, server, core):
    # seed 000: a web page whose table 三 lost its empty cells, one number a row
    text = next(FIXTURES.glob("000_*.txt")).read_text(encoding="utf-8")
    numbers = core.check_text(text)["row_numbers"]["requests"]
    page = open_checker(session, server)
    paste(page, text)
    grid = '#results table[data-table="requests"]'
    shown = page.eval_on_selector_all(f"{grid} th.gj-label[data-row]", """ths => Object.fromEntries(ths
        .filter((th) => th.querySelector('.gj-row-number'))
        .map((th) => [th.dataset.row, th.querySelector('.gj-row-number').textContent]))""")
    assert shown == {row: f"读到 {n}" for row, n in numbers.items()}
    # the cells stay empty: the numbers' columns are not known
    assert page.eval_on_selector_all(f"{grid} td[data-cell]", "tds => tds.every((td) => td.textContent === '')")
    assert "每行只读到一个数字" in page.inner_text("#results .gj-flat-note")
    # a table read cell by cell has neither
    assert page.locator('#results table[data-table="proactive"] .gj-row-number').count() == 0

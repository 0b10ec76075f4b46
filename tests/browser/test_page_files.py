"""Every form a report arrives in, on the page: a rich paste read from its HTML,
files dropped on the checker or chosen with its button (one shown as a paste
is; many as a table of results with a CSV), the Huaian PDF's tables cell by
cell.  Nothing leaves the browser."""
from __future__ import annotations

import csv
import io
import json
import random
import re
import sys
import time
from pathlib import Path

from helpers import (
    assert_tables_shown,
    drop_files,
    expected_state,
    findings,
    own_files,
    paste,
    rich_paste,
    seq,
    site_path,
    state,
    wait_ready,
    wait_result,
)
from site_build import FIXTURES, REPO

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import gouji
from formsgen import as_docx, as_html, as_text, report_blocks
from gouji.cli import Batch
from reportgen import random_tables

SEED_003 = next(FIXTURES.glob("003_*.txt")).read_text(encoding="utf-8")
HUAIAN = FIXTURES / "huaian-city-2024.pdf"


def _report(seed: int, body: str):
    tables = random_tables("2021", random.Random(seed), body)
    return tables, report_blocks(tables, "2021", year=2023, body=body)


def _flat(blocks) -> str:
    """The clipboard's text/plain of a table that lost its structure: one cell per line, blanks gone."""
    return "\n".join(c for line in as_text(blocks).splitlines() for c in line.split("\t") if c.strip())


def open_checker(session, server, readers=True):
    page = session.new_page(server)
    wait_ready(page, session)
    if readers:  # the readers of pages and files come in the background after ready
        page.wait_for_function("document.querySelector('[data-gouji-app]').dataset.readers", timeout=60_000)
        assert page.eval_on_selector("[data-gouji-app]", "e => e.dataset.readers") == "ready"
    return page


def test_a_rich_paste_is_read_from_its_html(session, server, site_root):
    tables, blocks = _report(11, "丹东市人民政府")
    flat = _flat(blocks)
    assert gouji.check_text(flat)["tables"] != tables  # the plain text alone does not give these tables
    page = open_checker(session, server)
    # The worker loads its last add-on (OpenCC's wheel) in the background once it
    # has been idle a while: on a slow machine that fetch fell into the paste's
    # window below (CI-like load, once).  It is no request of the paste's.
    page.wait_for_function("() => document.querySelector('[data-gouji-app]').dataset.opencc", timeout=60_000)
    n = len(session.net.log)
    rich_paste(page, as_html(blocks, 11), flat)
    # the box shows the plain text; the result is the HTML's tables, exact
    assert page.input_value("#report-input") == flat
    assert state(page) == "pass"
    assert_tables_shown(page, tables)
    # the HTML was never put into the page: no element of its markup is in the document
    assert page.locator("o\\:p, .MsoNormal, table.MsoNormalTable").count() == 0
    # the paste fetched nothing (the theme's scripts start once a result is shown, and fetch theirs).
    # The offline copy may be filling meanwhile (its service worker is registered on a timer after
    # ready, which a slow machine reaches while the readers load): those are the site's own files,
    # asked for by the service worker, and sw.js itself.
    since = session.net.log[n:]
    offline_copy = [r for r in since if r.by_service_worker or site_path(r.url, server) == "sw.js"]
    kept = own_files(site_root)
    assert all(r.method == "GET" and site_path(r.url, server) in kept for r in offline_copy), offline_copy
    assert not [r.url for r in since
                if r not in offline_copy and not re.search(r"/assets/|/search/search_index\.json$", r.url)]
    # typed over, it is text again: the edited text is checked as it stands
    before = seq(page)
    page.focus("#report-input")
    page.keyboard.press("End")
    page.keyboard.type("。")
    wait_result(page, before)
    assert page.locator('#results td[data-cell="requests.new.natural"]').count() == 1


def test_a_rich_paste_brought_back_after_a_reload_is_read_from_its_html_again(session, server):
    # a clerk pastes from a web page, opens a rule page and comes back (or reloads):
    # the same verdict and tables, not those of the paste's plain text
    tables, blocks = _report(15, "锦州市人民政府")
    flat = _flat(blocks)
    assert gouji.check_text(flat)["tables"] != tables
    page = open_checker(session, server)
    rich_paste(page, as_html(blocks, 15), flat)
    assert state(page) == "pass"
    page.reload()
    wait_ready(page, session)
    assert page.input_value("#report-input") == flat
    page.wait_for_function("document.querySelector('[data-gouji-app]').dataset.readers === 'ready'",
                           timeout=60_000)
    page.wait_for_function("document.querySelector('#results').dataset.state === 'pass'", timeout=30_000)
    assert_tables_shown(page, tables)
    # typed over, the text is no longer the paste's: its HTML is not kept with it
    before = seq(page)
    page.focus("#report-input")
    page.keyboard.press("End")
    page.keyboard.type("。")
    wait_result(page, before)
    page.evaluate("() => window.dispatchEvent(new Event('pagehide'))")
    assert page.evaluate("sessionStorage.getItem('gouji:html')") is None


def test_a_real_rich_paste_is_read_from_its_html_and_the_box_keeps_its_undo(session, server):
    # Ctrl+V of a clipboard holding text/html besides the text: the browser's own paste
    # puts the text in the box, the check reads the HTML
    tables, blocks = _report(11, "丹东市人民政府")
    flat = _flat(blocks)
    assert gouji.check_text(flat)["tables"] != tables  # the plain text alone does not give these tables
    page = open_checker(session, server)
    before = seq(page)
    page.evaluate("""([html, text]) => navigator.clipboard.write([new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" })})])""", [as_html(blocks, 11), flat])
    page.fill("#report-input", "")
    page.focus("#report-input")
    page.keyboard.press("Control+V")
    wait_result(page, before)
    assert page.input_value("#report-input") == flat
    assert state(page) == "pass"
    assert_tables_shown(page, tables)
    # the paste is the box's own: undone, the box is as it was
    page.keyboard.press("Control+Z")
    assert page.input_value("#report-input") == ""


def test_a_rich_paste_before_the_readers_is_checked_again_once_they_come(session, server):
    tables, blocks = _report(12, "大连市人民政府")
    page = session.new_page(server)
    wait_ready(page, session)
    rich_paste(page, as_html(blocks, 12), _flat(blocks))  # a paste never waits for a download
    page.wait_for_function("document.querySelector('[data-gouji-app]').dataset.readers === 'ready'",
                           timeout=60_000)
    page.wait_for_function("document.querySelector('#results').dataset.state === 'pass'", timeout=30_000)
    assert_tables_shown(page, tables)


def test_three_dropped_files_give_a_table_of_results_and_a_csv(session, server, site_root, tmp_path):
    t1, b1 = _report(21, "丹东市市场监督管理局")
    _, b2 = _report(22, "沈阳市人民政府")
    files = [
        ("丹东 报告.docx", as_docx(b1, 21)),
        ("沈阳市2023年报.html", as_html(b2, 22, page=True, charset="gb2312").encode("gb18030")),
        ("某镇.txt", SEED_003.replace("(一)予以公开 | 0 |", "(一)予以公开 | 4 |", 1).encode("gb18030")),
    ]
    want = {name: gouji.check_bytes(data, file=name) for name, data in files}
    assert [w["verdict"] for w in want.values()] == ["pass", "pass", "fail"]
    page = open_checker(session, server)
    manifest = json.loads(page.evaluate("fetch('app/manifest.json').then((r) => r.text())"))
    page.evaluate("""() => { window.__progress = [];
        new MutationObserver(() => { const s = document.querySelector('.gj-status').textContent;
          if (s && window.__progress.at(-1) !== s) window.__progress.push(s); })
        .observe(document.querySelector('.gj-status'), { childList: true, characterData: true, subtree: true }); }""")
    n = len(session.net.log)
    before = seq(page)
    drop_files(page, files, "#report-input")  # anywhere on the checker, the text box too
    wait_result(page, before)
    # progress, file by file
    progress = page.evaluate("window.__progress")
    assert [p for p in progress if p.startswith("正在读取")] == [
        f"正在读取第 {i}/3 个文件：{name}" for i, (name, _) in enumerate(files, 1)]
    assert page.input_value("#report-input") == ""
    assert page.inner_text(".gj-file-note") == "已选择 3 个文件"
    # one row per file: its verdict, counts, body and year
    vocab = manifest["vocabulary"]
    rows = page.eval_on_selector_all("table.gj-batch tr.gj-file-row", """els => els.map(tr =>
        Array.from(tr.children).map(c => c.textContent))""")
    assert len(rows) == 3
    sev = [s["id"] for s in vocab["severities"]]
    for row, (name, _) in zip(rows, files):
        w = want[name]
        counts = [str(sum(f["severity"] == s for f in w["findings"])) for s in sev]
        assert row == [name, w["body"] or "", str(w["year"] or ""), vocab["verdicts"][w["verdict"]]["word"],
                       *counts, str(len(w["not_checked"]))]
    head = page.eval_on_selector_all("table.gj-batch thead th", "els => els.map(e => e.textContent)")
    assert head == ["文件", "机关", "年度", "结论", *[s["word"] for s in vocab["severities"]], vocab["not_checked"]]
    # the verdict in its state's colour; the page's state is the heaviest
    colours = page.eval_on_selector_all("td.gj-file-verdict", "els => els.map(e => getComputedStyle(e).color)")
    assert colours[0] == colours[1] != colours[2]
    assert state(page) == "fail"
    assert page.locator("#results .finding").count() == 0  # no file's result is open yet
    # a row opens that file's whole result below the table, and back
    page.click("tr.gj-file-row[data-file='2']")
    assert page.locator(".gj-batch-detail").is_visible()
    assert sorted(map(tuple, findings(page))) == sorted(
        (f["rule"], f["severity"], f["category"]) for f in want["某镇.txt"]["findings"])
    assert page.eval_on_selector_all("td.suspect", "els => els.map(e => e.dataset.cell)") == [
        "requests.granted.natural"]
    assert "某镇.txt" in page.inner_text(".gj-batch-detail .gj-meta")
    page.click("tr.gj-file-row[data-file='0']")
    assert_tables_shown(page, t1)
    page.click(".gj-back")
    assert page.locator(".gj-batch-detail").is_hidden()
    assert page.locator("table.gj-batch").is_visible()
    # the CSV: UTF-8 with BOM, the CLI's columns and figures
    with page.expect_download() as dl:
        page.click("button.gj-csv")
    data = Path(dl.value.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert dl.value.suggested_filename.endswith(".csv")
    out = io.StringIO()
    cli = Batch("csv", out, io.StringIO(), progress=False)
    for name, _ in files:
        cli.add(want[name])
    assert data.decode("utf-8") == out.getvalue()
    assert next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[-1] == "规则"
    # nothing left the browser: no request since the drop but for the site's own files
    # (the add-ons; the offline copy, which may be filling meanwhile, and its service worker)
    kept = own_files(site_root)
    for r in session.net.log[n:]:
        assert r.method == "GET" and not r.post_data
        assert r.url.startswith(server) and site_path(r.url, server) in kept, r.url
    # and the page still checks a paste
    paste(page, SEED_003)
    assert state(page) == "pass" and page.locator("table.gj-batch").count() == 0
    assert page.inner_text(".gj-file-note") == "" or page.locator(".gj-file-note").is_hidden()


def test_one_file_chosen_with_the_button_is_shown_as_a_paste_is(session, server, core, tmp_path):
    _, blocks = _report(31, "丹东市市场监督管理局")
    path = tmp_path / "报告.docx"
    path.write_bytes(as_docx(blocks, 31))
    want = gouji.check_bytes(path.read_bytes(), file=path.name)
    page = open_checker(session, server)
    paste(page, SEED_003)
    before = seq(page)
    with page.expect_file_chooser() as fc:
        page.click(".gj-file-button")
    assert fc.value.is_multiple()
    fc.value.set_files(str(path))
    wait_result(page, before)
    assert state(page) == expected_state(want)
    assert page.inner_text(".gj-file-note") == "已选择文件：报告.docx"
    assert page.input_value("#report-input") == ""
    assert page.locator("table.gj-batch").count() == 0
    assert_tables_shown(page, want["tables"])
    meta = page.inner_text(".gj-meta")
    assert "报告.docx" in meta and want["body"] in meta
    # last year's report given afterwards: the file is checked again against it
    page.click(".gj-previous-toggle")
    before = seq(page)
    page.fill("#previous-input", SEED_003)
    wait_result(page, before)
    assert "报告.docx" in page.inner_text(".gj-meta")
    assert page.input_value("#report-input") == ""
    # an old .doc: what to do, never a pass
    before = seq(page)
    drop_files(page, [("旧.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))])
    wait_result(page, before)
    assert state(page) == "error"
    assert "另存为 .docx" in page.inner_text("#results")


def test_the_huaian_pdf_dropped_on_the_page_yields_its_tables_exactly(session, server, core):
    """Tables 二, 三 and 四 of the Huaian PDF, cell by cell, as the layout text gives them;
    the first PDF of a session fetches the readers and the PDF add-on from the site itself."""
    layout = core.check_text((FIXTURES / "huaian-city-2024.layout.txt").read_text(encoding="utf-8"))
    assert set(layout["tables"]) == {"proactive", "requests", "appeals"}
    page = session.new_page(server)
    wait_ready(page, session)
    sizes: list[tuple[str, int]] = []

    def finished(req):
        try:
            sizes.append((req.url, req.sizes()["responseBodySize"]))
        except Exception:  # a request that failed has no sizes
            sizes.append((req.url, 0))

    session.context.on("requestfinished", finished)
    before = seq(page)
    t0 = time.monotonic()
    drop_files(page, [(HUAIAN.name, HUAIAN.read_bytes())])
    wait_result(page, before, timeout=120_000)
    took = time.monotonic() - t0
    session.context.remove_listener("requestfinished", finished)
    assert state(page) == "pass"
    assert_tables_shown(page, layout["tables"])
    shown = page.eval_on_selector_all("#results td[data-cell]", "els => els.map(e => e.dataset.cell)")
    want = [f"{t}.{r}.{c}" for t, rows in layout["tables"].items() for r, cols in rows.items() for c in cols]
    assert sorted(shown) == sorted(want)
    meta = page.inner_text(".gj-meta")
    assert "淮安市人民政府" in meta and "2024" in meta and HUAIAN.name in meta
    assert page.locator("#results .finding").count() == 0
    fetched = [(u, b) for u, b in sizes if "/app/" in u]
    assert any(re.search(r"/wheels/pypdf-[^/]+\.whl$", u) for u, _ in fetched)
    assert all(u.startswith(server) for u, _ in sizes)
    elapsed = float(page.eval_on_selector("#results", "e => e.dataset.elapsedMs"))
    report = {"drop_to_result_ms": elapsed, "wall_s": round(took, 2),
              "bytes": sum(b for _, b in fetched), "files": fetched}
    (REPO / "build").mkdir(exist_ok=True)
    (REPO / "build" / "first-pdf.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    print(f"\nfirst PDF on the page: {elapsed:.0f} ms from the drop, {report['bytes'] / 1e3:.0f} kB fetched: "
          + ", ".join(f"{u.rsplit('/', 1)[-1]} {b / 1e3:.0f} kB" for u, b in fetched))


_DROP_HUGE_JS = """([name, megabytes]) => {
  // a file of that size made of one megabyte over and over: the browser keeps it
  // as pieces of one blob, so the test costs no memory; read whole, it would
  const piece = new Blob([new Uint8Array(1024 * 1024)]);
  const dt = new DataTransfer();
  dt.items.add(new File(Array(megabytes).fill(piece), name, { type: "video/mp4" }));
  const target = document.querySelector("#results");
  for (const type of ["dragenter", "dragover", "drop"]) {
    target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }
}"""


def test_a_3_gb_video_dropped_by_mistake_is_refused_by_its_size_and_never_read(session, server):
    page = open_checker(session, server, readers=False)
    before = seq(page)
    page.evaluate(_DROP_HUGE_JS, ["会议录像.mp4", 3072])
    wait_result(page, before)
    assert state(page) == "error"
    said = page.inner_text("#results")
    assert "过大" in said and "3072.0 MB" in said, said
    # the checker is still there for the next report
    paste(page, SEED_003)
    assert state(page) in {"pass", "fail", "incomplete"}


def test_a_report_changed_on_disk_after_it_was_chosen_is_said_to_be_unreadable_in_chinese(session, server, tmp_path):
    # The clerk chooses the report, then saves it again in WPS before the
    # checker has read it: the browser refuses to read it (in English).
    path = tmp_path / "报告.txt"
    path.write_text(SEED_003, encoding="utf-8")
    held = []  # manifest.json held back (the page's and the worker's): the file is read only after
    session.context.route("**/manifest.json", lambda route: held.append(route))
    page = session.new_page(server)
    page.wait_for_selector("input[type=file]", state="attached")
    page.set_input_files("input[type=file]", str(path))
    page.wait_for_function("document.querySelector('.gj-file-note').textContent.includes('报告.txt')")
    time.sleep(1.1)  # a modification time the browser sees as changed
    path.write_text(SEED_003 + "\n（修改）", encoding="utf-8")
    for route in held:
        route.fallback()
    session.context.unroute("**/manifest.json")
    wait_ready(page, session)
    wait_result(page, 0, timeout=90_000)
    assert state(page) == "error"
    said = page.inner_text("#results")
    assert "无法打开文件" in said and "重新选择" in said, said
    assert "检查器内部错误" not in said and "could not" not in said

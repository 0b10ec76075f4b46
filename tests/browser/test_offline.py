"""Offline after the first visit: the service worker (sw.js at the site's root)
keeps every file of the build, each checked against its hash; with the server
gone and the browser offline, a reload still checks a report, under a
sub-path, and inside the embed frame on another site's page; a new build
replaces the old one whole, never a mix of the two."""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FRAME_READY,
    OtherSite,
    Session,
    check_in_frame,
    evaluate_within,
    expected_state,
    kept_files,
    paste,
    state,
    wait_ready,
    wait_until,
)
from site_build import FIXTURES, load_build_site, load_serve

SEED = next(FIXTURES.glob("003_*.txt")).read_text(encoding="utf-8")
SUB = "gov/checker/gouji/"
OFFLINE_READY = "() => document.querySelector('[data-gouji-app]').dataset.offline === 'ready'"
# The caches of the site's service worker: {name: [url, …]}
CACHES = """async () => {
  const out = {};
  for (const name of await caches.keys()) out[name] = (await (await caches.open(name)).keys()).map((r) => r.url);
  return out;
}"""
WAITING = "async () => { const r = await navigator.serviceWorker.getRegistration(); return Boolean(r && r.waiting); }"


class Served:
    """The site under a sub-path of a server of its own, which the test can take away."""

    def __init__(self, tmp: Path, site: Path):
        self.root = tmp / "www"
        (self.root / SUB).parent.mkdir(parents=True)
        self.link = self.root / SUB.rstrip("/")
        self.link.symlink_to(site)
        self.srv, origin = load_serve().serve_in_thread(self.root)
        self.base = origin + SUB

    def switch(self, site: Path):
        self.link.unlink()
        self.link.symlink_to(site)

    def stop(self):
        self.srv.shutdown()
        self.srv.server_close()


def first_visit(session, served):
    """The checker's page opened once, until the service worker has kept the site."""
    page = session.new_page(served.base)
    wait_ready(page, session)
    page.wait_for_function(OFFLINE_READY, timeout=60_000)
    return page


def go_offline(session, served):
    served.stop()
    session.context.set_offline(True)


@contextlib.contextmanager
def own_browser(playwright_instance, tmp_path, site):
    """The site under a sub-path, and a browser of its own profile, not yet on it:
    (served, context, page).  Without the Session's routing, which turns the HTTP
    cache off."""
    served = Served(tmp_path, site)
    context = None
    try:
        context = playwright_instance.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = context.pages[0] if context.pages else context.new_page()
        yield served, context, page
    finally:
        if context is not None:
            context.close()
        served.stop()


@contextlib.contextmanager
def visited_once(playwright_instance, tmp_path, site):
    """own_browser, whose first visit to the checker lasted until the service worker
    kept the site."""
    with own_browser(playwright_instance, tmp_path, site) as (served, context, page):
        page.goto(served.base)
        wait_ready(page)
        page.wait_for_function(OFFLINE_READY, timeout=60_000)
        yield served, context, page


def test_a_reload_checks_a_report_with_the_server_gone(playwright_instance, site_root, tmp_path, core):
    served = Served(tmp_path, site_root)
    s = Session(playwright_instance, served.base)
    try:
        page = first_visit(s, served)
        # one cache, this scope's, holding every file of the build and nothing else
        caches = evaluate_within(page, CACHES)
        assert len(caches) == 1
        (name, urls), = caches.items()
        assert name.startswith(f"gouji /{SUB} ")
        assert sorted(urls) == sorted(served.base + p for p in kept_files(site_root))
        for needed in ("", "app/frame.html", "app/worker.js", "app/manifest.json", "app/runtime/pyodide.asm.wasm",
                       "app/runtime/stdlib-start.bin", "app/runtime/python_stdlib.zip", "rules/A101/",
                       "search/search_index.json"):
            assert served.base + needed in urls, needed
        manifest = json.loads((site_root / "app" / "manifest.json").read_text(encoding="utf-8"))
        for wheel in [manifest["wheel"], *manifest["addons"].values()]:
            assert f"{served.base}app/wheels/{wheel}" in urls

        go_offline(s, served)
        page.reload()
        wait_ready(page, s)
        paste(page, SEED)
        assert state(page) == expected_state(core.check_text(SEED))
        # the add-ons come from the cache too, and a rule page opens
        page.wait_for_function("() => document.querySelector('[data-gouji-app]').dataset.opencc", timeout=60_000)
        assert page.eval_on_selector("[data-gouji-app]", "e => e.dataset.opencc") == "ready"
        page.goto(served.base + "rules/A101/")
        assert "A101" in page.title()
    finally:
        s.close()
        served.stop()
    assert not s.net.blocked and not s.errors, (s.net.blocked, s.errors)


def second_build(site: Path, into: Path) -> dict:
    """A copy of the built site with another wheel (new name, new bytes), a
    manifest that names it, other sample labels, and its own sw.js."""
    shutil.copytree(site, into, symlinks=False)
    manifest = json.loads((into / "app" / "manifest.json").read_text(encoding="utf-8"))
    old = into / "app" / "wheels" / manifest["wheel"]
    new = old.with_name(old.name.replace("gouji-", "gouji-rebuilt-"))
    with zipfile.ZipFile(old) as src, zipfile.ZipFile(new, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr("gouji-rebuilt.txt", "a second build")
    old.unlink()
    manifest["wheel"] = new.name
    manifest["wheel_sha256"] = hashlib.sha256(new.read_bytes()).hexdigest()
    for sample in manifest["samples"]:
        sample["label"] += "（新）"
    (into / "app" / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    load_build_site().write_service_worker(into)
    return manifest


def used_manifest_and_wheel(page, base) -> tuple[str, str]:
    """What the page's own fetches get now (through the service worker): the
    manifest's wheel name, and whether that wheel's bytes are the ones it names."""
    return evaluate_within(page, """async (base) => {
      const m = await (await fetch(base + "app/manifest.json")).json();
      const bytes = await (await fetch(base + "app/wheels/" + m.wheel)).arrayBuffer();
      const hex = Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)),
                             (b) => b.toString(16).padStart(2, "0")).join("");
      return [m.wheel, hex === m.wheel_sha256 ? "matches" : "another wheel"];
    }""", base)


def test_a_new_build_replaces_the_old_one_whole(playwright_instance, site_root, tmp_path, core):
    first = json.loads((site_root / "app" / "manifest.json").read_text(encoding="utf-8"))
    b = tmp_path / "b"
    second = second_build(site_root, b)
    served = Served(tmp_path, site_root)
    s = Session(playwright_instance, served.base)
    try:
        page = first_visit(s, served)
        # the new build goes up; the open page reloads: still the first build, whole
        served.switch(b)
        page.reload()
        wait_ready(page, s)
        assert used_manifest_and_wheel(page, served.base) == [first["wheel"], "matches"]
        assert page.inner_text("button.gj-sample >> nth=0") == first["samples"][0]["label"]
        # meanwhile the page checked for a new service worker: it installs the new
        # build beside the old one, and waits
        page.wait_for_function(OFFLINE_READY, timeout=60_000)
        wait_until(page, WAITING)
        assert len(evaluate_within(page, CACHES)) == 2
        # the next load of the only page open: the new build takes over, whole
        page.reload()
        page.wait_for_function("(label) => { const b = document.querySelector('button.gj-sample'); "
                               "return b && b.textContent === label; }",
                               arg=second["samples"][0]["label"], timeout=60_000)
        wait_ready(page, s)
        assert used_manifest_and_wheel(page, served.base) == [second["wheel"], "matches"]
        caches = evaluate_within(page, CACHES)
        assert len(caches) == 1
        (urls,) = caches.values()
        assert sorted(urls) == sorted(served.base + p for p in kept_files(b))
        assert f"{served.base}app/wheels/{first['wheel']}" not in urls
        # and it runs offline as it is
        go_offline(s, served)
        page.reload()
        wait_ready(page, s)
        paste(page, SEED)
        assert state(page) == expected_state(core.check_text(SEED))
        assert any(r.url.endswith("/app/wheels/" + second["wheel"]) for r in s.net.log)
    finally:
        s.close()
        served.stop()
    assert not s.net.blocked and not s.errors, (s.net.blocked, s.errors)


def test_a_visit_back_takes_the_runtime_the_first_visit_compiled(playwright_instance, site_root, tmp_path, core):
    """Chrome keeps the machine code it compiles from the runtime's WebAssembly with
    the copy it came from: the first visit's is the HTTP cache's.  A visit back,
    served by the service worker, gets that very copy; the offline copy's when the
    HTTP cache holds another (the server's file changed since the install checked
    it) or none."""
    site = tmp_path / "site"
    shutil.copytree(site_root, site)
    wasm = site / "app" / "runtime" / "pyodide.asm.wasm"
    with visited_once(playwright_instance, tmp_path, site) as (served, context, page):
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        sources: list[str] = []
        cdp.on("Network.responseReceived", lambda e: sources.append(
            e["response"].get("serviceWorkerResponseSource") if e["response"].get("fromServiceWorker") else "network")
            if e["response"]["url"] == served.base + "app/runtime/pyodide.asm.wasm" else None)

        def visit_back() -> str:
            page.reload()
            wait_ready(page)
            paste(page, SEED)
            assert state(page) == expected_state(core.check_text(SEED))
            return sources.pop()

        assert visit_back() == "http-cache"
        # the same file, dated anew on the server, and the HTTP cache's copy with it
        # (fetched past the service worker): not the copy the install checked
        stamp = wasm.stat().st_mtime + 60
        os.utime(wasm, (stamp, stamp))
        cdp.send("Network.setBypassServiceWorker", {"bypass": True})
        evaluate_within(page, "u => fetch(u, {cache: 'reload'}).then((r) => r.arrayBuffer()).then(() => true)",
                        served.base + "app/runtime/pyodide.asm.wasm")
        sources.clear()
        cdp.send("Network.setBypassServiceWorker", {"bypass": False})
        assert visit_back() == "cache-storage"
        cdp.send("Network.clearBrowserCache")
        assert visit_back() == "cache-storage"


TIMINGS = "JSON.parse(document.querySelector('[data-gouji-app]').dataset.timings || '{}')"


def test_a_first_visit_compiles_the_runtime_once_more_from_the_browsers_copy_and_a_visit_back_does_not(
        playwright_instance, site_root, tmp_path):
    """So that Chrome keeps the runtime's optimised code for the visits back
    (app/startup.js keepCompiledRuntime): the page's second compile reads the HTTP
    cache's copy, never the network; a visit the service worker controls does not
    compile it again."""
    with own_browser(playwright_instance, tmp_path, site_root) as (served, context, page):
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        wasm = served.base + "app/runtime/pyodide.asm.wasm"
        reads: list[str] = []

        def source(response: dict) -> str:
            if response.get("fromServiceWorker"):
                return "service worker"
            return "cache" if response.get("fromDiskCache") or response.get("fromMemoryCache") else "network"

        cdp.on("Network.responseReceived",
               lambda e: reads.append(source(e["response"])) if e["response"]["url"] == wasm else None)
        page.goto(served.base)
        wait_ready(page)
        page.wait_for_function(f"() => 'runtime_kept' in {TIMINGS}", timeout=30_000)
        kept = page.evaluate(f"() => {TIMINGS}.runtime_kept")
        assert isinstance(kept, int) and kept >= 0, kept
        assert reads == ["network", "cache"]
        page.wait_for_function(OFFLINE_READY, timeout=60_000)
        reads.clear()
        page.reload()  # a visit back
        wait_ready(page)
        page.wait_for_function(f"() => 'runtime_kept' in {TIMINGS}", timeout=30_000)
        assert page.evaluate(f"() => {TIMINGS}.runtime_kept") is None
        assert reads == ["service worker"]


def compiled_scripts(context, page, visit) -> dict[str, int]:
    """Each of the site's scripts compiled during visit() (a callable): {url: bytes of
    code Chrome had kept for it, 0 when it compiled it from its text}, from a trace."""
    cdp = context.new_cdp_session(page)
    events: list[dict] = []
    done: list[bool] = []
    cdp.on("Tracing.dataCollected", lambda e: events.extend(e["value"]))
    cdp.on("Tracing.tracingComplete", lambda e: done.append(True))
    cdp.send("Tracing.start", {"categories": "v8", "transferMode": "ReportEvents"})
    visit()
    cdp.send("Tracing.end")
    while not done:
        page.wait_for_timeout(100)
    out: dict[str, int] = {}
    for e in events:
        data = (e.get("args") or {}).get("data") or {}
        if e.get("name") in ("v8.compile", "v8.compileModule") and data.get("url", "").startswith("http"):
            out[data["url"]] = max(out.get(data["url"], 0), data.get("consumedCacheSize", 0))
    return out


def test_a_visit_back_takes_the_javascript_the_visit_before_compiled(playwright_instance, site_root, tmp_path, core):
    """The offline copy keeps the server's own responses, beside which Chrome keeps
    the code it compiled from them: the runtime's 1.25 MB of JavaScript is compiled
    on the first visit the service worker serves, and taken from there on the next
    ones.  The worker it starts still knows, from its URL's query, to take the
    WebAssembly the page compiled."""
    with visited_once(playwright_instance, tmp_path, site_root) as (served, context, page):
        def visit_back():
            page.reload()
            wait_ready(page)
            paste(page, SEED)
            assert state(page) == expected_state(core.check_text(SEED))
            timings = json.loads(page.eval_on_selector("[data-gouji-app]", "e => e.dataset.timings"))
            assert "wasm_from_page" in timings, timings  # the worker took the page's module
            page.wait_for_timeout(2000)  # as a visit: Chrome keeps the code it compiled meanwhile

        runtime = served.base + "app/runtime/pyodide.asm.mjs"
        first = compiled_scripts(context, page, visit_back)
        assert first.get(runtime) == 0, first  # served from the offline copy for the first time
        again = compiled_scripts(context, page, visit_back)
        assert again.get(runtime, 0) > 100_000, again
        for script in ("app/worker.js?wasm=page", "app/runtime/pyodide.mjs", "app/checker.js"):
            assert served.base + script in again, (script, again)


@pytest.mark.parametrize("storage", ["allowed", "blocked"])
def test_the_embedded_checker_on_another_sites_page(playwright_instance, site_root, tmp_path, core, storage):
    """The frame registers the service worker itself, in the embedding site's
    partition: with the checker's server gone, the embedding page still checks.
    A browser that keeps no storage for frames of another site (a private
    window) says so ([data-offline=no]), and the checker works as before."""
    served = Served(tmp_path, site_root)
    head = '<!doctype html><meta charset="utf-8"><title>指引</title><body>'
    other = OtherSite({
        "/": head + f'<script src="{served.base}app/embed.js" defer></script></body>',
        # the checker's own server gone, embed.js with it: the frame as such
        "/later": head + f'<iframe class="gouji-embed" src="{served.base}app/frame.html#origin=ORIGIN"></iframe>',
    })
    other.pages["/later"] = other.pages["/later"].replace("ORIGIN", quote(other.origin, safe=""))
    s = Session(playwright_instance, served.base, also=(other.base,), third_party_storage=storage == "allowed")
    want = expected_state(core.check_text(SEED))
    try:
        page = s.new_page(other.base)
        frame = page.wait_for_selector("iframe.gouji-embed").content_frame()
        frame.wait_for_function(FRAME_READY, timeout=90_000)
        frame.wait_for_function("() => ['ready', 'no'].includes(document.querySelector('[data-gouji-app]')"
                                ".dataset.offline)", timeout=60_000)
        offline = frame.eval_on_selector("[data-gouji-app]", "e => e.dataset.offline")
        assert offline == ("ready" if storage == "allowed" else "no")
        assert check_in_frame(frame, SEED) == want
        if storage == "blocked":
            return
        served.stop()
        page.goto(other.base + "later")
        frame = page.wait_for_selector("iframe.gouji-embed").content_frame()
        frame.wait_for_function(FRAME_READY, timeout=90_000)
        assert check_in_frame(frame, SEED) == want
    finally:
        s.close()
        served.stop()
        other.close()
    assert not s.net.blocked, s.net.blocked

"""Browser tests: Python Playwright driving Debian's chromium against the built
site served on 127.0.0.1, with a fresh profile for every test.

Every request the browser makes is logged; any request that is not for the
local server is aborted and fails the test (a Pyodide fallback to a CDN, a web
font, anything)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from helpers import CHROMIUM, CoreRef, Session
from site_build import REPO, ensure_site, load_serve


def pytest_collection_modifyitems(config, items):
    # In CI (.ci/run installs chromium) a missing browser is a failure, not a skip.
    if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
        skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing (apt-get install chromium)")
        for item in items:
            if "tests/browser" in str(item.fspath):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def site_root() -> Path:
    return ensure_site()


@pytest.fixture(scope="session")
def server(site_root):
    serve = load_serve()
    srv, base = serve.serve_in_thread(site_root)
    yield base
    srv.shutdown()


@pytest.fixture
def session(playwright_instance, server):
    s = Session(playwright_instance, server)
    yield s
    s.close()
    assert not s.net.blocked, f"requests to other hosts: {s.net.blocked}"
    outside = [r.url for r in s.net.log if not (r.url.startswith(("data:", "blob:")) or s.net.local(r.url))]
    assert not outside, outside
    assert not s.errors, f"uncaught page errors: {s.errors}"


@pytest.fixture(scope="session")
def core(site_root, tmp_path_factory):
    """The CPython core the site was built from (see helpers.CoreRef)."""
    import json
    import zipfile

    manifest = json.loads((site_root / "app" / "manifest.json").read_text(encoding="utf-8"))
    unpacked = tmp_path_factory.mktemp("core-wheel")
    with zipfile.ZipFile(REPO / "build" / "tmp" / "wheel" / manifest["wheel"]) as zf:
        zf.extractall(unpacked)
    return CoreRef(unpacked)

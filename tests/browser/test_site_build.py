"""The built site, as files: complete, self-contained, relative URLs only."""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from site_build import APP, REPO, SITE, ensure_site, load_build_site

# the app's own files (the page script's modules, the worker's, the early start)
APP_FILES = ("checker.js", "client.js", "box.js", "render.js", "startup.js", "start.js", "worker.js", "files.js",
             "diagnose.js", "pyodide-io.js", "wheel.js", "embed.js", "frame.html", "embed-demo.html", "checker.css")
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


@pytest.fixture(scope="module")
def site() -> Path:
    return ensure_site()


def html_files(site):
    return sorted(site.rglob("*.html"))


def test_pages_exist(site):
    for page in ("index.html", "rules/index.html", "usage/index.html", "cli/index.html",
                 "embed/index.html", "app/frame.html", "app/embed-demo.html"):
        assert (site / page).is_file(), page
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'lang="zh' in index
    for title in ("检查", "规则", "使用说明", "命令行", "嵌入"):
        assert title in index


def test_one_page_per_rule(site, core):
    rules = core.rules()
    assert rules
    for rule in rules:
        page = site / "rules" / rule["code"] / "index.html"
        assert page.is_file(), rule["code"]
        text = page.read_text(encoding="utf-8")
        assert rule["code"] in text and rule["title"] in text and rule["severity_word"] in text
        # the page speaks Chinese only: no severity or category ids in its words
        assert f"（{rule['severity']}）" not in text
    listed = set(re.findall(r'href="([A-Z][0-9]{3})/"', (site / "rules" / "index.html").read_text(encoding="utf-8")))
    assert listed == {r["code"] for r in rules}


def test_nothing_loaded_from_another_host(site):
    """No src/href of a loaded resource, CSS url() or @import points off the site."""
    bad = []
    tag_attr = re.compile(r"<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?"
                          r"\b(src|href|data)\s*=\s*[\"']([^\"']+)[\"']", re.I)
    for f in html_files(site):
        text = f.read_text(encoding="utf-8", errors="replace")
        for tag, _attr, url in tag_attr.findall(text):
            if tag.lower() == "link" and re.search(r'rel=["\']?(canonical|alternate)', text):
                pass
            if EXTERNAL.match(url):
                bad.append((str(f.relative_to(site)), tag, url))
    for f in site.rglob("*.css"):
        text = f.read_text(encoding="utf-8", errors="replace")
        for url in re.findall(r"url\(\s*[\"']?([^\"')]+)", text) + re.findall(r"@import\s+[\"']([^\"']+)", text):
            if EXTERNAL.match(url):
                bad.append((str(f.relative_to(site)), "css", url))
    assert not bad, bad


def test_the_app_uses_relative_urls_only(site):
    for name in APP_FILES:
        text = (APP / name).read_text(encoding="utf-8")
        assert not re.search(r"https?://", text.replace("http://127.0.0.1", "")), name
        # (/lib/… is a path in Pyodide's file system, the worker's stdlib directory: not a URL)
        assert not re.search(r"""["'(]\s*/(?!/|lib/python)[a-z]""", text), f"{name}: a root-relative URL"
    worker = (APP / "worker.js").read_text(encoding="utf-8")
    # Pyodide is pointed at the site's own files (no CDN fallback)
    for opt in ("indexURL", "packageBaseUrl", "lockFileURL", "stdLibURL"):
        assert opt in worker


@pytest.fixture(scope="module")
def intranet_copy(tmp_path_factory) -> Path:
    """The site as 使用说明 tells an intranet's administrator to build it: with the
    address it is published at (GOUJI_SITE_URL), and no repository's address."""
    import os
    import subprocess

    out = tmp_path_factory.mktemp("intranet")
    env = {k: v for k, v in os.environ.items() if k != "GOUJI_REPO_URL"}
    env["GOUJI_SITE_URL"] = "https://intranet.example/tools/gouji/"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(out)], cwd=REPO, env=env,
                   check=True, capture_output=True, timeout=300)
    return out


def test_published_under_a_sub_path_the_404_page_links_under_that_path(intranet_copy):
    # GitHub Pages (and an intranet server so configured) serves 404.html for any
    # missing address, at any depth, so its links cannot be relative; the deploy
    # workflow, or the administrator, gives the site's address.
    page = (intranet_copy / "404.html").read_text(encoding="utf-8")
    links = re.findall(r'(?:href|src)="(/[^"]*)"', page)
    assert any(link.endswith(".css") for link in links) and any("rules/" in link for link in links)
    assert all(link.startswith("/tools/gouji/") for link in links), links


def test_a_copy_built_without_the_repository_address_links_to_no_other_site(intranet_copy):
    # Only the deploy workflow knows the repository (GOUJI_REPO_URL); a copy built
    # elsewhere has no "源代码" link rather than a guessed one.
    pages = sorted(intranet_copy.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        text = page.read_text(encoding="utf-8")
        away = [url for url in re.findall(r'<a\s[^>]*href="([^"]+)"', text)
                if EXTERNAL.match(url) and not re.match(r"https?://(127\.0\.0\.1|localhost)[:/]", url)]
        assert not away, (page.relative_to(intranet_copy), away)


def test_the_early_start_is_inlined_where_it_is_used(site):
    """app/start.js goes into the checker page and the frame (no request before
    the worker starts), with the page script's modules preloaded."""
    start = (APP / "start.js").read_text(encoding="utf-8")
    body = start[start.index("*/") + 2:].strip()
    for page, src in ((SITE / "index.html", "app/start.js"), (APP / "frame.html", "start.js")):
        html = page.read_text(encoding="utf-8")
        assert f'<script data-src="{src}">\n{body}\n</script>' in html, page
        assert not re.search(r"<script[^>]*\ssrc=[^>]*start\.js", html), page
        for module in ("checker", "client", "render", "startup"):
            assert f'<link rel="modulepreload" href="{src.replace("start", module)}">' in html, (page, module)


def test_the_page_script_has_no_copy_of_the_cores_words(site):
    """Severities, categories, verdicts, "not checked", "how to fix", format names and table titles come with
    manifest.json (gouji.web); the page's JS spells none of them itself."""
    manifest = json.loads((APP / "manifest.json").read_text(encoding="utf-8"))
    vocab = manifest["vocabulary"]
    words = [s["word"] for s in vocab["severities"]]
    words += list(vocab["categories"].values()) + list(vocab["formats"].values())
    words += [v["word"] for v in vocab["verdicts"].values()] + [vocab["not_checked"], vocab["how_to_fix"]]
    words += [t["title"] for layout in manifest["layouts"].values() for t in layout["tables"]]
    assert "错误" in words and "2021 年版格式（国办公开办函〔2021〕30号）" in words
    for f in sorted(APP.glob("*.js")):
        # the page's own message for a crash in the worker is not the severity
        text = f.read_text(encoding="utf-8").replace("检查器内部错误", "")
        found = [w for w in words if w in text]
        assert not found, (f.name, found)


def test_runtime_and_wheels_are_complete(site):
    manifest = json.loads((APP / "manifest.json").read_text(encoding="utf-8"))
    pinned = json.loads((REPO / "package.json").read_text())["dependencies"]["pyodide"]
    assert manifest["pyodide"] == pinned
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json",
                 manifest["stdlib_start"], manifest["stdlib_rest"]):
        assert (APP / "runtime" / name).stat().st_size > 0
    wheel = APP / "wheels" / manifest["wheel"]
    assert hashlib.sha256(wheel.read_bytes()).hexdigest() == manifest["wheel_sha256"]
    names = zipfile.ZipFile(wheel).namelist()
    for module in ("gouji/__init__.py", "gouji/check.py", "gouji/_t2s_table.py"):
        assert module in names or module + "c" in names, module
    for addon in manifest["addons"].values():
        assert (APP / "wheels" / addon).is_file()
    for s in manifest["samples"]:
        assert (APP / "samples" / s["file"]).read_bytes() == (REPO / "tests" / "fixtures" / s["file"]).read_bytes()
    # the lock file lists no package: nothing can be fetched by name
    assert json.loads((APP / "runtime" / "pyodide-lock.json").read_text())["packages"] == {}


def test_the_start_up_stdlib_goes_where_the_pinned_pyodides_python_looks(site):
    # app/wheel.js names the stdlib directory before anything is fetched; a
    # Pyodide upgrade to another Python must change it, or the worker writes
    # the start-up modules where Python never looks
    python = json.loads((APP / "runtime" / "pyodide-lock.json").read_text())["info"]["python"]
    major_minor = ".".join(python.split(".")[:2])
    found = re.findall(r'export const STDLIB_DIR = "([^"]+)";', (APP / "wheel.js").read_text(encoding="utf-8"))
    assert found == [f"/lib/python{major_minor}"], (found, python)


def test_the_workers_warm_up_reports_are_the_rule_examples(site):
    # app/warmup.json holds each line once; the texts it makes are the examples
    # that make each rule fire, every one that is text
    manifest = json.loads((APP / "manifest.json").read_text(encoding="utf-8"))
    warm = json.loads((APP / manifest["warmup_texts"]).read_text(encoding="utf-8"))
    assert len(set(warm["lines"])) == len(warm["lines"])
    texts = ["\n".join(warm["lines"][i] for i in t) for t in warm["texts"]]
    examples = []
    for f in sorted((REPO / "tests" / "rules").glob("*/trigger.txt")):
        try:
            examples.append(f.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue
    assert texts == [t for t in examples if t.strip()]
    assert len(texts) >= 20


def test_addon_wheels_are_the_pinned_ones(site):
    """The served add-ons hold exactly the files of the hashed wheels (plus pycs)."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        for orig in load_build_site().download_addons(Path(d)):
            served = zipfile.ZipFile(APP / "wheels" / orig.name)
            ozf = zipfile.ZipFile(orig)
            for n in ozf.namelist():
                if n.endswith("/RECORD") or n.endswith("/"):
                    continue
                assert served.read(n) == ozf.read(n), (orig.name, n)
            extra = set(served.namelist()) - set(ozf.namelist())
            assert all(n.endswith(".pyc") for n in extra), extra


def test_the_frame_posts_to_its_embedding_page_only(site):
    """app/frame.html posts its height to the origin app/embed.js names, never to "*"."""
    frame = (APP / "frame.html").read_text(encoding="utf-8")
    assert "postMessage(" in frame
    assert not re.search(r"""postMessage\([^;]*["']\*["']""", frame)
    embed = (APP / "embed.js").read_text(encoding="utf-8")
    assert "origin=" in embed and "ev.origin !== frameOrigin" in embed


def test_the_usage_page_states_the_cores_size_caps_and_no_page_a_placeholder(site):
    sys.path.insert(0, str(REPO / "core"))
    from gouji.extract import MAX_BYTES, MAX_FILE_BYTES

    usage = (site / "usage" / "index.html").read_text(encoding="utf-8")
    assert f"文件不超过 {MAX_FILE_BYTES // 2**20} MB" in usage
    assert f"（粘贴的也一样）不超过 {MAX_BYTES // 2**20} MB" in usage
    assert not [p for p in html_files(site) if re.search(r"\{\{\s*gouji\.", p.read_text(encoding="utf-8"))]


def test_the_start_up_stdlib_bundle_holds_the_same_modules_as_the_zip_beside_it(site):
    # the worker writes the bundle's files before Python starts; a browser that
    # cannot inflate it reads python_stdlib.zip instead (app/wheel.js): the same
    # modules, byte for byte, and nothing that would escape the stdlib's directory
    manifest = json.loads((APP / "manifest.json").read_text(encoding="utf-8"))
    raw = gzip.decompress((APP / "runtime" / manifest["stdlib_start"]).read_bytes())
    length = int.from_bytes(raw[:4], "little")
    index = json.loads(raw[4:4 + length])
    files, at = {}, 4 + length
    for name, size in index:
        files[name] = raw[at:at + size]
        at += size
    assert at == len(raw)
    with zipfile.ZipFile(APP / "runtime" / "python_stdlib.zip") as zf:
        assert files == {n: zf.read(n) for n in zf.namelist() if not n.endswith("/")}
    assert "encodings/__init__.pyc" in files and "typing.pyc" in files
    assert not any(n.startswith("/") or ".." in n.split("/") for n in files)
    assert manifest["runtime_bytes"][manifest["stdlib_start"]] == (APP / "runtime" / manifest["stdlib_start"]).stat().st_size

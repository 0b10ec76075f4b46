"""What the checker page gets from the core, as JSON text: the checks its
worker (site/app/worker.js) runs, and the layouts and rule codes the site's
build writes into manifest.json for it (scripts/build-site).

It lives in the package rather than in the worker's source so that it is
byte-compiled with the rest of the wheel (the page never compiles Python
source on its start-up path) and tested under CPython like the rest.

The protocol with the worker for rich pastes and files is written out in the
comment below (a comment, not a docstring: the page downloads this module).
"""
from __future__ import annotations

import json
from typing import Any

from . import check_text, formats, vocabulary
from .check import check_bytes, check_html
from .extract import MAX_BYTES, MAX_FILE_BYTES, check_file_size
from .problems import Internal, Unopenable
from .result import to_json, unreadable_result
from .rules import RULES

FORMAT_IDS = ("2021", "2019")

# ---------------------------------------------------------------- the worker's protocol
#
# Pasted text, and a rich paste
#     check_json(text, previous=None, html=None): html is the paste's text/html
#     when the clipboard had one (from a web page, Word or WPS).  Its tables are
#     read by their real structure; with no table in it, the text/plain is
#     checked.  The HTML is parsed in Python, never put into the page's DOM.
#
# The readers of files and pages are not in the page's start-up wheel
#     scripts/build-site moves gouji.decode and gouji/extract/{files,html,docx,pdf}
#     into a wheel of their own, gouji_readers-<version>-py3-none-any.whl
#     (manifest.json: addons.readers), which the worker unpacks into
#     site-packages after "ready" (or when the first file comes).  A rich paste
#     that comes before that is checked as its plain text: a paste never waits
#     for a download.
#
# Files dropped on the page
#     1. need = addon_for(data): "", or the key in manifest.json's "addons" of
#        what must be installed before this file can be read: "readers" (the
#        wheel above: pyodide.unpackArchive(bytes, "wheel", {extractDir:
#        site-packages})), then, for a PDF, "pdf" (the pypdf wheel:
#        micropip.install(<app/wheels/ + addons.pdf>, deps=False)).
#     2. Install it, once per session (the site's own files, nothing else is
#        fetched), and ask again, until "" or until an install fails.
#     3. check_file_json(data, name): the result, as check_json's, with
#        "file": name.  Had step 2 failed, it still answers: an "unreadable"
#        result whose finding (U002) says which component could not be loaded.
#     data is the file's bytes (a JavaScript Uint8Array arrives as a proxy and
#     is copied once).  The kind of file is told by its bytes (text in any of
#     the usual encodings, a saved page, .docx, PDF), not by name.
#     site/app/worker.js does this for {type: "file", id, name, bytes}.

#: The add-ons a kind of file needs, by manifest.json's ``addons`` key: (kind of file, importable package).
ADDONS = {"pdf": ("pdf", "pypdf")}
#: The key of the readers' archive (every file needs it).
READERS_ADDON = "readers"


def _json(result: dict[str, Any]) -> str:
    return to_json(result, default=str)


def check_json(text: str, previous: str | None = None, html: str | None = None) -> str:
    """The result of one check, as JSON text; never raises (bad input never crashes the page).

    ``html``: the same paste's ``text/html``, when the clipboard carried one.
    """
    try:
        if html:
            result = check_html(str(html), previous=previous or None, text=text)
        else:
            result = check_text(text, previous=previous or None)
    except Exception as exc:  # a bug in the checker: said as such, never a pass
        result = unreadable_result(Internal(type(exc).__name__))
    return _json(result)


def _bytes(data: Any) -> bytes:
    """A file's bytes, from Python or from JavaScript (a Uint8Array or ArrayBuffer proxy)."""
    if isinstance(data, bytes):
        return data
    if isinstance(data, (bytearray, memoryview)):
        return bytes(data)
    to_bytes = getattr(data, "to_bytes", None)
    if callable(to_bytes):
        return bytes(to_bytes())
    return bytes(data.to_py())


def addon_for(data: Any) -> str:
    """The add-on (manifest.json ``addons`` key) to install before ``check_file_json``
    can read this file; ``""`` when none is missing."""
    from .extract import readers_available

    if not readers_available():
        return READERS_ADDON
    from .extract.files import sniff

    if isinstance(data, (bytes, bytearray, memoryview)):
        head = bytes(data[:1024])
    elif hasattr(data, "subarray"):  # a Uint8Array: its first bytes only
        head = _bytes(data.subarray(0, 1024))
    else:
        head = _bytes(data)[:1024]
    for key, (kind, package) in ADDONS.items():
        if sniff(head) == kind:
            import importlib.util

            return "" if importlib.util.find_spec(package) is not None else key
    return ""


# Why the browser would not read a file (the name of the error it gave), in
# the clerk's words; the browser's own text is English.
_BROWSER_REASONS = {
    "NotFoundError": "它已被移动、改名或删除，请重新选择",
    "NotReadableError": "浏览器无法读取它（可能正被其他程序占用，或选择之后被改动），请关闭占用它的程序后重新选择",
    "SecurityError": "浏览器不允许读取它，请把它复制到本机文件夹后重新选择",
}


def check_file_json(data: Any, name: str | None = None, previous: str | None = None,
                    size: int | None = None, unread: str | None = None) -> str:
    """The result of checking one file dropped on the page, as JSON text (see the
    module's docstring for the add-on protocol); never raises.

    ``size``: the file's own size, as the browser tells it.  The page reads no
    file over the cap (``limits.file_bytes`` in :func:`vocabulary_json`): it
    sends none of its bytes, and this says how large it is.
    ``unread``: the browser could not read the file; the name of its error.
    """
    file = str(name) if name is not None else None
    try:
        # (by truth, not "is None": JavaScript's null comes as Pyodide's jsnull)
        if unread:
            reason = _BROWSER_REASONS.get(str(unread), "浏览器无法读取它，请重新选择")
            result = unreadable_result(Unopenable.file(reason), file)
        elif size and (too_large := check_file_size(int(size))) is not None:
            result = unreadable_result(too_large, file)
        else:
            prev = previous.encode("utf-8") if previous else None
            result = check_bytes(_bytes(data), file=file, previous=prev)
    except Exception as exc:  # a bug in the checker: said as such, never a pass
        result = unreadable_result(Internal(type(exc).__name__), file)
    return _json(result)


def extend_stdlib(path: str) -> None:
    """The rest of the standard library: a zip the worker loads after "ready"
    (scripts/build-site splits the runtime's stdlib in two, and the first zip
    holds only what Python's start-up and a check of text import).  It goes on
    ``sys.path``, and each package already imported from the first zip
    (``encodings``, ``importlib``, ``asyncio``…) looks in it for its other modules."""
    import importlib
    import sys
    import zipfile

    with zipfile.ZipFile(path) as zf:
        packages = sorted({name.rsplit("/", 1)[0] for name in zf.namelist() if "/" in name})
    if path not in sys.path:
        sys.path.append(path)
    for package in packages:
        search = getattr(sys.modules.get(package.replace("/", ".")), "__path__", None)
        entry = f"{path}/{package}"
        if search is not None and entry not in search:
            search.append(entry)
    importlib.invalidate_caches()


def layouts_json() -> str:
    """The tables of both formats in template layout, for the page to draw results in
    (written into the site's manifest.json at build time)."""
    return json.dumps({fid: formats.layout(fid) for fid in FORMAT_IDS}, ensure_ascii=False)


def rule_codes_json() -> str:
    """Every rule's code: the page links a finding's code only when its rule page exists
    (written into the site's manifest.json at build time)."""
    return json.dumps([r.code for r in RULES])


def previous_rule_codes_json() -> str:
    """The codes of the rules that compare with last year's report: with none of
    them speaking, the page says the comparison found nothing (manifest.json)."""
    return json.dumps([r.code for r in RULES if r.needs_previous])


def vocabulary_json() -> str:
    """The checker's words for the page: severities (heaviest first), categories,
    verdicts with the page state each gives, the formats' names and the tables'
    titles, and the largest file and text it reads (written into the site's
    manifest.json at build time)."""
    return json.dumps({
        "severities": [{"id": k, "word": w} for k, w in vocabulary.SEVERITIES.items()],
        "categories": vocabulary.CATEGORIES,
        "verdicts": {k: {"state": state, "word": word} for k, (state, word) in vocabulary.VERDICTS.items()},
        "not_checked": vocabulary.NOT_CHECKED,
        "how_to_fix": vocabulary.HOW_TO_FIX,
        "formats": {fid: formats.FORMATS[fid].title for fid in FORMAT_IDS},
        # the page reads no file over file_bytes (check_file_json's size), and
        # puts no paste over text_bytes into its box (the core's one cap on text)
        "limits": {"file_bytes": MAX_FILE_BYTES, "text_bytes": MAX_BYTES},
    }, ensure_ascii=False)


# A report year each format is meant for (formats.FORMATS[...].years).
WARM_YEARS = {"2021": 2023, "2019": 2020}


def warm_text(format_id: str) -> str:
    """A synthetic report in one format that passes: every row of its tables
    (zeros), and sentences that agree with them, so that one check of it runs
    through every stage and rule."""
    lay = formats.layout(format_id)
    year = WARM_YEARS[format_id]
    lines = [f"{year}年政府信息公开工作年度报告", "一、总体情况", "本机关共收到政府信息公开申请0件。"]
    for t in lay["tables"]:
        lines.append(t["title"])
        if formats.FORMATS[format_id].tables[t["id"]].side_by_side:
            lines.append(" | ".join(["0"] * 15))
            continue
        for r in t["rows"]:
            n = len(r["columns"] or t["columns"])
            lines.append(r["label"] + " | " + " | ".join(["0"] * n))
    lines += ["五、存在的主要问题及改进情况", "一是公开内容不够全面。", "六、其他需要报告的事项",
              "本年度未收取信息处理费。", "某某人民政府办公室", f"{year + 1}年1月20日"]
    return "\n".join(lines)


def warm_texts_json() -> str:
    """The worker's warm-up checks, run once right after the page is ready so that a
    paste a moment later does not pay first-use costs: each format, and traditional script."""
    texts = [warm_text(fid) for fid in FORMAT_IDS]
    texts.append(texts[0].replace("政府信息公开申请", "政府信息公開申請").replace("收取信息处理费", "收取資訊處理費"))
    return json.dumps(texts, ensure_ascii=False)

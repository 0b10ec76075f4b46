"""A PDF's text layer, laid out as ``pdftotext -layout`` lays it out, for the
table reader (labels wrapped around the numbers, cells apart by spaces).

The one add-on the checker uses for this, ``pypdf`` (pure Python, no other
dependency), is imported here and only here, when a PDF arrives: the CLI
installs it with gouji; the checker page installs it with micropip the first
time a PDF is dropped on it (see gouji.web).  Chosen by measurement on
tests/fixtures/huaian-city-2024.pdf (tables 二, 三 and 四 exactly as from
``pdftotext -layout``); pdfminer.six needs the compiled ``cryptography`` and
loses the columns in its default layout.

A PDF whose pages hold no text (a scan) is said to be one, never checked as empty.
"""

from __future__ import annotations

import io
import logging
import time
from typing import Any

from ..problems import AddonMissing, BrokenFile, EncryptedPdf, NoTextLayer
from ..regexes import regex
from . import MAX_PDF_PAGE_CONTENT, PDF_PAGE_CAP, Source

#: The package that reads PDFs, as it is imported and installed.
PACKAGE = "pypdf"
#: A report is a few pages to a few dozen; past this the file is something else.
MAX_PAGES = 300
#: A PDF still being read after this many seconds is given up, between two pages
#: (a report takes a second or two; in the page's Pyodide, some ten times more).
MAX_SECONDS = 60
_clock = time.monotonic  # (a test's own clock in its place)
#: A page is not read either (as past MAX_PDF_PAGE_CONTENT) with more fonts than this: a report's
#: page has a few.  Each font's character map (ToUnicode) counts a quarter of its size towards
#: MAX_PDF_PAGE_CONTENT (reading a map costs about a third of reading as much content; a quarter
#: lets a page have a few fonts embedded whole, maps of some hundreds of kB each), and is counted
#: for every font that names it (it is read again for each: 50 fonts sharing one map of 1.4 MB
#: took 16 s), and for every page.  A page at the bounds takes about a second.
MAX_FONTS = 200
FONT_MAP_SHARE = 4
#: Fewer visible characters than this per page, on average: no text layer.
MIN_CHARS_PER_PAGE = 20
_VISIBLE = regex(r"\S", table=False)


def available() -> bool:
    """Whether the add-on can be imported (the page loads it first, see gouji.web)."""
    import importlib.util

    return importlib.util.find_spec(PACKAGE) is not None


def _reader(data: bytes) -> Any:
    import pypdf

    logging.getLogger(PACKAGE).setLevel(logging.ERROR)  # its warnings about odd files are not the clerk's
    return pypdf.PdfReader(io.BytesIO(data), strict=False)


def read(data: bytes) -> Source:
    """The text lines of a PDF, or why there are none."""
    if not available():
        return Source("pdf", problem=AddonMissing(" PDF ", PACKAGE), addon="pdf")
    try:
        reader = _reader(data)
        if reader.is_encrypted and not _open_encrypted(reader):
            return Source("pdf", problem=EncryptedPdf())
        pages = reader.pages
        count = len(pages)
        if count > MAX_PAGES:
            return Source("pdf", problem=BrokenFile("PDF", f"共 {count} 页，不像是一份年度报告"))
        deadline = _clock() + MAX_SECONDS
        texts: list[str] = []
        skipped: list[int] = []  # the pages (from 1) too large to read
        for number, page in enumerate(pages, 1):
            if _clock() > deadline:
                return Source("pdf", problem=BrokenFile(
                    "PDF", f"读了 {MAX_SECONDS} 秒仍未读完，共 {count} 页，只读了 {len(texts)} 页"))
            if _too_large(page):
                skipped.append(number)
                continue
            texts.append(_page_text(page))
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        return Source("pdf", problem=BrokenFile("PDF", f"文件已损坏或不完整：{type(exc).__name__}"))
    if skipped and not texts:
        return Source("pdf", problem=BrokenFile(
            "PDF", f"每一页都过大：解压后的内容超过 {PDF_PAGE_CAP}，或字体过多，不像是年度报告"))
    visible = sum(len(_VISIBLE.findall(t)) for t in texts)
    if visible < MIN_CHARS_PER_PAGE * max(len(texts), 1):
        return Source("pdf", problem=NoTextLayer(count))
    return Source("pdf", "\n".join(texts), skipped_pages=skipped)


def _open_encrypted(reader: Any) -> bool:
    """A PDF locked only against editing opens with the empty password."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # AES needs a crypto package we do not ship: said as encrypted
        return False


def _too_large(page: Any) -> bool:
    """Whether reading the page would unpack more than a report's page ever holds (see
    MAX_PDF_PAGE_CONTENT, MAX_FONTS): its content, then the character maps of its fonts
    (the page's and those it inherits), unpacked one stream at a time, no further than
    the one that goes past."""
    from pypdf.errors import LimitReachedError
    from pypdf.generic import ArrayObject, DictionaryObject, StreamObject

    spent = 0

    def past(streams: Any, share: int) -> bool:
        nonlocal spent
        for stream in streams:
            stream = _resolved(stream)
            if not isinstance(stream, StreamObject):  # (a name where a map should be: no map)
                continue
            try:
                spent += len(stream.get_data()) // share
            except LimitReachedError:  # past pypdf's own bound for one stream (75 MB)
                return True
            if spent > MAX_PDF_PAGE_CONTENT:
                return True
        return False

    contents = _resolved(page.get("/Contents"))
    if past(contents if isinstance(contents, ArrayObject) else [contents], 1):  # (None: no content)
        return True
    fonts: list[Any] = []
    node: Any = page
    seen: set[int] = set()
    while isinstance(node, DictionaryObject) and id(node) not in seen and len(seen) < 64:  # the page, its parents
        seen.add(id(node))
        resources = _resolved(node.get("/Resources"))
        found = _resolved(resources.get("/Font")) if isinstance(resources, DictionaryObject) else None
        if isinstance(found, DictionaryObject):
            fonts.extend(f.get_object() for f in found.values())
        if len(fonts) > MAX_FONTS:
            return True
        node = _resolved(node.get("/Parent"))
    return past([f["/ToUnicode"] for f in fonts if isinstance(f, DictionaryObject) and "/ToUnicode" in f],
                FONT_MAP_SHARE)


def _resolved(obj: Any) -> Any:
    """A PDF object, its reference followed (None stays None)."""
    return obj.get_object() if obj is not None else None


def _page_text(page: Any) -> str:
    """One page in layout mode; its lines end with the page (no page's footer runs into the next page)."""
    text = page.extract_text(extraction_mode="layout") or ""
    return text.replace("\r\n", "\n").replace("\f", "\n").rstrip()

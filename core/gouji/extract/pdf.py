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
from . import Source

#: The package that reads PDFs, as it is imported and installed.
PACKAGE = "pypdf"
#: A report is a few pages to a few dozen; past this the file is something else.
MAX_PAGES = 300
#: A PDF still being read after this many seconds is given up, between two pages
#: (a report takes a second or two; in the page's Pyodide, some ten times more).
MAX_SECONDS = 60
_clock = time.monotonic  # (a test's own clock in its place)
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
        for page in pages:
            if _clock() > deadline:
                return Source("pdf", problem=BrokenFile(
                    "PDF", f"读了 {MAX_SECONDS} 秒仍未读完，共 {count} 页，只读了 {len(texts)} 页"))
            texts.append(_page_text(page))
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        return Source("pdf", problem=BrokenFile("PDF", f"文件已损坏或不完整：{type(exc).__name__}"))
    visible = sum(len(_VISIBLE.findall(t)) for t in texts)
    if visible < MIN_CHARS_PER_PAGE * max(count, 1):
        return Source("pdf", problem=NoTextLayer(count))
    return Source("pdf", "\n".join(texts))


def _open_encrypted(reader: Any) -> bool:
    """A PDF locked only against editing opens with the empty password."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # AES needs a crypto package we do not ship: said as encrypted
        return False


def _page_text(page: Any) -> str:
    """One page in layout mode; its lines end with the page (no page's footer runs into the next page)."""
    text = page.extract_text(extraction_mode="layout") or ""
    return text.replace("\r\n", "\n").replace("\f", "\n").rstrip()

"""MkDocs hook: the checker's own figures in the hand-written pages.

A page writes ``{{ gouji.text_cap }}`` (the most text the checker reads, pasted
or from a file), ``{{ gouji.file_cap }}`` (the largest file it opens) or
``{{ gouji.pdf_page_cap }}`` (the largest PDF page it reads), and the built page
says the core's value: no page spells a cap a second time.
"""
from __future__ import annotations

import re

import checkout_core  # noqa: F401  (core/ on sys.path)

from gouji.extract import MAX_BYTES, MAX_FILE_BYTES, PDF_PAGE_CAP

FIGURES = {
    "text_cap": f"{MAX_BYTES // 1024 // 1024} MB",
    "file_cap": f"{MAX_FILE_BYTES // 1024 // 1024} MB",
    "pdf_page_cap": PDF_PAGE_CAP,
}
_PLACE = re.compile(r"\{\{\s*gouji\.(\w+)\s*\}\}")


def on_page_markdown(markdown, page, config, files, **kwargs):
    def figure(m: re.Match) -> str:
        if m.group(1) not in FIGURES:  # a misspelt name fails the build, never shows braces
            raise KeyError(f"{page.file.src_path}: no figure gouji.{m.group(1)}")
        return FIGURES[m.group(1)]

    return _PLACE.sub(figure, markdown)

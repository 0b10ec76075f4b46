"""Stage 0: a report in the form it arrives in, read into the text lines the
rest of the pipeline reads (decode → normalize → …).

    plain text     the bytes decoded (gouji.decode): UTF-8, GB18030/GBK, Big5, UTF-16
    web page       .html/.htm, or markup by its content: its tables as ``| a | b |`` rows,
                   in the page's declared charset (gouji.extract.html)
    Word           .docx (also WPS's): paragraphs and tables in document order (gouji.extract.docx)
    PDF            the text layer, laid out as ``pdftotext -layout`` does (gouji.extract.pdf,
                   with the ``pypdf`` add-on, imported only when a PDF arrives)

The kind is told by the bytes (``%PDF-``, a zip with ``word/document.xml``,
OLE2 for old ``.doc``/``.wps``, markup), not only by the file's name
(gouji.extract.files).  The readers are imported when a file of their kind
arrives: none of them is on the checker page's start-up path.  The site ships
them apart from its start-up wheel (scripts/build-site, the "readers"
add-on): until the page has unpacked them, a file says so
(:func:`readers_available`) and a rich paste is read as its plain text.

This module holds only what a check of pasted text needs too: :class:`Source`
(the rules read it), the size limits and :func:`readers_available`.
"""

from __future__ import annotations

from ..problems import InputProblem, TooLarge
from ..record import Record

#: A whole year's report is a few tens of kB of text; the largest real ones
#: stay under 1 MB.  Past this size a text (or a web page) is something else.
MAX_BYTES = 5 * 1024 * 1024
#: The largest .docx or PDF read.  A report with its pictures stays well under it.
MAX_FILE_BYTES = 50 * 1024 * 1024

#: The modules that read files and pages: not imported by a check of pasted
#: text, and shipped by the site apart from its start-up wheel (the "readers"
#: add-on, see gouji.web).
READERS = ("gouji.decode", "gouji.extract.files", "gouji.extract.html", "gouji.extract.docx",
           "gouji.extract.pdf")


#: A PDF page that unpacks to more than this is not read (extract/pdf.py; the U005 finding says
#: which): its content (the drawing instructions), and its fonts' character maps at a quarter
#: (extract/pdf.py FONT_MAP_SHARE).
#: A report's page holds some tens of kB (tests/fixtures/huaian-city-2024.pdf: 12-35 kB, and six
#: maps of a few kB); reading costs about 1.2 s and 75 MB of memory per MB of content (in the
#: page's Pyodide, some ten times the time), so a file of 20 kB whose page unpacked to tens of MB
#: took minutes and gigabytes.
MAX_PDF_PAGE_CONTENT = 512 * 1024
#: The same, as the checker says it.
PDF_PAGE_CAP = f"{MAX_PDF_PAGE_CONTENT // 1024} kB"


class Source(Record):
    """How the report's text was got: from what kind of input, in which encoding,
    and how many bytes could not be read (each shown in the text as U+FFFD)."""

    def __init__(self, kind: str, text: str | None = None, encoding: str | None = None,
                 problem: InputProblem | None = None, replaced: int = 0, addon: str | None = None,
                 table_rows: int = 0, skipped_pages: list[int] | None = None) -> None:
        self.kind = kind  # text | html | docx | pdf | doc | zip | image | archive | rtf
        self.text = text
        self.encoding = encoding
        self.problem = problem  # why there is no text, when text is None
        self.replaced = replaced
        self.addon = addon  # the add-on that must be loaded first (None when none is missing)
        self.table_rows = table_rows  # lines that are rows of a real table (web pages)
        self.skipped_pages = skipped_pages or []  # PDF pages (from 1) too large to read, left out of text


_readers_found = False


def readers_available() -> bool:
    """Whether the readers of files and pages can be imported (always, but in the
    page before its worker has unpacked them).  Once found they stay: the
    lookup is not repeated for every file of a batch."""
    global _readers_found
    if not _readers_found:
        import importlib.util

        try:
            _readers_found = all(importlib.util.find_spec(m) is not None for m in READERS)
        except ImportError:
            return False
    return _readers_found


def utf8_size(text: str) -> int:
    """How many bytes the text takes in UTF-8: the one way every size is counted."""
    if len(text) * 4 <= MAX_BYTES:  # no character takes more than four bytes
        return len(text)  # (a lower bound; exact enough to say it is under the cap)
    return len(text.encode("utf-8", "surrogatepass"))


def check_file_size(size: int) -> InputProblem | None:
    """The cap on a file's own bytes, told by the size it says: a file over it is
    never read whole only to be refused (the CLI, a file dropped on the page)."""
    if size > MAX_FILE_BYTES:
        return TooLarge(size / 1024 / 1024, MAX_FILE_BYTES // 1024 // 1024)
    return None


def check_text_size(text: str) -> InputProblem | None:
    """The one size cap, for pasted text and the text of any file alike: MAX_BYTES of UTF-8."""
    size = utf8_size(text)
    if size > MAX_BYTES:
        return TooLarge(size / 1024 / 1024, MAX_BYTES // 1024 // 1024, "文本")
    return None

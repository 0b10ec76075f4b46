"""Stage 0: a report in the form it arrives in, read into the text lines the
rest of the pipeline reads (decode → normalize → …).

    plain text     the bytes decoded (gouji.decode): UTF-8, GB18030/GBK, Big5, UTF-16
    web page       .html/.htm, or markup by its content: its tables as ``| a | b |`` rows,
                   in the page's declared charset (gouji.extract.html)
    Word           .docx (also WPS's): paragraphs and tables in document order (gouji.extract.docx)
    PDF            the text layer, laid out as ``pdftotext -layout`` does (gouji.extract.pdf,
                   with the ``pypdf`` add-on, imported only when a PDF arrives)

The kind is told by the bytes (``%PDF-``, a zip with ``word/document.xml``,
OLE2 for old ``.doc``/``.wps``, markup), not only by the file's name.  The
readers are imported when a file of their kind arrives: none of them is on
the checker page's start-up path.  The site ships them apart from its
start-up wheel (scripts/build-site, the "readers" add-on): until the page has
unpacked them, a file says so (:func:`readers_available`) and a rich paste is
read as its plain text.
"""

from __future__ import annotations

from ..problems import AddonMissing, InputProblem, NotAReport, TooLarge, Undecodable
from ..record import Record

#: The largest .docx or PDF read (text and web pages: gouji.decode.MAX_BYTES).  A report with
#: its pictures stays well under it.
MAX_FILE_BYTES = 50 * 1024 * 1024

#: Magic numbers of kinds that are not text.
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
_ARCHIVES = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")


class Source(Record):
    """How the report's text was got: from what kind of input, in which encoding,
    and how many bytes could not be read (each shown in the text as U+FFFD)."""

    def __init__(self, kind: str, text: str | None = None, encoding: str | None = None,
                 problem: InputProblem | None = None, replaced: int = 0, addon: str | None = None,
                 table_rows: int = 0) -> None:
        self.kind = kind  # text | html | docx | pdf | doc | zip | image | archive | rtf
        self.text = text
        self.encoding = encoding
        self.problem = problem  # why there is no text, when text is None
        self.replaced = replaced
        self.addon = addon  # the add-on that must be loaded first (None when none is missing)
        self.table_rows = table_rows  # lines that are rows of a real table (web pages)


def sniff(data: bytes, name: str | None = None) -> str:
    """The kind of a file, by its first bytes (the name only tells markup from text)."""
    head = data[:1024]
    if head.lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(b"%PDF-") or b"%PDF-" in head:
        return "pdf"
    if head.startswith(_ZIP):
        return "zip"
    if head.startswith(_OLE2):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(_IMAGES) or (head.startswith(b"RIFF") and head[8:12] == b"WEBP"):
        return "image"
    if head.startswith(_ARCHIVES):
        return "archive"
    return "text"


#: The modules that read files and pages (the site's "readers" add-on).
READERS = ("html", "docx", "pdf")


def readers_available() -> bool:
    """Whether the readers of web pages, .docx and PDF can be imported (always, but
    in the page before its worker has unpacked them)."""
    import importlib.util

    try:
        return all(importlib.util.find_spec(f"{__name__}.{m}") is not None for m in READERS)
    except ImportError:
        return False


def _missing_readers(kind: str) -> Source:
    return Source(kind, problem=AddonMissing("文件", "gouji 的文件读取模块"), addon="readers")


def read_bytes(data: bytes, name: str | None = None) -> Source:
    """A file's bytes as the text lines the checker reads, or why there are none."""
    kind = sniff(data, name)
    if not readers_available():
        return _missing_readers(kind)
    if len(data) > MAX_FILE_BYTES:
        return Source(kind, problem=TooLarge(len(data) / 1024 / 1024, MAX_FILE_BYTES // 1024 // 1024))
    if kind == "pdf":
        from . import pdf

        return pdf.read(data)
    if kind == "zip":
        from . import docx

        return docx.read(data)
    if kind != "text":
        return Source(kind, problem=NotAReport(kind))
    return read_text_file(data, name)


def read_text_file(data: bytes, name: str | None = None) -> Source:
    """Text or markup: decoded (in the charset a page declares), markup read as a page."""
    from ..decode import decode

    prefer = None
    if b"<" in data[:4096]:
        from .html import declared_codec

        prefer = declared_codec(data)
    decoded = decode(data, prefer)
    if decoded.text is None:
        return Source("text", problem=decoded.problem or Undecodable())
    if "<" in decoded.text:
        from .html import looks_like_html, read_page

        if looks_like_html(decoded.text, name):
            page = read_page(decoded.text)
            return Source("html", page.text, decoded.encoding, replaced=decoded.replaced, table_rows=page.table_rows)
    return Source("text", decoded.text, decoded.encoding, replaced=decoded.replaced)


def read_html(markup: str) -> Source:
    """A rich paste's HTML (or a page's source) as text lines; tables as ``|`` rows."""
    from .html import read_page

    page = read_page(markup)
    return Source("html", page.text, table_rows=page.table_rows)

"""Which kind of file a report came in, told by its bytes, and reading it
with the reader of that kind (see gouji.extract)."""

from __future__ import annotations

from ..problems import NotAReport, Undecodable
from . import Source, check_file_size

#: Magic numbers of kinds that are not text.
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"BM", b"II*\x00", b"MM\x00*")
_ARCHIVES = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")


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


def read_bytes(data: bytes, name: str | None = None) -> Source:
    """A file's bytes as the text lines the checker reads, or why there are none."""
    kind = sniff(data, name)
    too_large = check_file_size(len(data))
    if too_large is not None:
        return Source(kind, problem=too_large)
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

"""Stage 1: bytes → text, or a clear reason why not.

Reports arrive as UTF-8 (with or without BOM), GB18030/GBK (older Windows
tools), or UTF-16 (Word's "Unicode text").  Anything else — an image, a
zip, a Word file, a 20 MB dump — must be refused with a reason, never
half-read and passed.
"""

from __future__ import annotations

import codecs

from .problems import InputProblem, TooLarge, Undecodable
from .record import Record
from .regexes import regex

#: A whole year's report is a few tens of kB of text; the largest real ones
#: stay under 1 MB.  Past this size the input is something else.
MAX_BYTES = 5 * 1024 * 1024


class Decoded(Record):
    def __init__(self, text: str | None, encoding: str | None, problem: InputProblem | None = None) -> None:
        self.text = text
        self.encoding = encoding
        self.problem = problem  # why there is no text, when text is None


# Characters a report is made of: Han and other word characters, CJK and
# general punctuation, full-width forms, printable ASCII, whitespace, Latin-1.
# (Written with \w rather than the Han range: see normalize.HAN.)
_PLAUSIBLE = regex(r"[\w\u3000-\u303f\uff00-\uffef\u2000-\u206f\x20-\x7e\s\u00a0-\u00ff]")


def _plausible(text: str) -> bool:
    """Text a person wrote, not bytes forced through the wrong codec."""
    if "\x00" in text:
        return False
    sample = text[:20000]
    if not sample:
        return True
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    if (controls + sample.count("\ufffd")) / len(sample) > 0.02:
        return False
    return len(_PLAUSIBLE.findall(sample)) / len(sample) > 0.85


def decode(data: bytes) -> Decoded:
    """The text of a file's bytes, in whichever encoding it was saved, or why there is none."""
    size = len(data)
    if size > MAX_BYTES:
        return Decoded(None, None, TooLarge(size / 1024 / 1024, MAX_BYTES // 1024 // 1024))
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        candidates = ["utf-16"]
    else:
        # GB18030 before UTF-16: a GBK file never decodes as UTF-8 and holds
        # no NUL bytes, while UTF-16 text forced through GB18030 does.
        candidates = ["utf-8", "gb18030", "utf-16-le", "utf-16-be"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return Decoded(text, "utf-16" if enc.startswith("utf-16") else enc)
    return Decoded(None, None, Undecodable())


def check_text_size(text: str) -> InputProblem | None:
    """The same limit for pasted text (counted in UTF-8 bytes, roughly)."""
    if len(text) > MAX_BYTES // 2 and len(text.encode("utf-8")) > MAX_BYTES:
        return TooLarge(len(text.encode("utf-8")) / 1024 / 1024, MAX_BYTES // 1024 // 1024, "文本")
    return None

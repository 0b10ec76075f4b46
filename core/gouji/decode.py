"""Stage 1: bytes → text, or a clear reason why not.

Reports arrive as UTF-8 (with or without BOM), GB18030/GBK (older Windows
tools), or UTF-16 (Word's "Unicode text").  Anything else — an image, a
zip, a Word file, a 20 MB dump — must be refused with a reason, never
half-read and passed.
"""

from __future__ import annotations

import codecs

from .record import Record
from .regexes import regex

#: A whole year's report is a few tens of kB of text; the largest real ones
#: stay under 1 MB.  Past this size the input is something else.
MAX_BYTES = 5 * 1024 * 1024


class Decoded(Record):
    def __init__(self, text: str | None, encoding: str | None, problem: str | None = None) -> None:
        self.text = text
        self.encoding = encoding
        self.problem = problem  # Chinese, for the user, when text is None


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
    size = len(data)
    if size > MAX_BYTES:
        return Decoded(None, None, f"文件过大（{size / 1024 / 1024:.1f} MB）。年度报告正文通常不超过 1 MB，"
                                   f"本工具只读取 {MAX_BYTES // 1024 // 1024} MB 以内的文本，未做任何检查。")
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
    return Decoded(None, None, "无法识别文件内容：这不是 UTF-8、GB18030/GBK 或 UTF-16 编码的文本"
                               "（可能是图片、压缩包、Word 或 PDF 文件）。请粘贴或保存为纯文本后再检查；未做任何检查。")


def check_text_size(text: str) -> str | None:
    """The same limit for pasted text (counted in UTF-8 bytes, roughly)."""
    if len(text) > MAX_BYTES // 2 and len(text.encode("utf-8")) > MAX_BYTES:
        mb = len(text.encode("utf-8")) / 1024 / 1024
        return (f"文本过长（约 {mb:.1f} MB）。年度报告正文通常不超过 1 MB，"
                f"本工具只检查 {MAX_BYTES // 1024 // 1024} MB 以内的文本，未做任何检查。")
    return None

"""Stage 1: bytes → text, or a clear reason why not.

Reports arrive as UTF-8 (with or without BOM), GB18030/GBK (older Windows
tools), or UTF-16 (Word's "Unicode text").  Anything else — an image, a
zip, a Word file, a 20 MB dump — must be refused with a reason, never
half-read and passed.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

#: A whole year's report is a few tens of kB of text; the largest real ones
#: stay under 1 MB.  Past this size the input is something else.
MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Decoded:
    text: str | None
    encoding: str | None
    problem: str | None = None  # Chinese, for the user, when text is None


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:20000]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\n\r\f\v")
    replacement = sample.count("\ufffd")
    return (controls + replacement) / len(sample) > 0.02


def _utf16_without_bom(data: bytes) -> str | None:
    # Every other byte zero in the ASCII-heavy parts: UTF-16 written without BOM.
    head = data[:4000]
    if len(head) < 4:
        return None
    even_zero = head[1::2].count(0) / max(1, len(head) // 2)
    odd_zero = head[0::2].count(0) / max(1, len(head) // 2)
    for enc, ratio in (("utf-16-le", even_zero), ("utf-16-be", odd_zero)):
        if ratio > 0.3:
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes) -> Decoded:
    size = len(data)
    if size > MAX_BYTES:
        return Decoded(None, None, f"文件过大（{size / 1024 / 1024:.1f} MB）。年度报告正文通常不超过 1 MB，"
                                   f"本工具只读取 {MAX_BYTES // 1024 // 1024} MB 以内的文本，未做任何检查。")
    if data.startswith(codecs.BOM_UTF8):
        candidates = [("utf-8-sig", data)]
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        candidates = [("utf-16", data)]
    else:
        candidates = [("utf-8", data), ("gb18030", data)]
    for enc, raw in candidates:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if _looks_binary(text):
            utf16 = _utf16_without_bom(raw) if enc == "utf-8" else None
            if utf16 is not None and not _looks_binary(utf16):
                return Decoded(utf16, "utf-16")
            break
        return Decoded(text, enc)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None and not _looks_binary(utf16):
        return Decoded(utf16, "utf-16")
    return Decoded(None, None, "无法识别文件内容：这不是 UTF-8、GB18030/GBK 或 UTF-16 编码的文本"
                               "（可能是图片、压缩包、Word 或 PDF 文件）。请粘贴或保存为纯文本后再检查；未做任何检查。")


def check_text_size(text: str) -> str | None:
    """The same limit for pasted text (counted in UTF-8 bytes, roughly)."""
    if len(text) > MAX_BYTES // 2 and len(text.encode("utf-8")) > MAX_BYTES:
        mb = len(text.encode("utf-8")) / 1024 / 1024
        return (f"文本过长（约 {mb:.1f} MB）。年度报告正文通常不超过 1 MB，"
                f"本工具只检查 {MAX_BYTES // 1024 // 1024} MB 以内的文本，未做任何检查。")
    return None

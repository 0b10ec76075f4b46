"""Stage 1: bytes → text, or a clear reason why not.

Reports arrive as UTF-8 (with or without BOM), GB18030/GBK (older Windows
tools), Big5 (traditional-script tools and sites) or UTF-16 (Word's
"Unicode text").  GB18030 accepts almost any bytes, and Big5 many: when more
than one encoding reads the bytes, the text that reads most like a report
wins (:func:`report_likeness`).  A UTF-8 file with a few damaged bytes is read
with each of them shown as U+FFFD, and says so (rule U004).  Anything else —
an image, a zip, a 20 MB dump — is refused with a reason, never half-read and
passed.
"""

from __future__ import annotations

import codecs

from .extract import MAX_BYTES
from .problems import InputProblem, TooLarge, Undecodable
from .record import Record
from .regexes import regex

__all__ = ["MAX_BYTES", "Decoded", "decode", "report_likeness"]


class Decoded(Record):
    def __init__(self, text: str | None, encoding: str | None, problem: InputProblem | None = None,
                 replaced: int = 0) -> None:
        self.text = text
        self.encoding = encoding
        self.problem = problem  # why there is no text, when text is None
        self.replaced = replaced  # bytes that could not be read, each shown as U+FFFD


# Characters a report is made of: Han and other word characters, CJK and
# general punctuation, full-width forms, printable ASCII, whitespace, Latin-1.
# (Written with \w rather than the Han range alone: see normalize.HAN.)
# Counted by what falls outside it, which in a real report is next to nothing.
# The class is tried item by item: the plain ranges that hold nearly every
# character of a report come before \w, a lookup of each character's category.
_PLAUSIBLE_CHARS = r"\x20-\x7e\u4e00-\u9fff\s\uff00-\uffef\u3000-\u303f\u2000-\u206f\u00a0-\u00ff\w"
_IMPLAUSIBLE = regex(f"[^{_PLAUSIBLE_CHARS}]")
# The same class as one run over the whole text: a loop over the characters
# at C speed, a third of the time of a search that starts again at each one.
_ALL_PLAUSIBLE = regex(f"[{_PLAUSIBLE_CHARS}]*")
_CONTROL = regex(r"[\x00-\x08\x0e-\x1f]")


def _plausible(text: str) -> bool:
    """Text a person wrote, not bytes forced through the wrong codec."""
    if "\x00" in text:
        return False
    sample = text[:20000]
    if not sample:
        return True
    # one scan of the text: control characters are among the implausible ones,
    # but for \x1c-\x1f, which the regex engine counts as white space
    odd = [] if _ALL_PLAUSIBLE.fullmatch(sample) else _IMPLAUSIBLE.findall(sample)
    controls = sum(1 for ch in odd if _CONTROL.match(ch)) + sum(sample.count(ch) for ch in "\x1c\x1d\x1e\x1f")
    if (controls + sample.count("\ufffd")) / len(sample) > 0.02:
        return False
    return 1 - len(odd) / len(sample) > 0.85


#: Share of the characters a file with damaged bytes may lose and still be read.
MAX_DAMAGE = 0.01
#: A reading whose Chinese is less report-like than this may be the wrong codec.
_LIKELY_ENOUGH = 0.3
#: The encodings tried, in order of preference when two read equally well.
_GUESSES = ("utf-8", "gb18030", "cp950", "big5hkscs")
_NAMES = {"utf-8-sig": "utf-8", "cp950": "big5", "big5hkscs": "big5"}


def _bom(data: bytes) -> str | None:
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) and len(data) % 4 == 0:
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return None


def _utf16_guesses(data: bytes) -> tuple[str, ...]:
    """UTF-16 without a BOM shows as NUL bytes in every other place (ASCII and digits)."""
    sample = data[:4000]
    if sample.count(0) < len(sample) // 8:
        return ()
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return ("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")


def decode(data: bytes, prefer: str | None = None) -> Decoded:
    """The text of a file's bytes, in whichever encoding it was saved, or why there is none.

    ``prefer``: the codec the file declares (a web page's charset), tried first.
    """
    size = len(data)
    if size > MAX_BYTES:
        return Decoded(None, None, TooLarge(size / 1024 / 1024, MAX_BYTES // 1024 // 1024))
    bom = _bom(data)
    if bom is not None:
        text = data.decode(bom, errors="replace")
        return _damaged_or_not(text, bom) or Decoded(None, None, Undecodable())
    # UTF-8 first even when a page declares another charset: pages moved to a new
    # system often still say gb2312 while their bytes are UTF-8, and bytes that
    # read as UTF-8 are UTF-8.  The declared codec comes first of the others.
    guesses = _utf16_guesses(data) + tuple(dict.fromkeys(("utf-8",) + ((prefer,) if prefer else ()) + _GUESSES))
    readings: list[tuple[str, str]] = []
    for enc in guesses:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if not _plausible(text):
            continue
        if enc == "utf-8" or enc.startswith("utf-16"):
            return Decoded(text, _name(enc))  # these read a wrong file as errors, not as text
        readings.append((enc, text))
    if not readings and not _utf16_guesses(data):  # UTF-16 with few ASCII characters
        for enc in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError:
                continue
            if _plausible(text):
                return Decoded(text, "utf-16")
    # GB18030 and Big5 read most bytes as some characters: the reading most like
    # a report wins, and a UTF-8 file with a damaged byte or two beats a garbled one.
    best = max(((report_likeness(text), -i, Decoded(text, _name(enc))) for i, (enc, text) in enumerate(readings)),
               default=None, key=lambda r: r[:2])
    if best is None or best[0] < _LIKELY_ENOUGH:
        for enc in ((prefer,) if prefer else ()) + ("utf-8", "gb18030"):
            damaged = _damaged_or_not(data.decode(enc, errors="replace"), enc)
            if damaged is not None and (best is None or report_likeness(damaged.text or "") > best[0]):
                return damaged
    return best[2] if best is not None else Decoded(None, None, Undecodable())


def _name(enc: str) -> str:
    return "utf-16" if enc.startswith("utf-16") else _NAMES.get(enc, enc)


def _damaged_or_not(text: str, enc: str) -> Decoded | None:
    """Text read with its undecodable bytes replaced: kept when they are a few."""
    replaced = text.count("\ufffd")
    if replaced > max(1, MAX_DAMAGE * len(text)):
        return None
    if not _plausible(text.replace("\ufffd", "")):
        return None
    return Decoded(text, _name(enc), replaced=replaced)


_likely: frozenset[str] | None = None


def _likely_characters() -> frozenset[str]:
    """The characters of the formats' labels and titles, and the commonest of prose:
    what a report is mostly written in (built once, when first needed)."""
    global _likely
    if _likely is None:
        from . import formats

        words = list(formats.HEADER_WORDS)
        for fmt in formats.FORMATS.values():
            for t in fmt.tables.values():
                words += [t.title, t.name] + [r.label for r in t.rows] + [c.label for c in t.columns]
            words += [p.title for p in formats.PARTS]
        words.append("的一是在了和有我市区县局年月日为对及等各进行工作部门单位情况开展加强")
        _likely = frozenset(ch for w in words for ch in w if ch > "\u2e80")
    return _likely


def report_likeness(text: str) -> float:
    """How much of the text's Chinese is the everyday Chinese of a report (0–1):
    bytes read through the wrong Chinese codec make rare characters instead."""
    from .t2s import to_simplified

    sample = to_simplified(text[:20000])
    likely = _likely_characters()
    han = [ch for ch in sample if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"]
    if not han:
        return 0.0
    return sum(1 for ch in han if ch in likely) / len(han)

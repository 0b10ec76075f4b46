"""Stage 2: make pasted text uniform, line for line.

What reaches the later stages is simplified script with ASCII digits and
punctuation, no HTML or markdown debris (images, heading and bold marks) and
no pinyin glosses.  The line
count never changes, so every later stage can point back at the line the user
wrote (findings quote the user's text as written, from ``original``).

This module also reads single cells (:func:`parse_cell`): the spellings of
an empty cell, signed changes and units are part of the pasted text's
surface, not of any table.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from itertools import accumulate

from .record import Record
from .regexes import regex
from .t2s import to_simplified

# Character classes for "a Han character" and friends, written without the
# range \u4e00-\u9fff: in Pyodide, compiling a class with a range that wide
# costs ~1 ms (re builds a 64k-entry map in Python), and gouji compiles its
# patterns when imported, on the page's start-up path.  "A word character
# that is neither a digit, nor _, nor an ASCII letter" is, in the normalized
# text (no pinyin, no full-width letters), a Han character.
HAN = r"[^\W\d_a-zA-Z]"
NOT_HAN = r"[\W\d_a-zA-Z]"
HAN_OR_LETTER = r"[^\W\d_]"


class Text(Record):
    def __init__(self, original: list[str], lines: list[str], traditional: bool, joined: str | None = None) -> None:
        self.original = original  # the user's lines, as written
        self.lines = lines  # normalized, same length
        self.traditional = traditional  # the text held traditional characters
        # the normalized lines as one text, "\n" between them (for a search of the whole)
        self.joined = "\n".join(lines) if joined is None else joined
        self._starts: list[int] | None = None

    def starts(self) -> list[int]:
        """Where each line starts in ``joined``, and where the text ends (worked out
        once, when first asked: most reports never need it)."""
        if self._starts is None:
            self._starts = list(accumulate([len(line) + 1 for line in self.lines], initial=0))
        return self._starts

    def line_of(self, at: int) -> int:
        """The line a position in ``joined`` falls on."""
        return bisect_right(self.starts(), at) - 1

    def find_first(self, words: tuple[str, ...], start: int, end: int) -> int | None:
        """The first line from start to end (not included) that holds one of the
        words.  (Each word is looked for once in ``joined``, at C speed: a look
        at every line for every word was a fifth of finding the sections.)"""
        start, end = max(0, start), min(end, len(self.lines))
        if start >= end:
            return None
        starts = self.starts()
        found = [at for at in (self.joined.find(w, starts[start], starts[end]) for w in words) if at >= 0]
        return self.line_of(min(found)) if found else None


# Zero-width characters, and the form feed pdftotext puts where a page ends
# (before a footer: "\f- 5 -").  Looked for one by one, not by str.translate
# nor a regex: most reports hold none, and a search for each costs a hundredth
# of translating every character and a fifth of one regex scan for them all.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\f"
_ENTITIES = {"&nbsp;": " ", "&ensp;": " ", "&emsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">",
             "&quot;": '"', "&#39;": "'", "&apos;": "'"}
_ENTITY = regex(r"&(?:nbsp|ensp|emsp|amp|lt|gt|quot|apos|#39);")
_NUMERIC_ENTITY = regex(r"&#(\d{1,6});")
_TAG = regex(r"</?[A-Za-z][^<>\n]{0,300}>")
# Bounded: a run of "![" with no "](" to close it must not be scanned to the
# end of the line from every one of its openers.
_MD_IMAGE = regex(r"!\[[^\]\n]{0,300}\]\([^)\n]{0,4000}\)")
# Pinyin inserted after a character by some sites' 繁體 switch: 區(qū), 發(fā).
# The "(" comes first and the character before it is looked at after: a
# pattern that opens with a literal is searched for at C speed (one that opens
# with a look-behind is tried at every character, ~0.1 ms a report).
_PINYIN = regex(r"\((?<=" + HAN + r"\()(?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-züāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,7}\)")
# Page footers of a PDF: "-3-", "— 3 —", "第 3 页 共 6 页", each a line of
# its own.  Only spaces and tabs inside ([ \t], never \s): a footer must not
# swallow the lines around a "-" placeholder cell.  Found from the newline
# before the line (the text is searched with one added before and after): a
# pattern led by one character is searched for at C speed, where one led by
# ^ is tried at every character, twice the time.
_PAGE_FOOTER = regex(
    r"\n[ \t]*(?:[-—–][ \t]*\d{1,3}[ \t]*[-—–]"
    r"|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*[,/，]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?)[ \t]*(?=\n)")


# Markdown from OCR and PDF-to-markdown tools: heading marks on part headings
# and row labels ("## 三、收到和处理…", "### （三）不予公开").  Bold marks
# ("**（七）总计**") are taken out wherever they stand.
_MD_HEADING = regex(r"^[ \t]*#{1,6}[ \t]*(?=[^#\s])", re.M)


# What NFKC makes of the full-width forms (，（）：０-９Ａ-Ｚ) and the
# ideographic space: nearly everything it changes in a Chinese report.  A few
# str.replace calls for the ones present cost a tenth of normalizing every
# character; whatever else is not normal still goes through NFKC after.
_FULL_WIDTH = {chr(cp): unicodedata.normalize("NFKC", chr(cp)) for cp in (*range(0xFF01, 0xFF5F), 0x3000)}
_FULL_WIDTH_CHAR = regex("[\uff01-\uff5e\u3000]")


def _ascii_forms(text: str) -> str:
    # One scan of the text, which stops at each full-width character not yet
    # replaced everywhere (a search for each of the 95 cost a third more; a
    # set of the text's characters, more still).  Each becomes one character,
    # so the scan goes on where it stopped.
    at = 0
    while (m := _FULL_WIDTH_CHAR.search(text, at)) is not None:
        text = text.replace(m.group(), _FULL_WIDTH[m.group()])
        at = m.start()
    return text


def without_lone_surrogates(text: str) -> str:
    """The text with every lone surrogate (a half of a UTF-16 pair, from a broken
    page or &#55296;) made U+FFFD: no UTF-8 output can carry one."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)


def normalize(raw: str) -> Text:
    """The pasted text made uniform, line for line (see the module's docstring).

    Keeps the user's lines as written beside the normalized ones, so that a
    finding can quote what the user wrote.
    """
    raw = without_lone_surrogates(raw)
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    original = raw.split("\n")
    text = raw
    for ch in _INVISIBLE:
        if ch in text:
            text = text.replace(ch, "")
    text = _ascii_forms(text)
    if not unicodedata.is_normalized("NFKC", text):  # a quick check: most texts are by now
        text = unicodedata.normalize("NFKC", text)
    # NFKC turns U+2028/2029 and friends into nothing that splits lines, but
    # keep the line count exact whatever it does.
    simplified = to_simplified(text)
    traditional = simplified != text
    text = simplified
    if "&" in text:
        text = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], text)
        text = _NUMERIC_ENTITY.sub(_numeric_entity, text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "![" in text:
        text = _MD_IMAGE.sub("", text)
    if "(" in text:
        text = _PINYIN.sub("", text)
    text = _PAGE_FOOTER.sub("\n", "\n" + text + "\n")[1:-1]
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    if "**" in text:
        text = text.replace("**", "")
    lines = text.split("\n")
    if len(lines) != len(original):  # never expected; keep the contract anyway
        lines = (lines + [""] * len(original))[: len(original)]
        return Text(original, lines, traditional)
    return Text(original, lines, traditional, joined=text)


def _numeric_entity(m: re.Match[str]) -> str:
    code = int(m.group(1))
    ch = chr(code) if 0 < code < 0x110000 else " "
    if 0xD800 <= code <= 0xDFFF:
        ch = "\ufffd"  # a lone surrogate: no UTF-8 output can carry it
    return " " if ch in "\n\r" else ch


# ------------------------------------------------------------------ cells

#: How reports spell an empty cell that means zero.
PLACEHOLDERS = frozenset({"/", "-", "—", "——", "--", "–", "－", "―", "无", "0/", "\\"})

_NUMBER = regex(
    r"(?P<sign>[+-]|增加?|减少?)?"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?"
    r"(?P<unit>万元|元|件|个|项|条|次|宗)?$"
)


#: More digits than this are no figure of any table, nor all of a row's or a
#: table's figures run together (and Python refuses to read a 5000-digit int).
LONGEST_FIGURE = 300


class Cell(Record):
    """One value cell as written: its number, or why it has none."""

    __slots__ = ("blank", "raw", "unit", "value")

    def __init__(self, value: int | float | None, raw: str, blank: bool = False, unit: str | None = None) -> None:
        self.value = value
        self.raw = raw
        self.blank = blank  # written as nothing at all (not as /, -, 无)
        self.unit = unit

    @property
    def readable(self) -> bool:
        return self.value is not None


BLANK = Cell(0, "", blank=True)


def parse_number(part: str) -> Cell | None:
    """A number as written in a cell, or None when ``part`` is not one."""
    if part.isdigit() and part.isascii() and len(part) <= LONGEST_FIGURE:
        return Cell(int(part), part)  # most cells: the regex below would say the same, slower
    if part in PLACEHOLDERS:
        return Cell(0, part)
    m = _NUMBER.match(part)
    if m is None:
        return None
    digits = m.group("int").replace(",", "")
    frac = m.group("frac")
    if len(digits) + len(frac or "") > LONGEST_FIGURE:
        return Cell(None, part)  # digits, but no figure: kept as written (they may have run together)
    value: int | float = float(f"{digits}.{frac}") if frac else int(digits)
    if isinstance(value, float) and value.is_integer() and set(frac or "0") == {"0"}:
        value = int(value)
    sign = m.group("sign")
    if sign in ("-", "减", "减少"):
        value = -value
    return Cell(value, part, unit=m.group("unit"))


def in_unit(cell: Cell, unit: str | None) -> int | float | None:
    """The cell's value expressed in the column's unit (万元 columns)."""
    if cell.value is None or unit != "万元" or cell.unit != "元":
        return cell.value
    value = cell.value / 10000
    return int(value) if float(value).is_integer() else round(value, 6)

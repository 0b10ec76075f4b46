"""A Word (.docx) file — also one saved by WPS — read into text lines, with the
standard library only (zipfile + xml.etree).

Paragraphs and tables come in document order.  A paragraph is a line (a
``w:br`` breaks it, a ``w:tab`` stays a tab); automatic numbering
(``w:numPr``, the paragraph's own or its style's) is written out as Word
shows it (一、 （一） 1.), since headings and row labels are often numbered
that way.  Each table row is a line
``| a | b |``, as a web page's (gouji.extract.html): a cell merged across
(``w:gridSpan``) is written once, a cell merged down (``w:vMerge``) leaves an
empty cell in the rows below it.  A table holding other tables, or of one
column, is read as flowing text.  Deleted text (tracked changes), field codes
and the fallback copies of text boxes are left out.

Unpacked sizes are bounded (:data:`MAX_UNPACKED`): a small file that unpacks
to gigabytes is refused, never read.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from xml.etree import ElementTree

from ..problems import BrokenFile, NotAReport
from ..regexes import regex
from . import Source
from .html import grid_lines, join_wrapped

#: The most the parts read from one file may unpack to, together.
MAX_UNPACKED = 50 * 1024 * 1024
_MB = MAX_UNPACKED // 1024 // 1024
_WORD = "Word（.docx）"


def _local(tag: str) -> str:
    """A tag without its namespace: Transitional and Strict OOXML alike."""
    return tag.rpartition("}")[2]


def _attr(el: ElementTree.Element, name: str) -> str | None:
    for key, value in el.attrib.items():
        if _local(key) == name:
            return value
    return None


def _child(el: ElementTree.Element, name: str) -> ElementTree.Element | None:
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


class _TooBig(Exception):
    pass


class _Unpacked:
    """What the parts read so far unpacked to: each part is read no further
    than what is left of the bound (whatever its header claims), so three
    parts just under it are no three times the bound."""

    def __init__(self) -> None:
        self.left = MAX_UNPACKED

    def part(self, zf: zipfile.ZipFile, name: str) -> bytes | None:
        try:
            info = zf.getinfo(name)
        except KeyError:
            return None
        if info.file_size > self.left:
            raise _TooBig
        with zf.open(info) as fh:
            data = fh.read(self.left + 1)
        if len(data) > self.left:
            raise _TooBig
        self.left -= len(data)
        return data


def _xml(data: bytes) -> ElementTree.Element:
    # OOXML declares no DTD: one that does is no Word file (and might define entity bombs)
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise ElementTree.ParseError("DTD")
    return ElementTree.fromstring(data)


def _main_part(zf: zipfile.ZipFile, unpacked: _Unpacked) -> str | None:
    rels = unpacked.part(zf, "_rels/.rels")
    for rel in _xml(rels) if rels else ():
        if (rel.get("Type") or "").endswith("/officeDocument"):
            target = (rel.get("Target") or "").lstrip("/")
            if target in zf.NameToInfo:
                return target
    return "word/document.xml" if "word/document.xml" in zf.NameToInfo else None


def _other_kind(names: list[str]) -> str:
    if any(n.startswith("xl/") for n in names):
        return "excel"
    if any(n.startswith("ppt/") for n in names):
        return "powerpoint"
    if "mimetype" in names and "content.xml" in names:
        return "odf"
    return "zip"


def read(data: bytes) -> Source:
    """The text lines of a .docx file, or why there are none."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        unpacked = _Unpacked()
        main = _main_part(zf, unpacked)
        if main is None:
            return Source("zip", problem=NotAReport(_other_kind(zf.namelist())))
        body = _xml(unpacked.part(zf, main) or b"")
        numbering = unpacked.part(zf, "word/numbering.xml")
        styles = unpacked.part(zf, "word/styles.xml") if numbering else None
        numbers = Numbering(_xml(numbering) if numbering else None, _xml(styles) if styles else None)
    except _TooBig:
        return Source("docx", problem=BrokenFile(_WORD, f"解压后超过 {_MB} MB，不像是一份年度报告"))
    except (zipfile.BadZipFile, zlib.error, ElementTree.ParseError, EOFError, ValueError, NotImplementedError,
            OSError, RuntimeError, LookupError) as exc:  # damaged, cut short, encrypted: said, never raised
        return Source("docx", problem=BrokenFile(_WORD, _why(exc)))
    lines: list[str] = []
    body_el = _child(body, "body")
    try:
        _blocks(body_el if body_el is not None else body, lines, numbers)
    except RecursionError:
        return Source("docx", problem=BrokenFile(_WORD, "文档结构嵌套过深"))
    return Source("docx", "\n".join(lines))


def _why(exc: Exception) -> str:
    if isinstance(exc, zipfile.BadZipFile):
        return "压缩结构已损坏或不完整"
    if isinstance(exc, ElementTree.ParseError):
        return "文档内容已损坏"
    if isinstance(exc, NotImplementedError):
        return "使用了不支持的压缩方式"
    if isinstance(exc, RuntimeError):
        return "文件已加密或已损坏"
    return "文件已损坏"


# ------------------------------------------------------------------ blocks


def _blocks(container: ElementTree.Element, lines: list[str], numbers: Numbering) -> None:
    """Paragraphs and tables of a body, a cell or a content control, in order."""
    for el in container:
        name = _local(el.tag)
        if name == "p":
            lines.extend(_paragraph_lines(el, numbers))
        elif name == "tbl":
            _table(el, lines, numbers)
        elif name in ("sdt", "sdtContent", "customXml", "smartTag", "ins", "txbxContent"):
            _blocks(el, lines, numbers)


def _table(tbl: ElementTree.Element, lines: list[str], numbers: Numbering) -> None:
    rows = [list(_cells(tr)) for tr in tbl if _local(tr.tag) == "tr"]
    nested = any(_local(x.tag) == "tbl" for row in rows for c in row for x in c.iter())
    if nested or all(len(r) <= 1 for r in rows):
        for row in rows:
            for cell in row:
                _blocks(cell, lines, numbers)
        return
    merged_down: set[int] = set()

    def text(cell: ElementTree.Element) -> str:
        if id(cell) in merged_down:
            return ""
        parts: list[str] = []
        _blocks(cell, parts, numbers)
        return join_wrapped(parts)

    for row in rows:
        for cell in row:
            if _vmerge(cell) == "continue":
                merged_down.add(id(cell))
    lines.extend(grid_lines(rows, text, _span))


def _cells(tr: ElementTree.Element) -> Iterator[ElementTree.Element]:
    for el in tr:
        name = _local(el.tag)
        if name == "tc":
            yield el
        elif name in ("sdt", "sdtContent", "customXml"):
            yield from _cells(el)


def _tc_pr(cell: ElementTree.Element, name: str) -> ElementTree.Element | None:
    pr = _child(cell, "tcPr")
    return None if pr is None else _child(pr, name)


def _vmerge(cell: ElementTree.Element) -> str | None:
    el = _tc_pr(cell, "vMerge")
    if el is None:
        return None
    return _attr(el, "val") or "continue"  # <w:vMerge/> continues the cell above


def _span(cell: ElementTree.Element, which: str) -> int:
    """Word merges down by continuation cells (each written, empty), not by rowspan."""
    if which != "colspan":
        return 1
    el = _tc_pr(cell, "gridSpan")
    value = _attr(el, "val") if el is not None else None
    return min(max(int(value), 1), 1000) if value and value.isdigit() else 1


# ------------------------------------------------------------------ paragraphs

_SKIPPED = frozenset(("delText", "instrText", "del", "Fallback", "fldData", "pPr", "rPr", "sectPr", "drawing",
                      "pict", "object"))


def _paragraph_lines(p: ElementTree.Element, numbers: Numbering) -> list[str]:
    """A paragraph's lines: its text, broken where it has a line break; text boxes
    anchored in it come after, as lines of their own."""
    pieces: list[str] = [numbers.label(p)]
    boxes: list[ElementTree.Element] = []

    def visit(el: ElementTree.Element) -> None:
        for c in el:
            name = _local(c.tag)
            if name == "t":
                pieces.append(c.text or "")
            elif name == "tab":
                pieces.append("\t")
            elif name in ("br", "cr"):
                pieces.append("\n")
            elif name == "noBreakHyphen":
                pieces.append("-")
            elif name == "txbxContent":
                boxes.append(c)
            elif name in ("drawing", "pict", "AlternateContent", "Choice"):
                visit_boxes(c)
            elif name not in _SKIPPED:
                visit(c)

    def visit_boxes(el: ElementTree.Element) -> None:
        for c in el:
            if _local(c.tag) == "txbxContent":
                boxes.append(c)
            elif _local(c.tag) != "Fallback":
                visit_boxes(c)

    visit(p)
    out = [line.rstrip() for line in "".join(pieces).split("\n")]
    for box in boxes:
        _blocks(box, out, numbers)
    return [line for line in out if line.strip()] or []


# ------------------------------------------------------------------ numbering

_CHINESE_DIGITS = "〇一二三四五六七八九"
_LEVEL_TEXT = regex(r"%([1-9])", table=False)


def _chinese(n: int) -> str:
    if n < 10:
        return _CHINESE_DIGITS[n]
    if n < 20:
        return "十" + (_CHINESE_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CHINESE_DIGITS[n // 10] + "十" + (_CHINESE_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


#: The longest list number text (``w:lvlText``) written out.
_MAX_LEVEL_TEXT = 32
#: Letters and Roman numerals up to this; beyond, digits (aaa…a ran to gigabytes).
_MAX_LETTERED = 1000


def format_number(n: int, fmt: str) -> str:
    """A list number as Word writes it in the given ``w:numFmt``."""
    if n > _MAX_LETTERED:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "japaneseCounting",
               "chineseLegalSimplified", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return _chinese(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal, decimalZero, decimalFullWidth and the rest


def _int(text: str | None, default: int) -> int:
    """A small count Word writes (a level, a list's start): default when it is
    none, or more than five digits (Word's own stop at 32767)."""
    return int(text) if text and text.isascii() and text.isdecimal() and len(text) <= 5 else default


def _num_pr(pr: ElementTree.Element | None) -> tuple[str | None, int | None]:
    """The list (numId) and level (ilvl) a paragraph's or a style's properties
    name, each None when not named there."""
    num = _child(pr, "numPr") if pr is not None else None
    if num is None:
        return None, None
    ilvl_el, id_el = _child(num, "ilvl"), _child(num, "numId")
    num_id = _attr(id_el, "val") if id_el is not None else None
    ilvl = _int(_attr(ilvl_el, "val"), 0) if ilvl_el is not None else None
    return num_id, ilvl


def _or(own: tuple[str | None, int | None], inherited: tuple[str | None, int | None]) -> tuple[str | None, int | None]:
    """A (numId, ilvl) with what it does not name taken from where it inherits."""
    return (own[0] if own[0] is not None else inherited[0], own[1] if own[1] is not None else inherited[1])


#: One level of a list: its start, number format, number text, the style it numbers ("" for none), and
#: which levels restart it: it starts again when one of the levels before this index is used (its own
#: index unless ``w:lvlRestart`` says otherwise; 0: it never starts again).
Level = tuple[int, str, str, str, int]


class _List:
    """One list (``w:num``): its levels, the count it keeps (its abstract list's,
    shared with the other lists of that abstract list), and the levels it starts
    again (``w:startOverride``: level → number) where it is first used."""

    def __init__(self, levels: dict[int, Level], count: list[int], restarts: dict[int, int]) -> None:
        self.levels = levels
        self.count = count
        self.restarts = restarts
        self.started: set[int] = set()  # its levels used so far


class Numbering:
    """Automatic list numbers (word/numbering.xml), counted as paragraphs come.

    A paragraph's number comes from its own ``w:numPr`` or from its style's
    (word/styles.xml, through ``w:basedOn``): government templates number
    their 一、 （一） headings through the heading styles, the paragraph naming
    only its style.  The style may name the list without the level; the list's
    level that names the style (its ``w:pStyle``) is the one.  A list defined
    by a list style (``w:numStyleLink``) takes that style's list's levels.

    As in Word, the lists (``w:num``) of one abstract list count together: a
    heading numbered by its style and the next numbered directly, through
    another list of the same abstract list, go on 一、 二、, not 一、 一、.
    A list that restarts a level (``w:startOverride``, Word's "重新开始于")
    sets that level's count where the list is first used at it."""

    def __init__(self, root: ElementTree.Element | None, styles: ElementTree.Element | None = None) -> None:
        self.lists: dict[str, _List] = {}  # numId → its list
        self.styles: dict[str, tuple[str | None, int | None]] = {}  # styleId → its (numId, ilvl), inherited
        if root is None:
            return
        abstract: dict[str, dict[int, Level]] = {}
        counts: dict[str, list[int]] = {}  # abstractNumId → its count: nine levels' numbers so far
        abstract_links: dict[str, str] = {}  # abstractNumId → the list style it is defined by
        links: dict[str, str] = {}  # numId → the same, for its list
        for el in root:
            if _local(el.tag) == "abstractNum":
                aid = _attr(el, "abstractNumId") or ""
                abstract[aid] = self._levels_of([lvl for lvl in el if _local(lvl.tag) == "lvl"])
                link = _child(el, "numStyleLink")
                if link is not None and _attr(link, "val"):
                    abstract_links[aid] = _attr(link, "val") or ""
        for el in root:
            if _local(el.tag) == "num":
                ref = _child(el, "abstractNumId")
                ref_id = (_attr(ref, "val") or "") if ref is not None else None
                num_id = _attr(el, "numId") or ""
                if ref_id in abstract_links:
                    links[num_id] = abstract_links[ref_id]
                levels = dict(abstract.get(ref_id, {}) if ref_id is not None else {})
                restarts: dict[int, int] = {}
                for override in el:
                    if _local(override.tag) == "lvlOverride":
                        lvl = _child(override, "lvl")
                        if lvl is not None:
                            levels.update(self._levels_of([lvl]))
                        start = _child(override, "startOverride")
                        if start is not None:
                            restarts[_int(_attr(override, "ilvl"), 0)] = _int(_attr(start, "val"), 1)
                count = counts.setdefault(ref_id, [0] * 9) if ref_id in abstract else [0] * 9
                self.lists[num_id] = _List(levels, count, restarts)
        if styles is not None:
            self._read_styles(styles)
        for num_id, list_style in links.items():
            # the list style names the list that holds the levels (its own overrides stay)
            target = self.styles.get(list_style, (None, None))[0]
            if target is not None and target != num_id and target not in links and target in self.lists:
                linked = self.lists[num_id]
                linked.levels = {**self.lists[target].levels, **linked.levels}
                linked.count = self.lists[target].count

    def _read_styles(self, root: ElementTree.Element) -> None:
        own: dict[str, tuple[str | None, int | None]] = {}  # styleId → the (numId, ilvl) it names itself
        based_on: dict[str, str] = {}
        for el in root:
            sid = _attr(el, "styleId")
            if _local(el.tag) != "style" or not sid:
                continue
            own[sid] = _num_pr(_child(el, "pPr"))
            based_el = _child(el, "basedOn")
            if based_el is not None and _attr(based_el, "val"):
                based_on[sid] = _attr(based_el, "val") or ""
        for sid in own:
            numbered, based, seen = own[sid], based_on.get(sid), {sid}
            while based in own and based not in seen and None in numbered:
                seen.add(based)  # (a loop of basedOn is no inheritance)
                numbered = _or(numbered, own[based])
                based = based_on.get(based)
            if numbered[0] is not None:
                self.styles[sid] = numbered

    @staticmethod
    def _levels_of(lvls: list[ElementTree.Element]) -> dict[int, Level]:
        out = {}
        for lvl in lvls:
            values = {_local(c.tag): _attr(c, "val") or "" for c in lvl}
            text = values.get("lvlText", "")
            ilvl = _int(_attr(lvl, "ilvl"), 0)
            restart = _int(values.get("lvlRestart"), ilvl)
            # A list number is a few characters; a longer one (it is written
            # before every paragraph of its list) is no heading's: left out.
            out[ilvl] = (_int(values.get("start"), 1), values.get("numFmt", "decimal"),
                         text if len(text) <= _MAX_LEVEL_TEXT else "", values.get("pStyle", ""),
                         restart if restart <= ilvl else ilvl)  # (a later level cannot restart it)
        return out

    def label(self, p: ElementTree.Element) -> str:
        """The number Word shows before this paragraph ("" when it has none)."""
        if not self.lists:
            return ""
        pr = _child(p, "pPr")
        style_el = _child(pr, "pStyle") if pr is not None else None
        style = (_attr(style_el, "val") or "") if style_el is not None else ""
        num_id, ilvl = _or(_num_pr(pr), self.styles.get(style, (None, None)))
        found = self.lists.get(num_id or "")  # (numId 0: numbering switched off)
        if found is None or not found.levels:
            return ""
        levels = found.levels
        if ilvl is None:  # the level that numbers the paragraph's (numbered) style, or the first
            named = style if style in self.styles else None
            ilvl = next((i for i, level in levels.items() if level[3] == named), 0)
        if not 0 <= ilvl < 9 or ilvl not in levels:
            return ""
        counts = found.count
        if ilvl in found.restarts and ilvl not in found.started:
            counts[ilvl] = found.restarts[ilvl]
        else:
            counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else levels[ilvl][0]
        found.started.add(ilvl)
        for deeper in range(ilvl + 1, 9):
            if deeper not in levels or ilvl < levels[deeper][4]:
                counts[deeper] = 0

        def value(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            start, fmt = levels[level][:2] if level in levels else (1, "decimal")
            return format_number(counts[level] or start, fmt)

        return _LEVEL_TEXT.sub(value, levels[ilvl][2])

"""A web page, a saved page or a rich paste's ``text/html``, read into text lines.

The standard library's :class:`html.parser.HTMLParser` builds a small tree
(tolerant of the markup real pages and Word's "mso" HTML carry: unclosed
``<p>`` and ``<td>``, ``<o:p>``, conditional comments); the tree is then
read in document order:

- a paragraph, heading, list item or ``<br>`` ends a line; inline tags
  (``<span>``, ``<font>``, ``<b>``…) join, so ``（<span>一</span>）予以公开``
  is one label;
- each row of a data table becomes one line, ``| cell | cell |``.  A cell
  merged down (``rowspan``) leaves an empty cell in the rows below it, in its
  place; a cell merged across (``colspan``) is written once; an empty cell
  (``&nbsp;``) stays empty, so the table reader's blank-cell rules apply;
- a table that holds other tables (the page's layout), or has one column
  only, is read as flowing text, its inner tables as tables.

Nothing is rendered or run: the HTML never reaches a page's DOM.  When the
visible page holds no table, a report kept in a script's string (a CMS that
fills the page from a JavaScript variable) is read instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from html.parser import HTMLParser
from typing import TypeVar

from ..record import Record
from ..regexes import regex

#: Elements with no content and no end tag.
_VOID = frozenset((
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr", "basefont", "frame", "keygen", "isindex",
))
#: Elements whose content is never shown as text.
_HIDDEN = frozenset((
    "head", "title", "style", "script", "noscript", "template", "select", "option", "svg", "math", "object",
    "iframe", "xml", "textarea", "button", "map", "canvas", "audio", "video",
))
#: Elements that start and end a line (everything else is inline).
_BLOCK = frozenset((
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
    "section", "article", "header", "footer", "main", "nav", "aside", "address", "center", "figure",
    "figcaption", "form", "fieldset", "legend", "hr", "tr", "table", "caption", "body", "html", "details",
    "summary", "menu", "dir", "listing", "xmp", "plaintext",
))
_CELLS = frozenset(("td", "th"))
_SECTIONS = frozenset(("thead", "tbody", "tfoot"))
#: Tags whose start closes an open element of the same kind up to the given boundary.
_CLOSES = {"p": ("p",), "li": ("li",), "dt": ("dt", "dd"), "dd": ("dt", "dd"),
           "td": ("td", "th"), "th": ("td", "th"), "tr": ("tr", "td", "th"),
           "thead": ("thead", "tbody", "tfoot", "tr", "td", "th"),
           "tbody": ("thead", "tbody", "tfoot", "tr", "td", "th"),
           "tfoot": ("thead", "tbody", "tfoot", "tr", "td", "th")}
_BOUNDARY = {"p": ("td", "th", "table", "div", "li", "body"), "li": ("ul", "ol", "td", "th", "table"),
             "dt": ("dl",), "dd": ("dl",), "td": ("tr", "table"), "th": ("tr", "table"),
             "tr": ("table", "thead", "tbody", "tfoot"), "thead": ("table",), "tbody": ("table",),
             "tfoot": ("table",)}
#: How deep elements nest in the tree (the reader walks it recursively).
MAX_DEPTH = 150
#: An end tag never closes an element across these (a stray ``</div>`` inside a cell).
_SCOPES = frozenset(("td", "th", "table"))
_HIDDEN_STYLE = regex(r"display\s*:\s*none|mso-hide\s*:\s*all|visibility\s*:\s*hidden", re.I, table=False)
_SPACE = regex(r"[ \t\n\r\f]+", table=False)
# East Asian characters: a line break between two of them in the source is no space (CSS Text 3).
_WIDE = regex(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]", table=False)


class Node(Record):
    """An element of the page: its tag, attributes and children (nodes and strings)."""

    __slots__ = ("attrs", "children", "hidden", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], hidden: bool = False) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Node | str] = []
        self.hidden = hidden

    def __repr__(self) -> str:
        return f"<{self.tag} {len(self.children)}>"

    def span(self, name: str) -> int:
        """rowspan/colspan as a number from 1 to 1000 (what browsers accept)."""
        digits = "".join(ch for ch in self.attrs.get(name, "1").strip()[:4] if ch.isdigit())
        return min(max(int(digits or 1), 1), 1000)


class _TreeBuilder(HTMLParser):
    """A forgiving tree: implied end tags as browsers imply them, stray end tags ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._close_implied(tag)
        values = {k: (v or "") for k, v in attrs}
        hidden = ("hidden" in values or bool(_HIDDEN_STYLE.search(values.get("style", "")))) and tag not in _VOID
        node = Node(tag, values, hidden)
        self.stack[-1].children.append(node)
        # past MAX_DEPTH (unclosed <font>s by the thousand) elements stay empty and
        # their text goes to the last one open: the text is kept, the nesting not
        if tag not in _VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(node)
        self._in_script = tag == "script"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False
        if tag == "br":  # "</br>" is read as <br> by browsers
            self.stack[-1].children.append(Node("br", {}))
            return
        for i in range(len(self.stack) - 1, 0, -1):
            open_tag = self.stack[i].tag
            if open_tag == tag:
                del self.stack[i:]
                return
            if open_tag in _SCOPES and tag not in _SCOPES and tag not in _SECTIONS and tag != "tr":
                return

    def parse_html_declaration(self, i: int) -> int:
        # <!…> and <![…]> that the standard parser cannot name make it raise
        # AssertionError: read them as browsers do, as a bogus comment up to ">"
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            j = self.rawdata.find(">", i + 2)
            return -1 if j < 0 else j + 1

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        self.stack[-1].children.append(data)

    def _close_implied(self, tag: str) -> None:
        closes = _CLOSES.get(tag)
        if closes is None:
            if tag in _BLOCK and self.stack[-1].tag == "p":
                self.stack.pop()  # a block inside an open <p> ends it
            return
        boundary = _BOUNDARY[tag]
        close_from = None  # the outermost open element this start tag ends (a <tr> ends the open <td> and <tr>)
        for i in range(len(self.stack) - 1, 0, -1):
            open_tag = self.stack[i].tag
            if open_tag in boundary:
                break
            if open_tag in closes:
                close_from = i
        if close_from is not None:
            del self.stack[close_from:]


def parse(markup: str) -> _TreeBuilder:
    """The page's tree (``.root``) and the text of its scripts (``.scripts``)."""
    builder = _TreeBuilder()
    try:
        builder.feed(markup)
        builder.close()
    except AssertionError:  # a corner of markup the parser gives up on: keep what was read
        pass
    return builder


# ------------------------------------------------------------------ text


def collapse(pieces: list[str]) -> str:
    """Inline text as a browser shows it: runs of white space as one space, none
    where the source broke a line between two Chinese characters."""
    text = "".join(pieces)
    if not text:
        return ""

    def space(m) -> str:
        run, start, end = m.group(0), m.start(), m.end()
        if ("\n" in run or "\r" in run) and start > 0 and end < len(text) and \
                _WIDE.match(text[start - 1]) and _WIDE.match(text[end]):
            return ""
        return " "

    return _SPACE.sub(space, text).replace("\xa0", " ").strip(" ")


def join_wrapped(parts: list[str]) -> str:
    """Lines of one cell as one: no space between two Chinese characters, one elsewhere."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and not (_WIDE.match(out[-1]) and _WIDE.match(part[0])):
            out += " "
        out += part
    return out


class _Writer:
    """Walks the tree in document order and writes its lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.table_rows = 0  # rows of data tables written

    def flush(self) -> None:
        line = collapse(self.buf)
        self.buf = []
        if line:
            self.lines.append(line)

    def walk(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                self.buf.append(child)
                continue
            tag = child.tag
            if child.hidden or tag in _HIDDEN:
                continue
            if tag == "br":
                self.flush()
            elif tag == "pre":
                self.flush()
                self._pre(child)
            elif tag == "table":
                self.flush()
                self.table(child)
            elif tag in _BLOCK or tag in _CELLS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)

    def _pre(self, node: Node) -> None:
        for line in text_of(node, keep_lines=True).split("\n"):
            if line.strip():
                self.lines.append(line.rstrip())

    def table(self, node: Node) -> None:
        for child in node.children:
            if isinstance(child, Node) and child.tag == "caption" and not child.hidden:
                self.walk(child)
                self.flush()
        rows = table_rows(node)
        if not rows:  # no rows at all: whatever it holds, as text
            self.walk(node)
            self.flush()
            return
        layout = any(_holds_table(c) for row in rows for c in row) or all(len(r) <= 1 for r in rows)
        if layout:
            for row in rows:
                for cell in row:
                    self.flush()
                    self.walk(cell)
                    self.flush()
            return
        for line in grid_lines(rows, cell_text, Node.span):
            self.lines.append(line)
            self.table_rows += 1


def text_of(node: Node, keep_lines: bool = False) -> str:
    """All the text under a node, hidden elements left out."""
    pieces: list[str] = []

    def visit(n: Node) -> None:
        for child in n.children:
            if isinstance(child, str):
                pieces.append(child)
            elif not (child.hidden or child.tag in _HIDDEN):
                if child.tag == "br" or (child.tag in _BLOCK and pieces):
                    pieces.append("\n")
                visit(child)

    visit(node)
    return "".join(pieces) if keep_lines else collapse(pieces)


def cell_text(cell: Node) -> str:
    """A cell's text on one line (its paragraphs joined as one wrapped label)."""
    writer = _Writer()
    writer.walk(cell)
    writer.flush()
    return join_wrapped(writer.lines)


def _holds_table(node: Node) -> bool:
    return any(isinstance(c, Node) and (c.tag == "table" or _holds_table(c)) for c in node.children)


def table_rows(table: Node) -> list[list[Node]]:
    """The table's own rows (not a nested table's), each a list of its cells."""
    rows: list[list[Node]] = []

    def visit(node: Node) -> None:
        for child in node.children:
            if not isinstance(child, Node) or child.hidden:
                continue
            if child.tag == "tr":
                rows.append([c for c in child.children if isinstance(c, Node) and c.tag in _CELLS])
            elif child.tag in _SECTIONS or child.tag not in ("table", "td", "th", "caption"):
                visit(child)

    visit(table)
    return rows


Cell = TypeVar("Cell")


def grid_lines(rows: Sequence[Sequence[Cell]], text: Callable[[Cell], str],
               span: Callable[[Cell, str], int]) -> list[str]:
    """Rows of cells as ``| a | b |`` lines, merged cells placed by the table's grid.

    ``text(cell)`` is a cell's text and ``span(cell, "rowspan"|"colspan")`` its
    spans.  A cell merged down leaves an empty cell at its place in the rows
    below; a cell merged across is written once; rows with nothing in them are
    left out.
    """
    below: dict[int, list[int]] = {}  # grid column → [rows still covered, columns wide]
    out = []
    for row in rows:
        cells: list[str] = []
        col = 0
        queue = list(row)
        seen: set[int] = set()
        while queue or any(c >= col for c in below):
            if col in below and col not in seen:
                seen.add(col)
                cells.append("")
                col += below[col][1]
                continue
            if not queue:
                col = min(c for c in below if c >= col and c not in seen) if any(
                    c >= col and c not in seen for c in below) else col
                if col not in below or col in seen:
                    break
                continue
            cell = queue.pop(0)
            wide, down = span(cell, "colspan"), span(cell, "rowspan")
            cells.append(text(cell).replace("|", " ").replace("\t", " ").strip())
            if down > 1:
                below[col] = [down, wide]  # counted down below, this row included
                seen.add(col)
            col += wide
        for c in list(below):
            below[c][0] -= 1
            if below[c][0] <= 0:
                del below[c]
        if any(cells):
            out.append("| " + " | ".join(cells) + " |")
    return out


# ------------------------------------------------------------------ the page


class Page(Record):
    """What a page reads as: its lines, and how many of them are rows of a data table."""

    def __init__(self, lines: list[str], table_rows: int, from_script: bool = False) -> None:
        self.lines = lines
        self.table_rows = table_rows
        self.from_script = from_script  # read from a string in the page's script

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _page(markup: str) -> tuple[Page, list[str]]:
    tree = parse(markup)
    writer = _Writer()
    writer.walk(tree.root)
    writer.flush()
    return Page(writer.lines, writer.table_rows), tree.scripts


def read_page(markup: str) -> Page:
    """The page's text lines, tables as ``|`` rows; a report kept in a script's
    string when the visible page has no table."""
    page, scripts = _page(markup)
    if page.table_rows:
        return page
    best: Page | None = None
    for literal in script_strings(scripts):
        inner, _ = _page(literal)
        if inner.table_rows and (best is None or inner.table_rows > best.table_rows):
            best = inner
    if best is not None:
        best.from_script = True
        return best
    return page


# A JavaScript string literal, and "+" between two of them.
_JS_STRING = regex(r""""((?:[^"\\\n]|\\[\s\S])*)"|'((?:[^'\\\n]|\\[\s\S])*)'|`((?:[^`\\]|\\[\s\S])*)`""", table=False)
_JS_PLUS = regex(r"\s*\+\s*", table=False)
_JS_ESCAPE = regex(r"\\(u\{[0-9a-fA-F]{1,6}\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|[\s\S])", table=False)
_JS_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0", "\n": "", "\r\n": ""}
_MARKUP_HINT = regex(r"<\s*t[dr]\b|&lt;\s*t[dr]\b|\\u003c\s*t[dr]\b|\\x3c\s*t[dr]\b", re.I, table=False)


def _unescape_js(body: str) -> str:
    def one(m: re.Match[str]) -> str:
        e = m.group(1)
        if e[0] == "u" and len(e) > 1:
            code = int(e[2:-1] if e[1] == "{" else e[1:], 16)
            return chr(code) if code < 0x110000 else ""
        if e[0] == "x" and len(e) == 3:
            return chr(int(e[1:], 16))
        return _JS_SIMPLE.get(e, e)

    return _JS_ESCAPE.sub(one, body) if "\\" in body else body


def script_strings(scripts: list[str]) -> list[str]:
    """String literals of the page's scripts that hold a table's markup, unescaped;
    literals joined by ``+`` are read as one."""
    import html as stdlib_html

    out = []
    for script in scripts:
        if not _MARKUP_HINT.search(script):
            continue
        pieces: list[str] = []
        last_end = -1
        for m in _JS_STRING.finditer(script):
            body = next(g for g in m.groups() if g is not None)
            if pieces and not _JS_PLUS.fullmatch(script, last_end, m.start()):
                out.append("".join(pieces))
                pieces = []
            pieces.append(_unescape_js(body))
            last_end = m.end()
        if pieces:
            out.append("".join(pieces))
    found = []
    for literal in out:
        if "&lt;" in literal and "<" not in literal:
            literal = stdlib_html.unescape(literal)
        if _MARKUP_HINT.search(literal):
            found.append(literal)
    return found


# ------------------------------------------------------------------ bytes


_LOOKS_LIKE_HTML = regex(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|table|p|span|section|article|style|link|font|center|h[1-6])\b",
    re.I, table=False)
_HAS_MARKUP = regex(r"<(?:table|tr|td|p|div|br|span)\b[^<>]*>", re.I, table=False)
_CHARSET = regex(r"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)"""
                 r"""|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.-]+)""", re.I, table=False)
#: What pages declare, and the codec that reads it (GB2312 pages are written with GBK's characters).
_CODECS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "gb18030": "gb18030",
           "chinese": "gb18030", "csgb2312": "gb18030", "euc-cn": "gb18030", "big5": "cp950", "big5-hkscs": "big5hkscs",
           "x-x-big5": "cp950", "cp950": "cp950", "utf-8": "utf-8", "utf8": "utf-8", "unicode": "utf-8",
           "iso-8859-1": "cp1252", "latin1": "cp1252", "us-ascii": "utf-8", "ascii": "utf-8", "windows-1252": "cp1252"}


def looks_like_html(text: str, name: str | None = None) -> bool:
    """Markup, not text: a page's source, or a .htm/.html file that holds tags."""
    head = text[:4096]
    if _LOOKS_LIKE_HTML.match(head):
        return True
    return bool(name) and str(name).lower().endswith((".htm", ".html", ".xhtml", ".shtml")) and bool(
        _HAS_MARKUP.search(text))


def declared_codec(data: bytes) -> str | None:
    """The codec for the charset the page declares in its first 4 kB (GB2312 → GB18030)."""
    m = _CHARSET.search(data[:4096].decode("latin-1"))
    if m is None:
        return None
    name = (m.group(1) or m.group(2)).lower()
    return _CODECS.get(name)

"""Stage 4: recover tables 二, 三 and 四 from their regions.

Every layout seen in pasted reports — one row per line with ``|``, one cell
per line, markdown rows (OCR's too, under a generic 类别 | 数据1 … header),
tab-separated rows, rows broken mid-way, PDF text with labels wrapped around
the numbers, a web page's text content with a row's cells run together — is
turned into one stream of tokens per region: *labels* (text), *values*
(numbers, placeholders, blank cells, unreadable cells) and *runs* (digits run
into a label, which may hold several cells).  Labels are matched against the
template's rows in template order (a group's label run into its first
sub-row's is that sub-row); values belong to the row last matched.  Then each
row's values are placed in its columns: digits that ran together are cut the
one way the digits and the row's own sums allow (``gouji.runs``), labels cut
off from their figures get them in order when the count is exact, and when
nothing fits the row is left unknown and the reason recorded.  A table printed
in a known variant of its format (format 2021's （六）其他处理 as one row) is
read in that variant.  Nothing here decides whether a figure is right: that is
for the rules.
"""

from __future__ import annotations

import functools

from . import runs
from .formats import (
    CHECKSUM_WORDS,
    FORMAT_2021,
    FORMATS,
    GENERIC_HEADER_WORDS,
    HEADER_WORDS,
    TABLE_IDS,
    TOTAL,
    TOTAL_PARTS,
    CellRef,
    Equation,
    Format,
    Identity,
    Table,
    format_for_year,
)
from .normalize import BLANK, HAN_OR_LETTER, NOT_HAN, Cell, Text, in_unit, parse_number
from .problems import (
    BadCell,
    BlankColumn,
    Flattened,
    InOrder,
    Interleaved,
    LongRow,
    MissingRows,
    NoRows,
    NotFound,
    OneRow,
    Problem,
    RunTogether,
    ShortRow,
    SplitBySums,
    Truncated,
    WrongCount,
)
from .record import Record
from .regexes import regex
from .sections import Sections

# ------------------------------------------------------------------ results


class Recovered(Record):
    def __init__(
        self,
        spec: Table,
        cells: dict[str, dict[str, Cell | None]],
        problems: list[Problem] | None = None,
        line_span: tuple[int, int] | None = None,
    ) -> None:
        self.spec = spec
        self.cells = cells
        self.problems = [] if problems is None else problems
        self.line_span = line_span

    def value(self, row: str, column: str) -> int | float | None:
        cols = self.cells.get(row)
        cell = None if cols is None else cols.get(column)
        return None if cell is None else cell.value

    def flattened_numbers(self) -> dict[str, int | float]:
        """The one number of each row when the table came flattened; else empty."""
        for p in self.problems:
            if isinstance(p, Flattened):
                return p.numbers()
        return {}

    def as_json(self) -> dict[str, dict[str, int | float | None]]:
        return {
            row: {col: (None if cell is None else cell.value) for col, cell in cols.items()}
            for row, cols in self.cells.items()
        }


class Sum(Record):
    """One equation of the format (``Format.equations``) with the figures read for it."""

    def __init__(self, equation: Equation, left: list | None, right: list | None) -> None:
        self.equation = equation
        self.left = left  # the left side's figures; None when one of its cells is unread
        self.right = right
        # the two sides added up, once (the rules and the diagnosis read them); None when unreadable
        self.totals: tuple[int | float, int | float] | None = (
            None if left is None or right is None else (sum(left), sum(right)))

    @property
    def readable(self) -> bool:
        return self.totals is not None

    @property
    def residual(self) -> int | float:
        """left − right (0 when it holds); only for a readable sum."""
        assert self.totals is not None
        return self.totals[0] - self.totals[1]


class Tables(Record):
    def __init__(self, format: Format | None, tables: dict[str, Recovered], problems: list[Problem]) -> None:
        self.format = format
        self.tables = tables
        self.problems = problems  # table-level problems, including tables not found
        self._values: dict[CellRef, int | float | None] | None = None
        self._sums: list[Sum] | None = None
        self._sums_by_identity: dict[Identity, list[Sum]] | None = None

    def values(self) -> dict[CellRef, int | float | None]:
        """Every cell read, by (table, row, column): its figure or None (worked out once)."""
        if self._values is None:
            self._values = {(tid, row, col): (None if cell is None else cell.value)
                            for tid, rec in self.tables.items()
                            for row, cols in rec.cells.items() for col, cell in cols.items()}
        return self._values

    def sums(self) -> list[Sum]:
        """Every equation of the format with its figures, for the tables that were
        found (worked out once: the arithmetic rules and the diagnosis read it)."""
        if self._sums is None:
            out = []
            for eq in self.format.equations if self.format is not None else ():
                rec = self.tables.get(eq.left[0][0])
                if rec is None:
                    continue
                cells = rec.cells
                # each side's figures, or None when one is unread (a row not
                # read, or a cell); written as plain loops, not a helper with a
                # comprehension per side: 82 calls a report cost a fifth of this
                sides: list[list | None] = []
                for refs in (eq.left, eq.right):
                    figures: list | None = []
                    for _, row, col in refs:
                        cols = cells.get(row)
                        cell = None if cols is None else cols.get(col)
                        if cell is None or cell.value is None:
                            figures = None
                            break
                        figures.append(cell.value)  # type: ignore[union-attr]
                    sides.append(figures)
                out.append(Sum(eq, sides[0], sides[1]))
            self._sums = out
        return self._sums

    def sums_of(self, identity: Identity) -> list[Sum]:
        """The sums of one identity of the format (``sums``), in order."""
        if self._sums_by_identity is None:
            self._sums_by_identity = {}
            for s in self.sums():
                self._sums_by_identity.setdefault(s.equation.identity, []).append(s)
        return self._sums_by_identity.get(identity, [])

    @property
    def readable(self) -> bool:
        """At least one figure was read (a flattened table's numbers count)."""
        for rec in self.tables.values():
            if any(c is not None for cols in rec.cells.values() for c in cols.values()):
                return True
            if any(isinstance(p, (Flattened, RunTogether)) for p in rec.problems):
                return True  # the figures are there, only not in their columns
        return False

    def table(self, tid: str) -> Recovered | None:
        return self.tables.get(tid)

    def all_problems(self) -> list[Problem]:
        """Every problem of the reading: tables not found, then each table's own."""
        return self.problems + [p for rec in self.tables.values() for p in rec.problems]

    def figure(self, cell: CellRef) -> int | float | None:
        """A cell's value; for an unread 总计 cell, what stands in for it: the one
        number of a flattened row, or the sum of the row's parts when the 总计
        column was left blank.  None when neither can be read."""
        tid, row, col = cell
        rec = self.tables.get(tid)
        if rec is None:
            return None
        v = rec.value(row, col)
        if v is not None or col != TOTAL:
            return v
        flat = rec.flattened_numbers()
        if flat:
            return flat.get(row)
        parts = TOTAL_PARTS.get(tid)
        if parts is None:
            return None
        values = [rec.value(row, c) for c in parts]
        return None if None in values else sum(values)  # type: ignore[arg-type]

    def sum_of(self, cells: list[CellRef]) -> int | float | None:
        """The sum of the cells' figures (see ``figure``), or None if one cannot be read."""
        total: int | float = 0
        for c in cells:
            v = self.figure(c)
            if v is None:
                return None
            total += v
        return total

    def stand_in(self, cells: list[CellRef]) -> str | None:
        """Why a figure of these cells was not read from its own cell:
        "flattened" or "blank_total"; None when every cell was read."""
        for tid, row, col in cells:
            rec = self.tables.get(tid)
            if rec is not None and rec.value(row, col) is None:
                return "flattened" if rec.flattened_numbers() else "blank_total"
        return None


# ------------------------------------------------------------------ tokens

_CELL_SPLIT = regex(r" {2,}")
_WORDY = regex(HAN_OR_LETTER)
_NUMBERING_ONLY = regex(r"^(?:\d{1,2}[.、)]|\(\d{1,2}\)|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))$")
_LABEL_PREFIX = regex(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d{1,2}[.、)]|\(\d{1,2}\))+")
_NOT_HAN = regex(NOT_HAN + "+")
# Digits right after a label's last character: a web page's text content runs
# a row's cells into its label (（一）予以公开6000017).
_GLUED = regex(r"[^\d\s.,+\-/|]\d")
_DIGIT_RUN = regex(r"(?:(?<=\d)[+-])?\d+(?:\.\d+)?")
_LONGEST_RUN = 15 * runs.MAX_DIGITS

#: A label; a value (a number, a placeholder, a blank or unreadable cell); a
#: blank between separators (before the tokens are final); digits glued to the
#: label before them (a ``Cell`` whose digits may hold several cells).
LABEL, VALUE, EMPTY, RUN = "L", "V", "E", "R"


Tokens = tuple[tuple[str, object], ...]
#: a row a label may name: its index, how (by a key, as its weak label, as a
#: piece of its full label), and the row a key of it names (see _Words.candidates)
Candidate = tuple[int, bool, bool, bool, int]
#: what the matcher asks of a label (see _Words.facts)
LabelFacts = tuple[str, bool, bool, bool, tuple[Candidate, ...]]
#: a line's tokens, whether it holds a label, whether it holds a figure,
#: whether it ends in a pipe (which may close a blank last cell), whether
#: its cells have separators (pipes, tabs) so that each cell is one cell, and
#: its values alone (what a line without a label gives its row)
LineTokens = tuple[Tokens, bool, bool, bool, bool, tuple[Cell, ...]]

_token_cache: dict[str, LineTokens] = {}
# The memo keeps lines of at most _MEMO_LINE characters, _MEMO_LINES of them:
# a few MB at most, whatever a batch of reports feeds it.
_MEMO_LINE = 256
_MEMO_LINES = 20000


def _line_tokens(line: str) -> LineTokens:
    """The tokens of one line (memoised).

    Table lines repeat a lot ("0 |", "0", "||", the template's labels), within
    a report and across a folder of them; tokens are immutable.
    """
    hit = _token_cache.get(line)
    if hit is None:
        hit = _tokenize(line)
        if len(line) <= _MEMO_LINE:  # long lines are never worth keeping (bounded in bytes)
            if len(_token_cache) >= _MEMO_LINES:
                _token_cache.clear()
            _token_cache[line] = hit
    return hit


def _markdown_rule(line: str) -> bool:
    """|---|:--:| under a markdown header: only pipes, colons, dashes and spaces,
    its first dashes three or more.  (Said without a regex: a long line of
    dashes that ends in something else made one backtrack for every dash.)"""
    first = line.find("-")
    if first < 0 or not line.startswith("---", first):
        return False
    return all(ch in "|:-" or ch.isspace() for ch in set(line))


def _cells(line: str) -> tuple[list[str], bool]:
    """A line's cells, and whether they are positional (a blank between separators is a cell)."""
    stripped = line.strip()
    if "|" in stripped:
        # Cells lie between pipes: the nothing before a leading pipe and after
        # a closing pipe is not a cell; a blank between two pipes is.
        cells = stripped.split("|")
        if stripped.startswith("|"):
            cells = cells[1:]
        if stripped.endswith("|") and cells:
            cells = cells[:-1]
        return cells, True
    if "\t" in line:
        return line.rstrip("\n").split("\t"), True  # a row copied from a browser table
    return _CELL_SPLIT.split(stripped), False  # space-aligned: blank cells leave no trace


def _tokenize(line: str) -> LineTokens:
    if _markdown_rule(line):
        return (), False, False, False, False, ()  # |---|---| under a markdown header: syntax, not cells
    cells, positional = _cells(line)
    raw: list[tuple[str, object]] = []
    memo = _cell_cache
    for cell in cells:
        cell = cell.strip()
        if not cell:
            if positional:
                raw.append((EMPTY, None))
            continue
        tokens = memo.get(cell)
        if tokens is None:
            tokens = _cell_tokens(cell)
            if len(cell) <= _MEMO_CELL:
                if len(memo) >= _MEMO_LINES:
                    memo.clear()
                memo[cell] = tokens
        raw.extend(tokens)
    # A blank cell before a label on its line belongs to the label columns
    # (a merged group cell); after the labels it is a blank value cell.
    kinds = [t[0] for t in raw]
    last_label = len(kinds) - 1 - kinds[::-1].index(LABEL) if LABEL in kinds else -1
    if EMPTY in kinds:
        out = tuple((VALUE, BLANK) if t[0] == EMPTY else t for i, t in enumerate(raw)
                    if t[0] != EMPTY or i > last_label)
    else:
        out = tuple(raw)
    # A line without a label gives its row its values: all its tokens are values
    # then (digits run into a label come only with that label).
    values = tuple([t[1] for t in out]) if last_label < 0 else ()
    return out, last_label >= 0, VALUE in kinds, line.rstrip().endswith("|"), positional, values  # type: ignore[return-value]


# Cells repeat even more than lines ("0", "—", the template's labels): the
# tokens of short ones are kept too (cells are never changed once read).
_cell_cache: dict[str, tuple[tuple[str, object], ...]] = {}
_MEMO_CELL = 64


def _cell_tokens(cell: str) -> tuple[tuple[str, object], ...]:
    """The tokens of one non-blank cell: a figure, labels and digits run into them, or a word."""
    number = parse_number(cell)
    if number is not None:
        return ((VALUE, number),)
    if " " in cell:
        return tuple(_spaced(cell))
    if _WORDY.search(cell) or _NUMBERING_ONLY.match(cell):
        return tuple(_glued(cell)) if _GLUED.search(cell) else ((LABEL, cell),)
    return ((VALUE, Cell(None, cell)),)  # present but not a number


def _spaced(cell: str) -> list[tuple[str, object]]:
    """A cell with single spaces inside: figures and words, in order (PDF text)."""
    out: list[tuple[str, object]] = []
    pending: list[str] = []
    for part in cell.split():
        number = parse_number(part)
        if number is not None and not (part.endswith(".") or part.endswith("、")):
            if pending:
                out.extend(_label_or_glued("".join(pending)))
                pending = []
            out.append((VALUE, number))
        else:
            pending.append(part)
    if pending:
        out.extend(_label_or_glued("".join(pending)))
    return out


def _label_or_glued(text: str) -> list[tuple[str, object]]:
    return _glued(text) if _GLUED.search(text) else [(LABEL, text)]


def _glued(cell: str) -> list[tuple[str, object]]:
    """A label with figures run into it: labels and runs of digits, in order.

    Digits at the start of the cell, or a sub-row's own number right before
    its words (1.属于国家秘密, (2)), belong to the label.  A run that ends in
    the next sub-row's number (…0000000 + 2.其他法律…) gives that digit back.
    """
    out: list[tuple[str, object]] = []
    label_from = 0
    for m in _DIGIT_RUN.finditer(cell):
        start, end = m.span()
        if start == 0 or cell[start - 1] == "(" or end - start > _LONGEST_RUN:
            continue  # (a run longer than any table row's figures together is no row's)
        run = m.group()  # a signed change run into the figure before it (6+11…) starts a run of its own
        if cell[end:end + 1] in (".", "、") and _WORDY.match(cell, end + 1) and "." not in run:
            if len(run) == 1:
                continue  # 不予公开1.属于国家秘密: the number of the next label
            run, end = run[:-1], end - 1
        if start > label_from:
            out.extend((LABEL, part) for part in _numbered_parts(cell[label_from:start]))
        out.append((RUN, parse_number(run) or Cell(None, run)))
        label_from = end
    if label_from < len(cell):
        out.extend((LABEL, part) for part in _numbered_parts(cell[label_from:]))
    return out


# Where a run-together label starts a new numbered label: 一、 (一) 1.
_NUMBERED_START = regex(r"(?<=[^\d(])(?=[一二三四五六七八九十]{1,2}、|\([一二三四五六七八九十]{1,2}\)|\d[.、](?!\d))")


def _numbered_parts(text: str) -> list[str]:
    """A label that ran into the next (a header, then 一、本年新收…): its numbered parts."""
    return _NUMBERED_START.split(text) if _NUMBERED_START.search(text) else [text]


def label_key(text: str) -> str:
    """A label reduced to its Chinese characters, numbering stripped."""
    if len(text) <= _MEMO_LINE:
        return _label_key(text)
    return _NOT_HAN.sub("", _LABEL_PREFIX.sub("", text.replace(" ", "")))


@functools.lru_cache(maxsize=4096)
def _label_key(text: str) -> str:
    # labels repeat across a report and a folder of them (the template's own)
    return _NOT_HAN.sub("", _LABEL_PREFIX.sub("", text.replace(" ", "")))


# ------------------------------------------------------------------ matching


class _Words(Record):
    """What the matcher looks labels up by, and the table's shape for placing
    values, worked out once for each table."""

    def __init__(self, spec: Table) -> None:
        self.full = [label_key(r.label) for r in spec.rows]
        # The header's words.  A header repeated after a page break puts
        # "其他" and "总计" (column labels) right where a weak row label could
        # be expected, so weak labels are ignored until a real row label.
        self.header_words = ({label_key(c.label) for c in spec.columns} | set(HEADER_WORDS)
                             | set(GENERIC_HEADER_WORDS))
        # every word of the table's header and rows, longest first (for a header run together)
        self.heading = sorted({label_key(w) for w in [c.label for c in spec.columns] + [r.label for r in spec.rows]
                               + [k for r in spec.rows for k in r.keys] + list(spec.start_words)},
                              key=len, reverse=True)
        # each group's sub-rows that have keys, by the group's index
        index = {r.id: i for i, r in enumerate(spec.rows)}
        self.subs: dict[int, list[int]] = {}
        for i, r in enumerate(spec.rows):
            if r.parent is not None and r.keys:
                self.subs.setdefault(index[r.parent], []).append(i)
        self.rows = spec.rows
        self._facts: dict[str, LabelFacts] = {}
        # the table's shape, for placing values: its data rows, their widths and cells
        self.data_idx = [i for i, r in enumerate(spec.rows) if not r.group]
        self.width = {i: len(spec.columns_of(spec.rows[i])) for i in self.data_idx}
        self._targets: dict[tuple[int, int], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        # each data row's cells, none read yet: copied for each table read
        # (a copy of a dict costs a quarter of making it again)
        self.no_cells = [(spec.rows[i].id, dict.fromkeys(c.id for c in spec.columns_of(spec.rows[i])))
                         for i in self.data_idx]

    def facts(self, label: str) -> LabelFacts:
        """What the matcher asks of a label, worked out once for each label: its
        key, whether it is numbered, whether it is a header word, whether it
        puts the matcher back in a header (a header word, or the checksum
        note), and the rows it may name (none for a key under two characters)."""
        hit = self._facts.get(label)
        if hit is None:
            key = label_key(label)
            numbered = _LABEL_PREFIX.match(label.strip()) is not None  # "3.其他" is a row, "其他" a column
            header = key in self.header_words and not numbered
            hit = (key, numbered, header, header or CHECKSUM_WORDS in key,
                   self.candidates(key) if len(key) >= 2 else ())
            if len(label) <= _MEMO_LINE:  # (bounded as the line memo)
                if len(self._facts) >= _MEMO_LINES:
                    self._facts.clear()
                self._facts[label] = hit
        return hit

    def candidates(self, key: str) -> tuple[Candidate, ...]:
        """The rows a label's key may name, in order, each with how: it holds
        a key of the row's; it is the row's weak label; it is a piece of the
        row's full label; and the row a key names (``deepest``).  (Kept with
        the label's facts: labels repeat, within a report and across a folder
        of them.)"""
        found = []
        for j, row in enumerate(self.rows):
            keyed = bool(row.keys) and any(k in key for k in row.keys)
            weak = bool(row.weak) and key in row.weak
            part = len(key) >= 4 and key in self.full[j]
            if keyed or weak or part:
                found.append((j, keyed, weak, part, self.deepest(j, key) if keyed else j))
        return tuple(found)

    def targets(self, i: int, nxt: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The rows the values after row ``i``'s label may fill when the next
        row matched is ``nxt``: ``i`` (if it holds data) and the data rows in
        between, whose labels never appeared; and their widths."""
        hit = self._targets.get((i, nxt))
        if hit is None:
            rows = self.rows
            found = ([] if rows[i].group else [i]) + [j for j in range(i + 1, nxt) if not rows[j].group]
            hit = self._targets[(i, nxt)] = (tuple(found), tuple(self.width[j] for j in found))
        return hit

    def deepest(self, j: int, key: str) -> int:
        """A group's label run together with its first sub-row's ("(四)无法提供1.本机关不掌握相",
        "三、本年度办理结果(一)予以公开"): the sub-row, which holds the figures."""
        rows = self.rows
        while j in self.subs:
            sub = next((k for k in self.subs[j] if any(w in key for w in rows[k].keys)), None)
            if sub is None:
                break
            j = sub
        return j



_words_cache: dict[Table, _Words] = {}


def _words(spec: Table) -> _Words:
    hit = _words_cache.get(spec)
    if hit is None:
        hit = _words_cache[spec] = _Words(spec)
    return hit


class _Matcher:
    """Follows the template's rows in order as labels arrive."""

    def __init__(self, spec: Table):
        self.rows = spec.rows
        self.words = words = _words(spec)
        self.full, self.header_words, self.subs = words.full, words.header_words, words.subs
        self.ptr = 0
        self.current: int | None = None
        self.in_header = True

    def match(self, label: str) -> int | None:
        key, numbered, _, header, candidates = self.words.facts(label)
        if len(key) < 2:
            return None
        if header:
            self.in_header = True
            return None
        found = self._find(key, numbered, candidates)
        if found is not None:
            self.in_header = False  # a row label, even a wrapped piece: back in the rows
        return found

    def _find(self, key: str, numbered: bool, candidates: tuple[Candidate, ...]) -> int | None:
        cur = self.current
        if cur is not None and key in self.full[cur] and (len(key) >= 3 or key == self.full[cur]):
            return cur  # a wrapped piece of the current row's own label
        for j, keyed, weak, part, deepest in candidates:
            if j < self.ptr:
                continue
            if keyed:
                return deepest
            # "3.其他" with its number is a row label even right after a header
            if weak and (numbered or not self.in_header) and self._near(j):
                return j
            if part and j - self.ptr <= 2:
                return j
        return None

    def is_header(self, label: str) -> bool:
        """A header word (a column label, 申请人情况, 类别, 数据…), not a row label."""
        return self.words.facts(label)[2]

    def _near(self, j: int) -> bool:
        # A weak label ("其他", "总计") only counts as the row expected next,
        # skipping at most heading rows in between.
        return all(self.rows[k].group for k in range(self.ptr, j))

    def advance(self, j: int) -> None:
        self.current = j
        self.ptr = j + 1


class _Anchor(Record):
    def __init__(
        self,
        values: list[Cell] | None = None,
        trailing_blanks: int = 0,
        ends_with_pipe: bool = False,
        line: int | None = None,
    ) -> None:
        self.values = [] if values is None else values
        self.trailing_blanks = trailing_blanks
        self.ends_with_pipe = ends_with_pipe
        self.line = line
        self.glued = False  # digits came run into its label (a page's text content)


class _Line(Record):
    """What one line of a region has said so far."""

    __slots__ = ("after_row", "ends_with_pipe", "has_figure", "has_label", "positional", "row", "tokens", "value")

    def __init__(self, tokens: LineTokens) -> None:
        self.tokens, self.has_label, self.has_figure, self.ends_with_pipe, self.positional, _ = tokens
        self.row = False  # a row label matched on it
        self.value = False  # a value seen on it
        self.after_row = False  # the last label on it matched a row


def _read_region(lines: list[str], start: int, end: int, spec: Table):
    """Anchors by row index, and the values seen before any row."""
    matcher = _Matcher(spec)
    anchors: dict[int, _Anchor] = {}
    stray: list[Cell] = []
    for i in range(start, end):
        line = lines[i]
        if not line or line.isspace():
            continue
        tokens = _line_tokens(line)
        if not tokens[1]:  # no label on the line: only figures (the most common line), for the current row
            _read_figures(tokens, matcher.current, anchors, stray)
            continue
        at = _Line(tokens)
        for kind, payload in at.tokens:
            if kind == LABEL:
                _read_label(matcher, anchors, at, payload, i)  # type: ignore[arg-type]
                continue
            glued = kind == RUN
            if glued and not at.after_row:
                continue  # digits run into words that are no row label (数据1, a note's dates)
            cur = matcher.current
            if payload is BLANK and at.has_label and not at.has_figure and not at.row:
                continue  # the blanks of a header line (| 申请人情况 | | |), not cells
            if cur is None:
                if payload is not BLANK:
                    stray.append(payload)  # type: ignore[arg-type]
                continue
            at.value = True
            anchor = anchors[cur]
            anchor.values.append(payload)  # type: ignore[arg-type]
            anchor.ends_with_pipe = at.ends_with_pipe
            if glued:
                anchor.glued = True
    for anchor in anchors.values():
        # Blank cells after a row's figures are the filler of wider header
        # rows (`| ||`, `|||` lines), not cells of this row — or its blank
        # last cells, which the row's count decides (see _place_rows).
        while anchor.values and anchor.values[-1] is BLANK:
            anchor.values.pop()
            anchor.trailing_blanks += 1
        if not anchor.trailing_blanks and anchor.ends_with_pipe:
            anchor.trailing_blanks = 1  # "| 5 | " may be a blank cell left open
    return anchors, stray


def _read_figures(tokens: LineTokens, cur: int | None, anchors: dict[int, _Anchor], stray: list[Cell]) -> None:
    """A line of figures and blanks alone (no label, so no digits run into one)."""
    if cur is None:
        stray.extend(value for value in tokens[5] if value is not BLANK)
    elif tokens[0]:
        anchor = anchors[cur]
        anchor.values.extend(tokens[5])
        anchor.ends_with_pipe = tokens[3]


def _read_label(matcher: _Matcher, anchors: dict[int, _Anchor], at: _Line, label: str, i: int) -> None:
    """A label: the row it starts or continues; or, in a cell after the row's
    label on a line with separators, a word where a figure belongs (三, 见附件, N/A)."""
    j = matcher.match(label)
    at.after_row = j is not None
    if j is not None:
        at.row = True
        if j != matcher.current:
            matcher.advance(j)
            anchors.setdefault(j, _Anchor(line=i))
        return
    cur = matcher.current
    if (at.positional and (at.row or at.value) and cur is not None and not matcher.is_header(label)
            and not _NUMBERING_ONLY.match(label.strip())):
        anchors[cur].values.append(Cell(None, label.strip()))
        at.value = True


# ------------------------------------------------------------------ placing values


class _Placement:
    """Puts each anchor's values into its row's columns, or records why not."""

    def __init__(self, spec: Table, anchors: dict[int, _Anchor], truncated: bool, problems: list[Problem],
                 sums: dict[str, list[runs.Sum]] | None = None) -> None:
        self.spec = spec
        self.sums = sums or {}  # each row's own sums, by cell position (Format.equations)
        self.unsplit: set[int] = set()  # rows whose digits ran together and split no one way
        self.rows = spec.rows
        self.anchors = anchors
        self.truncated = truncated
        self.problems = problems
        self.shape = shape = _words(spec)
        self.data_idx = shape.data_idx
        self.width = shape.width
        self.cells: dict[str, dict[str, Cell | None]] = {rid: cols.copy() for rid, cols in shape.no_cells}
        self.placed: dict[int, list[Cell]] = {}

    def without_labels(self, stray: list[Cell]) -> None:
        """No row label at all: the numbers fit the rows only when there are exactly enough."""
        spec, rows = self.spec, self.rows
        if stray and len(stray) == sum(self.width.values()):
            pos = 0
            for i in self.data_idx:
                self.placed[i] = stray[pos: pos + self.width[i]]
                pos += self.width[i]
            self.problems.append(InOrder(spec.id, tuple(rows[i].id for i in self.data_idx)))
        else:
            self.problems.append(NoRows(spec.id, detail={"values": len(stray)}))
        _fill(spec, self.placed, self.cells, self.problems)

    def flattened(self, counts: dict[int, int]) -> bool:
        """A table flattened to one number per row: the numbers cannot be put in
        columns.  Keep them (by row) for the finding; every cell stays unknown."""
        widths = set(self.width.values())
        k = next(iter(self.width.values()))
        if len(widths) != 1 or k <= 1 or not counts:
            return False
        ones = sum(1 for n in counts.values() if n == 1)
        if ones >= max(3, 0.6 * len(counts)) and not any(n == k for n in counts.values()):
            numbers = {self.rows[i].id: self.anchors[i].values[0].value for i in sorted(counts) if counts[i] == 1}
            self.problems.append(Flattened(self.spec.id, tuple(numbers), detail={"numbers": numbers}))
            return True
        return False

    def fill_blank_ends(self, counts: dict[int, int], last_with_values: int | None) -> None:
        """A row short of figures but followed by as many blank cells: its last
        cells were left blank, which is 0 — unless the text stops right there.
        When most rows are one short without blanks to show for it, the whole
        总计 column was left blank (one-cell-per-line layouts drop blank cells
        altogether); the blank column check then makes it unknown."""
        anchors, width = self.anchors, self.width
        short = {i: width[i] - n for i, n in counts.items() if 0 < width[i] - n <= anchors[i].trailing_blanks}
        for i, gap in short.items():
            if not (self.truncated and i == last_with_values):
                anchors[i].values.extend([BLANK] * gap)
        short_by_one = [i for i, n in counts.items() if n == width[i] - 1 and width[i] > 1 and i not in short]
        uniform = len(set(width.values())) == 1
        k = next(iter(width.values()))
        if uniform and k > 2 and len(short_by_one) >= max(3, 0.6 * len(counts)):
            for i in short_by_one:
                anchors[i].values.append(BLANK)

    def split_runs(self, counts: dict[int, int]) -> None:
        """Rows whose digits ran together: cut by the row's own sums where
        exactly one cut fits (values replaced), else left unknown."""
        split: list[str] = []
        split_by_sums: list[str] = []
        unsplit: dict[str, str] = {}
        ways: dict[str, int] = {}
        stop = max((i for i in counts if self.anchors[i].values), default=None)
        for i in sorted(counts):
            anchor, width = self.anchors[i], self.width[i]
            if not runs.evident(anchor.values, width, anchor.glued) or (self.truncated and i == stop):
                continue  # (the row the text stops in may just be short)
            row = self.rows[i].id
            cells, by_sums, n = runs.cut(anchor.values, width, self.sums.get(row, []))
            if cells is not None:
                anchor.values = cells
                counts[i] = width
                split.append(row)
                if by_sums:
                    split_by_sums.append(row)
            else:
                self.unsplit.add(i)
                unsplit[row] = " ".join(v.raw for v in anchor.values)
                ways[row] = n
        if split:
            self.problems.append(SplitBySums(self.spec.id, tuple(split), detail={
                "sum": _sum_words(self.spec, self.sums), "by_sums": split_by_sums}))
        if unsplit:
            self.problems.append(RunTogether(self.spec.id, tuple(unsplit), detail={"runs": unsplit, "splits": ways}))
        for i in self.unsplit:
            del counts[i]

    def labels_before_values(self, matched: list[int]) -> None:
        """Labels in one block and their rows of figures in the next (OCR's
        markdown): the figures all came to the last label.  When their count
        is exactly the rows' widths together, they go to the rows in order."""
        pending: list[int] = []
        stop = max((j for j in matched if self.anchors[j].values), default=None)
        for i in matched:
            anchor = self.anchors[i]
            if self.rows[i].group and not anchor.values:
                continue
            if self.rows[i].group or i in self.unsplit:
                pending = []
                continue
            if not anchor.values:
                pending.append(i)
                continue
            chain = pending + [i]
            pending = []
            if len(chain) == 1:
                continue
            n, need = len(anchor.values), sum(self.width[j] for j in chain)
            # exactly as many figures as the rows hold; or the text stops inside them
            if n == need or (self.truncated and i == stop and n < need):
                values, at = anchor.values, 0
                for j in chain:
                    self.anchors[j].values = values[at: at + self.width[j]]
                    at += self.width[j]

    def place(self, pos: int, i: int, matched: list[int], last_with_values: int | None) -> None:
        """One anchor's values: into its own row, or spread over the unlabelled rows after it."""
        rows, anchor = self.rows, self.anchors[i]
        nxt = matched[pos + 1] if pos + 1 < len(matched) else len(rows)
        targets, need = self.shape.targets(i, nxt)
        n = len(anchor.values)
        if targets and n == need[0] and (not rows[i].group or len(targets) == 1):
            self.placed[targets[0]] = anchor.values
        elif len(targets) > 1 and n == sum(need):
            at = 0
            for t in targets:
                self.placed[t] = anchor.values[at: at + self.width[t]]
                at += self.width[t]
            unlabelled = targets if rows[i].group else targets[1:]
            self.problems.append(InOrder(self.spec.id, tuple(rows[t].id for t in unlabelled),
                                         detail={"after": rows[i].id}))
        elif self.truncated and i == last_with_values and targets and n < sum(need):
            pass  # reported with the truncation (missing)
        elif targets:
            kind = ShortRow if n < need[0] else LongRow
            self.problems.append(kind(self.spec.id, (rows[targets[0]].id,),
                                      detail={"count": n, "expected": need[0],
                                              "numbers": [c.raw or "空" for c in anchor.values]}))

    def missing(self, matched: list[int], last_with_values: int | None) -> None:
        """Rows that never got figures: cut off at the end, or missing inside."""
        rows, anchors = self.rows, self.anchors
        missing = [i for i in self.data_idx if i not in self.placed]
        if not missing:
            return
        last_known = max((i for i in self.data_idx if i in self.placed), default=-1)
        tail = [i for i in missing if i > last_known]
        inner = [i for i in missing if i < last_known]
        counted_short = {p.rows[0] for p in self.problems if isinstance(p, (ShortRow, LongRow))}
        counted_short |= {rows[i].id for i in self.unsplit}
        inner = [i for i in inner if rows[i].id not in counted_short]
        if tail and self.truncated:
            stop = last_with_values if last_with_values is not None else matched[-1]
            partial = len(anchors[stop].values) if stop in anchors and stop not in self.placed else None
            self.problems.append(Truncated(self.spec.id, tuple(rows[i].id for i in tail),
                                           detail={"after": rows[stop].id, "partial": partial}))
        elif tail:
            inner += [i for i in tail if rows[i].id not in counted_short]
        if inner:
            self.problems.append(MissingRows(self.spec.id, tuple(rows[i].id for i in sorted(inner))))


def _place_rows(spec: Table, anchors: dict[int, _Anchor], stray: list[Cell], truncated: bool,
                problems: list[Problem], sums: dict[str, list[runs.Sum]] | None = None
                ) -> dict[str, dict[str, Cell | None]]:
    """Each matched row's values in its columns; what does not fit is left unknown, with the reason."""
    placement = _Placement(spec, anchors, truncated, problems, sums)
    if not anchors:
        placement.without_labels(stray)
        return placement.cells
    counts = {i: len(a.values) for i, a in anchors.items() if not spec.rows[i].group}
    placement.split_runs(counts)
    if placement.flattened(counts):
        return placement.cells
    matched = sorted(anchors)
    placement.labels_before_values(matched)
    counts = {i: len(anchors[i].values) for i in counts}
    last_with_values = max((i for i in matched if anchors[i].values), default=None)
    placement.fill_blank_ends(counts, last_with_values)
    for pos, i in enumerate(matched):
        if anchors[i].values and i not in placement.unsplit:
            placement.place(pos, i, matched, last_with_values)
    placement.missing(matched, last_with_values)
    if _fill(spec, placement.placed, placement.cells, problems):
        _mark_blank_columns(spec, placement.cells, problems)
    return placement.cells


def _fill(spec: Table, placed: dict[int, list[Cell]], cells: dict[str, dict[str, Cell | None]],
          problems: list[Problem]) -> bool:
    """The placed values into their cells; whether one of them is blank (only
    then may a column be blank in every row: see _mark_blank_columns)."""
    blank = False
    for i, values in placed.items():
        row = spec.rows[i]
        row_cells = cells[row.id]
        for col, cell in zip(spec.columns_of(row), values):
            if cell.value is None:
                problems.append(BadCell(spec.id, (row.id,), col.id, {"raw": cell.raw}))
                row_cells[col.id] = None
                continue
            if col.unit is not None:  # (most columns count, in no unit)
                value = in_unit(cell, col.unit)
                if value != cell.value:
                    cell = Cell(value, cell.raw, cell.blank, col.unit)
            blank = blank or cell.blank
            row_cells[col.id] = cell
    return blank


def _mark_blank_columns(spec: Table, cells: dict[str, dict[str, Cell | None]], problems: list[Problem]) -> None:
    """A column left blank in every row is not zeros: make it unknown, once."""
    # (a row with a cell read: fewer Nones than cells, counted at C speed)
    known_rows = [r for r, cols in cells.items() if list(cols.values()).count(None) < len(cols)]
    if len(known_rows) < 2:
        return
    any_figure = any(c is not None and not c.blank for r in known_rows for c in cells[r].values())
    if not any_figure:
        return
    known = [cells[r] for r in known_rows]
    for col in spec.columns:
        cid = col.id
        # (a figure in the first row or so settles most columns)
        if any(cid in cols and (cols[cid] is None or not cols[cid].blank) for cols in known):  # type: ignore[union-attr]
            continue
        holders = [r for r in known_rows if cid in cells[r]]
        if len(holders) >= 2:
            for r in holders:
                cells[r][cid] = None
            problems.append(BlankColumn(spec.id, tuple(holders), cid))


# ------------------------------------------------------------------ table 四 (rows side by side)


class _Side(Record):
    """The figures of a table printed as one line of cells, as read."""

    def __init__(self) -> None:
        self.values: list[Cell] = []
        self.filler = 0  # blank cells at the end of the last line of figures
        # digits run into the header's last word (尚未审结总计10203…: at least a
        # group's worth of digits, after nothing but the table's header words)
        self.glued = False
        # header words between lines of figures (PDF text extracted column by
        # column): the order of the figures is not the table's
        self.scrambled = False


def _side_by_side_values(lines: list[str], start: int, end: int, spec: Table) -> _Side:
    """The figures of a table printed as one line of cells, in order."""
    side = _Side()
    between = False  # a header line came after figures
    values = side.values
    filler = 0
    glued = False
    words = _words(spec).heading
    for i in range(start, end):
        line = lines[i]
        if not line or line.isspace():
            continue
        tokens, has_label, has_figure, _, positional, _ = _line_tokens(line)
        if has_label and not has_figure and values and not _row_label(spec, tokens):
            between = True
        elif has_figure and between:
            side.scrambled = True
        # Blank cells count only on a line of figures: header lines and
        # filler lines (`|||`) carry blanks that are no cells of table 四.
        keep_blanks = has_figure and not has_label
        before = ""
        line_values: list[Cell] = []
        for kind, p in tokens:
            if kind == LABEL and positional and line_values:
                line_values.append(Cell(None, p))  # type: ignore[arg-type]  # a word among the figures (三, 见附件)
            elif kind == LABEL:
                before = p  # type: ignore[assignment]
            elif kind == RUN and len(p.raw) >= len(spec.columns) and _only_words(label_key(before), words):  # type: ignore[attr-defined]
                line_values.append(p)  # type: ignore[arg-type]
                glued = True
            elif kind == VALUE and (keep_blanks or p is not BLANK):
                line_values.append(p)  # type: ignore[arg-type]
        values.extend(line_values)
        if line_values:
            # `| 0 | … | 0 | ||`: the pipes a wider header row leaves at the end of each line
            filler = 0
        while line_values and line_values[-1] is BLANK:
            line_values.pop()
            filler += 1
    side.filler, side.glued = filler, glued
    return side


def _row_label(spec: Table, tokens: Tokens) -> bool:
    """Whether a line's words name a row of the table (行政复议, 复议后起诉): a table
    printed with its groups one under the other, not header words among the figures."""
    words = "".join(label_key(p) for kind, p in tokens if kind == LABEL)  # type: ignore[arg-type]
    return any(k in words for r in spec.rows for k in r.keys + tuple(spec.start_words))


def _only_words(key: str, words: list[str]) -> bool:
    """Whether a label is nothing but the table's header words run together."""
    if not key:
        return False
    for w in words:
        if w in key:
            key = key.replace(w, "")
    return not key


def _read_side_by_side(lines: list[str], start: int, end: int, truncated: bool, spec: Table,
                       problems: list[Problem], sums: list[runs.Sum]) -> dict[str, dict[str, Cell | None]] | None:
    """The cells of a table printed as one line of figures; None when its
    region holds no figure at all (a heading with prose under it)."""
    side = _side_by_side_values(lines, start, end, spec)
    values, filler, glued = side.values, side.filler, side.glued
    cells: dict[str, dict[str, Cell | None]] = {r.id: {c.id: None for c in spec.columns} for r in spec.rows}
    width = len(spec.columns)
    need = len(spec.rows) * width
    if not values and not truncated:
        return None
    if side.scrambled:
        problems.append(Interleaved(spec.id, tuple(r.id for r in spec.rows),
                                    detail={"count": len(values), "expected": need}))
        return cells
    if len(values) > need and len(values) - filler == need:
        values = values[:need]
    if len(values) < need and runs.evident(values, need, glued):
        found, by_sums, n = runs.cut(values, need, sums)
        if found is None:
            problems.append(RunTogether(spec.id, tuple(r.id for r in spec.rows), detail={
                "runs": {spec.id: " ".join(v.raw for v in values)}, "splits": {spec.id: n}}))
            return cells
        values = found
        rows = tuple(r.id for r in spec.rows)
        problems.append(SplitBySums(spec.id, rows, detail={"sum": _sum_words(spec, sums),
                                                           "by_sums": list(rows) if by_sums else []}))
    if len(values) == need:
        placed = {i: values[i * width:(i + 1) * width] for i in range(len(spec.rows))}
        if _fill(spec, placed, cells, problems):
            _mark_blank_columns(spec, cells, problems)
    elif truncated and len(values) < need:
        problems.append(Truncated(spec.id, tuple(r.id for r in spec.rows),
                                  detail={"count": len(values), "expected": need}))
    else:
        problems.append(WrongCount(spec.id, tuple(r.id for r in spec.rows),
                                   detail={"count": len(values), "expected": need,
                                           "numbers": [c.raw or "空" for c in values][:40]}))
    return cells


# ------------------------------------------------------------------ sums and variants


def _sum_words(spec: Table, sums: object) -> str | None:
    """How a message names the sums digits are split by (各项之和等于“总计”);
    None for a table without sums of its own (split only where the digits allow one way)."""
    if not sums:
        return None
    return f"各项之和等于{spec.column(TOTAL).label}"


_sums_cache: dict[tuple[Format, Table], dict[str, list[runs.Sum]]] = {}


def _row_sums(fmt: Format, spec: Table) -> dict[str, list[runs.Sum]]:
    """Each row's own sums (the row axis of ``Format.equations``), by cell position in the row."""
    hit = _sums_cache.get((fmt, spec))
    if hit is None:
        hit = _sums_cache[(fmt, spec)] = _sums_of(fmt, spec)
    return hit


def _sums_of(fmt: Format, spec: Table) -> dict[str, list[runs.Sum]]:
    out: dict[str, list[runs.Sum]] = {}
    for eq in fmt.equations:
        if eq.identity.table != spec.id or eq.identity.axis != "row":
            continue
        cols = [c.id for c in spec.columns_of(spec.row(eq.member))]
        out.setdefault(eq.member, []).append((tuple(cols.index(c[2]) for c in eq.left),
                                              cols.index(eq.right[0][2])))
    return out


def _line_sums(fmt: Format, spec: Table) -> list[runs.Sum]:
    """The sums of a table printed as one line (table 四), by position in that line."""
    width = len(spec.columns)
    rows = [r.id for r in spec.rows]
    return [(tuple(rows.index(r) * width + p for p in left), rows.index(r) * width + right)
            for r, sums in _row_sums(fmt, spec).items() for left, right in sums]


def _one_row(spec: Table, anchors: dict[int, _Anchor]) -> str | None:
    """A group row that came with figures of its own and none of its sub-rows:
    printed as one row (``Row.alone``)."""
    index = {r.id: i for i, r in enumerate(spec.rows)}
    for row in spec.alone_rows:
        anchor = anchors.get(index[row.id])
        if anchor is None or not anchor.values:
            continue
        if any(index[r] in anchors for r in spec.children(row.id)):
            continue
        return row.id
    return None


def _read_rows(lines: list[str], region: tuple[int, int], truncated: bool, fmt: Format, tid: str,
               problems: list[Problem]) -> tuple[Format, dict[str, dict[str, Cell | None]]]:
    """A table of rows, read in the format's layout — or in its one-row variant
    when a group row came as one row of figures; the format it was read in."""
    spec = fmt.tables[tid]
    anchors, stray = _read_region(lines, region[0], region[1], spec)
    alone = _one_row(spec, anchors)
    if alone is not None:
        variant = fmt.with_one_row(tid, alone)
        v_spec = variant.tables[tid]
        v_anchors, v_stray = _read_region(lines, region[0], region[1], v_spec)
        at = next(i for i, r in enumerate(v_spec.rows) if r.id == alone)
        own = v_anchors.get(at)
        width = len(v_spec.columns_of(v_spec.rows[at]))
        n = len(own.values) if own is not None else 0
        # its own figures: as many as a row has (some blank at the end), or digits run together
        if own is not None and (n <= width <= n + own.trailing_blanks or runs.evident(own.values, width, own.glued)):
            problems.append(OneRow(tid, (alone,)))
            cells = _place_rows(v_spec, v_anchors, v_stray, truncated, problems, _row_sums(variant, v_spec))
            return variant, _with_left_out(fmt.tables[tid], cells)
    return fmt, _place_rows(spec, anchors, stray, truncated, problems, _row_sums(fmt, spec))


def _with_left_out(base: Table, cells: dict[str, dict[str, Cell | None]]) -> dict[str, dict[str, Cell | None]]:
    """A variant's cells in the template's row order, the rows it leaves out unknown."""
    out: dict[str, dict[str, Cell | None]] = {}
    for row in base.rows:
        if row.id in cells:
            out[row.id] = cells[row.id]
        elif not row.group:
            out[row.id] = {c.id: None for c in base.columns_of(row)}
    return out


# ------------------------------------------------------------------ the stage


def choose_format(sections: Sections) -> Format:
    """The format the tables are printed in: by their own header words, else by the year."""
    if sections.format_hint:
        return FORMATS[sections.format_hint]
    if sections.year is not None:
        return format_for_year(sections.year)
    return FORMAT_2021


def recover_tables(text: Text, sections: Sections) -> Tables:
    """Tables 二, 三 and 四 read from their regions, cell by cell.

    Every cell is a number, or None when it could not be read; every reason a
    cell could not be read is a :class:`gouji.problems.Problem` of its table
    (or, for a table not found, of the whole).  Nothing here judges a figure.
    A table printed in a known variant of its format (a group row as one row)
    is read in that variant: the result's format is then the variant, whose
    sums (``Format.equations``) are the ones that hold for it.
    """
    lines = text.lines
    regions = sections.regions
    problems: list[Problem] = []
    if not regions:
        return Tables(None, {}, [NotFound(t) for t in TABLE_IDS])
    fmt = choose_format(sections)
    out: dict[str, Recovered] = {}
    for tid in TABLE_IDS:
        region = regions.get(tid)
        if region is None:
            problems.append(NotFound(tid))
            continue
        table_problems: list[Problem] = []
        truncated = tid in sections.truncated_at_end
        if fmt.tables[tid].side_by_side:
            spec = fmt.tables[tid]
            found = _read_side_by_side(lines, region[0], region[1], truncated, spec, table_problems,
                                       _line_sums(fmt, spec))
            if found is None:
                problems.append(NotFound(tid))
                continue
            cells = found
        else:
            fmt, cells = _read_rows(lines, region, truncated, fmt, tid, table_problems)
        out[tid] = Recovered(fmt.tables[tid], cells, table_problems, region)
    return Tables(fmt, out, problems)

"""Stage 4: recover tables 二, 三 and 四 from their regions.

Every layout seen in pasted reports — one row per line with ``|``, one cell
per line, markdown rows, tab-separated rows, rows broken mid-way, PDF text
with labels wrapped around the numbers — is turned into one stream of tokens
per region: *labels* (text) and *values* (numbers, placeholders, blank cells,
unreadable cells).  Labels are matched against the template's rows in
template order; values belong to the row last matched.  Then each row's
values are placed in its columns, or, when their count does not fit, the row
is left unknown and the reason recorded.  Nothing here decides whether a
figure is right: that is for the rules.
"""

from __future__ import annotations

from .formats import (
    CHECKSUM_WORDS,
    FORMAT_2021,
    FORMATS,
    HEADER_WORDS,
    TABLE_IDS,
    TOTAL,
    TOTAL_PARTS,
    CellRef,
    Format,
    Table,
    format_for_year,
)
from .normalize import BLANK, HAN_OR_LETTER, NOT_HAN, Cell, Text, in_unit, parse_number
from .problems import (
    BadCell,
    BlankColumn,
    Flattened,
    InOrder,
    LongRow,
    MissingRows,
    NoRows,
    NotFound,
    Problem,
    ShortRow,
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
        cell = self.cells.get(row, {}).get(column)
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


class Tables(Record):
    def __init__(self, format: Format | None, tables: dict[str, Recovered], problems: list[Problem]) -> None:
        self.format = format
        self.tables = tables
        self.problems = problems  # table-level problems, including tables not found

    @property
    def readable(self) -> bool:
        """At least one figure was read (a flattened table's numbers count)."""
        for rec in self.tables.values():
            if any(c is not None for cols in rec.cells.values() for c in cols.values()):
                return True
            if any(isinstance(p, Flattened) for p in rec.problems):
                return True
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

LABEL, VALUE, EMPTY = "L", "V", "E"


Tokens = tuple[tuple[str, object], ...]
#: a line's tokens, whether it holds a label, whether it holds a figure,
#: and whether it ends in a pipe (which may close a blank last cell)
LineTokens = tuple[Tokens, bool, bool, bool]

_token_cache: dict[str, LineTokens] = {}


def _line_tokens(line: str) -> LineTokens:
    """The tokens of one line (memoised).

    Table lines repeat a lot ("0 |", "0", "||", the template's labels), within
    a report and across a folder of them; tokens are immutable.
    """
    hit = _token_cache.get(line)
    if hit is None:
        if len(_token_cache) > 20000:
            _token_cache.clear()
        hit = _token_cache[line] = _tokenize(line)
    return hit


_MARKDOWN_RULE = regex(r"^[\s|:]*-{3,}[\s|:-]*$")


def _tokenize(line: str) -> LineTokens:
    if _MARKDOWN_RULE.match(line):
        return (), False, False, False  # |---|---| under a markdown header: syntax, not cells
    stripped = line.strip()
    positional = True
    if "|" in stripped:
        # Cells lie between pipes: the nothing before a leading pipe and after
        # a closing pipe is not a cell; a blank between two pipes is.
        cells = stripped.split("|")
        if stripped.startswith("|"):
            cells = cells[1:]
        if stripped.endswith("|") and cells:
            cells = cells[:-1]
    elif "\t" in line:
        cells = line.rstrip("\n").split("\t")  # a row copied from a browser table
    else:
        cells = _CELL_SPLIT.split(stripped)  # space-aligned: blank cells leave no trace
        positional = False
    raw: list[tuple[str, object]] = []
    for cell in cells:
        cell = cell.strip()
        if not cell:
            if positional:
                raw.append((EMPTY, None))
            continue
        number = parse_number(cell)
        if number is not None:
            raw.append((VALUE, number))
            continue
        if " " in cell:
            pending: list[str] = []
            for part in cell.split():
                number = parse_number(part)
                if number is not None and not (part.endswith(".") or part.endswith("、")):
                    if pending:
                        raw.append((LABEL, "".join(pending)))
                        pending = []
                    raw.append((VALUE, number))
                else:
                    pending.append(part)
            if pending:
                raw.append((LABEL, "".join(pending)))
            continue
        if _WORDY.search(cell) or _NUMBERING_ONLY.match(cell):
            raw.append((LABEL, cell))
        else:
            raw.append((VALUE, Cell(None, cell)))  # present but not a number
    # A blank cell before a label on its line belongs to the label columns
    # (a merged group cell); after the labels it is a blank value cell.
    last_label = max((i for i, t in enumerate(raw) if t[0] == LABEL), default=-1)
    out = tuple((VALUE, BLANK) if t[0] == EMPTY else t for i, t in enumerate(raw)
                if t[0] != EMPTY or i > last_label)
    return out, last_label >= 0, any(t[0] == VALUE for t in raw), stripped.endswith("|")


def label_key(text: str) -> str:
    """A label reduced to its Chinese characters, numbering stripped."""
    return _NOT_HAN.sub("", _LABEL_PREFIX.sub("", text.replace(" ", "")))


# ------------------------------------------------------------------ matching


class _Matcher:
    """Follows the template's rows in order as labels arrive."""

    def __init__(self, spec: Table):
        self.rows = spec.rows
        self.full = [label_key(r.label) for r in spec.rows]
        self.ptr = 0
        self.current: int | None = None
        # The header's words.  A header repeated after a page break puts
        # "其他" and "总计" (column labels) right where a weak row label could
        # be expected, so weak labels are ignored until a real row label.
        self.header_words = {label_key(c.label) for c in spec.columns} | set(HEADER_WORDS)
        self.in_header = True

    def match(self, label: str) -> int | None:
        key = label_key(label)
        if len(key) < 2:
            return None
        numbered = _LABEL_PREFIX.match(label.strip()) is not None  # "3.其他" is a row, "其他" a column
        if (key in self.header_words and not numbered) or CHECKSUM_WORDS in key:
            self.in_header = True
            return None
        found = self._find(key, numbered)
        if found is not None:
            self.in_header = False  # a row label, even a wrapped piece: back in the rows
        return found

    def _find(self, key: str, numbered: bool) -> int | None:
        cur = self.current
        if cur is not None and key in self.full[cur] and (len(key) >= 3 or key == self.full[cur]):
            return cur  # a wrapped piece of the current row's own label
        rows = self.rows
        for j in range(self.ptr, len(rows)):
            row = rows[j]
            if row.keys and any(k in key for k in row.keys):
                return j
            # "3.其他" with its number is a row label even right after a header
            if row.weak and key in row.weak and (numbered or not self.in_header) and self._near(j):
                return j
            if len(key) >= 4 and j - self.ptr <= 2 and key in self.full[j]:
                return j
        return None

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


def _read_region(lines: list[str], start: int, end: int, spec: Table):
    """Anchors by row index, values seen before any row, and the rows matched."""
    matcher = _Matcher(spec)
    anchors: dict[int, _Anchor] = {}
    stray: list[Cell] = []
    for i in range(start, end):
        line = lines[i]
        if not line or line.isspace():
            continue
        tokens, _, _, ends_with_pipe = _line_tokens(line)
        for kind, payload in tokens:
            if kind == LABEL:
                j = matcher.match(payload)  # type: ignore[arg-type]
                if j is not None and j != matcher.current:
                    matcher.advance(j)
                    anchors.setdefault(j, _Anchor(line=i))
            else:
                cur = matcher.current
                if cur is None:
                    if payload is not BLANK:
                        stray.append(payload)  # type: ignore[arg-type]
                else:
                    anchors[cur].values.append(payload)  # type: ignore[arg-type]
                    anchors[cur].ends_with_pipe = ends_with_pipe
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


# ------------------------------------------------------------------ placing values


class _Placement:
    """Puts each anchor's values into its row's columns, or records why not."""

    def __init__(self, spec: Table, anchors: dict[int, _Anchor], truncated: bool, problems: list[Problem]) -> None:
        self.spec = spec
        self.rows = spec.rows
        self.anchors = anchors
        self.truncated = truncated
        self.problems = problems
        self.data_idx = [i for i, r in enumerate(self.rows) if not r.group]
        self.width = {i: len(spec.columns_of(self.rows[i])) for i in self.data_idx}
        self.cells: dict[str, dict[str, Cell | None]] = {
            self.rows[i].id: {c.id: None for c in spec.columns_of(self.rows[i])} for i in self.data_idx
        }
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

    def place(self, pos: int, i: int, matched: list[int], last_with_values: int | None) -> None:
        """One anchor's values: into its own row, or spread over the unlabelled rows after it."""
        rows, anchor = self.rows, self.anchors[i]
        # The rows these values may fill: this one (if it holds data) and the
        # rows after it whose labels never appeared.
        targets = [] if rows[i].group else [i]
        nxt = matched[pos + 1] if pos + 1 < len(matched) else len(rows)
        targets += [j for j in range(i + 1, nxt) if not rows[j].group]
        n = len(anchor.values)
        need = [self.width[t] for t in targets]
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
                problems: list[Problem]) -> dict[str, dict[str, Cell | None]]:
    """Each matched row's values in its columns; what does not fit is left unknown, with the reason."""
    placement = _Placement(spec, anchors, truncated, problems)
    if not anchors:
        placement.without_labels(stray)
        return placement.cells
    counts = {i: len(a.values) for i, a in anchors.items() if not spec.rows[i].group}
    if placement.flattened(counts):
        return placement.cells
    matched = sorted(anchors)
    last_with_values = max((i for i in matched if anchors[i].values), default=None)
    placement.fill_blank_ends(counts, last_with_values)
    for pos, i in enumerate(matched):
        if anchors[i].values:
            placement.place(pos, i, matched, last_with_values)
    placement.missing(matched, last_with_values)
    _fill(spec, placement.placed, placement.cells, problems)
    _mark_blank_columns(spec, placement.cells, problems)
    return placement.cells


def _fill(spec: Table, placed: dict[int, list[Cell]], cells: dict[str, dict[str, Cell | None]],
          problems: list[Problem]) -> None:
    for i, values in placed.items():
        row = spec.rows[i]
        for col, cell in zip(spec.columns_of(row), values):
            if cell.value is None:
                problems.append(BadCell(spec.id, (row.id,), col.id, {"raw": cell.raw}))
                cells[row.id][col.id] = None
                continue
            value = in_unit(cell, col.unit)
            if value != cell.value:
                cell = Cell(value, cell.raw, cell.blank, col.unit)
            cells[row.id][col.id] = cell


def _mark_blank_columns(spec: Table, cells: dict[str, dict[str, Cell | None]], problems: list[Problem]) -> None:
    """A column left blank in every row is not zeros: make it unknown, once."""
    known_rows = [r for r, cols in cells.items() if any(c is not None for c in cols.values())]
    if len(known_rows) < 2:
        return
    any_figure = any(c is not None and not c.blank for r in known_rows for c in cells[r].values())
    if not any_figure:
        return
    for col in spec.columns:
        holders = [r for r in known_rows if col.id in cells[r]]
        if len(holders) < 2:
            continue
        if all(cells[r][col.id] is not None and cells[r][col.id].blank for r in holders):  # type: ignore[union-attr]
            for r in holders:
                cells[r][col.id] = None
            problems.append(BlankColumn(spec.id, tuple(holders), col.id))


# ------------------------------------------------------------------ table 四 (rows side by side)


def _read_side_by_side(lines: list[str], start: int, end: int, truncated: bool, spec: Table,
                  problems: list[Problem]) -> dict[str, dict[str, Cell | None]]:
    values: list[Cell] = []
    for i in range(start, end):
        line = lines[i]
        if not line or line.isspace():
            continue
        tokens, has_label, has_figure, _ = _line_tokens(line)
        # Blank cells count only on a line of figures: header lines and
        # filler lines (`|||`) carry blanks that are no cells of table 四.
        keep_blanks = has_figure and not has_label
        values.extend(p for kind, p in tokens  # type: ignore[misc]
                      if kind == VALUE and (keep_blanks or p is not BLANK))
    cells: dict[str, dict[str, Cell | None]] = {r.id: {c.id: None for c in spec.columns} for r in spec.rows}
    need = len(spec.rows) * len(spec.columns)
    if len(values) == need:
        placed = {i: values[i * len(spec.columns):(i + 1) * len(spec.columns)] for i in range(len(spec.rows))}
        _fill(spec, placed, cells, problems)
        _mark_blank_columns(spec, cells, problems)
    elif truncated and len(values) < need:
        problems.append(Truncated(spec.id, tuple(r.id for r in spec.rows),
                                detail={"count": len(values), "expected": need}))
    else:
        problems.append(WrongCount(spec.id, tuple(r.id for r in spec.rows),
                                detail={"count": len(values), "expected": need,
                                        "numbers": [c.raw or "空" for c in values][:40]}))
    return cells


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
    """
    lines = text.lines
    regions = sections.regions
    problems: list[Problem] = []
    if not regions:
        return Tables(None, {}, [NotFound(t) for t in TABLE_IDS])
    fmt = choose_format(sections)
    out: dict[str, Recovered] = {}
    for tid in TABLE_IDS:
        spec = fmt.tables[tid]
        region = regions.get(tid)
        if region is None:
            problems.append(NotFound(tid))
            continue
        start, end = region
        table_problems: list[Problem] = []
        truncated = tid in sections.truncated_at_end
        if spec.side_by_side:
            cells = _read_side_by_side(lines, start, end, truncated, spec, table_problems)
        else:
            anchors, stray = _read_region(lines, start, end, spec)
            cells = _place_rows(spec, anchors, stray, truncated, table_problems)
        out[tid] = Recovered(spec, cells, table_problems, region)
    return Tables(fmt, out, problems)

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

from .formats import FORMAT_2019, FORMAT_2021, FORMATS, Format, Row, Table
from .normalize import BLANK, HAN_OR_LETTER, NOT_HAN, Cell, Text, in_unit, parse_number
from .record import Record
from .regexes import regex
from .sections import Sections

# ------------------------------------------------------------------ results


class Problem(Record):
    """Something the reader could not do, for the structure rules to report.

    kind: ``not_found`` (no table), ``no_rows`` (a header but no row),
    ``flattened``, ``blank_column``, ``short_row``, ``long_row``,
    ``missing_rows``, ``truncated``, ``bad_cell``, ``in_order``,
    ``wrong_count`` (table 四's fifteen cells).
    """

    def __init__(
        self,
        kind: str,
        table: str,
        rows: tuple[str, ...] = (),
        column: str | None = None,
        detail: dict | None = None,
    ) -> None:
        self.kind = kind
        self.table = table
        self.rows = rows
        self.column = column
        self.detail = {} if detail is None else detail


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
            if any(p.kind == "flattened" for p in rec.problems):
                return True
        return False


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
        self.header_words = {label_key(c.label) for c in spec.columns} | {"申请人情况", "法人或其他组织", "信息内容"}
        self.in_header = True

    def match(self, label: str) -> int | None:
        key = label_key(label)
        if len(key) < 2:
            return None
        numbered = _LABEL_PREFIX.match(label.strip()) is not None  # "3.其他" is a row, "其他" a column
        if (key in self.header_words and not numbered) or "勾稽关系" in key:
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


def _place_rows(spec: Table, anchors: dict[int, _Anchor], stray: list[Cell], truncated: bool,
                problems: list[Problem]) -> dict[str, dict[str, Cell | None]]:
    rows = spec.rows
    data_idx = [i for i, r in enumerate(rows) if not r.group]
    width = {i: len(spec.columns_of(rows[i])) for i in data_idx}
    cells: dict[str, dict[str, Cell | None]] = {
        rows[i].id: {c.id: None for c in spec.columns_of(rows[i])} for i in data_idx
    }
    placed: dict[int, list[Cell]] = {}

    if not anchors:
        total = sum(width.values())
        if stray and len(stray) == total:
            pos = 0
            for i in data_idx:
                placed[i] = stray[pos: pos + width[i]]
                pos += width[i]
            problems.append(Problem("in_order", spec.id, tuple(rows[i].id for i in data_idx)))
        elif stray or truncated:
            problems.append(Problem("no_rows", spec.id, detail={"values": len(stray)}))
        else:
            problems.append(Problem("no_rows", spec.id, detail={"values": 0}))
        _fill(spec, placed, cells, problems)
        return cells

    counts = {i: len(a.values) for i, a in anchors.items() if not rows[i].group}
    uniform_width = len(set(width.values())) == 1
    k = next(iter(width.values()))

    # A table flattened to one number per row: the numbers cannot be put in
    # columns.  Keep them (by row) for the finding; every cell stays unknown.
    if uniform_width and k > 1 and counts:
        ones = sum(1 for n in counts.values() if n == 1)
        if ones >= max(3, 0.6 * len(counts)) and not any(n == k for n in counts.values()):
            numbers = {rows[i].id: anchors[i].values[0].value for i in sorted(counts) if counts[i] == 1}
            problems.append(Problem("flattened", spec.id, tuple(numbers), detail={"numbers": numbers}))
            return cells

    matched = sorted(anchors)
    last_with_values = max((i for i in matched if anchors[i].values), default=None)

    # A row short of figures but followed by as many blank cells: its last
    # cells were left blank, which is 0 — unless the text stops right there.
    # When most rows are one short without blanks to show for it, the whole
    # 总计 column was left blank (one-cell-per-line layouts drop blank cells
    # altogether); the blank column check below then makes it unknown.
    short = {i: width[i] - n for i, n in counts.items() if 0 < width[i] - n <= anchors[i].trailing_blanks}
    for i, gap in short.items():
        if not (truncated and i == last_with_values):
            anchors[i].values.extend([BLANK] * gap)
    short_by_one = [i for i, n in counts.items() if n == width[i] - 1 and width[i] > 1 and i not in short]
    whole_column = uniform_width and k > 2 and len(short_by_one) >= max(3, 0.6 * len(counts))
    if whole_column:
        for i in short_by_one:
            anchors[i].values.append(BLANK)
    for pos, i in enumerate(matched):
        anchor = anchors[i]
        if not anchor.values:
            continue
        # The rows these values may fill: this one (if it holds data) and the
        # rows after it whose labels never appeared.
        targets = [] if rows[i].group else [i]
        nxt = matched[pos + 1] if pos + 1 < len(matched) else len(rows)
        for j in range(i + 1, nxt):
            if not rows[j].group:
                targets.append(j)
        n = len(anchor.values)
        need = [width[t] for t in targets]
        if targets and n == need[0] and (not rows[i].group or len(targets) == 1):
            placed[targets[0]] = anchor.values
        elif len(targets) > 1 and n == sum(need):
            at = 0
            for t in targets:
                placed[t] = anchor.values[at: at + width[t]]
                at += width[t]
            unlabelled = targets if rows[i].group else targets[1:]
            problems.append(Problem("in_order", spec.id, tuple(rows[t].id for t in unlabelled),
                                    detail={"after": rows[i].id}))
        elif truncated and i == last_with_values and targets and n < sum(need):
            pass  # reported with the truncation below
        elif targets:
            kind = "short_row" if n < need[0] else "long_row"
            problems.append(Problem(kind, spec.id, (rows[targets[0]].id,),
                                    detail={"count": n, "expected": need[0],
                                            "numbers": [c.raw or "空" for c in anchor.values]}))

    # Rows that never got figures.
    missing = [i for i in data_idx if i not in placed]
    known_positions = [i for i in data_idx if i in placed]
    if missing:
        last_known = max(known_positions, default=-1)
        tail = [i for i in missing if i > last_known]
        inner = [i for i in missing if i < last_known]
        counted_short = {p.rows[0] for p in problems if p.kind in ("short_row", "long_row")}
        inner = [i for i in inner if rows[i].id not in counted_short]
        if tail and truncated:
            stop = last_with_values if last_with_values is not None else matched[-1]
            partial = len(anchors[stop].values) if stop in anchors and stop not in placed else None
            problems.append(Problem("truncated", spec.id, tuple(rows[i].id for i in tail),
                                    detail={"after": rows[stop].id, "partial": partial}))
        elif tail:
            tail = [i for i in tail if rows[i].id not in counted_short]
            inner += tail
        if inner:
            problems.append(Problem("missing_rows", spec.id, tuple(rows[i].id for i in sorted(inner))))

    _fill(spec, placed, cells, problems)
    _mark_blank_columns(spec, cells, problems)
    return cells


def _fill(spec: Table, placed: dict[int, list[Cell]], cells: dict[str, dict[str, Cell | None]],
          problems: list[Problem]) -> None:
    for i, values in placed.items():
        row = spec.rows[i]
        for col, cell in zip(spec.columns_of(row), values):
            if cell.value is None:
                problems.append(Problem("bad_cell", spec.id, (row.id,), col.id, {"raw": cell.raw}))
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
            problems.append(Problem("blank_column", spec.id, tuple(holders), col.id))


# ------------------------------------------------------------------ table 四


def _read_appeals(lines: list[str], start: int, end: int, truncated: bool, spec: Table,
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
        problems.append(Problem("truncated", spec.id, tuple(r.id for r in spec.rows),
                                detail={"count": len(values), "expected": need}))
    else:
        problems.append(Problem("wrong_count", spec.id, tuple(r.id for r in spec.rows),
                                detail={"count": len(values), "expected": need,
                                        "numbers": [c.raw or "空" for c in values][:40]}))
    return cells


# ------------------------------------------------------------------ the stage


def choose_format(text: Text, sections: Sections) -> Format:
    if sections.format_hint:
        return FORMATS[sections.format_hint]
    if sections.year is not None and sections.year in (2019, 2020):
        return FORMAT_2019
    return FORMAT_2021


def recover_tables(text: Text, sections: Sections) -> Tables:
    lines = text.lines
    regions = sections.regions
    problems: list[Problem] = []
    if not regions:
        return Tables(None, {}, [Problem("not_found", t) for t in ("proactive", "requests", "appeals")])
    fmt = choose_format(text, sections)
    out: dict[str, Recovered] = {}
    for tid in ("proactive", "requests", "appeals"):
        spec = fmt.tables[tid]
        region = regions.get(tid)
        if region is None:
            problems.append(Problem("not_found", tid))
            continue
        start, end = region
        table_problems: list[Problem] = []
        truncated = tid in sections.truncated_at_end
        if tid == "appeals":
            cells = _read_appeals(lines, start, end, truncated, spec, table_problems)
        else:
            anchors, stray = _read_region(lines, start, end, spec)
            cells = _place_rows(spec, anchors, stray, truncated, table_problems)
        out[tid] = Recovered(spec, cells, table_problems, region)
    return Tables(fmt, out, problems)

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

import re
from dataclasses import dataclass, field

from .formats import FORMAT_2019, FORMAT_2021, FORMATS, Format, Row, Table
from .normalize import BLANK, Cell, Text, in_unit, parse_number
from .sections import Sections

# ------------------------------------------------------------------ results


@dataclass
class Problem:
    """Something the reader could not do, for the structure rules to report.

    kind: ``not_found`` (no table), ``no_rows`` (a header but no row),
    ``flattened``, ``blank_column``, ``short_row``, ``long_row``,
    ``missing_rows``, ``truncated``, ``bad_cell``, ``in_order``,
    ``wrong_count`` (table 四's fifteen cells).
    """

    kind: str
    table: str
    rows: tuple[str, ...] = ()
    column: str | None = None
    detail: dict = field(default_factory=dict)


@dataclass
class Recovered:
    spec: Table
    cells: dict[str, dict[str, Cell | None]]
    problems: list[Problem] = field(default_factory=list)
    line_span: tuple[int, int] | None = None

    def value(self, row: str, column: str) -> int | float | None:
        cell = self.cells.get(row, {}).get(column)
        return None if cell is None else cell.value

    def as_json(self) -> dict[str, dict[str, int | float | None]]:
        return {
            row: {col: (None if cell is None else cell.value) for col, cell in cols.items()}
            for row, cols in self.cells.items()
        }


@dataclass
class Tables:
    format: Format | None
    tables: dict[str, Recovered]
    problems: list[Problem]  # table-level problems, including tables not found


# ------------------------------------------------------------------ tokens

_CELL_SPLIT = re.compile(r" {2,}")
_WORDY = re.compile(r"[A-Za-z\u4e00-\u9fff]")
_NUMBERING_ONLY = re.compile(r"^(?:\d{1,2}[.、)]|\(\d{1,2}\)|[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))$")
_LABEL_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d{1,2}[.、)]|\(\d{1,2}\))+")
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")

LABEL, VALUE, EMPTY = "L", "V", "E"


_token_cache: dict[str, tuple[tuple[tuple[str, object], ...], bool]] = {}


def _line_tokens(line: str) -> tuple[tuple[tuple[str, object], ...], bool]:
    """The tokens of one line, and whether it ends in blank cells after a value.

    Table lines repeat a lot ("0 |", "0", "||", the template's labels), within
    a report and across a folder of them, so results are memoised; tokens
    are immutable.
    """
    hit = _token_cache.get(line)
    if hit is None:
        if len(_token_cache) > 20000:
            _token_cache.clear()
        hit = _token_cache[line] = _tokenize(line)
    return hit


def _tokenize(line: str) -> tuple[tuple[tuple[str, object], ...], bool]:
    if "|" in line:
        cells = line.split("|")
    elif "\t" in line:
        cells = line.split("\t")
    else:
        cells = _CELL_SPLIT.split(line)
    raw: list[tuple[str, object]] = []
    for cell in cells:
        cell = cell.strip()
        if not cell:
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
    # A blank cell counts only between two non-blank ones on its line: blanks
    # at either end are separators' leftovers (`| a | b |`, trailing `||`).
    first = next((i for i, t in enumerate(raw) if t[0] != EMPTY), None)
    last_value = max((i for i, t in enumerate(raw) if t[0] == VALUE), default=None)
    out: list[tuple[str, object]] = []
    if first is None:
        return (), False
    for i, tok in enumerate(raw):
        if tok[0] == EMPTY:
            if first < i and last_value is not None and i < last_value:
                out.append((VALUE, BLANK))
        else:
            out.append(tok)
    trailing_blank = last_value is not None and any(t[0] == EMPTY for t in raw[last_value + 1:])
    return tuple(out), trailing_blank


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

    def match(self, label: str) -> int | None:
        key = label_key(label)
        if len(key) < 2:
            return None
        cur = self.current
        if cur is not None and key in self.full[cur] and (len(key) >= 3 or key == self.full[cur]):
            return cur  # a wrapped piece of the current row's own label
        rows = self.rows
        for j in range(self.ptr, len(rows)):
            row = rows[j]
            if row.keys and any(k in key for k in row.keys):
                return j
            if row.weak and key in row.weak and self._near(j):
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


@dataclass
class _Anchor:
    values: list[Cell] = field(default_factory=list)
    trailing_blank: bool = False
    line: int | None = None


def _read_region(lines: list[str], start: int, end: int, spec: Table):
    """Anchors by row index, values seen before any row, and the rows matched."""
    matcher = _Matcher(spec)
    anchors: dict[int, _Anchor] = {}
    stray: list[Cell] = []
    for i in range(start, end):
        line = lines[i]
        if not line or line.isspace():
            continue
        tokens, trailing = _line_tokens(line)
        got_value = False
        for kind, payload in tokens:
            if kind == LABEL:
                j = matcher.match(payload)  # type: ignore[arg-type]
                if j is not None and j != matcher.current:
                    matcher.advance(j)
                    anchors.setdefault(j, _Anchor(line=i))
            else:
                cur = matcher.current
                if cur is None:
                    stray.append(payload)  # type: ignore[arg-type]
                else:
                    anchors[cur].values.append(payload)  # type: ignore[arg-type]
                    got_value = True
        if got_value and matcher.current is not None:
            anchors[matcher.current].trailing_blank = trailing
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

    # A row one value short whose line ends in a blank cell: its last cell
    # (总计) was left blank, which is a 0 — unless the text stops right there.
    # When most rows are one short, the whole 总计 column was left blank
    # (the one-cell-per-line layouts drop blank cells altogether); the blank
    # column check below then makes that column unknown.
    short_by_one = [i for i, n in counts.items() if n == width[i] - 1 and width[i] > 1]
    whole_column = uniform_width and k > 2 and len(short_by_one) >= max(3, 0.6 * len(counts))
    for i in short_by_one:
        if whole_column or (anchors[i].trailing_blank and not (truncated and i == last_with_values)):
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
            problems.append(Problem("in_order", spec.id, tuple(rows[t].id for t in targets),
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
        tokens, _ = _line_tokens(line)
        values.extend(p for kind, p in tokens if kind == VALUE)  # type: ignore[misc]
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

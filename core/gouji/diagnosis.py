"""Which cell to fix: the fewest cells whose change makes every sum hold.

When sums of the tables fail (``Format.equations``: row totals, the outcome
rows into （七）总计, 一 + 二 = （七）+ 四, the groups of table 四), a clerk
needs one cell named, not thirty marked.  Every equation is a sum with
coefficients +1 and −1, so changing one cell by d changes the residual of
each equation it stands in by ±d.  A single cell explains the failures when
it stands in every failed equation, in no equation that holds, and one d
makes all of them hold with a whole, non-negative value.

Failed equations that share no cell are separate errors and are explained
separately.  Where no single cell explains a group of failures, pairs of
cells are tried; more than a few equally good answers is no answer.  Every
cell of table 三 stands on two sums (its row and its column), so one wrong
cell there is named exactly; a cell of table 四 stands on its group's sum
only, so any cell of the group is a candidate.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from .formats import TABLE_IDS, CellRef, Equation, Format
from .record import Record
from .tables import Tables

#: More equally good answers than this for one error, and nothing is said.
MAX_CANDIDATES = 6
#: Pairs are tried only among this many cells (a damaged table is not diagnosed).
MAX_PAIR_CELLS = 40


class Suspect(Record):
    """A cell that, changed to ``suggested``, makes the failed sums it ``explains`` hold."""

    def __init__(self, cell: CellRef, value: int | float, suggested: int | float, explains: list[str],
                 axes: set[str], sure: bool, group: int, together: list[CellRef] | None = None) -> None:
        self.cell = cell
        self.value = value
        self.suggested = suggested
        self.explains = explains  # the rule codes of the failed sums
        self.axes = axes  # "row", "column": the kinds of sum it stands on
        self.sure = sure  # the only answer for its error
        self.group = group  # which error (failed sums that share cells) it answers
        self.together = together or []  # the other cell(s) to change with it, for a two-cell answer


class _Residuals(Record):
    """Each evaluable equation with its residual (left − right)."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.equations: list[tuple[Equation, Any]] = [(s.equation, s.residual) for s in tables.sums() if s.readable]
        self._terms: dict[CellRef, dict[int, int]] | None = None

    @property
    def values(self) -> dict[CellRef, Any]:
        return self.tables.values()  # (worked out once, and only for a report with a failed sum)

    @property
    def terms(self) -> dict[CellRef, dict[int, int]]:
        """Each cell's coefficient in each equation it stands in, by the equation's
        place (worked out once, when pairs are tried: a pair's equations are then
        looked up, not searched for, and a group of 40 cells has 780 pairs)."""
        if self._terms is None:
            self._terms = {}
            for i, (e, _) in enumerate(self.equations):
                for cell in e.cells:
                    self._terms.setdefault(cell, {})[i] = _coef(e, cell)
        return self._terms


def _coef(eq: Equation, cell: CellRef) -> int:
    return 1 if cell in eq.left else -1 if cell in eq.right else 0


def _groups(failed: list[tuple[Equation, Any]]) -> list[list[tuple[Equation, Any]]]:
    """Failed equations joined when they share a cell: each group is one error (or several tangled)."""
    groups: list[list[tuple[Equation, Any]]] = []
    for item in failed:
        cells = set(item[0].cells)
        joined = [g for g in groups if any(cells & set(e.cells) for e, _ in g)]
        merged = [item] + [x for g in joined for x in g]
        groups = [g for g in groups if g not in joined] + [merged]
    return [sorted(g, key=lambda x: failed.index(x)) for g in groups]


def _fits(value: Any, new: Any, cell: CellRef, fmt: Format) -> bool:
    col = fmt.tables[cell[0]].column(cell[2])
    if not col.count:
        return True
    return new >= 0 and float(new).is_integer()


def _single(group, holding, res: _Residuals, fmt: Format) -> list[tuple[CellRef, Any]]:
    """Cells that alone explain every equation of the group: (cell, change)."""
    out = []
    cells = set.intersection(*(set(e.cells) for e, _ in group))
    for cell in sorted(cells, key=lambda c: _order(fmt, c)):
        if any(_coef(e, cell) for e, _ in holding):
            continue  # it stands in a sum that holds: changing it would break that one
        changes = {-r * _coef(e, cell) for e, r in group}
        if len(changes) != 1:
            continue
        d = changes.pop()
        value = res.values[cell]
        if d and _fits(value, value + d, cell, fmt):
            out.append((cell, d))
    return out


def _pair_change(c1: CellRef, c2: CellRef, terms: list[tuple[int, int, Any]], fmt: Format,
                 res: _Residuals) -> tuple[Any, Any] | None:
    """The changes (d1, d2) to two cells that make every equation either stands in
    hold, if one exists; terms: each such equation's coefficients of the two and its residual."""
    d1 = d2 = None
    mixed = []
    for k1, k2, r in terms:
        if k1 and k2:
            mixed.append((k1, k2, r))
        elif k1:
            if d1 is not None and d1 != -r * k1:
                return None
            d1 = -r * k1
        else:
            if d2 is not None and d2 != -r * k2:
                return None
            d2 = -r * k2
    for k1, k2, r in mixed:
        if d1 is None and d2 is not None:
            d1 = (-r - k2 * d2) * k1
        elif d2 is None and d1 is not None:
            d2 = (-r - k1 * d1) * k2
    if d1 is None or d2 is None or not d1 or not d2:
        return None
    if any(k1 * d1 + k2 * d2 + r for k1, k2, r in mixed):
        return None
    v1, v2 = res.values[c1], res.values[c2]
    if not (_fits(v1, v1 + d1, c1, fmt) and _fits(v2, v2 + d2, c2, fmt)):
        return None
    return d1, d2


def _order(fmt: Format, cell: CellRef) -> tuple[int, int, int]:
    """A cell's place in the report: table, then row, then column, as the template prints them."""
    table = fmt.tables[cell[0]]
    rows = [r.id for r in table.rows]
    cols = [c.id for c in table.columns]
    return (TABLE_IDS.index(cell[0]), rows.index(cell[1]), cols.index(cell[2]))


def _pairs(group, res: _Residuals, fmt: Format) -> list[tuple[CellRef, Any, CellRef, Any]]:
    cells = sorted({c for e, _ in group for c in e.cells}, key=lambda c: _order(fmt, c))
    if len(cells) > MAX_PAIR_CELLS:
        return []
    terms = res.terms
    failed = {i for i, item in enumerate(res.equations) if item in group}
    out = []
    for c1, c2 in combinations(cells, 2):
        t1, t2 = terms.get(c1, {}), terms.get(c2, {})
        places = t1.keys() | t2.keys()
        if not failed <= places:
            continue
        found = _pair_change(c1, c2, [(t1.get(i, 0), t2.get(i, 0), res.equations[i][1]) for i in sorted(places)],
                             fmt, res)
        if found is not None:
            out.append((c1, found[0], c2, found[1]))
            if len(out) > MAX_CANDIDATES:
                return []
    return out


def _number(x: Any) -> int | float:
    return int(x) if float(x).is_integer() else x


_AXES = {frozenset({"row", "column"}): "同一行和同一列", frozenset({"row"}): "同一行", frozenset({"column"}): "同一列"}


def describe(s: Suspect, fmt: Format) -> str:
    """The suspect in a clerk's words: which cell, what it says, what it should say and why."""
    table = fmt.tables[s.cell[0]]
    where = f"{table.part_name}“{table.row(s.cell[1]).label}”{table.column(s.cell[2]).label}"
    if table.side_by_side:
        basis = "同一组"
    else:
        basis = _AXES.get(frozenset(s.axes), "相关")
    text = f"{where} 填的是 {_fmt(s.value)}；按{basis}的其他数字，应为 {_fmt(s.suggested)}"
    if s.together:
        others = "、".join(f"“{fmt.tables[c[0]].row(c[1]).label}”{fmt.tables[c[0]].column(c[2]).label}"
                          for c in s.together)
        text += f"（须与{others}一起改）"
    return text


def _fmt(n: Any) -> str:
    return f"{n:g}" if isinstance(n, float) else str(n)


def diagnose(tables: Tables) -> list[Suspect]:
    """The cells most likely mistyped, most likely first; empty when every sum
    holds or nothing certain can be said."""
    fmt = tables.format
    if fmt is None:
        return []
    res = _Residuals(tables)
    failed = [(e, r) for e, r in res.equations if r]
    if not failed:
        return []
    holding = [(e, r) for e, r in res.equations if not r]
    out: list[Suspect] = []
    for n, group in enumerate(_groups(failed)):
        codes = sorted({e.identity.code for e, _ in group})
        singles = _single(group, holding, res, fmt)
        if singles:
            if len(singles) > MAX_CANDIDATES:
                continue
            for cell, d in singles:
                axes = {e.identity.axis for e, _ in res.equations if _coef(e, cell)}
                out.append(Suspect(cell, res.values[cell], _number(res.values[cell] + d), codes, axes,
                                   sure=len(singles) == 1, group=n))
            continue
        pairs = _pairs(group, res, fmt)
        for c1, d1, c2, d2 in pairs:
            for cell, d, other in ((c1, d1, c2), (c2, d2, c1)):
                axes = {e.identity.axis for e, _ in res.equations if _coef(e, cell)}
                out.append(Suspect(cell, res.values[cell], _number(res.values[cell] + d), codes, axes,
                                   sure=len(pairs) == 1, group=n, together=[other]))
    out.sort(key=lambda s: (not s.sure, s.group))
    return out

"""Figures whose digits ran together, split by the table's own sums.

A web page's text content runs every cell of a row together
(``（一）予以公开6000017``), and narrow PDF columns put neighbouring figures
side by side without a space (``6 0 0 0 0 006``).  The digits are all there;
where one cell ends and the next begins is not.  A figure never starts with
0 unless it is 0, and the table's own sums (``Format.equations``: in table
三 a row's six applicant cells add up to its 总计, in table 四 each group's
four outcomes add up to its 总计) hold in a correct report.  When exactly one
way of cutting the digits into cells satisfies both, that is how the table
was written; when none or several do, the cells are left unknown — never a
guess.
"""

from __future__ import annotations

from .normalize import Cell

#: (the cells on the left, the cell on the right) of one sum, by position.
Sum = tuple[tuple[int, ...], int]

#: More than this many ways to cut one run is "several": stop looking.
ENOUGH = 2


def _digits(raw: str) -> str:
    """The digits of a figure written as bare digits, after its sign if any (+11)."""
    return raw[1:] if raw[:1] in ("+", "-") else raw


def splittable(cell: Cell) -> bool:
    """A figure written as bare digits (a signed change may lead), which may hold several cells."""
    digits = _digits(cell.raw)
    return len(digits) > 1 and digits.isdigit()


def leading_zero(cell: Cell) -> bool:
    """Digits that cannot be one figure: a figure never starts with 0 (``006``)."""
    return splittable(cell) and _digits(cell.raw)[0] == "0"


def evident(values: list[Cell], need: int, glued: bool) -> bool:
    """Whether these figures are short of ``need`` cells because digits ran
    together, rather than because a cell is missing: digits glued to a label,
    a figure with a leading 0, or far too few figures holding enough digits."""
    if len(values) >= need or not any(splittable(v) for v in values):
        return False
    if glued or any(leading_zero(v) for v in values):
        return True
    digits = sum(len(_digits(v.raw)) if splittable(v) else 1 for v in values)
    return 2 * len(values) <= need and digits >= need


def cut(values: list[Cell], need: int, sums: list[Sum]) -> tuple[list[Cell] | None, bool, int]:
    """The one way to cut the figures into ``need`` cells: cutting only digits
    that cannot be one figure (``0 05``: a figure never starts with 0) when that
    gives the cells, else by the sums as well.  Returns (the cells or None,
    whether the sums were needed, how many ways fit)."""
    forced = split(values, need, [], zero_only=True)
    if len(forced) == 1:
        return forced[0], False, 1
    if not sums:
        alone = split(values, need, [])
        return (alone[0] if len(alone) == 1 else None), False, len(alone)
    found = split(values, need, sums)
    return (found[0] if len(found) == 1 else None), True, len(found)


def split(values: list[Cell], need: int, sums: list[Sum], zero_only: bool = False) -> list[list[Cell]]:
    """Every way (up to ``ENOUGH``) to cut the figures into ``need`` cells, in
    order, each digit run into one or more whole numbers, so that every sum holds.

    Figures that are not bare digits (``/``, ``12.5``, a single digit) stay one
    cell; with ``zero_only``, so does every figure that does not start with 0.
    """
    if any(v.value is None for v in values):
        return []
    cutter = _Cutter(values, need, sums, zero_only)
    cutter.walk(0, 0)
    return cutter.found


class _Cutter:
    """A depth-first search over the places to cut, pruned by the sums."""

    def __init__(self, values: list[Cell], need: int, sums: list[Sum], zero_only: bool = False) -> None:
        self.values, self.need, self.sums = values, need, sums
        self.cuttable = [leading_zero(v) if zero_only else splittable(v) for v in values]
        # A sum whose parts all come before it: its digits are forced.
        self.forced = {right: left for left, right in sums if left and max(left) < right}
        # A part is never longer than its sum: the sum's digits must still be to come.
        self.part_of = {k: right for right, left in self.forced.items() for k in left}
        # the fewest and the most cells the figures from the t-th on can give
        n = len(values)
        self.least, self.most = [0] * (n + 1), [0] * (n + 1)
        for t in range(n - 1, -1, -1):
            self.least[t] = self.least[t + 1] + 1
            self.most[t] = self.most[t + 1] + (len(_digits(values[t].raw)) if self.cuttable[t] else 1)
        self.found: list[list[Cell]] = []
        self.cells: list[Cell] = []

    def _sum(self, positions: tuple[int, ...]) -> int | float:
        return sum(self.cells[k].value for k in positions)  # type: ignore[misc]

    def _fits(self, c: int, value: int | float) -> bool:
        left = self.forced.get(c)
        return left is None or value == self._sum(left)

    def walk(self, t: int, off: int) -> None:
        c = len(self.cells)
        if len(self.found) >= ENOUGH:
            return
        if c == self.need:
            if t == len(self.values) and all(self._sum(left) == self.cells[right].value for left, right in self.sums):
                self.found.append(list(self.cells))
            return
        if t == len(self.values):
            return
        v = self.values[t]
        if not self.cuttable[t]:
            if self._fits(c, v.value):  # type: ignore[arg-type]
                self.cells.append(v)
                self.walk(t + 1, 0)
                self.cells.pop()
            return
        raw = v.raw
        if off == 0 and raw[0] in "+-":  # the sign goes with the first cell cut from it
            self._cut(t, 1, c, raw, raw[0])
        else:
            self._cut(t, off, c, raw)

    def _cut(self, t: int, off: int, c: int, raw: str, sign: str = "") -> None:
        """The next cell from the digits of figure ``t``, starting at ``off``
        (after the figure's ``sign``, which the cell then carries)."""
        if c in self.forced:  # the sum of cells already cut: its digits must come next
            target = str(self._sum(self.forced[c]))
            ends: range | tuple[int, ...] = (off + len(target),) if raw.startswith(target, off) else ()
        else:
            ends = range(off + 1, len(raw) + 1)
        left = self.need - c - 1  # cells still to fill after this one
        for end in ends:
            piece = raw[off:end]
            if len(piece) > 1 and piece[0] == "0":
                break  # 06, 060…: no figure is written so
            if end == len(raw):
                if not self.least[t + 1] <= left <= self.most[t + 1]:
                    continue
                nxt = (t + 1, 0)
            else:
                if not 1 + self.least[t + 1] <= left <= len(raw) - end + self.most[t + 1]:
                    continue
                nxt = (t, end)
            value = -int(piece) if sign == "-" else int(piece)
            if not self._fits(c, value):
                continue
            r = self.part_of.get(c)
            if r is not None:
                partial = value + sum(self.cells[k].value for k in self.forced[r] if k < c)  # type: ignore[misc]
                if len(raw) - end + self.most[t + 1] < len(str(partial)) + self.need - c - 2:
                    break  # longer pieces leave even fewer digits for the sum and what follows
            self.cells.append(Cell(value, sign + piece))
            self.walk(*nxt)
            self.cells.pop()

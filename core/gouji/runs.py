"""Figures whose digits ran together, split by the table's own sums.

A web page's text content runs every cell of a row together
(``（一）予以公开6000017``), and narrow PDF columns put neighbouring figures
side by side without a space (``3 1 0 0 0 04``: 0 and 4 ran together).  The digits are all there;
where one cell ends and the next begins is not.  A figure never starts with
0 unless it is 0, and the table's own sums (``Format.equations``: in table
三 a row's six applicant cells add up to its 总计, in table 四 each group's
four outcomes add up to its 总计) hold in a correct report.  When exactly one
way of cutting the digits into cells satisfies both, that is how the table
was written; when none or several do, the cells are left unknown — never a
guess.
"""

from __future__ import annotations

from itertools import accumulate

from .normalize import Cell

#: (the cells on the left, the cell on the right) of one sum, by position.
Sum = tuple[tuple[int, ...], int]

#: More than this many ways to cut one run is "several": stop looking.
ENOUGH = 2
#: No figure of these tables has more digits than this (a count, a sum of money).
MAX_DIGITS = 9
#: Cuts tried at most for one row before it counts as splitting several ways
#: (a hostile paste must not hold the checker up).
BUDGET = 5000


_SIGNS = ("+", "-")


def _sign(raw: str) -> str:
    """The sign a figure is written with (a change: ``+11``, ``-3``), or "".
    Cut into cells, the figure's sign goes with the first cell cut from it."""
    return raw[:1] if raw[:1] in _SIGNS else ""


def _digits(raw: str) -> str:
    """The digits of a figure written as bare digits, after its sign if any (+11)."""
    return raw[1:] if raw[:1] in _SIGNS else raw


def _signed(digits: str, sign: str) -> int:
    """The value of digits cut from a figure, as a cell with that sign."""
    return -int(digits) if sign == "-" else int(digits)


def splittable(cell: Cell) -> bool:
    """A figure written as bare digits (a signed change may lead), which may hold several cells."""
    return _several(_digits(cell.raw))


def _several(digits: str) -> bool:
    """Bare digits that may hold several cells (``splittable``, given a figure's digits)."""
    return len(digits) > 1 and digits.isdigit()


def leading_zero(cell: Cell) -> bool:
    """Digits that cannot be one figure: a figure never starts with 0 (``006``)."""
    return splittable(cell) and _digits(cell.raw)[0] == "0"


def evident(values: list[Cell], need: int, glued: bool) -> bool:
    """Whether these figures are short of ``need`` cells because digits ran
    together, rather than because a cell is missing: digits glued to a label,
    a figure with a leading 0, or far too few figures holding enough digits."""
    if len(values) >= need:
        return False
    # (each figure's digits read once: this runs for every short row of a table)
    written = cells = 0  # the characters of all figures; the cells they could give
    cuttable = leading = False
    for v in values:
        digits = _digits(v.raw)
        written += len(digits)
        if _several(digits):
            cuttable = True
            leading = leading or digits[0] == "0"
            cells += len(digits)
        else:
            cells += 1
    if not cuttable or written > need * MAX_DIGITS:
        return False  # (more digits than the cells could hold)
    return glued or leading or (2 * len(values) <= need and cells >= need)


def cut(values: list[Cell], need: int, sums: list[Sum]) -> tuple[list[Cell] | None, bool, int]:
    """The one way to cut the figures into ``need`` cells: cutting only digits
    that cannot be one figure (``0 05``: a figure never starts with 0) when that
    gives the cells, else by the sums as well.  Returns (the cells or None,
    whether the sums were needed, how many ways fit)."""
    if any(leading_zero(v) for v in values):  # (else cutting only those cuts nothing: still too few)
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
    cuttable: list[bool] = []  # the figures that may be cut
    cells = 0  # the most cells they can give
    signed = False
    for v in values:
        if v.value is None:
            return []
        signed = signed or v.raw[:1] in _SIGNS
        digits = _digits(v.raw)
        may = _several(digits) and (not zero_only or digits[0] == "0")  # (splittable, or leading_zero)
        cuttable.append(may)
        cells += len(digits) if may else 1
    if cells == need and not (sums and signed):  # (signed changes have no sums; then the search)
        return _digit_by_digit(values, cuttable, sums)
    if len(values) == 1 and cuttable[0] and not zero_only and values[0].raw.isdigit():
        blocks = _blocks(sums, need)
        if blocks:
            return _split_blocks(values[0].raw, blocks)
    cutter = _Cutter(values, need, sums, cuttable)
    cutter.walk(0, 0)
    return cutter.found


def _digit_by_digit(values: list[Cell], cuttable: list[bool], sums: list[Sum]) -> list[list[Cell]]:
    """The cut when the figures hold exactly as many digits as there are cells
    (``0000303`` for seven): each digit a cell, the only way there is, kept
    when the sums hold.  (Most rows of a flattened table; the search would
    find the same after trying every longer piece first.)"""
    cells: list[Cell] = []
    for v, c in zip(values, cuttable):
        if not c:
            cells.append(v)
            continue
        sign, digits = _sign(v.raw), _digits(v.raw)
        if sign:
            cells.append(Cell(_signed(digits[0], sign), sign + digits[0]))
            digits = digits[1:]
        cells.extend([_DIGIT_CELLS.get(d) or Cell(int(d), d) for d in digits])
    figures = [c.value for c in cells]
    for left, right in sums:
        total: int | float = 0
        for k in left:
            total += figures[k]  # type: ignore[operator]
        if total != figures[right]:
            return []
    return [cells]


# The cell of each unsigned digit, made once (cells are never changed once read).
_DIGIT_CELLS = {d: Cell(int(d), d) for d in "0123456789"}


class _Cutter:
    """A depth-first search over the places to cut, pruned by the sums."""

    def __init__(self, values: list[Cell], need: int, sums: list[Sum], cuttable: list[bool]) -> None:
        self.values, self.need, self.sums = values, need, sums
        self.cuttable = cuttable  # the figures that may be cut
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
        self.steps = 0

    def _sum(self, positions: tuple[int, ...]) -> int | float:
        return sum(self.cells[k].value for k in positions)  # type: ignore[misc]

    def _fits(self, c: int, value: int | float) -> bool:
        left = self.forced.get(c)
        return left is None or value == self._sum(left)

    def walk(self, t: int, off: int) -> None:
        c = len(self.cells)
        self.steps += 1
        if self.steps > BUDGET and len(self.found) < ENOUGH:
            self.found.append([])  # too many ways to try: as good as several
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
        sign = _sign(v.raw) if off == 0 else ""
        self._cut(t, off + len(sign), c, v.raw, sign)

    def _cut(self, t: int, off: int, c: int, raw: str, sign: str = "") -> None:
        """The next cell from the digits of figure ``t``, starting at ``off``
        (after the figure's ``sign``, which the cell then carries)."""
        if c in self.forced:  # the sum of cells already cut: its digits must come next
            target = str(self._sum(self.forced[c]))
            ends: range | tuple[int, ...] = (off + len(target),) if raw.startswith(target, off) else ()
        else:
            ends = range(off + 1, min(len(raw), off + MAX_DIGITS) + 1)
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
            value = _signed(piece, sign)
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


# ------------------------------------------------------------------ one run, sums in blocks
# A web page's text content runs a whole row (or table 四's whole line) into
# one run of digits.  Its sums come in blocks — a row's six applicant cells
# then their 总计; each group's four outcomes then its 总计 — so the run is cut
# block by block: the sum's digits first (it ends the block), then the parts,
# none larger than what is left of the sum.


def _blocks(sums: list[Sum], need: int) -> list[tuple[int, int]] | None:
    """The sums as consecutive blocks (first part, the sum's position) covering
    every cell in order; None when they are not so."""
    blocks = sorted((min(left), right) for left, right in sums if left)
    at = 0
    for lo, right in blocks:
        if lo != at:
            return None
        at = right + 1
    if at != need or any(tuple(left) != tuple(range(min(left), right)) for left, right in sums):
        return None
    return blocks


def _split_blocks(digits: str, blocks: list[tuple[int, int]]) -> list[list[Cell]]:
    """Every way (up to ``ENOUGH``) to cut a run of digits into the blocks' cells."""
    return _Blocks(digits, blocks).run()


class _Blocks:
    """The search for one run cut into blocks, within ``BUDGET`` steps: each
    block's ways to end the run are worked out once for each place it starts."""

    def __init__(self, digits: str, blocks: list[tuple[int, int]]) -> None:
        self.digits, self.blocks = digits, blocks
        self.steps = 0
        self.memo: dict[tuple[int, int], list[list[int]]] = {}
        # The sums of the digits before each place (ASCII digits; else no test
        # by nines, below).  Casting out nines: a number leaves the remainder
        # of its digits' sum when divided by 9, so parts cut from digits can
        # add up to a total only when those digits' sum leaves the total's.
        self.nines = list(accumulate(map(int, digits), initial=0)) if digits.isascii() else None

    def run(self) -> list[list[Cell]]:
        found = self.rest(0, 0)
        if self.steps > BUDGET:
            return [[]] * ENOUGH  # too many ways to try: as good as several
        return [[Cell(v, str(v)) for v in cells] for cells in found]

    def _spent(self) -> bool:
        self.steps += 1
        return self.steps > BUDGET

    def rest(self, b: int, pos: int) -> list[list[int]]:
        """Every way (up to ``ENOUGH``) to cut the digits from ``pos`` into blocks ``b``…"""
        key = (b, pos)
        if key not in self.memo:
            self.memo[key] = self._rest(b, pos)
        return self.memo[key]

    def _rest(self, b: int, pos: int) -> list[list[int]]:
        digits, blocks = self.digits, self.blocks
        if b == len(blocks):
            return [[]] if pos == len(digits) else []
        if self._spent():
            return []
        lo, right = blocks[b]
        parts = right - lo
        after = sum(r - lo2 + 1 for lo2, r in blocks[b + 1:])  # 1 to MAX_DIGITS digits for each cell after
        first = max(pos + parts + 1, len(digits) - after * MAX_DIGITS)
        last = len(digits) - after
        out: list[list[int]] = []
        for size in range(1, MAX_DIGITS + 1):  # the sum's digits
            # no part is longer than the sum, and one at least is no more than a digit shorter
            low = pos + size + max(parts, size - 1 + parts - 1)
            for end in range(max(first, low), min(last, pos + size * (parts + 1)) + 1):
                total = digits[end - size:end]
                if size > 1 and total[0] == "0":
                    continue
                value = int(total)
                nines = self.nines
                if nines is not None and (nines[end - size] - nines[pos] - value) % 9:
                    continue  # no cut of the parts' digits adds up to it
                for cut in self.parts(pos, end - size, parts, value):
                    for tail in self.rest(b + 1, end):
                        out.append(cut + [value] + tail)
                        if len(out) >= ENOUGH:
                            return out
        return out

    def parts(self, pos: int, end: int, k: int, rest: int) -> list[list[int]]:
        """Every way (up to ``ENOUGH``) to cut digits[pos:end] into ``k`` figures adding up to ``rest``."""
        if k == 1:  # the last part is what is left
            self.steps += 1
            piece = self.digits[pos:end]
            ok = 0 < len(piece) <= MAX_DIGITS and (len(piece) == 1 or piece[0] != "0") and int(piece) == rest
            return [[rest]] if ok else []
        width = len(str(rest))
        # k figures in these digits: each no longer than the sum, one at least a digit short of it at most
        if not k <= end - pos <= k * width or end - pos - k + 2 < width or self._spent():
            return []
        out: list[list[int]] = []
        for size in range(1, min(width, end - pos - k + 1) + 1):
            piece = self.digits[pos:pos + size]
            if size > 1 and piece[0] == "0":
                break
            value = int(piece)
            if value > rest:
                break
            for tail in self.parts(pos + size, end, k - 1, rest - value):
                out.append([value] + tail)
                if len(out) >= ENOUGH:
                    return out
        return out

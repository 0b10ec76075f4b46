"""Digits run together, cut by the table's sums (gouji.runs)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from gouji import runs
from gouji.normalize import parse_number


def _cells(raws):
    return [parse_number(r) for r in raws]


def _searched(values, need, sums, zero_only=False):
    """The full search, with no shortcut: what split must always agree with."""
    cutter = runs._Cutter(values, need, sums,
                          [runs.leading_zero(v) if zero_only else runs.splittable(v) for v in values])
    cutter.walk(0, 0)
    return cutter.found


def _shown(found):
    return [[(c.value, c.raw) for c in way] for way in found]


def test_a_flattened_row_of_zeros_and_small_figures_is_cut_one_digit_a_cell():
    values = _cells(["0000303"])
    (way,) = runs.split(values, 7, [], zero_only=True)
    assert [c.value for c in way] == [0, 0, 0, 0, 3, 0, 3]
    row_total = [((0, 1, 2, 3, 4, 5), 6)]
    assert len(runs.split(values, 7, row_total)) == 1  # 0+0+0+0+3+0 is 3
    assert runs.split(_cells(["0000304"]), 7, row_total) == []  # and is not 4


def test_a_signed_change_keeps_its_sign_on_the_first_cell_cut_from_it():
    (way,) = runs.split(_cells(["-12", "5"]), 3, [])
    assert [(c.value, c.raw) for c in way] == [(-1, "-1"), (2, "2"), (5, "5")]


figure = st.one_of(st.text("0123456789", min_size=1, max_size=6),
                   st.builds(lambda s, d: s + d, st.sampled_from("+-"), st.text("0123456789", min_size=1, max_size=4)),
                   st.sampled_from(["/", "12.5", "0", "7"]))


@settings(max_examples=400, deadline=None)
@given(st.lists(figure, min_size=1, max_size=4), st.integers(1, 8), st.booleans(), st.data())
def test_the_digit_by_digit_shortcut_agrees_with_the_full_search(raws, need, zero_only, data):
    values = [v for v in _cells(raws) if v is not None]
    if not values:
        return
    sums = []
    if need >= 2 and data.draw(st.booleans()):
        right = data.draw(st.integers(1, need - 1))
        sums = [(tuple(range(right)), right)]
    assert _shown(runs.split(values, need, sums, zero_only)) == _shown(_searched(values, need, sums, zero_only))


@st.composite
def flattened_row(draw):
    """A row of a web page's text content: its blocks' parts and totals run into
    one figure (table 三: six parts and 总计; 四: three groups of four and a 总计),
    now and then with one digit changed, so that no cut may add up."""
    groups, parts = draw(st.sampled_from([(1, 6), (3, 4), (2, 4)]))
    figures, sums = [], []
    for _ in range(groups):
        block = draw(st.lists(st.integers(0, draw(st.sampled_from([9, 99, 1500]))), min_size=parts, max_size=parts))
        sums.append((tuple(range(len(figures), len(figures) + parts)), len(figures) + parts))
        figures += block + [sum(block)]
    digits = "".join(map(str, figures))
    if draw(st.booleans()):
        k = draw(st.integers(0, len(digits) - 1))
        digits = digits[:k] + str((int(digits[k]) + draw(st.integers(1, 9))) % 10) + digits[k + 1:]
    return digits, len(figures), sums


def _outcome(found):
    """What a search tells: no way, the one way, or several (any ENOUGH of them)."""
    return "several" if len(found) >= runs.ENOUGH else _shown(found)


@settings(max_examples=300, deadline=None)
@given(flattened_row())
def test_a_row_run_into_one_figure_is_cut_block_by_block_as_the_full_search_cuts_it(row):
    digits, need, sums = row
    values = _cells([digits])
    cutter = runs._Cutter(values, need, sums, [True])
    cutter.walk(0, 0)
    if cutter.steps <= runs.BUDGET:  # (a search that gave up says "several ways", whatever they are)
        assert _outcome(runs.split(values, need, sums)) == _outcome(cutter.found)
    # casting out nines passes over totals no cut can reach: the same cuts without
    # it, in fewer steps (so a run the plain search gave up on may now be cut)
    blocks = runs._blocks(sums, need)
    plain, cast = runs._Blocks(digits, blocks), runs._Blocks(digits, blocks)
    plain.nines = None
    found, cut = plain.run(), cast.run()
    assert cast.steps <= plain.steps
    if plain.steps <= runs.BUDGET:
        assert _shown(cut) == _shown(found)

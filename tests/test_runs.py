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

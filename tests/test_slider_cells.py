"""CellSteps: each slider date's cells kept as the changes from the date before."""

from __future__ import annotations

import pytest

from geo.slider_cells import CellSteps, state_key


def test_first_date_whole_then_only_the_cells_that_changed() -> None:
    steps = CellSteps.of(
        [["is", "government", "unknown"], ["is", "sdf", "unknown"], ["sdf", "sdf", "unknown"]],
        [[False, False, False], [False, True, False], [False, True, False]],
    )
    legend, keys, init, diffs, changed = steps.payload()
    assert legend == ["government", "sdf", "is", "unknown"]
    assert keys == ["government", "sdf", "sdf|u", "is", "unknown"]
    assert init == [3, 0, 4]
    # cell 1 government -> uncertain SDF, then cell 0 IS -> SDF
    assert diffs == [[], [1, 0, 2], [0, 3, 1]]
    assert changed == 2


def test_keys_follow_the_legend_order_whatever_the_order_met() -> None:
    one = CellSteps.of([["unknown", "is"], ["government", "is"]]).payload()
    two = CellSteps.of([["government", "is"], ["unknown", "is"]]).payload()
    assert one[1] == two[1] == ["government", "is", "unknown"]
    assert one[2] == [2, 1] and one[3] == [[], [0, 2, 0]]
    assert two[2] == [0, 1] and two[3] == [[], [0, 0, 2]]


def test_tallies_are_kept_per_date() -> None:
    steps = CellSteps()
    steps.add(["is"], None, [("is", 10.0, 1.0, 1)])
    steps.add(["is"], None, [("is", 10.0, 1.0, 1)])
    assert len(steps) == 2 and steps.tallies == [[("is", 10.0, 1.0, 1)]] * 2
    assert steps.payload()[3] == [[], []]


def test_errors_are_named() -> None:
    with pytest.raises(ValueError) as caught:
        CellSteps().payload()
    assert str(caught.value) == "no date added"
    steps = CellSteps()
    steps.add(["is", "sdf"])
    with pytest.raises(ValueError) as caught:
        steps.add(["is"])
    assert str(caught.value) == "a date with 1 cells after one with 2"


def test_state_key_marks_uncertain_ground() -> None:
    assert state_key("is", True) == "is|u" and state_key("is", False) == "is"

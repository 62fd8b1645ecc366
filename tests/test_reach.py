"""Reach: the kinds' reach, its growth with emptiness, and the neighbours that decide a ring."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from geo.outline import SEGMENT_M, project, to_lonlat, transformers
from geo.reach import (
    NETWORK_KM,
    NETWORK_MIN,
    NETWORK_NEIGHBOURS,
    grown_reaches,
    nearest_places,
    reach_km,
)

#: Five places on a line, 10 km apart, and one 100 km away from all of them.
LINE_M = np.array([[0.0, 0.0], [10_000.0, 0.0], [20_000.0, 0.0], [30_000.0, 0.0],
                   [40_000.0, 0.0], [20_000.0, 100_000.0]])


def test_nearest_places_within_reach_nearest_first() -> None:
    assert nearest_places(LINE_M, 4, 30.0) == [
        (1, 2, 3), (0, 2, 3, 4), (1, 3, 0, 4), (2, 4, 1, 0), (3, 2, 1), ()
    ]
    # ties (1 and 3 are both 10 km from 2) go by index; count caps the list
    assert nearest_places(LINE_M, 2, 30.0)[2] == (1, 3)
    assert nearest_places(LINE_M, 4, 10.0)[0] == (1,)  # exactly at the distance counts


def test_nearest_places_degenerate_inputs() -> None:
    assert nearest_places(LINE_M[:1], 4, 30.0) == [()]
    assert nearest_places(LINE_M, 0, 30.0) == [()] * 6
    assert nearest_places(LINE_M, 4, 0.0) == [()] * 6
    assert nearest_places(np.zeros((0, 2)), 4, 30.0) == []


def test_the_network_rule_constants() -> None:
    # the rule of step 4b as documented in geo.territory
    assert (NETWORK_NEIGHBOURS, NETWORK_MIN, NETWORK_KM) == (4, 2, 30.0)


def test_grown_reaches_of_the_line() -> None:
    base = [reach_km("village")] * 6
    # third nearest at 20 or 30 km: twice that, capped at 30; the far one has its third at
    # 100 km or more: capped
    assert grown_reaches(LINE_M, base, emptiness=2.0, max_reach=30.0) == [30.0] * 6
    assert grown_reaches(LINE_M, base, emptiness=0.5, max_reach=30.0) == [
        15.0, 10.0, 10.0, 10.0, 15.0, 30.0
    ]


@pytest.mark.parametrize("side", [1, -1])
def test_long_straight_edges_keep_their_line_in_degrees(side: int) -> None:
    forward, _ = transformers()
    x, y = forward.transform(38.0, 35.0)
    # a 60 km edge with a vertex of the same polygon 3 m from its middle: a straight line of
    # the projection bows by metres in degrees, and would cross that vertex
    notch = shapely.Polygon([(x, y), (x + 60_000, y), (x + 60_000, y + side * 1000),
                             (x + 30_000, y + side * 3), (x, y + side * 1000)])
    inverse = transformers()[1]
    rounded = shapely.transform(
        notch, lambda u, v: tuple(np.round(w, 6) for w in inverse.transform(u, v)),
        interleaved=False,
    )
    out = to_lonlat(notch)
    assert out.is_valid and shapely.is_valid(notch)
    assert len(shapely.get_coordinates(out)) >= 2 * 60_000 / SEGMENT_M
    # the rounding to 0.1 m moves the outline by less than that
    assert project(out, forward).area == pytest.approx(notch.area, rel=1e-4)
    if side < 0:  # the bow crosses the vertex when nothing holds the line
        assert not rounded.is_valid

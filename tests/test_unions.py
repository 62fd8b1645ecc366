"""Tiled unions: the same ground as one plain union, whatever was asked before."""

from __future__ import annotations

import shapely

from geo.unions import TiledUnion


def _squares() -> list[shapely.Polygon]:
    # A 12 x 12 grid of 20 km squares, overlapping their neighbours by 1 km, across several tiles.
    side = 20_000.0
    return [shapely.box(x * side, y * side, x * side + 21_000.0, y * side + 21_000.0)
            for x in range(12) for y in range(12)]


def test_tiled_union_equals_the_plain_union() -> None:
    squares = _squares()
    tiled = TiledUnion(squares)
    chosen = [i for i in range(len(squares)) if i % 3 != 1]
    expected = shapely.union_all([squares[i] for i in chosen])
    got = tiled.union(chosen)
    assert got.equals(expected)
    assert round(got.area) == round(expected.area)


def test_tiled_union_result_does_not_depend_on_what_came_before() -> None:
    squares = _squares()
    chosen = list(range(0, 100))
    fresh = TiledUnion(squares).union(chosen).wkb
    warm = TiledUnion(squares)
    warm.union(list(range(10, 144)))
    warm.union(list(range(0, 99)))
    assert warm.union(chosen).wkb == fresh


def test_tiled_union_of_nothing_is_empty() -> None:
    assert TiledUnion(_squares()).union([]).is_empty

"""Dissolve: the merged ground of a class keeps its holes, not the seams between its pieces."""

from __future__ import annotations

import shapely
from shapely.geometry import MultiPolygon, Polygon, box

from geo.dissolve import HAIRLINE_M2, _close_hairlines


def test_hairline_holes_are_closed_and_real_holes_kept() -> None:
    seam = [(100, 100), (900, 100.0000001), (100, 100.0000002)]  # zero-width, 800 m long
    lake = [(300, 300), (400, 300), (400, 400), (300, 400)]  # 1 ha
    polygon = Polygon(box(0, 0, 1000, 1000).exterior.coords, [seam, lake])
    assert shapely.area(Polygon(seam)) < HAIRLINE_M2
    closed = _close_hairlines(polygon)
    assert [len(p.interiors) for p in shapely.get_parts(closed)] == [1]
    assert closed.area == 1_000_000 - 10_000
    assert closed.is_valid


def test_each_polygon_of_a_multipolygon_and_nothing_to_close() -> None:
    one = Polygon(box(0, 0, 10, 10).exterior.coords, [[(1, 1), (9, 1), (1, 1.00000001)]])
    other = box(20, 0, 30, 10)
    closed = _close_hairlines(MultiPolygon([one, other]))
    assert closed.geom_type == "MultiPolygon"
    assert [len(p.interiors) for p in closed.geoms] == [0, 0]
    assert _close_hairlines(other) is other

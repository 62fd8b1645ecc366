"""Step 6 and 7 of the territory method: the pieces of each class merged, and their areas.

See :mod:`geo.territory`. The pieces a side holds on a date are merged by tiles
(:class:`geo.unions.TiledUnion`), the unreached land joins ``unknown``, and the result is turned
to EPSG:4326 (:func:`geo.outline.to_lonlat`). Areas are added up from the pieces' areas, computed
once in the equal-area projection.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from geo.holders import Holders
from geo.models import PlaceState
from geo.outline import polygonal as _polygonal
from geo.territory_stats import UNKNOWN, controller_order

if TYPE_CHECKING:
    import geopandas
    import numpy as np

    from geo.unions import TiledUnion

#: Holes of a merged class smaller than this (m²) are seams between its pieces, not land.
HAIRLINE_M2 = 1.0


class Dissolve(Holders):
    """The merged ground of each class on a date, and its area (mixed into the model)."""

    _pieces_m: np.ndarray
    _piece_area: list[float]
    _boundary_m: Any
    _beyond_reach: tuple[np.ndarray, np.ndarray]
    _union_cache: dict[tuple[int, ...], Any]
    total_area_km2: float
    unreached_area_km2: float

    def _to_lonlat(self, geometries: Any) -> Any:
        from geo.outline import to_lonlat

        return to_lonlat(geometries)

    @cached_property
    def _unreached_m(self) -> Any:
        import shapely

        if not len(self._pieces_m):
            return self._boundary_m
        # what each cell's circle leaves of it: fewer and smaller than the pieces to merge
        cells, circles = self._beyond_reach
        rest = shapely.difference(cells, circles)
        return _polygonal(shapely.make_valid(shapely.union_all(rest)))

    def tally(
        self, states: Mapping[str, PlaceState], controllers: Sequence[str] | None = None
    ) -> list[tuple[str, float, float, int]]:
        """Return ``(controller, area_km2, share, places)`` per class, without geometry.

        Same rows and order as :meth:`areas`: every class with a place, then ``unknown`` always
        (the unreached desert and the cells of places without a known controller).
        ``controllers`` is :meth:`cell_controllers` of ``states`` when the caller has it.
        """
        cells, counts = self._classes(states, controllers)
        rows: list[tuple[str, float, float, int]] = []
        total = self.total_area_km2
        for controller in sorted(set(cells) | {UNKNOWN}, key=controller_order):
            area = sum(self._piece_area[i] for i in cells.get(controller, ()))
            if controller == UNKNOWN:
                area += self.unreached_area_km2
            share = area / total if total > 0 else 0.0
            rows.append((controller, area, share, counts.get(controller, 0)))
        return rows

    @cached_property
    def _tiled(self) -> TiledUnion:
        from geo.unions import TiledUnion

        return TiledUnion(self._pieces_m)

    def _union(self, indices: tuple[int, ...], with_unreached: bool) -> Any:
        import shapely

        key = (*indices, -1) if with_unreached else indices
        cached = self._union_cache.get(key)
        if cached is None:
            merged = self._tiled.union(indices)
            if with_unreached:
                merged = shapely.union_all([merged, self._unreached_m])
            if not shapely.is_valid(merged):  # make_valid costs as much as the union itself
                merged = shapely.make_valid(merged)
            merged = _close_hairlines(_polygonal(merged))
            cached = self._to_lonlat(merged)
            if len(self._union_cache) > 256:
                self._union_cache.clear()
            self._union_cache[key] = cached
        return cached

    def uncertain_areas(
        self,
        states: Mapping[str, PlaceState],
        controllers: Sequence[str] | None = None,
        uncertain: Sequence[bool] | None = None,
    ) -> geopandas.GeoDataFrame:
        """Return the ground each side holds only on uncertain states (drawn faded and hatched).

        Columns ``controller, area_km2, share, geometry`` (EPSG:4326), one row per side with
        uncertain ground, in registry order; each row lies inside that side's row of
        :meth:`areas`. ``controllers`` and ``uncertain`` are :meth:`cell_controllers` and
        :meth:`uncertain_cells` of ``states`` when the caller has them.
        """
        import geopandas

        cells: dict[str, list[int]] = {}
        if controllers is None:
            controllers = self.cell_controllers(states)
        if uncertain is None:
            uncertain = self.uncertain_cells(states, controllers)
        for index, flag in enumerate(uncertain):
            if flag:
                cells.setdefault(controllers[index], []).append(index)
        total = self.total_area_km2
        rows = []
        for controller in sorted(cells, key=controller_order):
            area = sum(self._piece_area[i] for i in cells[controller])
            rows.append((controller, area, area / total if total > 0 else 0.0,
                         self._union(tuple(cells[controller]), False)))
        return geopandas.GeoDataFrame(
            {
                "controller": [r[0] for r in rows],
                "area_km2": [r[1] for r in rows],
                "share": [r[2] for r in rows],
                "geometry": [r[3] for r in rows],
            },
            geometry="geometry",
            crs="EPSG:4326",
        )

    def areas(
        self, states: Mapping[str, PlaceState], controllers: Sequence[str] | None = None
    ) -> geopandas.GeoDataFrame:
        """Return the ground each controller holds on the date of ``states``.

        Args:
            states: Place id to state (``Timeline.state_on(day)``); places missing count as
                ``unknown``.
            controllers: :meth:`cell_controllers` of ``states`` when the caller has it.

        Returns:
            A GeoDataFrame in EPSG:4326 with columns ``controller, area_km2, share, places,
            geometry``: one row per side holding a cell, ``contested`` when a place is contested,
            and always ``unknown`` (no clear control), sorted in registry order
            (``geo.factions.SIDES``, then contested, unknown). The rows never overlap and
            together cover the boundary; ``area_km2`` adds up to :attr:`total_area_km2`.
        """
        import geopandas

        if controllers is None:
            controllers = self.cell_controllers(states)
        cells, _ = self._classes(states, controllers)
        rows = self.tally(states, controllers)
        geometries = [
            self._union(tuple(cells.get(controller, ())), controller == UNKNOWN)
            for controller, *_ in rows
        ]
        return geopandas.GeoDataFrame(
            {
                "controller": [r[0] for r in rows],
                "area_km2": [r[1] for r in rows],
                "share": [r[2] for r in rows],
                "places": [r[3] for r in rows],
                "geometry": geometries,
            },
            geometry="geometry",
            crs="EPSG:4326",
        )


def _close_hairlines(geometry: Any) -> Any:
    """Fill the holes of a union thinner than a hair (under :data:`HAIRLINE_M2`).

    Pieces that meet along a circle cut by two different operations (a ring and the unreached
    land beyond it) leave zero-width holes along their common arc; rounded to degrees they
    cross themselves and repairing them can swallow a neighbour's sliver.
    """
    import shapely

    polygons = shapely.get_parts(geometry)
    if not any(
        shapely.area(shapely.polygons(h)) < HAIRLINE_M2 for p in polygons for h in p.interiors
    ):
        return geometry
    kept = [
        shapely.Polygon(p.exterior, [h for h in p.interiors
                                     if shapely.area(shapely.polygons(h)) >= HAIRLINE_M2])
        for p in polygons
    ]
    return kept[0] if len(kept) == 1 else shapely.MultiPolygon(kept)


__all__ = ["HAIRLINE_M2", "Dissolve"]

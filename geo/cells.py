"""The cells of the territory method: one reach-limited Voronoi piece per place.

Steps 2 to 4 of the method described in :mod:`geo.territory`: the outline is projected and
simplified, each place inside it gets its Voronoi cell clipped to the outline, and the cell is cut
to the circle of the place's reach (:mod:`geo.reach`). Computed once per gazetteer and country.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geo.models import Place, PlaceState
from geo.outline import polygonal, project, transformers
from geo.reach import EMPTINESS_FACTOR, MAX_REACH_KM, circle, grown_reaches, reach_km
from geo.territory_stats import CONTESTED, UNKNOWN

if TYPE_CHECKING:
    import numpy as np

#: Kinds that get no cell: a point does not stand for a region or a river.
NO_CELL_KINDS: frozenset[str] = frozenset({"region", "river"})
#: Douglas-Peucker tolerance applied to the boundary, in metres.
SIMPLIFY_TOLERANCE_M = 250.0
#: Places this far outside the boundary (metres) still get a (clipped) cell.
BORDER_SLACK_M = 2000.0


@dataclass(frozen=True)
class CellSet:
    """The cells of one outline's places, in the equal-area projection.

    Attributes:
        boundary_m: The simplified outline (metres).
        pieces_m: The reach-limited piece of every cell, in the order of ``members``.
        beyond_reach: The clipped cells their circle cuts, and those circles (what is left of
            them is the unreached ground).
        members: For each cell, the ids of the places sharing it (sorted).
        reaches: The reach of each cell in km.
        kinds: The kind of each cell's first place.
        skipped: Places without a cell, with the reason.
        boundary_area_km2: Area of the outline before simplification.
        points_m: ``(n, 2)`` centre of every cell (its places' point) in metres.
    """

    boundary_m: Any
    pieces_m: np.ndarray
    beyond_reach: tuple[np.ndarray, np.ndarray]
    members: list[tuple[str, ...]]
    reaches: list[float]
    kinds: list[str]
    skipped: dict[str, str]
    boundary_area_km2: float
    points_m: np.ndarray


def compute_cells(
    places: Sequence[Place],
    boundary: Any,
    *,
    emptiness: float | None = None,
    max_reach: float | None = None,
) -> CellSet:
    """Return the cells of ``places`` inside ``boundary`` (a shapely polygon in EPSG:4326).

    Args:
        places: The places (any order; the result does not depend on it).
        boundary: The outline, a Polygon or MultiPolygon (checked by the caller).
        emptiness: How fast reach grows with the distance to the neighbours
            (:data:`geo.reach.EMPTINESS_FACTOR` when ``None``; 0 keeps the kinds' base reach).
        max_reach: Largest reach in km (:data:`geo.reach.MAX_REACH_KM` when ``None``).
    """
    import numpy as np
    import shapely

    forward, _ = transformers()
    raw_m = shapely.make_valid(project(boundary, forward))
    simple = raw_m.simplify(SIMPLIFY_TOLERANCE_M, preserve_topology=True)
    boundary_m = polygonal(shapely.make_valid(simple))
    slack = boundary_m.buffer(BORDER_SLACK_M)
    shapely.prepare(slack)

    skipped: dict[str, str] = {}
    groups: dict[tuple[float, float], list[Place]] = {}
    ordered = sorted(places, key=lambda p: p.id)
    xs, ys = forward.transform([p.lon for p in ordered], [p.lat for p in ordered])
    for place, x, y in zip(ordered, np.atleast_1d(xs), np.atleast_1d(ys), strict=True):
        if place.kind in NO_CELL_KINDS:
            skipped[place.id] = f"kind {place.kind} gets no cell"
            continue
        if not (np.isfinite(x) and np.isfinite(y)):
            skipped[place.id] = "coordinates cannot be projected"
            continue
        key = (round(float(x)), round(float(y)))
        if key not in groups and not slack.contains(shapely.Point(key)):
            skipped[place.id] = "outside the boundary"
            continue
        groups.setdefault(key, []).append(place)

    keys = sorted(groups)
    members = [tuple(p.id for p in groups[k]) for k in keys]
    reaches = grown_reaches(
        np.array(keys, dtype=float).reshape(-1, 2),
        [max(reach_km(p.kind) for p in groups[k]) for k in keys],
        emptiness=EMPTINESS_FACTOR if emptiness is None else emptiness,
        max_reach=MAX_REACH_KM if max_reach is None else max_reach,
    )
    kinds = [groups[k][0].kind for k in keys]
    pieces = np.array([], dtype=object)
    if keys:
        points = shapely.points(np.array(keys, dtype=float))
        extent = shapely.box(*boundary_m.buffer(100_000).bounds)
        if len(keys) == 1:
            cells = np.array([extent])
        else:
            result = shapely.voronoi_polygons(
                shapely.multipoints(points), extend_to=extent, ordered=True
            )
            cells = np.asarray(shapely.get_parts(result))
        shapely.prepare(boundary_m)
        inside = shapely.contains_properly(boundary_m, cells)
        clipped = cells.copy()
        cut = ~inside
        clipped[cut] = [polygonal(g) for g in shapely.intersection(cells[cut], boundary_m)]
        circles = np.array(
            [circle(p, r * 1000.0) for p, r in zip(points, reaches, strict=True)]
        )
        shapely.prepare(circles)
        pieces = clipped.copy()
        cut = ~shapely.contains_properly(circles, clipped)
        pieces[cut] = [
            polygonal(shapely.make_valid(g))
            for g in shapely.intersection(clipped[cut], circles[cut])
        ]
        beyond = (clipped[cut], circles[cut])
    else:
        beyond = (np.array([], dtype=object), np.array([], dtype=object))
    return CellSet(
        points_m=np.array(keys, dtype=float).reshape(-1, 2),
        boundary_m=boundary_m,
        pieces_m=pieces,
        beyond_reach=beyond,
        members=members,
        reaches=reaches,
        kinds=kinds,
        skipped=skipped,
        boundary_area_km2=float(raw_m.area) / 1e6,
    )



def cell_controller(states: Iterable[PlaceState | None]) -> str:
    """Return the controller of a cell from the states of the places sharing it.

    ``contested`` when any place is contested or the places name different sides, the one side
    they name otherwise, ``unknown`` when none names a side.
    """
    sides: set[str] = set()
    for state in states:
        if state is None or state.controller == UNKNOWN:
            continue
        if state.controller == CONTESTED:
            return CONTESTED
        sides.add(state.controller)
    if not sides:
        return UNKNOWN
    return next(iter(sides)) if len(sides) == 1 else CONTESTED


__all__ = [
    "BORDER_SLACK_M",
    "NO_CELL_KINDS",
    "SIMPLIFY_TOLERANCE_M",
    "CellSet",
    "cell_controller",
    "compute_cells",
]

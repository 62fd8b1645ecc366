"""The cells of the territory method: one reach-limited Voronoi piece per place, and its ring.

Steps 2 to 4b of the method described in :mod:`geo.territory`: the outline is projected and
simplified, each place inside it gets its Voronoi cell clipped to the outline, and the cell is cut
to the circle of the place's reach (:mod:`geo.reach`). A cell whose reach grew beyond its kind's
is cut in two pieces, its *core* (within the kind's reach) and its *ring* (the ground it gained
from the emptiness around it), so that the ring can go to the side on a date only when the
place's neighbours hold that side too (:mod:`geo.holders`). Computed once per gazetteer and
country.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from geo.models import Place, PlaceState
from geo.outline import polygonal, project, transformers
from geo.reach import (
    EMPTINESS_FACTOR,
    MAX_REACH_KM,
    NETWORK_KM,
    NETWORK_NEIGHBOURS,
    circle,
    grown_reaches,
    nearest_places,
    reach_km,
)
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

    The pieces are the cores of all cells, in cell order, then the rings of the cells whose reach
    grew (in cell order too): piece ``i`` for ``i < len(points_m)`` is the core of cell ``i``.

    Attributes:
        boundary_m: The simplified outline (metres).
        pieces_m: The reach-limited pieces, in the order of ``members``.
        beyond_reach: The clipped cells their circle cuts, and those circles (what is left of
            them is the unreached ground).
        members: For each piece, the ids of the places sharing its cell (sorted).
        reaches: The reach of each piece's cell in km.
        kinds: The kind of each piece's first place.
        skipped: Places without a cell, with the reason.
        boundary_area_km2: Area of the outline before simplification.
        points_m: ``(n, 2)`` centre of every cell (its places' point) in metres.
        core_of: For each piece, ``-1`` for a core, the index of its cell's core for a ring.
        neighbours: For each ring, the cores of the cell's nearest places that decide whether
            the ring goes to the cell's side (:data:`geo.reach.NETWORK_NEIGHBOURS` within
            :data:`geo.reach.NETWORK_KM`); empty for a core.
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
    core_of: list[int]
    neighbours: list[tuple[int, ...]]


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
    base = [max(reach_km(p.kind) for p in groups[k]) for k in keys]
    reaches = grown_reaches(
        np.array(keys, dtype=float).reshape(-1, 2),
        base,
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
    points_m = np.array(keys, dtype=float).reshape(-1, 2)
    pieces, grown = _cut_rings(points_m, pieces, base, reaches)
    near = nearest_places(points_m, NETWORK_NEIGHBOURS, NETWORK_KM) if grown else []
    return CellSet(
        points_m=points_m,
        boundary_m=boundary_m,
        pieces_m=pieces,
        beyond_reach=beyond,
        members=members + [members[i] for i in grown],
        reaches=reaches + [reaches[i] for i in grown],
        kinds=kinds + [kinds[i] for i in grown],
        skipped=skipped,
        boundary_area_km2=float(raw_m.area) / 1e6,
        core_of=[-1] * len(keys) + grown,
        neighbours=[()] * len(keys) + [near[i] for i in grown],
    )


def _cut_rings(
    points_m: np.ndarray, pieces: np.ndarray, base_km: Sequence[float], reaches: Sequence[float]
) -> tuple[np.ndarray, list[int]]:
    """Cut each piece whose reach grew into its core and its ring (step 4b).

    Returns the cores in cell order followed by the rings, and the cell of every ring.
    """
    import numpy as np
    import shapely

    grown = [i for i, (b, r) in enumerate(zip(base_km, reaches, strict=True)) if r > b]
    if not grown:
        return pieces, []
    centres = shapely.points(points_m[grown])
    cores = np.array([circle(c, base_km[i] * 1000.0)
                      for c, i in zip(centres, grown, strict=True)])
    shapely.prepare(cores)
    inside = shapely.contains_properly(cores, pieces[grown])
    grown = [i for i, whole in zip(grown, inside.tolist(), strict=True) if not whole]
    cores = cores[~inside]
    if not grown:
        return pieces, []
    cut = pieces[grown]
    inner = np.array([polygonal(shapely.make_valid(g))
                      for g in shapely.intersection(cut, cores)])
    # the ring is what the core leaves of the piece: their common edge is the same line
    rings = np.array([polygonal(shapely.make_valid(g)) for g in shapely.difference(cut, inner)])
    keep = shapely.area(rings) > 0
    grown = [i for i, k in zip(grown, keep.tolist(), strict=True) if k]
    out = pieces.copy()
    out[grown] = inner[keep]
    return np.concatenate([out, rings[keep]]), grown



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

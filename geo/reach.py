"""How far each place reaches: its kind's reach, grown with the emptiness around it.

Step 4 of the territory method (see :mod:`geo.territory`): a cell is cut to a circle around its
place, whose radius grows where places thin out.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

#: Radius of the circle a place of each kind holds, in km (see :mod:`geo.territory`).
REACH_KM: dict[str, float] = {
    "city": 15.0,
    "town": 10.0,
    "village": 6.0,
    "base": 8.0,
    "airport": 8.0,
    "oilfield": 8.0,
    "dam": 6.0,
    "hill": 4.0,
    "crossing": 4.0,
}
#: How fast reach grows with emptiness: a place reaches this many times the distance to its
#: third nearest neighbour when that is more than its kind's reach (calibrated, see below).
EMPTINESS_FACTOR = 2.0
#: No place reaches farther than this (km), however empty the land around it.
MAX_REACH_KM = 30.0
#: The presence-versus-control rule (see :mod:`geo.territory`, step 4b): the ground a place
#: gains beyond its kind's reach (its *ring*) goes to its side only when at least
#: :data:`NETWORK_MIN` of its :data:`NETWORK_NEIGHBOURS` nearest places within
#: :data:`NETWORK_KM` hold that same side on the date (calibrated, see the module of the method).
NETWORK_NEIGHBOURS = 4
NETWORK_MIN = 2
NETWORK_KM = 30.0
#: Reach of a kind missing from :data:`REACH_KM`.
DEFAULT_REACH_KM = 6.0
#: Largest gap between a reach circle and the polygon drawn for it, in metres.
CIRCLE_TOLERANCE_M = 150.0


def circle(centre: Any, radius_m: float) -> Any:
    """A polygon for a circle: as few segments as keep each chord within the tolerance."""
    step = 2 * math.acos(max(1 - CIRCLE_TOLERANCE_M / radius_m, -1.0))
    return centre.buffer(radius_m, quad_segs=max(2, math.ceil((math.pi / 2) / step)))


def reach_km(kind: str) -> float:
    """Return the reach of a place of ``kind`` in km (:data:`REACH_KM`)."""
    return REACH_KM.get(kind, DEFAULT_REACH_KM)


def grown_reaches(
    points_m: np.ndarray,
    base_km: Sequence[float],
    *,
    emptiness: float = 1.0,
    max_reach: float = 30.0,
    neighbours: int = 3,
) -> list[float]:
    """Return each place's reach in km: its kind's reach, grown with the emptiness around it.

    The emptiness of a place is the distance to its ``neighbours``-th nearest other place (to the
    farthest one when there are fewer; none leaves the base reach). The reach is
    ``max(base, emptiness * distance)``, never more than ``max_reach`` (nor less than the base).

    Args:
        points_m: ``(n, 2)`` coordinates in metres (the equal-area projection).
        base_km: The reach of each place's kind.
        emptiness: Factor on the neighbour distance (0 keeps the base reaches).
        max_reach: Cap in km.
        neighbours: Which neighbour measures the emptiness (3: the third nearest).
    """
    import numpy as np

    count = len(base_km)
    base = np.asarray(base_km, dtype=float)
    if count < 2 or emptiness <= 0:
        return [float(r) for r in base]
    import shapely

    k = min(neighbours, count - 1)
    # Beyond this distance the reach is capped anyway: only closer neighbours are looked at,
    # first within a short radius for every place, then farther for the places still lacking.
    horizon = max_reach * 1000.0 / emptiness
    points = shapely.points(points_m)
    tree = shapely.STRtree(points)
    spacing = np.full(count, horizon)
    todo = np.arange(count)
    for radius in (min(10_000.0, horizon), horizon):
        left, right = tree.query(points[todo], predicate="dwithin", distance=radius)
        left = todo[left]
        keep = left != right
        left, right = left[keep], right[keep]
        dist = np.hypot(*(points_m[left] - points_m[right]).T)
        order = np.lexsort((dist, left))
        left, dist = left[order], dist[order]
        found = np.bincount(left, minlength=count)
        first = np.searchsorted(left, np.arange(count))
        has = (found >= k) & np.isin(np.arange(count), todo)
        spacing[has] = dist[first[has] + k - 1]
        todo = todo[found[todo] < k]
        if not len(todo):
            break
    grown = np.maximum(base, np.minimum(emptiness * spacing / 1000.0, max_reach))
    return [round(float(r), 3) for r in grown]


def nearest_places(points_m: np.ndarray, count: int, within_km: float) -> list[tuple[int, ...]]:
    """Return, for every point, the indices of its ``count`` nearest other points within reach.

    Nearest first (ties by index); fewer when fewer lie within ``within_km``.

    Args:
        points_m: ``(n, 2)`` coordinates in metres (the equal-area projection).
        count: How many neighbours at most.
        within_km: How far to look, in km.
    """
    import numpy as np
    import shapely

    total = len(points_m)
    if total < 2 or count <= 0 or within_km <= 0:
        return [() for _ in range(total)]
    points = shapely.points(points_m)
    left, right = shapely.STRtree(points).query(points, predicate="dwithin",
                                                distance=within_km * 1000.0)
    keep = left != right
    left, right = left[keep], right[keep]
    dist = np.hypot(*(points_m[left] - points_m[right]).T)
    order = np.lexsort((right, dist, left))
    left, right = left[order], right[order]
    first = np.searchsorted(left, np.arange(total + 1))
    return [tuple(int(j) for j in right[first[i]:min(first[i] + count, first[i + 1])])
            for i in range(total)]


__all__ = [
    "CIRCLE_TOLERANCE_M",
    "DEFAULT_REACH_KM",
    "EMPTINESS_FACTOR",
    "MAX_REACH_KM",
    "NETWORK_KM",
    "NETWORK_MIN",
    "NETWORK_NEIGHBOURS",
    "REACH_KM",
    "circle",
    "grown_reaches",
    "nearest_places",
    "reach_km",
]

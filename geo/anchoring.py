"""Geometry for anchoring: distances, the places near a town, and the rivers it does not cross.

:class:`Grid` buckets the gazetteer's places by 0.2-degree cells to find the places within a few
km of a town (cached per town); :class:`Barriers` buckets the big rivers' segments
(:data:`BARRIER_RIVERS`) to tell whether the line from a town to a place crosses one.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from geo.models import Place
from geo.paths import data_path

#: Rivers (Natural Earth names) anchoring does not cross.
BARRIER_RIVERS: frozenset[str] = frozenset({"Euphrates", "Firat", "Al Furat", "Tigris", "Dicle"})

Line = Sequence[tuple[float, float]]


def km_between(a: Place, b: Place) -> float:
    """Great-circle distance between two places, in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2
    ) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


def load_barriers(path: Path | str | None = None) -> list[list[tuple[float, float]]]:
    """The lines anchoring does not cross: :data:`BARRIER_RIVERS` of a rivers GeoJSON.

    Args:
        path: Defaults to the shipped ``data/boundaries/syria-region-rivers.geojson``; a missing
            default file gives no barriers.

    Returns:
        Polylines as ``(lon, lat)`` points.
    """
    import json

    file = Path(path) if path is not None else data_path(
        "boundaries", "syria-region-rivers.geojson"
    )
    if path is None and not file.is_file():
        return []
    data = json.loads(file.read_text(encoding="utf-8"))
    lines: list[list[tuple[float, float]]] = []
    for feature in data.get("features", []):
        if (feature.get("properties") or {}).get("name") not in BARRIER_RIVERS:
            continue
        geometry = feature["geometry"]
        parts = geometry["coordinates"]
        if geometry["type"] == "LineString":
            parts = [parts]
        lines.extend([(float(x), float(y)) for x, y, *_ in part] for part in parts)
    return lines


def _crosses(a: tuple[float, float], b: tuple[float, float], c: tuple[float, float],
             d: tuple[float, float]) -> bool:
    def side(p: tuple[float, float], q: tuple[float, float], r: tuple[float, float]) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return (side(a, b, c) > 0) != (side(a, b, d) > 0) and (side(c, d, a) > 0) != (
        side(c, d, b) > 0
    )


class Barriers:
    """Segments of the barrier lines, bucketed like :class:`Grid` for quick crossing tests."""

    CELL = 0.2

    def __init__(self, lines: Iterable[Line]) -> None:
        self.cells: dict[tuple[int, int], list[tuple[tuple[float, float], tuple[float, float]]]]
        self.cells = defaultdict(list)
        for line in lines:
            for p, q in itertools.pairwise(line):
                for i in range(math.floor(min(p[1], q[1]) / self.CELL),
                               math.floor(max(p[1], q[1]) / self.CELL) + 1):
                    for j in range(math.floor(min(p[0], q[0]) / self.CELL),
                                   math.floor(max(p[0], q[0]) / self.CELL) + 1):
                        self.cells[(i, j)].append((p, q))

    def between(self, a: Place, b: Place) -> bool:
        """Whether the straight line from ``a`` to ``b`` crosses a barrier."""
        pa, pb = (a.lon, a.lat), (b.lon, b.lat)
        seen: set[tuple[tuple[float, float], tuple[float, float]]] = set()
        for i in range(math.floor(min(a.lat, b.lat) / self.CELL),
                       math.floor(max(a.lat, b.lat) / self.CELL) + 1):
            for j in range(math.floor(min(a.lon, b.lon) / self.CELL),
                           math.floor(max(a.lon, b.lon) / self.CELL) + 1):
                for segment in self.cells.get((i, j), ()):
                    if segment not in seen:
                        seen.add(segment)
                        if _crosses(pa, pb, *segment):
                            return True
        return False


class Grid:
    """Places bucketed by 0.2-degree cells, to find neighbours within a few tens of km."""

    CELL = 0.2

    def __init__(self, places: Iterable[Place]) -> None:
        self.cells: dict[tuple[int, int], list[Place]] = defaultdict(list)
        self._near: dict[tuple[str, float], list[tuple[float, Place]]] = {}
        for place in places:
            self.cells[self._key(place.lat, place.lon)].append(place)

    def _key(self, lat: float, lon: float) -> tuple[int, int]:
        return (math.floor(lat / self.CELL), math.floor(lon / self.CELL))

    def near(self, place: Place, km: float) -> list[tuple[float, Place]]:
        """Places within ``km`` of ``place`` (itself excluded), nearest first, ties by id.

        Cached: a town that changes hands often is searched once.
        """
        key = (place.id, km)
        found = self._near.get(key)
        if found is None:
            found = self._near[key] = self._search(place, km)
        return found

    def _search(self, place: Place, km: float) -> list[tuple[float, Place]]:
        i, j = self._key(place.lat, place.lon)
        reach = 1 + int(km / 15)
        found = [
            (km_between(place, other), other)
            for di in range(-reach, reach + 1)
            for dj in range(-reach, reach + 1)
            for other in self.cells.get((i + di, j + dj), ())
            if other.id != place.id
        ]
        # Places can share coordinates: ties go by id, never by comparing Place objects.
        return sorted(((d, p) for d, p in found if d <= km), key=lambda dp: (dp[0], dp[1].id))

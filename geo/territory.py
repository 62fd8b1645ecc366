"""Areas of control: from who holds each place on a date to one (multi)polygon per side.

The method (one, documented, the same for maps and statistics):

1. **Projection.** Everything is computed in a Lambert azimuthal equal-area projection centred on
   Syria (:data:`LAEA_SYRIA`), so distances are in metres and areas in km² are true areas.
2. **Boundary.** The theatre of the war against IS: Syria and Iraq (:data:`THEATRE`), the union
   of the ``Syria`` and ``Iraq`` features of ``data/boundaries/syria-region.geojson`` (Natural
   Earth 1:10m, default point of view); ``country="SY"`` or ``"IQ"`` limits a model to one of
   them and to that country's places (:meth:`TerritoryModel.build`). That
   view counts the **Golan Heights in Israel**; we keep Natural Earth's Syria polygon as it is, so
   the Israeli-occupied Golan (about 1,265 km²) is outside the area measured: it is neither held
   by a side nor "no clear control" here, and the static map outlines it dashed and names it.
   The UNDOF zone is inside. The outline is simplified with Douglas-Peucker at
   :data:`SIMPLIFY_TOLERANCE_M` (250 m, topology preserved) before anything is cut from it.
3. **Cells.** Each place of the gazetteer inside the boundary (or within
   :data:`BORDER_SLACK_M` of it, for border posts whose coordinates fall just outside) gets its
   Voronoi cell (``shapely.voronoi_polygons(..., ordered=True)``) clipped to the boundary. Places of
   kind ``region`` or ``river`` get no cell: a point does not stand for them. Several places at one
   point share one cell.
4. **Reach, growing with emptiness.** A cell is cut to a circle around its place. Its radius
   is the larger of the kind's reach (:data:`REACH_KM`: city 15 km, town 10, village 6,
   base/airport/oilfield 8, dam 6, hill and crossing 4) and :data:`EMPTINESS_FACTOR` (2) times
   the distance to the place's third nearest neighbour, never more than :data:`MAX_REACH_KM`
   (60 km). Where settlements are dense the Voronoi cell is smaller than the kind's reach, so
   the cell is whole: the land between villages goes to the nearest one. Where they thin out
   (the steppe, the desert between the Euphrates valley and the Palmyra road), each place reaches
   twice as far as the spacing of the places around it, so the empty land between the oases,
   wells, bases and road stations a side holds goes to that side, as the published control
   maps draw it. Only what no circle reaches, land more than 60 km from anything or beyond twice
   the local spacing, stays ``unknown`` ("no clear control") instead of taking the colour of a
   distant post. The factor and the cap were calibrated against the published shares of
   ``../shared/eval/area_shares.csv`` (``python -m bench.bench_areas`` prints the comparison);
   with the factor 0 the method falls back to the kinds' reaches alone. Circles are drawn with
   as few segments as keep every chord within :data:`CIRCLE_TOLERANCE_M` (150 m) of the true
   circle.
5. **Controller of a cell.** The state of its place: a side, ``contested`` (drawn hatched), or
   ``unknown``. When several places share a cell, the sides they name decide: one side gives that
   side, several give ``contested``, none gives ``unknown``.
6. **Dissolve.** The pieces of each class are merged (``shapely.union_all`` in the projection),
   turned to EPSG:4326 and rounded to 1e-6 degree (about 0.1 m), and made valid (no snapping to
   a coarser grid: it would move a vertex that one side has on a shared edge and the other has
   not, opening slivers). Simplification is applied to the inputs (boundary, circles), never to
   the merged sides, so the sides and ``unknown`` stay a partition of the boundary: they do not
   overlap (well under 0.01 km² in all) and their areas add up to the boundary's area.
7. **Areas.** In km² in the equal-area projection, measured on the simplified outline
   (Syria 185,939 km² against 185,941 km² for Natural Earth's full-resolution Syria; Iraq
   437,367 km²). ``share`` is the fraction of that total; ``places`` counts the places whose
   cell went to the class (places without a cell are not counted).
8. **Countries.** The default model is made of one model per country (:attr:`TerritoryModel.parts`):
   each country's cells come from its own places and are clipped to its own outline, so a Syrian
   village never holds ground in Iraq, and the areas of both together are exactly those of
   Syria plus those of Iraq (``geo stats`` prints the three).

Areas are computed once per piece in the equal-area projection; a date only adds them up, so
statistics over hundreds of dates cost milliseconds. The geometry of a class is cached by the set
of pieces it is made of, so consecutive dates recompute only the sides that changed.
"""

from __future__ import annotations

import functools
import io
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from geo.errors import InputError
from geo.factions import SIDES
from geo.models import Place, PlaceState

if TYPE_CHECKING:
    import geopandas
    import numpy as np
    from shapely.geometry.base import BaseGeometry

#: The equal-area projection used for every distance and area (metres).
LAEA_SYRIA = "+proj=laea +lat_0=35 +lon_0=38.5 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"

#: The countries the maps cover by default (ISO codes), and their names in the boundaries file.
THEATRE: tuple[str, ...] = ("SY", "IQ")
COUNTRY_NAMES: dict[str, str] = {"SY": "Syria", "IQ": "Iraq"}

#: Radius of the circle a place of each kind holds, in km (see the module docstring).
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
MAX_REACH_KM = 60.0
#: Reach of a kind missing from :data:`REACH_KM`.
DEFAULT_REACH_KM = 6.0
#: Kinds that get no cell: a point does not stand for a region or a river.
NO_CELL_KINDS: frozenset[str] = frozenset({"region", "river"})
#: Douglas-Peucker tolerance applied to the boundary, in metres.
SIMPLIFY_TOLERANCE_M = 250.0
#: Largest gap between a reach circle and the polygon drawn for it, in metres.
CIRCLE_TOLERANCE_M = 150.0
#: Places this far outside the boundary (metres) still get a (clipped) cell.
BORDER_SLACK_M = 2000.0
#: Grid of the output in degrees.
GRID_DEG = 1e-6

_POLYGONAL = ("Polygon", "MultiPolygon")
CONTESTED = "contested"
UNKNOWN = "unknown"
#: Columns of :meth:`TerritoryModel.areas`.
AREA_COLUMNS: tuple[str, ...] = ("controller", "area_km2", "share", "places", "geometry")
#: Columns of the statistics file.
STAT_COLUMNS: tuple[str, ...] = ("date", "country", "controller", "area_km2", "share", "places")


class TimelineLike(Protocol):
    """What :func:`stats` needs of a :class:`geo.timeline.Timeline`."""

    def state_on(self, day: date) -> dict[str, PlaceState]:
        """Return the state of every place on ``day``."""
        ...


class GazetteerLike(Protocol):
    """What :meth:`TerritoryModel.for_gazetteer` needs of a :class:`geo.gazetteer.Gazetteer`."""

    @property
    def places(self) -> Mapping[str, Place]:
        """Place id to place."""
        ...


_MODELS: dict[tuple[int, str | None], tuple[object, TerritoryModel]] = {}


@dataclass(frozen=True)
class StatRow:
    """The ground one controller holds on one date.

    Attributes:
        date: The date.
        controller: A side id, ``contested`` or ``unknown``.
        area_km2: Area in km² (equal-area projection).
        share: Fraction of the area measured (``country``), 0 to 1.
        places: Number of places whose cell counts for this controller (places without a
            cell, such as regions or places abroad, are not counted).
        country: What the row measures: ``SY``, ``IQ`` or ``SY+IQ`` (both).
    """

    date: date
    controller: str
    area_km2: float
    share: float
    places: int
    country: str = ""


def controller_order(controller: str) -> tuple[int, str]:
    """Sort key putting controllers in registry order: the sides, others, contested, unknown."""
    if controller in SIDES:
        return (SIDES.index(controller), "")
    if controller == CONTESTED:
        return (len(SIDES) + 1, "")
    if controller == UNKNOWN:
        return (len(SIDES) + 2, "")
    return (len(SIDES), controller)


def load_boundary(path: Path | str | None = None, name: str = "Syria") -> BaseGeometry:
    """Read the polygon of country ``name`` from a GeoJSON file (EPSG:4326).

    Args:
        path: The GeoJSON file; ``data/boundaries/syria-region.geojson`` when ``None``.
        name: Value of the ``name`` property of the feature to take.

    Raises:
        InputError: The file cannot be read, is not GeoJSON, or has no such feature.
    """
    from shapely.geometry import shape

    from geo.paths import data_path

    path = Path(path) if path is not None else data_path("boundaries", "syria-region.geojson")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"{path}: cannot read the boundary: {error}") from None
    for feature in data.get("features", []) if isinstance(data, dict) else []:
        if (feature.get("properties") or {}).get("name") == name:
            return shape(feature["geometry"])
    raise InputError(f"{path}: no feature with name {name!r}")


def check_country(country: str | None) -> str | None:
    """Return ``country`` upper-cased when it is one of :data:`THEATRE` (``None`` passes).

    Raises:
        InputError: For any other code, naming the valid ones.
    """
    if country is None:
        return None
    code = country.strip().upper()
    if code not in THEATRE:
        raise InputError(f"--country: expected one of {', '.join(THEATRE)}, got {country!r}")
    return code


def theatre_name(countries: Sequence[str]) -> str:
    """Return the name of the area ``countries`` cover: Syria, Iraq or "Syria and Iraq"."""
    return " and ".join(COUNTRY_NAMES.get(c, c) for c in countries)


def load_theatre(countries: Sequence[str] = THEATRE, path: Path | str | None = None) -> Any:
    """Return the union of the outlines of ``countries`` (ISO codes of :data:`COUNTRY_NAMES`).

    Raises:
        InputError: As :func:`load_boundary`, or for a country not in :data:`COUNTRY_NAMES`.
    """
    import shapely

    shapes = []
    for code in countries:
        if code not in COUNTRY_NAMES:
            raise InputError(f"country: expected one of {', '.join(COUNTRY_NAMES)}, got {code!r}")
        shapes.append(load_boundary(path, COUNTRY_NAMES[code]))
    return shapes[0] if len(shapes) == 1 else shapely.union_all(shapes)


@functools.cache
def _transformers() -> tuple[Any, Any]:
    from pyproj import Transformer

    forward = Transformer.from_crs("EPSG:4326", LAEA_SYRIA, always_xy=True)
    inverse = Transformer.from_crs(LAEA_SYRIA, "EPSG:4326", always_xy=True)
    return forward, inverse


def _project(geometry: Any, transformer: Any) -> Any:
    import shapely

    return shapely.transform(geometry, lambda x, y: transformer.transform(x, y), interleaved=False)


def _polygonal(geometry: Any) -> Any:
    """Keep the polygons of ``geometry`` (an overlay can add stray lines and points)."""
    import shapely

    if geometry.geom_type in _POLYGONAL:
        return geometry
    parts = [g for g in shapely.get_parts(geometry) if shapely.get_type_id(g) in (3, 6)]
    if not parts:
        return shapely.Polygon()
    return shapely.union_all(parts) if len(parts) > 1 else parts[0]


def _circle(centre: Any, radius_m: float) -> Any:
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
    max_reach: float = 60.0,
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


class TerritoryModel:
    """The cells of a gazetteer's places, computed once, and the areas of control on any date.

    Build it with :meth:`build`; see the module docstring for the method.

    Attributes:
        members: For each cell, the ids of the places sharing it (sorted).
        cell_of: Cell index of every place that has one.
        skipped: Places without a cell, with the reason (kind, outside the boundary).
        total_area_km2: Area of the (simplified) boundary.
        boundary_area_km2: Area of the boundary before simplification.
        unreached_area_km2: Area no place reaches (always ``unknown``).
    """

    def __init__(
        self,
        *,
        boundary_m: Any,
        pieces_m: np.ndarray,
        beyond_reach: tuple[np.ndarray, np.ndarray],
        members: list[tuple[str, ...]],
        reaches: list[float],
        kinds: list[str],
        skipped: dict[str, str],
        boundary_area_km2: float,
        countries: tuple[str, ...] = THEATRE,
    ) -> None:
        import shapely

        self.countries = countries
        #: The one-country models this one is made of (empty for a one-country model).
        self.parts: dict[str, TerritoryModel] = {}
        self._boundary_m = boundary_m
        self._pieces_m = pieces_m
        self._beyond_reach = beyond_reach
        self._piece_area = [float(a) / 1e6 for a in shapely.area(pieces_m)]
        self.members = members
        self._reaches = reaches
        self._kinds = kinds
        self.skipped = skipped
        self.cell_of: dict[str, int] = {pid: i for i, ids in enumerate(members) for pid in ids}
        self.boundary_area_km2 = boundary_area_km2
        self.total_area_km2 = float(boundary_m.area) / 1e6
        # The pieces are disjoint and inside the boundary, so what is left is what none reaches.
        self.unreached_area_km2 = max(self.total_area_km2 - sum(self._piece_area), 0.0)
        self._union_cache: dict[tuple[int, ...], Any] = {}

    @classmethod
    def build(
        cls,
        places: Sequence[Place],
        boundary: Any = None,
        *,
        emptiness: float | None = None,
        max_reach: float | None = None,
        country: str | None = None,
    ) -> TerritoryModel:
        """Compute the cells of ``places`` (once per gazetteer).

        Args:
            places: The gazetteer's places (any order; the result does not depend on it).
            boundary: The outline to fill, a shapely (multi)polygon in EPSG:4326, or a GeoJSON
                path holding a ``Syria`` feature; Natural Earth's Syria and Iraq
                (:data:`THEATRE`) when ``None``.
            country: ``SY`` or ``IQ``: only that country's outline (when ``boundary`` is
                ``None``) and only its places.
            emptiness: How fast reach grows with the distance to the neighbours
                (:data:`EMPTINESS_FACTOR` when ``None``; 0 keeps the kinds' base reach).
            max_reach: Largest reach in km (:data:`MAX_REACH_KM` when ``None``).

        Returns:
            The model. With no usable place, everything is ``unknown``; with one, its cell is
            the whole boundary (cut to its reach).

        Raises:
            InputError: The boundary is not a polygon, or cannot be read.
        """
        import numpy as np
        import shapely

        if boundary is None and country is None:
            # Each country's cells from its own places, clipped to its own outline: a Syrian
            # village does not hold ground across the border in Iraq.
            return cls._combine([
                cls.build(places, emptiness=emptiness, max_reach=max_reach, country=c)
                for c in THEATRE
            ])
        countries: tuple[str, ...] = THEATRE
        if country is not None:
            countries = (country,)
            places = [p for p in places if p.country == country]
        if boundary is None:
            boundary = load_theatre(countries)
        elif isinstance(boundary, str | Path):
            boundary = load_boundary(boundary)
            countries = ("SY",)
        if not isinstance(boundary, shapely.Geometry) or boundary.geom_type not in _POLYGONAL:
            raise InputError(f"boundary: expected a Polygon or MultiPolygon, got {boundary!r:.80}")
        forward, _ = _transformers()
        raw_m = shapely.make_valid(_project(boundary, forward))
        simple = raw_m.simplify(SIMPLIFY_TOLERANCE_M, preserve_topology=True)
        boundary_m = _polygonal(shapely.make_valid(simple))
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
            clipped[cut] = [_polygonal(g) for g in shapely.intersection(cells[cut], boundary_m)]
            circles = np.array(
                [_circle(p, r * 1000.0) for p, r in zip(points, reaches, strict=True)]
            )
            shapely.prepare(circles)
            pieces = clipped.copy()
            cut = ~shapely.contains_properly(circles, clipped)
            pieces[cut] = [
                _polygonal(shapely.make_valid(g))
                for g in shapely.intersection(clipped[cut], circles[cut])
            ]
            beyond = (clipped[cut], circles[cut])
        else:
            beyond = (np.array([], dtype=object), np.array([], dtype=object))
        return cls(
            boundary_m=boundary_m,
            pieces_m=pieces,
            beyond_reach=beyond,
            members=members,
            reaches=reaches,
            kinds=kinds,
            skipped=skipped,
            boundary_area_km2=float(raw_m.area) / 1e6,
            countries=countries,
        )

    @classmethod
    def _combine(cls, parts: Sequence[TerritoryModel]) -> TerritoryModel:
        """One model of several countries' models (disjoint outlines), cells in part order."""
        import numpy as np
        import shapely

        cells: list[Any] = []
        circles: list[Any] = []
        skipped: dict[str, str] = {}
        for part in parts:
            if len(part._pieces_m):
                cells.extend(part._beyond_reach[0])
                circles.extend(part._beyond_reach[1])
            else:  # nothing reaches into this country: all of it is unreached
                cells.append(part._boundary_m)
                circles.append(shapely.Polygon())
            skipped.update(part.skipped)
        model = cls(
            boundary_m=_polygonal(shapely.union_all([p._boundary_m for p in parts])),
            pieces_m=np.concatenate([p._pieces_m for p in parts]) if parts else np.array([]),
            beyond_reach=(np.array(cells, dtype=object), np.array(circles, dtype=object)),
            members=[m for p in parts for m in p.members],
            reaches=[r for p in parts for r in p._reaches],
            kinds=[k for p in parts for k in p._kinds],
            skipped={k: skipped[k] for k in sorted(skipped)},
            boundary_area_km2=sum(p.boundary_area_km2 for p in parts),
            countries=tuple(c for p in parts for c in p.countries),
        )
        model.parts = {p.countries[0]: p for p in parts if len(p.countries) == 1}
        # the outlines were simplified apart: the whole is the sum of its parts, to the m²
        model.total_area_km2 = sum(p.total_area_km2 for p in parts)
        model.unreached_area_km2 = sum(p.unreached_area_km2 for p in parts)
        return model

    def view(self, width_px: int = 1100) -> tuple[tuple[float, float], float]:
        """Return the centre (lat, lon) and web-map zoom that show the whole boundary.

        The zoom is a multiple of 0.5 for a window about ``width_px`` wide: Syria at 7, Syria
        and Iraq at 6.5.
        """
        minx, miny, maxx, maxy = self.boundary.bounds
        span = max(maxx - minx, (maxy - miny) * 1.3, 1e-6)
        zoom = math.floor(2 * math.log2(width_px * 360.0 / (256.0 * span))) / 2
        return (round((miny + maxy) / 2, 3), round((minx + maxx) / 2, 3)), max(zoom, 3.0)

    def part(self, country: str) -> TerritoryModel:
        """The model of one country of this one (itself when it covers only that country).

        Raises:
            InputError: When the model does not cover ``country``.
        """
        if self.countries == (country,):
            return self
        if country not in self.parts:
            raise InputError(f"--country: this map covers {', '.join(self.countries)}, "
                             f"not {country!r}")
        return self.parts[country]

    @classmethod
    def for_gazetteer(cls, gazetteer: GazetteerLike, country: str | None = None) -> TerritoryModel:
        """Return the model of ``gazetteer``'s places, built once per gazetteer and country.

        Commands that draw many dates (``geo build``, ``geo slider``) share one model this way.
        """
        key = (id(gazetteer), country)
        hit = _MODELS.get(key)
        if hit is not None and hit[0] is gazetteer:
            return hit[1]
        whole = _MODELS.get((id(gazetteer), None))
        if country is not None and whole is not None and whole[0] is gazetteer:
            return whole[1].part(country)
        model = cls.build(list(gazetteer.places.values()), country=country)
        if len(_MODELS) >= 6:
            _MODELS.clear()
        _MODELS[key] = (gazetteer, model)
        return model

    def __len__(self) -> int:
        return len(self.members)

    @staticmethod
    def _to_lonlat(geometries: Any) -> Any:
        import numpy as np
        import shapely

        inverse = _transformers()[1]
        digits = round(-math.log10(GRID_DEG))

        def to_degrees(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            lon, lat = inverse.transform(x, y)
            return np.round(lon, digits), np.round(lat, digits)

        def clean(geometry: Any) -> Any:
            rounded = shapely.transform(geometry, to_degrees, interleaved=False)
            if rounded.is_valid:
                return rounded
            return _polygonal(shapely.make_valid(rounded, method="structure"))

        if isinstance(geometries, shapely.Geometry):
            return clean(geometries)
        return [clean(g) for g in geometries]

    @cached_property
    def _pieces_ll(self) -> list[Any]:
        return list(self._to_lonlat(self._pieces_m)) if len(self._pieces_m) else []

    @cached_property
    def _unreached_m(self) -> Any:
        import shapely

        if not len(self._pieces_m):
            return self._boundary_m
        # what each cell's circle leaves of it: fewer and smaller than the pieces to merge
        cells, circles = self._beyond_reach
        rest = shapely.difference(cells, circles)
        return _polygonal(shapely.make_valid(shapely.union_all(rest)))

    @cached_property
    def cells(self) -> geopandas.GeoDataFrame:
        """The reach-limited piece of every cell, in EPSG:4326: what never changes inside.

        Columns: ``place_id`` (the first of the places sharing the cell), ``place_ids`` (all
        of them, ``;``-separated), ``kind``, ``reach_km``, ``area_km2``, ``geometry``. Rows in the
        order of :meth:`cell_controllers`. Together with :attr:`unreached` they tile the boundary.
        """
        import geopandas

        return geopandas.GeoDataFrame(
            {
                "place_id": [ids[0] for ids in self.members],
                "place_ids": [";".join(ids) for ids in self.members],
                "kind": self._kinds,
                "reach_km": self._reaches,
                "area_km2": self._piece_area,
                "geometry": self._pieces_ll,
            },
            geometry="geometry",
            crs="EPSG:4326",
        )

    @cached_property
    def unreached(self) -> BaseGeometry:
        """The part of the boundary no place reaches (always ``unknown``), in EPSG:4326."""
        return self._to_lonlat(self._unreached_m)

    @cached_property
    def boundary(self) -> BaseGeometry:
        """The simplified boundary the cells tile, in EPSG:4326."""
        return self._to_lonlat(self._boundary_m)

    def piece(self, place_id: str) -> BaseGeometry | None:
        """Return the reach-limited cell of ``place_id`` in EPSG:4326, or ``None`` without one."""
        index = self.cell_of.get(place_id)
        return None if index is None else self._pieces_ll[index]

    def cell_controllers(self, states: Mapping[str, PlaceState]) -> list[str]:
        """Return the controller of every cell on the date of ``states`` (rows of :attr:`cells`).

        A place missing from ``states`` counts as ``unknown``.
        """
        out = []
        for ids in self.members:
            if len(ids) == 1:  # most cells: the state of their one place, as cell_controller
                state = states.get(ids[0])
                out.append(state.controller if state is not None else UNKNOWN)
            else:
                out.append(cell_controller(states.get(pid) for pid in ids))
        return out

    def _classes(
        self, states: Mapping[str, PlaceState], controllers: Sequence[str] | None = None
    ) -> tuple[dict[str, list[int]], dict[str, int]]:
        cells: dict[str, list[int]] = {}
        counts: dict[str, int] = {}
        if controllers is None:
            controllers = self.cell_controllers(states)
        for index, controller in enumerate(controllers):
            cells.setdefault(controller, []).append(index)
            counts[controller] = counts.get(controller, 0) + len(self.members[index])
        return cells, counts

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

    def _union(self, indices: tuple[int, ...], with_unreached: bool) -> Any:
        import shapely

        key = (*indices, -1) if with_unreached else indices
        cached = self._union_cache.get(key)
        if cached is None:
            parts = [self._pieces_m[i] for i in indices]
            if with_unreached:
                parts.append(self._unreached_m)
            merged = _polygonal(shapely.make_valid(shapely.union_all(parts)))
            cached = self._to_lonlat(merged)
            if len(self._union_cache) > 256:
                self._union_cache.clear()
            self._union_cache[key] = cached
        return cached

    def uncertain_cells(
        self, states: Mapping[str, PlaceState], controllers: Sequence[str] | None = None
    ) -> list[bool]:
        """Return, per cell, whether its side rests only on uncertain states.

        A cell held by a side is uncertain when every place of it naming that side has
        ``PlaceState.uncertain`` set (old evidence, or a snapshot read backwards); contested and
        unknown cells never are. ``controllers`` is :meth:`cell_controllers` when known.
        """
        out = []
        if controllers is None:
            controllers = self.cell_controllers(states)
        for ids, controller in zip(self.members, controllers, strict=True):
            if controller in (CONTESTED, UNKNOWN):
                out.append(False)
                continue
            named = [states[p] for p in ids if p in states and states[p].controller == controller]
            out.append(bool(named) and all(s.uncertain for s in named))
        return out

    def uncertain_areas(self, states: Mapping[str, PlaceState]) -> geopandas.GeoDataFrame:
        """Return the ground each side holds only on uncertain states (drawn faded and hatched).

        Columns ``controller, area_km2, share, geometry`` (EPSG:4326), one row per side with
        uncertain ground, in registry order; each row lies inside that side's row of
        :meth:`areas`.
        """
        import geopandas

        cells: dict[str, list[int]] = {}
        controllers = self.cell_controllers(states)
        for index, flag in enumerate(self.uncertain_cells(states)):
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

    def areas(self, states: Mapping[str, PlaceState]) -> geopandas.GeoDataFrame:
        """Return the ground each controller holds on the date of ``states``.

        Args:
            states: Place id to state (``Timeline.state_on(day)``); places missing count as
                ``unknown``.

        Returns:
            A GeoDataFrame in EPSG:4326 with columns ``controller, area_km2, share, places,
            geometry``: one row per side holding a cell, ``contested`` when a place is contested,
            and always ``unknown`` (no clear control), sorted in registry order
            (``geo.factions.SIDES``, then contested, unknown). The rows never overlap and
            together cover the boundary; ``area_km2`` adds up to :attr:`total_area_km2`.
        """
        import geopandas

        cells, _ = self._classes(states)
        rows = self.tally(states)
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


def stats(timeline: TimelineLike, model: TerritoryModel, dates: Iterable[date], *,
          by_country: bool = False) -> list[StatRow]:
    """Return the ground each controller holds on each of ``dates``.

    Args:
        timeline: Gives ``state_on(day)`` (a :class:`geo.timeline.Timeline`).
        model: The cells of the same gazetteer.
        dates: The dates, in the order wanted (usually ``timeline.event_dates()``).
        by_country: Also the rows of each country of a model that covers several
            (:attr:`TerritoryModel.parts`), after the rows of the whole, on each date.

    Returns:
        Rows per date in registry order, as :meth:`TerritoryModel.tally`; ``country`` says
        what each row measures (``SY+IQ`` for both).
    """
    scopes = [("+".join(model.countries), model)]
    if by_country:
        scopes += [(code, part) for code, part in model.parts.items()]
    rows: list[StatRow] = []
    for day in dates:
        states = timeline.state_on(day)
        for code, scope in scopes:
            for controller, area, share, places in scope.tally(states):
                rows.append(StatRow(day, controller, area, share, places, code))
    return rows


def format_stats_csv(rows: Iterable[StatRow]) -> str:
    """Return the CSV text of ``rows``: header :data:`STAT_COLUMNS`, km² to 0.1, share to 1e-4."""
    from geo.io import csv_text

    return csv_text([STAT_COLUMNS, *(
        (row.date.isoformat(), row.country, row.controller, f"{row.area_km2:.1f}",
         f"{row.share:.4f}", row.places) for row in rows
    )])


def write_stats_csv(rows: Iterable[StatRow], path: Path | str, *, force: bool = False) -> Path:
    """Write ``rows`` as CSV (:func:`format_stats_csv`) atomically.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false.
    """
    from geo.io import atomic_write_text

    return atomic_write_text(path, format_stats_csv(rows), force=force)


def plot_stats(
    rows: Sequence[StatRow],
    path: Path | str,
    *,
    force: bool = False,
    title: str = "Share of Syria and Iraq held by each side",
) -> Path:
    """Draw a stacked area chart of each controller's share of the area measured over time.

    ``rows`` are of one area measured (one ``country`` value of :func:`stats`).

    Each share holds from its date until the next date (a step chart), in registry order from
    the bottom, ``unknown`` on top.

    The format follows the suffix (``.png``, ``.svg`` or ``.pdf``). The file carries no timestamp
    and no random id: the same rows give the same bytes.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false.
        InputError: ``rows`` is empty, or the suffix is not a known format.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure

    from geo.factions import colour, label
    from geo.io import atomic_write_bytes, check_writable

    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("png", "svg", "pdf"):
        raise InputError(f"{path}: unknown chart format {fmt!r}; use .png, .svg or .pdf")
    if not rows:
        raise InputError(f"{path}: no statistics to plot (no event dates)")
    check_writable(path, force)
    dates = sorted({r.date for r in rows})
    xs = [float(date2num(d)) for d in dates]
    controllers = sorted({r.controller for r in rows}, key=controller_order)
    share = {(r.date, r.controller): r.share * 100 for r in rows}
    series = [[share.get((d, c), 0.0) for d in dates] for c in controllers]
    with matplotlib.rc_context(
        {"svg.hashsalt": "geo", "svg.fonttype": "path", "pdf.compression": 6}
    ):
        figure = Figure(figsize=(9, 4.8), dpi=100, layout="constrained")
        ax = figure.add_subplot()
        colours = [colour(c) for c in controllers]
        labels = [label(c) for c in controllers]
        if len(dates) == 1:
            bottom = 0.0
            for values, col, lab in zip(series, colours, labels, strict=True):
                ax.bar(xs, values, bottom=bottom, color=col, label=lab, width=2.0)
                bottom += values[0]
        else:
            # control holds from one event date to the next: steps, not slopes
            ax.stackplot(xs, series, colors=colours, labels=labels, linewidth=0, step="post")
            ax.set_xlim(xs[0], xs[-1])
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.set_ylim(0, 100)
        ax.set_ylabel("share of the area (%)")
        ax.set_title(title)
        handles, names = ax.get_legend_handles_labels()
        ax.legend(handles[::-1], names[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0),
                  fontsize=8, frameon=False)
        buffer = io.BytesIO()
        metadata: dict[str, Any] = {
            "png": {"Software": None},
            "svg": {"Date": None, "Creator": None},
            "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
        }[fmt]
        figure.savefig(buffer, format=fmt, metadata=metadata)
    return atomic_write_bytes(path, buffer.getvalue(), force=True)


__all__ = [
    "AREA_COLUMNS",
    "CONTESTED",
    "LAEA_SYRIA",
    "REACH_KM",
    "SIMPLIFY_TOLERANCE_M",
    "STAT_COLUMNS",
    "UNKNOWN",
    "StatRow",
    "TerritoryModel",
    "cell_controller",
    "controller_order",
    "format_stats_csv",
    "load_boundary",
    "plot_stats",
    "stats",
    "write_stats_csv",
]

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
   (30 km). Where settlements are dense the Voronoi cell is smaller than the kind's reach, so
   the cell is whole: the land between villages goes to the nearest one. Where they thin out
   (the steppe, the desert between the Euphrates valley and the Palmyra road), each place reaches
   twice as far as the spacing of the places around it, so the empty land between the oases,
   wells, bases and road stations a side holds goes to that side, as the published control
   maps draw it. Only what no circle reaches, land more than 30 km from anything or beyond twice
   the local spacing, stays ``unknown`` ("no clear control") instead of taking the colour of a
   distant post. The factor and the cap were calibrated with step 4b against the two references
   below. With the factor 0 the method falls back to the kinds' reaches alone. Circles
   are drawn with as few segments as keep every chord within :data:`CIRCLE_TOLERANCE_M`
   (150 m) of the true circle.
4b. **Presence or control: the ring.** A cell whose reach grew is cut in two pieces: its
   *core*, within the kind's reach, and its *ring*, the ground it gained from the emptiness
   around it (:mod:`geo.cells`). The core always takes the controller of its place (step 5).
   The ring takes the same side only when the place is part of a network of that side on the
   date: at least :data:`NETWORK_MIN` (2) of its :data:`NETWORK_NEIGHBOURS` (4) nearest places
   within :data:`NETWORK_KM` (30 km, the largest reach) hold that side; otherwise it is
   ``unknown`` (:mod:`geo.holders`). The empty land between places of one side is that side's;
   around a lone outpost (a base, a well, a desert village among the other side's places or
   far from any) a side is present, but controls no more than the post. The rule is the same
   for every side and is re-read on every date, so a garrison whose neighbours fall loses its
   hinterland but keeps its post. Calibrated against two references at once: the published
   shares of Syria (``../shared/eval/area_shares.csv``, ``python -m bench areas``) and the IHS
   estimates of IS territory in Syria and Iraq (``python -m bench is_area``); without it the
   isolated IS marks of the western Anbar and Jazira deserts in the mid-2017 Iraq snapshot
   each coloured a 30 km disc and IS held 61,300 km² on 26 June 2017 where IHS counts 36,200
   (+69 %; the 30 km cap of step 4 already halved a 60 km cap's error there); with it 43,100
   (+19 %), and the mean error of IS's share of Syria falls from 4.7 to 3.8 points, for
   1.1 points more on the government's (10.1 to 11.2) and 0.7 on the opposition's (seeds and
   history of late 2026). Giving grown reach to settlements alone (a garrison holds its post)
   took the government's desert network with the outposts (its error went from 10.6 to 19.6);
   asking for one neighbour of the side left June 2017 at +41 %; asking for three took a
   quarter to two fifths off every date of 2015-2016.
   ``network_min=0`` (:meth:`TerritoryModel.build`) gives every ring to its place's side.
5. **Controller of a cell.** The state of its place (of its core; step 4b decides its ring):
   a side, ``contested`` (drawn hatched), or ``unknown``. When several places share a cell,
   the sides they name decide: one side gives that side, several give ``contested``, none
   gives ``unknown``.
5b. **Snapshots are pictures of one date.** A cell resting only on an uncertain snapshot state
   follows the nearest place within 40 km documented closer to the date (:mod:`geo.backfill`;
   a state read backwards from an event documents its ground for 180 days before it only).
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

The code follows the steps: :mod:`geo.outline` (projection and outlines), :mod:`geo.reach`
(reach), :mod:`geo.cells` (cells, cores and rings), :mod:`geo.holders` (who holds each piece on
a date, steps 4b to 5b), :mod:`geo.dissolve` (merged ground and areas, steps 6 and 7), this
module (the model: building it, its countries, its cells) and :mod:`geo.territory_stats`
(statistics over dates). Every public name stays importable from here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from geo.backfill import FOLLOW_KM
from geo.cells import (
    BORDER_SLACK_M,
    NO_CELL_KINDS,
    SIMPLIFY_TOLERANCE_M,
    CellSet,
    cell_controller,
    compute_cells,
)
from geo.dissolve import Dissolve
from geo.errors import InputError
from geo.models import Place
from geo.outline import (
    COUNTRY_NAMES,
    LAEA_SYRIA,
    THEATRE,
    check_country,
    load_boundary,
    load_theatre,
    theatre_name,
)
from geo.outline import POLYGONAL as _POLYGONAL
from geo.outline import polygonal as _polygonal
from geo.reach import (
    CIRCLE_TOLERANCE_M,
    DEFAULT_REACH_KM,
    EMPTINESS_FACTOR,
    MAX_REACH_KM,
    NETWORK_KM,
    NETWORK_MIN,
    NETWORK_NEIGHBOURS,
    REACH_KM,
    grown_reaches,
    reach_km,
)
from geo.territory_stats import (
    CONTESTED,
    STAT_COLUMNS,
    UNKNOWN,
    StatRow,
    TimelineLike,
    controller_order,
    format_stats_csv,
    plot_stats,
    stats,
    write_stats_csv,
)

if TYPE_CHECKING:
    import geopandas
    import numpy as np
    from shapely.geometry.base import BaseGeometry

#: Columns of :meth:`TerritoryModel.areas`.
AREA_COLUMNS: tuple[str, ...] = ("controller", "area_km2", "share", "places", "geometry")


class GazetteerLike(Protocol):
    """What :meth:`TerritoryModel.for_gazetteer` needs of a :class:`geo.gazetteer.Gazetteer`."""

    @property
    def places(self) -> Mapping[str, Place]:
        """Place id to place."""
        ...


_MODELS: dict[tuple[int, str | None], tuple[object, TerritoryModel]] = {}

class TerritoryModel(Dissolve):
    """The cells of a gazetteer's places, computed once, and the areas of control on any date.

    Build it with :meth:`build`; see the module docstring for the method.

    Attributes:
        members: For each piece, the ids of the places sharing its cell (sorted): the cores of
            the cells, then the rings of the cells whose reach grew (per country).
        cell_of: Index of the core of every place that has a cell.
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
        points_m: np.ndarray | None = None,
        beyond_reach: tuple[np.ndarray, np.ndarray],
        members: list[tuple[str, ...]],
        reaches: list[float],
        kinds: list[str],
        skipped: dict[str, str],
        boundary_area_km2: float,
        core_of: list[int] | None = None,
        neighbours: list[tuple[int, ...]] | None = None,
        countries: tuple[str, ...] = THEATRE,
    ) -> None:
        import numpy as np
        import shapely

        self.countries = countries
        #: The one-country models this one is made of (empty for a one-country model).
        self.parts: dict[str, TerritoryModel] = {}
        self._boundary_m = boundary_m
        self._pieces_m = pieces_m
        self._points_m = (np.asarray(points_m, dtype=float).reshape(-1, 2)
                          if points_m is not None else np.zeros((0, 2)))
        self._followed: tuple[object, float, dict[int, str]] | None = None
        #: How far a cell painted by a snapshot looks for a documented place (step 5b; 0: off).
        self.follow_km = FOLLOW_KM
        self._beyond_reach = beyond_reach
        self._piece_area = [float(a) / 1e6 for a in shapely.area(pieces_m)]
        self.members = members
        self._core_of = core_of if core_of is not None else [-1] * len(members)
        self._neighbours = neighbours if neighbours is not None else [()] * len(members)
        #: Same-side places among the nearest that give a ring to that side (step 4b; 0: off).
        self.network_min = NETWORK_MIN
        self._reaches = reaches
        self._kinds = kinds
        self.skipped = skipped
        self.cell_of: dict[str, int] = {
            pid: i for i, ids in enumerate(members) if self._core_of[i] < 0 for pid in ids
        }
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
        network_min: int | None = None,
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
            network_min: How many of a place's nearest places must hold its side for the
                ground beyond its kind's reach to be that side's (:data:`NETWORK_MIN` when
                ``None``; 0 gives it to the place's side always).

        Returns:
            The model. With no usable place, everything is ``unknown``; with one, its cell is
            the whole boundary (cut to its reach).

        Raises:
            InputError: The boundary is not a polygon, or cannot be read.
        """
        import shapely

        if boundary is None and country is None:
            # Each country's cells from its own places, clipped to its own outline: a Syrian
            # village does not hold ground across the border in Iraq.
            return cls._combine([
                cls.build(places, emptiness=emptiness, max_reach=max_reach, country=c,
                          network_min=network_min)
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
        cellset = compute_cells(places, boundary, emptiness=emptiness, max_reach=max_reach)
        model = cls(**vars(cellset), countries=countries)
        if network_min is not None:
            model.network_min = network_min
        return model

    @classmethod
    def _combine(cls, parts: Sequence[TerritoryModel]) -> TerritoryModel:
        """One model of several countries' models (disjoint outlines), cells in part order."""
        import numpy as np
        import shapely

        cells: list[Any] = []
        circles: list[Any] = []
        skipped: dict[str, str] = {}
        core_of: list[int] = []
        neighbours: list[tuple[int, ...]] = []
        offset = 0
        for part in parts:
            core_of.extend(c + offset if c >= 0 else -1 for c in part._core_of)
            neighbours.extend(tuple(n + offset for n in near) for near in part._neighbours)
            offset += len(part)
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
            points_m=np.concatenate([p._points_m for p in parts]) if parts else None,
            beyond_reach=(np.array(cells, dtype=object), np.array(circles, dtype=object)),
            members=[m for p in parts for m in p.members],
            reaches=[r for p in parts for r in p._reaches],
            kinds=[k for p in parts for k in p._kinds],
            skipped={k: skipped[k] for k in sorted(skipped)},
            boundary_area_km2=sum(p.boundary_area_km2 for p in parts),
            core_of=core_of,
            neighbours=neighbours,
            countries=tuple(c for p in parts for c in p.countries),
        )
        model.parts = {p.countries[0]: p for p in parts if len(p.countries) == 1}
        model.network_min = parts[0].network_min if parts else NETWORK_MIN
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
        part = self.parts[country]
        part.network_min = self.network_min
        return part

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

    @cached_property
    def _pieces_ll(self) -> list[Any]:
        return list(self._to_lonlat(self._pieces_m)) if len(self._pieces_m) else []

    @cached_property
    def cells(self) -> geopandas.GeoDataFrame:
        """The reach-limited pieces of the cells, in EPSG:4326: what never changes inside.

        Columns: ``place_id`` (the first of the places sharing the cell), ``place_ids`` (all
        of them, ``;``-separated), ``kind``, ``reach_km``, ``piece`` (``core`` within the
        kind's reach, ``ring`` beyond it, step 4b), ``area_km2``, ``geometry``. Rows in the
        order of :meth:`cell_controllers`. Together with :attr:`unreached` they tile the boundary.
        """
        import geopandas

        return geopandas.GeoDataFrame(
            {
                "place_id": [ids[0] for ids in self.members],
                "place_ids": [";".join(ids) for ids in self.members],
                "kind": self._kinds,
                "reach_km": self._reaches,
                "piece": ["core" if c < 0 else "ring" for c in self._core_of],
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
        """Return the reach-limited cell of ``place_id`` in EPSG:4326, or ``None`` without one.

        The core and the ring of the cell together (step 4b).
        """
        import shapely

        index = self.cell_of.get(place_id)
        if index is None:
            return None
        parts = [g for i, g in enumerate(self._pieces_ll)
                 if i == index or self._core_of[i] == index]
        return parts[0] if len(parts) == 1 else _polygonal(shapely.union_all(parts))



__all__ = [
    "AREA_COLUMNS",
    "BORDER_SLACK_M",
    "CIRCLE_TOLERANCE_M",
    "CONTESTED",
    "COUNTRY_NAMES",
    "DEFAULT_REACH_KM",
    "EMPTINESS_FACTOR",
    "LAEA_SYRIA",
    "MAX_REACH_KM",
    "NETWORK_KM",
    "NETWORK_MIN",
    "NETWORK_NEIGHBOURS",
    "NO_CELL_KINDS",
    "REACH_KM",
    "SIMPLIFY_TOLERANCE_M",
    "STAT_COLUMNS",
    "THEATRE",
    "UNKNOWN",
    "CellSet",
    "StatRow",
    "TerritoryModel",
    "TimelineLike",
    "cell_controller",
    "check_country",
    "controller_order",
    "format_stats_csv",
    "grown_reaches",
    "load_boundary",
    "load_theatre",
    "plot_stats",
    "reach_km",
    "stats",
    "theatre_name",
    "write_stats_csv",
]

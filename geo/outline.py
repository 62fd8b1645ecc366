"""The outlines the territory method fills, and the equal-area projection it works in.

Natural Earth's Syria and Iraq (``data/boundaries/syria-region.geojson``), projected to a
Lambert azimuthal equal-area projection centred on Syria (:data:`LAEA_SYRIA`) so that distances
are in metres and areas are true areas. See :mod:`geo.territory` for the method.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import InputError

if TYPE_CHECKING:
    import numpy as np
    from shapely.geometry.base import BaseGeometry

#: The equal-area projection used for every distance and area (metres).
LAEA_SYRIA = "+proj=laea +lat_0=35 +lon_0=38.5 +x_0=0 +y_0=0 +ellps=WGS84 +units=m +no_defs"

#: The countries the maps cover by default (ISO codes), and their names in the boundaries file.
THEATRE: tuple[str, ...] = ("SY", "IQ")
COUNTRY_NAMES: dict[str, str] = {"SY": "Syria", "IQ": "Iraq"}

POLYGONAL = ("Polygon", "MultiPolygon")
#: Grid of the output in degrees.
GRID_DEG = 1e-6
#: Longest segment (metres) turned to degrees as it is: a straight line of the projection is not
#: straight in degrees, and over 20 km it bows by metres, enough to cross a neighbour's edge.
#: Longer segments get intermediate vertices first (their bow stays within a few centimetres).
SEGMENT_M = 2_000.0


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
def transformers() -> tuple[Any, Any]:
    """Return the (forward, inverse) transformers between EPSG:4326 and :data:`LAEA_SYRIA`."""
    from pyproj import Transformer

    forward = Transformer.from_crs("EPSG:4326", LAEA_SYRIA, always_xy=True)
    inverse = Transformer.from_crs(LAEA_SYRIA, "EPSG:4326", always_xy=True)
    return forward, inverse


def project(geometry: Any, transformer: Any) -> Any:
    """Return ``geometry`` with its coordinates passed through ``transformer``."""
    import shapely

    return shapely.transform(geometry, lambda x, y: transformer.transform(x, y), interleaved=False)


def polygonal(geometry: Any) -> Any:
    """Keep the polygons of ``geometry`` (an overlay can add stray lines and points)."""
    import shapely

    if geometry.geom_type in POLYGONAL:
        return geometry
    parts = [g for g in shapely.get_parts(geometry) if shapely.get_type_id(g) in (3, 6)]
    if not parts:
        return shapely.Polygon()
    return shapely.union_all(parts) if len(parts) > 1 else parts[0]



def to_lonlat(geometries: Any) -> Any:
    """Return metric geometries (one, or a sequence) in EPSG:4326, rounded to :data:`GRID_DEG`.

    A geometry the rounding makes invalid is made valid again, keeping its polygons.
    """
    import numpy as np
    import shapely

    inverse = transformers()[1]
    digits = round(-math.log10(GRID_DEG))

    def to_degrees(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lon, lat = inverse.transform(x, y)
        return np.round(lon, digits), np.round(lat, digits)

    def clean(geometry: Any) -> Any:
        dense = shapely.segmentize(geometry, SEGMENT_M)
        rounded = shapely.transform(dense, to_degrees, interleaved=False)
        if rounded.is_valid:
            return rounded
        return polygonal(shapely.make_valid(rounded, method="structure"))

    if isinstance(geometries, shapely.Geometry):
        return clean(geometries)
    return [clean(g) for g in geometries]

__all__ = [
    "COUNTRY_NAMES",
    "GRID_DEG",
    "LAEA_SYRIA",
    "POLYGONAL",
    "SEGMENT_M",
    "THEATRE",
    "check_country",
    "load_boundary",
    "load_theatre",
    "polygonal",
    "project",
    "theatre_name",
    "to_lonlat",
    "transformers",
]

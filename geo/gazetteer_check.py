"""``geo gazetteer check``: every malformed row of a gazetteer, and places outside their country.

A row can be well formed and still wrong: latitude and longitude swapped, or a sign dropped, put
a place hundreds of kilometres away, where it colours the wrong ground. So besides the row checks
of :mod:`geo.gazetteer`, each place must lie in its country (the Natural Earth outlines shipped in
``data/boundaries``, with the areas a country claims), within :data:`TOLERANCE_KM`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from geo.errors import Problem
from geo.models import Place
from geo.paths import data_path

#: How far outside its country's outline a place may lie: the 1:10m outlines leave out small
#: islands (Arwad, 4 km off Tartus) and cut corners along the borders.
TOLERANCE_KM = 10.0
#: Oil terminals and ports stand at sea: off every outline, they may lie this far from their
#: country (Iraq's Basra and Khawr al-Amaya oil terminals are 40-50 km out in the Gulf).
OFFSHORE_KINDS = frozenset({"oilfield", "base"})
OFFSHORE_KM = 60.0

#: Country code of the gazetteer to the ``iso_a3`` of ``syria-region.geojson`` and the disputed
#: areas (``syria-region-disputed.geojson`` names) the country claims or administers.
COUNTRIES: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "SY": ("SYR", ("Golan Heights", "UNDOF Zone")),
    "IQ": ("IRQ", ()),
    "TR": ("TUR", ()),
    "LB": ("LBN", ("Shebaa Farms",)),
    "JO": ("JOR", ()),
    "IL": ("ISR", ("Golan Heights", "Shebaa Farms")),
    "PS": ("PSE", ("West Bank", "Gaza")),
    "IR": ("IRN", ()),
    "SA": ("SAU", ()),
    "KW": ("KWT", ()),
    "EG": ("EGY", ()),
    "CY": ("CYP", ()),
    "AZ": ("AZE", ()),
}


def check(path: Path | str | None = None) -> list[Problem]:
    """Check a gazetteer file and return every problem in it (an empty list when it is sound).

    Reports, each as ``file:line: field: what is wrong``: a missing or out-of-range coordinate,
    a duplicate id, an unknown kind, a malformed name list or a wrong number of fields; a file
    with no place at all; a country without a shipped outline; and a place lying more than
    :data:`TOLERANCE_KM` outside its country (saying so when swapping its latitude and longitude
    would put it inside).

    Raises:
        GazetteerError: The file cannot be read at all (missing, not UTF-8).
    """
    from geo.gazetteer import _parse_rows

    file = Path(path) if path is not None else data_path("gazetteer.csv")
    places, problems, lines = _parse_rows(file)
    if not places and not problems:
        return [Problem(str(file), None, None, "no places: the file has only a header row")]
    problems.extend(outside_their_country(places.values(), str(file), lines))
    return sorted(problems, key=lambda p: (p.line or 0, p.field or ""))


def outside_their_country(
    places: Iterable[Place], file: str, lines: Mapping[str, int]
) -> list[Problem]:
    """A problem for each place outside its country (see :func:`check`).

    Args:
        places: The places.
        file: The file name for the messages.
        lines: Place id to its line in the file.
    """
    import shapely

    outlines = _outlines()
    problems: list[Problem] = []
    for place in places:
        line = lines.get(place.id)
        if place.country not in outlines:
            problems.append(Problem(file, line, "country", (
                f"no outline to check {place.country!r} against "
                f"(known: {', '.join(sorted(outlines))})")))
            continue
        outline = outlines[place.country]
        if shapely.contains_xy(outline, place.lon, place.lat):
            continue
        nearest = shapely.shortest_line(outline, shapely.Point(place.lon, place.lat)).coords[0]
        km = _km(nearest[1], nearest[0], place.lat, place.lon)
        if km <= TOLERANCE_KM:
            continue
        if (place.kind in OFFSHORE_KINDS and km <= OFFSHORE_KM
                and not any(shapely.contains_xy(o, place.lon, place.lat)
                            for o in outlines.values())):
            continue
        message = (f"({place.lat:g}, {place.lon:g}) lies about {km:,.0f} km outside "
                   f"{place.country}")
        if shapely.contains_xy(outline, place.lat, place.lon):
            message += "; latitude and longitude swapped?"
        problems.append(Problem(file, line, "lat/lon", message))
    return problems


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, h)))


@cache
def _outlines() -> dict[str, Any]:
    """Country code to its prepared outline (with the areas it claims)."""
    import shapely
    from shapely.geometry import shape

    def features(name: str, key: str) -> dict[str, Any]:
        data = json.loads(data_path("boundaries", name).read_text(encoding="utf-8"))
        return {f["properties"][key]: shape(f["geometry"]) for f in data["features"]
                if f["properties"].get(key)}

    countries = features("syria-region.geojson", "iso_a3")
    disputed = features("syria-region-disputed.geojson", "NAME")
    out: dict[str, Any] = {}
    for code, (iso3, claimed) in COUNTRIES.items():
        if iso3 in countries:
            outline = shapely.union_all([countries[iso3], *(disputed[n] for n in claimed)])
            shapely.prepare(outline)
            out[code] = outline
    return out


__all__ = ["COUNTRIES", "TOLERANCE_KM", "check", "outside_their_country"]

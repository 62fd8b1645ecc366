"""Static maps take place names as text: no mathtext, no template (issue 10)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from geo.models import Place, PlaceState
from geo.static import write_static_map

#: Names that matplotlib's mathtext cannot parse (each stopped the map with a ValueError).
MATH_NAMES = ("Tall $x^$", "Ain $\\frac{1}{$", "Qasr $$ {{7*7}}", "Bir $\\undefinedmacro$")


def test_place_names_are_drawn_as_text(tmp_path: Path) -> None:
    import geopandas
    from shapely.geometry import box

    areas = geopandas.GeoDataFrame(
        {"controller": ["sdf"], "area_km2": [2500.0]},
        geometry=[box(38.0, 35.8, 38.6, 36.4)],
        crs="EPSG:4326",
    )
    places = [
        Place(f"p{i}", name, (), 35.9 + 0.1 * i, 38.1 + 0.1 * i, "city", population=10_000 - i)
        for i, name in enumerate(MATH_NAMES)
    ]
    states = {p.id: PlaceState(date(2017, 3, 1), p.id, "sdf") for p in places}
    day = date(2017, 3, 1)
    named = write_static_map(day, areas, tmp_path / "named.svg", places=places, states=states)
    bare = write_static_map(day, areas, tmp_path / "bare.svg", states=states)
    texts = [len(re.findall(r'<g id="text_\d+"', p.read_text(encoding="utf-8")))
             for p in (named, bare)]
    # Each name is one more text (drawn as glyphs with a halo, so not readable in the file).
    assert texts[0] == texts[1] + len(MATH_NAMES)

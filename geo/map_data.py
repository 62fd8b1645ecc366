"""The data a per-date map page carries: the place table, each place's state, areas, changes.

A build's pages share what never changes between dates: the place table (names, coordinates,
kinds and the order of the labels, :func:`place_table`) lives once in ``map-assets/places.js``
(:func:`place_table_script`), and each page carries only its date: the states of the places
(each distinct state once, and per place the index of its state), the areas, the changes and the
documents they cite. A self-contained page (``geo map``, an embed) inlines the table.

Article text (sentences, titles, sources) only ever enters these values; the page's JavaScript
escapes it before it becomes HTML (:func:`geo.page.script_json` makes it safe inside a script).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.models import Place, PlaceState
from geo.page import (
    AREA_TOLERANCE_DEG,
    COORD_DECIMALS,
    LegendEntry,
    _area_json,
    label_order,
    label_rank,
    script_json,
)

if TYPE_CHECKING:
    from geopandas import GeoDataFrame

#: Kinds of place an embed keeps (the ones named at the zooms an embed is read at).
EMBED_KINDS: frozenset[str] = frozenset({"city", "town"})
#: The script of a build's shared place table, in its ``map-assets`` folder.
PLACES_SCRIPT = "places.js"
#: The folder, in ``map-assets``, of the areas the pages of a build share.
AREAS_DIR = "areas"


class GeometryFiles:
    """The areas of a build's pages, each distinct one written once as a script beside them.

    Between two dates most sides hold the same ground: a page names each of its areas by the
    hash of its GeoJSON (:meth:`ref`), and loads ``map-assets/areas/HASH.js``, which sets
    ``window.GEO_AREAS[HASH]``. The names depend only on the content, so a build is the same
    whatever the order of its pages, and a rebuild writes the same files.

    Args:
        folder: The ``map-assets`` folder being written.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        #: The files written, relative to ``folder``, in the order written.
        self.written: list[str] = []
        self._known: set[str] = set()

    def ref(self, geojson: dict[str, Any]) -> str:
        """Return the name of ``geojson`` (written as its script on first use)."""
        from geo.io import atomic_write_text

        text = script_json(geojson)
        key = hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
        if key not in self._known:
            self._known.add(key)
            name = f"{AREAS_DIR}/{key}.js"
            (self.folder / AREAS_DIR).mkdir(parents=True, exist_ok=True)
            atomic_write_text(self.folder / name, "(window.GEO_AREAS = window.GEO_AREAS || {})"
                              f'["{key}"] = {text};\n', force=True)
            self.written.append(name)
        return key


def table_places(places: Mapping[str, Place], kinds: frozenset[str] | None = None) -> list[Place]:
    """Return the places of a page's table, in its order (by id), of ``kinds`` when given."""
    return [places[pid] for pid in sorted(places)
            if kinds is None or places[pid].kind in kinds]


def place_table(places: Mapping[str, Place], kinds: frozenset[str] | None = None
                ) -> dict[str, Any]:
    """Return what a page knows of the places whatever the date.

    ``{"rows": [[lat, lon, name, kind], ...], "labels": [[row, rank], ...]}``: rows by place
    id (:func:`table_places`), coordinates to :data:`geo.page.COORD_DECIMALS`; the labels most
    important first (:func:`geo.page.label_order`).
    """
    chosen = table_places(places, kinds)
    row_of = {p.id: i for i, p in enumerate(chosen)}
    return {
        "rows": [[round(p.lat, COORD_DECIMALS), round(p.lon, COORD_DECIMALS), p.name, p.kind]
                 for p in chosen],
        "labels": [[row_of[p.id], label_rank(p)] for p in label_order(chosen)],
    }


def place_table_script(places: Mapping[str, Place]) -> str:
    """Return ``places.js``: the shared place table as ``window.GEO_PLACES`` (see the module)."""
    return "window.GEO_PLACES = " + script_json(place_table(places)) + ";\n"


def place_states(
    places: Mapping[str, Place], states: Mapping[str, PlaceState],
    kinds: frozenset[str] | None = None,
) -> tuple[list[list[Any]], list[int]]:
    """Return the states of the table's places on one date, each distinct state once.

    Returns:
        ``states``: ``[side, since, evidence, source, sentence, uncertain]`` rows;
        ``of_place``: per row of the table, the index of its state.
    """
    rows: list[list[Any]] = []
    index: dict[tuple[Any, ...], int] = {}
    of_place: list[int] = []
    for place in table_places(places, kinds):
        state = states.get(place.id)
        if state is None:
            key: tuple[Any, ...] = ("unknown", "", "none", "", "", 0)
        else:
            key = (state.controller, state.since.isoformat() if state.since else "",
                   state.evidence, state.source, state.sentence, 1 if state.uncertain else 0)
        found = index.get(key)
        if found is None:
            found = index[key] = len(rows)
            rows.append(list(key))
        of_place.append(found)
    return rows, of_place


def area_rows(
    areas: GeoDataFrame, tolerance: float = AREA_TOLERANCE_DEG
) -> dict[str, tuple[dict[str, Any] | None, LegendEntry]]:
    """Return, per side of ``areas``, its simplified GeoJSON and its legend line."""
    out: dict[str, tuple[dict[str, Any] | None, LegendEntry]] = {}
    for row in areas.itertuples(index=False):
        side = str(row.controller)
        entry = LegendEntry(
            side,
            float(row.area_km2),
            float(row.share),
            int(row.places) if getattr(row, "places", None) is not None else None,
        )
        out[side] = (_area_json(row.geometry, tolerance), entry)
    return out


__all__ = ["AREAS_DIR", "EMBED_KINDS", "PLACES_SCRIPT", "GeometryFiles", "area_rows",
           "place_states", "place_table", "place_table_script", "table_places"]

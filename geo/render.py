r"""Per-date maps of who holds what: folium pages that work offline, their embeds, and the index.

A map draws one :class:`geo.frame.Frame`: the areas each side holds (filled, no outlines, so they
read as areas at every zoom), uncertain ground faded and hatched, contested ground hatched,
place names by zoom (cities at country zoom, towns from zoom 9, villages from zoom 11, never
overlapping), place markers only from zoom 10 (:data:`geo.page.MARKER_ZOOM`), where they stop
crowding, and the changes of the 30 days before the date with their sentences and documents.

The parts every page shares (assets, the legend, documents, change records, safe JSON) are in
:mod:`geo.page`; they are importable from here too. Article text is untrusted: it reaches the
page only as JSON data, escaped by the page's JavaScript before it becomes HTML.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo import factions
from geo.errors import InputError
from geo.folium_parts import element_class, inert_text, renumber_ids
from geo.io import atomic_write_text, check_writable
from geo.map_data import (
    AREAS_DIR,
    EMBED_KINDS,
    PLACES_SCRIPT,
    GeometryFiles,
    area_rows,
    place_states,
    place_table,
    place_table_script,
)
from geo.page import (
    AREA_TOLERANCE_DEG,
    BASE_BBOX,
    CHANGE_WINDOW_DAYS,
    LABEL_ZOOM,
    LEGEND_ORDER,
    MARKER_ZOOM,
    TEMPLATES,
    UNCERTAIN_LABEL,
    DocumentTable,
    LegendEntry,
    _area_json,
    attribution_html,
    base_layers,
    change_record,
    embed_html,
    embed_size,
    events_between,
    fit_bounds,
    geometry_json,
    leaflet_assets,
    legend_html,
    ordered_sides,
    page_assets,
    page_templates,
    render_index,
    resolve_tiles,
    script_json,
    sides_table,
    source_document,
    step_windows,
    template_text,
)

if TYPE_CHECKING:
    import folium

    from geo.frame import Frame
    from geo.models import Place
    from geo.pipeline import Corpus
    from geo.territory import TerritoryModel

#: Simplification of the areas of an embed, in degrees (about 300 m).
EMBED_TOLERANCE_DEG = 0.003
def coerce_day(day: date | str) -> date:
    """Return ``day`` as a date (a ``date`` or ``"YYYY-MM-DD"``).

    Raises:
        InputError: A string that is not YYYY-MM-DD.
    """
    if isinstance(day, date):
        return day
    try:
        return date.fromisoformat(str(day).strip())
    except ValueError:
        raise InputError(f"date: expected YYYY-MM-DD, got {day!r}") from None


def _page_title(day: date, countries: Sequence[str] = ("SY", "IQ")) -> str:
    from geo.territory import theatre_name

    return f"Control of territory in {theatre_name(countries)} on {day.isoformat()}"


def _map_assets() -> tuple[str, str]:
    css, js = page_assets()
    return css, js + "\n" + template_text("map.js")


def shared_assets(places: Mapping[str, Place]) -> dict[str, str]:
    """The files per-date pages of one build share, by name: ``geo.css``, ``geo.js``, ``places.js``.

    ``geo.js`` holds Leaflet, the map code and the base layer (``window.GEO_BASE``);
    ``places.js`` the table of ``places`` (:func:`geo.map_data.place_table_script`: the
    frames' places, :func:`geo.frame.frame_places`). A page rendered with ``assets=FOLDER``
    loads them with ``<link>`` and ``<script src>``, which a browser follows from a folder
    opened offline (``file://``). Nothing in them comes from the articles.
    """
    css, js = _map_assets()
    return {"geo.css": css, "geo.js": js + "\nwindow.GEO_BASE = " + script_json(base_layers())
            + ";\n", PLACES_SCRIPT: place_table_script(places)}


def render_frame(
    frame: Frame,
    *,
    tiles: str | None = None,
    attribution: str | None = None,
    compact: bool = False,
    assets: str | None = None,
    geometry: GeometryFiles | None = None,
) -> folium.Map:
    """Return the map of ``frame`` as a ``folium.Map`` (see the module docstring).

    Args:
        frame: The date to draw (:func:`geo.frame.make_frame`).
        tiles: A web tile layer (:func:`resolve_tiles`); ``None`` keeps the page offline with
            the inlined boundaries and rivers.
        attribution: Credit for ``tiles``.
        compact: Keep only what an embed shows (cities and towns, areas simplified to about
            300 m), for the smallest page.
        assets: The relative folder of the files :func:`shared_assets` gives (``geo build``
            writes them once beside its pages, the place table of the frame's places
            included); ``None`` inlines them (a self-contained page).
        geometry: With ``assets``: where the areas go, each distinct one written once into
            ``assets`` and loaded by the page (:class:`geo.map_data.GeometryFiles`); ``None``
            puts them in the page.

    Raises:
        InputError: Bad ``tiles`` or ``attribution``.
    """
    import folium

    tile_layer = resolve_tiles(tiles, attribution)
    day = frame.day
    places = dict(frame.places)
    states = frame.states
    tolerance = EMBED_TOLERANCE_DEG if compact else AREA_TOLERANCE_DEG
    areas = area_rows(frame.areas, tolerance)
    uncertain = {
        str(row.controller): _area_json(row.geometry, tolerance)
        for row in frame.uncertain.itertuples(index=False)
    }
    counts: dict[str, int] = {}
    for place_id in places:
        side = frame.place_side(place_id)
        counts[side] = counts.get(side, 0) + 1
    kinds = EMBED_KINDS if compact else None
    state_rows, of_place = place_states(places, states, kinds)
    sides = ordered_sides(set(areas) | set(counts))

    docs = DocumentTable(frame.documents.values())
    changes = [
        change_record(e, places, docs, frame.not_applied.get(e.event_id)) for e in frame.changes
    ]
    for state in states.values():
        doc_id = source_document(state.source)
        if doc_id in frame.documents:
            docs.ref(doc_id)

    entries = []
    for side in sides:
        base_entry = areas[side][1] if side in areas else LegendEntry(side)
        entries.append(
            LegendEntry(side, base_entry.area_km2, base_entry.share, counts.get(side, 0))
        )
    area_data: dict[str, Any] = {
        side: geom for side, (geom, _) in areas.items() if geom is not None}
    uncertain_data: dict[str, Any] = {
        side: geom for side, geom in uncertain.items() if geom is not None}
    scripts: list[str] = []
    if geometry is not None and assets is not None:  # a build's page: its areas are shared
        shared = [{side: geometry.ref(geom) for side, geom in part.items()}
                  for part in (area_data, uncertain_data)]
        scripts = [f"{AREAS_DIR}/{name}.js" for part in shared for name in part.values()]
        area_data, uncertain_data = shared
    data = {
        "sides": sides_table(sides),
        "docs": docs.rows,
        "docIndex": docs.index,
        "areas": area_data,  # GeoJSON, or the names of a build's shared areas (loaded above)
        "uncertain": uncertain_data,
        # the place table is the build's shared places.js when the assets are shared
        "placeTable": place_table(places, kinds) if assets is None else None,
        "placeCount": len(of_place),
        "states": state_rows,
        "placeStates": of_place,
        "labelZoom": list(LABEL_ZOOM.values()),
        "markerZoom": MARKER_ZOOM,
        "bounds": fit_bounds(frame.model),
        "changes": changes,
        "base": base_layers() if assets is None else None,
        "attribution": attribution_html(places.values(), states.values()),
        "tiles": tile_layer,
    }

    centre, zoom = frame.model.view()
    fmap = folium.Map(
        location=list(centre),
        zoom_start=int(zoom),
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        zoom_snap=0.25,
    )
    fmap.default_js = []
    fmap.default_css = []
    title = _page_title(day, frame.model.countries)
    fmap.get_root().title = html.escape(title)  # type: ignore[attr-defined]
    groups = []
    for side in sides:
        label = factions.label(side) if side in factions.FACTIONS else side
        group = folium.FeatureGroup(name=inert_text(label), overlay=True, control=True)
        group.add_to(fmap)
        groups.append((side, group))
    window = (day - frame.window_start).days + 1
    changes_group = folium.FeatureGroup(
        name=f"Changes in the {window} days to {day.isoformat()}",
        overlay=True,
        control=True,
    )
    changes_group.add_to(fmap)
    css, js = ("", "") if assets is not None else _map_assets()
    subtitle = (
        f"{len(changes)} change{'s' if len(changes) != 1 else ''} in the {window} days to "
        "this date"
    )
    element = element_class()(
        css=css,
        js=js,
        title_html=f"{html.escape(title)}<small>{html.escape(subtitle)}</small>",
        legend=legend_html(
            entries, title=f"Who holds what, {day.isoformat()}", uncertain=bool(uncertain)
        ),
        groups=groups,
        changes=changes_group,
        data=script_json(data),
        assets=assets,
        scripts=scripts,
    )
    element.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    renumber_ids(fmap.get_root())
    return fmap


def render_map(
    day: date | str,
    corpus: Corpus,
    *,
    model: TerritoryModel | None = None,
    tiles: str | None = None,
    attribution: str | None = None,
) -> folium.Map:
    """Return the map of who holds what on ``day`` as a ``folium.Map`` (for notebooks and files).

    One layer per side (its area and its places) with a layer control, contested ground hatched,
    uncertain ground faded and hatched, a legend with each side's area, place names by zoom,
    places (from zoom 10) whose tooltip names the controller, since when and on what evidence,
    and a marker with a popup for every change in the 30 days up to ``day`` (sentence, document
    title, outlet, date, link).

    Args:
        day: The date shown (a ``date`` or ``"YYYY-MM-DD"``).
        corpus: The corpus (:func:`geo.pipeline.load_corpus`).
        model: The territory model; the gazetteer's shared one when ``None``.
        tiles: A tile provider name or URL for a web base layer (:func:`resolve_tiles`);
            ``None`` keeps the page offline with the inlined boundaries and rivers.
        attribution: Credit for ``tiles`` (required with a URL).

    Returns:
        The map; ``map.save(path)`` or :func:`write_map` writes it.

    Raises:
        InputError: ``day`` is not a date, or bad tiles.
    """
    from geo.frame import make_frame

    frame = make_frame(corpus, coerce_day(day), model=model)
    return render_frame(frame, tiles=tiles, attribution=attribution)


def map_html(fmap: folium.Map) -> str:
    """Return the full HTML page of a map made by :func:`render_map`."""
    root = fmap.get_root()
    page = root.render()
    return str(page)


def frame_page(
    frame: Frame,
    *,
    embed: bool = False,
    tiles: str | None = None,
    attribution: str | None = None,
    height: str | None = None,
    aspect: str | None = None,
    assets: str | None = None,
    geometry: GeometryFiles | None = None,
) -> str:
    """Return the HTML of ``frame``'s map: a full page, or an embed fragment (compact).

    ``assets`` names the folder of the :func:`shared_assets` files a page loads instead of
    inlining them, ``geometry`` where its areas go then (see :func:`render_frame`; neither for
    an embed, which stands alone).
    """
    if embed:
        embed_size(height, aspect)  # bad sizes fail before the work
        assets = None
    page = map_html(render_frame(frame, tiles=tiles, attribution=attribution, compact=embed,
                                 assets=assets, geometry=None if embed else geometry))
    if not embed:
        return page
    return embed_html(
        page, title=_page_title(frame.day, frame.model.countries), height=height, aspect=aspect
    )


def write_map(
    day: date | str,
    corpus: Corpus,
    path: Path | str,
    *,
    force: bool = False,
    embed: bool = False,
    model: TerritoryModel | None = None,
    tiles: str | None = None,
    attribution: str | None = None,
    height: str | None = None,
    aspect: str | None = None,
    frame: Frame | None = None,
    assets: str | None = None,
    geometry: GeometryFiles | None = None,
) -> Path:
    """Render the map of ``day`` and write it to ``path`` atomically.

    Args:
        day: The date shown.
        corpus: The corpus.
        path: The ``.html`` file to write.
        force: Overwrite an existing file; otherwise :class:`geo.errors.OutputExistsError`.
        embed: Write a compact ``<iframe srcdoc>`` fragment instead of a full page.
        model: The territory model (the gazetteer's shared one when ``None``).
        tiles: A web tile layer name or URL, or ``None`` for the offline base layer.
        attribution: Credit for ``tiles``.
        height: Height of an embed (CSS length); see :func:`embed_size`.
        aspect: Shape of an embed, ``W:H``.
        frame: The frame of ``day`` when the caller has it already (nothing is recomputed).
        assets: Load the :func:`shared_assets` files from this relative folder instead of
            inlining them (``geo build``); ``None`` writes a self-contained page.
        geometry: With ``assets``: the build's shared areas (:func:`render_frame`).

    Returns:
        The path written.
    """
    path = Path(path)
    check_writable(path, force)
    if frame is None:
        from geo.frame import make_frame

        frame = make_frame(corpus, coerce_day(day), model=model)
    text = frame_page(
        frame, embed=embed, tiles=tiles, attribution=attribution, height=height, aspect=aspect,
        assets=assets, geometry=geometry,
    )
    return atomic_write_text(path, text, force=force)


def static_bytes(frame: Frame, fmt: str) -> bytes:
    """Return the static map of ``frame`` (``png``, ``svg`` or ``pdf``) as bytes."""
    from geo.static import render_static_map

    return render_static_map(
        frame.day,
        frame.areas,
        places=frame.places.values(),
        states=frame.states,
        uncertain=frame.uncertain,
        fmt=fmt,
        title=_page_title(frame.day, frame.model.countries),
    )


def write_static(
    day: date | str,
    corpus: Corpus,
    path: Path | str,
    *,
    fmt: str | None = None,
    force: bool = False,
    model: TerritoryModel | None = None,
    frame: Frame | None = None,
) -> Path:
    """Write the static map of ``day`` (PNG or SVG by suffix or ``fmt``) for reports.

    Same colours, labels and legend as the HTML map, drawn by :mod:`geo.static` from the frame
    of ``day`` (``frame`` when given).
    """
    from geo.io import atomic_write_bytes
    from geo.static import format_of

    path = Path(path)
    chosen = format_of(path, fmt)
    check_writable(path, force)
    if frame is None:
        from geo.frame import make_frame

        frame = make_frame(corpus, coerce_day(day), model=model)
    return atomic_write_bytes(path, static_bytes(frame, chosen), force=True)


def write_embed(
    day: date | str,
    corpus: Corpus,
    path: Path | str,
    *,
    force: bool = False,
    model: TerritoryModel | None = None,
    tiles: str | None = None,
    height: str | None = None,
    aspect: str | None = None,
) -> Path:
    """Write the map of ``day`` as an HTML fragment to paste into a report (see `write_map`)."""
    return write_map(
        day, corpus, path, force=force, embed=True, model=model, tiles=tiles, height=height,
        aspect=aspect,
    )


__all__ = [
    "BASE_BBOX",
    "CHANGE_WINDOW_DAYS",
    "LEGEND_ORDER",
    "TEMPLATES",
    "UNCERTAIN_LABEL",
    "DocumentTable",
    "LegendEntry",
    "attribution_html",
    "base_layers",
    "change_record",
    "coerce_day",
    "embed_html",
    "embed_size",
    "events_between",
    "frame_page",
    "geometry_json",
    "inert_text",
    "leaflet_assets",
    "legend_html",
    "map_html",
    "ordered_sides",
    "page_assets",
    "page_templates",
    "render_frame",
    "render_index",
    "render_map",
    "resolve_tiles",
    "script_json",
    "shared_assets",
    "sides_table",
    "static_bytes",
    "step_windows",
    "template_text",
    "write_embed",
    "write_map",
    "write_static",
]

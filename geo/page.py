r"""What every page shares: inlined assets, safe data, the legend, documents and change records.

The per-date map (:mod:`geo.render`) and the date slider (:mod:`geo.slider`) are built from these
parts: one colour table (:mod:`geo.factions`), one legend (:func:`legend_html`), one popup
template (``changeHtml`` in ``templates/geo_common.js``), one way to put data into a page
(:func:`script_json`).

Article text is untrusted. It never reaches the page as markup: Python puts it into JSON with
``<``, ``>`` and ``&`` written as ``\\u003c``... (:func:`script_json`), and the page's JavaScript
escapes every string before it becomes HTML; only ``http(s)`` links become anchors.

Pages are self-contained (Leaflet's JavaScript and CSS inlined from the ``xstatic-leaflet``
package, no CDN, no jQuery or Bootstrap) and reproducible (element ids are counters, not random).
"""

from __future__ import annotations

import base64
import html
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo import factions
from geo.errors import InputError
from geo.models import Document, Event, Place, PlaceState
from geo.paths import data_path

if TYPE_CHECKING:
    import jinja2

    from geo.pipeline import Corpus

TEMPLATES = Path(__file__).resolve().parent / "templates"

#: Days before the map's date whose changes get a marker with a popup.
CHANGE_WINDOW_DAYS = 30
#: Decimals kept in coordinates: 4 is about 10 m, finer than any source.
COORD_DECIMALS = 4
#: Douglas-Peucker tolerance for drawing the areas, in degrees (about 100 m; topology kept).
AREA_TOLERANCE_DEG = 0.001
#: Centre and zoom that show Syria whole.
SYRIA_CENTRE = (35.0, 38.6)
SYRIA_ZOOM = 7
#: Bounds that show Syria whole: pages fit them to the window (south-west, north-east).
SYRIA_BOUNDS = ((32.2, 35.6), (37.4, 42.5))
#: Legend line of ground held on uncertain evidence.
UNCERTAIN_LABEL = "Uncertain (old or later evidence only)"
#: Lowest zoom at which each kind of place is named; lower-ranked kinds are never named.
LABEL_ZOOM: dict[str, float] = {"city": 5.5, "town": 9, "village": 11}
#: Lowest zoom at which place markers are drawn (below it they crowd into a cloud of dots).
MARKER_ZOOM = 10
#: Area shown by the base layer (lon_min, lat_min, lon_max, lat_max).
BASE_BBOX = (30.0, 27.5, 50.0, 40.5)

#: Legend order: the sides, then the two states that are not a side.
LEGEND_ORDER: tuple[str, ...] = (*factions.SIDES, "contested", "unknown")


def fit_bounds(model: Any) -> list[list[float]]:
    """Return the bounds a page fits to the window: the model's outline (Syria, Iraq or both).

    ``[[south, west], [north, east]]`` in degrees, rounded to 0.01, for Leaflet's ``fitBounds``.
    """
    minx, miny, maxx, maxy = model.boundary.bounds
    return [[round(miny, 2), round(minx, 2)], [round(maxy, 2), round(maxx, 2)]]


# ---------------------------------------------------------------------------------------------
# Assets and safe embedding


def script_json(value: Any) -> str:
    """Serialise ``value`` as compact JSON that is safe inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so neither ``</script>`` nor ``<!--`` from
    an article can end the script or open a comment; U+2028/U+2029 are escaped for old parsers.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def template_text(name: str) -> str:
    """Return the text of ``geo/templates/NAME``."""
    return (TEMPLATES / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def page_templates() -> jinja2.Environment:
    """Return the Jinja environment of the page templates in ``geo/templates`` (built once).

    Templates are only ever loaded from those files and compiled once; article text reaches
    them only as values, HTML-escaped (``autoescape``). Only markup made here, escaped already,
    is marked ``|safe`` in a template.
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )


@lru_cache(maxsize=1)
def leaflet_assets() -> tuple[str, str]:
    """Return Leaflet's CSS (images as ``data:`` URIs) and JavaScript (no source-map comment)."""
    import xstatic.pkg.leaflet as xleaflet

    base = Path(xleaflet.BASE_DIR)
    css = (base / "leaflet.css").read_text(encoding="utf-8")

    def inline(match: re.Match[str]) -> str:
        data = (base / "images" / match.group(1)).read_bytes()
        return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"

    css = re.sub(r"url\(images/([\w.-]+\.png)\)", inline, css)
    js = (base / "leaflet.js").read_text(encoding="utf-8")
    js = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", js)
    if "</script" in js.lower():  # pragma: no cover - would break inlining
        raise RuntimeError("leaflet.js contains '</script'; it cannot be inlined")
    return css, js


def page_assets() -> tuple[str, str]:
    """Return the CSS and JavaScript every page inlines: Leaflet plus the shared ``geo`` code."""
    css, js = leaflet_assets()
    return css + "\n" + template_text("geo.css"), js + "\n" + template_text("geo_common.js")


def geometry_json(geometry: Any, ndigits: int = COORD_DECIMALS) -> dict[str, Any] | None:
    """Return a shapely geometry as a GeoJSON dict, coordinates cut to ``ndigits`` decimals.

    Cutting (not rounding) the decimals of GEOS's GeoJSON text is done in C and moves a point
    by less than ``10**-ndigits`` degree; ``None`` for an empty geometry.
    """
    import shapely

    if geometry is None or geometry.is_empty:
        return None
    text = shapely.to_geojson(geometry)
    text = re.sub(rf"(?<=\.\d{{{ndigits}}})\d+", "", text)
    data: dict[str, Any] = json.loads(text)
    return data


_AREA_CACHE: dict[tuple[int, float], tuple[Any, dict[str, Any] | None]] = {}


def _area_json(geometry: Any, tolerance: float = AREA_TOLERANCE_DEG) -> dict[str, Any] | None:
    """Simplified GeoJSON of an area; cached while the territory model keeps the geometry."""
    key = (id(geometry), tolerance)
    cached = _AREA_CACHE.get(key)
    if cached is not None and cached[0] is geometry:
        return cached[1]
    simple = geometry
    if geometry is not None and not geometry.is_empty:
        simple = geometry.simplify(tolerance, preserve_topology=True)
    data = geometry_json(simple)
    if len(_AREA_CACHE) >= 256:
        _AREA_CACHE.clear()
    _AREA_CACHE[key] = (geometry, data)
    return data


@lru_cache(maxsize=1)
def base_layers() -> dict[str, Any]:
    """Neighbouring countries, disputed areas and the Euphrates and Tigris, light enough to inline.

    From ``data/boundaries/`` (Natural Earth), clipped to the region and simplified to about 1 km.
    """
    import shapely
    from shapely.geometry import shape

    def load(name: str, keep: Callable[[dict[str, Any]], bool], tolerance: float) -> dict[str, Any]:
        path = data_path("boundaries", name)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise InputError(f"{path}: cannot read the base layer: {error}") from None
        features = []
        for feature in raw.get("features", []):
            props = feature.get("properties") or {}
            if not keep(props) or not feature.get("geometry"):
                continue
            geom = shapely.clip_by_rect(shape(feature["geometry"]), *BASE_BBOX)
            geom = geom.simplify(tolerance, preserve_topology=True)
            data = geometry_json(geom, 3)
            if data is None:
                continue
            name_ = props.get("name_en") or props.get("name") or ""
            features.append({"type": "Feature", "properties": {"name": name_}, "geometry": data})
        return {"type": "FeatureCollection", "features": features}

    rivers = {"Euphrates", "Firat", "Al Furat", "Tigris", "Dicle"}
    return {
        "countries": load("syria-region.geojson", lambda p: True, 0.01),
        "disputed": load("syria-region-disputed.geojson", lambda p: True, 0.005),
        "rivers": load(
            "syria-region-rivers.geojson",
            lambda p: (p.get("name_en") or p.get("name")) in rivers,
            0.005,
        ),
    }


# ---------------------------------------------------------------------------------------------
# Shared content: legend, sides, documents, changes


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend.

    Attributes:
        side: Faction id (``contested`` and ``unknown`` included).
        area_km2: Ground held on the map's date, when known.
        share: Share of Syria, 0 to 1, when known.
        places: Number of places held, when known.
    """

    side: str
    area_km2: float | None = None
    share: float | None = None
    places: int | None = None


def legend_html(
    entries: Iterable[LegendEntry], *, title: str = "Who holds what", uncertain: bool = False
) -> str:
    """Return the legend as HTML: one swatch per side in its map fill (all text escaped).

    Args:
        entries: The lines, in order.
        title: The heading.
        uncertain: Add the line of ground held on uncertain evidence (faded and hatched).
    """
    rows = []
    for entry in entries:
        faction = factions.FACTIONS.get(entry.side)
        contested = entry.side == "contested"
        swatch_class = "geo-swatch geo-swatch-contested" if contested else "geo-swatch"
        style = "" if contested else f' style="background:{html.escape(factions.fill(entry.side))}"'
        stats = []
        if entry.area_km2 is not None:
            share = f" ({entry.share:.1%})" if entry.share is not None else ""
            stats.append(f"{entry.area_km2:,.0f} km²{share}")
        if entry.places is not None:
            stats.append(f"{entry.places:,} place{'s' if entry.places != 1 else ''}")
        stat = f' <span class="geo-stat">{html.escape(", ".join(stats))}</span>' if stats else ""
        rows.append(
            f'<li data-side="{html.escape(entry.side)}"><span class="{swatch_class}"{style}>'
            f"</span>{html.escape(faction.label if faction else entry.side)}{stat}</li>"
        )
    if uncertain:
        rows.append(
            '<li data-side="uncertain" class="geo-uncertain-entry"><span class="geo-swatch '
            f'geo-swatch-uncertain"></span>{html.escape(UNCERTAIN_LABEL)}</li>'
        )
    return (
        f'<div class="geo-legend" id="geo-legend"><h4>{html.escape(title)}</h4>'
        f"<ul>{''.join(rows)}</ul></div>"
    )


def ordered_sides(present: Iterable[str]) -> list[str]:
    """Return the sides in ``present`` in legend order; unregistered ids last, sorted."""
    seen = set(present)
    known = [s for s in LEGEND_ORDER if s in seen]
    return known + sorted(seen - set(LEGEND_ORDER))


def sides_table(extra: Iterable[str] = ()) -> dict[str, dict[str, str]]:
    """Return ``{id: {label, colour, fill, faded}}`` for every registered side plus ``extra``.

    ``fill`` is the colour areas are painted with, ``faded`` the one of uncertain ground
    (:func:`geo.factions.fill`).
    """
    table = {
        f.id: {
            "label": f.label,
            "colour": f.colour,
            "fill": factions.fill(f.id),
            "faded": factions.fill(f.id, uncertain=True),
        }
        for f in factions.FACTIONS.values()
    }
    for side in extra:
        table.setdefault(side, dict(table["unknown"], label=side))
    return table


class DocumentTable:
    """Documents cited by a page, each stored once and referred to by index."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self._by_id = {d.id: d for d in documents}
        self.rows: list[dict[str, Any]] = []
        self.index: dict[str, int] = {}

    def ref(self, doc_id: str) -> int:
        """Return the index of ``doc_id``, adding it on first use."""
        if doc_id not in self.index:
            doc = self._by_id.get(doc_id)
            self.index[doc_id] = len(self.rows)
            self.rows.append(
                {
                    "id": doc_id,
                    "title": (doc.title or "") if doc else "",
                    "outlet": (doc.outlet or "") if doc else "",
                    "date": doc.published.isoformat() if doc and doc.published else "",
                    "url": (doc.url or "") if doc else "",
                }
            )
        return self.index[doc_id]


def change_record(event: Event, places: Mapping[str, Place], docs: DocumentTable,
                  not_applied: str | None = None) -> dict[str, Any]:
    """Return the compact record of an event that the popup template (``changeHtml``) shows.

    ``not_applied`` is why the timeline did not apply the event
    (:meth:`geo.timeline.Timeline.event_status`); the popup then says so.
    """
    lat, lon = event.lat, event.lon
    if (lat is None or lon is None) and event.place_id and event.place_id in places:
        lat, lon = places[event.place_id].lat, places[event.place_id].lon
    return {
        "date": event.date.isoformat(),
        "kind": event.kind,
        "place": event.place,
        "controller": event.controller,
        "previous": event.previous_controller or "",
        "sentence": event.sentence,
        "docs": [docs.ref(d) for d in event.doc_ids],
        "lat": None if lat is None else round(lat, COORD_DECIMALS),
        "lon": None if lon is None else round(lon, COORD_DECIMALS),
        "applied": not_applied is None,
        "why": not_applied or "",
    }


def source_document(source: str) -> str:
    """Return the document id in a state's source (``DOC (via TOWN)`` names the document DOC)."""
    return source.split(" (via ", 1)[0]


def _event_key(event: Event) -> tuple[date, str, str]:
    return (event.date, event.place, event.event_id)


def events_between(events: Iterable[Event], start: date, end: date) -> list[Event]:
    """Return the events dated from ``start`` to ``end`` inclusive, by date then place."""
    return sorted((e for e in events if start <= e.date <= end), key=_event_key)


def label_rank(place: Place) -> int | None:
    """Return the label rank of ``place`` (0 city, 1 town, 2 village) or ``None`` for no label."""
    ranks = list(LABEL_ZOOM)
    return ranks.index(place.kind) if place.kind in LABEL_ZOOM else None


def label_order(places: Iterable[Place]) -> list[Place]:
    """Return the places that get a label, most important first (kind, population, name, id).

    Pages place labels greedily in this order and skip one that would overlap a label already
    placed, so a city's name wins over a town's and a large town's over a small one's.
    """
    named = [p for p in places if label_rank(p) is not None]
    return sorted(named, key=lambda p: (label_rank(p), -(p.population or 0), p.name, p.id))


def attribution_html(places: Iterable[Place], states: Iterable[PlaceState]) -> str:
    """Return the attribution line: Natural Earth, plus GeoNames and Wikipedia when used."""
    sources = " ".join(p.source.lower() for p in places)
    parts = ['Boundaries and rivers: <a href="https://www.naturalearthdata.com/">Natural Earth</a>']
    if "geonames" in sources:
        parts.append('places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)')
    if "wp" in sources or any(s.evidence == "snapshot" for s in states):
        parts.append(
            "places and baseline control: Wikipedia contributors "
            '(<a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>)'
        )
    parts.append("changes: the articles cited")
    return " · ".join(parts)


# ---------------------------------------------------------------------------------------------
# The index page of a build


def step_windows(steps: Sequence[date]) -> list[tuple[date, date]]:
    """Return per step date the dates whose changes it shows: after the previous step, up to it."""
    windows = []
    previous: date | None = None
    for step in steps:
        start = step if previous is None else previous + timedelta(days=1)
        windows.append((start, step))
        previous = step
    return windows


def render_index(
    corpus: Corpus,
    dates: Sequence[date],
    *,
    map_href: Callable[[date], str] = lambda d: f"{d.isoformat()}.html",
    slider_href: str | None = "slider.html",
    links: Sequence[tuple[str, str]] = (),
    title: str = "Control of territory in Syria and Iraq",
) -> str:
    """Return the index page of ``geo build``: every date, its changes, and links to the maps.

    Args:
        corpus: The corpus the pages were built from.
        dates: The dates that have a map page, in order.
        map_href: The link of a date's page.
        slider_href: The link of the slider page, or ``None``.
        links: Other outputs to link, as ``(label, href)`` (the stats CSV and chart...).
        title: The page title.

    Returns:
        A self-contained HTML page; every article text is escaped.
    """
    docs = {d.id: d for d in corpus.documents}
    rows = []
    for (start, end), day in zip(step_windows(sorted(dates)), sorted(dates), strict=True):
        changes = []
        for event in events_between(corpus.events, start, end):
            cited = []
            for doc_id in event.doc_ids:
                doc = docs.get(doc_id)
                url = doc.url if doc and doc.url and re.match(r"https?://", doc.url) else None
                cited.append(
                    {
                        "title": (doc.title if doc and doc.title else doc_id),
                        "outlet": doc.outlet if doc else None,
                        "url": url,
                    }
                )
            changes.append(
                {
                    "event": event,
                    "controller": factions.label(event.controller),
                    "colour": factions.colour(event.controller),
                    "previous": factions.label(event.previous_controller)
                    if event.previous_controller
                    else None,
                    "docs": cited,
                }
            )
        rows.append({"day": day, "href": map_href(day), "changes": changes})
    return page_templates().get_template("index.html.j2").render(
        title=title,
        rows=rows,
        slider_href=slider_href,
        links=links,
        documents=len(corpus.documents),
        events=len(corpus.events),
        problems=len(corpus.problems),
        legend=legend_html([LegendEntry(s) for s in LEGEND_ORDER], title="Colours"),
    )


# ---------------------------------------------------------------------------------------------
# Web tiles and embeds

#: The default shape of an embed: width over height.
EMBED_ASPECT = "4/3"
_CSS_LENGTH = re.compile(r"^\d{1,5}(\.\d{1,3})?(px|em|rem|vh|vw|%)$")
_ASPECT = re.compile(r"^(\d{1,4}(?:\.\d{1,3})?)[:/](\d{1,4}(?:\.\d{1,3})?)$")


def _provider_family(providers: Any, name: str) -> Any:
    """Return the first provider of the family ``name`` (``OpenStreetMap``: its Mapnik style)."""
    wanted = name.replace(" ", "").lower()
    for key, value in providers.items():
        if key.lower() == wanted and hasattr(value, "flatten"):
            family = list(value.flatten().values())
            return family[0] if family else None
    return None


def resolve_tiles(tiles: str | None, attribution: str | None = None) -> dict[str, str] | None:
    """Return the web tile layer ``{url, attribution}`` for ``--tiles``, or ``None`` (offline).

    Args:
        tiles: A provider name known to ``xyzservices`` (``OpenStreetMap``, ``OpenTopoMap``...)
            or a URL template ``http(s)://.../{z}/{x}/{y}.png``.
        attribution: Who to credit; required with a URL, optional with a name (replaces the
            provider's own credit). Shown as text.

    Raises:
        InputError: An unknown name, a URL without ``{z}``, ``{x}`` and ``{y}``, or a URL
            without an attribution.
    """
    if not tiles:
        if attribution:
            raise InputError("--attribution: only with --tiles")
        return None
    credit = html.escape(attribution.strip()) if attribution and attribution.strip() else None
    if "/" in tiles or tiles.lower().startswith("http"):
        if not re.match(r"^https?://[^\s\"'<>]+$", tiles) or not all(
            part in tiles for part in ("{z}", "{x}", "{y}")
        ):
            raise InputError(
                f"--tiles: expected a provider name or a URL like "
                f"https://host/{{z}}/{{x}}/{{y}}.png, got {tiles!r}"
            )
        if credit is None:
            raise InputError(
                "--tiles: a tile URL needs --attribution naming who made the tiles "
                "(their terms require it)"
            )
        return {"url": tiles, "attribution": credit}
    import xyzservices

    try:
        provider = xyzservices.providers.query_name(tiles)
    except ValueError:
        provider = _provider_family(xyzservices.providers, tiles)
    if provider is None:
        raise InputError(
            f"--tiles: unknown tile provider {tiles!r}; use a name such as OpenStreetMap or "
            "OpenTopoMap, or a URL with --attribution"
        )
    if provider.requires_token():
        raise InputError(f"--tiles: the provider {tiles!r} needs an API key; give a URL instead")
    url = provider.build_url(fill_subdomain=True, scale_factor="")
    return {"url": url, "attribution": credit or str(provider.html_attribution)}


def embed_size(height: str | None = None, aspect: str | None = None) -> str:
    """Return the CSS size of an embed: full width, and ``height`` or the ``aspect`` W:H.

    Raises:
        InputError: Both given, a height that is not a CSS length (``480px``, ``60vh``...), or an
            aspect that is not ``W:H``.
    """
    if height is not None and aspect is not None:
        raise InputError("--height and --aspect: give one of them")
    if height is not None:
        value = height.strip()
        if value.isdigit():
            value += "px"
        if not _CSS_LENGTH.match(value):
            raise InputError(
                f"--height: expected a CSS length such as 480px or 60vh, got {height!r}"
            )
        return f"width:100%;height:{value}"
    match = _ASPECT.match((aspect or EMBED_ASPECT).strip())
    if match is None or float(match.group(2)) == 0 or float(match.group(1)) == 0:
        raise InputError(f"--aspect: expected width:height such as 16:9, got {aspect!r}")
    return f"width:100%;aspect-ratio:{match.group(1)}/{match.group(2)}"


def embed_html(
    page: str,
    *,
    title: str = "Map",
    height: str | None = None,
    aspect: str | None = None,
) -> str:
    """Return an ``<iframe srcdoc>`` fragment holding ``page``, to paste into another page.

    The frame fills its container's width; its height is ``height`` or follows ``aspect``
    (4:3 when neither is given). See :func:`embed_size`.
    """
    size = embed_size(height, aspect)
    # In a single-quoted attribute only "&" and "'" need escaping (a "<" or "</iframe>" inside
    # a quoted value is text to the HTML parser); the page's many double quotes stay one byte.
    body = page.replace("&", "&amp;").replace("'", "&#39;")
    return (
        f'<iframe title="{html.escape(title)}" style="{size};border:0;display:block" '
        f"loading=\"lazy\" sandbox=\"allow-scripts allow-popups\" srcdoc='{body}'></iframe>\n"
    )

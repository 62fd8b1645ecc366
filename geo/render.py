r"""Per-date maps of who holds what: folium pages that work offline, and the index of a build.

Everything here is shared with the date slider (:mod:`geo.slider`): one colour table
(:mod:`geo.factions`), one legend (:func:`legend_html`), one popup template (``changeHtml`` in
``templates/geo_common.js``), one way to put data into a page (:func:`script_json`).

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
from geo.io import atomic_write_text, check_writable
from geo.models import Document, Event, Place, PlaceState
from geo.paths import data_path

if TYPE_CHECKING:
    import folium
    import jinja2
    from geopandas import GeoDataFrame

    from geo.pipeline import Corpus
    from geo.territory import TerritoryModel

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
#: Area shown by the base layer (lon_min, lat_min, lon_max, lat_max).
BASE_BBOX = (30.0, 27.5, 50.0, 40.5)

#: Legend order: the sides, then the two states that are not a side.
LEGEND_ORDER: tuple[str, ...] = (*factions.SIDES, "contested", "unknown")


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


_AREA_CACHE: dict[int, tuple[Any, dict[str, Any] | None]] = {}


def _area_json(geometry: Any) -> dict[str, Any] | None:
    """Simplified GeoJSON of an area; cached while the territory model keeps the geometry."""
    key = id(geometry)
    cached = _AREA_CACHE.get(key)
    if cached is not None and cached[0] is geometry:
        return cached[1]
    simple = geometry
    if geometry is not None and not geometry.is_empty:
        simple = geometry.simplify(AREA_TOLERANCE_DEG, preserve_topology=True)
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


def legend_html(entries: Iterable[LegendEntry], *, title: str = "Who holds what") -> str:
    """Return the legend as HTML: one swatch per side in the registry's colours (escaped)."""
    rows = []
    for entry in entries:
        faction = factions.FACTIONS.get(entry.side)
        colour = faction.colour if faction else factions.colour("unknown")
        contested = entry.side == "contested"
        swatch_class = "geo-swatch geo-swatch-contested" if contested else "geo-swatch"
        style = "" if entry.side == "contested" else f' style="background:{html.escape(colour)}"'
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
    """Return ``{id: {label, colour}}`` for every registered side plus ``extra`` ids."""
    table = {f.id: {"label": f.label, "colour": f.colour} for f in factions.FACTIONS.values()}
    for side in extra:
        table.setdefault(side, {"label": side, "colour": factions.colour("unknown")})
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


def _page_title(day: date, countries: Sequence[str] = ("SY", "IQ")) -> str:
    from geo.territory import theatre_name

    return f"Control of territory in {theatre_name(countries)} on {day.isoformat()}"


# ---------------------------------------------------------------------------------------------
# The per-date map


def _place_rows(
    places: Mapping[str, Place], states: Mapping[str, PlaceState]
) -> tuple[dict[str, list[list[Any]]], list[str]]:
    strings: list[str] = [""]
    index: dict[str, int] = {"": 0}

    def ref(value: str) -> int:
        if value not in index:
            index[value] = len(strings)
            strings.append(value)
        return index[value]

    rows: dict[str, list[list[Any]]] = {}
    for place_id in sorted(places):
        place = places[place_id]
        state = states.get(place_id)
        side = state.controller if state else "unknown"
        rows.setdefault(side, []).append(
            [
                round(place.lat, COORD_DECIMALS),
                round(place.lon, COORD_DECIMALS),
                place.name,
                ref(place.kind),
                ref(state.since.isoformat() if state and state.since else ""),
                ref(state.evidence if state else "none"),
                ref(state.source if state else ""),
                ref(state.sentence if state else ""),
            ]
        )
    return rows, strings


def _area_rows(areas: GeoDataFrame) -> dict[str, tuple[dict[str, Any] | None, LegendEntry]]:
    out: dict[str, tuple[dict[str, Any] | None, LegendEntry]] = {}
    for row in areas.itertuples(index=False):
        side = str(row.controller)
        entry = LegendEntry(
            side,
            float(row.area_km2),
            float(row.share),
            int(row.places) if getattr(row, "places", None) is not None else None,
        )
        out[side] = (_area_json(row.geometry), entry)
    return out


def inert_text(text: str) -> str:
    """Return ``text`` escaped for HTML with ``{`` and ``}`` as character references.

    For the few labels that must pass through folium's own elements (layer names), which branca
    compiles once more as Jinja source: without a brace no template syntax can start, and the
    browser shows the same characters (Leaflet sets layer names as HTML).
    """
    return html.escape(text).replace("{", "&#123;").replace("}", "&#125;")


@lru_cache(maxsize=1)
def _element_class() -> type:
    from branca.element import Element, Figure, MacroElement
    from jinja2 import Template

    class Literal(Element):
        """Text placed into the page as it is: unlike a branca ``Element`` never compiled."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self._name = "Literal"
            self.text = text

        def render(self, **kwargs: Any) -> str:
            return self.text

    class GeoLayers(MacroElement):
        """Inline assets, the title and legend, and the script that fills the side layers.

        Its macros are rendered once, with the data as values; the output goes into the page
        as :class:`Literal` text. branca's ``MacroElement.render`` would wrap it in a new
        ``Element``, compiling everything rendered into it (article text included) as a
        template a second time: ``{{...}}`` in a title would run.
        """

        _template = Template(
            """
{% macro header(this, kwargs) %}<style>{{ this.css }}</style>
<script>{{ this.js }}</script>{% endmacro %}
{% macro html(this, kwargs) %}<div class="geo-title" id="geo-title">{{ this.title_html }}</div>
{{ this.legend }}{% endmacro %}
{% macro script(this, kwargs) %}
    geoMap.build({{ this._parent.get_name() }}, {
    {%- for side, group in this.groups -%}
    {{ side|tojson }}: {{ group.get_name() }}{{ "," if not loop.last }}
    {%- endfor -%}
    }, {{ this.changes.get_name() }}, {{ this.data }});
{% endmacro %}
"""
        )

        def __init__(
            self,
            *,
            css: str,
            js: str,
            title_html: str,
            legend: str,
            groups: list[tuple[str, Any]],
            changes: Any,
            data: str,
        ) -> None:
            super().__init__()
            self._name = "GeoLayers"
            self.css, self.js, self.title_html, self.legend = css, js, title_html, legend
            self.groups, self.changes, self.data = groups, changes, data

        def render(self, **kwargs: Any) -> str:
            figure = self.get_root()
            if not isinstance(figure, Figure):
                raise TypeError("GeoLayers must be rendered inside a branca Figure")
            module = self._template.module
            name = self.get_name()
            figure.header.add_child(Literal(module.header(self, kwargs)), name=name)
            figure.html.add_child(Literal(module.html(self, kwargs)), name=name)
            figure.script.add_child(Literal(module.script(self, kwargs)), name=name)
            for child in self._children.values():
                child.render(**kwargs)
            return ""

    return GeoLayers


def renumber_ids(root: Any) -> None:
    """Give every branca element under ``root`` a counter id, so two renders are identical.

    branca draws a random id per element; the JavaScript variable names come from it.
    """
    counter = 0
    seen: set[int] = set()

    def visit(element: Any) -> None:
        nonlocal counter
        if id(element) in seen:
            return
        seen.add(id(element))
        counter += 1
        element._id = f"{counter:04x}"
        for child in list(getattr(element, "_children", {}).values()):
            visit(child)

    visit(root)


def render_map(
    day: date,
    corpus: Corpus,
    *,
    model: TerritoryModel | None = None,
    tiles: str | None = None,
) -> folium.Map:
    """Return the map of who holds what on ``day`` as a ``folium.Map`` (for notebooks and files).

    One layer per side (its area and its places) with a layer control, contested ground hatched,
    a legend with the registry's colours and each side's area, places as circle markers whose
    tooltip names the controller, since when and on what evidence, and a marker with a popup for
    every change in the 30 days up to ``day`` (sentence, document title, outlet, date, link).

    Args:
        day: The date shown.
        corpus: The corpus (:func:`geo.pipeline.load_corpus`).
        model: The territory model; built from the corpus's gazetteer when ``None`` (pass one
            when rendering many dates).
        tiles: A folium tile name (``"OpenStreetMap"``, ``"CartoDB positron"``...) for a web
            base layer; ``None`` keeps the page offline with the inlined boundaries and rivers.

    Returns:
        The map; ``map.save(path)`` or :func:`write_map` writes it.
    """
    import folium

    places: dict[str, Place] = dict(corpus.gazetteer.places)
    if model is None:
        from geo.territory import TerritoryModel

        model = TerritoryModel.build(list(places.values()))
    states = corpus.timeline.state_on(day)
    areas = _area_rows(model.areas(states))
    # a one-country map (--country) shows that country's places and changes only
    shown = {pid: p for pid, p in places.items() if p.country in model.countries}
    place_rows, strings = _place_rows(shown, states)
    counts = {side: len(rows) for side, rows in place_rows.items()}
    sides = ordered_sides(set(areas) | set(place_rows))

    docs = DocumentTable(corpus.documents)
    start = day - timedelta(days=CHANGE_WINDOW_DAYS - 1)
    status = getattr(corpus.timeline, "event_status", lambda _event_id: None)
    changes = [change_record(e, places, docs, status(e.event_id))
               for e in events_between(corpus.events, start, day)
               if e.place_id not in places or e.place_id in shown]
    known_docs = {d.id for d in corpus.documents}
    for state in states.values():
        doc_id = source_document(state.source)
        if doc_id in known_docs:
            docs.ref(doc_id)

    entries = []
    for side in sides:
        base_entry = areas[side][1] if side in areas else LegendEntry(side)
        entries.append(
            LegendEntry(side, base_entry.area_km2, base_entry.share, counts.get(side, 0))
        )
    data = {
        "sides": sides_table(sides),
        "docs": docs.rows,
        "docIndex": docs.index,
        "areas": {side: geom for side, (geom, _) in areas.items() if geom is not None},
        "places": place_rows,
        "strings": strings,
        "changes": changes,
        "base": base_layers(),
        "attribution": attribution_html(places.values(), states.values()),
    }

    centre, zoom = model.view()
    fmap = folium.Map(
        location=list(centre),
        zoom_start=int(zoom),
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
    )
    fmap.default_js = []
    fmap.default_css = []
    title = _page_title(day, model.countries)
    fmap.get_root().title = html.escape(title)  # type: ignore[attr-defined]
    if tiles:
        folium.TileLayer(tiles, name=tiles, overlay=False, control=True).add_to(fmap)
    groups = []
    for side in sides:
        label = factions.label(side) if side in factions.FACTIONS else side
        group = folium.FeatureGroup(name=inert_text(label), overlay=True, control=True)
        group.add_to(fmap)
        groups.append((side, group))
    changes_group = folium.FeatureGroup(
        name=f"Changes in the {CHANGE_WINDOW_DAYS} days to {day.isoformat()}",
        overlay=True,
        control=True,
    )
    changes_group.add_to(fmap)
    css, js = page_assets()
    js = js + "\n" + template_text("map.js")
    subtitle = (
        f"{len(changes)} change{'s' if len(changes) != 1 else ''} in the "
        f"{CHANGE_WINDOW_DAYS} days to this date"
    )
    element = _element_class()(
        css=css,
        js=js,
        title_html=f"{html.escape(title)}<small>{html.escape(subtitle)}</small>",
        legend=legend_html(entries, title=f"Who holds what, {day.isoformat()}"),
        groups=groups,
        changes=changes_group,
        data=script_json(data),
    )
    element.add_to(fmap)
    folium.LayerControl(collapsed=False).add_to(fmap)
    renumber_ids(fmap.get_root())
    return fmap


def map_html(fmap: folium.Map) -> str:
    """Return the full HTML page of a map made by :func:`render_map`."""
    root = fmap.get_root()
    page = root.render()
    return str(page)


def embed_html(page: str, *, title: str = "Map", height: str = "600px") -> str:
    """Return an ``<iframe srcdoc>`` fragment holding ``page``, to paste into another page."""
    return (
        f'<iframe title="{html.escape(title)}" style="width:100%;height:{html.escape(height)};'
        f'border:0" sandbox="allow-scripts allow-popups" srcdoc="{html.escape(page, quote=True)}">'
        "</iframe>\n"
    )


def write_map(
    day: date,
    corpus: Corpus,
    path: Path | str,
    *,
    force: bool = False,
    embed: bool = False,
    model: TerritoryModel | None = None,
    tiles: str | None = None,
) -> Path:
    """Render the map of ``day`` and write it to ``path`` atomically.

    Args:
        day: The date shown.
        corpus: The corpus.
        path: The ``.html`` file to write.
        force: Overwrite an existing file; otherwise :class:`geo.errors.OutputExistsError`.
        embed: Write an ``<iframe srcdoc>`` fragment instead of a full page.
        model: The territory model (built when ``None``).
        tiles: A web tile layer name, or ``None`` for the offline base layer.

    Returns:
        The path written.
    """
    path = Path(path)
    check_writable(path, force)
    page = map_html(render_map(day, corpus, model=model, tiles=tiles))
    countries = model.countries if model is not None else ("SY", "IQ")
    text = embed_html(page, title=_page_title(day, countries)) if embed else page
    return atomic_write_text(path, text, force=force)


def write_static(
    day: date,
    corpus: Corpus,
    path: Path | str,
    *,
    fmt: str | None = None,
    force: bool = False,
    model: TerritoryModel | None = None,
) -> Path:
    """Write the static map of ``day`` (PNG or SVG by suffix or ``fmt``) for reports.

    Same colours and legend as the HTML map, drawn by :func:`geo.static.write_static_map`.
    """
    from geo.static import write_static_map

    places = list(corpus.gazetteer.places.values())
    if model is None:
        from geo.territory import TerritoryModel

        model = TerritoryModel.build(places)
    states = corpus.timeline.state_on(day)
    return write_static_map(
        day,
        model.areas(states),
        path,
        places=[p for p in places if p.country in model.countries],
        states=states,
        fmt=fmt,
        title=_page_title(day, model.countries),
        force=force,
    )


def write_embed(
    day: date,
    corpus: Corpus,
    path: Path | str,
    *,
    force: bool = False,
    model: TerritoryModel | None = None,
    tiles: str | None = None,
) -> Path:
    """Write the map of ``day`` as an HTML fragment to paste into a report (see `write_map`)."""
    return write_map(day, corpus, path, force=force, embed=True, model=model, tiles=tiles)


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

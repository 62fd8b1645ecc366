"""Static maps (PNG, SVG, PDF) of the areas of control on a date, for reports.

The same colours and legend as the interactive maps: the registry's colours
(:func:`geo.factions.colour`), ``contested`` hatched, ``unknown`` (no clear control) light grey. The
neighbouring countries, the Euphrates and the Tigris come from the shipped Natural Earth files, so
nothing is downloaded. The same inputs give the same bytes: no timestamp, no software version, and
SVG ids derived from a fixed salt.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import InputError
from geo.models import Place, PlaceState

if TYPE_CHECKING:
    import geopandas

#: The line every static map carries.
ATTRIBUTION = (
    "Boundaries and rivers: Natural Earth. "
    "Places: Wikipedia contributors (CC BY-SA 4.0), GeoNames (CC BY 4.0)."
)
#: Formats :func:`write_static_map` writes, by file suffix.
FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
#: River names (Natural Earth spellings) drawn on the map.
RIVERS: frozenset[str] = frozenset({"Euphrates", "Firat", "Al Furat", "Tigris", "Dicle"})
#: Place kinds drawn as markers and named, with their marker size (points²): the static map is
#: read at country zoom, where the HTML map names cities only.
MARKER_SIZES: dict[str, float] = {"city": 18.0}
#: Figure metadata that leaves out matplotlib's version and the time, so that a file is
#: byte-identical between runs.
NO_STAMPS: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}
HATCH = "////"
SEA = "#e4eef5"
LAND = "#f4f3ee"
RIVER = "#4a87b8"
CENTRE_LAT = 35.0


@functools.cache
def _region_layers() -> tuple[Any, Any, Any]:
    """Neighbouring countries, rivers and the Golan Heights, read once from ``data/boundaries``."""
    import geopandas

    from geo.paths import data_path

    countries = geopandas.read_file(data_path("boundaries", "syria-region.geojson"))
    rivers = geopandas.read_file(data_path("boundaries", "syria-region-rivers.geojson"))
    rivers = rivers[rivers["name"].isin(sorted(RIVERS))]
    disputed = geopandas.read_file(data_path("boundaries", "syria-region-disputed.geojson"))
    name_column = "NAME" if "NAME" in disputed.columns else "name"
    golan = disputed[disputed[name_column] == "Golan Heights"]
    return countries, rivers, golan


def format_of(path: Path, fmt: str | None) -> str:
    """Return the format of ``path`` (its suffix) or ``fmt``: one of :data:`FORMATS`.

    Raises:
        InputError: Neither names a known format.
    """
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        raise InputError(
            f"{path}: unknown map format {chosen!r}; expected one of {', '.join(FORMATS)}"
        )
    return chosen


def render_static_map(
    day: date,
    areas: geopandas.GeoDataFrame,
    *,
    places: Iterable[Place] = (),
    states: Mapping[str, PlaceState] | None = None,
    uncertain: geopandas.GeoDataFrame | None = None,
    fmt: str = "png",
    title: str | None = None,
    dpi: int = 150,
) -> bytes:
    """Draw the map of ``areas`` on ``day`` and return the file's bytes.

    Args:
        day: The date shown in the title.
        areas: :meth:`geo.territory.TerritoryModel.areas` of that date (EPSG:4326).
        places: Places to mark and name: cities in the frame (abroad only when a side is known
            to hold them), named most populous first (Syria's and Iraq's before those abroad)
            wherever a name fits without overlapping one already placed.
        states: Who holds each place (colours the markers); places missing are ``unknown``.
        uncertain: :meth:`geo.territory.TerritoryModel.uncertain_areas` of that date: drawn
            faded and hatched over the sides, with a legend entry.
        fmt: ``png``, ``svg`` or ``pdf``.
        title: The title; ``"Areas of control in Syria, YYYY-MM-DD"`` when ``None``.
        dpi: Resolution of a PNG.

    Raises:
        InputError: An unknown format, or ``areas`` lacking the ``controller`` column.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from geo.factions import colour, fill, label
    from geo.page import UNCERTAIN_LABEL

    if fmt not in FORMATS:
        raise InputError(f"unknown map format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if "controller" not in areas.columns:
        raise InputError("areas: expected the columns of TerritoryModel.areas (no 'controller')")
    countries, rivers, golan = _region_layers()
    states = states or {}
    shown = areas.to_crs("EPSG:4326") if areas.crs is not None else areas

    with matplotlib.rc_context(
        {"svg.hashsalt": "geo-static", "hatch.linewidth": 0.8, "font.size": 8}
    ):
        figure = Figure(figsize=(8.0, 7.6), dpi=dpi, layout="constrained")
        ax = figure.add_subplot()
        ax.set_facecolor(SEA)
        countries.plot(ax=ax, facecolor=LAND, edgecolor="#9a9a9a", linewidth=0.5)
        handles: list[Patch] = []
        total = float(shown["area_km2"].sum()) if "area_km2" in shown.columns else 0.0
        for row in shown.itertuples():
            controller = str(row.controller)
            single = shown[shown["controller"] == controller]
            if controller == "contested":
                style: dict[str, Any] = {
                    "facecolor": fill("contested", uncertain=True), "edgecolor": colour(controller),
                    "hatch": HATCH, "linewidth": 0.0,
                }
            else:
                style = {"facecolor": fill(controller), "edgecolor": "none", "linewidth": 0.0}
            if not single.geometry.iloc[0].is_empty:
                single.plot(ax=ax, **style)
            text = label(controller)
            area = getattr(row, "area_km2", None)
            if area is not None and total > 0:
                text = f"{text} ({100 * float(area) / total:.1f} %)"
            handles.append(Patch(label=text, **style))
        if uncertain is not None and len(uncertain):
            for row in uncertain.itertuples():
                piece = uncertain[uncertain["controller"] == row.controller]
                piece.plot(ax=ax, facecolor=fill(str(row.controller), uncertain=True),
                           edgecolor="#ffffff", hatch=HATCH, linewidth=0.0)
            handles.append(Patch(label=UNCERTAIN_LABEL, facecolor="#dddddd", edgecolor="#ffffff",
                                 hatch=HATCH, linewidth=0.0))
        # the countries the areas cover (Syria, Iraq or both): outlined, and the extent
        covered = shown.geometry.union_all()
        mapped = countries[countries.representative_point().within(covered)]
        if not len(mapped):
            mapped = countries[countries["name"] == "Syria"]
        mapped.plot(ax=ax, facecolor="none", edgecolor="#333333", linewidth=0.9)
        if len(golan):
            golan.plot(ax=ax, facecolor="none", edgecolor="#555555", linewidth=0.7,
                       linestyle=(0, (3, 2)))
            centre = golan.geometry.iloc[0].representative_point()
            ax.annotate("Golan Heights\n(Israeli-occupied)", (centre.x, centre.y),
                        xytext=(-6, -2), textcoords="offset points", ha="right", fontsize=6,
                        color="#444444")
        rivers.plot(ax=ax, color=RIVER, linewidth=1.1)
        minx, miny, maxx, maxy = mapped.total_bounds
        extent = (minx - 0.9, miny - 0.5, maxx + 0.6, maxy + 0.5)
        ax.set_xlim(extent[0], extent[2])
        ax.set_ylim(extent[1], extent[3])
        ax.set_aspect(1 / math.cos(math.radians(CENTRE_LAT)))
        ax.set_xticks([])
        ax.set_yticks([])
        _scale_bar(ax, minx - 0.35, miny - 0.3)
        figure.suptitle(title or f"Areas of control in Syria, {day.isoformat()}", fontsize=11)
        ax.set_xlabel("")
        ax.set_ylabel("")
        legend = ax.legend(handles=handles, loc="lower right", fontsize=7, framealpha=0.9,
                           title="Who holds what", title_fontsize=7)
        figure.supxlabel(ATTRIBUTION, fontsize=6, color="#555555")
        # names are placed once the layout is final, so their boxes are where they are drawn
        FigureCanvasAgg(figure)
        figure.draw_without_rendering()
        _draw_places(ax, places, states, extent, avoid=[legend])
        buffer = io.BytesIO()
        figure.savefig(buffer, format=fmt, metadata=NO_STAMPS[fmt], dpi=dpi)
    return buffer.getvalue()


def _draw_places(
    ax: Any,
    places: Iterable[Place],
    states: Mapping[str, PlaceState],
    extent: tuple[float, float, float, float],
    avoid: Iterable[Any] = (),
) -> list[str]:
    """Mark and name cities inside ``extent`` without overlapping names; return those named.

    Abroad, only cities a side is known to hold are drawn. Names are tried most populous first
    and one whose box would meet a box already placed (or an artist of ``avoid``, such as the
    legend) is left out, as on the HTML map.
    """
    from matplotlib import patheffects

    from geo.factions import fill

    def shown(place: Place) -> bool:
        if place.kind not in MARKER_SIZES:
            return False
        if not (extent[0] <= place.lon <= extent[2] and extent[1] <= place.lat <= extent[3]):
            return False
        state = states.get(place.id)
        return place.country in ("SY", "IQ") or (
            state is not None and state.controller != "unknown")

    marked = sorted((p for p in places if shown(p)), key=lambda p: p.id)
    if not marked:
        return []
    controllers = [states[p.id].controller if p.id in states else "unknown" for p in marked]
    ax.scatter(
        [p.lon for p in marked], [p.lat for p in marked],
        s=[MARKER_SIZES[p.kind] for p in marked],
        c=[fill(c) for c in controllers],
        edgecolors="#222222", linewidths=0.5, zorder=5,
    )
    ordered = sorted(
        marked, key=lambda p: (p.country not in ("SY", "IQ"), -(p.population or 0), p.name, p.id)
    )
    renderer = ax.figure.canvas.get_renderer()
    boxes: list[Any] = [artist.get_window_extent(renderer) for artist in avoid]
    named: list[str] = []
    halo = [patheffects.withStroke(linewidth=2.0, foreground="#ffffff")]
    for place in ordered:
        # parse_math=False: a name is text; "$...$" in it is not matplotlib's mathtext.
        text = ax.annotate(place.name, (place.lon, place.lat), xytext=(3, 2),
                           textcoords="offset points", fontsize=6.5, zorder=6, color="#111111",
                           path_effects=halo, parse_math=False)
        box = text.get_window_extent(renderer).expanded(1.08, 1.15)
        if any(box.overlaps(other) for other in boxes):
            text.remove()
            continue
        boxes.append(box)
        named.append(place.name)
    return named


def _scale_bar(ax: Any, lon: float, lat: float, km: float = 100.0) -> None:
    """A 100 km bar at (``lon``, ``lat``): degrees of longitude shrink with latitude."""
    width = km / (111.32 * math.cos(math.radians(lat)))
    ax.plot([lon, lon + width], [lat, lat], color="#222222", linewidth=2, solid_capstyle="butt")
    ax.annotate(f"{km:.0f} km", (lon + width / 2, lat), xytext=(0, 3),
                textcoords="offset points", ha="center", fontsize=6)


def write_static_map(
    day: date,
    areas: geopandas.GeoDataFrame,
    path: Path | str,
    *,
    places: Iterable[Place] = (),
    states: Mapping[str, PlaceState] | None = None,
    uncertain: geopandas.GeoDataFrame | None = None,
    fmt: str | None = None,
    title: str | None = None,
    dpi: int = 150,
    force: bool = False,
) -> Path:
    """Write the static map of ``areas`` on ``day`` to ``path`` (see :func:`render_static_map`).

    Args:
        day: The date shown in the title.
        areas: :meth:`geo.territory.TerritoryModel.areas` of that date.
        path: Output file; the format follows its suffix unless ``fmt`` is given.
        places: Places to mark (cities and towns).
        states: Who holds each place.
        uncertain: Ground held on uncertain evidence (drawn faded and hatched).
        fmt: ``png``, ``svg`` or ``pdf``.
        title: Title instead of the default.
        dpi: Resolution of a PNG.
        force: Overwrite an existing file.

    Returns:
        The path written (atomically).

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false.
        InputError: An unknown format.
    """
    from geo.io import atomic_write_bytes, check_writable

    path = Path(path)
    chosen = format_of(path, fmt)
    check_writable(path, force)
    data = render_static_map(
        day, areas, places=places, states=states, uncertain=uncertain, fmt=chosen, title=title,
        dpi=dpi,
    )
    return atomic_write_bytes(path, data, force=True)


__all__ = ["ATTRIBUTION", "FORMATS", "format_of", "render_static_map", "write_static_map"]

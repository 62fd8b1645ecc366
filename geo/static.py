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
#: Place kinds drawn as markers, with their marker size (points²).
MARKER_SIZES: dict[str, float] = {"city": 28.0, "town": 7.0}
#: How many cities are named: the most populous (then by name).
NAMED_CITIES = 16
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


def _format_of(path: Path, fmt: str | None) -> str:
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
    fmt: str = "png",
    title: str | None = None,
    dpi: int = 150,
) -> bytes:
    """Draw the map of ``areas`` on ``day`` and return the file's bytes.

    Args:
        day: The date shown in the title.
        areas: :meth:`geo.territory.TerritoryModel.areas` of that date (EPSG:4326).
        places: Places to mark: cities and towns in the frame (abroad only when a side is
            known to hold them); the most populous cities of each country (:data:`NAMED_CITIES`)
            named.
        states: Who holds each place (colours the markers); places missing are ``unknown``.
        fmt: ``png``, ``svg`` or ``pdf``.
        title: The title; ``"Areas of control in Syria, YYYY-MM-DD"`` when ``None``.
        dpi: Resolution of a PNG.

    Raises:
        InputError: An unknown format, or ``areas`` lacking the ``controller`` column.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    from geo.factions import colour, label

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
                    "facecolor": "#ffffff", "edgecolor": colour(controller),
                    "hatch": HATCH, "linewidth": 0.0,
                }
            else:
                style = {"facecolor": colour(controller), "edgecolor": "none", "linewidth": 0.0}
            if not single.geometry.iloc[0].is_empty:
                single.plot(ax=ax, **style)
            text = label(controller)
            area = getattr(row, "area_km2", None)
            if area is not None and total > 0:
                text = f"{text} ({100 * float(area) / total:.1f} %)"
            handles.append(Patch(label=text, **style))
        # the countries the areas cover (Syria, Iraq or both): outlined, and the extent
        covered = areas.geometry.union_all()
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
        _draw_places(ax, places, states, extent)
        ax.set_xlim(extent[0], extent[2])
        ax.set_ylim(extent[1], extent[3])
        ax.set_aspect(1 / math.cos(math.radians(CENTRE_LAT)))
        ax.set_xticks([])
        ax.set_yticks([])
        _scale_bar(ax, minx - 0.35, miny - 0.3)
        figure.suptitle(title or f"Areas of control in Syria, {day.isoformat()}", fontsize=11)
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.legend(handles=handles, loc="lower right", fontsize=7, framealpha=0.9,
                  title="Who holds what", title_fontsize=7)
        figure.supxlabel(ATTRIBUTION, fontsize=6, color="#555555")
        buffer = io.BytesIO()
        metadata: dict[str, Any] = {
            "png": {"Software": None},
            "svg": {"Date": None, "Creator": None},
            "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
        }[fmt]
        figure.savefig(buffer, format=fmt, metadata=metadata, dpi=dpi)
    return buffer.getvalue()


def _draw_places(
    ax: Any,
    places: Iterable[Place],
    states: Mapping[str, PlaceState],
    extent: tuple[float, float, float, float],
) -> None:
    """Mark cities and towns inside ``extent``; abroad, only those a side is known to hold."""
    from matplotlib import patheffects

    from geo.factions import colour

    def shown(place: Place) -> bool:
        if place.kind not in MARKER_SIZES:
            return False
        if not (extent[0] <= place.lon <= extent[2] and extent[1] <= place.lat <= extent[3]):
            return False
        state = states.get(place.id)
        return place.country in ("SY", "IQ") or (
            state is not None and state.controller != "unknown")

    marked = sorted(
        (p for p in places if shown(p)), key=lambda p: (MARKER_SIZES[p.kind], p.id)
    )
    if not marked:
        return
    controllers = [states[p.id].controller if p.id in states else "unknown" for p in marked]
    ax.scatter(
        [p.lon for p in marked], [p.lat for p in marked],
        s=[MARKER_SIZES[p.kind] for p in marked],
        c=[colour(c) for c in controllers],
        edgecolors="#222222", linewidths=0.4, zorder=5,
    )
    cities = sorted(
        (p for p in marked if p.kind == "city"),
        key=lambda p: (-(p.population or 0), p.name, p.id),
    )
    named = [p for code in ("SY", "IQ") for p in [c for c in cities if c.country == code][
        :NAMED_CITIES]]  # the largest cities of each country
    for place in named:
        # parse_math=False: a name is text; "$...$" in it is not matplotlib's mathtext.
        ax.annotate(place.name, (place.lon, place.lat), xytext=(3, 2),
                    textcoords="offset points", fontsize=6, zorder=6, color="#111111",
                    parse_math=False,
                    path_effects=[patheffects.withStroke(linewidth=1.6, foreground="#ffffff")])


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
    chosen = _format_of(path, fmt)
    check_writable(path, force)
    data = render_static_map(
        day, areas, places=places, states=states, fmt=chosen, title=title, dpi=dpi
    )
    return atomic_write_bytes(path, data, force=True)


__all__ = ["ATTRIBUTION", "FORMATS", "render_static_map", "write_static_map"]

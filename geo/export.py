"""GIS export: the areas and places of one or more dates as GeoPackage, GeoJSON, shapefile or CSV.

Two layers, one row per date and side or per date and place, from the same frames
(:mod:`geo.frame`) the maps draw:

``areas``
    ``date`` (YYYY-MM-DD), ``side`` (a side id, ``contested`` or ``unknown``: no clear control),
    ``area_km2``, ``share`` (of Syria, 0 to 1), ``places`` (places whose cell counts), and the
    (multi)polygon in EPSG:4326. The sides of a date never overlap and cover the boundary.
``places``
    ``date``, ``place_id``, ``place`` (name), ``kind``, ``side``, ``evidence_date`` (the date of
    the evidence behind the state, empty without one), ``evidence`` (its kind), ``source`` (the
    document id or snapshot), ``uncertain`` (1 when the state rests only on old or backwards
    evidence), and the point.

The format follows the file's suffix (:data:`FORMATS`): a GeoPackage holds both layers; GeoJSON
and a shapefile hold one (``layer``, the areas by default); CSV holds the places, with ``lat`` and
``lon`` columns. Shapefile field names are cut to 10 characters (``evidence_date`` becomes
``evid_date``). Files are written atomically and are byte-identical for the same input (the
GeoPackage's timestamps are fixed).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geo.errors import InputError, OutputExistsError

if TYPE_CHECKING:
    import geopandas

    from geo.frame import CorpusLike, Frame
    from geo.territory import TerritoryModel

#: Columns of the ``areas`` layer (without the geometry).
AREA_FIELDS: tuple[str, ...] = ("date", "side", "area_km2", "share", "places")
#: Columns of the ``places`` layer (without the geometry).
PLACE_FIELDS: tuple[str, ...] = (
    "date", "place_id", "place", "kind", "side", "evidence_date", "evidence", "source",
    "uncertain",
)
LAYERS: tuple[str, ...] = ("areas", "places")
#: Timestamp written into GeoPackages instead of the clock (same input, same bytes).
FIXED_TIMESTAMP = "2000-01-01T00:00:00.000Z"


@dataclass(frozen=True)
class Format:
    """One export format.

    Attributes:
        suffix: File suffix, without the dot.
        driver: The GDAL driver (``""`` for CSV, written by Python).
        layers: The layers a file can hold.
        text: Whether the file is text (so it can go to standard output).
    """

    suffix: str
    driver: str
    layers: tuple[str, ...]
    text: bool


#: The formats, by suffix: this table drives the checks and the writer.
FORMATS: dict[str, Format] = {
    f.suffix: f
    for f in (
        Format("gpkg", "GPKG", LAYERS, text=False),
        Format("geojson", "GeoJSON", LAYERS, text=True),
        Format("shp", "ESRI Shapefile", LAYERS, text=False),
        Format("csv", "", ("places",), text=True),
    )
}
#: Shapefile (dBASE) field names are at most 10 characters.
_SHAPEFILE_NAMES = {"evidence_date": "evid_date"}


def areas_layer(frames: Iterable[Frame]) -> geopandas.GeoDataFrame:
    """Return the ``areas`` layer of ``frames``: one row per date and controller, in order."""
    import geopandas

    rows: dict[str, list[Any]] = {name: [] for name in (*AREA_FIELDS, "geometry")}
    for frame in frames:
        for row in frame.areas.itertuples(index=False):
            rows["date"].append(frame.day.isoformat())
            rows["side"].append(str(row.controller))
            rows["area_km2"].append(round(float(row.area_km2), 3))
            rows["share"].append(round(float(row.share), 6))
            rows["places"].append(int(row.places))
            rows["geometry"].append(_multi(row.geometry))
    return geopandas.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def places_layer(frames: Iterable[Frame]) -> geopandas.GeoDataFrame:
    """Return the ``places`` layer: one row per date and gazetteer place, by date then place id."""
    import geopandas
    import shapely

    rows: dict[str, list[Any]] = {name: [] for name in PLACE_FIELDS}
    xs: list[float] = []
    ys: list[float] = []
    for frame in frames:
        for place_id in sorted(frame.places):
            place = frame.places[place_id]
            state = frame.states.get(place_id)
            rows["date"].append(frame.day.isoformat())
            rows["place_id"].append(place_id)
            rows["place"].append(place.name)
            rows["kind"].append(place.kind)
            rows["side"].append(state.controller if state else "unknown")
            since = state.since if state else None
            rows["evidence_date"].append(since.isoformat() if since else "")
            rows["evidence"].append(state.evidence if state else "none")
            rows["source"].append(state.source if state else "")
            rows["uncertain"].append(int(bool(state and state.uncertain)))
            xs.append(place.lon)
            ys.append(place.lat)
    geometry = shapely.points(xs, ys) if xs else []
    return geopandas.GeoDataFrame(rows, geometry=geometry, crs="EPSG:4326")


def _multi(geometry: Any) -> Any:
    """Return polygons as one MultiPolygon type, so a layer has a single geometry type."""
    import shapely

    if geometry is None or geometry.is_empty:
        return shapely.MultiPolygon()
    if geometry.geom_type == "Polygon":
        return shapely.MultiPolygon([geometry])
    return geometry


def format_of(path: Path | str | None, fmt: str | None = None) -> Format:
    """Return the format of ``path`` (by suffix) or ``fmt`` when given.

    Raises:
        InputError: Unknown suffix or format, or neither given (standard output).
    """
    chosen = (fmt or (Path(path).suffix.lstrip(".") if path is not None else "")).lower()
    if chosen == "json":
        chosen = "geojson"
    if chosen not in FORMATS:
        where = f"{path}: " if path is not None and not fmt else ""
        got = f"{chosen!r}" if chosen else "no suffix"
        raise InputError(
            f"{where}unknown export format {got}; expected one of "
            f"{', '.join('.' + s for s in FORMATS)}"
        )
    return FORMATS[chosen]


def _layers_for(spec: Format, layer: str | None) -> tuple[str, ...]:
    if layer is not None and layer not in LAYERS:
        raise InputError(f"--layer: expected areas or places, got {layer!r}")
    if layer is not None and layer not in spec.layers:
        raise InputError(f"--layer {layer}: a .{spec.suffix} file holds the places only")
    if layer is not None:
        return (layer,)
    if spec.suffix == "gpkg":
        return LAYERS
    return (spec.layers[0],)


def _csv_text(places: geopandas.GeoDataFrame) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*PLACE_FIELDS, "lat", "lon"])
    for row, point in zip(
        places[list(PLACE_FIELDS)].itertuples(index=False), places.geometry, strict=True
    ):
        values = [_neutral(v) for v in row]
        writer.writerow([*values, f"{point.y:.5f}", f"{point.x:.5f}"])
    return buffer.getvalue()


def _neutral(value: Any) -> Any:
    """Quote a cell a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@`` first).

    Place names and sources come from articles and gazetteers: they are only ever values.
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _write_ogr(
    layers: dict[str, geopandas.GeoDataFrame], spec: Format, directory: Path, stem: str
) -> list[Path]:
    """Write ``layers`` with GDAL into ``directory``; return the files made."""
    import pyogrio

    target = directory / f"{stem}.{spec.suffix}"
    options: dict[str, Any] = {}
    if spec.suffix == "geojson":
        options = {"COORDINATE_PRECISION": 6, "RFC7946": "YES", "WRITE_NAME": "NO"}
    previous = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": FIXED_TIMESTAMP})
    try:
        for name, frame in layers.items():
            if spec.suffix == "shp":
                frame = frame.rename(columns=_SHAPEFILE_NAMES)
            pyogrio.write_dataframe(
                frame,
                target,
                layer=name if spec.suffix == "gpkg" else None,
                driver=spec.driver,
                append=spec.suffix == "gpkg" and name != next(iter(layers)),
                **({"encoding": "UTF-8"} if spec.suffix == "shp" else {}),
                **options,
            )
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})
    return sorted(p for p in directory.iterdir() if p.is_file())


def export_bytes(frames: Sequence[Frame], fmt: str, *, layer: str | None = None) -> bytes:
    """Return the export of ``frames`` in a single-file format (``geojson``, ``csv``, ``gpkg``).

    Raises:
        InputError: Unknown format, a shapefile (several files), or a layer the format lacks.
    """
    spec = format_of(None, fmt)
    if spec.suffix == "shp":
        raise InputError("a shapefile is several files: give -o FILE.shp")
    chosen = _layers_for(spec, layer)
    if spec.suffix == "csv":
        return _csv_text(places_layer(frames)).encode("utf-8")
    data = {name: _layer(frames, name) for name in chosen}
    with tempfile.TemporaryDirectory(prefix="geo-export-") as tmp:
        files = _write_ogr(data, spec, Path(tmp), "export")
        return files[0].read_bytes()


def _layer(frames: Sequence[Frame], name: str) -> geopandas.GeoDataFrame:
    return areas_layer(frames) if name == "areas" else places_layer(frames)


def write_export(
    frames: Sequence[Frame],
    path: Path | str,
    *,
    fmt: str | None = None,
    layer: str | None = None,
    force: bool = False,
) -> list[Path]:
    """Write the export of ``frames`` to ``path`` (format by suffix, or ``fmt``).

    Args:
        frames: The dates to export (:func:`geo.frame.make_frames`).
        path: The file; a shapefile also writes its ``.shx``, ``.dbf``, ``.prj`` and ``.cpg``.
        fmt: A format instead of the suffix (``gpkg``, ``geojson``, ``shp``, ``csv``).
        layer: ``areas`` or ``places`` for a one-layer format (areas by default; CSV: places).
        force: Overwrite existing files.

    Returns:
        The files written.

    Raises:
        InputError: Unknown format or layer, or no frame.
        OutputExistsError: A file exists and ``force`` is false.
    """
    from geo.io import atomic_write_bytes

    path = Path(path)
    spec = format_of(path, fmt)
    if not frames:
        raise InputError(f"{path}: no date to export")
    chosen = _layers_for(spec, layer)
    if spec.suffix != "shp":
        if path.exists() and not force:
            raise OutputExistsError(f"{path}: exists; use --force to overwrite it")
        data = export_bytes(frames, spec.suffix, layer=chosen[0] if len(chosen) == 1 else None)
        return [atomic_write_bytes(path, data, force=True)]
    with tempfile.TemporaryDirectory(prefix="geo-export-") as tmp:
        made = _write_ogr({chosen[0]: _layer(frames, chosen[0])}, spec, Path(tmp), path.stem)
        targets = [path.with_suffix(f.suffix) for f in made]
        if not force:
            for target in targets:
                if target.exists():
                    raise OutputExistsError(f"{target}: exists; use --force to overwrite it")
        path.parent.mkdir(parents=True, exist_ok=True)
        written = []
        for source, target in zip(made, targets, strict=True):
            written.append(atomic_write_bytes(target, source.read_bytes(), force=True))
    return written


def _coerce_days(days: date | str | Iterable[date | str]) -> list[date]:
    items: Iterable[date | str] = [days] if isinstance(days, date | str) else days
    out = []
    for item in items:
        if isinstance(item, date):
            out.append(item)
            continue
        try:
            out.append(date.fromisoformat(str(item).strip()))
        except ValueError:
            raise InputError(f"date: expected YYYY-MM-DD, got {item!r}") from None
    if not out:
        raise InputError("date: no date given")
    return out


def _corpus(corpus: CorpusLike | str | os.PathLike[str] | Sequence[Any]) -> CorpusLike:
    if isinstance(corpus, str | os.PathLike) or (
        isinstance(corpus, Sequence) and not hasattr(corpus, "timeline")
    ):
        from geo.pipeline import load_corpus

        items = [corpus] if isinstance(corpus, str | os.PathLike) else list(corpus)
        return load_corpus([Path(p) for p in items])
    return corpus  # type: ignore[return-value]


def areas(
    corpus: CorpusLike | str | os.PathLike[str] | Sequence[Any],
    days: date | str | Iterable[date | str],
    *,
    model: TerritoryModel | None = None,
) -> geopandas.GeoDataFrame:
    """Return the areas each side holds on ``days``, as the ``areas`` layer of ``geo export``.

    Args:
        corpus: A :class:`geo.pipeline.Corpus`, or article paths to read one from.
        days: One date or several (``date`` objects or ``"YYYY-MM-DD"``).
        model: The territory model (the gazetteer's shared one when ``None``).

    Returns:
        A GeoDataFrame in EPSG:4326: ``date, side, area_km2, share, places, geometry``, one row
        per date and side (``contested`` and ``unknown`` included).

    Raises:
        InputError: A date is not YYYY-MM-DD.
    """
    from geo.frame import make_frames

    return areas_layer(make_frames(_corpus(corpus), _coerce_days(days), model=model))


def places(
    corpus: CorpusLike | str | os.PathLike[str] | Sequence[Any],
    days: date | str | Iterable[date | str],
    *,
    model: TerritoryModel | None = None,
) -> geopandas.GeoDataFrame:
    """Return who holds each place on ``days``, as the ``places`` layer of ``geo export``."""
    from geo.frame import make_frames

    return places_layer(make_frames(_corpus(corpus), _coerce_days(days), model=model))


__all__ = [
    "AREA_FIELDS",
    "FORMATS",
    "LAYERS",
    "PLACE_FIELDS",
    "areas",
    "areas_layer",
    "export_bytes",
    "format_of",
    "places",
    "places_layer",
    "write_export",
]

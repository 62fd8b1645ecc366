"""``geo export``: areas and places of one or more dates for GIS (GeoPackage, GeoJSON, SHP, CSV)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from geo.cli.common import (
    CountryOpt,
    EventsOpt,
    ForceOpt,
    ManifestOpt,
    NoHistoryOpt,
    PathsArg,
    cli_errors,
    corpus_paths,
    report_problems,
)


def export_command(
    paths: PathsArg = None,
    days: Annotated[
        list[str],
        typer.Option("--date", help="A date to export, YYYY-MM-DD (repeat for several).",
                     show_default=False),
    ] = ...,  # type: ignore[assignment]
    output: Annotated[
        str,
        typer.Option("-o", "--output", help="The file: .gpkg, .geojson, .shp or .csv (places); "
                     "'-' for standard output (with --format).", show_default=False),
    ] = ...,  # type: ignore[assignment]
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="gpkg, geojson, shp or csv, instead of the suffix."),
    ] = None,
    layer: Annotated[
        str | None,
        typer.Option("--layer", help="areas or places, for one-layer formats (default: areas; "
                     "CSV: places). A GeoPackage holds both."),
    ] = None,
    events_file: EventsOpt = None,
    manifest: ManifestOpt = None,
    no_history: NoHistoryOpt = False,
    force: ForceOpt = False,
    country: CountryOpt = None,
) -> None:
    """Export who holds what on each --date: the areas of every side and every place.

    Layer areas: date, side, area_km2, share, places, polygon. Layer places: date, place_id,
    place, kind, side, evidence_date, evidence, source, uncertain, point. EPSG:4326. Syria and
    Iraq by default; --country SY or IQ for one.
    """
    from geo.cli.maps import parse_day
    from geo.errors import InputError
    from geo.export import export_bytes, format_of, write_export
    from geo.frame import make_frames
    from geo.io import check_writable
    from geo.pipeline import load_corpus
    from geo.territory import TerritoryModel, check_country

    with cli_errors():
        only = check_country(country)
        when = sorted({parse_day(d, "--date") for d in days})
        to_stdout = output == "-"
        if to_stdout and fmt is None:
            raise InputError("-o -: give --format (gpkg, geojson or csv) for standard output")
        target = None if to_stdout else Path(output)
        spec = format_of(target, fmt)
        if target is not None:
            check_writable(target, force)
        elif spec.suffix == "shp":
            raise InputError("-o -: a shapefile is several files; give -o FILE.shp")
        corpus = load_corpus(corpus_paths(paths), manifest=manifest, events_file=events_file,
                             history=not no_history)
        report_problems(corpus.problems)
        model = TerritoryModel.for_gazetteer(corpus.gazetteer, only)
        frames = make_frames(corpus, when, model=model)
        if target is None:
            data = export_bytes(frames, spec.suffix, layer=layer)
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        written = write_export(frames, target, fmt=fmt, layer=layer, force=force)
        typer.echo(
            f"wrote {', '.join(str(p) for p in written)} ({len(when)} date"
            f"{'s' if len(when) != 1 else ''})",
            err=True,
        )


def register(app: typer.Typer) -> None:
    """Add ``geo export`` to ``app``."""
    app.command("export")(export_command)

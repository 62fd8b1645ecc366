"""``geo map``: the map of who holds what on one date, as an offline HTML page or a static image."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from geo.cli import common
from geo.cli.common import (
    CountryOpt,
    EventsOpt,
    ForceOpt,
    ManifestOpt,
    NoHistoryOpt,
    PathsArg,
    cli_errors,
    corpus_paths,
    echo,
    report_problems,
)
from geo.errors import InputError


def parse_day(value: str, option: str) -> date:
    """Return ``value`` as a date, or raise :class:`InputError` naming ``option``."""
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{option}: expected a date as YYYY-MM-DD, got {value!r}") from None
    return common.check_day(day, option)


def map_command(
    paths: PathsArg = None,
    day: Annotated[
        str, typer.Option("--date", help="The date to map, YYYY-MM-DD.", show_default=False)
    ] = ...,  # type: ignore[assignment]
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="The HTML file to write.", dir_okay=False),
    ] = None,
    embed: Annotated[
        bool,
        typer.Option("--embed", help="Write an <iframe srcdoc> fragment to paste into a page."),
    ] = False,
    png: Annotated[
        Path | None, typer.Option("--png", help="Also write a static PNG map.", dir_okay=False)
    ] = None,
    svg: Annotated[
        Path | None, typer.Option("--svg", help="Also write a static SVG map.", dir_okay=False)
    ] = None,
    tiles: Annotated[
        str | None,
        typer.Option(
            "--tiles",
            help="A web tile layer (e.g. OpenStreetMap, 'CartoDB positron'); the page then "
            "needs the network. Default: inlined borders and rivers, offline.",
        ),
    ] = None,
    events_file: EventsOpt = None,
    no_history: NoHistoryOpt = False,
    manifest: ManifestOpt = None,
    force: ForceOpt = False,
    country: CountryOpt = None,
) -> None:
    """Map who holds what on --date: one layer per side, places, and the last 30 days' changes.

    The page is self-contained (Leaflet inlined, no network needed). The map covers Syria and
    Iraq; --country SY or IQ limits it (areas, places, changes, legend) to one.

    Problems met reading the articles go to standard error; they do not stop the map.
    """
    from geo.io import check_writable
    from geo.pipeline import load_corpus
    from geo.territory import TerritoryModel, check_country

    with cli_errors():
        only = check_country(country)
        when = parse_day(day, "--date")
        if output is None and png is None and svg is None:
            raise InputError("nothing to write: give -o FILE.html, --png FILE or --svg FILE")
        for target in (output, png, svg):
            if target is not None:
                check_writable(target, force)
        corpus = load_corpus(corpus_paths(paths), manifest=manifest, events_file=events_file,
                             history=not no_history)
        report_problems(corpus.problems)
        model = TerritoryModel.for_gazetteer(corpus.gazetteer, only)
        if output is not None:
            from geo.render import write_map

            write_map(when, corpus, output, force=force, embed=embed, model=model, tiles=tiles)
            kind = "fragment" if embed else "map"
            echo(
                f"wrote {kind} of {when.isoformat()} to {output} ({output.stat().st_size:,} bytes)"
            )
        for target, fmt in ((png, "png"), (svg, "svg")):
            if target is not None:
                from geo.render import write_static

                write_static(when, corpus, target, fmt=fmt, force=force, model=model)
                echo(f"wrote {fmt} map of {when.isoformat()} to {target}")


def register(app: typer.Typer) -> None:
    """Add ``geo map`` to ``app``."""
    app.command("map")(map_command)

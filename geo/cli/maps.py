"""``geo map``: the map of who holds what on one date, as an offline HTML page or a static image."""

from __future__ import annotations

import sys
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

STDOUT = "-"


def parse_day(value: str, option: str) -> date:
    """Return ``value`` as a date, or raise :class:`InputError` naming ``option``."""
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{option}: expected a date as YYYY-MM-DD, got {value!r}") from None
    return common.check_day(day, option)


def write_stdout(data: bytes | str) -> None:
    """Write ``data`` to standard output as it is (bytes for images, UTF-8 for text)."""
    sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
    sys.stdout.buffer.flush()


def map_command(
    paths: PathsArg = None,
    day: Annotated[
        str, typer.Option("--date", help="The date to map, YYYY-MM-DD.", show_default=False)
    ] = ...,  # type: ignore[assignment]
    output: Annotated[
        str | None,
        typer.Option("-o", "--output", help="The HTML file to write ('-': standard output)."),
    ] = None,
    embed: Annotated[
        bool,
        typer.Option("--embed", help="Write a compact <iframe srcdoc> fragment that fills its "
                     "container's width, to paste into a page."),
    ] = False,
    height: Annotated[
        str | None,
        typer.Option("--height", help="Height of the --embed frame (CSS length: 480px, 60vh)."),
    ] = None,
    aspect: Annotated[
        str | None,
        typer.Option("--aspect", help="Shape of the --embed frame, width:height (default 4:3)."),
    ] = None,
    png: Annotated[
        str | None, typer.Option("--png", help="Also write a static PNG map ('-': stdout).")
    ] = None,
    svg: Annotated[
        str | None, typer.Option("--svg", help="Also write a static SVG map ('-': stdout).")
    ] = None,
    tiles: Annotated[
        str | None,
        typer.Option(
            "--tiles",
            help="A web tile layer: a provider name (OpenStreetMap, OpenTopoMap...) or a URL "
            "https://.../{z}/{x}/{y}.png with --attribution; the page then needs the network. "
            "Default: inlined borders and rivers, offline.",
        ),
    ] = None,
    attribution: Annotated[
        str | None,
        typer.Option("--attribution", help="Credit for --tiles (required with a tile URL)."),
    ] = None,
    events_file: EventsOpt = None,
    no_history: NoHistoryOpt = False,
    manifest: ManifestOpt = None,
    force: ForceOpt = False,
    country: CountryOpt = None,
) -> None:
    """Map who holds what on --date: areas per side, names, and the last 30 days' changes.

    The page is self-contained (Leaflet inlined, no network needed). The date is computed once
    and drawn by every output asked for (-o, --png, --svg). The map covers Syria and Iraq;
    --country SY or IQ limits it (areas, places, changes, legend) to one.

    Problems met reading the articles go to standard error; they do not stop the map.
    """
    from geo.frame import make_frame
    from geo.io import atomic_write_bytes, atomic_write_text, check_writable
    from geo.pipeline import load_corpus
    from geo.render import embed_size, frame_page, resolve_tiles, static_bytes
    from geo.static import format_of
    from geo.territory import TerritoryModel, check_country

    with cli_errors():
        only = check_country(country)
        when = parse_day(day, "--date")
        if output is None and png is None and svg is None:
            raise InputError("nothing to write: give -o FILE.html, --png FILE or --svg FILE")
        targets = [t for t in (output, png, svg) if t is not None]
        if targets.count(STDOUT) > 1:
            raise InputError("only one output can go to standard output ('-')")
        if (height is not None or aspect is not None) and not embed:
            raise InputError("--height and --aspect: only with --embed")
        if embed:
            embed_size(height, aspect)
        resolve_tiles(tiles, attribution)
        for target, fmt in ((png, "png"), (svg, "svg")):
            if target is not None and target != STDOUT:
                format_of(Path(target), fmt)
        for target in targets:
            if target != STDOUT:
                check_writable(Path(target), force)
        corpus = load_corpus(corpus_paths(paths), manifest=manifest, events_file=events_file,
                             history=not no_history)
        report_problems(corpus.problems)
        model = TerritoryModel.for_gazetteer(corpus.gazetteer, only)
        frame = make_frame(corpus, when, model=model)
        if output is not None:
            text = frame_page(
                frame, embed=embed, tiles=tiles, attribution=attribution, height=height,
                aspect=aspect,
            )
            kind = "fragment" if embed else "map"
            if output == STDOUT:
                write_stdout(text)
            else:
                atomic_write_text(output, text, force=force)
                echo(
                    f"wrote {kind} of {when.isoformat()} to {output} "
                    f"({Path(output).stat().st_size:,} bytes)",
                    err=True,
                )
        for target, fmt in ((png, "png"), (svg, "svg")):
            if target is None:
                continue
            data = static_bytes(frame, fmt)
            if target == STDOUT:
                write_stdout(data)
            else:
                atomic_write_bytes(target, data, force=True)
                echo(f"wrote {fmt} map of {when.isoformat()} to {target}", err=True)


def register(app: typer.Typer) -> None:
    """Add ``geo map`` to ``app``."""
    app.command("map")(map_command)

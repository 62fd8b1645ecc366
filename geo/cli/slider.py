"""``geo slider``: one offline page with a date slider over the whole corpus."""

from __future__ import annotations

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
    echo,
    report_problems,
)
from geo.cli.maps import parse_day


def slider_command(
    paths: PathsArg = None,
    output: Annotated[
        str,
        typer.Option(
            "-o", "--output", help="The HTML file to write ('-': standard output).",
            show_default=False,
        ),
    ] = ...,  # type: ignore[assignment]
    start: Annotated[
        str | None, typer.Option("--from", help="First date, YYYY-MM-DD (default: first event).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last date, YYYY-MM-DD (default: last event).")
    ] = None,
    step: Annotated[
        str,
        typer.Option("--step", help="Dates: every event date, or a day/week/month calendar."),
    ] = "event",
    tiles: Annotated[
        str | None,
        typer.Option("--tiles", help="A web tile layer: provider name or URL (with "
                     "--attribution); the page then needs the network."),
    ] = None,
    attribution: Annotated[
        str | None, typer.Option("--attribution", help="Credit for --tiles.")
    ] = None,
    events_file: EventsOpt = None,
    no_history: NoHistoryOpt = False,
    manifest: ManifestOpt = None,
    force: ForceOpt = False,
    country: CountryOpt = None,
) -> None:
    """Write one self-contained page to step through control over time with a date slider.

    Play/pause, arrow keys, a layer per side and the changes of each date with their sources.
    --step event (default) puts every event date on the slider; day, week or month a calendar
    between --from and --to. Syria and Iraq by default; --country SY or IQ for one.
    """
    from geo.cli.maps import STDOUT, write_stdout
    from geo.io import check_writable
    from geo.page import resolve_tiles
    from geo.pipeline import load_corpus
    from geo.slider import STEPS, slider_page, write_slider
    from geo.territory import TerritoryModel, check_country

    with cli_errors():
        only = check_country(country)
        first = parse_day(start, "--from") if start is not None else None
        last = parse_day(end, "--to") if end is not None else None
        if step not in STEPS:
            from geo.errors import InputError

            raise InputError(f"--step: expected one of {', '.join(STEPS)}, got {step!r}")
        resolve_tiles(tiles, attribution)
        if output != STDOUT:
            check_writable(Path(output), force)
        corpus = load_corpus(corpus_paths(paths), manifest=manifest, events_file=events_file,
                             history=not no_history)
        report_problems(corpus.problems)
        model = TerritoryModel.for_gazetteer(corpus.gazetteer, only)
        if output == STDOUT:
            page, stats = slider_page(
                corpus, start=first, end=last, step=step, model=model, tiles=tiles,
                attribution=attribution,
            )
            write_stdout(page)
            return
        stats = write_slider(
            corpus, output, force=force, start=first, end=last, step=step, model=model,
            tiles=tiles, attribution=attribution,
        )
        echo(
            f"wrote slider to {output} ({Path(output).stat().st_size:,} bytes): {stats.steps} "
            f"dates, {stats.cells} pieces of ground, {stats.changes} changes of side, "
            f"{stats.events} events"
        )


def register(app: typer.Typer) -> None:
    """Add ``geo slider`` to ``app``."""
    app.command("slider")(slider_command)

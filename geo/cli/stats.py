"""The ``geo stats`` command: the ground each side holds on every event date."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from geo.cli.common import (
    CountryOpt,
    ManifestOpt,
    NoHistoryOpt,
    PathsArg,
    StrictOpt,
    check_day,
    cli_errors,
    corpus_paths,
    echo,
    echo_data,
    report_problems,
)

if TYPE_CHECKING:
    from geo.territory import StatRow

def format_table(rows: list[StatRow]) -> str:
    """Return ``rows`` as an aligned text table (area in km², share in per cent)."""
    header = ("date", "country", "controller", "area_km2", "share", "places")
    cells = [
        (r.date.isoformat(), r.country, r.controller, f"{r.area_km2:,.0f}",
         f"{100 * r.share:.1f} %", str(r.places))
        for r in rows
    ]
    widths = [max([len(h)] + [len(c[i]) for c in cells]) for i, h in enumerate(header)]
    right = (False, False, False, True, True, True)

    def line(values: tuple[str, ...]) -> str:
        return "  ".join(
            v.rjust(w) if r else v.ljust(w) for v, w, r in zip(values, widths, right, strict=True)
        ).rstrip()

    return "\n".join([line(header), *(line(c) for c in cells)]) + "\n"


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""

    @app.command("stats")
    def stats_command(
        paths: PathsArg = None,
        manifest: ManifestOpt = None,
        events: Annotated[
            Path | None,
            typer.Option("--events", help="Reviewed events file (geo extract output) to use "
                         "instead of extracting.", dir_okay=False, exists=True),
        ] = None,
        start: Annotated[
            datetime | None,
            typer.Option("--from", formats=["%Y-%m-%d"], help="First date (YYYY-MM-DD).",
                         show_default=False),
        ] = None,
        end: Annotated[
            datetime | None,
            typer.Option("--to", formats=["%Y-%m-%d"], help="Last date (YYYY-MM-DD).",
                         show_default=False),
        ] = None,
        fmt: Annotated[
            str, typer.Option("--format", help="Output format: table or csv.")
        ] = "table",
        plot: Annotated[
            Path | None,
            typer.Option("--plot", help="Also draw a stacked area chart (.png, .svg or .pdf).",
                         dir_okay=False),
        ] = None,
        output: Annotated[
            Path | None,
            typer.Option("--output", "-o", help="Write the statistics here instead of stdout "
                         "('-': stdout).", dir_okay=False),
        ] = None,
        force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
        strict: StrictOpt = False,
        country: CountryOpt = None,
        no_history: NoHistoryOpt = False,
        days: Annotated[
            list[datetime] | None,
            typer.Option("--date", "-d", formats=["%Y-%m-%d"],
                         help="Also this date (YYYY-MM-DD); repeat for several.",
                         show_default=False),
        ] = None,
    ) -> None:
        """Area (km²) and share each side holds in Syria and Iraq on every event date and --date.

        One row per date, area measured (SY+IQ for both countries, then SY and IQ) and side
        holding ground, then contested and unknown (no clear control). --country limits the
        rows to one country. --plot draws the area measured as a whole.
        Standard error counts, per date, the places whose state is uncertain (read backwards
        from later evidence, or resting on evidence more than 180 days away), and warns of a
        date outside the evidence loaded.
        """
        from geo.errors import InputError
        from geo.io import atomic_write_text, check_writable
        from geo.pipeline import load_corpus
        from geo.territory import (
            TerritoryModel,
            check_country,
            format_stats_csv,
            plot_stats,
            stats,
            theatre_name,
        )

        with cli_errors():
            only = check_country(country)
            if fmt not in ("table", "csv"):
                raise InputError(f"--format: expected table or csv, got {fmt!r}")
            first: date | None = check_day(start.date(), "--from") if start else None
            last: date | None = check_day(end.date(), "--to") if end else None
            if first and last and first > last:
                raise InputError(f"--from {first} is after --to {last}")
            if output is not None and str(output) == "-":
                output = None
            for target in (output, plot):
                if target is not None:
                    check_writable(target, force)
            corpus = load_corpus(corpus_paths(paths), manifest=manifest, events_file=events,
                                 history=not no_history)
            problems = report_problems(corpus.problems)
            if strict and problems:
                raise InputError(f"{problems} input problem(s) and --strict given")
            asked = {d.date() for d in days or ()}
            dates = sorted(asked | {
                d for d in corpus.timeline.event_dates()
                if (first is None or d >= first) and (last is None or d <= last)
            })
            if not dates:
                echo("warning: no event dates in the range asked", err=True)
            model = TerritoryModel.for_gazetteer(corpus.gazetteer, only)
            rows = stats(corpus.timeline, model, dates, by_country=True)
            for day in dates:
                warning = corpus.timeline.outside_evidence(day)
                if warning:
                    echo(f"warning: {warning}", err=True)
                uncertain, known = corpus.timeline.uncertain_count(day)
                echo(f"{day}: {uncertain} of {known} places with a known side are uncertain",
                     err=True)
            text = format_stats_csv(rows) if fmt == "csv" else format_table(rows)
            if output is not None:
                atomic_write_text(output, text, force=True)
                echo(f"wrote {output} ({len(dates)} dates, {len(rows)} rows)", err=True)
            else:
                echo_data(text) if fmt == "csv" else echo(text, nl=False)
            if plot is not None:
                whole = "+".join(model.countries)
                plot_stats([r for r in rows if r.country == whole], plot, force=True,
                           title=f"Share of {theatre_name(model.countries)} held by each side")
                echo(f"wrote {plot}", err=True)

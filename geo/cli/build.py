"""The ``geo build`` command: the whole pipeline into one folder of pages."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from geo.cli.common import (
    JobsOpt,
    ManifestOpt,
    NoHistoryOpt,
    PathsArg,
    cli_errors,
    corpus_paths,
    echo,
    report_problems,
    stdout_is_terminal,
)


def build_command(
    paths: PathsArg = None,
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder to write into.",
                                      file_okay=False)] = Path("maps"),
    manifest: ManifestOpt = None,
    events: Annotated[Path | None, typer.Option("--events", help="Reviewed events file to use "
                                                "instead of extracting.", exists=True,
                                                dir_okay=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing outputs.")] = False,
    no_history: NoHistoryOpt = False,
    jobs: JobsOpt = None,
    days: Annotated[
        list[datetime] | None,
        typer.Option("--date", "-d", formats=["%Y-%m-%d"],
                     help="Also a map page for this date (YYYY-MM-DD); repeat for several.",
                     show_default=False),
    ] = None,
    every: Annotated[str, typer.Option(
        "--every", help="A map page for each 'event' date of your articles, or one a 'month' "
        "(for large corpora: the slider still steps through every event date).")] = "event",
) -> None:
    """Run the whole pipeline: events, maps, stats, slider and index pages.

    A map page for each event date of your articles (or one a month with --every month) and each
    --date (the history's dates are on the slider, a month a step, not a page each). The pages
    share Leaflet and the base map in map-assets/ beside them; keep the folder whole.
    """
    from rich.console import Console
    from rich.progress import Progress

    from geo.build import build
    from geo.parallel import resolve_jobs

    console = Console(stderr=True)
    with cli_errors(), Progress(console=console, transient=True,
                                disable=not stdout_is_terminal()) as bar:
        task = bar.add_task("maps", total=None)

        def progress(step: str, done: int, total: int) -> None:
            bar.update(task, description=step, completed=done, total=total)

        summary = build(corpus_paths(paths), out, manifest=manifest, events_file=events,
                        force=force, progress=progress, history=not no_history,
                        jobs=resolve_jobs(jobs),
                        dates=[d.date() for d in days or ()], every=every)
    report_problems(summary.problems, report=out / "report.csv")
    echo(
        f"{summary.documents} documents ({summary.undated} undated), {summary.events} events, "
        f"{summary.unresolved} unresolved place names, {len(summary.problems)} problems "
        f"(see {out / 'report.csv'}); {len(summary.dates)} map pages, "
        f"{len(summary.written)} files written to {out}/ (open {out / 'index.html'})"
    )


def register(app: typer.Typer) -> None:
    """Add ``geo build`` to ``app``."""
    app.command("build")(build_command)

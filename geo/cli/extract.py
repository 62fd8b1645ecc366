"""The ``geo extract`` command: control-change events from articles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from geo.cli.common import (
    JobsOpt,
    ManifestOpt,
    PathsArg,
    cli_errors,
    corpus_paths,
    echo,
    echo_data,
    report_problems,
)


def register(app: typer.Typer) -> None:
    """Add this module's commands to ``app``."""
    app.command("extract")(extract)


def extract(
    paths: PathsArg = None,
    output: Annotated[
        str,
        typer.Option("--output", "-o", help="Events file: .csv or .json; '-' writes CSV to "
                     "standard output.", show_default=True),
    ] = "-",
    merged: Annotated[
        bool,
        typer.Option("--merged", help="Merge the reports of one change into one event "
                     "(doc_id lists the documents, ';'-separated)."),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite existing output files.")
    ] = False,
    report: Annotated[
        Path | None,
        typer.Option("--report", help="Write every problem (undated documents, unresolved "
                     "places...) to this text file, one a line.", dir_okay=False),
    ] = None,
    manifest: ManifestOpt = None,
    jobs: JobsOpt = None,
    dask: Annotated[
        str | None,
        typer.Option("--dask", help="Extract on a Dask cluster: its scheduler address "
                     "(tcp://host:8786), or 'local' for worker processes on this machine "
                     "(--jobs of them). PATHS may be glob patterns; every worker must see them "
                     "at the same path.", show_default=False),
    ] = None,
    partitions: Annotated[
        int | None,
        typer.Option("--partitions", min=1, help="With --dask: tasks to cut the files into "
                     "(default: four per worker).", show_default=False),
    ] = None,
) -> None:
    """Extract who took which place from whom, and when, with the sentence that says so.

    One row per report by default (the same change in three articles: three rows);
    --merged writes one row per change. Problems go to standard error (unresolved places
    only as a count); --report FILE writes every problem to a file instead. --jobs and --dask
    spread the documents over processes or machines; the events written are the same.
    """
    from geo.extract import merge_events, report_lines, write_events
    from geo.gazetteer import Gazetteer
    from geo.io import atomic_write_text, check_writable
    from geo.parallel import extract_files, resolve_jobs

    with cli_errors():
        if output != "-":
            check_writable(Path(output), force)
        if report is not None:
            check_writable(report, force)
        if dask is not None:
            from geo.cluster import extract_on_cluster

            result, count, problems = extract_on_cluster(
                corpus_paths(paths), dask, manifest=manifest, partitions=partitions,
                workers=jobs)
        else:
            result, count, problems = extract_files(corpus_paths(paths), Gazetteer.load(),
                                                    manifest=manifest, jobs=resolve_jobs(jobs))
        events = merge_events(result.events) if merged else result.events
        problems = [*problems, *result.problems]
        text = write_events(events, output, force=force)
        if output == "-":
            echo_data(text)
        if report is not None:
            atomic_write_text(report, report_lines(problems), force=force)
        else:
            shown = [p for p in problems if p.field != "place"]
            report_problems(shown)
        echo(
            f"{len(events)} events from {count} documents; "
            f"{len(result.observations)} observations; {len(problems)} problems"
            + (f" (see {report})" if report is not None else ""),
            err=True,
        )

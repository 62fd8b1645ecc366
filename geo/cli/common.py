"""Options, output and error handling shared by the ``geo`` commands."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from geo.errors import GeoError, Problem

DEFAULT_CORPUS = Path("seeds")

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Article files or directories (default: seeds/).", show_default=False),
]
ManifestOpt = Annotated[
    Path | None,
    typer.Option("--manifest", help="CSV of publication dates, outlets, urls and titles.",
                 dir_okay=False),
]
EventsOpt = Annotated[
    Path | None,
    typer.Option("--events", help="Reviewed events CSV (geo extract) instead of extracting.",
                 dir_okay=False, exists=True),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite existing files.")]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Make any input problem fatal.")]
CountryOpt = Annotated[
    str | None,
    typer.Option("--country", help="Only this country: SY (Syria) or IQ (Iraq). Default: both.",
                 show_default=False),
]


def corpus_paths(paths: list[Path] | None) -> list[Path]:
    """Return the corpus paths given, or the default ``seeds/``."""
    return list(paths) if paths else [DEFAULT_CORPUS]


def report_problems(problems: Iterable[Problem], *, what: str = "problem") -> int:
    """Print each problem on standard error; return how many there were."""
    count = 0
    for problem in problems:
        typer.echo(f"{what}: {problem}", err=True)
        count += 1
    return count


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn the library's errors into one line on standard error and exit code 2."""
    try:
        yield
    except GeoError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from None


def stdout_is_terminal() -> bool:
    """Whether standard output is an interactive terminal (progress bars only then)."""
    return sys.stdout.isatty()

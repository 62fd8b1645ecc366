"""Options, output and error handling shared by the ``geo`` commands."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from geo.errors import GeoError, InputError, Problem
from geo.models import DATE_YEARS

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
NoHistoryOpt = Annotated[
    bool,
    typer.Option("--no-history", help="Leave out the shipped history (events read from the "
                 "Wikipedia chronicles) beneath the articles."),
]
ForceOpt = Annotated[bool, typer.Option("--force", help="Overwrite existing files.")]
JobsOpt = Annotated[
    int | None,
    typer.Option("--jobs", "-j", help="Worker processes for extraction (default: every core; "
                 "1: this process only). The output is the same for any number.",
                 show_default=False),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Make any input problem fatal.")]
CountryOpt = Annotated[
    str | None,
    typer.Option("--country", help="Only this country: SY (Syria) or IQ (Iraq). Default: both.",
                 show_default=False),
]


def parse_day(value: str, option: str, *, month_ok: bool = False) -> date:
    """Parse ``YYYY-MM-DD`` for ``option`` (with ``month_ok``, ``YYYY-MM`` too: the 15th).

    Raises:
        InputError: Not a date, or a year outside :data:`DATE_YEARS` (a date far outside the
            wars is a typo, and one at the end of the calendar breaks date arithmetic).
    """
    text = value.strip()
    try:
        day = date.fromisoformat(f"{text}-15" if month_ok and len(text) == 7 else text)
    except ValueError:
        raise InputError(f"{option}: {value!r} is not a date (YYYY-MM-DD)") from None
    return check_day(day, option)


def check_day(day: date, option: str) -> date:
    """Return ``day`` when its year is within :data:`DATE_YEARS`, else raise InputError."""
    low, high = DATE_YEARS
    if not low <= day.year <= high:
        raise InputError(f"{option}: {day.isoformat()} is out of range (years {low} to {high})")
    return day


def corpus_paths(paths: list[Path] | None) -> list[Path]:
    """Return the corpus paths given, or the default ``seeds/``."""
    return list(paths) if paths else [DEFAULT_CORPUS]


#: Characters a terminal may act on: C0 controls but tab and newline, DEL, C1 controls (CSI...),
#: and the bidirectional overrides and isolates that reorder what is shown.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: object) -> str:
    r"""Return ``text`` safe to print on a terminal: every control character escaped.

    File names, titles and sentences come from other people: an escape sequence in one could
    clear the screen, retitle the window or hide text. ``a\x1b[2Jb`` prints as ``a\x1b[2Jb``
    (backslash, x, 1, b); tabs and newlines are kept.
    """
    return _UNSAFE.sub(_escape, str(text))


def echo(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """Print a message that may hold untrusted text (names, titles): through :func:`shown`."""
    typer.echo(shown(message), err=err, nl=nl)


def echo_data(text: str) -> None:
    """Print CSV or JSON output: as it is into a pipe or file, escaped on a terminal."""
    typer.echo(shown(text) if stdout_is_terminal() else text, nl=False)


#: How many problems of one kind are printed one by one; more are summed up in one line.
SHOWN_PER_KIND = 5
_VARIABLE = re.compile(r"'[^']*'|\"[^\"]*\"|\d+(?:[.,]\d+)*")


def problem_kind(problem: Problem) -> tuple[str, str]:
    """The kind of a problem: its field and its message with the particulars taken out.

    Quoted names and numbers become ``…``, and so do the parts of the message (split at
    ``": "``) that are a single word (a document id) or, after the first part, a sentence.
    """
    def blank(match: re.Match[str]) -> str:
        quote = match.group()[0]
        return f"{quote}…{quote}" if quote in "'\"" else "…"

    parts = problem.message.split(": ")
    parts = [
        "…" if (" " not in part and len(parts) > 1) or (k and len(part) > 60) else part
        for k, part in enumerate(parts)
    ]
    return problem.field or "", _VARIABLE.sub(blank, ": ".join(parts))


def report_problems(
    problems: Iterable[Problem], *, what: str = "problem", report: Path | str | None = None
) -> int:
    """Print the problems on standard error, repeated kinds summed up; return how many.

    Kinds (see :func:`problem_kind`) come in the order first met. A kind met at most
    :data:`SHOWN_PER_KIND` times is printed in full. A kind met more often is one line with its
    count when ``report`` (the file listing every problem) is given::

        problem: 9,000 files or documents: place: no place of the gazetteer is named
        (all 9,000 listed in maps/report.csv)

    and otherwise its first :data:`SHOWN_PER_KIND` problems and a line with how many more.
    """
    items = list(problems)
    kinds: dict[tuple[str, str], list[Problem]] = {}
    for problem in items:
        kinds.setdefault(problem_kind(problem), []).append(problem)
    for (field, template), group in kinds.items():
        label = f"{field}: {template}" if field else template
        if len(group) > SHOWN_PER_KIND and report is not None:
            files = len({p.file for p in group})
            echo(f"{what}: {files:,} files or documents: {label} "
                 f"(all {len(group):,} listed in {report})", err=True)
            continue
        for problem in group[:SHOWN_PER_KIND]:
            echo(f"{what}: {problem}", err=True)
        if len(group) > SHOWN_PER_KIND:
            echo(f"{what}: and {len(group) - SHOWN_PER_KIND:,} more: {label}", err=True)
    return len(items)


@contextmanager
def cli_errors() -> Iterator[None]:
    """Turn the library's errors into one line on standard error and exit code 2."""
    try:
        yield
    except GeoError as error:
        echo(f"error: {error}", err=True)
        raise typer.Exit(code=2) from None


def stdout_is_terminal() -> bool:
    """Whether standard output is an interactive terminal (progress bars only then)."""
    return sys.stdout.isatty()

"""``geo build``: the whole pipeline on a corpus, into one folder a reader can open.

Writes ``events.csv`` (merged events), ``report.csv`` (every problem met: unreadable files,
undated documents, unresolved places), one map per event date (``YYYY-MM-DD.html``),
``stats.csv`` and ``stats.png``, ``slider.html`` and ``index.html`` linking them all.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from geo.errors import InputError, OutputExistsError, Problem

#: Outputs besides the per-date maps, in the order they are written.
FIXED_OUTPUTS = ("events.csv", "report.csv", "stats.csv", "stats.png", "slider.html", "index.html")
REPORT_COLUMNS = ("file", "line", "field", "message")

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildSummary:
    """What a build read and wrote.

    Attributes:
        documents: Documents read.
        undated: Documents with no publication date.
        events: Merged events.
        unresolved: Place names that did not resolve.
        problems: Every problem met (also in ``report.csv``).
        dates: The event dates that got a map page.
        written: Every file written, in order.
    """

    documents: int
    undated: int
    events: int
    unresolved: int
    problems: tuple[Problem, ...]
    dates: tuple[date, ...]
    written: tuple[Path, ...] = field(default=())


def format_report(problems: Sequence[Problem]) -> str:
    """Return the problems as CSV (``file, line, field, message``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(REPORT_COLUMNS)
    for problem in problems:
        writer.writerow(
            [problem.file, "" if problem.line is None else problem.line, problem.field or "",
             problem.message]
        )
    return buffer.getvalue()


def build(
    paths: Sequence[Path | str],
    out_dir: Path | str,
    *,
    manifest: Path | None = None,
    events_file: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
    jobs: int | None = 1,
) -> BuildSummary:
    """Run the whole pipeline on ``paths`` and write every output into ``out_dir``.

    Nothing is written when any output exists and ``force`` is false: the check is made for
    every file first, so a refused build leaves the folder as it was. Each file is written
    atomically.

    Args:
        paths: Article files and directories.
        out_dir: The folder to write into (created when missing).
        manifest: A manifest overriding dates, outlets, urls and titles.
        events_file: A reviewed events file used instead of extracting.
        force: Overwrite existing outputs.
        progress: Called as ``progress(step, done, total)`` while map pages are written.
        jobs: Worker processes for extraction (``None``: every core); the outputs are the
            same for any number.

    Returns:
        A summary of what was read and written.

    Raises:
        OutputExistsError: An output exists and ``force`` is false.
        InputError: ``out_dir`` is a file.
    """
    from geo.extract import write_events
    from geo.io import atomic_write_text, check_writable
    from geo.pipeline import load_corpus
    from geo.render import render_index, write_map
    from geo.slider import write_slider
    from geo.territory import TerritoryModel, plot_stats, stats, write_stats_csv

    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: not a folder")
    corpus = load_corpus(paths, manifest=manifest, events_file=events_file, jobs=jobs)
    dates = corpus.timeline.event_dates()
    pages = [out / f"{day.isoformat()}.html" for day in dates]
    existing = [p for p in [*(out / name for name in FIXED_OUTPUTS), *pages] if p.exists()]
    if existing and not force:
        shown = ", ".join(p.name for p in existing[:3]) + (" ..." if len(existing) > 3 else "")
        raise OutputExistsError(
            f"{out}: {len(existing)} output(s) exist ({shown}); use --force to overwrite them"
        )
    for path in existing:
        check_writable(path, force)

    written: list[Path] = []
    write_events(corpus.events, out / "events.csv", force=True)
    written.append(out / "events.csv")
    written.append(atomic_write_text(out / "report.csv", format_report(corpus.problems)))
    model = TerritoryModel.for_gazetteer(corpus.gazetteer)
    for done, (day, page) in enumerate(zip(dates, pages, strict=True)):
        if progress:
            progress("maps", done, len(dates))
        written.append(write_map(day, corpus, page, force=True, model=model))
    if progress:
        progress("maps", len(dates), len(dates))
    rows = stats(corpus.timeline, model, dates)
    written.append(write_stats_csv(rows, out / "stats.csv", force=True))
    links = [("events (CSV)", "events.csv"), ("problems (CSV)", "report.csv"),
             ("areas per side (CSV)", "stats.csv")]
    if rows:
        written.append(plot_stats(rows, out / "stats.png", force=True))
        links.append(("areas per side (chart)", "stats.png"))
    write_slider(corpus, out / "slider.html", force=True, model=model)
    written.append(out / "slider.html")
    index = render_index(corpus, dates, slider_href="slider.html", links=links)
    written.append(atomic_write_text(out / "index.html", index))
    return BuildSummary(
        documents=len(corpus.documents),
        undated=sum(1 for d in corpus.documents if d.published is None),
        events=len(corpus.events),
        unresolved=sum(1 for p in corpus.problems if "unresolved" in p.message),
        problems=tuple(corpus.problems),
        dates=tuple(dates),
        written=tuple(written),
    )


__all__ = ["FIXED_OUTPUTS", "BuildSummary", "build", "format_report"]

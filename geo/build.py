"""``geo build``: the whole pipeline on a corpus, into one folder a reader can open.

Writes ``events.csv`` (merged events), ``report.csv`` (every problem met: unreadable files,
undated documents, unresolved places), one map per event date (``YYYY-MM-DD.html``),
``stats.csv`` and ``stats.png``, ``slider.html`` and ``index.html`` linking them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from geo.errors import InputError, Problem

if TYPE_CHECKING:
    from geo.gazetteer import Gazetteer

#: Outputs besides the per-date maps, in the order they are written.
FIXED_OUTPUTS = ("events.csv", "report.csv", "stats.csv", "stats.png", "slider.html", "index.html")
REPORT_COLUMNS = ("file", "line", "field", "message")
_PAGE = re.compile(r"\d{4}-\d{2}-\d{2}\.html")

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
    """Return the problems as CSV (``file, line, field, message``), safe for a spreadsheet."""
    from geo.io import csv_text

    return csv_text([REPORT_COLUMNS, *(
        (p.file, p.line, p.field, p.message) for p in problems
    )])


def is_build_output(name: str) -> bool:
    """Whether ``name`` is a file ``geo build`` writes (a fixed output or a dated map page).

    Anything else found in the output folder (a README, the user's notes) is kept across builds.
    """
    return name in FIXED_OUTPUTS or _PAGE.fullmatch(name) is not None


def build(
    paths: Sequence[Path | str],
    out_dir: Path | str,
    *,
    manifest: Path | None = None,
    events_file: Path | None = None,
    force: bool = False,
    progress: Progress | None = None,
    history: bool = True,
    jobs: int | None = 1,
    dates: Sequence[date] = (),
    gazetteer: Gazetteer | None = None,
) -> BuildSummary:
    """Run the whole pipeline on ``paths`` and write every output into ``out_dir``.

    The output folder is checked (and locked) before any work: its parent must exist and be
    writable, and a second build into the same folder at the same time fails. The new outputs are
    written into a hidden folder beside ``out_dir`` and swapped in whole at the end
    (:func:`geo.io.replace_folder`): a reader never sees old and new files mixed, a build that
    fails or is killed leaves the previous output untouched, and old pages the new build does not
    write are removed. Files in ``out_dir`` that ``geo build`` never writes are kept.

    Args:
        paths: Article files and directories; each must exist.
        out_dir: The folder to write into (created when missing; its parent must exist).
        manifest: A manifest overriding dates, outlets, urls and titles.
        events_file: A reviewed events file used instead of extracting.
        force: Replace the outputs of an earlier build.
        history: Put the shipped history beneath the articles (:mod:`geo.history`).
        dates: More dates to draw a map page for, beside the user's event dates (the
            history's dates get none: they are on the slider).
        progress: Called as ``progress(step, done, total)`` while map pages are written.
        jobs: Worker processes for extraction (``None``: every core); the outputs are the
            same for any number.
        gazetteer: The gazetteer; the shipped one when ``None``.

    Returns:
        A summary of what was read and written.

    Raises:
        InputError: A path does not exist, or no document or no event was found.
        OutputExistsError: ``out_dir`` holds outputs and ``force`` is false.
        OutputError: ``out_dir`` cannot be written, or another build is writing it.
    """
    from geo.extract import write_events
    from geo.io import atomic_write_text, replace_folder
    from geo.pipeline import load_corpus
    from geo.render import render_index, write_map
    from geo.slider import write_slider
    from geo.territory import (
        TerritoryModel,
        plot_stats,
        stats,
        theatre_name,
        write_stats_csv,
    )

    for given in paths:
        if not Path(given).exists():
            raise InputError(f"{given}: no such file or folder")
    out = Path(out_dir)
    with replace_folder(out, force=force, owned=is_build_output) as work:
        corpus = load_corpus(paths, manifest=manifest, events_file=events_file,
                             history=history, jobs=jobs, gazetteer=gazetteer)
        if not corpus.documents and events_file is None:
            raise InputError(f"no article read from {', '.join(map(str, paths))}"
                             + "".join(f"; {p}" for p in corpus.problems[:3]))
        dates = sorted(set(corpus.timeline.event_dates()) | set(dates))
        if not dates:
            raise InputError(f"no control-change event in the {len(corpus.documents)} "
                             "document(s) read; nothing to map")
        written: list[str] = []
        write_events(corpus.events, work / "events.csv", force=True)
        written.append("events.csv")
        atomic_write_text(work / "report.csv", format_report(corpus.problems))
        written.append("report.csv")
        model = TerritoryModel.for_gazetteer(corpus.gazetteer)
        for done, day in enumerate(dates):
            if progress:
                progress("maps", done, len(dates))
            page = f"{day.isoformat()}.html"
            write_map(day, corpus, work / page, force=True, model=model)
            written.append(page)
        if progress:
            progress("maps", len(dates), len(dates))
        rows = stats(corpus.timeline, model, dates, by_country=True)
        write_stats_csv(rows, work / "stats.csv", force=True)
        written.append("stats.csv")
        links = [("events (CSV)", "events.csv"), ("problems (CSV)", "report.csv"),
                 ("areas per side (CSV)", "stats.csv")]
        if rows:
            whole = "+".join(model.countries)
            plot_stats([r for r in rows if r.country == whole], work / "stats.png", force=True,
                       title=f"Share of {theatre_name(model.countries)} held by each side")
            written.append("stats.png")
            links.append(("areas per side (chart)", "stats.png"))
        write_slider(corpus, work / "slider.html", force=True, model=model)
        written.append("slider.html")
        index = render_index(corpus, dates, slider_href="slider.html", links=links)
        atomic_write_text(work / "index.html", index)
        written.append("index.html")
    return BuildSummary(
        documents=len(corpus.documents),
        undated=sum(1 for d in corpus.documents if d.published is None),
        events=len(corpus.events),
        unresolved=sum(1 for p in corpus.problems if "unresolved" in p.message),
        problems=tuple(corpus.problems),
        dates=tuple(dates),
        written=tuple(out / name for name in written),
    )


__all__ = ["FIXED_OUTPUTS", "BuildSummary", "build", "format_report", "is_build_output"]

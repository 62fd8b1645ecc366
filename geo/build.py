"""``geo build``: the whole pipeline on a corpus, into one folder a reader can open.

Writes ``events.csv`` (merged events), ``report.csv`` (every problem met: unreadable files,
undated documents, unresolved places), one map per event date (``YYYY-MM-DD.html``; or one a
month with ``every="month"``), ``stats.csv`` and ``stats.png``, ``slider.html`` and
``index.html`` linking them all.

Each date is computed once (:func:`geo.frame.make_frames`): the same frames feed the map pages,
the slider and the stats; the slider keeps of each of its dates only the cells that changed
(:class:`geo.slider_cells.CellSteps`), so a build holds one date's states at a time. The map
pages share one copy of Leaflet, the map code, the base layer and the place table (names,
coordinates, kinds) in ``map-assets/`` beside them (loaded with ``<link>`` and ``<script src>``,
which work from a folder opened offline), so each page holds only its own date: the states of
the places, the areas, the changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from geo.errors import InputError, Problem

if TYPE_CHECKING:
    from geo.frame import Frame
    from geo.gazetteer import Gazetteer
    from geo.models import PlaceState
    from geo.territory import StatRow

#: Outputs besides the per-date maps, in the order they are written.
FIXED_OUTPUTS = ("events.csv", "report.csv", "stats.csv", "stats.png", "slider.html", "index.html",
                 "map-assets")
#: The folder of the files the map pages share (:func:`geo.render.shared_assets`).
ASSETS_DIR = "map-assets"
#: How often a build draws a map page: every event date of the user's articles, or monthly.
EVERY = ("event", "month")
REPORT_COLUMNS = ("file", "line", "field", "message")
_PAGE = re.compile(r"\d{4}-\d{2}-\d{2}\.html")

Progress = Callable[[str, int, int], None]


class _FrameStates:
    """``state_on`` from frames already made (for :func:`geo.territory.stats`)."""

    def __init__(self, frames: Mapping[date, Frame]) -> None:
        self._frames = frames

    def state_on(self, day: date) -> dict[str, PlaceState]:
        # the frame's own dict, not a copy: the territory model reuses what it computed for it
        states = self._frames[day].states
        return states if isinstance(states, dict) else dict(states)


def page_dates(event_dates: Sequence[date], every: str = "event",
               asked: Sequence[date] = ()) -> list[date]:
    """The dates that get a map page: each event date, or the first of each month.

    Args:
        event_dates: The dates of the user's events.
        every: ``event`` (a page per event date) or ``month`` (a page on the first of each
            month from the month of the first event to that of the last, and on the last event
            date); the slider shows every date either way.
        asked: Dates that get a page whatever ``every`` says (``--date``).

    Raises:
        InputError: An unknown ``every``.
    """
    if every not in EVERY:
        raise InputError(f"--every: expected one of {', '.join(EVERY)}, got {every!r}")
    days = sorted(set(event_dates))
    if every == "month" and days:
        from geo.slider import calendar_steps

        first = days[0].replace(day=1)
        days = [*calendar_steps(first, days[-1], "month"), days[-1]]
    return sorted(set(days) | set(asked))


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
    every: str = "event",
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
        every: ``event`` (a map page per event date of the articles) or ``month`` (a page a
            month: for large corpora; the slider still steps through every event date).
        progress: Called as ``progress(step, done, total)`` while map pages are written.
        jobs: Worker processes for extraction (``None``: every core); the outputs are the
            same for any number.
        gazetteer: The gazetteer; the shipped one when ``None``.

    Returns:
        A summary of what was read and written.

    Raises:
        InputError: A path does not exist, or no document or no event was found, or a bad
            ``every``.
        OutputExistsError: ``out_dir`` holds outputs and ``force`` is false.
        OutputError: ``out_dir`` cannot be written, or another build is writing it.
    """
    from geo.extract import write_events
    from geo.frame import frame_places, iter_frames
    from geo.io import atomic_write_text, replace_folder
    from geo.map_data import GeometryFiles
    from geo.pipeline import load_corpus
    from geo.render import render_index, shared_assets, write_map
    from geo.slider import corpus_steps, write_slider
    from geo.slider_cells import CellSteps
    from geo.territory import (
        TerritoryModel,
        plot_stats,
        stats,
        theatre_name,
        write_stats_csv,
    )

    page_dates((), every)  # a bad --every fails before the work
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
        dates = page_dates(corpus.timeline.event_dates(), every, dates)
        if not dates:
            raise InputError(f"no control-change event in the {len(corpus.documents)} "
                             "document(s) read; nothing to map")
        written: list[str] = []
        write_events(corpus.events, work / "events.csv", force=True)
        written.append("events.csv")
        atomic_write_text(work / "report.csv", format_report(corpus.problems))
        written.append("report.csv")
        model = TerritoryModel.for_gazetteer(corpus.gazetteer)
        steps = corpus_steps(corpus)  # sorted: the frames come in the same order
        pages, step_days = set(dates), set(steps)
        (work / ASSETS_DIR).mkdir()
        for name, text in shared_assets(frame_places(corpus, model)).items():
            atomic_write_text(work / ASSETS_DIR / name, text)
            written.append(f"{ASSETS_DIR}/{name}")
        geometry = GeometryFiles(work / ASSETS_DIR)  # each distinct area once, pages share it
        # each date computed once, one at a time: its page, its stats, and what the slider keeps
        first: dict[date, Frame] = {}
        cell_steps = CellSteps()
        rows: list[StatRow] = []
        done = 0
        for frame in iter_frames(corpus, sorted(pages | step_days), model=model):
            day = frame.day
            if day in pages:
                if progress:
                    progress("maps", done, len(dates))
                page = f"{day.isoformat()}.html"
                known = len(geometry.written)
                write_map(day, corpus, work / page, force=True, model=model, frame=frame,
                          assets=ASSETS_DIR, geometry=geometry)
                written += [f"{ASSETS_DIR}/{name}" for name in geometry.written[known:]]
                written.append(page)
                rows += stats(_FrameStates({day: frame}), model, [day], by_country=True)
                done += 1
            if day in step_days:  # the slider keeps the cells that changed and the first states
                first = first or {day: frame}
                cell_steps.add(frame.cell_controllers, frame.cell_uncertain, frame.tally)
        if progress:
            progress("maps", len(dates), len(dates))
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
        write_slider(corpus, work / "slider.html", force=True, model=model, frames=first,
                     cell_steps=cell_steps)
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


__all__ = ["ASSETS_DIR", "EVERY", "FIXED_OUTPUTS", "BuildSummary", "build", "format_report",
           "is_build_output", "page_dates"]

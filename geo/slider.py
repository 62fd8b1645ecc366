"""One offline page to step through the war with a date slider.

The page stores every piece of ground (:attr:`geo.territory.TerritoryModel.cells`: each place's
core and, where its reach grew, its ring; a piece never changes inside) once, the side of every
piece on the first date, and for each later date only the pieces that changed (``[cell, from,
to]`` triples). Moving the slider applies or reverts the diffs between the current and the target
date and restyles only those pieces, so a date switch costs the number of changes, not the size of
the map.

Geometry is stored compactly: coordinates as integers of :data:`QUANTUM` degrees (about 100 m),
each ring as its first point followed by deltas, after a Douglas-Peucker simplification of
:data:`SIMPLIFY_DEG`. The legend, the colours, the change popups and the escaping are those of
the per-date map (:mod:`geo.render`).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from geo.errors import InputError
from geo.io import atomic_write_text, check_writable
from geo.models import Event, Place, PlaceState
from geo.page import (
    LABEL_ZOOM,
    SYRIA_BOUNDS,
    SYRIA_CENTRE,
    SYRIA_ZOOM,
    UNCERTAIN_LABEL,
    DocumentTable,
    LegendEntry,
    attribution_html,
    base_layers,
    change_record,
    events_between,
    fit_bounds,
    label_order,
    label_rank,
    legend_html,
    page_assets,
    page_templates,
    resolve_tiles,
    script_json,
    sides_table,
    step_windows,
    template_text,
)
from geo.slider_cells import UNCERTAIN_SUFFIX, CellSteps, state_key  # noqa: F401 - re-exported

if TYPE_CHECKING:
    from geo.frame import Frame
    from geo.pipeline import Corpus
    from geo.territory import TerritoryModel

Step = Literal["event", "day", "week", "month"]
STEPS: tuple[str, ...] = ("event", "day", "week", "month")
#: The most dates a calendar slider may have (27 years of days): more would not fit in a page.
MAX_CALENDAR_DATES = 10_000

#: Coordinates are stored as integers of this many degrees (about 110 m of latitude).
QUANTUM = 1e-3
#: Simplification of the cells before quantising, in degrees (about 300 m).
SIMPLIFY_DEG = 0.003
#: Milliseconds per date when playing (the default speed).
PLAY_INTERVAL_MS = 700
#: The speeds a reader can choose, in milliseconds per date.
PLAY_SPEEDS_MS: tuple[int, ...] = (2000, 1000, 700, 400, 200)


@dataclass(frozen=True)
class SliderStats:
    """What a slider page holds (for benchmarks and the CLI summary).

    Attributes:
        steps: Number of dates on the slider.
        cells: Number of pieces of ground (cores and rings of the territory cells).
        changes: Number of changes of a piece's side stored over all dates.
        events: Number of events listed.
    """

    steps: int
    cells: int
    changes: int
    events: int


def calendar_steps(start: date, end: date, step: Step) -> list[date]:
    """Return the regular dates from ``start`` to ``end`` inclusive, every day, week or month.

    Monthly steps keep ``start``'s day of the month where the month has it (else its last day).

    Raises:
        InputError: ``end`` is before ``start`` or ``step`` is not day, week or month.
    """
    if end < start:
        raise InputError(f"--to {end.isoformat()} is before --from {start.isoformat()}")
    count = {"day": (end - start).days + 1, "week": (end - start).days // 7 + 1,
             "month": (end.year - start.year) * 12 + end.month - start.month + 1}.get(step, 0)
    if count > MAX_CALENDAR_DATES:
        raise InputError(
            f"--from {start.isoformat()} --to {end.isoformat()} by {step} gives {count:,} dates; "
            f"at most {MAX_CALENDAR_DATES:,}: give a shorter range or a longer --step"
        )
    out: list[date] = []
    if step in ("day", "week"):
        delta = timedelta(days=1 if step == "day" else 7)
        current = start
        while current <= end:
            out.append(current)
            if end - current < delta:  # also keeps clear of date.max
                break
            current += delta
        return out
    if step == "month":
        index = 0
        while True:
            month0 = start.month - 1 + index
            year, month = start.year + month0 // 12, month0 % 12 + 1
            if year > date.max.year:
                return out
            day = min(start.day, calendar.monthrange(year, month)[1])
            current = date(year, month, day)
            if current > end:
                return out
            out.append(current)
            index += 1
    raise InputError(f"--step: expected one of {', '.join(STEPS)}, got {step!r}")


def slider_steps(
    event_dates: Sequence[date],
    *,
    start: date | None = None,
    end: date | None = None,
    step: str = "event",
) -> list[date]:
    """Return the dates of the slider.

    Args:
        event_dates: Every date with a change (``Timeline.event_dates()``).
        start: First date (``--from``); the first event date when ``None``.
        end: Last date (``--to``); the last event date when ``None``.
        step: ``event`` (every event date between ``start`` and ``end``), or ``day``, ``week``,
            ``month`` for a regular calendar.

    Raises:
        InputError: Unknown step, ``end`` before ``start``, or no date at all (no event and no
            ``--from``/``--to`` to make a calendar from).
    """
    if step not in STEPS:
        raise InputError(f"--step: expected one of {', '.join(STEPS)}, got {step!r}")
    dates = sorted(set(event_dates))
    if start is not None and end is not None and end < start:
        raise InputError(f"--to {end.isoformat()} is before --from {start.isoformat()}")
    first = start if start is not None else (dates[0] if dates else end)
    last = end if end is not None else (dates[-1] if dates else start)
    if first is None or last is None:
        raise InputError("no event dates in the corpus; give --from and --to to make a calendar")
    if step == "event":
        chosen = [d for d in dates if first <= d <= last]
        if not chosen:
            if start is not None or end is not None:
                # No event in the window: the window's ends still make a (two-date) slider.
                return sorted({first, last})
            raise InputError("no event dates in the corpus; give --from and --to")
        return chosen
    return calendar_steps(first, last, step)  # type: ignore[arg-type]


def history_steps(
    history_dates: Sequence[date],
    event_dates: Sequence[date],
    *,
    start: date | None = None,
    end: date | None = None,
    step: str = "event",
) -> list[date]:
    """The slider's dates when the history lies beneath the user's events.

    The slider covers the whole range of both: by default (``event``) a step a month plus every
    date of the user's own events (a step per history date would be thousands); ``day``,
    ``week`` or ``month`` a calendar over the whole range. Without history dates, as
    :func:`slider_steps`.
    """
    if not history_dates or step not in STEPS:
        return slider_steps(event_dates, start=start, end=end, step=step)
    first = start or min([*history_dates, *event_dates])
    last = end or max([*history_dates, *event_dates])
    if last < first:
        return slider_steps(event_dates, start=start, end=end, step=step)
    if step == "event":
        return sorted(set(calendar_steps(first, last, "month")) | {last}
                      | {d for d in event_dates if first <= d <= last})
    return calendar_steps(first, last, step)  # type: ignore[arg-type]


def encode_geometry(geometry: Any) -> list[list[list[int]]]:
    """Return a (multi)polygon as polygons of rings of quantised, delta-encoded coordinates."""
    import shapely

    simple = geometry.simplify(SIMPLIFY_DEG, preserve_topology=True)
    polygons = []
    for part in shapely.get_parts(simple):
        if part.geom_type != "Polygon" or part.is_empty:
            continue
        rings = []
        for ring in (part.exterior, *part.interiors):
            flat: list[int] = []
            px = py = 0
            last: tuple[int, int] | None = None
            coords = list(ring.coords)[:-1]  # Leaflet closes rings itself
            for x, y in coords:
                qx, qy = round(x / QUANTUM), round(y / QUANTUM)
                if (qx, qy) == last:
                    continue
                flat.extend((qx - px, qy - py))
                px, py, last = qx, qy, (qx, qy)
            if len(flat) >= 6:
                rings.append(flat)
        if rings:
            polygons.append(rings)
    return polygons


def slider_payload(
    *,
    steps: Sequence[date],
    cell_steps: CellSteps,
    cells: Sequence[tuple[str, str, str, Any]],
    unreached: Any,
    events: Sequence[Event],
    corpus_documents: Any,
    places: dict[str, Place],
    first_states: dict[str, PlaceState],
    tiles: dict[str, str] | None = None,
    view: tuple[tuple[float, float], float] = (SYRIA_CENTRE, SYRIA_ZOOM),
    bounds: Sequence[Sequence[float]] = SYRIA_BOUNDS,
    not_applied: Mapping[str, str] | None = None,
) -> tuple[dict[str, Any], SliderStats]:
    """Assemble the data of the page (see the module docstring for the layout).

    Args:
        steps: The slider's dates.
        cell_steps: For each step, the state of every cell (same order as ``cells``) and the
            tally (``TerritoryModel.tally`` rows: the legend of that date).
        cells: ``(place_ids joined by ';', name, kind, geometry)`` per cell.
        unreached: The ground no place reaches (always no clear control), or ``None``.
        events: The corpus's events.
        corpus_documents: The corpus's documents.
        places: The gazetteer's places by id.
        first_states: The states on the first step (for the attribution line).
        tiles: A web tile layer (:func:`geo.page.resolve_tiles`), or ``None`` (offline).
        view: Centre (lat, lon) and zoom the page opens on (:meth:`TerritoryModel.view`).
        bounds: South-west and north-east corners the page fits to the window
            (:func:`geo.page.fit_bounds`).
        not_applied: Event id to why the timeline did not apply it; the changes panel shows
            those events as not applied.
    """
    if len(cell_steps) != len(steps):
        raise ValueError(f"{len(cell_steps)} dates of cells for {len(steps)} steps")
    legend_sides, keys, init, diffs, changed = cell_steps.payload()
    order = {s: i for i, s in enumerate(legend_sides)}
    docs = DocumentTable(corpus_documents)
    records: list[dict[str, Any]] = []
    per_step: list[list[int]] = []
    windows: list[str] = []
    for start, end in step_windows(steps):
        listed = []
        for event in events_between(events, start, end):
            listed.append(len(records))
            records.append(change_record(event, places, docs,
                                         (not_applied or {}).get(event.event_id)))
        per_step.append(listed)
        windows.append(
            f"on {end.isoformat()}"
            if start == end
            else f"from {start.isoformat()} to {end.isoformat()}"
        )
    legend_rows = [
        [
            [side, round(share * 100, 1), count]
            for side, _, share, count in rows
            if side in order and (count > 0 or share > 0)
        ]
        for rows in cell_steps.tallies
    ]
    from geo.page import geometry_json

    data = {
        "steps": [d.isoformat() for d in steps],
        "windows": windows,
        "start": 0,
        "interval": PLAY_INTERVAL_MS,
        "speeds": list(PLAY_SPEEDS_MS),
        "centre": list(view[0]),
        "zoom": view[1],
        "bounds": [list(bounds[0]), list(bounds[1])],
        "quantum": QUANTUM,
        "sides": sides_table(legend_sides),
        "sideIds": keys,
        "legendSides": legend_sides,
        "legend": legend_rows,
        "uncertainLabel": UNCERTAIN_LABEL,
        "cells": [encode_geometry(c[3]) for c in cells],
        "cellInfo": [[c[0], c[1], c[2]] for c in cells],
        "init": init,
        "diffs": diffs,
        "changes": per_step,
        "events": records,
        "docs": docs.rows,
        "docIndex": docs.index,
        "unreached": geometry_json(unreached, 3) if unreached is not None else None,
        "labels": _labels(places),
        "labelZoom": list(LABEL_ZOOM.values()),
        "base": base_layers(),
        "attribution": attribution_html(places.values(), first_states.values()),
        "tiles": tiles,
    }
    return data, SliderStats(len(steps), len(cells), changed, len(records))


def _labels(places: Mapping[str, Place]) -> list[list[Any]]:
    """Place names for the page, most important first: ``[lat, lon, name, rank]``."""
    return [
        [round(p.lat, 3), round(p.lon, 3), p.name, label_rank(p)]
        for p in label_order(places.values())
    ]


def render_slider(
    corpus: Corpus,
    *,
    start: date | None = None,
    end: date | None = None,
    step: str = "event",
    model: TerritoryModel | None = None,
    title: str | None = None,
    tiles: str | None = None,
    attribution: str | None = None,
) -> str:
    """Return the slider page: every date of the corpus on one self-contained, offline page.

    Args:
        corpus: The corpus (:func:`geo.pipeline.load_corpus`).
        start: First date (``--from``); the first event date when ``None``.
        end: Last date (``--to``); the last event date when ``None``.
        step: ``event`` (every event date, the default; with the history, the whole range of
            the history a month a step plus every event date of the user's), ``day``, ``week``
            or ``month``.
        model: The territory model; the corpus gazetteer's shared one when ``None``.
        title: The page title ("Control of territory in Syria and Iraq" by default, or the
            model's one country).
        tiles: A web tile layer (:func:`geo.page.resolve_tiles`); ``None`` keeps it offline.
        attribution: Credit for ``tiles``.

    Returns:
        The HTML page (Leaflet inlined; article text escaped; byte-identical for the same input).

    Raises:
        InputError: Bad ``step``, dates or tiles, or no date to show.
    """
    return slider_page(
        corpus, start=start, end=end, step=step, model=model, title=title, tiles=tiles,
        attribution=attribution,
    )[0]


def corpus_steps(
    corpus: Corpus,
    *,
    start: date | None = None,
    end: date | None = None,
    step: str = "event",
) -> list[date]:
    """The slider's dates for ``corpus`` (:func:`history_steps` of its history and events).

    Raises:
        InputError: As :func:`slider_steps`.
    """
    timeline = corpus.timeline
    event_dates = (
        list(timeline.event_dates())
        if hasattr(timeline, "event_dates")
        else [e.date for e in corpus.events]
    )
    history = [e.date for e in getattr(corpus, "history", [])]
    return history_steps(history, event_dates, start=start, end=end, step=step)


def slider_page(
    corpus: Corpus,
    *,
    start: date | None = None,
    end: date | None = None,
    step: str = "event",
    model: TerritoryModel | None = None,
    title: str | None = None,
    tiles: str | None = None,
    attribution: str | None = None,
    frames: Mapping[date, Frame] | None = None,
    cell_steps: CellSteps | None = None,
) -> tuple[str, SliderStats]:
    """Like :func:`render_slider`, also returning what the page holds.

    ``frames`` are frames the caller made already (of the same model), by date: the slider
    uses those of its dates and makes the others, one at a time. ``cell_steps``: the cells of
    every step, gathered by the caller from its frames in step order (``geo build``); then
    ``frames`` needs only hold the first step's.
    """
    from geo.frame import iter_frames

    places: dict[str, Place] = dict(corpus.gazetteer.places)
    if model is None:
        from geo.territory import TerritoryModel

        model = TerritoryModel.for_gazetteer(corpus.gazetteer)
    tile_layer = resolve_tiles(tiles, attribution)
    if title is None:
        from geo.territory import theatre_name

        title = f"Control of territory in {theatre_name(model.countries)}"
    timeline = corpus.timeline
    steps = corpus_steps(corpus, start=start, end=end, step=step)
    # one frame per date, in turn: the slider keeps each one's cells (as changes from the
    # date before) and tally, never a dissolve, and the first date's states
    given = dict(frames or {})
    if cell_steps is None or len(cell_steps) != len(steps):
        cell_steps = CellSteps()
        made = iter_frames(corpus, [d for d in steps if d not in given], model=model)
        for index, day in enumerate(steps):
            each = given[day] if day in given else next(made)
            if index == 0:
                given[day] = each
            cell_steps.add(each.cell_controllers, each.cell_uncertain, each.tally)
    opening = given[steps[0]] if steps[0] in given else next(iter_frames(corpus, steps[:1],
                                                                         model=model))
    frame = model.cells
    cells = []
    for row in frame.itertuples(index=False):
        ids = str(getattr(row, "place_ids", row.place_id))
        first = places.get(str(row.place_id))
        names = [places[p].name for p in ids.split(";") if p in places]
        cells.append((ids, " / ".join(names) or ids, first.kind if first else "", row.geometry))
    unreached = getattr(model, "unreached", None)
    data, stats = slider_payload(
        steps=steps,
        cell_steps=cell_steps,
        cells=cells,
        unreached=unreached,
        events=[e for e in corpus.events  # a one-country page lists that country's changes
                if e.place_id not in places or places[e.place_id].country in model.countries],
        corpus_documents=corpus.documents,
        places=dict(opening.places),
        first_states=dict(opening.states),
        tiles=tile_layer,
        view=model.view(),
        bounds=fit_bounds(model),
        not_applied={
            e.event_id: why for e in corpus.events
            if (why := getattr(timeline, "event_status", lambda _i: None)(e.event_id))
        },
    )
    first_rows = data["legend"][0] if data["legend"] else [[s, 0, 0] for s in data["legendSides"]]
    legend = legend_html(
        [LegendEntry(s, places=n) for s, _, n in first_rows],
        title=f"Who holds what, {steps[0].isoformat()}",
        uncertain=any(k.endswith(UNCERTAIN_SUFFIX) for k in data["sideIds"]),
    )
    css, js = page_assets()
    css = css + "\n" + template_text("slider.css")
    js = js + "\n" + template_text("slider.js")
    page = page_templates().get_template("slider.html.j2").render(
        title=title,
        first=steps[0].isoformat(),
        last_index=len(steps) - 1,
        speeds=[(ms, ms == PLAY_INTERVAL_MS) for ms in PLAY_SPEEDS_MS],
        css=css,
        js=js,
        legend=legend,
        data=script_json(data),
    )
    return page, stats


def write_slider(
    corpus: Corpus,
    path: Path | str,
    *,
    force: bool = False,
    start: date | None = None,
    end: date | None = None,
    step: str = "event",
    model: TerritoryModel | None = None,
    tiles: str | None = None,
    attribution: str | None = None,
    frames: Mapping[date, Frame] | None = None,
    cell_steps: CellSteps | None = None,
) -> SliderStats:
    """Write the slider page to ``path`` atomically (never over a file unless ``force``).

    ``frames``, ``cell_steps``: what the caller computed already (see :func:`slider_page`).

    Returns:
        What the page holds.
    """
    path = Path(path)
    check_writable(path, force)
    page, stats = slider_page(
        corpus, start=start, end=end, step=step, model=model, tiles=tiles,
        attribution=attribution, frames=frames, cell_steps=cell_steps,
    )
    atomic_write_text(path, page, force=force)
    return stats


__all__ = [
    "STEPS",
    "SliderStats",
    "calendar_steps",
    "corpus_steps",
    "encode_geometry",
    "render_slider",
    "slider_page",
    "slider_steps",
    "write_slider",
]

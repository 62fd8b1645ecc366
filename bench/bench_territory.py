"""Territory: model build for the full gazetteer, areas on one date, statistics over event dates.

Dates: the seeds' event dates when the whole pipeline runs; otherwise (a stage missing) the
baseline snapshot date. "areas, next date" applies one capture of a town between two calls, the
usual step from one event date to the next (unchanged sides come from the cache).
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _timeline_and_dates(gazetteer: Any) -> tuple[Any, list[date], str]:
    try:
        from geo.pipeline import load_corpus

        corpus = load_corpus([ROOT / "seeds"], gazetteer=gazetteer)
        dates = corpus.timeline.event_dates()
        if dates:
            return corpus.timeline, dates, "seeds' event dates"
    except ImportError:
        pass
    from geo.timeline import Timeline

    timeline = Timeline.build(gazetteer, [])
    days = sorted({s.date for s in timeline.snapshots}) or [date(2017, 7, 1)]
    return timeline, days, "baseline snapshot dates"


def run() -> list[tuple[str, float, str]]:
    from dataclasses import replace

    from geo.gazetteer import Gazetteer
    from geo.territory import TerritoryModel, stats

    gazetteer = Gazetteer.load()
    places = list(gazetteer.places.values())
    builds = []
    for _ in range(3):
        start = time.perf_counter()
        model = TerritoryModel.build(places)
        builds.append(time.perf_counter() - start)
    timeline, dates, which = _timeline_and_dates(gazetteer)
    import geopandas  # noqa: F401  (an import is not the cost of a date)

    states = timeline.state_on(dates[-1])
    start = time.perf_counter()
    model.areas(states)
    first = time.perf_counter() - start

    towns = sorted(
        pid for pid, s in states.items()
        if s.controller == "government" and gazetteer.places[pid].kind == "town"
        and pid in model.cell_of
    )[:10]
    nexts = []
    current = dict(states)
    for pid in towns:
        current[pid] = replace(current[pid], controller="is")
        start = time.perf_counter()
        model.areas(current)
        nexts.append(time.perf_counter() - start)

    start = time.perf_counter()
    rows = stats(timeline, model, dates)
    stats_seconds = time.perf_counter() - start

    start = time.perf_counter()
    cells = model.cells
    cells_seconds = time.perf_counter() - start
    return [
        ("territory: places with a cell", float(len(model.cell_of)), f"of {len(places)} places"),
        ("territory: pieces", float(len(model)), "cores and rings (step 4b)"),
        ("territory: model build", min(builds) * 1000, "ms (best of 3)"),
        ("territory: areas, first date", first * 1000, "ms (with the one-off desert union)"),
        ("territory: areas, next date", statistics.median(nexts) * 1000 if nexts else 0.0,
         "ms (median, one town captured)"),
        ("territory: stats", stats_seconds * 1000, f"ms for {len(dates)} {which}"),
        ("territory: stats rows", float(len(rows)), "rows"),
        ("territory: cells frame", cells_seconds * 1000, f"ms ({len(cells)} pieces, EPSG:4326)"),
    ]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name:40} {value:12.3f}  {unit}")

"""Map and slider pages: size and build time (seeds and a synthetic year), browser timings.

The synthetic timeline: 3,000 places spread over Syria, 365 daily dates, 20 places changing
hands every day (each change an event with its own document), so the slider holds 7,300 events.
Its timeline is a plain per-place history (this measures rendering, not the timeline stage).
"""

from __future__ import annotations

import bisect
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SYNTH_PLACES = 3000
SYNTH_DAYS = 365
SYNTH_CHANGES_PER_DAY = 20
SYNTH_START = date(2016, 1, 1)
SIDES = ("government", "rebels", "hts", "sdf", "is", "turkish_backed")


@dataclass
class _History:
    days: list[date]
    sides: list[str]


class SyntheticTimeline:
    """Who holds each place: a start side and a sorted list of changes per place."""

    def __init__(self, start: dict[str, str], changes: list[tuple[date, str, str]]) -> None:
        self.histories = {pid: _History([date.min], [side]) for pid, side in start.items()}
        for day, pid, side in sorted(changes):
            self.histories[pid].days.append(day)
            self.histories[pid].sides.append(side)
        self._dates = sorted({c[0] for c in changes})

    def state_on(self, day: date) -> dict[str, Any]:
        from geo.models import PlaceState

        out = {}
        for pid, h in self.histories.items():
            i = bisect.bisect_right(h.days, day) - 1
            since = h.days[i] if i > 0 else None
            out[pid] = PlaceState(day, pid, h.sides[i], since=since,
                                  evidence="event" if since else "snapshot",
                                  source=f"synthetic-{since}" if since else "baseline")
        return out

    def event_dates(self) -> list[date]:
        return list(self._dates)


def synthetic_corpus() -> Any:
    """A corpus of 3,000 places and 7,300 events over 365 days (seeded, reproducible)."""
    import shapely

    from geo.models import Document, Event, Place
    from geo.pipeline import Corpus
    from geo.territory import load_boundary

    rng = random.Random(2016)
    boundary = load_boundary()
    shapely.prepare(boundary)
    minx, miny, maxx, maxy = boundary.bounds
    places: list[Place] = []
    kinds = ("village",) * 6 + ("town",) * 3 + ("city",)
    while len(places) < SYNTH_PLACES:
        lon, lat = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if boundary.contains(shapely.Point(lon, lat)):
            n = len(places)
            places.append(Place(f"s{n:04d}", f"Place {n}", (), round(lat, 5), round(lon, 5),
                                rng.choice(kinds)))
    start = {p.id: rng.choice(SIDES) for p in places}
    current = dict(start)
    changes: list[tuple[date, str, str]] = []
    events: list[Event] = []
    documents: list[Document] = []
    for d in range(SYNTH_DAYS):
        day = SYNTH_START + timedelta(days=d)
        for k, place in enumerate(rng.sample(places, SYNTH_CHANGES_PER_DAY)):
            side = rng.choice([s for s in SIDES if s != current[place.id]])
            doc_id = f"synthetic-{day.isoformat()}-{k:02d}"
            documents.append(Document(doc_id, "", f"{doc_id}.txt", published=day,
                                      date_source="text", title=f"Fighting around {place.name}",
                                      outlet="Synthetic Wire",
                                      url=f"https://example.org/{doc_id}"))
            events.append(Event(
                event_id=f"e{d:03d}{k:02d}", date=day, date_precision="day", place=place.name,
                place_id=place.id, lat=place.lat, lon=place.lon, controller=side,
                previous_controller=current[place.id], kind="capture", confidence=0.9,
                doc_ids=(doc_id,),
                sentence=f"Forces of the {side} side said on {day:%A} they had taken "
                f"{place.name} after two days of clashes with {current[place.id]} fighters.",
            ))
            changes.append((day, place.id, side))
            current[place.id] = side
    corpus = Corpus(documents=documents, problems=[],
                    gazetteer=SimpleNamespace(places={p.id: p for p in places}), events=events)
    corpus.__dict__["timeline"] = SyntheticTimeline(start, changes)
    return corpus


def _browser_timings(path: Path) -> tuple[float, float, float]:
    """Page ready (s) and median switch times (ms) in headless Chromium, from file://."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import CHROMIUM_ARGS, chromium_path
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise RuntimeError("Chromium not found")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:")
                   else r.abort())
        t0 = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_function("window.geoSlider && geoSlider.ready", timeout=60_000)
        page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        ready = time.perf_counter() - t0
        switch = """async i => { const t = performance.now(); geoSlider.goto(i);
            await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
            return performance.now() - t; }"""
        steps = [page.evaluate(switch, i) for i in range(1, 41)]
        script = [page.evaluate("i => geoSlider.goto(i)", i) for i in range(41, 81)]
        jumps = [page.evaluate(switch, i) for i in (364, 0, 364, 0, 180, 364, 0)]
        browser.close()
    return ready, statistics.median(steps), statistics.median(script), statistics.median(jumps)


def run() -> list[tuple[str, float, str]]:
    from geo.render import map_html, render_map
    from geo.slider import slider_page
    from geo.territory import TerritoryModel

    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="geo-bench-render-") as tmp:
        # The seeds: one per-date page (the last event date) and the slider.
        try:
            from geo.pipeline import load_corpus

            corpus = load_corpus([ROOT / "seeds"])
            dates = corpus.timeline.event_dates()
        except ImportError as error:  # a stage not written yet: the synthetic part still runs
            print(f"bench_render: seeds skipped: {error}", file=sys.stderr)
        else:
            model = TerritoryModel.build(list(corpus.gazetteer.places.values()))
            day = dates[-1] if dates else date(2017, 7, 1)
            t0 = time.perf_counter()
            page = map_html(render_map(day, corpus, model=model))
            rows.append(("render: seeds map page build", time.perf_counter() - t0, "s"))
            rows.append(("render: seeds map page size", len(page.encode()) / 1e6, "MB"))
            from geo.frame import make_frame
            from geo.render import frame_page

            fragment = frame_page(make_frame(corpus, day, model=model), embed=True)
            rows.append(("render: seeds embed (--embed) size", len(fragment.encode()) / 1e6, "MB"))
            t0 = time.perf_counter()
            for other in dates[-4:-1]:
                map_html(render_map(other, corpus, model=model))
            rows.append(("render: seeds map page build, each further date",
                         (time.perf_counter() - t0) / max(1, len(dates[-4:-1])), "s"))
            t0 = time.perf_counter()
            slider, stats = slider_page(corpus, model=model)
            rows.append(("render: seeds slider build", time.perf_counter() - t0, "s"))
            rows.append(("render: seeds slider size", len(slider.encode()) / 1e6, "MB"))
            rows.append(("render: seeds slider dates", stats.steps, "dates"))

        corpus = synthetic_corpus()
        t0 = time.perf_counter()
        model = TerritoryModel.build(list(corpus.gazetteer.places.values()))
        rows.append(("render: synthetic territory model (3,000 places)",
                     time.perf_counter() - t0, "s"))
        t0 = time.perf_counter()
        page = map_html(render_map(SYNTH_START + timedelta(days=200), corpus, model=model))
        rows.append(("render: synthetic map page build", time.perf_counter() - t0, "s"))
        rows.append(("render: synthetic map page size", len(page.encode()) / 1e6, "MB"))
        t0 = time.perf_counter()
        slider, stats = slider_page(corpus, model=model, step="day",
                                    start=SYNTH_START,
                                    end=SYNTH_START + timedelta(days=SYNTH_DAYS - 1))
        rows.append(("render: synthetic slider build (365 dates)",
                     time.perf_counter() - t0, "s"))
        rows.append(("render: synthetic slider size", len(slider.encode()) / 1e6, "MB"))
        path = Path(tmp) / "synthetic-slider.html"
        path.write_text(slider, encoding="utf-8")
        try:
            ready, step_ms, script_ms, jump_ms = _browser_timings(path)
        except Exception as error:  # no browser here: the sizes above still count
            print(f"bench_render: browser timings skipped: {error}", file=sys.stderr)
        else:
            rows.append(("render: synthetic slider page ready (chromium)", ready, "s"))
            rows.append(("render: synthetic slider date switch (script), median", script_ms, "ms"))
            rows.append(("render: synthetic slider date switch (to 2nd frame), median",
                         step_ms, "ms"))
            rows.append(("render: synthetic slider jump over 365 dates, median", jump_ms, "ms"))
    return rows


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name:55} {value:10.3f} {unit}")

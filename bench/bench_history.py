"""The history: building it from the chronicles, the timeline with it, and at scale.

* history build: ``geo.history.build_history`` over ``data/chronicles/`` (read, anchor, extract,
  merge), what ``scripts/build_history.py`` does;
* timeline with the history: the seeds' events over the shipped history;
* merge and timeline at scale: 7,300 and 20,000 varied events, made from the history's rows
  moved to other places and dates (the issue's targets: merging near-linear, the timeline under
  a second for 20,000 events);
* ``geo build seeds`` end to end into a temporary folder.
"""

from __future__ import annotations

import random
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def _varied(events: list, places: list, n: int, seed: int) -> list:
    """``n`` events like the history's, at random places and dates (ids unique)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        base = events[i % len(events)]
        place = rng.choice(places)
        out.append(replace(
            base, event_id=f"bench{i:06d}", place_id=place.id, place=place.name,
            lat=place.lat, lon=place.lon,
            date=base.date + timedelta(days=rng.randrange(-400, 400)),
            doc_ids=(f"bench-doc-{rng.randrange(n // 3 + 1)}",), conflict=(),
        ))
    return out


def run() -> list[tuple[str, float, str]]:
    from geo.gazetteer import Gazetteer
    from geo.history import build_history, load_history, with_history
    from geo.merge import merge_events
    from geo.pipeline import load_corpus
    from geo.timeline import Timeline

    start = time.perf_counter()
    text, _problems = build_history()
    history_build = time.perf_counter() - start
    rows = text.count("\n") - 1

    gazetteer = Gazetteer.load()
    history, _ = load_history(places=gazetteer.places)
    corpus = load_corpus([SEEDS], history=False)
    start = time.perf_counter()
    Timeline.build(gazetteer, with_history(corpus.events, history), corpus.observations)
    with_hist = time.perf_counter() - start

    towns = [p for p in gazetteer.places.values() if p.kind in ("city", "town", "village")]
    varied = _varied(history, towns, 7300, seed=1)
    start = time.perf_counter()
    merge_events(varied)
    merge_7300 = time.perf_counter() - start

    many = _varied(history, towns, 20000, seed=2)
    start = time.perf_counter()
    Timeline.build(gazetteer, many)
    timeline_20000 = time.perf_counter() - start

    from typer.testing import CliRunner

    from geo.cli.main import app

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        result = CliRunner().invoke(app, ["build", str(SEEDS), "-o", str(Path(tmp) / "maps")])
        build_seeds = time.perf_counter() - start
        assert result.exit_code == 0, result.output
    return [
        ("history rows built from the chronicles", float(rows), "events"),
        ("history build (read, anchor, extract, merge)", history_build, "s"),
        ("history events kept (after policy and corrections)", float(len(history)), "events"),
        ("timeline build, seeds + history", with_hist, "s"),
        ("merge_events, 7,300 varied events", merge_7300, "s"),
        ("timeline build, 20,000 varied events", timeline_20000, "s"),
        ("geo build seeds (end to end, with the history)", build_seeds, "s"),
    ]

"""Areas against published estimates: the share of Syria each side holds, `geo stats` vs Jusoor.

For each date of ``../shared/eval/area_shares.csv`` the territory model (the same one ``geo stats``
uses) is asked for the shares on the timeline of the seeds (plus whatever history the timeline
carries), and printed beside the published figure. The published "opposition" is rebels, HTS,
Turkish-backed groups and the coalition's Tanf garrison with its rebel allies together; contested
ground and "no clear control" have no published counterpart (Jusoor splits all of Syria between
the four), so they are left out of the comparison and show as the missing share.

Run alone with ``python -m bench areas`` (or ``python -m bench.bench_areas`` for the full table
per date and side). The mean absolute error per side is over the published dates.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARES = ROOT.parent / "shared" / "eval" / "area_shares.csv"

#: The published classes and the controllers each counts.
CLASSES: dict[str, tuple[str, ...]] = {
    "government": ("government",),
    "opposition": ("rebels", "hts", "turkish_backed", "us_coalition"),
    "sdf": ("sdf",),
    "is": ("is",),
}


def published(path: Path = SHARES) -> dict[date, dict[str, float]]:
    """Return ``{date: {class: per cent}}`` from ``area_shares.csv``."""
    with path.open(encoding="utf-8") as handle:
        return {
            date.fromisoformat(row["as_of"]): {c: float(row[c]) for c in CLASSES}
            for row in csv.DictReader(handle)
        }


def shares_of(tally: Iterable[tuple[str, float, float, int]]) -> dict[str, float]:
    """Return per published class the per cent of Syria from ``TerritoryModel.tally`` rows."""
    by_controller = {row[0]: row[2] * 100 for row in tally}
    return {c: sum(by_controller.get(x, 0.0) for x in xs) for c, xs in CLASSES.items()}


def compare(
    model: Any, timeline: Any, reference: Mapping[date, Mapping[str, float]]
) -> tuple[list[tuple[date, str, float, float]], dict[str, float]]:
    """Return ``(date, class, ours, published)`` rows and the mean absolute error per class."""
    rows = []
    for day in sorted(reference):
        ours = shares_of(model.tally(timeline.state_on(day)))
        rows.extend((day, c, ours[c], reference[day][c]) for c in CLASSES)
    mae = {
        c: sum(abs(o - p) for _, cc, o, p in rows if cc == c) / len(reference) for c in CLASSES
    }
    return rows, mae


def _setup() -> tuple[Any, Any]:
    from geo.pipeline import load_corpus
    from geo.territory import TerritoryModel

    corpus = load_corpus([ROOT / "seeds"])
    # The published shares are of Syria alone: the model of Syria, not of Syria and Iraq.
    model = TerritoryModel.for_gazetteer(corpus.gazetteer, country="SY")
    return model, corpus.timeline


def run() -> list[tuple[str, float, str]]:
    reference = published()
    model, timeline = _setup()
    rows, mae = compare(model, timeline, reference)
    out = [
        (f"areas {day.isoformat()} {cls}", ours, f"% (published {pub:.1f})")
        for day, cls, ours, pub in rows
    ]
    out.extend((f"areas: mean abs error {cls}", value, "points") for cls, value in mae.items())
    return out


if __name__ == "__main__":
    reference = published()
    model, timeline = _setup()
    rows, mae = compare(model, timeline, reference)
    print(f"{'date':10}  {'side':10}  {'geo stats':>9}  {'published':>9}  {'diff':>6}")
    for day, cls, ours, pub in rows:
        print(f"{day.isoformat():10}  {cls:10}  {ours:9.1f}  {pub:9.1f}  {ours - pub:+6.1f}")
    for cls, value in mae.items():
        print(f"mean absolute error {cls:10} {value:5.1f} points")

"""Islamic State territory over time, Iraq and Syria together, against the published estimates.

``python -m bench is_area`` prints, for each date of the IHS Conflict Monitor estimates quoted in
issue 12, the area the maps give IS on the seeds (the same timeline as ``make maps``: seeds,
the baseline snapshots and whatever history the timeline holds), the estimate, and the
difference in per cent; the last row counts the dates within 25 %.
``python bench/bench_is_area.py`` prints the same as a table with Syria and Iraq apart.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: IHS Conflict Monitor estimates of the ground IS held in Iraq and Syria, km² (issue 12).
IHS_KM2: tuple[tuple[date, float], ...] = (
    (date(2015, 1, 1), 90_800),
    (date(2015, 12, 1), 78_000),
    (date(2016, 7, 4), 68_300),
    (date(2016, 10, 3), 65_500),
    (date(2016, 12, 31), 60_400),
    (date(2017, 6, 26), 36_200),
)
TOLERANCE = 0.25


def measure() -> list[tuple[date, float, float, float, float]]:
    """(date, IHS km², ours both, ours Syria, ours Iraq) for every estimate date."""
    from geo.pipeline import load_corpus
    from geo.territory import TerritoryModel, stats

    corpus = load_corpus([ROOT / "seeds"])
    model = TerritoryModel.for_gazetteer(corpus.gazetteer)
    rows = stats(corpus.timeline, model, [d for d, _ in IHS_KM2], by_country=True)
    held = {(r.date, r.country): r.area_km2 for r in rows if r.controller == "is"}
    return [(day, ihs, held.get((day, "SY+IQ"), 0.0), held.get((day, "SY"), 0.0),
             held.get((day, "IQ"), 0.0)) for day, ihs in IHS_KM2]


def run() -> list[tuple[str, float, str]]:
    """IS area (both countries) on each estimate date, its difference, and the dates within 25 %."""
    out: list[tuple[str, float, str]] = []
    within = 0
    for day, ihs, both, _, _ in measure():
        diff = (both - ihs) / ihs
        within += abs(diff) <= TOLERANCE
        out.append((f"IS area {day.isoformat()} (IHS {ihs:,.0f})", both, "km2"))
        out.append((f"  difference {day.isoformat()}", 100 * diff, "%"))
    out.append((f"IS area dates within {100 * TOLERANCE:.0f} % of IHS", float(within),
                 f"of {len(IHS_KM2)}"))
    return out


def main() -> int:
    print(f"{'date':<10}  {'IHS km2':>9}  {'ours km2':>9}  {'diff':>7}  {'Syria':>9}  {'Iraq':>9}")
    for day, ihs, both, syria, iraq in measure():
        print(f"{day.isoformat():<10}  {ihs:>9,.0f}  {both:>9,.0f}  "
              f"{100 * (both - ihs) / ihs:>6.1f}%  {syria:>9,.0f}  {iraq:>9,.0f}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())

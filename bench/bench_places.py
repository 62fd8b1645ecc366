"""Place spellings of the dev-news set resolved within 10 km (what ``geo resolve`` answers).

``python -m bench places`` prints the shares (all, Syria, Iraq); ``python bench/bench_places.py``
also lists every spelling that misses. The gold is ``../shared/eval/dev-news/gold_places.csv``
(one row per place: every spelling as written, ``|``-separated, and the reference coordinates).
Rows without coordinates (a river, a few villages the gold could not place) cannot be scored by
distance and are left out; the count printed says how many spellings were scored.

A governorate is an area, not a point: the second share also counts a spelling right when it
resolves to a governorate (``<X> Governorate``) whose outline holds the gold position, however
far the gold's own point for the province lies from ours.
"""

from __future__ import annotations

import csv
import math
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "eval" / "dev-news" / "gold_places.csv"
WITHIN_KM = 10.0


@dataclass(frozen=True)
class Outcome:
    """One spelling: what it resolved to and how far from the gold position."""

    spelling: str
    country: str
    gold: tuple[float, float]
    found: str
    km: float | None
    inside: bool = False  # resolved to a governorate whose outline holds the gold position

    @property
    def right(self) -> bool:
        return self.km is not None and self.km <= WITHIN_KM

    @property
    def right_as_area(self) -> bool:
        return self.right or self.inside


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def evaluate(gold: Path = GOLD) -> list[Outcome]:
    """Resolve every spelling of ``gold`` with the shipped gazetteer, as ``geo resolve`` does."""
    from geo.gazetteer import Gazetteer

    gaz = Gazetteer.load()
    outlines = _governorates()
    out: list[Outcome] = []
    with gold.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not (row["lat"].strip() and row["lon"].strip()):
                continue
            where = (float(row["lat"]), float(row["lon"]))
            for spelling in (s.strip() for s in row["place_as_written"].split("|")):
                if not spelling:
                    continue
                resolution = gaz.resolve(spelling)
                point: tuple[float, float] | None = None
                found = resolution.status
                if resolution.place is not None:
                    point = (resolution.place.lat, resolution.place.lon)
                    found = resolution.place.id
                elif resolution.foreign is not None:
                    point = (resolution.foreign.lat, resolution.foreign.lon)
                    found = f"foreign {resolution.foreign.name}"
                km = _km(where, point) if point is not None else None
                inside = False
                place = resolution.place
                if place is not None and place.kind == "region" and place.admin1 in outlines:
                    from shapely.geometry import Point

                    inside = place.name == f"{place.admin1} Governorate" and bool(
                        outlines[place.admin1].contains(Point(where[1], where[0])))
                out.append(Outcome(spelling, row["country"], where, found, km, inside))
    return out


def _governorates() -> dict[str, object]:
    """Governorate label (as in the gazetteer's ``admin1``) to its outline."""
    import json

    from shapely.geometry import shape

    from geo.gazetteer_build import GOVERNORATES

    out: dict[str, object] = {}
    for file in ("syria-governorates.geojson", "iraq-governorates.geojson"):
        data = json.loads((ROOT / "data" / "boundaries" / file).read_text(encoding="utf-8"))
        for feature in data["features"]:
            hasc = feature["properties"].get("code_hasc") or ""
            if hasc in GOVERNORATES:
                out[GOVERNORATES[hasc][0]] = shape(feature["geometry"])
    return out


def _area_share(outcomes: list[Outcome]) -> float:
    return sum(o.right_as_area for o in outcomes) / len(outcomes) if outcomes else 0.0


def _share(outcomes: list[Outcome]) -> float:
    return sum(o.right for o in outcomes) / len(outcomes) if outcomes else 0.0


def run() -> list[tuple[str, float, str]]:
    """Shares of spellings resolved within 10 km: all, Syria, Iraq."""
    outcomes = evaluate()
    syria = [o for o in outcomes if o.country == "SY"]
    iraq = [o for o in outcomes if o.country == "IQ"]
    return [
        ("dev-news place spellings within 10 km", _share(outcomes), "share"),
        ("  of them in Syria", _share(syria), "share"),
        ("  of them in Iraq", _share(iraq), "share"),
        ("  within 10 km, or inside the governorate named", _area_share(outcomes), "share"),
        ("  spellings", float(len(outcomes)), "count"),
    ]


def main() -> int:
    outcomes = evaluate()
    for o in outcomes:
        if not o.right:
            distance = "-" if o.km is None else f"{o.km:,.1f} km"
            area = "  (inside the governorate)" if o.inside else ""
            print(f"miss  {o.spelling!r} ({o.country}) -> {o.found}  {distance}{area}")
    print(f"{sum(o.right for o in outcomes)}/{len(outcomes)} spellings within {WITHIN_KM:g} km "
          f"({_share(outcomes):.3f}); counting governorates by outline: "
          f"{sum(o.right_as_area for o in outcomes)} ({_area_share(outcomes):.3f})")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())

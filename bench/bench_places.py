"""Place spellings of the dev-news set resolved within 10 km, alone and in their documents.

``python -m bench places`` prints the shares; ``python bench/bench_places.py`` also lists every
miss. The gold is ``../shared/eval/dev-news/gold_places.csv`` (one row per place: every spelling
as written, ``|``-separated, and the reference coordinates) and ``gold_place_mentions.csv``
(which document writes which place in which spelling). Rows without coordinates (a river, a few
villages the gold could not place) cannot be scored by distance and are left out; the counts
printed say how many were scored.

Two measures:

- **context-free** (:func:`evaluate`): each spelling alone, what ``geo resolve`` answers. A bare
  "Idlib" is the city there, so the spellings the gold gives a province are partly out of reach.
- **in context** (:func:`evaluate_in_context`): each dev-news document through
  :meth:`geo.gazetteer.Gazetteer.find` (what ``geo places`` prints); each gold mention
  (document, spelling) is scored by the place its occurrences in that document resolved to
  (the place most of them resolved to; the earliest on a tie). An occurrence inside an
  occurrence of a longer gold spelling of the same document ("Aleppo" in "north of Aleppo")
  belongs to the longer one.

A governorate is an area, not a point: the area shares also count an answer right when the gold
place is a region and the answer a governorate (``<X> Governorate``), or a region made of
governorates (:data:`REGION_GOVERNORATES`), whose outline holds the gold position, however far
the gold's own point for the province lies from ours. (A governorate given for a city is wrong,
though its outline holds the city.)
"""

from __future__ import annotations

import csv
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo.models import Place

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev-news"
GOLD = DEV / "gold_places.csv"
MENTIONS = DEV / "gold_place_mentions.csv"
WITHIN_KM = 10.0
#: Regions made of whole governorates: the Kurdistan Region is the KRG's Dohuk, Erbil and
#: Sulaymaniyah (Halabja, split off in 2014, lies inside the Sulaymaniyah outline).
REGION_GOVERNORATES: dict[str, tuple[str, ...]] = {
    "iq-kurdistan-region": ("Dohuk", "Erbil", "Sulaymaniyah"),
}


@dataclass(frozen=True)
class Outcome:
    """One spelling (in one document, in context): what it resolved to, how far from the gold."""

    spelling: str
    country: str
    gold: tuple[float, float]
    found: str
    km: float | None
    inside: bool = False  # resolved to a governorate whose outline holds the gold position
    doc_id: str = ""  # in context only

    @property
    def right(self) -> bool:
        return self.km is not None and self.km <= WITHIN_KM

    @property
    def right_as_area(self) -> bool:
        return self.right or self.inside


@dataclass(frozen=True)
class _Gold:
    canonical: str
    country: str
    where: tuple[float, float]
    spellings: tuple[str, ...]
    kind: str


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _read_gold(gold: Path) -> list[_Gold]:
    """The gold places that have coordinates."""
    out: list[_Gold] = []
    with gold.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not (row["lat"].strip() and row["lon"].strip()):
                continue
            spellings = tuple(s.strip() for s in row["place_as_written"].split("|") if s.strip())
            out.append(_Gold(row["canonical_name"], row["country"],
                             (float(row["lat"]), float(row["lon"])), spellings, row["kind"]))
    return out


def _outcome(place: Place | None, gold: _Gold, spelling: str, outlines: dict[str, Any],
             status: str, doc_id: str = "") -> Outcome:
    """Score one answer against one gold place."""
    if place is None:
        return Outcome(spelling, gold.country, gold.where, status, None, False, doc_id)
    km = _km(gold.where, (place.lat, place.lon))
    inside = False
    if gold.kind == "region" and place.kind == "region":
        from shapely.geometry import Point

        if place.name == f"{place.admin1} Governorate":
            parts: tuple[str, ...] = (place.admin1,)
        else:
            parts = REGION_GOVERNORATES.get(place.id, ())
        inside = any(outlines[p].contains(Point(gold.where[1], gold.where[0]))
                     for p in parts if p in outlines)
    return Outcome(spelling, gold.country, gold.where, place.id, km, inside, doc_id)


def evaluate(gold: Path = GOLD) -> list[Outcome]:
    """Resolve every spelling of ``gold`` with the shipped gazetteer, as ``geo resolve`` does."""
    from geo.gazetteer import Gazetteer

    gaz = Gazetteer.load()
    outlines = _governorates()
    out: list[Outcome] = []
    for row in _read_gold(gold):
        for spelling in row.spellings:
            resolution = gaz.resolve(spelling)
            if resolution.place is None and resolution.foreign is not None:
                foreign = resolution.foreign
                km = _km(row.where, (foreign.lat, foreign.lon))
                out.append(Outcome(spelling, row.country, row.where, f"foreign {foreign.name}",
                                   km))
                continue
            out.append(_outcome(resolution.place, row, spelling, outlines, resolution.status))
    return out


def evaluate_in_context(
    gold: Path = GOLD, mentions: Path = MENTIONS, articles: Path | None = None,
    manifest: Path | None = None,
) -> list[Outcome]:
    """Score each gold mention (document, spelling) by what ``Gazetteer.find`` made of it there.

    ``articles`` and ``manifest`` default to the dev-news ``articles/`` and ``articles.csv``
    beside ``mentions``; a document's gold id is its file name up to the first ``_``.
    Mentions of places without gold coordinates are left out.
    """
    from geo.articles import load_documents
    from geo.gazetteer import Gazetteer

    base = mentions.parent
    documents, _ = load_documents([articles or base / "articles"],
                                  manifest=manifest or base / "articles.csv")
    texts = {d.id.split("_", 1)[0]: d.text for d in documents}
    by_name = {g.canonical: g for g in _read_gold(gold)}
    wanted: dict[str, list[tuple[str, _Gold]]] = {}
    with mentions.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            place = by_name.get(row["canonical_name"])
            if place is not None:
                wanted.setdefault(row["doc_id"], []).append((row["place_as_written"], place))
    gaz = Gazetteer.load()
    outlines = _governorates()
    out: list[Outcome] = []
    for doc_id in sorted(wanted):
        text = texts.get(doc_id)
        if text is None:
            raise FileNotFoundError(f"{mentions}: document {doc_id!r} is not among the articles")
        found = gaz.find(text, doc_id)
        spans = {s: _occurrences(text, s) for s, _ in wanted[doc_id]}
        for spelling, place in wanted[doc_id]:
            longer = [span for other, occ in spans.items()
                      if len(other) > len(spelling) for span in occ]
            answers: list[str | None] = []
            for start, end in spans[spelling]:
                if any(a <= start and end <= b for a, b in longer):
                    continue
                over = [m for m in found if m.start < end and start < m.end]
                best = max(over, key=lambda m: (min(end, m.end) - max(start, m.start),
                                                -m.start), default=None)
                answers.append(None if best is None else best.place_id)
            if not answers:
                out.append(Outcome(spelling, place.country, place.where, "not in text", None,
                                   False, doc_id))
                continue
            chosen = max(answers, key=lambda a: (answers.count(a), -answers.index(a)))
            status = "not found" if chosen is None else chosen
            out.append(_outcome(None if chosen is None else gaz.get(chosen), place, spelling,
                                outlines, status, doc_id))
    return out


def _occurrences(text: str, spelling: str) -> list[tuple[int, int]]:
    """Where ``spelling`` is written in ``text`` (as a whole word; any case when not as given)."""
    pattern = "".join("['’]" if c in "'’" else re.escape(c) for c in spelling)
    for flags in (0, re.IGNORECASE):
        spans = [m.span() for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", text, flags)]
        if spans:
            return spans
    return []


def _governorates() -> dict[str, Any]:
    """Governorate label (as in the gazetteer's ``admin1``) to its outline."""
    import json

    from shapely.geometry import shape

    from geo.gazetteer_build import GOVERNORATES

    out: dict[str, Any] = {}
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
    """Shares of spellings resolved within 10 km, alone and in their documents."""
    outcomes = evaluate()
    syria = [o for o in outcomes if o.country == "SY"]
    iraq = [o for o in outcomes if o.country == "IQ"]
    context = evaluate_in_context()
    return [
        ("dev-news place spellings within 10 km", _share(outcomes), "share"),
        ("  of them in Syria", _share(syria), "share"),
        ("  of them in Iraq", _share(iraq), "share"),
        ("  within 10 km, or inside the governorate named", _area_share(outcomes), "share"),
        ("  spellings", float(len(outcomes)), "count"),
        ("dev-news place mentions in context within 10 km", _share(context), "share"),
        ("  within 10 km, or inside the governorate named", _area_share(context), "share"),
        ("  of them in Syria", _area_share([o for o in context if o.country == "SY"]), "share"),
        ("  of them in Iraq", _area_share([o for o in context if o.country == "IQ"]), "share"),
        ("  mentions", float(len(context)), "count"),
    ]


def _print_misses(outcomes: list[Outcome]) -> None:
    for o in outcomes:
        if not o.right:
            distance = "-" if o.km is None else f"{o.km:,.1f} km"
            area = "  (inside the governorate)" if o.inside else ""
            where = f"{o.doc_id} " if o.doc_id else ""
            print(f"miss  {where}{o.spelling!r} ({o.country}) -> {o.found}  {distance}{area}")


def main() -> int:
    outcomes = evaluate()
    print("context-free (geo resolve):")
    _print_misses(outcomes)
    print(f"{sum(o.right for o in outcomes)}/{len(outcomes)} spellings within {WITHIN_KM:g} km "
          f"({_share(outcomes):.3f}); counting governorates by outline: "
          f"{sum(o.right_as_area for o in outcomes)} ({_area_share(outcomes):.3f})")
    context = evaluate_in_context()
    print("\nin context (geo places):")
    _print_misses(context)
    print(f"{sum(o.right for o in context)}/{len(context)} mentions within {WITHIN_KM:g} km "
          f"({_share(context):.3f}); counting governorates by outline: "
          f"{sum(o.right_as_area for o in context)} ({_area_share(context):.3f})")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())

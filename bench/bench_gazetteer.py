"""Gazetteer speed (load; the scan in MB/s per core over the chronicles cut into documents plus
the seeds, and the peer geotext's MB/s on the same text in the same run), the scan's time by
stage (the profile table behind the gap to the 10 MB/s target), and a comparison with geotext
on the seeds.

``python -m bench gazetteer`` prints the table; ``python bench/bench_gazetteer.py`` also prints
the geotext comparison table (mentions found, right, wrong, missed).
"""

from __future__ import annotations

import math
import re
import statistics
import time
from typing import Any

from bench.corpus import SEEDS, chronicle_documents

# Reference positions of the place names the seeds use, as written (dev set, GeoNames and
# Wikipedia coordinates); None marks a place off the map. Used only to score both tools.
REFERENCE: dict[str, tuple[float, float] | None] = {
    "al-Bukamal": (34.452, 40.919), "Albukamal": (34.452, 40.919),
    "Albu Kamal": (34.452, 40.919), "al-Boukamal": (34.452, 40.919),
    "Abu Kamal": (34.452, 40.919), "Sukariya": (34.486, 40.889), "Marshada": (34.57, 40.93),
    "Sousa": (34.524, 40.96), "Euphrates River": (35.345, 40.15), "Euphrates": (35.345, 40.15),
    "Golan Heights": (33.0, 35.75), "Golan": (33.0, 35.75), "Damascus": (33.51, 36.29),
    "DAMASCUS": (33.51, 36.29), "Baghdad": (33.34, 44.40), "al-Qaim": (34.39, 40.99),
    "Deir az-Zour province": (35.07, 40.28), "Palmyra": (34.562, 38.284),
    "PALMYRA": (34.562, 38.284), "Tadmur": (34.562, 38.284), "Deir Ezzor": (35.336, 40.141),
    "DEIR EZZOR": (35.336, 40.141), "Deir Ezzor city": (35.336, 40.141),
    "Deir ez-Zor": (35.336, 40.141), "Deir el-Zour": (35.336, 40.141),
    "Deir Ezzor governorate": (35.07, 40.28), "Deir el-Zour province": (35.07, 40.28),
    "Deir el-Zour military airport": (35.285, 40.176), "Al-Mayadin": (35.02, 40.45),
    "al-Mayadin": (35.02, 40.45), "al-Sukhnah": (34.885, 38.871), "al-Sukhneh": (34.885, 38.871),
    "Homs": (34.72, 36.72), "Homs province": (34.15, 38.14), "al-Taim oil field": (35.22, 40.07),
    "al-Tanf": (33.5, 38.65), "Idlib": (35.93, 36.63), "Idlib province": (35.85, 36.68),
    "al-Bara": (35.683, 36.542), "al-Zawiya mount": (35.7, 36.55),
    "al-Quneitra": (33.126, 35.825), "al-Zubaidah": (33.07, 35.88),
    "Daraa province": (32.87, 36.17), "Raqa": (35.953, 39.008), "Raqqa": (35.953, 39.008),
    "Raqa city": (35.953, 39.008), "Raqa province": (36.0, 38.9), "Brigade 137": (35.32, 40.02),
    "Brigade 137 base": (35.32, 40.02), "Aleppo": (36.20, 37.16), "Eastern Aleppo": (36.20, 37.16),
    "Aleppo province": (36.1, 37.6), "Mosul": (36.335, 43.119), "Al-Shula": (35.19, 39.85),
    "Madan": (35.755, 39.598), "al-Bab": (36.370, 37.518), "Al-Bab": (36.370, 37.518),
    "AL-BAB": (36.370, 37.518), "Manbij": (36.528, 37.955), "Mount Hilal": (34.560, 38.200),
    "Kobane": (36.891, 38.353), "Afrin": (36.512, 36.870), "Qamishli": (37.05, 41.23),
    "Baghaliyeh": (35.365, 40.085), "Ayash": (35.42, 40.055), "Maaret Misrin": (36.012, 36.672),
    "Barada Valley": (33.64, 36.14), "Hamam al-Alil": (36.158, 43.259),
    "Ain Issa": (36.385, 38.862), "Suluk": (36.596, 39.13), "Abu Ilaj": (36.150, 39.050),
    "Bashiqa": (36.454, 43.349), "Tigris river": (36.345, 43.145), "Markadeh": (35.746, 40.753),
    "Hasaka province": (36.35, 40.91), "Badia": (34.5, 38.5), "Syria": None, "Iraq": None,
    "Israel": None, "Washington": None, "Geneva": None, "Switzerland": None, "Turkey": None,
    "Ankara": None, "Beirut": None, "BEIRUT": None, "Berlin": None, "LONDON": None,
    "Britain": None, "Italy": None, "Moscow": None, "Sochi": None, "Russia": None, "Iran": None,
    "US": None, "Lebanon": None,
}


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def _expected(texts: list[str]) -> dict[str, int]:
    """How often each reference name (on the map) occurs in the seeds, longest name first."""
    count: dict[str, int] = {}
    for text in texts:
        covered: list[tuple[int, int]] = []
        for name in sorted((n for n, ref in REFERENCE.items() if ref is not None),
                           key=len, reverse=True):
            for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
                if not any(s <= match.start() < e for s, e in covered):
                    covered.append((match.start(), match.end()))
                    count[name] = count.get(name, 0) + 1
    return count


def _score(found: list[tuple[str, tuple[float, float] | None]],
           expected: dict[str, int]) -> tuple[int, int, int, int]:
    """(put on the map, right, wrong, missed): right = within 10 km of the reference; missed =
    reference occurrences without a right mention of that name."""
    on_map = right = 0
    right_by_name: dict[str, int] = {}
    for surface, point in found:
        if point is None:
            continue
        on_map += 1
        ref = REFERENCE.get(surface)
        if ref is not None and _km(point, ref) <= 10.0:
            right += 1
            right_by_name[surface] = right_by_name.get(surface, 0) + 1
    missed = sum(max(n - right_by_name.get(name, 0), 0) for name, n in expected.items())
    return on_map, right, on_map - right, missed


def compare_geotext() -> list[tuple[str, int, int, int, int]]:
    """Rows (tool, mentions put on the map, right, wrong, missed) over the five seeds."""
    from geotext import GeoText
    from geotext.geotext import get_data_path

    from geo.gazetteer import Gazetteer

    texts = _texts()
    expected = _expected(texts)
    gaz = Gazetteer.load()
    ours: list[tuple[str, tuple[float, float] | None]] = []
    for text in texts:
        for mention in gaz.find(text):
            place = gaz.get(mention.place_id) if mention.place_id else None
            ours.append((mention.surface, (place.lat, place.lon) if place else None))
    coords: dict[str, tuple[int, tuple[float, float]]] = {}
    with open(get_data_path("cities15000.txt"), encoding="utf-8") as handle:
        for line in handle:
            cols = line.split("\t")
            rank = 0 if cols[8] in ("SY", "IQ") else 1
            best = coords.get(cols[1])
            if best is None or rank < best[0]:
                coords[cols[1]] = (rank, (float(cols[4]), float(cols[5])))
    theirs: list[tuple[str, tuple[float, float] | None]] = []
    for text in texts:
        for city in GeoText(text).cities:
            theirs.append((city, coords[city][1] if city in coords else None))
    rows = []
    for tool, found in (("geo", ours), ("geotext", theirs)):
        rows.append((tool, *_score(found, expected)))
    return rows


def scan_stages(gaz: Any, texts: list[str]) -> list[tuple[str, float]]:
    """CPU seconds of each stage of ``Gazetteer.find`` over ``texts`` (the profile table).

    The stages are called as ``find`` calls them (sentences, tokens, the automaton, the
    capitalised names it does not know with their fuzzy match, resolution), each timed alone.
    """
    from geo.gazetteer_names import _tokens
    from geo.text import split_sentences

    spent = dict.fromkeys(("sentence split", "tokens (split, fold)", "automaton matches",
                           "unknown names (+ fuzzy)", "resolution in context"), 0.0)
    clock = time.process_time
    for i, text in enumerate(texts):
        t0 = clock()
        sentences = split_sentences(text)
        t1 = clock()
        tokens = _tokens(text)
        t2 = clock()
        if not tokens:
            spent["sentence split"] += t1 - t0
            spent["tokens (split, fold)"] += t2 - t1
            continue
        starts = [s.start for s in sentences] or [0]
        hits = gaz._match(text, tokens, starts)
        t3 = clock()
        hits.extend(gaz._unmatched(text, tokens, hits, starts))
        hits.sort(key=lambda h: h.start)
        t4 = clock()
        gaz._resolve_hits(text, hits, sentences, str(i))
        t5 = clock()
        for name, seconds in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4),
                                 strict=True):
            spent[name] += seconds
    return list(spent.items())


def run() -> list[tuple[str, float, str]]:
    from geotext import GeoText

    from geo.gazetteer import Gazetteer

    loads = []
    for _ in range(5):
        start = time.perf_counter()
        gaz = Gazetteer.load()
        loads.append(time.perf_counter() - start)
    start = time.perf_counter()
    gaz.find("Warm-up near Raqqa.")  # builds the index and the automaton once
    index_time = time.perf_counter() - start

    texts = [d.text for d in chronicle_documents()] + _texts()
    size = sum(len(t.encode("utf-8")) for t in texts)
    start, cpu = time.perf_counter(), time.process_time()
    mentions = sum(len(gaz.find(text, str(i))) for i, text in enumerate(texts))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    GeoText("Warm-up near Raqqa.")  # loads geotext's tables
    theirs = time.process_time()
    found = sum(len(GeoText(text).cities) for text in texts)
    theirs = time.process_time() - theirs
    rows: list[tuple[str, float, str]] = [
        ("gazetteer load (median of 5)", statistics.median(loads), "s"),
        ("gazetteer index + automaton (first find)", index_time, "s"),
        ("gazetteer places", float(len(gaz)), "places"),
        ("gazetteer scan: corpus (chronicles cut + seeds)", size / 1e6,
         f"MB, {len(texts)} documents"),
        ("gazetteer scan: per core (CPU time)", size / 1e6 / cpu, "MB/s (target 10)"),
        ("gazetteer scan: per core (CPU time)", len(texts) / cpu, "documents/s"),
        ("gazetteer scan: wall clock", size / 1e6 / elapsed, "MB/s"),
        ("gazetteer scan: mentions found", float(mentions), "mentions"),
        ("geotext scan, same text: per core (CPU time)", size / 1e6 / theirs, "MB/s (peer)"),
        ("geotext scan, same text: cities found", float(found), "mentions"),
    ]
    rows.append(("gazetteer scan: target gap", 10.0 / (size / 1e6 / cpu),
                 "times slower than 10 MB/s"))
    # A second pass over the same text, stage by stage (word forms and fuzzy answers cached).
    stages = scan_stages(gaz, texts)
    total = sum(seconds for _name, seconds in stages) or 1.0
    for name, seconds in stages:
        rows.append((f"gazetteer scan stage (2nd pass): {name}", seconds,
                     f"s CPU, {100 * seconds / total:.0f}%"))
    for tool, on_map, right, wrong, missed in compare_geotext():
        rows.append((f"seeds {tool}: on the map / right / wrong / missed",
                     float(on_map), f"{right} right, {wrong} wrong, {missed} missed"))
    return rows


if __name__ == "__main__":
    print(f"{'tool':<8} {'on map':>7} {'right':>6} {'wrong':>6} {'missed':>7}")
    for tool, on_map, right, wrong, missed in compare_geotext():
        print(f"{tool:<8} {on_map:>7} {right:>6} {wrong:>6} {missed:>7}")

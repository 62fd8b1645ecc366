"""Extraction on one core: documents/s and MB/s over real, distinct text.

The corpus is the chronicles cut into news-sized documents plus the seeds (``bench/corpus.py``),
read with their manifest. Per-core figures divide by the CPU time of this process (the machine
may be shared; wall-clock figures are printed beside them). Two measures: the whole
``extract_events`` call (place finding included) and the extractor's own work with the place
mentions found beforehand. Targets (issue 15): 1,000 documents/s on one core.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.corpus import bench_corpus
from geo.extract import GazetteerLike
from geo.models import Mention, Place


class _Found:
    """A gazetteer whose mentions were found beforehand (to time the extractor alone)."""

    def __init__(self, gazetteer: GazetteerLike, mentions: dict[str, list[Mention]]) -> None:
        self._gazetteer = gazetteer
        self._mentions = mentions

    def find(self, text: str, doc_id: str = "", country: str = "") -> list[Mention]:
        return self._mentions[doc_id]

    def get(self, place_id: str) -> Place | None:
        return self._gazetteer.get(place_id)


def _module(filename: str) -> str:
    path = Path(filename)
    if path.parent.name in ("geo", "cli") and path.suffix == ".py":
        return f"{path.parent.name}/{path.name}" if path.parent.name == "cli" else path.name
    return "other (stdlib, libraries)"


def module_profile(run_once: Callable[[], object]) -> list[tuple[str, float]]:
    """CPU seconds of ``run_once`` by module, under cProfile, most first.

    Each function's own time counts for its module; the time of a C function (a regex search,
    ``str.lower``, the automaton) counts for the module that called it, split by caller.
    """
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    run_once()
    profiler.disable()
    stats: Any = pstats.Stats(profiler)
    spent: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, own, _cum, callers) in stats.stats.items():
        if filename == "~" and callers:
            for (caller_file, _l, _n), caller_stats in callers.items():
                module = _module(caller_file)
                spent[module] = spent.get(module, 0.0) + caller_stats[2]
        else:
            module = _module(filename)
            spent[module] = spent.get(module, 0.0) + own
    return sorted(spent.items(), key=lambda item: -item[1])


def run() -> list[tuple[str, float, str]]:
    from geo.articles import load_documents
    from geo.cues import find_cues
    from geo.extract import extract_events
    from geo.gazetteer import Gazetteer
    from geo.text import split_sentences

    folder, _files, _size = bench_corpus()
    try:
        documents, _problems = load_documents([folder])
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    gazetteer = Gazetteer.load()
    gazetteer.find("warm up: Palmyra and al-Bab.", "warm")
    wall, cpu = time.perf_counter(), time.process_time()
    result = extract_events(documents, gazetteer, jobs=1)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finding = time.process_time()
    mentions = {d.id: gazetteer.find(d.text, d.id, d.country) for d in documents}
    finding = time.process_time() - finding
    own = time.process_time()
    extract_events(documents, _Found(gazetteer, mentions), jobs=1)
    own = time.process_time() - own
    cues = time.process_time()
    for document in documents:
        for sentence in split_sentences(document.text):
            find_cues(sentence.text)
    cues = time.process_time() - cues
    again = time.process_time()
    extract_events(documents, gazetteer, jobs=1)
    again = time.process_time() - again
    by_module = module_profile(lambda: extract_events(documents, gazetteer, jobs=1))
    profiled = sum(seconds for _name, seconds in by_module) or 1.0
    text_mb = sum(len(d.text.encode("utf-8")) for d in documents) / 1e6
    n = len(documents)
    return [
        ("extract: corpus (chronicles cut + seeds)", text_mb, f"MB, {n} documents"),
        ("extract: events found", float(len(result.events)), "events"),
        ("extract: per core (CPU time)", n / cpu, "documents/s (target 1,000)"),
        ("extract: per core (CPU time)", text_mb / cpu, "MB/s"),
        ("extract: wall clock, one process", n / wall, "documents/s"),
        ("extract: extractor alone, places found before", n / own, "documents/s per core"),
        ("extract: target gap", 1000.0 / (n / cpu), "times slower than 1,000 documents/s"),
        # Where the time goes (second passes: word forms and fuzzy answers already cached).
        ("extract stage: place finding (gazetteer.find)", finding,
         f"s CPU, {100 * finding / (finding + own):.0f}%"),
        ("extract stage: the extractor itself", own,
         f"s CPU, {100 * own / (finding + own):.0f}%"),
        ("extract stage: of which sentence split + cue finding", cues, "s CPU"),
        ("extract: second run, same process", n / again,
         f"documents/s per core (first run: {cpu - again:.2f} s more, filling caches)"),
        # The profile behind the gap: a third run under cProfile, by module (12 largest).
        *((f"extract profile (3rd run, cProfile): {name}", seconds,
           f"s, {100 * seconds / profiled:.0f}%") for name, seconds in by_module[:12]),
    ]

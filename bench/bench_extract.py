"""Extraction throughput on one core: documents/s and MB/s on a 20 MB corpus.

The corpus is the seeds replicated (``bench/corpus.py``); the copies carry no manifest, so the
two undated seeds yield problems instead of events, as they would for a user. Two figures: the
whole ``extract_events`` call (place finding with the gazetteer included) and the extractor's
own work with the place mentions found beforehand.
"""

from __future__ import annotations

import shutil
import time

from bench.corpus import replicated_seeds
from geo.extract import GazetteerLike
from geo.models import Mention, Place


class _Found:
    """A gazetteer whose mentions were found beforehand (to time the extractor alone)."""

    def __init__(self, gazetteer: GazetteerLike, mentions: dict[str, list[Mention]]) -> None:
        self._gazetteer = gazetteer
        self._mentions = mentions

    def find(self, text: str, doc_id: str = "") -> list[Mention]:
        return self._mentions[doc_id]

    def get(self, place_id: str) -> Place | None:
        return self._gazetteer.get(place_id)


def run() -> list[tuple[str, float, str]]:
    from geo.articles import load_documents
    from geo.extract import extract_events
    from geo.gazetteer import Gazetteer

    folder, _files, size = replicated_seeds(20 * 1024 * 1024)
    try:
        documents, _problems = load_documents([folder])
        gazetteer = Gazetteer.load()
        gazetteer.find("warm up: Palmyra and al-Bab.", "warm")
        start = time.perf_counter()
        result = extract_events(documents, gazetteer)
        total = time.perf_counter() - start
        mentions = {d.id: gazetteer.find(d.text, d.id) for d in documents}
        start = time.perf_counter()
        extract_events(documents, _Found(gazetteer, mentions))
        own = time.perf_counter() - start
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    text_mb = sum(len(d.text.encode("utf-8")) for d in documents) / 1e6
    n = len(documents)
    return [
        ("extract: corpus", size / 1e6, "MB"),
        ("extract: documents", float(n), "documents"),
        ("extract: events found", float(len(result.events)), "events"),
        ("extract: throughput (with place finding)", n / total, "documents/s"),
        ("extract: throughput (with place finding)", text_mb / total, "MB/s"),
        ("extract: throughput (extractor alone)", n / own, "documents/s"),
        ("extract: throughput (extractor alone)", text_mb / own, "MB/s"),
    ]

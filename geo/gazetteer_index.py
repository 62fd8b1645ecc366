"""The gazetteer's places and the indexes built from them on first use.

Part of :mod:`geo.gazetteer`: the base both the scan and the resolution work from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from itertools import chain
from pathlib import Path
from typing import Any

from geo.gazetteer_data import ForeignPlace, _load_words
from geo.gazetteer_names import _deaccent, normalize
from geo.models import Place

_DERIVED = frozenset({"_index", "_foreign_index", "_words", "_automaton", "_fuzzy_keys",
                      "_fuzzy_by_size", "_fuzzy_by_length", "_curated", "_governorate_of",
                      "_plain_index", "_plain_ranges"})


class GazetteerIndex:
    """Places by id, and every spelling's key to the places and foreign places it names."""

    def __init__(
        self,
        places: Mapping[str, Place],
        *,
        foreign: Sequence[ForeignPlace] = (),
        common_words: Iterable[str] | None = None,
        words_path: Path | None = None,
        source: str = "<memory>",
    ) -> None:
        self.places: dict[str, Place] = dict(places)
        self.foreign: tuple[ForeignPlace, ...] = tuple(foreign)
        self.source = source
        self._common_words = None if common_words is None else frozenset(common_words)
        self._fuzzy_cache: dict[str, tuple[tuple[str, ...], float]] = {}
        self._words_path = words_path

    # mapping protocol

    def get(self, place_id: str) -> Place | None:
        """Return the place with id ``place_id``, or ``None``."""
        return self.places.get(place_id)

    def __getitem__(self, place_id: str) -> Place:
        return self.places[place_id]

    def __len__(self) -> int:
        return len(self.places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.places

    def __iter__(self) -> Iterator[Place]:
        return iter(self.places.values())

    def __getstate__(self) -> dict[str, Any]:
        # Sent to worker processes (geo.parallel): the places, not the indexes built from them
        # (each worker rebuilds those once; an automaton is larger than the CSV it comes from).
        state = {k: v for k, v in self.__dict__.items() if k not in _DERIVED}
        state["_fuzzy_cache"] = {}
        return state

    # indexes

    @cached_property
    def _index(self) -> dict[str, tuple[str, ...]]:
        index: dict[str, list[str]] = {}
        for place in self.places.values():
            for name in (place.name, *place.alt_names):
                key = normalize(name)
                if key:
                    ids = index.setdefault(key, [])
                    if place.id not in ids:
                        ids.append(place.id)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def _foreign_index(self) -> dict[str, ForeignPlace]:
        index: dict[str, ForeignPlace] = {}
        for place in self.foreign:
            for name in (place.name, *place.alt_names):
                index.setdefault(normalize(name), place)
        return index

    @cached_property
    def _words(self) -> frozenset[str]:
        if self._common_words is None:
            return _load_words(self._words_path) if self._words_path else frozenset()
        return self._common_words

    @cached_property
    def _automaton(self) -> Any:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for key in (*self._index, *self._foreign_index):
            automaton.add_word(f" {key} ", key)
        automaton.make_automaton()
        return automaton

    @cached_property
    def _fuzzy_keys(self) -> list[str]:
        return sorted(k for k in self._index if len(k) >= 4)

    @cached_property
    def _fuzzy_by_size(self) -> dict[int, list[str]]:
        return {}

    # lookup
    def _local_ids(self, key: str) -> tuple[str, ...]:
        """Ids for ``key``; none when a foreign place has it and no major local one does.

        "Berlin" is the capital, not the village of Barleen.
        """
        ids = self._index.get(key, ())
        if ids and key in self._foreign_index and not any(
                "curated" in self.places[i].source or self.places[i].kind in ("city", "town")
                for i in ids):
            return ()
        return ids

    def lookup_foreign(self, name: str) -> ForeignPlace | None:
        """Return the foreign place named ``name``, or ``None``."""
        return self._foreign_index.get(normalize(name))

    def _fuzzy(self, key: str) -> tuple[tuple[str, ...], float]:
        if len(key) < 5:
            return (), 0.0
        cached = self._fuzzy_cache.get(key)
        if cached is not None:
            return cached
        from rapidfuzz import fuzz, process

        best = process.extractOne(key, self._fuzzy_choices(len(key)), scorer=fuzz.ratio,
                                  score_cutoff=88)
        found = ((), 0.0) if best is None else (self._index[best[0]], best[1] / 100.0)
        if len(self._fuzzy_cache) < 100_000:
            self._fuzzy_cache[key] = found
        return found

    @cached_property
    def _plain_index(self) -> dict[tuple[int, int], dict[str, tuple[str, ...]]]:
        """(words, length) -> plain spelling -> ids: every name as written, folded lightly."""
        index: dict[tuple[int, int], dict[str, list[str]]] = {}
        for place in self.places.values():
            for name in (place.name, *place.alt_names):
                plain = _plain(name)
                if len(plain) >= FUZZY_SPELLING_MIN:
                    ids = index.setdefault((plain.count(" "), len(plain)), {}).setdefault(
                        plain, [])
                    if place.id not in ids:
                        ids.append(place.id)
        return {size: {k: tuple(v) for k, v in sorted(table.items())}
                for size, table in index.items()}

    def _fuzzy_name(self, name: str, key: str) -> tuple[tuple[str, ...], float]:
        """Ids for a name that matches nothing exactly, and the similarity (0 to 1) they match at.

        First the folded key at similarity 88 (:meth:`_fuzzy`), then the name as written
        (accents, case, marks and hyphens folded; vowels and articles kept) against every
        spelling with as many words, at similarity :data:`FUZZY_SPELLING_CUTOFF`: "Ras al-Aun"
        is "Ras al-Ain" one letter off, which folding ("ras aun", "ras ayn") puts further apart.
        """
        found = self._fuzzy(key)
        plain = _plain(name)
        if found[0] or len(plain) < FUZZY_SPELLING_MIN:
            return found
        memo = "\x00" + plain
        cached = self._fuzzy_cache.get(memo)
        if cached is not None:
            return cached
        from rapidfuzz import fuzz, process

        choices, ids = self._plain_choices(plain.count(" "), len(plain))
        hit = process.extractOne(plain, choices, scorer=fuzz.ratio,
                                 score_cutoff=FUZZY_SPELLING_CUTOFF) if choices else None
        found = ((), 0.0) if hit is None else (ids[hit[0]], hit[1] / 100.0)
        if len(self._fuzzy_cache) < 100_000:
            self._fuzzy_cache[memo] = found
        return found

    def _plain_choices(self, words: int, size: int
                       ) -> tuple[list[str], dict[str, tuple[str, ...]]]:
        """The spellings with ``words`` spaces a name of ``size`` characters can match, and ids.

        fuzz.ratio reaches the cutoff only when the lengths differ by a tenth at most: the
        spellings of 0.8 to 1.25 times the size, shortest first, each length in its sorted
        order. One list, so one ``extractOne`` finds the first best of them all.
        """
        cached = self._plain_ranges.get((words, size))
        if cached is None:
            choices: list[str] = []
            ids: dict[str, tuple[str, ...]] = {}
            for other in range(int(size * 0.8), int(size * 1.25) + 1):
                table = self._plain_index.get((words, other))
                if table:
                    choices.extend(table)
                    ids.update(table)
            cached = self._plain_ranges[(words, size)] = (choices, ids)
        return cached

    @cached_property
    def _plain_ranges(self) -> dict[tuple[int, int], tuple[list[str], dict[str, tuple[str, ...]]]]:
        return {}

    def _fuzzy_choices(self, size: int) -> list[str]:
        """The fuzzy keys whose length lets them score 88 against a key of ``size`` characters.

        ``fuzz.ratio`` is at most ``100 * (1 - |a - b| / (a + b))`` for lengths a and b; the
        others cannot match, so they are left out (in the same order, so ties break the same).
        """
        choices = self._fuzzy_by_size.get(size)
        if choices is None:
            lengths = self._fuzzy_by_length
            # The keys of every length close enough, merged back into the sorted order.
            choices = self._fuzzy_by_size[size] = sorted(chain.from_iterable(
                lengths[n] for n in lengths
                if 100.0 * (1.0 - abs(n - size) / (n + size)) >= 87.999))
        return choices

    @cached_property
    def _fuzzy_by_length(self) -> dict[int, list[str]]:
        by_length: dict[int, list[str]] = {}
        for key in self._fuzzy_keys:
            by_length.setdefault(len(key), []).append(key)
        return by_length


#: Similarity (rapidfuzz ``ratio``, 0 to 100) a name as written needs to a spelling.
FUZZY_SPELLING_CUTOFF = 90.0
#: Names shorter than this (as written, folded) are never matched fuzzily by spelling.
FUZZY_SPELLING_MIN = 6
_MARKS = str.maketrans({c: None for c in "'’‘ʿʾ`´"} | {c: " " for c in "-‑‐"})


_LEADING_ARTICLE = re.compile(r"^(?:al|el|a[dtrzsn]|e[dtrzsn]|ash|esh) (?=\w)")


def _plain(name: str) -> str:
    """A name as written, accents, case, marks, hyphens and a leading article folded.

    "Ra's al-Ayn" is "ras al ayn"; "al-Ghawi" is "ghawi", so a shared article does not make
    "al-Hawi" look like it.
    """
    return _LEADING_ARTICLE.sub("", " ".join(_deaccent(name).lower().translate(_MARKS).split()))

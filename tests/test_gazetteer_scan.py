"""The fast scanning path of Gazetteer.find gives exactly what the plain one gave.

The references below are the scanning code as it was before it was made fast (per-word list
comprehensions, every fuzzy key tried, geopy's pure-Python geodesic); both run over the seeds,
the dev-news articles and a fifth of the chronicle corpus, and must give equal results.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from conftest import require_shared

import geo.gazetteer_names as names_module
import geo.gazetteer_resolve as resolve_module
from bench.corpus import chronicle_documents
from geo.gazetteer import Gazetteer, normalize
from geo.gazetteer_names import _info, _word_lists
from geo.models import Mention

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _reference_word_lists(text: str) -> tuple[Any, ...]:
    """The tokenizer's word lists as written before (Python-level comprehensions)."""
    matches = list(names_module._TOKEN.finditer(text))
    infos = [_info(m.group()) for m in matches]
    return ([m.group() for m in matches], infos, [info[1] for info in infos],
            [m.start() for m in matches], [m.end() for m in matches],
            [i for i, info in enumerate(infos) if info[2]])


def _reference_distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    from geopy.distance import geodesic

    return float(geodesic(a, b).km)


def _texts() -> Iterator[tuple[str, str]]:
    require_shared("eval", "dev-news")
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        yield path.name, path.read_text(encoding="utf-8")
    for path in sorted((SHARED / "eval" / "dev-news").rglob("*.txt")):
        yield path.name, path.read_text(encoding="utf-8")
    for doc in chronicle_documents()[::5]:
        yield doc.name, doc.text


def _find_all(gazetteer: Gazetteer, texts: list[tuple[str, str]]) -> list[list[Mention]]:
    return [gazetteer.find(text, name) for name, text in texts]


def test_word_lists_equal_the_plain_comprehensions() -> None:
    for name, text in _texts():
        assert _word_lists(text) == _reference_word_lists(text), name


def test_lower_equals_the_plain_fold() -> None:
    words = {w for _name, text in _texts() for w in names_module._TOKEN.findall(text)}
    words |= {"Deir", "AL-BAB", "Ma'arrat", "Kılıçdaroğlu", "Çavuşoğlu", "Şanlıurfa", "Ayn_Isa"}
    for word in words:
        plain = names_module._deaccent(word).lower().translate(names_module._MARKS)
        assert names_module._lower(word) == plain, word


def test_fuzzy_choices_drop_only_keys_that_cannot_score_88() -> None:
    from rapidfuzz import fuzz, process

    gazetteer = Gazetteer.load()
    keys = gazetteer._fuzzy_keys
    probes = [k[:-1] + "x" for k in keys[::97]] + [k + "an" for k in keys[::89]]
    for probe in probes:
        if len(probe) < 5:
            continue
        full = process.extractOne(probe, keys, scorer=fuzz.ratio, score_cutoff=88)
        fast = process.extractOne(probe, gazetteer._fuzzy_choices(len(probe)),
                                  scorer=fuzz.ratio, score_cutoff=88)
        assert (full and full[:2]) == (fast and fast[:2]), probe


def test_distance_matches_geopy() -> None:
    gazetteer = Gazetteer.load()
    places = list(gazetteer.places.values())[::50]
    for a, b in pairwise(places):
        pa, pb = (a.lat, a.lon), (b.lat, b.lon)
        assert abs(resolve_module._distance_km(pa, pb) - _reference_distance(pa, pb)) < 1e-9


def test_find_is_unchanged_on_seeds_dev_news_and_chronicles(
        monkeypatch: pytest.MonkeyPatch) -> None:
    texts = list(_texts())
    assert len(texts) > 300
    fast = _find_all(Gazetteer.load(), texts)

    def every_key(self: Gazetteer, size: int) -> list[str]:
        return self._fuzzy_keys

    resolve_module._distance_km.cache_clear()
    monkeypatch.setattr(resolve_module, "_distance_km", _reference_distance)
    monkeypatch.setattr(Gazetteer, "_fuzzy_choices", every_key)
    plain = _find_all(Gazetteer.load(), texts)
    assert sum(map(len, fast)) > 3000
    for (name, _text), one, other in zip(texts, fast, plain, strict=True):
        assert one == other, name


CAP_SPAN_EDGES = [
    "al-Bab", "Al-qaeda", "as-Safira", "ash-Shaddadi", "Ash Sham", "ez-Zor", "El Bab", "e-X",
    "aX", "a Bb", "x al-Bab", "'Al-Bab", "-Al Bab", "’At Tanf", "the A", "A", "a", "", "an Nabk",
    "An Nabk", "Ad-Dana-as-Sukhnah", "Es Suweida", "el-Z", "Eash-B", "ash-b Ash-B", "ÉAl-Bab",
    "snake Ez-Zor", "Kafr_Nabl", "ad‑Dhiyabiya", "at Tall", "Ax-Bab", "al Bab al-Sham-ar-Raqqa",
]


def test_cap_span_equals_the_plain_pattern() -> None:
    import geo.gazetteer_scan as scan

    texts = [text for _name, text in _texts()] + CAP_SPAN_EDGES
    for text in texts:
        assert ([m.span() for m in scan._CAP_SPAN.finditer(text)]
                == [m.span() for m in scan._CAP_SPAN_PLAIN.finditer(text)]), text[:80]


class _Everywhere:
    """A set of offsets that holds every offset (``_listed`` then tests only the words)."""

    def __contains__(self, offset: object) -> bool:
        return True


_OPENING_VOCABULARY = [
    "in", "In", "IN", "near", "at", "from", "into", "outside", "around", "toward", "towards",
    "to", "reached", "entered", "captured", "seized", "took", "retoo\u212a", "recaptured", "of",
    "the", "The", "THE", "town", "villages", "city", "outskirts", "and", "or", "AND", ",", ", ",
    " ,", ".", "(", "“", "-", "within", "onto", "breathe", "bathe", "\u0130n", "ſo", "wi",
    "Raqqa", "al-Bab", "Deir ez-Zor", "Tal Abyad", "Abu Kamal", "Mayadin", "Hama", "Kafr Nabl",
    "Ain Issa", "Sheikh Maqsoud", "Ras al-Ain", "Jarabulus", "Qaryatayn", "Manbij", "Omar",
]
_GAPS = [" ", " ", " ", "  ", "\n", "\t", "\u00a0", "", " " * 45, ", ", " and "]


def _random_texts(count: int, seed: int) -> list[str]:
    import random

    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(5, 60)):
            parts.append(rng.choice(_OPENING_VOCABULARY))
            parts.append(rng.choice(_GAPS))
        texts.append("".join(parts))
    return texts


def test_may_open_holds_wherever_triggered_or_listed_does() -> None:
    import geo.gazetteer_scan as scan

    texts = [text for _name, text in _texts()][::3] + _random_texts(400, 15)
    opened = 0
    for text in texts:
        for start in range(len(text) + 1):
            if scan._triggered(text, start) or scan._listed(text, start, _Everywhere()):  # type: ignore[arg-type]
                opened += 1
                assert scan._may_open(text, start), (text[max(0, start - 40) : start], start)
    assert opened > 10_000


def test_find_is_the_same_without_the_opening_prefilter(monkeypatch: pytest.MonkeyPatch) -> None:
    import geo.gazetteer_scan as scan

    texts = list(_texts()) + [(f"random-{i}", t) for i, t in enumerate(_random_texts(300, 7))]
    fast = _find_all(Gazetteer.load(), texts)
    monkeypatch.setattr(scan, "_may_open", lambda text, start: True)
    plain = _find_all(Gazetteer.load(), texts)
    assert sum(map(len, fast)) > 3000
    assert sum(1 for found in fast if any(m.status == "unresolved" for m in found)) > 20
    for (name, _text), one, other in zip(texts, fast, plain, strict=True):
        assert one == other, name


def test_fuzzy_choices_equal_the_filtered_sorted_keys() -> None:
    gazetteer = Gazetteer.load()
    keys = gazetteer._fuzzy_keys
    for size in range(1, 70):
        expected = [k for k in keys
                    if 100.0 * (1.0 - abs(len(k) - size) / (len(k) + size)) >= 87.999]
        assert gazetteer._fuzzy_choices(size) == expected, size


def test_deaccent_equals_the_plain_decomposition() -> None:
    import unicodedata

    def plain(text: str) -> str:
        decomposed = unicodedata.normalize("NFKD", text.translate(names_module._SPECIAL))
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    gazetteer = Gazetteer.load()
    names = [n for p in gazetteer.places.values() for n in (p.name, *p.alt_names)]
    words = [w for _name, text in _texts() for w in names_module._TOKEN.findall(text)]
    edges = ["Şanlıurfa", "Ma'arrat", "Ḥamāh", "Kılıç", "Æbbe", "ﬁeld", "", "A1 ", "\u00a0x"]
    for text in [*names, *words, *edges]:
        assert names_module._deaccent(text) == plain(text), text


def _reference_fuzzy_spelling(gazetteer: Gazetteer, name: str) -> tuple[tuple[str, ...], float]:
    """The spelling search as written before: one ``extractOne`` per length, best kept."""
    from rapidfuzz import fuzz, process

    from geo.gazetteer_index import FUZZY_SPELLING_CUTOFF, _plain

    plain = _plain(name)
    words, size = plain.count(" "), len(plain)
    best: tuple[float, str, tuple[str, ...]] | None = None
    for other in range(int(size * 0.8), int(size * 1.25) + 1):
        table = gazetteer._plain_index.get((words, other))
        if not table:
            continue
        hit = process.extractOne(plain, list(table), scorer=fuzz.ratio,
                                 score_cutoff=FUZZY_SPELLING_CUTOFF)
        if hit is not None and (best is None or hit[1] > best[0]):
            best = (hit[1], hit[0], table[hit[0]])
    return ((), 0.0) if best is None else (best[2], best[0] / 100.0)


def test_fuzzy_spelling_search_equals_one_search_per_length() -> None:
    import random

    from geo.gazetteer_index import FUZZY_SPELLING_MIN, _plain

    gazetteer = Gazetteer.load()
    rng = random.Random(3)
    names = sorted({n for p in gazetteer.places.values() for n in (p.name, *p.alt_names)})
    probes = []
    for name in rng.sample(names, 600):
        chars = list(name)
        for _ in range(rng.randint(1, 3)):
            chars[rng.randrange(len(chars))] = rng.choice("aeiouyhkq- ")
        probes.append("".join(chars))
    probes += [n + "n" for n in rng.sample(names, 200)] + [n[1:] for n in rng.sample(names, 200)]
    found = 0
    for probe in probes:
        key = normalize(probe)
        folded = gazetteer._fuzzy(key)
        expected = folded if folded[0] or len(_plain(probe)) < FUZZY_SPELLING_MIN else (
            _reference_fuzzy_spelling(gazetteer, probe))
        assert gazetteer._fuzzy_name(probe, key) == expected, probe
        found += bool(expected[0]) and not folded[0]
    assert found > 15  # names only the spelling search finds

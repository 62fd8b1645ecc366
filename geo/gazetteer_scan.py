"""Finding place names in text: the automaton over the token stream, and its filters.

Part of :mod:`geo.gazetteer`: :meth:`geo.gazetteer.Gazetteer.find` runs :class:`Scanner` first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from itertools import accumulate
from itertools import count as _count
from operator import add

from geo.gazetteer_data import _Hit
from geo.gazetteer_index import GazetteerIndex
from geo.gazetteer_names import _ARTICLES, _SUN_ARTICLES, _lower, _raw_tokens, _Stream, normalize

_SPAN_TEXT = (
    r"(?:(?:[Aa]l|[Ee]l|[Aa][dstrzn]|[Aa]sh|[Ee]z)[-‑ ])?[A-Z][\w'’‘`]*"
    r"(?:[- ‑](?:(?:al|el|ad|ar|as|ash|at|az|ez)[-‑])?[A-Z][\w'’‘`]*){0,3}"
)
# A capitalised name right after "town of", "village of", "near", "in"...: a place-like span.
_CAP_SPAN_PLAIN = re.compile(r"(?<![\w'’-])" + _SPAN_TEXT)
# The same spans, written to start with a character class so the regex engine skips in C to
# the next A-Z, "a" or "e": the first character is consumed, then the one before it is checked
# (a lookbehind two wide), then the article or the capital it must begin. Equal to
# _CAP_SPAN_PLAIN on every text (tests/test_gazetteer_scan.py); twice as fast.
_CAP_SPAN = re.compile(
    r"[A-Zae](?<![\w'’-][A-Zae])(?:(?<=[Aa])(?:l|[dstrzn]|sh)[-‑ ][A-Z]|(?<=[Ee])[lz][-‑ ][A-Z]|"
    r"(?<=[A-Z]))[\w'’‘`]*(?:[- ‑](?:(?:al|el|ad|ar|as|ash|at|az|ez)[-‑])?[A-Z][\w'’‘`]*){0,3}")
_TRIGGER_WORDS = frozenset({
    "in", "near", "at", "from", "into", "outside", "around", "toward", "towards", "to",
    "reached", "entered", "captured", "seized", "took", "retook", "recaptured",
})
_OPENING_ENDS = (*sorted(_TRIGGER_WORDS), "of", "the", ",", " and", " or")
_OF_NOUNS = frozenset({
    "town", "towns", "village", "villages", "city", "cities", "suburb", "district", "area",
    "region", "province", "governorate", "outskirts", "countryside", "hamlet", "hill", "mount",
    "base", "airport", "airbase", "crossing", "north", "south", "east", "west",
})


def _may_open(text: str, start: int) -> bool:
    """Whether :func:`_triggered` or :func:`_listed` may hold at ``start`` (a cheap superset).

    Both read the words right before ``start``: a trigger word, or "the" after one, or a
    comma, " and", " or" (compared here in lower case, as the end of any word).
    """
    return text[max(0, start - 40) : start].rstrip().lower().endswith(_OPENING_ENDS)


def _triggered(text: str, start: int) -> bool:
    """Whether the words before ``start`` announce a place ("town of", "near", "in the")."""
    words = text[max(0, start - 40) : start].lower().split()
    if words and words[-1] == "the":
        words.pop()
    if not words:
        return False
    if words[-1] in _TRIGGER_WORDS:
        return True
    return words[-1] == "of" and len(words) > 1 and words[-2] in _OF_NOUNS


def _listed(text: str, start: int, ends: set[int]) -> bool:
    """Whether ``start`` follows a place in a list ("Morek, X and Y")."""
    origin = max(0, start - 8)
    before = text[origin:start].rstrip()
    if before.endswith(","):
        head = before[:-1]
    elif before.endswith((" and", " or")):
        head = before.rsplit(" ", 1)[0].rstrip(",")
    else:
        return False
    return origin + len(head) in ends


# Words that make a span a place name even when every word is also English ("Tal Sheikh Ali").
_PLACE_WORDS = frozenset({
    "tal", "tel", "tell", "tall", "jabal", "jebel", "mount", "deir", "dayr", "ain", "ayn", "kafr",
    "khirbet", "khirbat", "qasr", "sheikh", "shaykh", "abu", "umm", "bir", "ras", "wadi", "marj",
    "jisr", "khan", "qalaat", "qalat", "hamam", "hammam", "mazraat", "maarat", "maaret",
    "maarrat", "bab", "beit", "bayt", "ard", "jubb",
})
_PERSON_AFTER = re.compile(r",?\s+(?:in|said|says|told|who|of)\b")
_SPEECH = re.compile(r"^\s*,?\s*(?:said|says|told|added|warned|who|a\s+\w+\s+commander)\b")
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|spokesman|spokeswoman|commander|"
                            r"President|Minister|leader|head)\s*$")
_MAP_COUNTRIES = frozenset({"syria", "iraq", "syrian", "iraqi"})
# Capitalised words of war reporting that are never places: people, sides, peoples, outlets.
_NON_PLACE_WORDS = (
    "Assad", "Hezbollah", "Hizballah", "Hizbollah", "Daesh", "Daish", "ISIS", "ISIL", "Reuters",
    "AFP", "SANA", "Kremlin", "Pentagon", "Peshmerga", "Observatory", "Nusra", "Jazeera",
    "Al Jazeera", "Arabiya", "Al Arabiya", "Amaq", "Anadolu", "Israeli", "Iranian", "Russian",
    "Turkish", "Lebanese", "Kurdish", "Kurds", "Kurd", "Arab", "Arabs", "American", "British",
    "French", "Jordanian", "Saudi", "Qatari", "Afghan", "Shia", "Shiite", "Shi'ite", "Sunni",
    "Alawite", "Druze", "Yazidi", "Assyrian", "Turkmen", "Circassian", "Palestinian", "Emirati",
    "Islamic State", "Free Syrian Army", "Sham", "Fatemiyoun", "Zainabiyoun", "Islam",
    "Muslim", "Muslims", "Christian", "Christians", "Caliphate", "Mohammed", "Muhammad",
    "Ahmad", "Ahmed", "Abdel", "Abdul", "Bashar", "Hafez", "Putin", "Erdogan", "Trump", "Obama",
    "Lavrov", "Tillerson", "Mattis", "Rami", "Omar", "Umm",
)
_NON_PLACE_AFTER = re.compile(
    r"^\s*(?:news|agency|group|rebel|rebels|brigade|brigades|battalion|forces|council|network|media|tv|"
    r"radio|movement|front|army|militia|militias|faction|party|channel)\b", re.IGNORECASE)
_LEAD_OK = frozenset({
    "the", "in", "at", "near", "from", "to", "of", "and", "or", "on", "into", "eastern", "western",
    "northern", "southern", "central", "rural", "greater", "old", "new", "upper", "lower", "east",
    "west", "north", "south", "between", "outside", "by", "for", "with", "as", "after", "before",
})


class Scanner(GazetteerIndex):
    """Finds the spans of text that name places (or look like place names)."""

    def _match(self, text: str, tokens: _Stream, starts: list[int]) -> list[_Hit]:
        # offsets[i]: where token i starts in the haystack (each token is followed by a space)
        offsets = list(map(add, accumulate(map(len, tokens.norms), initial=0), _count()))
        haystack = " " + " ".join(tokens.norms) + " "
        found: list[tuple[int, int, str]] = []
        firsts = tokens.firsts
        for end_char, key in self._automaton.iter(haystack):
            begin = end_char - len(key) - 1  # index of the key's first character
            first = bisect_right(offsets, begin) - 1
            # A name not capitalised is never a mention (_plausible's first test) and so never
            # takes its tokens from another match: drop it before sorting.
            char = text[firsts[first]]
            if not (char.isupper() or char.isdigit()):
                continue
            count = key.count(" ") + 1
            found.append((first, first + count, key))
        found.sort(key=lambda f: (-(f[1] - f[0]), -len(f[2]), f[0]))
        taken = [False] * len(tokens)
        hits: list[_Hit] = []
        for first, last, key in found:
            if any(taken[first:last]):
                continue
            if not self._plausible(text, tokens, first, last, key):
                continue
            for k in range(first, last):
                taken[k] = True
            start, end = tokens.starts[first], tokens.ends[last - 1]
            hits.append(_Hit(first, last, key, start, end, bisect_right(starts, start) - 1,
                             self._local_ids(key), self._foreign_index.get(key)))
        return hits

    @cached_property
    def _curated(self) -> dict[str, bool]:
        """Per key: whether a major, hand-checked or foreign place has it (filled on use)."""
        return {}

    def _is_curated(self, key: str) -> bool:
        curated = self._curated.get(key)
        if curated is None:
            curated = self._curated[key] = key in self._foreign_index or any(
                "curated" in self.places[i].source or self.places[i].kind in ("city", "region")
                for i in self._index.get(key, ()))
        return curated

    def _plausible(self, text: str, tokens: _Stream, first: int, last: int,
                   key: str) -> bool:
        # The token lists are read directly: this runs for every automaton match.
        starts, ends, firsts = tokens.starts, tokens.ends, tokens.firsts
        head_start, head_first, tail_end = starts[first], firsts[first], ends[last - 1]
        char = text[head_first]
        if not (char.isupper() or char.isdigit()):
            return False
        surface_words = text[head_first:tail_end]
        curated = self._is_curated(key)
        word = _lower(surface_words)
        if word in _MAP_COUNTRIES:
            return False
        if key in _NON_PLACES and not (first in tokens.articles and _PLACE_NOUN_AFTER.match(
                text, tail_end)):
            return False  # "Omar" is a man; "al-Omar field", "the al-Omar region" a place
        if last - first == 1 and first not in tokens.articles:
            # An English word is a place only when a major place is literally called so
            # ("Latakia"), not when it merely folds to one ("Five" ~ "Faw").
            if word in self._words and not (curated and self._literally(key, word)):
                return False
            if len(key) <= 2:
                return False
            if surface_words.isupper() and len(surface_words) <= 4 and not curated:
                return False  # acronyms: "IS", "SDF", "UN"
        # A curated key with ids has a city or region among them: the same test.
        if curated or key not in self._index:
            return True
        # A name next to a person's name or a speech verb is a person; before "news agency",
        # "rebel group"... an organisation.
        after = text[tail_end : tail_end + 30]
        before = text[max(0, head_start - 25) : head_start]
        if _SPEECH.match(after) or _SPEECH_BEFORE.search(before) or _NON_PLACE_AFTER.match(after):
            return False
        if last < len(starts):
            gap = text[tail_end : starts[last]]
            if gap.strip(" -") == "" and text[firsts[last]].isupper():
                return False  # "Issa Al-Janati", "Rami Abdel Rahman": part of a longer name
        if first > 0:
            prev_start, prev_end = starts[first - 1], ends[first - 1]
            gap = text[prev_end:head_start]
            prev_word = text[prev_start:prev_end]
            if (gap.strip() == "" and prev_word[:1].isupper()
                    and prev_word.lower() not in _LEAD_OK
                    and not _sentence_start(text, prev_start)):
                return False
        return True

    def _literally(self, key: str, word: str) -> bool:
        if key in self._foreign_index:
            foreign = self._foreign_index[key]
            return any(_lower(n) == word for n in (foreign.name, *foreign.alt_names))
        return any(_lower(n) == word for i in self._index.get(key, ())
                   for n in (self.places[i].name, *self.places[i].alt_names))

    def _unmatched(
        self, text: str, tokens: _Stream, hits: list[_Hit], starts: list[int]
    ) -> list[_Hit]:
        covered = sorted((h.start, h.end) for h in hits)
        cover_starts = [c[0] for c in covered]
        token_starts = tokens.starts
        # Only a list that a trigger or two known places open continues: "took Morek, X and
        # Y", "Suluk, Tell Abyad, X", not "the Governor of Homs province, Talal Al-Burazi".
        cover_ends: set[int] = set()
        found_ends = {hit_end for _, hit_end in covered}
        for hit_start, hit_end in covered:
            if _may_open(text, hit_start) and (
                    _triggered(text, hit_start) or _listed(text, hit_start, cover_ends)
                    or _listed(text, hit_start, found_ends)):
                cover_ends.add(hit_end)
        out: list[_Hit] = []
        # "the villages of Abu Dali, al-Hamdaniya and Tal Sheikh Ali": a name listed after a
        # place (found or reported) is a place too.
        for match in _CAP_SPAN.finditer(text):
            start, end = match.span()
            if not _may_open(text, start):
                continue  # neither _triggered nor _listed holds here
            k = bisect_right(cover_starts, end - 1) - 1
            if k >= 0 and covered[k][1] > start:
                continue
            if not _triggered(text, start) and (
                    not _listed(text, start, cover_ends) or _PERSON_AFTER.match(text, end)):
                continue
            surface = match.group()
            words = [_lower(w) for w, _, _ in _raw_tokens(surface)]
            meaningful = [w for w in words if w not in _ARTICLES and w not in _SUN_ARTICLES]
            if not meaningful or all((w in self._words and w not in _PLACE_WORDS)
                                     or w in _MAP_COUNTRIES or w.isdigit() for w in meaningful):
                continue
            if any(w in _NON_PLACE_LOWER or w in _MAP_COUNTRIES for w in meaningful):
                continue
            if surface.isupper() or any(w.isupper() and len(w) <= 5
                                        for w, _, _ in _raw_tokens(surface)):
                continue  # a headline, or an acronym: "SDF", "YPG"
            key = normalize(surface)
            if key in self._foreign_index or key in _NON_PLACES:
                continue
            if _NON_PLACE_AFTER.match(text[end : end + 30]):
                continue
            ids, score = self._fuzzy_name(surface, key)
            cover_ends.add(end)
            first = bisect_right(token_starts, start) - 1
            sentence = bisect_right(starts, start) - 1
            out.append(_Hit(first, first, key, start, end, sentence, ids, None, score))
        return out


_NON_PLACES = frozenset(normalize(w) for w in _NON_PLACE_WORDS)
_PLACE_NOUN_AFTER = re.compile(r"\s+(?:region|area|district|oil\s*field|gas\s*field|field|village|"
                               r"town|neighbou?rhood|hill|dam|base|airport)\b", re.IGNORECASE)
_NON_PLACE_LOWER = frozenset(_lower(w) for w in _NON_PLACE_WORDS if " " not in w)


def _sentence_start(text: str, offset: int) -> bool:
    before = text[max(0, offset - 3) : offset].rstrip(" \t\"“'‘")
    return not before or before[-1] in ".!?\n:–—-"

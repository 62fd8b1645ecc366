"""Place-name spellings folded to one key, and text cut into normalised tokens.

Part of :mod:`geo.gazetteer`: :func:`normalize` is the key every index and the scan share.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate, compress
from operator import itemgetter
from typing import NamedTuple

_TOKEN = re.compile(r"[^\W_]+(?:['’‘ʿʾ`´][^\W_]+)*")
_MARKS = str.maketrans({c: None for c in "'’‘ʿʾ`´"})
_SPECIAL = str.maketrans({"ı": "i", "ø": "o", "ß": "ss", "æ": "ae", "đ": "d", "ł": "l",
                          "ə": "a", "ŀ": "l", "þ": "th", "ð": "d"})
_ARTICLES = frozenset({"al", "el", "il", "ul"})
# Assimilated forms of the article: dropped only before a word starting with the same consonant
# ("as-Safira", "ar Raqqah", "ez-Zor"), so English "as" and "at" survive in running text.
_SUN_ARTICLES = {
    "ad": "d", "ed": "d", "adh": "dh", "at": "t", "et": "t", "ath": "th", "ar": "r", "er": "r",
    "az": "z", "ez": "z", "as": "s", "es": "s", "ash": "sh", "esh": "sh", "an": "n", "en": "n",
}
_WORDS = {
    "mount": "jabal", "mt": "jabal", "mountain": "jabal", "jebel": "jabal", "djebel": "jabal",
    "jabel": "jabal", "jbel": "jabal", "djabal": "jabal",
    "tell": "tal", "tall": "tal", "tel": "tal", "til": "tal",
    "ain": "ayn", "ein": "ayn", "ayn": "ayn", "aine": "ayn", "ayun": "uyun", "oyoun": "uyun",
    "deir": "dayr", "dair": "dayr", "dayr": "dayr", "der": "dayr", "deyr": "dayr",
    "sheikh": "shaykh", "shaikh": "shaykh", "shaykh": "shaykh", "sheik": "shaykh",
    "cheikh": "shaykh", "shekh": "shaykh", "sheykh": "shaykh",
    "abu": "bu", "albu": "bu", "abou": "bu", "abo": "bu", "bou": "bu", "bu": "bu",
}
_ENGLISH_ARTICLES = frozenset({"as", "at", "an"})
_JOINERS = " -‑‐'’‘ʿʾ`´"
_JOINED_SUN = re.compile(r"^[ae](sh|th|dh|[tdrzsn])(?=\1)")
_AW = re.compile(r"aw(?=[^aeiouyw]|$)")
_DOUBLE = re.compile(r"(.)\1+")
_FINAL_H = re.compile(r"(?<=[aeiu])h$")


def _deaccent(text: str) -> str:
    if text.isascii():  # no accent to strip, no special letter to map: the common case
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def _fold(raw: str) -> str:
    """Fold one token (already lower-cased, marks removed) to its spelling-independent form."""
    word = raw
    mapped = _WORDS.get(word)
    if mapped is not None:
        return mapped
    if word.startswith("al") and len(word) >= 6 and word[2] not in "aeiou":
        word = word[2:]  # a joined article: "Albukamal", "Alraqqa"
        mapped = _WORDS.get(word)
        if mapped is not None:
            return mapped
    elif len(word) >= 5 and _JOINED_SUN.match(word):
        rest = word[2:] if word[1:3] not in ("sh", "th", "dh") else word[3:]
        word = rest
    if word.startswith(("abu", "albu")) and len(word) > 5:
        word = "bu" + word[word.index("bu") + 2 :]
    word = word.replace("dj", "j").replace("tch", "ch").replace("ch", "sh").replace("q", "k")
    word = word.replace("ee", "i").replace("ei", "ay").replace("ey", "ay").replace("ai", "ay")
    word = word.replace("ou", "u").replace("oo", "u")
    word = _AW.sub("u", word)
    if len(word) > 3 and word.endswith("y") and word[-2] not in "aeiou":
        word = word[:-1] + "i"
    word = word.replace("gh", "g")
    # Short vowels are written a, e or i at random ("Hafer"/"Hafir", "Maaret"/"Maarat"): one class.
    word = word.replace("e", "a").replace("i", "a").replace("o", "u")
    word = _DOUBLE.sub(r"\1", word)
    return _FINAL_H.sub("", word)


class _Token(NamedTuple):
    norm: str
    start: int
    end: int
    first: int  # offset of the first character of the word proper (after any article)
    article: bool


def _raw_tokens(text: str) -> Iterator[tuple[str, int, int]]:
    for match in _TOKEN.finditer(text):
        word, start, end = match.group(0), match.start(), match.end()
        if len(word) > 4 and word[-1] in "sS" and word[-2] in "'’":
            word, end = word[:-2], end - 2  # possessive: "Syria's"
        yield word, start, end


@lru_cache(maxsize=200_000)
def _lower(word: str) -> str:
    if word.isascii():  # nothing to decompose: the common case, without unicodedata
        return word.lower().translate(_MARKS)
    return _deaccent(word).lower().translate(_MARKS)


@lru_cache(maxsize=200_000)
def _info(word: str) -> tuple[str, str, int]:
    """(lower-case form, folded form, role) of a raw word.

    Role: 0 plain, 1 article (al, el), 2 sun article (ash, ez...), 3 "abu", 4 possessive
    ("Syria's": the folded form is of "Syria").
    """
    if len(word) > 4 and word[-1] in "sS" and word[-2] in "'’":
        low = _lower(word[:-2])
        return low, _fold(low), 4
    low = _lower(word)
    norm = _fold(low)
    role = 1 if low in _ARTICLES else 2 if low in _SUN_ARTICLES else 3 if norm == "bu" else 0
    return low, norm, role


class _Stream:
    """Normalised tokens of a text as parallel lists (cheap to build, indexed like a list)."""

    __slots__ = ("articles", "ends", "firsts", "norms", "starts")

    def __init__(self, norms: list[str], starts: list[int], ends: list[int], firsts: list[int],
                 articles: set[int]) -> None:
        self.norms = norms
        self.starts = starts
        self.ends = ends
        self.firsts = firsts
        self.articles = articles

    def __len__(self) -> int:
        return len(self.norms)

    def __getitem__(self, i: int) -> _Token:
        return _Token(self.norms[i], self.starts[i], self.ends[i], self.firsts[i],
                      i in self.articles)

    def __iter__(self) -> Iterator[_Token]:
        return (self[i] for i in range(len(self.norms)))


_NORM = itemgetter(1)
_ROLE = itemgetter(2)
# The tokens and the text between them, alternately: offsets come from summing lengths.
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")


class _InfoTable(dict[str, tuple[str, str, int]]):
    """:func:`_info` of every word seen, looked up from C (``map``) in the common case."""

    def __missing__(self, word: str) -> tuple[str, str, int]:
        if len(self) >= 500_000:
            self.clear()
        info = self[word] = _info(word)
        return info


_INFOS = _InfoTable()


def _word_lists(text: str) -> tuple[list[str], list[tuple[str, str, int]], list[str],
                                     list[int], list[int], list[int]]:
    """The words of ``text``: words, infos, folded forms, starts, ends, special indexes."""
    # map() and slicing keep the per-word loops in C: this is the scan's hot path.
    parts = _TOKEN_SPLIT.split(text)
    words = parts[1::2]
    offsets = list(accumulate(map(len, parts), initial=0))
    infos = list(map(_INFOS.__getitem__, words))
    return (words, infos, list(map(_NORM, infos)), offsets[1:-1:2], offsets[2::2],
            list(compress(range(len(infos)), map(_ROLE, infos))))


def _tokens(text: str) -> _Stream:
    """Tokenise ``text`` into normalised tokens with the offsets of what they cover.

    The common case (a word that is no article, particle or possessive) stays in C-level
    maps; only the few special words go through the merging loop.
    """
    words, infos, norms, starts, ends, special = _word_lists(text)
    if not special:
        return _Stream(norms, starts, ends, starts[:], set())
    firsts = starts[:]
    n = len(norms)
    drop: set[int] = set()
    articles: set[int] = set()

    def joined(j: int) -> bool:  # token j and j + 1 are one name: only a space or hyphen between
        return j + 1 < n and not text[ends[j] : starts[j + 1]].strip(_JOINERS)

    def article_before(j: int) -> bool:  # token j is an article of token j + 1
        low, _, role = infos[j]
        return joined(j) and (role == 1 or (
            role == 2 and infos[j + 1][0].startswith(_SUN_ARTICLES[low])))

    for i in special:
        if i in drop:
            continue
        role = infos[i][2]
        if role == 4:
            ends[i] -= 2
            continue
        if role in (1, 2):
            if not article_before(i):
                continue
            drop.add(i)
            word = words[i]
            if not (word in _ENGLISH_ARTICLES and text[ends[i]] == " "):
                # "known as Serekaniye": the English word stays out of the mention.
                starts[i + 1] = starts[i]
                articles.add(i + 1)
            i += 1
            role = infos[i][2]
        if role == 3 and joined(i):
            # "Abu Kamal" = "Albu Kamal" = "al-Bukamal": the particle joins the next word.
            j = i + 1
            if infos[j][2] in (1, 2) and article_before(j):
                drop.add(j)
                j += 1
            norms[i] = "bu" + infos[j][1]
            ends[i] = ends[j] - (2 if infos[j][2] == 4 else 0)
            drop.add(j)
    if not drop:
        return _Stream(norms, starts, ends, firsts, articles)
    # compress() keeps the per-token copying in C; a kept token moves back by the drops before it.
    keep = bytearray(b"\x01") * n
    for i in drop:
        keep[i] = 0
    dropped = sorted(drop)
    return _Stream(list(compress(norms, keep)), list(compress(starts, keep)),
                   list(compress(ends, keep)), list(compress(firsts, keep)),
                   {i - bisect_left(dropped, i) for i in articles if i not in drop})


def normalize(name: str) -> str:
    """Return the spelling-independent key of a place name.

    Folds diacritics and ayn/hamza marks, the Arabic article in all its forms (al-, el-, ad-,
    ar-, as-, ash-, at-, az-, ez-; joined or not, so "Albukamal" = "al-Bukamal" = "Bukamal"),
    vowel spellings (ou/u/oo, ee/i, ei/ay, e/a, o/u), doubled consonants, q/k, and the common
    words Tell/Tall/Tal, Ain/Ayn, Jabal/Jebel/Mount, Deir/Dayr, Sheikh/Shaykh, Abu/Albu.

    >>> normalize("Deir ez-Zor") == normalize("Deir Ezzor") == normalize("Dayr az Zawr")
    True
    """
    return " ".join(_tokens(name).norms)

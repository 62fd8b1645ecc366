"""Places of Syria and its borderlands: spellings folded, names found in text, resolved in context.

The gazetteer is ``data/gazetteer.csv`` (built by ``geo gazetteer build``, see ``data/README.md``).
:func:`normalize` folds the transliteration variants of one Arabic name ("al-Bukamal",
"Albukamal", "Abu Kamal", "al-Boukamal") to one key; :meth:`Gazetteer.find` matches every name
and variant over a document at once with an Aho-Corasick automaton over the normalised token
stream, keeps the longest match, maps it back to the original offsets, and chooses among
same-name places by the qualifiers in the sentence, then proximity to the document's other
places, then kind and population. Foreign places (``data/foreign_places.csv``) come out with
status ``foreign``; capitalised names after "town of", "near", "in"... that match nothing are
tried fuzzily and otherwise reported ``unresolved``, never dropped.
"""

from __future__ import annotations

import csv
import io
import math
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, compress
from itertools import count as _count
from operator import add, itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from geo.errors import GazetteerError, Problem
from geo.gazetteer_areas import area_of_name, capital_governorates, read_areas
from geo.io import csv_value
from geo.models import PLACE_KINDS, Mention, MentionStatus, Place
from geo.paths import data_path

__all__ = [
    "COLUMNS",
    "Candidate",
    "ForeignPlace",
    "Gazetteer",
    "Resolution",
    "check",
    "load_foreign",
    "normalize",
    "online_resolve",
]

COLUMNS: tuple[str, ...] = (
    "id", "name", "alt_names", "lat", "lon", "kind", "admin1", "country", "population", "source",
)
FOREIGN_COLUMNS: tuple[str, ...] = ("name", "alt_names", "lat", "lon", "kind", "country", "source")

# --- normalisation -------------------------------------------------------------------------

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


_GROUP = re.Match.group
_START = re.Match.start
_END = re.Match.end
_NORM = itemgetter(1)
_ROLE = itemgetter(2)


def _word_lists(text: str) -> tuple[list[re.Match[str]], list[tuple[str, str, int]], list[str],
                                     list[int], list[int], list[int]]:
    """The words of ``text``: matches, infos, folded forms, starts, ends, special indexes."""
    # map() over unbound methods keeps the per-word loops in C: this is the scan's hot path.
    matches = list(_TOKEN.finditer(text))
    infos = list(map(_info, map(_GROUP, matches)))
    return (matches, infos, list(map(_NORM, infos)), list(map(_START, matches)),
            list(map(_END, matches)), list(compress(range(len(infos)), map(_ROLE, infos))))


def _tokens(text: str) -> _Stream:
    """Tokenise ``text`` into normalised tokens with the offsets of what they cover.

    The common case (a word that is no article, particle or possessive) stays in C-level
    maps; only the few special words go through the merging loop.
    """
    matches, infos, norms, starts, ends, special = _word_lists(text)
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
            word = matches[i].group()
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
    keep = [i for i in range(n) if i not in drop]
    index = {old: new for new, old in enumerate(keep)}
    return _Stream([norms[i] for i in keep], [starts[i] for i in keep],
                   [ends[i] for i in keep], [firsts[i] for i in keep],
                   {index[i] for i in articles if i in index})


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


# --- values ----------------------------------------------------------------------------------

KIND_WEIGHT: Mapping[str, float] = {
    "city": 1.0, "region": 0.75, "town": 0.8, "river": 0.6, "airport": 0.55, "base": 0.5,
    "oilfield": 0.5, "dam": 0.5, "crossing": 0.5, "village": 0.4, "hill": 0.3,
}


@dataclass(frozen=True)
class ForeignPlace:
    """A place outside the map (a capital abroad, a neighbouring country).

    Attributes:
        name: Preferred name.
        alt_names: Other spellings.
        lat: Latitude.
        lon: Longitude.
        kind: ``city``, ``country`` or ``region``.
        country: ISO 3166 alpha-2 code.
        source: Where the coordinates come from.
    """

    name: str
    alt_names: tuple[str, ...]
    lat: float
    lon: float
    kind: str
    country: str
    source: str = ""


@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to, with its score (higher is better, 0 to 1)."""

    place: Place
    score: float


@dataclass(frozen=True)
class Resolution:
    """What a name resolves to.

    Attributes:
        query: The name asked about.
        place: The chosen place, or ``None``.
        status: ``resolved``, ``ambiguous``, ``unresolved`` or ``foreign``.
        score: Confidence of the choice, 0 to 1.
        candidates: Every candidate, best first.
        foreign: The foreign place when ``status`` is ``foreign``.
    """

    query: str
    place: Place | None
    status: MentionStatus
    score: float
    candidates: tuple[Candidate, ...] = ()
    foreign: ForeignPlace | None = None


# --- loading ---------------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    """The UTF-8 text of a gazetteer file; a bad byte is named by line and column."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GazetteerError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise GazetteerError(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[error.start]:02x} at column {column}); "
            "save it as UTF-8"
        ) from None


def _parse_rows(path: Path) -> tuple[dict[str, Place], list[Problem], dict[str, int]]:
    """The places of a gazetteer file, the problems of its rows, and each place's line."""
    places: dict[str, Place] = {}
    problems: list[Problem] = []
    lines: dict[str, int] = {}
    name = str(path)
    reader = csv.reader(io.StringIO(_read_text(path), newline=""))
    header = next(reader, None)
    if header is None:
        return places, [Problem(name, 1, None, "empty file, expected a header row")], lines
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        return places, [Problem(name, 1, missing[0], "missing column")], lines
    col = {c: header.index(c) for c in COLUMNS}
    width = len(header)
    line = reader.line_num
    for row in reader:
        line, first = reader.line_num, line + 1
        if not row:
            continue
        if len(row) != width:
            problems.append(Problem(name, first, None,
                                    f"expected {width} fields, found {len(row)}"))
            continue
        place, problem = _parse_place([csv_value(c) if c[:1] == "'" else c for c in row], col,
                                      name, first)
        if problem is not None:
            problems.append(problem)
            continue
        assert place is not None
        if place.id in places:
            problems.append(Problem(name, first, "id", f"duplicate id {place.id!r}"))
            continue
        places[place.id] = place
        lines[place.id] = first
    return places, problems, lines


def _coordinate(text: str, low: float, high: float) -> float | str:
    if not text.strip():
        return "missing"
    try:
        value = float(text)
    except ValueError:
        return f"not a number: {text!r}"
    if not (low <= value <= high) or math.isnan(value):
        return f"out of range [{low:g}, {high:g}]: {text}"
    return value


def _parse_place(
    row: list[str], col: Mapping[str, int], name: str, line: int
) -> tuple[Place | None, Problem | None]:
    pid = row[col["id"]].strip()
    if not pid:
        return None, Problem(name, line, "id", "missing")
    if not row[col["name"]].strip():
        return None, Problem(name, line, "name", "missing")
    lat = _coordinate(row[col["lat"]], -90.0, 90.0)
    if isinstance(lat, str):
        return None, Problem(name, line, "lat", lat)
    lon = _coordinate(row[col["lon"]], -180.0, 180.0)
    if isinstance(lon, str):
        return None, Problem(name, line, "lon", lon)
    kind = row[col["kind"]].strip()
    if kind not in PLACE_KINDS:
        return None, Problem(name, line, "kind",
                             f"unknown kind {kind!r} (expected one of {', '.join(PLACE_KINDS)})")
    alt_text = row[col["alt_names"]]
    alts: tuple[str, ...] = ()
    if alt_text:
        alts = tuple(alt_text.split("|"))
        if any(not a.strip() or a != a.strip() for a in alts):
            return None, Problem(name, line, "alt_names",
                                 f"malformed name list {alt_text!r}: empty name or stray space")
    population: int | None = None
    pop_text = row[col["population"]].strip()
    if pop_text:
        if not pop_text.isdigit():
            return None, Problem(name, line, "population", f"not a whole number: {pop_text!r}")
        population = int(pop_text)
    return Place(
        id=pid, name=row[col["name"]], alt_names=alts, lat=lat, lon=lon, kind=kind,
        admin1=row[col["admin1"]], country=row[col["country"]].strip(), population=population,
        source=row[col["source"]],
    ), None


def check(path: Path | str | None = None) -> list[Problem]:
    """Check a gazetteer file; see :func:`geo.gazetteer_check.check` (rows and countries)."""
    from geo.gazetteer_check import check as check_file

    return check_file(path)


def load_foreign(path: Path) -> list[ForeignPlace]:
    """Read a foreign-places CSV (`name, alt_names, lat, lon, kind, country, source`)."""
    if not path.is_file():
        return []
    out: list[ForeignPlace] = []
    reader = csv.DictReader(io.StringIO(_read_text(path), newline=""))
    for line, row in enumerate(reader, start=2):
        try:
            out.append(ForeignPlace(
                name=row["name"], alt_names=tuple(a for a in row["alt_names"].split("|") if a),
                lat=float(row["lat"]), lon=float(row["lon"]), kind=row["kind"],
                country=row["country"], source=row.get("source") or "",
            ))
        except (KeyError, ValueError, TypeError) as error:
            raise GazetteerError(f"{path}:{line}: malformed foreign place: {error}") from None
    return out


def _load_words(path: Path) -> frozenset[str]:
    if not path.is_file():
        return frozenset()
    return frozenset(_read_text(path).split())


# --- context ---------------------------------------------------------------------------------

_SPAN_TEXT = (
    r"(?:(?:[Aa]l|[Ee]l|[Aa][dstrzn]|[Aa]sh|[Ee]z)[-‑ ])?[A-Z][\w'’‘`]*"
    r"(?:[- ‑](?:(?:al|el|ad|ar|as|ash|at|az|ez)[-‑])?[A-Z][\w'’‘`]*){0,3}"
)
# A capitalised name right after "town of", "village of", "near", "in"...: a place-like span.
_CAP_SPAN = re.compile(r"(?<![\w'’-])" + _SPAN_TEXT)
_TRIGGER_WORDS = frozenset({
    "in", "near", "at", "from", "into", "outside", "around", "toward", "towards", "to",
    "reached", "entered", "captured", "seized", "took", "retook", "recaptured",
})
_OF_NOUNS = frozenset({
    "town", "towns", "village", "villages", "city", "cities", "suburb", "district", "area",
    "region", "province", "governorate", "outskirts", "countryside", "hamlet", "hill", "mount",
    "base", "airport", "airbase", "crossing", "north", "south", "east", "west",
})


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
_PROVINCE_WORDS = ("province", "governorate", "countryside")
_IRAQ_SIDE = re.compile(r"\b(?:Iraqi side|in Iraq|Iraq's|northern Iraq|western Iraq|Iraqi)\b")
_IRAQ_WORD = re.compile(r"\b(?:Iraq|Iraqi|Iraqis|Baghdad)\b")
_SYRIA_WORD = re.compile(r"\b(?:Syria|Syrian|Syrians|Damascus)\b")
_SYRIA_SIDE = re.compile(r"\b(?:Syrian side|in Syria|inside Syria|Syria's|northern Syria|"
                         r"eastern Syria|western Syria|southern Syria|northeastern Syria|"
                         r"northwestern Syria|Syrian (?:army|troops|forces|government|regime|"
                         r"territory|rebels|opposition))\b")
# "east Mosul", "the western part of Raqqa", "rural Idlib": a part of the place named.
_PART_OF = re.compile(
    r"^\s*(?:the\s+)?(?:(?:north|south)?(?:east|west)(?:ern)?|north(?:ern)?|south(?:ern)?|"
    r"central|rural|greater|downtown)\s+(?:(?:part|parts|side|outskirts|suburbs|countryside)"
    r"\s+of\s+)?(?P<rest>\S.*)$", re.IGNORECASE)
# "the al-Omar region", "the Mosul area": the area round a place is the place.
_AREA_OF = re.compile(r"^\s*(?:the\s+)?(?P<rest>\S.*?)\s+(?:region|area|district|environs)\s*$",
                      re.IGNORECASE)
_COUNTRYSIDE = re.compile(r"\b(?:province|governorate|countryside|rural)\b", re.IGNORECASE)
_RURAL = re.compile(r"^\s*rural\s+(?P<rest>.+)$", re.IGNORECASE)
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


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=1)
def _geod() -> Any:
    from pyproj import Geod

    return Geod(ellps="WGS84")


@lru_cache(maxsize=100_000)
def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Geodesic distance (WGS84 ellipsoid) between two points, in km.

    Karney's algorithm in PROJ's C code (pyproj): the value geopy's pure-Python ``geodesic``
    gives to within 1e-11 km, about 80 times faster.
    """
    return float(_geod().inv(a[1], a[0], b[1], b[0])[2]) / 1000.0


@dataclass
class _Hit:
    start_tok: int
    end_tok: int  # exclusive
    key: str
    start: int
    end: int
    sentence: int
    ids: tuple[str, ...] = ()
    foreign: ForeignPlace | None = None
    fuzzy: float = 1.0


# --- the gazetteer ---------------------------------------------------------------------------


_DERIVED = frozenset({"_index", "_foreign_index", "_words", "_automaton", "_fuzzy_keys",
                      "_fuzzy_by_size", "_governorate_of"})


class Gazetteer:
    """The places a document may name, with fast lookup by id and by any spelling.

    Build one with :meth:`load` (the shipped ``data/gazetteer.csv`` by default) or
    :meth:`from_places`. Loading only parses the file; the name index and the automaton are
    built on first use.
    """

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

    # construction

    @classmethod
    def load(cls, path: Path | str | None = None) -> Gazetteer:
        """Read a gazetteer CSV (default: the shipped ``data/gazetteer.csv``).

        ``foreign_places.csv`` and ``english_words.txt`` are read from beside the file when
        present, otherwise from the shipped data.

        Raises:
            GazetteerError: On the first malformed row, as ``file:line: field: what is wrong``
                (use :func:`check` to list them all).
        """
        file = Path(path) if path is not None else data_path("gazetteer.csv")
        places, problems, _ = _parse_rows(file)
        if problems:
            raise GazetteerError(str(problems[0]))
        if not places:
            raise GazetteerError(f"{file}: no places: the file has only a header row")
        return cls(
            places,
            foreign=load_foreign(_beside(file, "foreign_places.csv")),
            words_path=_beside(file, "english_words.txt"),
            source=str(file),
        )

    @classmethod
    def from_places(
        cls,
        places: Iterable[Place],
        *,
        foreign: Sequence[ForeignPlace] = (),
        common_words: Iterable[str] | None = None,
    ) -> Gazetteer:
        """Make a gazetteer from places in memory (tests, other data).

        Args:
            places: The places; ids must be unique.
            foreign: Places outside the map, reported ``foreign``.
            common_words: English words never taken for a one-word place name; the shipped
                list when ``None``.

        Raises:
            GazetteerError: When two places share an id.
        """
        table: dict[str, Place] = {}
        for place in places:
            if place.id in table:
                raise GazetteerError(f"duplicate id {place.id!r}")
            table[place.id] = place
        if common_words is None:
            return cls(table, foreign=foreign, words_path=data_path("english_words.txt"))
        return cls(table, foreign=foreign, common_words=common_words)

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
    def _governorate_of(self) -> dict[str, str]:
        return capital_governorates(self.places, normalize)

    @cached_property
    def _fuzzy_keys(self) -> list[str]:
        return sorted(k for k in self._index if len(k) >= 4)

    @cached_property
    def _fuzzy_by_size(self) -> dict[int, list[str]]:
        return {}

    # lookup and resolution

    def lookup(self, name: str) -> list[Place]:
        """Return every place one of whose names normalises to the same key as ``name``.

        Best first: by kind (city, town, ...) then population, then id.
        """
        ids = self._index.get(normalize(name), ())
        return sorted((self.places[i] for i in ids), key=_static_rank)

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

    def resolve(self, name: str, near: Place | None = None, context: str = "") -> Resolution:
        """Resolve one name, optionally near a place and in a sentence of context.

        Exact (normalised) matches come first; a name matching nothing is tried fuzzily
        (rapidfuzz, similarity >= 88). Candidates are ranked by the qualifiers in ``context``
        ("in Raqqa province", "on the Iraqi side"), then distance to ``near``, then kind and
        population.
        """
        key = normalize(name)
        ids = self._local_ids(key)
        fuzz_score = 1.0
        if not ids:
            foreign = self._foreign_index.get(key)
            if foreign is not None:
                return Resolution(name, None, "foreign", 1.0, (), foreign)
            ids = self._part_of(name)
        if not ids:
            ids, fuzz_score = self._fuzzy(key)
            if not ids:
                return Resolution(name, None, "unresolved", 0.0)
        anchors = [(near.lat, near.lon)] if near is not None else []
        ranked = self._rank(ids, anchors, context)
        return _resolution(name, ranked, fuzz_score)

    def _part_of(self, name: str) -> tuple[str, ...]:
        """Ids for a part of a place named by the whole ("east Mosul", "western Raqqa").

        Tried only when the name as written matches nothing, so "New Rawa" or "Old Sinjar",
        when they are places, stay themselves.
        """
        area = area_of_name(name, lambda n: self._local_ids(normalize(n)), self.places,
                            self._governorate_of)
        if area is not None:
            return (area,)
        if _COUNTRYSIDE.search(name):
            # "province of Homs", "rural Idlib", "the Raqqa countryside": the governorate
            admin = self._qualifier_admin1(_RURAL.sub(r"\g<rest> countryside", name))
            return tuple(sorted(p.id for p in self.places.values()
                                if p.kind == "region" and p.admin1 in admin
                                and p.name == f"{p.admin1} Governorate"))
        match = _PART_OF.match(name) or _AREA_OF.match(name)
        if match is None:
            return ()
        return self._local_ids(normalize(match.group("rest")))

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

    def _fuzzy_choices(self, size: int) -> list[str]:
        """The fuzzy keys whose length lets them score 88 against a key of ``size`` characters.

        ``fuzz.ratio`` is at most ``100 * (1 - |a - b| / (a + b))`` for lengths a and b; the
        others cannot match, so they are left out (in the same order, so ties break the same).
        """
        choices = self._fuzzy_by_size.get(size)
        if choices is None:
            choices = self._fuzzy_by_size[size] = [
                k for k in self._fuzzy_keys
                if 100.0 * (1.0 - abs(len(k) - size) / (len(k) + size)) >= 87.999]
        return choices

    def _qualifiers(self, context: str) -> tuple[frozenset[str], bool, bool]:
        """Governorates named as such, "Iraqi side", "in Syria" in ``context``."""
        return (frozenset(self._qualifier_admin1(context)), bool(_IRAQ_SIDE.search(context)),
                bool(_SYRIA_SIDE.search(context)))

    def _rank(
        self,
        ids: Sequence[str],
        anchors: Sequence[tuple[float, float]],
        context: str,
        qualifiers: tuple[frozenset[str], bool, bool] | None = None,
        direction: tuple[tuple[float, float], float] | None = None,
    ) -> list[Candidate]:
        places = [self.places[i] for i in ids]
        if len(places) == 1:
            return [Candidate(places[0], 1.0)]
        admin, iraq, syria = qualifiers if qualifiers is not None else self._qualifiers(context)
        raw: list[tuple[float, Place]] = []
        for place in places:
            score = _prior(place)
            if place.population:
                score += 0.5 * min(math.log10(place.population + 1) / 6.0, 1.0)
            if admin and place.admin1 in admin:
                score += 2.0
            if iraq and place.country == "IQ":
                score += 1.0
            if syria and place.country == "SY" and not iraq:
                score += 0.5
            if anchors:
                here = (place.lat, place.lon)
                closest = min(anchors, key=lambda a: _haversine_km(here, a))
                score += 2.5 * math.exp(-_distance_km(here, closest) / 75.0)
            if direction is not None and _towards(direction[0], (place.lat, place.lon),
                                                  direction[1]):
                score += 1.0
            raw.append((score, place))
        raw.sort(key=lambda sp: (-sp[0], _static_rank(sp[1])))
        # Confidence from the margin over the runner-up (for the others: the gap to the best),
        # so bonuses every candidate shares (the province, the country) do not dilute it.
        best, second = raw[0][0], raw[1][0]
        return [Candidate(p, round(_logistic(s - (second if i == 0 else best)), 3))
                for i, (s, p) in enumerate(raw)]

    def _qualifier_admin1(self, context: str) -> set[str]:
        """Governorates named as such in ``context`` ("in Deir ez-Zor province")."""
        if not context or not any(w in context.lower() for w in _PROVINCE_WORDS):
            return set()
        found: set[str] = set()
        norms = _tokens(context).norms
        for i, norm in enumerate(norms):
            if norm not in _PROVINCE_KEYS:
                continue
            if i + 2 < len(norms) and norms[i + 1] == _OF:
                # "the countryside of Idleb", "the province of Deir ez-Zor"
                for width in (3, 2, 1):
                    for pid in self._index.get(" ".join(norms[i + 2 : i + 2 + width]), ()):
                        place = self.places[pid]
                        if place.kind in ("city", "region") and place.admin1:
                            found.add(place.admin1)
            for width in (3, 2, 1):
                if i - width < 0:
                    continue
                key = " ".join(norms[i - width : i + 1])
                for pid in self._index.get(key, ()):
                    place = self.places[pid]
                    if place.kind == "region" and place.admin1:
                        found.add(place.admin1)
                base = " ".join(norms[i - width : i])
                for pid in self._index.get(base, ()):
                    place = self.places[pid]
                    if place.kind in ("city", "region") and place.admin1:
                        found.add(place.admin1)
        return found

    # finding places in text

    def find(self, text: str, doc_id: str = "") -> list[Mention]:
        """Find every place mention in ``text`` and resolve it in the document's context.

        Names and spellings are matched over the normalised token stream (longest match
        first), one-word matches that are common English words ("March", "Most") or that are
        not capitalised are skipped, foreign places come out ``foreign``, and capitalised
        place-like names that match nothing (after "town of", "near", "in"...) are tried
        fuzzily and otherwise reported ``unresolved``. Offsets index into ``text``;
        ``sentence_index`` follows :func:`geo.text.split_sentences`.
        """
        from geo.text import split_sentences

        tokens = _tokens(text)
        if not tokens:
            return []
        sentences = split_sentences(text)
        starts = [s.start for s in sentences] or [0]
        hits = self._match(text, tokens, starts)
        hits.extend(self._unmatched(text, tokens, hits, starts))
        hits.sort(key=lambda h: h.start)
        mentions = self._resolve_hits(text, hits, sentences, doc_id)
        return read_areas(text, mentions, self.places, self._governorate_of, normalize)

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
            start, end = tokens[first].start, tokens[last - 1].end
            hits.append(_Hit(first, last, key, start, end, bisect_right(starts, start) - 1,
                             self._local_ids(key), self._foreign_index.get(key)))
        return hits

    def _plausible(self, text: str, tokens: _Stream, first: int, last: int,
                   key: str) -> bool:
        head = tokens[first]
        char = text[head.first]
        if not (char.isupper() or char.isdigit()):
            return False
        surface_words = text[head.first : tokens[last - 1].end]
        ids = self._index.get(key, ())
        curated = key in self._foreign_index or any(
            "curated" in self.places[i].source or self.places[i].kind in ("city", "region")
            for i in ids)
        word = _lower(surface_words)
        if word in _MAP_COUNTRIES or key in _NON_PLACES:
            return False
        if last - first == 1 and not head.article:
            # An English word is a place only when a major place is literally called so
            # ("Latakia"), not when it merely folds to one ("Five" ~ "Faw").
            if word in self._words and not (curated and self._literally(key, word)):
                return False
            if len(key) <= 2:
                return False
            if surface_words.isupper() and len(surface_words) <= 4 and not curated:
                return False  # acronyms: "IS", "SDF", "UN"
        if curated or not ids:
            return True
        if any(self.places[i].kind in ("city", "region") for i in ids):
            return True
        # A name next to a person's name or a speech verb is a person; before "news agency",
        # "rebel group"... an organisation.
        after = text[tokens[last - 1].end : tokens[last - 1].end + 30]
        before = text[max(0, head.start - 25) : head.start]
        if _SPEECH.match(after) or _SPEECH_BEFORE.search(before) or _NON_PLACE_AFTER.match(after):
            return False
        if last < len(tokens):
            nxt = tokens[last]
            gap = text[tokens[last - 1].end : nxt.start]
            if gap.strip(" -") == "" and text[nxt.first].isupper():
                return False  # "Issa Al-Janati", "Rami Abdel Rahman": part of a longer name
        if first > 0:
            prev = tokens[first - 1]
            gap = text[prev.end : head.start]
            prev_word = text[prev.start : prev.end]
            if (gap.strip() == "" and prev_word[:1].isupper()
                    and prev_word.lower() not in _LEAD_OK
                    and not _sentence_start(text, prev.start)):
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
        # Only a list that a trigger opens continues: "took Morek, X and Y", not
        # "the Governor of Homs province, Talal Al-Burazi".
        cover_ends: set[int] = set()
        for hit_start, hit_end in covered:
            if _triggered(text, hit_start) or _listed(text, hit_start, cover_ends):
                cover_ends.add(hit_end)
        out: list[_Hit] = []
        # "the villages of Abu Dali, al-Hamdaniya and Tal Sheikh Ali": a name listed after a
        # place (found or reported) is a place too.
        for match in _CAP_SPAN.finditer(text):
            start, end = match.span()
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
            ids, score = self._fuzzy(key)
            cover_ends.add(end)
            first = bisect_right(token_starts, start) - 1
            sentence = bisect_right(starts, start) - 1
            out.append(_Hit(first, first, key, start, end, sentence, ids, None, score))
        return out

    def _resolve_hits(
        self, text: str, hits: list[_Hit], sentences: Sequence[Any], doc_id: str
    ) -> list[Mention]:
        anchors: list[tuple[float, float]] = []
        for hit in hits:
            if len(hit.ids) == 1:
                place = self.places[hit.ids[0]]
                if (place.lat, place.lon) not in anchors:
                    anchors.append((place.lat, place.lon))
        mentions: list[Mention] = []
        cache: dict[tuple[Any, ...], list[Candidate]] = {}
        qualifier_cache: dict[str, tuple[frozenset[str], bool, bool]] = {}
        document: str | None = None
        for hit in hits:
            surface = text[hit.start : hit.end]
            sentence = sentences[hit.sentence].text if 0 <= hit.sentence < len(sentences) else ""
            if not hit.ids:
                status: MentionStatus = "foreign" if hit.foreign is not None else "unresolved"
                mentions.append(Mention(doc_id, surface, hit.start, hit.end,
                                        max(hit.sentence, 0), None, status, (), 0.0 if
                                        status == "unresolved" else 1.0))
                continue
            own = None
            if len(hit.ids) == 1:
                place = self.places[hit.ids[0]]
                own = (place.lat, place.lon)
            ranked = [Candidate(self.places[hit.ids[0]], 1.0)] if own else None
            if ranked is None:
                context = sentence + " " + _qualifier_window(text, hit)
                flags = qualifier_cache.get(context)
                if flags is None:
                    flags = qualifier_cache[context] = self._qualifiers(context)
                if not (flags[1] or flags[2]):
                    # The sentence names neither country: the document's own may decide
                    # (an Iraqi report's "Rabia" is the Iraqi border town).
                    if document is None:
                        document = _document_country(text)
                    flags = (flags[0], document == "IQ", document == "SY")
                direction = self._direction(text, hit, hits)
                memo = (hit.ids, flags, direction)
                ranked = cache.get(memo)
                if ranked is None:
                    ranked = cache[memo] = self._rank(hit.ids, anchors, context, flags,
                                                      direction)
            resolution = _resolution(surface, ranked, hit.fuzzy)
            assert resolution.place is not None
            mentions.append(Mention(
                doc_id, surface, hit.start, hit.end, max(hit.sentence, 0),
                resolution.place.id, resolution.status,
                tuple(c.place.id for c in resolution.candidates), resolution.score,
            ))
        return mentions

    def _direction(self, text: str, hit: _Hit,
                   hits: list[_Hit]) -> tuple[tuple[float, float], float] | None:
        """("X, 20 km east of Y"): Y's position and the bearing from Y to X, when Y resolves."""
        match = _DIRECTION.match(text, hit.end)
        if match is None:
            return None
        ref = next((h for h in hits if h.start == match.end()), None)
        if ref is None or len(ref.ids) != 1:
            return None
        place = self.places[ref.ids[0]]
        return (place.lat, place.lon), _BEARINGS[match.group("dir").lower().replace("-", "")]

    # reporting

    def problems_for(self, mentions: Iterable[Mention], text: str = "") -> list[Problem]:
        """Turn the unresolved mentions into problems naming the document and the sentence."""
        from geo.text import split_sentences

        sentences = split_sentences(text) if text else []
        out: list[Problem] = []
        for mention in mentions:
            if mention.status != "unresolved":
                continue
            sentence = (sentences[mention.sentence_index].text
                        if mention.sentence_index < len(sentences) else "")
            message = f"unresolved place {mention.surface!r}"
            if sentence:
                message += f" in: {sentence}"
            out.append(Problem(mention.doc_id, None, "place", message))
        return out


_BEARINGS = {"north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0,
             "south": 180.0, "southwest": 225.0, "west": 270.0, "northwest": 315.0}
_DIRECTION = re.compile(
    r",?\s*(?:(?:a|some|about|around|just)\s+)?(?:\d+(?:\.\d+)?\s*(?:km|kilometers|kilometres|"
    r"miles)\s+(?:\(\w+\s+\w+\)\s+)?)?(?P<dir>(?:north|south)-?(?:east|west)|north|south|east|west)"
    r"\s+of\s+(?:the\s+(?:city|town|village)\s+of\s+)?", re.IGNORECASE)


def _towards(origin: tuple[float, float], point: tuple[float, float], bearing: float) -> bool:
    """Whether ``point`` lies within 150 km of ``origin`` in the direction ``bearing`` (±60°)."""
    if _haversine_km(origin, point) > 150.0:
        return False
    lat1, lat2 = math.radians(origin[0]), math.radians(point[0])
    dlon = math.radians(point[1] - origin[1])
    angle = math.degrees(math.atan2(
        math.sin(dlon) * math.cos(lat2),
        math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlon)))
    return abs((angle - bearing + 180.0) % 360.0 - 180.0) <= 60.0


_OF = _fold("of")
_PROVINCE_KEYS = frozenset(_fold(w) for w in _PROVINCE_WORDS)
_NON_PLACES = frozenset(normalize(w) for w in _NON_PLACE_WORDS)
_NON_PLACE_LOWER = frozenset(_lower(w) for w in _NON_PLACE_WORDS if " " not in w)


def _document_country(text: str) -> str:
    """``IQ`` or ``SY`` when a document names one country at least twice as often as the other."""
    iraq = len(_IRAQ_WORD.findall(text))
    syria = len(_SYRIA_WORD.findall(text))
    if iraq > 2 * syria:
        return "IQ"
    if syria > 2 * iraq:
        return "SY"
    return ""


def _beside(file: Path, name: str) -> Path:
    sibling = file.parent / name
    return sibling if sibling.is_file() else data_path(name)


def _sentence_start(text: str, offset: int) -> bool:
    before = text[max(0, offset - 3) : offset].rstrip(" \t\"“'‘")
    return not before or before[-1] in ".!?\n:–—-"


def _qualifier_window(text: str, hit: _Hit) -> str:
    return text[hit.end : hit.end + 40]


def _logistic(margin: float) -> float:
    return 1.0 / (1.0 + math.exp(-2.5 * margin))


def _prior(place: Place) -> float:
    # A hand-checked row is the place the press means when nothing else decides.
    return KIND_WEIGHT.get(place.kind, 0.3) + (0.2 if "curated" in place.source else 0.0)


def _static_rank(place: Place) -> tuple[float, float, str]:
    return (-_prior(place), -(place.population or 0), place.id)


def _resolution(query: str, ranked: list[Candidate], fuzz_score: float) -> Resolution:
    best = ranked[0]
    score = round(best.score * fuzz_score, 3)
    if len(ranked) == 1:
        status: MentionStatus = "resolved"
    else:
        status = "resolved" if best.score >= 0.6 else "ambiguous"
    return Resolution(query, best.place, status, score, tuple(ranked))


USER_AGENT = "geo-syria-control-maps/0.1 (offline news geoparser; online fallback on request)"


def _cache_file() -> Path:
    import os

    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "geo" / "nominatim.json"


def online_resolve(name: str, *, cache: Path | None = None) -> Resolution:
    """Ask OpenStreetMap Nominatim for a name the gazetteer lacks (``geo resolve --online``).

    Calls go through geopy's ``RateLimiter`` (one a second, Nominatim's policy) with a
    descriptive user agent, restricted to Syria and Iraq; answers, misses included, are cached
    in a JSON file (``$XDG_CACHE_HOME/geo/nominatim.json``) so a name is asked once. Never used
    by :meth:`Gazetteer.find` or the tests.

    Raises:
        GazetteerError: When the service cannot be reached or answers with an error.
    """
    import json

    from geo.io import atomic_write_text

    path = cache or _cache_file()
    try:
        table: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        table = {}
    if name not in table:
        from geopy.exc import GeopyError
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        geocode = RateLimiter(Nominatim(user_agent=USER_AGENT).geocode, min_delay_seconds=1.0,
                              max_retries=1, swallow_exceptions=False)
        try:
            location = geocode(name, exactly_one=True, country_codes=["sy", "iq"],
                               addressdetails=True)
        except GeopyError as error:
            raise GazetteerError(f"online lookup of {name!r} failed: {error}") from None
        table[name] = None if location is None else {
            "name": location.address.split(",")[0], "lat": location.latitude,
            "lon": location.longitude,
            "country": str(location.raw.get("address", {}).get("country_code", "")).upper(),
            "osm": f"{location.raw.get('osm_type', '')}:{location.raw.get('osm_id', '')}",
        }
        atomic_write_text(path, json.dumps(table, ensure_ascii=False, indent=1, sort_keys=True))
    found = table[name]
    if not found:
        return Resolution(name, None, "unresolved", 0.0)
    place = Place(id=f"osm:{found['osm']}", name=found["name"], alt_names=(), lat=found["lat"],
                  lon=found["lon"], kind="village", country=found["country"] or "SY",
                  source="nominatim")
    return Resolution(name, place, "resolved", 0.5, (Candidate(place, 0.5),))

"""A province named after its capital: when "Idlib", "Hama" or "Deir ez-Zor" is the governorate.

Part of the resolution side of :mod:`geo.gazetteer`. Twenty governorates share their name with
their capital (Aleppo, Homs, Idlib, Raqqa, Kirkuk, Erbil...), and the press writes the bare name
for either. The name is the governorate, not the city, when

* a phrase around it makes it an area (:func:`area_phrase`): "the province of X", "the
  countryside of X", "the eastern region of X", "X countryside", "rural X", "northern X",
  "southern X", "in the north of X" (but not "north of X" or "20 km north of X", a point of
  reference, and not "east X", a part of the city); "eastern"/"western X" is the governorate
  unless the city is one of the large ones the press divides into halves ("eastern Aleppo",
  population :data:`HALVED_CITY` or more);
* it locates another place of the province far from the city ("Mayadeen in Deir Ezzor");
* or the document names the governorate as such ("Idlib province") about as often as it
  writes the bare name (:data:`DOCUMENT_AREA_RATIO`) and never the city as a city ("the city of
  Idlib", "Idlib city"): its bare "Idlib" is then the province (:func:`read_areas`). A
  governorate named only in a title ("the governor of Homs province") does not count.

One table, :data:`AREA_PHRASES`, holds the phrases; each row is a pattern on the text before or
after the name and what it makes of it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from geo.models import Mention, Place

__all__ = [
    "AREA_PHRASES", "HALVED_CITY", "area_of_name", "area_phrase", "capital_governorates",
    "read_areas",
]

#: A city this large is divided into halves by the press ("eastern Aleppo", "west Baghdad").
HALVED_CITY = 1_000_000
#: The bare name is the province when the document writes it at most this many times per time
#: it names the province as an area (and never names the city as a city).
DOCUMENT_AREA_RATIO = 2
#: A place this far from a capital is outside the city: "Mayadeen in Deir Ezzor" is the province.
OUTSIDE_CITY_KM = 15.0

_COMPASS = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)"
_AREA_NOUN = r"(?:province|governorate|governate|countryside|region|hinterland|desert)"

#: (where, pattern, reading): ``where`` is ``before`` (matched against the text before the name,
#: anchored at its end) or ``after`` (against the text after it, anchored at its start);
#: ``reading`` is ``area`` (the governorate), ``city`` (the city, named as such),
#: ``halves`` (the governorate, unless the city is large enough to have halves: then the city)
#: or ``reference`` (a point of reference: the city).
AREA_PHRASES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("before", re.compile(rf"\b{_AREA_NOUN}\s+of\s+(?:the\s+)?$", re.IGNORECASE), "area"),
    ("before", re.compile(r"\d\s*(?:km|kilomet(?:er|re)s?|miles?)\s+(?:\(\w+\s+\w+\)\s+)?"
                          rf"(?:to\s+the\s+)?{_COMPASS}\s+of\s+(?:the\s+)?$", re.IGNORECASE),
     "reference"),
    ("before", re.compile(rf"\bthe\s+{_COMPASS}\s+of\s+$", re.IGNORECASE), "area"),
    ("before", re.compile(rf"\b{_COMPASS}\s+of\s+(?:the\s+)?$", re.IGNORECASE), "reference"),
    ("before", re.compile(r"\b(?:rural|(?:north|south)(?:-?(?:east|west))?ern)\s+$",
                          re.IGNORECASE), "area"),
    ("before", re.compile(r"\b(?:east|west)ern\s+$", re.IGNORECASE), "halves"),
    ("before", re.compile(r"\b(?:city|town)\s+(?:of\s+)?$", re.IGNORECASE), "city"),
    ("before", re.compile(rf"\b{_COMPASS}\s+$", re.IGNORECASE), "city"),
    ("after", re.compile(rf"^\s+{_AREA_NOUN}\b", re.IGNORECASE), "area"),
    ("after", re.compile(r"^\s+(?:city|town)\b|^['’]s\s+(?:old\s+city|neighbou?rhoods?|"
                         r"districts?|quarters?|city\s+cent(?:re|er))\b", re.IGNORECASE),
     "city"),
    ("after", re.compile(r"^,?\s+(?:is|was|remains|became)\s+(?:the\s+)?(?:\w+\s+)?capital\b",
                         re.IGNORECASE), "city"),
    ("before", re.compile(r"\bcapital,?\s+$", re.IGNORECASE), "city"),
)
# A governorate named in a person's title is not the document speaking of the province.
_TITLE_BEFORE = re.compile(r"\b(?:governor|mayor|council|governorate|police\s+chief|chief|head)\s+"
                           r"of\s+(?:the\s+)?$", re.IGNORECASE)
_IN_BETWEEN = re.compile(r"^\s*,?\s+in\s+(?:the\s+)?(?:[\w'’-]+\s+)?$", re.IGNORECASE)
_DISTANCE = re.compile(r"\d")
_HYPHENS = ("-", "–", "‑")
_THE_CITY = re.compile(r"\b(?:the|this)\s+(?:city|town)\b(?!\s+of\b)", re.IGNORECASE)
_WINDOW = 60


def capital_governorates(places: Mapping[str, Place],
                         normalize: Callable[[str], str]) -> dict[str, str]:
    """City id -> governorate id, for every city that shares its name with its governorate.

    The governorate is the region called ``"<admin1> Governorate"``; the city is a ``city`` or
    ``town`` whose name normalises like its ``admin1``.
    """
    governorates = {p.admin1: p.id for p in places.values()
                    if p.kind == "region" and p.name == f"{p.admin1} Governorate"}
    return {p.id: governorates[p.admin1] for p in places.values()
            if p.kind in ("city", "town") and p.admin1 in governorates
            and normalize(p.name) == normalize(p.admin1)}


def area_phrase(text: str, start: int, end: int, population: int = 0) -> str:
    """What the words around ``text[start:end]`` (a capital's name) make of it.

    Returns ``area`` (the governorate), ``city`` (the city, named as such or as a part of it),
    ``reference`` (a point of reference: the city) or ``""`` (nothing: the name alone).
    ``population`` is the city's: "eastern X" is the city's half when it is
    :data:`HALVED_CITY` or more.

    >>> area_phrase("rebels in northern Hama", 19, 23)
    'area'
    >>> area_phrase("shelling 20 km north of Hama", 24, 28)
    'reference'
    """
    before = text[max(0, start - _WINDOW) : start]
    after = text[end : end + _WINDOW]
    for where, pattern, reading in AREA_PHRASES:
        if pattern.search(before if where == "before" else after):
            if reading == "halves":
                return "city" if population >= HALVED_CITY else "area"
            return reading
    return ""


def area_of_name(name: str, lookup: Callable[[str], Sequence[str]], places: Mapping[str, Place],
                 governorate_of: Mapping[str, str]) -> str | None:
    """The place a phrase around a capital's name means, asked alone (``geo resolve``), or ``None``.

    The words around the name read as in :func:`area_phrase`: "northern Hama" and "Idlib
    countryside" are the governorate, "the city of Idlib" the city. "north of Aleppo" asked as
    a name is the area north of the city, so the governorate; "20 km north of Aleppo" is
    neither (``None``). ``lookup`` gives the place ids of a spelling.
    """
    words = [m.span() for m in re.finditer(r"\S+", name)]
    for first, (start, _) in enumerate(words):
        for _, end in reversed(words[first:]):
            if start == 0 and end == len(name):
                continue  # the whole name: not a phrase around a name
            for place_id in lookup(name[start:end]):
                area = governorate_of.get(place_id)
                if area is None:
                    continue
                reading = area_phrase(name, start, end, places[place_id].population or 0)
                if reading == "area" or (reading == "reference" and not _DISTANCE.search(name)):
                    return area
                if reading == "city":
                    return place_id
    return None


def read_areas(text: str, mentions: Sequence[Mention], places: Mapping[str, Place],
               governorate_of: Mapping[str, str],
               normalize: Callable[[str], str]) -> list[Mention]:
    """The mentions of one document with the capitals that mean their governorate re-read.

    ``governorate_of`` is :func:`capital_governorates`. Only a bare name is re-read: a name
    written with more ("Daraa city", "Daraa al-Balad") names the city. A mention re-read keeps
    its span and gets the governorate as its place (first among its candidates, status
    ``resolved``).
    """
    out = list(mentions)
    if not any(m.place_id in governorate_of for m in mentions):
        return out
    readings: dict[int, str] = {}
    for i, mention in enumerate(out):
        if mention.place_id is None or mention.place_id not in governorate_of:
            continue
        city = places[mention.place_id]
        if normalize(mention.surface) != normalize(city.name):
            readings[i] = "city"
            continue
        reading = area_phrase(text, mention.start, mention.end, city.population or 0)
        if not reading and i > 0 and _locates(text, out[i - 1], mention, city, places):
            reading = "area"
        if not reading and (text[mention.end : mention.end + 1] in _HYPHENS
                            or text[mention.start - 1 : mention.start] in _HYPHENS):
            reading = "point"  # "the Palmyra-Deir ez-Zor road": the city, named as an end
        if not reading and _THE_CITY.search(_sentence_around(text, mention.start, mention.end)):
            reading = "city"  # "fighters entered Raqqa to reinforce the city"
        readings[i] = reading
    # How often the document names each governorate as an area, and each capital bare.
    areas: Counter[str] = Counter(
        m.place_id for m in out if m.place_id is not None and places[m.place_id].kind == "region"
        and not _TITLE_BEFORE.search(text[max(0, m.start - _WINDOW) : m.start]))
    areas.update(governorate_of[str(out[i].place_id)] for i, r in readings.items()
                 if r == "area")
    bare: Counter[str] = Counter(str(out[i].place_id) for i, r in readings.items() if not r)
    named_cities = {out[i].place_id for i, r in readings.items()
                    if r in ("city", "reference", "point")}
    for i, reading in readings.items():
        mention = out[i]
        city_id = str(mention.place_id)
        area = governorate_of[city_id]
        # The document is about the province when it names it as one about as often as it
        # writes the bare name (a long chronicle naming "Raqqa Governorate" once is not).
        about_area = 0 < bare[city_id] <= DOCUMENT_AREA_RATIO * areas[area]
        if reading == "area" or (not reading and about_area and city_id not in named_cities):
            out[i] = replace(mention, place_id=area, status="resolved",
                             candidates=(area, *(c for c in mention.candidates if c != area)))
    return out


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]`` (between full stops or line breaks)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    stops = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    return text[left : min(stops) if stops else len(text)]


def _locates(text: str, previous: Mention, mention: Mention, city: Place,
             places: Mapping[str, Place]) -> bool:
    """Whether ``mention`` ("Y in X") locates the place before it, which lies outside the city."""
    if previous.place_id is None or previous.place_id == city.id:
        return False
    if not _IN_BETWEEN.match(text[previous.end : mention.start]):
        return False
    other = places[previous.place_id]
    if other.admin1 != city.admin1 or other.kind == "region":
        return False
    return _km((other.lat, other.lon), (city.lat, city.lon)) > OUTSIDE_CITY_KM


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))

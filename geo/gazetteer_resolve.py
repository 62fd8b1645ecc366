"""Choosing among same-name places: qualifiers, proximity, direction, kind and size.

Part of :mod:`geo.gazetteer`: :meth:`geo.gazetteer.Gazetteer.find` hands the scan's hits here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from functools import cached_property, lru_cache
from typing import Any

from geo.gazetteer_areas import area_of_name, capital_governorates, read_areas
from geo.gazetteer_data import KIND_WEIGHT, Candidate, Resolution, _Hit
from geo.gazetteer_index import GazetteerIndex
from geo.gazetteer_names import _fold, _tokens, normalize
from geo.models import Mention, MentionStatus, Place

_PROVINCE_WORDS = ("province", "governorate", "countryside")
_IRAQ_SIDE = re.compile(r"\b(?:Iraqi side|in Iraq|Iraq's|northern Iraq|western Iraq|Iraqi)\b")
_IRAQ_WORD = re.compile(r"\b(?:Iraq|Iraqi|Iraqis|Baghdad)\b")
_SYRIA_WORD = re.compile(r"\b(?:Syria|Syrian|Syrians|Damascus)\b")
# "the Islamic State of Iraq and the Levant", "... of Iraq and Syria": a side's name says
# nothing of where a report is (a Syrian battle's article names it as often as an Iraqi one's).
_IS_NAME = re.compile(r"\bIslamic\s+State\s+(?:of|in)\s+Iraq(?:\s+and\s+(?:the\s+)?"
                      r"(?:Levant|Syria|al-Sham|Sham|ash-Sham))?\b", re.IGNORECASE)
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


class Resolver(GazetteerIndex):
    """Resolves names and found spans to places, ranked in their context."""

    def lookup(self, name: str) -> list[Place]:
        """Return every place one of whose names normalises to the same key as ``name``.

        Best first: by kind (city, town, ...) then population, then id.
        """
        ids = self._index.get(normalize(name), ())
        return sorted((self.places[i] for i in ids), key=_static_rank)

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
            ids, fuzz_score = self._fuzzy_name(name, key)
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

    def _resolve_hits(
        self, text: str, hits: list[_Hit], sentences: Sequence[Any], doc_id: str,
        country: str = "",
    ) -> list[Mention]:
        anchors: list[tuple[float, float]] = []
        for hit in hits:
            if len(hit.ids) == 1 and hit.fuzzy >= 1.0:  # a guess is no anchor
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
                    # (an Iraqi report's "Rabia" is the Iraqi border town), else the text it
                    # was cut from (a chronicle's chunk: its article).
                    if document is None:
                        document = document_country(text) or country
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
                hit.fuzzy,
            ))
        # "northern Idlib", "Mayadin in Deir ez-Zor": a capital's name that means its province
        return read_areas(text, mentions, self.places, self._governorate_of, normalize)

    @cached_property
    def _governorate_of(self) -> dict[str, str]:
        return capital_governorates(self.places, normalize)

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


def document_country(text: str) -> str:
    """``IQ`` or ``SY`` when a text names one country at least twice as often as the other.

    The name of the Islamic State ("... of Iraq and the Levant") is not counted: it names a
    side, not where the text is.
    """
    text = _IS_NAME.sub(" ", text)
    iraq = len(_IRAQ_WORD.findall(text))
    syria = len(_SYRIA_WORD.findall(text))
    if iraq > 2 * syria:
        return "IQ"
    if syria > 2 * iraq:
        return "SY"
    return ""


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
    return Resolution(query, best.place, status, score, tuple(ranked), None, fuzz_score)

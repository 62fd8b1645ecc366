"""Control-change events and observations from articles: who took which place from whom, and when.

The extractor reads each document sentence by sentence (:func:`geo.text.split_sentences`), finds
the place mentions with the gazetteer (:meth:`geo.gazetteer.Gazetteer.find`), the sides with
:func:`geo.factions.find_factions` and the dates with :func:`geo.dates.find_dates`, and looks
for *cues*: words that say a place changed hands.

Cues (every inflection; the gaining side is the grammatical agent)
    * gain, active (``capture``; ``recapture`` for "re-" verbs): captured, seized, took/taken
      (only with the place right after it, or "took control of"), retook, recaptured,
      liberated, gained/took/established full control of, drove/expelled/ousted X from,
      cleared X of Y (only with the side cleared), overran, restored security and stability
      to (state media), "crushed the last X-held town", "completed the liberation of", pushed
      X back from (lower confidence); ``partial``: entered, swept/stormed into, "captured/
      controls N percent of", "lost more than half of", "eastern X"; ``claim``: declared
      victory in X.
    * siege: laid siege to, besieged, encircled, surrounded; ``siege_broken``: broke, lifted or
      ended the siege of/on.
    * loss, active (the subject loses): lost X (to Y), surrendered X (to Y); ``withdrawal``:
      withdrew/pulled out/retreated from X, "were driven out (of X)".
    * passive (the place is the subject, the gaining side follows "by" or "to"): X fell to Y,
      X was captured/taken/liberated/lost by/to Y.
    * nouns: the capture, recapture, takeover, liberation, retaking, fall or loss of X (by Y);
      "its recapture".
    * A statement by the gaining side ("the army said it had captured", "claimed to have
      captured", "claimed the capture of") is kind ``claim`` with a lower confidence.

Not events
    Negated ("have not taken"), hypothetical or future ("if IS manages to control", "will
    head to X next to oust", "would leave it with only"), purposes and attempts ("trying to
    capture", "close to capturing", "an offensive to capture", "aims to surround", "had not
    started yet"), questions, background in a "since" clause, participles used as adjectives
    ("the besieged city", "Besieged by IS since 2015, ..."), and a place that is only a point
    of reference ("a town near X", "hilltops overlooking X", "the outskirts of X", "X
    province"). Shelling, air strikes, assassinations and diplomacy have no cue.

Who
    The gaining side is the subject of an active cue (the nearest side before it that is not
    the object of a preposition; "it", "they" resolve to the nearest side named before them,
    then to the previous sentences), or the side after "by"/"to" of a passive one; "After
    taking X, SDF fighters ..." takes the main clause's subject. The losing side follows
    "from", is the object of "expelled/drove", is "X-held" in the object, or the subject of a
    loss. Context-dependent names ("the militants", "troops") resolve as
    :mod:`geo.factions` describes. When the text does not name the gaining side: a side named
    elsewhere in the sentence (not the loser), else the side the previous sentence names,
    else the side the document names most often; such events get a lower confidence. The
    losing side, when unnamed, is the place's controller from the corpus's previous event.

Where
    The first place after the cue within its clause (and the places listed right after it:
    "seized X, Y and Z"); for a passive cue the nearest before it; "X, which IS captured" takes
    X. "the town", "the city", "its" (or no object at all after "withdrew", "were driven
    out") refer back: to a place named earlier in the sentence, else the place of the
    document's latest event (within six sentences), else the place the document has named
    most (three times or more), else the last place of the two sentences before. A place
    that only qualifies another noun is skipped ("Idlib's governor"; but "al-Bab's southern
    neighbourhoods" is ``partial``), as are compounds ("the Aleppo-Damascus highway") and a
    person as the object ("captured soldiers in X").

Observations
    Statements in passing of who holds a place, dated on the publication day: "the IS-held
    town of X", "the opposition-held X", "X, the last IS-held town", "X, which is under the
    control of Y", "Y controls/holds/occupies X", "Y in control of X". "the government-held
    part (areas, third, neighbourhoods...) of X" gives ``contested`` with that side in
    ``contested_with``. A held-phrase in the object of a cue ("an operation to retake the
    IS-held town") describes the state before a change and is not an observation.

When
    The date expression nearest the cue within its clause (after it first, up to the next
    "but", "which", dash or semicolon; before it, not outside an "after/when/since ..." clause
    that holds the cue), resolved from the publication date (:mod:`geo.dates`); a date after
    "since" or "until" bounds a period and is not used. With none, the publication date with
    precision ``week``. A document without a publication date keeps only events whose date
    is written with a year; the others are reported as problems. A report that repeats a
    change the same document dates elsewhere (same place and side) takes that date; a coarse
    date (year, month, undated week) is refined by another report of the same change that
    falls inside it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal, Protocol

from geo.dates import DateRef, find_dates
from geo.errors import EventsFileError, Problem
from geo.factions import (
    FACTIONS,
    FactionMention,
    country_allows,
    find_factions,
    resolve_reference,
)
from geo.io import atomic_write_text, check_writable
from geo.models import EVENT_KINDS, Document, Event, Mention, Observation, Place
from geo.text import Sentence, split_sentences

__all__ = [
    "EVENT_COLUMNS",
    "ExtractionResult",
    "extract_events",
    "merge_events",
    "read_events",
    "write_events",
]

EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "date",
    "date_precision",
    "place",
    "place_id",
    "lat",
    "lon",
    "controller",
    "previous_controller",
    "kind",
    "confidence",
    "doc_id",
    "sentence",
)
PRECISION_DAYS: dict[str, int] = {"day": 3, "week": 7, "month": 31, "year": 366}
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
MERGE_KM = 25.0


class GazetteerLike(Protocol):
    """What the extractor needs from a gazetteer (:class:`geo.gazetteer.Gazetteer`)."""

    def find(self, text: str, doc_id: str = "") -> list[Mention]:
        """Every place mention of ``text``."""
        ...  # pragma: no cover

    def get(self, place_id: str) -> Place | None:
        """The place with this id."""
        ...  # pragma: no cover


@dataclass(frozen=True)
class ExtractionResult:
    """What :func:`extract_events` found.

    Attributes:
        events: One event per report (not merged; see :func:`merge_events`).
        observations: Statements in passing of who holds a place on the publication date.
        problems: Documents without a usable sentence, place or date, and unresolved places.
    """

    events: list[Event] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# ------------------------------------------------------------------------------------ cues

Role = Literal["gain", "lose", "lose_from", "passive", "noun", "noun_loss"]


@dataclass(frozen=True)
class _Cue:
    regex: re.Pattern[str]
    kind: str
    role: Role
    strict: bool = False  # the place must follow right after ("took X", "entered X")
    confidence: float = 0.85
    around: bool = False  # the place may be a point of reference ("back from the outskirts of X")


def _cue(pattern: str, kind: str, role: Role, strict: bool = False, conf: float = 0.85,
         around: bool = False) -> _Cue:
    return _Cue(re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), kind, role, strict, conf,
                around)


_AUX = r"(?:was|were|(?-i:is)|are|been|being|be|had\s+been|has\s+been|have\s+been)"
_ADV = r"(?:\w+ly\s+)?"
_PERCENT = (r"(?:about\s+|some\s+|nearly\s+|almost\s+|more\s+than\s+|over\s+|under\s+|"
            r"just\s+under\s+|around\s+|at\s+least\s+|roughly\s+)?\d+(?:\.\d+)?\s*"
            r"(?:percent|per\s+cent|%)\s+of")
_CUES: tuple[_Cue, ...] = (
    _cue(r"(?:captur(?:e|es|ed|ing)|seiz(?:e|es|ed|ing)|t(?:ake|akes|ook|aken|aking)|"
         r"control(?:s|led|ling)?|h(?:old|olds|eld))\s+" + _PERCENT, "partial", "gain"),
    _cue(r"(?:los(?:e|es|t|ing))\s+" + _PERCENT, "partial", "lose"),
    _cue(r"(?:los(?:e|es|t|ing))\s+(?:more\s+than\s+|over\s+|nearly\s+|almost\s+)?"
         r"(?:half|a\s+third|two[- ]thirds|most|much|parts?)\s+of", "partial", "lose"),
    _cue(r"(?:laid|lay|lays|laying)\s+siege\s+(?:to|on)", "siege", "gain"),
    _cue(r"(?:br(?:oke|eak|eaks|eaking|oken)|lift(?:s|ed|ing)?|end(?:s|ed|ing)?)\s+"
         r"(?:[\w'’-]+\s+){0,6}?siege\s+(?:of|on)", "siege_broken", "gain"),
    _cue(r"besieg(?:e|es|ed|ing)|encircl(?:e|es|ed|ing)|surround(?:s|ed|ing)?", "siege", "gain"),
    _cue(r"(?:re)?(?:gain(?:s|ed|ing)?|t(?:ake|akes|ook|aken|aking)|seiz(?:e|es|ed|ing)|"
         r"assum(?:e|es|ed|ing)|establish(?:es|ed|ing)?|impos(?:e|es|ed|ing)|wrest(?:s|ed|ing)?)"
         r"\s+(?:full\s+|complete\s+|total\s+|effective\s+)?control\s+(?:of|over)",
         "capture", "gain"),
    _cue(r"restor(?:e|es|ed|ing)\s+(?:security\s+and\s+stability|control|state\s+authority)"
         r"\s+(?:to|over|in)", "capture", "gain"),
    _cue(r"complet(?:e|es|ed|ing)\s+(?:the\s+|its\s+|their\s+)?(?:liberation|takeover|capture)"
         r"\s+of", "capture", "gain"),
    _cue(r"crush(?:es|ed|ing)?\s+(?:the\s+)?(?:very\s+)?last\s+[\w'’-]+\s+(?:town|city|"
         r"stronghold|bastion|pocket)", "capture", "gain"),
    _cue(r"declar(?:e|es|ed|ing)\s+(?:\w+\s+){0,2}?victory\s+(?:in|at|over)", "claim", "gain",
         conf=0.55),
    _cue(r"(?:push(?:es|ed|ing)?|drove|driv(?:e|es|ing)|forc(?:e|ed|ing))\s+"
         r"(?:[\w'’-]+\s+){1,5}?back\s+(?:[\w'’()-]+\s+){0,6}?from", "capture", "gain",
         conf=0.5, around=True),
    _cue(r"(?:dr(?:ove|ive|ives|iving)|kick(?:s|ed|ing)?|chas(?:e|es|ed|ing)|forc(?:e|ed|ing)"
         r"|push(?:es|ed|ing)?)\s+(?:[\w'’-]+\s+){1,5}?out\s+of", "capture", "gain"),
    _cue(r"expell?(?:s|ed|ing)?|oust(?:s|ed|ing)?|dislodg(?:e|es|ed|ing)|evict(?:s|ed|ing)?",
         "capture", "gain"),
    _cue(r"(?:re)?captur(?:e|es|ed|ing)|seiz(?:e|es|ed|ing)|liberat(?:e|es|ed|ing)|"
         r"overr(?:an|un|uns|unning)|retook|retak(?:e|es|en|ing)|fre(?:ed|es|eing)|"
         r"clear(?:s|ed|ing)", "capture", "gain"),
    _cue(r"t(?:ake|akes|ook|aken|aking)|regain(?:s|ed|ing)?", "capture", "gain", strict=True),
    _cue(r"enter(?:s|ed|ing)?|storm(?:s|ed|ing)?|(?:sw(?:ept|eep|eeps|eeping)|storm(?:s|ed|ing)?|"
         r"roll(?:s|ed|ing)?|break(?:s|ing)?|broke)\s+into", "partial", "gain", strict=True,
         conf=0.6),
    _cue(rf"{_AUX}\s+{_ADV}(?:driven|pushed|forced|kicked|chased|expelled|ousted|routed)"
         rf"\s+out(?:\s+of)?|(?:was|were|been)\s+{_ADV}(?:expelled|ousted|driven|evicted|"
         r"dislodged)(?:\s+from)?",
         "capture", "lose_from"),
    _cue(r"withdr(?:ew|aw|awn|aws|awing)|pull(?:s|ed|ing)?\s+out|retreat(?:s|ed|ing)?"
         r"|pull(?:s|ed|ing)?\s+back", "withdrawal", "lose_from"),
    _cue(r"los(?:e|es|t|ing)|surrender(?:s|ed|ing)?|ced(?:e|es|ed|ing)|hand(?:s|ed|ing)?\s+over",
         "capture", "lose", strict=True),
    _cue(r"(?:fell|falls|fallen|falling)\s+(?:back\s+)?(?:to|into\s+the\s+hands\s+of|under)",
         "capture", "passive"),
    _cue(r"(?:the|its|their|his)\s+(?:(?:full|final|complete|swift|recent|subsequent|"
         r"eventual)\s+)?(?:recapture|capture|seizure|takeover|take-over|liberation|retaking|"
         r"fall|conquest|reconquest)(?:\s+of)?", "capture", "noun"),
    _cue(r"(?:the|its|their|his)\s+loss\s+of", "capture", "noun_loss"),
)
_PASSIVE = re.compile(
    rf"\b{_AUX}\s+{_ADV}(?:(?:completely|fully|finally|reportedly)\s+)?(?P<verb>captured|"
    r"seized|taken|retaken|recaptured|liberated|lost|overrun|cleared|besieged|encircled|"
    r"surrounded|freed)\b", re.IGNORECASE)
_PREFILTER = re.compile(
    r"\b(?:(?:re)?captur|seiz|t(?:ake|akes|ook|aken|aking)\b|control|siege|besieg|encircl|"
    r"surround|liberat|expel|oust|drove|driv|clear|withdr|pull|retreat|los[eti]|loss|surrender|"
    r"fell\b|fall|ced|enter|storm|overr|restor|complet|crush|declar|push|forc(?:e|ed|ing)\b|"
    r"kick|chas|dislodg|evict|retook|retak|regain|free|hand|into\b|\d+\s*(?:percent|per\s+cent|%))",
    re.IGNORECASE)

_RE_VERB = re.compile(r"^(?:the\s+|its\s+|their\s+|his\s+)?re(?:captur|took|tak|gain|conquest)",
                      re.IGNORECASE)

# ------------------------------------------------------------------------- context words

_NEGATION = re.compile(
    r"\b(?:not|never|no|neither|nor|without|unable|failed|fails|fail|denied|denies|deny|"
    r"yet\s+to)\b|n['’]t\b", re.IGNORECASE)
_MODAL = re.compile(
    r"\b(?:if|unless|whether|would|could|might|may|should|will|shall|can|must|going\s+to|"
    r"expected|likely|hopes?|wants?|plans?|threaten\w*)\b|['’]ll\b", re.IGNORECASE)
_TO_BEFORE = re.compile(
    r"\bto\s+(?:have\s+(?:been\s+)?)?(?:\w+ly\s+)?$|\bto\s+(?:[\w'’-]+\s+){1,4}?(?:and|or)\s+$",
    re.IGNORECASE)
_TO_ALLOWED = re.compile(
    r"\b(?:managed|manage|manages|able|succeeded|forced|force|forcing|agreed|claimed|claims|"
    r"claiming|said|reported|appeared|appears)\s+(?:\w+\s+){0,5}to\s+(?:have\s+(?:been\s+)?)?"
    r"(?:\w+ly\s+)?$", re.IGNORECASE)
_ATTEMPT = re.compile(
    r"\b(?:close|closer|near|nearer|poised|threat|risk|fear|danger|verge|brink|cusp|bid|"
    r"attempts?|attempting|trying|tried|aim|aims|aiming|aimed|effort|efforts|hope|hopes|"
    r"hoping|capable|intent|intention|chance|chances|instead)\s+(?:to|of|at|on|for|in)\s+"
    r"(?:\w+ly\s+)?$", re.IGNORECASE)
_SINCE = re.compile(r"\b(?:since|until|till|ever\s+since)\s+(?:[\w'’-]+\s+){0,3}$",
                    re.IGNORECASE)
_ADJECTIVAL = re.compile(r"(?:\b(?:the|a|an|newly|recently|its|their|his|her)\s+|^\W*)$",
                         re.IGNORECASE)
_AFTER_BREAK = re.compile(
    r"[;—–]|,\s*(?:but|while|whereas|which|who|where|although|though)\b|\bbut\b|"
    r"\b(?:and|as)\s+(?:then\s+)?(?:proclaimed|said|announced|began|started|has|have|had)\b",
    re.IGNORECASE)
_POSSESSIVE_PART = re.compile(
    r"\s+(?:(?:eastern|western|northern|southern|central|old|remaining|last)\s+)*"
    r"(?:neighbou?rhoods?|districts?|quarters?|parts?|centre|center|citadel)\b", re.IGNORECASE)
_EXPEL = re.compile(r"\b(?:expel|oust|drov|driv|push|forc|kick|chas|dislodg|evict|clear|br[oe]|"
                    r"lift|end)", re.IGNORECASE)
# "Tal Afar, which IS captured in 2014": the place is what the relative pronoun stands for.
_RELATIVE = re.compile(r"\s*,?\s*\b(?:which|that)\s+(?:[\w'’-]+\s+){1,5}?(?:(?:had|has|have)\s+)?"
                       r"(?:\w+ly\s+)?$", re.IGNORECASE)
_FROM = re.compile(r"^\s*(?:from|out\s+of|of)\b", re.IGNORECASE)
_SUBORDINATE = re.compile(r"\b(?:after|before|since|when|until|once|while)\b", re.IGNORECASE)
_MODAL_BREAK = re.compile(r"[,;:“”\"()—–]|\bbut\b|\bwhile\b|\bwhereas\b")
_CLAUSE_BREAK = re.compile(r"[,;:“”\"()—–]|\bthat\b|\bwhich\b|\bwho\b|\bbut\b|\bwhile\b|"
                           r"\bwhereas\b|\bafter\b|\bas\b|\bwhen\b")
_GAP_STOP = re.compile(
    r"\b(?:to|from|near|north|south|east|west|northeast|northwest|southeast|southwest|"
    r"outside|towards?|around|between|overlooking|across|"
    r"via|en\s+route|close|closer|beyond|along|outskirts|edge|edges|gates|approaches|vicinity|"
    r"countryside|suburbs?|province|governorate|including|such\s+as|like|except|besides|"
    r"captive|prisoners?|hostages?|tanks?|weapons|villages|hilltops|hills|positions|checkpoints?|"
    r"territory|territories|swathes|part\s+in|place|against|and|or|that|whether|who|what|how|"
    r"if|soldiers|fighters|troops|militants|people|civilians|men|women|children|bodies|"
    r"ammunition|equipment|vehicles|responsibility)\b|[;:“”\"()]",
    re.IGNORECASE)
_STRICT_GAP = re.compile(
    r"^\s*(?:\s*(?:the|a|an|its|their|his|her|full|complete|total|control|of|over|back|whole|"
    r"entire|town|city|village|area|district|strategic|key|historic|ancient|nearby|border|"
    r"desert|syrian|iraqi|kurdish|rebel-held|[\w'’]+-held|[\w'’]+-controlled|last|remaining|"
    r"rest|most|much|all|half|parts?|\d+|percent|per|cent|%|fully|completely|quickly|again|"
    r"also|finally|back|more|than|nearly|almost|just|under|about|some|over|bastion|"
    r"stronghold|enclave|airport|airbase|base|oil|field|dam)\b\s*)*$", re.IGNORECASE)
_PARTIAL_GAP = re.compile(
    r"\b(?:percent|per\s+cent|%|half|third|thirds|parts?|neighbou?rhoods?|districts?|areas?"
    r"|sections?|quarters?|most)\b|\b(?:eastern|western|northern|southern)\s+$", re.IGNORECASE)
_PROVINCE_AFTER = re.compile(
    r"^\s*(?:province|governorate|countryside|desert|region|district|offensive|front|road|"
    r"highway|river|operation|axis|sector|campaign|battle|countryside)\b", re.IGNORECASE)
_ANAPHOR = re.compile(
    r"\b(?:the|this|that)\s+(?:(?:[\w'’-]+)\s+){0,2}?(?:town|city|village|base|airbase|airport|"
    r"stronghold|bastion|enclave|area|garrison|hub|outpost)\b(?!\s*(?:of|['’]s|centre|center))",
    re.IGNORECASE)
_ITS = re.compile(r"^(?:its|their)\b", re.IGNORECASE)
_PRONOUN = re.compile(
    r"\b(?P<p>it|they|we|he|who|which)\s+(?:(?:had|has|have|was|were|is|are|been|also|then|"
    r"later|finally|fully|soon|completely|reportedly|successfully|first|already|now|since|"
    r"just|quickly|eventually|again|said|says|claimed|announced)\s+)*$", re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:from|against|by|with|on|of|over|to|in|at|into|alongside|between|for|among|near|"
    r"toward|towards|inside|behind|under|backed\s+by|supported\s+by|loyal\s+to)\s+$",
    re.IGNORECASE)
_AFTER_GERUND = re.compile(r"(?:^|[,;]\s*)\W*(?:after|since|upon|on|while|by|before)\s+$",
                           re.IGNORECASE)
_CLAIM = re.compile(r"\bclaim(?:s|ed|ing)?\b", re.IGNORECASE)
_REPORTING = re.compile(
    r"\b(?:said|says|announced|announces|declared|declares|reported|confirmed|stated|"
    r"statement|told)\b", re.IGNORECASE)
_CONNECTOR = re.compile(r"^\W*(?:and|but|then|before|only\s+to|,)?\W*(?:\w+ly\s+)?$",
                        re.IGNORECASE)
_COUNTRIES = frozenset({
    "syria", "iraq", "turkey", "lebanon", "jordan", "iran", "israel", "russia", "united states",
})
_TURKISH = re.compile(r"\b(?:Turkey|Turkish|Ankara|Euphrates Shield)\b")
_NON_STATEMENT = re.compile(r"\?\s*[\"”’']*\s*$")


@dataclass(frozen=True)
class _Side:
    faction: str
    start: int
    end: int
    named: bool  # named in the text, not taken from context


class _LazySides:
    """The sides named in each sentence, found the first time a sentence is asked about."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self._sentences = sentences
        self._cache: dict[int, list[FactionMention]] = {}
        self._named: list[str] | None = None

    def get(self, index: int, default: list[FactionMention]) -> list[FactionMention]:
        if not 0 <= index < len(self._sentences):
            return default
        found = self._cache.get(index)
        if found is None:
            found = self._cache[index] = find_factions(self._sentences[index].text)
        return found

    def named(self) -> list[str]:
        """Every named side of the document, with repeats."""
        if self._named is None:
            self._named = [f.faction_id for i in range(len(self._sentences))
                           for f in self.get(i, []) if f.faction_id]
        return self._named


class _AllNamed:
    """The document's named sides, found only if someone iterates over them."""

    def __init__(self, sides: _LazySides) -> None:
        self._sides = sides

    def __iter__(self) -> Iterator[str]:
        return iter(self._sides.named())


@dataclass
class _DocContext:
    doc: Document
    sentences: list[Sentence]
    mentions: dict[int, list[Mention]]
    factions: _LazySides
    turkish: bool
    gazetteer: GazetteerLike
    last_event: tuple[int, Mention] | None = None
    event_places: set[str] = field(default_factory=set)

    @property
    def named_sides(self) -> list[str]:
        return self.factions.named()


@dataclass(frozen=True)
class _Draft:
    place: Mention
    controller: str
    previous: str | None
    kind: str
    confidence: float
    when: DateRef | None
    sentence: Sentence
    explicit_side: bool


# ------------------------------------------------------------------------------- helpers


def _sentence_mentions(ctx: _DocContext, sentence: Sentence) -> list[tuple[int, int, Mention]]:
    """Place mentions of a sentence with offsets relative to it.

    Provinces ("Raqa province"), countries and names that are a side here ("Damascus said")
    are left out.
    """
    out: list[tuple[int, int, Mention]] = []
    sides = ctx.factions.get(sentence.index, [])
    for m in ctx.mentions.get(sentence.index, []):
        start, end = m.start - sentence.start, m.end - sentence.start
        if start < 0 or end > len(sentence.text) + 1:
            continue
        if any(f.start < end and start < f.end for f in sides):
            continue
        if sentence.text[end : end + 1] in ("-", "–") or sentence.text[start - 1 : start] in (
                "-", "–"):
            continue  # part of a compound: "the Aleppo-Damascus highway"
        if m.surface.lower() in _COUNTRIES:
            continue
        if _PROVINCE_AFTER.match(sentence.text[end:]):
            continue
        if re.search(r"\b(?:province|governorate)\s+of\s+(?:the\s+)?$",
                     sentence.text[max(0, start - 20) : start], re.IGNORECASE):
            continue
        out.append((start, end, m))
    return out


def _previous_sides(ctx: _DocContext, index: int, depth: int = 3) -> list[list[str]]:
    out: list[list[str]] = []
    for i in range(index - 1, max(-1, index - 1 - depth), -1):
        out.append([f.faction_id for f in ctx.factions.get(i, []) if f.faction_id])
    return out


def _resolve(ctx: _DocContext, index: int, mention: FactionMention, country: str) -> str | None:
    return resolve_reference(
        mention, previous=_previous_sides(ctx, index), document=_AllNamed(ctx.factions),
        country=country
    )


def _place_country(ctx: _DocContext, mention: Mention) -> str:
    place = ctx.gazetteer.get(mention.place_id) if mention.place_id else None
    return place.country if place else ""


def _clause_start(text: str, pos: int, floor: int) -> int:
    start = floor
    for m in _CLAUSE_BREAK.finditer(text, floor, pos):
        start = m.end()
    return start


def _rejected(text: str, cue: re.Match[str], floor: int, role: Role) -> bool:
    """Whether a cue is negated, hypothetical, future, an attempt, background or an adjective."""
    before = text[:cue.start()]
    word = cue.group(0).lower()
    if _TO_BEFORE.search(before) and not _TO_ALLOWED.search(before):
        return True
    if _ATTEMPT.search(before):
        return True
    if re.search(r"\bof\s+$", before) and word.endswith("ing"):
        return True
    if _SINCE.search(before[-40:]) and role != "noun":
        return True
    first = word.split()[0]
    if role in ("gain", "lose") and first.endswith(("ed", "en")) and (
        _ADJECTIVAL.search(before) and not re.search(r"\b(?:its|their|his|her)\s+$", before)
    ):
        return True
    if first.endswith("ing") and re.search(r"\b(?:the|a|an)\s+$", before, re.IGNORECASE):
        return True  # "the surrounding area", "the besieging forces"
    start = floor
    for brk in _MODAL_BREAK.finditer(text, floor, cue.start()):
        start = brk.end()
    window = text[max(start, cue.start() - 90) : cue.start()]
    window = re.sub(r"\bnot\s+only\b", "", window, flags=re.IGNORECASE)
    if _NEGATION.search(window) or _MODAL.search(window):
        return True
    after = re.split(r"[;:—–]|,\s", text[cue.end() : cue.end() + 120])[0]
    gerund = word.split()[0].endswith("ing") and not text[: cue.start()].strip(" “\"'‘")
    if (role in ("noun", "noun_loss") or gerund) and (
        re.search(r"\b(?:would|could|will|might|may)\b", after, re.IGNORECASE)
    ):
        return True
    return bool(re.match(r"\s*(?:not|yet)\b", after, re.IGNORECASE))


def _object_place(
    text: str, cue_end: int, limit: int, places: list[tuple[int, int, Mention]], strict: bool,
    around: bool = False, leading: re.Pattern[str] | None = None,
) -> tuple[tuple[int, int, Mention] | None, str]:
    """The first place after the cue in its clause, and the text between them."""
    for start, end, mention in places:
        if start < cue_end:
            continue
        if start >= limit:
            break
        gap = text[cue_end:start]
        if re.match(r"['’]s\b", text[end : end + 2]) and not _POSSESSIVE_PART.match(
                text[end + 2 : end + 40]):
            return None, gap  # "took Idlib's governor hostage": the place only qualifies
        if leading is not None:
            gap = leading.sub("", gap, count=1)
        if strict:
            if len(gap) > 60 or not _STRICT_GAP.match(gap):
                return None, gap
        elif len(gap) > 110 or (_GAP_STOP.search(gap) and not around):
            return None, gap
        return (start, end, mention), gap
    return None, text[cue_end:limit]


def _antecedent(
    ctx: _DocContext, sentence: Sentence, before: int, places: list[tuple[int, int, Mention]]
) -> Mention | None:
    """The place "the town" refers to: the last one named before, here or two sentences back."""
    here = [m for s, _e, m in places if s < before and m.place_id]
    if here:
        return here[-1]
    if ctx.last_event is not None and sentence.index - ctx.last_event[0] <= 6:
        return ctx.last_event[1]
    counts: Counter[str] = Counter()
    first: dict[str, Mention] = {}
    for i in range(sentence.index):
        for m in ctx.mentions.get(i, []):
            if m.place_id and m.surface.lower() not in _COUNTRIES:
                counts[m.place_id] += 1
                first.setdefault(m.place_id, m)
    if counts:
        topic, n = counts.most_common(1)[0]
        if n >= 3:
            return first[topic]
    for i in range(sentence.index - 1, max(-1, sentence.index - 3), -1):
        prev = [m for m in ctx.mentions.get(i, []) if m.place_id
                and m.surface.lower() not in _COUNTRIES]
        if prev:
            return prev[-1]
    return None


def _nearest_side_before(
    text: str, sides: list[FactionMention], pos: int, floor: int
) -> FactionMention | None:
    """The nearest side before ``pos`` that is not the object of a preposition.

    Names written side by side ("Deash (ISIS) terrorist organization") count as one.
    """
    heads: list[FactionMention] = []
    for i, side in enumerate(sides):
        if i and re.fullmatch(r"[\s()\[\],]*", text[sides[i - 1].end : side.start]):
            heads.append(heads[-1])
        else:
            heads.append(side)
    for side, head in zip(reversed(sides), reversed(heads), strict=True):
        if side.end > pos or side.start < floor:
            continue
        if _PREPOSITION_BEFORE.search(text[max(0, head.start - 20) : head.start]):
            continue
        return side
    return None


def _first_side_after(
    text: str, sides: list[FactionMention], pos: int, limit: int, words: str,
    anchored: bool = False,
) -> FactionMention | None:
    """The first side after ``pos`` introduced by one of ``words`` ("by", "to"...).

    ``anchored``: the word must come right after ``pos`` (an aside in commas or brackets, or
    a few adverbs, may come between), as in "lost the city to X", "was captured by X".
    """
    pattern = re.compile(rf"\b(?:{words})\s+(?:[\w'’-]+\s+){{0,4}}?$", re.IGNORECASE)
    lead = re.compile(
        rf"^\s*(?:\([^)]*\)\s*)?(?:,[^,]{{0,80}},\s*)?(?:\w+ly\s+){{0,2}}"
        rf"(?:{words})\s+(?:[\w'’-]+\s+){{0,4}}?$", re.IGNORECASE)
    for side in sides:
        if side.start < pos or side.start >= limit:
            continue
        if (lead if anchored else pattern).search(text[pos : side.start]):
            return side
    return None


def _pick_date(text: str, dates: list[DateRef], cue_start: int, cue_end: int, lo: int, hi: int
               ) -> DateRef | None:
    stop = _AFTER_BREAK.search(text, cue_end, hi)
    if stop is not None:
        hi = stop.start()
    after = [d for d in dates if cue_end <= d.start < hi and not d.since]
    if after:
        return after[0]
    before = [d for d in dates if lo <= d.start and d.end <= cue_start and not d.since]
    return before[-1] if before else None


# --------------------------------------------------------------------------- extraction


def _find_cues(text: str) -> list[tuple[_Cue, re.Match[str]]]:
    """The cues of a sentence, left to right, without overlaps (one regex pass)."""
    if not _PREFILTER.search(text):
        return []
    out: list[tuple[_Cue, re.Match[str]]] = []
    last = 0
    for candidate in _CANDIDATE.finditer(text):
        if candidate.start() < last:
            continue
        m = _ALL_CUES.match(text, candidate.start())
        if m is None or m.lastgroup is None:
            continue
        out.append((_CUE_BY_NAME[m.lastgroup], m))
        last = m.end()
    return out


_PASSIVE_CUE = _Cue(_PASSIVE, "capture", "passive")
_CUE_BY_NAME: dict[str, _Cue] = {"passive": _PASSIVE_CUE}
_CUE_BY_NAME.update({f"cue{i}": cue for i, cue in enumerate(_CUES)})
# Compound cues come first in _CUES, so at one position the longest reading wins.
# The lookahead lets the regex skip, cheaply, every word no cue can start with.
_CUE_STEMS = (
    r"(?:(?:re)?captur|seiz|tak|took|retook|retak|control|h(?:old|eld)|los|laid|lay|br[oe]|"
    r"lift|end|besieg|encircl|surround|regain|gain|assum|establish|impos|wrest|restor|complet|"
    r"crush|declar|push|drov|driv|forc|kick|chas|expel|oust|dislodg|evict|liberat|overr|fre|"
    r"clear|enter|storm|withdr|pull|retreat|surrender|ced|hand|fel|fal|the|its|their|his|was|"
    r"were|is|are|been|being|be|had|has|have|sw|roll)"
)
_CUE_START = rf"(?={_CUE_STEMS})"
_CANDIDATE = re.compile(rf"\b{_CUE_STEMS}", re.IGNORECASE)
_ALL_CUES = re.compile(
    rf"\b{_CUE_START}(?:"
    + "|".join([f"(?P<passive>{_PASSIVE.pattern})"]
               + [f"(?P<cue{i}>{cue.regex.pattern})" for i, cue in enumerate(_CUES)])
    + ")",
    re.IGNORECASE)


def _sentence_events(ctx: _DocContext, sentence: Sentence) -> list[_Draft]:
    text = sentence.text
    cues = _find_cues(text)
    if not cues or _NON_STATEMENT.search(text):
        return []
    places = _sentence_mentions(ctx, sentence)
    sides = ctx.factions.get(sentence.index, [])
    dates = find_dates(text, ctx.doc.published)
    drafts: list[_Draft] = []
    subject_of_previous: FactionMention | None = None
    sides_here = ctx.factions.get(sentence.index, [])
    cues = [(c, m) for c, m in cues
            if not any(f.start <= m.start() < f.end for f in sides_here)]
    for i, (cue, m) in enumerate(cues):
        lo = cues[i - 1][1].end() if i else 0
        hi = cues[i + 1][1].start() if i + 1 < len(cues) else len(text)
        if _rejected(text, m, lo, cue.role):
            subject_of_previous = None
            continue
        draft, subject = _one_cue(ctx, sentence, cue, m, lo, hi, places, sides, dates,
                                  subject_of_previous)
        subject_of_previous = subject
        if draft is not None:
            drafts.append(draft)
            drafts.extend(replace(draft, place=other)
                          for other in _coordinated(text, sentence, draft.place, places, hi))
            ctx.last_event = (sentence.index, draft.place)
            if draft.place.place_id:
                ctx.event_places.add(draft.place.place_id)
    return drafts


def _refers_back(text: str, cue: _Cue, m: re.Match[str], lo: int, hi: int) -> bool:
    """Whether a cue without a named place refers to one named before ("the town", "its")."""
    head = text[m.end() : min(hi, m.end() + 45)]
    anaphor = _ANAPHOR.match(head.lstrip()) or _ANAPHOR.search(head[:30])
    if anaphor and not _GAP_STOP.search(head[: anaphor.start() + 1]):
        return True
    if cue.role in ("noun", "noun_loss") and _ITS.match(m.group(0)):
        return True
    rest = text[m.end() :]
    if cue.role == "lose_from" and re.match(
            r"\s*(?:[,.;]|$|in\s|on\s|after\s|and\s|from\s+(?:the\s+)?(?:town|city|area))", rest):
        return True
    return bool(re.match(r"\s*(?:[,.;]|$|on\s|in\s|last\s|yesterday)", rest)
                and _ANAPHOR.search(text[max(lo, m.start() - 60) : m.start()]))


_AND = re.compile(r"\s*(?:,|,?\s+and|,?\s+as\s+well\s+as)\s+(?:the\s+(?:(?:town|village|city|"
                  r"towns|villages)\s+of\s+)?)?$", re.IGNORECASE)


def _coordinated(
    text: str, sentence: Sentence, first: Mention, places: list[tuple[int, int, Mention]],
    limit: int,
) -> list[Mention]:
    """Places listed right after the place of an event ("seized X, Y and Z")."""
    out: list[Mention] = []
    end = first.end - sentence.start
    for start, stop, mention in places:
        if start < end:
            continue
        if start >= limit or not _AND.fullmatch(text[end:start]) or mention.place_id is None:
            break
        if mention.place_id != first.place_id:
            out.append(mention)
        end = stop
    return out


def _one_cue(
    ctx: _DocContext,
    sentence: Sentence,
    cue: _Cue,
    m: re.Match[str],
    lo: int,
    hi: int,
    places: list[tuple[int, int, Mention]],
    sides: list[FactionMention],
    dates: list[DateRef],
    inherited: FactionMention | None,
) -> tuple[_Draft | None, FactionMention | None]:
    text = sentence.text
    role = cue.role
    kind = cue.kind
    verb = m.group("verb").lower() if role == "passive" and m.groupdict().get("verb") else ""
    role_gain_to = verb == "lost"
    if _RE_VERB.match(m.group(0)) or verb.startswith("re"):
        kind = "recapture" if kind == "capture" else kind
    if verb in ("besieged", "encircled", "surrounded"):
        kind = "siege"

    # --- where
    place: Mention | None = None
    gap = ""
    place_end = m.end()
    if role == "passive":
        before = [p for p in places if p[1] <= m.start() and p[0] >= _clause_start(
            text, m.start(), lo)]
        if before:
            place, place_end = before[-1][2], before[-1][1]
        elif _ANAPHOR.search(text[max(lo, m.start() - 50) : m.start()]) or re.search(
                r"\b(?:it)\s+$", text[max(lo, m.start() - 8) : m.start()], re.IGNORECASE):
            place = _antecedent(ctx, sentence, m.start(), places)
    else:
        found, gap = _object_place(text, m.end(), hi, places, cue.strict, cue.around,
                                   _FROM if role == "lose_from" else None)
        relative = _RELATIVE.search(text[: m.start()]) if role == "gain" else None
        if found is not None:
            place, place_end = found[2], found[1]
        elif relative is not None and re.match(r"\s*(?:[,.;]|$|in\s|on\s|last\s|from\s)",
                                               text[m.end() :]):
            named = [p for p in places if p[1] <= relative.start()
                     and not text[p[1] : relative.start()].strip(" ,")]
            if named:
                place, place_end = named[-1][2], m.end()
        else:
            if _refers_back(text, cue, m, lo, hi):
                place = _antecedent(ctx, sentence, m.start(), places)
    if place is None or place.place_id is None:
        return None, _subject(ctx, sentence, text, sides, m, lo, inherited)
    if role == "gain" and not cue.around and not _EXPEL.search(m.group(0)) and any(
            m.end() <= f.start and len(text[m.end() : f.start].split()) <= 3
            and f.start < place.start - sentence.start
            and re.search(r"(?:soldiers|troops|fighters|militants|forces|militiamen|members|"
                          r"jihadists|rebels|terrorists)$", f.surface, re.IGNORECASE)
            for f in sides):
        return None, _subject(ctx, sentence, text, sides, m, lo, inherited)
    country = _place_country(ctx, place)
    if kind in ("capture", "recapture") and (_PARTIAL_GAP.search(gap) or (
            re.match(r"['’]s\b", text[place_end : place_end + 2])
            and _POSSESSIVE_PART.match(text[place_end + 2 : place_end + 40]))):
        kind = "partial"

    # --- who
    subject = _subject(ctx, sentence, text, sides, m, lo, inherited)
    gainer: str | None = None
    loser: str | None = None
    explicit = False
    after_limit = hi

    def res(side: FactionMention | None) -> str | None:
        return _resolve(ctx, sentence.index, side, country) if side is not None else None

    if role in ("gain", "noun"):
        gainer = res(subject)
        if role == "noun":
            by = _first_side_after(text, sides, place_end, after_limit, "by")
            if by is not None:
                gainer = res(by)
            to = _first_side_after(text, sides, place_end, after_limit, "to")
            if re.search(r"\bfall\b", m.group(0), re.IGNORECASE):  # "the fall of X to Y"
                gainer = res(to) if to is not None else None
        loser_side = _first_side_after(text, sides, m.end(), after_limit, "from|of")
        if loser_side is None and kind == "siege_broken":
            inner = [s for s in sides if m.start() < s.start and s.end <= m.end()]
            loser_side = inner[0] if inner else None
        elif loser_side is None and _EXPEL.search(m.group(0)):
            between = [s for s in sides if m.start() < s.start and s.end <= m.end() + len(gap)]
            loser_side = between[0] if between else None
        loser = res(loser_side)
        held = re.search(r"([\w'’-]+)-(?:held|controlled)", gap) or re.search(
            r"held\s+by\s+([\w'’ -]+)", gap)
        if loser is None and held:
            held_sides = find_factions(held.group(1))
            loser = res(held_sides[0]) if held_sides else None
        if loser is None and re.match(r"clear", m.group(0), re.IGNORECASE):
            return None, subject  # "cleared the town of mines": clearing names whom it expels
        explicit = gainer is not None
    elif role in ("lose", "noun_loss", "lose_from"):
        loser = res(subject)
        to = _first_side_after(text, sides, place_end, after_limit, "to|by", anchored=True)
        gainer = res(to)
        explicit = gainer is not None
    elif role == "passive" or role_gain_to:
        by = _first_side_after(text, sides, m.end(), after_limit, "by|to|of", anchored=True)
        if by is None and re.search(r"(?:to|of|under)$", m.group(0), re.IGNORECASE):
            by = next((s for s in sides if s.start >= m.end() and re.fullmatch(
                r"\s*(?:the\s+)?", text[m.end() : s.start])), None)
        gainer = res(by)
        loser_side = _first_side_after(text, sides, m.end(), after_limit, "from")
        loser = res(loser_side)
        explicit = gainer is not None
        if m.group(0).lower().startswith(("fell", "fall")) and gainer is None:
            return None, subject

    if role in ("noun", "noun_loss") and not explicit and loser is None and any(
            d == place.place_id for d in ctx.event_places):
        return None, subject
    confidence = cue.confidence
    if gainer is None:
        gainer = _fallback_side(ctx, sentence, text, sides, loser, country)
        confidence = min(confidence, 0.5)
    if gainer is None or gainer == loser or gainer not in FACTIONS:
        return None, subject
    if not country_allows(gainer, country):
        return None, subject
    if loser is not None and not country_allows(loser, country):
        loser = None
    gainer = _turkish_context(ctx, place, gainer)
    if loser is not None:
        loser = _turkish_context(ctx, place, loser)

    # --- claims
    prefix = text[: m.start()]
    if _CLAIM.search(prefix[-60:]) or (cue.kind == "claim"):
        kind = "claim"
        confidence = min(confidence, 0.55)
    else:
        report = None
        for r in _REPORTING.finditer(prefix):
            report = r
        if report is not None and explicit:
            speaker = _nearest_side_before(text, sides, report.start(), 0)
            if speaker is not None and res(speaker) == gainer:
                kind = "claim"
                confidence = min(confidence, 0.6)

    date_lo = lo
    sub_floor = lo
    for brk in _MODAL_BREAK.finditer(text, lo, m.start()):
        sub_floor = brk.end()
    for sub in _SUBORDINATE.finditer(text, sub_floor, m.start()):
        date_lo = sub.start()
    when = _pick_date(text, dates, m.start(), m.end(), date_lo, hi)
    return _Draft(place, gainer, loser, kind, confidence, when, sentence, explicit), subject


def _subject(
    ctx: _DocContext,
    sentence: Sentence,
    text: str,
    sides: list[FactionMention],
    m: re.Match[str],
    lo: int,
    inherited: FactionMention | None,
) -> FactionMention | None:
    """The grammatical subject of the cue, as a side mention."""
    before = text[: m.start()]
    pronoun = _PRONOUN.search(before)
    if pronoun and any(pronoun.end("p") <= f.start < m.start() for f in sides):
        pronoun = None  # "which IS captured": a name comes between
    if pronoun and pronoun.group("p").lower() in ("it", "they", "who", "which"):
        named = _nearest_side_before(text, sides, pronoun.start(), 0)
        if named is not None:
            return named
        prev = [f for f in ctx.factions.get(sentence.index - 1, []) if f.faction_id]
        return prev[0] if prev else None
    if _AFTER_GERUND.search(before) and m.group(0).lower().endswith("ing"):
        comma = text.find(",", m.end())
        if comma > 0:
            after = [s for s in sides if s.start > comma]
            if after:
                return after[0]
    side = _nearest_side_before(text, sides, m.start(), lo)
    if side is not None:
        return side
    if inherited is not None and _CONNECTOR.match(text[lo : m.start()].split(",")[-1] or ""):
        return inherited
    if lo == 0:
        side = _nearest_side_before(text, sides, m.start(), 0)
    return side


def _fallback_side(
    ctx: _DocContext,
    sentence: Sentence,
    text: str,
    sides: list[FactionMention],
    loser: str | None,
    country: str,
) -> str | None:
    """The gaining side when the text does not name it (see the module docstring)."""
    for side in sides if loser is not None else ():
        if side.reference == "militant":
            continue
        fid = _resolve(ctx, sentence.index, side, country)
        if fid and fid != loser and country_allows(fid, country) and not side.reference:
            return fid
    for i in range(sentence.index - 1, max(-1, sentence.index - 3), -1):
        for side in ctx.factions.get(i, []):
            if side.reference == "militant":
                continue
            fid = _resolve(ctx, i, side, country)
            if fid and fid != loser and country_allows(fid, country):
                return fid
    counts = Counter(f for f in ctx.named_sides if f != loser and country_allows(f, country))
    if counts:
        return max(counts, key=lambda f: (counts[f], f == "government", f))
    return None


def _turkish_context(ctx: _DocContext, place: Mention, side: str) -> str:
    if side != "rebels" or not ctx.turkish or place.place_id is None:
        return side
    p = ctx.gazetteer.get(place.place_id)
    published = ctx.doc.published
    if p is None or "aleppo" not in p.admin1.lower() or p.lat < 36.2:
        return side
    if published is not None and published < date(2016, 8, 24):
        return side
    return "turkish_backed"


# --------------------------------------------------------------------------- observations

_OBSERVATION_WORDS = re.compile(r"held|controlled|control\s+of|occup|holds?\b|\bhands\b")
_HELD = re.compile(r"(?P<who>[\w'’.]+(?:\s+[\w'’]+)?)-(?P<how>held|controlled|run)\b",
                   re.IGNORECASE)
_HELD_GAP = re.compile(
    r"^\s+(?:(?P<part>parts?|areas?|neighbou?rhoods?|districts?|third|half|sections?|pocket|"
    r"enclave|quarters?)\s+)?(?:(?:town|city|village|stronghold|bastion|territory|valley|"
    r"region|base|airport|airbase|border\s+town|border\s+crossing|crossing)\s+)?(?:of\s+)?"
    r"(?:the\s+)?(?:(?:contested|besieged|eastern|western|northern|southern|central|ancient|"
    r"historic|strategic|key|nearby|border|desert)\s+)?(?:(?:town|city|village)\s+of\s+)?$",
    re.IGNORECASE)
_HELD_APPOSITIVE = re.compile(
    r"^\s*,\s+(?:the|a|an)\s+(?:(?:last|only|main|remaining|biggest|largest|key|strategic|"
    r"major)\s+)*$", re.IGNORECASE)
_UNDER_CONTROL = re.compile(
    r"^\s*,?\s*(?:which|that)\s+(?:is|was|remains|remained)\s+(?:still\s+|now\s+)?"
    r"(?:under\s+the\s+control\s+of|controlled\s+by|held\s+by|in\s+the\s+hands\s+of)\s+"
    r"(?P<who>[^,.;]{2,60})", re.IGNORECASE)
_HOLDS = re.compile(
    r"(?P<who>\b(?:the\s+)?(?:U\.?S\.?|[\w'’-]+(?:\s+[\w'’-]+){0,2}))\s+(?:still\s+|now\s+)?"
    r"(?:controls|holds|occupies|control|hold|occupy|(?:is|are)\s+in\s+control\s+of|"
    r"in\s+control\s+of)\s+(?:the\s+(?:\w+\s+)?(?:town|city|village)\s+of\s+|the\s+)?$")


def _observations(ctx: _DocContext, sentence: Sentence, cue_spans: list[tuple[int, int]]
                  ) -> list[Observation]:
    published = ctx.doc.published
    if published is None:
        return []
    text = sentence.text
    if "held" not in text and "control" not in text and "occup" not in text and \
            "hold" not in text:
        return []
    places = _sentence_mentions(ctx, sentence)
    out: list[Observation] = []

    def inside_cue(pos: int) -> bool:
        return any(a <= pos <= b + 80 for a, b in cue_spans)

    def add(mention: Mention, who: str, part: bool, pos: int) -> None:
        if mention.place_id is None or inside_cue(pos):
            return
        found = find_factions(who)
        if not found:
            if re.search(r"\bU\.?S\.?\b", who):
                fid: str | None = "us_coalition"
            else:
                return
        else:
            fid = _resolve(ctx, sentence.index, found[-1], _place_country(ctx, mention))
        if fid is None:
            return
        controller, contested = (("contested", (fid,)) if part else (fid, ()))
        out.append(Observation(published, mention.surface, mention.place_id, controller,
                               ctx.doc.id, text, contested))

    for held in _HELD.finditer(text):
        for start, _end, mention in places:
            if start >= held.end():
                gap = _HELD_GAP.match(text[held.end() : start])
                if gap:
                    add(mention, held.group("who"), bool(gap.group("part")), held.start())
                break
        for _start, end, mention in reversed(places):
            if end <= held.start():
                if _HELD_APPOSITIVE.match(text[end : held.start()]):
                    add(mention, held.group("who"), False, held.start())
                break
    for start, end, mention in places:
        under = _UNDER_CONTROL.match(text[end:])
        if under:
            add(mention, under.group("who"), False, start)
        holds = _HOLDS.search(text[max(0, start - 80) : start])
        if holds:
            add(mention, holds.group("who"), False, start)
    return out


# -------------------------------------------------------------------------------- driver


def _context(doc: Document, gazetteer: GazetteerLike) -> _DocContext:
    sentences = split_sentences(doc.text)
    mentions: dict[int, list[Mention]] = {}
    for mention in gazetteer.find(doc.text, doc.id):
        mentions.setdefault(mention.sentence_index, []).append(mention)
    return _DocContext(doc, sentences, mentions, _LazySides(sentences),
                       bool(_TURKISH.search(doc.text)), gazetteer)


def _event_id(doc_id: str, sentence_index: int, place_id: str, controller: str) -> str:
    key = f"{doc_id}\x1f{sentence_index}\x1f{place_id}\x1f{controller}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _document_events(
    ctx: _DocContext,
) -> tuple[list[Event], list[Observation], list[Problem]]:
    doc = ctx.doc
    problems: list[Problem] = []
    drafts: list[_Draft] = []
    observations: list[Observation] = []
    for sentence in ctx.sentences:
        found = _sentence_events(ctx, sentence)
        drafts.extend(found)
        if _OBSERVATION_WORDS.search(sentence.text):
            spans = [(m.start(), m.end()) for _c, m in _find_cues(sentence.text)]
            observations.extend(_observations(ctx, sentence, spans))
    # A repeat of a change the document dates elsewhere takes that date.
    dated: dict[tuple[str, str], list[_Draft]] = {}
    for d in drafts:
        if d.when is not None and d.place.place_id:
            dated.setdefault((d.place.place_id, d.controller), []).append(d)
    events: list[Event] = []
    seen: set[str] = set()
    for d in drafts:
        assert d.place.place_id is not None
        when = d.when
        precision: str
        if when is None:
            others = dated.get((d.place.place_id, d.controller))
            if others:
                first = "first" in d.sentence.text.lower()
                chosen = min(others, key=lambda o: o.when.date) if first else max(  # type: ignore[union-attr]
                    others, key=lambda o: o.when.date)  # type: ignore[union-attr]
                when = chosen.when
        if when is not None:
            day, precision = when.date, when.precision
        elif doc.published is not None:
            day, precision = doc.published, "week"
        else:
            problems.append(Problem(
                doc.id, None, "date",
                f"no date for the change at {d.place.surface!r} (the document has no "
                f"publication date): {d.sentence.text}"))
            continue
        if doc.published is not None and day > doc.published:
            day = doc.published
        event_id = _event_id(doc.id, d.sentence.index, d.place.place_id, d.controller)
        if event_id in seen:
            continue
        seen.add(event_id)
        place = ctx.gazetteer.get(d.place.place_id)
        events.append(Event(
            event_id=event_id, date=day, date_precision=precision,  # type: ignore[arg-type]
            place=d.place.surface, place_id=d.place.place_id,
            lat=place.lat if place else None, lon=place.lon if place else None,
            controller=d.controller, previous_controller=d.previous,
            kind=d.kind,  # type: ignore[arg-type]
            confidence=round(d.confidence, 2), doc_ids=(doc.id,), sentence=d.sentence.text,
        ))
    return events, observations, problems


def _document_problems(ctx: _DocContext) -> list[Problem]:
    doc = ctx.doc
    problems: list[Problem] = []
    if not ctx.sentences:
        problems.append(Problem(doc.id, None, None, "no recognisable sentence"))
        return problems
    if doc.published is None:
        problems.append(Problem(doc.id, None, "date",
                                "no publication date: only changes dated with a year are kept"))
    all_mentions = [m for ms in ctx.mentions.values() for m in ms]
    if not all_mentions:
        problems.append(Problem(doc.id, None, "place", "no place of the gazetteer is named"))
    for mention in all_mentions:
        if mention.status == "unresolved":
            sentence = next((s.text for s in ctx.sentences
                             if s.index == mention.sentence_index), "")
            problems.append(Problem(doc.id, None, "place",
                                    f"unresolved place {mention.surface!r} in: {sentence}"))
    return problems


def extract_events(
    documents: Iterable[Document], gazetteer: GazetteerLike, *, jobs: int | None = 1
) -> ExtractionResult:
    """Find the control changes and the statements of control in ``documents``.

    Args:
        documents: The documents (see :func:`geo.articles.load_documents`); any iterable,
            read one at a time.
        gazetteer: The gazetteer used to find and resolve place names.
        jobs: Worker processes (``None``: every core); the result is the same for any number
            (see :func:`geo.parallel.extract_parallel`).

    Returns:
        One event per report (same change in two documents: two events; see
        :func:`merge_events`), the observations, and the problems: a document without a
        recognisable sentence, without a place or without a date, each unresolved place name
        with its sentence, and each change that could not be dated. Nothing raises for bad
        article content.
    """
    if jobs != 1:
        from geo.parallel import extract_parallel

        return extract_parallel(documents, gazetteer, jobs=jobs)
    return combine_results(extract_document(doc, gazetteer) for doc in documents)


def extract_document(doc: Document, gazetteer: GazetteerLike) -> ExtractionResult:
    """Extract one document alone: the per-document part of :func:`extract_events`.

    The cross-document steps (dating coarse reports by finer ones, filling the losing side)
    are left to :func:`combine_results`, so documents can be extracted anywhere, in any
    grouping, and combined in their order afterwards.
    """
    ctx = _context(doc, gazetteer)
    problems = _document_problems(ctx)
    events, observations, trouble = _document_events(ctx)
    problems.extend(trouble)
    return ExtractionResult(events, observations, problems)


def combine_results(results: Iterable[ExtractionResult]) -> ExtractionResult:
    """Concatenate per-document results (in document order) and run the cross-document steps."""
    events: list[Event] = []
    observations: list[Observation] = []
    problems: list[Problem] = []
    for result in results:
        events.extend(result.events)
        observations.extend(result.observations)
        problems.extend(result.problems)
    events = _refine_dates(events)
    events = _fill_previous(events)
    return ExtractionResult(events, observations, problems)


def _refine_dates(events: list[Event]) -> list[Event]:
    """A coarse date takes the finer date of another report of the same change inside it.

    Among the finer reports within the coarse one's window (same year for a year), the most
    precise wins, then the nearest in time, then the earliest.
    """
    finer: dict[tuple[str | None, str, int], list[tuple[date, Event]]] = {}
    for e in events:
        key = (e.place_id, e.controller, _PRECISION_RANK[e.date_precision])
        finer.setdefault(key, []).append((e.date, e))
    for rows in finer.values():
        rows.sort(key=lambda r: (r[0], r[1].event_id, r[1].doc_id))
    out: list[Event] = []
    for e in events:
        rank = _PRECISION_RANK[e.date_precision]
        tolerance = timedelta(days=PRECISION_DAYS[e.date_precision])
        best: Event | None = None
        for finer_rank in range(rank if rank else 0):
            rows = finer.get((e.place_id, e.controller, finer_rank), [])
            lo = bisect_left(rows, e.date - tolerance, key=lambda r: r[0])
            hi = bisect_right(rows, e.date + tolerance, key=lambda r: r[0])
            window = [o for _d, o in rows[lo:hi]
                      if e.date_precision != "year" or o.date.year == e.date.year]
            if window:
                best = min(window, key=lambda o: (abs((o.date - e.date).days), o.date))
                break
        if best is not None:
            e = replace(e, date=best.date, date_precision=best.date_precision)
        out.append(e)
    return out


def _fill_previous(events: list[Event]) -> list[Event]:
    """Fill an unknown losing side from the place's previous event; mark recaptures.

    The previous event is the latest one (not a siege) on an earlier day at the same place; a
    capture by a side that held the place before that becomes a recapture.
    """
    by_place: dict[str, list[Event]] = {}
    for e in events:
        if e.place_id:
            by_place.setdefault(e.place_id, []).append(e)
    changed: dict[tuple[str, str], Event] = {}
    for place_events in by_place.values():
        ordered = sorted(place_events, key=lambda e: (e.date, e.event_id, e.doc_id))
        last: Event | None = None
        held_before: set[str] = set()
        i = 0
        while i < len(ordered):
            day = ordered[i].date
            group = [e for e in ordered[i:] if e.date == day]
            for e in group:
                update: dict[str, Any] = {}
                if e.previous_controller is None and last is not None and (
                        last.controller != e.controller):
                    update["previous_controller"] = last.controller
                if e.kind == "capture" and e.controller in held_before:
                    update["kind"] = "recapture"
                if update:
                    changed[(e.event_id, e.doc_id)] = replace(e, **update)
            for e in group:
                if e.kind != "siege":
                    if last is not None:
                        held_before.add(last.controller)
                    last = e
            i += len(group)
    return [changed.get((e.event_id, e.doc_id), e) for e in events]


# -------------------------------------------------------------------------------- merging


def _km(a: Event, b: Event) -> float:
    import math

    if None in (a.lat, a.lon, b.lat, b.lon):
        return math.inf
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _same_place(a: Event, b: Event) -> bool:
    if a.place_id and a.place_id == b.place_id:
        return True
    return _km(a, b) <= MERGE_KM


def _coarser(a: Event, b: Event) -> int:
    return max(PRECISION_DAYS[a.date_precision], PRECISION_DAYS[b.date_precision])


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge the reports of one change; flag contradicting reports.

    Reports merge when they name the same place (same id, or within 25 km), the same new
    controller, and dates within the coarser of their precisions. The merged event keeps the
    most precise date (then the highest confidence) and its sentence, lists every document
    (``doc_ids``), and takes the highest confidence plus 0.05 per extra document (at most
    0.99). Reports of the same place at overlapping times with different controllers are both
    kept, each naming the other in ``conflict``. The output is sorted by date, place and
    controller, and its ids are stable.
    """
    groups: list[list[Event]] = []
    for e in sorted(events, key=lambda e: (_PRECISION_RANK[e.date_precision], -e.confidence,
                                           e.date, e.event_id)):
        for group in groups:
            head = group[0]
            if (head.controller == e.controller and _same_place(head, e)
                    and abs((head.date - e.date).days) <= _coarser(head, e)):
                group.append(e)
                break
        else:
            groups.append([e])
    merged: list[Event] = []
    for group in groups:
        head = group[0]
        docs: list[str] = []
        for e in group:
            for d in e.doc_ids:
                if d not in docs:
                    docs.append(d)
        previous = head.previous_controller or next(
            (e.previous_controller for e in group if e.previous_controller), None)
        confidence = min(0.99, max(e.confidence for e in group) + 0.05 * (len(docs) - 1))
        merged.append(replace(head, doc_ids=tuple(docs), previous_controller=previous,
                              confidence=round(confidence, 2)))
    conflicts: dict[str, list[str]] = {e.event_id: [] for e in merged}
    for i, a in enumerate(merged):
        for b in merged[i + 1 :]:
            if a.controller == b.controller or not _same_place(a, b):
                continue
            if "siege" in (a.kind, b.kind) or "siege_broken" in (a.kind, b.kind):
                continue
            window = max(1, min(PRECISION_DAYS[a.date_precision],
                                PRECISION_DAYS[b.date_precision]) // 3)
            if abs((a.date - b.date).days) <= window:
                conflicts[a.event_id].append(b.event_id)
                conflicts[b.event_id].append(a.event_id)
    out = [replace(e, conflict=tuple(sorted(conflicts[e.event_id]))) for e in merged]
    return sorted(out, key=lambda e: (e.date, e.place, e.controller, e.event_id))


# ------------------------------------------------------------------------------- files


def _row(event: Event) -> dict[str, str]:
    def number(value: float | None) -> str:
        return "" if value is None else f"{value:.5f}".rstrip("0").rstrip(".")

    return {
        "event_id": event.event_id,
        "date": event.date.isoformat(),
        "date_precision": event.date_precision,
        "place": event.place,
        "place_id": event.place_id or "",
        "lat": number(event.lat),
        "lon": number(event.lon),
        "controller": event.controller,
        "previous_controller": event.previous_controller or "",
        "kind": event.kind,
        "confidence": f"{event.confidence:.2f}",
        "doc_id": event.doc_id,
        "sentence": event.sentence,
    }


def events_to_csv(events: Iterable[Event]) -> str:
    """The events as CSV text with the :data:`EVENT_COLUMNS` header."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EVENT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(_row(event))
    return buffer.getvalue()


def events_to_json(events: Iterable[Event]) -> str:
    """The events as a JSON list of objects (the CSV columns, plus ``conflict``)."""
    rows: list[dict[str, Any]] = []
    for event in events:
        row: dict[str, Any] = dict(_row(event))
        row["lat"] = event.lat
        row["lon"] = event.lon
        row["confidence"] = event.confidence
        row["conflict"] = list(event.conflict)
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def write_events(events: Iterable[Event], path: Path | str, force: bool = False) -> str:
    """Write events to ``path`` (``.json`` for JSON, otherwise CSV), or return them for ``-``.

    Args:
        events: The events, written in the order given.
        path: Destination; ``"-"`` returns the CSV text instead of writing (the CLI prints it).
        force: Overwrite an existing file.

    Returns:
        The text written.

    Raises:
        OutputExistsError: When ``path`` exists and ``force`` is false.
    """
    if str(path) == "-":
        return events_to_csv(events)
    target = Path(path)
    check_writable(target, force)
    text = events_to_json(events) if target.suffix.lower() == ".json" else events_to_csv(events)
    atomic_write_text(target, text, force=force)
    return text


def _parse_event(row: dict[str, Any], where: str) -> Event:
    def fail(column: str, message: str) -> EventsFileError:
        return EventsFileError(f"{where}: {column}: {message}")

    def text(column: str) -> str:
        value = row.get(column)
        return "" if value is None else str(value).strip()

    try:
        day = date.fromisoformat(text("date"))
    except ValueError:
        raise fail("date", f"not a date (YYYY-MM-DD): {text('date')!r}") from None
    precision = text("date_precision")
    if precision not in PRECISION_DAYS:
        raise fail("date_precision",
                   f"unknown precision {precision!r} (expected day, week, month or year)")
    coords: list[float | None] = []
    for column in ("lat", "lon"):
        raw = text(column)
        if not raw:
            coords.append(None)
            continue
        try:
            coords.append(float(raw))
        except ValueError:
            raise fail(column, f"not a number: {raw!r}") from None
    controller = text("controller")
    if controller not in FACTIONS:
        raise fail("controller", f"unknown faction {controller!r}")
    previous = text("previous_controller") or None
    if previous is not None and previous not in FACTIONS:
        raise fail("previous_controller", f"unknown faction {previous!r}")
    kind = text("kind")
    if kind not in EVENT_KINDS:
        raise fail("kind", f"unknown kind {kind!r} (expected one of {', '.join(EVENT_KINDS)})")
    try:
        confidence = float(text("confidence"))
    except ValueError:
        raise fail("confidence", f"not a number: {text('confidence')!r}") from None
    if not 0.0 <= confidence <= 1.0:
        raise fail("confidence", f"out of range [0, 1]: {text('confidence')}")
    doc_ids = tuple(d for d in text("doc_id").split(";") if d)
    if not doc_ids:
        raise fail("doc_id", "missing")
    place = text("place")
    if not place:
        raise fail("place", "missing")
    event_id = text("event_id")
    if not event_id:
        raise fail("event_id", "missing")
    conflict = row.get("conflict") or ()
    return Event(
        event_id=event_id, date=day, date_precision=precision,  # type: ignore[arg-type]
        place=place, place_id=text("place_id") or None, lat=coords[0], lon=coords[1],
        controller=controller, previous_controller=previous, kind=kind,  # type: ignore[arg-type]
        confidence=confidence, doc_ids=doc_ids, sentence=text("sentence"),
        conflict=tuple(str(c) for c in conflict) if isinstance(conflict, list) else (),
    )


def read_events(path: Path | str) -> list[Event]:
    """Read an events file written by :func:`write_events` (or edited by hand).

    Args:
        path: A ``.json`` file (a list of objects) or a CSV file with the
            :data:`EVENT_COLUMNS` header (extra columns are ignored).

    Raises:
        EventsFileError: When the file cannot be read, lacks a column (the message names it),
            or a row has a bad value (``file:line: column: what is wrong``; for JSON the line
            is the 1-based position of the object in the list).
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise EventsFileError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise EventsFileError(f"{path}: not UTF-8 text") from None
    rows: list[tuple[str, dict[str, Any]]] = []
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as error:
            raise EventsFileError(f"{path}:{error.lineno}: not valid JSON: {error.msg}") from None
        if not isinstance(data, list):
            raise EventsFileError(f"{path}: expected a JSON list of events")
        for n, item in enumerate(data, start=1):
            if not isinstance(item, dict):
                raise EventsFileError(f"{path}:{n}: expected an object")
            missing = [c for c in EVENT_COLUMNS if c not in item]
            if missing:
                raise EventsFileError(f"{path}:{n}: missing column {missing[0]!r}")
            rows.append((f"{path}:{n}", item))
    else:
        reader = csv.DictReader(io.StringIO(raw, newline=""))
        header = reader.fieldnames or []
        missing = [c for c in EVENT_COLUMNS if c not in header]
        if missing:
            raise EventsFileError(f"{path}: missing column {missing[0]!r}")
        for record in reader:
            line = reader.line_num
            rows.append((f"{path}:{line}", dict(record)))
    return [_parse_event(row, where) for where, row in rows]


def report_lines(problems: Iterable[Problem]) -> str:
    """Problems as text, one a line (the ``--report`` file)."""
    return "".join(f"{p}\n" for p in problems)



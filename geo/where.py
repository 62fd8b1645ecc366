"""Where a cue happens: the place mentions of a sentence, the cue's object, what "the town" means.

* A sentence's place mentions leave out countries, provinces ("Raqa province", "the province
  of Idlib"), compounds ("the Aleppo-Damascus highway") and names that are a side here
  ("Damascus said").
* The object of a cue is the first place after it within its clause, unless a word between
  makes it a point of reference ("near", "the outskirts of", "villages around") or, for a
  strict cue ("took", "entered"), anything but a few modifiers comes between.
* "the town", "the city", "its" refer back: to a place named earlier in the sentence, else the
  place of the document's latest event (within six sentences), else the place the document
  names most (three times or more), else the last place of the two sentences before.
* Places listed right after the object ("seized X, Y and Z") are objects too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from geo.cues import Cue
from geo.doccontext import COUNTRIES, DocContext
from geo.models import Mention
from geo.text import Sentence

__all__ = [
    "ANAPHOR",
    "FROM",
    "PARTIAL_GAP",
    "POSSESSIVE_PART",
    "RELATIVE",
    "PlaceSpan",
    "antecedent",
    "clause_start",
    "coordinated",
    "dateline",
    "object_place",
    "refers_back",
    "sentence_mentions",
]

#: A sentence's place mention: start and end relative to the sentence, and the mention.
PlaceSpan = tuple[int, int, Mention]

POSSESSIVE_PART = re.compile(
    r"\s+(?i:(?:eastern|western|northern|southern|central|old|remaining|last)\s+)*"
    r"(?:[A-Z][\w'’-]*\s+){0,3}"
    r"(?i:neighbou?rhoods?|districts?|quarters?|parts?|centre|center|citadel|city)\b")
RELATIVE = re.compile(r"\s*,?\s*\b(?:which|that)\s+(?:[\w'’-]+\s+){1,5}?(?:(?:had|has|have)\s+)?"
                       r"(?:\w+ly\s+)?$", re.IGNORECASE)
FROM = re.compile(r"^\s*(?:from|out\s+of|of)\b", re.IGNORECASE)
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
    r"stronghold|enclave|airport|airbase|base|oil|field|dam|rebel|opposition|insurgent|jihadist|"
    r"militant|regime|government|northern|southern|eastern|western|central|north-?western|"
    r"north-?eastern|south-?western|south-?eastern|main|largest|biggest|second|provincial|"
    r"capital|besieged|contested|frontline|coastal|mountain|hilltop|old|small|large)\b\s*)*$",
    re.IGNORECASE)
# A landmark named after a place is in a town, not the town: "the al-Nuri mosque in Mosul".
_LANDMARKS = ("mosques?", "hospitals?", "schools?", "churches", "church", "squares?",
              "markets?", "bridges?", "palaces?", "stadiums?", "universit(?:y|ies)",
              "buildings?", "compounds?", "complex", "roundabouts?", "streets?", "prisons?",
              "silos?", "factory", "factories", "headquarters", "courthouse")
# "Tal Afar military airbase": a site named after the town, not the town (when the gazetteer
# does not know the site by that name).
_SITES = (r"(?:military\s+)?(?:air\s*base|airbase|airport|airfield|air\s+field)",
          r"military\s+(?:base|academy|college)")
_LANDMARK_AFTER = re.compile(r"\s+(?:" + "|".join(_LANDMARKS + _SITES) + r")\b", re.IGNORECASE)
PARTIAL_GAP = re.compile(
    r"\b(?:percent|per\s+cent|%|half|third|thirds|parts?|neighbou?rhoods?|districts?|areas?"
    r"|sections?|quarters?|most|" + "|".join(_LANDMARKS) + r")\b|\b(?:eastern|western|northern|"
    r"southern)\s+$", re.IGNORECASE)
_PROVINCE_AFTER = re.compile(
    r"^\s*(?:province|governorate|countryside|desert|region|district|offensive|front|road|"
    r"highway|river|operation|axis|sector|campaign|battle|countryside)\b", re.IGNORECASE)
ANAPHOR = re.compile(
    r"\b(?:the|this|that)\s+(?:(?:[\w'’-]+)\s+){0,2}?(?:town|city|village|base|airbase|airport|"
    r"stronghold|bastion|enclave|area|garrison|hub|outpost)\b(?!\s*(?:of|['’]s|centre|center))",
    re.IGNORECASE)
_ITS = re.compile(r"^(?:its|their)\b", re.IGNORECASE)
_PROVINCE_WORDS = ("governorate", "province")
#: Gazetteer kinds that are never the place of a change of control.
NOT_PLACES = frozenset({"river", "lake", "road", "highway", "canal", "sea", "mountain range"})
# "Governor of Hama", "Liwa al-Quds", "the people of Raqqa": the name only qualifies a person
# or an organisation.
_QUALIFIES = re.compile(
    r"(?:\b(?:governor|mayor|governorate|council|university|people|residents|natives?|"
    r"countryside|son|sons|daughters?|tribes?|clans?|emir|wali|commander|leader|chief)\s+of\s+"
    r"(?:the\s+)?|\b(?:liwa|liwaa|jaish|jabhat|harakat|kataib|kata'ib|saraya|faylaq|ahrar|"
    r"ansar|jund|tajamu|tajammu|firqat|alwiya|brigade|battalion|brigades)\s+(?:al-)?)$",
    re.IGNORECASE)
# A dateline: "DOHUK, Iraq (Reuters) -", "KHANASER, Syria --", "BEIRUT (AP) —".
_DATELINE_AFTER = re.compile(
    r"^\s*(?:,\s*(?:[A-Z][\w'’.-]*\s*){1,3})?\s*(?:\([^)]{1,40}\)\s*)?(?:--|—|–|-|:)\s")
# "entered several towns including X, Y and Z"
_INCLUDING = re.compile(
    r"^\s*(?:[\w'’-]+\s+){0,3}?(?:towns|cities|villages|areas|localities|places|positions|"
    r"hamlets|districts|neighbou?rhoods)\s*,?\s+(?:including|such\s+as|among\s+them|"
    r"namely)\s+(?:the\s+)?$", re.IGNORECASE)
# "captured the village of Bulbul in Afrin", "seized Bulbul near Afrin": a name the gazetteer
# does not know is the object; the place after it only locates it.
_UNKNOWN_BEFORE = re.compile(
    r"(?:\b(?:towns?|villages?|city|hill|hilltop|district|neighbou?rhood|suburb|base|airport)"
    r"\s+of\s+|(?:^|\s))(?!(?:Old|New|City|Eastern|Western|Northern|Southern|Central|Upper|"
    r"Lower|Greater)\b)(?:(?:al|el|ad|as|ar|an|at|az)-)?[A-Z][a-z][\w'’-]*"
    r"(?:\s+(?:(?:al|el|ad|as|ar|an|at|az)-)?[A-Z][\w'’-]*)*\s+(?:in|near|outside|north\s+of|"
    r"south\s+of|east\s+of|west\s+of)\s+(?:the\s+)?$")
# "Government Compound in Ramadi" (a headline in Title Case): a part of the town, not a place
# the gazetteer lacks.
_GENERIC_NAME = re.compile(
    r"\b(?:Government|Provincial|Compound|Headquarters|Buildings?|Mosque|Hospital|Square|"
    r"Cent(?:re|er)|Complex|Palace|Council|Market|Districts?|Neighbou?rhoods?|Quarters?|"
    r"Outskirts|Parts?|Areas?)\b")
# "the last IS stronghold in Homs": after "<a place noun> in", a province's name is the
# province, not its capital.
_PLACE_NOUN_IN = re.compile(
    r"\b(?:towns?|city|cities|villages?|stronghold|bastion|positions?|areas?|"
    r"territory|base|airport|outpost)\s+in\s+(?:the\s+)?(?:[\w'’]+['’]s\s+)?$",
    re.IGNORECASE)


def sentence_mentions(ctx: DocContext, sentence: Sentence) -> list[PlaceSpan]:
    """Place mentions of a sentence with offsets relative to it.

    Provinces ("Raqa province"), countries and names that are a side here ("Damascus said")
    are left out.
    """
    out: list[PlaceSpan] = []
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
        if m.surface.lower() in COUNTRIES:
            continue
        if _PROVINCE_AFTER.match(sentence.text[end:]):
            continue
        if re.search(r"\b(?:province|governorate)\s+of\s+(?:the\s+)?$",
                     sentence.text[max(0, start - 20) : start], re.IGNORECASE):
            continue
        if _QUALIFIES.search(sentence.text[max(0, start - 30) : start]):
            continue
        if m.place_id and not _can_change_hands(ctx, m):
            continue  # a river is no place of control; a province is no place of one change
        if ctx.dateline is not None and m is ctx.dateline:
            continue
        out.append((start, end, m))
    return out


def clause_start(text: str, pos: int, floor: int) -> int:
    """Where the clause holding ``pos`` starts (not before ``floor``)."""
    start = floor
    for m in _CLAUSE_BREAK.finditer(text, floor, pos):
        start = m.end()
    return start


def dateline(text: str, mentions: list[Mention], offset: int) -> Mention | None:
    """The place of a dateline opening ``text`` ("DOHUK, Iraq (Reuters) - ..."), if any.

    ``offset`` is where ``text`` starts in the document (mentions carry document offsets).
    """
    for m in mentions:
        start = m.start - offset
        if start < 0 or text[:start].strip(" \n\t-–—(") or not m.place_id:
            continue
        after = text[m.end - offset :]
        written = m.surface
        if _DATELINE_AFTER.match(after) and (written.isupper() or after.lstrip().startswith(",")):
            return m
        return None
    return None


# "the last government-held town in Idlib province, Jisr al-Shughur": the town named after it.
_NAMED_AFTER_REGION = re.compile(
    r"^\s*the\s+(?:last|final|only|remaining)\s+(?:[\w'’-]+\s+){0,4}?(?:town|city|village|"
    r"stronghold|bastion)\s+(?:[\w'’-]+\s+){0,4}?in\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}"
    r"(?:province|governorate|region|area|district)\s*,\s*(?:the\s+(?:town|city|village)\s+of"
    r"\s+)?$", re.IGNORECASE)


def object_place(
    text: str, cue_end: int, limit: int, places: list[PlaceSpan], strict: bool,
    around: bool = False, leading: re.Pattern[str] | None = None,
    province: Callable[[Mention], bool] | None = None,
) -> tuple[tuple[int, int, Mention] | None, str]:
    """The first place after the cue in its clause, and the text between them.

    ``province`` tells whether a mention names a province's capital (after "the last
    stronghold in", the province is meant).
    """
    for start, end, mention in places:
        if start < cue_end:
            continue
        if start >= limit:
            break
        gap = text[cue_end:start]
        if _LANDMARK_AFTER.match(text, end):
            continue  # "the al-Nuri mosque in Mosul": look on for the town
        if re.match(r"['’]s\b", text[end : end + 2]) and not POSSESSIVE_PART.match(
                text[end + 2 : end + 40]):
            return None, gap  # "took Idlib's governor hostage": the place only qualifies
        if leading is not None:
            gap = leading.sub("", gap, count=1)
        unknown = _UNKNOWN_BEFORE.search(gap)
        if unknown is not None and not _GENERIC_NAME.search(unknown.group(0)):
            return None, gap  # "the village of Bulbul in Afrin": the object is not in the gazetteer
        if province is not None and _PLACE_NOUN_IN.search(gap) and province(mention):
            return None, gap
        if _INCLUDING.match(gap) or _NAMED_AFTER_REGION.search(gap):
            return (start, end, mention), gap
        if strict:
            if len(gap) > 60 or not _STRICT_GAP.match(gap):
                return None, gap
        elif len(gap) > 110 or (_GAP_STOP.search(gap) and not around):
            return None, gap
        return (start, end, mention), gap
    return None, text[cue_end:limit]


def _can_change_hands(ctx: DocContext, mention: Mention) -> bool:
    """Whether a mention names a place that can change hands (not a country, province, river)."""
    if not mention.place_id or mention.surface.lower() in COUNTRIES:
        return False
    place = ctx.gazetteer.get(mention.place_id)
    return place is None or not (place.kind in NOT_PLACES or (
        place.kind == "region" and place.name.lower().endswith(_PROVINCE_WORDS)))


def antecedent(
    ctx: DocContext, sentence: Sentence, before: int, places: list[PlaceSpan]
) -> Mention | None:
    """The place "the town" refers to: the last one named before, here or two sentences back."""
    here = [m for s, _e, m in places if s < before and m.place_id]
    if here:
        return here[-1]
    if ctx.dateline is not None and ctx.dateline.sentence_index == sentence.index:
        return ctx.dateline
    if ctx.last_event is not None and sentence.index - ctx.last_event[0] <= 6:
        return ctx.last_event[1]
    counts: Counter[str] = Counter()
    first: dict[str, Mention] = {}
    for i in range(sentence.index):
        for m in ctx.mentions.get(i, []):
            if _can_change_hands(ctx, m):
                counts[m.place_id] += 1  # type: ignore[index]
                first.setdefault(m.place_id, m)  # type: ignore[arg-type]
    if counts:
        topic, n = counts.most_common(1)[0]
        if n >= 3:
            return first[topic]
    for i in range(sentence.index - 1, max(-1, sentence.index - 3), -1):
        prev = [m for m in ctx.mentions.get(i, []) if _can_change_hands(ctx, m)]
        if prev:
            return prev[-1]
    return None


def refers_back(text: str, cue: Cue, m: re.Match[str], lo: int, hi: int) -> bool:
    """Whether a cue without a named place refers to one named before ("the town", "its")."""
    head = text[m.end() : min(hi, m.end() + 45)]
    if re.match(r"\s+it\b(?!\s+(?:was|is|has|had|would|will)\b)", head, re.IGNORECASE):
        return True  # "recaptured it the next day"
    if cue.kind == "siege_broken" and not re.search(r"(?:of|on)$", m.group(0)):
        return True  # "said they had broken the siege"
    anaphor = ANAPHOR.match(head.lstrip()) or ANAPHOR.search(head[:30])
    if anaphor and not _GAP_STOP.search(head[: anaphor.start() + 1]):
        return True
    if cue.role in ("noun", "noun_loss") and _ITS.match(m.group(0)):
        return True
    if cue.kind == "claim":
        return True  # "declared victory over IS": in the place the report is about
    rest = text[m.end() :]
    if cue.role == "lose_from" and re.match(
            r"\s*(?:[,.;]|$|in\s|on\s|after\s|and\s|from\s+(?:the\s+)?(?:town|city|area))", rest):
        return True
    return bool(re.match(r"\s*(?:[,.;]|$|on\s|in\s|last\s|yesterday)", rest)
                and ANAPHOR.search(text[max(lo, m.start() - 60) : m.start()]))


# "X, Y and Z", "X near the border, Y in the north of Raqqa, and Z"
_MODIFIER = (r"(?:\s+(?:near|in|on|by|close\s+to|outside|(?:north|south|east|west)(?:east|west)?"
             r"(?:ern)?\s+of)\s+[^,;.()]{1,45}?)?")
_AND = re.compile(_MODIFIER + r"\s*(?:,|,?\s+and|,?\s+as\s+well\s+as)\s+(?:the\s+(?:(?:town|"
                  r"village|city|towns|villages)\s+of\s+)?)?$", re.IGNORECASE)
_IN_MODIFIER = re.compile(_MODIFIER.removesuffix(")?") + r"\s*)$", re.IGNORECASE)


def coordinated(
    text: str, sentence: Sentence, first: Mention, places: list[PlaceSpan],
    limit: int,
) -> list[Mention]:
    """Places listed right after the place of an event ("seized X, Y and Z")."""
    out: list[Mention] = []
    end = first.end - sentence.start
    for start, stop, mention in places:
        if start < end:
            continue
        if start >= limit:
            break
        if not _AND.fullmatch(text[end:start]) or mention.place_id is None:
            if _IN_MODIFIER.fullmatch(text[end:start]):
                continue  # "Y in the north of Raqqa": Raqqa only places Y
            break
        if mention.place_id != first.place_id:
            out.append(mention)
        end = stop
    return out


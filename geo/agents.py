"""Who gains and who loses: the sides of a cue, read through the sentence's grammar.

The gaining side is the subject of an active cue (the nearest side before it that is not the
object of a preposition; "it", "they" resolve to the nearest side named before them, then to the
previous sentences), or the side after "by"/"to" of a passive one; "After taking X, SDF fighters
..." takes the main clause's subject. When the text does not name the gaining side,
:func:`fallback_side` picks one from the context, with a lower confidence.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from geo.doccontext import DocContext, resolve
from geo.factions import FactionMention, country_allows
from geo.models import Mention
from geo.text import Sentence

__all__ = ["fallback_side", "first_side_after", "nearest_side_before", "subject_side",
           "turkish_context"]

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
_CONNECTOR = re.compile(r"^\W*(?:and|but|then|before|only\s+to|,)?\W*(?:\w+ly\s+)?$",
                        re.IGNORECASE)


def nearest_side_before(
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


def first_side_after(
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


def subject_side(
    ctx: DocContext,
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
        named = nearest_side_before(text, sides, pronoun.start(), 0)
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
    side = nearest_side_before(text, sides, m.start(), lo)
    if side is not None:
        return side
    if inherited is not None and _CONNECTOR.match(text[lo : m.start()].split(",")[-1] or ""):
        return inherited
    if lo == 0:
        side = nearest_side_before(text, sides, m.start(), 0)
    return side


def fallback_side(
    ctx: DocContext,
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
        fid = resolve(ctx, sentence.index, side, country)
        if fid and fid != loser and country_allows(fid, country) and not side.reference:
            return fid
    for i in range(sentence.index - 1, max(-1, sentence.index - 3), -1):
        for side in ctx.factions.get(i, []):
            if side.reference == "militant":
                continue
            fid = resolve(ctx, i, side, country)
            if fid and fid != loser and country_allows(fid, country):
                return fid
    counts = Counter(f for f in ctx.named_sides if f != loser and country_allows(f, country))
    if counts:
        return max(counts, key=lambda f: (counts[f], f == "government", f))
    return None


def turkish_context(ctx: DocContext, place: Mention, side: str) -> str:
    """``turkish_backed`` for "rebels" in northern Aleppo after August 2016 (Turkey named)."""
    if side != "rebels" or not ctx.turkish or place.place_id is None:
        return side
    p = ctx.gazetteer.get(place.place_id)
    published = ctx.doc.published
    if p is None or "aleppo" not in p.admin1.lower() or p.lat < 36.2:
        return side
    if published is not None and published < date(2016, 8, 24):
        return side
    return "turkish_backed"


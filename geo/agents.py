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

__all__ = ["fallback_side", "first_side_after", "nearest_side_before", "subject_phrase_side",
           "subject_side", "turkish_context"]

_PRONOUN = re.compile(
    r"\b(?P<p>it|they|we|he|who|which)\s+(?:(?:had|has|have|was|were|is|are|been|also|then|"
    r"later|finally|fully|soon|completely|reportedly|successfully|first|already|now|since|"
    r"just|quickly|eventually|again|said|says|claimed|announced)\s+)*$", re.IGNORECASE)
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:from|against|by|with|on|of|over|to|in|at|into|alongside|between|for|among|near|"
    r"toward|towards|inside|behind|under|backed\s+by|supported\s+by|loyal\s+to)\s+$",
    re.IGNORECASE)
# "Units of the Free Syrian Army": the side after "of" is the subject's head.
_GROUP_OF = re.compile(
    r"\b(?:units?|brigades?|battalions?|fighters|members|elements|forces|troops|soldiers|"
    r"factions?|groups?|militants|militiamen|detachments?|divisions?|columns?|remnants|"
    r"coalition|alliance)\s+(?:of|from)\s+(?:the\s+)?$", re.IGNORECASE)
# "a coalition dominated by Ahrar al-Sham": the side after "by" is who acts.
_LED_BY = re.compile(r"\b(?:led|dominated|headed|commanded|spearheaded)\s+by\s+(?:the\s+)?$",
                     re.IGNORECASE)
# "The Turkish army and its Syrian rebel allies": the allies join the side named first.
_ALLIES = re.compile(r"(?:\s+(?:fighters|forces|troops|units|militias?|militiamen))?"
                     r"\s*(?:,\s*|\s+)(?:and|with|along\s+with|together\s+with)\s+(?:(?:its|their)"
                     r"\s+(?:[\w'’-]+\s+){0,3}|allied\s+(?:[\w'’-]+\s+){0,2})$", re.IGNORECASE)
_BACKED_BY_TURKEY = re.compile(
    r"\b(?:backed|supported|aided|assisted|armed|trained|sponsored|allied)\s+(?:\w+\s+)?"
    r"(?:by|with)\s+(?:the\s+)?(?:Turk|Ankara)|\bTurkish[- ]backed\b", re.IGNORECASE)
# "the last rebel supply line", "IS positions", "army sources": a side that only qualifies a
# noun is not who acts.
_MODIFIES = re.compile(
    r"[\s-]+(?:supply|positions?|lines?|strongholds?|territory|territories|areas?|enclaves?|"
    r"pockets?|commanders?|spokesm[ae]n|sources?|officials?|media|attacks?|advances?|offensive|"
    r"counter-?attacks?|counter-?offensive|defen[cs]es|bastions?|bases?|shelling|fire|rockets?|"
    r"mortars?|artillery|jets?|planes?|warplanes|aircraft|air\s+strikes?|airstrikes?|"
    r"checkpoints?|assault|push|siege|held|controlled|run|side|lines)\b", re.IGNORECASE)
_QUOTE_OPEN = re.compile(r"[\"“]")
_QUOTE_CLOSE = re.compile(r"[\"”]")
_FIRST_PERSON = re.compile(r"\b(?:our|we)\s+(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_AFTER_GERUND = re.compile(r"(?:^|[,;]\s*)\W*(?:after|since|upon|on|while|by|before)\s+$",
                           re.IGNORECASE)
_LATE_GERUND = re.compile(r"\b(?:after|before|since|upon|while)\s+$", re.IGNORECASE)
_CONNECTOR = re.compile(r"^\W*(?:and|but|then|before|only\s+to|,)?\W*(?:\w+ly\s+)?$",
                        re.IGNORECASE)


def nearest_side_before(
    text: str, sides: list[FactionMention], pos: int, floor: int, speaker: bool = False
) -> FactionMention | None:
    """The nearest side before ``pos`` that is not the object of a preposition.

    Names written side by side ("Deash (ISIS) terrorist organization") count as one. A side
    that only qualifies a noun ("rebel positions", "army sources") does not act; with
    ``speaker`` it does ("an SDF commander said").
    """
    heads: list[FactionMention] = []
    for i, side in enumerate(sides):
        between = text[sides[i - 1].end : side.start] if i else ""
        if i and (re.fullmatch(r"[\s()\[\],]*", between) or _ALLIES.fullmatch(between)):
            heads.append(heads[-1])
        else:
            heads.append(side)
    for side, head in zip(reversed(sides), reversed(heads), strict=True):
        if side.end > pos or head.start < floor:
            continue
        before = text[max(0, head.start - 40) : head.start]
        if not speaker and _MODIFIES.match(text, side.end) and not side.surface.endswith(
                ("'s", "’s")):
            continue  # "rebel positions" (but "the army's advance" is the army acting)
        if _PREPOSITION_BEFORE.search(before[-20:]) and not (
                _GROUP_OF.search(before) or _LED_BY.search(before)):
            continue
        return head
    return None


def subject_phrase_side(text: str, subject: FactionMention, cue_start: int, side: str) -> str:
    """The side of a subject read through its whole noun phrase, appositions included.

    Rebels "backed by Turkey", "supported by Ankara", "allied with Turkish troops" are
    ``turkish_backed``; every other side is kept.
    """
    if side == "rebels" and _BACKED_BY_TURKEY.search(text[subject.start : cue_start]):
        return "turkish_backed"
    return side


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
    if (inherited is not None and m.group(0).lower().endswith("ing")
            and _LATE_GERUND.search(before)):
        return inherited  # "drove IS out of X, a day after retaking Y": the main subject
    if _AFTER_GERUND.search(before) and m.group(0).lower().endswith("ing"):
        comma = text.find(",", m.end())
        if comma > 0:
            after = [s for s in sides if s.start > comma]
            if after:
                return after[0]
    side = nearest_side_before(text, sides, m.start(), lo)
    if side is not None:
        return _speaker_for_first_person(text, sides, side, m.start())
    if inherited is not None and _CONNECTOR.match(text[lo : m.start()].split(",")[-1] or ""):
        return inherited
    if lo == 0:
        side = nearest_side_before(text, sides, m.start(), 0)
    return side


def _speaker_for_first_person(
    text: str, sides: list[FactionMention], side: FactionMention, cue_start: int
) -> FactionMention:
    """"Our forces have taken X," an SDF spokesman said: the side is the speaker's."""
    if not _FIRST_PERSON.search(text[max(0, side.start - 30) : side.start]):
        return side
    opened = [q.start() for q in _QUOTE_OPEN.finditer(text, 0, cue_start)]
    if not opened:
        return side
    close = _QUOTE_CLOSE.search(text, cue_start)
    if close is None:
        return side
    speaker = next((s for s in sides if s.start > close.end() and s.faction_id), None)
    return speaker or side


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


# Where and from when Turkey's operations made the rebels of the north Turkish-backed:
# Euphrates Shield and Olive Branch (Aleppo), Peace Spring (Raqqa and Hasakah).
_TURKISH_OPERATIONS: dict[str, date] = {
    "aleppo": date(2016, 8, 24), "raqqa": date(2019, 10, 9), "hasakah": date(2019, 10, 9),
}


def turkish_context(ctx: DocContext, place: Mention, side: str) -> str:
    """``turkish_backed`` for "rebels" near the Turkish border in a report naming Turkey.

    North of 36.2°N in Aleppo province from 24 August 2016 (Euphrates Shield), in Raqqa and
    Hasakah provinces from 9 October 2019 (Peace Spring).
    """
    if side != "rebels" or not ctx.turkish or place.place_id is None:
        return side
    p = ctx.gazetteer.get(place.place_id)
    published = ctx.doc.published
    if p is None or p.country != "SY" or p.lat < 36.2:
        return side
    since = _TURKISH_OPERATIONS.get(p.admin1.lower())
    if since is None or (published is not None and published < since):
        return side
    return "turkish_backed"


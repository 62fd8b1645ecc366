"""Denials: reports that a change of control did not happen.

A denial is a sentence that says a claimed change is untrue: "the rebels denied that the army
had taken X", "IS denied losing X", "Kurdish officials dismissed reports that the town had
fallen", "reports that X had fallen proved premature". :func:`sentence_denials` finds them per
document (the parallel part of extraction); :func:`geo.merge.apply_denials` then marks the claims
of *other* documents they contradict (a denial in the claim's own document is read by the
extractor itself). The place is the first one named after the denial's verb, else the place
the sentence refers back to ("denied it", "that the town had fallen"); for "... proved
premature" the place named before it. The side whose gain is denied is the first side named
after the verb; the side denying is the one before it.
"""

from __future__ import annotations

import re

from geo.doccontext import DocContext, place_country, resolve
from geo.factions import FactionMention
from geo.models import Denial, Mention
from geo.text import Sentence
from geo.where import antecedent, sentence_mentions

__all__ = ["DENIAL_WORDS", "sentence_denials"]

#: Whether a sentence can hold a denial at all (checked before anything else is looked at).
DENIAL_WORDS = re.compile(
    r"\b(?:denied|denies|deny|denying|dismissed|rejected|refuted|premature|false|untrue|"
    r"baseless|unfounded)\b", re.IGNORECASE)
# "denied that", "dismissed reports", "denied losing", "rejected claims of", "denied it".
_DENY = re.compile(
    r"\b(?:denied|denies|deny|denying|dismissed|dismisses|rejected|rejects|refuted|refutes)\s+"
    r"(?:as\s+\w+\s+)?(?:(?:\w+\s+){0,2}?(?:reports?|claims?|allegations?|announcements?|"
    r"rumou?rs?|assertions?)\b|that\b|it\b|this\b|(?:any\s+)?(?:losing|having\s+lost|"
    r"withdrawing|having\s+withdrawn|retreating|(?:a\s+|any\s+)?withdrawal|the\s+(?:fall|loss|"
    r"capture|seizure|takeover|surrender)\b))", re.IGNORECASE)
# The denial's clause: "..., but the army denied it" starts after "but"; "denied the claim and
# said ..." ends before "and said".
_CLAUSE_START = re.compile(r"[;:]|,\s*(?:but|while|and)?|\bbut\b|\bwhile\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;:]|,?\s+(?:and|but)\s+(?:said|says|added|insisted|stressed)\b|,\s+"
                         r"(?:but|while|adding|saying)\b", re.IGNORECASE)
# "the announcement that X had fallen proved premature": the place comes before.
#: A claim shown false ("proved premature", "was later denied"); the extractor's denial check
#: (:mod:`geo.changes`) uses it too.
PROVED_FALSE = (
    r"\b(?:proved|proven|turned\s+out|was\s+shown|were\s+shown)\s+(?:to\s+(?:be|have\s+been)\s+)?"
    r"(?:premature|false|untrue|wrong|unfounded|baseless)\b|\b(?:was|were|is)\s+(?:later\s+)?"
    r"(?:denied|refuted)\b")
_PROVED = re.compile(PROVED_FALSE, re.IGNORECASE)
# "denied losing X": the denier is the side said to have lost it; no gaining side is named.
_LOSS = re.compile(r"losing|having\s+lost|withdraw|retreat|withdrawal|the\s+(?:loss|surrender)",
                   re.IGNORECASE)


def _resolved(ctx: DocContext, sentence: Sentence, side: FactionMention | None,
              country: str) -> str | None:
    return resolve(ctx, sentence.index, side, country) if side is not None else None


def sentence_denials(ctx: DocContext, sentence: Sentence) -> list[Denial]:
    """The denials of one sentence (see the module docstring); none in an undated document."""
    text = sentence.text
    published = ctx.doc.published
    if published is None or not DENIAL_WORDS.search(text):
        return []
    places = sentence_mentions(ctx, sentence)
    sides = ctx.factions.get(sentence.index, [])
    out: list[Denial] = []
    for match in _DENY.finditer(text):
        stop = _CLAUSE_END.search(text, match.end())
        end = stop.start() if stop is not None else len(text)
        after = [p for p in places if match.end() <= p[0] < end]
        place: Mention | None = after[0][2] if after else antecedent(
            ctx, sentence, match.start(), places)
        limit = after[0][0] if after else end
        claimed = next((s for s in sides if match.start() < s.start < limit), None)
        floor = 0
        for brk in _CLAUSE_START.finditer(text, 0, match.start()):
            if text[brk.start() : match.start()].strip() != ",":  # "HTS, denied": the subject's
                floor = brk.end()
        denier = next((s for s in reversed(sides) if floor <= s.start and s.end <= match.start()),
                      None)
        if _LOSS.search(match.group(0)):
            claimed = None
        out.extend(_denial(ctx, sentence, place, claimed, denier))
    if not out:
        for match in _PROVED.finditer(text):
            before = [p for p in places if p[1] <= match.start()]
            place = before[-1][2] if before else antecedent(ctx, sentence, match.start(), places)
            claimed = next((s for s in sides if s.end <= match.start()), None)
            out.extend(_denial(ctx, sentence, place, claimed, None))
    return out


def _denial(ctx: DocContext, sentence: Sentence, place: Mention | None,
            claimed: FactionMention | None, denier: FactionMention | None) -> list[Denial]:
    if place is None or place.place_id is None or ctx.doc.published is None:
        return []
    country = place_country(ctx, place)
    gainer = _resolved(ctx, sentence, claimed, country)
    denying = _resolved(ctx, sentence, denier, country)
    if gainer is not None and gainer == denying:
        gainer = None  # "the army denied that its troops had withdrawn": not a gain denied
    return [Denial(ctx.doc.published, place.surface, place.place_id, ctx.doc.id, sentence.text,
                   gainer, denying)]

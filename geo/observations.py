"""Observations: statements in passing of who holds a place, dated on the publication day.

"the IS-held town of X", "the opposition-held X", "X, the last IS-held town", "X, which is under
the control of Y", "X, Y and Z are now under the control of W" (one observation a place),
"Y controls/holds/occupies X", "Y in control of X". "the government-held part
(areas, third, neighbourhoods...) of X" gives ``contested`` with that side in ``contested_with``.
A held-phrase in the object of a cue ("an operation to retake the IS-held town") describes the
state before a change and is not an observation.
"""

from __future__ import annotations

import re

from geo.doccontext import DocContext, place_country, resolve
from geo.factions import find_factions
from geo.models import Mention, Observation
from geo.text import Sentence
from geo.where import sentence_mentions

__all__ = ["OBSERVATION_WORDS", "sentence_observations"]

OBSERVATION_WORDS = re.compile(r"held|controlled|control\s+of|occup|holds?\b|\bhands\b")
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
# "X, Y and Z are now under the control of W": the state, in the present, of the places that
# open the clause (a predicate joined by "and" may come between: "have been emptied and are").
_STATE = re.compile(
    r"^\s+(?:(?:has|have)\s+been\s+[^,;:.]{1,80}?\s+and\s+)?(?:is|are|remains?)\s+"
    r"(?:now\s+|still\s+|firmly\s+)?(?:under\s+the\s+control\s+of|controlled\s+by|held\s+by|"
    r"in\s+the\s+hands\s+of)\s+(?P<who>[^,.;]{2,60})", re.IGNORECASE)
_LIST_GAP = re.compile(r"^(?:\s*,\s*(?:and\s+)?|\s+and\s+)$")
_CLAUSE_OPEN = re.compile(
    r"(?:^|[.;:\"“‘'(]|,\s*(?:and|but)|"
    r"\b(?:that|said|says|say|told|reported|reports|while|whereas))\s*"
    r"(?:the\s+(?:towns?|cities|villages?)\s+of\s+)?$", re.IGNORECASE)
_HOLDS = re.compile(
    r"(?P<who>\b(?:the\s+)?(?:U\.?S\.?|[\w'’-]+(?:\s+[\w'’-]+){0,2}))\s+(?:still\s+|now\s+)?"
    r"(?:controls|holds|occupies|control|hold|occupy|(?:is|are)\s+in\s+control\s+of|"
    r"in\s+control\s+of)\s+(?:the\s+(?:\w+\s+)?(?:town|city|village)\s+of\s+|the\s+)?$")


def sentence_observations(ctx: DocContext, sentence: Sentence, cue_spans: list[tuple[int, int]]
                  ) -> list[Observation]:
    """The observations of a sentence; ``cue_spans`` are its cues (not observations)."""
    published = ctx.doc.published
    if published is None:
        return []
    text = sentence.text
    if "held" not in text and "control" not in text and "occup" not in text and \
            "hold" not in text:
        return []
    places = sentence_mentions(ctx, sentence)
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
            fid = resolve(ctx, sentence.index, found[-1], place_country(ctx, mention))
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
    for i, (_start, end, _mention) in enumerate(places):
        state = _STATE.match(text[end:])
        if state is None:
            continue
        listed = [places[i]]
        while (k := len(listed)) <= i and _LIST_GAP.match(
                text[places[i - k][1] : listed[0][0]]):
            listed.insert(0, places[i - k])
        if _CLAUSE_OPEN.search(text[: listed[0][0]]):
            for start, _end, mention in listed:
                add(mention, state.group("who"), False, start)
    return out


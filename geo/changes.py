"""One sentence's control changes: for each cue, where, who, when and whether it is a claim.

The rules are described in :mod:`geo.extract` (Where, Who, When, claims); this module holds the
per-sentence part of them, :func:`sentence_events`, and the substring gates the driver uses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from geo.agents import (
    fallback_side,
    first_side_after,
    nearest_side_before,
    subject_phrase_side,
    subject_side,
    turkish_context,
)
from geo.cues import FOLDS_TO_ASCII, MODAL_BREAK, Cue, rejected
from geo.dates import DateRef, find_dates
from geo.denials import DENIAL_WORDS, PROVED_FALSE
from geo.doccontext import DocContext, Draft, place_country, resolve
from geo.factions import FACTIONS, FactionMention, country_allows, find_factions
from geo.models import Mention
from geo.observations import OBSERVATION_WORDS
from geo.text import Sentence
from geo.where import (
    ANAPHOR,
    FROM,
    PARTIAL_GAP,
    POSSESSIVE_PART,
    RELATIVE,
    PlaceSpan,
    antecedent,
    clause_start,
    coordinated,
    object_place,
    refers_back,
    sentence_mentions,
)

_AFTER_BREAK = re.compile(
    r"[;—–]|,\s*(?:but|while|whereas|which|who|where|although|though)\b|\bbut\b|"
    r"\b(?:which|who)\s+(?:had|has|have|was|were|is|are)\b|"
    r"\b(?:came|comes|followed|follows)\s+(?:\w+\s+)?(?:after|as|weeks|days|months)\b|"
    r"\b(?:and|as)\s+(?:then\s+)?(?:proclaimed|said|announced|began|started|has|have|had)\b",
    re.IGNORECASE)
_SUBORDINATE = re.compile(r"\b(?:after|before|since|when|until|once|while)\b", re.IGNORECASE)
_CLAIM = re.compile(r"\bclaim(?:s|ed|ing)?\b|\b(?:announcement|reports?|rumou?rs?|assertion)\s+"
                    r"(?:\w+\s+){0,3}?that\b", re.IGNORECASE)
# "... but the rebels denied it", "the announcement proved premature": the claim is contradicted.
_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|dismissed|rejected|refuted|disputed)\s+(?:it|this|that|the\s+"
    r"(?:claims?|reports?|announcement|assertion))\b|" + PROVED_FALSE, re.IGNORECASE)
_REPORTING = re.compile(
    r"\b(?:said|says|announced|announces|declared|declares|reported|confirmed|stated|"
    r"statement|told)\b", re.IGNORECASE)
_TURKISH = re.compile(r"\b(?:Turkey|Turkish|Ankara|Euphrates Shield|Olive Branch|Peace Spring)\b")


def _substring_gate(words: tuple[str, ...], pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """``pattern.search`` behind a test that one of ``words`` occurs (the regex needs one).

    ``in`` finds a literal in C at memory speed; the regex engine tries an alternation at
    every position. ``words`` must be substrings of every match, so the answer is the same.
    """

    def search(text: str) -> bool:
        return any(word in text for word in words) and pattern.search(text) is not None

    return search


def _caseless_gate(words: tuple[str, ...], pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """Like :func:`_substring_gate` for an IGNORECASE ``pattern``: ``words`` in lower case.

    A text with one of the four letters IGNORECASE also folds to ASCII ("ſ", "K", "İ", "ı")
    goes to the regex alone, so the answer is the same.
    """

    def search(text: str) -> bool:
        if FOLDS_TO_ASCII.search(text) is None:
            low = text.lower()
            if not any(word in low for word in words):
                return False
        return pattern.search(text) is not None

    return search


names_turkey = _substring_gate(
    ("Turk", "Ankara", "Euphrates Shield", "Olive Branch", "Peace Spring"), _TURKISH)
# OBSERVATION_WORDS: held|controlled|control\s+of|occup|holds?\b|\bhands\b (case-sensitive)
may_observe = _substring_gate(("held", "control", "occup", "hold", "hands"), OBSERVATION_WORDS)
# DENIAL_WORDS: denied|denies|deny|denying|dismissed|rejected|refuted|premature|false|untrue|
# baseless|unfounded (IGNORECASE)
may_deny = _caseless_gate(("den", "dismissed", "rejected", "refuted", "premature", "false",
                           "untrue", "baseless", "unfounded"), DENIAL_WORDS)
# "ousted IS from X": the side expelled comes between the cue and the place.
_SIDE_FROM = re.compile(r"^\s*(?:[\w'’().-]+\s+){1,4}?(?:from|out\s+of)\s+",
                        re.IGNORECASE)
_OWNED_PLACE = re.compile(r"\s+(?:town|city|village|stronghold|bastion|enclave|pocket|"
                          r"territory|areas?|districts?|neighbou?rhoods?)\b", re.IGNORECASE)
# The subject of a passive is a relative pronoun, or stands before a relative clause.
# "X which was captured": the comma may be left out before "which" (not before "that").
_RELATIVE_SUBJECT = re.compile(r",\s*(?:which|that)\s+$|\s(?:which)\s+$|"
                               r",\s*(?:which|that)\b[^,;:]{1,90},\s*$", re.IGNORECASE)
# What may stand between a place and the date right after it: "X on 13 November", "X, in May".
_DATE_GAP = re.compile(r"\s*,?\s*(?:(?:on|in|during|over|at|around|by)\s+)?(?:the\s+)?",
                       re.IGNORECASE)
# A noun cue in a phrase of time opening the sentence: "After the capture of", "In May,
# shortly after the seizure of".
_AFTER_NOUN = re.compile(r"(?:^|,\s*)(?:(?:shortly|soon|just|days?|weeks?|two|three)\s+)?"
                         r"(?:after|following)\s+$", re.IGNORECASE)
# What follows the subject of a main clause in the active: "ISIL conducted", "the army then
# began", "YPG fighters were carrying out"; not "were bombed by".
_ACTIVE_VERB = re.compile(
    r"\s+(?:(?:then|also|quickly|soon|later|immediately|\w+ly)\s+)?(?:(?:was|were)\s+\w+ing\b|"
    r"(?:took|began|went|set|made|fought|won|drove|overran|swept|struck|seized)\b|"
    r"[a-z]+ed\b(?!\s+by\b))")

# "After the capture of X, the army launched a counter-offensive": its subject had lost X.
_TAKE_BACK = re.compile(
    r"\b(?:retak|recaptur|regain|counter|(?:take|win)\s+(?:\w+\s+)?back|lost\b)", re.IGNORECASE)


def _main_subject(text: str, sides: list[FactionMention], pos: int, limit: int
                  ) -> FactionMention | None:
    """The side opening the main clause after ``pos`` (", rebels captured..."), if active."""
    for side in sides:
        gap = text[pos : side.start]
        if pos <= side.start < limit and re.search(r",\s*(?:the\s+)?$", gap) and ";" not in gap:
            if _ACTIVE_VERB.match(text, side.end) and not _TAKE_BACK.search(text, side.end,
                                                                            limit):
                return side
            return None
    return None


PARTIAL_KINDS = frozenset({"partial", "siege"})
_NON_STATEMENT = re.compile(r"\?\s*[\"”’']*\s*$")


class _LazyDates:
    """The dates of a sentence, found only when a change in it needs one."""

    def __init__(self, text: str, published: date | None) -> None:
        self._text = text
        self._published = published
        self._found: list[DateRef] | None = None

    def get(self) -> list[DateRef]:
        if self._found is None:
            self._found = find_dates(self._text, self._published)
        return self._found


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


def _province_capital(ctx: DocContext, mention: Mention) -> bool:
    place = ctx.gazetteer.get(mention.place_id) if mention.place_id else None
    return place is not None and place.admin1.lower() in (
        place.name.lower(), mention.surface.lower())


def sentence_events(ctx: DocContext, sentence: Sentence,
                    cues: list[tuple[Cue, re.Match[str]]]) -> list[Draft]:
    """The changes ``cues`` (:func:`geo.cues.find_cues` of the sentence) report, as drafts.

    Updates ``ctx`` as it goes (the latest event's place and date, the places with an event),
    which later sentences of the document read.
    """
    text = sentence.text
    if not cues or _NON_STATEMENT.search(text):
        return []
    places = sentence_mentions(ctx, sentence)
    sides = ctx.factions.get(sentence.index, [])
    dates = _LazyDates(text, ctx.doc.published)
    drafts: list[Draft] = []
    subject_of_previous: FactionMention | None = None
    sides_here = ctx.factions.get(sentence.index, [])
    cues = [(c, m) for c, m in cues
            if not any(f.start <= m.start() < f.end for f in sides_here)]
    # "declared Fallujah fully liberated": the participle belongs to the declaration
    cues = [(c, m) for i, (c, m) in enumerate(cues)
            if not (i and cues[i - 1][0].entry.name in ("declare_freed", "say_freed")
                    and m.start() - cues[i - 1][1].end() < 60)]
    for i, (cue, m) in enumerate(cues):
        lo = cues[i - 1][1].end() if i else 0
        hi = cues[i + 1][1].start() if i + 1 < len(cues) else len(text)
        if cue.entry.since and text[m.start() - 1 : m.start()] in ("-", "–"):
            continue  # "the IS-held town": a state in passing, an observation
        if rejected(text, m, lo, cue.role):
            subject_of_previous = None
            continue
        draft, subject = _one_cue(ctx, sentence, cue, m, lo, hi, places, sides, dates,
                                  subject_of_previous)
        subject_of_previous = subject
        if draft is not None:
            drafts.append(draft)
            drafts.extend(replace(draft, place=other)
                          for other in coordinated(text, sentence, draft.place, places, hi))
            ctx.last_event = (sentence.index, draft.place)
            if draft.when is not None:
                ctx.last_when = draft.when
            if draft.place.place_id:
                ctx.event_places.add(draft.place.place_id)
    return drafts


def _one_cue(
    ctx: DocContext,
    sentence: Sentence,
    cue: Cue,
    m: re.Match[str],
    lo: int,
    hi: int,
    places: list[PlaceSpan],
    sides: list[FactionMention],
    dates: _LazyDates,
    inherited: FactionMention | None,
) -> tuple[Draft | None, FactionMention | None]:
    text = sentence.text
    role = cue.role
    kind = cue.kind

    # --- where
    place: Mention | None = None
    gap = ""
    place_end = m.end()
    if role == "passive":
        before = [p for p in places if p[1] <= m.start() and p[0] >= clause_start(
            text, m.start(), lo)]
        relative = None if before else _RELATIVE_SUBJECT.search(
            text, max(0, m.start() - 120), m.start())
        if relative is not None:
            # "X, which was captured ...", "X, which IS had held, was retaken": X
            named = [p for p in places if p[1] <= relative.start()
                     and not text[p[1] : relative.start()].strip()]
            before = named[-1:]
        if before:
            place, place_end = before[-1][2], before[-1][1]
        elif ANAPHOR.search(text[max(lo, m.start() - 50) : m.start()]) or re.search(
                r"\bit\s+(?:(?:has|had)\s+)?$", text[max(lo, m.start() - 12) : m.start()],
                re.IGNORECASE):
            place = antecedent(ctx, sentence, m.start(), places)
    else:
        found, gap = object_place(text, m.end(), hi, places, cue.strict, cue.around,
                                  FROM if role == "lose_from" else (
                                      _SIDE_FROM if cue.entry.expels else None),
                                  lambda mention: _province_capital(ctx, mention))
        relative = RELATIVE.search(text[: m.start()]) if role == "gain" else None
        if found is not None:
            place, place_end = found[2], found[1]
        elif relative is not None and re.match(
                r"\s*(?:[,.;]|$|in\s|on\s|last\s|from\s|(?:ever\s+)?since\s)", text[m.end() :]):
            named = [p for p in places if p[1] <= relative.start()
                     and not text[p[1] : relative.start()].strip(" ,")]
            if named:
                place, place_end = named[-1][2], m.end()
        else:
            if refers_back(text, cue, m, lo, hi):
                place = antecedent(ctx, sentence, m.start(), places)
    if place is None or place.place_id is None:
        return None, subject_side(ctx, sentence, text, sides, m, lo, inherited)
    if role == "gain" and not cue.around and not cue.entry.expels and any(
            m.end() <= f.start and len(text[m.end() : f.start].split()) <= 3
            and f.start < place.start - sentence.start
            and re.search(r"(?:soldiers|troops|fighters|militants|forces|militiamen|members|"
                          r"jihadists|rebels|terrorists)$", f.surface, re.IGNORECASE)
            for f in sides):
        return None, subject_side(ctx, sentence, text, sides, m, lo, inherited)
    country = place_country(ctx, place)
    place_start = place.start - sentence.start
    part = POSSESSIVE_PART.match(text, place_end + 2) if re.match(
        r"['’]s\b", text[place_end : place_end + 2]) else None
    if part is not None:
        place_end = part.end()  # "al-Bab's southern districts to the army"
    if kind in ("capture", "recapture") and (PARTIAL_GAP.search(gap) or part is not None):
        kind = "partial"

    # --- who
    subject = subject_side(ctx, sentence, text, sides, m, lo, inherited)
    gainer: str | None = None
    loser: str | None = None
    explicit = False
    after_limit = hi

    def res(side: FactionMention | None) -> str | None:
        return resolve(ctx, sentence.index, side, country) if side is not None else None

    if role in ("gain", "noun"):
        gainer = res(subject)
        if gainer is not None and subject is not None:
            gainer = subject_phrase_side(text, subject, m.start(), gainer)
        if role == "noun":
            by = first_side_after(text, sides, place_end, after_limit, "by")
            if by is not None:
                gainer = res(by)
            to = first_side_after(text, sides, place_end, after_limit, "to", anchored=True)
            if re.search(r"\bfall\b", m.group(0), re.IGNORECASE):  # "the fall of X to Y"
                gainer = res(to) if to is not None else None
            elif by is None and gainer is None and _AFTER_NOUN.search(text, lo, m.start()):
                # "After the capture of X, rebels moved on Y": the main clause's subject took it
                main = _main_subject(text, sides, place_end, after_limit)
                gainer = res(main) if main is not None else None
        loser_side = first_side_after(text, sides, m.end(), after_limit, "from|of")
        if loser_side is None and kind == "siege_broken":
            inner = [s for s in sides if m.start() < s.start and s.end <= m.end()]
            loser_side = inner[0] if inner else None
        elif loser_side is None and cue.entry.expels:
            until = place_start if place_start > m.end() else m.end()
            between = [s for s in sides if m.start() < s.start and s.end <= until]
            loser_side = between[0] if between else None
        loser = res(loser_side)
        if loser == gainer and loser_side is not None and loser_side.reference:
            loser = None  # "the SDF drove the militants out": the militants are someone else
        held = re.search(r"([\w'’-]+)-(?:held|controlled)", m.group(0) + gap) or re.search(
            r"held\s+by\s+([\w'’ -]+)", gap)
        if loser is None and held:
            held_sides = find_factions(held.group(1))
            loser = res(held_sides[0]) if held_sides else None
        if loser is None:  # "entered the rebel town of X"
            owner = next((f for f in sides if m.end() <= f.start < place_start
                          and _OWNED_PLACE.match(text, f.end)), None)
            loser = res(owner) if owner is not None and res(owner) != gainer else None
        if loser is None and cue.entry.needs_loser:
            return None, subject  # "cleared the town of mines": clearing names whom it expels
        explicit = gainer is not None
    elif role in ("lose", "noun_loss", "lose_from"):
        loser = res(subject)
        to = first_side_after(text, sides, place_end, after_limit, "to|by", anchored=True)
        if to is None:  # "lost X on 13 November to Y": the date comes between
            when_between = next((d for d in dates.get() if d.start >= place_end and
                                 _DATE_GAP.fullmatch(text, place_end, d.start)), None)
            if when_between is not None:
                to = first_side_after(text, sides, when_between.end, after_limit, "to|by",
                                      anchored=True)
        gainer = res(to)
        explicit = gainer is not None
    elif role == "passive":
        # "was cleared of IS by the army": "of" names the side expelled
        words = "by|to" if cue.entry.expels else "by|to|of"
        by = first_side_after(text, sides, m.end(), after_limit, words, anchored=True)
        if by is None and re.search(r"(?:to|of|under)$", m.group(0), re.IGNORECASE):
            by = next((s for s in sides if s.start >= m.end() and re.fullmatch(
                r"\s*(?:the\s+)?", text[m.end() : s.start])), None)
        gainer = res(by)
        loser_side = first_side_after(text, sides, m.end(), after_limit,
                                      "from|of" if cue.entry.expels else "from")
        loser = res(loser_side)
        explicit = gainer is not None
        if m.group(0).lower().startswith(("fell", "fall")) and gainer is None:
            return None, subject
        if loser is None and cue.entry.needs_loser:
            return None, subject  # "was cleared of mines"

    if role in ("noun", "noun_loss") and not explicit and loser is None and any(
            d == place.place_id for d in ctx.event_places):
        return None, subject
    confidence = cue.confidence
    if gainer is None:
        gainer = fallback_side(ctx, sentence, text, sides, loser, country)
        confidence = min(confidence, 0.5)
    if gainer is None or gainer == loser or gainer not in FACTIONS:
        return None, subject
    if not country_allows(gainer, country):
        return None, subject
    if loser is not None and not country_allows(loser, country):
        loser = None
    gainer = turkish_context(ctx, place, gainer)
    if loser is not None:
        loser = turkish_context(ctx, place, loser)

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
            speaker = nearest_side_before(text, sides, report.start(), 0, speaker=True)
            if speaker is not None and res(speaker) == gainer:
                kind = "claim"
                confidence = min(confidence, 0.6)
    following = ctx.sentences[sentence.index + 1].text[:100] if sentence.index + 1 < len(
        ctx.sentences) else ""
    denied = bool(_DENIAL.search(text[m.end() :]) or _DENIAL.search(following))
    if denied:
        kind = "claim"  # contradicted: a claim, with the lowest confidence
        confidence = min(confidence, 0.35)

    date_lo = lo
    sub_floor = lo
    for brk in MODAL_BREAK.finditer(text, lo, m.start()):
        sub_floor = brk.end()
    last_sub: re.Match[str] | None = None
    for sub in _SUBORDINATE.finditer(text, sub_floor, m.start()):
        date_lo = sub.start()
        last_sub = sub
    if last_sub is not None and last_sub.group(0).lower() == "when":
        # "on 29 June, when troops retook X": the date right before "when" is the change's
        right_before = [d for d in dates.get() if lo <= d.start and d.end <= date_lo
                        and not text[d.end : date_lo].strip(" ,")]
        if right_before:
            date_lo = right_before[-1].start
    if cue.entry.since:  # "held X since 2014": held from then on
        when = next((d for d in dates.get() if d.since and d.start >= m.end()), None)
        if when is None:
            return None, subject
    else:
        when = _pick_date(text, dates.get(), m.start(), m.end(), date_lo, hi)
    later = when.later_days if when is not None else None
    if when is not None and later is not None:  # "the next day"
        if ctx.last_when is None:
            when = None
        else:
            when = replace(when, date=ctx.last_when.date + timedelta(days=later),
                           precision=ctx.last_when.precision)
    return Draft(place, gainer, loser, kind, confidence, when, sentence, explicit,
                 denied), subject

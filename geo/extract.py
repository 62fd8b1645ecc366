"""Control-change events and observations from articles: who took which place from whom, and when.

The extractor reads each document sentence by sentence (:func:`geo.text.split_sentences`), finds
the place mentions with the gazetteer (:meth:`geo.gazetteer.Gazetteer.find`), the sides with
:func:`geo.factions.find_factions` and the dates with :func:`geo.dates.find_dates`, and looks
for *cues*: words that say a place changed hands.

Cues
    One table, :data:`geo.cues.CUE_TABLE`, lists every cue with its written forms and what it
    says (capture, recapture, partial, siege, siege_broken, withdrawal, claim) and generates
    every matcher. Kinds of wording: active verbs (captured, seized, took, retook, liberated,
    overran, entered, stormed into), "took/regained control of", expulsions ("drove X out of",
    "ousted X from"), losses ("lost X to Y", "handed over"), passives ("was captured by", "fell
    to"), nouns ("the capture of X by Y", "its loss of"), sieges (laid siege to, encircled,
    broke the siege), state media ("restored security and stability to"), flags raised over X,
    "declared victory in X", "now hold X", "X changed hands ..., remaining under Y control" and
    states since a date ("which IS had held since 2014": a capture dated then).
    A statement by the gaining side ("the army said it had captured", "claimed to have
    captured", "the announcement that ...") is kind ``claim`` with a lower confidence; a denial
    after it ("the rebels denied it", "proved premature"), in the sentence or the next, makes it
    a contradicted claim (confidence 0.35, ``contradicted_by`` its own document). A denial in
    another document (:mod:`geo.denials`) contradicts it too, after the per-document part
    (:func:`geo.merge.apply_denials`, in :func:`combine_results`).

Not events
    Negated ("have not taken"), hypothetical or future ("if IS manages to control", "will
    head to X next to oust", "would leave it with only"), purposes and attempts ("trying to
    capture", "close to capturing", "an offensive to capture", "aims to surround", "had not
    started yet"), questions, background in a "since" clause, participles used as adjectives
    ("the besieged city", "Besieged by IS since 2015, ..."), and a place that is only a point
    of reference ("a town near X", "hilltops overlooking X", "the outskirts of X", "X
    province", "the last stronghold in Homs", rivers, "Governor of X", "Liwa X"), the place of
    a dateline ("DOHUK, Iraq (Reuters) -"), goals ("taking X is a priority") and counts of
    unnamed villages. Shelling, air strikes, assassinations and diplomacy have no cue.

Who
    The gaining side is the subject of an active cue (the nearest side before it that is not
    the object of a preposition; "it", "they" resolve to the nearest side named before them,
    then to the previous sentences), or the side after "by"/"to" of a passive one; "After
    taking X, SDF fighters ..." takes the main clause's subject. The subject is read through
    its noun phrase (:mod:`geo.agents`): "units of the FSA" is the FSA, "a coalition led by
    X" is X, "the Turkish army and its rebel allies" is the Turkish side, rebels "backed by
    Turkey" are Turkish-backed, "our forces" in a quote is the speaker's side, and a side that
    only qualifies a noun ("rebel positions", "army sources") does not act. The losing side follows
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
    person as the object ("captured soldiers in X"). "several towns including X, Y and Z" and
    lists with modifiers ("X near the border, Y in the north of Raqqa, and Z") give one event
    per place. A cue with no place of its own in a dateline's sentence ("KHANASER, Syria -
    troops said they now hold the town") takes the dateline's place.

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
    "since" or "until" bounds a period and is not used (except by "held since"); "the next
    day", "two days later" count from the change told before. A date in a clause after "came
    after" belongs to that clause. With none, the publication date with
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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from geo.agents import (
    fallback_side,
    first_side_after,
    nearest_side_before,
    subject_phrase_side,
    subject_side,
    turkish_context,
)
from geo.cues import MODAL_BREAK, Cue, find_cues, rejected
from geo.dates import DateRef, find_dates
from geo.denials import DENIAL_WORDS, sentence_denials
from geo.doccontext import DocContext, Draft, GazetteerLike, LazySides, place_country, resolve
from geo.errors import EventsFileError, Problem
from geo.factions import FACTIONS, FactionMention, country_allows, find_factions
from geo.io import atomic_write_text, check_writable, csv_text, csv_value
from geo.merge import (  # noqa: F401 - merge_events and its constants are re-exported
    MERGE_KM,
    PRECISION_DAYS,
    apply_denials,
    fill_previous,
    merge_events,
    refine_dates,
)
from geo.models import (
    DATE_YEARS,
    EVENT_KINDS,
    Denial,
    Document,
    Event,
    Mention,
    Observation,
    join_ids,
    split_ids,
)
from geo.observations import OBSERVATION_WORDS, sentence_observations
from geo.text import Sentence, split_sentences
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
    dateline,
    object_place,
    refers_back,
    sentence_mentions,
)

__all__ = [
    "EVENT_COLUMNS",
    "ExtractionResult",
    "GazetteerLike",
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
    "contradicted_by",
)


@dataclass(frozen=True)
class ExtractionResult:
    """What :func:`extract_events` found.

    Attributes:
        events: One event per report (not merged; see :func:`merge_events`).
        observations: Statements in passing of who holds a place on the publication date.
        problems: Documents without a usable sentence, place or date, and unresolved places.
        denials: Reports that a change did not happen (:mod:`geo.denials`).
    """

    events: list[Event] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    denials: list[Denial] = field(default_factory=list)


# ---------------------------------------------------------------------------- context words

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
    r"(?:claims?|reports?|announcement|assertion))\b|\b(?:proved|proven|turned\s+out|was\s+shown)"
    r"\s+(?:to\s+(?:be|have\s+been)\s+)?(?:premature|false|untrue|wrong|unfounded|baseless)|\b(?:was|were|is)\s+(?:later\s+)?(?:denied|refuted)\b",
    re.IGNORECASE)
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


_names_turkey = _substring_gate(
    ("Turk", "Ankara", "Euphrates Shield", "Olive Branch", "Peace Spring"), _TURKISH)
# OBSERVATION_WORDS: held|controlled|control\s+of|occup|holds?\b|\bhands\b (case-sensitive)
_may_observe = _substring_gate(("held", "control", "occup", "hold", "hands"), OBSERVATION_WORDS)
# "ousted IS from X": the side expelled comes between the cue and the place.
_SIDE_FROM = re.compile(r"^\s*(?:[\w'’().-]+\s+){1,4}?(?:from|out\s+of)\s+",
                        re.IGNORECASE)
_OWNED_PLACE = re.compile(r"\s+(?:town|city|village|stronghold|bastion|enclave|pocket|"
                          r"territory|areas?|districts?|neighbou?rhoods?)\b", re.IGNORECASE)
# The subject of a passive is a relative pronoun, or stands before a relative clause.
_RELATIVE_SUBJECT = re.compile(r",\s*(?:which|that)\s+$|,\s*(?:which|that)\b[^,;:]{1,90},\s*$",
                               re.IGNORECASE)
_PARTIAL_KINDS = frozenset({"partial", "siege"})
_NON_STATEMENT = re.compile(r"\?\s*[\"”’']*\s*$")


#: Columns an events file written before they existed may lack.
_OPTIONAL = frozenset({"contradicted_by"})


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


def _sentence_events(ctx: DocContext, sentence: Sentence,
                     cues: list[tuple[Cue, re.Match[str]]]) -> list[Draft]:
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


# -------------------------------------------------------------------------------- driver


def _context(doc: Document, gazetteer: GazetteerLike) -> DocContext:
    sentences = split_sentences(doc.text)
    mentions: dict[int, list[Mention]] = {}
    for mention in gazetteer.find(doc.text, doc.id, doc.country):
        mentions.setdefault(mention.sentence_index, []).append(mention)
    ctx = DocContext(doc, sentences, mentions, LazySides(sentences),
                     _names_turkey(doc.text), gazetteer)
    for sentence in sentences[:3]:
        ctx.dateline = dateline(sentence.text, mentions.get(sentence.index, []), sentence.start)
        if ctx.dateline is not None:
            break
    return ctx


def _province_capital(ctx: DocContext, mention: Mention) -> bool:
    place = ctx.gazetteer.get(mention.place_id) if mention.place_id else None
    return place is not None and place.admin1.lower() in (
        place.name.lower(), mention.surface.lower())


def _event_id(doc_id: str, sentence_index: int, place_id: str, controller: str) -> str:
    key = f"{doc_id}\x1f{sentence_index}\x1f{place_id}\x1f{controller}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _document_events(
    ctx: DocContext,
) -> tuple[list[Event], list[Observation], list[Problem], list[Denial]]:
    doc = ctx.doc
    problems: list[Problem] = []
    drafts: list[Draft] = []
    observations: list[Observation] = []
    denials: list[Denial] = []
    for sentence in ctx.sentences:
        cues = find_cues(sentence.text)
        drafts.extend(_sentence_events(ctx, sentence, cues))
        if DENIAL_WORDS.search(sentence.text):
            denials.extend(sentence_denials(ctx, sentence))
        if _may_observe(sentence.text):
            spans = [(m.start(), m.end()) for _c, m in cues]
            observations.extend(sentence_observations(ctx, sentence, spans))
    # A repeat of a change the document dates elsewhere takes that date.
    dated: dict[tuple[str, str], list[Draft]] = {}
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
            # "rolled into X, and took control of the town": the full change wins.
            k = next(i for i, e in enumerate(events) if e.event_id == event_id)
            if events[k].kind in _PARTIAL_KINDS and d.kind in ("capture", "recapture"):
                events[k] = replace(events[k], kind=d.kind,  # type: ignore[arg-type]
                                    confidence=max(events[k].confidence, round(d.confidence, 2)))
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
            contradicted_by=(doc.id,) if d.denied else (),
        ))
    return events, observations, problems, denials


def _document_problems(ctx: DocContext) -> list[Problem]:
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
    events, observations, trouble, denials = _document_events(ctx)
    problems.extend(trouble)
    return ExtractionResult(events, observations, problems, denials)


def combine_results(results: Iterable[ExtractionResult]) -> ExtractionResult:
    """Concatenate per-document results (in document order) and run the cross-document steps."""
    events: list[Event] = []
    observations: list[Observation] = []
    problems: list[Problem] = []
    denials: list[Denial] = []
    for result in results:
        events.extend(result.events)
        observations.extend(result.observations)
        problems.extend(result.problems)
        denials.extend(result.denials)
    events = refine_dates(events)
    events = fill_previous(events)
    events = apply_denials(events, denials)
    return ExtractionResult(events, observations, problems, denials)


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
        "contradicted_by": join_ids(event.contradicted_by),
    }


def events_to_csv(events: Iterable[Event]) -> str:
    """The events as CSV text with the :data:`EVENT_COLUMNS` header (cells through ``csv_cell``)."""
    rows = (_row(event) for event in events)
    return csv_text([EVENT_COLUMNS, *([row[c] for c in EVENT_COLUMNS] for row in rows)])


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
    if not DATE_YEARS[0] <= day.year <= DATE_YEARS[1]:
        raise fail("date", f"out of range (years {DATE_YEARS[0]} to {DATE_YEARS[1]}): "
                           f"{text('date')}")
    precision = text("date_precision")
    if precision not in PRECISION_DAYS:
        raise fail("date_precision",
                   f"unknown precision {precision!r} (expected day, week, month or year)")
    coords: list[float | None] = []
    for column, limit in (("lat", 90.0), ("lon", 180.0)):
        raw = text(column)
        if not raw:
            coords.append(None)
            continue
        try:
            value = float(raw)
        except ValueError:
            raise fail(column, f"not a number: {raw!r}") from None
        if not -limit <= value <= limit:  # also false for nan
            raise fail(column, f"out of range [{-limit:g}, {limit:g}]: {raw}")
        coords.append(value)
    if (coords[0] is None) != (coords[1] is None):
        missing = "lat" if coords[0] is None else "lon"
        raise fail(missing, "missing while the other coordinate is given")
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
    doc_ids = split_ids(text("doc_id"))
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
        contradicted_by=split_ids(text("contradicted_by")),
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
            missing = [c for c in EVENT_COLUMNS if c not in item and c not in _OPTIONAL]
            if missing:
                raise EventsFileError(f"{path}:{n}: missing column {missing[0]!r}")
            rows.append((f"{path}:{n}", item))
    else:
        reader = csv.DictReader(io.StringIO(raw, newline=""))
        header = reader.fieldnames or []
        missing = [c for c in EVENT_COLUMNS if c not in header and c not in _OPTIONAL]
        if missing:
            raise EventsFileError(f"{path}: missing column {missing[0]!r}")
        for record in reader:
            line = reader.line_num
            rows.append((f"{path}:{line}", {k: csv_value(v) if isinstance(v, str) else v
                                            for k, v in record.items()}))
    return [_parse_event(row, where) for where, row in rows]


def report_lines(problems: Iterable[Problem]) -> str:
    """Problems as text, one a line (the ``--report`` file)."""
    return "".join(f"{p}\n" for p in problems)



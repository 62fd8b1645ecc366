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

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from geo.changes import PARTIAL_KINDS, may_deny, may_observe, names_turkey, sentence_events
from geo.cues import find_cues
from geo.denials import sentence_denials
from geo.doccontext import DocContext, Draft, GazetteerLike, LazySides
from geo.errors import Problem
from geo.events_file import (  # noqa: F401 - the files' functions are re-exported
    EVENT_COLUMNS,
    events_to_csv,
    events_to_json,
    read_events,
    report_lines,
    write_events,
)
from geo.merge import (  # noqa: F401 - merge_events and its constants are re-exported
    MERGE_KM,
    PRECISION_DAYS,
    apply_denials,
    fill_previous,
    merge_events,
    refine_dates,
)
from geo.models import Denial, Document, Event, Mention, Observation
from geo.observations import sentence_observations
from geo.text import split_sentences
from geo.where import dateline

__all__ = [
    "EVENT_COLUMNS",
    "ExtractionResult",
    "GazetteerLike",
    "extract_events",
    "merge_events",
    "read_events",
    "write_events",
]


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


# -------------------------------------------------------------------------------- driver


def _context(doc: Document, gazetteer: GazetteerLike) -> DocContext:
    sentences = split_sentences(doc.text)
    mentions: dict[int, list[Mention]] = {}
    for mention in gazetteer.find(doc.text, doc.id, doc.country):
        mentions.setdefault(mention.sentence_index, []).append(mention)
    ctx = DocContext(doc, sentences, mentions, LazySides(sentences),
                     names_turkey(doc.text), gazetteer)
    for sentence in sentences[:3]:
        ctx.dateline = dateline(sentence.text, mentions.get(sentence.index, []), sentence.start)
        if ctx.dateline is not None:
            break
    return ctx


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
        drafts.extend(sentence_events(ctx, sentence, cues))
        if may_deny(sentence.text):
            denials.extend(sentence_denials(ctx, sentence))
        if may_observe(sentence.text):
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
            if events[k].kind in PARTIAL_KINDS and d.kind in ("capture", "recapture"):
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

"""The whole pipeline as one library call: articles to documents, events, and control over time.

The CLI commands that need more than one stage (``control``, ``map``, ``slider``, ``stats``,
``build``) go through :func:`load_corpus` so they all read the same corpus the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from geo.errors import Problem
from geo.models import Document, Event, Observation

if TYPE_CHECKING:
    from geo.gazetteer import Gazetteer
    from geo.history import TerritoryEnd
    from geo.timeline import Timeline


@dataclass
class Corpus:
    """Documents read from a set of paths, with everything derived from them.

    Attributes:
        documents: Every document read, dated or not.
        problems: Every problem met on the way (unreadable files, undated documents,
            unresolved places...), in the order met.
        gazetteer: The gazetteer used to find places.
        events: Control-change events, merged across documents.
        observations: Statements in passing of who holds a place.
        history: The shipped history's events (:mod:`geo.history`), beneath the user's; empty
            with ``history=False``.
        ends: The history's ends of a side's territory (:func:`geo.history.load_ends`); empty
            with ``history=False``.
        starts: The history's starts of a side's territory (:func:`geo.history.load_starts`);
            empty with ``history=False``.
    """

    documents: list[Document]
    problems: list[Problem]
    gazetteer: Gazetteer
    events: list[Event] = field(default_factory=list)
    observations: list[Observation] = field(default_factory=list)
    history: list[Event] = field(default_factory=list)
    ends: list[TerritoryEnd] = field(default_factory=list)
    starts: list[TerritoryEnd] = field(default_factory=list)

    @cached_property
    def timeline(self) -> Timeline:
        """Control of every gazetteer place over time.

        From the shipped baseline, the history and the events (the user's win over the
        history's, :func:`geo.history.with_history`).
        """
        from geo.history import with_history
        from geo.timeline import Timeline

        events = with_history(self.events, self.history) if self.history else self.events
        return Timeline.build(self.gazetteer, events, self.observations, ends=self.ends,
                              starts=self.starts)

    def document(self, doc_id: str) -> Document | None:
        """Return the document with id ``doc_id``, or ``None``."""
        return next((d for d in self.documents if d.id == doc_id), None)


def load_corpus(
    paths: Sequence[Path | str],
    *,
    manifest: Path | None = None,
    events_file: Path | None = None,
    gazetteer: Gazetteer | None = None,
    history: bool = True,
    jobs: int | None = 1,
) -> Corpus:
    """Read articles and extract their events (or take reviewed events from a file).

    Args:
        paths: Article files and directories.
        manifest: A manifest CSV overriding dates, outlets, urls and titles.
        events_file: A reviewed events file (``geo extract`` output) used instead of extracting.
        gazetteer: The gazetteer; the shipped ``data/gazetteer.csv`` when ``None``.
        history: Load the shipped history (``data/history/``) beneath the articles.
        jobs: Worker processes for extraction (``None``: every core); any number gives the
            same corpus.

    Returns:
        The corpus; problems are collected in ``Corpus.problems``, never raised, except that a
        malformed ``events_file`` raises :class:`geo.errors.EventsFileError`.
    """
    from geo.articles import load_documents
    from geo.extract import extract_events, merge_events, read_events
    from geo.gazetteer import Gazetteer

    documents, problems = load_documents(paths, manifest=manifest)
    gaz = gazetteer if gazetteer is not None else Gazetteer.load()
    corpus = Corpus(documents=documents, problems=list(problems), gazetteer=gaz)
    if history:
        from geo.history import load_ends, load_history, load_starts

        corpus.history, trouble = load_history(places=gaz.places)
        corpus.ends = load_ends()
        corpus.starts = load_starts()
        corpus.problems.extend(trouble)
    if events_file is not None:
        corpus.events = read_events(events_file)
        return corpus
    result = extract_events(documents, gaz, jobs=jobs)
    corpus.events = merge_events(result.events)
    corpus.observations = list(result.observations)
    corpus.problems.extend(result.problems)
    return corpus

"""The timeline's evidence: dated statements of who held a place, and how one of a date wins.

:class:`Evidence` is one statement (a snapshot row, a correction, an observation, an event or
area evidence derived from an event at a town); :func:`priority` orders the evidence of one place
and date (the first wins); :class:`Conflict` and :class:`Change` are what :mod:`geo.timeline`
reports. The rule that turns evidence into states is described in :mod:`geo.timeline`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from geo.baseline import State
from geo.factions import SIDES
from geo.models import EvidenceKind, Place, PlaceState

#: Anchoring radius by the kind of the place that changed hands, in km.
ANCHOR_RADIUS_KM: dict[str, float] = {"city": 12.0, "town": 6.0}
#: A state resting only on evidence further than this from the date asked is uncertain.
UNCERTAIN_DAYS = 180
#: Days within which a second report corroborates a claim.
CLAIM_WINDOW_DAYS = 7
#: Confidence given to evidence that carries none of its own.
KIND_CONFIDENCE: dict[str, float] = {"correction": 1.0, "snapshot": 0.8, "observation": 0.7}
#: Area evidence counts for this share of the anchoring event's confidence.
AREA_CONFIDENCE_FACTOR = 0.5
#: Kinds that neither anchor nor follow: a point does not stand for them.
UNANCHORED_KINDS: frozenset[str] = frozenset({"region", "river"})
#: Event kinds that change the side holding a place (and so may anchor).
CHANGE_KINDS = frozenset({"capture", "recapture", "withdrawal", "claim"})
#: Tie-break order of evidence kinds on one date, after confidence and documents.
KIND_ORDER = {"correction": 0, "event": 1, "observation": 2, "snapshot": 3, "area": 4}

#: The state of a place nothing is known of.
UNKNOWN: State = ("unknown", ())


class GazetteerLike(Protocol):
    """What the timeline needs of a :class:`geo.gazetteer.Gazetteer`: its places by id."""

    @property
    def places(self) -> Mapping[str, Place]:
        """Place id to place."""
        ...


@dataclass(frozen=True)
class Evidence:
    """One dated statement of who held a place.

    Attributes:
        date: The date it describes.
        place_id: Gazetteer id.
        controller: Faction id, ``contested`` or ``unknown``.
        contested_with: The sides when contested.
        kind: ``snapshot``, ``correction``, ``observation``, ``event`` or ``area``.
        source: Snapshot name, document ids (``;``-separated) or the correction's source.
        sentence: The sentence behind it, when from an article.
        previous: The state just before it, when the evidence says so (events, corrections).
        confidence: 0 to 1.
        doc_ids: The independent documents behind it.
        event_kind: The event kind, for events and area evidence.
        event_id: The event behind it, for events and area evidence.
        order: Tie-breaker keeping the order evidence was given in.
    """

    date: date
    place_id: str
    controller: str
    contested_with: tuple[str, ...]
    kind: EvidenceKind
    source: str
    sentence: str = ""
    previous: State | None = None
    confidence: float = 1.0
    doc_ids: tuple[str, ...] = ()
    event_kind: str = ""
    event_id: str = ""
    order: int = 0

    @property
    def state(self) -> State:
        """``(controller, contested_with)``."""
        return (self.controller, self.contested_with)

    @property
    def backward(self) -> State:
        """The state this evidence implies before its date.

        An event (or a correction) gives the side it names as the loser; a snapshot or a
        correction without one gives its own state. An observation, or an event naming no loser,
        says nothing of the time before it: ``unknown`` (a battle seen in 2017 does not make the
        town contested in 2016).
        """
        if self.previous is not None:
            return self.previous
        return self.state if self.kind in ("snapshot", "correction") else UNKNOWN

    @property
    def sources(self) -> tuple[str, ...]:
        """Document ids, or the snapshot name / correction source."""
        return self.doc_ids or (self.source,)


@dataclass(frozen=True)
class Conflict:
    """Evidence that disagrees, and how it was resolved.

    Attributes:
        place_id: Gazetteer id.
        date: Date of the chosen evidence.
        kind: ``same_date`` (one date, several states), ``claim`` (an uncorroborated claim
            against a confirmed state, ignored), ``reported`` (events the extractor marked as
            contradicting each other) or ``correction`` (a snapshot row superseded).
        chosen: The evidence that decides.
        rejected: The evidence set aside.
        reason: Why, in words.
    """

    place_id: str
    date: date
    kind: str
    chosen: Evidence
    rejected: tuple[Evidence, ...]
    reason: str


@dataclass(frozen=True)
class Change:
    """A place changing hands (or becoming / ceasing to be contested).

    Attributes:
        place_id: Gazetteer id.
        date: The date of the change.
        before: The state the day before.
        after: The state from ``date``.
        evidence: Kind of the evidence behind ``after``.
        sources: Its documents (or snapshot / correction source).
    """

    place_id: str
    date: date
    before: PlaceState
    after: PlaceState
    evidence: EvidenceKind
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Segment:
    """A run of days from ``start`` on which one state holds, and the evidence setting it."""

    start: date
    state: State
    evidence: Evidence


def rank(kind: str) -> int:
    """Anchoring rank of a place kind: city 3, town 2, 0 for unanchored kinds, else 1."""
    return {"city": 3, "town": 2}.get(kind, 0 if kind in UNANCHORED_KINDS else 1)


def priority(e: Evidence) -> tuple[bool, float, int, int, int]:
    """Sort key: the first wins among evidence of one date (a place's own evidence first)."""
    return (e.kind == "area", -e.confidence, -len(set(e.sources)), KIND_ORDER.get(e.kind, 9),
            e.order)


def norm(state: State) -> State:
    """``state`` with its sides sorted, for comparing states."""
    return (state[0], tuple(sorted(state[1])))


def state_key(e: Evidence) -> State:
    """The normalised state of ``e`` (:func:`norm`)."""
    return norm(e.state)


def said(e: Evidence) -> str:
    """Evidence in words for a reader: ``government (event, doc-1)``."""
    state = e.controller if not e.contested_with else f"contested ({', '.join(e.contested_with)})"
    return f"{state} ({e.kind}, {e.source})"


def contested(*sides: str | None) -> State:
    """The contested state between the known ``sides`` (in order, without repeats)."""
    out: list[str] = []
    for side in sides:
        if side and side in SIDES and side not in out:
            out.append(side)
    return ("contested", tuple(out))

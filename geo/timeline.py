"""Who held every place of the gazetteer on any date, and why ``geo`` thinks so.

Evidence comes in dated forms (:class:`Evidence`):

* **snapshots**: a whole-map picture on one date (``data/snapshots/*.csv``, see its README);
* **corrections**: reviewed fixes to a snapshot, one source per row (``corrections.csv``);
* **observations**: a side named as holding a place in passing (:class:`geo.models.Observation`);
* **events**: changes of control extracted from articles (:class:`geo.models.Event`);
* **area**: derived from an event at a town for the places the town anchors (below).

The control rule, for a place on date ``D``:

1. **Latest evidence on or before D.** Its state holds until the next evidence of that place.
   An event applies from its date whatever its precision: an event of month precision (dated to
   the middle of its month by the extractor) applies from that day, not from the first of the
   month.
2. **Otherwise the earliest evidence after D, read backwards**: an event gives the state before it
   (its ``previous_controller``; when it names none, the state the other evidence gives just
   before it, or ``unknown`` when that is the side the event names), a snapshot gives its own
   state (what held on its date is taken to have held before it), a correction its
   ``previous_controller`` when it gives one, else its own state. An observation (or an event
   naming no loser) is not read backwards: a battle seen in 2017 does not make a town contested
   in 2016. So one snapshot serves dates before and after it.
3. **Corrections supersede snapshot rows**: a correction of a place dated on or before a
   snapshot (and after the snapshot before it) replaces that snapshot's row for the place, so a
   map mark known to lag behind events is fixed from the date the correction gives.
4. **Kinds of events.** ``capture``, ``recapture``, ``withdrawal`` and ``claim`` give the new side;
   ``partial`` and ``siege`` give ``contested`` with the sides (the holder first, then the
   attacker); ``siege_broken`` gives the relieved side (the event's controller, or its
   ``previous_controller`` when the controller is the side our record has besieging the place).
5. **Claims** never override a confirmed state (any evidence on or before their date that is not
   a claim) unless corroborated: reported by two documents, or matched by another report of the
   same side taking the place from a different document within :data:`CLAIM_WINDOW_DAYS` days.
   An ignored claim is listed in :attr:`Timeline.conflicts`. A claim that a report denies
   (``Event.contradicted_by``, the same document or another) is never applied.
6. **Same-date conflicts** (evidence of one place on one date naming different states) are
   resolved by confidence, then by the number of independent documents (a later date always wins
   before that, by rule 1); each is listed in :attr:`Timeline.conflicts`, as are the events the
   extractor marked as contradicting each other.
7. **Anchoring.** A capture, recapture, withdrawal or applied claim at a place of kind ``city`` or
   ``town`` also changes the places it anchors: every place of lower rank (a village, hill, base,
   airport...; towns too for a city) within :data:`ANCHOR_RADIUS_KM` (city 12 km, town 6 km;
   villages anchor nothing) gets ``area`` evidence on that date, provided it held the same side as
   the town just before the change (so a capture does not repaint the other side of a front line)
   or, having no evidence of its own before that date, its earliest later evidence names the new
   side. Area evidence never beats a place's own evidence of the same date, and a place's own later
   evidence takes over from its date (rule 1). A place across a big river from the town (the
   Euphrates with Lake Assad, or the Tigris: :data:`BARRIER_RIVERS` in
   ``data/boundaries/syria-region-rivers.geojson``) does not follow it: those rivers were front
   lines for years. Nor does a place in the other country: the Syria-Iraq border is a line no
   capture crosses by itself (al-Bukamal and Husaybah changed hands on different days).

**How sure.** A state read backwards (``backwards``), or resting on evidence more than
:data:`UNCERTAIN_DAYS` days from the date asked, is ``uncertain`` (:class:`PlaceState`); maps
draw it faded and hatched and ``geo stats`` counts it apart. :meth:`Timeline.outside_evidence`
warns of a date before the earliest or after the latest evidence loaded.

Limits: between two pieces of evidence a state is assumed to hold unchanged, so a place captured
and lost again with no report in between keeps the older state; a snapshot read backwards paints
the past with the present until an event says otherwise; anchoring is by distance only (a river
or a front line inside the radius is not seen beyond the same-side condition and the big
rivers).

The per-place evidence is compiled once into sorted start dates, so :meth:`Timeline.state_on` is a
binary search per place.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Protocol

from geo.anchoring import (  # noqa: F401 - re-exported
    BARRIER_RIVERS,
    Barriers,
    Grid,
    Line,
    load_barriers,
)
from geo.baseline import (  # noqa: F401 - re-exported: the timeline's inputs
    CONTROLLERS,
    CORRECTION_COLUMNS,
    SNAPSHOT_COLUMNS,
    Correction,
    Snapshot,
    State,
    load_baseline,
    load_corrections,
    load_snapshot,
    parse_sides,
)
from geo.errors import InputError, Problem, SnapshotError
from geo.factions import SIDES, country_allows
from geo.history import HISTORY_PREFIX
from geo.models import Event, EvidenceKind, Observation, Place, PlaceState

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
_CHANGE_KINDS = frozenset({"capture", "recapture", "withdrawal", "claim"})
_KIND_ORDER = {"correction": 0, "event": 1, "observation": 2, "snapshot": 3, "area": 4}

_UNKNOWN: State = ("unknown", ())


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
        return self.state if self.kind in ("snapshot", "correction") else _UNKNOWN

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
class _Segment:
    start: date
    state: State
    evidence: Evidence


def _rank(kind: str) -> int:
    return {"city": 3, "town": 2}.get(kind, 0 if kind in UNANCHORED_KINDS else 1)


def _priority(e: Evidence) -> tuple[bool, float, int, int, int]:
    """Sort key: the first wins among evidence of one date (a place's own evidence first)."""
    return (e.kind == "area", -e.confidence, -len(set(e.sources)), _KIND_ORDER.get(e.kind, 9),
            e.order)


def _norm(state: State) -> State:
    return (state[0], tuple(sorted(state[1])))


def _state_key(e: Evidence) -> State:
    return _norm(e.state)


def _said(e: Evidence) -> str:
    """Evidence in words for a reader: ``government (event, doc-1)``."""
    state = e.controller if not e.contested_with else f"contested ({', '.join(e.contested_with)})"
    return f"{state} ({e.kind}, {e.source})"


def _contested(*sides: str | None) -> State:
    out: list[str] = []
    for side in sides:
        if side and side in SIDES and side not in out:
            out.append(side)
    return ("contested", tuple(out))


@dataclass
class Timeline:
    """Control of every gazetteer place over time; build it with :meth:`build`.

    Attributes:
        places: Place id to place.
        conflicts: Every conflict met, with its resolution.
        problems: Events and observations that could not be placed (no gazetteer place).
        snapshots: The snapshots used.
    """

    places: Mapping[str, Place]
    conflicts: list[Conflict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)
    _evidence: dict[str, list[Evidence]] = field(default_factory=dict, repr=False)
    _starts: dict[str, list[date]] = field(default_factory=dict, repr=False)
    _segments: dict[str, list[_Segment]] = field(default_factory=dict, repr=False)
    _before: dict[str, _Segment] = field(default_factory=dict, repr=False)
    _event_dates: list[date] = field(default_factory=list, repr=False)
    _barriers: Barriers = field(default_factory=lambda: Barriers(()), repr=False)
    _not_applied: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls,
        gazetteer: GazetteerLike,
        events: Sequence[Event],
        observations: Sequence[Observation] = (),
        snapshots: Sequence[Snapshot] | Path | str | None = None,
        corrections: Sequence[Correction] | None = None,
        barriers: Sequence[Line] | None = None,
    ) -> Timeline:
        """Compile the evidence into a timeline for every place of ``gazetteer``.

        Args:
            gazetteer: Anything with ``places`` (id to :class:`Place`).
            events: Control-change events (merged or not).
            observations: Statements in passing of who holds a place.
            snapshots: ``None`` loads the shipped baseline ``data/snapshots/`` (snapshots and
                corrections); a directory loads that one; a sequence uses those snapshots.
            corrections: Corrections to use; by default those of the baseline directory (none
                when ``snapshots`` is a sequence).
            barriers: Lines (``(lon, lat)`` points) anchoring does not cross; by default the big
                rivers (:func:`load_barriers`).

        Raises:
            SnapshotError: A baseline file names an unknown place or faction, or a bad date.
        """
        places = gazetteer.places
        if snapshots is None or isinstance(snapshots, (str, Path)):
            try:
                loaded, shipped = load_baseline(snapshots, places)
            except SnapshotError as error:
                if snapshots is not None or "unknown place" not in str(error):
                    raise
                raise SnapshotError(
                    f"{error} (the shipped baseline does not match the gazetteer: rebuild it "
                    "with scripts/build_snapshot.py)"
                ) from None
            snaps = loaded
            fixes = list(corrections) if corrections is not None else shipped
        else:
            snaps = list(snapshots)
            fixes = list(corrections or ())
        timeline = cls(places=places, snapshots=snaps)
        lines = load_barriers() if barriers is None else barriers
        timeline._barriers = Barriers(lines)
        timeline._compile(events, observations, snaps, fixes)
        return timeline

    # -- building ---------------------------------------------------------------------------

    def _compile(
        self,
        events: Sequence[Event],
        observations: Sequence[Observation],
        snapshots: Sequence[Snapshot],
        corrections: Sequence[Correction],
    ) -> None:
        lists: dict[str, list[Evidence]] = defaultdict(list)
        order = 0
        fixes: dict[str, list[Evidence]] = defaultdict(list)
        for fix in corrections:
            if fix.place_id not in self.places:
                raise SnapshotError(f"{fix.line}: place_id: unknown place {fix.place_id!r}")
            order += 1
            fixed = Evidence(
                fix.date, fix.place_id, fix.controller, fix.contested_with, "correction",
                fix.source, sentence=fix.note, confidence=KIND_CONFIDENCE["correction"],
                previous=(fix.previous_controller, ()) if fix.previous_controller else None,
                order=order,
            )
            fixes[fix.place_id].append(fixed)
            lists[fix.place_id].append(fixed)
        snap_dates = sorted({s.date for s in snapshots})
        for snap in snapshots:
            k = snap_dates.index(snap.date)
            previous_snap = snap_dates[k - 1] if k else date.min
            for pid, (controller, sides) in snap.states.items():
                if pid not in self.places:
                    raise SnapshotError(
                        f"{snap.path or snap.name}: place_id: unknown place {pid!r}"
                    )
                order += 1
                row = Evidence(
                    snap.date, pid, controller, sides, "snapshot", snap.name,
                    confidence=KIND_CONFIDENCE["snapshot"], order=order,
                )
                superseding = [f for f in fixes.get(pid, ()) if previous_snap < f.date <= snap.date]
                if superseding:
                    chosen = max(superseding, key=lambda f: (f.date, f.order))
                    if _state_key(chosen) != _state_key(row):
                        self.conflicts.append(Conflict(
                            pid, chosen.date, "correction", chosen, (row,),
                            "a reviewed correction supersedes the snapshot row",
                        ))
                    continue
                lists[pid].append(row)
        for obs in observations:
            if not self._known(obs.place_id, obs.doc_id, obs.place, "observation"):
                continue
            if not self._allowed(obs.place_id, obs.controller, obs.doc_id, obs.place,
                                 "observation"):
                continue
            assert obs.place_id is not None
            order += 1
            state: State = (
                _contested(*obs.contested_with)
                if obs.controller == "contested"
                else _contested(obs.controller, *obs.contested_with)
                if obs.contested_with
                else (obs.controller, ())
            )
            lists[obs.place_id].append(Evidence(
                obs.date, obs.place_id, state[0], state[1], "observation", obs.doc_id,
                sentence=obs.sentence, confidence=KIND_CONFIDENCE["observation"],
                doc_ids=(obs.doc_id,), order=order,
            ))
        for items in lists.values():
            items.sort(key=lambda e: (e.date, e.order))
        self._evidence = lists

        placed = []
        for e in events:
            if not self._known(e.place_id, e.doc_id, e.place, f"event {e.event_id}"):
                self._not_applied[e.event_id] = "its place is not on the map"
            elif not self._allowed(e.place_id, e.controller, e.doc_id, e.place,
                                   f"event {e.event_id}"):
                self._not_applied[e.event_id] = "its side holds no ground in the place's country"
            else:
                placed.append(self._without_foreign_loser(e))
        placed.sort(key=lambda e: (e.date, e.event_id))
        # The history's own dates are not the user's: pages and --event-dates follow the user's.
        self._event_dates = sorted({e.date for e in placed
                                    if not all(d.startswith(HISTORY_PREFIX) for d in e.doc_ids)})
        grid = Grid(p for p in self.places.values() if p.kind not in UNANCHORED_KINDS)
        jobs: list[tuple[Evidence, State]] = []
        for k, event in enumerate(placed):
            order += 1
            job = self._apply_event(event, placed, order)
            if job is not None:
                jobs.append(job)
            if k + 1 == len(placed) or placed[k + 1].date != event.date:
                # Anchor once every event of the day is in: only the day's winner at a town moves
                # the places around it.
                for evidence, town_before in jobs:
                    if self._winner_on(evidence.place_id, evidence.date) is evidence:
                        self._anchor(self.places[evidence.place_id], evidence, town_before, grid)
                jobs = []
        self._reported_conflicts(placed)
        for pid, items in self._evidence.items():
            self._segment(pid, items)
        self.conflicts.sort(key=lambda c: (c.date, c.place_id, c.kind))

    def _allowed(self, place_id: str | None, controller: str, doc_id: str, place: str,
                 what: str) -> bool:
        """Return whether ``controller`` can hold ground where the place is, else report it.

        No Syrian rebels in Iraq, no peshmerga in Syria (``factions.country_allows``).
        """
        assert place_id is not None
        country = self.places[place_id].country
        if country_allows(controller, country):
            return True
        self.problems.append(Problem(
            doc_id, None, "controller",
            f"{what} gives {place!r} ({country}) to {controller!r}, a side that holds no "
            f"ground in {country}; left off the timeline"))
        return False

    def _without_foreign_loser(self, event: Event) -> Event:
        """The event without a previous controller that cannot have held its place."""
        previous = event.previous_controller
        assert event.place_id is not None
        if previous and not country_allows(previous, self.places[event.place_id].country):
            return replace(event, previous_controller=None)
        return event

    def _known(self, place_id: str | None, doc_id: str, place: str, what: str) -> bool:
        if place_id is not None and place_id in self.places:
            return True
        why = "did not resolve to a gazetteer place" if place_id is None else (
            f"names place id {place_id!r}, which is not in the gazetteer")
        self.problems.append(
            Problem(doc_id, None, "place", f"{what} at {place!r} {why}; left off the timeline")
        )
        return False

    def _state_before(self, pid: str, day: date) -> tuple[State, bool]:
        """The state of ``pid`` just before ``day`` from the evidence so far.

        The flag says whether it is confirmed (set by evidence dated before ``day``) rather than
        read backwards from later evidence.
        """
        items = self._evidence.get(pid, [])
        i = bisect.bisect_left([e.date for e in items], day)
        if i > 0:
            last = items[i - 1].date
            group = [e for e in items[:i] if e.date == last]
            return min(group, key=_priority).state, True
        if items:
            first = items[0].date
            group = [e for e in items if e.date == first]
            return min(group, key=_priority).backward, False
        return _UNKNOWN, False

    def _confirmed_at(self, pid: str, day: date) -> State | None:
        """The state of ``pid`` on ``day`` from non-claim evidence on or before it, if any."""
        items = [e for e in self._evidence.get(pid, [])
                 if e.date <= day and e.event_kind != "claim"]
        if not items:
            return None
        last = items[-1].date
        return min((e for e in items if e.date == last), key=_priority).state

    def _corroborated(self, claim: Event, events: Sequence[Event]) -> bool:
        if len(set(claim.doc_ids)) >= 2:
            return True
        window = timedelta(days=CLAIM_WINDOW_DAYS)
        return any(
            other is not claim
            and other.place_id == claim.place_id
            and other.controller == claim.controller
            and not set(other.doc_ids) <= set(claim.doc_ids)
            and abs(other.date - claim.date) <= window
            for other in events
        )

    def _insert(self, evidence: Evidence) -> None:
        items = self._evidence.setdefault(evidence.place_id, [])
        bisect.insort(items, evidence, key=lambda e: (e.date, e.order))

    def _apply_event(
        self, event: Event, events: Sequence[Event], order: int
    ) -> tuple[Evidence, State] | None:
        """Add an event's evidence; return it with the town's prior state when it may anchor."""
        pid = event.place_id
        assert pid is not None
        prior, _ = self._state_before(pid, event.date)
        said_before: State | None = (
            (event.previous_controller, ()) if event.previous_controller else None
        )
        if event.kind in ("partial", "siege"):
            holder = event.previous_controller or (
                prior[0] if prior[0] != "contested" else (prior[1][0] if prior[1] else None)
            )
            new = _contested(holder, event.controller)
            if said_before is None and holder and holder != event.controller:
                said_before = (holder, ())
        elif event.kind == "siege_broken":
            relieved = event.controller
            if (prior[0] == "contested" and len(prior[1]) >= 2 and prior[1][-1] == relieved
                    and event.previous_controller):
                relieved = event.previous_controller
            new = (relieved, ())
            besieger = (
                event.previous_controller if relieved == event.controller else event.controller
            )
            said_before = _contested(relieved, besieger) if besieger else None
        else:
            new = (event.controller, ())
            if said_before is None and prior[0] != "unknown" and _norm(prior) != _norm(new):
                # The report names no loser: take the state other evidence gives just before.
                said_before = prior
        evidence = Evidence(
            event.date, pid, new[0], new[1], "event", event.doc_id, sentence=event.sentence,
            previous=said_before, confidence=event.confidence, doc_ids=tuple(event.doc_ids),
            event_kind=event.kind, event_id=event.event_id, order=order,
        )
        if event.contradicted_by:
            if self._confirmed_at(pid, event.date) is not None:
                self.conflicts.append(Conflict(
                    pid, event.date, "claim", self._winner_at(pid, event.date), (evidence,),
                    f"a claim denied by {', '.join(event.contradicted_by)}"))
            self._not_applied[event.event_id] = (
                f"claim contradicted by {', '.join(event.contradicted_by)}")
            return None
        if event.kind == "claim" and not self._corroborated(event, events):
            confirmed = self._confirmed_at(pid, event.date)
            if confirmed is not None and confirmed != new:
                chosen = self._winner_at(pid, event.date)
                self.conflicts.append(Conflict(
                    pid, event.date, "claim", chosen, (evidence,),
                    "an uncorroborated claim does not override a confirmed state",
                ))
                self._not_applied[event.event_id] = (
                    f"claim contradicted: {_said(chosen)} holds the place, and no other report "
                    "confirms the claim")
                return None
        self._insert(evidence)
        redundant = event.kind == "claim" and self._confirmed_at(pid, event.date) == new
        if event.kind in _CHANGE_KINDS and not redundant:
            return evidence, said_before or prior
        return None

    def _winner_on(self, pid: str, day: date) -> Evidence:
        return min((e for e in self._evidence[pid] if e.date == day), key=_priority)

    def _winner_at(self, pid: str, day: date) -> Evidence:
        items = [e for e in self._evidence[pid] if e.date <= day and e.event_kind != "claim"]
        last = items[-1].date
        return min((e for e in items if e.date == last), key=_priority)

    def _anchor(self, town: Place, evidence: Evidence, town_before: State, grid: Grid) -> None:
        radius = ANCHOR_RADIUS_KM.get(town.kind, 0.0)
        if radius <= 0 or town_before[0] == "unknown":
            return
        losers = set(town_before[1]) if town_before[0] == "contested" else {town_before[0]}
        losers.discard(evidence.controller)
        for _km_away, place in grid.near(town, radius):
            if _rank(place.kind) >= _rank(town.kind) or _rank(place.kind) == 0:
                continue
            if self._barriers.between(town, place) or place.country != town.country:
                continue  # a river or a border: taking al-Bukamal does not take Husaybah
            before, confirmed = self._state_before(place.id, evidence.date)
            if before[0] in losers:
                previous = before
            elif not confirmed and _norm(before) == _norm(evidence.state):
                # Only later evidence, already showing the new side: it was the town's side before.
                previous = town_before
            else:
                continue
            self._insert(replace(
                evidence, place_id=place.id, kind="area", previous=previous,
                confidence=evidence.confidence * AREA_CONFIDENCE_FACTOR,
                sentence=evidence.sentence,
                source=f"{evidence.source} (via {town.name})",
            ))

    def _reported_conflicts(self, events: Sequence[Event]) -> None:
        by_id = {e.event_id: e for e in events}
        seen: set[tuple[str, str]] = set()
        evidence_by_id = {
            e.event_id: e for items in self._evidence.values() for e in items if e.kind == "event"
        }
        for event in events:
            for other_id in event.conflict:
                pair = tuple(sorted((event.event_id, other_id)))
                other = by_id.get(other_id)
                if other is None or pair in seen:
                    continue
                seen.add((pair[0], pair[1]))
                a, b = evidence_by_id.get(event.event_id), evidence_by_id.get(other_id)
                if a is None or b is None:
                    continue
                if a.date != b.date:
                    chosen, rejected = (a, b) if a.date > b.date else (b, a)
                    reason = "the later report holds from its date"
                else:
                    chosen, rejected = sorted((a, b), key=_priority)
                    reason = "same date: higher confidence, then more documents"
                self.conflicts.append(
                    Conflict(chosen.place_id, chosen.date, "reported", chosen, (rejected,), reason)
                )

    def _segment(self, pid: str, items: list[Evidence]) -> None:
        segments: list[_Segment] = []
        i = 0
        while i < len(items):
            j = i
            while j < len(items) and items[j].date == items[i].date:
                j += 1
            group = items[i:j]
            winner = min(group, key=_priority)
            rejected = tuple(e for e in group if _state_key(e) != _state_key(winner))
            for e in rejected:
                if e.kind == "event" and e.event_id:
                    self._not_applied.setdefault(
                        e.event_id, f"outweighed by {_said(winner)} on the same date")
            if rejected:
                self.conflicts.append(Conflict(
                    pid, winner.date, "same_date", winner, rejected,
                    "same date: higher confidence, then more documents",
                ))
            if not segments or _state_key(segments[-1].evidence) != _state_key(winner):
                segments.append(_Segment(winner.date, winner.state, winner))
            i = j
        if segments:
            first = segments[0].evidence
            self._before[pid] = _Segment(date.min, first.backward, first)
        self._segments[pid] = segments
        self._starts[pid] = [s.start for s in segments]

    # -- queries ----------------------------------------------------------------------------

    def _state(self, pid: str, segment: _Segment | None, day: date) -> PlaceState:
        if segment is None:
            return PlaceState(day, pid, "unknown")
        e = segment.evidence
        if segment.state[0] == "unknown":
            return PlaceState(day, pid, "unknown", (), e.date, e.kind, e.source, e.sentence,
                              backwards=e.date > day)
        backwards = e.date > day
        uncertain = backwards or abs((day - e.date).days) > UNCERTAIN_DAYS
        return PlaceState(
            day, pid, segment.state[0], segment.state[1], e.date, e.kind, e.source, e.sentence,
            backwards=backwards, uncertain=uncertain,
        )

    def _segment_on(self, pid: str, day: date) -> _Segment | None:
        starts = self._starts.get(pid)
        if not starts:
            return None
        i = bisect.bisect_right(starts, day) - 1
        return self._segments[pid][i] if i >= 0 else self._before[pid]

    def state_of(self, place_id: str, day: date) -> PlaceState:
        """The state of one place on ``day`` (see the module docstring for the rule)."""
        return self._state(place_id, self._segment_on(place_id, day), day)

    def state_on(self, day: date) -> dict[str, PlaceState]:
        """The state of every gazetteer place on ``day``.

        A place without any evidence is ``unknown`` (evidence ``none``). A state read backwards
        from later evidence has ``since`` after ``day``.
        """
        return {pid: self._state(pid, self._segment_on(pid, day), day) for pid in self.places}

    def event_status(self, event_id: str) -> str | None:
        """Why the timeline did not apply an event, or ``None`` when it applied it.

        Not applied: a claim a report denies ("claim contradicted by <documents>"), a claim
        contradicted by a confirmed state (and confirmed by no other report), a report outweighed
        by another of the same place and date (higher confidence, then more documents), or an
        event whose place is not on the map.
        """
        return self._not_applied.get(event_id)

    def evidence_span(self) -> tuple[date, date] | None:
        """The first and last date of all the evidence loaded (snapshots included)."""
        firsts = [items[0].date for items in self._evidence.values() if items]
        lasts = [items[-1].date for items in self._evidence.values() if items]
        return (min(firsts), max(lasts)) if firsts else None

    def outside_evidence(self, day: date) -> str | None:
        """A warning when ``day`` is before the earliest or after the latest evidence."""
        span = self.evidence_span()
        if span is None:
            return f"{day}: no evidence is loaded; every place is unknown"
        if day < span[0]:
            return (f"{day} is before the earliest evidence loaded ({span[0]}): every state is "
                    "read backwards and uncertain")
        if day > span[1]:
            return (f"{day} is after the latest evidence loaded ({span[1]}): states are carried "
                    "forward from older evidence")
        return None

    def uncertain_count(self, day: date) -> tuple[int, int]:
        """How many places with a known side are uncertain on ``day``, and how many have one."""
        states = [s for s in self.state_on(day).values() if s.controller != "unknown"]
        return sum(1 for s in states if s.uncertain), len(states)

    def event_dates(self) -> list[date]:
        """The distinct dates of the events placed on the timeline, in order."""
        return list(self._event_dates)

    def evidence(self, place_id: str) -> list[Evidence]:
        """Every piece of evidence about one place, in date order (ignored claims excluded)."""
        return list(self._evidence.get(place_id, []))

    def history(self, place_id: str) -> list[PlaceState]:
        """Each state of one place, in order, with the evidence that set it.

        Each entry's ``date`` is the day it starts. When the first evidence read backwards gives
        another state than its own (an event's previous side), the first entry is that earlier
        state, dated :data:`datetime.date.min`.

        Raises:
            InputError: For a place id not in the gazetteer.
        """
        if place_id not in self.places:
            raise InputError(f"unknown place id {place_id!r}")
        segments = self._segments.get(place_id, [])
        if not segments:
            return [PlaceState(date.min, place_id, "unknown")]
        before = self._before[place_id]
        out = [self._state(place_id, before, date.min)]
        if _norm(before.state) == _norm(segments[0].state):
            out.pop(0)
        out.extend(self._state(place_id, s, s.start) for s in segments)
        return out

    def changes(self, start: date, end: date) -> list[Change]:
        """Every change of state after ``start`` and on or before ``end``, by date then place."""
        out: list[Change] = []
        for pid, segments in self._segments.items():
            starts = self._starts[pid]
            lo = bisect.bisect_right(starts, start)
            hi = bisect.bisect_right(starts, end)
            for k in range(lo, hi):
                seg = segments[k]
                before = self.state_of(pid, seg.start - timedelta(days=1))
                if before.controller == seg.state[0] and before.contested_with == seg.state[1]:
                    continue
                out.append(Change(
                    pid, seg.start, before, self._state(pid, seg, seg.start),
                    seg.evidence.kind, seg.evidence.sources,
                ))
        out.sort(key=lambda c: (c.date, c.place_id))
        return out

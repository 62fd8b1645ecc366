"""Compile the timeline's evidence: snapshots, corrections, observations, events and anchoring.

:class:`Compiler` applies the control rule of :mod:`geo.timeline` (rules 2 to 7: corrections over
snapshot rows, claims, same-date conflicts, kinds of events, anchoring) and cuts each place's
evidence into :class:`geo.evidence.Segment` runs, which :class:`geo.timeline.Timeline` queries.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta

from geo.anchoring import Barriers, Grid
from geo.baseline import Correction, Snapshot, State
from geo.errors import Problem, SnapshotError
from geo.evidence import (
    ANCHOR_RADIUS_KM,
    AREA_CONFIDENCE_FACTOR,
    CHANGE_KINDS,
    CLAIM_WINDOW_DAYS,
    KIND_CONFIDENCE,
    UNANCHORED_KINDS,
    UNKNOWN,
    Conflict,
    Evidence,
    Segment,
    contested,
    norm,
    priority,
    rank,
    said,
    state_key,
)
from geo.factions import country_allows
from geo.history import HISTORY_PREFIX, TerritoryEnd
from geo.models import Event, Observation, Place


class Compiler:
    """The evidence of every place, compiled once; :meth:`run` fills the attributes.

    Attributes:
        places: Place id to place.
        conflicts: Every conflict met.
        problems: Events and observations that could not be placed.
        evidence: Place id to its evidence, in date order.
        segments: Place id to its runs of one state, in order.
        starts: Place id to the start dates of its segments.
        before: Place id to the state read backwards before its first evidence.
        event_dates: The distinct dates of the user's events placed (history documents excluded).
        not_applied: Event id to why it was not applied.
    """

    def __init__(self, places: Mapping[str, Place], barriers: Barriers) -> None:
        self.places = places
        self.barriers = barriers
        self.conflicts: list[Conflict] = []
        self.problems: list[Problem] = []
        self.evidence: dict[str, list[Evidence]] = {}
        self.segments: dict[str, list[Segment]] = {}
        self.starts: dict[str, list[date]] = {}
        self.before: dict[str, Segment] = {}
        self.event_dates: list[date] = []
        self.not_applied: dict[str, str] = {}
        # Id of the event whose area a place's evidence is to the town it was anchored to.
        self._via: dict[tuple[str, str], str] = {}

    def run(
        self,
        events: Sequence[Event],
        observations: Sequence[Observation],
        snapshots: Sequence[Snapshot],
        corrections: Sequence[Correction],
        ends: Sequence[TerritoryEnd] = (),
        starts: Sequence[TerritoryEnd] = (),
    ) -> None:
        """Compile the evidence (see :meth:`geo.timeline.Timeline.build` for the arguments).

        Raises:
            SnapshotError: A correction or snapshot row names a place not in the gazetteer.
        """
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
                    if state_key(chosen) != state_key(row):
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
                contested(*obs.contested_with)
                if obs.controller == "contested"
                else contested(obs.controller, *obs.contested_with)
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
        self.evidence = lists

        placed = []
        for e in events:
            if not self._known(e.place_id, e.doc_id, e.place, f"event {e.event_id}"):
                self.not_applied[e.event_id] = "its place is not on the map"
            elif not self._allowed(e.place_id, e.controller, e.doc_id, e.place,
                                   f"event {e.event_id}"):
                self.not_applied[e.event_id] = "its side holds no ground in the place's country"
            else:
                placed.append(self._without_foreign_loser(e))
        placed.sort(key=lambda e: (e.date, e.event_id))
        # The history's own dates are not the user's: pages and --event-dates follow the user's.
        self.event_dates = sorted({e.date for e in placed
                                    if not all(d.startswith(HISTORY_PREFIX) for d in e.doc_ids)})
        grid = Grid(p for p in self.places.values() if p.kind not in UNANCHORED_KINDS)
        jobs: list[tuple[Evidence, State]] = []
        for k, event in enumerate(placed):
            order += 1
            before = self._state_before(event.place_id or "", event.date)[0]
            job = self._apply_event(event, placed, order)
            if job is not None:
                jobs.append(job)
            elif event.kind == "partial" and event.place_id in self.evidence:
                fought = self.evidence[event.place_id]
                jobs.extend((e, before) for e in fought if e.event_id == event.event_id
                            and e.kind == "event" and e.controller == "contested")
            if k + 1 == len(placed) or placed[k + 1].date != event.date:
                # Anchor once every event of the day is in: only the day's winner at a town moves
                # the places around it.
                for evidence, town_before in jobs:
                    if self._winner_on(evidence.place_id, evidence.date) is evidence:
                        self._anchor(self.places[evidence.place_id], evidence, town_before, grid)
                jobs = []
        for end in ends:
            order = self._end(end, order)
        self._reported_conflicts(placed)
        first_ground = {(b.side, b.country): b for b in starts}
        for pid, items in self.evidence.items():
            self._segment(pid, items, first_ground)
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
        items = self.evidence.get(pid, [])
        i = bisect.bisect_left([e.date for e in items], day)
        if i > 0:
            last = items[i - 1].date
            group = [e for e in items[:i] if e.date == last]
            return min(group, key=priority).state, True
        if items:
            first = items[0].date
            group = [e for e in items if e.date == first]
            return min(group, key=priority).backward, False
        return UNKNOWN, False

    def _confirmed_at(self, pid: str, day: date) -> State | None:
        """The state of ``pid`` on ``day`` from non-claim evidence on or before it, if any."""
        items = [e for e in self.evidence.get(pid, [])
                 if e.date <= day and e.event_kind != "claim"]
        if not items:
            return None
        last = items[-1].date
        return min((e for e in items if e.date == last), key=priority).state

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
        items = self.evidence.setdefault(evidence.place_id, [])
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
            new = contested(holder, event.controller)
            if holder == event.controller and prior[0] == holder:
                # the side our record has holding the place entering it fights no one for it
                new = (holder, ())
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
            said_before = contested(relieved, besieger) if besieger else None
        else:
            new = (event.controller, ())
            if said_before is None and prior[0] != "unknown" and norm(prior) != norm(new):
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
            self.not_applied[event.event_id] = (
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
                self.not_applied[event.event_id] = (
                    f"claim contradicted: {said(chosen)} holds the place, and no other report "
                    "confirms the claim")
                return None
        self._insert(evidence)
        redundant = event.kind == "claim" and self._confirmed_at(pid, event.date) == new
        if event.kind in CHANGE_KINDS and not redundant:
            return evidence, said_before or prior
        return None

    def _winner_on(self, pid: str, day: date) -> Evidence:
        return min((e for e in self.evidence[pid] if e.date == day), key=priority)

    def _winner_at(self, pid: str, day: date) -> Evidence:
        items = [e for e in self.evidence[pid] if e.date <= day and e.event_kind != "claim"]
        last = items[-1].date
        return min((e for e in items if e.date == last), key=priority)

    def _anchor(self, town: Place, evidence: Evidence, town_before: State, grid: Grid) -> None:
        radius = ANCHOR_RADIUS_KM.get(town.kind, 0.0)
        if radius <= 0 or town_before[0] == "unknown":
            return
        fought = evidence.controller == "contested"
        losers = set(town_before[1]) if town_before[0] == "contested" else {town_before[0]}
        losers.discard(evidence.controller)
        for _km_away, place in grid.near(town, radius):
            if rank(place.kind) >= rank(town.kind) or rank(place.kind) == 0:
                continue
            if self.barriers.between(town, place) or place.country != town.country:
                continue  # a river or a border: taking al-Bukamal does not take Husaybah
            before, confirmed = self._state_before(place.id, evidence.date)
            if self._follows(place.id, town.id, evidence.date):
                # Its state is the town's, read from an earlier change there: it goes on
                # following the town (fought over with it, retaken with it).
                previous = before
            elif fought:
                continue  # a battle for the town does not reach the places it never spoke for
            elif before[0] in losers:
                previous = before
            elif not confirmed and norm(before) == norm(evidence.state):
                # Only later evidence, already showing the new side: it was the town's side before.
                previous = town_before
            else:
                continue
            self._via[(place.id, evidence.event_id)] = town.id
            self._insert(replace(
                evidence, place_id=place.id, kind="area", previous=previous,
                confidence=evidence.confidence * AREA_CONFIDENCE_FACTOR,
                sentence=evidence.sentence,
                source=f"{evidence.source} (via {town.name})",
            ))

    def _end(self, end: TerritoryEnd, order: int) -> int:
        """End the side's ground in the country: older evidence of it stops holding on the day.

        A place the side holds on ``end.date`` by evidence dated before it gets evidence of that
        day: ``unknown`` (or the other sides, when it was contested). A place with no evidence
        before the day (only read backwards) is left alone, and later evidence takes over from
        its own date as always.
        """
        for pid, place in self.places.items():
            if place.country != end.country or pid not in self.evidence:
                continue
            before, confirmed = self._state_before(pid, end.date + timedelta(days=1))
            if not confirmed or end.side not in (before[0], *before[1]):
                continue
            if any(e.date == end.date for e in self.evidence[pid]):
                continue  # evidence of the day itself says who holds the place
            rest = tuple(s for s in before[1] if s != end.side)
            state: State = UNKNOWN if before[0] == end.side else (
                contested(*rest) if len(rest) > 1 else (rest[0], ()) if rest else UNKNOWN)
            order += 1
            self._insert(Evidence(
                end.date, pid, state[0], state[1], "correction", HISTORY_PREFIX + end.doc_id,
                sentence=end.sentence, previous=before, confidence=KIND_CONFIDENCE["correction"],
                doc_ids=(HISTORY_PREFIX + end.doc_id,), order=order,
            ))
        return order

    def _before_first_ground(
        self, pid: str, first: Evidence, first_ground: Mapping[tuple[str, str], TerritoryEnd]
    ) -> list[Segment]:
        """The state read backwards before a place's first evidence, cut at the sides' starts.

        Rule 9: before the day a side first held ground in the place's country, the state
        read backwards does not give the place to it (it is ``unknown``, or the other sides of a
        contested state). Returns the segment before everything, then one segment per start
        that changes the state, in date order.
        """
        backward = first.backward
        sides = [backward[0]] if backward[0] not in ("contested", "unknown") else list(backward[1])
        country = self.places[pid].country
        cuts = sorted((b.date, b.side) for side in sides
                      if (b := first_ground.get((side, country))) is not None
                      and b.date < first.date)
        if not cuts:
            return [Segment(date.min, backward, first)]

        def without(gone: set[str]) -> State:
            if backward[0] != "contested":
                return UNKNOWN if backward[0] in gone else backward
            rest = tuple(s for s in backward[1] if s not in gone)
            return contested(*rest) if len(rest) > 1 else (rest[0], ()) if rest else UNKNOWN

        gone = {side for _day, side in cuts}
        bound = first_ground[(cuts[0][1], country)]
        earliest = without(gone)
        why = first if earliest != UNKNOWN else Evidence(
            bound.date, pid, UNKNOWN[0], (), "correction", HISTORY_PREFIX + bound.doc_id,
            sentence=bound.sentence, confidence=KIND_CONFIDENCE["correction"],
            doc_ids=(HISTORY_PREFIX + bound.doc_id,))
        out = [Segment(date.min, earliest, why)]
        for day, side in cuts:
            gone.discard(side)
            state = without(gone)
            if norm(state) != norm(out[-1].state):
                out.append(Segment(day, state, first))
        return out

    def _follows(self, pid: str, town_id: str, day: date) -> bool:
        """Whether the latest evidence of ``pid`` before ``day`` is the area of a town's change."""
        items = self.evidence.get(pid, [])
        i = bisect.bisect_left([e.date for e in items], day)
        if i == 0:
            return False
        last = items[i - 1].date
        winner = min((e for e in items[:i] if e.date == last), key=priority)
        return winner.kind == "area" and self._via.get((pid, winner.event_id)) == town_id

    def _reported_conflicts(self, events: Sequence[Event]) -> None:
        by_id = {e.event_id: e for e in events}
        seen: set[tuple[str, str]] = set()
        evidence_by_id = {
            e.event_id: e for items in self.evidence.values() for e in items if e.kind == "event"
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
                    chosen, rejected = sorted((a, b), key=priority)
                    reason = "same date: higher confidence, then more documents"
                self.conflicts.append(
                    Conflict(chosen.place_id, chosen.date, "reported", chosen, (rejected,), reason)
                )

    def _segment(self, pid: str, items: list[Evidence],
                 first_ground: Mapping[tuple[str, str], TerritoryEnd]) -> None:
        segments: list[Segment] = []
        i = 0
        while i < len(items):
            j = i
            while j < len(items) and items[j].date == items[i].date:
                j += 1
            group = items[i:j]
            winner = min(group, key=priority)
            rejected = tuple(e for e in group if state_key(e) != state_key(winner))
            for e in rejected:
                if e.kind == "event" and e.event_id:
                    self.not_applied.setdefault(
                        e.event_id, f"outweighed by {said(winner)} on the same date")
            if rejected:
                self.conflicts.append(Conflict(
                    pid, winner.date, "same_date", winner, rejected,
                    "same date: higher confidence, then more documents",
                ))
            if not segments or state_key(segments[-1].evidence) != state_key(winner):
                segments.append(Segment(winner.date, winner.state, winner))
            i = j
        if segments:
            first = segments[0].evidence
            earlier = self._before_first_ground(pid, first, first_ground)
            self.before[pid] = earlier[0]
            segments[:0] = earlier[1:]
        self.segments[pid] = segments
        self.starts[pid] = [s.start for s in segments]

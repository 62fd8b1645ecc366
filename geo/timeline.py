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
   A place whose latest evidence is the area of an earlier change at the town goes on following
   the town: a partial advance that leaves the town contested leaves it contested too, and the
   town's next change moves it whatever it held (its side was only ever the town's: the villages
   "via Mosul" were fought over from November 2016, not IS until the city fell in July 2017).
   A battle for a town reaches no place with evidence of its own.
8. **The end of a side's territory.** From the day a chronicle says a side lost the last ground
   it held in a country (the history's ``ends.csv``: IS in Iraq on 9 December 2017, in Syria on
   23 March 2019), a place of that country the side holds by older evidence (a snapshot's mark,
   a capture never reported reversed) is ``unknown`` (or held by the other sides when it was
   contested), with the chronicle's sentence as its evidence (kind ``correction``). Later
   evidence takes over from its date as always; a state only read backwards is left alone.
9. **The start of a side's territory.** Before the day a chronicle shows a side first holding
   ground in a country (the history's ``starts.csv``: the YPG in Syria on 19 July 2012, IS in
   Syria in July 2013 and in Iraq in January 2014, the coalition's garrison at al-Tanf in early
   2016, the Turkish-backed forces with Euphrates Shield on 24 August 2016), a state read
   backwards gives no place of that country to that side: the mid-2017 snapshot's IS mark is
   ``unknown`` in 2012 (its ground follows the nearest documented place, as after an end), and
   ``contested`` between IS and another side is that other side's. Evidence of its own, dated
   before the start, is left alone.

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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

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
from geo.evidence import (  # noqa: F401 - re-exported
    ANCHOR_RADIUS_KM,
    AREA_CONFIDENCE_FACTOR,
    CLAIM_WINDOW_DAYS,
    KIND_CONFIDENCE,
    UNANCHORED_KINDS,
    UNCERTAIN_DAYS,
    Change,
    Conflict,
    Evidence,
    GazetteerLike,
    Segment,
    norm,
)
from geo.history import TerritoryEnd
from geo.models import Event, EvidenceKind, Observation, Place, PlaceState
from geo.timeline_compile import Compiler

_new = object.__new__
_set = object.__setattr__

#: A segment as ``state_on`` reads it: controller, contested sides, since, since as an
#: ordinal, evidence kind, source, sentence, whether the controller is unknown.
_SegmentRow = tuple[str, tuple[str, ...], date, int, EvidenceKind, str, str, bool]
#: A place as ``state_on`` reads it: id, its segments' start ordinals (``None`` without
#: evidence), its segments, and the segment before the first.
_Row = tuple[str, list[int] | None, list[_SegmentRow], _SegmentRow | None]


def _segment_row(segment: Segment) -> _SegmentRow:
    e = segment.evidence
    controller, sides = segment.state
    unknown = controller == "unknown"
    return (controller, () if unknown else sides, e.date, e.date.toordinal(), e.kind, e.source,
            e.sentence, unknown)


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
    _segments: dict[str, list[Segment]] = field(default_factory=dict, repr=False)
    _before: dict[str, Segment] = field(default_factory=dict, repr=False)
    _event_dates: list[date] = field(default_factory=list, repr=False)
    _not_applied: dict[str, str] = field(default_factory=dict, repr=False)
    _rows: list[_Row] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def build(
        cls,
        gazetteer: GazetteerLike,
        events: Sequence[Event],
        observations: Sequence[Observation] = (),
        snapshots: Sequence[Snapshot] | Path | str | None = None,
        corrections: Sequence[Correction] | None = None,
        barriers: Sequence[Line] | None = None,
        ends: Sequence[TerritoryEnd] = (),
        starts: Sequence[TerritoryEnd] = (),
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
            ends: The days sides lost their last ground in a country (the history's
                ``ends.csv``, :func:`geo.history.load_ends`): rule 8.
            starts: The days sides first held ground in a country (the history's
                ``starts.csv``, :func:`geo.history.load_starts`): rule 9.

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
        lines = load_barriers() if barriers is None else barriers
        compiled = Compiler(places, Barriers(lines))
        compiled.run(events, observations, snaps, fixes, ends, starts)
        return cls(
            places=places, conflicts=compiled.conflicts, problems=compiled.problems,
            snapshots=snaps, _evidence=compiled.evidence, _starts=compiled.starts,
            _segments=compiled.segments, _before=compiled.before,
            _event_dates=compiled.event_dates, _not_applied=compiled.not_applied,
        )

    # -- queries ----------------------------------------------------------------------------

    def _state(self, pid: str, segment: Segment | None, day: date) -> PlaceState:
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

    def _segment_on(self, pid: str, day: date) -> Segment | None:
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
        # the hot loop of every frame: _segment_on and _state inlined, over rows read once
        if self._rows is None:
            self._rows = [
                (pid, None, [], None) if not self._starts.get(pid) else (
                    pid, [d.toordinal() for d in self._starts[pid]],
                    [_segment_row(seg) for seg in self._segments[pid]],
                    _segment_row(self._before[pid]))
                for pid in self.places
            ]
        out: dict[str, PlaceState] = {}
        find = bisect.bisect_right
        today = day.toordinal()
        for pid, starts, segments, before in self._rows:
            state = _new(PlaceState)
            if starts is None or before is None:
                _set(state, "__dict__", {
                    "date": day, "place_id": pid, "controller": "unknown", "contested_with": (),
                    "since": None, "evidence": "none", "source": "", "sentence": "",
                    "backwards": False, "uncertain": False})
            else:
                i = find(starts, today) - 1
                controller, sides, since, then, kind, source, sentence, unknown = (
                    segments[i] if i >= 0 else before)
                backwards = then > today
                _set(state, "__dict__", {
                    "date": day, "place_id": pid, "controller": controller,
                    "contested_with": sides, "since": since, "evidence": kind,
                    "source": source, "sentence": sentence, "backwards": backwards,
                    "uncertain": not unknown and (backwards or abs(today - then) > UNCERTAIN_DAYS)})
            out[pid] = state
        return out

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
        if norm(before.state) == norm(segments[0].state):
            out.pop(0)
        for k, s in enumerate(segments):
            # A side's start (rule 9) cuts a state read backwards in two: one row for it.
            if k and s.evidence is segments[k - 1].evidence and s.state == segments[k - 1].state:
                continue
            out.append(self._state(place_id, s, s.start))
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
                if seg.evidence.date > seg.start:
                    continue  # a side's start (rule 9): no report dates a change to that day
                before = self.state_of(pid, seg.start - timedelta(days=1))
                if before.controller == seg.state[0] and before.contested_with == seg.state[1]:
                    continue
                out.append(Change(
                    pid, seg.start, before, self._state(pid, seg, seg.start),
                    seg.evidence.kind, seg.evidence.sources,
                ))
        out.sort(key=lambda c: (c.date, c.place_id))
        return out

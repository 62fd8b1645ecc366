"""Merging the reports of one change of control, in near-linear time.

:func:`merge_events` groups the reports of one change (same place, same new side, dates within
the coarser precision) and flags reports of the same place at the same time naming different
sides. Reports are bucketed by place id and by a grid of :data:`CELL_DEGREES` cells (wider than
:data:`MERGE_KM` everywhere in Syria and Iraq) and kept sorted by date inside each bucket, so
each report is compared only with the few reports near it in place and time: thousands of
events merge in well under a second instead of the quadratic pass over every pair.
:func:`refine_dates`, :func:`fill_previous` and :func:`apply_denials` run on the extractor's
output before merging.
"""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from geo.models import Denial, Event

#: Days either side within which a date of each precision matches another report.
PRECISION_DAYS: dict[str, int] = {"day": 3, "week": 7, "month": 31, "year": 366}
PRECISION_RANK: dict[str, int] = {"day": 0, "week": 1, "month": 2, "year": 3}
#: Reports of places closer than this are of the same place.
MERGE_KM = 25.0
#: Grid cell of the place buckets: 0.35 degrees of longitude is more than 25 km below 40 N.
CELL_DEGREES = 0.35
_WIDEST = max(PRECISION_DAYS.values())
#: Kinds that may be one change: a siege and the capture that ends it are two events.
_FAMILY = {"siege": "contest", "partial": "contest", "siege_broken": "relief"}


def _family(kind: str) -> str:
    return _FAMILY.get(kind, "change")


def refine_dates(events: list[Event]) -> list[Event]:
    """A coarse date takes the finer date of another report of the same change inside it.

    Among the finer reports within the coarse one's window (same year for a year), the most
    precise wins, then the nearest in time, then the earliest.
    """
    finer: dict[tuple[str | None, str, int], list[tuple[date, Event]]] = {}
    for e in events:
        key = (e.place_id, e.controller, PRECISION_RANK[e.date_precision])
        finer.setdefault(key, []).append((e.date, e))
    for rows in finer.values():
        rows.sort(key=lambda r: (r[0], r[1].event_id, r[1].doc_id))
    out: list[Event] = []
    for e in events:
        rank = PRECISION_RANK[e.date_precision]
        tolerance = timedelta(days=PRECISION_DAYS[e.date_precision])
        best: Event | None = None
        for finer_rank in range(rank if rank else 0):
            rows = finer.get((e.place_id, e.controller, finer_rank), [])
            lo = bisect.bisect_left(rows, e.date - tolerance, key=lambda r: r[0])
            hi = bisect.bisect_right(rows, e.date + tolerance, key=lambda r: r[0])
            window = [o for _d, o in rows[lo:hi]
                      if e.date_precision != "year" or o.date.year == e.date.year]
            if window:
                best = min(window, key=lambda o: (abs((o.date - e.date).days), o.date))
                break
        if best is not None:
            e = replace(e, date=best.date, date_precision=best.date_precision)
        out.append(e)
    return out


def fill_previous(events: list[Event]) -> list[Event]:
    """Fill an unknown losing side from the place's previous event; mark recaptures.

    The previous event is the latest one (not a siege) on an earlier day at the same place; a
    capture by a side that held the place before that becomes a recapture.
    """
    by_place: dict[str, list[Event]] = {}
    for e in events:
        if e.place_id:
            by_place.setdefault(e.place_id, []).append(e)
    changed: dict[tuple[str, str], Event] = {}
    for place_events in by_place.values():
        ordered = sorted(place_events, key=lambda e: (e.date, e.event_id, e.doc_id))
        last: Event | None = None
        held_before: set[str] = set()
        i = 0
        while i < len(ordered):
            day = ordered[i].date
            j = i
            while j < len(ordered) and ordered[j].date == day:
                j += 1
            group = ordered[i:j]
            for e in group:
                update: dict[str, Any] = {}
                if e.previous_controller is None and last is not None and (
                        last.controller != e.controller):
                    update["previous_controller"] = last.controller
                if e.kind == "capture" and e.controller in held_before:
                    update["kind"] = "recapture"
                if update:
                    changed[(e.event_id, e.doc_id)] = replace(e, **update)
            for e in group:
                if e.kind != "siege":
                    if last is not None:
                        held_before.add(last.controller)
                    last = e
            i = j
    return [changed.get((e.event_id, e.doc_id), e) for e in events]


#: A denial contradicts claims dated up to this many days before it (and one day after).
DENIAL_DAYS = 21
#: The confidence of a contradicted claim.
CONTRADICTED_CONFIDENCE = 0.35


def apply_denials(events: list[Event], denials: Iterable[Denial]) -> list[Event]:
    """Mark the claims that a denial in another document contradicts.

    A denial contradicts a claim (kind ``claim``) of another document about the same place
    (same id) dated from :data:`DENIAL_DAYS` days before the denial to one day after it, when
    the side it says did not gain is the claim's side (or it names none) and the side denying
    is not the claim's side. The claim lists the denying documents in ``contradicted_by`` and
    its confidence falls to :data:`CONTRADICTED_CONFIDENCE`. Other events are left as they are:
    a denial by one side does not undo a change reported as fact.
    """
    by_place: dict[str, list[Denial]] = defaultdict(list)
    for d in denials:
        by_place[d.place_id].append(d)
    if not by_place:
        return events
    out: list[Event] = []
    for e in events:
        found = [d.doc_id for d in by_place.get(e.place_id or "", ())
                 if e.kind == "claim" and d.doc_id not in e.doc_ids
                 and -1 <= (d.date - e.date).days <= DENIAL_DAYS
                 and d.claimed in (None, e.controller) and d.denier != e.controller]
        if found:
            docs = tuple(dict.fromkeys((*e.contradicted_by, *found)))
            e = replace(e, contradicted_by=docs,
                        confidence=min(e.confidence, CONTRADICTED_CONFIDENCE))
        out.append(e)
    return out


def _km(a: Event, b: Event) -> float:
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _same_place(a: Event, b: Event) -> bool:
    if a.place_id and a.place_id == b.place_id:
        return True
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return False
    # 25 km is more than 0.2 degrees of latitude: most pairs are told apart without trigonometry.
    if abs(a.lat - b.lat) > MERGE_KM / 111.0 + 0.01:
        return False
    return _km(a, b) <= MERGE_KM


def _coarser(a: Event, b: Event) -> int:
    return max(PRECISION_DAYS[a.date_precision], PRECISION_DAYS[b.date_precision])


def _cell(e: Event) -> tuple[int, int] | None:
    if e.lat is None or e.lon is None:
        return None
    return (math.floor(e.lat / CELL_DEGREES), math.floor(e.lon / CELL_DEGREES))


class _Index:
    """Items bucketed by place id and by grid cell, each bucket sorted by date."""

    def __init__(self) -> None:
        self.buckets: dict[tuple[Any, ...], list[tuple[date, int]]] = defaultdict(list)

    def _keys(self, e: Event, key: str, near: bool) -> Iterator[tuple[Any, ...]]:
        if e.place_id:
            yield (key, "id", e.place_id)
        cell = _cell(e)
        if cell is None:
            return
        if not near:
            yield (key, "cell", cell)
            return
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                yield (key, "cell", (cell[0] + di, cell[1] + dj))

    def add(self, e: Event, key: str, item: int) -> None:
        for bucket in self._keys(e, key, near=False):
            bisect.insort(self.buckets[bucket], (e.date, item))

    def near(self, e: Event, key: str, days: int) -> set[int]:
        """Items of the buckets around ``e`` dated within ``days`` of it."""
        lo, hi = e.date - timedelta(days=days), e.date + timedelta(days=days)
        found: set[int] = set()
        for bucket in self._keys(e, key, near=True):
            rows = self.buckets.get(bucket)
            if not rows:
                continue
            start = bisect.bisect_left(rows, (lo, -1))
            end = bisect.bisect_right(rows, (hi, math.inf))
            found.update(item for _d, item in rows[start:end])
        return found


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge the reports of one change; flag contradicting reports.

    Reports merge when they name the same place (same id, or within 25 km), the same new
    controller, the same family of kind (a siege or partial advance does not merge with the
    capture that ends it), and dates within the coarser of their precisions. The merged event
    keeps the most precise date (then the highest confidence) and its sentence, lists every document
    (``doc_ids``), and takes the highest confidence plus 0.05 per extra document (at most
    0.99). Reports of the same place at overlapping times with different controllers are both
    kept, each naming the other in ``conflict``. The output is sorted by date, place and
    controller, and its ids are stable.
    """
    groups: list[list[Event]] = []
    heads = _Index()
    for e in sorted(events, key=lambda e: (PRECISION_RANK[e.date_precision], -e.confidence,
                                           e.date, e.event_id)):
        # The first group (in creation order) that takes the report, as a full scan would.
        for k in sorted(heads.near(e, f"{e.controller}/{_family(e.kind)}", _WIDEST)):
            head = groups[k][0]
            if abs((head.date - e.date).days) <= _coarser(head, e) and _same_place(head, e):
                groups[k].append(e)
                break
        else:
            groups.append([e])
            heads.add(e, f"{e.controller}/{_family(e.kind)}", len(groups) - 1)
    merged: list[Event] = []
    for group in groups:
        head = group[0]
        docs: list[str] = []
        for e in group:
            for d in e.doc_ids:
                if d not in docs:
                    docs.append(d)
        previous = head.previous_controller or next(
            (e.previous_controller for e in group if e.previous_controller), None)
        confidence = min(0.99, max(e.confidence for e in group) + 0.05 * (len(docs) - 1))
        # Contradicted only while no report of the group stands uncontradicted.
        denied = tuple(dict.fromkeys(d for e in group for d in e.contradicted_by)) if all(
            e.contradicted_by for e in group) else ()
        if denied:
            confidence = min(e.confidence for e in group)
        merged.append(replace(head, doc_ids=tuple(docs), previous_controller=previous,
                              confidence=round(confidence, 2), contradicted_by=denied))
    conflicts: dict[str, list[str]] = {e.event_id: [] for e in merged}
    index = _Index()
    for i, e in enumerate(merged):
        index.add(e, "", i)
    widest = max(1, _WIDEST // 3)
    for i, a in enumerate(merged):
        reach = max(1, PRECISION_DAYS[a.date_precision] // 3)
        for j in sorted(index.near(a, "", min(widest, reach))):
            if j <= i:
                continue
            b = merged[j]
            if a.controller == b.controller:
                continue
            if "siege" in (a.kind, b.kind) or "siege_broken" in (a.kind, b.kind):
                continue
            window = max(1, min(PRECISION_DAYS[a.date_precision],
                                PRECISION_DAYS[b.date_precision]) // 3)
            if abs((a.date - b.date).days) <= window and _same_place(a, b):
                conflicts[a.event_id].append(b.event_id)
                conflicts[b.event_id].append(a.event_id)
    out = [replace(e, conflict=tuple(sorted(conflicts[e.event_id]))) for e in merged]
    return sorted(out, key=lambda e: (e.date, e.place, e.controller, e.event_id))

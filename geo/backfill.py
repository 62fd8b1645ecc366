"""Cells a snapshot paints from afar follow the nearest place whose state on the date is documented.

Step 5b of the territory method (see :mod:`geo.territory`). A snapshot is a picture of one date;
the timeline reads it backwards before that date and forwards after it, until an article or the
history speaks of the place. Most places (the villages, posts and wells of the countryside and the
desert) are never named in a report, so without this step they keep the snapshot's colours for
years: in 2015 the ground around Mosul, Ramadi or Palmyra would show who held it in mid-2017.

The rule: on a date, a cell whose state rests only on a snapshot, and is uncertain for it (read
backwards, or older than the timeline's ``UNCERTAIN_DAYS``), or is an old mark made ``unknown`` by
the end of its side's territory (rule 8 of :mod:`geo.timeline`), takes the side of the nearest cell
within :data:`FOLLOW_KM` whose state rests on dated evidence (an event, the area of a town's
event, a correction or an observation) that is closer in time to the date than the snapshot is.
The land between the villages followed the towns that changed hands around it. A state read
backwards from an event (the loser of a capture, before the capture) documents its ground for
:data:`FOLLOW_BACK_DAYS` only, the timeline's horizon of a sure state: "retaken from IS in May
2017" says IS held the town in the months before, not that it held the country around it two
years before, when the front was elsewhere.
Further back the place keeps its own state but paints no neighbour. A followed cell is
always *uncertain* (drawn faded and hatched); the places themselves keep their own states (popups,
exports and ``geo control`` still say what the snapshot says of them), only the ground is painted.
Only a side is followed, never ``contested`` or ``unknown``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from geo.evidence import UNCERTAIN_DAYS
from geo.factions import SIDES
from geo.models import PlaceState

if TYPE_CHECKING:
    import numpy as np

#: How far (km) a cell painted by a snapshot looks for a place whose state is documented.
FOLLOW_KM = 40.0
#: Kinds of evidence that document a place on a date (a snapshot does not: it is the fallback).
DOCUMENTED: frozenset[str] = frozenset({"event", "area", "correction", "observation"})
#: How long before its evidence a state read backwards still documents the ground around it: the
#: timeline's own horizon of a sure state (:data:`geo.evidence.UNCERTAIN_DAYS`).
FOLLOW_BACK_DAYS = UNCERTAIN_DAYS


def _documents(state: PlaceState) -> bool:
    """Whether a place's state documents its ground for the cells around it on its date."""
    if state.evidence not in DOCUMENTED or _ended(state):
        return False
    return not state.backwards or (state.age_days or 0) <= FOLLOW_BACK_DAYS


def _ended(state: PlaceState) -> bool:
    """Whether a state is an old mark undone by the end of its side's territory.

    Such a state says nothing of who holds the ground, so any documented neighbour is fresher.
    """
    return state.controller == "unknown" and state.evidence == "correction"


def _age(states: Sequence[PlaceState]) -> int:
    ages = [s.age_days for s in states if s.age_days is not None]
    return min(ages) if ages else 1 << 30


def followed_cells(
    points_m: np.ndarray,
    members: Sequence[tuple[str, ...]],
    controllers: Sequence[str],
    states: Mapping[str, PlaceState],
    *,
    follow_km: float = FOLLOW_KM,
) -> dict[int, str]:
    """Return the cells that follow a documented neighbour on the date of ``states``, and its side.

    Args:
        points_m: ``(n, 2)`` centre of every cell in metres (the equal-area projection).
        members: The places of every cell.
        controllers: The controller of every cell from its own places' states.
        states: Place id to state on the date.
        follow_km: How far to look (:data:`FOLLOW_KM`); 0 turns the rule off.

    Returns:
        Cell index to the side it takes, only for cells whose side changes.
    """
    import numpy as np
    import shapely

    if follow_km <= 0 or not len(members):
        return {}
    # The hot loop of every frame: the cells of one place (nearly all) are classified from
    # per-place columns, the few cells shared by several places one by one.
    never = 1 << 30
    single = [i for i, ids in enumerate(members) if len(ids) == 1]
    found = [states.get(members[i][0]) for i in single]
    evidence = [s.evidence if s is not None else "none" for s in found]
    ended = [s is not None and _ended(s) for s in found]
    is_documented = np.fromiter((s is not None and _documents(s) for s in found), bool,
                                len(found))
    is_painted = np.fromiter(
        (x or (e == "snapshot" and s is not None and s.uncertain)
         for e, s, x in zip(evidence, found, ended, strict=True)),
        bool, len(found))
    age = np.fromiter(
        (never if s is None or x or (a := s.age_days) is None else a
         for s, x in zip(found, ended, strict=True)), np.int64, len(found))
    cells = np.asarray(single, dtype=np.int64)
    sides = np.fromiter((controllers[i] in SIDES for i in single), bool, len(single))
    doc_mask = is_documented & sides
    classes: dict[int, tuple[bool, int]] = {}  # cell -> (documented, age), the shared cells
    for index, ids in enumerate(members):
        if len(ids) == 1:
            continue
        own = [s for s in (states.get(p) for p in ids) if s is not None and s.evidence != "none"]
        if not own:
            continue
        sure = [s for s in own if _documents(s)]
        if sure:
            if controllers[index] in SIDES:
                classes[index] = (True, _age(sure))
        elif all((s.evidence == "snapshot" and s.uncertain) or _ended(s) for s in own):
            classes[index] = (False, _age([s for s in own if not _ended(s)]))
    doc_cells = np.concatenate([cells[doc_mask], np.fromiter(
        (i for i, (d, _) in classes.items() if d), np.int64)])
    doc_ages = np.concatenate([age[doc_mask], np.fromiter(
        (a for d, a in classes.values() if d), np.int64)])
    paint_cells = np.concatenate([cells[is_painted], np.fromiter(
        (i for i, (d, _) in classes.items() if not d), np.int64)])
    paint_ages = np.concatenate([age[is_painted], np.fromiter(
        (a for d, a in classes.values() if not d), np.int64)])
    order = np.argsort(doc_cells, kind="stable")  # in cell order, as the tree always was
    documented, documented_age = doc_cells[order].tolist(), doc_ages[order]
    order = np.argsort(paint_cells, kind="stable")
    painted, painted_age = paint_cells[order].tolist(), paint_ages[order].tolist()
    if not documented or not painted:
        return {}
    tree = shapely.STRtree(shapely.points(points_m[documented]))
    targets = shapely.points(points_m[painted])
    found_painted, found_documented = tree.query_nearest(
        targets, max_distance=follow_km * 1000.0, all_matches=False
    )
    ages = documented_age
    out: dict[int, str] = {}
    for p, d in zip(found_painted.tolist(), found_documented.tolist(), strict=True):
        cell, neighbour = painted[p], documented[d]
        side = controllers[neighbour]
        if ages[d] < painted_age[p] and side != controllers[cell]:
            out[cell] = side
    return out


__all__ = ["DOCUMENTED", "FOLLOW_KM", "followed_cells"]

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
The land between the villages followed the towns that changed hands around it. A followed cell is
always *uncertain* (drawn faded and hatched); the places themselves keep their own states (popups,
exports and ``geo control`` still say what the snapshot says of them), only the ground is painted.
Only a side is followed, never ``contested`` or ``unknown``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from geo.factions import SIDES
from geo.models import PlaceState

if TYPE_CHECKING:
    import numpy as np

#: How far (km) a cell painted by a snapshot looks for a place whose state is documented.
FOLLOW_KM = 40.0
#: Kinds of evidence that document a place on a date (a snapshot does not: it is the fallback).
DOCUMENTED: frozenset[str] = frozenset({"event", "area", "correction", "observation"})


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
    documented: list[int] = []
    documented_age: list[int] = []
    painted: list[int] = []
    painted_age: list[int] = []
    for index, ids in enumerate(members):
        own = [s for s in (states.get(p) for p in ids) if s is not None and s.evidence != "none"]
        if not own:
            continue
        sure = [s for s in own if s.evidence in DOCUMENTED and s.controller != "unknown"]
        if sure:
            if controllers[index] in SIDES:
                documented.append(index)
                documented_age.append(_age(sure))
        elif all((s.evidence == "snapshot" and s.uncertain) or _ended(s) for s in own):
            painted.append(index)
            painted_age.append(_age([s for s in own if not _ended(s)]))
    if not documented or not painted:
        return {}
    tree = shapely.STRtree(shapely.points(points_m[documented]))
    targets = shapely.points(points_m[painted])
    found_painted, found_documented = tree.query_nearest(
        targets, max_distance=follow_km * 1000.0, all_matches=False
    )
    ages = np.asarray(documented_age)
    out: dict[int, str] = {}
    for p, d in zip(found_painted.tolist(), found_documented.tolist(), strict=True):
        cell, neighbour = painted[p], documented[d]
        side = controllers[neighbour]
        if ages[d] < painted_age[p] and side != controllers[cell]:
            out[cell] = side
    return out


__all__ = ["DOCUMENTED", "FOLLOW_KM", "followed_cells"]

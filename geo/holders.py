"""Who holds each piece of the territory on a date: steps 4b, 5 and 5b of the territory method.

A piece is the core of a place's cell or, where the place's reach grew with the emptiness
around it, the ring beyond its kind's reach (:mod:`geo.cells`). The core takes the controller
of its places (step 5), unless it only rests on a snapshot and follows a documented neighbour
(step 5b, :mod:`geo.backfill`). The ring takes the side of its core only when the place is part
of a network of that side (step 4b): at least :data:`geo.reach.NETWORK_MIN` of its
:data:`geo.reach.NETWORK_NEIGHBOURS` nearest places within :data:`geo.reach.NETWORK_KM` hold the
same side on the date. The empty land between places of one side is that side's; around a lone
outpost of a side (a base, a well or a desert village among the other side's places, or far from
any) it is presence, not control, and stays ``unknown``. See :mod:`geo.territory`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from geo.backfill import followed_cells
from geo.cells import cell_controller
from geo.factions import SIDES
from geo.models import PlaceState
from geo.territory_stats import CONTESTED, UNKNOWN

if TYPE_CHECKING:
    import numpy as np


class Holders:
    """The controllers of a territory model's pieces on a date (mixed into the model).

    Rows are the model's pieces (:attr:`members`); the cores of a one-country model come first,
    in cell order, then the rings (:attr:`core_of`).
    """

    members: list[tuple[str, ...]]
    parts: Mapping[str, Holders]
    follow_km: float
    #: Places of one side among the nearest that give a ring to that side (0: rings follow
    #: their core, the method without step 4b).
    network_min: int
    _points_m: np.ndarray
    _core_of: list[int]
    _neighbours: list[tuple[int, ...]]
    _followed: tuple[object, float, dict[int, str]] | None

    def __len__(self) -> int:
        return len(self.members)

    def own_controllers(self, states: Mapping[str, PlaceState]) -> list[str]:
        """Return the controller of every piece from its own places' states alone (step 5).

        A ring has the controller of its core here (step 4b is in :meth:`cell_controllers`).
        A place missing from ``states`` counts as ``unknown``.
        """
        out = []
        for ids in self.members:
            if len(ids) == 1:  # most cells: the state of their one place, as cell_controller
                state = states.get(ids[0])
                out.append(state.controller if state is not None else UNKNOWN)
            else:
                out.append(cell_controller(states.get(pid) for pid in ids))
        return out

    def followed(self, states: Mapping[str, PlaceState]) -> dict[int, str]:
        """Return the cores painted by a snapshot that follow a documented neighbour (step 5b).

        Piece index to the side it takes on the date of ``states``
        (:func:`geo.backfill.followed_cells`).
        """
        cached = self._followed
        if cached is not None and cached[0] is states and cached[1] == self.follow_km:
            return cached[2]
        found: dict[int, str] = {}
        if self.parts:  # each country apart: the border is a line no cell follows across
            offset = 0
            for part in self.parts.values():
                part.follow_km = self.follow_km
                found.update({offset + i: side for i, side in part.followed(states).items()})
                offset += len(part)
        elif len(self._points_m):
            cores = len(self._points_m)
            found = followed_cells(self._points_m, self.members[:cores],
                                   self.own_controllers(states)[:cores],
                                   states, follow_km=self.follow_km)
        self._followed = (states, self.follow_km, found)
        return found

    def cell_controllers(self, states: Mapping[str, PlaceState]) -> list[str]:
        """Return the controller of every piece on the date of ``states`` (rows of ``cells``).

        A core's own places decide (:meth:`own_controllers`), unless it only rests on a
        snapshot and follows a documented neighbour (:meth:`followed`). A ring takes its core's
        side when at least :attr:`network_min` of the place's nearest places hold that side,
        ``unknown`` otherwise (step 4b). A place missing from ``states`` counts as ``unknown``.
        """
        out = self.own_controllers(states)
        for index, side in self.followed(states).items():
            out[index] = side
        for index, core in enumerate(self._core_of):
            if core < 0:
                continue
            side = out[core]
            if side not in SIDES or (
                self.network_min > 0
                and sum(out[n] == side for n in self._neighbours[index]) < self.network_min
            ):
                side = UNKNOWN
            out[index] = side
        return out

    def _classes(
        self, states: Mapping[str, PlaceState], controllers: Sequence[str] | None = None
    ) -> tuple[dict[str, list[int]], dict[str, int]]:
        """Pieces per controller, and places per controller (each counted once, by its core)."""
        cells: dict[str, list[int]] = {}
        counts: dict[str, int] = {}
        if controllers is None:
            controllers = self.cell_controllers(states)
        for index, controller in enumerate(controllers):
            cells.setdefault(controller, []).append(index)
            if self._core_of[index] < 0:
                counts[controller] = counts.get(controller, 0) + len(self.members[index])
        return cells, counts

    def uncertain_cells(
        self, states: Mapping[str, PlaceState], controllers: Sequence[str] | None = None
    ) -> list[bool]:
        """Return, per piece, whether its side rests only on uncertain states.

        A core held by a side is uncertain when every place of it naming that side has
        ``PlaceState.uncertain`` set (old evidence, or a snapshot read backwards), and so is a
        core that follows a documented neighbour; a ring held by a side is uncertain when its
        core is; contested and unknown pieces never are. ``controllers`` is
        :meth:`cell_controllers` when known.
        """
        out = []
        if controllers is None:
            controllers = self.cell_controllers(states)
        followed = self.followed(states)
        for index, (ids, controller) in enumerate(zip(self.members, controllers, strict=True)):
            if controller in (CONTESTED, UNKNOWN):
                out.append(False)
                continue
            core = self._core_of[index]
            if core >= 0:
                out.append(out[core])
                continue
            if index in followed:
                out.append(True)
                continue
            named = [states[p] for p in ids if p in states and states[p].controller == controller]
            out.append(bool(named) and all(s.uncertain for s in named))
        return out


__all__ = ["Holders"]

"""The side of every territory cell on each date of a slider, kept as changes between dates.

A slider steps through hundreds or thousands of dates (the history a month a step, every event
date of the user's). Keeping the side of each of some 8,000 cells for every date held most of a
build's memory; :class:`CellSteps` takes the dates one at a time (:meth:`CellSteps.add`) and
keeps the first date's cells and, for each later date, only the cells that changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from geo.page import ordered_sides

if TYPE_CHECKING:
    import numpy as np

#: Suffix of the key of a cell whose side rests on uncertain evidence only.
UNCERTAIN_SUFFIX = "|u"

Tally = Sequence[tuple[str, float, float, int]]


def state_key(controller: str, uncertain: bool) -> str:
    """Return the key of a cell's state: the side, with ``|u`` when it is uncertain."""
    return controller + UNCERTAIN_SUFFIX if uncertain else controller


class CellSteps:
    """The cells' states of a slider's dates, added in date order, kept as diffs.

    Each cell's state is a key (:func:`state_key`): its side, marked when uncertain. Keys get
    codes in the order they are first met; :meth:`keys`, :meth:`init` and :meth:`diffs` give
    them in legend order, as the page stores them.
    """

    def __init__(self) -> None:
        self._sides: dict[str, int] = {}
        self._first: np.ndarray | None = None
        self._last: np.ndarray | None = None
        self._diffs: list[np.ndarray] = []  # per date: (cell, before, after) rows, first codes
        self.tallies: list[Tally] = []

    def __len__(self) -> int:
        return len(self._diffs)

    def add(self, controllers: Sequence[str], uncertain: Sequence[bool] | None = None,
            tally: Tally | None = None) -> None:
        """Add the next date: the controller of every cell, whether each is uncertain, its tally.

        Raises:
            ValueError: A date with another number of cells than the first.
        """
        import numpy as np

        for side in set(controllers) - set(self._sides):
            self._sides[side] = len(self._sides)
        sides = np.fromiter((self._sides[c] for c in controllers), np.int32, len(controllers))
        codes = sides * 2
        if uncertain is not None:
            codes += np.fromiter(uncertain, bool, len(controllers))
        if self._last is None:
            self._first = codes
            self._diffs.append(np.zeros((0, 3), np.int32))
        else:
            if len(codes) != len(self._last):
                raise ValueError(f"a date with {len(codes)} cells after one with "
                                 f"{len(self._last)}")
            cells = np.flatnonzero(codes != self._last)
            self._diffs.append(np.stack([cells, self._last[cells], codes[cells]], axis=1)
                               .astype(np.int32))
        self._last = codes
        if tally is not None:
            self.tallies.append(list(tally))

    def _order(self) -> tuple[list[str], list[str], dict[int, int]]:
        """The legend's sides, the keys in legend order, and each code's index among them."""
        import numpy as np

        used: set[int] = set()
        if self._first is not None:
            used.update(np.unique(self._first).tolist())
        for diff in self._diffs:
            if len(diff):
                used.update(np.unique(diff[:, 2]).tolist())
        names = {code: side for side, code in self._sides.items()}
        legend = ordered_sides({names[c] for c in self._sides.values()} | {"unknown"})
        order = {s: i for i, s in enumerate(legend)}
        keyed = {code: state_key(names[code // 2], bool(code % 2)) for code in used}
        keys = sorted(
            set(keyed.values()) | {"unknown"},
            key=lambda k: (order[k.removesuffix(UNCERTAIN_SUFFIX)], k.endswith(UNCERTAIN_SUFFIX)),
        )
        index = {k: i for i, k in enumerate(keys)}
        return legend, keys, {code: index[key] for code, key in keyed.items()}

    def payload(self) -> tuple[list[str], list[str], list[int], list[list[int]], int]:
        """Return what the page stores: legend sides, keys, first date, diffs, cells changed.

        The first date is each cell's key index; each later date is a flat list of
        ``cell, before, after`` triples (key indices), cells in order; the first date's is empty.

        Raises:
            ValueError: No date was added.
        """
        import numpy as np

        if self._first is None:
            raise ValueError("no date added")
        legend, keys, index = self._order()
        lookup = np.zeros(max(index) + 1, np.int32)
        for code, i in index.items():
            lookup[code] = i
        init = lookup[self._first].tolist()
        diffs: list[list[int]] = []
        changed = 0
        for diff in self._diffs:
            if len(diff):
                mapped = np.stack([diff[:, 0], lookup[diff[:, 1]], lookup[diff[:, 2]]], axis=1)
                diffs.append(mapped.ravel().tolist())
            else:
                diffs.append([])
            changed += len(diff)
        return legend, keys, init, diffs, changed

    @classmethod
    def of(cls, controllers: Iterable[Sequence[str]],
           uncertain: Iterable[Sequence[bool]] | None = None,
           tallies: Iterable[Tally] | None = None) -> CellSteps:
        """Return the steps of dates given all at once (rows of controllers, flags, tallies)."""
        steps = cls()
        rows = list(controllers)
        flags = list(uncertain) if uncertain is not None else [None] * len(rows)
        sums = list(tallies) if tallies is not None else [None] * len(rows)
        for row, marks, tally in zip(rows, flags, sums, strict=True):
            steps.add(row, marks, tally)
        return steps


__all__ = ["UNCERTAIN_SUFFIX", "CellSteps", "state_key"]

"""Unions of many territory cells, reused between dates that differ by a few places.

A side's ground on a date is the union of thousands of cells. Consecutive dates differ by a few
places, so :class:`TiledUnion` unions the cells of each tile of a fixed grid (and the tiles of
each block of tiles) apart and keeps those partial unions by their member sets: a date redoes only
the tiles where a place changed side, then joins the few tile unions. The grid is fixed and the
partial unions depend only on their members, so the result is a function of the cells alone, the
same whatever was drawn before (outputs stay byte-identical between runs).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

#: Tile sizes, in metres of the model's projection, from the finest to the coarsest.
TILE_SIZES_M: tuple[float, ...] = (25_000.0, 100_000.0)
#: Partial unions kept; past this the store is emptied (results do not depend on it). Only tile
#: and block unions are kept: a side's whole ground is large and seldom asked for twice, and
#: keeping it for every date of a long corpus held gigabytes.
MAX_CACHED = 20_000


class TiledUnion:
    """Unions of subsets of fixed pieces (shapely geometries), by tiles of a fixed grid.

    Args:
        pieces: The pieces (projected, in metres); a subset is given by their indices.
        tile_sizes: Grid sizes from the finest to the coarsest (:data:`TILE_SIZES_M`).
    """

    def __init__(
        self, pieces: Sequence[Any] | Any, tile_sizes: Sequence[float] = TILE_SIZES_M
    ) -> None:
        import numpy as np
        import shapely

        self._pieces = pieces
        self._sizes = tuple(sorted(tile_sizes, reverse=True))
        bounds = np.nan_to_num(shapely.bounds(np.asarray(pieces, dtype=object))) if len(
            pieces) else np.zeros((0, 4))
        self._tiles: list[tuple[tuple[int, int], ...]] = [
            tuple((math.floor((x0 + x1) / 2 / size), math.floor((y0 + y1) / 2 / size))
                  for size in self._sizes)
            for x0, y0, x1, y1 in bounds.tolist()
        ]
        self._cache: dict[tuple[int, ...], Any] = {}

    def union(self, indices: Sequence[int]) -> Any:
        """Return the union of the pieces at ``indices`` (an empty polygon for none)."""
        import shapely

        if not indices:
            return shapely.Polygon()
        return self._level(tuple(sorted(indices)), 0)

    def _level(self, indices: tuple[int, ...], level: int) -> Any:
        import shapely

        key = (*indices, -1 - level)
        hit = self._cache.get(key) if level else None
        if hit is not None:
            return hit
        if level == len(self._sizes):
            merged = shapely.union_all([self._pieces[i] for i in indices])
        else:
            groups: dict[tuple[int, int], list[int]] = {}
            for i in indices:
                groups.setdefault(self._tiles[i][level], []).append(i)
            parts = [self._level(tuple(groups[tile]), level + 1) for tile in sorted(groups)]
            merged = parts[0] if len(parts) == 1 else shapely.union_all(parts)
        if level:
            if len(self._cache) >= MAX_CACHED:
                self._cache.clear()
            self._cache[key] = merged
        return merged


__all__ = ["MAX_CACHED", "TILE_SIZES_M", "TiledUnion"]

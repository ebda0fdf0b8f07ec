"""Bisection down to adjacent floats, and the intervals where a predicate of x holds.

Floats are bisected through their ordinals (the int64 that orders doubles like
the numbers they stand for, consecutive floats being consecutive integers), so
each bracket shrinks to two neighbouring floats in at most 64 steps whatever
its scale, from 1e-300 to 1e300.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

Interval = tuple[float, float]


def to_ordinal(x: np.ndarray) -> np.ndarray:
    """Map floats to int64 in the same order, consecutive floats to consecutive integers."""
    bits = np.asarray(x, dtype=np.float64).view(np.int64)
    return np.where(bits < 0, -(bits & np.int64(0x7FFF_FFFF_FFFF_FFFF)), bits)


def from_ordinal(k: np.ndarray) -> np.ndarray:
    """The inverse of :func:`to_ordinal`."""
    return np.where(k < 0, (-k) | np.int64(-0x8000_0000_0000_0000), k).view(np.float64)


def refine(predicate: Callable[[np.ndarray], np.ndarray], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Bisect each bracket ``[left, right]`` whose ends the predicate tells apart down to
    two adjacent floats (at most 64 steps, all brackets at once); return the first
    float of the right side."""
    at_left = predicate(left)
    lo, hi = to_ordinal(left.copy()), to_ordinal(right.copy())
    while np.any(hi - lo > 1):
        mid = lo + (hi - lo) // 2
        same = predicate(from_ordinal(mid)) == at_left
        lo, hi = np.where(same, mid, lo), np.where(same, hi, mid)
    return from_ordinal(hi)


def intervals_where(predicate: Callable[[np.ndarray], np.ndarray], grid: np.ndarray) -> tuple[Interval, ...]:
    """Where ``predicate`` holds, as sorted disjoint intervals: each change of the
    predicate between neighbouring points of the sorted ``grid`` is refined to adjacent
    floats; beyond the grid the predicate is assumed to keep its value at the grid's
    ends (``-inf``/``inf`` mark those unbounded ends)."""
    inside = predicate(grid)
    change = np.flatnonzero(inside[1:] != inside[:-1])
    edges = refine(predicate, grid[change], grid[change + 1])
    bounds = [-math.inf] if inside[0] else []
    bounds += [float(e) for e in edges]
    if inside[-1]:
        bounds.append(math.inf)
    return tuple(zip(bounds[::2], bounds[1::2]))

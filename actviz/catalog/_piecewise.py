"""Building blocks for piecewise-linear and step activations.

A piecewise function's derivative is a constant on each piece; written as
``np.where(mask, 1.0, 0.0)`` it would turn nan into 0. These helpers keep nan.
"""

from __future__ import annotations

import numpy as np

from ._stable import nan_mark


def indicator(mask: np.ndarray, x: np.ndarray, value: float = 1.0) -> np.ndarray:
    """``value`` where ``mask`` holds, 0 where it does not, nan where x is nan.

    The mask added to :func:`nan_mark` (0, or nan where x is nan), in place: two nested
    np.where with scalar branches cost five times more (measured at 32768 values)."""
    result = nan_mark(x)
    np.add(result, mask, out=result)
    if value != 1.0:
        result *= value
    return result


def inside(x: np.ndarray, lower: float, upper: float) -> np.ndarray:
    """The open-interval mask ``lower < x < upper`` (False for nan)."""
    return (x > lower) & (x < upper)


def above_or(x: np.ndarray, threshold: float, value: float) -> np.ndarray:
    """x where x > threshold, ``value`` elsewhere, nan for nan (torch's Threshold).

    ``max(x, -MAX) [x > t] + value [x <= t]``: one term is 0, so the sum is exact, and
    clamping -inf to the most negative double keeps ``-inf * 0`` out. Arithmetic instead of
    np.where, which mispredicts on random data: 1e6 values 5.6 -> 2.9 ms.
    """
    result = np.maximum(x, -np.finfo(np.float64).max, out=np.empty_like(x))
    result *= x > threshold
    if value != 0.0:
        result += value * (x <= threshold)
    return result

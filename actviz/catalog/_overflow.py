"""Arithmetic that overflows honestly: ±inf where the true result is beyond the
largest double, without the RuntimeWarning numpy raises when an operation
overflows.

``exp(710)`` *is* infinite in float64 and so is ``2 * 1e308``; but kernels must
not raise warnings, so the inputs that overflow are recognised first (exactly,
at the last bit) and the operation is only evaluated on the others.
"""

from __future__ import annotations

import functools
import math
import struct
from collections.abc import Callable

import numpy as np

EXP_MAX = 709.782712893384
"""The largest double whose exp is finite (exp(EXP_MAX) = 1.7976931348622732e308);
its successor overflows. Checked in tests/test_catalog_rectifiers.py."""

_INF_BITS = 0x7FF0000000000000


def _from_bits(bits: int) -> float:
    return struct.unpack("<d", struct.pack("<q", bits))[0]


def _largest_finite_argument(g: Callable[[float], float]) -> float:
    """The largest t >= 0 with g(t) finite, for g increasing on [0, inf) with g(0)
    finite. Bisection over the bit patterns of the non-negative doubles (ordered
    like the numbers themselves); Python float arithmetic gives inf on overflow,
    never a warning, and rounds exactly as numpy does."""
    lo, hi = 0, _INF_BITS
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if math.isfinite(g(_from_bits(mid))):
            lo = mid
        else:
            hi = mid
    return _from_bits(lo)


@functools.lru_cache(maxsize=64)
def _times_edge(c: float) -> float:
    return _largest_finite_argument(lambda t: c * t)


@functools.lru_cache(maxsize=64)
def _scaled_square_edge(c: float) -> float:
    return _largest_finite_argument(lambda t: (c * t) * t)


def exp(x: np.ndarray) -> np.ndarray:
    r""":math:`e^x`, and +inf without a warning for x > EXP_MAX."""
    return np.where(x > EXP_MAX, np.inf, np.exp(np.minimum(x, EXP_MAX)))


def times(c: float, x: np.ndarray) -> np.ndarray:
    r""":math:`c\,x` for a parameter c: ±inf where the product overflows, and exactly
    0 for c = 0 (the limit, where ``0 * inf`` would be nan); nan stays nan."""
    if c == 0.0:
        return np.where(np.isnan(x), x, 0.0)
    if abs(c) <= 1.0:
        return c * x
    big = np.abs(x) > _times_edge(abs(c))
    return np.where(big, np.copysign(np.inf, x) * math.copysign(1.0, c), c * np.where(big, 0.0, x))


def scaled_square(c: float, x: np.ndarray) -> np.ndarray:
    r""":math:`c\,x^2` for a parameter c > 0, evaluated as ``(c * x) * x`` (no
    intermediate overflow when c < 1); +inf where it overflows; nan stays nan."""
    big = np.abs(x) > _scaled_square_edge(c)
    small = np.where(big, 0.0, x)
    return np.where(big, np.inf, (c * small) * small)

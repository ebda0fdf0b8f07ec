"""Arithmetic that overflows honestly: ±inf where the true result is beyond the
largest double, without the RuntimeWarning numpy raises when an operation
overflows.

``exp(710)`` *is* infinite in float64 and so is ``2 * 1e308``; but kernels must
not raise warnings, so the inputs that overflow are recognised first (exactly,
at the last bit) and the operation is only evaluated on the others.

``multiply``, ``divide`` and ``add`` do the same for two arrays (products like
x * g(x) and w * x + b), deciding overflow from the binary exponents.
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

EXP_MAX_FLOAT32 = 88.72283172607422
"""The largest float32 whose exp is finite in float32 (e^x = 3.40279854e38, mpmath); its successor's
exp, 3.40282450e38, is beyond 2**128 - 2**103 and rounds to inf."""

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


_FLOAT32_ROUNDS_TO_INF = 2.0**128 - 2.0**103  # float32's largest number plus half its ulp


@functools.lru_cache(maxsize=64)
def _times_edge_float32(c: float) -> float:
    """The largest float32 t with float32(c) * t finite in float32, for c > 1: that product is
    exact in float64 (24 + 24 bits) and overflows when it reaches 2**128 - 2**103."""
    c32 = float(np.float32(c))
    t = np.float32(float(np.finfo(np.float32).max) / c32)
    while c32 * float(t) >= _FLOAT32_ROUNDS_TO_INF:
        t = np.nextafter(t, np.float32(0.0))
    while c32 * float(np.nextafter(t, np.float32(np.inf))) < _FLOAT32_ROUNDS_TO_INF:
        t = np.nextafter(t, np.float32(np.inf))
    return float(t)


@functools.lru_cache(maxsize=64)
def _scaled_square_edge(c: float) -> float:
    return _largest_finite_argument(lambda t: (c * t) * t)


def exp(x: np.ndarray) -> np.ndarray:
    r""":math:`e^x`, and +inf without a warning for x > EXP_MAX (EXP_MAX_FLOAT32 for float32 x)."""
    edge = EXP_MAX_FLOAT32 if x.dtype == np.float32 else EXP_MAX
    return np.where(x > edge, np.inf, np.exp(np.minimum(x, edge)))


def times(c: float, x: np.ndarray) -> np.ndarray:
    r""":math:`c\,x` for a parameter c: ±inf where the product overflows (in x's dtype: float64,
    or float32 for the native float32 kernels), and exactly 0 for c = 0 (the limit, where
    ``0 * inf`` would be nan); nan stays nan."""
    if c == 0.0:
        return np.where(np.isnan(x), x, 0.0)
    if abs(c) <= 1.0:
        return c * x
    edge = _times_edge_float32(abs(c)) if x.dtype == np.float32 else _times_edge(abs(c))
    big = np.abs(x) > edge
    if not big.any():  # the usual case: one product (the wheres cost 3 times more)
        return c * x
    return np.where(big, np.copysign(np.inf, x) * math.copysign(1.0, c), c * np.where(big, 0.0, x))


def scaled_square(c: float, x: np.ndarray) -> np.ndarray:
    r""":math:`c\,x^2` for a parameter c > 0, evaluated as ``(c * x) * x`` (no
    intermediate overflow when c < 1); +inf where it overflows; nan stays nan."""
    big = np.abs(x) > _scaled_square_edge(c)
    if not big.any():  # the usual case: two products, no where
        return (c * x) * x
    small = np.where(big, 0.0, x)
    return np.where(big, np.inf, (c * small) * small)


_MAX_EXPONENT = 1024  # every finite double is m * 2**e with 0.5 <= |m| < 1 and e <= 1024


def multiply(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    r"""The product :math:`u v`, elementwise and broadcast, with two conventions.

    A finite product beyond the largest double is ±inf (its correct rounding),
    and :math:`0 \cdot (\pm\infty) = 0`: the callers multiply x by a factor that
    vanishes faster than 1/x as x goes to an infinity (a gate, a derivative),
    so the limit of the product there is 0. nan stays nan.

    With :math:`u = m_u 2^{e_u}` and :math:`v = m_v 2^{e_v}` (``frexp``) the
    product is :math:`m 2^{e_u + e_v}` with :math:`m = m_u m_v` rounded once;
    it overflows exactly when the exponent of m plus :math:`e_u + e_v` exceeds 1024.
    """
    u, v = np.broadcast_arrays(np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64))
    zero_times_inf = ((u == 0) & np.isinf(v)) | (np.isinf(u) & (v == 0))
    finite = np.isfinite(u) & np.isfinite(v)
    mu, eu = np.frexp(np.where(finite, u, 1.0))
    mv, ev = np.frexp(np.where(finite, v, 1.0))
    _, em = np.frexp(mu * mv)  # |mu * mv| is in [1/4, 1): never overflows
    overflow = finite & (eu + ev + em > _MAX_EXPONENT)
    ordinary = ~(overflow | zero_times_inf)
    result = np.where(overflow, np.copysign(np.inf, np.sign(u) * np.sign(v)), 0.0)
    return np.multiply(u, v, out=result, where=ordinary)


def divide(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    r"""The quotient :math:`u / v` for finite nonzero v, elementwise and broadcast, ±inf where it overflows.

    As in :func:`multiply`: :math:`u/v = (m_u/m_v)\,2^{e_u - e_v}` with
    :math:`|m_u/m_v| \in (1/2, 2)`, so overflow is decided from the exponents.
    Callers divide by a temperature, never by 0 or ±inf.
    """
    u, v = np.broadcast_arrays(np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64))
    finite = np.isfinite(u) & np.isfinite(v)
    mu, eu = np.frexp(np.where(finite, u, 1.0))
    mv, ev = np.frexp(np.where(finite & (v != 0), v, 1.0))
    _, eq = np.frexp(mu / mv)
    overflow = finite & (u != 0) & (v != 0) & (eu - ev + eq > _MAX_EXPONENT)
    result = np.where(overflow, np.copysign(np.inf, np.sign(u) * np.sign(v)), 0.0)
    return np.divide(u, v, out=result, where=~overflow)


def add(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    r"""The sum :math:`u + v`, elementwise and broadcast, ±inf where a finite sum overflows.

    The half sum :math:`u/2 + v/2` never overflows and, for normal numbers, is
    the correctly rounded :math:`(u + v)/2`; so :math:`u + v` overflows exactly
    when the half sum reaches :math:`2^{1023}` (subnormal terms are too small to
    overflow anything). ``inf + (-inf)`` is nan, as in IEEE arithmetic, and warns:
    callers never add infinities of opposite signs.
    """
    u, v = np.broadcast_arrays(np.asarray(u, dtype=np.float64), np.asarray(v, dtype=np.float64))
    half = 0.5 * u + 0.5 * v
    overflow = np.isfinite(u) & np.isfinite(v) & (np.abs(half) >= 2.0 ** (_MAX_EXPONENT - 1))
    result = np.where(overflow, np.copysign(np.inf, half), 0.0)
    return np.add(u, v, out=result, where=~overflow)

"""Numerics shared by the smooth catalogue families: double-double arithmetic on
arrays (a value carried as hi + lo, about 106 bits), Horner polynomials with their
first two derivatives, and evaluation by region (each kernel on its own elements).

The error-free transformations these build on (two_sum, two_prod, dd_add, dd_mul)
are in :mod:`._stable`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import _stable

DoubleDouble = tuple[np.ndarray, np.ndarray]
Kernel = Callable[..., np.ndarray]


def huge(x: np.ndarray) -> float:
    """A magnitude far beyond every gate's saturation and far below x's dtype's largest
    number: 1e300 for float64 kernels, 1e30 for native float32 ones (2^128 = 3.4e38)."""
    return 1e300 if x.dtype == np.float64 else 1e30


def scaled(x: np.ndarray, b: float) -> np.ndarray:
    """b x, with |x| first clamped where b x would overflow (every gate is saturated long before);
    for b = 1 the clamped x itself (a new array), without a pass multiplying by 1."""
    limit = huge(x) / max(b, 1.0)
    clamped = np.clip(x, -limit, limit)
    return clamped if b == 1.0 else b * clamped


def dd(value: float, low: float, like: np.ndarray) -> DoubleDouble:
    """The double-double constant value + low, broadcast like ``like``."""
    return np.full_like(like, value), np.full_like(like, low)


def dd_neg(a: DoubleDouble) -> DoubleDouble:
    """-(a_hi + a_lo), exactly."""
    return -a[0], -a[1]


def dd_quotient(numerator: DoubleDouble, denominator: DoubleDouble) -> np.ndarray:
    """A double-double numerator over a double-double denominator, rounded to double (~1.5 ulp)."""
    return (numerator[0] + numerator[1]) / (denominator[0] + denominator[1])


def over_dd(a: np.ndarray, b: DoubleDouble) -> DoubleDouble:
    """a / (b_hi + b_lo) as a double-double for a double a (one correction step of the division)."""
    q = a / b[0]
    p, p_lo = _stable.two_prod(q, b[0])
    return q, (((a - p) - p_lo) - q * b[1]) / b[0]


def ratio_dd(e: np.ndarray) -> DoubleDouble:
    """e/(1 + e) as a double-double (1 + e summed exactly)."""
    return over_dd(e, _stable.two_sum(np.ones_like(e), e))


def dd_times(a: DoubleDouble, x: np.ndarray, x_split: DoubleDouble) -> DoubleDouble:
    """(a_hi + a_lo) x for a double x with its split given: _stable.dd_mul(a, (x, 0)) without the zero terms."""
    p, e = _stable.two_prod_split(a[0], x, x_split)
    e = e + a[1] * x
    hi = p + e
    return hi, e - (hi - p)


def dd_plus(a: DoubleDouble, c: float | np.ndarray) -> DoubleDouble:
    """(a_hi + a_lo) + c for a double c: _stable.dd_add(a, (c, 0)) without the zero term."""
    s, e = _stable.two_sum(a[0], c)
    e = e + a[1]
    hi = s + e
    return hi, e - (hi - s)


def horner(t: np.ndarray, coefficients: tuple[float, ...]) -> np.ndarray:
    """p(t) = c_0 t^n + c_1 t^{n-1} + ... + c_n by Horner's scheme in place on one array,
    ``coefficients`` highest power first (mpmath.chebyfit's order); t's dtype is kept."""
    total = np.full_like(t, coefficients[0])
    for coefficient in coefficients[1:]:
        total *= t
        total += coefficient
    return total


def polynomial(coefficients: tuple[float, ...], x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """p(x), p'(x), p''(x) by Horner's scheme, ``coefficients`` in ascending order."""
    p = np.full_like(x, coefficients[-1])
    d1 = np.zeros_like(x)
    d2 = np.zeros_like(x)
    for c in reversed(coefficients[:-1]):
        d2 = d2 * x + 2.0 * d1
        d1 = d1 * x + p
        p = p * x + c
    return p, d1, d2


def polynomial_dd(coefficients: tuple[float, ...], x: np.ndarray, order: int) -> list[DoubleDouble]:
    """[p, p', p''][: order + 1] at the double x, by Horner's scheme in double-double (x split once)."""
    zero = np.zeros_like(x)
    x_split = _stable.split(x)
    p = (np.full_like(x, coefficients[-1]), zero)
    d1 = (zero, zero)
    d2 = (zero, zero)
    for c in reversed(coefficients[:-1]):
        if order >= 2:
            d2 = _stable.dd_add(dd_times(d2, x, x_split), (2.0 * d1[0], 2.0 * d1[1]))
        if order >= 1:
            d1 = _stable.dd_add(dd_times(d1, x, x_split), p)
        p = dd_plus(dd_times(p, x, x_split), np.full_like(x, c))
    return [p, d1, d2][: order + 1]


def quotient(p, p1, p2, q, q1, q2):  # noqa: ANN001, ANN202 - arrays in, arrays out
    """(p/q, (p/q)', (p/q)'') by the quotient rule."""
    f = p / q
    f1 = (p1 - f * q1) / q
    return f, f1, (p2 - 2.0 * f1 * q1 - f * q2) / q


def by_region(u: np.ndarray, regions: list[tuple[np.ndarray, Kernel]], otherwise: Kernel) -> np.ndarray:
    """kernel(u) on each region (a boolean mask; the regions are disjoint), ``otherwise`` on the rest.

    Each kernel sees only its own elements (gathered, then scattered back), instead
    of every kernel running on every element under np.where: a kernel that costs
    ten exponentials is paid only where it is needed.
    """
    flat = u.reshape(-1)
    result = np.empty_like(flat)
    rest = np.ones(flat.shape, dtype=bool)
    for mask, kernel in regions:
        mask = mask.reshape(-1)
        if mask.any():
            result[mask] = kernel(flat[mask])
        rest &= ~mask
    if rest.any():
        result[rest] = otherwise(flat[rest])
    return result.reshape(u.shape)

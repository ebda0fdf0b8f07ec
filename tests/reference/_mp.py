"""mpmath helpers shared by the reference definitions: extra working bits where a
paper's formula cancels, and special functions cut where mpmath would fail or crawl."""

from __future__ import annotations

import mpmath as mp


def guard(bits: float) -> mp.workprec:
    """A context adding ``bits`` working bits (at most 4200) on top of the current precision."""
    return mp.workprec(mp.mp.prec + 32 + int(min(bits, 4200)))


def erf(z):
    """erf(z), taken as 1 for z > 27: there 1 - erf(z) < e^{-z^2} < 1e-316, and every
    derivative of x erf(...) it feeds stays below the smallest normal double, where
    the tables compare in absolute terms. (mpmath's erf also fails for z > ~1e9 and
    is slow at the thousands of bits the tables need around z = 30.)"""
    return mp.mpf(1) if z > 27 else mp.erf(z)


def tanh(z):
    """tanh(z), taken as ±1 for |z| > 400 (1 - |tanh z| < 2 e^{-800}, below anything the tables
    resolve; mpmath runs out of memory on tanh(e^(1e300)))."""
    if abs(z) > 400:
        return mp.mpf(1) if z > 0 else mp.mpf(-1)
    return mp.tanh(z)


def ncdf(x):
    """The normal CDF Phi(x) (mpmath's ncdf), cut where it is 0 or 1 to 10^18 digits."""
    if abs(x) > 1e9:
        return mp.mpf(1) if x > 0 else mp.mpf(0)
    return mp.ncdf(x)


def cancel_bits(x) -> int:
    """Bits lost when two terms of size ~x^2 cancel down to size ~1 (or ~x^2 down to 1)."""
    return 2 * abs(int(mp.mag(x))) if x else 0

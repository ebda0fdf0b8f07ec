"""mpmath references for actviz.catalog.kernel_friendly (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference

# Tails cut where the jump the cut makes, divided by h^3 (the step of the third difference,
# h ~ |x| 2^-153), is still below 2^-1080, what the tables resolve: otherwise the step
# refinement near the cut never converges; and a cut must not sit on a grid point (33.0 and 47.0
# are), where every refinement straddles it. mpmath's ncdf overflows converting its series
# bound near 1e308, and both are slow at the thousands of bits the tails need.


def _erf(z):
    """erf(z) for z >= 0, taken as 1 beyond 33.3 (1 - erf(33.3) < 1e-483)."""
    return mp.mpf(1) if z > 33.3 else mp.erf(z)


def _ncdf(x):
    """Phi(x), taken as 0 or 1 beyond |x| = 47.3 (Phi(-47.3) < 1e-488)."""
    if abs(x) > 47.3:
        return mp.mpf(1) if x > 0 else mp.mpf(0)
    return mp.ncdf(x)


@reference("erf", extra_points=[0.7071067811865476, 26.0, 26.6, -26.6])
def erf(x):
    # Williams (1997): erf(x) = 2/sqrt(pi) int_0^x exp(-t^2) dt
    return _erf(x) if x >= 0 else -_erf(-x)


@reference("probit", extra_points=[1.0, -1.0, -37.5, -38.5, 38.5])
def probit(x):
    # Bliss (1934): the standard normal CDF Phi(x)
    return _ncdf(x)


@reference("abs")
def abs_(x):
    return abs(x)


@reference("square")
def square(x):
    # Livni et al. (2014): x^2
    return x**2


@reference("cube")
def cube(x):
    # Chen & Manning (2014), eq. 1: x^3
    return x**3


@reference("repu", cases=[{"power": 2.0}, {"power": 7.0}])
def repu(x, power=3.0):
    # Li, Tang & Yu (2020): max(0, x)^s
    return x ** int(power) if x > 0 else mp.mpf(0)


@reference("two_slope_relu", cases=[{"a": 0.0, "b": 1.0}, {"a": -1.0, "b": 1.0}, {"a": 3.0, "b": -2.5}])
def two_slope_relu(x, a=-0.5, b=1.0):
    # Novak et al. (2020), stax.ABRelu: a min(x, 0) + b max(x, 0)
    return mp.mpf(a) * min(x, 0) + mp.mpf(b) * max(x, 0)


@reference("cos", has_limits=False, oscillating=True, extra_points=[1.5707963267948966, 3.141592653589793])
def cos(x):
    # Rahimi & Recht (2007): cos(x)
    return mp.cos(x)

"""mpmath references for actviz.catalog.sinc_units (definitions from the paper, sinc = sin(x)/x)."""

from __future__ import annotations

import mpmath as mp

from . import _mp, reference

_NEAR_PI = [3.141592653589793, 3.1415926535897936, 3.1415926535897927, 2.141592653589793, 4.141592653589793]


@reference("ssu", oscillating=True, extra_points=_NEAR_PI + [-3.141592653589793, 6.283185307179586])
def ssu(x):
    # Noel et al. (2021): pi sinc(x - pi), sinc(z) = sin(z)/z (mpmath's sinc, 1 at z = 0)
    return mp.pi * mp.sinc(x - mp.pi)


@reference("dsu", oscillating=True, extra_points=_NEAR_PI + [-p for p in _NEAR_PI] + [4.15, -4.15])
def dsu(x):
    # Noel et al. (2021): (pi/2)(sinc(x - pi) - sinc(x + pi)); the two sincs agree to ~|x| / pi
    # digits far out, so the difference is taken with that many extra bits
    with _mp.guard(_mp.cancel_bits(x)):
        return mp.pi / 2 * (mp.sinc(x - mp.pi) - mp.sinc(x + mp.pi))

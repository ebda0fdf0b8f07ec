"""mpmath references for actviz.catalog.shrinkage (definitions from torch's
documentation and the thresholding papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("tanhshrink", extra_points=[1.0, 0.999, 1.001, 1e-5, 1e-3, 0.3])
def tanhshrink(x):
    # x - tanh x cancels to ~x^3/3 near 0: carry enough extra bits (2 log2(1/|x|)) that the
    # textbook difference stays exact to 40 digits.
    extra = 2 * max(0, -int(mp.mag(x))) + 16 if x else 16
    with mp.extraprec(extra):
        return +(x - mp.tanh(x))


@reference("softshrink", cases=[{"lambd": 0.0}, {"lambd": 1.3}])
def softshrink(x, lambd=0.5):
    # Donoho (1995): eta_S(x) = sign(x) (|x| - lambd)_+
    if x > lambd:
        return x - lambd
    if x < -lambd:
        return x + lambd
    return mp.mpf(0)


@reference("hardshrink", cases=[{"lambd": 0.0}, {"lambd": 1.3}])
def hardshrink(x, lambd=0.5):
    # Donoho & Johnstone (1994): eta_H(x) = x 1[|x| > lambd]
    return x if abs(x) > lambd else mp.mpf(0)

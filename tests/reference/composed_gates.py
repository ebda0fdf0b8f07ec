"""mpmath references for actviz.catalog.composed_gates (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference
from .kernel_friendly import _ncdf


def _tanh(z):
    """tanh(z), taken as ±1 beyond |z| = 400.3 (1 - tanh < 2e^{-800}; mpmath is slow on huge z)."""
    return mp.sign(z) if abs(z) > 400.3 else mp.tanh(z)


@reference("phish", extra_points=[-0.8, -1.0, -1.2, -2.0, -5.0])
def phish(x):
    # Naveen (2022): x tanh(GELU(x)), GELU(x) = x Phi(x)
    return x * _tanh(x * _ncdf(x))


@reference("gish", extra_points=[-0.5, -1.0, -1.5, -2.0, -5.0])
def gish(x):
    # Kaytan et al. (2023), eq. 6: x ln(2 - e^{-e^x}), written ln(1 - expm1(-e^x)) (the same number;
    # 2 - e^{-e^x} = 1 + e^x... would need |x| bits to hold the e^x); cut at x > 41.3, where
    # e^{-e^x} < 10^(-3.7e17) (mpmath cannot form e^{-e^{1e308}})
    if x > 41.3:
        return x * mp.log(2)
    return x * mp.log1p(-mp.expm1(-mp.exp(x)))

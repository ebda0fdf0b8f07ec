"""mpmath references for actviz.catalog.gated (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("eswish", cases=[{"beta": 1.0}, {"beta": 2.0}], extra_points=[-1.2785, -2.3994])
def eswish(x, beta=1.375):
    # Alcaide (2018), eq. 1: beta x sigma(x)
    return mp.mpf(beta) * x / (1 + mp.exp(-x))


@reference("telu", extra_points=[-1.5, -2.0])
def telu(x):
    # Fernandez & Mali (2024), eq. 1: x tanh(e^x); tanh taken as 1 beyond 400 (mpmath cannot
    # form tanh(e^{1e308}); 1 - tanh(400) < e^{-800})
    e = mp.exp(x)
    return x * (mp.mpf(1) if e > 400 else mp.tanh(e))


@reference("acon_c", cases=[{"p1": 1.0, "p2": 0.0, "beta": 1.0}, {"p1": 3.0, "p2": 0.01, "beta": 20.0}, {"p1": 0.5, "p2": 0.5, "beta": 1e-3}],
           extra_points=[-1.28, -2.0, -3.0, -5.0])
def acon_c(x, p1=1.0, p2=0.25, beta=1.0):
    # Ma et al. (2021), eq. 7: (p1 - p2) x sigma(beta (p1 - p2) x) + p2 x
    p1, p2, beta = mp.mpf(p1), mp.mpf(p2), mp.mpf(beta)
    return (p1 - p2) * x / (1 + mp.exp(-beta * (p1 - p2) * x)) + p2 * x


@reference("golu", extra_points=[-0.5671432904097838, -0.56, -0.58, -1.0, -6.5, -6.7, -7.0])
def golu(x):
    # Das et al. (2025), eq. 1: x exp(-exp(-x)) (extra points: the minimum at x e^{-x} = -1, the underflow
    # edge); taken as 0 below -41.3 (exp(-e^{41.3}) < 10^(-3.7e17); mpmath cannot form exp(-exp(1e308)))
    if x < -41.3:
        return mp.mpf(0)
    return x * mp.exp(-mp.exp(-x))

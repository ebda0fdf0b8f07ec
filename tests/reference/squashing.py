"""mpmath references for actviz.catalog.squashing (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("bipolar_sigmoid")
def bipolar_sigmoid(x):
    # Fausett (1994): (1 - e^{-x})/(1 + e^{-x}); written with e^{-|x|} so mpmath never forms e^{1e308}
    # (the same number: (1 - e^{x})/(1 + e^{x}) = -(1 - e^{-x})/(1 + e^{-x}) with x -> -x)
    e = mp.exp(-abs(x))
    return mp.sign(x) * -mp.expm1(-abs(x)) / (1 + e)


@reference("cloglog", extra_points=[0.0, -1e-8, 1e-8, 3.0, 6.0, 6.6, 39.9])
def cloglog(x):
    # Gomes, Ludermir & Lima (2011): 1 - exp(-exp(x)); cut at x > 40 (1 - f < e^{-2e17})
    if x > 40:
        return mp.mpf(1)
    return -mp.expm1(-mp.exp(x))


@reference("sqnl")
def sqnl(x):
    # Wuraola & Patel (2018), eq. 1
    if x > 2:
        return mp.mpf(1)
    if x >= 0:
        return x - x**2 / 4
    if x >= -2:
        return x + x**2 / 4
    return mp.mpf(-1)


@reference("smooth_step", cases=[{"gamma": 1e-90}, {"gamma": 3.0}, {"gamma": 1e90}])
def smooth_step(x, gamma=1.0):
    # Hazimeh et al. (2020), eq. 2
    gamma = mp.mpf(gamma)
    if x <= -gamma / 2:
        return mp.mpf(0)
    if x >= gamma / 2:
        return mp.mpf(1)
    return -2 * x**3 / gamma**3 + 3 * x / (2 * gamma) + mp.mpf(1) / 2


@reference("penalized_tanh", cases=[{"a": 0.0}, {"a": 1.0}])
def penalized_tanh(x, a=0.25):
    # Xu, Huang & Li (2016): tanh(x) for x > 0, a tanh(x) otherwise; tanh taken as ±1 beyond 400
    t = mp.sign(x) if abs(x) > 400 else mp.tanh(x)
    return t if x > 0 else mp.mpf(a) * t

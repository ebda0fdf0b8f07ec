"""mpmath references for actviz.catalog.waves_and_gates (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("pflu", extra_points=[-0.5, -1.0, -2.0, -1e8])
def pflu(x):
    # Zhu et al. (2021), eq. 1: x (1 + x/sqrt(1 + x^2))/2, as in the authors' code. Written
    # x/(2 sqrt(1 + x^2) (sqrt(1 + x^2) - x)) for x < 0 (the same number: (s + x)(s - x) = 1 with
    # s = sqrt(1 + x^2)) so that mpmath needs no extra digits for the cancellation
    s = mp.sqrt(1 + x * x)
    if x < 0:
        return x / (2 * s * (s - x))
    return x * (1 + x / s) / 2


@reference("fpflu", extra_points=[-1.0, -1.7320508075688772, -0.5, -2.0, -1e10, -1e160])
def fpflu(x):
    # Zhu et al. (2021): max(x, x/(1 + x^2)), as in the authors' code; x for x >= 0
    return x if x >= 0 else x / (1 + x * x)


@reference(
    "cauchy",
    cases=[
        {"lambda1": 2.0, "lambda2": -3.0, "d": 0.5},
        {"lambda1": 0.0, "lambda2": 100.0, "d": 0.01},
        {"lambda1": -100.0, "lambda2": 1.0, "d": 100.0},
    ],
    extra_points=[1.5, -1.0, 1.0, 0.01, 100.0, -0.01],
)
def cauchy(x, lambda1=1.0, lambda2=1.0, d=1.0):
    # Li, Xia & Zhang (2024): (lambda1 x + lambda2)/(x^2 + d^2)
    return (mp.mpf(lambda1) * x + mp.mpf(lambda2)) / (x * x + mp.mpf(d) ** 2)


@reference("tent", cases=[{"delta": 0.5}, {"delta": 1e-3}, {"delta": 1e3}], extra_points=[0.999, 1.001, -0.999, -1.001])
def tent(x, delta=1.0):
    # Rozsa & Boult (2019), eq. 1: max(0, delta - |x|)
    return max(mp.mpf(0), mp.mpf(delta) - abs(x))


@reference(
    "isigmoid",
    cases=[{"a": 1.0, "alpha": 0.0}, {"a": 40.0, "alpha": 1.0}, {"a": 0.0, "alpha": 0.5}],
    extra_points=[-7.74, -7.7425873, -2.9, -3.1, 2.9, 3.1],  # -7.7426: the left tail crosses 0 (a = 3, alpha = 0.01)
)
def isigmoid(x, a=3.0, alpha=0.01):
    # Qin, Wang & Zou (2019): sigma(x) on [-a, a], sigma(±a) + alpha (x ∓ a) beyond (the authors' code
    # continues sigma(±a) with slope alpha the same way)
    a, alpha = mp.mpf(a), mp.mpf(alpha)
    if x > a:
        return 1 / (1 + mp.exp(-a)) + alpha * (x - a)
    if x < -a:
        return 1 / (1 + mp.exp(a)) + alpha * (x + a)
    return 1 / (1 + mp.exp(-x))

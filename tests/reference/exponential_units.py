"""mpmath references for actviz.catalog.exponential_units (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("serlu", cases=[{"lambd": 1.0, "alpha": 1.0}, {"lambd": 1000.0, "alpha": 1e-3}], extra_points=[-1.0, -2.0, -0.999, -1.001])
def serlu(x, lambd=1.07862, alpha=2.90427):
    # Zhang & Li (2018), eq. 4: lambda x (x >= 0), lambda alpha x e^x (x < 0)
    lambd, alpha = mp.mpf(lambd), mp.mpf(alpha)
    return lambd * x if x >= 0 else lambd * alpha * x * mp.exp(x)


@reference("hexpo", cases=[{"a": 2.0, "b": 0.5, "c": 0.3, "d": 3.0}, {"a": 1e3, "b": 1e-3, "c": 1e-3, "d": 1e3}])
def hexpo(x, a=1.0, b=1.0, c=1.0, d=1.0):
    # Kong & Takatsuka (2017), eq. 1
    a, b, c, d = (mp.mpf(v) for v in (a, b, c, d))
    return -a * mp.expm1(-x / b) if x >= 0 else c * mp.expm1(x / d)


@reference("pdelu", cases=[{"alpha": 0.5, "t": 0.6}, {"alpha": 2.0, "t": 0.999}], extra_points=[-9.99, -9.9, -5.0, -1e-3])
def pdelu(x, alpha=1.0, t=0.9):
    # Cheng et al. (2020), eq. 5: alpha ([1 + (1 - t) x]_+^{1/(1 - t)} - 1) for x <= 0
    if x > 0:
        return x
    alpha, t = mp.mpf(alpha), mp.mpf(t)
    base = 1 + (1 - t) * x
    return alpha * ((base ** (1 / (1 - t)) if base > 0 else 0) - 1)

"""mpmath references for actviz.catalog.trainable_units (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import _mp, reference


@reference("smu", cases=[{"alpha": 0.25, "mu": 1e-3}],
           extra_points=[-1e-6, 1e-6, -2e-6, -0.5, -2.0])
def smu(x, alpha=0.25, mu=1e6):
    # Biswas et al. (2022), eq. for the smoothed leaky ReLU: ((1 + alpha) x + (1 - alpha) x erf(mu (1 - alpha) x))/2.
    # Left of 0 written (identically) alpha x + (1 - alpha) x erfc(-z)/2, z = mu (1 - alpha) x: 1 + erf(z)
    # cancels there, and mpmath's erf crawls at z = -1e300; erfc(-z) < 2e-393 is taken as 0 below z = -30
    # (that term and its derivatives, ~mu^k |z|^3 erfc(-z), stay below 2**-1080 there, all a float64 sees)
    alpha, mu = mp.mpf(alpha), mp.mpf(mu)
    z = mu * (1 - alpha) * x
    if x >= 0:
        return ((1 + alpha) * x + (1 - alpha) * x * _mp.erf(z)) / 2
    tail = mp.erfc(-z) if z > -30 else mp.mpf(0)
    return alpha * x + (1 - alpha) * x * tail / 2


@reference("smu1", cases=[{"alpha": 0.0, "mu": 1.0}, {"alpha": 0.5, "mu": 3.0}, {"alpha": 0.25, "mu": 1e3}],
           extra_points=[-1e-8, 1e-8, -0.5, -2.0])
def smu1(x, alpha=0.25, mu=4.352665993287951e-9):
    # Biswas et al. (2022), SMU-1: ((1 + alpha) x + sqrt((1 - alpha)^2 x^2 + mu^2))/2. Left of 0 the two
    # terms cancel (to 616 digits at -1e308), so there it is written (identically)
    # alpha x + mu^2 / (2 (s - (1 - alpha) x)), s the square root.
    alpha, mu = mp.mpf(alpha), mp.mpf(mu)
    s = mp.sqrt((1 - alpha) ** 2 * x * x + mu * mu)
    if x >= 0:
        return ((1 + alpha) * x + s) / 2
    return alpha * x + mu * mu / (2 * (s - (1 - alpha) * x))


@reference("tanhsoft2", cases=[{"beta": 1.0, "gamma": 1.0}, {"beta": 3.0, "gamma": 0.5}, {"beta": 0.1, "gamma": 4.0}],
           extra_points=[-1.0, -2.0, -5.0])
def tanhsoft2(x, beta=0.6, gamma=1.0):
    # Biswas et al. (2020), TanhSoft family with alpha = 0, delta = 0: x tanh(beta e^{gamma x})
    return x * _mp.tanh(mp.mpf(beta) * mp.exp(mp.mpf(gamma) * x))


@reference("sinlu", cases=[{"a": 0.5, "b": 2.0}, {"a": 2.0, "b": 0.5}], has_limits=False, oscillating=True,
           extra_points=[3.141592653589793, -3.141592653589793, 9.42477796076938, 1.0])
def sinlu(x, a=1.0, b=1.0):
    # Paul et al. (2022), eq. 1: (x + a sin(b x)) sigma(x)
    return (x + mp.mpf(a) * mp.sin(mp.mpf(b) * x)) / (1 + mp.exp(-x))


@reference("ptelu", cases=[{"alpha": 0.5, "beta": 2.0}, {"alpha": 0.0, "beta": 1.0}, {"alpha": 1e3, "beta": 1e-2}],
           extra_points=[-0.5, -2.0])
def ptelu(x, alpha=1.0, beta=1.0):
    # Duggal & Gupta (2017), eq. 1: x for x >= 0, alpha tanh(beta x) for x < 0
    return x if x >= 0 else mp.mpf(alpha) * mp.tanh(mp.mpf(beta) * x)


@reference("erfrelu", cases=[{"alpha": 0.5}, {"alpha": 0.886226925452758}], extra_points=[-0.5, -2.0])
def erfrelu(x, alpha=1.0):
    # Rajanand & Singh (2023): x for x >= 0, alpha erf(x) for x < 0
    return x if x >= 0 else mp.mpf(alpha) * mp.erf(x)


@reference("soft_plusplus", cases=[{"k": 2.0, "c": 1.0}, {"k": 1.0, "c": 100.0}, {"k": 1e-2, "c": 1e-2}],
           extra_points=[-1e-8, 1e-8, -0.7, 0.7])
def soft_plusplus(x, k=1.0, c=2.0):
    # Ciuparu et al. (2020), eq. 1: ln(1 + e^{kx}) + x/c - ln 2; ln(1 + e^u) - ln 2 written
    # (identically) ln(1 + (e^u - 1)/2), which does not cancel at u ~ 0
    u = mp.mpf(k) * x
    return mp.log1p(mp.expm1(u) / 2) + x / mp.mpf(c)


@reference("slu", extra_points=[-1e-8, -0.5, -2.0])
def slu(x):
    # Zhao et al. (2018): alpha x for x >= 0, beta ln(1 + e^x) - gamma for x < 0, with alpha = 1, beta = 2,
    # gamma = 2 ln 2 (continuity of f and f' at 0); ln(1 + e^x) - ln 2 written ln(1 + (e^x - 1)/2)
    return x if x >= 0 else 2 * mp.log1p(mp.expm1(x) / 2)


@reference("reltanh", cases=[{"lower": -3.0, "upper": 1.0}, {"lower": -10.0, "upper": 10.0}, {"lower": 0.0, "upper": 0.0}],
           extra_points=[-1.5, -1.49, -1.51, 1.0, 0.99, 1.01, -3.0])
def reltanh(x, lower=-1.5, upper=0.0):
    # Wang et al. (2019): tanh between the thresholds, tanh's tangent line at a threshold beyond it
    for edge in (mp.mpf(upper), mp.mpf(lower)):
        if (edge == upper and x >= edge) or (edge == lower and x <= edge):
            return mp.tanh(edge) + (x - edge) / mp.cosh(edge) ** 2
    return mp.tanh(x)


@reference("talu", cases=[{"alpha": -2.0}, {"alpha": -10.0}], extra_points=[-0.75, -0.74, -0.76, -2.0])
def talu(x, alpha=-0.75):
    # Hasan et al. (2023): x for x >= 0, tanh(x) for alpha < x < 0, tanh(alpha) for x <= alpha
    if x >= 0:
        return x
    return mp.tanh(x) if x > alpha else mp.tanh(mp.mpf(alpha))

"""mpmath references for actviz.catalog.exponential (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("elu", cases=[{"alpha": 0.5}, {"alpha": 2.5}])
def elu(x, alpha=1.0):
    # Clevert et al. 2016, eq. (1): x if x > 0 else alpha (exp(x) - 1)
    return x if x > 0 else mp.mpf(alpha) * (mp.exp(x) - 1)


@reference("selu")
def selu(x):
    # Klambauer et al. 2017, eq. (2), with the constants to the digits the paper gives
    alpha = mp.mpf("1.6732632423543772848170429916717")
    scale = mp.mpf("1.0507009873554804934193349852946")
    return scale * (x if x > 0 else alpha * (mp.exp(x) - 1))


@reference("celu", cases=[{"alpha": 0.25}, {"alpha": 3.0}])
def celu(x, alpha=1.0):
    # Barron 2017: max(0, x) + min(0, alpha (exp(x / alpha) - 1))
    a = mp.mpf(alpha)
    return max(mp.mpf(0), x) + min(mp.mpf(0), a * (mp.exp(x / a) - 1))


@reference("pelu", cases=[{"a": 2.0, "b": 0.5}, {"a": 0.3, "b": 3.0}])
def pelu(x, a=1.0, b=1.0):
    # Trottier et al. 2017, eq. (2): (a/b) h if h >= 0 else a (exp(h/b) - 1)
    a, b = mp.mpf(a), mp.mpf(b)
    return a / b * x if x >= 0 else a * (mp.exp(x / b) - 1)


@reference("isrlu", cases=[{"alpha": 0.5}, {"alpha": 4.0}])
def isrlu(x, alpha=1.0):
    # Carlile et al. 2017: x if x >= 0 else x / sqrt(1 + alpha x^2)
    return x if x >= 0 else x / mp.sqrt(1 + mp.mpf(alpha) * x**2)


@reference("exponential", oscillating=True)  # e^x changes by the same factor over a unit step anywhere
def exponential(x):
    return mp.exp(x)


@reference("soft_exponential", cases=[{"alpha": 0.5}, {"alpha": 2.0}, {"alpha": 1e-3}], oscillating=True)
def soft_exponential(x, alpha=0.0):
    # Godfrey & Gashler 2015, eq. (1), the alpha >= 0 half
    # e^(ax) - 1 as expm1: the same function, without the cancellation that left 0 for
    # alpha = 5e-324 at x = -1e60 (a x = -5e-264) at the working precision
    a = mp.mpf(alpha)
    return x if a == 0 else mp.expm1(a * x) / a + a


def _sigmoid(x):
    return 1 / (1 + mp.exp(-x))


@reference("elish")
def elish(x):
    # Basirat & Roth 2018: x / (1 + e^-x) if x >= 0 else (e^x - 1) / (1 + e^-x)
    return x * _sigmoid(x) if x >= 0 else (mp.exp(x) - 1) * _sigmoid(x)


@reference("hard_elish")
def hard_elish(x):
    # Basirat & Roth 2018: x max(0, min(1, (x+1)/2)) if x >= 0 else (e^x - 1) max(0, min(1, (x+1)/2))
    hard = max(mp.mpf(0), min(mp.mpf(1), (x + 1) / 2))
    return x * hard if x >= 0 else (mp.exp(x) - 1) * hard


@reference(
    "xielu",
    cases=[{"alpha_p": 2.0, "alpha_n": 1.5, "beta": 0.25, "eps": 0.0}, {"alpha_p": 0.1, "alpha_n": 3.0, "beta": 1.0, "eps": -0.5}],
    extra_points=[-2.45, -2.4, -0.98, -1.1e-6, -0.9e-6, -0.5, 1e-7],
)
def xielu(x, alpha_p=0.8, alpha_n=0.8, beta=0.5, eps=-1e-6):
    # Huang & Schlag 2025, as transformers' XIELUActivation._xielu_python:
    # alpha_p x^2 + beta x (x > 0), (expm1(min(x, eps)) - x) alpha_n + beta x (x <= 0)
    alpha_p, alpha_n, beta, eps = (mp.mpf(v) for v in (alpha_p, alpha_n, beta, eps))
    if x > 0:
        return alpha_p * x * x + beta * x
    return (mp.expm1(min(x, eps)) - x) * alpha_n + beta * x

"""mpmath references for actviz.catalog.smooth (definitions from the papers).

Each definition is the paper's formula as printed, evaluated with mpmath; where it
cancels (``x + sqrt(x^2 + b)`` for x -> -inf, ``sqrt(x^2 + 1) - 1`` near 0) with extra
working bits (:func:`_mp.guard`), never with the catalogue's rewriting.
"""

from __future__ import annotations

import mpmath as mp

from . import _mp, reference


@reference("softplus", cases=[{"beta": 2.0}, {"beta": 0.5}], extra_points=[-745.0, -36.0, 36.0])
def softplus(x, beta=1.0):
    return mp.log1p(mp.exp(mp.mpf(beta) * x)) / beta


@reference("log_sigmoid", extra_points=[-36.0, 36.0, 745.0])
def log_sigmoid(x):
    # log(1/(1 + e^{-x})) = -log(1 + e^{-x}); log1p keeps the tail -e^{-x} at any working precision
    return -mp.log1p(mp.exp(-x))


@reference("squareplus", cases=[{"b": 1.0}, {"b": 0.01}])
def squareplus(x, b=4.0):
    # Barron 2021: (x + sqrt(x^2 + b)) / 2.
    # x + sqrt(x^2 + b) cancels to b/(2|x|) for x -> -inf: x^2/b of it, besides x's own size
    tiny_b = max(0, 2 * int(mp.mag(x)) - int(mp.mag(b))) if x and b else 0
    with _mp.guard(_mp.cancel_bits(x) + tiny_b + 8):
        return (x + mp.sqrt(x**2 + b)) / 2


@reference("sparse_plus")
def sparse_plus(x):
    if x <= -1:
        return mp.mpf(0)
    if x >= 1:
        return x
    return (x + 1) ** 2 / 4


@reference("bent_identity")
def bent_identity(x):
    with _mp.guard(_mp.cancel_bits(x) + 8):
        return (mp.sqrt(x**2 + 1) - 1) / 2 + x


@reference("tanhsoft", cases=[{"alpha": 0.5}, {"alpha": 3.0}])
def tanhsoft(x, alpha=0.87):
    # Biswas et al. 2020, TanhSoft-1: tanh(alpha x) ln(1 + e^x).
    return mp.tanh(mp.mpf(alpha) * x) * mp.log1p(mp.exp(x))


@reference("dsilu", extra_points=[-2.3994, 2.3994])
def dsilu(x):
    # Elfwing et al. 2018: sigma(x) (1 + x (1 - sigma(x))).
    s = 1 / (1 + mp.exp(-x))
    return s * (1 + x * (1 - s))


# has_limits=False: for alpha < 1, EIS grows like x^alpha, which the tables' stand-in for
# +inf (x = 1e400) cannot show; tests/catalog/test_smooth.py checks the limits instead.
@reference(
    "eis", cases=[{"alpha": 0.5, "beta": 2.0, "gamma": 3.0}, {"alpha": 0.1, "beta": 0.5, "gamma": 0.25}], has_limits=False
)
def eis(x, alpha=1.0, beta=1.0, gamma=1.0, delta=0, theta=0):
    # Biswas et al. 2020: x ln(1 + e^x)^alpha / (sqrt(beta + gamma x^2) + delta e^(-theta x)); actviz offers delta = 0.
    return x * mp.log1p(mp.exp(x)) ** alpha / (mp.sqrt(beta + gamma * x**2) + delta * mp.exp(-theta * x))


# has_limits=False: sqrt(softplus(x)) grows like sqrt(x), which the tables' stand-in for +inf
# (x = 1e400) shows as 1e200; tests/catalog/test_coverage.py checks the limits instead.
@reference("sqrtsoftplus", extra_points=[-745.0, -720.0, -36.0, 36.0, 1.5], has_limits=False)
def sqrtsoftplus(x):
    # transformers' SqrtSoftplusActivation (DeepSeek V4 router scores): sqrt(softplus(x))
    return mp.sqrt(mp.log1p(mp.exp(x)))

"""mpmath references for actviz.catalog.sigmoidal (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import _mp, reference


@reference("sigmoid")
def sigmoid(x):
    return 1 / (1 + mp.exp(-x))


@reference("tanh")
def tanh(x):
    return mp.tanh(x)


@reference("softsign")
def softsign(x):
    return x / (1 + abs(x))


@reference("elliott")
def elliott(x):
    # Elliott (1993): the unipolar squashing function 0.5 x/(1 + |x|) + 0.5. For x -> -inf the
    # sum cancels to 1/(2|x|): carry mag(x) extra bits so the textbook form stays exact.
    with mp.extraprec(max(0, int(mp.mag(x))) + 16):
        return +(x / (2 * (1 + abs(x))) + mp.mpf(1) / 2)


@reference("arctan")
def arctan(x):
    return mp.atan(x)


@reference("isru", cases=[{"alpha": 0.3}, {"alpha": 4.0}])
def isru(x, alpha=1.0):
    # Carlile et al. (2017), eq. 1: x / sqrt(1 + alpha x^2)
    return x / mp.sqrt(1 + alpha * x**2)


@reference("lecun_tanh")
def lecun_tanh(x):
    # LeCun et al. (1998), section 4.4: f(x) = 1.7159 tanh(2x/3)
    return mp.mpf("1.7159") * mp.tanh(mp.mpf(2) * x / 3)


@reference("hardtanh", cases=[{"min_val": -0.5, "max_val": 2.0}, {"min_val": 0.1, "max_val": 0.3}])
def hardtanh(x, min_val=-1.0, max_val=1.0):
    if x < min_val:
        return mp.mpf(min_val)
    if x > max_val:
        return mp.mpf(max_val)
    return x


@reference("hardsigmoid")
def hardsigmoid(x):
    # Howard et al. (2019): h-sigmoid = ReLU6(x + 3)/6
    return min(max(x + 3, mp.mpf(0)), mp.mpf(6)) / 6


@reference("sparse_sigmoid")
def sparse_sigmoid(x):
    # Blondel et al. (2020): two-class sparsemax, (x + 1)/2 clipped to [0, 1]
    if x <= -1:
        return mp.mpf(0)
    if x >= 1:
        return mp.mpf(1)
    return (x + 1) / 2


@reference("softcap", cases=[{"cap": 4.0}, {"cap": 0.3}])
def softcap(x, cap=30.0):
    # Gemma 2 logit soft-capping: cap * tanh(x / cap)
    return cap * _mp.tanh(x / cap)


@reference("laplace", cases=[{"mu": 0.0, "sigma": 3.0}], extra_points=[0.707107, 0.7, 0.71, -0.7, 2.1])
def laplace(x, mu=0.707107, sigma=0.282095):
    # Ma et al. 2022 (MEGA), as transformers' LaplaceActivation: 0.5 (1 + erf((x - mu) / (sigma sqrt 2))),
    # the normal CDF of (x - mu)/sigma (mpmath's ncdf, which keeps the left tail; cut at |u| > 1e9)
    return _mp.ncdf((x - mp.mpf(mu)) / mp.mpf(sigma))

"""mpmath references for actviz.catalog.smooth_rectifiers (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("smelu", cases=[{"beta": 0.25}, {"beta": 1e-90}, {"beta": 1e90}])
def smelu(x, beta=1.0):
    # Shamir, Lin & Coviello (2020), eq. 5: 0, (x + beta)^2/(4 beta), x
    beta = mp.mpf(beta)
    if x <= -beta:
        return mp.mpf(0)
    if x >= beta:
        return x
    return (x + beta) ** 2 / (4 * beta)


@reference("shifted_softplus", extra_points=[29.9, 30.1, 1e-5, -1e-5])
def shifted_softplus(x):
    # Schuett et al. (2017): ln(0.5 e^x + 0.5)
    return mp.log(mp.exp(x) / 2 + mp.mpf(1) / 2)


@reference("soft_clipping", cases=[{"p": 1.0}, {"p": 0.01}, {"p": 700.0}],
           extra_points=[0.5, 0.49, 0.51, 0.48, 0.52, 0.47, 0.53, 0.45, 0.55, 0.4, 0.6, 1.0, 0.0])
def soft_clipping(x, p=50.0):
    # Klimek & Perelstein (2020), eq. 10: (1/p) log((1 + e^{p x})/(1 + e^{p (x - 1)})). Evaluated as
    # (1/p) log1p((e^{px} - e^{p(x-1)})/(1 + e^{p(x-1)})) left of 1/2 (the same quotient minus 1:
    # 1 + e^{-700} would need 1000 bits) and through the formula's exact symmetry f(x) = 1 - f(1 - x)
    # right of it (e^{px}/e^{p(x-1)} = e^p would need p x - p exact)
    p = mp.mpf(p)
    if x > mp.mpf(1) / 2:
        return 1 - soft_clipping(1 - x, p)
    e = mp.exp(p * x)
    return mp.log1p(e * -mp.expm1(-p) / (1 + e * mp.exp(-p))) / p


# has_limits=False: log growth, see tests/reference/logarithmic.py
@reference("nlrelu", has_limits=False, cases=[{"beta": 1e-100}, {"beta": 1e100}, {"beta": 0.3}], extra_points=[1e200, 1.0000001e200])
def nlrelu(x, beta=1.0):
    # Liu et al. (2019), eq. 1: ln(beta max(0, x) + 1)
    return mp.log1p(mp.mpf(beta) * x) if x > 0 else mp.mpf(0)

"""mpmath references for actviz.catalog.more_units (definitions from the papers)."""

from __future__ import annotations

import mpmath as mp

from . import reference


@reference("loglog", extra_points=[0.0, -1e-8, 1e-8, -3.0, -6.0, -6.6, -39.9])
def loglog(x):
    # Gomes, Ludermir & Lima (2011): exp(-exp(-x)); cut at x < -41.3 (f < 10^(-3.7e17); mpmath
    # cannot form exp(-exp(1e308)))
    if x < -41.3:
        return mp.mpf(0)
    return mp.exp(-mp.exp(-x))


@reference("tlu", cases=[{"tau": -1.5}, {"tau": 2.0}, {"tau": 1e6}], extra_points=[-1.5, 2.0])
def tlu(x, tau=0.0):
    # Singh & Krishnan (2020), eq. 2: max(y, tau)
    return max(x, mp.mpf(tau))


@reference("preu", cases=[{"alpha": 2.0, "beta": 3.0}, {"alpha": 0.0, "beta": 1e-3}, {"alpha": 1e3, "beta": 1e3}],
           extra_points=[-1.0, -2.0, -1e-3, -1e3])
def preu(x, alpha=1.0, beta=1.0):
    # Ying et al. (2019), eq. 4: x for x > 0, alpha x e^{beta x} for x <= 0
    if x > 0:
        return x
    return mp.mpf(alpha) * x * mp.exp(mp.mpf(beta) * x)


@reference("reu", extra_points=[-1.0, -2.0])
def reu(x):
    # Ying et al. (2019), eq. 3: x for x > 0, x e^x for x <= 0
    return x if x > 0 else x * mp.exp(x)


def _log_sigmoid(z):
    """log(1/(1 + e^{-z})), written with e^{-|z|} so mpmath never forms e^{1e308} (the same number)."""
    return min(z, 0) - mp.log1p(mp.exp(-abs(z)))


@reference("richards", cases=[{"nu": 1e-3}, {"nu": 0.3}, {"nu": 3.0}])
def richards(x, nu=1.0):
    # Richards (1959), with unit rate and asymptotes 0, 1: (1 + e^{-x})^{-nu}
    return mp.exp(mp.mpf(nu) * _log_sigmoid(x))


@reference("aria2", cases=[{"alpha": 1.0, "beta": 1.0}, {"alpha": 1e-3, "beta": 1e2}, {"alpha": 2.0, "beta": 1e-3}, {"alpha": 2.0, "beta": 1e2}],
           extra_points=[-0.5, -1.0, -2.0, -5.0])
def aria2(x, alpha=1.5, beta=2.0):
    # Patwardhan et al. (2018), eq. 5: x (1 + e^{-beta x})^{-alpha}
    return x * mp.exp(mp.mpf(alpha) * _log_sigmoid(mp.mpf(beta) * x))


@reference("colu", extra_points=[-0.5, -1.0, -1.5, -2.0, -5.0, -700.0, -720.0, -740.0, 0.4])
def colu(x):
    # Vagerwal (2021): x/(1 - x e^{-(x + e^x)}); for x > 41.3 the correction x e^{-(x + e^x)} is below
    # 10^(-3.7e17) and the value is x (mpmath cannot form e^{-e^{1e308}})
    if x > 41.3:
        return x
    return x / (1 - x * mp.exp(-(x + mp.exp(x))))


@reference("sinerelu", cases=[{"epsilon": 0.0}, {"epsilon": 10.0}], has_limits=False, oscillating=True,
           extra_points=[-0.7853981633974483, -2.356194490192345, -3.9269908169872414])
def sinerelu(x, epsilon=0.0025):
    # Rodrigues (2018): x for x > 0, epsilon (sin x - cos x) otherwise
    return x if x > 0 else mp.mpf(epsilon) * (mp.sin(x) - mp.cos(x))


@reference("garrote", cases=[{"lambd": 1e-300}, {"lambd": 2.5}, {"lambd": 1e6}], extra_points=[-1.0, 1.0, -2.5, 2.5])
def garrote(x, lambd=1.0):
    # Gao (1998): x - lambd^2/x for |x| > lambd, 0 otherwise
    lambd = mp.mpf(lambd)
    return x - lambd**2 / x if abs(x) > lambd else mp.mpf(0)


@reference("mila", cases=[{"beta": 0.0}, {"beta": -4.0}, {"beta": 4.0}], extra_points=[-1.0, -1.2, -1.5, -2.0, -5.0])
def mila(x, beta=-0.25):
    # Misra (2019): x tanh(softplus(x + beta)), softplus(u) = log(1 + e^u) written max(u, 0) + log1p(e^{-|u|})
    # (the same number; mpmath never forms e^{1e308}); tanh taken as 1 beyond 400 (1 - tanh < e^{-800})
    u = x + mp.mpf(beta)
    s = max(u, 0) + mp.log1p(mp.exp(-abs(u)))
    return x * (mp.mpf(1) if s > 400 else mp.tanh(s))

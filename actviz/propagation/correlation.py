r"""The correlation map of two inputs through a deep random stack (Poole et al. 2016;
Schoenholz et al. 2017): for pre-activations :math:`u_1, u_2` of variance :math:`q^*` and
correlation c,

.. math:: C(c) = \big(\sigma_w^2\, \mathbb{E}[\phi(u_1)\phi(u_2)] + \sigma_b^2\big) / q^*,

its stable fixed point :math:`c^*` in the chaotic phase and the slope
:math:`\chi_c = C'(c^*) = \sigma_w^2 \mathbb{E}[\phi'(u_1)\phi'(u_2)]` that sets the depth scale
:math:`\xi_c = -1/\ln\chi_c`.
"""

from __future__ import annotations

import math

import numpy as np

from ..analysis.gaussian import gaussian_rule
from .moments import Q_TINY, chi1, kinks_of
from .roots import bracketed_root


def pair_expectations(act, q: float, c: float) -> tuple[float, float]:  # noqa: ANN001
    r""":math:`(\mathbb{E}[\phi(u_1)\phi(u_2)],\ \mathbb{E}[\phi'(u_1)\phi'(u_2)])` for
    :math:`u_1, u_2` of variance q and correlation c: an outer rule in :math:`u_1`,
    an inner rule in :math:`u_2 \mid u_1 \sim \mathcal{N}(c u_1, q(1 - c^2))`."""
    kinks = kinks_of(act)
    x1, w1 = gaussian_rule(np.array(0.0), np.array(math.sqrt(q)), kinks)
    spread = math.sqrt(q * (1.0 - c) * (1.0 + c))
    x2, w2 = gaussian_rule(c * x1, np.full_like(x1, spread), kinks)
    inner_f = np.sum(act(x2) * w2, axis=-1)
    inner_d = np.sum(act.derivative(x2) * w2, axis=-1)
    return float(np.sum(act(x1) * inner_f * w1)), float(np.sum(act.derivative(x1) * inner_d * w1))


def hermite_power(act, q: object, terms: int = 64) -> np.ndarray:  # noqa: ANN001
    r"""Mehler coefficients :math:`a_n^2`, :math:`a_n = \mathbb{E}[\phi(\sqrt q z)\,He_n(z)]/\sqrt{n!}`,
    so that :math:`\mathbb{E}[\phi(u_1)\phi(u_2)] = \sum_n a_n^2 c^n` for :math:`u_1, u_2` of
    variance q and correlation c (Mehler's formula). Shape ``q.shape + (terms,)``; the
    truncated series serves as a first guess and for pictures."""
    q = np.maximum(np.asarray(q, dtype=float), Q_TINY)
    x, w = gaussian_rule(np.zeros_like(q), np.sqrt(q), kinks_of(act))
    # nodes of weight 0 (empty panels of some q's rows) count 0 even where phi is ±inf there
    # (prelu:weight=1.7e308 at q = 1e250: inf * 0 warned)
    z, weighted = x / np.sqrt(q)[..., None], np.where(w > 0, act(x), 0.0) * w
    # Where phi(sqrt(q) z) grows past 1e130 (exp(x) at a large q) the sums or their squares would overflow or meet
    # inf - inf (|He_n(z)|/sqrt(n!) stays below 1e20 on the rule's nodes): those coefficients are
    # undefined, nan, and the rows are summed no further.
    tame = np.all(np.abs(weighted) < 1e130, axis=-1)
    weighted = np.where(tame[..., None], weighted, 0.0)
    h_prev, h = np.zeros_like(z), np.ones_like(z)
    coefficients = np.empty(q.shape + (terms,))
    for n in range(terms):
        coefficients[..., n] = np.where(tame, np.sum(weighted * h, axis=-1), np.nan)
        h_prev, h = h, (z * h - math.sqrt(n) * h_prev) / math.sqrt(n + 1)
    return coefficients**2


def correlation_fixed_point(act, sigma_w2: float, sigma_b2: float, q_star: float) -> tuple[float, float]:  # noqa: ANN001
    r"""The stable fixed point :math:`c^* \in [0, 1)` of the correlation map in the chaotic
    phase and the slope :math:`\chi_c = \sigma_w^2\,\mathbb{E}[\phi'(u_1)\phi'(u_2)]` there.

    :math:`f(c) = C(c) - c` is >= 0 at c = 0 and < 0 just below 1 when
    :math:`\chi_1 > 1`. A first guess solves the truncated Mehler series
    :math:`C(c) \approx (\sigma_w^2 \sum_n a_n^2 c^n + \sigma_b^2)/q^*`; Newton steps on
    the exact two-dimensional quadrature polish it, using :math:`C'(c) = \chi_c(c)` (Price's
    theorem). Returns (1, chi_1) when c* cannot be told from 1 (f >= 0 up to 1 - 1e-7).
    """
    power = hermite_power(act, q_star)

    def series_excess(c: float) -> float:
        return (sigma_w2 * float(np.polynomial.polynomial.polyval(c, power)) + sigma_b2) / q_star - c

    f0 = series_excess(0.0)
    for gap in (1e-3, 1e-5, 1e-7):
        f_top = series_excess(1.0 - gap)
        if f_top < 0:
            break
    else:
        return 1.0, chi1(act, sigma_w2, q_star)
    c = 0.0 if f0 <= 1e-15 else bracketed_root(series_excess, 0.0, 1.0 - gap, fa=f0, fb=f_top, xtol=1e-10)
    for _ in range(4):
        pair, pair_slope = pair_expectations(act, q_star, c)
        excess = (sigma_w2 * pair + sigma_b2) / q_star - c
        slope = sigma_w2 * pair_slope
        step = excess / (slope - 1.0)
        c_next = min(max(c - step, 0.0), 1.0 - gap)
        if abs(c_next - c) <= 1e-13:
            break
        c = c_next
    return c, slope

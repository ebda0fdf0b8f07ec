r"""The correlation map C(c) (the dual kernel of the activation) and Deep Kernel Shaping.

For two inputs whose pre-activations have second moment q and correlation c, one layer
maps the correlation to

.. math:: C(c) = \frac{\sigma_w^2\,\mathbb{E}[\phi(u_1)\phi(u_2)] + \sigma_b^2}
                      {\sigma_w^2\,\mathbb{E}[\phi(u)^2] + \sigma_b^2},

with q the length map's fixed point :math:`q^*` where it has a finite positive one (then the
denominator is :math:`q^*`, as in :mod:`.correlation`) and the inputs' q (1) otherwise.
:math:`C(1) = 1`; by Price's theorem :math:`C'(c) = \sigma_w^2 q\,\mathbb{E}[\phi'(u_1)\phi'(u_2)]
/ (\sigma_w^2 \mathbb{E}\phi(u)^2 + \sigma_b^2)`, so :math:`C'(1) = \chi_1` at :math:`q^*`.
:math:`C(0)` is how correlated two unrelated inputs come out, and the stable fixed point
:math:`c^*` is where a deep stack sends every pair.

**Shaping** (Martens et al. 2021, "Rapid training of deep neural networks without skip
connections or normalization layers using Deep Kernel Shaping"): with
:math:`\sigma_w^2 = 1`, :math:`\sigma_b^2 = 0` and unit-q inputs, the transformed activation
:math:`\tilde\phi(x) = \gamma(\phi(\alpha x + \beta) + \delta)` has :math:`Q(1) = \mathbb{E}\tilde\phi(z)^2`,
:math:`C(0) = (\mathbb{E}\tilde\phi(z))^2` and :math:`C'(1) = \mathbb{E}\tilde\phi'(z)^2`. So
:math:`\delta = -\mathbb{E}\phi(\alpha z + \beta)` gives C(0) = 0,
:math:`\gamma = 1/\sqrt{\mathrm{Var}\,\phi(\alpha z + \beta)}` gives Q(1) = 1, and α solves
:math:`\alpha^2 \mathbb{E}[\phi'(\alpha z + \beta)^2] / \mathrm{Var}\,\phi(\alpha z + \beta) = \zeta`
for the given β (default 0; a positively homogeneous activation such as relu needs β != 0,
because the ratio is then the same for every α).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import ActvizError
from .correlation import pair_expectations
from .gains import affine_formula
from ..analysis.gaussian import gaussian_rule
from .moments import exact_mean_square, kinks_of, mean_and_variance, mean_square, require_pointwise
from .roots import bracketed_root
from .theory import fixed_point, mean_field


@dataclass(frozen=True)
class CorrelationMap:
    r"""C(c) on the grid ``c`` with its slope ``slope`` (:math:`C'(c)`), for one activation at
    (sigma_w2, sigma_b2) and pre-activation second moment ``q``; ``c_star`` is the stable
    fixed point (1 in the ordered and critical phases), ``chi1`` = C'(1), ``c0`` = C(0)."""

    activation: str
    sigma_w2: float
    sigma_b2: float
    q: float
    c: np.ndarray
    value: np.ndarray
    slope: np.ndarray
    c0: float
    chi1: float
    c_star: float

    def to_dict(self) -> dict:
        return {"activation": self.activation, "sigma_w2": self.sigma_w2, "sigma_b2": self.sigma_b2, "q": self.q,
                "c0": self.c0, "chi1": self.chi1, "c_star": self.c_star, "c": self.c.tolist(),
                "C": self.value.tolist(), "slope": self.slope.tolist()}


def _end_values(act, q: float) -> tuple[float, float, float, float]:  # noqa: ANN001
    r""":math:`\mathbb{E}\phi(u)^2`, :math:`\mathbb{E}\phi(u)\phi(-u)`, :math:`\mathbb{E}\phi'(u)^2`
    and :math:`\mathbb{E}\phi'(u)\phi'(-u)` for u ~ N(0, q): the map at c = ±1, where the
    conditional rule of :func:`pair_expectations` would have zero width."""
    kinks = kinks_of(act)
    x, w = gaussian_rule(np.array(0.0), np.array(math.sqrt(q)), (*kinks, *(-k for k in kinks)))
    f, d = act(x), act.derivative(x)
    same, slope_same = float(mean_square(f, w)), float(mean_square(d, w))
    if not (math.isfinite(same) and math.isfinite(slope_same)):  # apl:a=1e300 overflowed f * f here
        raise ActvizError(f"{act.label} has E phi(u)^2 = {same:g} and E phi'(u)^2 = {slope_same:g} at q = {q:g}, "
                          "beyond float64: no correlation map")
    # The rule's nodes and weights are symmetric about 0 (so are its breaks), so phi(-x) takes
    # phi's values at nodes of the same weight, all below 1e150 in magnitude when the squares'
    # means are finite: the mirrored products cannot overflow.
    f_mirror, d_mirror = act(-x), act.derivative(-x)
    return same, float(np.sum(w * f * f_mirror)), slope_same, float(np.sum(w * d * d_mirror))


def correlation_map(act, sigma_w2: float, sigma_b2: float, points: int = 101) -> CorrelationMap:  # noqa: ANN001
    """C(c) and C'(c) on ``points`` evenly spaced c in [-1, 1] (module docstring)."""
    require_pointwise(act)
    theory = mean_field(act, sigma_w2, sigma_b2)
    point = fixed_point(act, sigma_w2, sigma_b2)
    q = point.q_star if point.regime == "fixed point" and 0 < point.q_star < math.inf else 1.0
    if not (isinstance(points, int) and 3 <= points <= 10001):
        raise ActvizError(f"invalid number of points {points!r}: expected an integer from 3 to 10001")
    same, mirror, slope_same, slope_mirror = _end_values(act, q)
    norm = sigma_w2 * same + sigma_b2
    if not (norm > 0 and math.isfinite(norm)):
        raise ActvizError(f"{act.label} has E phi(u)^2 = {same:g} at q = {q:g}: no correlation map")
    c = np.linspace(-1.0, 1.0, points)
    pairs = np.array([pair_expectations(act, q, float(v)) if abs(v) < 1.0 else
                      ((same, slope_same) if v > 0 else (mirror, slope_mirror)) for v in c])
    value = (sigma_w2 * pairs[:, 0] + sigma_b2) / norm
    slope = sigma_w2 * q * pairs[:, 1] / norm
    c0 = (sigma_w2 * pair_expectations(act, q, 0.0)[0] + sigma_b2) / norm
    c_star = theory.c_star if point.regime == "fixed point" else 1.0
    return CorrelationMap(act.spec, float(sigma_w2), float(sigma_b2), q, c, value, slope, c0,
                          sigma_w2 * q * slope_same / norm, c_star)


@dataclass(frozen=True)
class Shaped:
    r""":math:`\tilde\phi(x) = \gamma(\phi(\alpha x + \beta) + \delta)` with Q(1) = 1, C(0) = 0
    and C'(1) = ``zeta``; ``spec`` is it as a formula every command accepts."""

    activation: str
    zeta: float
    alpha: float
    beta: float
    gamma: float
    delta: float
    spec: str

    def to_dict(self) -> dict:
        return {"activation": self.activation, "zeta": self.zeta, "alpha": self.alpha, "beta": self.beta,
                "gamma": self.gamma, "delta": self.delta, "spec": self.spec}


def _shifted_moments(act, alpha: float, beta: float) -> tuple[float, float, float]:  # noqa: ANN001
    r""":math:`\mathbb{E}\phi(y)`, :math:`\mathrm{Var}\,\phi(y)`, :math:`\mathbb{E}\phi'(y)^2`
    for :math:`y = \alpha z + \beta \sim \mathcal{N}(\beta, \alpha^2)`."""
    x, w = gaussian_rule(np.array(beta), np.array(alpha), kinks_of(act))
    f, d = act(x), act.derivative(x)
    mean, variance = mean_and_variance(f, w)
    return mean, variance, exact_mean_square(d, w)


def shape(act, zeta: float, beta: float = 0.0) -> Shaped:  # noqa: ANN001
    r"""The DKS transform of ``act`` for the target :math:`C'(1) = \zeta > 1` at shift
    ``beta`` (module docstring). α is a bracketed root of
    :math:`\ln(\alpha^2 \mathbb{E}\phi'^2/\mathrm{Var}\,\phi) - \ln\zeta` over
    :math:`\alpha \in [10^{-3}, 10^3]`, in :math:`\ln\alpha`."""
    require_pointwise(act)
    if not (zeta > 1.0 and math.isfinite(zeta)):
        raise ActvizError(f"invalid {{zeta}} {zeta!r}: expected a number > 1 (C'(1) >= 1 for any nonconstant "
                          "activation with C(0) = 0 and Q(1) = 1; 1 only for a linear one)", arguments=("zeta",))
    if not math.isfinite(beta):
        raise ActvizError(f"invalid {{beta}} {beta!r}: expected a finite number", arguments=("beta",))

    def excess(log_alpha: float) -> float:
        alpha = math.exp(log_alpha)
        _, variance, slope = _shifted_moments(act, alpha, beta)
        ratio = alpha * alpha * slope / variance if variance > 0 else math.nan
        if not 0 < ratio < math.inf:  # phi' = 0 almost everywhere (sign), or moments beyond float64
            return math.nan
        return math.log(ratio) - math.log(zeta)

    grid = np.linspace(math.log(1e-3), math.log(1e3), 49)
    values = [excess(g) for g in grid]
    bracket = next(((a, fa, b, fb) for a, fa, b, fb in zip(grid, values, grid[1:], values[1:])
                    if math.isfinite(fa) and math.isfinite(fb) and (fa <= 0) != (fb <= 0)), None)
    if bracket is None:
        finite = [math.exp(v) * zeta for v in values if math.isfinite(v)]
        if not finite:  # sign: phi' = 0 almost everywhere; exponential:alpha=1e300: moments beyond float64
            raise ActvizError(f"{act.label} cannot be shaped: alpha^2 E phi'^2 / Var phi is 0, undefined or beyond "
                              f"float64 for every alpha in [1e-3, 1e3] at {{beta}} = {beta:g}", arguments=("beta",))
        raise ActvizError(f"no alpha in [1e-3, 1e3] gives {act.label} C'(1) = {zeta:g} at {{beta}} = {beta:g} "
                          f"(it reaches {min(finite):.4g} to {max(finite):.4g}); try another {{beta}}",
                          arguments=("beta",))
    a, fa, b, fb = bracket
    alpha = math.exp(bracketed_root(excess, a, b, fa=fa, fb=fb, xtol=1e-15))
    mean, variance, _ = _shifted_moments(act, alpha, beta)
    gamma, delta = 1.0 / math.sqrt(variance), -mean
    return Shaped(act.spec, float(zeta), alpha, float(beta), gamma, delta, affine_formula(act, gamma, alpha, beta, delta))

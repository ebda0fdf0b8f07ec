r"""Gaussian moments of an activation and what follows from them alone: the
quantities of the mean-field theory at a given q (see :mod:`.theory`).

With :math:`z \sim \mathcal{N}(0, 1)`: :math:`V(q) = \mathbb{E}[\phi(\sqrt q z)^2]`,
:math:`\mathbb{E}[\phi'(\sqrt q z)^2]`, :math:`dV/dq`, and
:math:`\chi_1(q) = \sigma_w^2 \mathbb{E}[\phi'(\sqrt q z)^2]` with its limits q -> 0+ and
q -> infinity; all through the kink-split quadrature of :mod:`.gaussian`.
"""

from __future__ import annotations

import math

import numpy as np

from ..analysis.gaussian import gaussian_rule, normal_pdf
from ..analysis.limits import declared_kinks, one_sided_limits
from ..analysis.pointwise import require_pointwise as _require_pointwise

Q_TINY = 1e-280  # stands for q -> 0+: sqrt(q) z keeps the sign of z, so one-sided limits come out


def require_pointwise(act) -> None:  # noqa: ANN001
    """:class:`ActvizError` unless ``act`` is pointwise: deep stacks apply it elementwise."""
    _require_pointwise(act, "deep stacks and their theory need a pointwise activation")


def kinks_of(act) -> tuple[float, ...]:  # noqa: ANN001
    return tuple(k.x for k in act.kinks)


_SQUARABLE = 1e150  # squares of larger magnitudes could overflow a sum
_DENSITY_REACH = 40.0  # the normal density is exactly 0 in float64 beyond 38.6 standard deviations


def mean_square(values: np.ndarray, weights: np.ndarray) -> np.ndarray:
    r""":math:`\sum_i w_i v_i^2` along the last axis; ``inf`` (without an overflow warning)
    where a node of positive weight has :math:`|v| > 10^{150}`."""
    huge = ~(np.abs(values) <= _SQUARABLE)
    tame = np.where(huge, 0.0, values)
    total = np.sum(tame * tame * weights, axis=-1)
    return np.where(_beyond_squaring(huge, weights), math.inf, total)


def _beyond_squaring(huge: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Along the last axis: does a node of positive weight have a value too large to square?"""
    return np.any(huge & (weights > 0), axis=-1)


def exact_mean_square(values: np.ndarray, weights: np.ndarray) -> float:
    r""":math:`\sum_i w_i v_i^2` over the nodes of one rule, summed exactly before its one rounding
    (math.fsum); ``inf`` like :func:`mean_square` where a node of positive weight has
    :math:`|v| > 10^{150}` (leaky_relu:negative_slope=1e300 overflowed the square)."""
    if _beyond_squaring(~(np.abs(values) <= _SQUARABLE), weights):
        return math.inf
    return math.fsum(weights * values * values)


def _times_power_of_two(x: float, exponent: int) -> float:
    """x 2^exponent, exact; ±inf (without an OverflowError) where it exceeds float64."""
    try:
        return math.ldexp(x, exponent)
    except OverflowError:
        return math.copysign(math.inf, x)


def mean_and_variance(values: np.ndarray, weights: np.ndarray) -> tuple[float, float]:
    r"""(:math:`m = \sum_i w_i v_i`, :math:`\sum_i w_i (v_i - m)^2`) over the nodes of one rule,
    each sum exact before its one rounding (math.fsum).

    Where some :math:`|v_i| > 10^{150}` (star_relu:bias=1e300, apl:a=1e300) the values are first
    scaled by a power of two, which is exact, so nothing overflows on the way: a constant 1e300
    has variance 0, a variance beyond float64 is ``inf``. A value ±inf or nan at a node of
    positive weight gives (nan, inf), or (nan, nan) for a nan."""
    counted = values[weights > 0]
    if not np.all(np.isfinite(counted)):
        return math.nan, (math.nan if np.any(np.isnan(counted)) else math.inf)
    largest = float(np.max(np.abs(counted), initial=0.0))
    exponent = math.frexp(largest)[1] if largest > _SQUARABLE else 0
    scaled = np.ldexp(values, -exponent) if exponent else values
    mean = math.fsum(weights * scaled)
    variance = math.fsum(weights * (scaled - mean) ** 2)
    return _times_power_of_two(mean, exponent), _times_power_of_two(variance, 2 * exponent)


def _rule(act, q: object) -> tuple[np.ndarray, np.ndarray]:  # noqa: ANN001
    q = np.maximum(np.asarray(q, dtype=float), Q_TINY)
    return gaussian_rule(np.zeros_like(q), np.sqrt(q), kinks_of(act))


def second_moment(act, q: object) -> np.ndarray:  # noqa: ANN001
    r""":math:`V(q) = \mathbb{E}[\phi(\sqrt q z)^2]` alone (the length map needs no more),
    elementwise over ``q >= 0``."""
    x, w = _rule(act, q)
    return mean_square(act(x), w)


def moments(act, q: object) -> tuple[np.ndarray, np.ndarray]:  # noqa: ANN001
    r""":math:`(\mathbb{E}[\phi(\sqrt q z)^2],\ \mathbb{E}[\phi'(\sqrt q z)^2])`, elementwise over
    ``q >= 0`` (q = 0 gives the limits q -> 0+; values too large for float64 give inf)."""
    x, w = _rule(act, q)
    return mean_square(act(x), w), mean_square(act.derivative(x), w)


def moment_slope(act, q: float) -> float:  # noqa: ANN001
    r""":math:`\tfrac{d}{dq}\mathbb{E}[\phi(\sqrt q z)^2]` by Gaussian integration by parts:

    .. math:: \mathbb{E}[\phi'^2 + \phi\phi''] + \sum_k p_q(x_k)\Big(\Delta(\phi\phi')(x_k)
              + \Delta(\phi^2)(x_k)\frac{x_k}{2q}\Big),

    :math:`p_q` the N(0, q) density and :math:`\Delta` the jump across a kink :math:`x_k`.
    """
    q = max(q, Q_TINY)
    x, w = gaussian_rule(np.array(0.0), np.array(math.sqrt(q)), kinks_of(act))
    phi, dphi, d2phi = act(x), act.derivative(x), act.derivative(x, 2)
    slope = float(np.sum((dphi * dphi + phi * d2phi) * w))
    limits = one_sided_limits(act, declared_kinks(act))
    # Only kinks within 40 standard deviations count (beyond 38.6 the density is exactly 0): a
    # kink at 1e300 (hardtanh:max_val=1e300) overflowed x/sqrt(q) and phi^2 for a term of weight 0.
    near = np.abs(limits.x) <= _DENSITY_REACH * math.sqrt(q)
    x = limits.x[near]
    (phi_l, dphi_l), (phi_r, dphi_r) = limits.left[:2, near], limits.right[:2, near]
    density = normal_pdf(x / math.sqrt(q)) / math.sqrt(q)
    jumps = (phi_r * dphi_r - phi_l * dphi_l) + (phi_r**2 - phi_l**2) * x / (2 * q)
    return slope + float(np.sum(density * jumps, where=density > 0.0))


def homogeneous_slope(act) -> float | None:  # noqa: ANN001
    """V(q)/q if it is the same (to 1e-12) at q = 1e-6, 1 and 1e6 (phi positively homogeneous of
    degree 1, as relu and leaky relu), else None; None too where V(q) exceeds float64
    (leaky_relu:negative_slope=1e300 has V = inf: the length map's scan finds the divergence)."""
    points = np.array([1e-6, 1.0, 1e6])
    ratios = second_moment(act, points) / points
    if not np.all(np.isfinite(ratios)):
        return None
    if np.all(np.abs(ratios - ratios[1]) <= 1e-12 * ratios[1]):
        return float(ratios[1])
    return None


def depth_scale(chi: float) -> float:
    r""":math:`\xi = -1/\ln\chi` for :math:`0 < \chi < 1`; 0 for :math:`\chi = 0`; infinity for
    :math:`\chi \ge 1 - 10^{-12}` (no exponential decay within 1e12 layers; closer to 1 than
    that, :math:`\chi` is not known well enough to tell)."""
    chi = abs(chi)
    if chi <= 0.0:
        return 0.0
    if chi >= 1.0 - 1e-12:
        return math.inf
    return -1.0 / math.log(chi)


def chi1(act, sigma_w2: float, q: float) -> float:  # noqa: ANN001
    r""":math:`\chi_1(q) = \sigma_w^2\,\mathbb{E}[\phi'(\sqrt q z)^2]`; q = 0 gives the limit
    q -> 0+ and q = inf the limit q -> infinity (see :func:`chi1_at_infinity`)."""
    if math.isinf(q):
        return chi1_at_infinity(act, sigma_w2)
    _, d = moments(act, q)
    return sigma_w2 * float(d)


def chi1_at_infinity(act, sigma_w2: float) -> float:  # noqa: ANN001
    r""":math:`\lim_{q\to\infty} \chi_1(q)`, read at q = 1e16 and 1e20: their common value if
    they agree to 1e-6 (relu: :math:`\sigma_w^2/2`; elu: the same up to
    :math:`O(q^{-1/2})`); inf if :math:`\chi_1` keeps growing (squared relu); nan if it
    does neither (an activation oscillating at every scale, which a quadrature cannot
    resolve at q = 1e20)."""
    _, d = moments(act, np.array([1e16, 1e20]))
    low, high = sigma_w2 * d
    if math.isclose(low, high, rel_tol=1e-6, abs_tol=1e-300):
        return float(high)
    return math.inf if high > 10 * low else math.nan

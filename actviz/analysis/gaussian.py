r"""Gaussian expectations of piecewise-smooth functions, accurate to about 1e-13.

Everything in the mean-field theory is an integral against a Gaussian,

.. math:: \mathbb{E}[g(m + s z)] = \int_{-\infty}^{\infty} g(m + s z)\,
          \frac{e^{-z^2/2}}{\sqrt{2\pi}}\,dz, \qquad z \sim \mathcal{N}(0, 1),

with ``g`` built from an activation that may have kinks (relu, elu, selu) or
jumps (steps). Gauss-Hermite quadrature over the whole line converges slowly on
such functions (2 to 4 digits for selu), so the line is cut into panels whose
ends are

* the kinks of ``g``, mapped to :math:`z = (x_k - m)/s`;
* a fixed grid in :math:`z` at the scale of the Gaussian (0, ±1, ±2, ... ±12:
  beyond 12 the weight is below 1e-32);
* a geometric grid :math:`x = \pm 2^j` at the scale of the activation, so that
  a transition of width 1 in x is resolved even when s is 1000;

and each panel gets a Gauss-Legendre rule, on which a function analytic on the
panel converges geometrically. Everything is vectorised over ``m`` and ``s``.
The property table's moments (:func:`actviz.analysis.properties.gaussian_moments`)
use the same panel rule (:func:`panel_rule`), adaptively refined.

Also here: the normal density and distribution function, and the probability
that :math:`z \sim N(0, \sigma^2)` falls in a union of intervals.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence

import numpy as np

from ..catalog import _normal

Interval = tuple[float, float]

_Z_LIMIT = 12.0
_Z_GRID = np.array([0.0, 0.75, 1.5, 2.25, 3.0, 4.0, 5.0, 6.25, 7.5, 9.0, 10.5, _Z_LIMIT])
_Z_GRID = np.concatenate([-_Z_GRID[:0:-1], _Z_GRID])
_X_GRID = 2.0 ** np.arange(-2, 7)
_X_GRID = np.concatenate([-_X_GRID[::-1], [0.0], _X_GRID])
_NODES = 10


def normal_pdf(x: object) -> np.ndarray:
    r""":math:`\varphi(x) = e^{-x^2/2}/\sqrt{2\pi}`, the standard normal density (the
    catalogue's, :mod:`actviz.catalog._normal`: GELU's gate and this are one function)."""
    return _normal.pdf(np.asarray(x, dtype=float))


def normal_cdf(u: object) -> np.ndarray:
    r""":math:`\Phi(u) = \tfrac12 \operatorname{erfc}(-u/\sqrt2)`, the standard normal
    distribution function to a few ulp, in the left tail too (the catalogue's,
    :mod:`actviz.catalog._normal`; scipy.special loads on the first call)."""
    return _normal.cdf(np.asarray(u, dtype=float))


def gaussian_fraction(intervals: Sequence[Interval], sigma: object) -> np.ndarray:
    r""":math:`P(z \in \bigcup [a, b])` for :math:`z \sim N(0, \sigma^2)`, for each sigma:

    .. math:: \sum_{(a, b)} \Phi(b/\sigma) - \Phi(a/\sigma),

    written with the tail probabilities of the right side, :math:`\Phi(-a/\sigma) -
    \Phi(-b/\sigma)`, for intervals right of 0, so nothing cancels. ``intervals`` are
    disjoint; ``-inf``/``inf`` mark unbounded ends."""
    sigma = np.asarray(sigma, dtype=np.float64)
    total = np.zeros_like(sigma)
    for a, b in intervals:
        if a >= 0:  # right tail: Phi(-a/s) - Phi(-b/s), no cancellation
            total += normal_cdf(_standardised(-a, sigma)) - normal_cdf(_standardised(-b, sigma))
        else:
            total += normal_cdf(_standardised(b, sigma)) - normal_cdf(_standardised(a, sigma))
    return total


def _standardised(a: float, sigma: np.ndarray) -> np.ndarray:
    """a/sigma, taken as ±inf where it exceeds 2^1000 (Phi is exactly 0 or 1 there either
    way), so that a subnormal sigma does not overflow the division (saturation ada
    --sigma 1e-320 warned, found by the long fuzz)."""
    if a == 0.0 or math.isinf(a):
        return a / sigma
    huge = np.log2(np.maximum(sigma, 5e-324)) < math.log2(abs(a)) - 1000
    return np.where(huge, math.copysign(math.inf, a), a / np.where(huge, 1.0, sigma))


@functools.lru_cache(maxsize=4)
def _legendre(nodes: int) -> tuple[np.ndarray, np.ndarray]:
    return np.polynomial.legendre.leggauss(nodes)


def panel_rule(a: np.ndarray, b: np.ndarray, nodes: int = _NODES) -> tuple[np.ndarray, np.ndarray]:
    r"""Gauss-Legendre nodes ``z`` and weights ``w`` against the normal density on each
    panel :math:`[a, b]`:

    .. math:: \sum_i w_i g(z_i) \approx \int_a^b g(z)\,\varphi(z)\,dz,

    exact for :math:`g\varphi` a polynomial of degree < 2 ``nodes``. Shapes
    ``a.shape + (nodes,)``."""
    z_nodes, weights = _legendre(nodes)
    a, b = np.asarray(a, dtype=float)[..., None], np.asarray(b, dtype=float)[..., None]
    half = 0.5 * (b - a)
    z = 0.5 * (a + b) + half * z_nodes
    return z, half * weights * normal_pdf(z)


def _panel_ends(loc: np.ndarray, scale: np.ndarray, kinks: Sequence[float]) -> np.ndarray:
    """Sorted panel ends in z, shape ``loc.shape + (K,)``; panels of zero width
    (points clipped to ±12) are dropped where they are empty for every entry."""
    points_x = np.concatenate([_X_GRID, np.asarray(kinks, dtype=float)])
    # Points more than 12 scales away are clipped to ±12 anyway; mapping them by the division
    # overflowed for a kink at 1e300 or 1.7e308 (hardtanh:max_val=1.7e308, srelu:t_right=1e300)
    # and q -> 0+. Halving both ends first keeps the test itself from overflowing.
    half_gap = 0.5 * points_x - 0.5 * loc[..., None]
    far = ~(np.abs(half_gap) / _Z_LIMIT <= 0.5 * scale[..., None])
    gap = np.subtract(points_x, loc[..., None], out=np.zeros(far.shape), where=~far)
    mapped = np.where(far, np.copysign(_Z_LIMIT, half_gap), gap / scale[..., None])
    mapped = np.clip(mapped, -_Z_LIMIT, _Z_LIMIT)
    grid = np.broadcast_to(_Z_GRID, loc.shape + _Z_GRID.shape)
    ends = np.sort(np.concatenate([grid, mapped], axis=-1), axis=-1)
    widths = np.diff(ends, axis=-1)
    flat = widths.reshape(-1, widths.shape[-1])
    keep = np.concatenate([[True], np.any(flat > 0, axis=0)])
    return ends[..., keep]


def gaussian_rule(loc: np.ndarray, scale: np.ndarray, kinks: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
    r"""Nodes ``x`` and weights ``w`` with :math:`\sum_i w_i g(x_i) \approx
    \mathbb{E}[g(m + s z)]` for every ``m = loc``, ``s = scale > 0``.

    Shapes: ``loc.shape + (n,)``. ``g`` may be kinked or jump at ``kinks``
    (x-coordinates); elsewhere it should be analytic.
    """
    loc, scale = np.broadcast_arrays(np.asarray(loc, dtype=float), np.asarray(scale, dtype=float))
    ends = _panel_ends(loc, scale, kinks)
    z, w = panel_rule(ends[..., :-1], ends[..., 1:])
    z, w = z.reshape(loc.shape + (-1,)), w.reshape(loc.shape + (-1,))
    return loc[..., None] + scale[..., None] * z, w


def gaussian_expectation(g: Callable[[np.ndarray], np.ndarray], loc: object, scale: object,
                         kinks: Sequence[float] = ()) -> np.ndarray:
    r""":math:`\mathbb{E}[g(m + s z)]` for :math:`z \sim \mathcal{N}(0,1)`, elementwise
    over ``loc = m`` and ``scale = s > 0`` (see :func:`gaussian_rule`)."""
    x, w = gaussian_rule(np.asarray(loc, dtype=float), np.asarray(scale, dtype=float), kinks)
    return np.sum(g(x) * w, axis=-1)

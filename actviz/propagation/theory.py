r"""Mean-field theory of signal propagation through deep random networks
(Poole et al. 2016, *Exponential expressivity in deep neural networks through
transient chaos*; Schoenholz et al. 2017, *Deep Information Propagation*).

A stack :math:`h^l = W^l \phi(h^{l-1}) + b^l` with :math:`W_{ij} \sim
\mathcal{N}(0, \sigma_w^2/N)` and :math:`b_i \sim \mathcal{N}(0, \sigma_b^2)`,
in the limit of infinite width. With :math:`z \sim \mathcal{N}(0, 1)`:

* length map :math:`q^l = \sigma_w^2\, \mathbb{E}[\phi(\sqrt{q^{l-1}} z)^2] + \sigma_b^2`,
  with fixed point :math:`q^*`;
* :math:`\chi_1(q) = \sigma_w^2\, \mathbb{E}[\phi'(\sqrt{q} z)^2]`: backward,
  :math:`\mathbb{E}\|g^{l-1}\|^2 = \chi_1(q^{l-1})\, \mathbb{E}\|g^l\|^2` with
  :math:`g^l = \partial L / \partial h^l`; :math:`\chi_1(q^*) = 1` is the edge of chaos;
* :math:`\chi_q = \sigma_w^2\, \tfrac{d}{dq}\mathbb{E}[\phi(\sqrt q z)^2]` at :math:`q^*`
  and :math:`\xi_q = -1/\ln \chi_q`: how fast q settles;
* correlation map :math:`c \mapsto (\sigma_w^2 \mathbb{E}[\phi(u_1)\phi(u_2)] + \sigma_b^2)/q^*`,
  :math:`u_1 = \sqrt{q^*} z_1`, :math:`u_2 = \sqrt{q^*}(c z_1 + \sqrt{1-c^2} z_2)`, its
  stable fixed point :math:`c^*` (1 in the ordered phase) and
  :math:`\xi_c = -1/\ln(\sigma_w^2 \mathbb{E}[\phi'(u_1)\phi'(u_2)])` at :math:`c^*`
  (:math:`= -1/\ln \chi_1` when :math:`c^* = 1`).

Degenerate cases are named, not hidden: ``collapse`` (q -> 0: geometric when
:math:`\chi_1(0^+) < 1`, only algebraic when it is 1, as for tanh at (1, 0)),
``divergence`` (q -> infinity), ``line`` (every q is a fixed point: a positively
homogeneous activation such as relu at (2, 0)).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..errors import ActvizError
from .correlation import correlation_fixed_point
from .edge import critical_sigma_w2  # noqa: F401  (re-exported: the edge of chaos lived here)
from .moments import (
    Q_TINY,
    chi1,
    chi1_at_infinity,
    depth_scale,
    homogeneous_slope,
    moment_slope,
    moments,
    require_pointwise,
    second_moment,
)
from .roots import bracketed_root

Q_HUGE = 1e250  # stands for q -> infinity
_LINEAR_BELOW = 1e-250  # below this q, the length map is its linearisation at 0
_COLLAPSE_FLOOR = 1e-12  # below this, M(q) - q is rounding noise against q^2 terms
_EXACT = 1e-12
_FINE = math.log(2.0) / 4  # the fixed-point scan's grid: a factor 2^(1/4) in q
_CHUNK = 32  # grid points tabulated per vectorised call


# -- the length map -----------------------------------------------------------


@dataclass(frozen=True)
class FixedPoint:
    """Where the length map goes from ``q0``: ``regime`` is ``fixed point``,
    ``collapse`` (q* = 0), ``divergence`` (q* = inf) or ``line`` (every q is fixed)."""

    regime: str
    q_star: float


def fixed_point(act, sigma_w2: float, sigma_b2: float, q0: float = 1.0) -> FixedPoint:  # noqa: ANN001
    r"""The stable fixed point :math:`q^*` the length map reaches from :math:`q^0`.

    A positively homogeneous activation (relu, leaky relu) has :math:`M(q) = g q + \sigma_b^2`
    with a constant gain g, and the closed form :math:`q^* = \sigma_b^2/(1 - g)` for g < 1.
    Otherwise the relative excess :math:`r(q) = M(q)/q - 1` is bracketed from :math:`q^0` in
    the direction the map moves, the map stopping at the first sign change of r it meets:
    r is tabulated in vectorised chunks on a grid of factor :math:`2^{1/4}` (upwards up to
    :math:`10^{12} q^0`, then in steps growing to 1e64), fine enough for the narrow window in
    which gish at :math:`\sigma_w^2 = 3.99` settles (r > 0 only on about [0.55, 0.8]: factor-4
    steps jumped over it and reported a collapse), and solved for :math:`\ln q` with
    :func:`bracketed_root` (relative 1e-14).
    :math:`|r| \le 10^{-12}` is rounding noise, not a sign: such a point is the fixed point
    when the next step is clearly negative (sign(x) at sigma_w^2 = 4: q* = 4 exactly).
    """
    require_pointwise(act)

    def excesses(log_q: np.ndarray) -> np.ndarray:
        q = np.exp(log_q)
        return (sigma_w2 * second_moment(act, q) + sigma_b2) / q - 1.0

    def excess(log_q: float) -> float:
        return float(excesses(np.float64(log_q)))

    origin_fixed = sigma_b2 == 0.0 and float(act(0.0)) == 0.0
    slope = homogeneous_slope(act) if float(act(0.0)) == 0.0 else None
    if slope is not None:  # M(q) = gain q + sigma_b^2 exactly
        gain = sigma_w2 * slope
        if sigma_b2 == 0.0 and abs(gain - 1.0) <= _EXACT:
            return FixedPoint("line", q0)
        if gain < 1.0:
            return FixedPoint("collapse", 0.0) if sigma_b2 == 0.0 else FixedPoint("fixed point", sigma_b2 / (1.0 - gain))
        return FixedPoint("divergence", math.inf)
    near = math.log(q0)
    r_near = excess(near)
    climbing = r_near >= -_EXACT
    if climbing:
        dense_top = math.log(1e12 * q0)
        growing = dense_top + np.cumsum(np.minimum(math.log(4.0) * 2.0 ** np.arange(1, 64), math.log(1e64)))
        grid = np.concatenate([np.arange(near + _FINE, dense_top, _FINE), growing])
        grid = grid[grid <= math.log(Q_HUGE)]
        stop = lambda r: ~np.isfinite(r) | (r < -_EXACT)  # noqa: E731
    else:
        floor = math.log(_COLLAPSE_FLOOR if origin_fixed else Q_TINY)
        grid = np.arange(near - _FINE, floor, -_FINE)
        stop = lambda r: r >= 0  # noqa: E731
    for start in range(0, grid.size, _CHUNK):
        chunk = grid[start:start + _CHUNK]
        r_chunk = excesses(chunk)
        hits = np.flatnonzero(stop(r_chunk))
        if hits.size:
            far, r_far = float(chunk[hits[0]]), float(r_chunk[hits[0]])
            break
        near, r_near = float(chunk[-1]), float(r_chunk[-1])  # the last point the map passes
    else:
        return FixedPoint("divergence", math.inf) if climbing else FixedPoint("collapse", 0.0)
    if hits[0] > 0:
        near, r_near = float(chunk[hits[0] - 1]), float(r_chunk[hits[0] - 1])
    if climbing:
        if not math.isfinite(r_far):
            return FixedPoint("divergence", math.inf)
        if r_near <= _EXACT:  # the previous point was a root up to rounding
            return FixedPoint("fixed point", math.exp(near))
    log_q = bracketed_root(excess, near, far, fa=r_near, fb=r_far, xtol=1e-15)
    return FixedPoint("fixed point", math.exp(log_q))


# -- everything at one point ------------------------------------------------------


@dataclass(frozen=True)
class MeanField:
    """The mean-field theory of one activation at one (sigma_w^2, sigma_b^2).

    ``q_star`` is 0 for a collapse, ``inf`` for a divergence; ``chi1`` is then the
    limit q -> 0+ or q -> infinity. Depth scales are ``inf`` where nothing decays
    exponentially. ``notes`` say in words what the numbers mean.
    """

    activation: str
    params: dict[str, float]
    sigma_w2: float
    sigma_b2: float
    q0: float
    regime: str
    q_star: float
    chi1: float
    chi_q: float
    xi_q: float
    c_star: float
    xi_c: float
    phase: str
    notes: tuple[str, ...] = field(default=())

    def _repr_markdown_(self) -> str:
        """The theory as a table with its notes, for Jupyter."""
        from .. import display

        return display.mean_field_markdown(self)

    def to_dict(self) -> dict:
        """JSON-ready: infinities become ``None`` (JSON has no infinity)."""

        def clean(v: float) -> float | None:
            return v if math.isfinite(v) else None

        return {
            "activation": self.activation, "params": dict(self.params),
            "sigma_w2": self.sigma_w2, "sigma_b2": self.sigma_b2, "q0": self.q0,
            "regime": self.regime, "phase": self.phase,
            "q_star": clean(self.q_star), "chi1": clean(self.chi1), "chi_q": clean(self.chi_q),
            "xi_q": clean(self.xi_q), "c_star": clean(self.c_star), "xi_c": clean(self.xi_c),
            "notes": list(self.notes),
        }


def _over_depth(chi: float, depth: int) -> str:
    """chi^depth as text, as a power of ten where a float cannot hold it."""
    decades = depth * math.log10(chi)
    return f"{chi ** depth:.3g}" if abs(decades) < 300 else f"1e{decades:.0f}"


def _phase(chi: float) -> str:
    if abs(chi - 1.0) <= 1e-9:
        return "critical"
    return "ordered" if chi < 1 else "chaotic"


def mean_field(act, sigma_w2: float, sigma_b2: float, q0: float = 1.0, depth: int = 50) -> MeanField:  # noqa: ANN001
    """The whole theory (see the module docstring) of ``act`` at (sigma_w2, sigma_b2),
    the length map started from ``q0`` (1 for inputs x ~ N(0, 1)); the notes say
    how much gradients change over ``depth`` layers."""
    require_pointwise(act)
    if not (sigma_w2 > 0 and math.isfinite(sigma_w2)):
        raise ActvizError(f"invalid sigma_w^2 {sigma_w2!r}: expected a positive number")
    if not (sigma_b2 >= 0 and math.isfinite(sigma_b2)):
        raise ActvizError(f"invalid sigma_b^2 {sigma_b2!r}: expected a number >= 0")
    if not (q0 > 0 and math.isfinite(q0)):
        raise ActvizError(f"invalid input second moment q0 {q0!r}: expected a positive number")
    point = fixed_point(act, sigma_w2, sigma_b2, q0)
    q_star = point.q_star
    chi = chi1(act, sigma_w2, q_star)
    notes: list[str] = []
    c_star, xi_c = 1.0, depth_scale(chi)
    if point.regime == "fixed point":
        chi_q = sigma_w2 * moment_slope(act, q_star)
        if chi > 1 + 1e-9:
            c_star, chi_c = correlation_fixed_point(act, sigma_w2, sigma_b2, q_star)
            xi_c = depth_scale(chi_c)
    elif point.regime == "collapse":
        chi_q = chi  # M(q) ~ chi_1(0+) q near 0
        if abs(chi - 1.0) <= 1e-9:
            notes.append("q -> 0 only algebraically (chi_1 = 1 at q = 0): no exponential depth scale")
        else:
            notes.append(f"q -> 0 geometrically, by a factor {chi:.4g} per layer; chi_1 is its q -> 0 limit")
    elif point.regime == "line":
        chi_q = 1.0
        notes.append("every q is a fixed point (positively homogeneous activation): q stays at the input's q")
    else:
        chi_q = math.inf
        notes.append("q grows without bound; chi_1 is its q -> infinity limit")
        c_star, xi_c = math.nan, math.nan
    phase = _phase(chi)
    if phase == "chaotic" and math.isfinite(chi):
        notes.append(f"gradients grow{' slowly' if chi < 1.1 else ''}: by chi_1^(1/2) = {math.sqrt(chi):.4f} "
                     f"per layer backwards (x{_over_depth(chi, depth)} in squared norm over {depth} layers)")
    elif phase == "ordered" and chi > 0:
        notes.append(f"gradients vanish: by chi_1^(1/2) = {math.sqrt(chi):.4g} per layer backwards "
                     f"(x{_over_depth(chi, depth)} in squared norm over {depth} layers)")
    elif phase == "critical":
        notes.append("edge of chaos (chi_1 = 1): gradients neither vanish nor explode geometrically")
    return MeanField(act.spec, act.params, float(sigma_w2), float(sigma_b2), float(q0), point.regime,
                     q_star, chi, chi_q, depth_scale(chi_q) if point.regime != "divergence" else math.nan,
                     c_star, xi_c, phase, tuple(notes))


# -- layer by layer and the edge of chaos -------------------------------------------


@dataclass(frozen=True)
class Profile:
    r"""The theory layer by layer, following the length map from the input's q.

    ``q[l]`` is :math:`q^l` (l = 0 the input), ``chi1[l]`` is :math:`\chi_1(q^l)` and
    ``log_grad_norm[l]`` the predicted :math:`\ln \|g^l\|` for :math:`\|g^L\| = 1`:
    :math:`\tfrac12 \sum_{k=l}^{L-1} \ln \chi_1(q^k)`.
    """

    q: np.ndarray
    chi1: np.ndarray
    log_grad_norm: np.ndarray


def profile(act, sigma_w2: float, sigma_b2: float, depth: int, q0: float = 1.0) -> Profile:  # noqa: ANN001
    r"""Iterate :math:`q^{l+1} = \sigma_w^2 \mathbb{E}[\phi(\sqrt{q^l} z)^2] + \sigma_b^2` from
    :math:`q^0 = q0` for ``depth`` layers and accumulate the backward gains
    :math:`\chi_1(q^l)`. Once q stops changing (to 1e-15) the rest is filled in;
    a q beyond 1e250 counts as infinite (:func:`chi1_at_infinity`)."""
    require_pointwise(act)
    q = np.empty(depth + 1)
    gains = np.empty(depth + 1)
    q[0] = q0
    for layer in range(depth + 1):
        current = q[layer]
        if not current <= Q_HUGE:
            q[layer:] = math.inf
            gains[layer:] = chi1_at_infinity(act, sigma_w2)
            break
        v, d = moments(act, current)
        if current < _LINEAR_BELOW and float(act(0.0)) == 0.0:
            v = d * current  # V(q) = E[phi'(0+-)^2] q + O(q^2): q keeps shrinking below Q_TINY
        gains[layer] = sigma_w2 * float(d)
        if layer == depth:
            break
        q[layer + 1] = sigma_w2 * float(v) + sigma_b2
        if abs(q[layer + 1] - current) <= 1e-15 * current:
            q[layer + 1:] = q[layer + 1]
            gains[layer + 1:] = gains[layer]
            break
    logs = np.log(gains, out=np.full_like(gains, -math.inf), where=gains > 0)
    log_norm = np.zeros(depth + 1)
    log_norm[:-1] = 0.5 * np.cumsum(logs[:-1][::-1])[::-1]
    return Profile(q, gains, log_norm)

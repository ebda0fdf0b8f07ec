r"""The (sigma_w^2, sigma_b^2) phase diagram of one activation (Poole et al. 2016, Fig. 2;
Schoenholz et al. 2017, Fig. 1): where :math:`\chi_1 < 1` (ordered: nearby inputs
converge, gradients vanish), where :math:`\chi_1 > 1` (chaotic: they decorrelate,
gradients explode), the edge :math:`\chi_1 = 1` between, and the depth scale
:math:`\xi_c` over which correlations travel.

A whole grid needs thousands of fixed points, so the Gaussian moments are
tabulated once on a log-spaced q grid (60 points per decade from 1e-12 to 1e12)
and every grid point reads :math:`q^*` and :math:`\chi_1` off it by linear
interpolation (relative error about 1e-4); in the chaotic phase :math:`c^*` comes
from a 48-term Mehler series. The edge itself is solved exactly
(:func:`~actviz.propagation.theory.critical_sigma_w2`) at a few sigma_b^2.
For exact numbers at one point use :func:`~actviz.propagation.theory.mean_field`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..errors import ActvizError
from .correlation import hermite_power
from .moments import depth_scale, moments, require_pointwise
from .edge import critical_sigma_w2

_Q_GRID = np.logspace(-12, 12, 24 * 60 + 1)
_TERMS = 48


@dataclass(frozen=True)
class PhaseDiagram:
    """``chi1`` and ``xi_c`` have shape (len(sigma_b2), len(sigma_w2)); ``xi_c`` is inf
    on the edge and nan where q diverges. The exact edge is the curve
    (``critical_sigma_w2``, ``critical_sigma_b2``), nan where there is none."""

    activation: str
    sigma_w2: np.ndarray
    sigma_b2: np.ndarray
    chi1: np.ndarray
    xi_c: np.ndarray
    critical_sigma_b2: np.ndarray
    critical_sigma_w2: np.ndarray


def _settle_on_grid(v: np.ndarray, sigma_w2: np.ndarray, sigma_b2: float, q0: float) -> np.ndarray:
    """Interpolated index (fractional position on the q grid) of the fixed point reached
    from q0 for every sigma_w2, -inf for a collapse and +inf for a divergence."""
    excess = sigma_w2[:, None] * v[None, :] + sigma_b2 - _Q_GRID[None, :]
    start = int(np.searchsorted(_Q_GRID, q0))
    rising = excess[:, start] > 0
    position = np.empty(len(sigma_w2))
    for i, up in enumerate(rising):
        row = excess[i]
        if up:
            hits = np.nonzero(row[start:] <= 0)[0]
            if len(hits) == 0:
                position[i] = math.inf
                continue
            b = start + hits[0]
        else:
            hits = np.nonzero(row[: start + 1] >= 0)[0]
            if len(hits) == 0:
                position[i] = -math.inf
                continue
            b = hits[-1] + 1
        a = b - 1
        drop = row[a] - row[b]
        position[i] = a + (row[a] / drop if drop != 0 else 0.0)  # drop = 0: a line of fixed points
    return position


def _at(table: np.ndarray, position: np.ndarray) -> np.ndarray:
    """Linear interpolation of rows of ``table`` (indexed by the q grid) at fractional positions."""
    clipped = np.clip(position, 0, len(_Q_GRID) - 1)
    low = np.minimum(np.floor(clipped).astype(int), len(_Q_GRID) - 2)
    t = (clipped - low)[..., None] if table.ndim > 1 else clipped - low
    lower, upper = table[low], table[low + 1]
    # The tables are >= 0 (or log q): a non-finite neighbour (inf where exp(x)'s moments
    # overflow, nan where undefined) gives inf or nan, never inf * 0 (t = 0 or 1).
    both = np.isfinite(lower) & np.isfinite(upper)
    blend = np.where(both, lower, 0.0) * (1 - t) + np.where(both, upper, 0.0) * t
    edge = np.where(t == 0, lower, np.where(t == 1, upper, np.where(both, 0.0, lower) + np.where(both, 0.0, upper)))
    return np.where(both, blend, edge)


_C_SCAN = np.array([0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 0.99, 0.995, 0.999])


def _chaotic_depth(power: np.ndarray, sigma_w2: np.ndarray, sigma_b2: float, q_star: np.ndarray) -> np.ndarray:
    r""":math:`\xi_c` from the Mehler series :math:`C(c) = (\sigma_w^2 \sum_n a_n^2 c^n + \sigma_b^2)/q^*`.

    :math:`f(c) = C(c) - c` is >= 0 from c = 0 up to :math:`c^*`; the first scan point
    where it is negative brackets :math:`c^*`, refined by bisection. Where no scan point
    up to 0.999 is negative the point is next to the edge (and the truncated series
    cannot resolve it): its depth scale is reported infinite.
    """
    orders = np.arange(power.shape[-1])

    def excess(c: np.ndarray) -> np.ndarray:
        return (sigma_w2[..., None] * np.sum(power[:, None, :] * c[..., None] ** orders, axis=-1)
                + sigma_b2) / q_star[:, None] - c

    scan = excess(np.broadcast_to(_C_SCAN, (len(q_star), len(_C_SCAN))))
    negative = scan < 0
    resolved = negative.any(axis=1)
    first = np.argmax(negative, axis=1)
    high = _C_SCAN[np.maximum(first, 1)]
    low = _C_SCAN[np.maximum(first - 1, 0)]
    for _ in range(50):
        middle = 0.5 * (low + high)
        above = excess(middle[:, None])[:, 0] >= 0
        low, high = np.where(above, middle, low), np.where(above, high, middle)
    c = np.where(first == 0, 0.0, 0.5 * (low + high))
    slope = sigma_w2 * np.sum(power[:, 1:] * orders[1:] * c[:, None] ** (orders[1:] - 1), axis=-1) / q_star
    xi = np.full_like(q_star, math.inf)
    decaying = resolved & (slope < 1)
    xi[decaying] = [depth_scale(value) for value in slope[decaying]]
    return xi


def phase_diagram(act, sigma_w2: np.ndarray, sigma_b2: np.ndarray, *, q0: float = 1.0,  # noqa: ANN001
                  edge_points: int = 17, progress: Callable[[int, int], None] | None = None) -> PhaseDiagram:
    """chi_1 and xi_c on the grid ``sigma_w2`` x ``sigma_b2`` (see the module docstring).

    ``progress(done, total)`` is called after each step (the moment tables, each row
    of the grid, each point of the edge), for a progress bar: a long formula makes
    every step slow (the library never prints)."""
    total = 2 + len(sigma_b2) + edge_points

    def advance(done: int) -> None:
        if progress is not None:
            progress(done, total)

    require_pointwise(act)
    sigma_w2, sigma_b2 = np.asarray(sigma_w2, dtype=float), np.asarray(sigma_b2, dtype=float)
    if sigma_w2.ndim != 1 or sigma_b2.ndim != 1 or len(sigma_w2) < 2 or len(sigma_b2) < 2:
        raise ActvizError("a phase diagram needs at least two values of sigma_w^2 and of sigma_b^2")
    if np.any(sigma_w2 <= 0) or np.any(sigma_b2 < 0):
        raise ActvizError("invalid phase-diagram range: expected sigma_w^2 > 0 and sigma_b^2 >= 0")
    v, d = moments(act, _Q_GRID)
    advance(1)
    power = hermite_power(act, _Q_GRID, _TERMS)
    advance(2)
    chi = np.empty((len(sigma_b2), len(sigma_w2)))
    xi = np.empty_like(chi)
    for row, bias in enumerate(sigma_b2):
        position = _settle_on_grid(v, sigma_w2, float(bias), q0)
        chi[row] = sigma_w2 * _at(d, position)
        xi[row] = [depth_scale(value) for value in chi[row]]
        xi[row][np.isposinf(position)] = math.nan
        chaotic = np.isfinite(position) & (chi[row] > 1)
        if np.any(chaotic):
            q_star = np.exp(_at(np.log(_Q_GRID), position[chaotic]))
            xi[row][chaotic] = _chaotic_depth(_at(power, position[chaotic]), sigma_w2[chaotic], float(bias), q_star)
        advance(3 + row)
    # denser near the smallest sigma_b^2, where the edge bends most (tanh: 1 + O(sqrt(sigma_b^2)))
    edge_b2 = sigma_b2.min() + (sigma_b2.max() - sigma_b2.min()) * np.linspace(0.0, 1.0, edge_points) ** 2
    edge_w2 = np.empty(edge_points)
    for point, bias in enumerate(edge_b2):
        edge_w2[point] = _edge_or_nan(act, float(bias), q0)
        advance(3 + len(sigma_b2) + point)
    return PhaseDiagram(act.spec, sigma_w2, sigma_b2, chi, xi, edge_b2, edge_w2)


def _edge_or_nan(act, sigma_b2: float, q0: float) -> float:  # noqa: ANN001
    try:
        return critical_sigma_w2(act, sigma_b2, q0)
    except ActvizError:
        return math.nan


def phase_grid(act, sigma_w2_max: float | None = None, sigma_b2_max: float = 0.3,  # noqa: ANN001
               resolution: int = 120) -> tuple[np.ndarray, np.ndarray]:
    """The default grid of a phase diagram: ``resolution`` points of sigma_w^2 from
    sigma_w2_max/8 to sigma_w2_max (default: 4, or twice the edge of chaos at
    sigma_b^2 = 0 where that is further) and half as many (at least 8) of sigma_b^2
    from 0 to ``sigma_b2_max``."""
    if not (sigma_b2_max > 0 and math.isfinite(sigma_b2_max)):
        raise ActvizError(f"invalid {{sigma_b2_max}} {sigma_b2_max!r}: expected a positive number",
                          arguments=("sigma_b2_max",))
    if sigma_w2_max is None:
        try:
            sigma_w2_max = max(4.0, 2.0 * critical_sigma_w2(act, 0.0))
        except ActvizError:
            sigma_w2_max = 4.0
    if not (sigma_w2_max > 0 and math.isfinite(sigma_w2_max)):
        raise ActvizError(f"invalid {{sigma_w2_max}} {sigma_w2_max!r}: expected a positive number",
                          arguments=("sigma_w2_max",))
    return (np.linspace(sigma_w2_max / 8, sigma_w2_max, resolution),
            np.linspace(0.0, sigma_b2_max, max(8, resolution // 2)))

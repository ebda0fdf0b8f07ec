r"""Saturation: where :math:`|f'|` is tiny, and how much of a Gaussian input lands there.

The saturated set :math:`S_t = \{x : |f'(x)| < t\}` and the dead zone
:math:`D = \{x : f'(x) = 0\}` are unions of intervals. They are located from
the function itself: the predicate is evaluated on a fine grid (step 1e-3 on
[-60, 60], geometric out to ±1e4, plus every kink and a fine grid around kinks
further out), and each change of the predicate between two grid points is
refined by bisection down to adjacent floats
(:func:`actviz.analysis.bisection.intervals_where`). For a pre-activation
:math:`z \sim N(0, \sigma^2)`,

.. math:: P(z \in S_t) = \sum_{(a, b)} \Phi(b/\sigma) - \Phi(a/\sigma)

(:func:`actviz.analysis.gaussian.gaussian_fraction`). Intervals narrower than the
grid step are missed (their probability is below about 4e-4 / σ). The property
table's ``dead_zone`` is read from the same dead set (:func:`has_dead_zone`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import ActvizError
from .bisection import Interval, intervals_where
from .gaussian import gaussian_fraction

DEFAULT_THRESHOLD = 0.01
SIGMA_RANGE = (0.1, 10.0)
WIDE_RANGE = (-40.0, 40.0)
_STEP = 1e-3  # grid step near the origin
_DEAD_REACH = 20.0  # beyond, float underflow fakes zeros of f' where it is merely tiny
_AROUND_FAR_KINKS = 4.0  # a kink beyond the reach is searched this far on either side
DEAD_ZONE_WIDTH = 2 * _STEP
"""A dead zone is an interval of f' = 0 wider than two grid steps: not a single point
(relu'(0) = 0 by convention is no dead zone of, say, an odd function with a kink)."""


@dataclass(frozen=True)
class SaturationSets:
    """The saturated set (|f'| < threshold) and the dead zone (f' = 0) as
    sorted disjoint intervals; ``-inf``/``inf`` mark unbounded ends."""

    threshold: float
    saturated: tuple[Interval, ...]
    dead: tuple[Interval, ...]

    def shares(self, sigma: object) -> tuple[np.ndarray, np.ndarray]:
        """The probability that z ~ N(0, σ²) is saturated and that it is dead, for each σ."""
        return gaussian_fraction(self.saturated, sigma), gaussian_fraction(self.dead, sigma)


def check_threshold(threshold: float) -> float:
    """``threshold`` as a float, or :class:`ActvizError` unless it is positive and finite."""
    threshold = float(threshold)
    if not (math.isfinite(threshold) and threshold > 0):
        raise ActvizError(f"invalid {{threshold}} {threshold:g}: expected a positive number such as 0.01", arguments=("threshold",))
    return threshold


def check_sigma(sigma: float) -> float:
    """``sigma`` as a float, or :class:`ActvizError` unless it is positive and finite."""
    sigma = float(sigma)
    if not (math.isfinite(sigma) and sigma > 0):
        raise ActvizError(f"invalid {{sigma}} {sigma:g}: expected a positive standard deviation such as 1", arguments=("sigma",))
    return sigma


def _search_grid(act, reach: float) -> np.ndarray:  # noqa: ANN001
    """Step 1e-3 on [-60, 60] (or [-reach, reach]), geometric from 60 out to ``reach``,
    every kink within reach, and step 1e-3 on [k - 4, k + 4] around the kinks beyond."""
    near = min(reach, 60.0)
    inner = np.linspace(-near, near, int(round(2 * near / _STEP)) + 1)
    outer = np.geomspace(60.0, reach, 2_000) if reach > 60.0 else np.empty(0)
    kinks = np.array([float(k.x) for k in act.kinks if abs(k.x) <= reach])
    around = np.linspace(-_AROUND_FAR_KINKS, _AROUND_FAR_KINKS, int(round(2 * _AROUND_FAR_KINKS / _STEP)) + 1)
    far = [k.x + around for k in act.kinks if reach - _AROUND_FAR_KINKS < abs(k.x) < math.inf]
    return np.unique(np.concatenate([-outer, inner, outer, kinks, *far]))


def saturated_set(act, threshold: float = DEFAULT_THRESHOLD) -> tuple[Interval, ...]:  # noqa: ANN001
    """:math:`\\{x : |f'(x)| < t\\}`, searched out to ±1e4 (beyond, a Gaussian with
    σ <= 10 has no mass)."""
    threshold = check_threshold(threshold)
    return intervals_where(lambda x: np.abs(act.derivative(x)) < threshold, _search_grid(act, 1e4))


def dead_set(act) -> tuple[Interval, ...]:  # noqa: ANN001
    """:math:`\\{x : f'(x) = 0\\}`, searched on [-20, 20] (and around kinks beyond) and
    extended from its ends: further out, float underflow fakes zeros where f' is
    merely tiny (sigmoid'(x) underflows to 0 for |x| > 745, gelu'(x) for x < -38.5)."""
    return intervals_where(lambda x: act.derivative(x) == 0.0, _search_grid(act, _DEAD_REACH))


def has_dead_zone(dead: tuple[Interval, ...]) -> bool:
    """Whether f' = 0 on an interval (wider than :data:`DEAD_ZONE_WIDTH`), not at points only."""
    return any(b - a > DEAD_ZONE_WIDTH for a, b in dead)


def saturation_sets(act, threshold: float = DEFAULT_THRESHOLD) -> SaturationSets:  # noqa: ANN001
    """Locate :math:`\\{|f'| < t\\}` and :math:`\\{f' = 0\\}` for ``act`` (see
    :func:`saturated_set` and :func:`dead_set`)."""
    threshold = check_threshold(threshold)
    return SaturationSets(threshold, saturated_set(act, threshold), dead_set(act))

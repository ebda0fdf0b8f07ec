"""Honest samples of a curve f, f' or f'' on an interval, ready to draw.

A curve is sampled on a uniform grid that also contains every declared kink
(so a corner is drawn as a corner, not rounded off). At a kink where the curve
jumps (its one-sided limits differ) the samples are split into separate
segments, each ending at its own one-sided limit, so no vertical line is drawn
through the jump; the jump itself records the value taken at the point (closed
dot) and the limits it does not take (open dots). Horizontal asymptotes are the
curve's values at -inf and +inf, where they are finite.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..errors import ActvizError
from .limits import declared_kinks, one_sided_limits

DEFAULT_POINTS = 2001


@dataclass(frozen=True)
class Jump:
    """A discontinuity at ``x``: ``left``/``right`` are the one-sided limits
    (``None`` when that side is outside the plotted interval), ``value`` the
    value taken exactly at ``x``."""

    x: float
    left: float | None
    value: float
    right: float | None

    def open_values(self) -> tuple[float, ...]:
        """The limits not taken at ``x`` (drawn as open dots)."""
        return tuple(v for v in (self.left, self.right) if v is not None and v != self.value)

    @property
    def size(self) -> float | None:
        r"""``right - left``: the weight of the Dirac mass :math:`(g(x^+) - g(x^-))\,\delta(t - x)`
        in the derivative of the curve (None when one side is outside the interval)."""
        if self.left is None or self.right is None:
            return None
        return self.right - self.left


@dataclass(frozen=True)
class Asymptote:
    """``lim_{x -> side * inf} curve(x) = value`` (side is -1 or +1)."""

    side: int
    value: float


@dataclass(frozen=True)
class SampledCurve:
    """What to draw for one curve: continuous segments, jumps, asymptotes."""

    segments: tuple[tuple[np.ndarray, np.ndarray], ...]
    jumps: tuple[Jump, ...]
    asymptotes: tuple[Asymptote, ...]


INTERVAL_LIMIT = 1e100
"""The largest |x| an axis may reach: matplotlib's tick and transform arithmetic
(squares, differences, 1/extent) overflows near 1e308 (a LinAlgError for
``--range -1e308 1e308``, overflow warnings from the tick locator)."""


def check_interval(lo: float, hi: float, argument: str = "x_range") -> tuple[float, float]:
    """``(lo, hi)`` as floats, or :class:`ActvizError` naming ``argument`` unless
    ``-1e100 <= lo < hi <= 1e100`` (:data:`INTERVAL_LIMIT`) with at least 4096
    doubles between them (else the samples of a curve would repeat)."""
    lo, hi = float(lo), float(hi)
    name = "{" + argument + "}"
    if not (math.isfinite(lo) and math.isfinite(hi)) or not lo < hi:
        raise ActvizError(f"invalid {name} {lo:g} {hi:g}: expected two finite numbers LO < HI (e.g. {name} -5 5)",
                          arguments=(argument,))
    if max(abs(lo), abs(hi)) > INTERVAL_LIMIT:
        raise ActvizError(f"invalid {name} {lo:g} {hi:g}: an axis reaches at most |x| = {INTERVAL_LIMIT:g} "
                          "(beyond, the plotting arithmetic overflows)", arguments=(argument,))
    if hi - lo < 4096 * float(np.spacing(max(abs(lo), abs(hi)))):
        raise ActvizError(f"invalid {name} {lo!r} {hi!r}: too narrow to draw (fewer than 4096 doubles between the ends)",
                          arguments=(argument,))
    return lo, hi


def evaluate(act, order: int, x: np.ndarray) -> np.ndarray:  # noqa: ANN001  (an Activation)
    """f(x) for ``order`` 0, f'(x) for 1, f''(x) for 2, in float64."""
    x = np.asarray(x, dtype=np.float64)
    return np.asarray(act(x) if order == 0 else act.derivative(x, order), dtype=np.float64)


def sample_curve(act, order: int, lo: float, hi: float, points: int = DEFAULT_POINTS) -> SampledCurve:  # noqa: ANN001
    """Sample ``order``-th derivative of ``act`` on ``[lo, hi]`` honestly.

    The grid is ``points`` equally spaced values plus every kink inside;
    the returned line data equal ``act`` (or its derivative) at the grid
    points, except that a segment ending at a jump ends at the one-sided limit
    ``g(k-)`` or starts at ``g(k+)``, as :func:`actviz.analysis.limits.one_sided_limits`
    estimates them (the estimate and the tolerance the property table uses).
    """
    lo, hi = check_interval(lo, hi)
    limits = one_sided_limits(act, declared_kinks(act))
    shown = (lo <= limits.x) & (limits.x <= hi)
    x = np.union1d(np.linspace(lo, hi, points), limits.x[shown])
    y = evaluate(act, order, x)
    value_at, left_of, right_of = limits.at[order], limits.left[order], limits.right[order]
    apart_left, apart_right = limits.apart(order, value_at, left_of), limits.apart(order, value_at, right_of)
    breaks = limits.jumps()[order] | apart_left

    segments: list[tuple[np.ndarray, np.ndarray]] = []
    jumps: list[Jump] = []
    start = 0
    for j in np.flatnonzero(shown):
        k, value = float(limits.x[j]), float(value_at[j])
        # a limit within the tolerance of the value taken is that value (no open dot over the closed one)
        left = float(left_of[j]) if apart_left[j] else value
        right = float(right_of[j]) if apart_right[j] else value
        i = int(np.searchsorted(x, k))
        has_left, has_right = k > lo, k < hi
        if not (has_left and has_right):
            if apart_right[j] if has_right else apart_left[j]:  # a jump at the edge: draw the inner limit, mark the value
                jumps.append(Jump(k, None if has_right else left, value, right if has_right else None))
                y[i] = right if has_right else left
            continue
        if not breaks[j]:
            continue
        jumps.append(Jump(k, left, value, right))
        segments.append((np.append(x[start:i], k), np.append(y[start:i], left)))
        x, y = np.insert(x, i + 1, k), np.insert(y, i + 1, right)  # the right segment starts at (k, right)
        start = i + 1
    segments.append((x[start:], y[start:]))
    return SampledCurve(tuple(segments), tuple(jumps), _asymptotes(act, order, segments))


_PROBES = (30.0, 60.0)  # beyond any default view, before float underflow flattens smooth tails


def _flat_at_limit(act, order: int, side: int, limit: float) -> bool:  # noqa: ANN001
    """Whether the curve reaches its limit at a finite x and stays there (relu6
    is 6 from x = 6 on: a ceiling, not an asymptote). Probed at ±30 and ±60: the
    curve must equal the limit exactly and, for f and f', be exactly flat there
    (sigmoid(30) rounds to 1, but sigmoid'(30) = 9e-14 is not 0)."""
    probes = side * np.array(_PROBES)
    if np.any(evaluate(act, order, probes) != limit):
        return False
    return order == 2 or bool(np.all(evaluate(act, order + 1, probes) == 0.0))


def _asymptotes(act, order: int, segments) -> tuple[Asymptote, ...]:  # noqa: ANN001
    """Finite limits at ±inf that the sampled curve approaches without reaching
    (a limit the curve already sits on at the edge, or reaches at a finite x
    beyond it, adds nothing to the picture)."""
    limits = evaluate(act, order, np.array([-np.inf, np.inf]))
    edges = (segments[0][1][0], segments[-1][1][-1])
    found = []
    for side, limit, edge in zip((-1, 1), limits, edges):
        if not math.isfinite(limit) or edge == limit or _flat_at_limit(act, order, side, float(limit)):
            continue
        if not any(a.value == limit for a in found):
            found.append(Asymptote(side, float(limit)))
    return tuple(found)


@dataclass(frozen=True)
class DiracMass:
    r"""A term :math:`w\,\delta(t - x)` of a derivative: where the curve one order
    below jumps by ``weight`` w."""

    x: float
    weight: float


def dirac_masses(act, order: int, lo: float, hi: float) -> tuple[DiracMass, ...]:  # noqa: ANN001
    r"""The Dirac masses of the ``order``-th derivative (order >= 1) on ``[lo, hi]``:
    one at each jump of the derivative one order below, weighted by the jump
    :math:`g^{(k-1)}(x^+) - g^{(k-1)}(x^-)` (relu'' = δ, a step's f' = δ). The
    pointwise values elsewhere miss them, which a picture must not."""
    if order < 1:
        return ()
    below = sample_curve(act, order - 1, lo, hi)
    return tuple(DiracMass(jump.x, jump.size) for jump in below.jumps if jump.size)

r"""One-sided limits at kinks: the one estimate every table and picture uses.

At a kink :math:`k` an activation (or one of its derivatives) may jump. The
limits :math:`g(k-)` and :math:`g(k+)` of :math:`g = f, f', \dots, f''''` are
extrapolated from points beside the kink (see :func:`one_sided_limits`), and
two limits count as different when they are further apart than a tolerance per
order (:data:`JUMP_TOLERANCE`), far above the error of the estimate. The
property table (continuity, monotonicity), the plots (open and closed dots at a
jump) and the mean-field theory (jump terms of :math:`dV/dq`) all read jumps
from here, so they cannot disagree about one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

JUMP_TOLERANCE = (1e-9, 1e-7, 1e-6, 1e-4, 1e-3)
"""A jump of f, f', f'', f''', f'''' is a difference between one-sided limits larger than
tol * (1 + their size); each tolerance is far above the error of the limit estimate."""


def derivatives(act, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # noqa: ANN001  (an Activation)
    """f(x), f'(x) and f''(x) in float64."""
    x = np.asarray(x, dtype=np.float64)
    return np.asarray(act(x), float), np.asarray(act.derivative(x, 1), float), np.asarray(act.derivative(x, 2), float)


def _apart(a: np.ndarray, b: np.ndarray, tolerance: np.ndarray) -> np.ndarray:
    """Elementwise: do ``a`` and ``b`` differ by more than ``tolerance``? Two nans are
    equal (a curve undefined on both sides does not jump); one nan differs from anything."""
    return ~(np.abs(a - b) <= tolerance) & ~(np.isnan(a) & np.isnan(b))


@dataclass(frozen=True)
class KinkLimits:
    """One-sided limits at each kink ``x``: arrays of shape (5, n) for f, f', f'', f''', f''''
    from the left and from the right, and f, f', f'' at the kinks themselves (``at``, (3, n))."""

    x: np.ndarray
    left: np.ndarray
    right: np.ndarray
    at: np.ndarray

    @property
    def f_at(self) -> np.ndarray:
        """f at each kink."""
        return self.at[0]

    @property
    def d1_at(self) -> np.ndarray:
        """f' at each kink (the convention the kernel uses there)."""
        return self.at[1]

    @property
    def tolerance(self) -> np.ndarray:
        """(5, n): how far apart one-sided limits may be and still count as equal."""
        scale = 1.0 + np.maximum(np.abs(self.left), np.abs(self.right))
        return np.asarray(JUMP_TOLERANCE)[:, None] * scale

    def steps(self) -> np.ndarray:
        """(5, n): right limit minus left limit of f, f', ..., f'''', 0 where within tolerance."""
        step = self.right - self.left
        return np.where(_apart(self.left, self.right, self.tolerance), step, 0.0)

    def jumps(self) -> np.ndarray:
        """Boolean (5, n): does f, f', f'', f''', f'''' jump at each kink? f also jumps where the
        value it takes at the kink is not the common value of its limits."""
        jumps = self.steps() != 0.0
        jumps[0] |= _apart(self.f_at, 0.5 * (self.left[0] + self.right[0]), self.tolerance[0])
        return jumps

    def apart(self, order: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Per kink: are ``a`` and ``b`` (values of the curve of ``order``, one per kink)
        further apart than the tolerance of that order? (relu'(0) = 0 is apart from
        the right limit 1.)"""
        return _apart(a, b, self.tolerance[order])

    def between(self, order: int, values: np.ndarray) -> bool:
        """Does each value (f or f' at the kinks) lie between the two one-sided limits?"""
        low = np.minimum(self.left[order], self.right[order]) - self.tolerance[order]
        high = np.maximum(self.left[order], self.right[order]) + self.tolerance[order]
        return bool(np.all((values >= low) & (values <= high)))


def one_sided_limits(act, kinks: np.ndarray) -> KinkLimits:  # noqa: ANN001  (an Activation)
    """One-sided limits of f, f', f'', f''' and f'''' at each of the sorted ``kinks``,
    extrapolated from beside them.

    With h = 1e-5 |k|: f(k+) = f(k+h) - h f'(k+h) + h^2/2 f''(k+h) + O(h^3) and
    f'(k+) = f'(k+h) - h f''(k+h) + O(h^2). With H = 1e-3 |k| and a, b, c, d =
    f''(k+H), ..., f''(k+4H), the cubic through them gives f''(k+) = 4a - 6b + 4c - d
    + O(H^4), f'''(k+) = (-26a + 57b - 42c + 11d)/(6H) + O(H^3) and f''''(k+) =
    (3a - 8b + 7c - 2d)/H^2 + O(H^2) (rounding: about 1e-12 and 1e-9 of |f''|).
    Both steps shrink to an eighth of the gap to the next kink. The left side is
    the mirror image. (Evaluating one float beside the kink instead would meet the
    rounding of formulas that cancel there.)
    """
    kinks = np.asarray(kinks, dtype=np.float64)
    n = kinks.size
    if n == 0:
        empty = np.zeros((5, 0))
        return KinkLimits(kinks, empty, empty, np.zeros((3, 0)))
    # An eighth of the gap to the next kink. Kinks at ±1.7e308 (hardshrink:lambd=1.7e308) are
    # 3.4e308 apart, beyond float64: they are halved first (exact), and only then, so that tiny
    # gaps keep their last bit.
    halve = np.max(np.abs(kinks)) >= 2.0**1023
    eighths = 0.25 * np.diff(0.5 * kinks) if halve else np.diff(kinks) / 8.0
    room = np.minimum(np.r_[math.inf, eighths], np.r_[eighths, math.inf])
    size = np.maximum(1.0, np.abs(kinks))
    h = np.minimum(1e-5 * size, room)
    big = np.minimum(1e-3 * size, room)
    # h^2 and H^2 overflow for a kink beyond 1e154 (hardtanh:max_val=1e300) and H^2 underflows to 0
    # for kinks 1e-300 apart (relun:max_value=1e-300): there the products are regrouped, elsewhere
    # they keep their order (and last bits).
    fits = (big >= 1e-150) & (big <= 1e150)
    big_squared = np.square(big, out=np.full_like(big, math.nan), where=fits)

    # One kernel call per derivative: rows kinks, then the points left and right of them.
    offsets = [sign * step for sign in (-1.0, 1.0) for step in (h, big, 2 * big, 3 * big, 4 * big)]
    points = np.concatenate([kinks, *(_beside(kinks, o) for o in offsets)])
    f, d1, d2 = (v.reshape(11, n) for v in derivatives(act, points))
    sides = []
    for side, sign in enumerate((-1.0, 1.0)):
        row = 1 + 5 * side
        fh, d1h, d2h = f[row], d1[row], d2[row]
        a, b, c, d = d2[row + 1 : row + 5]
        step = sign * h
        step_squared = np.square(step, out=np.full_like(step, math.nan), where=fits)
        f_lim = fh - step * d1h + np.where(fits, 0.5 * step_squared * d2h, 0.5 * step * (step * d2h))
        d1_lim = d1h - step * d2h
        d2_lim = 4.0 * a - 6.0 * b + 4.0 * c - d
        # kinks closer than 8 subnormals (relun:max_value=5e-324) leave no room: H = 0, and the
        # third and fourth derivatives' limits are unknown (nan) instead of 0/0
        d3_lim = _over(-26.0 * a + 57.0 * b - 42.0 * c + 11.0 * d, 6.0 * sign * big)
        fourth = 3.0 * a - 8.0 * b + 7.0 * c - 2.0 * d
        d4_lim = np.where(fits, fourth / big_squared, _over(_over(fourth, big), big))
        sides.append(np.stack([f_lim, d1_lim, d2_lim, d3_lim, d4_lim]))
    return KinkLimits(kinks, sides[0], sides[1], np.stack([f[0], d1[0], d2[0]]))


_DOUBLE_MAX = float(np.finfo(np.float64).max)


def _beside(kinks: np.ndarray, offset: np.ndarray) -> np.ndarray:
    """kinks + offset; ±inf where the sum passes the largest double (a kink at 1.8e308 has no
    float beyond it: f there is f's limit at infinity), without an overflow warning."""
    beyond = (np.sign(kinks) == np.sign(offset)) & (np.abs(offset) > _DOUBLE_MAX - np.abs(kinks))
    return np.add(kinks, offset, out=np.copysign(np.full_like(kinks, math.inf), offset), where=~beyond)


def _over(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator, nan where the denominator is 0."""
    return np.divide(numerator, denominator, out=np.full_like(numerator, math.nan), where=denominator != 0)


def declared_kinks(act) -> np.ndarray:  # noqa: ANN001  (an Activation)
    """The x of every declared kink of ``act``, sorted, each once."""
    return np.asarray(sorted({float(k.x) for k in act.kinks}), dtype=np.float64)

"""Curves that coincide: equal to within a few units in the last place of the
drawn scale over a whole interval, so that drawing both would hide one under
the other.

``x*tanh(softplus(x))`` and ``mish`` are one function written twice; a picture
of both says so in its legend (``= mish (identical)``) instead of silently
drawing one line on top of the other.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

COINCIDE_ULPS = 4  # a few rounding errors apart: two implementations of one formula
COINCIDE_POINTS = 2001  # as many samples as a drawn curve has


def equal_within_ulps(a: np.ndarray, b: np.ndarray, ulps: float = COINCIDE_ULPS) -> bool:
    r"""Whether :math:`|a_i - b_i| \le \mathrm{ulps}\cdot\mathrm{ulp}(s)` for every i,
    with :math:`s = \max_j \max(|a_j|, |b_j|)` over the finite values: a few
    units in the last place of the curves' scale, where equal infinities and two
    nans also count as equal. The scale, not each point's own size, because a
    formula's derivative near one of its zeros carries the rounding of its
    terms (``x*sigmoid(x)``'s slope at -1.28 is 3e-4, off by 3e-17 = 542 of its
    own ulps and a tenth of one ulp of the curve's scale)."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    same = (a == b) | (np.isnan(a) & np.isnan(b))
    finite = np.isfinite(a) & np.isfinite(b)
    if not np.all(same | finite):
        return False
    scale = max(np.max(np.abs(a[finite]), initial=0.0), np.max(np.abs(b[finite]), initial=0.0))
    return bool(np.all(np.abs(a[finite] - b[finite]) <= ulps * np.spacing(scale)))


def _grid(acts: Sequence, lo: float, hi: float, points: int) -> np.ndarray:
    """``points`` equally spaced values on ``[lo, hi]`` and every kink inside."""
    kinks = [float(k.x) for act in acts for k in act.kinks if lo <= k.x <= hi]
    return np.union1d(np.linspace(lo, hi, points), kinks)


def _curve(act, order: int, x: np.ndarray) -> np.ndarray:  # noqa: ANN001  (an Activation)
    return np.asarray(act(x) if order == 0 else act.derivative(x, order), dtype=np.float64)


def coinciding(acts: Sequence, lo: float, hi: float, orders: Sequence[int] = (0,), *,
               points: int = COINCIDE_POINTS, ulps: float = COINCIDE_ULPS) -> list[int | None]:
    r"""For each activation, the index of the first earlier one it coincides with
    (None if none): :math:`g^{(k)}_i(x) = g^{(k)}_j(x)` to within ``ulps`` units in
    the last place (:func:`equal_within_ulps`) for every derivative order k in
    ``orders`` and every x of ``points`` equally spaced values on ``[lo, hi]``
    together with every kink of either there."""
    x = _grid(acts, lo, hi, points)
    curves = [[_curve(act, order, x) for order in orders] for act in acts]
    found: list[int | None] = []
    for i, mine in enumerate(curves):
        match = next((j for j in range(i) if found[j] is None
                      and all(equal_within_ulps(a, b, ulps) for a, b in zip(mine, curves[j]))), None)
        found.append(match)
    return found

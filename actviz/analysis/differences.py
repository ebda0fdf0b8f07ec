"""How far two curves are apart: pointwise differences (absolute, relative, in
units in the last place) for ``compare A B --diff``, and curves that coincide,
equal to within a few units in the last place of the drawn scale over a whole
interval, so that drawing both would hide one under the other.

``x*tanh(softplus(x))`` and ``mish`` are one function written twice; a picture
of both says so in its legend (``= mish (identical)``) instead of silently
drawing one line on top of the other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import ActvizError
from .sampling import evaluate

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


def coinciding(acts: Sequence, lo: float, hi: float, orders: Sequence[int] = (0,), *,
               points: int = COINCIDE_POINTS, ulps: float = COINCIDE_ULPS) -> list[int | None]:
    r"""For each activation, the index of the first earlier one it coincides with
    (None if none): :math:`g^{(k)}_i(x) = g^{(k)}_j(x)` to within ``ulps`` units in
    the last place (:func:`equal_within_ulps`) for every derivative order k in
    ``orders`` and every x of ``points`` equally spaced values on ``[lo, hi]``
    together with every kink of either there."""
    x = _grid(acts, lo, hi, points)
    curves = [[evaluate(act, order, x) for order in orders] for act in acts]
    found: list[int | None] = []
    for i, mine in enumerate(curves):
        match = next((j for j in range(i) if found[j] is None
                      and all(equal_within_ulps(a, b, ulps) for a, b in zip(mine, curves[j]))), None)
        found.append(match)
    return found


ERROR_KINDS = ("abs", "rel", "ulp")


def pointwise_error(a: np.ndarray, b: np.ndarray, kind: str = "abs") -> np.ndarray:
    r"""How far ``a`` is from the reference ``b``, elementwise:

    ``abs`` :math:`a - b`; ``rel`` :math:`(a - b)/|b|`; ``ulp``
    :math:`(a - b)/\mathrm{ulp}(\max(|a|, |b|))`, the difference in units in
    the last place of the larger. Equal values (infinities included) give 0; a
    pair with a non-finite member otherwise gives nan, as does ``rel`` where
    :math:`b = 0 \ne a`."""
    if kind not in ERROR_KINDS:
        raise ActvizError(f"unknown {{kind}} '{kind}': expected one of {', '.join(ERROR_KINDS)}", arguments=("kind",))
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    error = np.where(a == b, 0.0, np.nan)
    apart = np.isfinite(a) & np.isfinite(b) & (a != b)
    difference = a[apart] - b[apart]
    if kind == "rel":
        reference = np.abs(b[apart])
        difference = np.divide(difference, reference, out=np.full_like(difference, np.nan), where=reference > 0)
    elif kind == "ulp":  # |a - b| <= 2 max(|a|, |b|) <= 2**54 ulps of the larger: never overflows
        difference = difference / np.spacing(np.maximum(np.abs(a[apart]), np.abs(b[apart])))
    error[apart] = difference
    return error


@dataclass(frozen=True)
class CurveDifference:
    """``error`` of curve A from curve B (derivative ``order``) on the grid ``x``,
    in pieces between kinks (``pieces``: index ranges, so a jump of the
    difference is no line), and where ``|error|`` is largest."""

    x: np.ndarray
    error: np.ndarray
    pieces: tuple[tuple[int, int], ...]
    order: int
    kind: str

    @property
    def largest(self) -> tuple[float, float]:
        """``(max |error|, x where it is reached)`` over the finite errors (nan, nan if none)."""
        finite = np.isfinite(self.error)
        if not finite.any():
            return float("nan"), float("nan")
        i = int(np.argmax(np.where(finite, np.abs(self.error), -1.0)))
        return float(abs(self.error[i])), float(self.x[i])


def curve_difference(first, second, order: int, lo: float, hi: float, kind: str = "abs", *,  # noqa: ANN001
                     points: int = COINCIDE_POINTS) -> CurveDifference:
    r"""The error :math:`g^{(k)}_A(x) - g^{(k)}_B(x)` (or relative, or in ulps:
    :func:`pointwise_error`) of activation ``first`` from ``second`` for
    derivative order ``order``, on ``points`` equally spaced x in ``[lo, hi]``
    split at every kink of either: each piece ends at the kink's one-sided
    limits (the curves one float step away), so a jump is not drawn as a line."""
    kinks = sorted({float(k.x) for act in (first, second) for k in act.kinks if lo < k.x < hi})
    edges = [lo, *kinks, hi]
    xs, pieces, start = [], [], 0
    for left, right in zip(edges, edges[1:]):
        inner = np.linspace(lo, hi, points)
        inner = inner[(inner > left) & (inner < right)]
        piece = np.concatenate([[left if left == lo else np.nextafter(left, np.inf)], inner,
                                [right if right == hi else np.nextafter(right, -np.inf)]])
        xs.append(piece)
        pieces.append((start, start + len(piece)))
        start += len(piece)
    x = np.concatenate(xs)
    error = pointwise_error(evaluate(first, order, x), evaluate(second, order, x), kind)
    return CurveDifference(x, error, tuple(pieces), order, kind)

"""Properties of a pointwise activation, computed from the function itself.

Nothing here is typed in by hand: every entry of a :class:`PropertyReport` is
derived from f, f', f'' and the declared kinks of an
:class:`~actviz.entry.Activation`, so the report holds for any parameter
value and for user formulas alike.

How the analysis sees the function
    * a *grid*: a fine uniform grid over [-20, 20] (and around every kink
      outside it), offset so that no grid point lands on a round number;
    * *far points* out to ±1.7e308 and the limits at ±inf (the kernels return
      the limit there when one exists, nan when none does);
    * *one-sided limits* of f, f', f'', f''' and f'''' at every declared kink,
      and at every undeclared jump the grid reveals.

What it cannot see
    * features finer than the grid step (1/64) or, away from kinks, beyond
      |x| = 20 other than through the far points and the limits;
    * the difference between an exact 0 and an underflow to 0: softplus with
      beta = 100 is 0.0 in float64 below x = -7.45, so it is reported flat
      (dead zone, sparse, range [0, inf)) as it behaves in float64;
    * jumps of derivatives beyond the fourth (such a function reads as Cinf).

The module imports NumPy only; it never prints.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from ..errors import ActvizError
from .gaussian import panel_rule
from .cost import Cost, relative_costs
from .limits import KinkLimits, declared_kinks, derivatives, one_sided_limits
from .pointwise import require_pointwise
from .saturation import dead_set, has_dead_zone

CONTINUITY_ORDERS = ("discontinuous", "C0", "C1", "C2", "C3", "Cinf")
"""From least to most regular."""

ZERO_CENTRED_RATIO = 0.01
"""f is zero-centred when ``|E f(z)| <= ZERO_CENTRED_RATIO * sqrt(E f(z)^2)``."""


_GRID_HALF_WIDTH = 20.0  # exp-type derivatives are still far from underflow at |x| = 20
_GRID_STEP = 1.0 / 64.0
_GRID_OFFSET = 0.5 * (math.sqrt(5.0) - 1.0) * _GRID_STEP  # golden-ratio offset: no round numbers
_FAR = np.array([25.0, 30.0, 40.0, 60.0, 100.0, 300.0, 1e3, 1e4, 1e6, 1e10, 1e20, 1e50, 1e100, 1e200, 1e300, 1.7e308])
_QUADRATURE_SPAN = 16.0  # phi(16) = 1e-56: the Gaussian tail beyond is below 1e-40 for any activation here
_QUADRATURE_NODES = 16
_QUADRATURE_TOLERANCE = 1e-14
_QUADRATURE_MAX_PANELS = 4096
# Brackets are refined by multisection: each step cuts a bracket into 256 parts with one
# vectorised kernel call (a call costs far more than its points). 256**7 = 2**56: a grid
# step of 1/64 ends below one ulp of any |x| >= 2**-6, in 7 calls instead of 52 halvings.
_SECTIONS = 256
_SECTION_STEPS = 7


@dataclass(frozen=True)
class PropertyReport:
    """What is known about one activation; the field names are the JSON keys.

    ``range`` is ``(inf f, sup f)`` with ``-inf``/``inf`` for an unbounded end (None in
    :meth:`as_dict`, for JSON) and
    ``range_closed`` says whether each end is attained. ``mean``,
    ``second_moment`` and ``derivative_second_moment`` are E f(z), E f(z)^2 and
    E f'(z)^2 for z ~ N(0, 1); ``gain`` is 1/sqrt(E f(z)^2); ``cost`` is the
    time of f over the time of relu on this machine, with its spread (None unless
    measured: it is a property of the machine and of actviz's kernels, not of f).
    """

    name: str
    params: dict[str, float]
    range: tuple[float, float]
    range_closed: tuple[bool, bool]
    bounded_below: bool
    bounded_above: bool
    monotone: bool
    monotone_derivative: bool
    zero_centred: bool
    mean: float
    second_moment: float
    derivative_second_moment: float
    continuity: str
    smooth: bool
    identity_near_origin: bool
    nonlinear: bool
    saturates_left: bool
    saturates_right: bool
    dead_zone: bool
    sparse: bool
    gain: float | None
    cost: Cost | None

    @property
    def label(self) -> str:
        """``"elu (alpha=0.5)"``: the name with every parameter value."""
        if not self.params:
            return self.name
        return f"{self.name} ({', '.join(f'{k}={v:g}' for k, v in self.params.items())})"

    def _repr_markdown_(self) -> str:
        """The report as a table, for Jupyter."""
        from .. import display

        return display.report_markdown(self)

    def as_dict(self) -> dict:
        """The report as JSON-ready plain data: lists instead of tuples, None for a
        moment that is not finite (a formula growing faster than the Gaussian decays)."""
        record = dataclasses.asdict(self)
        record["range"] = [end if math.isfinite(end) else None for end in self.range]
        record["range_closed"] = list(self.range_closed)
        for key in ("mean", "second_moment", "derivative_second_moment"):
            if not math.isfinite(record[key]):
                record[key] = None
        return record


# -- sampling -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Samples:
    """f, f', f'' on the grid, with the index of the piece (between kinks) of each point."""

    x: np.ndarray
    f: np.ndarray
    d1: np.ndarray
    d2: np.ndarray
    piece: np.ndarray


def _grid(kinks: np.ndarray) -> np.ndarray:
    """A uniform grid of step 1/64 over [-20, 20] and over [k - 4, k + 4] for kinks outside it."""
    base = np.arange(-_GRID_HALF_WIDTH, _GRID_HALF_WIDTH, _GRID_STEP) + _GRID_OFFSET
    around = np.arange(-4.0, 4.0, _GRID_STEP) + _GRID_OFFSET
    outside = kinks[np.abs(kinks) > _GRID_HALF_WIDTH - 4.0]
    return _sorted_unique(np.concatenate([base, *(k + around for k in outside)]))


def _sorted_unique(x: np.ndarray) -> np.ndarray:
    """np.unique (and np.union1d) for floats without nan, minus their lazy import of numpy.ma (13 ms)."""
    x = np.sort(x)
    keep = np.ones(x.size, dtype=bool)
    keep[1:] = x[1:] != x[:-1]
    return x[keep]


def _sample(act, kinks: np.ndarray) -> _Samples:
    x = _grid(kinks)
    x = x[~np.isin(x, kinks)]
    f, d1, d2 = derivatives(act, x)
    return _Samples(x, f, d1, d2, np.searchsorted(kinks, x))


def _limit(values_far_to_farther: np.ndarray, at_infinity: float) -> float:
    """The limit at infinity: the kernel's value at ±inf, or, when that is nan (a
    formula evaluated as inf * 0), the common value at 1e100, 1e200 and 1e300
    if they agree; nan when there is no limit (sin)."""
    if not math.isnan(at_infinity):
        return at_infinity
    tail = values_far_to_farther[-4:-1]  # 1e100, 1e200, 1e300
    if np.all(np.isfinite(tail)) and np.ptp(tail) <= 1e-12 * (1.0 + np.max(np.abs(tail))):
        return float(tail[-1])
    return math.nan


@dataclass(frozen=True)
class _Tails:
    """f, f', f'' at the far points (rows: left, right), the limits of f and f' at
    -inf, +inf, and f, f' at 0 (evaluated in the same kernel calls)."""

    f: np.ndarray
    d1: np.ndarray
    d2: np.ndarray
    f_limits: tuple[float, float]
    d1_limits: tuple[float, float]
    at_zero: tuple[float, float]


def _tails(act) -> _Tails:
    x = np.concatenate([-_FAR, _FAR, [-math.inf, math.inf, 0.0]])
    f, d1, d2 = derivatives(act, x)
    n = _FAR.size

    def rows(v: np.ndarray) -> np.ndarray:
        return np.stack([v[:n], v[n : 2 * n]])

    def limits(v: np.ndarray) -> tuple[float, float]:
        return _limit(v[:n], float(v[-3])), _limit(v[n : 2 * n], float(v[-2]))

    return _Tails(rows(f), rows(d1), rows(d2), limits(f), limits(d1), (float(f[-1]), float(d1[-1])))


# -- undeclared breaks ---------------------------------------------------------------------


def _break_residuals(lo: np.ndarray, hi: np.ndarray, width: np.ndarray) -> np.ndarray:
    """(3, n) residuals over intervals of f, f', f'' (rows of ``lo`` and ``hi`` at their
    ends): for f and f' the error of the trapezoid rule with the next derivative,
    g(b) - g(a) - (b - a)(g'(a) + g'(b))/2, which is (b - a)^3 g'''/12 on a smooth
    stretch but of the size of the jump across a break; for f'' (no f''' known) the
    change |f''(b) - f''(a)| itself."""
    return np.abs(
        np.stack(
            [
                hi[0] - lo[0] - 0.5 * width * (hi[1] + lo[1]),
                hi[1] - lo[1] - 0.5 * width * (hi[2] + lo[2]),
                hi[2] - lo[2],
            ]
        )
    )


def _undeclared_breaks(act, s: _Samples) -> np.ndarray:
    """Candidate points where f, f' or f'' may jump although no kink is declared there.

    An interval of the grid (inside one piece) whose residual (see
    :func:`_break_residuals`) is above 1e-6 and 100 times that of both its
    neighbours holds a break; it is cut into 256 parts, keeping the part with the
    largest residual of the quantity that flagged it, down to machine precision. The
    caller keeps only the candidates whose one-sided limits really differ.
    """
    values = np.stack([s.f, s.d1, s.d2])
    residuals = _break_residuals(values[:, :-1], values[:, 1:], np.diff(s.x))
    scale = 1.0 + np.maximum(np.abs(values[:, 1:]), np.abs(values[:, :-1]))
    edge = np.zeros((3, 1))
    neighbours = np.maximum(np.hstack([residuals[:, 1:], edge]), np.hstack([edge, residuals[:, :-1]]))
    flagged = (residuals > 1e-6 * scale) & (residuals > 100.0 * neighbours)
    # f moving against the sign f' has at both ends is a break too (the pole of 1/x,
    # where every residual nearby is huge and none stands out).
    rise = np.diff(s.f)
    flagged[0] |= (np.sign(rise) * np.sign(s.d1[:-1]) < 0) & (np.sign(s.d1[:-1]) == np.sign(s.d1[1:])) & (
        np.abs(rise) > 1e-6 * scale[0]
    )
    flagged &= s.piece[1:] == s.piece[:-1]
    index = np.flatnonzero(flagged.any(axis=0))
    if index.size == 0:
        return np.zeros(0)
    # Follow the highest flagged derivative: its residual shrinks least as the parts do
    # (a jump in g leaves |J| in g's own residual, but only w^2 |J| / 12 in g's antiderivative's).
    order = 2 - np.argmax(flagged[::-1, index], axis=0)
    columns = np.arange(index.size)
    a, b = s.x[index], s.x[index + 1]
    for _ in range(_SECTION_STEPS):
        points = _sections(a, b)
        values = np.stack(derivatives(act, points))  # (3, n, parts + 1)
        _check_finite(act, points.ravel(), values.reshape(3, -1))  # a pole closed in on
        residuals = _break_residuals(values[:, :, :-1], values[:, :, 1:], np.diff(points, axis=1))
        part = np.argmax(residuals[order, columns], axis=1)
        a, b = points[columns, part], points[columns, part + 1]
    # Residuals drown in rounding within about 1e-14 of a break; breaks of formulas
    # mostly sit at round numbers (max(x, 0), where(x > 1, ...)), so snap to 9 decimals.
    found = 0.5 * (a + b)
    snapped = np.round(found, 9)
    return np.where(np.abs(snapped - found) <= 1e-9 * (1.0 + np.abs(found)), snapped, found)


# -- roots and extremes ---------------------------------------------------------------------


def _sign_change_roots(x: np.ndarray, g: np.ndarray, piece: np.ndarray, kernel, rising: bool | None = None) -> np.ndarray:
    """Roots of g inside each piece, where g changes sign between grid points, refined by
    multisection to machine precision. ``rising=False`` keeps only + to - changes (maxima of
    the antiderivative), ``True`` only - to +, None both."""
    a_neg = g[:-1] < 0
    b_neg = g[1:] < 0
    change = (np.sign(g[:-1]) * np.sign(g[1:]) < 0) & (piece[1:] == piece[:-1])
    if rising is not None:
        change &= (a_neg if rising else b_neg)
    index = np.flatnonzero(change)
    if index.size == 0:
        return np.zeros(0)
    a, b = x[index], x[index + 1]
    a_is_negative = a_neg[index][:, None]
    rows = np.arange(index.size)
    for _ in range(_SECTION_STEPS):
        points = _sections(a, b)
        flipped = (np.asarray(kernel(points[:, 1:-1]), float) < 0) != a_is_negative
        # the first inner point of the other sign ends the bracket; b does when none does
        part = np.where(flipped.any(axis=1), np.argmax(flipped, axis=1), _SECTIONS - 1)
        a, b = points[rows, part], points[rows, part + 1]
    return 0.5 * (a + b)


def _sections(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(n, 257) points cutting each [a, b] into 256 equal parts, ends included exactly."""
    t = np.arange(_SECTIONS + 1) / _SECTIONS
    points = a[:, None] + (b - a)[:, None] * t
    points[:, -1] = b
    return points


@dataclass(frozen=True)
class _Bound:
    value: float
    attained: bool


def _extreme(sign: float, attained_values: np.ndarray, approached_values: np.ndarray) -> _Bound:
    """The supremum (sign = +1) or infimum (sign = -1) of the candidates, and whether a
    candidate that the function takes (a critical point, a flat stretch, a kink) reaches
    it. Approached candidates are limits and samples that rounding may have pushed onto
    an asymptote (tanh(20) rounds to 1)."""
    attained = sign * attained_values[~np.isnan(attained_values)]
    approached = sign * approached_values[~np.isnan(approached_values)]
    best = max(np.max(attained, initial=-math.inf), np.max(approached, initial=-math.inf))
    reached = bool(attained.size) and math.isfinite(best) and np.max(attained) >= best - 1e-12 * max(1.0, abs(best))
    return _Bound(float(sign * best), bool(reached))


# -- moments --------------------------------------------------------------------------------


def _panel_integrals(act, a: np.ndarray, b: np.ndarray, shifts: tuple[int, int]) -> np.ndarray:
    """Gauss-Legendre integrals of phi g, phi g^2, phi g'^2 over each panel [a, b], shape (3, n),
    where g = f 2^-s and g' = f' 2^-t for ``shifts`` (s, t): the squares of a huge f
    (1e300 |x|) stay finite, and scaling by a power of two rounds nothing."""
    x, w = panel_rule(a, b, _QUADRATURE_NODES)
    g = np.ldexp(np.asarray(act(x), float), -shifts[0])
    d1 = np.ldexp(np.asarray(act.derivative(x, 1), float), -shifts[1])
    return np.stack([np.sum(w * g, axis=1), np.sum(w * g * g, axis=1), np.sum(w * d1 * d1, axis=1)])


def _shift(values: np.ndarray) -> int:
    """The power of two that brings max |values| down to at most 2^500 (so squares and
    their sums stay far below the overflow threshold 2^1024), or up to about 1 from below
    2^-500 (so squares do not underflow and 1/sqrt(E f^2) is still known); else 0."""
    largest = float(np.max(np.abs(values), initial=0.0))
    if not math.isfinite(largest) or largest == 0.0:
        return 0
    exponent = math.frexp(largest)[1]
    return exponent - 500 if exponent > 500 else exponent if exponent < -500 else 0


def _unscale(value: float, shift: int) -> float:
    """value 2^shift, inf where that exceeds the largest double (without a floating-point warning)."""
    mantissa, exponent = math.frexp(value)
    if exponent + shift > 1024:
        return math.copysign(math.inf, value)
    return math.ldexp(mantissa, exponent + shift)


@dataclass(frozen=True)
class _ScaledMoments:
    """E g, E g^2, E g'^2 for g = f 2^-shift, g' = f' 2^-d_shift (see :func:`gaussian_moments`)."""

    mean: float
    second: float
    d_second: float
    shift: int
    d_shift: int

    def unscaled(self) -> tuple[float, float, float]:
        return (_unscale(self.mean, self.shift), _unscale(self.second, 2 * self.shift),
                _unscale(self.d_second, 2 * self.d_shift))


def _scaled_moments(act, breaks: Iterable[float] = ()) -> _ScaledMoments:
    points = {*(k.x for k in act.kinks), *breaks}
    kinks = np.asarray(sorted(x for x in points if abs(x) < _QUADRATURE_SPAN), float)
    edges = _sorted_unique(np.concatenate((np.arange(-_QUADRATURE_SPAN, _QUADRATURE_SPAN + 1.0, 2.0), kinks)))
    a, b = edges[:-1], edges[1:]
    nodes, _ = panel_rule(a, b, _QUADRATURE_NODES)
    shifts = (_shift(np.asarray(act(nodes), float)), _shift(np.asarray(act.derivative(nodes, 1), float)))
    whole = _panel_integrals(act, a, b, shifts)
    total = np.zeros(3)
    for _ in range(30):
        m = 0.5 * (a + b)
        halves = _panel_integrals(act, np.r_[a, m], np.r_[m, b], shifts)
        n = a.size
        refined = halves[:, :n] + halves[:, n:]
        # nan (a formula undefined somewhere) settles at once; 4096 panels is the most ever
        # refined (a singular integrand such as 1/x^2 would double them forever).
        unsettled = np.any(np.abs(refined - whole) > _QUADRATURE_TOLERANCE * (1.0 + np.abs(refined)), axis=0)
        settled = ~unsettled | (n > _QUADRATURE_MAX_PANELS)
        total += np.sum(refined[:, settled], axis=1)
        if settled.all():
            break
        keep = ~settled
        a, b = np.r_[a[keep], m[keep]], np.r_[m[keep], b[keep]]
        whole = np.concatenate([halves[:, :n][:, keep], halves[:, n:][:, keep]], axis=1)
    else:
        total += np.sum(whole, axis=1)
    return _ScaledMoments(float(total[0]), float(total[1]), float(total[2]), *shifts)


def gaussian_moments(act, breaks: Iterable[float] = ()) -> tuple[float, float, float]:
    r"""E f(z), E f(z)^2 and E f'(z)^2 for z ~ N(0, 1).

    .. math:: E\,g(z) = \int_{-16}^{16} g(x)\,\frac{e^{-x^2/2}}{\sqrt{2\pi}}\,dx

    (the tail beyond 16 weighs phi(16) ~ 1e-56). The line is cut at every kink
    (and at ``breaks``: the undeclared ones the analysis found),
    so the integrand is smooth on each panel, and each panel is integrated with
    16-point Gauss-Legendre; a panel whose integral changes by more than 1e-14
    when it is halved is halved again (adaptive, all panels at once). The result
    is accurate to about 1e-13 for the catalogue (tests compare with scipy's quad).
    A function beyond 2^500 in size is integrated scaled by a power of two, so a
    moment is inf only where its true value exceeds the largest double.
    """
    return _scaled_moments(act, breaks).unscaled()


# -- the analysis ---------------------------------------------------------------------------


def _check_finite(act, x: np.ndarray, values: np.ndarray) -> None:
    """Refuse a function whose f, f' or f'' is nan or infinite on the grid (|x| <= 20)."""
    bad = ~np.isfinite(values).all(axis=0)
    if bad.any():
        raise ActvizError(
            f"{act.name} or its derivatives are not finite at x = {x[bad][0]:.6g}: "
            "props analyses functions that are defined and finite on the whole real line"
        )


def _check_no_pole(act, breaks: np.ndarray) -> None:
    """Refuse a function that blows up at a break: |f| 1e-12 beside it more than 1000
    times |f| 1e-6 beside it (1/x gives 1e12 against 1e6; a jump gives equal values)."""
    if breaks.size == 0:
        return
    size = np.maximum(1.0, np.abs(breaks))
    steps = np.array([[-1e-12], [1e-12], [-1e-6], [1e-6]]) * size
    near, far = np.abs(np.asarray(act(breaks + steps), float)).reshape(2, -1)
    poles = np.tile(breaks, 2)[~(near <= 1e3 * far + 1e3)]
    if poles.size:
        raise ActvizError(
            f"{act.name} has a pole near x = {poles[0]:.6g}: props analyses functions that are finite on the whole real line"
        )


@dataclass(frozen=True)
class _Evidence:
    """Everything the properties are read from: the grid, the far points and the kinks
    (declared, and undeclared ones where f or a derivative really jumps)."""

    act: object
    samples: _Samples
    tails: _Tails
    limits: KinkLimits

    @classmethod
    def gather(cls, act) -> _Evidence:
        declared = declared_kinks(act)
        samples = _sample(act, declared)
        _check_finite(act, samples.x, np.stack([samples.f, samples.d1, samples.d2]))
        found = _undeclared_breaks(act, samples)
        if found.size:
            found = found[one_sided_limits(act, found).jumps().any(axis=0)]
            samples = _sample(act, _sorted_unique(np.concatenate((declared, found))))
        kinks = _sorted_unique(np.concatenate((declared, found)))
        _check_no_pole(act, kinks)
        return cls(act, samples, _tails(act), one_sided_limits(act, kinks))

    def derivative_values(self) -> np.ndarray:
        """f' on the grid, far out, at ±inf and at the local minima of f' (roots of f'')."""
        s, t = self.samples, self.tails
        minima = _sign_change_roots(s.x, s.d2, s.piece, lambda x: self.act.derivative(x, 2), rising=True)
        values = np.concatenate([s.d1, t.d1.ravel(), t.d1_limits, np.asarray(self.act.derivative(minima, 1), float)])
        return values[~np.isnan(values)]

    @staticmethod
    def grid_scale(values: np.ndarray) -> float:
        """max(1, max |values|) over the grid: the scale of rounding errors in f' or f''
        (not over the far points, where x cos x reaches 1e308)."""
        finite = np.abs(values[np.isfinite(values)])
        return max(1.0, float(np.max(finite, initial=0.0)))

    def curvature_values(self) -> np.ndarray:
        """f'' on the grid and far out."""
        values = np.concatenate([self.samples.d2, self.tails.d2.ravel()])
        return values[~np.isnan(values)]


def _range(e: _Evidence) -> tuple[_Bound, _Bound]:
    """inf f and sup f with attainment. Attained candidates: f where f' = 0 on the grid,
    at the roots of f' (refined critical points, and these rounded to 8 decimals: a root
    at a round number is then hit exactly, where bisection stops 1e-18 away and
    lisht = x tanh x gives 1e-36 instead of 0) and at the kinks; approached ones: the
    grid, the far points, the one-sided limits at kinks and the limits at ±inf. Without
    a limit at some infinity (an oscillation) values beyond 1e100 count as unbounded."""
    s, t, k = e.samples, e.tails, e.limits
    roots = _sign_change_roots(s.x, s.d1, s.piece, lambda x: e.act.derivative(x, 1))
    critical = np.concatenate([roots, np.round(roots, 8)])
    attained = np.concatenate([s.f[s.d1 == 0.0], np.asarray(e.act(critical), float), k.f_at])
    approached = np.concatenate([s.f, t.f.ravel(), k.left[0], k.right[0], t.f_limits])
    if any(math.isnan(v) for v in t.f_limits):
        approached = np.where(approached > 1e100, math.inf, np.where(approached < -1e100, -math.inf, approached))
    return _extreme(-1.0, attained, approached), _extreme(1.0, attained, approached)


def _is_monotone(e: _Evidence) -> bool:
    """f non-decreasing: f' >= 0 everywhere (to 1e-14 of max|f'| on the grid), and at each kink
    f rises across it (taking a value between its one-sided limits) and f' >= 0 from
    either side and in the convention used there."""
    d1 = e.derivative_values()
    slack = 1e-14 * e.grid_scale(e.samples.d1)
    k = e.limits
    at_kinks = (
        np.all(k.steps()[0] >= 0.0)
        and k.between(0, k.f_at)
        and np.all(np.minimum(k.left[1], k.right[1]) >= -k.tolerance[1])
        and np.all(k.d1_at >= -slack)
    )
    return bool(np.all(d1 >= -slack) and at_kinks)


def _has_monotone_derivative(e: _Evidence) -> bool:
    """f' monotone (either way): f'' of one sign everywhere (to 1e-12 of max|f''| on the grid), f'
    jumping that way at each kink with its convention value between its one-sided
    limits, and f continuous (a jump of f puts a Dirac spike in f')."""
    d2 = e.curvature_values()
    slack = 1e-12 * e.grid_scale(e.samples.d2)
    steps = e.limits.steps()[1]
    rising = np.all(d2 >= -slack) and np.all(steps >= 0.0)
    falling = np.all(d2 <= slack) and np.all(steps <= 0.0)
    return bool((rising or falling) and e.limits.between(1, e.limits.d1_at) and not e.limits.jumps()[0].any())


def _is_identity_near_origin(e: _Evidence) -> bool:
    """f(0) = 0, f'(0) = 1, and f' continuous at 0 (equal to 1 from both sides if 0 is a kink)."""
    f0, d10 = e.tails.at_zero
    k = e.limits
    at_zero = np.abs(k.x) <= 1e-12
    sides = np.concatenate([k.left[:2, at_zero], k.right[:2, at_zero]], axis=1)
    expected = np.array([[0.0], [1.0]])
    return abs(f0) <= 1e-12 and abs(d10 - 1.0) <= 1e-12 and bool(np.all(np.abs(sides - expected) <= 1e-9))


def _is_nonlinear(e: _Evidence) -> bool:
    """f is not affine: f'' != 0 somewhere (beyond 1e-12 of its scale), f' not constant
    over the grid and the far points (a kink beyond the grid), or f or f' jumps."""
    d1, d2 = e.derivative_values(), e.curvature_values()
    bends = np.any(np.abs(d2) > 1e-12 * e.grid_scale(e.samples.d2))
    slopes_differ = np.ptp(d1) > 1e-12 * e.grid_scale(e.samples.d1)
    return bool(bends or slopes_differ or e.limits.jumps()[:2].any())


def _is_sparse(e: _Evidence) -> bool:
    """f = 0 exactly on a half-line: at the three outermost grid points of one side and
    at every far point of that side."""
    zero, far = e.samples.f == 0.0, e.tails.f == 0.0
    return bool((zero[:3].all() and far[0].all()) or (zero[-3:].all() and far[1].all()))


def _continuity(e: _Evidence) -> str:
    """The lowest order whose derivative jumps at a kink: "discontinuous" when f does,
    C0 when f' does, ..., C3 when f'''' does; "Cinf" when nothing up to f'''' jumps
    anywhere (higher derivatives are not examined; a declared kink where nothing
    jumps, like hardshrink's with lambd = 0, is no kink)."""
    jumps = e.limits.jumps()
    for order in range(5):
        if jumps[order].any():
            return CONTINUITY_ORDERS[order]
    return "Cinf"


def analyse(act, *, cost: Cost | None = None) -> PropertyReport:
    r"""Every property of a pointwise activation, computed from f, f', f'' and its kinks.

    With z ~ N(0, 1): ``zero_centred`` is :math:`|E f(z)| \le 0.01 \sqrt{E f(z)^2}`,
    ``gain`` is :math:`1/\sqrt{E f(z)^2}`; ``saturates_left``/``right`` mean
    :math:`f'(x) \to 0` as :math:`x \to \mp\infty`; ``dead_zone`` is f' = 0 on an
    interval (the dead set of :mod:`actviz.analysis.saturation`); ``sparse`` is f = 0 on a half-line; the other entries are described
    by the helpers above. ``cost`` is passed through (see :func:`relative_costs`,
    which times many functions against one baseline). Raises :class:`ActvizError`
    for an entry that is not pointwise.
    """
    require_pointwise(act, "props analyses functions R -> R only")
    e = _Evidence.gather(act)
    low, high = _range(e)
    scaled = _scaled_moments(act, e.limits.x)
    mean, second, d_second = scaled.unscaled()
    continuity = _continuity(e)

    def end(bound: _Bound) -> float:
        return bound.value + 0.0  # + 0.0: no -0.0

    return PropertyReport(
        name=act.name,
        params=dict(act.params),
        range=(end(low), end(high)),
        range_closed=(low.attained, high.attained),
        bounded_below=math.isfinite(low.value),
        bounded_above=math.isfinite(high.value),
        monotone=_is_monotone(e),
        monotone_derivative=_has_monotone_derivative(e),
        # both sides scale alike, so the scaled moments decide where E f^2 overflows (False when nan)
        zero_centred=bool(abs(scaled.mean) <= ZERO_CENTRED_RATIO * math.sqrt(scaled.second)),
        mean=mean,
        second_moment=second,
        derivative_second_moment=d_second,
        continuity=continuity,
        smooth=continuity == "Cinf",
        identity_near_origin=_is_identity_near_origin(e),
        nonlinear=_is_nonlinear(e),
        saturates_left=bool(e.tails.d1_limits[0] == 0.0),
        saturates_right=bool(e.tails.d1_limits[1] == 0.0),
        dead_zone=has_dead_zone(dead_set(act)),
        sparse=_is_sparse(e),
        gain=_unscale(1.0 / math.sqrt(scaled.second), -scaled.shift) if 0.0 < scaled.second < math.inf else None,
        cost=cost,
    )


def analyse_many(acts: Iterable, *, with_cost: bool = False) -> list[PropertyReport]:
    """:func:`analyse` for each activation; with ``with_cost``, costs timed against one
    relu baseline (see :func:`~actviz.analysis.cost.relative_costs`)."""
    acts = list(acts)
    for act in acts:
        require_pointwise(act, "props analyses functions R -> R only")
    reports = [analyse(act) for act in acts]
    if not with_cost:
        return reports
    costs = relative_costs(acts)
    return [dataclasses.replace(r, cost=c) for r, c in zip(reports, costs)]

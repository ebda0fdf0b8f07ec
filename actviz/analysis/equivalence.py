"""Equivalences found, not typed: pairs of pointwise activations that are the same function
up to an affine change of x and y, f(x) = c g(a x + b) + d.

Each function gets a signature that such a change cannot alter (the number of its
extrema, inflections and kinks, and how it behaves at the two infinities, as an
unordered pair since a < 0 swaps them); only pairs with equal signatures are fitted.
The fit maps f's special points (extrema, inflections, kinks) onto g's where there are
two, scans a (and b) where there are fewer, solves c and d by least squares, refines
all four by Gauss-Newton with the exact derivatives, rounds them to 12 significant
digits (1.702 stays 1.702) and keeps the pair only if c g(a x + b) + d equals f to a few
units of rounding on a dense grid over [-50, 50] and at |x| up to 1e300.

NumPy only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

_GRID = np.linspace(-20.0, 20.0, 2001) + 0.5 * (np.sqrt(5.0) - 1.0) * 2e-2  # no round numbers
_FIT = np.linspace(-8.0, 8.0, 321) + 1e-3 * (np.sqrt(5.0) - 1.0)
_CHECK = np.concatenate([np.linspace(-50.0, 50.0, 20001), np.geomspace(50.0, 1e300, 300), -np.geomspace(50.0, 1e300, 300)])
_TOLERANCE = 16.0  # units of 2^-53 of the terms involved (see _agrees)
_EPS = 2.0**-53


@dataclass(frozen=True)
class AffineMatch:
    """f(x) = c g(a x + b) + d for the catalogue entries (specs) ``f`` and ``g``."""

    f: str
    g: str
    a: float
    b: float
    c: float
    d: float

    @property
    def is_identity(self) -> bool:
        """Whether the two are the same function (a = c = 1, b = d = 0)."""
        return (self.a, self.b, self.c, self.d) == (1.0, 0.0, 1.0, 0.0)

    def describe(self) -> str:
        """``"2 sigmoid(2 x) - 1"``: f written with g, numbers to 12 significant digits."""
        inner = "x" if (self.a, self.b) == (1.0, 0.0) else _linear(self.a, self.b, "x")
        outer = f"{self.g}({inner})"
        if self.c != 1.0:
            outer = f"{_number(self.c)} {outer}" if self.c != -1.0 else f"-{outer}"
        if self.d:
            outer += f" {'+' if self.d > 0 else '-'} {_number(abs(self.d))}"
        return outer


def _number(value: float) -> str:
    return f"{value:.12g}"


def _linear(a: float, b: float, x: str) -> str:
    text = x if a == 1.0 else (f"-{x}" if a == -1.0 else f"{_number(a)} {x}")
    if b:
        text += f" {'+' if b > 0 else '-'} {_number(abs(b))}"
    return text


def _sign_changes(values: np.ndarray) -> np.ndarray:
    """Indices i where values[i] and values[i + 1] have strictly opposite signs (zeros skipped)."""
    nonzero = np.flatnonzero(np.abs(values) > 1e-12 * (np.max(np.abs(values)) + 1e-300))
    signs = np.sign(values[nonzero])
    return nonzero[:-1][signs[:-1] != signs[1:]]


def _tail(act, sign: float) -> str:
    """How f behaves towards sign * inf: 'bounded', or its growth exponent to 0.1."""
    near, far = act(np.array([sign * 1e3, sign * 1e6]))
    if not (np.isfinite(near) and np.isfinite(far)):
        return "overflows"
    if abs(far - near) <= 1e-6 * (1.0 + abs(near)):
        return "bounded"
    if near == 0.0 or far == 0.0:
        return "other"
    return f"power {np.log(abs(far / near)) / np.log(1e3):.1f}"


@dataclass(frozen=True)
class _Shape:
    signature: tuple
    extrema: np.ndarray
    inflections: np.ndarray
    kinks: np.ndarray


def _shape(act) -> _Shape:
    with np.errstate(all="ignore"):  # the scan reads values only; a warning here is not a result
        slope, curvature = act.derivative(_GRID, 1), act.derivative(_GRID, 2)
        tails = tuple(sorted((_tail(act, -1.0), _tail(act, 1.0))))
    extrema = _GRID[_sign_changes(slope)]
    inflections = _GRID[_sign_changes(curvature)]
    kinks = np.array(sorted(k.x for k in act.kinks), dtype=float)
    signature = (len(extrema), len(inflections), len(kinks), tails, bool(np.all(slope >= 0) or np.all(slope <= 0)))
    return _Shape(signature, extrema, inflections, kinks)


def _candidates(fs: _Shape, gs: _Shape) -> tuple[np.ndarray, np.ndarray]:
    """(a, b) guesses: f's special points mapped onto g's (same kind, both orientations), and
    scans of a with one point mapped (b follows), or of a and b where there is none."""
    kinds = [(p, q) for p, q in ((fs.extrema, gs.extrema), (fs.inflections, gs.inflections), (fs.kinks, gs.kinks)) if len(p)]
    a_list: list[float] = []
    b_list: list[float] = []
    ends = [(p[0], q[0], p[-1], q[-1]) for p, q in kinds if len(p) >= 2]
    if not ends and len(kinds) >= 2:
        (p1, q1), (p2, q2) = kinds[0], kinds[1]
        ends = [(p1[0], q1[0], p2[0], q2[0])]
    for x1, y1, x2, y2 in ends:
        for u1, u2 in ((y1, y2), (y2, y1)):
            a = (u2 - u1) / (x2 - x1) if x2 != x1 else 0.0
            if a != 0.0 and np.isfinite(a):
                a_list.append(a)
                b_list.append(u1 - a * x1)
    scales = np.concatenate([np.geomspace(0.01, 100.0, 161), -np.geomspace(0.01, 100.0, 161)])
    if kinds:
        p, q = kinds[0]
        for x0, y0 in ((p[0], q[0]), (p[0], q[-1])):
            a_list += list(scales)
            b_list += list(y0 - scales * x0)
    else:
        coarse = np.concatenate([np.geomspace(0.1, 10.0, 41), -np.geomspace(0.1, 10.0, 41)])
        grid_a, grid_b = np.meshgrid(coarse, np.linspace(-4.0, 4.0, 33))
        a_list += list(grid_a.ravel())
        b_list += list(grid_b.ravel())
    return np.array(a_list), np.array(b_list)


def _best_guess(f_values: np.ndarray, g, a: np.ndarray, b: np.ndarray) -> tuple[float, float, float, float, float]:
    """Among the guesses (a, b), the one whose least-squares c, d (f = c g(a x + b) + d) leave the
    smallest relative residual: (residual, a, b, c, d). All guesses in one evaluation of g."""
    values = g((a[:, None] * _FIT[None, :] + b[:, None]).ravel()).reshape(a.size, _FIT.size)
    ok = np.all(np.isfinite(values), axis=1)
    g_mean = values.mean(axis=1)
    f_mean = f_values.mean()
    g_centred = values - g_mean[:, None]
    variance = np.sum(g_centred * g_centred, axis=1)
    ok &= variance > 0
    c = np.where(ok, np.sum(g_centred * (f_values - f_mean)[None, :], axis=1) / np.where(ok, variance, 1.0), 0.0)
    d = f_mean - c * g_mean
    residual = np.linalg.norm(c[:, None] * values + d[:, None] - f_values[None, :], axis=1)
    residual = np.where(ok, residual / (np.linalg.norm(f_values) + 1e-300), np.inf)
    k = int(np.argmin(residual))
    return float(residual[k]), float(a[k]), float(b[k]), float(c[k]), float(d[k])


def _refine(f, g, a: float, b: float, c: float, d: float) -> tuple[float, float, float, float]:
    """Gauss-Newton on r(x) = c g(a x + b) + d - f(x), with g' exact."""
    x = _FIT
    target = f(x)
    for _ in range(12):
        u = a * x + b
        gu, slope = g(u), g.derivative(u, 1)
        residual = c * gu + d - target
        jacobian = np.stack([c * slope * x, c * slope, gu, np.ones_like(x)], axis=-1)
        good = np.all(np.isfinite(jacobian), axis=-1) & np.isfinite(residual)
        if not good.any():
            break
        step, *_ = np.linalg.lstsq(jacobian[good], -residual[good], rcond=None)
        a, b, c, d = (float(v) for v in np.array([a, b, c, d]) + step)
        if np.max(np.abs(step)) < 1e-15 * (1.0 + max(abs(a), abs(b), abs(c), abs(d))):
            break
    return a, b, c, d


def _snap(value: float) -> float:
    """``value`` rounded to 12 significant digits, and to 0 below 1e-12."""
    return 0.0 if abs(value) < 1e-12 else float(f"{value:.12g}")


def _agrees(f, g, a: float, b: float, c: float, d: float) -> bool:
    """Whether c g(a x + b) + d equals f to a few units on the check grid (away from f's kinks)."""
    x = _CHECK
    kinks = np.array([k.x for k in f.kinks], dtype=float)
    if kinks.size:
        x = x[np.min(np.abs(x[:, None] - kinks[None, :]), axis=1) > 1e-6 * (1.0 + np.abs(x))]
    with np.errstate(all="ignore"):
        u = a * x + b
        gu, fx = g(u), f(x)
        mapped = c * gu + d
        room = _TOLERANCE * _EPS * (np.abs(fx) + np.abs(c * gu) + abs(d)
                                     + np.abs(c * g.derivative(u, 1)) * (np.abs(a * x) + abs(b)))
        same = (mapped == fx) | (np.abs(mapped - fx) <= room)
    return bool(np.all(same | (np.isnan(mapped) & np.isnan(fx))))


def match(f, g) -> AffineMatch | None:
    """The affine change with f(x) = c g(a x + b) + d, if f and g (pointwise entries) are the
    same function up to one; None otherwise."""
    fs, gs = _shape_of(f), _shape_of(g)
    if fs.signature != gs.signature:
        return None
    with np.errstate(all="ignore"):
        residual, *guess = _best_guess(f(_FIT), g, *_candidates(fs, gs))
        if residual > 0.05:  # a rough guess is enough: Gauss-Newton refines it, _agrees decides
            return None
        refined = _refine(f, g, *guess)
    scale = 1.0 + max(abs(v) for v in refined)
    a0, b0 = refined[0], refined[1] if abs(refined[1]) > 1e-12 * scale else 0.0
    target = f(_FIT)
    # 12 significant digits where that is the constant (1.702), the refined value where it is not (1/30)
    for a, b in dict.fromkeys(((_snap(a0), _snap(b0)), (a0, b0))):
        with np.errstate(all="ignore"):
            _, _, _, c, d = _best_guess(target, g, np.array([a]), np.array([b]))
        d = d if abs(d) > 1e-12 * scale else 0.0
        for c_try, d_try in dict.fromkeys(((_snap(c), _snap(d)), (c, d))):
            if c_try != 0.0 and a != 0.0 and _agrees(f, g, a, b, c_try, d_try):
                return AffineMatch(f.spec, g.spec, a, b, c_try, d_try)
    return None


_SHAPES: dict[str, _Shape] = {}


def _shape_of(act) -> _Shape:
    key = act.spec
    if key not in _SHAPES:
        _SHAPES[key] = _shape(act)
    return _SHAPES[key]


def equivalents(act, candidates) -> list[AffineMatch]:
    """Every entry among ``candidates`` (pointwise, other than ``act``) that ``act`` equals up to
    an affine change of x and y, as :class:`AffineMatch` (f = act)."""
    return [m for g in candidates if g.spec != act.spec and (m := match(act, g)) is not None]


def groups(acts) -> list[list[str]]:
    """The catalogue split into classes of affinely equivalent entries (by spec), classes of two
    or more only, each sorted, the list sorted by its first name."""
    acts = list(acts)
    parent = {a.spec: a.spec for a in acts}

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    by_signature: dict[tuple, list] = {}
    for act in acts:
        by_signature.setdefault(_shape_of(act).signature, []).append(act)
    for members in by_signature.values():
        for i, f in enumerate(members):
            for g in members[i + 1:]:
                if root(f.spec) != root(g.spec) and match(f, g) is not None:
                    parent[root(f.spec)] = root(g.spec)
    classes: dict[str, list[str]] = {}
    for act in acts:
        classes.setdefault(root(act.spec), []).append(act.spec)
    return sorted((sorted(c) for c in classes.values() if len(c) > 1), key=lambda c: c[0])


@lru_cache(maxsize=1)
def catalogue_groups() -> tuple[tuple[str, ...], ...]:
    """:func:`groups` over every pointwise catalogue entry at its default parameters (cached)."""
    from ..registry import lookup, names

    return tuple(tuple(c) for c in groups(lookup(n) for n in names(pointwise=True)))


def _absorbed(act, m: AffineMatch):
    """A spec of g with its own parameters set so that it is ``act`` exactly (swish:beta=1.702 for
    quick_gelu, whose match is 1/1.702 swish(1.702 x)), or None."""
    from ..registry import lookup

    g = lookup(m.g.split(":")[0])
    if not g.parameters or m.b != 0.0 or m.d != 0.0:
        return None
    for p in g.parameters:
        for value in dict.fromkeys((m.a, 1.0 / m.a, m.c, 1.0 / m.c, m.a * p.default, p.default / m.a)):
            try:
                candidate = g.with_params(**{p.name: _snap(value)})
            except Exception:  # a value outside the parameter's domain is simply not a candidate
                continue
            if _agrees(act, candidate, 1.0, 0.0, 1.0, 0.0):
                return candidate.spec
    return None


def same_as(act, candidates=None) -> list[str]:
    """How ``act`` is written with each other pointwise entry (of ``candidates``, by default the
    whole catalogue) it equals up to an affine change of x and y: the other's spec where a choice
    of its parameters makes them equal (``swish:beta=1.702``), else the affine expression
    (``2 sigmoid(2 x) - 1``)."""
    from ..registry import lookup, names

    if candidates is None:
        candidates = (lookup(n) for n in names(pointwise=True))
    return [m.g if m.is_identity else (_absorbed(act, m) or m.describe()) for m in equivalents(act, candidates)]

"""Where a formula's derivative may jump: the zeros of the arguments of its
abs, sign, heaviside, max, min, where and comparison parts, and the kinks of
the catalogue activations it calls.

An argument u that is affine in x (u'' = 0 symbolically) is solved exactly,
x = (t - u(0)) / u'(0). Otherwise u - t is sampled on a grid over
[-1e6, 1e6] (dense on [-10, 10]), every sign change is refined by bisection to
adjacent floats, and a candidate is kept only if |u - t| there is tiny compared
with u's scale (so a pole, where u jumps through infinity, is not a kink).
Where u - t is 0 on a whole stretch (``max(relu(x), 1)``), only the ends count.
This finds every simple zero on the dense part and most further out; it can
miss a zero where u only touches t without crossing it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping

import numpy as np

from .. import registry
from ..analysis.bisection import from_ordinal, to_ordinal
from ..entry import Kink
from .derive import derivative
from .evaluate import evaluate
from .functions import BUILTINS
from .tree import CALL, CATALOGUE, CMP, Node, sub, walk

MAX_KINKS = 64
"""At most this many kinks are reported (``abs(sin(x))`` has infinitely many)."""

_TIE = "at a tie max and min take the mean of the two slopes (as jax does)"
_CONVENTIONS = {
    "abs": "abs'(0) = 0, the mean of the one-sided slopes",
    "sign": "sign jumps here; its slope is taken as 0",
    "heaviside": "heaviside(0) = 1/2; its slope is taken as 0",
    "max": _TIE,
    "min": _TIE,
    "where": "where() takes the slope of the branch its condition selects here",
}


@functools.cache
def _grid() -> np.ndarray:
    """The sample points of the zero search: dense on [-10, 10], geometric out to ±1e6."""
    return np.unique(
        np.concatenate([np.linspace(-10.0, 10.0, 4001), np.geomspace(10.0, 1e6, 2001), -np.geomspace(10.0, 1e6, 2001)])
    )


def _catalogue_kinks(node: Node, params: Mapping[str, float]) -> tuple[Kink, ...]:
    values = {key: float(evaluate(value, np.zeros(()), params)) for key, value in node.keywords}
    entry = registry.lookup(node.name)
    return (entry.with_params(**values) if values else entry).kinks


def _sources(tree: Node, params: Mapping[str, float]) -> Iterator[tuple[Node, float, str]]:
    """(argument u, target t, convention) for every part of ``tree`` that kinks where u = t."""
    for node in walk(tree):
        args = node.args
        if node.kind == CMP:
            yield sub(*args), 0.0, "a comparison jumps here; its slope is taken as 0"
        elif node.kind == CALL and BUILTINS[node.name].kink:
            if node.name in ("max", "min"):
                argument = sub(args[0], args[1])
            elif node.name == "where" and args[0].kind == CMP:
                argument = sub(*args[0].args)
            else:
                argument = args[0]
            yield argument, 0.0, _CONVENTIONS[node.name]
        elif node.kind == CATALOGUE:
            for kink in _catalogue_kinks(node, params):
                yield args[0], kink.x, f"{node.name}: {kink.convention}"


def _solve(u: Node, target: float, params: Mapping[str, float]) -> list[float]:
    """The real x with u(x) = target: exact for affine u, else located numerically."""
    if not u.variable:
        return []
    slope = derivative(u)
    if slope.variable:
        return _bisect_sign_changes(u, target, params)
    origin = np.zeros(())
    s, u0 = float(evaluate(slope, origin, params)), float(evaluate(u, origin, params))
    root = (target - u0) / s if s != 0 and np.isfinite(s) and np.isfinite(u0) else np.nan
    return [root] if np.isfinite(root) else []


def _bisect_sign_changes(u: Node, target: float, params: Mapping[str, float]) -> list[float]:
    """Every point where the sign of u - t changes between grid neighbours (including
    from 0 to nonzero, so a flat stretch of zeros counts at its ends only), refined."""
    grid = _grid()
    g = evaluate(u, grid, params) - target
    finite = np.isfinite(g)
    change = finite[:-1] & finite[1:] & (np.sign(g[:-1]) != np.sign(g[1:]))
    lo, hi, g_lo, g_hi = grid[:-1][change], grid[1:][change], g[:-1][change], g[1:][change]
    bracket_scale = np.maximum(np.abs(g_lo), np.abs(g_hi))
    # Halve each bracket in the ordering of the doubles (the midpoint of their ordered bit
    # patterns), keeping the sign change inside, until its ends are adjacent doubles: at most
    # 64 steps. Halving the numbers instead took ~1000 steps towards a root at 0 (through the
    # subnormals), 46 s for relu nested 30 deep.
    lo_bits, hi_bits = to_ordinal(lo), to_ordinal(hi)
    while np.any(hi_bits - lo_bits > 1):
        mid_bits = lo_bits + (hi_bits - lo_bits) // 2
        mid = from_ordinal(mid_bits)
        g_mid = evaluate(u, mid, params) - target
        left = np.sign(g_mid) == np.sign(g_lo)
        lo, g_lo, lo_bits = np.where(left, mid, lo), np.where(left, g_mid, g_lo), np.where(left, mid_bits, lo_bits)
        hi, g_hi, hi_bits = np.where(left, hi, mid), np.where(left, g_hi, g_mid), np.where(left, hi_bits, mid_bits)
    residual = np.minimum(np.abs(g_lo), np.abs(g_hi))
    roots = np.where(np.abs(g_lo) <= np.abs(g_hi), lo, hi)
    return [float(r) for r in roots[residual <= 1e-6 * bracket_scale]]


def kinks(tree: Node, params: Mapping[str, float]) -> tuple[Kink, ...]:
    """The kinks of ``tree`` at the given parameter values, sorted; the :data:`MAX_KINKS` nearest 0 if there are more."""
    found = [Kink(root, convention) for u, t, convention in _sources(tree, params) for root in _solve(u, t, params)]
    found.sort(key=lambda k: k.x)
    unique: list[Kink] = []
    for kink in found:
        if not unique or kink.x - unique[-1].x > 1e-12 * (1.0 + abs(kink.x)):
            unique.append(kink)
    nearest = sorted(unique, key=lambda k: abs(k.x))[:MAX_KINKS]
    return tuple(sorted(nearest, key=lambda k: k.x))

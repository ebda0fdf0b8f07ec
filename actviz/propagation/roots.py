"""A bracketed scalar root finder (no SciPy needed at run time)."""

from __future__ import annotations

import math
from collections.abc import Callable


def bracketed_root(f: Callable[[float], float], a: float, b: float, *, fa: float | None = None,
                   fb: float | None = None, xtol: float = 1e-14, max_iter: int = 200) -> float:
    r"""A root of ``f`` in ``[a, b]`` given :math:`f(a) f(b) \le 0`.

    The Illinois variant of regula falsi: a secant step inside the bracket, and
    the function value at an end kept twice in a row is halved, which restores
    superlinear convergence (order about 1.44) while the bracket guarantees it;
    a bisection step is taken whenever two steps did not halve the bracket, and
    while an end's value is infinite.
    Stops when the bracket is narrower than ``xtol * max(1, |x|)``. If ``f``
    jumps across 0 instead of crossing it, the jump's location is returned.
    """
    fa = float(f(a) if fa is None else fa)
    fb = float(f(b) if fb is None else fb)
    if fa == 0.0:
        return a
    if fb == 0.0:
        return b
    if math.copysign(1.0, fa) == math.copysign(1.0, fb):
        raise ValueError(f"no sign change on [{a!r}, {b!r}]: f = {fa!r}, {fb!r}")
    side = 0
    widths = [abs(b - a)] * 3
    for _ in range(max_iter):
        # an infinite end (s = (q - sigma_b^2)/V = inf where V underflows: softshrink's phase
        # diagram) has no secant: inf/inf warned there; bisect instead
        x = (a * fb - b * fa) / (fb - fa) if math.isfinite(fa) and math.isfinite(fb) else math.nan
        stalled = widths[-1] > 0.5 * widths[-3]  # guards against slow one-sided steps at jumps
        if stalled or not (min(a, b) < x < max(a, b)) or not math.isfinite(x):
            x = 0.5 * (a + b)
        fx = float(f(x))
        if fx == 0.0:
            return x
        if math.copysign(1.0, fx) == math.copysign(1.0, fb):
            b, fb = x, fx
            if side == -1:
                fa *= 0.5
            side = -1
        else:
            a, fa = x, fx
            if side == 1:
                fb *= 0.5
            side = 1
        widths.append(abs(b - a))
        if abs(b - a) <= xtol * max(1.0, abs(x)):
            break
    return a if abs(fa) < abs(fb) else b

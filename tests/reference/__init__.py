"""Independent high-precision references for the catalogue, from mpmath.

Each catalogue activation gets a reference *definition* of f written directly
from its paper's formula with mpmath, in the family module of the same name
(``tests/reference/sigmoidal.py``...). Its derivatives are never typed in:
they come from central differences with a tiny step at a working precision
high enough that the difference is exact to far more than float64 accuracy. So every f', f'' of the catalogue is checked
against its f by an independent route, at 40+ significant digits.

Usage::

    from tests.reference import REFERENCES, reference
    @reference("elu", cases=[{"alpha": 0.5}])
    def elu(x, alpha):
        return x if x > 0 else alpha * mp.expm1(x)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import mpmath as mp

DIGITS = 40
"""Significant decimal digits every reference value carries."""


@dataclass(frozen=True)
class ReferenceDef:
    """An mpmath definition of activation ``name``, and the parameter sets to test."""

    name: str
    f: Callable[..., mp.mpf]
    cases: tuple[Mapping[str, float], ...] = ({},)
    has_limits: bool = True
    oscillating: bool = False
    extra_points: tuple[float, ...] = field(default=())


REFERENCES: dict[str, ReferenceDef] = {}


def reference(
    name: str,
    cases: Iterable[Mapping[str, float]] = (),
    *,
    has_limits: bool = True,
    oscillating: bool = False,
    extra_points: Iterable[float] = (),
) -> Callable:
    """Register an mpmath definition ``f(x, **params) -> mpf`` for ``name``.

    ``cases``: parameter sets tested besides the defaults (``{}`` is always
    included). ``has_limits=False`` for functions with no limit at ±inf (sin);
    ``oscillating=True`` for functions whose features keep unit width at any |x|
    (sin, snake; also e^x, whose relative change over a unit step is the same at
    any x), so the difference step must not grow with |x|.
    ``extra_points``: inputs where this function is delicate (its kinks' neighbours,
    where a formula switches branch...), added to the common grid.
    """

    def decorate(f: Callable[..., mp.mpf]) -> Callable[..., mp.mpf]:
        if name in REFERENCES:
            raise ValueError(f"two references for {name}")
        REFERENCES[name] = ReferenceDef(name, f, ({}, *cases), has_limits, oscillating, tuple(extra_points))
        return f

    return decorate


# Central stencils with O(h^2) truncation error: (weights for f(x + k h), k = -2..2).
_STENCILS = {
    1: (0, -1, 0, 1, 0),  # / 2h
    2: (0, 1, -2, 1, 0),  # / h^2
    3: (-1, 2, 0, -2, 1),  # / 2h^3
}
_NORMS = {1: 2, 2: 1, 3: 2}
_FLOOR = -1080  # |values| below 2**-1080 are resolved in absolute terms only: float64 sees 0
_CEILING = 1100  # |samples| above 2**1100 are inf to float64 (see derivatives())


def _mag(value: mp.mpf) -> int:
    return int(mp.mag(value)) if value else _FLOOR


def _central_differences(
    f: Callable[[mp.mpf], mp.mpf], x: mp.mpf, scale: mp.mpf, step_bits: int, n: int
) -> list[mp.mpf]:
    """[f(x), f'(x), ..., f^(n)(x)] by central differences with step ``h = scale * 2**-step_bits``,
    at a working precision high enough that rounding is 2**-(DIGITS bits) below each |f^(k)|."""
    base_bits = int(DIGITS * 3.33) + 20
    mag_h = _mag(scale) - step_bits
    prec = base_bits + max(0, _mag(x) - mag_h) + 8  # x + k h exact
    while True:
        with mp.workprec(prec):
            h = scale * mp.ldexp(1, -step_bits)
            samples = [f(x + k * h) for k in range(-2, 3)]
            values = [samples[2]]
            for order in range(1, n + 1):
                total = mp.fsum(w * v for w, v in zip(_STENCILS[order], samples))
                values.append(total / (_NORMS[order] * h**order))
        size = max(_mag(v) for v in samples)
        needed = max(size - max(_mag(v), _FLOOR) - k * mag_h for k, v in enumerate(values) if k) + base_bits + 16
        if needed <= prec:
            return values
        # Where f is far beyond float64's range (e^x at x = 1e10: |f| ~ 2**(1.4e10)) a
        # difference that cancelled to exactly 0 at too low a precision would look like
        # a value below 2**-1080 and demand ~1e10 bits: there, at most double instead.
        prec = min(needed + 32, 2 * prec) if size > _CEILING else needed + 32


_REFINE_BITS = 64  # each refinement divides the step by 2**64, the truncation error by 2**128


def _agree(coarse: mp.mpf, fine: mp.mpf) -> bool:
    """Whether two estimates agree to DIGITS digits (or both vanish at the 2**-1080 floor)."""
    difference = abs(coarse - fine)
    return not difference or _mag(difference) <= max(_mag(fine) - int(DIGITS * 3.33) - 4, _FLOOR)


def derivatives(
    f: Callable[[mp.mpf], mp.mpf], x: float | mp.mpf, kinks: Iterable[float] = (), n: int = 3, *, oscillating: bool = False
) -> list[mp.mpf]:
    """[f(x), f'(x), ..., f^(n)(x)] (n <= 3) at ``x``, to :data:`DIGITS` digits.

    Central differences with a step ``h = 2**-B * max(|x|, 1)`` (times 1 for
    ``oscillating`` functions, whose features keep unit width at any |x|), never
    more than a quarter of the distance to a kink so no stencil straddles one;
    truncation error ~h^2 |f^(k+2)|. That is 2**-2B relative to |f^(k)| unless
    f^(k) nearly vanishes while f^(k+2) does not (tanhshrink' = x^2 at x = 1e-55),
    so the step is divided by 2**64 until two successive estimates agree. The
    working precision is raised until the rounding error of the difference,
    ~max|f| 2**-prec / h^k, is 2**-(DIGITS bits) below |f^(k)| (or below
    2**-1080, all a float64 sees).
    """
    x_mp = mp.mpf(x)
    step_bits = int(DIGITS * 3.33) + 20
    distance = min((abs(x_mp - k) for k in kinks if abs(x_mp - k) > 0), default=mp.inf)
    scale = min(mp.mpf(1) if oscillating else max(mp.mpf(1), abs(x_mp)), distance / 4)
    values = _central_differences(f, x_mp, scale, step_bits, n)
    while True:
        step_bits += _REFINE_BITS
        finer = _central_differences(f, x_mp, scale, step_bits, n)
        if all(_agree(a, b) for a, b in zip(values[1:], finer[1:])):
            return finer
        values = finer


def limit_derivatives(
    f: Callable[[mp.mpf], mp.mpf], sign: int, kinks: Iterable[float] = (), *, oscillating: bool = False,
    far: int = 400,
) -> list[float]:
    """[f, f', f''] at ±10**far (default ±1e400) rounded to float: what a float64 kernel must
    return at ±inf. A parameter of size 1e-300 moves a function's features 300 decades
    out (1e-300 x only passes 1e8 at 1e308): the edge tables look that much farther."""
    x = mp.mpf(sign) * mp.mpf(10) ** far
    return [float(v) for v in derivatives(f, x, kinks, 2, oscillating=oscillating)]


from . import exponential, periodic, rational, rectifiers, self_gated, shrinkage, sigmoidal, smooth, steps  # noqa: E402,F401
from . import exponential_units, gated, implicit, kernel_friendly, logarithmic, polynomial  # noqa: E402,F401
from . import composed_gates, root_sign, shifted_rectifiers, smooth_rectifiers, squashing, waves_and_gates  # noqa: E402,F401
from . import inspired_units, more_units, sinc_units, trainable_units  # noqa: E402,F401

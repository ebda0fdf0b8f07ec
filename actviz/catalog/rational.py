"""Rational units: the Padé activation unit P(x)/(1 + |A(x)|) of Molina et al.

Accuracy (units of the catalogue, mpmath references; see tests/reference):
f and f' within 4 units everywhere, f'' within 64.
"""

from __future__ import annotations

import numpy as np

from ..entry import Activation, Kink, Reference
from ..registry import register
from . import _numerics, _stable

FAMILY = "rational"


# Coefficients of the PAU repository's default unit (ml-research/pau, pau/cuda/python_imp/Pade.py,
# get_constants_for_inits("pade_optimized_leakyrelu"), the initialisation used by pau.utils.PAU()):
# a0..a5 of P and b1..b4 of the denominator, a (5, 4) fit of leaky ReLU.
PAU_NUMERATOR = (3.35583603e-02, 5.05000375e-01, 1.65343934e00, 2.01001052e00, 9.31901999e-01, 1.52424124e-01)
PAU_DENOMINATOR = (3.30847488e-06, 3.98021568e00, 5.12471206e-07, 3.01830109e-01)


def _pau_split(sign: int) -> tuple[float, float, tuple[float, ...]]:
    """P = (c1 x + c0) Q + r on the region where the inner polynomial has ``sign`` (Q = 1 + sign * inner):
    (c1, c0, r0..r3), computed exactly from the float coefficients and rounded once."""
    from fractions import Fraction

    a = [Fraction(v) for v in PAU_NUMERATOR]
    q = [Fraction(1)] + [sign * Fraction(v) for v in PAU_DENOMINATOR]
    c1 = a[5] / q[4]
    c0 = (a[4] - c1 * q[3]) / q[4]
    r = [a[k] - c0 * q[k] - (c1 * q[k - 1] if k else 0) for k in range(4)]
    return float(c1), float(c0), tuple(float(v) for v in r)


_PAU_SPLITS = {1: _pau_split(1), -1: _pau_split(-1)}
_PAU_INNER_REVERSED = tuple(reversed(PAU_DENOMINATOR))  # b4 + b3 y + b2 y^2 + b1 y^3, y = 1/x


def _pau_near(x: np.ndarray, order: int) -> np.ndarray:
    """f, f' or f'' (``order``) by the quotient rule in double-double, for |x| <= 64.

    P cancels heavily where the unit is small (P(-2) = -0.46 from terms up to 16)
    and f'' = (P'' - 2 f' Q' - f Q'')/Q falls from O(1/x) terms to O(1/x^3): both
    cost at most 2^40 of the 2^106 carried. sgn(A) = 0 at a zero of A, as torch's abs.
    """
    inner = _numerics.polynomial_dd((0.0, *PAU_DENOMINATOR), x, order)
    sign = np.sign(inner[0][0])
    q = [(sign * v[0], sign * v[1]) for v in inner]
    q[0] = _stable.dd_add(q[0], (np.ones_like(x), np.zeros_like(x)))
    p = _numerics.polynomial_dd(PAU_NUMERATOR, x, order)
    values = [_stable.dd_div_dd(p[0], q[0])]
    if order >= 1:
        values.append(_stable.dd_div_dd(_stable.dd_add(p[1], _numerics.dd_neg(_stable.dd_mul(values[0], q[1]))), q[0]))
    if order >= 2:
        two_f1_q1 = _stable.dd_mul(values[1], q[1])
        two_f1_q1 = (2.0 * two_f1_q1[0], 2.0 * two_f1_q1[1])
        top = _stable.dd_add(_stable.dd_add(p[2], _numerics.dd_neg(two_f1_q1)), _numerics.dd_neg(_stable.dd_mul(values[0], q[2])))
        values.append(_stable.dd_div_dd(top, q[0]))
    return values[order][0] + values[order][1]


def _pau_far(x: np.ndarray) -> list[np.ndarray]:
    r"""f, f', f'' for |x| > 64 as :math:`c_1 x + c_0 + y G(y)`, y = 1/x, :math:`G = \rho(y)/\beta(y)`
    the remainder r(x)/Q(x) rewritten in y: bounded terms, no overflow, no cancellation."""
    y = 1.0 / x
    s_far = np.where(_numerics.polynomial(_PAU_INNER_REVERSED, y)[0] >= 0.0, 1, -1)
    branches = {}
    for sign, (c1, c0, r) in _PAU_SPLITS.items():
        rho = _numerics.polynomial((r[3], r[2], r[1], r[0]), y)
        beta = _numerics.polynomial(tuple(sign * b for b in _PAU_INNER_REVERSED) + (1.0,), y)
        g, g1, g2 = _numerics.quotient(*rho, *beta)
        branches[sign] = (
            c1 * x + c0 + y * g,
            c1 - y * y * (g + y * g1),
            y * y * y * (2.0 * g + 4.0 * y * g1 + y * y * g2),
        )
    return [np.where(s_far == 1, branches[1][k], branches[-1][k]) for k in range(3)]


_PAU_SWITCH = 64.0


def _pau(x: np.ndarray, order: int) -> np.ndarray:
    r"""f, f' or f'' of the safe PAU :math:`P(x)/(1 + |A(x)|)`, :math:`A = b_1 x + ... + b_4 x^4`."""
    return _numerics.by_region(
        x, [(np.abs(x) <= _PAU_SWITCH, lambda v: _pau_near(v, order))], lambda v: _pau_far(v)[order]
    )  # each branch on its own elements: computing both everywhere doubled the cost


def _pade(x: np.ndarray) -> np.ndarray:
    return _pau(x, 0)


def _pade_d1(x: np.ndarray) -> np.ndarray:
    return _pau(x, 1)


def _pade_d2(x: np.ndarray) -> np.ndarray:
    return _pau(x, 2)


def _pade_kinks() -> tuple[Kink, ...]:
    roots = np.roots(_PAU_INNER_REVERSED)  # zeros of b1 + b2 x + b3 x^2 + b4 x^3
    zeros = sorted({0.0, *(float(r.real) for r in roots if abs(r.imag) < 1e-12)})
    convention = (
        "pade' and pade'' there take sgn(0) = 0 for d|u|/du (torch's abs backward): f' is the mean of both sides"
    )
    return tuple(Kink(z, f"zero of the inner polynomial of Q; {convention}") for z in zeros)


_PADE_KINKS = _pade_kinks()

register(
    Activation(
        name="pade",
        family=FAMILY,
        aliases=("pau",),
        f=_pade,
        df=_pade_d1,
        d2f=_pade_d2,
        latex=(
            r"\mathrm{PAU}(x) = \frac{a_0 + a_1 x + \ldots + a_5 x^{5}}{1 +"
            r" |b_1 x + b_2 x^{2} + b_3 x^{3} + b_4 x^{4}|}"
        ),
        latex_derivative=r"\mathrm{PAU}'(x) = \frac{P'(x) - \mathrm{PAU}(x)\,\mathrm{sgn}(A(x))\,A'(x)}{1 + |A(x)|}",
        kink_points=lambda: _PADE_KINKS,
        summary=(
            "Padé activation unit: a learnable rational function P/Q of degrees (5, 4), made 'safe' by "
            "the absolute value that keeps Q >= 1 (no poles). These are the published default "
            "coefficients, a fit of leaky ReLU on about [-3, 3]; outside it the unit tends to 0.505 x "
            "on both sides. |.| makes tiny kinks where the inner polynomial of Q crosses 0 (x = 0, -8.3e-7)."
        ),
        reference=Reference(
            "Molina, Schramowski & Kersting",
            2020,
            "Padé Activation Units: End-to-end Learning of Flexible Activation Functions in Deep Networks",
            "https://arxiv.org/abs/1907.06732",
        ),
        notes=(
            "Safe PAU of the paper, Q = 1 + |b1 x + ... + b4 x^4|, with the coefficients of the PAU "
            "repository's default pade_optimized_leakyrelu initialisation (ml-research/pau, "
            "pau/cuda/python_imp/Pade.py). The repository's CUDA 'version B' uses 1 + sum |b_k| |x|^k "
            "instead, a different function."
        ),
    )
)

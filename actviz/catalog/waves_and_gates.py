"""Small algebraic units: PFLU and FPFLU (Zhu et al. 2021) and the Cauchy
activation of XNet (Li, Xia & Zhang 2024). PFLU is declared by its formula over
catalogue functions (:func:`._declare.declare`), so its derivatives go through
the catalogue's own stable kernels; the rational ones have hand-written kernels
that never square a huge x. Imported after the modules whose entries the
formulas call (isru, squareplus)."""

from __future__ import annotations

import numpy as np

from ..entry import Activation, Kink, Param, Reference
from ..registry import register
from . import _stable
from ._declare import declare

FAMILY = "self-gated"

_PFLU_PAPER = Reference(
    "Zhu, Min, Wang, Zou & Chen",
    2021,
    "PFLU and FPFLU: Two novel non-monotonic activation functions in convolutional neural networks",
    "https://doi.org/10.1016/j.neucom.2020.11.068",
)

def _pflu_d2(x: np.ndarray) -> np.ndarray:
    """PFLU''(x) = (2 - x^2) / (2 (1 + x^2)^{5/2}), as (1/2) r^3 q with r = 1/sqrt(1 + x^2),
    q = (2 - x^2)/(1 + x^2) (-1 once x^2 exceeds 1e200, where the 1 and 2 no longer count).

    The product rule over isru and squareplus underflows here: isru''(x) ~ -3/x^4 is subnormal
    at x = 1e85 while the sum it enters is ~ -1/(2 x^3)."""
    r = 1.0 / np.hypot(x, 1.0)
    v = np.where(np.abs(x) < 1e100, x, 0.0)
    q = np.where(np.abs(x) < 1e100, (2.0 - v * v) / (1.0 + v * v), -1.0)
    return 0.5 * (r * r * r) * q


declare(
    "pflu",
    "isru(x)*squareplus(x, b=1)",
    family=FAMILY,
    aliases=("power_function_linear_unit",),
    latex=r"\mathrm{PFLU}(x) = \frac{x}{2}\left(1 + \frac{x}{\sqrt{1 + x^{2}}}\right)",
    summary=(
        "Power function linear unit: x times an algebraic gate (1 + x/sqrt(1 + x^2))/2 that rises from 0 "
        "to 1, so it is a swish-like unit built from one square root instead of an exponential. Its left "
        "tail is a small negative dip that returns to 0 only like -1/(4|x|) and its right side approaches "
        "x from below; Zhu et al. report it ahead of swish and mish on CIFAR and ImageNet classifiers."
    ),
    reference=_PFLU_PAPER,
    kernels=(None, None, _pflu_d2),
    latex_derivative=r"\mathrm{PFLU}'(x) = \frac{1}{2}\left(1 + \frac{x (2 + x^{2})}{(1 + x^{2})^{3/2}}\right)",
    notes=(
        "x (1 + x/sqrt(1 + x^2))/2 = isru(x) squareplus(x, b=1): the product form keeps the left tail, "
        "where 1 + x/sqrt(1 + x^2) cancels, exact. Formula checked against the authors' code "
        "(github.com/mengzhu0308/PFLU-FPFLU)."
    ),
)


# -- the rational pieces u/(1 + u^2) and 1/(1 + u^2), u = x/d ------------------------


def _reciprocal_terms(x: np.ndarray, d: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(s, w, far) with u = x/d: s = u where |x| <= d, s = 1/u = d/x where |x| > d (far), so
    |s| <= 1 and nothing squares or overflows a huge u; w = 1/(1 + s^2)."""
    far = np.abs(x) > d
    s = np.where(far, d / np.where(far, x, d), np.where(far, 0.0, x) / d)
    return s, 1.0 / (1.0 + s * s), far


def _odd_piece(s: np.ndarray, w: np.ndarray, far: np.ndarray, order: int) -> np.ndarray:
    """g(u) = u/(1 + u^2) and its derivatives in u, in the terms of :func:`_reciprocal_terms`
    (g(u) = g(1/u); g' = (1 - u^2)/(1 + u^2)^2 = -s^2 (1 - s^2) w^2 far out;
    g'' = 2u (u^2 - 3)/(1 + u^2)^3 = 2 s^3 (1 - 3 s^2) w^3 far out)."""
    if order == 0:
        return s * w
    square = s * s
    if order == 1:
        near = (1.0 - s) * (1.0 + s) * (w * w)
        return np.where(far, -square * near, near)
    return np.where(far, 2.0 * (square * s) * (1.0 - 3.0 * square), 2.0 * s * (square - 3.0)) * (w * w * w)


def _even_piece(s: np.ndarray, w: np.ndarray, far: np.ndarray, order: int) -> np.ndarray:
    """h(u) = 1/(1 + u^2) and its derivatives in u (far out: h = s^2 w, h' = -2 s^3 w^2,
    h'' = 2 s^4 (3 - s^2) w^3; near: w, -2 s w^2, (6 s^2 - 2) w^3)."""
    square = s * s
    if order == 0:
        return np.where(far, square * w, w)
    if order == 1:
        return np.where(far, -2.0 * (square * s), -2.0 * s) * (w * w)
    return np.where(far, 2.0 * (square * square) * (3.0 - square), 6.0 * square - 2.0) * (w * w * w)


# -- FPFLU: x on the right, x/(1 + x^2) on the left -------------------------------


def _fpflu_kernel(order: int):
    right = (lambda x: x, lambda x: 1.0, lambda x: 0.0)[order]

    def kernel(x: np.ndarray) -> np.ndarray:
        s, w, far = _reciprocal_terms(np.minimum(x, 0.0), 1.0)
        return np.where(x >= 0, right(x), _odd_piece(s, w, far, order))

    kernel.__doc__ = f"FPFLU's derivative of order {order}: x on the right, x/(1 + x^2) on the left."
    return kernel


_fpflu, _fpflu_d1, _fpflu_d2 = (_fpflu_kernel(order) for order in range(3))


register(
    Activation(
        name="fpflu",
        family="rational",
        aliases=("faster_pflu",),
        f=_fpflu,
        df=_fpflu_d1,
        d2f=_fpflu_d2,
        latex=r"\mathrm{FPFLU}(x) = \max\left(x, \frac{x}{1 + x^{2}}\right)",
        latex_derivative=r"\mathrm{FPFLU}'(x) = 1 \ (x \geq 0), \quad \frac{1 - x^{2}}{(1 + x^{2})^{2}} \ (x < 0)",
        summary=(
            "Faster PFLU: the identity for x >= 0 and the rational dip x/(1 + x^2) for x < 0, which falls "
            "to -1/2 at x = -1 and returns to 0 like 1/x. Zhu et al. designed it as a cheap stand-in for "
            "PFLU (no square root, one division), keeping its small negative response and non-monotone "
            "left side; it is linear, hence unbounded, on the right."
        ),
        reference=_PFLU_PAPER,
        kink_points=lambda: (
            Kink(0.0, "f, f' and f'' are continuous (slope 1, curvature 0 on both sides); f''' jumps from -6 to 0"),
        ),
        notes=(
            "max(x, x/(1 + x^2)) as in the authors' code (github.com/mengzhu0308/PFLU-FPFLU). The two "
            "branches meet at 0 with equal value, slope 1 and curvature 0, so f, f' and f'' are "
            "continuous; only the third derivative jumps there (from -6 to 0)."
        ),
    )
)


# -- the Cauchy activation of XNet -----------------------------------------------


def _cauchy_kernel(order: int):
    def kernel(x: np.ndarray, lambda1: float, lambda2: float, d: float) -> np.ndarray:
        # (lambda1 x + lambda2)/(x^2 + d^2) = lambda1 g(x/d)/d + lambda2 h(x/d)/d^2; each
        # derivative brings one more 1/d
        s, w, far = _reciprocal_terms(x, d)
        scale = d ** -(order + 1)
        return lambda1 * scale * _odd_piece(s, w, far, order) + (lambda2 * scale / d) * _even_piece(s, w, far, order)

    kernel.__doc__ = f"The Cauchy activation's derivative of order {order}, as a sum of its odd and even parts."
    return kernel


_DOUBLE_MAX = float(np.finfo(np.float64).max)
_FAR_ROOT = 1e140  # beyond this a root of Cauchy' cannot enter a double-double product (Dekker's split: 1e150)


def _cauchy_scaled(x: np.ndarray, d: float) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """(exponent, xs, x^2 + d^2) with x, d scaled by 2^-exponent (|x| ~ 2^exponent beyond d, so
    nothing overflows; 0 within d) and the scaled x^2 + d^2 in double-double. ±inf is taken as
    ±DOUBLE_MAX (the callers put the limit, 0, there)."""
    finite = np.clip(x, -_DOUBLE_MAX, _DOUBLE_MAX)
    exponent = np.where(np.abs(finite) > d, np.frexp(finite)[1], 0)
    xs, ds = np.ldexp(finite, -exponent), np.ldexp(d, -exponent)
    return exponent, xs, _stable.dd_add(_stable.two_prod(xs, xs), _stable.two_prod(ds, ds))


def _cauchy(x: np.ndarray, lambda1: float, lambda2: float, d: float) -> np.ndarray:
    """(lambda1 x + lambda2)/(x^2 + d^2) in double-double: as a sum of an odd and an even part
    it cancels (3.5 units where the two are of opposite sign)."""
    exponent, xs, denominator = _cauchy_scaled(x, d)
    numerator = _stable.dd_add(_stable.two_prod(np.full_like(xs, lambda1), xs), (np.ldexp(lambda2, -exponent), 0.0))
    return np.where(np.isinf(x), 0.0, np.ldexp(_stable.dd_div_dd(numerator, denominator)[0], -exponent))


def _cauchy_d1(x: np.ndarray, lambda1: float, lambda2: float, d: float) -> np.ndarray:
    """Cauchy'(x) = -lambda1 (x - r1)(x - r2)/(x^2 + d^2)^2, with r1, r2 the roots of
    lambda1 x^2 + 2 lambda2 x - lambda1 d^2 (real: r1 r2 = -d^2), in double-double.

    The sum of the odd and even parts' slopes cancels (7 units at x = 4.9 for lambda1 = 2,
    lambda2 = -3, d = 0.5); in plain doubles the product form still collects ~6 roundings."""
    if lambda1 == 0.0:
        return _cauchy_kernel(1)(x, lambda1, lambda2, d)
    disc = float(np.hypot(lambda2, lambda1 * d))
    q = -(lambda2 + np.copysign(disc, lambda2))
    r2 = -(lambda1 * d) * d / q
    exponent, xs, denominator = _cauchy_scaled(x, d)
    near_root = _stable.two_sum(xs, -np.ldexp(r2, -exponent))
    if abs(q) <= _FAR_ROOT * abs(lambda1):  # the other root r1 = q/lambda1 is within reach
        numerator = _stable.dd_mul(_stable.two_sum(xs, -np.ldexp(q / lambda1, -exponent)), near_root)
        scale = -lambda1
    else:
        # |lambda1| below ~1e-140 |lambda2| (cauchy:lambda1=1e-300): r1 = q/lambda1 is too large to
        # split into double-double halves (it overflowed there); -lambda1 (x - r1) = q - lambda1 x.
        far_factor = _stable.dd_add((np.ldexp(q, -exponent), np.zeros_like(xs)), _stable.two_prod(np.full_like(xs, -lambda1), xs))
        numerator, scale = _stable.dd_mul(far_factor, near_root), 1.0
    ratio = _stable.dd_div_dd(numerator, _stable.dd_mul(denominator, denominator))[0]
    return np.where(np.isinf(x), 0.0, np.ldexp(scale * ratio, -2 * exponent))


register(
    Activation(
        name="cauchy",
        family="rational",
        aliases=("cauchy_activation",),
        parameters=(
            Param("lambda1", 1.0, "weight of the odd part x/(x^2 + d^2)", lower=-100.0, upper=100.0),
            Param("lambda2", 1.0, "weight of the even bump 1/(x^2 + d^2)", lower=-100.0, upper=100.0),
            Param("d", 1.0, "width: the unit acts over |x| ~ d and decays like 1/|x| beyond", lower=0.01, upper=100.0),
        ),
        f=_cauchy,
        df=_cauchy_d1,
        d2f=_cauchy_kernel(2),
        latex=r"\mathrm{Cauchy}(x) = \frac{\lambda_1 x + \lambda_2}{x^{2} + d^{2}}",
        latex_derivative=(
            r"\mathrm{Cauchy}'(x) = \frac{\lambda_1 (d^{2} - x^{2}) - 2 \lambda_2 x}{(x^{2} + d^{2})^{2}}"
        ),
        summary=(
            "The Cauchy activation of XNet: a rational unit (lambda1 x + lambda2)/(x^2 + d^2) with all three "
            "constants trained, the real form of a Cauchy kernel 1/(z - x). Li, Xia & Zhang derive it from "
            "Cauchy's integral formula and prove that sums of it approximate smooth functions to high "
            "order; it is localised (it decays like 1/|x|), so far-away inputs are dead, and it is aimed "
            "at regression and PDE solving more than at deep classifiers."
        ),
        reference=Reference(
            "Li, Xia & Zhang",
            2024,
            "Cauchy activation function and XNet",
            "https://arxiv.org/abs/2409.19221",
        ),
        kink_points=lambda **_: (),
        notes=(
            "The paper trains lambda1, lambda2 and d; the defaults 1, 1, 1 are a common initialisation, not "
            "the paper's. Domain kept to |lambda| <= 100 and 0.01 <= d <= 100, where the tests hold it."
        ),
    )
)


# -- the tent --------------------------------------------------------------------

declare(
    "tent",
    "max(0, delta - abs(x))",
    family="localized",
    parameters=(Param("delta", 1.0, "half-width: the tent is nonzero on (-delta, delta), 1 - |x| at delta = 1",
                      lower=1e-3, upper=1e3),),
    aliases=("triangular", "hat"),
    latex=r"\mathrm{tent}(x) = \max\left(0, \delta - |x|\right)",
    latex_derivative=r"\mathrm{tent}'(x) = -\mathrm{sign}(x)\ (|x| < \delta), \quad 0\ (|x| > \delta)",
    summary=(
        "The tent (triangle, linear B-spline): a peak of height delta at 0 falling linearly to 0 at "
        "±delta and 0 beyond. Rozsa & Boult propose it to bound the open space risk of ReLU-like units: a "
        "tent responds only to a bounded range of inputs, which they report makes classifiers far more "
        "robust to white-box adversarial attacks on MNIST and CIFAR-10. It is dead (zero slope) outside "
        "(-delta, delta) and has three kinks."
    ),
    reference=Reference(
        "Rozsa & Boult",
        2019,
        "Improved Adversarial Robustness by Reducing Open Space Risk via Tent Activations",
        "https://arxiv.org/abs/1908.02435",
    ),
    notes=(
        "The paper learns delta per layer; delta = 1 gives max(0, 1 - |x|), the linear B-spline. At the "
        "kinks (0, ±delta) the derivative is the mean of the one-sided slopes (0 at x = 0, ∓1/2 at ±delta), "
        "the formula engine's convention; no framework ships the tent."
    ),
)


# -- the improved logistic sigmoid ------------------------------------------------

declare(
    "isigmoid",
    "where(x > a, sigmoid(a) + alpha*(x - a), where(x < -a, sigmoid(-a) + alpha*(x + a), sigmoid(x)))",
    family="sigmoidal",
    parameters=(
        Param("a", 3.0, "threshold: the logistic sigmoid on [-a, a], straight lines beyond", lower=0.0, upper=40.0),
        Param("alpha", 0.01, "slope of the two straight tails", lower=0.0, upper=1.0),
    ),
    aliases=("improved_sigmoid",),
    latex=(
        r"\mathrm{Isigmoid}(x) = \sigma(x)\ (|x| \leq a), \quad "
        r"\sigma(\pm a) + \alpha (x \mp a)\ (\pm x > a)"
    ),
    latex_derivative=(
        r"\mathrm{Isigmoid}'(x) = \sigma(x) (1 - \sigma(x))\ (|x| \leq a), \quad \alpha\ (|x| > a)"
    ),
    summary=(
        "Improved logistic sigmoid: the logistic sigmoid between -a and a, continued beyond by straight "
        "lines of small slope alpha in the manner of a leaky ReLU, so the unit never saturates and its "
        "gradient never falls below alpha. Qin et al. introduce it against the vanishing gradients of "
        "sigmoid deep belief networks and report faster convergence on MNIST and better gearbox fault "
        "diagnosis; unbounded, monotone for alpha >= 0, with slope kinks at ±a."
    ),
    reference=Reference(
        "Qin, Wang & Zou",
        2019,
        "The Optimized Deep Belief Networks With Improved Logistic Sigmoid Units and Their Application in "
        "Fault Diagnosis for Planetary Gearboxes of Wind Turbines",
        "https://doi.org/10.1109/TIE.2018.2856205",
    ),
    notes=(
        "IEEE Trans. Industrial Electronics 66(5), early access 2018. The paper tunes a and alpha; the "
        "defaults 3 and 0.01 are illustrative. f is continuous at ±a, f' jumps there from sigma'(a) to "
        "alpha; at x = ±a itself the derivative is the sigmoid branch's (the where() convention)."
    ),
)

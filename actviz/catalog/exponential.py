"""Exponential units: linear for x > 0 and a saturating exponential for x < 0
(ELU and its relatives), and the exponential-based units around them."""

from __future__ import annotations

import math

import numpy as np

from ..entry import SCALE_RANGE, Activation, Kink, Param, Reference, scale_param
from ..registry import register
from . import _numerics, _overflow, _stable

FAMILY = "exponential"


def _keep_nan(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``y`` with nan wherever x is nan (for kernels whose branches map nan elsewhere)."""
    return np.where(np.isnan(x), x, y)


# -- the ELU family: slope * x for x > 0, coef * expm1(x / divisor) for x <= 0 -------------
#
# torch computes elu, selu and celu with one kernel elu(x; alpha, scale, input_scale); here
# slope = scale, coef = scale * alpha and divisor = 1 / input_scale (pelu: a/b, a and b).


def _left_exp(x: np.ndarray, divisor: float) -> np.ndarray:
    r""":math:`e^u` with :math:`u = -|x|/d`, which is x/d on the x <= 0 piece.

    |x| is clipped at 1500 d first, where e^u / d is 0 in float64 for any d >= 2^-1074
    (so the division never overflows and nothing is lost). -|x| rather than min(x, 0):
    libm's exp is 40% slower on a mix of exact zeros and negatives (measured: 8.8 against
    6.2 ns a value at 32768 values; elu' 10.7 -> 7.9 ns a value).
    """
    u = np.abs(x, out=np.empty_like(x))
    np.minimum(u, 1500.0 * divisor, out=u)
    if divisor != 1.0:
        np.divide(u, divisor, out=u)
    np.negative(u, out=u)
    return np.exp(u, out=u)


def _negative_argument(x: np.ndarray, divisor: float) -> np.ndarray:
    """u = min(x, 0) / divisor, clipped at -1500 where e^u / divisor is 0 in float64 for
    any divisor >= 2^-1074 (so the division never overflows and nothing is lost)."""
    return np.maximum(np.minimum(x, 0.0), -1500.0 * divisor) / divisor


# The two pieces are added, not selected: each is exactly 0 off its side (expm1(0) = 0,
# max(x, 0) = 0), and np.where mispredicts on random signs (5 ns a value, more than the
# exp). Measured at 1e6 (ms, baseline -> now): elu f 20.9 -> 14.8, f' 17.5 -> 11.6.


def _exp_linear(x: np.ndarray, slope: float, coef: float, divisor: float) -> np.ndarray:
    r""":math:`s\,x` for x > 0, :math:`c\,(e^{x/d} - 1)` for x <= 0, as
    :math:`s\max(x, 0) + c\,\operatorname{expm1}(\min(x, 0)/d)` (expm1 of the masked input:
    the unused branch never overflows, and libm's expm1(0) is fast)."""
    f = _overflow.times(slope, np.maximum(x, 0.0))
    u = _negative_argument(x, divisor)
    f += coef * np.expm1(u)
    if divisor != 1.0:
        # x/d loses bits where it is subnormal, and is 0 for celu's alpha = 1e100 at x = -1e-230
        # (f was 0, truth -1e-230): there expm1(u) = u to the last bit, so f = (c/d) x.
        tiny = (np.abs(u) < 2.0**-54) & (x < 0)
        f = np.where(tiny, (coef / divisor) * np.where(tiny, x, 0.0), f)  # x is tiny there: no overflow
    return f


def _exp_linear_d1(x: np.ndarray, slope: float, coef: float, divisor: float) -> np.ndarray:
    r"""f' = s for x > 0 and :math:`(c/d)\,e^{x/d}` for x <= 0: at 0 the left value,
    as torch's elu backward (``x <= 0 ? negcoef * negiptcoef * exp(x * negiptcoef) : scale``).
    nan goes to the left piece, whose exp keeps it."""
    right = x > 0
    d1 = _left_exp(x, divisor)
    d1 *= ~right
    d1 *= coef / divisor
    d1 = _rescale_below_normal(d1, x, coef / divisor, divisor)
    d1 += slope * right
    return d1


def _rescale_below_normal(values: np.ndarray, x: np.ndarray, scale: float, divisor: float) -> np.ndarray:
    r"""``values`` (:math:`s\,e^{x/d}`), recomputed as :math:`(s\,e^{u/2})\,e^{u/2}` where
    :math:`e^{x/d}` is below the normal range (x/d < -708.3) but ``scale`` times it may not be
    (elu' with alpha = 1e100 at x = -750 is 1.9e-226; e^{-750} rounded to 0 first)."""
    if scale <= 1.0:
        return values
    low = x < -708.3 * divisor
    if not np.any(low):
        return values
    half = np.exp(_negative_argument(np.where(low, x, 0.0), divisor) / 2)
    return np.where(low, (scale * half) * half, values)


def _exp_linear_d2(x: np.ndarray, slope: float, coef: float, divisor: float) -> np.ndarray:
    r"""f'' = :math:`(c/d^2)\,e^{x/d}` for x < 0 and 0 for x >= 0, as torch's
    elu double backward (which masks ``x < 0``); nan goes to the exp, which keeps it."""
    d2 = _left_exp(x, divisor)
    d2 *= ~(x >= 0)
    d2 *= coef / divisor / divisor
    d2 = _rescale_below_normal(d2, x, coef / divisor / divisor, divisor)
    return d2


def _exp_linear_kinks(slope: float, coef: float, divisor: float, name: str) -> tuple[Kink, ...]:
    left_slope, left_curvature = coef / divisor, coef / divisor / divisor
    if left_slope == slope and left_curvature == 0.0:
        return ()
    jumps = "f' jumps" if left_slope != slope else "f' is continuous, f'' jumps"
    return (
        Kink(
            0.0,
            f"{jumps} at 0; {name}'(0) = {left_slope:.17g} (the x <= 0 branch, as torch's elu backward) "
            f"and {name}''(0) = 0 (torch's double backward masks x < 0)",
        ),
    )


register(
    Activation(
        name="elu",
        family=FAMILY,
        parameters=(Param("alpha", 1.0, "the negative saturation value is -alpha", lower=0.0, upper=SCALE_RANGE[1], narrowed=True),),
        f=lambda x, alpha: _exp_linear(x, 1.0, alpha, 1.0),
        df=lambda x, alpha: _exp_linear_d1(x, 1.0, alpha, 1.0),
        d2f=lambda x, alpha: _exp_linear_d2(x, 1.0, alpha, 1.0),
        native_float32=True,
        latex=r"\mathrm{ELU}(x) = x \;(x > 0),\;\; \alpha(e^{x}-1) \;(x \leq 0)",
        latex_derivative=r"\mathrm{ELU}'(x) = 1 \;(x > 0),\;\; \alpha e^{x} \;(x \leq 0)",
        kink_points=lambda alpha: _exp_linear_kinks(1.0, alpha, 1.0, "elu"),
        summary=(
            "Exponential linear unit: the identity for x > 0 and alpha(e^x - 1) below, saturating "
            "smoothly at -alpha. Negative outputs push the mean activation towards zero, which sped "
            "up learning compared with ReLU; the exponential costs more than a max, and f' jumps at 0 "
            "unless alpha = 1 (f'' always does)."
        ),
        reference=Reference(
            "Clevert, Unterthiner & Hochreiter",
            2016,
            "Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)",
            "https://arxiv.org/abs/1511.07289",
        ),
        notes="torch, jax and keras all default to alpha = 1.",
    )
)

SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
_SELU_SCALE_ALPHA = 1.7580993408473768
"""scale * alpha correctly rounded (mpmath, 50 digits: 1.75809934084737685994...); the
product of the two rounded constants, as torch forms it, is one ulp low (...766)."""

register(
    Activation(
        name="selu",
        family=FAMILY,
        f=lambda x: _exp_linear(x, SELU_SCALE, _SELU_SCALE_ALPHA, 1.0),
        df=lambda x: _exp_linear_d1(x, SELU_SCALE, _SELU_SCALE_ALPHA, 1.0),
        d2f=lambda x: _exp_linear_d2(x, SELU_SCALE, _SELU_SCALE_ALPHA, 1.0),
        native_float32=True,
        latex=r"\mathrm{SELU}(x) = \lambda x \;(x > 0),\;\; \lambda\alpha(e^{x}-1) \;(x \leq 0)",
        latex_derivative=r"\mathrm{SELU}'(x) = \lambda \;(x > 0),\;\; \lambda\alpha e^{x} \;(x \leq 0)",
        kink_points=lambda: _exp_linear_kinks(SELU_SCALE, _SELU_SCALE_ALPHA, 1.0, "selu"),
        summary=(
            "Scaled ELU with the two constants (lambda = 1.0507..., alpha = 1.6732...) for which "
            "zero mean and unit variance is a stable fixed point of a layer's activations: deep "
            "fully connected nets then normalise themselves without batch norm. It needs LeCun-normal "
            "initialisation and alpha-dropout; other weights or dropout break the guarantee."
        ),
        reference=Reference(
            "Klambauer, Unterthiner, Mayr & Hochreiter",
            2017,
            "Self-Normalizing Neural Networks",
            "https://arxiv.org/abs/1706.02515",
        ),
        notes=(
            "alpha = 1.6732632423543772848170429916717, lambda = 1.0507009873554804934193349852946 "
            "(the paper's values, as torch and jax); not user parameters."
        ),
    )
)

register(
    Activation(
        name="celu",
        family=FAMILY,
        parameters=(scale_param("alpha", 1.0, "the negative saturation value is -alpha"),),
        f=lambda x, alpha: _exp_linear(x, 1.0, alpha, alpha),
        df=lambda x, alpha: _exp_linear_d1(x, 1.0, alpha, alpha),
        d2f=lambda x, alpha: _exp_linear_d2(x, 1.0, alpha, alpha),
        native_float32=True,
        latex=r"\mathrm{CELU}(x) = x \;(x > 0),\;\; \alpha(e^{x/\alpha}-1) \;(x \leq 0)",
        latex_derivative=r"\mathrm{CELU}'(x) = 1 \;(x > 0),\;\; e^{x/\alpha} \;(x \leq 0)",
        kink_points=lambda alpha: _exp_linear_kinks(1.0, alpha, alpha, "celu"),
        summary=(
            "Continuously differentiable ELU: ELU with the input scaled by 1/alpha, so f' is 1 on "
            "both sides of 0 for every alpha (ELU's f' jumps unless alpha = 1). It is scale-similar "
            "in alpha and tends to ReLU as alpha -> 0; f'' still jumps at 0."
        ),
        reference=Reference(
            "Barron",
            2017,
            "Continuously Differentiable Exponential Linear Units",
            "https://arxiv.org/abs/1704.07483",
        ),
    )
)

register(
    Activation(
        name="pelu",
        family=FAMILY,
        parameters=(
            scale_param("a", 1.0, "a, the negative saturation value is -a"),
            scale_param("b", 1.0, "b, the scale of the exponential (the positive slope is a/b)"),
        ),
        f=lambda x, a, b: _exp_linear(x, a / b, a, b),
        df=lambda x, a, b: _exp_linear_d1(x, a / b, a, b),
        d2f=lambda x, a, b: _exp_linear_d2(x, a / b, a, b),
        latex=r"\mathrm{PELU}(x) = \frac{a}{b}x \;(x \geq 0),\;\; a(e^{x/b}-1) \;(x < 0)",
        latex_derivative=r"\mathrm{PELU}'(x) = \frac{a}{b} \;(x \geq 0),\;\; \frac{a}{b}e^{x/b} \;(x < 0)",
        kink_points=lambda a, b: _exp_linear_kinks(a / b, a, b, "pelu"),
        summary=(
            "Parametric ELU: two learned positive parameters, a for the saturation and b for the "
            "decay, tied so that the positive slope a/b keeps f' continuous at 0. It improved ELU on "
            "CIFAR and ImageNet at the cost of two parameters per layer; a = b = 1 is ELU."
        ),
        reference=Reference(
            "Trottier, Giguère & Chaib-draa",
            2017,
            "Parametric Exponential Linear Unit for Deep Convolutional Neural Networks",
            "https://arxiv.org/abs/1605.09332",
        ),
        notes="No framework has it; a = b = 1 (plain ELU) as a neutral default. f''(0) = 0 (the x >= 0 piece).",
    )
)


# -- ISRLU: x for x >= 0, x / sqrt(1 + alpha x^2) below ------------------------------------------


def _isrlu(x: np.ndarray, alpha: float) -> np.ndarray:
    r""":math:`x` for x >= 0 and isru(x) = :math:`x/\sqrt{1 + \alpha x^2}` below
    (_stable.isru_terms: one sqrt, no pow, no where over both pieces). Measured at 1e6
    (ms, before -> after): f 63 -> 13, f' 86 -> 9."""
    # isru(min(x, 0)) + max(x, 0): one term is 0, so the sum is exact (no np.where)
    f = _stable.isru(np.minimum(x, 0.0), alpha)
    f += np.maximum(x, 0.0)
    return f


def _isrlu_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    r"""1 for x >= 0, :math:`(1 + \alpha x^2)^{-3/2}` below: isru' of min(x, 0), which is
    exactly 1 at 0 (r = 1, den = 1); nan stays nan."""
    return _stable.isru_prime(np.minimum(x, 0.0), alpha)


def _isrlu_d2(x: np.ndarray, alpha: float) -> np.ndarray:
    # -3 alpha x (1 + alpha x^2)^(-5/2) below 0: isru'' of min(x, 0), exactly 0 from 0 on.
    return _stable.isru_second(np.minimum(x, 0.0), alpha)


register(
    Activation(
        name="isrlu",
        family=FAMILY,
        parameters=(scale_param("alpha", 1.0, "the negative saturation value is -1/sqrt(alpha)"),),
        f=_isrlu,
        df=_isrlu_d1,
        d2f=_isrlu_d2,
        latex=r"\mathrm{ISRLU}(x) = x \;(x \geq 0),\;\; \frac{x}{\sqrt{1 + \alpha x^{2}}} \;(x < 0)",
        latex_derivative=r"\mathrm{ISRLU}'(x) = 1 \;(x \geq 0),\;\; \left(\frac{1}{\sqrt{1 + \alpha x^{2}}}\right)^{3} \;(x < 0)",
        kink_points=lambda alpha: (
            Kink(0.0, "f, f' and f'' are continuous (isrlu'(0) = 1, isrlu''(0) = 0); only f''' jumps (-3 alpha on the left, 0 on the right)"),
        ),
        summary=(
            "Inverse square root linear unit: like ELU (identity above 0, saturating at "
            "-1/sqrt(alpha) below) but with an inverse square root instead of an exponential, which "
            "is cheaper in hardware. It is smoother than ELU at 0 (f'' is continuous) and saturates "
            "more slowly (as 1/x^2 rather than e^x)."
        ),
        reference=Reference(
            "Carlile, Delamarter, Kinney, Marti & Whitney",
            2017,
            "Improving Deep Learning by Inverse Square Root Linear Units (ISRLUs)",
            "https://arxiv.org/abs/1710.09967",
        ),
    )
)


# -- the exponential itself and soft exponential --------------------------------------------


register(
    Activation(
        name="exponential",
        family=FAMILY,
        aliases=("exp",),
        f=_overflow.exp,
        df=_overflow.exp,
        d2f=_overflow.exp,
        native_float32=True,
        latex=r"f(x) = e^{x}",
        latex_derivative=r"f'(x) = e^{x}",
        summary=(
            "The exponential, keras' 'exponential' activation: positive outputs, e.g. for rates and "
            "variances. It overflows to inf for x > 709.78 in float64 (88.72 in float32), which is "
            "the true answer, not an error; as a hidden activation it explodes gradients."
        ),
        reference=Reference(
            "Chollet et al.",
            2015,
            "Keras: keras.activations.exponential",
            "https://keras.io/api/layers/activations/",
        ),
    )
)


def _soft_exponential(x: np.ndarray, alpha: float) -> np.ndarray:
    r""":math:`(e^{\alpha x} - 1)/\alpha + \alpha` for alpha > 0, x for alpha = 0.

    Written as :math:`x\,\mathrm{exprel}(\alpha x) + \alpha` with
    :math:`\mathrm{exprel}(v) = (e^v - 1)/v` (scipy), which never divides by
    alpha: 1/alpha overflows for alpha below 5.6e-309, and expm1(alpha x)/alpha
    lost x = -1e200 at alpha = 5e-324 (issue 15). Where :math:`e^{\alpha x}/\alpha`
    is huge (u = alpha x - log alpha > 700, with alpha x > 1 so that subtracting
    1/alpha cannot cancel) it is written as :math:`e^{u}`, so
    neither the exponential nor the division overflows before the true result does."""
    from scipy import special  # only here: the other kernels of this module need NumPy alone

    if alpha == 0.0:
        return np.copy(x)
    v = _overflow.times(alpha, x)
    u = v - math.log(alpha)
    huge = (u > 700.0) & (v > 1.0)  # for v <= 1, e^u - 1/alpha would cancel (alpha = 5e-324)
    # below v = -50, e^v is under 2e-22 and f is alpha - 1/alpha to the last bit (also where alpha x overflowed to -inf)
    left = v < -50.0
    body = _overflow.add(_overflow.multiply(x, special.exprel(np.where(huge | left, 0.0, v))), alpha)
    moderate = np.where(left, alpha - 1.0 / alpha, body)
    grown = _overflow.exp(np.where(huge, u, 0.0))
    # alpha - 1/alpha is -inf for a subnormal alpha, where e^u is +inf anyway
    tail = np.where(np.isinf(grown), np.inf, grown + (alpha - 1.0 / alpha) if alpha > 1e-300 else grown)
    return np.where(huge, tail, moderate)


def _alpha_times_exp(x: np.ndarray, alpha: float) -> np.ndarray:
    r""":math:`\alpha e^{\alpha x}` (alpha > 0), as :math:`e^{\alpha x + \log\alpha}` where that is huge."""
    v = _overflow.times(alpha, x)
    u = v + math.log(alpha)
    huge = u > 700.0
    return np.where(huge, _overflow.exp(u), alpha * np.exp(np.where(huge, 0.0, v)))


def _soft_exponential_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    if alpha == 0.0:
        return _keep_nan(x, np.ones_like(x))
    return _overflow.exp(_overflow.times(alpha, x))


def _soft_exponential_d2(x: np.ndarray, alpha: float) -> np.ndarray:
    if alpha == 0.0:
        return _stable.zeros_like(x)
    return _alpha_times_exp(x, alpha)


register(
    Activation(
        name="soft_exponential",
        family=FAMILY,
        parameters=(
            Param(
                "alpha",
                0.0,
                "0 is the identity, alpha > 0 bends towards e^x (alpha < 0, the logarithmic side, is "
                "excluded: it is undefined for x <= 1/alpha - alpha)",
                lower=0.0,
            ),
        ),
        f=_soft_exponential,
        df=_soft_exponential_d1,
        d2f=_soft_exponential_d2,
        latex=r"f(x) = \frac{e^{\alpha x} - 1}{\alpha} + \alpha \;(\alpha > 0),\;\; x \;(\alpha = 0)",
        latex_derivative=r"f'(x) = e^{\alpha x}",
        summary=(
            "A learned continuum between the logarithm (alpha < 0), the identity (alpha = 0) and the "
            "exponential (alpha > 0), so a unit can compute sums, products or exponentials exactly. "
            "Here alpha >= 0 only: for alpha < 0 the function -log(1 - alpha(x + alpha))/alpha is "
            "undefined for x <= 1/alpha - alpha. For alpha > 0 it grows exponentially and overflows."
        ),
        reference=Reference(
            "Godfrey & Gashler",
            2015,
            "A continuum among logarithmic, linear, and exponential functions, and its potential to "
            "improve generalization in neural networks",
            "https://arxiv.org/abs/1602.01321",
        ),
        notes=(
            "alpha is learned in the paper, which gives no default; 0 (the identity, the middle of the "
            "continuum) here. Negative alpha is refused rather than returning nan on part of the line."
        ),
    )
)


# -- ELiSH and HardELiSH ---------------------------------------------------------------------

_BASIRAT_ROTH = Reference(
    "Basirat & Roth", 2018, "The Quest for the Golden Activation Function", "https://arxiv.org/abs/1808.00783"
)


def _elish_gates(x: np.ndarray) -> tuple[np.ndarray, ...]:
    r"""Everything ELiSH needs from one exponential :math:`e = e^{-|x|}`.

    Returns (neg, e, s, m): the mask x < 0, e, :math:`s = 1/(1+e) = \sigma(|x|)` and
    :math:`m = e^{x} - 1` for x < 0 (there e = e^x). Then :math:`\sigma(x) = s` for
    x >= 0 and :math:`e s` below, :math:`\sigma'(x) = e s^2` on both sides and
    :math:`\tanh(|x|/2) = (1 - e) s`. m is e - 1 where e <= 1/2 (exact subtraction of an
    exp with 0.5 ulp error, <= 1 ulp in all) and expm1 only on the few x in (-log 2, 0)
    where e - 1 would cancel. Measured at 1e6: f 119 -> 14 ms, f' 114 -> 16 ms (the old
    code evaluated both pieces with five sigmoids, an exp, an expm1 and two tanh).
    """
    e = _stable.exp_neg_abs(x)
    s = np.add(e, 1.0, out=np.empty_like(e))
    np.divide(1.0, s, out=s)
    neg = x < 0
    m = np.subtract(e, 1.0, out=np.empty_like(e))
    near = _stable.subset(neg & (e > 0.5))
    np.put(m, near, np.expm1(np.take(x, near)))
    return neg, e, s, m


def _by_sign(neg: np.ndarray, negative: np.ndarray, positive: np.ndarray) -> np.ndarray:
    """``negative`` where ``neg`` holds, ``positive`` elsewhere, for finite pieces (or nan in
    both): as a sum of masked products, since np.where mispredicts on random signs."""
    result = negative * neg
    result += positive * ~neg
    return result


def _elish(x: np.ndarray) -> np.ndarray:
    # x sigma(x) = x s for x >= 0, (e^x - 1) sigma(x) = m e s below; max(x, 0) is x on the
    # right and finite on the left (x = -inf would make -inf * 0).
    neg, e, s, m = _elish_gates(x)
    return s * _by_sign(neg, m * e, np.maximum(x, 0.0))


def _elish_d1(x: np.ndarray) -> np.ndarray:
    r""":math:`\sigma + x\sigma'` for x >= 0; :math:`e^x\sigma + (e^x - 1)\sigma' =
    \sigma(e^x + (e^x - 1)/(1 + e^x))` below (one product fewer near the minimum at
    x = log(sqrt2 - 1), where the two terms cancel). x is clipped to [0, 800] in x sigma',
    where sigma' is 0 already, so x = ±inf never meets inf * 0."""
    neg, e, s, m = _elish_gates(x)
    positive = s + np.clip(x, 0.0, 800.0) * (e * s * s)
    negative = (e * s) * (e + m * s)
    return _by_sign(neg, negative, positive)


def _elish_d2(x: np.ndarray) -> np.ndarray:
    r"""With :math:`\sigma'' = -\sigma'\tanh(x/2)` (no 1 - 2 sigma cancellation) and
    :math:`t = \tanh(|x|/2) = (1 - e)s`: :math:`\sigma'(2 - x t)` for x >= 0 and
    :math:`e\sigma + \sigma'(2e^x + (e^x - 1) t)` below."""
    neg, e, s, m = _elish_gates(x)
    ds = e * s * s
    t = (1.0 - e) * s
    positive = ds * (2.0 - np.clip(x, 0.0, 800.0) * t)
    negative = e * e * s + ds * (2.0 * e + m * t)
    return _by_sign(neg, negative, positive)


register(
    Activation(
        name="elish",
        family=FAMILY,
        f=_elish,
        df=_elish_d1,
        d2f=_elish_d2,
        latex=r"\mathrm{ELiSH}(x) = x\,\sigma(x) \;(x \geq 0),\;\; (e^{x}-1)\,\sigma(x) \;(x < 0)",
        latex_derivative=(
            r"\mathrm{ELiSH}'(x) = \sigma(x) + x\,\sigma'(x) \;(x \geq 0),\;\; "
            r"e^{x}\sigma(x) + (e^{x}-1)\,\sigma'(x) \;(x < 0)"
        ),
        kink_points=lambda: (Kink(0.0, "f and f' are continuous (elish'(0) = 1/2); f'' jumps from 1 to 1/2, elish''(0) = 1/2 (the x >= 0 piece)"),),
        summary=(
            "Exponential linear sigmoid squashing: swish (x sigmoid(x)) for x >= 0 and ELU times "
            "sigmoid below, found by a genetic search over activation functions. It dips to a "
            "minimum of about -0.17 near x = -0.88 and returns to 0 like e^x; f'' jumps at 0."
        ),
        reference=_BASIRAT_ROTH,
    )
)


# HardELiSH is piecewise: 0 below -1, (e^x - 1)(x + 1)/2 on (-1, 0), x(x + 1)/2 on [0, 1],
# x above. The polynomial and linear pieces are blended by arithmetic (each is exactly 0
# off its piece), the exponential piece is evaluated only on the values in (-1, 0), gathered
# and scattered. Measured at 1e6 (ms, before -> after): f 33.4 -> 9.4, f' 42.4 -> 12.0 (three
# nested np.where over expm1 and exp of every value before).


def _hard_elish_left(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(flat indices of -1 < x < 0, x there)."""
    left = _stable.subset((x > -1.0) & (x < 0.0))
    return left, np.take(x, left)


def _hard_elish(x: np.ndarray) -> np.ndarray:
    # max(x - 1, 0) + mid (mid + 1)/2 with mid = clip(x, 0, 1): x(x + 1)/2 on [0, 1], and
    # 1 + (x - 1) above (exact up to 2^53, within an ulp beyond); nan stays nan.
    f = np.subtract(x, 1.0, out=np.empty_like(x))  # out=: an array even for 0-d x
    np.maximum(f, 0.0, out=f)
    mid = np.clip(x, 0.0, 1.0)
    f += 0.5 * mid * (mid + 1.0)
    left, xl = _hard_elish_left(x)
    np.put(f, left, 0.5 * np.expm1(xl) * (xl + 1.0))
    return f


def _hard_elish_d1(x: np.ndarray) -> np.ndarray:
    # The hard sigmoid clip((x+1)/2, 0, 1) has slope 0 at its ends, as torch's hardsigmoid
    # backward: so f'(-1) = 0 (left value) and f'(1) = 1 (right value).
    d1 = _stable.nan_mark(x)
    d1 += x >= 1.0
    d1 += ((x >= 0.0) & (x < 1.0)) * (np.clip(x, 0.0, 1.0) + 0.5)
    left, xl = _hard_elish_left(x)
    np.put(d1, left, 0.5 * (np.exp(xl) * (xl + 1.0) + np.expm1(xl)))
    return d1


def _hard_elish_d2(x: np.ndarray) -> np.ndarray:
    d2 = _stable.nan_mark(x)
    d2 += (x >= 0.0) & (x < 1.0)
    left, xl = _hard_elish_left(x)
    np.put(d2, left, 0.5 * np.exp(xl) * (xl + 3.0))
    return d2


register(
    Activation(
        name="hard_elish",
        family=FAMILY,
        aliases=("hardelish",),
        f=_hard_elish,
        df=_hard_elish_d1,
        d2f=_hard_elish_d2,
        latex=(
            r"\mathrm{HardELiSH}(x) = x\,h(x) \;(x \geq 0),\;\; (e^{x}-1)\,h(x) \;(x < 0),\;\; "
            r"h(x) = \max(0, \min(1, \frac{x+1}{2}))"
        ),
        latex_derivative=(
            r"\mathrm{HardELiSH}'(x) = 1 \;(x \geq 1),\;\; x + \frac{1}{2} \;(0 \leq x < 1),\;\; "
            r"\frac{e^{x}(x+1) + e^{x} - 1}{2} \;(-1 < x < 0),\;\; 0 \;(x \leq -1)"
        ),
        kink_points=lambda: (
            Kink(-1.0, "f' jumps from 0 to (1/e - 1)/2; hard_elish'(-1) = 0 (the hard sigmoid's slope is 0 at its ends, as torch's hardsigmoid backward)"),
            Kink(0.0, "f' is continuous (1/2); f'' jumps from 3/2 to 1, hard_elish''(0) = 1 (the x >= 0 piece)"),
            Kink(1.0, "f' jumps from 3/2 to 1; hard_elish'(1) = 1 (the hard sigmoid's slope is 0 at its ends)"),
        ),
        summary=(
            "ELiSH with the sigmoid replaced by the hard sigmoid max(0, min(1, (x+1)/2)): cheaper, "
            "exactly 0 for x <= -1 and exactly x for x >= 1. Found with ELiSH by genetic search; f' "
            "jumps at -1 and 1 and the unit is dead below -1."
        ),
        reference=_BASIRAT_ROTH,
    )
)


# -- xIELU ---------------------------------------------------------------------------------------


def _dd_sum_of_products(terms: list[tuple[float, np.ndarray]]) -> np.ndarray:
    """sum c_k v_k for parameters c_k and arrays v_k: every product exact (two_prod), the sum
    in double-double, rounded once."""
    total = (np.zeros_like(terms[0][1]), np.zeros_like(terms[0][1]))
    for c, v in terms:
        total = _stable.dd_add(total, _stable.two_prod(np.full_like(v, c), v))
    return total[0] + total[1]


_EXPM1_MINUS_X_TERMS = 21  # |x| <= 1: the first neglected term x^22/22! is below 1e-21


def _expm1_minus_x(x: np.ndarray) -> np.ndarray:
    r""":math:`e^x - 1 - x = x^2 \sum_{k \ge 2} x^{k-2}/k!` for |x| <= 1, without the cancellation of
    expm1(x) - x (the inner sum is at least 1/3 for x >= -1, so Horner's scheme is stable)."""
    inner = np.full_like(x, 1.0 / math.factorial(_EXPM1_MINUS_X_TERMS))
    for k in range(_EXPM1_MINUS_X_TERMS - 1, 1, -1):
        inner = inner * x + 1.0 / math.factorial(k)
    return (x * x) * inner


def _xielu_left(x: np.ndarray, alpha_n: float, beta: float, eps: float) -> np.ndarray:
    r""":math:`\alpha_n(\mathrm{expm1}(\min(x, \epsilon)) - x) + \beta x` for -40 < x <= 0.

    The terms cancel where the unit crosses 0 (x = -2.45 by default, and near 0): the products are
    exact and summed in double-double, as :math:`\alpha_n\,\mathrm{expm1}(m) + (\beta - \alpha_n)x`
    where expm1 is far from 0 (x <= -1, and eps < x <= 0 where m = eps) and as
    :math:`\alpha_n(e^x - 1 - x) + \beta x` on -1 < x <= eps, where expm1(x) and x themselves cancel.
    """
    m = np.minimum(x, eps)
    far = _dd_sum_of_products([(alpha_n, np.expm1(m)), (beta, x), (-alpha_n, x)])
    series = (x > -1.0) & (x <= eps)
    if not series.any():
        return far
    near = _dd_sum_of_products([(alpha_n, _expm1_minus_x(np.where(series, x, 0.0))), (beta, x)])
    return np.where(series, near, far)


def _xielu(x: np.ndarray, alpha_p: float, alpha_n: float, beta: float, eps: float) -> np.ndarray:
    def right(v: np.ndarray) -> np.ndarray:
        return _overflow.add(_overflow.scaled_square(alpha_p, v), _overflow.times(beta, v))

    def far_left(v: np.ndarray) -> np.ndarray:  # x <= -40, -inf and nan: (beta - alpha_n) x dominates
        return alpha_n * np.expm1(np.minimum(v, eps)) + _overflow.times(beta - alpha_n, v)

    def near(v: np.ndarray) -> np.ndarray:
        return _xielu_left(v, alpha_n, beta, eps)

    return _numerics.by_region(x, [(x > 0.0, right), ((x > -40.0) & (x <= 0.0), near)], far_left)


def _xielu_d1(x: np.ndarray, alpha_p: float, alpha_n: float, beta: float, eps: float) -> np.ndarray:
    # x > 0: 2 alpha_p x + beta; x <= 0: alpha_n (e^x [x < eps] + e^eps/2 [x = eps]) - alpha_n + beta,
    # formed as alpha_n expm1(x) + beta where x < eps (exact products, one rounding of the sum:
    # it crosses 0 at the unit's minimum)
    left = _dd_sum_of_products([(alpha_n, np.expm1(np.minimum(x, eps))), (beta, np.ones_like(x))])
    tie = alpha_n * (0.5 * math.exp(eps) - 1.0) + beta  # torch.minimum's backward splits a tie in half
    middle = np.where(x == eps, tie, beta - alpha_n)
    left = np.where(x < eps, left, middle)
    right = _overflow.add(_overflow.times(2.0 * alpha_p, np.maximum(x, 0.0)), beta)
    return _keep_nan(x, np.where(x > 0.0, right, left))


def _xielu_d2(x: np.ndarray, alpha_p: float, alpha_n: float, beta: float, eps: float) -> np.ndarray:
    curvature = alpha_n * np.exp(np.minimum(x, eps))
    # alpha_n e^x where e^x is below the normal range (alpha_n=1e100: f''(-750) gave 0, truth 1.9e-226)
    curvature = _rescale_below_normal(curvature, np.minimum(x, eps), alpha_n, 1.0)
    left = np.where(x < eps, curvature, np.where(x == eps, 0.5 * alpha_n * math.exp(eps), 0.0))
    return _keep_nan(x, np.where(x > 0.0, 2.0 * alpha_p, left))


def _xielu_kinks(alpha_p: float, alpha_n: float, beta: float, eps: float) -> tuple[Kink, ...]:
    at_eps = Kink(
        eps,
        "f' jumps from alpha_n (e^eps - 1) + beta to beta - alpha_n; xielu'(eps) is their mean, "
        "as torch.minimum's backward splits a tie",
    )
    at_zero = Kink(
        0.0,
        "f jumps from alpha_n expm1(eps) (= -8e-7 by default) to 0, f' from beta - alpha_n to beta; "
        "xielu(0) and xielu'(0) take the x <= 0 piece (torch.where(x > 0, ...))",
    )
    return (at_eps, at_zero) if eps < 0.0 else (at_zero,)


def _xielu_constraint(alpha_p: float, alpha_n: float, beta: float, eps: float) -> str | None:
    if alpha_n <= beta:
        return f"alpha_n = {alpha_n!r} must exceed beta = {beta!r} (the model learns alpha_n - beta > 0)"
    return None


register(
    Activation(
        name="xielu",
        family=FAMILY,
        parameters=(
            scale_param("alpha_p", 0.8, "curvature of the quadratic positive piece"),
            scale_param("alpha_n", 0.8, "depth of the negative piece; alpha_n > beta"),
            Param("beta", 0.5, "slope shared by both pieces at 0", lower=0.0, upper=SCALE_RANGE[1], narrowed=True),
            Param("eps", -1e-6, "expm1's argument is min(x, eps)", upper=0.0),
        ),
        f=_xielu,
        df=_xielu_d1,
        d2f=_xielu_d2,
        latex=r"\alpha_p x^{2} + \beta x\;(x > 0),\; \alpha_n(e^{\min(x, \epsilon)} - 1 - x) + \beta x",
        latex_derivative=r"2\alpha_p x + \beta\;(x > 0),\; \alpha_n(e^{x}[x < \epsilon] - 1) + \beta",
        kink_points=_xielu_kinks,
        constraint=_xielu_constraint,
        summary=(
            "Expanded integral of the exponential linear unit: its derivative is a linear ramp for x > 0 "
            "(so the unit grows like x^2, as squared ReLU) and an ELU-like curve for x < 0 that reaches "
            "beta - alpha_n, so negative inputs keep a gradient. Used by the Apertus LLMs (Swiss AI); "
            "alpha_p and alpha_n are trained per layer."
        ),
        reference=Reference(
            "Huang & Schlag",
            2025,
            "Deriving Activation Functions Using Integration",
            "https://arxiv.org/abs/2411.13010",
        ),
        notes=(
            "As transformers' XIELUActivation (src/transformers/activations.py, the Python path): "
            "alpha_p x^2 + beta x for x > 0, (expm1(min(x, eps)) - x) alpha_n + beta x otherwise, with "
            "alpha_p = softplus(.) and alpha_n = beta + softplus(.) initialised at 0.8. eps = -1e-6 makes f "
            "jump by alpha_n expm1(eps) = -8e-7 at 0; eps = 0 removes the jump."
        ),
    )
)

"""Smooth rectifiers and other smooth units that are not self-gated: softplus,
log-sigmoid, squareplus, sparse plus, the bent identity, TanhSoft, EIS and dSiLU.

Accuracy (units of the catalogue, mpmath references; see tests/reference):
f and f' within 4 units everywhere, f'' within 64.
"""

from __future__ import annotations

import math

import numpy as np

from ..entry import Activation, Kink, Param, Reference, scale_param
from ..registry import lookup, register
from . import _numerics, _overflow, _stable, self_gated  # noqa: F401 - self_gated registers silu, whose derivatives dsilu is

FAMILY = "smooth"

_DOUBLE_MAX = float(np.finfo(np.float64).max)


def _softplus(x: np.ndarray, beta: float) -> np.ndarray:
    # log(1 + e^{beta x})/beta = max(x, 0) + log1p(e^{-beta |x|})/beta: beta x never overflows
    return np.maximum(x, 0.0) + np.log1p(np.exp(-_numerics.scaled(np.abs(x), beta))) / beta


def _softplus_d1(x: np.ndarray, beta: float) -> np.ndarray:
    return _stable.sigmoid(_numerics.scaled(x, beta))


def _softplus_and_d1(x: np.ndarray, beta: float) -> tuple[np.ndarray, np.ndarray]:
    """(softplus, softplus') from one exponential e = e^{-beta |x|}: max(x, 0) + log1p(e)/beta
    and sigma(beta x) = max(e, [x >= 0])/(1 + e), the same values as the two kernels."""
    e = np.exp(-_numerics.scaled(np.abs(x), beta))
    value = np.maximum(x, 0.0) + np.log1p(e) / beta
    slope = np.maximum(e, x >= 0)
    e += 1.0
    return value, np.divide(slope, e, out=slope)


def _softplus_d2(x: np.ndarray, beta: float) -> np.ndarray:
    return beta * _stable.sigmoid_prime(_numerics.scaled(x, beta))


register(
    Activation(
        name="softplus",
        family=FAMILY,
        parameters=(
            scale_param("beta", 1.0, "sharpness: tends to ReLU as beta grows"),
        ),
        f=_softplus,
        df=_softplus_d1,
        d2f=_softplus_d2,
        native_float32=True,
        f_df=_softplus_and_d1,
        latex=r"\mathrm{softplus}(x) = \frac{1}{\beta}\ln(1 + e^{\beta x})",
        latex_derivative=r"\mathrm{softplus}'(x) = \sigma(\beta x)",
        summary=(
            "Softplus: the smooth approximation ln(1 + e^x) of ReLU, positive everywhere, with the "
            "sigmoid as its derivative. Used where a positive output is needed (variances, rates, "
            "the gate of mish) and as a hidden unit; like ReLU it is not zero-centred and unbounded."
        ),
        reference=Reference(
            "Dugas, Bengio, Belisle, Nadeau & Garcia",
            2001,
            "Incorporating Second-Order Functional Knowledge for Better Option Pricing",
            "https://www.cirano.qc.ca/en/summaries/2002s-46",
        ),
        notes=(
            "torch.nn.Softplus also has threshold=20 above which it returns x; that costs up to "
            "e^-20 ~ 2e-9 relative (10^7 units), so it is not copied: this softplus is exact everywhere."
        ),
    )
)


def _log_sigmoid(x: np.ndarray) -> np.ndarray:
    # log sigma(x) = -softplus(-x) = min(x, 0) - log1p(e^{-|x|})
    return np.minimum(x, 0.0) - np.log1p(np.exp(-np.abs(x)))


def _log_sigmoid_d1(x: np.ndarray) -> np.ndarray:
    return _stable.sigmoid(-x)


def _log_sigmoid_d2(x: np.ndarray) -> np.ndarray:
    return -_stable.sigmoid_prime(x)


register(
    Activation(
        name="log_sigmoid",
        family=FAMILY,
        aliases=("logsigmoid",),
        f=_log_sigmoid,
        df=_log_sigmoid_d1,
        d2f=_log_sigmoid_d2,
        native_float32=True,
        latex=r"\ln\sigma(x) = -\ln(1 + e^{-x})",
        latex_derivative=r"(\ln\sigma)'(x) = \sigma(-x)",
        summary=(
            "The logarithm of the sigmoid, -softplus(-x): a smooth, concave, negative rectifier of the "
            "left half-line. Mostly used inside losses (logistic and negative-sampling objectives), "
            "where log(sigmoid(x)) computed naively underflows to -inf for x < -745."
        ),
        reference=Reference(
            "Paszke et al.",
            2019,
            "PyTorch: An Imperative Style, High-Performance Deep Learning Library",
            "https://arxiv.org/abs/1912.01703",
        ),
        notes="torch.nn.LogSigmoid, jax.nn.log_sigmoid, keras log_sigmoid; no single paper introduced it.",
    )
)


def _squareplus(x: np.ndarray, b: float) -> np.ndarray:
    # (x + sqrt(x^2 + b))/2; for x < 0 as b / (2 (sqrt(x^2 + b) - x)), which does not cancel.
    # One hypot h = sqrt(x^2 + b) serves both sides (it was computed twice, on clamped copies).
    h = np.hypot(x, math.sqrt(b))
    right = np.maximum(x, 0.0)
    left = np.minimum(x, 0.0)
    return np.where(x >= 0, 0.5 * right + 0.5 * h, (0.25 * b) / (0.5 * h - 0.5 * left))


def _squareplus_d1(x: np.ndarray, b: float) -> np.ndarray:
    # (1 + x/h)/2 with h = sqrt(x^2 + b); for x < 0 as b / (2 h (h - x))
    v = np.minimum(x, 1e300)  # x/h -> 1 without inf/inf; one hypot for both sides
    h = np.hypot(v, math.sqrt(b))
    right = np.maximum(v, 0.0)
    left = np.minimum(v, 0.0)
    left_slope = (0.25 * b / h) / (0.5 * h - 0.5 * left)
    return np.where(x >= 0, 0.5 + 0.5 * (right / h), left_slope)


def _squareplus_d2(x: np.ndarray, b: float) -> np.ndarray:
    h = np.hypot(x, math.sqrt(b))
    return (0.5 * b / h) / h / h


register(
    Activation(
        name="squareplus",
        family=FAMILY,
        parameters=(
            # at least 1e-300: at 5e-324 f(-1e-170) gave 0, truth 1.1e-162 (sqrt(b) beside an underflowed x^2)
            Param("b", 4.0, "curvature at 0: the hinge is rounded over |x| ~ sqrt(b)", lower=1e-300, narrowed=True),
        ),
        f=_squareplus,
        df=_squareplus_d1,
        d2f=_squareplus_d2,
        latex=r"\mathrm{squareplus}(x) = \frac{x + \sqrt{x^{2} + b}}{2}",
        latex_derivative=r"\mathrm{squareplus}'(x) = \frac{1}{2}\left(1 + \frac{x}{\sqrt{x^{2} + b}}\right)",
        summary=(
            "Squareplus: an algebraic softplus built from a square root only, so it is cheaper than "
            "exp and log; with b = 4 its value at 0 is 1 (softplus: ln 2). It approaches 0 only like "
            "b/(4|x|), far more slowly than softplus. Available as jax.nn.squareplus and keras "
            "squareplus; the naive formula cancels to 0 for x < -1e8."
        ),
        reference=Reference(
            "Barron",
            2021,
            "Squareplus: A Softplus-Like Algebraic Rectifier",
            "https://arxiv.org/abs/2112.11687",
        ),
        notes="b = 4 as in jax and keras; torch has no squareplus.",
    )
)


def _sparse_plus(x: np.ndarray) -> np.ndarray:
    middle = np.clip(x, -1.0, 1.0) + 1.0
    return np.where(x >= 1.0, x, np.where(x > -1.0, 0.25 * middle * middle, _stable.zeros_like(x)))


def _sparse_plus_d1(x: np.ndarray) -> np.ndarray:
    middle = 0.5 * (np.clip(x, -1.0, 1.0) + 1.0)
    return np.where(x >= 1.0, 1.0, np.where(x > -1.0, middle, _stable.zeros_like(x)))


def _sparse_plus_d2(x: np.ndarray) -> np.ndarray:
    return np.where(np.abs(x) < 1.0, 0.5, _stable.zeros_like(x))


register(
    Activation(
        name="sparse_plus",
        family=FAMILY,
        aliases=("sparseplus",),
        f=_sparse_plus,
        df=_sparse_plus_d1,
        d2f=_sparse_plus_d2,
        latex=r"0 \;(x \leq -1),\;\; \frac{(x+1)^{2}}{4} \;(-1 < x < 1),\;\; x \;(x \geq 1)",
        latex_derivative=r"0 \;(x \leq -1),\;\; \frac{x+1}{2} \;(-1 < x < 1),\;\; 1 \;(x \geq 1)",
        kink_points=lambda: (
            Kink(-1.0, "sparse_plus' is continuous (0 at -1); sparse_plus''(-1) = 0, as jax's x <= -1 branch"),
            Kink(1.0, "sparse_plus' is continuous (1 at 1); sparse_plus''(1) = 0, as jax's x >= 1 branch"),
        ),
        summary=(
            "Sparse plus: the sparse twin of softplus, exactly 0 below -1, exactly x above 1 and a "
            "parabola in between, so it is once (not twice) continuously differentiable. It comes from "
            "the sparsemax construction of Fenchel-Young losses and is in jax.nn and keras 3."
        ),
        reference=Reference(
            "Blondel, Martins & Niculae", 2020, "Learning with Fenchel-Young Losses", "https://arxiv.org/abs/1901.02324"
        ),
        notes="jax.nn.sparse_plus and keras sparse_plus; torch has none.",
    )
)


def _bent_identity(x: np.ndarray) -> np.ndarray:
    # x + (sqrt(x^2+1) - 1)/2 = x (1 + x / (2 (sqrt(x^2+1) + 1))): no cancellation at 0 or -inf
    overflows = x > _DOUBLE_MAX / 1.5
    safe = np.where(overflows, 0.0, x)
    v = np.maximum(safe, -1e300)  # q = -1/2 to double precision from there on
    q = 0.5 * (v / (np.hypot(v, 1.0) + 1.0))
    return np.where(overflows, np.inf, safe * (1.0 + q))


def _bent_identity_d1(x: np.ndarray) -> np.ndarray:
    v = np.clip(x, -1e300, 1e300)
    return 1.0 + 0.5 * (v / np.hypot(v, 1.0))


def _bent_identity_d2(x: np.ndarray) -> np.ndarray:
    h = np.hypot(x, 1.0)
    return (0.5 / h) / h / h


register(
    Activation(
        name="bent_identity",
        family=FAMILY,
        f=_bent_identity,
        df=_bent_identity_d1,
        d2f=_bent_identity_d2,
        latex=r"\frac{\sqrt{x^{2} + 1} - 1}{2} + x",
        latex_derivative=r"1 + \frac{x}{2\sqrt{x^{2} + 1}}",
        summary=(
            "Bent identity: the identity plus half a hyperbola, a smooth, strictly increasing unit with "
            "slope 1/2 on the far left and 3/2 on the far right, equal to x near 0. It appears in "
            "activation-function tables rather than in a paper of its own; it never saturates, so it "
            "is rarely used in deep networks."
        ),
        reference=Reference(
            "Wikipedia contributors",
            2016,
            "Activation function: comparison of activation functions (no original paper is known)",
            "https://en.wikipedia.org/wiki/Activation_function#Table_of_activation_functions",
        ),
    )
)


def _tanhsoft(x: np.ndarray, alpha: float) -> np.ndarray:
    return np.tanh(_numerics.scaled(x, alpha)) * _stable.softplus(x)


def _tanhsoft_d1(x: np.ndarray, alpha: float) -> np.ndarray:
    # alpha sech^2(alpha x) sp(x) + tanh(alpha x) sigma(x); alpha x formed once
    v = _numerics.scaled(x, alpha)
    sp, sigma = _stable.softplus_and_sigmoid(x)
    return alpha * _stable.times_vanishing(sp, _stable.sech2(v)) + np.tanh(v) * sigma


def _tanhsoft_d2(x: np.ndarray, alpha: float) -> np.ndarray:
    # -2 alpha^2 tanh sech^2 sp + 2 alpha sech^2 sigma + tanh sigma'
    t = np.tanh(_numerics.scaled(x, alpha))
    sech2 = _stable.sech2(_numerics.scaled(x, alpha))
    curvature = -2.0 * alpha * alpha * _stable.times_vanishing(_stable.softplus(x), t * sech2)
    return curvature + 2.0 * alpha * sech2 * _stable.sigmoid(x) + t * _stable.sigmoid_prime(x)


register(
    Activation(
        name="tanhsoft",
        family=FAMILY,
        aliases=("tanhsoft1", "tanhsoft_1"),
        parameters=(scale_param("alpha", 0.87, "slope of the tanh factor"),),
        f=_tanhsoft,
        df=_tanhsoft_d1,
        d2f=_tanhsoft_d2,
        latex=r"\mathrm{TanhSoft}(x) = \tanh(\alpha x)\,\ln(1 + e^{x})",
        latex_derivative=r"\alpha\,\mathrm{sech}^{2}(\alpha x)\ln(1 + e^{x}) + \tanh(\alpha x)\,\sigma(x)",
        summary=(
            "TanhSoft-1: tanh(alpha x) times softplus, the first of the TanhSoft family "
            "tanh(alpha x + beta e^(gamma x)) ln(delta + e^x); negative but bounded on the left "
            "(minimum about -0.2), like softplus on the right. alpha = 0.87 is the paper's best value "
            "(CIFAR-100 gains with DenseNet-169 and SimpleNet); little used since."
        ),
        reference=Reference(
            "Biswas, Kumar, Banerjee & Pandey",
            2020,
            "TanhSoft -- a family of activation functions combining Tanh and Softplus",
            "https://arxiv.org/abs/2009.03863",
        ),
        notes="The TanhSoft-1 member (beta = 0, delta = 1) with the paper's alpha = 0.87.",
    )
)


def _sp_ratio(x: np.ndarray) -> np.ndarray:
    """r = sigma(x) / softplus(x) (-> 1 as x -> -inf, ~1/x as x -> +inf), without 0/0 in the left tail."""
    t = np.exp(np.minimum(x, 0.0))
    # log1p(t)/t -> 1 as t -> 0; t is only ever 0 where that limit is meant
    log1p_over_t = np.where(t == 0.0, 1.0, np.log1p(t) / np.where(t == 0.0, 1.0, t))
    left = 1.0 / ((1.0 + t) * log1p_over_t)
    right = _stable.sigmoid(x) / _stable.softplus(np.maximum(x, 0.0))
    return np.where(x > 0, right, left)


def _sp_power(x: np.ndarray, alpha: float) -> np.ndarray:
    """softplus(x)**alpha, through log softplus(x) = x - e^x/2 + O(e^{2x}) where softplus is (sub)normal-tiny
    (x < -30); each branch on its own elements, and no power at all for alpha = 1."""

    def tail(v: np.ndarray) -> np.ndarray:
        return np.exp(alpha * (v - 0.5 * np.exp(v)))

    def body(v: np.ndarray) -> np.ndarray:
        sp = _stable.softplus(v)
        return sp if alpha == 1.0 else np.power(sp, alpha)

    return _numerics.by_region(x, [(x < -30.0, tail)], body)


def _isru_parts(x: np.ndarray, beta: float, gamma: float) -> tuple[np.ndarray, np.ndarray]:
    r"""g = x/\sqrt{\beta + \gamma x^2} and g' = \beta/(\beta + \gamma x^2)^{3/2}, written with
    h = hypot(\sqrt{\beta/\gamma}, x) so nothing overflows."""
    h = np.hypot(math.sqrt(beta / gamma), x)
    root = math.sqrt(gamma)
    ratio = np.where(np.isinf(h), np.sign(x), x / np.where(np.isinf(h), 1.0, h))  # x/h, ±1 at ±inf
    g = ratio / root
    if root < 1.0:
        # x/h underflows first where h is large (gamma = 1e-100, x = -1e-280: g gave -0, truth
        # -1e-280): there divide x by sqrt(gamma) first, which cannot overflow for |x| <= 1e200
        small = np.abs(x) <= 1e200
        g = np.where(small, (np.where(small, x, 0.0) / root) / h, g)
    return g, ((beta / gamma**1.5) / h) / h / h


def _eis(x: np.ndarray, alpha: float, beta: float, gamma: float) -> np.ndarray:
    g, _ = _isru_parts(x, beta, gamma)
    return _overflow.multiply(g, _sp_power(x, alpha))


def _eis_power_derivative(x: np.ndarray, alpha: float) -> np.ndarray:
    """P = sigma(x) softplus(x)^(alpha - 1) = (softplus^alpha)' / alpha, for finite x.

    Written as sigma sp^alpha / sp: the rounded exponent alpha - 1 would cost
    ln(x) * 2^-53 relative (2e-14 at x = 1e305); sigma itself for alpha = 1.
    Below -30 as (sigma/sp) sp^alpha, each branch on its own elements."""

    def tail(v: np.ndarray) -> np.ndarray:
        return _sp_ratio(v) * _sp_power(v, alpha)

    def body(v: np.ndarray) -> np.ndarray:
        if alpha == 1.0:
            return _stable.sigmoid(v)
        sp = _stable.softplus(v)
        return _stable.sigmoid(v) * (np.power(sp, alpha) / sp)

    return _numerics.by_region(x, [(x < -30.0, tail)], body)


def _eis_limits(x: np.ndarray, finite: np.ndarray, at_plus_inf: float) -> np.ndarray:
    """``finite`` (computed at x with ±inf replaced by 0), with the limits at ±inf put back."""
    return np.where(x == np.inf, at_plus_inf, np.where(x == -np.inf, 0.0, finite))


def _eis_d1(x: np.ndarray, alpha: float, beta: float, gamma: float) -> np.ndarray:
    # f = g S^a: f' = g' S^a + a g P; f'(+inf) = 1/sqrt(gamma) for alpha = 1, else 0
    v = np.where(np.isinf(x), 0.0, x)
    g, g1 = _isru_parts(v, beta, gamma)
    slope = _stable.times_vanishing(_sp_power(v, alpha), g1) + alpha * g * _eis_power_derivative(v, alpha)
    return _eis_limits(x, slope, 1.0 / math.sqrt(gamma) if alpha == 1.0 else 0.0)


def _eis_d2(x: np.ndarray, alpha: float, beta: float, gamma: float) -> np.ndarray:
    # f'' = g'' S^a + 2 a g' P + a g P (sigma(-x) + (a - 1) r),  P' = P (sigma(-x) + (a - 1) r), r = sigma/sp.
    # g'' S^a is formed as (S^a / h)(g'' h): g'' alone underflows (~x^-4) long before the product (~x^(a-3)).
    v = np.where(np.isinf(x), 0.0, x)
    g, g1 = _isru_parts(v, beta, gamma)
    h = np.hypot(math.sqrt(beta / gamma), v)
    g2_h = -3.0 * (beta / gamma**1.5) * (v / h) / h / h / h
    p = _eis_power_derivative(v, alpha)
    bracket = _stable.sigmoid(-v) + (alpha - 1.0) * _sp_ratio(v)
    curvature = (_sp_power(v, alpha) / h) * g2_h + 2.0 * alpha * g1 * p + alpha * g * p * bracket
    return _eis_limits(x, curvature, 0.0)


register(
    Activation(
        name="eis",
        family=FAMILY,
        parameters=(
            Param("alpha", 1.0, "power of the softplus factor", lower=0.0, upper=1.0, lower_open=True),
            scale_param("beta", 1.0, "constant under the square root"),
            scale_param("gamma", 1.0, "weight of x^2 under the square root"),
        ),
        f=_eis,
        df=_eis_d1,
        d2f=_eis_d2,
        latex=r"\mathrm{EIS}(x) = \frac{x\,\ln(1 + e^{x})^{\alpha}}{\sqrt{\beta + \gamma x^{2}}}",
        latex_derivative=(
            r"g'(x)\,\mathrm{sp}(x)^{\alpha} +"
            r" \alpha\,g(x)\,\sigma(x)\,\mathrm{sp}(x)^{\alpha-1},\;\; g(x) = \frac{x}{\sqrt{\beta + \gamma x^{2}}}"
        ),
        summary=(
            "EIS: softplus^alpha times an inverse-square-root unit x/sqrt(beta + gamma x^2), from a "
            "five-parameter family combining exponential, ISRU and softplus. The default "
            "x ln(1 + e^x)/sqrt(1 + x^2) is the member the paper reports as beating ReLU by 1.7% on "
            "CIFAR-100 (DenseNet-169); it behaves like softplus on the right and decays like x e^x on the left."
        ),
        reference=Reference(
            "Biswas, Kumar, Banerjee & Pandey",
            2020,
            "EIS -- a family of activation functions combining Exponential, ISRU, and Softplus",
            "https://arxiv.org/abs/2009.13501",
        ),
        notes=(
            "The paper's family is x sp(x)^alpha / (sqrt(beta + gamma x^2) + delta e^(-theta x)); only "
            "delta = 0 members are offered (so theta drops out), with 0 < alpha <= 1, beta > 0, gamma > 0."
        ),
    )
)


def _dsilu_d2(x: np.ndarray) -> np.ndarray:
    # silu''' = sigma'(x) (x tanh^2(x/2) - 3 tanh(x/2) - (x/2) sech^2(x/2)); |x| clamped where sigma' = 0
    v = np.clip(x, -800.0, 800.0)
    t = np.tanh(0.5 * v)
    return _stable.sigmoid_prime(v) * (v * t * t - 3.0 * t - 0.5 * v * _stable.sech2(0.5 * v))


def _sqrtsoftplus(x: np.ndarray) -> np.ndarray:
    # softplus^(1/2), through log softplus(x) = x - e^x/2 + ... where softplus is (sub)normal-tiny
    return _sp_power(x, 0.5)


def _sqrtsoftplus_d1(x: np.ndarray) -> np.ndarray:
    # sigma(x) / (2 sqrt(softplus x)) = P/2 with P = sigma sp^(-1/2) (see _eis_power_derivative); 0 at ±inf
    v = np.where(np.isinf(x), 0.0, x)
    return _eis_limits(x, 0.5 * _eis_power_derivative(v, 0.5), 0.0)


def _sqrtsoftplus_d2(x: np.ndarray) -> np.ndarray:
    # (P/2)' = (P/2) (sigma(-x) - r/2), r = sigma/sp; 0 at ±inf
    v = np.where(np.isinf(x), 0.0, x)
    slope = 0.5 * _eis_power_derivative(v, 0.5)
    return _eis_limits(x, slope * (_stable.sigmoid(-v) - 0.5 * _sp_ratio(v)), 0.0)


register(
    Activation(
        name="sqrtsoftplus",
        family=FAMILY,
        aliases=("sqrt_softplus",),
        f=_sqrtsoftplus,
        df=_sqrtsoftplus_d1,
        d2f=_sqrtsoftplus_d2,
        latex=r"\sqrt{\mathrm{softplus}(x)} = \sqrt{\ln(1 + e^{x})}",
        latex_derivative=r"\frac{\sigma(x)}{2\sqrt{\ln(1 + e^{x})}}",
        summary=(
            "The square root of softplus: positive, increasing, about e^(x/2) on the left and sqrt(x) on "
            "the right, so it grows far more slowly than softplus. The router scoring function of "
            "DeepSeek V4's mixture-of-experts layers, where it replaces the sigmoid of V3."
        ),
        reference=Reference(
            "Hugging Face transformers",
            2026,
            "SqrtSoftplusActivation, ACT2FN['sqrtsoftplus'] (DeepSeek V4 router scores)",
            "https://github.com/huggingface/transformers/blob/main/src/transformers/activations.py",
        ),
        notes=(
            "transformers computes softplus(x).sqrt(); that is 0 below x = -745 and loses every digit "
            "below -708, where softplus is subnormal: here sqrt(softplus) = e^(x/2) (1 - e^x/4 + ...) there. "
            "The definition is taken from copies of transformers' ACT2CLS table (the upstream file "
            "was not in the searchable index when this was written)."
        ),
    )
)


_SILU = lookup("silu")
register(
    Activation(
        name="dsilu",
        family=FAMILY,
        f=_SILU.df,
        df=_SILU.d2f,
        d2f=_dsilu_d2,
        latex=r"\mathrm{dSiLU}(x) = \sigma(x)\left(1 + x\,(1 - \sigma(x))\right)",
        latex_derivative=r"\mathrm{dSiLU}'(x) = \sigma'(x)\left(2 - x\tanh(x/2)\right)",
        summary=(
            "The derivative of SiLU used as an activation in its own right: a sigmoid-like unit that "
            "overshoots to 1.1 at x = 2.4 and dips to -0.1 at x = -2.4. Proposed with SiLU for "
            "value-function approximation in reinforcement learning (Tetris, Atari); rare elsewhere."
        ),
        reference=_SILU.reference,
    )
)

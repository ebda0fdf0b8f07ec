"""Smooth rectifiers (family "smooth", beside softplus): relu-like units with a continuous slope (SmeLU's quadratic
joint, SchNet's shifted softplus, soft clipping, the natural-logarithm relu).
"""

from __future__ import annotations

import math

import numpy as np

from ..entry import Activation, Kink, Param, Reference
from ..registry import register
from . import _piecewise, _stable

FAMILY = "smooth"


# -- SmeLU: relu with a quadratic joint on [-beta, beta] -----------------------------


def _smelu_shift(x: np.ndarray, beta: float) -> np.ndarray:
    """x + beta on [-beta, beta], 0 left of it, 2 beta right of it (nan stays nan)."""
    return np.clip(x, -beta, beta) + beta


def _smelu(x: np.ndarray, beta: float) -> np.ndarray:
    t = _smelu_shift(x, beta)
    # t^2/(4 beta) as (t/(2 beta)) (t/2): t^2 alone could underflow where the result does not
    return np.where(x >= beta, x, (t / (2.0 * beta)) * (0.5 * t))


def _smelu_d1(x: np.ndarray, beta: float) -> np.ndarray:
    return _smelu_shift(x, beta) / (2.0 * beta)


def _smelu_d2(x: np.ndarray, beta: float) -> np.ndarray:
    return _piecewise.indicator(np.abs(x) <= beta, x, 1.0 / (2.0 * beta))


def _smelu_kinks(beta: float) -> tuple[Kink, ...]:
    convention = "f'' jumps by 1/(2 beta); f''({}) = 1/(2 beta), the quadratic piece's (the paper's |x| <= beta)"
    return (Kink(-beta, convention.format("-beta")), Kink(beta, convention.format("beta")))


register(
    Activation(
        name="smelu",
        family=FAMILY,
        aliases=("smooth_relu",),
        parameters=(Param("beta", 1.0, "beta, the half-width of the quadratic joint", lower=1e-100, upper=1e100),),
        f=_smelu,
        df=_smelu_d1,
        d2f=_smelu_d2,
        kink_points=_smelu_kinks,
        latex=(
            r"\mathrm{SmeLU}(x) = 0 \;(x \leq -\beta),\;\; \frac{(x + \beta)^{2}}{4\beta} \;(|x| \leq \beta),"
            r"\;\; x \;(x \geq \beta)"
        ),
        latex_derivative=r"\mathrm{SmeLU}'(x) = \min\left(\max\left(\frac{x + \beta}{2\beta}, 0\right), 1\right)",
        summary=(
            "Smooth ReLU: relu with its corner replaced by the parabola that joins 0 and x with matching "
            "slopes, so the gradient is continuous (a hard sigmoid). Shamir et al. found that this "
            "smoothness makes large recommendation models far more reproducible across retrainings than "
            "relu, at no accuracy cost and with cheaper arithmetic than swish or softplus. It keeps "
            "relu's dead region left of -beta."
        ),
        reference=Reference(
            "Shamir, Lin & Coviello",
            2020,
            "Smooth Activations and Reproducibility in Deep Networks",
            "https://arxiv.org/abs/2010.09931",
        ),
        notes="beta = 1 draws the shape; the paper tunes beta per model (no published default).",
    )
)


# -- shifted softplus (SchNet) -------------------------------------------------------

_LN2 = math.log(2.0)
_SSP_SPLIT = 30.0  # below, log1p(expm1(x)/2); above, softplus(x) - ln 2 (>= 29.3, nothing cancels)


def _shifted_softplus(x: np.ndarray) -> np.ndarray:
    r""":math:`\log((1 + e^x)/2) = \operatorname{log1p}(\operatorname{expm1}(x)/2)`: exact near 0,
    where softplus(x) - ln 2 cancels (f(x) ~ x/2), and down to -ln 2 at -inf."""
    small = np.log1p(np.expm1(np.minimum(x, _SSP_SPLIT)) / 2.0)
    return np.where(x > _SSP_SPLIT, _stable.softplus(x) - _LN2, small)


register(
    Activation(
        name="shifted_softplus",
        family=FAMILY,
        aliases=("ssp",),
        f=_shifted_softplus,
        df=_stable.sigmoid,
        d2f=_stable.sigmoid_prime,
        latex=r"\mathrm{ssp}(x) = \log\left(\frac{1}{2} e^{x} + \frac{1}{2}\right)",
        latex_derivative=r"\mathrm{ssp}'(x) = \sigma(x)",
        summary=(
            "Softplus shifted down by log 2 so that ssp(0) = 0: SchNet uses it throughout its "
            "continuous-filter convolutions so that the predicted potential-energy surface is smooth and "
            "its forces (the gradient) are well defined, which relu would not give. Like softplus it is "
            "monotone, bounded below (by -log 2) and never exactly zero-gradient."
        ),
        reference=Reference(
            "Schütt, Kindermans, Sauceda, Chmiela, Tkatchenko & Müller",
            2017,
            "SchNet: A continuous-filter convolutional neural network for modeling quantum interactions",
            "https://arxiv.org/abs/1706.08566",
        ),
        notes="schnetpack's shifted_softplus; the naive softplus(x) - log(2) loses all digits near 0.",
    )
)


# -- soft clipping --------------------------------------------------------------------


def _soft_clip_left(x: np.ndarray, p: float) -> np.ndarray:
    r""":math:`\frac{1}{p}\operatorname{log1p}\left(\frac{e^{px}(1 - e^{-p})}{1 + e^{p(x-1)}}\right)` for x <= 1/2
    (x clipped below where e^{px} has underflowed): every term positive, nothing cancels."""
    xl = np.clip(x, -800.0 / p, 0.5)
    e = np.exp(p * xl)
    return np.log1p(e * -math.expm1(-p) / (1.0 + e * math.exp(-p))) / p


def _soft_clipping(x: np.ndarray, p: float) -> np.ndarray:
    # symmetric about (1/2, 1/2): f(x) = 1 - f(1 - x) right of 1/2
    right = 1.0 - _soft_clip_left(1.0 - np.maximum(x, 0.5), p)
    return np.where(x > 0.5, right, _soft_clip_left(x, p))


def _soft_clip_sigmoids(x: np.ndarray, p: float) -> tuple[np.ndarray, np.ndarray]:
    """(sigma(p x), sigma(p (1 - x))) with x clipped where both have saturated."""
    limit = 800.0 / p + 1.0
    xc = np.clip(x, -limit, limit)
    return _stable.sigmoid(p * xc), _stable.sigmoid(p * (1.0 - xc))


def _soft_clipping_d1(x: np.ndarray, p: float) -> np.ndarray:
    r""":math:`\sigma(px) - \sigma(p(x - 1)) = (1 - e^{-p})\,\sigma(px)\,\sigma(p(1 - x))`: a product, no cancellation."""
    left, right = _soft_clip_sigmoids(x, p)
    return (-math.expm1(-p)) * left * right


def _soft_clipping_d2(x: np.ndarray, p: float) -> np.ndarray:
    r""":math:`p f'(x) B` with :math:`B = \sigma(-px) - \sigma(p(x-1))`, which vanishes at x = 1/2:
    there :math:`B = \sinh(p(1/2 - x)) / (2\cosh(px/2)\cosh(p(x-1)/2))`, elsewhere the
    difference (its terms differ by a factor e^2 at least)."""
    limit = 800.0 / p + 1.0
    xc = np.clip(x, -limit, limit)
    middle = np.abs(xc - 0.5) <= 1.0 / p
    xm = np.where(middle, xc, 0.5)
    near = np.sinh(p * (0.5 - xm)) / (2.0 * np.cosh(0.5 * p * xm) * np.cosh(0.5 * p * (xm - 1.0)))
    far = _stable.sigmoid(-p * xc) - _stable.sigmoid(p * (xc - 1.0))
    return p * _soft_clipping_d1(x, p) * np.where(middle, near, far)


register(
    Activation(
        name="soft_clipping",
        family=FAMILY,
        aliases=("softclip",),
        parameters=(Param("p", 50.0, "p, the sharpness of the two corners", lower=0.01, upper=700.0),),
        f=_soft_clipping,
        df=_soft_clipping_d1,
        d2f=_soft_clipping_d2,
        latex=r"\mathrm{SoftClip}(x) = \frac{1}{p} \log\frac{1 + e^{p x}}{1 + e^{p(x - 1)}}",
        latex_derivative=r"\mathrm{SoftClip}'(x) = \sigma(p x) - \sigma(p(x - 1))",
        summary=(
            "Soft clipping: the difference of two softplus corners, a smooth version of clipping to [0, 1] "
            "that is almost exactly linear inside and flat outside, symmetric about (1/2, 1/2). Klimek and "
            "Perelstein use it in networks that learn phase-space maps for Monte Carlo integration, where the "
            "outputs must stay in the unit interval without killing the gradient at the edges as hard "
            "clipping would. Large p approaches hardtanh on [0, 1]."
        ),
        reference=Reference(
            "Klimek & Perelstein",
            2020,
            "Neural Network-Based Approach to Phase Space Integration",
            "https://arxiv.org/abs/1810.11509",
        ),
        notes="p = 50 draws sharp corners; the paper treats p as a hyperparameter with no single default.",
    )
)


# -- natural-logarithm relu -----------------------------------------------------------


_NLRELU_FAR = 1e200  # beyond, beta x (beta <= 1e100) could overflow: log(beta) + log(x) instead


def _nlrelu(x: np.ndarray, beta: float) -> np.ndarray:
    r""":math:`\operatorname{log1p}(\beta x^+)`, and :math:`\log\beta + \log x` for x > 1e200, where
    beta x may overflow and :math:`1/(\beta x) < 10^{-100}` is far below an ulp of the result."""
    xp = np.maximum(x, 0.0)
    far = xp > _NLRELU_FAR
    near = np.log1p(beta * np.where(far, 0.0, xp))
    if not far.any():
        return near
    return np.where(far, math.log(beta) + np.log(np.where(far, xp, 1.0)), near)


def _nlrelu_slope(x: np.ndarray, beta: float) -> np.ndarray:
    """beta/(1 + beta x) = 1/(1/beta + x) for x > 0: no product to overflow (0 at +inf)."""
    return 1.0 / (1.0 / beta + np.maximum(x, 0.0))


def _nlrelu_d1(x: np.ndarray, beta: float) -> np.ndarray:
    return _stable.nan_mark(x) + np.where(x > 0, _nlrelu_slope(x, beta), 0.0)


def _nlrelu_d2(x: np.ndarray, beta: float) -> np.ndarray:
    # -beta^2/(1 + beta x)^2 = -(beta/(1 + beta x))^2, 0 for x <= 0
    slope = _nlrelu_slope(x, beta)
    return _stable.nan_mark(x) + np.where(x > 0, -(slope * slope), 0.0)


register(
    Activation(
        name="nlrelu",
        family=FAMILY,
        aliases=("natural_log_relu",),
        parameters=(Param("beta", 1.0, "beta, the scale inside the logarithm", lower=1e-100, upper=1e100),),
        f=_nlrelu,
        df=_nlrelu_d1,
        d2f=_nlrelu_d2,
        kink_points=lambda beta: (
            Kink(0.0, "f' jumps from 0 to beta; f'(0) = 0 and f''(0) = 0, as torch autograd of log1p(beta relu(x))"),
        ),
        latex=r"\mathrm{NLReLU}(x) = \log(1 + \beta \max(0, x))",
        latex_derivative=r"\mathrm{NLReLU}'(x) = \frac{\beta}{1 + \beta x} \;(x > 0),\;\; 0 \;(x \leq 0)",
        summary=(
            "Natural-logarithm rectified linear unit: relu passed through log(1 + beta x), which compresses "
            "large activations logarithmically. Liu et al. report that this keeps the activations' variance "
            "in check, reduces the bias shift of relu and improves CNN accuracy; it keeps relu's dead "
            "region and its slope decays like 1/x, so large inputs learn slowly."
        ),
        reference=Reference(
            "Liu, Guo, Liu, Gao, Chen & Hsiao",
            2019,
            "Natural-Logarithm-Rectified Activation Function in Convolutional Neural Networks",
            "https://arxiv.org/abs/1908.03682",
        ),
        notes="beta = 1 as the paper's main experiments.",
    )
)

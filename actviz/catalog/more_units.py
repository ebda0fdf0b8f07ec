"""More pointwise units: the log-log sigmoid (the Gumbel CDF), the thresholded
linear unit of filter response normalisation, the rectified exponential units
REU and PREU, the Richards curve and the ARiA-2 unit weighted by it, and SineReLU.

Most are declared by their formula over catalogue functions
(:func:`._declare.declare`), so f' and f'' come from the catalogue's stable
kernels; loglog and SineReLU have hand-written kernels (their formulas overflow
or meet sin(±inf) where the function is perfectly defined).
"""

from __future__ import annotations

import numpy as np

from ..entry import Activation, Kink, Param, Reference
from ..registry import register
from . import _stable
from ._declare import declare
from .periodic import _finite_or_nan

# -- loglog: the Gumbel CDF exp(-e^{-x}) ------------------------------------------------

_LOGLOG_FLOOR = -40.0  # e^{40} = 2.4e17: below, exp(-e^{-x}) and its derivatives are 0 to every digit


def _loglog(x: np.ndarray) -> np.ndarray:
    return np.exp(-np.exp(-np.maximum(x, _LOGLOG_FLOOR)))


def _loglog_d1(x: np.ndarray) -> np.ndarray:
    # exp(-x - e^{-x}): one exponential, no e^{-x} overflow (the mirror image of cloglog')
    xc = np.maximum(x, _LOGLOG_FLOOR)
    return np.exp(-xc - np.exp(-xc))


def _loglog_d2(x: np.ndarray) -> np.ndarray:
    # f' (e^{-x} - 1) = f' expm1(-x): exact near 0, where e^{-x} - 1 cancels
    xc = np.maximum(x, _LOGLOG_FLOOR)
    return _loglog_d1(x) * np.expm1(-xc)


register(
    Activation(
        name="loglog",
        family="sigmoidal",
        aliases=("gumbel_cdf", "log_log"),
        f=_loglog,
        df=_loglog_d1,
        d2f=_loglog_d2,
        latex=r"\mathrm{loglog}(x) = e^{-e^{-x}}",
        latex_derivative=r"\mathrm{loglog}'(x) = e^{-x - e^{-x}}",
        summary=(
            "The log-log sigmoid: the Gumbel (extreme-value) CDF exp(-e^{-x}), inverse link of the log-log "
            "model and the mirror image of cloglog, 1 - cloglog(-x). It leaves 0 abruptly (doubly "
            "exponentially) and approaches 1 slowly, like 1 - e^{-x}; Gomes et al. compare it with the "
            "logistic and cloglog as an activation for forecasting. It is the gate of the GoLU unit."
        ),
        reference=Reference(
            "Gomes, Ludermir & Lima",
            2011,
            "Comparison of new activation functions in neural network for forecasting financial time series",
            "https://doi.org/10.1007/s00521-010-0407-3",
        ),
        notes="Written exp(-e^{-x}) directly: 1 - cloglog(-x) would lose every digit of the left tail.",
    )
)


# -- TLU: thresholded linear unit --------------------------------------------------------

declare(
    "tlu",
    "max(x, tau)",
    family="rectifier",
    aliases=("thresholded_linear_unit",),
    parameters=(Param("tau", 0.0, "tau, the learned threshold (per channel)", lower=-1e6, upper=1e6),),
    latex=r"\mathrm{TLU}(x) = \max(x, \tau)",
    latex_derivative=r"\mathrm{TLU}'(x) = \mathrm{H}(x - \tau)",
    summary=(
        "Thresholded linear unit: relu with a learned floor tau instead of 0, i.e. relu(x - tau) + tau. "
        "Singh and Krishnan pair it with filter response normalisation, which does not centre its output, "
        "so a fixed threshold at 0 could leave units dead; learning tau removes that bias. Default tau = 0 "
        "is relu."
    ),
    reference=Reference(
        "Singh & Krishnan",
        2020,
        "Filter Response Normalization Layer: Eliminating Batch Dependence in the Training of Deep Neural Networks",
        "https://arxiv.org/abs/1911.09737",
    ),
    notes="At x = tau f' = 1/2, the mean of the one-sided slopes, as torch.maximum's gradient splits a tie.",
)


# -- REU and PREU: rectified exponential units -----------------------------------------

_REU_REFERENCE = Reference(
    "Ying, Su, Shan, Miao, Wang & Peng",
    2019,
    "Rectified Exponential Units for Convolutional Neural Networks",
    "https://doi.org/10.1109/ACCESS.2019.2928442",
)
_REU_KINK_NOTE = "f'(0) = {}, the mean of the one-sided slopes 1 and {}; f'' jumps at 0 and takes their mean there"

def _preu_parts(x: np.ndarray, beta: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(xc, u, e): x clipped to [-1e300, 0] (beta <= 1e3 keeps beta x finite; e^{beta x} is long 0
    there), u = beta xc and e = e^{u}."""
    xc = np.clip(x, -1e300, 0.0)
    u = beta * xc
    return xc, u, np.exp(u)


def _preu(x: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    xc, _, e = _preu_parts(x, beta)
    return np.where(x > 0, x, alpha * _stable.times_vanishing(xc, e))


def _preu_d1(x: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    # alpha (1 + beta x) e^{beta x} for x < 0, 1 for x > 0, (1 + alpha)/2 at 0
    _, u, e = _preu_parts(x, beta)
    left = alpha * (e + _stable.times_vanishing(u, e))
    return np.where(x > 0, 1.0, np.where(x == 0, 0.5 * (1.0 + left), left))


def _preu_d2(x: np.ndarray, alpha: float, beta: float) -> np.ndarray:
    # alpha beta (2 + beta x) e^{beta x} for x < 0, 0 for x > 0, alpha beta (their mean) at 0
    _, u, e = _preu_parts(x, beta)
    left = alpha * beta * (2.0 * e + _stable.times_vanishing(u, e))
    return np.where(x > 0, 0.0 * left, np.where(x == 0, 0.5 * left, left))


declare(
    "preu",
    "max(x, 0) + alpha*min(x, 0)*exp(beta*min(x, 0))",
    family="exponential",
    aliases=("parametric_reu",),
    parameters=(
        Param("alpha", 1.0, "alpha, the scale of the negative part (learned)", lower=0.0, upper=1e3),
        Param("beta", 1.0, "beta, the decay rate of the negative part (learned)", lower=1e-3, upper=1e3),
    ),
    latex=r"\mathrm{PREU}(x) = x \;(x > 0),\;\; \alpha x e^{\beta x} \;(x \leq 0)",
    latex_derivative=r"\mathrm{PREU}'(x) = 1 \;(x > 0),\;\; \alpha (1 + \beta x) e^{\beta x} \;(x \leq 0)",
    summary=(
        "Parametric rectified exponential unit: the identity for x > 0 and alpha x e^{beta x} below, a "
        "negative dip (minimum -alpha/(e beta) at x = -1/beta) that returns to 0, like swish's but "
        "attached to a linear right half. Ying et al. learn alpha and beta and report lower error than "
        "relu, elu and swish on CIFAR and Tiny ImageNet ResNets."
    ),
    reference=_REU_REFERENCE,
    kink_points=lambda alpha, beta: (Kink(0.0, _REU_KINK_NOTE.format("(1 + alpha)/2", "alpha")),),
    kernels=(_preu, _preu_d1, _preu_d2),
    notes="Hand-written kernels: the formula's alpha x overflows before e^{beta x} vanishes, and its f'' "
    "multiplies two Heaviside steps, H(-x)^2 = 1/4 at 0 instead of the mean 1/2.",
)

declare(
    "reu",
    "preu(x, alpha=1, beta=1)",
    family="exponential",
    aliases=("rectified_exponential_unit",),
    latex=r"\mathrm{REU}(x) = x \;(x > 0),\;\; x e^{x} \;(x \leq 0)",
    latex_derivative=r"\mathrm{REU}'(x) = 1 \;(x > 0),\;\; (1 + x) e^{x} \;(x \leq 0)",
    summary=(
        "Rectified exponential unit: the identity for x > 0 and x e^x below, so continuous with slope 1 on "
        "both sides of 0 and a dip to -1/e at x = -1 before returning to 0. Ying et al. combine elu's "
        "exponential with swish's product form; it is PREU with alpha = beta = 1."
    ),
    reference=_REU_REFERENCE,
    kink_points=lambda: (Kink(0.0, "f'' jumps from 2 to 0; f''(0) = 1, their mean"),),
)


# -- the Richards curve and ARiA-2 -----------------------------------------------------

def _richards_d2(x: np.ndarray, nu: float) -> np.ndarray:
    """nu f sigma(-x) (nu sigma(-x) - sigma(x)), the bracket also written (nu - 1) sigma(-x) - tanh(x/2).

    Hand-written: the formula's f (nu^2 sigma(-x)^2 - nu sigma(x) sigma(-x)) cancels to every digit
    near x = 0 at nu = 1. Of the bracket's two forms, the one with the smaller terms is used, so
    it cancels only near its true zero x = log nu (the first is exact far left at small nu, the
    second near 0 at nu near 1)."""
    s_neg, s_pos = _stable.sigmoid(-x), _stable.sigmoid(x)
    t = np.tanh(0.5 * x)
    by_sigmoids = nu * s_neg - s_pos
    by_tanh = (nu - 1.0) * s_neg - t
    tanh_smaller = np.maximum(abs(nu - 1.0) * s_neg, np.abs(t)) <= np.maximum(nu * s_neg, s_pos)
    f = np.exp(-nu * _stable.softplus(-np.maximum(x, -1e300)))  # nu <= 3 keeps nu softplus(-x) finite
    return nu * f * s_neg * np.where(tanh_smaller, by_tanh, by_sigmoids)


declare(
    "richards",
    "exp(nu*log_sigmoid(x))",
    family="sigmoidal",
    aliases=("generalized_logistic", "generalised_logistic"),
    parameters=(Param("nu", 1.0, "nu, the exponent that skews the curve (1: the logistic)", lower=1e-3, upper=3.0),),
    latex=r"\mathrm{Richards}(x) = \left(1 + e^{-x}\right)^{-\nu}",
    latex_derivative=r"\mathrm{Richards}'(x) = \nu\, \sigma(-x) \left(1 + e^{-x}\right)^{-\nu}",
    summary=(
        "The Richards curve (generalised logistic) with unit rate and asymptotes 0 and 1: the logistic "
        "raised to the power nu, which moves the inflection point and makes the sigmoid asymmetric "
        "(nu < 1: slow approach to 1, nu > 1: slow departure from 0). Richards fitted plant growth with it; "
        "it is the gate of ARiA-2 and nu = 1 is the logistic sigmoid."
    ),
    reference=Reference(
        "Richards", 1959, "A Flexible Growth Function for Empirical Use", "https://doi.org/10.1093/jxb/10.2.290"
    ),
    notes=(
        "Computed as exp(nu log sigma(x)). Either way the rounding of log sigma(x) (or of sigma) is "
        "magnified nu times where the curve is flat in x, so nu is limited to 3 (within 4 units)."
    ),
    kernels=(None, None, _richards_d2),
)

declare(
    "aria2",
    "x*exp(alpha*log_sigmoid(beta*x))",
    family="self-gated",
    aliases=("aria_2",),
    parameters=(
        Param("alpha", 1.5, "alpha, the Richards exponent of the gate", lower=1e-3, upper=2.0),
        Param("beta", 2.0, "beta, the gate's rate", lower=1e-3, upper=1e2),
    ),
    latex=r"\mathrm{ARiA2}(x) = x \left(1 + e^{-\beta x}\right)^{-\alpha}",
    summary=(
        "ARiA-2: x gated by a two-parameter Richards curve, a swish whose gate is the logistic raised to "
        "alpha. Patwardhan et al. use alpha to tune the depth of the negative dip (the non-monotone "
        "region) and beta its width, and report gains over relu and swish on MNIST and CIFAR; alpha = 1 is "
        "swish with that beta."
    ),
    reference=Reference(
        "Patwardhan, Ingalhalikar & Walambe",
        2018,
        "ARiA: Utilizing Richard's Curve for Controlling the Non-monotonicity of the Activation Function "
        "in Deep Neural Nets",
        "https://arxiv.org/abs/1805.08878",
    ),
    notes="alpha is limited to 2: beyond, the rounding of the gate's logarithm is magnified past 4 units.",
)


# -- CoLU: collapsing linear unit -------------------------------------------------------


def _colu(x: np.ndarray) -> np.ndarray:
    # x < 0: x E/(E - x) with E = e^{x + e^x} <= e (the paper's x e^{-(x + e^x)} overflows below -709);
    # x >= 0: x/(1 - x e^{-(x + e^x)}), the gate's product kept finite at +inf
    left = np.minimum(x, 0.0)
    e_left = np.exp(left + np.exp(left))
    right = np.clip(x, 0.0, 40.0)  # e^{-(40 + e^{40})} = 0 in float64: beyond, the gate is 0
    gate = _stable.times_vanishing(np.maximum(x, 0.0), np.exp(-(right + np.exp(right))))
    return np.where(x < 0, _stable.times_vanishing(left, e_left) / (e_left - left), x / (1.0 - gate))


declare(
    "colu",
    "where(x < 0, x*exp(x + exp(x))/(exp(x + exp(x)) - x), x/(1 - x*exp(-(min(x, 40) + exp(min(x, 40))))))",
    family="self-gated",
    aliases=("collapsing_linear_unit",),
    latex=r"\mathrm{CoLU}(x) = \frac{x}{1 - x e^{-(x + e^{x})}}",
    latex_derivative=r"\mathrm{CoLU}'(x) = \frac{d}{dx}\mathrm{CoLU}(x)",
    summary=(
        "Collapsing linear unit: x divided by 1 - x e^{-(x + e^x)}, a denominator that is 1 far right (so "
        "the unit tends to x) and grows like |x| e^{-x} far left (so the unit collapses to 0 like -e^x), "
        "with a swish-like dip in between. Vagerwal reports it holding its accuracy better than relu, "
        "swish and mish as convolutional networks get deeper on MNIST, Fashion-MNIST and CIFAR-10."
    ),
    reference=Reference("Vagerwal", 2021, "Deeper Learning with CoLU Activation", "https://arxiv.org/abs/2112.12078"),
    notes=(
        "Evaluated as x E/(E - x), E = e^{x + e^x}, for x < 0 (the paper's form overflows below x = -709), "
        "with the gate's argument capped at x = 40, beyond which the gate is 0 to every digit."
    ),
    kernels=(_colu, None, None),
    kink_points=lambda: (),  # smooth: the formula's where(x < 0) and min(x, 40) only choose a stable form
)


# -- SineReLU ------------------------------------------------------------------------------


def _sinerelu_negative(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sin, cos) of min(x, 0), nan at -inf (the oscillation has no limit there)."""
    left = _finite_or_nan(np.minimum(x, 0.0))
    return np.sin(left), np.cos(left)


def _sinerelu(x: np.ndarray, epsilon: float) -> np.ndarray:
    s, c = _sinerelu_negative(x)
    return np.where(x > 0, x, epsilon * (s - c))


def _sinerelu_d1(x: np.ndarray, epsilon: float) -> np.ndarray:
    s, c = _sinerelu_negative(x)
    return np.where(x > 0, 1.0, epsilon * (c + s))


def _sinerelu_d2(x: np.ndarray, epsilon: float) -> np.ndarray:
    s, c = _sinerelu_negative(x)
    return np.where(x > 0, 0.0, epsilon * (c - s))


register(
    Activation(
        name="sinerelu",
        family="rectifier",
        aliases=("sine_relu",),
        parameters=(
            Param("epsilon", 0.0025, "epsilon, the amplitude of the negative part (the author's default)",
                  lower=0.0, upper=10.0),
        ),
        f=_sinerelu,
        df=_sinerelu_d1,
        d2f=_sinerelu_d2,
        kink_points=lambda epsilon: (
            Kink(0.0, "f jumps from -epsilon to 0; f(0) = -epsilon and f'(0), f''(0) are the negative branch's "
                      "(the reference code's x > 0 test)"),
        ),
        latex=r"\mathrm{SineReLU}(x) = x \;(x > 0),\;\; \epsilon (\sin x - \cos x) \;(x \leq 0)",
        latex_derivative=r"\mathrm{SineReLU}'(x) = 1 \;(x > 0),\;\; \epsilon (\cos x + \sin x) \;(x \leq 0)",
        summary=(
            "SineReLU: the identity for x > 0 and a small sinusoid epsilon (sin x - cos x) for x <= 0, so "
            "negative inputs keep a non-zero, oscillating gradient instead of dying. Rodrigues proposed it "
            "in a blog post with Keras code and reports faster convergence than relu on MNIST-style "
            "networks; it jumps by epsilon at 0 and has no limit at -inf (nan there)."
        ),
        reference=Reference(
            "Rodrigues",
            2018,
            "SineReLU: An Alternative to the ReLU Activation Function",
            "https://wilder-rodrigues.medium.com/sinerelu-an-alternative-to-the-relu-activation-function-e46a6199997d",
        ),
    )
)


# -- non-negative garrote shrinkage ---------------------------------------------------


def _garrote_outside(x: np.ndarray, lambd: float) -> tuple[np.ndarray, np.ndarray]:
    """(|x| > lambd, x there and 1 inside): every quotient below is by a non-zero x."""
    outside = np.abs(x) > lambd
    return outside, np.where(outside, x, 1.0)


def _garrote(x: np.ndarray, lambd: float) -> np.ndarray:
    # x - lambd^2/x = (x - lambd)((x + lambd)/x): lambd^2 would underflow at tiny lambd, x - lambd
    # is exact near the threshold; ±inf passes through (inf/inf would be nan)
    outside, safe = _garrote_outside(x, lambd)
    safe = np.where(np.isinf(safe), 1.0, safe)
    shrunk = np.where(np.isinf(x), x, (safe - lambd) * ((safe + lambd) / safe))
    return np.where(outside, shrunk, _stable.nan_mark(x))


def _garrote_d1(x: np.ndarray, lambd: float) -> np.ndarray:
    # 1 + (lambd/x)^2 beyond the threshold, 0 inside, 1 (the mean of 0 and 2) at ±lambd
    outside, safe = _garrote_outside(x, lambd)
    ratio = lambd / safe
    at_kink = np.where(np.abs(x) == lambd, 1.0, _stable.nan_mark(x))
    return np.where(outside, 1.0 + ratio * ratio, at_kink)


def _garrote_d2(x: np.ndarray, lambd: float) -> np.ndarray:
    # -2 lambd^2/x^3 = -2 (lambd/x) ((lambd/x)/x) beyond the threshold (in that order, nothing
    # underflows before the product), 0 inside, ∓1/lambd (the mean) at ±lambd
    outside, safe = _garrote_outside(x, lambd)
    ratio = lambd / safe
    beyond = -2.0 * ratio * (ratio / safe)
    at_kink = np.where(np.abs(x) == lambd, -np.sign(x) / lambd, _stable.nan_mark(x))
    return np.where(outside, beyond, at_kink)


def _garrote_kinks(lambd: float) -> tuple[Kink, ...]:
    jump = "f' jumps from {} to {}; f'({}) = 1, their mean (f'' likewise)"
    return (Kink(-lambd, jump.format(2, 0, "-lambd")), Kink(lambd, jump.format(0, 2, "lambd")))


register(
    Activation(
        name="garrote",
        family="shrinkage",
        aliases=("garrote_shrink", "nonnegative_garrote"),
        parameters=(Param("lambd", 1.0, "lambd, the threshold", lower=1e-300, upper=1e6, narrowed=True),),
        f=_garrote,
        df=_garrote_d1,
        d2f=_garrote_d2,
        kink_points=_garrote_kinks,
        latex=r"\mathrm{garrote}(x) = x - \frac{\lambda^{2}}{x} \;(|x| > \lambda),\;\; 0 \;(|x| \leq \lambda)",
        latex_derivative=r"\mathrm{garrote}'(x) = 1 + \frac{\lambda^{2}}{x^{2}} \;(|x| > \lambda),\;\; 0 \;(|x| \leq \lambda)",
        summary=(
            "Non-negative garrote shrinkage: zero inside [-lambd, lambd] and x - lambd^2/x outside, so it is "
            "continuous like soft shrinkage at the threshold but approaches the identity (hard shrinkage) "
            "for large |x|, shrinking big coefficients less. Gao derived it as a wavelet-denoising rule from "
            "Breiman's garrote; it is one of PyWavelets' threshold modes. Its slope jumps from 0 to 2 at ±lambd."
        ),
        reference=Reference(
            "Gao",
            1998,
            "Wavelet Shrinkage Denoising Using the Non-Negative Garrote",
            "https://doi.org/10.1080/10618600.1998.10474789",
        ),
        notes="pywt.threshold(x, lambd, mode='garrote') is the same function (0 at |x| = lambd).",
    )
)


# -- Mila -----------------------------------------------------------------------------------

declare(
    "mila",
    "x*tanh(softplus(x + beta))",
    family="self-gated",
    parameters=(Param("beta", -0.25, "beta, the shift inside the gate (0: mish)", lower=-4.0, upper=4.0),),
    latex=r"\mathrm{Mila}(x) = x \tanh\left(\log\left(1 + e^{x + \beta}\right)\right)",
    summary=(
        "Mila: mish with its gate shifted, x tanh(softplus(x + beta)). Misra introduced beta to control "
        "the concavity of mish's negative minimum: negative beta (the default -0.25) makes the dip "
        "shallower and wider, positive beta sharper; beta = 0 is mish."
    ),
    reference=Reference(
        "Misra", 2019, "Mila: Controlling Minima Concavity in Activation Function", "https://github.com/digantamisra98/Mila"
    ),
    notes=(
        "|beta| <= 4: rounding x + beta loses up to ulp(beta)/2 of x, which near x = 0 costs f' about "
        "|beta|/2 units (6 units at beta = -10)."
    ),
)

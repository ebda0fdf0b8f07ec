"""Trainable units of the 2017-2023 activation literature: the smooth maximum units
SMU and SMU-1, TanhSoft-2, SinLU, P-TELU, ErfReLU, Soft++, the softplus linear unit,
ReLTanh and TaLU.

Each is declared by its paper's formula over catalogue functions
(:func:`._declare.declare`), so f' and f'' come from the catalogue's stable kernels;
hand-written kernels only where the accuracy tests found the formula wanting
(softplus(u) - ln 2 cancels near u = 0; sin(±inf) is nan; x tanh(beta e^{gamma x})
needs the TanhExp gate's care in the tails).
"""

from __future__ import annotations

import math

import numpy as np

from ..entry import Kink, Param, Reference, scale_param
from . import _numerics, _overflow, _special, _stable, gates
from ._declare import declare
from .self_gated import _self_gated
from .smooth import _squareplus

_LN2 = math.log(2.0)

# -- SMU and SMU-1: smooth maxima of x and alpha x ----------------------------------------

_SMU_REFERENCE = Reference(
    "Biswas, Kumar, Banerjee & Pandey",
    2022,
    "SMU: Smooth Activation Function for Deep Networks Using Smoothing Maximum Technique",
    "https://arxiv.org/abs/2111.04682",
)
_SMU_ALPHA = Param("alpha", 0.25, "alpha, the slope of the left line max(x, alpha x) is smoothed from", lower=0.0, upper=0.99)

def _smu(x: np.ndarray, alpha: float, mu: float) -> np.ndarray:
    # alpha x + (1 - alpha) x Phi(k x), k = sqrt(2) mu (1 - alpha): the formula, with inf * 0 = 0 at -inf
    k = math.sqrt(2.0) * mu * (1.0 - alpha)
    return _stable.times_vanishing(x, alpha) + (1.0 - alpha) * _stable.times_vanishing(x, _special.ndtr(_numerics.scaled(x, k)))


declare(
    "smu",
    "alpha*x + (1 - alpha)*x*probit(sqrt(2)*mu*(1 - alpha)*x)",
    family="smooth",
    aliases=("smooth_maximum_unit",),
    parameters=(
        _SMU_ALPHA,
        Param("mu", 1e6, "mu, the sharpness of erf's smoothing of |x| (learned)", lower=1e-3, upper=1e6, narrowed=True),
    ),
    kernels=(_smu, None, None),
    latex=r"\mathrm{SMU}(x) = \frac{1}{2}\left((1 + \alpha)x + (1 - \alpha)x\,\mathrm{erf}(\mu(1 - \alpha)x)\right)",
    latex_derivative=(
        r"\frac{1 + \alpha}{2} + \frac{1 - \alpha}{2}(\mathrm{erf}(u) + u\,\mathrm{erf}'(u)),"
        r"\; u = \mu(1 - \alpha)x"
    ),
    summary=(
        "Smooth maximum unit: leaky ReLU max(x, alpha x) = ((1 + alpha)x + |(1 - alpha)x|)/2 with |z| replaced by "
        "the smooth z erf(mu z). mu is learned: large mu is the leaky ReLU itself, mu -> 0 the line (1 + alpha)x/2; "
        "at alpha = 0 and mu = 1/sqrt(2) it is exactly GELU. Biswas et al. report gains over ReLU and Swish on "
        "CIFAR-100 and ImageNet classifiers."
    ),
    reference=_SMU_REFERENCE,
    notes=(
        "alpha = 0.25 as in the paper; mu = 1e6 is the initial value of the published implementations, so the "
        "default is a leaky ReLU rounded over |x| ~ 1e-6. Written alpha x + (1 - alpha) x Phi(sqrt(2) mu (1 - alpha) x) "
        "(the same function, 1 + erf(z) = 2 Phi(sqrt(2) z)), whose left tail does not cancel."
    ),
)

def _smu1(x: np.ndarray, alpha: float, mu: float) -> np.ndarray:
    # alpha x + (1 - alpha) squareplus(x, b): the formula, with inf * 0 = 0 at ±inf when alpha = 0
    b = (mu / (1.0 - alpha)) ** 2
    return _stable.times_vanishing(x, alpha) + (1.0 - alpha) * _squareplus(x, b)


declare(
    "smu1",
    "alpha*x + (1 - alpha)*squareplus(x, b=(mu/(1 - alpha))**2)",
    family="smooth",
    aliases=("smu_1",),
    parameters=(
        _SMU_ALPHA,
        Param("mu", 4.352665993287951e-9, "mu, the rounding of |x| as sqrt(x^2 + mu^2) (learned)",
              lower=1e-12, upper=1e3, narrowed=True),
    ),
    kernels=(_smu1, None, None),
    latex=r"\mathrm{SMU\text{-}1}(x) = \frac{1}{2}\left((1 + \alpha)x + \sqrt{(1 - \alpha)^{2}x^{2} + \mu^{2}}\right)",
    latex_derivative=r"\mathrm{SMU\text{-}1}'(x) = \frac{1}{2}\left(1 + \alpha + \frac{(1 - \alpha)^{2}x}{\sqrt{(1 - \alpha)^{2}x^{2} + \mu^{2}}}\right)",
    summary=(
        "SMU-1: the smooth maximum unit with |z| rounded as sqrt(z^2 + mu^2) instead of z erf(mu z), i.e. "
        "alpha x plus (1 - alpha) times squareplus: a hyperbola with asymptotes x and alpha x, lifted by mu/2 "
        "at 0. Proposed beside SMU; both learn mu."
    ),
    reference=_SMU_REFERENCE,
    notes=(
        "alpha = 0.25 as in the paper; mu = 4.352665993287951e-9 is the initial value of the published "
        "implementations. Written as alpha x + (1 - alpha) squareplus(x, b = (mu/(1 - alpha))^2), the same "
        "function, so the left tail does not cancel and x^2 never overflows."
    ),
)


# -- TanhSoft-2: x tanh(beta e^{gamma x}) ------------------------------------------------

_tanhsoft2_f, _tanhsoft2_df, _tanhsoft2_d2f, _ = _self_gated(gates.TANH_EXP_GATE, scale="gamma")


def _tanhsoft2_kernel(kernel):  # noqa: ANN001, ANN202 - a gate kernel in, a kernel in the paper's names out
    """The self-gated TanhExp kernel with the paper's beta as the gate's alpha."""
    return lambda x, beta, gamma: kernel(x, alpha=beta, gamma=gamma)


declare(
    "tanhsoft2",
    "x*tanh(beta*exp(gamma*x))",
    family="self-gated",
    aliases=("tanhsoft_2",),
    parameters=(
        scale_param("beta", 0.6, "beta, the gate's scale at x = 0"),
        scale_param("gamma", 1.0, "gamma, the rate of the exponential inside tanh"),
    ),
    kernels=tuple(_tanhsoft2_kernel(k) for k in (_tanhsoft2_f, _tanhsoft2_df, _tanhsoft2_d2f)),
    latex=r"\mathrm{TanhSoft\text{-}2}(x) = x\,\tanh(\beta e^{\gamma x})",
    latex_derivative=r"\tanh(t) + \gamma x\,t\,\mathrm{sech}^{2}(t),\;\; t = \beta e^{\gamma x}",
    summary=(
        "TanhSoft-2: x gated by tanh of an exponential, the member tanh(beta e^{gamma x}) ln(e^x) of the TanhSoft "
        "family. Like TanhExp (beta = gamma = 1) it is x to every digit once beta e^{gamma x} > 19 and dips "
        "below 0 on the left, decaying like beta x e^{gamma x}. x tanh(0.6 e^x) is the paper's best CIFAR-10 member."
    ),
    reference=Reference(
        "Biswas, Kumar, Banerjee & Pandey",
        2020,
        "TanhSoft -- a family of activation functions combining Tanh and Softplus",
        "https://arxiv.org/abs/2009.03863",
    ),
    notes="beta = 0.6, gamma = 1 as in the paper's x tanh(0.6 e^x); both are trainable in its journal version.",
)


# -- SinLU: (x + a sin(b x)) sigmoid(x) -----------------------------------------------------


def _sinlu_parts(x: np.ndarray, a: float, b: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(v, s, c2, w): x with ±inf as 0 (their values are set by the caller), sin(b v),
    cos^2(b v / 2) and w = v + a sin(b v)."""
    v = np.where(np.isinf(x), 0.0, x)
    u = _numerics.scaled(v, b)
    s = np.sin(u)
    half = np.cos(0.5 * u)
    return v, s, half * half, v + a * s


def _with_tails(y: np.ndarray, x: np.ndarray, right: float) -> np.ndarray:
    """y with the limits at ±inf: 0 at -inf, ``right`` at +inf (nan where it oscillates, a b != 0)."""
    return np.where(np.isneginf(x), 0.0, np.where(np.isposinf(x), right, y))


def _sinlu(x: np.ndarray, a: float, b: float) -> np.ndarray:
    _, _, _, w = _sinlu_parts(x, a, b)
    return _with_tails(_stable.times_vanishing(w, _stable.sigmoid(x)), x, math.inf)


def _sinlu_slope_factor(c2: np.ndarray, a: float, b: float) -> np.ndarray:
    """1 + a b cos(b x) = (1 - a b) + 2 a b cos^2(b x/2): no cancellation at a b = 1, where it has double zeros."""
    return (1.0 - a * b) + 2.0 * a * b * c2


def _sinlu_d1(x: np.ndarray, a: float, b: float) -> np.ndarray:
    # sigma(x) (1 + a b cos bx) + (x + a sin bx) sigma'(x)
    _, _, c2, w = _sinlu_parts(x, a, b)
    sigma, sigma1 = _stable.sigmoid_and_prime(x)
    y = sigma * _sinlu_slope_factor(c2, a, b) + _stable.times_vanishing(w, sigma1)
    return _with_tails(y, x, math.nan if a * b else 1.0)


def _sinlu_d2(x: np.ndarray, a: float, b: float) -> np.ndarray:
    # -a b^2 sin(bx) sigma + 2 (1 + a b cos bx) sigma' + (x + a sin bx) sigma''
    _, s, c2, w = _sinlu_parts(x, a, b)
    sigma, sigma1 = _stable.sigmoid_and_prime(x)
    sigma2 = sigma1 * -np.tanh(0.5 * x)  # sigma'' = sigma' (1 - 2 sigma) = -sigma' tanh(x/2)
    y = -a * b * b * s * sigma + 2.0 * _sinlu_slope_factor(c2, a, b) * sigma1 + _stable.times_vanishing(w, sigma2)
    return _with_tails(y, x, math.nan if a * b else 0.0)


declare(
    "sinlu",
    "(x + a*sin(b*x))*sigmoid(x)",
    family="self-gated",
    aliases=("sinu_sigmoidal_linear_unit",),
    parameters=(
        Param("a", 1.0, "a, the amplitude of the sine (learned)", lower=0.0, upper=10.0),
        Param("b", 1.0, "b, the frequency of the sine (learned)", lower=0.0, upper=10.0),
    ),
    kernels=(_sinlu, _sinlu_d1, _sinlu_d2),
    latex=r"\mathrm{SinLU}(x) = (x + a\,\sin(bx))\,\sigma(x)",
    latex_derivative=r"\mathrm{SinLU}'(x) = (1 + ab\,\cos(bx))\,\sigma(x) + (x + a\,\sin(bx))\,\sigma(x)(1 - \sigma(x))",
    summary=(
        "Sinu-sigmoidal linear unit: SiLU's gated input x with a learned sine wave a sin(bx) added, so the curve "
        "wiggles around x sigma(x); it tends to 0 on the left and to x + a sin(bx) on the right, where its slope "
        "oscillates between 1 - ab and 1 + ab for ever. Paul et al. report it ahead of ReLU, GELU and SiLU on "
        "image and sequence benchmarks."
    ),
    reference=Reference(
        "Paul, Bandyopadhyay, Yoon, Geem & Sarkar",
        2022,
        "SinLU: Sinu-Sigmoidal Linear Unit",
        "https://doi.org/10.3390/math10030337",
    ),
    notes=(
        "a = b = 1, the initial values of the authors' code (github.com/ashis0013/SinLU). At +inf f = inf but f' "
        "and f'' oscillate without a limit: they are nan there."
    ),
)


# -- P-TELU and ErfReLU: x on the right, a saturating curve on the left ----------------------

declare(
    "ptelu",
    "max(x, 0) + alpha*tanh(beta*min(x, 0))",
    family="rectifier",
    aliases=("p_telu", "parametric_tanh_linear_unit"),
    parameters=(
        Param("alpha", 1.0, "alpha, the depth of the negative saturation (learned, >= 0)", lower=0.0, upper=1e3),
        Param("beta", 1.0, "beta, the slope scale of the negative part (learned, >= 0)", lower=0.0, upper=1e3),
    ),
    latex=r"\mathrm{PTELU}(x) = x\ (x \geq 0),\quad \alpha\,\tanh(\beta x)\ (x < 0)",
    latex_derivative=r"\mathrm{PTELU}'(x) = 1\ (x > 0),\quad \alpha\beta\,\mathrm{sech}^{2}(\beta x)\ (x < 0)",
    summary=(
        "Parametric tan hyperbolic linear unit: the identity for x >= 0 and alpha tanh(beta x) below, an ELU whose "
        "negative branch is a tanh, so it saturates at -alpha sooner and with a steeper start. Both parameters "
        "are learned per channel; Duggal and Gupta report it ahead of ReLU, PReLU and ELU on CIFAR."
    ),
    reference=Reference(
        "Duggal & Gupta",
        2017,
        "P-TELU: Parametric Tan Hyperbolic Linear Unit Activation for Deep Neural Networks",
        "https://openaccess.thecvf.com/content_ICCV_2017_workshops/w18/html/Duggal_P-TELU_Parametric_Tan_ICCV_2017_paper.html",
    ),
    notes=(
        "alpha = beta = 1 (a common initialisation; the paper learns both, constrained >= 0): the slope is then 1 "
        "on both sides of 0. At 0, f' is the mean of the one-sided slopes, (1 + alpha beta)/2."
    ),
)

declare(
    "erfrelu",
    "max(x, 0) + alpha*erf(min(x, 0))",
    family="rectifier",
    aliases=("erf_relu",),
    parameters=(Param("alpha", 1.0, "alpha, the depth of the negative saturation (learned)", lower=0.0, upper=1e3),),
    latex=r"\mathrm{ErfReLU}(x) = x\ (x \geq 0),\quad \alpha\,\mathrm{erf}(x)\ (x < 0)",
    latex_derivative=r"\mathrm{ErfReLU}'(x) = 1\ (x > 0),\quad \frac{2\alpha}{\sqrt{\pi}}e^{-x^{2}}\ (x < 0)",
    summary=(
        "ErfReLU: ReLU whose negative half is alpha erf(x), so negative inputs pass with a bounded response "
        "that saturates at -alpha (faster than ELU's exponential, like a Gaussian tail). alpha is learned; "
        "Rajanand and Singh compare it with nine other trainable units on MobileNet, VGG16 and ResNet."
    ),
    reference=Reference(
        "Rajanand & Singh",
        2023,
        "ErfReLU: adaptive activation function for deep neural network",
        "https://arxiv.org/abs/2306.01822",
    ),
    notes=(
        "alpha = 1 (a common initialisation; the paper learns it). The slope jumps at 0 from 2 alpha/sqrt(pi) to 1 "
        "(continuous at alpha = sqrt(pi)/2); f'(0) is their mean."
    ),
)


# -- Soft++ and the softplus linear unit: softplus shifted to pass through 0 --------------------


def _softplus_minus_ln2(u: np.ndarray) -> np.ndarray:
    """softplus(u) - ln 2 = log1p(expm1(u)/2) where the difference cancels (u <= 1), the difference beyond."""
    small = np.minimum(u, 1.0)
    return np.where(u <= 1.0, np.log1p(0.5 * np.expm1(small)), _stable.softplus(u) - _LN2)


def _soft_plusplus(x: np.ndarray, k: float, c: float) -> np.ndarray:
    # where softplus(kx) = kx to every digit (kx > 37), (k + 1/c) x - ln 2 as one product: kx and x/c
    # may overflow there although nothing else does; x/c through the overflow-safe division elsewhere
    u = _numerics.scaled(x, k)
    beyond = u > 37.0
    near = np.where(beyond, 0.0, x)
    far = _overflow.multiply(np.where(beyond, x, 0.0), k + 1.0 / c) - _LN2
    return np.where(beyond, far, _softplus_minus_ln2(np.where(beyond, 0.0, u)) + _overflow.divide(near, c))


declare(
    "soft_plusplus",
    "softplus(k*x) + x/c - log(2)",
    family="smooth",
    aliases=("softplusplus", "soft_pp"),
    parameters=(
        Param("k", 1.0, "k, the input scale of the softplus", lower=1e-2, upper=1e2),
        Param("c", 2.0, "c, the inverse slope of the added line", lower=1e-2, upper=1e6),
    ),
    kernels=(_soft_plusplus, None, None),
    latex=r"\mathrm{Soft{+}{+}}(x) = \ln(1 + e^{kx}) + \frac{x}{c} - \ln 2",
    latex_derivative=r"\mathrm{Soft{+}{+}}'(x) = k\,\sigma(kx) + \frac{1}{c}",
    summary=(
        "Soft++: softplus shifted down by ln 2 so it passes through 0, plus a line of slope 1/c, so it never "
        "saturates (slope 1/c on the left, k + 1/c on the right) and its outputs are nearer zero mean. Ciuparu "
        "et al. tune k and c per dataset and report faster convergence than ReLU and ELU."
    ),
    reference=Reference(
        "Ciuparu, Nagy-Dăbâcan & Mureşan",
        2020,
        "Soft++, a multi-parametric non-saturating non-linearity that improves convergence in deep neural architectures",
        "https://doi.org/10.1016/j.neucom.2019.12.014",
    ),
    notes=(
        "k = 1, c = 2, the values recommended in the survey of Kunc & Kléma (2024); the paper's best differ by "
        "dataset. softplus(kx) - ln 2 is evaluated as log1p(expm1(kx)/2) near 0, where it would cancel."
    ),
)


def _slu(x: np.ndarray) -> np.ndarray:
    return np.where(x >= 0, x, 2.0 * _softplus_minus_ln2(np.minimum(x, 0.0)))


def _slu_d2(x: np.ndarray) -> np.ndarray:
    # 2 sigma'(x) on the left, 0 on the right, their mean 1/4 at 0 (the chain rule through min() gave 1/8)
    left = 2.0 * _stable.sigmoid_prime(np.minimum(x, 0.0))
    return np.where(x < 0, left, np.where(x == 0, 0.5 * left, 0.0 * left))


declare(
    "slu",
    "max(x, 0) + 2*softplus(min(x, 0)) - 2*log(2)",
    family="smooth",
    aliases=("softplus_linear_unit",),
    kernels=(_slu, None, _slu_d2),
    latex=r"\mathrm{SLU}(x) = x\ (x \geq 0),\quad 2\ln(1 + e^{x}) - 2\ln 2\ (x < 0)",
    latex_derivative=r"\mathrm{SLU}'(x) = 1\ (x \geq 0),\quad 2\,\sigma(x)\ (x < 0)",
    summary=(
        "Softplus linear unit: the identity for x >= 0 and a softplus scaled by 2 and shifted by -2 ln 2 below, "
        "the constants that make value and slope continuous at 0; the negative side saturates at -2 ln 2 "
        "(about -1.386) like an ELU but with softplus's gentler approach, pushing mean outputs towards 0."
    ),
    reference=Reference(
        "Zhao, Liu, Li & Luo",
        2018,
        "A novel softplus linear unit for deep convolutional neural networks",
        "https://doi.org/10.1007/s10489-017-1028-7",
    ),
    kink_points=lambda: (Kink(0.0, "f and f' are continuous (slope 1); f'' jumps from 1/2 to 0 and is their mean 1/4 at 0"),),
    notes=(
        "The general form alpha x (x >= 0), beta softplus(x) - gamma (x < 0) with alpha = 1 fixed, beta = 2, "
        "gamma = 2 ln 2 as continuity of f and f' at 0 requires. softplus(x) - ln 2 is evaluated as "
        "log1p(expm1(x)/2), which does not cancel near 0."
    ),
)


# -- ReLTanh and TaLU: tanh with its tails replaced --------------------------------------------

declare(
    "reltanh",
    "where(x >= upper, (x - upper)/cosh(upper)**2 + tanh(upper), "
    "where(x <= lower, (x - lower)/cosh(lower)**2 + tanh(lower), tanh(x)))",
    family="sigmoidal",
    aliases=("rectified_linear_tanh",),
    parameters=(
        Param("lower", -1.5, "lambda-, the threshold below which the curve is tanh's tangent line (learned)",
              lower=-10.0, upper=0.0),
        Param("upper", 0.0, "lambda+, the threshold above which the curve is tanh's tangent line (learned)",
              lower=0.0, upper=10.0),
    ),
    latex=(
        r"\mathrm{ReLTanh}(x) = \tanh(x)\ (\lambda_- < x < \lambda_+),\quad "
        r"\tanh(\lambda) + \tanh'(\lambda)(x - \lambda)\ \text{beyond}\ \lambda = \lambda_\pm"
    ),
    latex_derivative=r"\mathrm{ReLTanh}'(x) = \mathrm{sech}^{2}(x)\ (\lambda_- < x < \lambda_+),\quad \mathrm{sech}^{2}(\lambda_\pm)\ \text{beyond}",
    summary=(
        "Rectified linear tanh: tanh between two learned thresholds and, beyond each, the tangent line of tanh "
        "at that threshold, so the saturating tails become straight lines whose slope never vanishes. Value and "
        "slope are continuous; with the upper threshold at 0 the right half is the identity, as in ReLU. Wang et "
        "al. use it in stacked-autoencoder fault diagnosis of gearboxes and bearings."
    ),
    reference=Reference(
        "Wang, Qin, Wang, Xiang et al.",
        2019,
        "ReLTanh: An activation function with vanishing gradient resistance for SAE-based DNNs and its "
        "application to rotating machinery fault diagnosis",
        "https://doi.org/10.1016/j.neucom.2019.07.017",
    ),
    notes=(
        "Thresholds -1.5 and 0 (the paper learns them; these are the values of the survey of Kunc & Kléma). "
        "f and f' are continuous at the thresholds; f'' jumps there and takes the branch its condition selects."
    ),
)

declare(
    "talu",
    "where(x >= 0, x, where(x > alpha, tanh(x), tanh(alpha)))",
    family="rectifier",
    parameters=(Param("alpha", -0.75, "alpha, where the tanh part stops and the output stays at tanh(alpha)",
                      lower=-10.0, upper=0.0, upper_open=True),),
    latex=r"\mathrm{TaLU}(x) = x\ (x \geq 0),\quad \tanh(x)\ (\alpha < x < 0),\quad \tanh(\alpha)\ (x \leq \alpha)",
    latex_derivative=r"\mathrm{TaLU}'(x) = 1\ (x \geq 0),\quad \mathrm{sech}^{2}(x)\ (\alpha < x < 0),\quad 0\ (x \leq \alpha)",
    summary=(
        "TaLU: ReLU on the right, tanh just left of 0 (so small negative inputs keep a gradient of nearly 1) and "
        "a constant tanh(alpha) below the threshold alpha, which bounds the negative outputs. Hasan et al. report "
        "it ahead of ReLU and its variants on MNIST and CIFAR-10 with batch normalisation."
    ),
    reference=Reference(
        "Hasan, Hossain, Srizon & Sayeed",
        2023,
        "TaLU: A Hybrid Activation Function Combining Tanh and Rectified Linear Unit to Enhance Neural Networks",
        "https://arxiv.org/abs/2305.04402",
    ),
    notes=(
        "alpha = -0.75 as in the survey of Kunc & Kléma. The slope is continuous at 0 (1 on both sides) and jumps "
        "at alpha from sech^2(alpha) to 0; there f' takes the branch its condition selects (0)."
    ),
)

"""More squashing functions: the bipolar sigmoid, the complementary log-log,
the piecewise-polynomial sigmoids SQNL and smooth-step, and the penalized tanh.
"""

from __future__ import annotations

import numpy as np

from ..entry import Activation, Kink, Param, Reference
from ..registry import register
from . import _piecewise, _stable

FAMILY = "sigmoidal"


# -- bipolar sigmoid: 2 sigma(x) - 1 = tanh(x/2) --------------------------------------


def _bipolar(x: np.ndarray) -> np.ndarray:
    # 2 sigma(x) - 1 cancels near 0; tanh(x/2) does not (x/2 is exact)
    return np.tanh(0.5 * x)


def _bipolar_d1(x: np.ndarray) -> np.ndarray:
    return 0.5 * _stable.sech2(0.5 * x)


def _bipolar_d2(x: np.ndarray) -> np.ndarray:
    u = 0.5 * x
    return -0.5 * np.tanh(u) * _stable.sech2(u)


register(
    Activation(
        name="bipolar_sigmoid",
        family=FAMILY,
        f=_bipolar,
        df=_bipolar_d1,
        d2f=_bipolar_d2,
        latex=r"f(x) = \frac{1 - e^{-x}}{1 + e^{-x}} = 2\sigma(x) - 1",
        latex_derivative=r"f'(x) = \frac{1}{2}\left(1 - f(x)^{2}\right)",
        summary=(
            "The bipolar (zero-centred) logistic sigmoid onto (-1, 1), the logistic stretched and shifted, "
            "of classic neural-network textbooks (Fausett's 'bipolar sigmoid'). It is tanh(x/2) exactly, "
            "so it shares tanh's shape at half the slope (1/2 at 0) and its saturation on both sides."
        ),
        reference=Reference(
            "Fausett",
            1994,
            "Fundamentals of Neural Networks: Architectures, Algorithms, and Applications",
            "https://books.google.com/books?id=ONylQgAACAAJ",
        ),
        notes="Computed as tanh(x/2): 2 sigma(x) - 1 loses every digit near 0.",
    )
)


# -- complementary log-log ------------------------------------------------------------

_CLOGLOG_CAP = 40.0  # e^{40} = 2.4e17: beyond, 1 - exp(-e^x) = 1 and its derivatives 0 to every digit


def _cloglog(x: np.ndarray) -> np.ndarray:
    return -np.expm1(-np.exp(np.minimum(x, _CLOGLOG_CAP)))


def _cloglog_d1(x: np.ndarray) -> np.ndarray:
    # exp(x - e^x): one exponential of an exact-enough argument (e^x's rounding is eps e^x,
    # which the allowance eps |x f''| = eps |x (1 - e^x)| f' covers)
    xc = np.minimum(x, _CLOGLOG_CAP)
    return np.exp(xc - np.exp(xc))


def _cloglog_d2(x: np.ndarray) -> np.ndarray:
    # f' (1 - e^x) = -f' expm1(x): exact near 0, where 1 - e^x cancels
    xc = np.minimum(x, _CLOGLOG_CAP)
    return -_cloglog_d1(x) * np.expm1(xc)


register(
    Activation(
        name="cloglog",
        family=FAMILY,
        aliases=("complementary_log_log",),
        f=_cloglog,
        df=_cloglog_d1,
        d2f=_cloglog_d2,
        latex=r"\mathrm{cloglog}(x) = 1 - e^{-e^{x}}",
        latex_derivative=r"\mathrm{cloglog}'(x) = e^{x - e^{x}}",
        summary=(
            "The complementary log-log: the inverse link of the cloglog generalised linear model (the "
            "Gumbel CDF reflected), an asymmetric sigmoid onto (0, 1) that leaves 0 slowly (like e^x) and "
            "reaches 1 abruptly (like exp(-e^x)). Gomes et al. propose it as a hidden and output "
            "activation for forecasting and for rare-event classification; the asymmetry means its "
            "gradient dies fast on the right."
        ),
        reference=Reference(
            "Gomes, Ludermir & Lima",
            2011,
            "Comparison of new activation functions in neural network for forecasting financial time series",
            "https://doi.org/10.1007/s00521-010-0407-3",
        ),
    )
)


# -- SQNL: square nonlinearity --------------------------------------------------------


def _sqnl(x: np.ndarray) -> np.ndarray:
    # x (1 - |x|/4) on [-2, 2], ±1 beyond: the factor stays in [1/2, 1], nothing cancels
    xc = np.clip(x, -2.0, 2.0)
    return xc * (1.0 - 0.25 * np.abs(xc))


def _sqnl_d1(x: np.ndarray) -> np.ndarray:
    return 1.0 - 0.5 * np.abs(np.clip(x, -2.0, 2.0))


def _sqnl_d2(x: np.ndarray) -> np.ndarray:
    # -sign(x)/2 on [-2, 2] (0 at 0, the mean of the one-sided values), 0 beyond
    return -0.5 * np.sign(x) * _piecewise.indicator(np.abs(x) <= 2.0, x)


def _sqnl_kinks() -> tuple[Kink, ...]:
    edge = "f'' jumps to 0; f''({}) = {}, the quadratic piece's (the paper's closed interval)"
    return (
        Kink(-2.0, edge.format("-2", "1/2")),
        Kink(0.0, "f'' jumps from 1/2 to -1/2; f''(0) = 0, their mean"),
        Kink(2.0, edge.format("2", "-1/2")),
    )


register(
    Activation(
        name="sqnl",
        family=FAMILY,
        aliases=("square_nonlinearity",),
        f=_sqnl,
        df=_sqnl_d1,
        d2f=_sqnl_d2,
        kink_points=_sqnl_kinks,
        latex=r"\mathrm{SQNL}(x) = x - \frac{x|x|}{4} \;(|x| \leq 2),\;\; \mathrm{sign}(x) \;(|x| > 2)",
        latex_derivative=r"\mathrm{SQNL}'(x) = \max\left(1 - \frac{|x|}{2}, 0\right)",
        summary=(
            "Square nonlinearity: a tanh-like sigmoid onto [-1, 1] made of two parabolic arcs that meet the "
            "constant pieces with zero slope at ±2. Wuraola and Patel designed it for hardware, since it "
            "needs only a multiplication and an addition, and report tanh-like accuracy with faster "
            "training; outside [-2, 2] the gradient is exactly zero."
        ),
        reference=Reference(
            "Wuraola & Patel",
            2018,
            "SQNL: A New Computationally Efficient Activation Function",
            "https://doi.org/10.1109/IJCNN.2018.8489043",
        ),
    )
)


# -- smooth-step -----------------------------------------------------------------------


def _smooth_step_parts(x: np.ndarray, gamma: float) -> tuple[np.ndarray, np.ndarray]:
    """(a, b) = (x/gamma + 1/2, 1/2 - x/gamma) with x clipped to [-gamma/2, gamma/2]; each
    sum is formed before the division, exactly where it cancels (Sterbenz)."""
    h = 0.5 * gamma
    xc = np.clip(x, -h, h)
    return (xc + h) / gamma, (h - xc) / gamma


def _smooth_step(x: np.ndarray, gamma: float) -> np.ndarray:
    # -2 t^3 + 3t/2 + 1/2 = a^2 (3 - 2a) with a = t + 1/2: no cancellation near either end
    a, b = _smooth_step_parts(x, gamma)
    return (a * a) * (1.0 + 2.0 * b)


def _smooth_step_d1(x: np.ndarray, gamma: float) -> np.ndarray:
    # (3/(2 gamma)) (1 - 4 t^2) = (6/gamma) a b
    a, b = _smooth_step_parts(x, gamma)
    return (6.0 / gamma) * (a * b)


def _smooth_step_d2(x: np.ndarray, gamma: float) -> np.ndarray:
    # -12 x/gamma^3 on [-gamma/2, gamma/2], 0 beyond (from x itself: b - a = -2x/gamma cancels near 0)
    h = 0.5 * gamma
    t = np.clip(x, -h, h) / gamma
    return (-12.0 / gamma) * (t / gamma) * _piecewise.indicator(np.abs(x) <= h, x)


def _smooth_step_kinks(gamma: float) -> tuple[Kink, ...]:
    convention = "f'' jumps by 6/gamma^2; f''({}) is the cubic piece's (the paper's closed interval)"
    return (Kink(-0.5 * gamma, convention.format("-gamma/2")), Kink(0.5 * gamma, convention.format("gamma/2")))


register(
    Activation(
        name="smooth_step",
        family=FAMILY,
        aliases=("smoothstep",),
        parameters=(Param("gamma", 1.0, "gamma, the width of the transition", lower=1e-100, upper=1e100),),
        f=_smooth_step,
        df=_smooth_step_d1,
        d2f=_smooth_step_d2,
        kink_points=_smooth_step_kinks,
        latex=(
            r"S(x) = 0 \;(x \leq -\frac{\gamma}{2}),\;\; -\frac{2x^{3}}{\gamma^{3}} + \frac{3x}{2\gamma} + \frac{1}{2}"
            r" \;(|x| < \frac{\gamma}{2}),\;\; 1 \;(x \geq \frac{\gamma}{2})"
        ),
        latex_derivative=r"S'(x) = \frac{3}{2\gamma}\left(1 - \frac{4x^{2}}{\gamma^{2}}\right) \;(|x| < \frac{\gamma}{2})",
        summary=(
            "Smooth-step: the cubic Hermite step from 0 to 1 over a width gamma, C1 with exact zeros and ones "
            "outside. The tree ensemble layer uses it as the routing function of differentiable decision "
            "trees, because, unlike the logistic, it reaches 0 and 1 exactly, so routing is sparse and "
            "conditional computation is possible; outside the transition the gradient is exactly zero."
        ),
        reference=Reference(
            "Hazimeh, Ponomareva, Mol, Tan & Mazumder",
            2020,
            "The Tree Ensemble Layer: Differentiability meets Conditional Computation",
            "https://arxiv.org/abs/2002.07772",
        ),
        notes="gamma = 1 draws the unit step; the paper tunes gamma (a hyperparameter, no single default).",
    )
)


# -- penalized tanh --------------------------------------------------------------------


def _penalized_tanh(x: np.ndarray, a: float) -> np.ndarray:
    t = np.tanh(x)
    return np.where(x > 0, t, a * t)


def _penalized_tanh_d1(x: np.ndarray, a: float) -> np.ndarray:
    # torch-style x > 0 ? 1 : a on the slope factor, so f'(0) = a (as leaky relu)
    return _stable.sech2(x) * np.where(x > 0, 1.0, a)


def _penalized_tanh_d2(x: np.ndarray, a: float) -> np.ndarray:
    return -2.0 * np.tanh(x) * _stable.sech2(x) * np.where(x > 0, 1.0, a)


register(
    Activation(
        name="penalized_tanh",
        family=FAMILY,
        aliases=("ptanh",),
        parameters=(Param("a", 0.25, "a, the factor on the negative side", lower=0.0, upper=1.0),),
        f=_penalized_tanh,
        df=_penalized_tanh_d1,
        d2f=_penalized_tanh_d2,
        kink_points=lambda a: () if a == 1.0 else (
            Kink(0.0, "f' jumps from a to 1; f'(0) = a, as torch's leaky_relu backward (x > 0 ? 1 : a)"),
        ),
        latex=r"\mathrm{ptanh}(x) = \tanh(x) \;(x > 0),\;\; a \tanh(x) \;(x \leq 0)",
        latex_derivative=r"\mathrm{ptanh}'(x) = \mathrm{sech}^{2}(x) \;(x > 0),\;\; a\, \mathrm{sech}^{2}(x) \;(x \leq 0)",
        summary=(
            "Penalized tanh: tanh with its negative half scaled down by a (a leaky tanh). Xu et al. "
            "introduced it to show that a saturating function can train as well as relu once its negative "
            "side is damped, and Eger et al.'s comparison of 21 activations on NLP tasks found it the most "
            "stable across tasks. It still saturates on both sides; its slope jumps at 0."
        ),
        reference=Reference(
            "Xu, Huang & Li",
            2016,
            "Revise Saturated Activation Functions",
            "https://arxiv.org/abs/1602.05980",
        ),
        notes="a = 0.25 as the paper; Eger, Youssef & Gurevych (2018) is the study that made it known.",
    )
)

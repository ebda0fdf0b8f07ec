"""Kernel-friendly units: activations whose Gaussian expectations have closed
forms (the erf and probit sigmoids, |x|, x^2, powers of relu, two-slope
rectifiers, cos), so infinitely wide networks built from them have analytic
NNGP and NTK kernels (Williams 1997, Cho & Saul 2009, Novak et al. 2020).
"""

from __future__ import annotations

import functools
import math

import numpy as np

from ..entry import Activation, Kernel, Kink, Param, Reference
from ..registry import register
from . import _overflow, _special, _stable
from .periodic import _cos, _finite_or_nan, _minus_sin

FAMILY = "kernel-friendly"

_TWO_OVER_SQRT_PI = 2.0 / math.sqrt(math.pi)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)

_WILLIAMS_1997 = Reference(
    "Williams",
    1997,
    "Computing with Infinite Networks",
    "https://proceedings.neurips.cc/paper/1996/hash/ae5e3ce40e0404a45ecacaaf05e5f735-Abstract.html",
)
_CHO_SAUL_2009 = Reference(
    "Cho & Saul",
    2009,
    "Kernel Methods for Deep Learning",
    "https://papers.nips.cc/paper/3628-kernel-methods-for-deep-learning",
)
_NEURAL_TANGENTS = Reference(
    "Novak, Xiao, Hron, Lee, Alemi, Sohl-Dickstein & Schoenholz",
    2020,
    "Neural Tangents: Fast and Easy Infinite Neural Networks in Python",
    "https://arxiv.org/abs/1912.02803",
)


# -- erf and the normal CDF --------------------------------------------------------


def _gaussian_density_kernels(c: float, s: float) -> tuple[Kernel, Kernel]:
    """(f', f'') of erf-like sigmoids whose slope is a Gaussian density: f' = c e^{-s x^2} (to ~1 ulp,
    _stable.exp_neg_square) and f'' = -2 s x f' (0 where the density has underflowed, also at ±inf)."""

    def d1(x: np.ndarray) -> np.ndarray:
        return c * _stable.exp_neg_square(x, s)

    def d2(x: np.ndarray) -> np.ndarray:
        return -(2.0 * s) * _stable.times_vanishing(x, d1(x))

    return d1, d2


_erf_d1, _erf_d2 = _gaussian_density_kernels(_TWO_OVER_SQRT_PI, 1.0)


register(
    Activation(
        name="erf",
        family=FAMILY,
        f=_special.erf,
        df=_erf_d1,
        d2f=_erf_d2,
        latex=r"\mathrm{erf}(x) = \frac{2}{\sqrt{\pi}} \int_0^x e^{-t^{2}}\,dt",
        latex_derivative=r"\mathrm{erf}'(x) = \frac{2}{\sqrt{\pi}}\, e^{-x^{2}}",
        summary=(
            "The error function as a sigmoid onto (-1, 1): close to tanh in shape, but its Gaussian "
            "expectations have closed forms, so Williams derived the exact kernel of an infinitely wide "
            "erf network (the arcsine kernel), still the standard analytic example in NNGP and NTK "
            "studies. It saturates faster than tanh (like e^{-x^2}), so its gradient vanishes early."
        ),
        reference=_WILLIAMS_1997,
        notes="torch.erf, jax.scipy.special.erf; neural_tangents.stax.Erf is a erf(b x) + c.",
    )
)


_probit_d1, _probit_d2 = _gaussian_density_kernels(_INV_SQRT_2PI, 0.5)


register(
    Activation(
        name="probit",
        family=FAMILY,
        aliases=("normal_cdf",),
        f=_special.ndtr,
        df=_probit_d1,
        d2f=_probit_d2,
        latex=r"\Phi(x) = \frac{1}{2}\left(1 + \mathrm{erf}\left(\frac{x}{\sqrt{2}}\right)\right)",
        latex_derivative=r"\Phi'(x) = \frac{1}{\sqrt{2\pi}}\, e^{-x^{2}/2}",
        summary=(
            "The standard normal CDF as a sigmoid onto (0, 1), the inverse link of probit regression and "
            "the gate inside GELU. As an activation it behaves like the logistic with a steeper tail, and "
            "its expectations under Gaussian inputs have closed forms (as erf's), which makes it a "
            "favourite of mean-field and Bayesian-network analyses. It saturates on both sides."
        ),
        reference=Reference(
            "Bliss",
            1934,
            "The Method of Probits",
            "https://doi.org/10.1126/science.79.2037.38",
        ),
        notes="Accurate in the left tail (scipy's ndtr): Phi(-38) = 2.9e-316 is not rounded to 0.",
    )
)


# -- |x|, x^2, x^3 and powers of relu ----------------------------------------------


def _abs_d1(x: np.ndarray) -> np.ndarray:
    return np.sign(x)


register(
    Activation(
        name="abs",
        family=FAMILY,
        aliases=("absolute_value",),
        f=np.abs,
        df=_abs_d1,
        d2f=_stable.zeros_like,
        latex=r"f(x) = |x|",
        latex_derivative=r"f'(x) = \mathrm{sign}(x)",
        kink_points=lambda: (Kink(0.0, "abs'(0) = 0, as torch's abs backward (sign(0) = 0), the mean of -1 and 1"),),
        summary=(
            "The absolute value, the even rectifier: it keeps magnitudes and discards signs, as in "
            "Jarrett et al.'s rectified convolutional features (the abs of tanh) and the absolute-value "
            "units of scattering networks. Its kernel is the arc-cosine kernel's even sibling, and with "
            "relu it spans every two-slope rectifier (neural_tangents' Abs). Unbounded, and its gradient "
            "flips sign at 0."
        ),
        reference=Reference(
            "Jarrett, Kavukcuoglu, Ranzato & LeCun",
            2009,
            "What is the Best Multi-Stage Architecture for Object Recognition?",
            "https://doi.org/10.1109/ICCV.2009.5459469",
        ),
        notes="torch.abs, jax.numpy.abs; neural_tangents.stax.Abs.",
    )
)


@functools.lru_cache(maxsize=32)
def _power_edge(k: int) -> float:
    """The largest double t with t**k finite (math.pow raises beyond instead of returning inf)."""

    def power_or_inf(t: float) -> float:
        try:
            return math.pow(t, k)
        except OverflowError:
            return math.inf

    return _overflow._largest_finite_argument(power_or_inf)


def _power(x: np.ndarray, k: int) -> np.ndarray:
    """x**k for x >= 0 and an integer k >= 0, +inf where it overflows (no warning); nan stays nan."""
    if k == 0:
        return _stable.nan_mark(x) + 1.0
    big = x > _power_edge(k)
    if not big.any():
        return np.power(x, k)
    return np.where(big, np.inf, np.power(np.where(big, 0.0, x), k))


def _signed_power(x: np.ndarray, k: int) -> np.ndarray:
    """x**k for any x and an integer k >= 0, ±inf where it overflows."""
    magnitude = _power(np.abs(x), k)
    return np.copysign(magnitude, x) if k % 2 else magnitude


def _square(x: np.ndarray) -> np.ndarray:
    return _overflow.scaled_square(1.0, x)


def _square_d1(x: np.ndarray) -> np.ndarray:
    return _overflow.times(2.0, x)


def _square_d2(x: np.ndarray) -> np.ndarray:
    return _stable.nan_mark(x) + 2.0


register(
    Activation(
        name="square",
        family=FAMILY,
        aliases=("quadratic",),
        f=_square,
        df=_square_d1,
        d2f=_square_d2,
        latex=r"f(x) = x^{2}",
        latex_derivative=r"f'(x) = 2x",
        summary=(
            "The square, the simplest polynomial activation: a network of it computes a polynomial whose "
            "degree doubles per layer, which Livni et al. showed trains efficiently for shallow nets, and "
            "which suits homomorphic-encryption inference (CryptoNets) where only additions and "
            "multiplications are available. Its outputs grow quadratically, so deep stacks explode."
        ),
        reference=Reference(
            "Livni, Shalev-Shwartz & Shamir",
            2014,
            "On the Computational Efficiency of Training Neural Networks",
            "https://arxiv.org/abs/1410.1141",
        ),
        notes="CryptoNets (Gilad-Bachrach et al. 2016) use the same x^2 for encrypted inference.",
    )
)


def _cube(x: np.ndarray) -> np.ndarray:
    return _signed_power(x, 3)


def _cube_d1(x: np.ndarray) -> np.ndarray:
    return _overflow.scaled_square(3.0, x)


def _cube_d2(x: np.ndarray) -> np.ndarray:
    return _overflow.times(6.0, x)


register(
    Activation(
        name="cube",
        family=FAMILY,
        f=_cube,
        df=_cube_d1,
        d2f=_cube_d2,
        latex=r"f(x) = x^{3}",
        latex_derivative=r"f'(x) = 3x^{2}",
        summary=(
            "The cube, chosen by Chen and Manning for their neural dependency parser because x^3 of a sum "
            "of word, tag and label features multiplies every triple of them, modelling their "
            "interactions directly; it beat tanh and sigmoid there. It is odd and monotone, but flat at 0 "
            "(zero gradient) and cubic outside, so it is rarely stacked deep."
        ),
        reference=Reference(
            "Chen & Manning",
            2014,
            "A Fast and Accurate Dependency Parser using Neural Networks",
            "https://doi.org/10.3115/v1/D14-1082",
        ),
    )
)


def _repu(x: np.ndarray, power: float) -> np.ndarray:
    return _power(np.maximum(x, 0.0), int(power))


def _repu_d1(x: np.ndarray, power: float) -> np.ndarray:
    k = int(power)
    return _overflow.multiply(power, _power(np.maximum(x, 0.0), k - 1))


def _repu_d2(x: np.ndarray, power: float) -> np.ndarray:
    k = int(power)
    return _overflow.multiply(power * (power - 1.0), _power(np.maximum(x, 0.0), k - 2) * (x > 0))


def _repu_kinks(power: float) -> tuple[Kink, ...]:
    k = int(power)
    jump = "f'' jumps from 0 to 2" if k == 2 else f"f^({k}) jumps from 0 to {math.factorial(k)}"
    return (Kink(0.0, f"{jump} at 0; f(0) = f'(0) = f''(0) = 0, as torch autograd of relu(x)**{k}"),)


register(
    Activation(
        name="repu",
        family=FAMILY,
        aliases=("rectified_power", "relu_power"),
        parameters=(Param("power", 3.0, "s, the integer power of relu", lower=2.0, upper=10.0, integer=True),),
        f=_repu,
        df=_repu_d1,
        d2f=_repu_d2,
        kink_points=_repu_kinks,
        latex=r"\mathrm{RePU}_s(x) = \max(0, x)^{s}",
        latex_derivative=r"\mathrm{RePU}_s'(x) = s \max(0, x)^{s - 1}",
        summary=(
            "Rectified power unit: relu raised to an integer power s, which makes the unit C^{s-1}; "
            "networks of RePUs represent splines and polynomials exactly, so they approximate smooth "
            "functions with fewer parameters than relu networks, and the deep Ritz method uses s = 3. "
            "s = 1 is relu and s = 2 squared_relu; the outputs grow like x^s, so deep stacks explode."
        ),
        reference=Reference(
            "Li, Tang & Yu",
            2020,
            "Better Approximations of High Dimensional Smooth Functions by Deep Neural Networks with "
            "Rectified Power Units",
            "https://arxiv.org/abs/1903.05858",
        ),
        notes="power = 3 as the deep Ritz method (E & Yu 2018); the arc-cosine kernel of order s is its NNGP kernel.",
    )
)


# -- two-slope rectifier (neural_tangents' ABRelu) ---------------------------------


def _two_slope(x: np.ndarray, a: float, b: float) -> np.ndarray:
    f = _overflow.times(a, np.minimum(x, 0.0))
    f += _overflow.times(b, np.maximum(x, 0.0))
    return f


def _two_slope_d1(x: np.ndarray, a: float, b: float) -> np.ndarray:
    # a for x <= 0, b for x > 0: relu'(0) = 0 as in torch (neural_tangents' a min(x, 0) + b max(x, 0))
    return _stable.nan_mark(x) + _stable.step_between(x > 0, a, b)


register(
    Activation(
        name="two_slope_relu",
        family=FAMILY,
        parameters=(
            Param("a", -0.5, "a, the slope for x <= 0"),
            Param("b", 1.0, "b, the slope for x > 0"),
        ),
        f=_two_slope,
        df=_two_slope_d1,
        d2f=lambda x, a, b: _stable.zeros_like(x),
        kink_points=lambda a, b: () if a == b else (Kink(0.0, "f'(0) = a, the left slope (relu'(0) = 0 as torch)"),),
        latex=r"f(x) = a \min(x, 0) + b \max(x, 0)",
        latex_derivative=r"f'(x) = a \;(x \leq 0),\;\; b \;(x > 0)",
        summary=(
            "The general two-slope rectifier a min(x, 0) + b max(x, 0), the piecewise-linear family whose "
            "NNGP and NTK kernels neural_tangents computes in closed form (its ABRelu): relu (a = 0, b = 1), "
            "leaky relu (0 < a < 1 = b) and |x| (a = -1, b = 1) are special cases. With a = -b it is even; "
            "it is unbounded on both sides unless a = 0."
        ),
        reference=_NEURAL_TANGENTS,
        notes=(
            "neural_tangents.stax.ABRelu(a, b) has no default slopes; a = -0.5, b = 1 here draws an asymmetric V. "
            "Not Dubey et al.'s ABReLU (average-biased relu), which is not pointwise."
        ),
    )
)


# -- cos -------------------------------------------------------------------------


def _minus_cos(x: np.ndarray) -> np.ndarray:
    return -np.cos(_finite_or_nan(x))


register(
    Activation(
        name="cos",
        family=FAMILY,
        aliases=("cosine",),
        f=_cos,
        df=_minus_sin,
        d2f=_minus_cos,
        latex=r"\cos(x)",
        latex_derivative=r"\cos'(x) = -\sin(x)",
        summary=(
            "The cosine, the activation of random Fourier features: a layer cos(w x + b) with Gaussian w "
            "and uniform b is a one-layer network whose kernel approximates the Gaussian kernel, which "
            "made large-scale kernel machines practical. As a trained hidden unit it is even and "
            "periodic, with no limit at ±inf (nan there), like sin shifted by pi/2."
        ),
        reference=Reference(
            "Rahimi & Recht",
            2007,
            "Random Features for Large-Scale Kernel Machines",
            "https://papers.nips.cc/paper/3182-random-features-for-large-scale-kernel-machines",
        ),
    )
)

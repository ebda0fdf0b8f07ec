"""More exponential units: relu on the right and an exponential shape on the
left (SERLU's bump, hexpo's two exponentials, PDELU's deformed exponential)."""

from __future__ import annotations

import numpy as np

from ..entry import Activation, Kink, Param, Reference
from ..registry import register
from . import _overflow, _stable

FAMILY = "exponential"


# -- SERLU -------------------------------------------------------------------------

_SERLU_LAMBDA = 1.07862
_SERLU_ALPHA = 2.90427


def _serlu_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(xn, e) with xn = min(x, 0) and e = e^{xn}: the left piece on its own input."""
    xn = np.minimum(x, 0.0)
    return xn, np.exp(xn)


def _serlu(x: np.ndarray, lambd: float, alpha: float) -> np.ndarray:
    xn, e = _serlu_parts(x)
    left = (lambd * alpha) * _stable.times_vanishing(xn, e)
    return np.where(x >= 0, _overflow.times(lambd, x), left)


def _serlu_d1(x: np.ndarray, lambd: float, alpha: float) -> np.ndarray:
    # lambda alpha e^x (1 + x) left (1 + x is exact near the minimum at -1)
    xn, e = _serlu_parts(x)
    left = (lambd * alpha) * _stable.times_vanishing(1.0 + xn, e)
    return _stable.nan_mark(x) + np.where(x >= 0, lambd, left)


def _serlu_d2(x: np.ndarray, lambd: float, alpha: float) -> np.ndarray:
    xn, e = _serlu_parts(x)
    left = (lambd * alpha) * _stable.times_vanishing(2.0 + xn, e)
    return _stable.nan_mark(x) + np.where(x >= 0, 0.0, left)


register(
    Activation(
        name="serlu",
        family=FAMILY,
        parameters=(
            Param("lambd", _SERLU_LAMBDA, "lambda, the scale (the paper's self-normalising value)", lower=0.0, upper=1e3),
            Param("alpha", _SERLU_ALPHA, "alpha, the depth of the negative bump", lower=0.0, upper=1e3),
        ),
        f=_serlu,
        df=_serlu_d1,
        d2f=_serlu_d2,
        kink_points=lambda lambd, alpha: (
            Kink(0.0, "f' jumps from lambda alpha to lambda; f'(0) = lambda and f''(0) = 0, the paper's x >= 0 piece"),
        ),
        latex=r"\mathrm{SERLU}(x) = \lambda x \;(x \geq 0),\;\; \lambda \alpha x e^{x} \;(x < 0)",
        latex_derivative=r"\mathrm{SERLU}'(x) = \lambda \;(x \geq 0),\;\; \lambda \alpha e^{x} (1 + x) \;(x < 0)",
        summary=(
            "Scaled exponentially-regularized linear unit: selu-like scaling on the right and a negative "
            "bump x e^x on the left that returns to 0, with lambda and alpha chosen so that activations "
            "self-normalise to zero mean and unit variance as with selu. The bump keeps small negative "
            "inputs active while large ones are switched off; it is not monotone (minimum at x = -1) and "
            "its slope jumps at 0."
        ),
        reference=Reference(
            "Zhang & Li",
            2018,
            "Effectiveness of Scaled Exponentially-Regularized Linear Units (SERLUs)",
            "https://arxiv.org/abs/1807.10117",
        ),
        notes="lambda = 1.07862, alpha = 2.90427 as the paper (self-normalising); 'lambd' (not lambda, a Python keyword) as torch's softshrink.",
    )
)


# -- hexpo ---------------------------------------------------------------------------


def _hexpo_parts(x: np.ndarray, b: float, d: float) -> tuple[np.ndarray, np.ndarray]:
    """(e^{-x/b} for x >= 0, e^{x/d} for x < 0), each on its own clipped input (the other 1)."""
    right = np.exp(-np.clip(x, 0.0, 800.0 * b) / b)
    left = np.exp(np.clip(x, -800.0 * d, 0.0) / d)
    return right, left


def _hexpo(x: np.ndarray, a: float, b: float, c: float, d: float) -> np.ndarray:
    right = -a * np.expm1(-np.clip(x, 0.0, 800.0 * b) / b)
    left = c * np.expm1(np.clip(x, -800.0 * d, 0.0) / d)
    return np.where(x >= 0, right, left)


def _hexpo_d1(x: np.ndarray, a: float, b: float, c: float, d: float) -> np.ndarray:
    right, left = _hexpo_parts(x, b, d)
    return np.where(x >= 0, (a / b) * right, (c / d) * left)


def _hexpo_d2(x: np.ndarray, a: float, b: float, c: float, d: float) -> np.ndarray:
    right, left = _hexpo_parts(x, b, d)
    return np.where(x >= 0, -(a / (b * b)) * right, (c / (d * d)) * left)


def _hexpo_kinks(a: float, b: float, c: float, d: float) -> tuple[Kink, ...]:
    return (Kink(0.0, "f'(0) = a/b and f''(0) = -a/b^2, the paper's x >= 0 piece (left: c/d and c/d^2)"),)


_HEXPO_SCALE = dict(lower=1e-3, upper=1e3)

register(
    Activation(
        name="hexpo",
        family=FAMILY,
        parameters=(
            Param("a", 1.0, "a, the right asymptote", **_HEXPO_SCALE),
            Param("b", 1.0, "b, the right decay length", **_HEXPO_SCALE),
            Param("c", 1.0, "c, the depth of the left asymptote", **_HEXPO_SCALE),
            Param("d", 1.0, "d, the left decay length", **_HEXPO_SCALE),
        ),
        f=_hexpo,
        df=_hexpo_d1,
        d2f=_hexpo_d2,
        kink_points=_hexpo_kinks,
        latex=r"\mathrm{hexpo}(x) = -a (e^{-x/b} - 1) \;(x \geq 0),\;\; c (e^{x/d} - 1) \;(x < 0)",
        latex_derivative=r"\mathrm{hexpo}'(x) = \frac{a}{b} e^{-x/b} \;(x \geq 0),\;\; \frac{c}{d} e^{x/d} \;(x < 0)",
        summary=(
            "Hexpo: two exponentials saturating at a on the right and -c on the left, a tanh-like bounded "
            "unit whose four constants set each side's level and decay length separately. Kong and Takatsuka "
            "chose the constants to keep gradients from vanishing in deep stacks (a 'vanishing-proof' "
            "unit); it saturates on both sides, and f'' jumps at 0 unless a/b^2 = -c/d^2."
        ),
        reference=Reference(
            "Kong & Takatsuka",
            2017,
            "Hexpo: A vanishing-proof activation function",
            "https://doi.org/10.1109/IJCNN.2017.7966168",
        ),
        notes="a = b = c = d = 1 gives the symmetric unit; the paper tunes the four constants.",
    )
)


# -- PDELU ----------------------------------------------------------------------------


def _pdelu_log_base(x: np.ndarray, t: float) -> tuple[np.ndarray, np.ndarray]:
    """(alive, log(1 + (1 - t) x)) for x <= 0 with alive = 1 + (1 - t) x > 0 (0 elsewhere)."""
    s = 1.0 - t  # exact for 1/2 < t < 1 (Sterbenz)
    sx = s * np.minimum(x, 0.0)
    alive = sx > -1.0  # decided on the product log1p will see: no log1p(-1) warning at the edge
    return alive, np.log1p(np.where(alive, sx, 0.0))


def _pdelu(x: np.ndarray, alpha: float, t: float) -> np.ndarray:
    # alpha ((1 + (1-t) x)^{1/(1-t)} - 1) = alpha expm1(log1p((1-t) x)/(1-t)); -alpha where the base is <= 0
    alive, log_base = _pdelu_log_base(x, t)
    left = alpha * np.where(alive, np.expm1(log_base / (1.0 - t)), -1.0) + _stable.nan_mark(x)
    return np.where(x > 0, x, left)


def _pdelu_d1(x: np.ndarray, alpha: float, t: float) -> np.ndarray:
    # alpha (1 + (1-t) x)^{t/(1-t)}
    alive, log_base = _pdelu_log_base(x, t)
    left = alpha * np.where(alive, np.exp(log_base * (t / (1.0 - t))), 0.0)
    return _stable.nan_mark(x) + np.where(x > 0, 1.0, left)


def _pdelu_d2(x: np.ndarray, alpha: float, t: float) -> np.ndarray:
    # alpha t (1 + (1-t) x)^{(2t-1)/(1-t)}
    alive, log_base = _pdelu_log_base(x, t)
    left = (alpha * t) * np.where(alive, np.exp(log_base * ((2.0 * t - 1.0) / (1.0 - t))), 0.0)
    return _stable.nan_mark(x) + np.where(x > 0, 0.0, left)


def _pdelu_kinks(alpha: float, t: float) -> tuple[Kink, ...]:
    return (
        Kink(-1.0 / (1.0 - t), "higher derivatives jump where f reaches -alpha; f' = f'' = 0 there (2t - 1 > 0)"),
        Kink(0.0, "f' jumps from alpha to 1, f'' from alpha t to 0; f'(0) = alpha, f''(0) = alpha t (the paper's x <= 0)"),
    )


register(
    Activation(
        name="pdelu",
        family=FAMILY,
        parameters=(
            Param("alpha", 1.0, "alpha, the depth of the negative saturation", lower=0.0, upper=1e3),
            Param("t", 0.9, "t, the deformation (t -> 1 gives elu)", lower=0.5, upper=1.0, lower_open=True, upper_open=True),
        ),
        f=_pdelu,
        df=_pdelu_d1,
        d2f=_pdelu_d2,
        kink_points=_pdelu_kinks,
        latex=r"\mathrm{PDELU}(x) = x \;(x > 0),\;\; \alpha\left(\left[1 + (1 - t) x\right]_{+}^{\frac{1}{1 - t}} - 1\right) \;(x \leq 0)",
        latex_derivative=r"\mathrm{PDELU}'(x) = 1 \;(x > 0),\;\; \alpha \left[1 + (1 - t) x\right]_{+}^{\frac{t}{1 - t}} \;(x \leq 0)",
        summary=(
            "Parametric deformable exponential linear unit: elu with its exponential replaced by the "
            "deformed (Tsallis) exponential [1 + (1 - t) x]^{1/(1-t)}, which reaches -alpha at the finite "
            "point x = -1/(1 - t) and stays there. Cheng et al. report faster convergence and better accuracy "
            "than elu and relu, and Dubey et al.'s survey benchmarks it; as t -> 1 it becomes elu, and "
            "below -1/(1 - t) the gradient is exactly zero."
        ),
        reference=Reference(
            "Cheng, Xu, Li & Huang",
            2020,
            "Parametric Deformable Exponential Linear Units for deep neural networks",
            "https://doi.org/10.1016/j.neunet.2020.04.017",
        ),
        notes="t = 0.9 as the paper's experiments; t is limited to (1/2, 1), where f'' is continuous at the left end.",
    )
)

"""Power-function units and other small compositions: PFLU and FPFLU (Zhu et
al. 2021). PFLU is declared by its formula over catalogue functions
(:func:`._declare.declare`), so its derivatives go through the catalogue's own
stable kernels. Imported after the modules whose entries the formulas call
(isru, squareplus)."""

from __future__ import annotations

import numpy as np

from ..entry import Activation, Reference
from ..registry import register
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


# -- FPFLU: x on the right, x/(1 + x^2) on the left -------------------------------


def _fpflu_left_terms(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(s, w, far) for the left branch g(x) = x/(1 + x^2) at min(x, 0): s = that value or its
    reciprocal, whichever lies in [-1, 0] (g(x) = g(1/x), so nothing squares a huge x),
    w = 1/(1 + s^2), far = where the reciprocal was taken."""
    near = np.minimum(x, 0.0)
    far = near < -1.0
    s = np.where(far, 1.0 / np.where(far, near, -1.0), near)
    return s, 1.0 / (1.0 + s * s), far


def _fpflu(x: np.ndarray) -> np.ndarray:
    s, w, _ = _fpflu_left_terms(x)
    return np.where(x >= 0, x, s * w)


def _fpflu_d1(x: np.ndarray) -> np.ndarray:
    """g'(x) = (1 - x^2)/(1 + x^2)^2 = -s^2 (1 - s^2)/(1 + s^2)^2 with s = 1/x."""
    s, w, far = _fpflu_left_terms(x)
    left = (1.0 - s) * (1.0 + s) * (w * w)
    return np.where(x >= 0, 1.0, np.where(far, -(s * s) * left, left))


def _fpflu_d2(x: np.ndarray) -> np.ndarray:
    """g''(x) = 2x (x^2 - 3)/(1 + x^2)^3 = 2 s^3 (1 - 3 s^2)/(1 + s^2)^3 with s = 1/x."""
    s, w, far = _fpflu_left_terms(x)
    square = s * s
    left = np.where(far, 2.0 * (square * s) * (1.0 - 3.0 * square), 2.0 * s * (square - 3.0))
    return np.where(x >= 0, 0.0, left * (w * w * w))


register(
    Activation(
        name="fpflu",
        family=FAMILY,
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
        kink_points=lambda: (),
        notes=(
            "max(x, x/(1 + x^2)) as in the authors' code (github.com/mengzhu0308/PFLU-FPFLU). The two "
            "branches meet at 0 with equal value, slope 1 and curvature 0, so f, f' and f'' are "
            "continuous; only the third derivative jumps there (from -6 to 0)."
        ),
    )
)

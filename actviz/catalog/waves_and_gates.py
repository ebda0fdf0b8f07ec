"""Power-function units and other small compositions: PFLU and FPFLU (Zhu et
al. 2021). PFLU is declared by its formula over catalogue functions
(:func:`._declare.declare`), so its derivatives go through the catalogue's own
stable kernels. Imported after the modules whose entries the formulas call
(isru, squareplus)."""

from __future__ import annotations

import numpy as np

from ..entry import Reference
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
    notes=(
        "x (1 + x/sqrt(1 + x^2))/2 = isru(x) squareplus(x, b=1): the product form keeps the left tail, "
        "where 1 + x/sqrt(1 + x^2) cancels, exact. Formula checked against the authors' code "
        "(github.com/mengzhu0308/PFLU-FPFLU)."
    ),
)

"""Low-degree polynomial units from the oscillating-activation study of Noel et al.
(the shifted quadratic unit and the non-monotonic cubic unit)."""

from __future__ import annotations

import numpy as np

from ..entry import Activation, Reference
from ..registry import register
from . import _overflow, _stable

FAMILY = "polynomial"

_NOEL_2023 = Reference(
    "Noel, Bharadwaj, Muthiah-Nakarajan, Dutta & Amaratunga",
    2021,
    "Biologically Inspired Oscillating Activation Functions Can Bridge the Performance Gap between "
    "Biological and Artificial Neurons",
    "https://arxiv.org/abs/2111.04020",
)


def _squ(x: np.ndarray) -> np.ndarray:
    # x^2 + x = x (x + 1): exact near the zero at -1, ±inf where it overflows
    return _overflow.multiply(x, x + 1.0)


def _squ_d1(x: np.ndarray) -> np.ndarray:
    return _overflow.times(2.0, x) + 1.0


register(
    Activation(
        name="squ",
        family=FAMILY,
        aliases=("shifted_quadratic_unit",),
        f=_squ,
        df=_squ_d1,
        d2f=lambda x: _stable.nan_mark(x) + 2.0,
        latex=r"\mathrm{SQU}(x) = x^{2} + x",
        latex_derivative=r"\mathrm{SQU}'(x) = 2x + 1",
        summary=(
            "Shifted quadratic unit: the parabola x^2 + x, with two zeros (at -1 and 0) so that a single "
            "neuron can separate an interval from its complement (it learns XOR alone). Noel et al. propose "
            "it among oscillating-like units inspired by dendritic neurons and report faster training than "
            "relu on CIFAR; it is unbounded, quadratic on both sides, and its minimum sits at -1/2."
        ),
        reference=_NOEL_2023,
    )
)


def _ncu(x: np.ndarray) -> np.ndarray:
    # x - x^3 = x (1 - x)(1 + x): exact near the zeros at ±1
    return _overflow.multiply(_overflow.multiply(x, 1.0 - x), 1.0 + x)


def _ncu_d1(x: np.ndarray) -> np.ndarray:
    # 1 - 3 x^2 with x^2 = h + l exactly (two_prod, |x| <= 1e150): (1 - 3h) - 3l, where 3h is
    # exact to half an ulp of 1 near the zeros at ±1/sqrt 3; beyond 1e150, -3 x^2 (overflowing honestly)
    big = np.abs(x) > 1e150
    xs = np.where(big, 0.0, x)
    h, l = _stable.two_prod(xs, xs)
    d1 = (1.0 - 3.0 * h) - 3.0 * l
    return np.where(big, -_overflow.scaled_square(3.0, x), d1) if big.any() else d1


register(
    Activation(
        name="ncu",
        family=FAMILY,
        aliases=("non_monotonic_cubic_unit",),
        f=_ncu,
        df=_ncu_d1,
        d2f=lambda x: _overflow.times(-6.0, x),
        latex=r"\mathrm{NCU}(x) = x - x^{3}",
        latex_derivative=r"\mathrm{NCU}'(x) = 1 - 3x^{2}",
        summary=(
            "Non-monotonic cubic unit: x - x^3, the identity near 0 that turns back at ±1/sqrt(3), with zeros "
            "at 0 and ±1, so one neuron can carve the input line into several regions. Proposed by Noel "
            "et al. alongside the shifted quadratic unit; the cubic growth (with the wrong sign) makes it "
            "unstable for large inputs, so it needs careful normalisation."
        ),
        reference=_NOEL_2023,
    )
)

"""Rectifiers whose corner is moved: below zero in the displaced relu (DReLU) and the
Flatten-T swish (FTS), both meant to push mean activations towards zero, and to the right
of it, with a jump, in JumpReLU (sparse autoencoders)."""

from __future__ import annotations

import numpy as np

from ..entry import SCALE_RANGE, Activation, Kink, Param, Reference
from ..registry import register
from . import _piecewise, _stable
from ._lookup import kernel

FAMILY = "rectifier"


def _displaced_relu(x: np.ndarray, delta: float) -> np.ndarray:
    return np.maximum(x, -delta)


def _displaced_relu_d1(x: np.ndarray, delta: float) -> np.ndarray:
    return _piecewise.indicator(x > -delta, x)


register(
    Activation(
        name="displaced_relu",
        family=FAMILY,
        aliases=("drelu",),
        parameters=(Param("delta", 0.05, "delta, how far below 0 the floor sits", lower=0.0, upper=1e300),),
        f=_displaced_relu,
        df=_displaced_relu_d1,
        d2f=lambda x, delta: _stable.zeros_like(x),
        kink_points=lambda delta: (Kink(-delta, "f'(-delta) = 0, as relu'(0) = 0 in torch (x > -delta ? 1 : 0)"),),
        latex=r"\mathrm{DReLU}(x) = \max(x, -\delta)",
        latex_derivative=r"\mathrm{DReLU}'(x) = \mathbb{1}[x > -\delta]",
        summary=(
            "Displaced rectifier linear unit: relu with its bend moved to (-delta, -delta), so a small band "
            "of negative inputs passes through. Macêdo et al. argue that this extends the identity into the "
            "third quadrant and lowers the bias shift that batch-normalised relu networks suffer, and "
            "report faster, more accurate CIFAR training. It keeps relu's dead region below -delta."
        ),
        reference=Reference(
            "Macêdo, Zanchettin, Oliveira & Ludermir",
            2019,
            "Enhancing batch normalized convolutional networks using displaced rectifier linear units: "
            "A systematic comparative study",
            "https://doi.org/10.1016/j.eswa.2019.01.066",
        ),
        notes="delta = 0.05 as the paper's experiments.",
    )
)


def _flatten_t_swish(x: np.ndarray, threshold: float) -> np.ndarray:
    return np.where(x >= 0, kernel("silu", 0)(np.maximum(x, 0.0)) + threshold, threshold + _stable.nan_mark(x))


def _flatten_t_swish_d1(x: np.ndarray, threshold: float) -> np.ndarray:
    return _stable.nan_mark(x) + np.where(x >= 0, kernel("silu", 1)(np.maximum(x, 0.0)), 0.0)


def _flatten_t_swish_d2(x: np.ndarray, threshold: float) -> np.ndarray:
    return _stable.nan_mark(x) + np.where(x >= 0, kernel("silu", 2)(np.maximum(x, 0.0)), 0.0)


register(
    Activation(
        name="flatten_t_swish",
        family=FAMILY,
        aliases=("fts",),
        parameters=(Param("threshold", -0.2, "T, the constant value left of 0 (the paper's -0.20)", lower=-SCALE_RANGE[1], upper=SCALE_RANGE[1], narrowed=True),),
        f=_flatten_t_swish,
        df=_flatten_t_swish_d1,
        d2f=_flatten_t_swish_d2,
        kink_points=lambda threshold: (
            Kink(0.0, "f' jumps from 0 to 1/2 and f'' from 0 to 1/2; f'(0) = 1/2, f''(0) = 1/2 (the paper's x >= 0)"),
        ),
        latex=r"\mathrm{FTS}(x) = x\sigma(x) + T \;(x \geq 0),\;\; T \;(x < 0)",
        latex_derivative=r"\mathrm{FTS}'(x) = \sigma(x)\left(1 + x\sigma(-x)\right) \;(x \geq 0),\;\; 0 \;(x < 0)",
        summary=(
            "Flatten-T swish: swish on the positive side and a flat level T < 0 on the negative side, "
            "shifted so that the output mean moves towards zero. Chieng et al. combine relu's sparsity "
            "(flat gradient-free left side) with swish's smooth positive branch and report gains over relu "
            "on MNIST and CIFAR; the slope jumps from 0 to 1/2 at 0."
        ),
        reference=Reference(
            "Chieng, Wahid, Pauline & Perla",
            2018,
            "Flatten-T Swish: a thresholded ReLU-Swish-like activation function for deep learning",
            "https://arxiv.org/abs/1812.06247",
        ),
        notes="T = -0.20 as the paper.",
    )
)


register(
    Activation(
        name="jump_relu",
        family=FAMILY,
        aliases=("jumprelu",),
        parameters=(Param("theta", 1.0, "theta, the threshold (learned per feature; no published default)", lower=0.0),),
        f=lambda x, theta: kernel("thresholded_relu", 0)(x, theta=theta),
        df=lambda x, theta: kernel("thresholded_relu", 1)(x, theta=theta),
        d2f=lambda x, theta: _stable.zeros_like(x),
        kink_points=lambda theta: (
            Kink(theta, ("f' jumps from 0 to 1" if theta == 0.0 else "f jumps from 0 to theta")
                 + "; f(theta) = 0 and f'(theta) = 0 (H(0) = 0: x H(x - theta))"),
        ),
        latex=r"\mathrm{JumpReLU}_\theta(x) = x\, H(x - \theta)",
        latex_derivative=r"\mathrm{JumpReLU}_\theta'(x) = H(x - \theta)",
        summary=(
            "JumpReLU: x where x exceeds a threshold theta, 0 elsewhere, so the output jumps from 0 to theta. "
            "Sparse autoencoders that read out language-model features (Gemma Scope) use it because it "
            "separates deciding whether a feature is active (the threshold) from how strongly (the value), "
            "and train theta with straight-through estimators of the jump. It is the same function as "
            "keras' thresholded relu."
        ),
        reference=Reference(
            "Rajamanoharan, Lieberum, Sonnerat, Conmy, Varma, Kramár & Nanda",
            2024,
            "Jumping Ahead: Improving Reconstruction Fidelity with JumpReLU Sparse Autoencoders",
            "https://arxiv.org/abs/2407.14435",
        ),
        notes="Identical to thresholded_relu (x > theta ? x : 0); theta is learned per feature, 1 here draws the jump.",
    )
)

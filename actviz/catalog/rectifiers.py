"""Rectifiers: piecewise-linear units built on max(0, x)."""

from __future__ import annotations

import numpy as np

from ..activation import Activation, Kink, Reference
from ..registry import register
from . import _stable

FAMILY = "rectifier"


def _relu(x: np.ndarray) -> np.ndarray:
    # x * (x > 0) would turn inf * 0 into nan; maximum keeps nan and gives +0 for -0.
    return np.maximum(x, 0.0)


def _relu_d1(x: np.ndarray) -> np.ndarray:
    return _stable.heaviside(x, 0.0)


register(
    Activation(
        name="relu",
        family=FAMILY,
        f=_relu,
        df=_relu_d1,
        d2f=_stable.zeros_like,
        latex=r"\mathrm{ReLU}(x) = \max(0, x)",
        latex_derivative=r"\mathrm{ReLU}'(x) = \mathbb{1}[x > 0]",
        kink_points=lambda: (Kink(0.0, "relu'(0) = 0, as in torch and jax"),),
        summary=(
            "Rectified linear unit: the identity for positive inputs, zero otherwise. Cheap, sparse, "
            "and free of saturation on the right, so it made deep networks trainable; but it is not "
            "zero-centred, unbounded above, and a unit whose inputs stay negative gets zero gradient "
            "forever (a 'dead ReLU'; large learning rates can kill many units)."
        ),
        reference=Reference(
            "Nair & Hinton",
            2010,
            "Rectified Linear Units Improve Restricted Boltzmann Machines",
            "https://www.cs.toronto.edu/~hinton/absps/reluICML.pdf",
        ),
    )
)

"""Step activations: piecewise-constant (or thresholded) units whose value
jumps, the all-or-nothing neurons of the first neural networks."""

from __future__ import annotations

import numpy as np

from ..entry import Activation, Kink, Param, Reference
from ..registry import register
from . import _piecewise, _stable
from .shrinkage import TORCH7

FAMILY = "step"

_JUMP_DERIVATIVE = "the derivative is 0 on both sides and, as torch's backward gives, 0 at the jump itself"


register(
    Activation(
        name="sign",
        family=FAMILY,
        f=np.sign,
        df=_stable.zeros_like,
        d2f=_stable.zeros_like,
        latex=r"\mathrm{sign}(x) = \mathbb{1}[x > 0] - \mathbb{1}[x < 0]",
        latex_derivative=r"\mathrm{sign}'(x) = 0 \;(x \neq 0)",
        kink_points=lambda: (Kink(0.0, f"sign(0) = 0 (torch.sign, np.sign); {_JUMP_DERIVATIVE}"),),
        summary=(
            "The sign function: -1, 0 or 1. The bipolar threshold unit of the perceptron and ADALINE era and "
            "today the forward pass of binarised networks (trained with a straight-through gradient, since the "
            "true derivative is 0 everywhere but the jump). Gradient descent cannot train it directly."
        ),
        reference=Reference(
            "Rosenblatt",
            1958,
            "The perceptron: a probabilistic model for information storage and organization in the brain",
            "https://doi.org/10.1037/h0042519",
        ),
        notes="sign(0) = 0 as torch.sign, jnp.sign and np.sign; sign(-0) = 0.",
    )
)


def _binary_step(x: np.ndarray) -> np.ndarray:
    # 1 for x >= 0 (so also at -0), 0 for x < 0
    return _stable.heaviside(x, 1.0)


register(
    Activation(
        name="binary_step",
        family=FAMILY,
        aliases=("heaviside",),
        f=_binary_step,
        df=_stable.zeros_like,
        d2f=_stable.zeros_like,
        latex=r"H(x) = \mathbb{1}[x \geq 0]",
        latex_derivative=r"H'(x) = 0 \;(x \neq 0)",
        kink_points=lambda: (Kink(0.0, f"binary_step(0) = 1 (a unit fires at threshold); {_JUMP_DERIVATIVE}"),),
        summary=(
            "The Heaviside step: 1 once the input reaches the threshold 0, else 0, the all-or-none neuron of "
            "McCulloch and Pitts and of Rosenblatt's perceptron. It cannot be trained by backpropagation (its "
            "derivative is 0 almost everywhere) and gives no graded output, which is why smooth sigmoids replaced it."
        ),
        reference=Reference(
            "McCulloch & Pitts",
            1943,
            "A logical calculus of the ideas immanent in nervous activity",
            "https://doi.org/10.1007/BF02478259",
        ),
        notes=(
            "H(0) = 1, the McCulloch-Pitts convention (fire when the input reaches the threshold). "
            "torch.heaviside and np.heaviside make the value at 0 an argument; jax and keras ship no step."
        ),
    )
)


def _threshold(x: np.ndarray, threshold: float, value: float) -> np.ndarray:
    # torch.nn.Threshold: x if x > threshold else value (nan stays nan)
    return _piecewise.above_or(x, threshold, value)


def _threshold_d1(x: np.ndarray, threshold: float, value: float) -> np.ndarray:
    return _piecewise.indicator(x > threshold, x)


register(
    Activation(
        name="threshold",
        family=FAMILY,
        f=_threshold,
        df=_threshold_d1,
        d2f=_stable.zeros_like,
        parameters=(
            Param("threshold", 1.0, "inputs at or below it are replaced"),
            Param("value", 0.0, "what replaces inputs at or below the threshold"),
        ),
        latex=r"\mathrm{threshold}(x) = x \;(x > \theta),\;\; v \;(x \leq \theta)",
        latex_derivative=r"\mathrm{threshold}'(x) = \mathbb{1}[x > \theta]",
        kink_points=lambda threshold, value: (
            Kink(
                threshold,
                "threshold(threshold) = value and threshold'(threshold) = 0, as in torch "
                "(its backward passes gradient only for x > threshold); f jumps there unless value = threshold",
            ),
        ),
        summary=(
            "Thresholded identity: the input passes when above a threshold and is replaced by a constant "
            "otherwise; relu is threshold = value = 0. With value != threshold the output jumps at the "
            "threshold, and inputs below it get no gradient, as with a dead ReLU."
        ),
        reference=TORCH7,
        notes=(
            "torch.nn.Threshold(threshold, value) has no defaults; actviz picks threshold = 1, value = 0 so the "
            "jump is visible. keras 3 has threshold(x, threshold, default_value); jax has none. No paper "
            "introduced it; it comes from Lua Torch."
        ),
    )
)

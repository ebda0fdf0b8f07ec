"""Sigmoidal activations: bounded, monotone, S-shaped squashing functions."""

from __future__ import annotations

import numpy as np

from ..activation import Activation, Reference
from ..registry import register
from . import _stable

FAMILY = "sigmoidal"


def _sigmoid_d2(x: np.ndarray) -> np.ndarray:
    # sigma'' = sigma' (1 - 2 sigma) = -sigma'(x) tanh(x/2): no cancellation near 0 or in the tails.
    return -_stable.sigmoid_prime(x) * np.tanh(0.5 * x)


register(
    Activation(
        name="sigmoid",
        family=FAMILY,
        aliases=("logistic", "expit"),
        f=_stable.sigmoid,
        df=_stable.sigmoid_prime,
        d2f=_sigmoid_d2,
        latex=r"\sigma(x) = \frac{1}{1 + e^{-x}}",
        latex_derivative=r"\sigma'(x) = \sigma(x)\,\sigma(-x)",
        summary=(
            "The logistic function: squashes R onto (0, 1), so it reads as a probability and is the "
            "output layer of binary classifiers and the gate of LSTMs. As a hidden activation it is "
            "not zero-centred and saturates on both sides; its slope is at most 1/4, so gradients "
            "shrink geometrically through deep stacks (the vanishing-gradient problem)."
        ),
        reference=Reference(
            "Rumelhart, Hinton & Williams",
            1986,
            "Learning representations by back-propagating errors",
            "https://doi.org/10.1038/323533a0",
        ),
    )
)


def _tanh_d1(x: np.ndarray) -> np.ndarray:
    return _stable.sech2(x)


def _tanh_d2(x: np.ndarray) -> np.ndarray:
    # tanh'' = -2 tanh(x) sech^2(x)
    return -2.0 * np.tanh(x) * _stable.sech2(x)


register(
    Activation(
        name="tanh",
        family=FAMILY,
        f=np.tanh,
        df=_tanh_d1,
        d2f=_tanh_d2,
        latex=r"\tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        latex_derivative=r"\tanh'(x) = 1 - \tanh^2(x) = \operatorname{sech}^2(x)",
        summary=(
            "Hyperbolic tangent: a zero-centred sigmoid onto (-1, 1), equal to 2 sigmoid(2x) - 1, "
            "and approximately the identity near 0. The classic hidden activation of MLPs and RNNs; "
            "it still saturates on both sides, so deep tanh stacks lose gradient unless initialised "
            "at the edge of chaos."
        ),
        reference=Reference(
            "LeCun, Bottou, Orr & Mueller",
            1998,
            "Efficient BackProp",
            "https://doi.org/10.1007/3-540-49430-8_2",
        ),
    )
)

"""Logarithmic units: odd functions that grow like log|x|, compressing large
inputs without saturating (asinh, the symmetric logarithm)."""

from __future__ import annotations

import numpy as np

from ..entry import Activation, Kink, Reference
from ..registry import register
from . import _stable

FAMILY = "logarithmic"


def _asinh_d1(x: np.ndarray) -> np.ndarray:
    # 1/sqrt(1 + x^2) = r/sqrt(den) of isru_terms (alpha = 1): nothing squares a huge x
    _, r, den = _stable.isru_terms(x, 1.0)
    return r / np.sqrt(den)


def _asinh_d2(x: np.ndarray) -> np.ndarray:
    # -x (1 + x^2)^{-3/2} = -isru(x) asinh'(x)^2, with isru(x) = y/sqrt(den)
    y, r, den = _stable.isru_terms(x, 1.0)
    root = np.sqrt(den)
    return -(y / root) * ((r * r) / den)


register(
    Activation(
        name="asinh",
        family=FAMILY,
        aliases=("arcsinh",),
        f=np.arcsinh,
        df=_asinh_d1,
        d2f=_asinh_d2,
        latex=r"\mathrm{arsinh}(x) = \log\left(x + \sqrt{x^{2} + 1}\right)",
        latex_derivative=r"\mathrm{arsinh}'(x) = \frac{1}{\sqrt{1 + x^{2}}}",
        summary=(
            "The inverse hyperbolic sine: the identity near 0 and a signed logarithm, log(2|x|), far out, "
            "smooth everywhere. It compresses heavy-tailed inputs without saturating, and has served as an "
            "activation and as the variance-stabilising transform for count and flow data; its slope "
            "decays like 1/|x|, so large inputs learn slowly."
        ),
        reference=Reference(
            "Burbidge, Magee & Robb",
            1988,
            "Alternative Transformations to Handle Extreme Values of the Dependent Variable",
            "https://doi.org/10.2307/2288929",
        ),
        notes="torch.asinh, jax.numpy.arcsinh; no framework lists it among its activations.",
    )
)


def _symlog(x: np.ndarray) -> np.ndarray:
    return np.copysign(np.log1p(np.abs(x)), x)


def _symlog_d1(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.abs(x))


def _symlog_d2(x: np.ndarray) -> np.ndarray:
    # -sign(x)/(1 + |x|)^2; sign(0) = 0 is the mean of the one-sided values
    r = _symlog_d1(x)
    return -np.sign(x) * (r * r)


register(
    Activation(
        name="symlog",
        family=FAMILY,
        aliases=("signed_log1p",),
        f=_symlog,
        df=_symlog_d1,
        d2f=_symlog_d2,
        kink_points=lambda: (Kink(0.0, "f'' jumps from 1 to -1; f''(0) = 0, their mean"),),
        latex=r"\mathrm{symlog}(x) = \mathrm{sign}(x) \log(1 + |x|)",
        latex_derivative=r"\mathrm{symlog}'(x) = \frac{1}{1 + |x|}",
        summary=(
            "The symmetric logarithm: the identity near 0, sign(x) log|x| far out. DreamerV3 squashes "
            "inputs, rewards and value targets with it so that one set of hyperparameters handles signals "
            "of any scale across very different domains; as an activation it is unbounded but grows only "
            "logarithmically, and its second derivative jumps at 0."
        ),
        reference=Reference(
            "Hafner, Pasukonis, Ba & Lillicrap",
            2023,
            "Mastering Diverse Domains through World Models",
            "https://arxiv.org/abs/2301.04104",
        ),
        notes="DreamerV3's symlog (its inverse symexp decodes predictions).",
    )
)

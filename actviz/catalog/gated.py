"""Self-gated units that are catalogue functions scaled or renamed by their own
papers: E-swish (beta silu), TeLU (x tanh(e^x), published again as TanhExp's twin) and
ACON-C (a silu of (p1 - p2) x plus a linear term).

Their kernels are the catalogue's own (:func:`._lookup.kernel`)."""

from __future__ import annotations

import numpy as np

from ..entry import Activation, Param, Reference
from ..registry import register
from . import _overflow, _stable
from ._lookup import kernel

FAMILY = "self-gated"


def _eswish(x: np.ndarray, beta: float) -> np.ndarray:
    return _overflow.times(beta, kernel("silu", 0)(x))


def _eswish_d1(x: np.ndarray, beta: float) -> np.ndarray:
    return beta * kernel("silu", 1)(x)


def _eswish_d2(x: np.ndarray, beta: float) -> np.ndarray:
    return beta * kernel("silu", 2)(x)


register(
    Activation(
        name="eswish",
        family=FAMILY,
        aliases=("e_swish",),
        parameters=(Param("beta", 1.375, "beta, the scale on x sigma(x) (the paper: 1 <= beta <= 2)", lower=1.0, upper=2.0),),
        f=_eswish,
        df=_eswish_d1,
        d2f=_eswish_d2,
        latex=r"\mathrm{Eswish}(x) = \beta x \sigma(x)",
        latex_derivative=r"\mathrm{Eswish}'(x) = \beta \left(\sigma(x) + x \sigma(x) \sigma(-x)\right)",
        summary=(
            "E-swish: silu multiplied by a constant beta between 1 and 2, which steepens the unit (slope "
            "beta on the right) and deepens its negative dip. Alcaide reports it beating relu and swish "
            "on CIFAR wide residual networks, with the best beta depending on depth; the scale trades "
            "faster learning for a larger risk of exploding activations."
        ),
        reference=Reference(
            "Alcaide",
            2018,
            "E-swish: Adjusting Activations to Different Network Depths",
            "https://arxiv.org/abs/1801.07145",
        ),
        notes="beta = 1.375, one of the paper's best values for wide residual networks; beta = 1 is silu.",
    )
)


register(
    Activation(
        name="telu",
        family=FAMILY,
        f=lambda x: kernel("tanh_exp", 0)(x),
        df=lambda x: kernel("tanh_exp", 1)(x),
        d2f=lambda x: kernel("tanh_exp", 2)(x),
        latex=r"\mathrm{TeLU}(x) = x \tanh(e^{x})",
        latex_derivative=r"\mathrm{TeLU}'(x) = \tanh(e^{x}) + x e^{x} \operatorname{sech}^{2}(e^{x})",
        summary=(
            "Hyperbolic tangent exponential linear unit: x tanh(e^x), close to the identity for positive "
            "inputs (like relu, no saturation) and a smooth, non-monotone dip to 0 on the left. Fernandez "
            "and Mali argue it keeps relu's fast convergence with the stability and robustness of smooth "
            "units, across image, language and reinforcement-learning benchmarks. It is the same function "
            "as TanhExp (Liu & Di 2020), published independently."
        ),
        reference=Reference(
            "Fernandez & Mali",
            2024,
            "TeLU Activation Function for Fast and Stable Deep Learning",
            "https://arxiv.org/abs/2412.20269",
        ),
        notes="Identical to tanh_exp (x tanh(e^x)); its own entry because the two papers name it differently.",
    )
)


# -- ACON-C ---------------------------------------------------------------------------


def _acon_argument(x: np.ndarray, p1: float, p2: float, beta: float) -> np.ndarray:
    """u = beta (p1 - p2) x, |x| clipped where sigma(u) has long saturated (u never overflows)."""
    scale = beta * (p1 - p2)
    limit = 1e300 / max(scale, 1.0)
    return scale * np.clip(x, -limit, limit)


def _acon_c(x: np.ndarray, p1: float, p2: float, beta: float) -> np.ndarray:
    r""":math:`x\,((p_1 - p_2)\sigma(u) + p_2)`: with 0 <= p2 <= p1 the bracket is a sum of
    non-negative terms, so nothing cancels; 0 * inf = 0 and overflow to ±inf as the limits."""
    gate = (p1 - p2) * _stable.sigmoid(_acon_argument(x, p1, p2, beta)) + p2
    return _overflow.multiply(x, gate)


def _acon_c_d1(x: np.ndarray, p1: float, p2: float, beta: float) -> np.ndarray:
    # (p1 - p2) silu'(u) + p2
    return (p1 - p2) * kernel("silu", 1)(_acon_argument(x, p1, p2, beta)) + p2


def _acon_c_d2(x: np.ndarray, p1: float, p2: float, beta: float) -> np.ndarray:
    # beta (p1 - p2)^2 silu''(u)
    d = p1 - p2
    return (beta * d * d) * kernel("silu", 2)(_acon_argument(x, p1, p2, beta))


def _acon_c_constraint(p1: float, p2: float, beta: float) -> str | None:
    if p2 > p1:
        return f"p2 = {p2:g} must not exceed p1 = {p1:g} (the kernel is exact where x ((p1 - p2) sigma + p2) cannot cancel)"
    return None


register(
    Activation(
        name="acon_c",
        family=FAMILY,
        parameters=(
            Param("p1", 1.0, "p1, the slope the unit tends to for large x (learned per channel)", lower=0.0, upper=1e3),
            Param("p2", 0.25, "p2, the slope for very negative x (learned per channel)", lower=0.0, upper=1e3),
            Param("beta", 1.0, "beta, the switching factor between the two slopes (learned)", lower=1e-3, upper=1e3),
        ),
        constraint=_acon_c_constraint,
        f=_acon_c,
        df=_acon_c_d1,
        d2f=_acon_c_d2,
        latex=r"\mathrm{ACON\text{-}C}(x) = (p_1 - p_2)\, x\, \sigma(\beta (p_1 - p_2) x) + p_2 x",
        latex_derivative=r"\mathrm{ACON\text{-}C}'(x) = (p_1 - p_2)\, \mathrm{silu}'(\beta (p_1 - p_2) x) + p_2",
        summary=(
            "ACON-C, 'activate or not': a smooth maximum of the lines p1 x and p2 x, so a learned beta "
            "switches each channel between linear (beta -> 0) and a leaky-relu-like max (beta -> inf); "
            "with p1 = 1, p2 = 0 it is swish. Ma et al. learn p1, p2 and beta per channel (Meta-ACON "
            "even predicts beta from the input) and report ImageNet gains for mobile and large networks. "
            "The extra parameters cost memory and may overfit."
        ),
        reference=Reference(
            "Ma, Zhang, Liu, Zhang & Sun",
            2021,
            "Activate or Not: Learning Customized Activation",
            "https://arxiv.org/abs/2009.04759",
        ),
        notes=(
            "The paper initialises p1 and p2 randomly per channel and beta = 1; p1 = 1, p2 = 0.25 here draw "
            "the shape. 0 <= p2 <= p1 is required: there the kernel is exact."
        ),
    )
)


# -- GoLU: x exp(-exp(-x)) ----------------------------------------------------------------


def _golu_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(xc, t, g): x clipped at -40 (where the Gompertz gate exp(-e^{-x}) has long underflowed),
    t = e^{-x} and g = exp(-t)."""
    xc = np.maximum(x, -40.0)
    t = np.exp(-xc)
    return xc, t, np.exp(-t)


def _golu(x: np.ndarray) -> np.ndarray:
    return _stable.times_vanishing(x, _golu_parts(x)[2])


def _golu_d1(x: np.ndarray) -> np.ndarray:
    # g (1 + x e^{-x}); x e^{-x} -> 0 at +inf
    xc, t, g = _golu_parts(x)
    return g * (1.0 + _stable.times_vanishing(xc, t))


def _golu_d2(x: np.ndarray) -> np.ndarray:
    # g t (2 + x t - x) = g (2t + x t (t - 1)), every product of x with a vanishing factor kept finite
    xc, t, g = _golu_parts(x)
    return g * (2.0 * t + _stable.times_vanishing(xc, t * (t - 1.0)))


register(
    Activation(
        name="golu",
        family=FAMILY,
        aliases=("gompertz_linear_unit",),
        f=_golu,
        df=_golu_d1,
        d2f=_golu_d2,
        latex=r"\mathrm{GoLU}(x) = x\, e^{-e^{-x}}",
        latex_derivative=r"\mathrm{GoLU}'(x) = e^{-e^{-x}} \left(1 + x e^{-x}\right)",
        summary=(
            "Gompertz linear unit: x gated by the Gompertz function exp(-e^{-x}), the Gumbel CDF, which "
            "is skewed: it reaches 1 quickly on the right and leaves 0 slowly on the left. Das et al. "
            "argue the asymmetry shrinks the variance of the hidden activations compared with gelu and "
            "swish while keeping gradients flowing, and report gains across vision, language and "
            "diffusion models. Non-monotone, with a shallow dip left of 0 like silu."
        ),
        reference=Reference(
            "Das, Safari, Adriaensen & Hutter",
            2025,
            "Gompertz Linear Units: Leveraging Asymmetry for Enhanced Learning Dynamics",
            "https://arxiv.org/abs/2502.03654",
        ),
    )
)

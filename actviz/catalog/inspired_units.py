"""Units modelled on something outside deep learning: the elephant bump (sparse
gradients against forgetting), the apical dendrite activations ADA and leaky ADA
(human pyramidal neurons), and the ReLU-memristor-like RMAF (a memristor's window
function).

ADA, leaky ADA and RMAF are declared by formula over catalogue functions
(:func:`._declare.declare`), with a hand f'' for the two ADAs, whose kink at 0 the
chain rule through max() would weight by 1/4 instead of 1/2. The elephant bump
has hand kernels: |x/a|^d overflows long before the bump reaches 0.
"""

from __future__ import annotations

import numpy as np

from ..entry import Kink, Param, Reference
from . import _overflow
from ._declare import declare

# -- the elephant bump: 1 / (1 + |x/a|^d) ---------------------------------------------------


def _elephant_parts(x: np.ndarray, a: float, d: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(r, w, inside): r = |x|/a, w = r^d where r <= 1 and r^-d beyond (never overflows), inside = r <= 1."""
    r = _overflow.divide(np.abs(x), a)
    inside = r <= 1.0
    w = np.where(inside, r, 1.0 / np.where(inside, 1.0, r)) ** d
    return r, w, inside


def _elephant(x: np.ndarray, a: float, d: float) -> np.ndarray:
    # 1/(1 + v) inside, u/(1 + u) beyond, with v = r^d, u = r^-d
    _, w, inside = _elephant_parts(x, a, d)
    return np.where(inside, 1.0, w) / (1.0 + w)


def _elephant_d1(x: np.ndarray, a: float, d: float) -> np.ndarray:
    # -(d/a) sign(x) r^(d-1)/(1 + r^d)^2 = -(d/a) sign(x) r^(d-1)/(1 + v)^2 inside, -(d/(a r)) sign(x) u/(1 + u)^2 beyond
    r, w, inside = _elephant_parts(x, a, d)
    inner = np.where(inside, r, 1.0) ** (d - 1.0) / (1.0 + w) ** 2
    outer = w / (np.where(inside, 1.0, r) * (1.0 + w) ** 2)
    return -(d / a) * np.sign(x) * np.where(inside, inner, outer)


def _elephant_d2(x: np.ndarray, a: float, d: float) -> np.ndarray:
    # -(d/a^2) r^(d-2) ((d - 1) - (d + 1) r^d)/(1 + r^d)^3; beyond: -(d/a^2) r^-2 u ((d - 1) u - (d + 1))/(1 + u)^3
    r, w, inside = _elephant_parts(x, a, d)
    inner = np.where(inside, r, 1.0) ** (d - 2.0) * ((d - 1.0) - (d + 1.0) * w) / (1.0 + w) ** 3
    far = np.where(inside, 1.0, r)
    outer = (w / far / far) * ((d - 1.0) * w - (d + 1.0)) / (1.0 + w) ** 3
    return -(d / (a * a)) * np.where(inside, inner, outer)


declare(
    "elephant",
    "1/(1 + abs(x/a)**d)",
    family="localized",
    aliases=("elephant_activation",),
    parameters=(
        Param("a", 1.0, "a, the half-width: the bump is 1/2 at ±a", lower=1e-3, upper=1e3),
        Param("d", 4.0, "d, the steepness of the sides (the bump's flat top widens with d)", lower=2.0, upper=32.0),
    ),
    kernels=(_elephant, _elephant_d1, _elephant_d2),
    latex=r"\mathrm{elephant}(x) = \frac{1}{1 + \left|x/a\right|^{d}}",
    latex_derivative=r"\mathrm{elephant}'(x) = -\frac{d}{a}\,\frac{\mathrm{sign}(x)\,|x/a|^{d-1}}{\left(1 + |x/a|^{d}\right)^{2}}",
    summary=(
        "The elephant bump: 1 at 0, 1/2 at ±a, falling off like |a/x|^d, a smooth box whose top flattens as d "
        "grows. Both its value and its slope are small away from [-a, a], so each input moves few units and "
        "few weights (sparse outputs and sparse gradients): Lan and Mahmood show networks of it forget less "
        "in continual regression, class-incremental and reinforcement learning."
    ),
    reference=Reference(
        "Lan & Mahmood",
        2023,
        "Elephant Neural Networks: Born to Be a Continual Learner",
        "https://arxiv.org/abs/2310.01365",
    ),
    kink_points=lambda a, d: (),
    notes=(
        "d = 4 as in the paper; a = 1 here (the paper tunes the width a per task). d is kept >= 2 so that f'' is "
        "finite at 0."
    ),
)


# -- ADA and leaky ADA: rectified inputs damped by e^{-alpha x} --------------------------------

_GEORGESCU = Reference(
    "Georgescu, Ionescu, Ristea & Sebe",
    2020,
    "Non-linear Neurons with Human-like Apical Dendrite Activations",
    "https://arxiv.org/abs/2003.03229",
)


def _ada_d2(x: np.ndarray, alpha: float, leak: float = 0.0) -> np.ndarray:
    # alpha (alpha x - 2) e^{-alpha x} for x > 0, 0 for x < 0, their mean -alpha at 0 (the leak is linear)
    xp = np.minimum(np.maximum(x, 0.0), 2e3 / alpha)  # beyond, e^{-alpha x} < e^{-2000}: f'' is 0 to every digit
    right = alpha * (alpha * xp - 2.0) * np.exp(-alpha * xp)
    return np.where(x > 0, right, np.where(x == 0, 0.5 * right, 0.0 * right))


def _ada_kink(alpha: float, leak: float = 0.0) -> tuple[Kink, ...]:
    return (Kink(0.0, f"the slope jumps from {leak:g} to 1 and f'(0) is their mean; f'' jumps from 0 to "
                      f"-2 alpha and f''(0) = -alpha, their mean"),)


declare(
    "ada",
    "max(x, 0)*exp(-alpha*max(x, 0))",
    family="localized",
    aliases=("apical_dendrite_activation",),
    parameters=(Param("alpha", 0.3, "alpha, the decay rate: the output peaks at x = 1/alpha", lower=1e-3, upper=1e3),),
    kernels=(None, None, _ada_d2),
    kink_points=_ada_kink,
    latex=r"\mathrm{ADA}(x) = \max(x, 0)\,e^{-\alpha x}",
    latex_derivative=r"\mathrm{ADA}'(x) = (1 - \alpha x)\,e^{-\alpha x}\ (x > 0),\quad 0\ (x < 0)",
    summary=(
        "Apical dendrite activation: zero for negative inputs, then a rise and an exponential decay, peaking at "
        "1/(e alpha) for x = 1/alpha, after the response of the apical dendrites of human pyramidal neurons "
        "(strongest near threshold, damped for strong input). Because it goes up and then down, one neuron can "
        "learn XOR; Georgescu et al. report gains over ReLU and leaky ReLU in MLPs and CNNs."
    ),
    reference=_GEORGESCU,
    notes="alpha = 0.3, the default of the authors' code (github.com/raduionescu/pynada); the paper also learns it.",
)

declare(
    "leaky_ada",
    "leak*min(x, 0) + max(x, 0)*exp(-alpha*max(x, 0))",
    family="localized",
    aliases=("leaky_apical_dendrite_activation",),
    parameters=(
        Param("alpha", 0.1, "alpha, the decay rate: the positive part peaks at x = 1/alpha", lower=1e-3, upper=1e3),
        Param("leak", 0.01, "the slope of the negative part", lower=0.0, upper=1.0),
    ),
    kernels=(None, None, _ada_d2),
    kink_points=_ada_kink,
    latex=r"\mathrm{leakyADA}(x) = l \min(x, 0) + \max(x, 0)\,e^{-\alpha x}",
    latex_derivative=r"\mathrm{leakyADA}'(x) = (1 - \alpha x)\,e^{-\alpha x}\ (x > 0),\quad l\ (x < 0)",
    summary=(
        "Leaky apical dendrite activation: ADA with a small slope l on the negative side, as leaky ReLU is to "
        "ReLU, so negative inputs keep a gradient. Proposed with ADA."
    ),
    reference=_GEORGESCU,
    notes="alpha = 0.1 and leak = 0.01, the defaults of the authors' code (github.com/raduionescu/pynada).",
)


# -- RMAF: x times a memristor window function -------------------------------------------------

declare(
    "rmaf",
    "alpha*(x*richards(x + log(4), nu=p))",
    family="self-gated",
    aliases=("relu_memristor_like",),
    parameters=(
        Param("alpha", 1.0, "alpha, the output scale (learned; the paper's j alpha)", lower=1e-3, upper=1e3),
        Param("p", 1.0, "p, the window exponent that flattens the gate", lower=1e-3, upper=3.0),
    ),
    latex=r"\mathrm{RMAF}(x) = \frac{\alpha x}{\left(0.25\,(1 + e^{-x}) + 0.75\right)^{p}}",
    latex_derivative=r"\mathrm{RMAF}'(x) = \alpha w^{p}\left(1 + p\,x\,\frac{e^{-x}/4}{1 + e^{-x}/4}\right),\; w = \frac{1}{1 + e^{-x}/4}",
    summary=(
        "ReLU-memristor-like activation: x times the window function of a memristor model, "
        "(0.25 (1 + e^{-x}) + 0.75)^{-p} = (1 + e^{-x}/4)^{-p}, a logistic-like gate shifted left by ln 4, so "
        "the unit looks like a swish that opens earlier and dips less below 0. Yu et al. report it ahead of "
        "ReLU, tanh and swish on MLPs, ResNet, SqueezeNet and DenseNet."
    ),
    reference=Reference(
        "Yu, Adu, Tashi, Anokye, Wang & Ayidzoe",
        2020,
        "RMAF: Relu-Memristor-Like Activation Function for Deep Learning",
        "https://doi.org/10.1109/ACCESS.2020.2987829",
    ),
    notes=(
        "Written as alpha x richards(x + ln 4; nu = p), the same function ((1 + e^{-x}/4)^{-p} is the Richards "
        "curve moved left by ln 4). The paper's constant j and trainable alpha multiply, so they are one "
        "parameter here; alpha = p = 1 (a common initialisation; the paper's choices vary by experiment)."
    ),
)

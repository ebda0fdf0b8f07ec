"""Self-gated units declared by their formula over catalogue functions
(:func:`._declare.declare`): their derivatives are the formula's, through the
catalogue's own stable kernels. Imported after the modules whose entries the
formulas call (gelu, cloglog)."""

from __future__ import annotations

from ..entry import Reference
from ._declare import declare

FAMILY = "self-gated"

declare(
    "phish",
    "x*tanh(gelu(x))",
    family=FAMILY,
    latex=r"\mathrm{Phish}(x) = x \tanh(\mathrm{GELU}(x))",
    summary=(
        "Phish: x gated by tanh of gelu, a composition in the spirit of mish (x tanh(softplus(x))) with "
        "gelu's Gaussian gate inside. Naveen reports it beating swish, sigmoid and tanh on MNIST and "
        "CIFAR-10 classifiers; like mish it is smooth and non-monotone with a small negative dip, and "
        "it costs a tanh and a normal CDF per value."
    ),
    reference=Reference(
        "Naveen",
        2022,
        "Phish: A Novel Hyper-Optimizable Activation Function",
        "https://doi.org/10.36227/techrxiv.17283824",
    ),
)

declare(
    "gish",
    "x*log1p(cloglog(x))",
    family=FAMILY,
    latex=r"\mathrm{Gish}(x) = x \ln\left(2 - e^{-e^{x}}\right)",
    summary=(
        "Gish: x times the logarithm of 2 - exp(-e^x), i.e. of one plus the complementary log-log, a gate "
        "that rises from 0 to ln 2, so the unit tends to x ln 2 on the right and has a smooth negative "
        "dip on the left. Kaytan et al. report it ahead of swish, mish, logish and smish with EfficientNets "
        "on MNIST, CIFAR-10 and SVHN; non-monotone, and its right slope is ln 2, not 1."
    ),
    reference=Reference(
        "Kaytan, Aydilek & Yeroğlu",
        2023,
        "Gish: a novel activation function for image classification",
        "https://doi.org/10.1007/s00521-023-09035-5",
    ),
    notes="ln(2 - e^{-e^x}) = log1p(cloglog(x)): the catalogue's cloglog keeps the left tail exact.",
)

"""Every activation name of the frameworks and model zoos people use resolves in actviz.

Each list is copied from the place named above it (as of the date given); a name
that is an alias must give the same function as the framework's formula, which
``test_aliases_match_the_frameworks_formulas`` checks against their published code.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import actviz

# torch.nn.functional's activation functions (docs.pytorch.org, "torch.nn.functional",
# sections "Non-linear activation functions", 2025), plus nn.Softmax2d, which has no functional form.
TORCH = [
    "threshold", "relu", "hardtanh", "hardswish", "relu6", "elu", "selu", "celu", "leaky_relu", "prelu",
    "rrelu", "glu", "gelu", "logsigmoid", "hardshrink", "tanhshrink", "softsign", "softplus", "softmin",
    "softmax", "softshrink", "log_softmax", "tanh", "sigmoid", "hardsigmoid", "silu", "mish", "softmax2d",
]  # fmt: skip

# jax.nn (docs.jax.dev/en/latest/jax.nn.html: "Activation functions", plus softmax and log_softmax
# from "Other functions"), 2025.
JAX = [
    "relu", "relu6", "sigmoid", "softplus", "sparse_plus", "sparse_sigmoid", "soft_sign", "silu", "swish",
    "log_sigmoid", "leaky_relu", "hard_sigmoid", "hard_silu", "hard_swish", "hard_tanh", "tanh", "elu", "celu",
    "selu", "gelu", "glu", "squareplus", "mish", "identity", "softmax", "log_softmax",
]  # fmt: skip

# keras.activations, Keras 3 (keras.io/api/layers/activations and the keras3 1.5.0 reference), 2025.
KERAS = [
    "celu", "elu", "exponential", "gelu", "glu", "hard_shrink", "hard_sigmoid", "hard_silu", "hard_swish",
    "hard_tanh", "leaky_relu", "linear", "log_sigmoid", "log_softmax", "mish", "relu", "relu6", "selu",
    "sigmoid", "silu", "soft_shrink", "softmax", "softplus", "softsign", "sparse_plus", "sparse_sigmoid",
    "sparsemax", "squareplus", "swish", "tanh", "tanh_shrink", "threshold",
]  # fmt: skip

# transformers' ACT2CLS (huggingface/transformers, src/transformers/activations.py), its 24 keys in 2026.
TRANSFORMERS = [
    "gelu", "gelu_10", "gelu_fast", "gelu_new", "gelu_python", "gelu_pytorch_tanh", "gelu_python_tanh",
    "gelu_accurate", "hardswish", "laplace", "leaky_relu", "linear", "mish", "quick_gelu", "relu", "relu2",
    "relu6", "sigmoid", "silu", "sqrtsoftplus", "swish", "tanh", "prelu", "xielu",
]  # fmt: skip

# timm's _ACT_LAYER_DEFAULT and its hardsigmoid/hardswish aliases
# (huggingface/pytorch-image-models, timm/layers/create_act.py), 2025.
TIMM = [
    "silu", "swish", "mish", "relu", "relu6", "leaky_relu", "elu", "prelu", "celu", "selu", "gelu", "gelu_tanh",
    "quick_gelu", "sigmoid", "tanh", "hard_sigmoid", "hard_swish", "hard_mish", "identity", "hardsigmoid",
    "hardswish",
]  # fmt: skip

LISTS = {"torch": TORCH, "jax": JAX, "keras": KERAS, "transformers": TRANSFORMERS, "timm": TIMM}


@pytest.mark.parametrize(("source", "name"), [(source, name) for source, names in LISTS.items() for name in names])
def test_every_framework_name_resolves(source, name):
    assert actviz.get(name) is not None


def _gelu_tanh_formula(x, k=math.sqrt(2.0 / math.pi)):
    # transformers' NewGELUActivation: 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))
    return 0.5 * x * (1.0 + np.tanh(k * (x + 0.044715 * x**3)))


def _xielu_formula(x, alpha_p=0.8, alpha_n=0.8, beta=0.5, eps=-1e-6):
    # transformers' XIELUActivation._xielu_python with alpha_p, alpha_n at their initial values
    return np.where(x > 0, alpha_p * x * x + beta * x, (np.expm1(np.minimum(x, eps)) - x) * alpha_n + beta * x)


_SAMPLE = np.linspace(-4.0, 4.0, 161)

# (name, the framework's formula as published, rtol, atol): the formulas round differently from
# actviz's kernels, and 1 + tanh(y), 1 + erf(z) lose their left tails (absolute error ~ 2e-16 |x|,
# |x| <= 4 here), so they agree within a few ulp of the largest term, not exactly.
_TAIL = 4 * 4 * 2.0**-52
PUBLISHED_FORMULAS = [
    ("gelu_new", _gelu_tanh_formula, 1e-14, _TAIL),
    ("gelu_pytorch_tanh", _gelu_tanh_formula, 1e-14, _TAIL),
    ("gelu_accurate", _gelu_tanh_formula, 1e-14, _TAIL),
    # FastGELUActivation writes sqrt(2/pi) as 0.7978845608: 3.6e-12 relative in the argument
    ("gelu_fast", lambda x: 0.5 * x * (1.0 + np.tanh(x * 0.7978845608 * (1.0 + 0.044715 * x * x))), 1e-11, 1e-11),
    ("gelu_python", lambda x: x * 0.5 * (1.0 + np.vectorize(math.erf)(x / math.sqrt(2.0))), 1e-14, _TAIL),
    ("quick_gelu", lambda x: x / (1.0 + np.exp(-1.702 * x)), 1e-14, 0.0),
    ("gelu_10", lambda x: np.clip(x * 0.5 * (1.0 + np.vectorize(math.erf)(x / math.sqrt(2.0))), -10, 10), 1e-14, _TAIL),
    ("laplace", lambda x: 0.5 * (1.0 + np.vectorize(math.erf)((x - 0.707107) / (0.282095 * math.sqrt(2.0)))), 1e-12, 1e-15),
    ("relu2", lambda x: np.maximum(x, 0.0) ** 2, 0.0, 0.0),
    ("sqrtsoftplus", lambda x: np.sqrt(np.log1p(np.exp(x))), 1e-14, 0.0),
    ("xielu", _xielu_formula, 1e-14, _TAIL),
    ("hard_mish", lambda x: 0.5 * x * np.clip(x + 2.0, 0.0, 2.0), 0.0, 0.0),  # timm's hard_mish
    ("linear", lambda x: x, 0.0, 0.0),
]


@pytest.mark.parametrize(("name", "formula", "rtol", "atol"), PUBLISHED_FORMULAS, ids=[p[0] for p in PUBLISHED_FORMULAS])
def test_aliases_match_the_frameworks_formulas(name, formula, rtol, atol):
    np.testing.assert_allclose(actviz.get(name)(_SAMPLE), formula(_SAMPLE), rtol=rtol, atol=atol)

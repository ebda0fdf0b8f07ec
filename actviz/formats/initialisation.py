"""``actviz init`` results as text: a markdown table and ready-to-paste initialisation code
for torch, jax or NumPy. Inputs are :meth:`~actviz.propagation.gains.InitConstants.to_dict`
records; every number is written with ``repr``, so the code carries the full float64 value.
"""

from __future__ import annotations

COLUMNS = ("activation", "gain", "torch_gain", "nf_gamma", "nf_mean", "critical_sigma_w2")
HEADERS = ("activation", "gain 1/√E φ²", "torch gain", "NF γ", "NF mean", "σ_w² at χ₁ = 1")
FRAMEWORKS = ("torch", "jax", "numpy")


def cell(value: object) -> str:
    """A table cell: 6 significant digits, "none" for a missing value."""
    if value is None:
        return "none"
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def to_markdown(records: list[dict]) -> str:
    """A GitHub markdown table of the :data:`COLUMNS`, then the notes as a list."""
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "|".join("---" for _ in HEADERS) + "|"]
    lines += ["| " + " | ".join(cell(record[key]) for key in COLUMNS) + " |" for record in records]
    notes = notes_of(records)
    return "\n".join(lines + ([""] + [f"- {note}" for note in notes] if notes else [])) + "\n"


def notes_of(records: list[dict]) -> list[str]:
    """Why torch's gain differs, and why there is no edge of chaos, per activation."""
    notes = []
    for record in records:
        if record["torch_note"]:
            notes.append(f"{record['activation']}: torch gain {cell(record['torch_gain'])} vs {cell(record['gain'])}: "
                         f"{record['torch_note']}")
        if record["critical_note"]:
            notes.append(f"{record['activation']}: σ_w² at χ₁ = 1 is none: {record['critical_note']}")
    return notes


def _constants(records: list[dict]) -> str:
    def table(key: str) -> str:
        items = ",\n".join(f"    {record['activation']!r}: {record[key]!r}" for record in records)
        return "{\n" + items + ",\n}"

    sigma_b2 = records[0]["sigma_b2"] if records else 0.0
    return (f"# 1/sqrt(E phi(z)^2), z ~ N(0, 1): weights with std GAIN/sqrt(fan_in) keep E h^2 = 1\n"
            f"GAIN = {table('gain')}\n"
            f"# NFNets (Brock et al. 2021): NF_GAMMA * (phi(x) - NF_MEAN) has mean 0, variance 1 on N(0, 1)\n"
            f"NF_GAMMA = {table('nf_gamma')}\n"
            f"NF_MEAN = {table('nf_mean')}\n"
            f"# edge of chaos (chi_1 = 1) at sigma_b^2 = {sigma_b2!r}: weights with variance SIGMA_W2/fan_in "
            f"(None: there is none)\n"
            f"SIGMA_W2 = {table('critical_sigma_w2')}\n"
            f"SIGMA_B2 = {sigma_b2!r}\n")


_TORCH = '''import math

import torch
from torch import nn

{constants}

def init_linear_(layer: nn.Linear, activation: str, critical: bool = False) -> None:
    """Gaussian weights for the activation that follows the layer; zero (or critical) biases."""
    fan_in = layer.weight.shape[1]
    variance = SIGMA_W2[activation] if critical else GAIN[activation] ** 2
    with torch.no_grad():
        layer.weight.normal_(0.0, math.sqrt(variance / fan_in))
        if layer.bias is not None:
            layer.bias.normal_(0.0, math.sqrt(SIGMA_B2)) if critical else layer.bias.zero_()


def nf_scaled(phi, activation: str):
    """phi (e.g. torch.tanh) scaled the NFNets way."""
    gamma, mean = NF_GAMMA[activation], NF_MEAN[activation]
    return lambda x: gamma * (phi(x) - mean)
'''

_JAX = '''import jax
import jax.numpy as jnp

{constants}

def weight_init(activation: str, critical: bool = False):
    """A jax.nn.initializers function: normal, variance (gain^2 or SIGMA_W2) / fan_in."""
    scale = SIGMA_W2[activation] if critical else GAIN[activation] ** 2
    return jax.nn.initializers.variance_scaling(scale, "fan_in", "normal")


def nf_scaled(phi, activation: str):
    """phi (e.g. jnp.tanh) scaled the NFNets way."""
    gamma, mean = NF_GAMMA[activation], NF_MEAN[activation]
    return lambda x: gamma * (phi(x) - mean)
'''

_NUMPY = '''import numpy as np

{constants}

def init_weights(fan_in: int, fan_out: int, activation: str, critical: bool = False, seed: int = 0) -> np.ndarray:
    """A (fan_out, fan_in) Gaussian weight matrix for the activation that follows the layer."""
    variance = SIGMA_W2[activation] if critical else GAIN[activation] ** 2
    return np.random.default_rng(seed).standard_normal((fan_out, fan_in)) * np.sqrt(variance / fan_in)


def nf_scaled(phi, activation: str):
    """phi (e.g. np.tanh) scaled the NFNets way."""
    gamma, mean = NF_GAMMA[activation], NF_MEAN[activation]
    return lambda x: gamma * (phi(x) - mean)
'''


def to_code(records: list[dict], framework: str) -> str:
    """Python source for ``framework`` (torch, jax or numpy) with the constants of ``records``."""
    template = {"torch": _TORCH, "jax": _JAX, "numpy": _NUMPY}[framework]
    return template.format(constants=_constants(records))

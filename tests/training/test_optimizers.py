"""The optimisers against torch's published update rules, written out here one number at a
time in plain Python floats (torch.optim.SGD and torch.optim.Adam documentation, the
algorithm boxes): the in-place array version must give the same parameters.

Tolerance: the reference divides m_hat / (sqrt(v_hat) + eps) as the documentation writes it,
the optimiser sqrt(v) / sqrt(1 - beta2^t) + eps as torch's code does; the two orders round
differently by a few units in the last place of the step, so parameters of order 1 agree to
1e-14 relative, far below any step (lr 1e-2 here)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from actviz.training.optimizers import Optimizer

LR = 1e-2


def _reference(name: str, p: list[float], grads: list[list[float]]) -> list[float]:
    p = list(p)
    m, v = [0.0] * len(p), [0.0] * len(p)
    beta1, beta2, eps, mu = 0.9, 0.999, 1e-8, 0.9
    for t, g in enumerate(grads, start=1):
        for i, gi in enumerate(g):
            if name == "sgd":
                p[i] -= LR * gi
            elif name == "momentum":
                m[i] = mu * m[i] + gi
                p[i] -= LR * m[i]
            else:
                m[i] = beta1 * m[i] + (1 - beta1) * gi
                v[i] = beta2 * v[i] + (1 - beta2) * gi * gi
                m_hat, v_hat = m[i] / (1 - beta1**t), v[i] / (1 - beta2**t)
                p[i] -= LR * m_hat / (math.sqrt(v_hat) + eps)
    return p


@pytest.mark.parametrize("name", ["sgd", "momentum", "adam"])
def test_updates_follow_torchs_rules(name):
    rng = np.random.default_rng(1)
    start = rng.standard_normal(12)
    grads = [rng.standard_normal(12) * scale for scale in (1.0, 1e-3, 5.0, 0.2, 1e-6)]
    params = [start[:7].copy(), start[7:].copy()]  # two arrays, as a network's blocks
    optimizer = Optimizer(name, params, LR)
    for g in grads:
        kept = g.copy()
        optimizer.step([g[:7], g[7:]])
        np.testing.assert_array_equal(g, kept)  # the gradient is read, never written
    expected = _reference(name, list(start), [list(g) for g in grads])
    np.testing.assert_allclose(np.concatenate(params), expected, rtol=1e-14, atol=0)


def test_adams_first_step_moves_every_weight_by_about_lr():
    """Kingma & Ba (2015), section 2.1: with zero moments the first bias-corrected step is
    lr * g / (|g| + eps), lr in magnitude wherever |g| >> eps."""
    p = np.array([0.5, -2.0, 3.0])
    g = np.array([1e-3, -40.0, 7.0])
    Optimizer("adam", [p], LR).step([g])
    expected = [0.5 - LR * 1e-3 / (1e-3 + 1e-8), -2.0 + LR * 40.0 / (40.0 + 1e-8), 3.0 - LR * 7.0 / (7.0 + 1e-8)]
    np.testing.assert_allclose(p, expected, rtol=1e-14)
    assert np.all(np.abs(p - [0.5, -2.0, 3.0]) > 0.99999 * LR)

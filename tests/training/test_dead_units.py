"""The dead fraction at step 0: the same definition and numbers as ``actviz decay``, and
the born-dead probability of narrow deep ReLU networks (Lu, Shin, Su & Karniadakis 2019,
"Dying ReLU and initialization: theory and numerical examples", arXiv:1903.06733).

What is reproduced from Lu et al.: with weights from a symmetric distribution and zero
biases (their symmetric initialisation; here he), a hidden layer of N ReLU units is entirely
off at a given input with probability 2^-N, independently of the layers below while they
are alive (each pre-activation w_u . a is symmetric and continuous given a != 0, and the
rows w_u are independent), and a layer that is off stays off above it (zero bias: z = 0,
relu'(0) = 0). So the network is dead at that input after L hidden layers with probability
exactly 1 - (1 - 2^-N)^L, which tends to 1 as L grows: their theorem that a deep ReLU
network of fixed width is born dead in probability as the depth goes to infinity.
"""

from __future__ import annotations

import math

import numpy as np

from actviz.propagation import simulate
from actviz.propagation.montecarlo import _STREAM_INPUT, _rng, _Stack
from actviz.training import MLP, Task
from actviz.training.measure import measure


def test_dead_fraction_is_decays_on_the_same_network():
    """Copy decay's random stack into an MLP and feed it phi(h^0): z^l = h^l, so the dead
    fraction of every hidden layer must be decay's, exactly (width 4: many dead units)."""
    import actviz

    act = actviz.get("relu")
    width, depth, batch, seed = 4, 12, 64, 3
    run = simulate(act, depth=depth, width=width, batch=batch, sigma_w2=2.0, seed=seed)
    stack = _Stack(act, width, 2.0, 0.0, "gaussian", seed)
    net = MLP(act, widths=[width] * (depth + 1), init="he", seed=0)
    params = net.parameters()
    for layer in range(1, depth + 1):
        matrix, bias = stack.layer(layer)
        params[2 * (layer - 1)][...] = matrix
        params[2 * (layer - 1) + 1][...] = bias[:, 0]
    inputs = act(_rng(seed, _STREAM_INPUT).standard_normal((width, batch))).T
    labels = np.zeros(batch, dtype=np.int64)
    point = measure(net, Task("stack", inputs, labels, inputs, labels, width), 0.01)
    ours = [float(mask.mean()) for mask in point.dead]  # hidden layers 1..depth-1
    assert ours == list(run.dead_fraction[1:depth])
    assert max(ours) > 0.2  # the comparison is not between two rows of zeros


def test_born_dead_probability_at_one_input_is_lu_et_als():
    """4000 seeds of a width-2 ReLU net at one input point: the share dead by hidden layer L
    against 1 - (3/4)^L, within 4 binomial standard deviations (sd <= 0.008)."""
    seeds, width, depth = 4000, 2, 10
    net = MLP("relu", widths=[2] + [width] * depth + [2], init="he", seed=list(range(seeds)))
    x = np.array([[0.7, -1.3]])
    y = np.zeros(1, dtype=np.int64)
    point = measure(net, Task("point", x, y, x, y, 2), 0.01)
    layer_dead = np.stack([mask.all(axis=1) for mask in point.dead], axis=1)  # (seeds, layers)
    dead_by = np.logical_or.accumulate(layer_dead, axis=1).mean(axis=0)
    for layers, measured in enumerate(dead_by, start=1):
        expected = 1.0 - (1.0 - 2.0**-width) ** layers
        sd = math.sqrt(expected * (1.0 - expected) / seeds)
        assert abs(measured - expected) <= 4 * sd + 1e-12, (layers, measured, expected)
    # once dead, dead above: the share never decreases, and a dead layer is dead at every unit above
    assert np.all(np.diff(dead_by) >= 0)

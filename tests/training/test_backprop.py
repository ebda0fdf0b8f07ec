"""One reused forward/backward pass (what a training loop runs every step) against fresh
ones, and the cross-entropy's closed forms."""

from __future__ import annotations

import math

import numpy as np

from actviz.training import MLP
from actviz.training.backprop import Pass
from actviz.training.losses import loss_and_output_gradient


def test_a_reused_pass_gives_what_a_fresh_one_gives_bit_for_bit():
    """Three batches through one Pass, the weights changing in between: each result equals
    a new computation on the same weights (nothing of an earlier call is left in the arrays)."""
    rng = np.random.default_rng(2)
    for spec, loss in (("sigmoid", "cross_entropy"), ("prelu", "mse")):
        net = MLP(spec, widths=[3, 7, 7, 4], seed=[0, 5])
        reused = Pass(net, 9)
        for _ in range(3):
            x = rng.standard_normal((2, 9, 3))
            y = rng.integers(0, 4, (2, 9)) if loss == "cross_entropy" else rng.standard_normal((2, 9, 4))
            value = reused.loss_and_gradients(x, y, loss)
            fresh_value, fresh, _ = net.batched_loss_and_gradients(x, y, loss)
            np.testing.assert_array_equal(value, fresh_value)
            for mine, theirs in zip(reused.gradients, fresh):
                np.testing.assert_array_equal(mine, theirs)
            net.flat += 0.1 * rng.standard_normal(net.flat.shape)


def test_cross_entropy_closed_forms():
    """Equal logits: log K and gradient (1/K - [k = y]) / B. Logits 1000 apart: the loss is 0
    for the large one and exactly 1000 for the other (no overflow); 10 classes take the same path."""
    for classes in (2, 10):
        z = np.zeros((1, 4, classes))
        y = np.array([0, 1, 1, classes - 1])
        value, grad = loss_and_output_gradient(z, y, "cross_entropy")
        assert math.isclose(value[0], math.log(classes), rel_tol=1e-15)
        expected = (np.full((4, classes), 1 / classes) - np.eye(classes)[y]) / 4
        np.testing.assert_allclose(grad[0], expected, rtol=1e-15, atol=1e-18)
    z = np.array([[[1000.0, 0.0], [1000.0, 0.0]]])
    value, grad = loss_and_output_gradient(z, np.array([0, 1]), "cross_entropy")
    assert value[0] == 500.0  # mean of 0 and 1000
    np.testing.assert_array_equal(grad[0], [[0.0, 0.0], [0.5, -0.5]])

"""The hand-written backward pass against central differences of the loss.

Reference: the symmetric difference (l(p + h) - l(p - h)) / 2h in float64, whose error is
O(h^2 f''') + O(eps l / h); with h = 1e-6 and losses of order 1 both are below 1e-8 of a
typical gradient, so a relative agreement of 1e-6 (on the whole gradient vector of each
parameter, in the 2-norm) can only fail if a gradient is wrong. Smooth activations only
(or kinked ones away from their kink: the inputs are continuous, so no pre-activation sits
within h of 0 with probability 1, which the test checks).
"""

from __future__ import annotations

import numpy as np
import pytest

from actviz.training import MLP

STEP = 1e-6


def _numeric_gradient(net: MLP, param: np.ndarray, x: np.ndarray, y: np.ndarray, loss: str) -> np.ndarray:
    grad = np.zeros_like(param)
    for index in np.ndindex(param.shape):
        kept = param[index]
        param[index] = kept + STEP
        up, _ = net.loss_and_gradients(x, y, loss)
        param[index] = kept - STEP
        down, _ = net.loss_and_gradients(x, y, loss)
        param[index] = kept
        grad[index] = (up - down) / (2 * STEP)
    return grad


def _data(widths: list[int], loss: str, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((6, widths[0]))
    if loss == "cross_entropy":
        return x, rng.integers(0, widths[-1], 6)
    return x, rng.standard_normal((6, widths[-1]))


def _check(spec: str, widths: list[int], loss: str, init: str = "he", **options: object) -> None:
    net = MLP(spec, widths=widths, init=init, seed=1, **options)
    rng = np.random.default_rng(5)
    for name, p in zip(net.parameter_names(), net.parameters()):
        if name.startswith("b"):
            p[...] = 0.3 * rng.standard_normal(p.shape)
    x, y = _data(widths, loss)
    pre, _ = net.forward(x)
    assert min(float(np.min(np.abs(z))) for z in pre) > 100 * STEP  # no kink within reach of h
    _, grads = net.loss_and_gradients(x, y, loss)
    assert [g.shape for g in grads] == [p.shape for p in net.parameters()]
    for name, param, grad in zip(net.parameter_names(), net.parameters(), grads):
        numeric = _numeric_gradient(net, param, x, y, loss)
        error = np.linalg.norm(grad - numeric) / np.linalg.norm(numeric)
        assert error < 1e-6, f"{spec} {name}: relative error {error:.2e}"


@pytest.mark.parametrize("loss", ["cross_entropy", "mse"])
@pytest.mark.parametrize(("spec", "widths"), [
    ("tanh", [3, 5, 4]),
    ("gelu", [3, 4, 4, 4, 3]),
    ("elu:alpha=0.7", [2, 5, 5, 2]),
    ("sigmoid", [4, 3, 3, 3, 3, 2]),
    ("relu", [3, 6, 6, 3]),
    ("softplus", [2, 4, 3]),
])
def test_gradients_match_central_differences(spec, widths, loss):
    _check(spec, widths, loss)


def test_a_formula_trains_with_its_derived_derivative():
    _check("x * tanh(softplus(x))", [3, 4, 4, 2], "cross_entropy")


@pytest.mark.parametrize("slopes", ["layer", "unit"])
@pytest.mark.parametrize("loss", ["cross_entropy", "mse"])
def test_prelu_slope_gradients_match_central_differences(slopes, loss):
    net = MLP("prelu", widths=[3, 5, 5, 2], seed=0, slopes=slopes)
    assert net.parameter_names() == ["W1", "b1", "a1", "W2", "b2", "a2", "W3", "b3"]
    assert net.parameters()[2].shape == ((5,) if slopes == "unit" else (1,))
    _check("prelu", [3, 5, 5, 2], loss, slopes=slopes)


def test_orthogonal_and_critical_inits_give_correct_gradients_too():
    _check("tanh", [3, 6, 2], "mse", init="orthogonal")
    _check("tanh", [3, 6, 6, 2], "cross_entropy", init="critical")


def test_batched_gradients_are_each_seeds_own():
    """With a seed axis, slice s of every gradient is what seed s gives alone, bit for bit."""
    x, y = _data([3, 6, 6, 3], "cross_entropy")
    together = MLP("elu", widths=[3, 6, 6, 3], seed=[4, 9, 2])
    losses, grads = together.loss_and_gradients(x, y)
    for index, seed in enumerate((4, 9, 2)):
        alone = MLP("elu", widths=[3, 6, 6, 3], seed=seed)
        loss, own = alone.loss_and_gradients(x, y)
        assert losses[index] == loss
        for g, o in zip(grads, own):
            np.testing.assert_array_equal(g[index], o)

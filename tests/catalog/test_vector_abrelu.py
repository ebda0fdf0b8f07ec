"""ABReLU (Dubey & Chakraborty 2018): max(0, z_i - alpha mean(z)) along the last axis, its
Jacobian and its two-input curve, checked against the definition and finite differences."""

from __future__ import annotations

import numpy as np
import pytest

import actviz
from actviz.errors import ActvizError


def _definition(z: np.ndarray, alpha: float) -> np.ndarray:
    # the paper's AB-ReLU, beta = alpha * average of the input, output max(0, z - beta)
    return np.maximum(0.0, z - alpha * z.mean(axis=-1, keepdims=True))


@pytest.mark.parametrize("alpha", [1.0, 0.5, 2.0])
def test_values_are_the_definition(alpha):
    z = np.random.default_rng(3).normal(0.0, 3.0, (50, 7))
    np.testing.assert_allclose(actviz.get("abrelu", alpha=alpha)(z), _definition(z, alpha), rtol=1e-14, atol=1e-14)


def test_a_worked_example():
    # mean of [1, 2, 3, -6] is 0; of [4, 5, 6] is 5: only what is above the mean passes, shifted down
    assert actviz.get("abrelu")(np.array([1.0, 2.0, 3.0, -6.0])).tolist() == [1.0, 2.0, 3.0, 0.0]
    assert actviz.get("abrelu")(np.array([4.0, 5.0, 6.0])).tolist() == [0.0, 0.0, 1.0]


@pytest.mark.parametrize("alpha", [1.0, 0.3])
def test_jacobian_matches_central_differences(alpha):
    act = actviz.get("abrelu", alpha=alpha)
    z = np.random.default_rng(5).normal(0.0, 2.0, 6)
    h = 1e-6
    numeric = np.stack([(act(z + h * e) - act(z - h * e)) / (2 * h) for e in np.eye(6)], axis=1)
    np.testing.assert_allclose(act.jacobian(z), numeric, atol=1e-8)
    assert act.jacobian(np.stack([z, z])).shape == (2, 6, 6)


def test_tie_row_is_zero_like_relu_and_the_curve_agrees():
    act = actviz.get("abrelu")
    jac = act.jacobian(np.array([1.0, 1.0]))  # both entries equal the mean
    assert np.array_equal(jac, np.zeros((2, 2)))
    curve = act.curve()
    x = np.array([-3.0, -0.0, 0.0, 2.0, 7.5])
    first = np.array([act(np.array([v, 0.0]))[0] for v in x])
    np.testing.assert_array_equal(curve(x), first)
    assert curve.derivative(np.array([0.0]))[0] == jac[0, 0]


def test_dtype_kept_and_undefined_rows_are_nan():
    act = actviz.get("abrelu")
    z32 = np.array([[1.0, 3.0e38, -3.0e38]], dtype=np.float32)
    out = act(z32)
    assert out.dtype == np.float32 and np.isfinite(out).all()
    rows = act(np.array([[1.0, np.nan, 2.0], [np.inf, 1.0, 2.0], [1.0, 2.0, 6.0]]))
    assert np.isnan(rows[:2]).all() and rows[2].tolist() == [0.0, 0.0, 3.0]


def test_bad_shapes_are_refused():
    with pytest.raises(ActvizError, match="at least one number"):
        actviz.get("abrelu")(np.float64(1.0))
    assert "abrelu" in actviz.names(pointwise=False)

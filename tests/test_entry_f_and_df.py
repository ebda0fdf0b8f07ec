"""Activation.f_and_df: the same values as act(x) and act.derivative(x), bit for bit,
for every pointwise entry, whether or not it shares work between f and f'."""

from __future__ import annotations

import numpy as np
import pytest

import actviz

GRID = np.concatenate([
    np.linspace(-50.0, 50.0, 40_001),  # more than one block of 32768 values
    [0.0, -0.0, 1e-300, -1e-300, 5e-324, 709.0, 710.0, -745.0, 1e300, -1e300, np.inf, -np.inf, np.nan],
])


@pytest.mark.parametrize("name", actviz.names(pointwise=True))
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_same_values_as_f_and_derivative(name, dtype):
    act = actviz.get(name)
    x = GRID[np.isnan(GRID) | (np.abs(GRID) <= np.finfo(dtype).max)].astype(dtype)
    value, slope = act.f_and_df(x)
    assert value.dtype == slope.dtype == dtype
    np.testing.assert_array_equal(value, act(x))
    np.testing.assert_array_equal(slope, act.derivative(x))


def test_scalar_and_shape_kept():
    act = actviz.get("gelu")
    value, slope = act.f_and_df(1.0)
    assert np.ndim(value) == np.ndim(slope) == 0
    assert float(value) == float(act(1.0)) and float(slope) == float(act.derivative(1.0))
    value, slope = act.f_and_df(np.zeros((3, 4)))
    assert value.shape == slope.shape == (3, 4)


@pytest.mark.parametrize(("name", "params"), [("silu", {}), ("swish", {"beta": 2.5}), ("gelu", {}),
                                              ("sigmoid", {}), ("softplus", {"beta": 3.0})])
def test_entries_that_share_work_have_a_fused_kernel(name, params):
    act = actviz.get(name, **params)
    assert act.f_df is not None
    x = np.linspace(-40.0, 40.0, 1001)
    value, slope = act.f_and_df(x)
    np.testing.assert_array_equal(value, act(x))
    np.testing.assert_array_equal(slope, act.derivative(x))

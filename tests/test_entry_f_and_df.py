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


NATIVE32 = [name for name in actviz.names(pointwise=True) if actviz.get(name).native_float32]
EXTREMES32 = np.array([0.0, -0.0, 1e-45, -1e-45, 1e-38, -1e-38, 1e30, -1e30, 3.4028235e38, -3.4028235e38,
                       np.inf, -np.inf, np.nan, 88.7, 89.0, -103.0, -104.0], dtype=np.float32)


@pytest.mark.parametrize("name", NATIVE32)
def test_native_float32_extremes_agree_with_the_float64_path(name):
    """Entries evaluated natively in float32 (Activation.native_float32): at float32's
    extremes, no warning, float32 out, and the float64 path's rounded value within
    4 float32 ulps (its accuracy is proven on the reference grid by test_accuracy)."""
    act = actviz.get(name)
    wide = np.asarray([act(EXTREMES32.astype(np.float64)), act.derivative(EXTREMES32.astype(np.float64))])
    with np.errstate(over="ignore"):  # the float64 results rounded here, by the test, may overflow float32
        expected = wide.astype(np.float32)
    for got, want in zip((act(EXTREMES32), act.derivative(EXTREMES32)), expected):
        assert got.dtype == np.float32
        np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
        finite = np.isfinite(want)
        np.testing.assert_array_equal(got[~finite & ~np.isnan(want)], want[~finite & ~np.isnan(want)])
        # atol: the catalogue's unit is at least the smallest normal number (subnormal results may lose digits)
        np.testing.assert_allclose(got[finite], want[finite], rtol=4 * 2.0**-23, atol=4 * float(np.finfo(np.float32).tiny))


def test_float32_parameters_that_are_not_float32_numbers_take_the_float64_path():
    act = actviz.get("hardtanh", max_val=0.3)  # float32(0.3) = 0.30000001 would move the kink
    x = np.array([np.float32(0.3)], dtype=np.float32)
    assert float(act.derivative(x)[0]) == 0.0  # x = 0.30000001 > 0.3: outside, slope 0
    assert actviz.get("hardtanh", max_val=0.5).derivative(np.array([0.25], np.float32)).dtype == np.float32

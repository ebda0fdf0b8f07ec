"""The Python API: get(), spec strings, parameters, dtype and shape, errors."""

from __future__ import annotations

import numpy as np
import pytest

import actviz
from actviz.errors import ParameterError, SpecError, UnknownActivationError


def test_get_by_name_alias_and_spec_agree():
    assert actviz.get("logistic").name == "sigmoid"
    assert actviz.get("Sigmoid").name == "sigmoid"


def test_unknown_name_suggests_close_matches():
    with pytest.raises(UnknownActivationError, match=r"unknown activation 'sigmoud'; did you mean 'sigmoid'"):
        actviz.get("sigmoud")


def test_unknown_error_is_an_actviz_error():
    with pytest.raises(actviz.ActvizError):
        actviz.get("no_such_thing_at_all")


@pytest.mark.parametrize(
    "spec",
    ["sigmoid:", "sigmoid:=1", "sigmoid:a", "sigmoid:a=1,a=2", "1sigmoid", ""],
)
def test_malformed_specs_raise_spec_or_name_errors(spec):
    with pytest.raises((SpecError, UnknownActivationError, ParameterError)):
        actviz.get(spec)


def test_unknown_parameter_is_named():
    with pytest.raises(ParameterError, match="unknown parameter 'alpha' for relu"):
        actviz.get("relu", alpha=1.0)


def test_parse_spec_splits_name_and_values():
    assert actviz.parse_spec("leaky_relu:negative_slope=0.2, x=3") == ("leaky_relu", {"negative_slope": "0.2", "x": "3"})


def test_non_string_spec_is_refused():
    with pytest.raises(actviz.ActvizError):
        actviz.get(3)


@pytest.mark.parametrize("name", actviz.names(pointwise=True))
def test_dtype_shape_and_no_mutation(name):
    act = actviz.get(name)
    x64 = np.linspace(-3.0, 3.0, 24).reshape(2, 3, 4)
    before = x64.copy()
    for order in (0, 1, 2):
        y64 = act(x64) if order == 0 else act.derivative(x64, order)
        y32 = act(x64.astype(np.float32)) if order == 0 else act.derivative(x64.astype(np.float32), order)
        assert y64.shape == x64.shape and y64.dtype == np.float64
        assert y32.shape == x64.shape and y32.dtype == np.float32
    np.testing.assert_array_equal(x64, before)


@pytest.mark.parametrize("name", actviz.names(pointwise=True))
def test_scalars_in_scalars_out(name):
    act = actviz.get(name)
    y = act(0.5)
    assert np.ndim(y) == 0 and isinstance(y, np.float64)
    assert isinstance(act(np.float32(0.5)), np.float32)
    assert act.derivative([0.5, 1.5], 2).shape == (2,)
    assert act(np.array(2, dtype=np.int64)).dtype == np.float64


def test_derivative_order_is_checked():
    with pytest.raises(actviz.ActvizError, match="invalid derivative order 3"):
        actviz.get("tanh").derivative(1.0, order=3)


def test_complex_input_is_refused():
    with pytest.raises(actviz.ActvizError, match="complex"):
        actviz.get("tanh")(np.array([1j]))


def test_sigmoid_derivative_in_the_tail_is_not_zero():
    # sigmoid'(40) = e^-40 / (1 + e^-40)^2 = 4.248354255291589e-18 (mpmath, 40 digits);
    # the textbook s(1 - s) gives 0.
    assert actviz.get("sigmoid").derivative(40.0) == pytest.approx(4.248354255291589e-18, rel=1e-15)


def test_relu_derivative_at_zero_follows_torch_and_jax():
    relu = actviz.get("relu")
    assert relu.derivative(0.0) == 0.0
    assert relu.derivative(-0.0) == 0.0
    assert relu.kinks[0].x == 0.0


def test_large_and_strided_arrays_match_whole_array_evaluation():
    """Arrays above one block go through the blocked path: same values, shape
    and dtype as evaluating the kernel on the whole array at once."""
    act = actviz.get("sigmoid")
    x = np.linspace(-30.0, 30.0, 3 * 32768 + 17 * 2).reshape(2, -1)
    for view in (x, x.T, x[:, ::3]):
        np.testing.assert_array_equal(act(view), act.f(np.ascontiguousarray(view)))
        np.testing.assert_array_equal(act.derivative(view, 2), act.d2f(np.ascontiguousarray(view)))
    y32 = act(x.astype(np.float32))
    assert y32.dtype == np.float32 and y32.shape == x.shape
    assert act.native_float32  # sigmoid's kernel runs on float32 itself
    np.testing.assert_array_equal(y32, act.f(x.astype(np.float32)))
    lisht = actviz.get("lisht")  # computed in float64 and rounded once
    assert not lisht.native_float32
    np.testing.assert_array_equal(lisht(x.astype(np.float32)), lisht.f(x.astype(np.float32).astype(np.float64)).astype(np.float32))

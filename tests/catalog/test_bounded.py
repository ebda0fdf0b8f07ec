"""Bounded, shrinkage, step and periodic activations: what the generic catalogue
tests do not cover. Framework conventions at breakpoints (torch's backward
kernels in aten/src/ATen/native/cpu/Activation.cpp), values the papers state,
symmetry laws, parameter errors and the behaviour at ±inf where no limit exists."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actviz
from actviz.errors import ParameterError


def _value_and_slope(spec: str, x: float) -> tuple[float, float]:
    act = actviz.get(spec)
    return float(act(x)), float(act.derivative(x))


# -- values and derivatives exactly at the breakpoints ------------------------


@pytest.mark.parametrize(
    ("spec", "x", "value", "slope"),
    [
        # torch hardtanh_backward: gradient only for min_val < x < max_val
        ("hardtanh", -1.0, -1.0, 0.0),
        ("hardtanh", 1.0, 1.0, 0.0),
        ("hardtanh:min_val=-0.5,max_val=2", 2.0, 2.0, 0.0),
        # torch hardsigmoid_backward: gradient 1/6 only for -3 < x < 3
        ("hardsigmoid", -3.0, 0.0, 0.0),
        ("hardsigmoid", 3.0, 1.0, 0.0),
        # keras 3: where(x <= -1, 0, where(x >= 1, 1, (x + 1)/2))
        ("sparse_sigmoid", -1.0, 0.0, 0.0),
        ("sparse_sigmoid", 1.0, 1.0, 0.0),
        # torch softshrink / hardshrink and shrink_backward: 0 for -lambd <= x <= lambd
        ("softshrink", 0.5, 0.0, 0.0),
        ("softshrink", -0.5, 0.0, 0.0),
        ("hardshrink", 0.5, 0.0, 0.0),
        ("hardshrink", -0.5, 0.0, 0.0),
        ("hardshrink:lambd=0", 0.0, 0.0, 0.0),
        # torch threshold: value for x <= threshold, gradient only for x > threshold
        ("threshold", 1.0, 0.0, 0.0),
        ("threshold:threshold=-2,value=5", -2.0, 5.0, 0.0),
        # torch.sign(0) = 0 and its backward is 0; binary_step fires at the threshold
        ("sign", 0.0, 0.0, 0.0),
        ("sign", -0.0, 0.0, 0.0),
        ("binary_step", 0.0, 1.0, 0.0),
        ("binary_step", -0.0, 1.0, 0.0),
    ],
)
def test_values_and_slopes_at_breakpoints(spec, x, value, slope):
    assert _value_and_slope(spec, x) == (value, slope)


@pytest.mark.parametrize(("spec", "x", "left", "right"), [("softshrink", 0.5, 0.0, 1.0), ("hardshrink", 0.5, 0.0, 1.0)])
def test_shrink_slopes_just_beside_lambd(spec, x, left, right):
    act = actviz.get(spec)
    below, above = np.nextafter(x, 0.0), np.nextafter(x, 1.0)
    assert act.derivative(below) == left and act.derivative(above) == right


def test_hardshrink_jumps_by_lambd():
    act = actviz.get("hardshrink:lambd=1.5")
    assert act(1.5) == 0.0 and act(np.nextafter(1.5, 2.0)) == np.nextafter(1.5, 2.0)


def test_hardsigmoid_is_the_torch_form_not_keras_2():
    # relu6(x + 3)/6 at 2.5 is 11/12; keras 2's clip(0.2 x + 0.5, 0, 1) would already be 1.
    assert actviz.get("hard_sigmoid")(2.5) == pytest.approx(11 / 12, rel=1e-15)


@pytest.mark.parametrize("name", ["softsign", "elliott"])
def test_second_derivative_at_zero_is_the_mean_of_its_jump(name):
    act = actviz.get(name)
    left, at, right = act.derivative(np.array([-1e-300, 0.0, 1e-300]), 2)
    assert left == -right != 0.0 and at == 0.0
    assert any(k.x == 0.0 for k in act.kinks)


# -- values from the papers ---------------------------------------------------


def test_lecun_tanh_maps_plus_minus_one_to_plus_minus_one():
    # LeCun et al. (1998) chose 1.7159 and 2/3 so that f(±1) = ±1:
    # mpmath: 1.7159 * tanh(2/3) = 0.99999725592247897502
    act = actviz.get("lecun_tanh")
    np.testing.assert_allclose(act(np.array([-1.0, 1.0])), [-0.99999725592247897502, 0.99999725592247897502], rtol=2e-16)


def test_isru_saturates_at_inverse_sqrt_alpha():
    # Carlile et al. (2017): the range of ISRU is (-1/sqrt(alpha), 1/sqrt(alpha))
    act = actviz.get("isru", alpha=4.0)
    assert act(np.inf) == 0.5 and act(-np.inf) == -0.5 and act(1e300) == 0.5


def test_sinc_at_zero_and_is_unnormalised():
    # sinc(0) = 1, sinc'(0) = 0, sinc''(0) = -1/3; unnormalised: sinc(pi) ~ 0, sinc(1) = sin(1)
    act = actviz.get("sinc")
    assert act(0.0) == 1.0 and act.derivative(0.0) == 0.0
    assert act.derivative(0.0, 2) == pytest.approx(-1 / 3, rel=1e-16)
    assert act(1.0) == pytest.approx(math.sin(1.0), rel=1e-16)
    assert abs(act(math.pi)) < 1e-16


def test_snake_is_monotone_with_zero_slope_once_per_period():
    # Liu Ziyin et al. (2020): snake'(x) = 1 + sin(2 alpha x) >= 0, = 0 at alpha x = -pi/4 + k pi
    act = actviz.get("snake", alpha=2.0)
    x = np.linspace(-20.0, 20.0, 200001)
    assert (act.derivative(x) >= 0.0).all()
    # These doubles lie within dx <= 2 ulp(x) of a zero (pi and the arithmetic round), where
    # snake' = 1 - cos(2 alpha dx) <= 2 (alpha dx)^2 ~ 1e-29; the cancelling 1 + sin(2 alpha x)
    # would be off by ~1e-16 there.
    alpha = 2.0
    zeros = (-math.pi / 4 + math.pi * np.arange(-3, 4)) / alpha
    slopes = act.derivative(zeros)
    assert (slopes >= 0.0).all() and (slopes <= 2.0 * (alpha * 2.0 * np.spacing(zeros)) ** 2).all()


# -- symmetry laws --------------------------------------------------------------

ODD = ["softsign", "arctan", "isru", "lecun_tanh", "hardtanh", "tanhshrink", "softshrink", "hardshrink", "sign", "sin", "gcu"]
EVEN = ["sinc", "gaussian"]
finite = st.floats(allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(ODD), x=finite)
def test_odd_functions_are_exactly_odd(name, x):
    act = actviz.get(name)
    assert act(-x) == -act(x)
    assert act.derivative(-x) == act.derivative(x)


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(EVEN), x=finite)
def test_even_functions_are_exactly_even(name, x):
    act = actviz.get(name)
    assert act(-x) == act(x)
    assert act.derivative(-x) == -act.derivative(x)


@settings(max_examples=200, deadline=None)
@given(x=finite)
def test_elliott_is_point_symmetric_about_one_half(x):
    # elliott(x) + elliott(-x) = 1: one side is h, the other 1 - h with the same h
    act = actviz.get("elliott")
    assert act(x) + act(-x) == pytest.approx(1.0, abs=2.3e-16)


# -- infinities: limits where they exist, nan where they do not ---------------


def test_oscillations_without_limit_give_nan_at_infinity():
    x = np.array([-np.inf, np.inf])
    for name in ("sin", "gcu"):
        act = actviz.get(name)
        for order in (0, 1, 2):
            assert np.isnan(act(x) if order == 0 else act.derivative(x, order)).all()
    snake = actviz.get("snake")
    assert snake(x).tolist() == [-np.inf, np.inf]
    assert np.isnan(snake.derivative(x)).all() and np.isnan(snake.derivative(x, 2)).all()


def test_float32_results_beyond_float32_range_round_to_inf_silently():
    act = actviz.get("threshold", threshold=0.0, value=1e300)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = act(np.array([-1.0, 2.0], dtype=np.float32))
    assert y.dtype == np.float32 and y.tolist() == [np.inf, 2.0]


# -- parameter errors -----------------------------------------------------------


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("hardtanh:min_val=1,max_val=1", r"min_val \(1\) must be below max_val \(1\)"),
        ("hardtanh:min_val=2", r"min_val \(2\) must be below max_val \(1\)"),
        ("isru:alpha=0", r"parameter 'alpha' of isru: expected a number with 1e-100 <= alpha <= 1e\+100 \(limited"),
        ("snake:alpha=-1", r"parameter 'alpha' of snake: expected a number with 1e-100 <= alpha <= 1e\+10 \(limited"),
        ("softshrink:lambd=-0.1", "parameter 'lambd' of softshrink: expected a number with lambd >= 0"),
        ("hardshrink:lambd=nan", "parameter 'lambd' of hardshrink"),
        ("threshold:value=inf", "parameter 'value' of threshold: expected any finite number"),
    ],
)
def test_invalid_parameters_are_named(spec, message):
    with pytest.raises(ParameterError, match=message):
        actviz.get(spec)


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("soft_sign", "softsign"),  # jax.nn.soft_sign
        ("atan", "arctan"),
        ("hard_tanh", "hardtanh"),  # jax.nn.hard_tanh
        ("hard_sigmoid", "hardsigmoid"),  # jax.nn.hard_sigmoid, keras
        ("heaviside", "binary_step"),
        ("tanh_shrink", "tanhshrink"),  # keras 3
        ("soft_shrink", "softshrink"),  # keras 3
        ("hard_shrink", "hardshrink"),  # keras 3
        ("sine", "sin"),
    ],
)
def test_framework_spellings_are_aliases(alias, name):
    assert actviz.get(alias).name == name

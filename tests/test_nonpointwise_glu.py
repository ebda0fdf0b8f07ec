"""The GLU family f(a, b) = a g(b) (Shazeer 2020) and its diagonal a = b = x,
an ordinary pointwise Activation, against closed forms in mpmath."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import actviz
from actviz.activation import Activation
from actviz.catalog.vector import GatedLinearUnit

EPS = 2.0**-53
mp.mp.dps = 40

VARIANTS = ["glu", "reglu", "geglu", "swiglu", "bilinear"]


def _gate(name: str, b):
    """The gates of Shazeer (2020), Table 1, written from their definitions."""
    b = mp.mpf(b)
    return {
        "glu": lambda: 1 / (1 + mp.exp(-b)),  # sigmoid
        "reglu": lambda: max(b, mp.mpf(0)),  # relu
        "geglu": lambda: b * (1 + mp.erf(b / mp.sqrt(2))) / 2,  # exact GELU, x Phi(x)
        "swiglu": lambda: b / (1 + mp.exp(-b)),  # Swish with beta = 1
        "bilinear": lambda: b,  # no gate
    }[name]()


def test_the_five_variants_are_registered_as_glus():
    assert {n for n in actviz.names(pointwise=False) if isinstance(actviz.get(n), GatedLinearUnit)} == set(VARIANTS)
    gates = {n: actviz.get(n).gate for n in VARIANTS}
    assert gates == {"glu": "sigmoid", "reglu": "relu", "geglu": "gelu", "swiglu": "silu", "bilinear": "identity"}


@pytest.mark.parametrize("name", VARIANTS)
def test_values_are_a_times_the_gate(name):
    a = np.array([-2.5, -1.0, 0.0, 0.5, 3.0])
    b = np.array([-3.0, -0.2, 0.0, 1.5, 2.0])
    values = actviz.get(name)(a[:, None], b[None, :])
    ref = np.array([[float(mp.mpf(ai) * _gate(name, bj)) for bj in b] for ai in a])
    # one product of the gate (within 4 ulp, the catalogue's bound) and a: 5 eps relative
    assert np.allclose(values, ref, rtol=5 * EPS, atol=0)


@pytest.mark.parametrize("name", VARIANTS)
def test_diagonal_is_a_pointwise_activation_with_the_closed_form(name):
    """The diagonal x g(x): glu x sigma(x), reglu x relu(x), geglu x gelu(x),
    swiglu x silu(x) = x^2 sigma(x), bilinear x^2; its derivative from mpmath's
    numerical differentiation of the same closed form (at 40 digits)."""
    diagonal = actviz.get(name).curve()
    assert isinstance(diagonal, Activation) and diagonal.pointwise
    x = np.array([-20.0, -3.0, -1.0, -0.25, 0.5, 1.0, 2.0, 7.5])
    ref = np.array([float(mp.mpf(v) * _gate(name, v)) for v in x])
    slope = np.array([float(mp.diff(lambda t: t * _gate(name, t), v)) for v in x])
    # f: one extra product over the gate's 4 ulp; f' = g + x g' adds one sum, whose
    # rounding is relative to the larger term |g| + |x g'|: 8 eps of that.
    assert np.allclose(diagonal(x), ref, rtol=5 * EPS, atol=0)
    scale = np.abs([float(_gate(name, v)) for v in x]) + np.abs(x * actviz.get(name).gate_activation().derivative(x))
    assert np.all(np.abs(diagonal.derivative(x) - slope) <= 8 * EPS * scale + 1e-300)


def test_swiglu_diagonal_is_x_times_silu():
    x = np.linspace(-10, 10, 81)
    assert np.allclose(actviz.get("swiglu").curve()(x), x * actviz.get("silu")(x), rtol=2 * EPS, atol=0)


@settings(max_examples=150, deadline=None)
@given(name=st.sampled_from(VARIANTS), x=st.floats(-20, 20))
def test_diagonal_derivatives_match_central_differences(name, x):
    diagonal = actviz.get(name).curve()
    assume(all(abs(x - k.x) > 0.05 for k in diagonal.kinks))
    for order in (1, 2):
        lower = diagonal if order == 1 else (lambda t: diagonal.derivative(t, 1))
        h = 1e-3
        estimate = (lower(x + h) - lower(x - h)) / (2 * h)
        # truncation h^2 |f'''| / 6 <= 1e-6 * (1 + x^2) here; rounding 1e-13 * |f| / h
        scale = 1 + abs(float(lower(x))) + x * x
        assert math.isclose(estimate, float(diagonal.derivative(x, order)), abs_tol=1e-5 * scale)


@pytest.mark.parametrize("name", VARIANTS)
def test_gradient_is_the_gate_and_a_times_its_slope(name):
    glu = actviz.get(name)
    a, b, h = np.array([1.5, -0.7]), np.array([0.3, -1.1]), 1e-6
    by_a, by_b = glu.gradient(a, b)
    # central differences: f is linear in a (exact up to rounding), smooth in b here
    assert np.allclose(by_a, (glu(a + h, b) - glu(a - h, b)) / (2 * h), atol=1e-9)
    assert np.allclose(by_b, (glu(a, b + h) - glu(a, b - h)) / (2 * h), atol=1e-8)


@pytest.mark.parametrize("name", VARIANTS)
def test_extremes_give_limits_without_warnings(name):
    diagonal = actviz.get(name).curve()
    x = np.array([-np.inf, -1e308, -1e200, -710.0, 0.0, 710.0, 1e200, 1e308, np.inf, np.nan])
    for order in (0, 1, 2):
        values = diagonal(x) if order == 0 else diagonal.derivative(x, order)
        assert np.isnan(values[-1]) and not np.isnan(values[:-1]).any(), (order, values)
    # x g(x) at +inf is +inf; where g(x) = x (beyond 40 for silu, 9 for gelu) x^2
    # overflows to inf for x >= 1.4e154; glu's gate is 1 there, so x sigma(x) = x.
    assert diagonal(np.inf) == np.inf
    assert diagonal(1e200) == (1e200 if name == "glu" else np.inf)
    # at -inf the gate vanishes faster than 1/x (bilinear: x^2 -> +inf)
    assert diagonal(-np.inf) == (np.inf if name == "bilinear" else 0.0)


def test_product_of_a_huge_value_and_a_closed_gate_is_zero():
    # a * g(b) with g(-inf) = 0 and a = inf: the limit along a ray, 0, not nan.
    assert actviz.get("swiglu")(np.inf, -np.inf) == 0.0
    assert actviz.get("bilinear")(1e200, 1e200) == np.inf
    assert actviz.get("glu")(np.float32(2.0), np.float32(0.0)).dtype == np.float32


def test_reglu_diagonal_inherits_relu_kink():
    diagonal = actviz.get("reglu").curve()
    assert [k.x for k in diagonal.kinks] == [0.0]
    # (x relu(x))'' = 2 relu'(x) + x relu''(x): 0 at x = 0 with relu'(0) = 0, 2 to the right
    assert diagonal.derivative(np.array([-1.0, 0.0, 1.0]), 2).tolist() == [0.0, 0.0, 2.0]


@pytest.mark.parametrize("name", VARIANTS)
def test_formulas_parse_with_mathtext(name):
    from matplotlib.mathtext import MathTextParser

    glu = actviz.get(name)
    parser = MathTextParser("path")
    for latex in (glu.latex, glu.latex_derivative, glu.curve().latex, glu.curve().latex_derivative):
        parser.parse(f"${latex}$")

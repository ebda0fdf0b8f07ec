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
from actviz.entry import Activation
from actviz.catalog.glu import GatedLinearUnit

EPS = 2.0**-53
mp.mp.dps = 40

VARIANTS = ["glu", "reglu", "geglu", "swiglu", "bilinear"]


def _gate(name: str, b):
    """The gates of Shazeer (2020), Table 1, written from their definitions."""
    b = mp.mpf(b)
    return {
        "glu": lambda: 1 / (1 + mp.exp(-b)),  # sigmoid
        "reglu": lambda: max(b, mp.mpf(0)),  # relu
        "geglu": lambda: b * mp.erfc(-b / mp.sqrt(2)) / 2,  # exact GELU, x Phi(x) (erfc: no cancellation)
        "swiglu": lambda: b / (1 + mp.exp(-b)),  # Swish with beta = 1
        "bilinear": lambda: b,  # no gate
    }[name]()


MODEL_UNITS = ["gtu", "situ_glu", "swiglu_oai"]  # value maps other than the identity: tests/catalog/test_models.py


def test_the_five_variants_are_registered_as_glus():
    glus = {n for n in actviz.names(pointwise=False) if isinstance(actviz.get(n), GatedLinearUnit)}
    assert glus == set(VARIANTS) | set(MODEL_UNITS)
    gates = {n: actviz.get(n).gate for n in VARIANTS}
    assert gates == {"glu": "sigmoid", "reglu": "relu", "geglu": "gelu", "swiglu": "silu", "bilinear": "identity"}
    assert all(actviz.get(n).plain_value for n in VARIANTS)


def _catalogue_bound(g, t) -> float:
    """The catalogue's accuracy promise for a kernel g at t: 4 (ulp(g(t)) + eps |t g'(t)|),
    one rounding of the result plus what one rounding of the input does to it."""
    value, slope = mp.mpf(g(t)), mp.diff(g, t)
    return 4 * (math.ulp(float(value)) + EPS * float(abs(t * slope)))


@pytest.mark.parametrize("name", VARIANTS)
def test_values_are_a_times_the_gate(name):
    a = [-2.5, -1.0, 0.0, 0.5, 3.0]
    b = [-3.0, -0.2, 0.0, 1.5, 2.0]
    values = actviz.get(name)(np.array(a)[:, None], np.array(b)[None, :])
    for i, ai in enumerate(a):
        for j, bj in enumerate(b):
            ref = mp.mpf(ai) * _gate(name, bj)
            # the gate within the catalogue's bound, times a, plus one rounding of the product
            bound = abs(ai) * _catalogue_bound(lambda t: _gate(name, t), bj) + math.ulp(float(ref))
            assert abs(values[i, j] - float(ref)) <= bound, (ai, bj)


@pytest.mark.parametrize("name", VARIANTS)
def test_diagonal_is_a_pointwise_activation_with_the_closed_form(name):
    """The diagonal x g(x): glu x sigma(x), reglu x relu(x), geglu x gelu(x),
    swiglu x silu(x) = x^2 sigma(x), bilinear x^2; its derivative g + x g' from
    mpmath's differentiation of the same closed form (at 40 digits)."""
    diagonal = actviz.get(name).curve()
    assert isinstance(diagonal, Activation) and diagonal.pointwise
    gate = lambda t: _gate(name, t)  # noqa: E731
    slope = lambda t: mp.diff(gate, t)  # noqa: E731
    for x in (-20.0, -3.0, -1.0, -0.25, 0.5, 1.0, 2.0, 7.5):
        ref = mp.mpf(x) * gate(x)
        ref_slope = gate(x) + x * slope(x)
        # f = x g: |x| times the gate's bound, plus one rounding of the product;
        # f' = g + x g': the bounds of g and of x g', plus one rounding of each product and the sum.
        bound = abs(x) * _catalogue_bound(gate, x) + math.ulp(float(ref))
        assert abs(float(diagonal(x)) - float(ref)) <= bound, x
        bound = (_catalogue_bound(gate, x) + abs(x) * _catalogue_bound(slope, x)
                 + 2 * EPS * float(abs(gate(x)) + abs(x * slope(x))))
        assert abs(float(diagonal.derivative(x)) - float(ref_slope)) <= bound, x


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

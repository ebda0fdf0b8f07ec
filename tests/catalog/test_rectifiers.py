"""Rectifiers and exponential units: what the generic accuracy and contract tests
do not cover (torch's values at kinks, the papers' defining properties, honest
overflow without warnings, parameter rules)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import integrate

import actviz
from actviz.catalog import _overflow
from actviz.errors import ParameterError

# Derivatives exactly at the kinks, as torch's backward (and double backward) computes them:
# leaky_relu/prelu: x > 0 ? 1 : slope; hardtanh (relu6): 0 at both ends; elu/selu/celu:
# x <= 0 ? alpha*scale*input_scale*exp(x*input_scale) : scale, and f'' masks x < 0.
TORCH_KINKS = [
    ("leaky_relu", 0.0, 0.01, 0.0),
    ("leaky_relu:negative_slope=0.2", -0.0, 0.2, 0.0),
    ("prelu", 0.0, 0.25, 0.0),
    ("rrelu", 0.0, (1 / 8 + 1 / 3) / 2, 0.0),
    ("relu6", 0.0, 0.0, 0.0),
    ("relu6", 6.0, 0.0, 0.0),
    ("relun:max_value=2", 2.0, 0.0, 0.0),
    ("elu:alpha=0.5", 0.0, 0.5, 0.0),
    ("elu", 0.0, 1.0, 0.0),
    ("selu", 0.0, 1.7580993408473768, 0.0),  # scale * alpha, correctly rounded
    ("celu:alpha=0.5", 0.0, 1.0, 0.0),
    ("squared_relu", 0.0, 0.0, 0.0),
    ("star_relu", 0.0, 0.0, 0.0),
    ("isrlu", 0.0, 1.0, 0.0),
    # no torch counterpart: the conventions declared in the catalogue
    ("thresholded_relu", 1.0, 0.0, 0.0),
    ("srelu", 0.0, 0.2, 0.0),
    ("srelu", 1.0, 0.5, 0.0),
    ("apl", 0.0, -0.2, 0.0),
    ("apl", 1.0, 0.8, 0.0),
    ("elish", 0.0, 0.5, 0.5),
    ("hard_elish", -1.0, 0.0, 0.0),
    ("hard_elish", 0.0, 0.5, 1.0),
    ("hard_elish", 1.0, 1.0, 0.0),
    ("pelu:a=2,b=0.5", 0.0, 4.0, 0.0),
]


@pytest.mark.parametrize(("spec", "x", "d1", "d2"), TORCH_KINKS)
def test_derivatives_at_kinks(spec, x, d1, d2):
    act = actviz.get(spec)
    assert any(k.x == x for k in act.kinks), f"{x} is not a declared kink of {spec}"
    assert act.derivative(x) == d1
    assert act.derivative(x, 2) == d2


def _normal_moments(act) -> tuple[float, float]:
    """E[f(Z)] and Var[f(Z)] for Z ~ N(0, 1), by quadrature split at the kink 0."""
    density = lambda z: math.exp(-z * z / 2) / math.sqrt(2 * math.pi)  # noqa: E731

    def expect(g):
        # beyond |z| = 40 the density is below 1e-348: nothing a double can see
        return sum(integrate.quad(lambda z: g(z) * density(z), a, b, epsabs=1e-14, epsrel=1e-13, limit=200)[0] for a, b in ((-40, 0), (0, 40)))

    mean = expect(lambda z: float(act(z)))
    return mean, expect(lambda z: float(act(z)) ** 2) - mean**2


def test_selu_maps_a_standard_normal_to_mean_0_variance_1():
    # Klambauer et al. 2017: (0, 1) is the fixed point of the moments for these constants;
    # quad is asked for ~1e-13, the 32-digit constants are good to far more.
    mean, var = _normal_moments(actviz.get("selu"))
    assert abs(mean) < 1e-12 and abs(var - 1) < 1e-12


def test_star_relu_defaults_normalise_a_standard_normal():
    # Yu et al. 2022: s = 1/sqrt(Var relu(Z)^2) = 1/sqrt(5/4), b = -s E[relu(Z)^2] = -s/2;
    # the published 4-digit values give mean 0 exactly (0.4472 - 0.4472) and variance
    # 0.8944^2 * 5/4 = 0.99996...
    mean, var = _normal_moments(actviz.get("star_relu"))
    assert abs(mean) < 1e-12
    assert var == pytest.approx(0.8944**2 * 1.25, abs=1e-12) and abs(var - 1) < 1e-4


def test_elish_minimum_is_2_sqrt2_minus_3_at_log_of_sqrt2_minus_1():
    # For x < 0, y = e^x: elish' = y (y^2 + 2y - 1)/(1 + y)^2 vanishes at y = sqrt2 - 1,
    # where elish = (y - 1) y/(1 + y) = 2 sqrt2 - 3 = -0.17157287525381 (closed form).
    act = actviz.get("elish")
    x0 = math.log(math.sqrt(2) - 1)
    assert act(x0) == pytest.approx(2 * math.sqrt(2) - 3, rel=4e-16)
    assert abs(act.derivative(x0)) < 1e-16


def test_special_cases_coincide():
    x = np.concatenate([-np.logspace(-300, 300, 61), np.linspace(-30, 30, 121)])
    elu = actviz.get("elu")
    for same in ("pelu", "celu"):  # a = b = 1 and alpha = 1 are plain ELU
        for order in (0, 1, 2):
            np.testing.assert_array_equal(*(a(x) if order == 0 else a.derivative(x, order) for a in (elu, actviz.get(same))))
    # soft exponential with alpha = 1 is e^x: (e^x - 1) + 1, exact up to the rounding of the sum
    x = np.linspace(-30, 700, 300)
    np.testing.assert_allclose(actviz.get("soft_exponential:alpha=1")(x), actviz.get("exponential")(x), rtol=4e-16, atol=2e-16)
    # rrelu in evaluation mode is leaky_relu with the mean slope
    np.testing.assert_array_equal(actviz.get("rrelu:lower=0.1,upper=0.3")(x), actviz.get("leaky_relu", negative_slope=0.2)(x))


def test_exp_overflows_honestly_at_the_last_bit():
    with np.errstate(over="ignore"):
        assert np.isfinite(np.exp(_overflow.EXP_MAX))
        assert np.exp(np.nextafter(_overflow.EXP_MAX, np.inf)) == np.inf
    act = actviz.get("exponential")
    edge = np.array([_overflow.EXP_MAX, np.nextafter(_overflow.EXP_MAX, np.inf), 1e308])
    assert np.isfinite(act(edge[0])) and (act(edge[1:]) == np.inf).all()
    # float32: e^89 = 4.49e38 is beyond float32's 3.40e38; rounded to inf without a cast warning
    assert act(np.float32(89.0)) == np.float32(np.inf) and act(np.float32(88.0)).dtype == np.float32


@pytest.mark.parametrize("c", [3.0, -7.5, 1e300, 1.0 + 2.0**-52])
def test_times_matches_plain_multiplication_including_overflow(c):
    edge = _overflow._times_edge(abs(c))
    x = np.array([edge, np.nextafter(edge, np.inf), -edge, -np.nextafter(edge, np.inf), 1e-300, -2.5, np.inf, -np.inf, np.nan])
    with np.errstate(over="ignore"):
        expected = c * x
    np.testing.assert_array_equal(_overflow.times(c, x), expected)
    assert np.isfinite(_overflow.times(c, x[:1])).all() and np.isinf(_overflow.times(c, x[1:2])).all()


@pytest.mark.parametrize("c", [1.0, 0.8944, 3.5, 1e-300])
def test_scaled_square_matches_plain_arithmetic_including_overflow(c):
    edge = _overflow._scaled_square_edge(c)
    x = np.array([edge, np.nextafter(edge, np.inf), -edge, 1e154, 2.0, np.inf, np.nan])
    with np.errstate(over="ignore"):
        expected = (c * x) * x
    np.testing.assert_array_equal(_overflow.scaled_square(c, x), expected)
    assert np.isfinite(_overflow.scaled_square(c, x[:1])).all() and np.isinf(_overflow.scaled_square(c, x[1:2])).all()


def test_float32_results_round_to_max_or_overflow_like_a_cast():
    x = np.float32(-np.finfo(np.float32).max)
    # |x| (1 + 2^-30) exceeds float32's max by less than half its ulp (2^103): rounds back to max
    assert actviz.get("leaky_relu", negative_slope=1 + 2.0**-30)(x) == x
    assert actviz.get("leaky_relu", negative_slope=3.0)(x) == -np.inf
    assert actviz.get("selu")(-x) == np.inf  # 1.0507 * 3.4e38


def test_identity_returns_a_new_array():
    x = np.array([1.0, 2.0])
    y = actviz.get("linear")(x)
    y[0] = 5.0
    assert x[0] == 1.0


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("rrelu:lower=0.5,upper=0.25", "lower = 0.5 must not exceed upper = 0.25"),
        ("srelu:t_left=2,t_right=1", "t_left = 2 must not exceed t_right = 1"),
        ("soft_exponential:alpha=-0.5", "alpha >= 0"),
        ("celu:alpha=0", r"1e-100 <= alpha <= 1e\+100 \(limited to where the kernels are exact\)"),
        ("pelu:b=0", "1e-100 <= b"),
        ("star_relu:scale=0", "1e-100 <= scale"),
        ("relun:max_value=-1", "max_value > 0"),
    ],
)
def test_parameter_rules_are_enforced(spec, message):
    with pytest.raises(ParameterError, match=message):
        actviz.get(spec)


def test_leaky_relu_default_follows_torch_and_names_keras():
    act = actviz.get("leaky_relu")
    assert act.params == {"negative_slope": 0.01}
    assert "keras" in act.notes and "0.2" in act.notes

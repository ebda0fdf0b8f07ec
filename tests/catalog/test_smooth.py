"""What the generic catalogue tests do not cover for actviz.catalog.smooth:
framework conventions at kinks, values where torch/jax lose everything, identities
between entries, and constants from the papers."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actviz
from actviz.catalog.rational import PAU_DENOMINATOR, PAU_NUMERATOR

TINY_TAIL_VALUES = [
    # (name, x, mpmath value at 40 digits)
    # mp.mpf(-30) * mp.ncdf(-30): 1 + erf(-30/sqrt 2) cancels to 0 in torch and jax
    ("gelu", -30.0, -1.472014178144456117860142776974057141599e-196),
    # mp.log1p(mp.exp(30)): torch's threshold=20 returns 30.0
    ("softplus", 30.0, 30.00000000000009357622968839736779377697),
    # -mp.log1p(mp.exp(-40)): -log(1 + e^-40) rounds to 0 when written as log(sigmoid(x))
    ("log_sigmoid", 40.0, -4.248354255291588986304977843631582181878e-18),
    # -40 * mp.tanh(mp.log1p(mp.exp(-40)))
    ("mish", -40.0, -1.699341702116635594521991137452632862528e-16),
]


@pytest.mark.parametrize(("name", "x", "expected"), TINY_TAIL_VALUES)
def test_tails_that_frameworks_round_away(name, x, expected):
    assert actviz.get(name)(x) == pytest.approx(expected, rel=4 * 2**-52)


def test_hardswish_does_not_overflow_at_the_largest_double():
    # torch computes x * min(max(x + 3, 0), 6) / 6 and gets inf here.
    x = np.finfo(np.float64).max
    assert actviz.get("hardswish")(x) == x


@pytest.mark.parametrize(("x", "slope"), [(-3.0, 0.0), (3.0, 1.0)])
def test_hardswish_kinks_follow_current_torch_backward(x, slope):
    # current torch (2.13; HardswishBackwardFunctor: 0 if x <= -3, x/3 + 1/2 if x < 3, else 1,
    # changed after pytorch issue #147801) and jax: the kinks take the flat pieces' slopes
    act = actviz.get("hardswish")
    assert act.derivative(x) == slope
    assert act.derivative(x, 2) == 0.0


def test_sparse_plus_second_derivative_at_its_kinks_is_zero_as_in_jax():
    act = actviz.get("sparse_plus")
    np.testing.assert_array_equal(act.derivative([-1.0, 1.0], 2), [0.0, 0.0])
    np.testing.assert_array_equal(act.derivative([-1.0, 1.0]), [0.0, 1.0])


def test_pade_at_zero_takes_sgn_zero_like_torch_abs():
    # At x = 0 the inner polynomial of Q vanishes: f = a0, f' = P'(0) = a1, the mean of the one-sided slopes
    # a1 -/+ a0 b1.
    act = actviz.get("pade")
    assert act(0.0) == PAU_NUMERATOR[0]
    assert act.derivative(0.0) == PAU_NUMERATOR[1]
    left, right = act.derivative([-1e-12, 1e-12])
    a0, b1 = PAU_NUMERATOR[0], PAU_DENOMINATOR[0]
    assert left == pytest.approx(PAU_NUMERATOR[1] + a0 * b1, abs=1e-11)
    assert right == pytest.approx(PAU_NUMERATOR[1] - a0 * b1, abs=1e-11)


def test_pade_declares_both_zeros_of_the_inner_polynomial():
    # b1 + b2 x + b3 x^2 + b4 x^3 has one real zero, near -b1/b2 = -8.31e-7.
    kinks = [k.x for k in actviz.get("pade").kinks]
    assert len(kinks) == 2 and kinks[1] == 0.0
    assert kinks[0] == pytest.approx(-PAU_DENOMINATOR[0] / PAU_DENOMINATOR[1], rel=1e-6)


def test_pade_tends_to_its_asymptotic_slope():
    # P/|A| ~ a5 x^5 / (b4 x^4): slope a5/b4 = 0.505 at both ends
    slope = PAU_NUMERATOR[5] / PAU_DENOMINATOR[3]
    np.testing.assert_allclose(actviz.get("pade").derivative([-np.inf, -1e300, 1e300, np.inf]), slope, rtol=1e-15)


@pytest.mark.parametrize(
    ("special", "general", "params"),
    [("silu", "swish", {"beta": 1.0}), ("serf", "pserf", {"gamma": 1.0, "delta": 1.0})],
)
def test_parameterless_entries_equal_their_families_bitwise(special, general, params):
    x = np.concatenate([np.linspace(-50, 50, 1001), [-np.inf, -1e300, 1e300, np.inf]])
    a, b = actviz.get(special), actviz.get(general, **params)
    for order in (0, 1, 2):
        ya = a(x) if order == 0 else a.derivative(x, order)
        yb = b(x) if order == 0 else b.derivative(x, order)
        np.testing.assert_array_equal(ya, yb)


def test_dsilu_is_the_derivative_of_silu():
    x = np.linspace(-30, 30, 601)
    np.testing.assert_array_equal(actviz.get("dsilu")(x), actviz.get("silu").derivative(x))


@pytest.mark.parametrize(
    ("name", "slope"),
    [("smish", 0.6), ("logish", math.log(2.0)), ("gelu", 1.0), ("mish", 1.0), ("tanh_exp", 1.0), ("bent_identity", 1.5)],
)
def test_slope_at_plus_infinity(name, slope):
    # smish's gate tends to tanh(ln 2) = 3/5, logish's to ln 2, bent identity's slope to 3/2.
    act = actviz.get(name)
    assert act(1e300) / 1e300 == pytest.approx(slope, rel=1e-15)
    assert act.derivative(np.inf) == pytest.approx(slope, rel=1e-15)


def test_gelu_tanh_stays_close_to_gelu():
    # The tanh form is an approximation, not a rewriting: the two differ by at most 4.73e-4
    # (at x = -2.70; mpmath: max over x of |x Phi(x) - x (1 + tanh(...))/2|), never by more.
    x = np.linspace(-6, 6, 2401)
    gap = np.abs(actviz.get("gelu")(x) - actviz.get("gelu_tanh")(x))
    assert 4.7e-4 < gap.max() < 4.75e-4


def test_jax_spelling_of_gelu_tanh():
    assert actviz.get("gelu_approximate").name == "gelu_tanh"
    assert actviz.get("hard_silu").name == "hardswish"


@pytest.mark.parametrize(
    ("params", "slope_at_plus_inf"),
    [({}, 1.0), ({"gamma": 4.0}, 0.5), ({"alpha": 0.5, "gamma": 4.0}, 0.0)],
)
def test_eis_limits_at_infinity(params, slope_at_plus_inf):
    # x sp(x)^alpha / sqrt(beta + gamma x^2) ~ x^alpha / sqrt(gamma) as x -> inf, ~ -e^(alpha x)/sqrt(gamma) as
    # x -> -inf; its slope tends to alpha x^(alpha-1)/sqrt(gamma): 1/sqrt(gamma) for alpha = 1, else 0.
    # (The reference tables cannot show x^alpha growth at their stand-in x = 1e400, so this is checked here.)
    act = actviz.get("eis", **params)
    x = np.array([-np.inf, np.inf])
    np.testing.assert_array_equal(act(x), [0.0, np.inf])
    np.testing.assert_array_equal(act.derivative(x), [0.0, slope_at_plus_inf])
    np.testing.assert_array_equal(act.derivative(x, 2), [0.0, 0.0])


@pytest.mark.parametrize(
    ("name", "switch"),
    [("gelu", -3.0), ("gelu", 0.0), ("gelu_tanh", 0.0), ("silu", 0.0), ("mish", 0.0), ("smish", 0.0),
     ("logish", 0.0), ("serf", -8.0), ("serf", 0.0), ("erfact", -8.0 / 0.75), ("erfact", 0.0)],
)  # fmt: skip
def test_careful_slopes_join_the_plain_ones_without_a_step(name, switch):
    # Left of their minima these units compute f' by a cancellation-free route; where it hands over to
    # T + u T' the two must agree to rounding (a step there would be a bug in one of the two formulas).
    act = actviz.get(name)
    pair = np.array([np.nextafter(switch, -np.inf), np.nextafter(switch, np.inf)])
    left, right = act.derivative(pair)
    assert left == pytest.approx(right, rel=1e-13, abs=1e-300)

"""Saturated sets, dead zones and their Gaussian shares against closed forms
evaluated with mpmath."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

import actviz
from actviz.analysis.gaussian import gaussian_fraction, normal_cdf
from actviz.analysis.saturation import check_sigma, check_threshold, has_dead_zone, saturation_sets
from actviz.errors import ActvizError

mpmath.mp.dps = 40


def _sigmoid_edge(t: float) -> mpmath.mpf:
    """sigma'(x) = e/(1+e)^2 with e = exp(-|x|) equals t where t e^2 + (2t-1) e + t = 0."""
    t = mpmath.mpf(t)
    e = ((1 - 2 * t) - mpmath.sqrt(1 - 4 * t)) / (2 * t)
    return -mpmath.log(e)


def _tanh_edge(t: float) -> mpmath.mpf:
    """sech^2(x) = t at x = acosh(1/sqrt(t))."""
    return mpmath.acosh(1 / mpmath.sqrt(mpmath.mpf(t)))


@pytest.mark.parametrize(("name", "edge"), [("sigmoid", _sigmoid_edge), ("tanh", _tanh_edge)])
@pytest.mark.parametrize("threshold", [0.01, 0.1])
def test_saturated_set_is_the_two_tails_beyond_the_closed_form_edge(name, edge, threshold):
    sets = saturation_sets(actviz.get(name), threshold)
    x_star = float(edge(threshold))
    ((a, b), (c, d)) = sets.saturated
    # The edge is located to adjacent floats of the predicate |f'| < t; f' is exact
    # to a few ulp and d ln f'/dx is about -1 there, so the edge moves by ~1e-15.
    assert a == -math.inf and d == math.inf
    assert b == pytest.approx(-x_star, rel=1e-12) and c == pytest.approx(x_star, rel=1e-12)
    assert sets.dead == ()  # sigmoid' and tanh' are never exactly 0 (float underflow is not death)


@pytest.mark.parametrize("sigma", [0.5, 1.0, 3.0, 10.0])
def test_sigmoid_saturated_share_matches_mpmath(sigma):
    sets = saturation_sets(actviz.get("sigmoid"), 0.01)
    # P(|z| > x*) = 2 Phi(-x*/sigma), z ~ N(0, sigma^2), in 40 digits
    expected = float(2 * mpmath.ncdf(-_sigmoid_edge(0.01) / sigma))
    # erfc is exact to ~1 ulp; the 1e-15 edge error moves the tail by x*/sigma^2 * 1e-15 relative
    assert float(gaussian_fraction(sets.saturated, sigma)) == pytest.approx(expected, rel=1e-12)


def test_relu_is_half_dead_at_every_sigma():
    sets = saturation_sets(actviz.get("relu"), 0.01)
    assert sets.dead == sets.saturated and sets.dead[0][0] == -math.inf
    assert 0.0 < sets.dead[0][1] <= 5e-324  # the edge is 0 (relu'(0) = 0, dead), to the next float
    sigmas = np.geomspace(0.1, 10, 7)
    np.testing.assert_array_equal(gaussian_fraction(sets.dead, sigmas), 0.5)


def test_fraction_of_several_intervals_adds_up():
    # P(-1 < z < 1) + P(z > 2) for sigma = 1, from mpmath
    expected = float(mpmath.ncdf(1) - mpmath.ncdf(-1) + mpmath.ncdf(-2))
    assert float(gaussian_fraction([(-1.0, 1.0), (2.0, math.inf)], 1.0)) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("bad", [0.0, -0.01, math.inf, math.nan])
def test_bad_threshold_and_sigma(bad):
    with pytest.raises(ActvizError, match="invalid threshold"):
        check_threshold(bad)
    with pytest.raises(ActvizError, match="invalid sigma"):
        check_sigma(bad)

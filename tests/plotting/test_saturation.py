"""Saturated sets, dead zones and their Gaussian shares against closed forms
evaluated with mpmath; the log-axis line runs down to 1e-300."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

import actviz
from actviz.errors import ActvizError
from actviz.plotting.saturation import (
    check_sigma,
    check_threshold,
    draw_log_derivative,
    gaussian_fraction,
    saturation_figure,
    saturation_sets,
)
from actviz.plotting.style import parse_size

from tests.helpers import PROBIT

mpmath.mp.dps = 40
SMALL = parse_size("640x360", 50)


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


def test_log_line_runs_cleanly_down_to_1e_300():
    ax = draw_log_derivative(PROBIT, lo=-40.0, hi=40.0)
    x, y = ax.lines[0].get_xydata().T
    drawn = np.isfinite(y)
    # phi(x) = exp(-x^2/2)/sqrt(2 pi) stays positive (normal or subnormal) for |x| < 38.6
    assert np.nanmin(y) < 1e-300
    np.testing.assert_array_equal(y[drawn], PROBIT.derivative(x[drawn]))
    assert np.all(drawn[np.abs(x) < 38.0])  # no cliff: every point above the underflow is drawn
    assert not np.any(y[drawn] == 0)


def test_sigmoid_log_line_reaches_its_exact_tail_value():
    ax = draw_log_derivative(actviz.get("sigmoid"), lo=-40.0, hi=40.0)
    y = ax.lines[0].get_ydata()
    # mpmath: exp(-40)/(1+exp(-40))^2 = 4.248354255291589e-18 (the naive s(1-s) gives 0 here)
    assert y[-1] == pytest.approx(4.248354255291589e-18, rel=1e-14)


def test_saturation_figure_shades_the_band_and_marks_sigma():
    acts = [actviz.get(n) for n in ("sigmoid", "tanh", "relu")]
    fig, sets = saturation_figure(acts, threshold=0.05, sigma=2.0, size=SMALL)
    left, right = fig.axes
    assert left.get_yscale() == "log" and right.get_xscale() == "log"
    (band,) = [p for p in left.patches if p.get_gid() == "saturated"]
    assert band.get_y() + band.get_height() == pytest.approx(0.05)  # shaded up to the threshold
    assert left.get_ylim()[0] < 4e-35  # tanh'(40) = 4*exp(-80)/(1+exp(-80))^2 = 7.2e-35 is in view
    assert [line.get_xdata()[0] for line in right.lines if line.get_gid() == "sigma"] == [2.0]
    relu_dead = [line for line in right.lines if line.get_gid() == "dead"]
    assert len(relu_dead) == 1 and np.all(relu_dead[0].get_ydata() == 0.5)  # only relu has a dead zone
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["sigmoid", "tanh", "relu"]
    assert set(sets) == {"sigmoid", "tanh", "relu"}


@pytest.mark.parametrize("bad", [0.0, -0.01, math.inf, math.nan])
def test_bad_threshold_and_sigma(bad):
    with pytest.raises(ActvizError, match="--threshold"):
        check_threshold(bad)
    with pytest.raises(ActvizError, match="--sigma"):
        check_sigma(bad)

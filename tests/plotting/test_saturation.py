"""The saturation picture: the log-axis line runs down to 1e-300, the band and the
shares are drawn from the sets the analysis computed."""

from __future__ import annotations

import numpy as np
import pytest

import actviz
from actviz.analysis.saturation import saturation_sets
from actviz.plotting.saturation import draw_log_derivative, saturation_figure
from actviz.plotting.style import parse_size

from tests.helpers import PROBIT

SMALL = parse_size("640x360", 50)


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
    sets = [saturation_sets(act, 0.05) for act in acts]
    fig = saturation_figure(acts, sets, sigma=2.0, size=SMALL)
    left, right = fig.axes
    assert left.get_yscale() == "log" and right.get_xscale() == "log"
    (band,) = [p for p in left.patches if p.get_gid() == "saturated"]
    assert band.get_y() + band.get_height() == pytest.approx(0.05)  # shaded up to the threshold
    assert left.get_ylim()[0] < 4e-35  # tanh'(40) = 4*exp(-80)/(1+exp(-80))^2 = 7.2e-35 is in view
    assert [line.get_xdata()[0] for line in right.lines if line.get_gid() == "sigma"] == [2.0]
    relu_dead = [line for line in right.lines if line.get_gid() == "dead"]
    assert len(relu_dead) == 1 and np.all(relu_dead[0].get_ydata() == 0.5)  # only relu has a dead zone
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["sigmoid", "tanh", "relu"]

"""Honest samples: kinks in the grid, jumps split into segments with their
one-sided limits, asymptotes computed from f(±inf), validated intervals."""

from __future__ import annotations

import numpy as np
import pytest

import actviz
from actviz.errors import ActvizError
from actviz.analysis.sampling import Asymptote, Jump, check_interval, sample_curve

from tests.helpers import ELU, LEAKY, RELU6, STEP


def test_kink_is_a_grid_point_and_the_line_is_the_catalogue_values():
    relu = actviz.get("relu")
    # 2000 points on [-1.3, 1.7] do not hit 0 by themselves; the kink must be added.
    (segment,) = sample_curve(relu, 0, -1.3, 1.7, points=2000).segments
    x, y = segment
    assert 0.0 in x
    np.testing.assert_array_equal(y, relu(x))
    assert np.all(np.diff(x) > 0)


def test_jump_in_f_is_two_segments_ending_at_the_one_sided_limits():
    curve = sample_curve(STEP, 0, -2.0, 2.0)
    (lx, ly), (rx, ry) = curve.segments
    assert lx[-1] == 0.0 and ly[-1] == 0.0  # left limit H(0-) = 0
    assert rx[0] == 0.0 and ry[0] == 1.0  # right limit H(0+) = 1
    assert np.all(lx <= 0) and np.all(rx >= 0)  # no segment crosses the jump: no vertical line
    assert np.all(ly == 0) and np.all(ry == 1)
    assert curve.jumps == (Jump(0.0, 0.0, 1.0, 1.0),)
    assert curve.jumps[0].open_values() == (0.0,)  # H(0) = 1 taken: open dot at 0 only


def test_relu_derivative_jumps_at_zero_with_the_torch_convention():
    (jump,) = sample_curve(actviz.get("relu"), 1, -3.0, 3.0).jumps
    assert jump == Jump(0.0, 0.0, 0.0, 1.0)  # relu'(0) = 0: closed dot at 0, open at 1
    assert jump.open_values() == (1.0,)


def test_continuous_kink_is_not_split():
    leaky = LEAKY.with_params(negative_slope=0.2)
    curve = sample_curve(leaky, 0, -3.0, 3.0)
    assert len(curve.segments) == 1 and curve.jumps == ()
    assert len(sample_curve(leaky, 1, -3.0, 3.0).segments) == 2


def test_jump_at_the_edge_of_the_range_draws_the_inner_limit():
    curve = sample_curve(actviz.get("relu"), 1, 0.0, 2.0)
    (x, y), = curve.segments
    assert x[0] == 0.0 and y[0] == 1.0  # relu'(0+) = 1 drawn; relu'(0) = 0 is the closed dot
    assert curve.jumps == (Jump(0.0, None, 0.0, 1.0),)


@pytest.mark.parametrize(
    ("act", "order", "expected"),
    [
        (actviz.get("sigmoid"), 0, {0.0, 1.0}),
        (actviz.get("tanh"), 0, {-1.0, 1.0}),
        (ELU.with_params(alpha=1.5), 0, {-1.5}),
        (actviz.get("sigmoid"), 1, {0.0}),
        (actviz.get("relu"), 0, set()),  # relu sits on 0 at the left edge: nothing to add
        (RELU6, 0, set()),  # 6 is reached at x = 6, beyond the view: a ceiling, not an asymptote
        (RELU6, 1, set()),
    ],
)
def test_asymptotes_are_the_limits_at_infinity(act, order, expected):
    found = sample_curve(act, order, -5.0, 5.0).asymptotes
    assert {a.value for a in found} == expected


def test_asymptote_sides():
    assert sample_curve(ELU, 0, -5.0, 5.0).asymptotes == (Asymptote(-1, -1.0),)


@pytest.mark.parametrize("bad", [(3.0, -3.0), (1.0, 1.0), (float("nan"), 1.0), (0.0, float("inf"))])
def test_bad_range_is_an_actviz_error(bad):
    with pytest.raises(ActvizError, match=r"invalid x_range .*LO < HI"):
        check_interval(*bad)

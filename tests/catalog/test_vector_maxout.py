"""maxout and its envelope; the slope bands of PReLU and RReLU."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actviz
from actviz.entry import Activation
from actviz.catalog.vector import slope_band, upper_envelope
from actviz.errors import ActvizError, ParameterError


@settings(max_examples=100, deadline=None)
@given(k=st.integers(1, 12), seed=st.integers(0, 2**32))
def test_curve_is_the_max_of_its_pieces(k, seed):
    """The definition, in plain numpy: max_j (w_j x + b_j). Both compute the same
    rounded products and sums for |x| <= 50, so they agree exactly."""
    maxout = actviz.get("maxout", k=k, seed=seed)
    x = np.linspace(-50, 50, 1001)
    by_definition = np.max(maxout.slopes[None, :] * x[:, None] + maxout.offsets[None, :], axis=1)
    assert np.array_equal(maxout.curve()(x), by_definition)
    assert maxout.pieces_at(x).shape == (1001, k)


@settings(max_examples=100, deadline=None)
@given(k=st.integers(1, 12), seed=st.integers(0, 2**32))
def test_each_piece_is_the_maximum_exactly_on_its_interval(k, seed):
    maxout = actviz.get("maxout", k=k, seed=seed)
    intervals = maxout.active_intervals()
    x = np.linspace(-60, 60, 2401)
    pieces = maxout.pieces_at(x)
    winner = np.argmax(pieces, axis=1)
    top = pieces.max(axis=1)
    for j, where in enumerate(intervals):
        if where is None:  # never maximal: strictly below the max away from ties (1e-12 of rounding)
            assert np.all(pieces[:, j] < top + 1e-12)
            assert not np.any((winner == j) & (pieces[:, j] > np.delete(pieces, j, axis=1).max(axis=1, initial=-np.inf) + 1e-9))
        else:
            inside = (x > where[0] + 1e-9) & (x < where[1] - 1e-9)
            assert np.allclose(pieces[inside, j], top[inside], rtol=0, atol=1e-12)
    # the intervals tile the line
    covered = sorted(w for w in intervals if w is not None)
    assert covered[0][0] == -np.inf and covered[-1][1] == np.inf
    assert all(a[1] == b[0] for a, b in zip(covered, covered[1:]))


def test_relu_is_the_maxout_of_0_and_x():
    relu_maxout = actviz.get("maxout").with_pieces([0.0, 1.0], [0.0, 0.0]).curve()
    relu = actviz.get("relu")
    x = np.array([-np.inf, -3.0, -0.0, 0.0, 1e-300, 2.5, 1e308, np.inf])
    assert np.array_equal(relu_maxout(x), relu(x))
    assert np.array_equal(relu_maxout.derivative(x), relu.derivative(x))  # relu'(0) = 0: the left piece
    assert [k.x for k in relu_maxout.kinks] == [0.0]


def test_envelope_drops_dominated_and_parallel_pieces():
    # lines: x, -x, 0.5 x - 10 (below |x| everywhere), x - 1 (parallel to x, lower)
    active, breaks = upper_envelope(np.array([1.0, -1.0, 0.5, 1.0]), np.array([0.0, 0.0, -10.0, -1.0]))
    assert active == (1, 0) and breaks == (0.0,)
    # three lines through one point: the middle one is maximal only at that point, so dropped
    active, breaks = upper_envelope(np.array([-1.0, 0.0, 1.0]), np.array([0.0, 0.0, 0.0]))
    assert active == (0, 2) and breaks == (0.0,)


def test_derivative_is_the_left_slope_at_breakpoints_and_second_is_zero():
    maxout = actviz.get("maxout").with_pieces([-2.0, 0.5, 3.0], [0.0, 1.0, -4.0])
    curve = maxout.curve()
    # -2x = 0.5x + 1 at x = -0.4; 0.5x + 1 = 3x - 4 at x = 2
    assert [k.x for k in curve.kinks] == pytest.approx([-0.4, 2.0], abs=1e-15)
    assert curve.derivative(np.array([-1.0, -0.4, 0.0, 2.0, 5.0])).tolist() == [-2.0, -2.0, 0.5, 0.5, 3.0]
    assert curve.derivative(np.array([-1.0, 2.0, np.nan]), 2).tolist()[:2] == [0.0, 0.0]


def test_extremes_without_warnings():
    curve = actviz.get("maxout").with_pieces([-2.0, 0.0, 3.0], [1e308, 0.0, -1e308]).curve()
    x = np.array([-np.inf, -1e308, 0.0, 1e308, np.inf, np.nan])
    # -2 * -1e308 + 1e308 and 3 * 1e308 - 1e308 overflow to +inf; 0 * inf is the constant piece 0.
    values = curve(x)
    assert values[0] == np.inf and values[1] == np.inf and values[3] == np.inf and values[4] == np.inf
    assert values[2] == 1e308 and np.isnan(values[5])
    assert curve.derivative(x).tolist()[:5] == [-2.0, -2.0, -2.0, 3.0, 3.0]
    # -2x + 1e308 = 3x - 1e308 at x = 4e307, although 1e308 - (-1e308) overflows
    assert [k.x for k in curve.kinks] == pytest.approx([4e307], rel=1e-15)
    flat = actviz.get("maxout").with_pieces([0.0], [2.0]).curve()
    assert flat(np.array([-np.inf, np.inf])).tolist() == [2.0, 2.0]


def test_maxout_of_preactivations_takes_the_last_axis():
    maxout = actviz.get("maxout:k=3")
    z = np.array([[1.0, -2.0, 0.5], [-1.0, -3.0, -0.5]], dtype=np.float32)
    out = maxout(z)
    assert out.tolist() == [1.0, -0.5] and out.dtype == np.float32
    with pytest.raises(ActvizError, match="last axis has length 3, got shape \\(2, 2\\)"):
        maxout(np.zeros((2, 2)))


def test_pieces_from_a_seed_are_reproducible_and_standard_normal():
    a, b = actviz.get("maxout:k=4,seed=7"), actviz.get("maxout", k=4, seed=7)
    assert np.array_equal(a.slopes, b.slopes) and np.array_equal(a.offsets, b.offsets)
    draws = np.random.default_rng(7).standard_normal((2, 4))
    assert np.array_equal(a.slopes, draws[0]) and np.array_equal(a.offsets, draws[1])
    assert not np.array_equal(a.slopes, actviz.get("maxout:k=4,seed=8").slopes)


def test_bad_pieces_and_parameters():
    maxout = actviz.get("maxout")
    with pytest.raises(ParameterError, match="as many slopes as offsets: got 2 slopes and 3 offsets"):
        maxout.with_pieces([1, 2], [0, 0, 0])
    with pytest.raises(ParameterError, match="must be finite"):
        maxout.with_pieces([1, np.inf], [0, 0])
    with pytest.raises(ParameterError, match="'k' of maxout: expected an integer with 1 <= k <= 64"):
        actviz.get("maxout:k=0")
    with pytest.raises(ParameterError, match="'k' of maxout"):
        actviz.get("maxout:k=2.5")
    given = maxout.with_pieces([1.0, -1.0], [0.0, 0.0])
    assert given.params["k"] == 2 and "slopes=[1.0, -1.0]" in given.label
    with pytest.raises(ParameterError, match="2 given pieces: k cannot be 5"):
        given.with_params(k=5)
    assert given.with_pieces([1.0, 2.0, 3.0], [0.0, 0.0, 0.0]).params["k"] == 3


def test_curve_is_an_ordinary_activation():
    curve = actviz.get("maxout:k=5,seed=3").curve()
    assert isinstance(curve, Activation) and curve.pointwise
    assert curve(np.float32(0.5)).dtype == np.float32


# -- slope bands -------------------------------------------------------------------------------


def test_rrelu_band_is_lower_to_upper_with_the_mean_in_evaluation():
    band = slope_band(actviz.get("rrelu"))
    assert (band.low, band.high) == (1 / 8, 1 / 3)
    assert band.evaluation_slope == pytest.approx((1 / 8 + 1 / 3) / 2, rel=1e-15)  # 11/48, torch's eval mode
    x = np.linspace(-5, 3, 81)
    lowest, highest = band.member(band.low)(x), band.member(band.high)(x)
    for slope in band.slopes(9):
        member = band.member(slope)(x)
        assert np.all((np.minimum(lowest, highest) <= member) & (member <= np.maximum(lowest, highest)))
        assert band.member(slope)(-2.0) == -2.0 * slope
    evaluation = band.activation(x)
    assert np.all((np.minimum(lowest, highest) <= evaluation) & (evaluation <= np.maximum(lowest, highest)))


def test_prelu_band_defaults_to_relu_through_identity():
    band = slope_band(actviz.get("prelu"))
    assert (band.low, band.high, band.evaluation_slope) == (0.0, 1.0, 0.25)
    assert band.member(0.0)(-3.0) == 0.0 and band.member(1.0)(-3.0) == -3.0
    custom = slope_band(actviz.get("rrelu:lower=0.1,upper=0.3"), low=0.05)
    assert (custom.low, custom.high) == (0.05, 0.3)


@pytest.mark.parametrize(("spec", "low", "high", "message"), [
    ("relu", None, None, "slope bands are drawn for prelu and rrelu, not 'relu'"),
    ("prelu", 0.5, 0.5, r"invalid slope band \[0.5, 0.5\]: expected finite low < high"),
    ("prelu", np.nan, 1.0, "invalid slope band"),
])
def test_bad_bands(spec, low, high, message):
    with pytest.raises(ActvizError, match=message):
        slope_band(actviz.get(spec), low, high)

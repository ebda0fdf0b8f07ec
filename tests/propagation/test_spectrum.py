"""The Jacobian spectrum: exact cases (linear stacks), the free-probability moments against
the Monte Carlo, and the papers' contrast between tanh and relu."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actviz
from actviz.errors import ActvizError
from actviz.propagation.spectrum import (
    critical_at_q_star,
    fuss_catalan_moment,
    predict_spectrum,
    recorded_depths,
    simulate_spectrum,
    summarise,
)
from actviz.propagation.theory import fixed_point, mean_field

IDENTITY, TANH, RELU = actviz.get("identity"), actviz.get("tanh"), actviz.get("relu")


def test_linear_orthogonal_stack_is_an_exact_isometry():
    run, = simulate_spectrum([IDENTITY], [(1.0, 0.0)], depth=12, width=24, weights="orthogonal", seeds=2)
    for logs in run.log_lambdas:
        np.testing.assert_allclose(np.exp(logs), 1.0, rtol=0, atol=1e-12)  # rounding of 12 products of 24x24
    prediction = predict_spectrum(IDENTITY, depth=12, sigma_w2=1.0, sigma_b2=0.0, weights="orthogonal", q0=1.0)
    assert np.all(prediction.mean == 1.0) and np.all(prediction.variance == 0.0)


def test_products_are_carried_in_log_space_beyond_float64():
    """sigma_w^2 = 1/4 over 600 orthogonal layers: lambda = 4^-600 = 1e-361, below the
    smallest double, yet its log is exact to rounding."""
    run, = simulate_spectrum([IDENTITY], [(0.25, 0.0)], depth=600, width=6, seeds=1, depths=[600])
    np.testing.assert_allclose(run.log_lambdas[0], 600 * math.log(0.25), rtol=1e-12)


def test_fuss_catalan_numbers():
    # Fuss-Catalan numbers of order 3 (two factors): 1, 3, 12, 55 (OEIS A001764)
    assert [fuss_catalan_moment(2, k) for k in (1, 2, 3, 4)] == [1, 3, 12, 55]
    assert all(fuss_catalan_moment(depth, 2) == depth + 1 for depth in range(1, 30))


def _wick_second_moment(depth: int, width: int) -> float:
    r"""E (1/N) tr (JJ^T)^2 for J a product of ``depth`` real N x N Gaussian matrices of
    variance 1/N, exactly at finite N. Wick's theorem on one more factor W, given B = JJ^T
    with a = (tr B/N)^2, b = tr B^2/N:
    E b' = a + b (1 + 1/N) and E a' = a + 2 b / N^2; from a = b = 1 (J = I).
    (L = 1 gives 2 + 1/N, the second moment of a real Wishart matrix; N -> inf gives L + 1.)"""
    a, b = 1.0, 1.0
    for _ in range(depth):
        a, b = a + 2 * b / width**2, a + b * (1 + 1 / width)
    return b


def test_wick_recursion_reaches_the_fuss_catalan_moment():
    assert _wick_second_moment(1, 50) == pytest.approx(2 + 1 / 50, rel=1e-15)
    assert _wick_second_moment(7, 10**9) == pytest.approx(fuss_catalan_moment(7, 2), rel=1e-6)


def test_linear_gaussian_stack_has_the_fuss_catalan_moments_within_the_stated_error():
    depth, width, seeds = 4, 48, 12
    run, = simulate_spectrum([IDENTITY], [(1.0, 0.0)], depth=depth, width=width, weights="gaussian", seeds=seeds,
                             depths=[depth])
    stats, = summarise(run)
    prediction = predict_spectrum(IDENTITY, depth=depth, sigma_w2=1.0, sigma_b2=0.0, weights="gaussian", q0=1.0)
    assert prediction.mean[-1] == 1.0 and prediction.second_moment[-1] == fuss_catalan_moment(depth, 2) == depth + 1
    mean, second = math.exp(stats.log_mean), math.exp(stats.log_second_moment)
    # E lambda = 1 exactly at any width; the second moment's exact finite-N value is Wick's,
    # 5.43 at N = 48 against L + 1 = 5 as N -> inf. Four standard errors across seeds.
    assert abs(mean - 1.0) < 4 * stats.mean_stderr * mean
    assert abs(second - _wick_second_moment(depth, width)) < 4 * stats.second_moment_stderr * second


def test_tanh_at_criticality_spreads_far_slower_with_depth_than_relu():
    """Pennington, Schoenholz & Ganguli (2017), the variance of the spectrum at chi_1 = 1 with
    orthogonal weights: sigma^2 = L (mu_2/mu_1^2 - 1), which is L for relu (Table 1) and
    0.0017 L for tanh at q* = 1/64 (its phi'^2 barely varies). Measured at N = 96: tanh
    0.0061 and 0.028 at L = 4 and 16 (theory 0.0068, 0.027), relu 4.4 and 17 (theory 4, 16)."""
    w2, b2 = critical_at_q_star(TANH, 1 / 64)
    depths = [4, 16]
    runs = simulate_spectrum([TANH, RELU], [(w2, b2), (2.0, 0.0)], depth=16, width=96, seeds=3, depths=depths,
                             q0=[1 / 64, 1.0])
    measured = {}
    for act, run, (sw2, sb2), q0 in zip((TANH, RELU), runs, [(w2, b2), (2.0, 0.0)], (1 / 64, 1.0)):
        prediction = predict_spectrum(act, depth=16, sigma_w2=sw2, sigma_b2=sb2, weights="orthogonal", q0=q0)
        for stats in summarise(run):
            theory = prediction.relative_variance[stats.depth - 1]
            # the Monte Carlo's error across seeds plus a 15% allowance for finite width (O(L/N))
            assert abs(stats.relative_variance - theory) < 4 * stats.relative_variance_stderr + 0.15 * theory
            measured[act.name, stats.depth] = stats.relative_variance
    assert predict_spectrum(RELU, depth=16, sigma_w2=2.0, sigma_b2=0.0, weights="orthogonal",
                            q0=1.0).relative_variance[-1] == pytest.approx(16.0, rel=1e-12)
    relu_growth = measured["relu", 16] - measured["relu", 4]
    tanh_growth = measured["tanh", 16] - measured["tanh", 4]
    assert relu_growth > 100 * tanh_growth > 0


def test_free_probability_closed_forms():
    """Table 1 of Pennington et al. (2017): relu's sigma^2 is L with orthogonal and 2L with
    Gaussian weights; a linear Gaussian stack has L (the Fuss-Catalan variance)."""
    for act, weights, slope in ((RELU, "orthogonal", 1.0), (RELU, "gaussian", 2.0), (IDENTITY, "gaussian", 1.0)):
        w2 = 2.0 if act is RELU else 1.0
        prediction = predict_spectrum(act, depth=10, sigma_w2=w2, sigma_b2=0.0, weights=weights, q0=1.0)
        np.testing.assert_allclose(prediction.relative_variance, slope * np.arange(1, 11), rtol=1e-12)
        np.testing.assert_allclose(prediction.mean, 1.0, rtol=1e-12)


def test_critical_at_q_star_is_the_edge_of_chaos_with_that_fixed_point():
    assert critical_at_q_star(RELU, 0.3) == pytest.approx((2.0, 0.0), rel=1e-14, abs=1e-15)
    w2, b2 = critical_at_q_star(TANH, 0.25)
    assert fixed_point(TANH, w2, b2).q_star == pytest.approx(0.25, rel=1e-9)
    assert mean_field(TANH, w2, b2).chi1 == pytest.approx(1.0, rel=1e-9)
    with pytest.raises(ActvizError, match="sigma_b\\^2 = .* < 0"):
        critical_at_q_star(actviz.get("sigmoid"), 0.25)


def test_relu_null_space_counts_as_zero():
    """A relu layer switches off about half its units: J's rank is at most the fewest active
    units of any layer, so at least half of lambda is 0 (below float64's resolution)."""
    run, = simulate_spectrum([RELU], [(2.0, 0.0)], depth=6, width=40, seeds=2, depths=[6])
    stats, = summarise(run)
    assert stats.zero_fraction >= 0.4 and stats.log_min == -math.inf


def test_recorded_depths_and_refusals():
    assert recorded_depths(5) == [1, 2, 3, 4, 5]
    depths = recorded_depths(1000)
    assert depths[0] == 1 and depths[-1] == 1000 and len(depths) <= 20
    with pytest.raises(ActvizError, match="width 100000 is too large"):
        simulate_spectrum([TANH], [(1.0, 0.0)], depth=10, width=100000)
    with pytest.raises(ActvizError, match="hours"):
        simulate_spectrum([TANH], [(1.0, 0.0)], depth=100000, width=4096, seeds=10)
    with pytest.raises(ActvizError, match="invalid weights"):
        simulate_spectrum([TANH], [(1.0, 0.0)], depth=3, width=4, weights="uniform")


def test_a_jacobian_that_vanishes_is_summarised_without_warnings():
    # 4 relu units over 200 layers: some layer has every unit off (p = 1/16 each), so J = 0
    run, = simulate_spectrum([RELU], [(2.0, 0.0)], depth=200, width=4, seeds=2, depths=[200])
    stats, = summarise(run)
    assert stats.zero_fraction == 1.0 and stats.log_mean == -math.inf and stats.relative_variance == 0.0

"""Curves equal to within a few ulps of their scale are found; near misses are not."""

from __future__ import annotations

import numpy as np

import actviz
from actviz.analysis.differences import coinciding, equal_within_ulps


def test_a_formula_and_the_catalogue_entry_it_spells_out_coincide():
    acts = [actviz.get(s) for s in ("x*tanh(softplus(x))", "mish", "gelu", "gelu_tanh", "x*sigmoid(x)", "silu")]
    assert coinciding(acts, -5.0, 5.0, (0, 1)) == [None, 0, None, None, None, 4]


def test_gelu_and_its_tanh_approximation_do_not_coincide():
    # |gelu - gelu_tanh| reaches 4.7e-4 at x = -2.7: far above any rounding
    acts = [actviz.get("gelu"), actviz.get("gelu_tanh")]
    assert coinciding(acts, -5.0, 5.0) == [None, None]


def test_a_difference_of_a_few_ulps_of_the_scale_is_the_boundary():
    # relu and leaky_relu differ by negative_slope * |x| on x < 0, at most 5 * slope on [-5, 5];
    # 4 ulps of the scale 5 are 4 * 8.9e-16 = 3.6e-15
    relu = actviz.get("relu")
    assert coinciding([relu, actviz.get("leaky_relu", negative_slope=1e-16)], -5.0, 5.0) == [None, 0]
    assert coinciding([relu, actviz.get("leaky_relu", negative_slope=1e-15)], -5.0, 5.0) == [None, None]


def test_equal_within_ulps_counts_equal_infinities_and_nans_and_nothing_else_non_finite():
    inf, nan = np.inf, np.nan
    assert equal_within_ulps(np.array([1.0, inf, nan, -inf]), np.array([1.0 + 2 ** -52, inf, nan, -inf]))
    assert not equal_within_ulps(np.array([1.0, inf]), np.array([1.0, 1e308]))
    assert not equal_within_ulps(np.array([1.0, nan]), np.array([1.0, 0.0]))
    assert not equal_within_ulps(np.array([1.0]), np.array([1.0 + 5 * 2 ** -52]))

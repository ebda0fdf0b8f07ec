"""softmax: closed forms, mpmath references at 40 digits, extremes without warnings.

pytest turns every warning into an error, so each test here also checks that
no RuntimeWarning is raised.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import actviz
from actviz.errors import ActvizError, ParameterError

EPS = 2.0**-53
mp.mp.dps = 40


def _reference(logits, temperature=1.0):
    """softmax and log-softmax in mpmath from the textbook formula e^{z_i/T} / sum_j e^{z_j/T}."""
    z = [mp.mpf(v) / mp.mpf(temperature) for v in logits]
    total = mp.fsum(mp.exp(v) for v in z)
    return [mp.exp(v) / total for v in z], [v - mp.log(total) for v in z]


def test_seed_note_example():
    # The seed notes: np.exp([2.0, 1.0, 0.1]) / sum -> [0.659, 0.242, 0.099].
    p = actviz.get("softmax")([2.0, 1.0, 0.1])
    assert np.round(p, 3).tolist() == [0.659, 0.242, 0.099]


logit_lists = st.lists(st.floats(-300, 300), min_size=1, max_size=8)
temperatures = st.sampled_from([0.1, 0.5, 1.0, 2.0, 10.0])


@settings(max_examples=100, deadline=None)
@given(logits=logit_lists, temperature=temperatures)
def test_matches_mpmath(logits, temperature):
    """Error bound: the gap g_i = (z_i - max z)/T is rounded twice (relative eps
    each), which moves e^{g_i} by |g_i| eps relatively, for both g_i and the
    largest gap in the sum; exp, the sum of n terms and the division add n + 3
    roundings. So |p - ref| <= ref * eps * (n + 4 + 2 |g_i| + 2 max|g|) and
    |log p - ref| <= eps * (n + 4 + 2 |g_i| + 2 max|g|) + ulp(ref)."""
    softmax = actviz.get("softmax", temperature=temperature)
    p, log_p = softmax(np.array(logits)), softmax.log(np.array(logits))
    ref_p, ref_log = _reference(logits, temperature)
    gaps = [(z - max(logits)) / temperature for z in logits]
    for i, z in enumerate(logits):
        slack = len(logits) + 4 + 2 * abs(gaps[i]) + 2 * max(abs(g) for g in gaps)
        # EPS * slack first: ref * EPS alone underflows to 0 for a subnormal ref (e.g. e^-710)
        assert abs(p[i] - float(ref_p[i])) <= float(ref_p[i]) * (EPS * slack) + 2**-1074
        assert abs(log_p[i] - float(ref_log[i])) <= EPS * slack + math.ulp(float(ref_log[i]))


@settings(max_examples=100, deadline=None)
@given(logits=logit_lists, temperature=temperatures)
def test_sums_to_one(logits, temperature):
    # n probabilities, each within a few ulp: the sum is 1 within n + 4 roundings.
    p = actviz.get("softmax", temperature=temperature)(np.array(logits))
    assert abs(math.fsum(p) - 1.0) <= (len(logits) + 4) * EPS
    assert np.all((p >= 0) & (p <= 1))


@settings(max_examples=100, deadline=None)
@given(
    eighths=st.lists(st.integers(-800, 800), min_size=1, max_size=8),
    shift=st.integers(-10**6, 10**6),
    temperature=temperatures,
)
def test_adding_a_constant_changes_nothing(eighths, shift, temperature):
    """z = k/8 and z + c (c an integer) are exact in float64, and so are their
    differences: softmax computes from differences only, so the results are
    identical to the bit, not merely close."""
    z = np.array(eighths) / 8.0
    softmax = actviz.get("softmax", temperature=temperature)
    assert np.array_equal(softmax(z + shift), softmax(z))
    assert np.array_equal(softmax.log(z + shift), softmax.log(z))


@settings(max_examples=100, deadline=None)
@given(x=st.floats(-1e6, 1e6), y=st.floats(-1e6, 1e6), temperature=temperatures)
def test_two_logits_are_the_sigmoid_of_the_difference(x, y, temperature):
    """softmax([x, y])_0 = 1/(1 + e^{(y-x)/T}) = sigmoid((x - y)/T). Both round
    x - y and the quotient by T the same way; exp and the division differ by a
    few roundings: 8 eps relative, plus the smallest subnormal for underflow."""
    p = actviz.get("softmax", temperature=temperature)([x, y])
    s = actviz.get("sigmoid")(np.array([(x - y) / temperature, (y - x) / temperature]))
    assert np.allclose(p, s, rtol=8 * EPS, atol=2**-1074)


def test_curve_is_the_two_logit_softmax():
    softmax = actviz.get("softmax", temperature=2.0)
    curve = softmax.curve()
    x = np.linspace(-30, 30, 121)
    pairs = softmax(np.stack([x, np.zeros_like(x)], axis=-1))[:, 0]
    assert np.allclose(curve(x), pairs, rtol=8 * EPS, atol=0)
    # d/dx sigmoid(x/2) = sigmoid'(x/2)/2; closed form e^{-x/2}/(1 + e^{-x/2})^2 / 2.
    e = np.exp(-x / 2)
    assert np.allclose(curve.derivative(x), e / (1 + e) ** 2 / 2, rtol=1e-14, atol=0)
    assert curve.pointwise


def test_huge_logits_give_the_exact_answer():
    softmax = actviz.get("softmax")
    # e^{-999} and e^{-2000} are far below the smallest double: exactly [1, 0, 0].
    assert softmax([1000.0, 1.0, -1000.0]).tolist() == [1.0, 0.0, 0.0]
    # log p = [-log1p(e^-999 + e^-2000), -999 - that, -2000 - that] = [-0.0, -999, -2000] in float64.
    assert softmax.log([1000.0, 1.0, -1000.0]).tolist() == [0.0, -999.0, -2000.0]


def test_log_of_a_probability_near_one_keeps_its_digits():
    # log softmax([0, -40])_0 = -log1p(e^{-40}) = -4.248354255291589e-18 (mpmath below);
    # log(p) with p rounded to 1.0 would give 0.
    ref = float(-mp.log1p(mp.exp(-40)))
    assert math.isclose(actviz.get("softmax").log([0.0, -40.0])[0], ref, rel_tol=4 * EPS)


@pytest.mark.parametrize(
    ("logits", "temperature", "expected"),
    [
        ([1e308, -1e308], 1.0, [1.0, 0.0]),
        ([1e308, 1e308], 1.0, [0.5, 0.5]),
        ([-1e308, -1.7e308], 1.0, [1.0, 0.0]),
        ([np.inf, 0.0], 1.0, [1.0, 0.0]),
        ([np.inf, 3.0, np.inf], 1.0, [0.5, 0.0, 0.5]),
        ([-np.inf, 0.0], 1.0, [0.0, 1.0]),
        ([1.0, 0.0], 1e-300, [1.0, 0.0]),
        ([5e-324, 0.0], 1e300, [0.5, 0.5]),
    ],
)
def test_extremes_have_their_limits(logits, temperature, expected):
    assert actviz.get("softmax", temperature=temperature)(logits).tolist() == expected


def test_difference_beyond_the_largest_double_with_a_large_temperature():
    # (1e308 - (-1e308)) / 1e307 = 20 although 1e308 - (-1e308) overflows:
    # p = [1/(1 + e^-20), e^-20/(1 + e^-20)].
    p = actviz.get("softmax", temperature=1e307)([1e308, -1e308])
    e = math.exp(-20)
    assert np.allclose(p, [1 / (1 + e), e / (1 + e)], rtol=4 * EPS, atol=0)


@pytest.mark.parametrize("logits", [[np.nan, 0.0], [-np.inf, -np.inf], [np.nan, np.inf]])
def test_undefined_rows_are_nan(logits):
    softmax = actviz.get("softmax")
    assert np.isnan(softmax(logits)).all()
    assert np.isnan(softmax.log(logits)).all()
    assert np.isnan(softmax.jacobian(logits)).all()


def test_rows_are_independent_and_dtypes_kept():
    softmax = actviz.get("softmax")
    batch = np.array([[2.0, 1.0, 0.1], [np.nan, 0.0, 0.0], [0.0, 0.0, 0.0]], dtype=np.float32)
    p = softmax(batch)
    assert p.dtype == np.float32 and p.shape == (3, 3)
    assert np.array_equal(p[0], softmax(batch[0]))
    assert np.isnan(p[1]).all()
    assert np.allclose(p[2], 1 / 3, rtol=2**-23)
    assert softmax.jacobian(batch).shape == (3, 3, 3)
    assert softmax([1, 2]).dtype == np.float64


def test_jacobian_matches_mpmath_and_keeps_digits_near_one_hot():
    """J = (diag(p) - p p^T)/T from mpmath. For z = [40, 0] the diagonal is
    p_0 (1 - p_0) ~ e^{-40}; 1 - p_0 computed as 1 - 0.99... would cancel."""
    for logits, temperature in (([2.0, 1.0, 0.1], 1.0), ([40.0, 0.0], 1.0), ([3.0, -1.0, 0.5, 2.0], 0.7)):
        ref_p, _ = _reference(logits, temperature)
        ref = [[(ref_p[i] * ((i == j) - ref_p[j])) / temperature for j in range(len(logits))] for i in range(len(logits))]
        jacobian = actviz.get("softmax", temperature=temperature).jacobian(logits)
        # each entry: a product and a quotient of values within a few ulp, plus the
        # |g| eps amplification of the gaps (|g| <= 40 here): 100 eps relative.
        assert np.allclose(jacobian, np.array(ref, dtype=float), rtol=100 * EPS, atol=0)


def test_jacobian_rows_sum_to_zero_and_it_is_symmetric():
    jacobian = actviz.get("softmax", temperature=0.5).jacobian([0.3, -1.2, 2.5, 0.0])
    assert np.allclose(jacobian.sum(axis=-1), 0.0, atol=8 * EPS)
    assert np.array_equal(jacobian, jacobian.T)


def test_jacobian_matches_central_differences():
    softmax = actviz.get("softmax", temperature=1.5)
    z = np.array([0.4, -0.7, 1.1])
    h = 1e-5
    numeric = np.stack([(softmax(z + h * e) - softmax(z - h * e)) / (2 * h) for e in np.eye(3)], axis=-1)
    # truncation h^2 |p'''|/6 ~ 1e-11, rounding eps/h ~ 1e-11
    assert np.allclose(softmax.jacobian(z), numeric, atol=1e-9)


def test_bad_input_and_parameters_are_actviz_errors():
    softmax = actviz.get("softmax")
    with pytest.raises(ActvizError, match="at least one logit"):
        softmax(1.0)
    with pytest.raises(ActvizError, match="at least one logit"):
        softmax(np.zeros((2, 0)))
    with pytest.raises(ActvizError, match="cannot evaluate softmax on <U"):
        softmax(["a", "b"])
    with pytest.raises(ParameterError, match="'temperature' of softmax: expected a number with temperature > 0"):
        actviz.get("softmax:temperature=0")
    with pytest.raises(ParameterError, match="unknown parameter 'dim'"):
        actviz.get("softmax", dim=-1)


def test_is_registered_as_not_pointwise():
    entry = actviz.get("softmax")
    assert not entry.pointwise
    assert "softmax" in actviz.names(pointwise=False) and "softmax" not in actviz.names(pointwise=True)
    assert entry.spec == "softmax" and actviz.get("softmax:temperature=2").label == "softmax (temperature=2)"

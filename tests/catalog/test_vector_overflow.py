"""catalog._overflow's array helpers against Python's float arithmetic, which
rounds exactly like numpy (IEEE 754 round-to-nearest) but gives ±inf on
overflow without a warning: an independent reference, bit for bit."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from actviz.catalog import _overflow

# every double, including ±0, subnormals, ±1.7976931348623157e308 and ±inf; no nan
doubles = st.floats(allow_nan=False)
large = st.floats(min_value=1e150, max_value=1.7976931348623157e308).flatmap(lambda v: st.sampled_from([v, -v]))


def _same(a: float, b: float) -> bool:
    return (a == b and math.copysign(1, a) == math.copysign(1, b)) or (a == 0 and b == 0)


@settings(max_examples=200, deadline=None)
@given(u=st.one_of(doubles, large), v=st.one_of(doubles, large))
def test_multiply_is_python_multiplication_with_zero_times_inf_zero(u, v):
    expected = 0.0 if (u == 0 and math.isinf(v)) or (math.isinf(u) and v == 0) else u * v
    assert _same(float(_overflow.multiply(np.array(u), np.array(v))), expected)


@settings(max_examples=200, deadline=None)
@given(u=st.one_of(doubles, large), v=st.one_of(doubles, large).filter(lambda v: v != 0 and math.isfinite(v)))
def test_divide_is_python_division(u, v):  # callers divide by a temperature: finite, nonzero
    assert _same(float(_overflow.divide(np.array(u), np.array(v))), u / v)


@settings(max_examples=200, deadline=None)
@given(u=st.one_of(doubles, large), v=st.one_of(doubles, large))
def test_add_is_python_addition(u, v):
    if math.isinf(u) and math.isinf(v) and u != v:
        return  # inf - inf: callers never add opposite infinities
    assert _same(float(_overflow.add(np.array(u), np.array(v))), u + v)


def test_the_edges_of_overflow():
    biggest = np.finfo(np.float64).max
    # 2^512 * 2^512 = 2^1024 overflows; 2^511 * (2 - 2^-52) * 2^512 is the largest double
    assert _overflow.multiply(np.array(2.0**512), np.array(2.0**512)) == np.inf
    assert _overflow.multiply(np.array(2.0**511 * (2 - 2**-52)), np.array(2.0**512)) == biggest
    # the largest double plus half its ulp rounds to even: up, to 2^1024, so inf
    assert _overflow.add(np.array(biggest), np.array(2.0**970)) == np.inf
    assert _overflow.add(np.array(biggest), np.array(2.0**969)) == biggest
    assert _overflow.divide(np.array(biggest), np.array(0.5)) == np.inf
    assert _overflow.divide(np.array(0.0), np.array(5e-324)) == 0.0
    assert np.isnan(_overflow.multiply(np.array(np.nan), np.array(np.inf)))

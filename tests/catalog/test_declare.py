"""actviz.catalog._declare: entries declared by a formula over catalogue functions."""

from __future__ import annotations

import numpy as np
import pytest

import actviz
from actviz import Param, Reference
from actviz.catalog._declare import from_formula

_REFERENCE = Reference("nobody", 2026, "a test entry", "(none)")
_EVERYWHERE = np.array([-np.inf, -1e308, -750.0, -30.0, -1.5, -1e-300, -0.0, 0.0, 2.0, 40.0, 1e300, np.inf, np.nan])


def _entry(formula: str, **metadata):
    return from_formula("test_entry", formula, family="test", summary="s", reference=_REFERENCE, **metadata)


@pytest.mark.parametrize("order", [0, 1, 2])
def test_a_catalogue_call_keeps_the_catalogue_kernels_bit_for_bit(order):
    declared = _entry("swish(x, beta=1.702)")
    swish = actviz.get("swish", beta=1.702)
    got = declared(_EVERYWHERE) if order == 0 else declared.derivative(_EVERYWHERE, order)
    want = swish(_EVERYWHERE) if order == 0 else swish.derivative(_EVERYWHERE, order)
    np.testing.assert_array_equal(got, want)


def test_nan_at_infinity_becomes_the_value_at_the_largest_double():
    # x*sigmoid(x) at -inf is -inf*0 = nan in IEEE arithmetic; its limit is 0.
    # Its derivative sigmoid(x) + x*sigmoid'(x) at +inf is 1 + inf*0 = nan; the limit is 1.
    act = _entry("x*sigmoid(x)")
    assert act(-np.inf) == 0.0
    assert act.derivative(np.inf) == 1.0
    assert act(np.inf) == np.inf  # an IEEE value that is not nan is kept
    assert np.isnan(act(np.nan))


def test_parameters_are_the_formula_free_names():
    act = _entry("a*tanh(x/a)", parameters=(Param("a", 2.0, "cap", lower=0.0, lower_open=True),))
    x = np.linspace(-5.0, 5.0, 11)
    np.testing.assert_allclose(act(x), 2.0 * np.tanh(x / 2.0), rtol=1e-15)
    # d/dx a tanh(x/a) = sech^2(x/a), closed form
    np.testing.assert_allclose(act.with_params(a=3.0).derivative(x), 1.0 / np.cosh(x / 3.0) ** 2, rtol=1e-14)
    with pytest.raises(ValueError, match="not the declared ones"):
        _entry("a*tanh(x/b)", parameters=(Param("a", 2.0, "cap"),))


def test_kinks_come_from_the_formula_and_a_declared_convention_wins():
    act = _entry("where(x < -2, 0, x*(x + 2)/2)")
    assert [k.x for k in act.kinks] == [-2.0]
    # where() takes the branch its condition selects: at -2 the middle piece, slope x + 1 = -1
    assert act.derivative(-2.0) == -1.0


def test_hand_written_kernels_replace_the_formula_where_given():
    def exact_slope(x, **_params):
        return np.ones_like(x)

    formula = "x + 1e-300*exp(x)"
    assert _entry(formula).derivative(1000.0) == np.inf  # the formula's own slope
    act = _entry(formula, kernels=(None, exact_slope, None))
    assert act.derivative(1000.0) == 1.0

"""Limits at ±inf of the units that grow like log|x| (asinh, symlog, nlrelu), which the
reference tables cannot hold (their proxy for ±inf is ±1e400, where log is only 921)."""

from __future__ import annotations

import numpy as np
import pytest

import actviz

X = np.array([-np.inf, np.inf])


@pytest.mark.parametrize(
    ("spec", "at_minus_inf"),
    [("asinh", -np.inf), ("symlog", -np.inf), ("nlrelu", 0.0), ("nlrelu:beta=1e100", 0.0), ("nlrelu:beta=1e-100", 0.0)],
)
def test_logarithmic_growth_reaches_infinity_with_vanishing_slope(spec, at_minus_inf):
    act = actviz.get(spec)
    np.testing.assert_array_equal(act(X), [at_minus_inf, np.inf])
    np.testing.assert_array_equal(act.derivative(X), [0.0, 0.0])
    np.testing.assert_array_equal(act.derivative(X, 2), [0.0, 0.0])


def test_far_values_are_logarithms():
    """At 1e300 the unit is log(2x), log(1 + x) and log(1 + beta x) to the last bit or two
    (values from mpmath: asinh(1e300) = 691.4686750787736..., log1p(1e300) = 690.7755278982137...)."""
    x = np.array([1e300])
    assert actviz.get("asinh")(x)[0] == pytest.approx(691.4686750787736, rel=4e-16)
    assert actviz.get("symlog")(x)[0] == pytest.approx(690.7755278982137, rel=4e-16)
    assert actviz.get("nlrelu")(x)[0] == pytest.approx(690.7755278982137, rel=4e-16)

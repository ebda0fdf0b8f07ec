"""Every parameter of every registered entry at the edges of its declared domain
(issue 15): the kernels give f, f' and f'' without a warning and without nan at
any finite x, and a Python int too large for a float is a ParameterError.

The entries are read from the registry, so entries added later are covered."""

from __future__ import annotations


import mpmath
import numpy as np
import pytest

import actviz
from actviz import registry
from actviz.errors import ParameterError
from tests.reference.edges import edge_values

MAX = np.finfo(np.float64).max
X = np.array([-np.inf, -MAX, -1e300, -1e200, -745.0, -710.0, -40.0, -3.0, -1.0, -1e-300, -5e-324, -0.0, 0.0,
              5e-324, 1e-300, 1.0, 3.0, 40.0, 710.0, 745.0, 1e200, 1e300, MAX, np.inf, np.nan])


EDGE_CASES = [
    pytest.param(name, param.name, value, id=f"{name}:{param.name}={value!r}")
    for name in registry.names(pointwise=True)
    for param in registry.lookup(name).parameters
    for value in edge_values(param)
]


@pytest.mark.parametrize(("name", "parameter", "value"), EDGE_CASES)
def test_kernels_at_the_edges_of_the_parameter_domains(name, parameter, value):
    try:
        act = actviz.get(name, **{parameter: value})
    except ParameterError:  # a joint constraint (lower < upper, say) refuses this combination
        return
    finite = np.isfinite(X)
    for order in (0, 1, 2):
        y = act(X) if order == 0 else act.derivative(X, order)  # pytest turns any warning into an error
        assert y.dtype == np.float64 and y.shape == X.shape
        assert not np.isnan(y[finite]).any(), f"order {order}: nan at x = {X[finite][np.isnan(y[finite])]}"
        assert np.isnan(y[np.isnan(X)]).all()
        # float32 input with a parameter beyond float32's range (elu:alpha=1e100) warned in a cast
        x32 = np.array([-3e38, -3.0, -1e-30, 0.0, 1.0, 3e38, np.nan], dtype=np.float32)
        y32 = act(x32) if order == 0 else act.derivative(x32, order)
        assert y32.dtype == np.float32 and not np.isnan(y32[:-1]).any()


@pytest.mark.parametrize("name", registry.names())
def test_an_int_too_large_for_a_float_is_a_parameter_error_for_every_parameter(name):
    entry = registry.lookup(name)
    for param in entry.parameters:
        for huge in (10**400, -(10**400)):
            with pytest.raises(ParameterError, match=rf"invalid value {'-' if huge < 0 else ''}1000000000.*'{param.name}'"):
                entry.with_params(**{param.name: huge})


def test_narrowed_domains_say_so():
    domain = actviz.get("softplus").parameters[0].domain()
    assert domain == "a number with 1e-100 <= beta <= 1e+100 (limited to where the kernels are exact)"
    with pytest.raises(ParameterError, match="limited to where the kernels are exact"):
        actviz.get("swish", beta=1e-300)  # at 1e308 it gave 7.3e307 instead of 1e308 (issue 15)


def _soft_exponential(x: float, alpha: float) -> float:
    """(e^{alpha x} - 1)/alpha + alpha at 60 digits."""
    with mpmath.workdps(60):
        a = mpmath.mpf(alpha)
        return float(mpmath.expm1(a * mpmath.mpf(x)) / a + a)


@pytest.mark.parametrize("alpha", [5e-324, 1e-300, 1e-100, 0.5, 1e100])
def test_soft_exponential_is_exact_for_tiny_and_huge_alpha(alpha):
    x = np.array([-1e200, -1e5, -3.0, -1e-300, 1e-300, 3.0, 1e5, 1e200])
    expected = np.array([_soft_exponential(v, alpha) for v in x])
    got = actviz.get("soft_exponential", alpha=alpha)(x)
    # -1e200 at alpha = 5e-324 gave -1.2e294 (issue 15); a few units everywhere now
    np.testing.assert_allclose(got, expected, rtol=4 * 2.0**-52, atol=0)


@pytest.mark.parametrize("lambda1", [5e-324, -1e-300, 1e-300, 1e-145, 1e-130])
def test_cauchy_derivative_with_a_vanishing_odd_part(lambda1):
    # Cauchy'(x) = (lambda1 (d^2 - x^2) - 2 lambda2 x)/(x^2 + d^2)^2, in mpmath at 50 digits. A tiny
    # lambda1 (inside the declared [-100, 100]) put the root ~2/lambda1 of the numerator into a
    # double-double split, which overflowed; 4 units: the double-double form's bound with slack.
    lambda2, d = 1.3, 0.7
    act = actviz.get("cauchy", lambda1=lambda1, lambda2=lambda2, d=d)
    x = np.array([-1e300, -1.0, -1e-300, 0.0, 1e-310, 5e-301, 1e-10, 0.1, 1.0, 2.0, 10.0, 1e10, 1e150, 1e300, MAX])
    got = act.derivative(x)
    with mpmath.workdps(50):
        l1, l2, dd = (mpmath.mpf(v) for v in (lambda1, lambda2, d))
        for xi, yi in zip(x, got):
            xm = mpmath.mpf(float(xi))
            exact = (l1 * (dd**2 - xm**2) - 2 * l2 * xm) / (xm**2 + dd**2) ** 2
            assert abs(yi - exact) <= 4 * max(abs(exact) * 2.0**-52, mpmath.mpf(2) ** -1074), (xi, yi, exact)

"""The correlation map against closed forms, and Deep Kernel Shaping checked by feeding its
formula back to actviz.get and integrating independently with mpmath."""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest

import actviz
from actviz.errors import ActvizError
from actviz.propagation.kernel import correlation_map, shape
from actviz.propagation.theory import mean_field


def test_relu_map_is_the_arc_cosine_kernel():
    # Cho & Saul (2009), degree 1, normalised: C(c) = (sqrt(1 - c^2) + (pi - arccos c) c) / pi
    cmap = correlation_map(actviz.get("relu"), 2.0, 0.0, points=41)
    c = cmap.c
    np.testing.assert_allclose(cmap.value, (np.sqrt(1 - c * c) + (np.pi - np.arccos(c)) * c) / np.pi, atol=1e-13)
    # its slope C'(c) = (pi - arccos c) / pi
    np.testing.assert_allclose(cmap.slope[1:-1], (np.pi - np.arccos(c[1:-1])) / np.pi, atol=1e-12)
    assert cmap.c0 == pytest.approx(1 / np.pi, abs=1e-14) and cmap.chi1 == pytest.approx(1.0, abs=1e-14)


def test_map_at_the_fixed_point_agrees_with_the_mean_field_theory():
    theory = mean_field(actviz.get("tanh"), 2.5, 0.1)  # chaotic: c* < 1
    cmap = correlation_map(actviz.get("tanh"), 2.5, 0.1, points=21)
    assert cmap.value[-1] == pytest.approx(1.0, rel=1e-12)
    assert cmap.chi1 == pytest.approx(theory.chi1, rel=1e-12)
    assert cmap.c_star == theory.c_star < 1
    assert np.interp(cmap.c_star, cmap.c, cmap.value) == pytest.approx(cmap.c_star, abs=2e-3)  # grid interpolation


def _moments(f, df) -> tuple[float, float, float]:  # noqa: ANN001
    """E f(z), E f(z)^2, E f'(z)^2 by mpmath quadrature (split at 0 and ±1, where shifted
    kinks may sit), with f evaluated in float64."""
    def mean(g):  # noqa: ANN001, ANN202
        return float(mp.quad(lambda z: g(float(z)) * mp.npdf(z), [-mp.inf, -1, 0, 1, mp.inf]))
    return mean(f), mean(lambda z: f(z) ** 2), mean(lambda z: df(z) ** 2)


@pytest.mark.parametrize(("spec", "zeta", "beta"), [("tanh", 1.2, 0.0), ("gelu", 1.1, 0.0), ("relu", 1.2, 0.5)])
def test_shaped_activation_meets_the_dks_conditions(spec, zeta, beta):
    shaped = shape(actviz.get(spec), zeta, beta)
    act = actviz.get(shaped.spec)  # the printed formula, parsed back
    if beta != 0.0:  # relu(alpha x + beta) has its kink at -beta/alpha
        kink = -beta / shaped.alpha
        f = lambda z: float(act(z))  # noqa: E731
        df = lambda z: float(act.derivative(z))  # noqa: E731
        mean = lambda g: float(mp.quad(lambda z: g(float(z)) * mp.npdf(z), [-mp.inf, kink, mp.inf]))  # noqa: E731
        first, second, slope = mean(f), mean(lambda z: f(z) ** 2), mean(lambda z: df(z) ** 2)
    else:
        first, second, slope = _moments(lambda z: float(act(z)), lambda z: float(act.derivative(z)))
    assert first == pytest.approx(0.0, abs=1e-10)  # C(0) = (E f)^2 = 0
    assert second == pytest.approx(1.0, rel=1e-10)  # Q(1) = 1
    assert slope == pytest.approx(zeta, rel=1e-10)  # C'(1) = zeta


def test_relu_cannot_be_shaped_without_a_shift():
    # positively homogeneous: alpha^2 E relu'^2 / Var relu(alpha z) = 1/(1 - 1/pi) for every alpha
    with pytest.raises(ActvizError, match="try another beta"):
        shape(actviz.get("relu"), 1.2)
    with pytest.raises(ActvizError, match="invalid zeta"):
        shape(actviz.get("tanh"), 0.9)

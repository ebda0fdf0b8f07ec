"""Initialisation constants: SELU from ELU, NFNets gamma, torch's gains where they are derivable,
the edge of chaos, and the self-normalising fixed point's stability."""

from __future__ import annotations

import math

import mpmath as mp
import pytest

import actviz
from actviz.errors import ActvizError
from actviz.propagation.gains import init_constants, self_normalising, torch_gain
from actviz.propagation.theory import critical_sigma_w2


def _gaussian_mean(g, digits: int = 20) -> float:  # noqa: ANN001
    """E g(z), z ~ N(0, 1), by mpmath quadrature split at 0 (an independent reference)."""
    with mp.workdps(digits):
        return float(mp.quad(lambda z: g(z) * mp.npdf(z), [-mp.inf, 0, mp.inf]))


def test_elu_gives_selu_constants_to_the_last_digit():
    # Klambauer et al. (2017): lambda_01 = 1.0507009873554804934..., alpha_01 = 1.6732632423543772848...;
    # these are the float64 values torch and jax use. alpha_01 lies 0.48 ulp above its float.
    constants = self_normalising(actviz.get("elu"))
    assert constants.form == "lambda_alpha" and constants.parameter == "alpha"
    assert constants.value == 1.6732632423543772
    assert constants.scale == 1.0507009873554805


def test_selu_fixed_point_jacobian_matches_the_paper():
    """Klambauer et al. (2017), Sec. "Stable and attracting fixed point (0, 1) for normalized
    weights": J(0, 1) = [[0, 0.088834], [0, 0.782648]] at omega = 0, tau = 1."""
    constants = self_normalising(actviz.get("elu"))
    (a, b), (c, d) = constants.jacobian
    assert (a, c) == (0.0, 0.0)
    assert b == pytest.approx(0.088834, abs=1e-6) and d == pytest.approx(0.782648, abs=1e-6)
    assert constants.stable and constants.spectral_radius < 1


def test_self_normalising_spec_is_a_working_activation():
    for spec in ("elu", "celu"):
        constants = self_normalising(actviz.get(spec))
        shaped = actviz.get(constants.spec)
        f = lambda z: mp.mpf(float(shaped(float(z))))  # noqa: E731
        assert _gaussian_mean(f, 15) == pytest.approx(0.0, abs=1e-9)
        assert _gaussian_mean(lambda z: f(z) ** 2, 15) == pytest.approx(1.0, rel=1e-9)


def test_celu_alpha_cannot_zero_the_mean_so_it_is_shifted():
    # celu(x) = max(0, x) + min(0, alpha (e^{x/alpha} - 1)): E celu(z) > 0 for every alpha
    # (it tends to 0 only as alpha -> infinity, where the negative branch becomes x).
    constants = self_normalising(actviz.get("celu"))
    assert constants.form == "gamma_delta" and "no value of alpha" in constants.note


def test_relu_nfnets_gamma_and_mean():
    # Brock et al. (2021): relu's gamma = 1/sqrt(1/2 - 1/(2 pi)); its mean is 1/sqrt(2 pi)
    constants = init_constants(actviz.get("relu"))
    assert constants.nf_gamma == pytest.approx(1 / math.sqrt(0.5 - 0.5 / math.pi), rel=4e-16)
    assert constants.nf_mean == pytest.approx(1 / math.sqrt(2 * math.pi), rel=2e-16)


@pytest.mark.parametrize(("spec", "slope"), [("identity", None), ("relu", 0.0), ("leaky_relu", 0.01),
                                             ("leaky_relu:negative_slope=0.2", 0.2),
                                             ("leaky_relu:negative_slope=0.5", 0.5)])
def test_torch_gains_are_reproduced_where_they_are_derivable(spec, slope):
    # torch/nn/init.py calculate_gain: linear 1, relu sqrt(2), leaky_relu sqrt(2 / (1 + slope^2)),
    # each = 1/sqrt(E phi(z)^2) (He et al. 2015)
    constants = init_constants(actviz.get(spec))
    expected = 1.0 if slope is None else math.sqrt(2.0 / (1.0 + slope**2))
    assert constants.torch_gain == pytest.approx(expected, rel=1e-16)
    assert constants.gain == pytest.approx(expected, rel=4e-16)


def test_gains_torch_does_not_derive():
    tanh = init_constants(actviz.get("tanh"))
    reference = 1 / math.sqrt(_gaussian_mean(lambda z: mp.tanh(z) ** 2))
    assert tanh.gain == pytest.approx(reference, rel=1e-14)
    assert tanh.torch_gain == 5 / 3 and "heuristic" in tanh.torch_note
    assert torch_gain(actviz.get("selu")) == 0.75 and torch_gain(actviz.get("gelu")) is None
    assert init_constants(actviz.get("selu")).gain == pytest.approx(1.0, rel=1e-15)


def test_edge_of_chaos_or_the_reason_there_is_none():
    assert init_constants(actviz.get("relu")).critical_sigma_w2 == pytest.approx(2.0, rel=1e-12)
    tanh = init_constants(actviz.get("tanh"), sigma_b2=0.05)
    assert tanh.critical_sigma_w2 == critical_sigma_w2(actviz.get("tanh"), 0.05)
    gelu = init_constants(actviz.get("gelu"))
    assert gelu.critical_sigma_w2 is None and "no edge of chaos" in gelu.critical_note


def test_constant_activation_is_refused():
    with pytest.raises(ActvizError, match="constant"):
        self_normalising(actviz.get("0*x + 1"))
    assert init_constants(actviz.get("0*x + 1")).nf_gamma is None

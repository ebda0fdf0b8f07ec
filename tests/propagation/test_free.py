"""The free-probability density of the Jacobian's squared singular values
(actviz.propagation.free) against closed forms and the Monte Carlo."""

import math

import numpy as np
import pytest

import actviz
from actviz.errors import ActvizError
from actviz.propagation.free import predict_density
from actviz.propagation.spectrum import critical_at_q_star, simulate_spectrum

LINEAR = actviz.get("identity")


def fuss_catalan_density(depth, points=4000):
    """The Fuss-Catalan density of a product of ``depth`` square Gaussian matrices (variance 1/N),
    parametrised by phi in (0, pi/(s+1)) (Haagerup & Moller 2012; Neuschel 2014), s = depth:
    lambda = sin((s+1)phi)^(s+1) / (sin(phi) sin(s phi)^s),
    rho = sin(phi)^2 sin(s phi)^(s-1) / (pi sin((s+1)phi)^s); s = 1 is Marchenko-Pastur."""
    s = depth
    phi = np.linspace(1e-7, math.pi / (s + 1) - 1e-7, points)
    lam = np.sin((s + 1) * phi) ** (s + 1) / (np.sin(phi) * np.sin(s * phi) ** s)
    rho = np.sin(phi) ** 2 * np.sin(s * phi) ** (s - 1) / np.sin((s + 1) * phi) ** s / math.pi
    return lam[::-1], rho[::-1]


def test_the_parametrised_fuss_catalan_density_has_the_fuss_catalan_moments():
    """E lambda = 1 and E lambda^2 = L + 1 (rho ~ lambda^(-3/4) at 0 makes the mass itself a
    poor trapezoid sum; the moments are not)."""
    lam, rho = fuss_catalan_density(3, 200000)
    assert np.trapezoid(rho * lam, lam) == pytest.approx(1.0, rel=1e-4)
    assert np.trapezoid(rho * lam**2, lam) == pytest.approx(4.0, rel=1e-4)  # E lambda^2 = L + 1


@pytest.mark.parametrize("depth, tolerance", [(1, 0.01), (2, 0.01), (5, 0.02)])
def test_linear_gaussian_stack_is_fuss_catalan(depth, tolerance):
    """Inside the support (away from the soft top edge and the singular point 0) the density,
    seen through a Lorentzian of relative width 1e-3, is the closed form to about 1 %."""
    lam, rho = fuss_catalan_density(depth)
    top = lam.max()
    pred = predict_density(LINEAR, depth=depth, sigma_w2=1.0, q_star=1.0, weights="gaussian", points=300,
                           lambda_range=(1e-3, 0.9 * top))
    assert np.all(np.isfinite(pred.density))
    reference = np.interp(pred.lambdas, lam, rho)
    assert np.max(np.abs(pred.density - reference) / reference) < tolerance


def test_linear_orthogonal_stack_is_a_point_mass_at_one():
    """G(x) = 1/(x - 1) exactly, so the density at lambda is the Lorentzian of width 1e-3 lambda
    around 1: 1/(pi eps) at lambda = 1."""
    pred = predict_density(LINEAR, depth=10, sigma_w2=1.0, q_star=1.0, weights="orthogonal", points=201,
                           lambda_range=(0.5, 2.0))
    eps = 1e-3 * pred.lambdas
    lorentzian = eps / math.pi / ((pred.lambdas - 1) ** 2 + eps**2)
    assert np.max(np.abs(pred.density - lorentzian) / lorentzian) < 1e-9


def test_tanh_at_criticality_matches_the_monte_carlo_histogram():
    """tanh, orthogonal weights, critical with q* = 0.25 (the papers' setting), depth 8, width
    256, 2 seeds: the predicted distribution of log10 lambda and the measured one are within a
    Kolmogorov-Smirnov distance of 0.05 (measured 0.014 here; 512 values)."""
    act = actviz.get("tanh")
    sigma_w2, sigma_b2 = critical_at_q_star(act, 0.25)
    run = simulate_spectrum([act], [(sigma_w2, sigma_b2)], depth=8, width=256, weights="orthogonal", seeds=2,
                            q0=[0.25], depths=[8])[0]
    measured = np.sort(run.log_lambdas[-1].ravel()) / math.log(10)
    pred = predict_density(act, depth=8, sigma_w2=sigma_w2, q_star=0.25, weights="orthogonal", points=400,
                           lambda_range=(10 ** (measured[0] - 1), 10 ** (measured[-1] + 1)))
    assert np.mean(np.isfinite(pred.density)) > 0.95
    u = np.log10(pred.lambdas)
    values = np.nan_to_num(pred.log10_density())
    cdf = np.concatenate([[0.0], np.cumsum(0.5 * (values[1:] + values[:-1]) * np.diff(u))])
    assert cdf[-1] == pytest.approx(1.0, abs=0.02)
    model = np.interp(measured, u, cdf / cdf[-1])
    empirical = np.arange(1, measured.size + 1) / measured.size
    assert np.max(np.abs(model - empirical)) < 0.05


def test_bad_arguments_are_refused():
    with pytest.raises(ActvizError, match="weights"):
        predict_density(LINEAR, depth=2, sigma_w2=1.0, q_star=1.0, weights="uniform")
    with pytest.raises(ActvizError, match="q_star"):
        predict_density(LINEAR, depth=2, sigma_w2=1.0, q_star=0.0, weights="gaussian")
    with pytest.raises(ActvizError, match="depth"):
        predict_density(LINEAR, depth=0, sigma_w2=1.0, q_star=1.0, weights="gaussian")

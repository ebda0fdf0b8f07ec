"""Mean-field theory: Gaussian quadrature against mpmath and closed forms, the
known results of Poole et al. 2016 and Schoenholz et al. 2017, and the
degenerate cases (collapse, line of fixed points, divergence)."""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np
import pytest

import actviz
from actviz.errors import ActvizError
from actviz.analysis.gaussian import gaussian_expectation
from actviz.propagation.correlation import correlation_fixed_point
from actviz.propagation.moments import chi1, moment_slope, moments, second_moment
from actviz.propagation.theory import critical_sigma_w2, fixed_point, mean_field, profile

# Reference values (mpmath, 40 digits), generated with
#   mp.mp.dps = 40
#   E = lambda f, q, kinks: mp.quad(lambda z: f(mp.sqrt(q) * z) * mp.npdf(z), [-inf, *kinks/sqrt(q), inf])
#   selu: q* = findroot(E(selu^2, q) - q, 1); chi_1 = E(selu'^2, q*)
#   tanh at (1.5, 0.05): q* = findroot(1.5 E(tanh^2, q) + 0.05 - q, 0.4); chi_1 = 1.5 E(sech^4, q*)
SELU_CHI1 = 1.071574992455799257574656349998281  # at q* = 1 (to 30 digits)
TANH_Q_STAR = 0.4180372005334778539787129971821
TANH_CHI1 = 0.9386362681988511553294506941737


def _mp_expectation(f, q: float, kinks=(), loc: float = 0.0) -> float:
    mp.mp.dps = 30
    s = mp.sqrt(q)
    cuts = sorted({(mp.mpf(k) - loc) / s for k in kinks})
    return float(mp.quad(lambda z: f(loc + s * z) * mp.npdf(z), [-mp.inf, *cuts, mp.inf]))


def _mp_elu(x):
    return x if x > 0 else mp.expm1(x)


# -- quadrature ------------------------------------------------------------------


@pytest.mark.parametrize("q", [1e-8, 1e-3, 0.3, 1.0, 2.7, 50.0, 1e4, 1e8])
def test_quadrature_reaches_1e13_on_kinked_and_smooth_functions(q):
    """Relative error against mpmath below 1e-13 (we promise 1e-10; the panels give
    about 1e-16, and 1e-13 leaves room for rounding in a 400-term sum)."""
    cases = [
        (lambda x: np.where(x > 0, x, np.expm1(np.minimum(x, 0.0))) ** 2, lambda x: _mp_elu(x) ** 2, (0.0,)),
        (lambda x: np.where(x > 0, 1.0, np.exp(np.minimum(x, 0.0))) ** 2, lambda x: (1 if x > 0 else mp.exp(x)) ** 2, (0.0,)),
        (lambda x: np.tanh(x) ** 2, lambda x: mp.tanh(x) ** 2, ()),
    ]
    for f, f_mp, kinks in cases:
        got = float(gaussian_expectation(f, 0.0, math.sqrt(q), kinks))
        want = _mp_expectation(f_mp, q, kinks)
        assert got == pytest.approx(want, rel=1e-13)
    # a kink away from 0: E|s z - a| = 2 s n(a/s) + a (2 Phi(a/s) - 1), closed form in mpmath
    s, a = mp.sqrt(q), mp.mpf(0.7)
    want = float(2 * s * mp.npdf(a / s) + a * (2 * mp.ncdf(a / s) - 1))
    got = float(gaussian_expectation(lambda x: np.abs(x - 0.7), 0.0, math.sqrt(q), (0.7,)))
    assert got == pytest.approx(want, rel=1e-13)


def test_quadrature_of_a_jump_is_the_normal_tail():
    """E[1(x > a)] for x ~ N(m, s^2) is erfc((a - m)/(s sqrt 2))/2 (closed form)."""
    for loc, scale, a in [(0.0, 1.0, 0.5), (0.3, 0.01, 0.31), (-2.0, 40.0, 3.0)]:
        got = float(gaussian_expectation(lambda x: (x > a).astype(float), loc, scale, (a,)))
        assert got == pytest.approx(0.5 * math.erfc((a - loc) / (scale * math.sqrt(2))), rel=1e-13)


def test_quadrature_is_vectorised_over_loc_and_scale():
    loc = np.array([[0.0, 1.0], [-1.0, 0.5]])
    scale = np.array([[1.0, 0.5], [2.0, 3.0]])
    got = gaussian_expectation(lambda x: np.maximum(x, 0.0), loc, scale, (0.0,))
    # E[max(m + s z, 0)] = m Phi(m/s) + s phi(m/s)
    want = [[m * 0.5 * math.erfc(-m / s / math.sqrt(2)) + s * math.exp(-(m / s) ** 2 / 2) / math.sqrt(2 * math.pi)
             for m, s in zip(lr, sr)] for lr, sr in zip(loc, scale)]
    np.testing.assert_allclose(got, want, rtol=1e-13)


# -- moments and slopes -------------------------------------------------------------


def test_relu_moments_are_the_closed_form():
    """E[relu(sqrt(q) z)^2] = q/2 and E[relu'^2] = 1/2 for every q."""
    q = np.array([1e-10, 0.5, 3.0, 1e10])
    v, d = moments(actviz.get("relu"), q)
    np.testing.assert_allclose(v, q / 2, rtol=1e-14)
    np.testing.assert_allclose(d, 0.5, rtol=1e-14)


def test_moment_slope_matches_mpmath_derivative_for_tanh():
    """d/dq E[tanh(sqrt(q) z)^2] by mpmath's numerical differentiation of the quadrature."""
    mp.mp.dps = 30
    want = float(mp.diff(lambda q: mp.quad(lambda z: mp.tanh(mp.sqrt(q) * z) ** 2 * mp.npdf(z), [-mp.inf, 0, mp.inf]),
                         mp.mpf("0.8")))
    assert moment_slope(actviz.get("tanh"), 0.8) == pytest.approx(want, rel=1e-12)


def test_moment_slope_carries_the_kink_and_jump_terms():
    """A shifted step phi(x) = 1(x > 1/2) - as a stand-in activation - has
    V(q) = P(sqrt(q) z > 1/2) and dV/dq = n(1/(2 sqrt q)) / (4 q^(3/2)), all from the jump term."""
    import dataclasses

    from actviz.entry import Kink
    from actviz.catalog._stable import zeros_like

    relu = actviz.get("relu")
    step = dataclasses.replace(relu, name="half_step", f=lambda x: (x > 0.5).astype(float), df=zeros_like,
                               d2f=zeros_like, kink_points=lambda: (Kink(0.5, "0 at the jump"),))
    q = 0.7
    want = math.exp(-1 / (8 * q)) / math.sqrt(2 * math.pi) / (4 * q**1.5)
    assert moment_slope(step, q) == pytest.approx(want, rel=1e-12)


# -- known results --------------------------------------------------------------------


def test_relu_with_he_init_is_critical_on_a_line_of_fixed_points():
    theory = mean_field(actviz.get("relu"), 2.0, 0.0)
    assert theory.regime == "line" and theory.phase == "critical"
    assert theory.chi1 == pytest.approx(1.0, abs=1e-15)
    assert theory.q_star == 1.0  # the input's q stays
    assert math.isinf(theory.xi_c)


def test_tanh_fixed_point_and_chi1_against_mpmath():
    theory = mean_field(actviz.get("tanh"), 1.5, 0.05)
    assert theory.regime == "fixed point" and theory.phase == "ordered"
    assert theory.q_star == pytest.approx(TANH_Q_STAR, rel=1e-13)
    assert theory.chi1 == pytest.approx(TANH_CHI1, rel=1e-13)
    assert theory.xi_c == pytest.approx(-1 / math.log(TANH_CHI1), rel=1e-11)


def test_tanh_at_one_zero_is_critical_with_only_algebraic_decay():
    theory = mean_field(actviz.get("tanh"), 1.0, 0.0)
    assert (theory.regime, theory.phase) == ("collapse", "critical")
    assert theory.q_star == 0.0 and theory.chi1 == pytest.approx(1.0, abs=1e-12)
    assert math.isinf(theory.xi_q) and math.isinf(theory.xi_c)
    assert any("algebraic" in note for note in theory.notes)
    # the length map decays like 1/(2 l) (q' = q - 2 q^2 + ...), not geometrically
    q = profile(actviz.get("tanh"), 1.0, 0.0, 2000).q
    assert q[2000] * 2 * 2000 == pytest.approx(1.0, rel=0.02)


def test_tanh_edge_of_chaos_matches_the_published_phase_diagram():
    """Schoenholz et al. 2017 (Fig. 1) and Poole et al. 2016: sigma_w^2 about 1.76 at
    sigma_b^2 = 0.05, and exactly 1 at sigma_b^2 = 0."""
    tanh = actviz.get("tanh")
    edge = critical_sigma_w2(tanh, 0.05)
    assert edge == pytest.approx(1.76, abs=0.005)
    assert mean_field(tanh, edge, 0.05).chi1 == pytest.approx(1.0, abs=1e-10)
    assert critical_sigma_w2(tanh, 0.0) == pytest.approx(1.0, abs=1e-9)


def test_critical_init_of_relu_is_he():
    assert critical_sigma_w2(actviz.get("relu"), 0.0) == pytest.approx(2.0, abs=1e-9)


def test_chaotic_correlation_fixed_point_against_gauss_hermite():
    """c* of tanh at (4, 0.1) checked with an independent product Gauss-Hermite rule
    (tanh is analytic, so 160 x 160 nodes converge): C(c*) = c*."""
    tanh = actviz.get("tanh")
    theory = mean_field(tanh, 4.0, 0.1)
    assert theory.phase == "chaotic" and 0 < theory.c_star < 1
    z, w = np.polynomial.hermite_e.hermegauss(160)
    w = w / w.sum()
    c, q = theory.c_star, theory.q_star
    u1 = math.sqrt(q) * z[:, None]
    u2 = math.sqrt(q) * (c * z[:, None] + math.sqrt(1 - c * c) * z[None, :])
    pair = float(np.sum(w[:, None] * w[None, :] * np.tanh(u1) * np.tanh(u2)))
    assert (4.0 * pair + 0.1) / q == pytest.approx(c, abs=1e-10)
    slope = float(np.sum(w[:, None] * w[None, :] / np.cosh(u1) ** 2 / np.cosh(u2) ** 2)) * 4.0
    assert theory.xi_c == pytest.approx(-1 / math.log(slope), rel=1e-8)


def test_odd_activation_without_bias_decorrelates_completely():
    c_star, _ = correlation_fixed_point(actviz.get("tanh"), 4.0, 0.0, fixed_point(actviz.get("tanh"), 4.0, 0.0).q_star)
    assert c_star == 0.0


# -- degenerate cases ------------------------------------------------------------------


def test_relu_below_he_collapses_geometrically():
    theory = mean_field(actviz.get("relu"), 1.0, 0.0)
    assert theory.regime == "collapse" and theory.chi1 == pytest.approx(0.5, rel=1e-14)
    assert theory.xi_q == pytest.approx(1 / math.log(2), rel=1e-12)


def test_relu_with_bias_has_the_closed_form_fixed_point():
    """M(q) = sigma_w^2 q / 2 + sigma_b^2, so q* = sigma_b^2 / (1 - sigma_w^2 / 2)."""
    point = fixed_point(actviz.get("relu"), 1.5, 0.1)
    assert point.regime == "fixed point" and point.q_star == pytest.approx(0.1 / 0.25, rel=1e-14)
    assert fixed_point(actviz.get("relu"), 2.0, 0.1).regime == "divergence"  # q grows by 0.1 a layer


def test_divergence_of_relu_at_four():
    theory = mean_field(actviz.get("relu"), 4.0, 0.0)
    assert theory.regime == "divergence" and math.isinf(theory.q_star)
    assert theory.chi1 == pytest.approx(2.0, rel=1e-12)  # sigma_w^2 / 2 at every q
    assert theory.to_dict()["q_star"] is None


def test_sigmoid_does_not_collapse_since_sigmoid_of_zero_is_half():
    point = fixed_point(actviz.get("sigmoid"), 1.0, 0.0)
    assert point.regime == "fixed point" and point.q_star > 0.25  # q >= E[sigmoid]^2 = 1/4


def test_sigmoid_with_xavier_init_is_deep_in_the_ordered_phase():
    theory = mean_field(actviz.get("sigmoid"), 1.0, 0.0)
    assert theory.phase == "ordered" and theory.chi1 < 0.06  # sigmoid' <= 1/4 squared
    assert theory.xi_c < 0.5


def test_profile_follows_the_length_map_and_accumulates_chi1():
    tanh = actviz.get("tanh")
    predicted = profile(tanh, 1.5, 0.05, 30, q0=1.0)
    v, d = moments(tanh, predicted.q[:-1])
    np.testing.assert_allclose(predicted.q[1:], 1.5 * v + 0.05, rtol=1e-14)
    np.testing.assert_allclose(predicted.chi1, 1.5 * moments(tanh, predicted.q)[1], rtol=1e-14)
    np.testing.assert_allclose(predicted.log_grad_norm[0], 0.5 * np.sum(np.log(predicted.chi1[:-1])), rtol=1e-12)
    assert predicted.log_grad_norm[-1] == 0.0
    # the transient matters: the product differs from chi_1(q*)^(L/2) by more than 5 %
    asymptotic = 15 * math.log(TANH_CHI1)
    assert abs(predicted.log_grad_norm[0] / asymptotic - 1) > 0.05


def test_profile_of_ten_thousand_layers_stays_finite():
    predicted = profile(actviz.get("sigmoid"), 1.0, 0.0, 10_000)
    assert np.all(np.isfinite(predicted.log_grad_norm))
    assert predicted.log_grad_norm[0] < -10_000  # far below float64's 1e-308


def test_bad_variances_are_refused():
    with pytest.raises(ActvizError, match="sigma_w"):
        mean_field(actviz.get("tanh"), 0.0, 0.0)
    with pytest.raises(ActvizError, match="sigma_b"):
        mean_field(actviz.get("tanh"), 1.0, -0.1)
    with pytest.raises(ActvizError, match="q0"):
        mean_field(actviz.get("tanh"), 1.0, 0.0, q0=float("nan"))


def test_chi1_is_the_q_to_zero_limit_across_a_kink():
    """relu'(0) = 0 by convention, but chi_1(0+) = sigma_w^2 (0^2 + 1^2)/2."""
    assert chi1(actviz.get("relu"), 1.0, 0.0) == pytest.approx(0.5, rel=1e-14)


# -- the whole catalogue ------------------------------------------------------------------

POINTWISE = actviz.names(pointwise=True)


@pytest.mark.parametrize("name", POINTWISE)
def test_theory_of_every_activation_is_consistent(name):
    """For every pointwise entry at (1.5, 0.05) and (4, 0): no warning (pytest makes them
    errors), a named regime, and in the fixed-point regime q* really is fixed:
    sigma_w^2 E[phi(sqrt(q*) z)^2] + sigma_b^2 = q* to 1e-12."""
    act = actviz.get(name)
    for w2, b2 in ((1.5, 0.05), (4.0, 0.0)):
        theory = mean_field(act, w2, b2)
        assert theory.regime in ("fixed point", "collapse", "divergence", "line")
        if theory.regime == "fixed point":
            v, _ = moments(act, theory.q_star)
            assert w2 * float(v) + b2 == pytest.approx(theory.q_star, rel=1e-12)
            assert theory.chi1 >= 0 and 0 <= theory.c_star <= 1


UNBOUNDED = ["relu", "leaky_relu", "gelu", "silu", "softplus", "mish", "elu", "selu", "celu", "identity"]


@pytest.mark.parametrize("name", [n for n in UNBOUNDED if n in POINTWISE])
def test_unbounded_activations_diverge_at_sigma_w2_four(name):
    """Growth like |x| on at least one side: E[phi(sqrt(q) z)^2] ~ q/2 or more, so
    4 E[...] > q for large q and the length map runs away."""
    theory = mean_field(actviz.get(name), 4.0, 0.0)
    assert theory.regime == "divergence" and theory.to_dict()["q_star"] is None
    assert theory.chi1 > 1


@pytest.mark.parametrize(("name", "limit"), [("gelu", 0.25), ("silu", 0.25), ("relu", 0.5)])
def test_collapse_to_zero_is_geometric_with_chi1_the_q_to_zero_limit(name, limit):
    """At (1, 0): phi'(0) = 1/2 for gelu and silu, relu' is 0 or 1 (mean square 1/2):
    chi_1(0+) = sigma_w^2 E[phi'(0 +- 0)^2] < 1 and q shrinks by that factor per layer."""
    if name not in POINTWISE:
        pytest.skip(f"{name} is not in the catalogue yet")
    act = actviz.get(name)
    theory = mean_field(act, 1.0, 0.0)
    assert theory.regime == "collapse" and theory.chi1 == pytest.approx(limit, rel=1e-9)
    q = profile(act, 1.0, 0.0, 80).q
    assert q[80] / q[79] == pytest.approx(limit, rel=1e-3)


def test_elu_at_one_zero_decays_only_algebraically():
    """elu'(0-) = alpha = 1 = elu'(0+): chi_1(0+) = 1, so q -> 0 slower than any geometric rate."""
    if "elu" not in POINTWISE:
        pytest.skip("elu is not in the catalogue yet")
    theory = mean_field(actviz.get("elu"), 1.0, 0.0)
    assert (theory.regime, theory.phase) == ("collapse", "critical") and math.isinf(theory.xi_q)
    q = profile(actviz.get("elu"), 1.0, 0.0, 400).q
    assert q[400] > 1e-6 and q[400] / q[399] > 0.99


def test_selu_with_lecun_init_is_self_normalising_but_slightly_chaotic():
    """Klambauer et al. 2017: q* = 1 at (1, 0); chi_1 = 1.0716 there (mpmath: SELU_CHI1),
    so gradients grow by sqrt(1.0716) per layer backwards, and the notes say so."""
    if "selu" not in POINTWISE:
        pytest.skip("selu is not in the catalogue yet")
    theory = mean_field(actviz.get("selu"), 1.0, 0.0)
    assert theory.q_star == pytest.approx(1.0, rel=1e-12)
    assert theory.chi1 == pytest.approx(SELU_CHI1, rel=1e-12)
    assert theory.phase == "chaotic" and any("gradients grow slowly" in note for note in theory.notes)


def test_quadrature_of_selu_slope_against_mpmath():
    """E[selu'(z)^2] at q = 1 is SELU_CHI1 (kinked at 0: plain Gauss-Hermite gets 2-4 digits)."""
    if "selu" not in POINTWISE:
        pytest.skip("selu is not in the catalogue yet")
    _, d = moments(actviz.get("selu"), 1.0)
    assert float(d) == pytest.approx(SELU_CHI1, rel=1e-13)


def test_a_jump_of_chi1_over_one_is_no_edge_of_chaos():
    """gelu at sigma_b^2 = 0 from inputs with q = 1: chi_1 = sigma_w^2/4 while q collapses,
    sigma_w^2/2 once it diverges; no sigma_w^2 has chi_1 = 1, and critical init says so."""
    if "gelu" not in POINTWISE:
        pytest.skip("gelu is not in the catalogue yet")
    with pytest.raises(ActvizError, match=r"gelu has no edge of chaos at sigma_b\^2 = 0 for inputs with q = 1: "
                                          r"chi_1 jumps from 0\.58\d* to 1\.17\d* at sigma_w\^2 = 2\.35"):
        critical_sigma_w2(actviz.get("gelu"), 0.0)


def test_the_fixed_point_in_a_narrow_window_is_found_not_jumped_over():
    # gish at sigma_w^2 = 3.99 from q0 = 1: M(q) > q only on about [0.55, 0.8], so the map
    # settles near 0.675; factor-4 steps went from 1 to 0.25 and reported a collapse.
    # Reference: the length map itself, iterated until it stops moving.
    gish = actviz.get("gish")
    q = 1.0
    for _ in range(100_000):
        q_next = 3.99 * float(second_moment(gish, q))
        if q_next == q:
            break
        q = q_next
    point = fixed_point(gish, 3.99, 0.0, 1.0)
    assert point.regime == "fixed point"
    assert point.q_star == pytest.approx(q, rel=1e-12)

"""The entries added for the model zoos (transformers, timm, gpt-oss, Kimi): what the generic
accuracy tables do not cover, i.e. limits the tables cannot show, kink conventions, and the
gated units against the models' published code."""

from __future__ import annotations

import math

import numpy as np
import pytest

import actviz


def test_sqrtsoftplus_limits_and_far_left_tail():
    act = actviz.get("sqrtsoftplus")
    assert act(np.inf) == np.inf and act(-np.inf) == 0.0
    assert act.derivative(np.inf) == 0.0 and act.derivative(np.inf, 2) == 0.0
    # mpmath: mp.sqrt(mp.log1p(mp.exp(-800))) = e^-400 (1 - e^-800/4) -> 1.9151695967140057e-174;
    # transformers' softplus(x).sqrt() gives 0 here.
    assert act(-800.0) == pytest.approx(1.9151695967140057e-174, rel=4 * 2**-52)


def test_xielu_conventions_follow_the_torch_code():
    alpha_n, beta, eps = 0.8, 0.5, -1e-6
    act = actviz.get("xielu")
    # torch.where(x > 0, ...) takes the x <= 0 piece at 0: alpha_n (expm1(eps) - 0) + 0
    assert act(0.0) == pytest.approx(alpha_n * math.expm1(eps), rel=1e-15)
    assert act.derivative(0.0) == pytest.approx(beta - alpha_n, rel=1e-15)
    # torch.minimum's backward gives half the gradient to each side of a tie: at x = eps
    assert act.derivative(eps) == pytest.approx(alpha_n * (0.5 * math.exp(eps) - 1.0) + beta, rel=1e-15)
    assert [k.x for k in act.kinks] == [eps, 0.0]
    with pytest.raises(actviz.ActvizError, match="must exceed beta"):
        actviz.get("xielu", alpha_n=0.4)


def test_hard_mish_kinks_take_the_middle_piece_as_torch_clamp():
    act = actviz.get("hard_mish")
    assert act.derivative(-2.0) == -1.0 and act.derivative(0.0) == 1.0 and act.derivative(0.0, 2) == 1.0
    assert [k.x for k in act.kinks] == [-2.0, 0.0]


def test_gelu_10_is_clipped_at_10_and_passes_the_gradient_at_the_clip():
    act = actviz.get("gelu_10")
    assert act(1e6) == 10.0 and act.derivative(1e6) == 0.0
    (kink,) = act.kinks
    assert kink.x == pytest.approx(10.0, abs=1e-12)
    gelu = actviz.get("gelu")
    assert act.derivative(kink.x) == gelu.derivative(kink.x)  # inclusive, as torch.clip's backward


def test_laplace_keeps_its_left_tail():
    # mpmath: mp.ncdf((mp.mpf(-3) - mp.mpf(0.707107)) / mp.mpf(0.282095)) -> 1.5984998787925735e-39
    assert actviz.get("laplace")(-3.0) == pytest.approx(1.5984998787925735e-39, rel=8 * 2**-52)


def _gpt_oss_swiglu(x, alpha=1.702, limit=7.0):
    # openai/gpt-oss, gpt_oss/torch/model.py, swiglu(), transcribed to NumPy
    x_glu, x_linear = x[..., ::2], x[..., 1::2]
    x_glu = np.minimum(x_glu, limit)
    x_linear = np.clip(x_linear, -limit, limit)
    out_glu = x_glu / (1.0 + np.exp(-alpha * x_glu))
    return out_glu * (x_linear + 1)


def test_swiglu_oai_is_gpt_oss_swiglu():
    rng = np.random.default_rng(14)
    x = rng.normal(0.0, 6.0, size=(50, 2))
    x[:3] = [[7.0, 7.0], [9.0, -9.0], [-30.0, 20.0]]
    got = actviz.get("swiglu_oai")(x[:, 1], x[:, 0])  # value a = the linear half, gate b = the glu half
    np.testing.assert_allclose(got, _gpt_oss_swiglu(x)[:, 0], rtol=1e-14, atol=1e-300)


def test_swiglu_oai_gradient_passes_at_the_clamp_bounds():
    unit = actviz.get("swiglu_oai")
    by_a, by_b = unit.gradient(np.array([7.0, -7.0]), np.array([7.0, 7.0]))
    quick = actviz.get("quick_gelu")
    np.testing.assert_array_equal(by_a, quick(np.array([7.0, 7.0])))  # d/da (clip(a) + 1) = 1 at a = ±7
    np.testing.assert_allclose(by_b, np.array([8.0, -6.0]) * quick.derivative(7.0), rtol=1e-15)


def test_situ_glu_is_the_ttnn_formula_and_is_bounded():
    b1, b2 = 4.0, 25.0
    g = np.linspace(-40.0, 40.0, 81)
    u = np.linspace(50.0, -50.0, 81)
    # ttnn.situ_glu: (beta1 tanh(gate/beta1) sigmoid(gate)) (beta2 tanh(up/beta2))
    want = (b1 * np.tanh(g / b1) / (1.0 + np.exp(-g))) * (b2 * np.tanh(u / b2))
    np.testing.assert_allclose(actviz.get("situ_glu")(u, g), want, rtol=1e-14, atol=1e-300)
    huge = actviz.get("situ_glu")(np.array([1e300, -1e300]), np.array([1e300, 1e300]))
    np.testing.assert_allclose(huge, [100.0, -100.0])


def test_gtu_is_tanh_times_sigmoid_with_its_gradient():
    a, b = np.array([-2.0, 0.5, 3.0]), np.array([1.0, -0.5, 4.0])
    unit = actviz.get("gtu")
    sigma = 1.0 / (1.0 + np.exp(-b))
    np.testing.assert_allclose(unit(a, b), np.tanh(a) * sigma, rtol=1e-15)
    by_a, by_b = unit.gradient(a, b)
    np.testing.assert_allclose(by_a, sigma / np.cosh(a) ** 2, rtol=1e-14)
    np.testing.assert_allclose(by_b, np.tanh(a) * sigma * (1.0 - sigma), rtol=1e-14)


@pytest.mark.parametrize("name", ["gtu", "situ_glu", "swiglu_oai"])
def test_model_unit_diagonals_have_their_derivatives(name):
    curve = actviz.get(name).curve()
    x = np.linspace(-6.5, 6.5, 27)  # away from the clamps at ±7
    h = 1e-5
    slope = (curve(x + h) - curve(x - h)) / (2 * h)
    curvature = (curve.derivative(x + h) - curve.derivative(x - h)) / (2 * h)
    np.testing.assert_allclose(curve.derivative(x), slope, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(curve.derivative(x, 2), curvature, rtol=1e-6, atol=1e-8)

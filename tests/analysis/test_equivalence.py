"""actviz.analysis.equivalence: pairs of activations equal up to f(x) = c g(a x + b) + d, found
from the functions (nothing typed), checked here against the identities that define them."""

from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

import actviz
from actviz.analysis.equivalence import catalogue_groups, match, same_as
from actviz.cli.app import app


def test_quick_gelu_is_swish_with_beta_1702():
    assert "swish:beta=1.702" in same_as(actviz.lookup("quick_gelu"))


def test_tanh_is_an_affine_sigmoid():
    # tanh(x) = 2 sigmoid(2x) - 1
    m = match(actviz.lookup("tanh"), actviz.lookup("sigmoid"))
    assert (m.a, m.b, m.c, m.d) == (2.0, 0.0, 2.0, -1.0)


def test_a_formula_is_matched_to_its_catalogue_function():
    # 3 softplus(2x - 1) + 0.5, written as a formula: found as softplus with a = 2, b = -1, c = 3, d = 0.5.
    # (A bipolar sigmoid 2 sigmoid(x) - 1 = tanh(x/2) is not in the catalogue, and as a formula it
    # cancels near 0 far beyond the few units the check allows.)
    m = match(actviz.get("3*softplus(2*x - 1) + 0.5"), actviz.lookup("softplus"))
    assert (m.a, m.b, m.c, m.d) == (2.0, -1.0, 3.0, 0.5)


@pytest.mark.parametrize(("f", "g"), [("gelu", "silu"), ("relu", "leaky_relu"), ("elu", "selu"), ("mish", "silu")])
def test_different_functions_are_not_matched(f, g):
    # selu = lambda elu_alpha(x) with alpha = 1.6733 != 1: its negative branch is not a scaled elu:alpha=1
    assert match(actviz.lookup(f), actviz.lookup(g)) is None


def test_catalogue_classes_hold_at_random_points():
    classes = {frozenset(c) for c in catalogue_groups()}
    # the pairs issue 14 names (found, never typed): each pair in one class
    expected = [("quick_gelu", "swish"), ("log_sigmoid", "softplus"), ("tanh", "sigmoid"), ("bipolar_sigmoid", "tanh"),
                ("laplace", "probit"), ("telu", "tanh_exp"), ("jump_relu", "thresholded_relu")]
    for pair in expected:
        assert any(set(pair) <= c for c in classes), pair
    x = np.random.default_rng(14).normal(0.0, 5.0, 200)
    for members in classes:
        first, *rest = (actviz.lookup(n) for n in sorted(members))
        for other in rest:
            m = match(other, first) or match(first, other)
            f, g = (other, first) if m.f == other.spec else (first, other)
            np.testing.assert_allclose(m.c * g(m.a * x + m.b) + m.d, f(x), rtol=1e-12, atol=1e-12)


def test_cli_lists_the_classes_and_info_names_them():
    runner = CliRunner()
    listed = runner.invoke(app, ["list", "--group-equivalent"])
    assert listed.exit_code == 0 and "quick_gelu = silu = swish" in listed.stdout
    info = runner.invoke(app, ["info", "quick_gelu", "--equivalent"])
    assert info.exit_code == 0 and "same as swish:beta=1.702" in info.stdout

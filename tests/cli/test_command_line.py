"""What a user types (issue 15, 'also found', and issue 11's command-line basics)."""

from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

import actviz
from actviz.cli.app import app
from tests.helpers import one_line_error as _one_line_error
from actviz.errors import ActvizError, UnknownActivationError

runner = CliRunner()
SMALL = ["--size", "400x225"]


@pytest.mark.parametrize("argv, stem", [
    (["plot", "-x"], "x"),
    (["plot", "-sigmoid(x)", "-d"], "sigmoid-x"),
    (["compare", "-x", "relu", "--range", "-3", "3"], "compare-x-relu"),
])
def test_a_formula_may_start_with_a_minus(tmp_path, monkeypatch, argv, stem):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*argv, *SMALL])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"{stem}.png"
    _one_line_error(runner.invoke(app, ["plot", "relu", "--bogus"]), "No such option: --bogus")
    assert runner.invoke(app, ["plot", "-h"]).exit_code == 0


def test_a_dashed_name_suggests_the_activation():
    with pytest.raises(UnknownActivationError, match="unknown activation 'leaky-relu'; did you mean 'leaky_relu'"):
        actviz.get("leaky-relu")
    _one_line_error(runner.invoke(app, ["info", "hard-swish"]), "did you mean 'hard_swish'")
    assert actviz.get("x-relu(x)")(2.0) == 0.0  # a formula with a minus is still a formula


def test_a_flat_sum_is_not_deep_nesting():
    terms = "+".join(["x*tanh(softplus(x))"] * 49)
    act = actviz.get(terms)
    mish = actviz.get("mish")
    x = np.linspace(-3.0, 3.0, 13)
    np.testing.assert_allclose(act(x), 49 * mish(x), rtol=1e-14, atol=1e-300)
    np.testing.assert_allclose(act.derivative(x, 2), 49 * mish.derivative(x, 2), rtol=1e-13, atol=1e-15)
    with pytest.raises(ActvizError, match="at most 120 levels deep"):
        actviz.get("+".join(["x"] * 130))
    with pytest.raises(ActvizError, match="too deeply nested"):  # real nesting is still bounded
        actviz.get("(" * 49 + "x" + ")" * 49)


def test_nested_relus_have_one_kink_found_quickly():
    # 47 nested relu took 14-21 s in the kink search (bisection through the subnormals)
    act = actviz.get("relu(" * 47 + "x" + ")" * 47)
    assert [k.x for k in act.kinks] == [0.0]
    assert [k.x for k in actviz.get("where(x < 1e-300, x, 0) + abs(x - 0.3)").kinks] == [1e-300, 0.3]


@pytest.mark.parametrize("name, command", [("swiglu", "`actviz glu swiglu` does"), ("softmax", "`actviz softmax"),
                                           ("maxout", "`actviz maxout` does")])
def test_plotting_an_entry_that_is_not_pointwise_names_its_command(name, command):
    _one_line_error(runner.invoke(app, ["plot", name]), command)


def test_softmax_refuses_more_logits_than_it_can_draw(tmp_path):
    logits = [str(v) for v in range(3000)]
    _one_line_error(runner.invoke(app, ["softmax", *logits, "-o", str(tmp_path / "s.png")]),
                    "3000 logits are too many to draw: at most 64")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("argv, fragment", [
    (["plot", "relu", "--range", "-1e308", "1e308"], "an axis reaches at most |x| = 1e+100"),
    (["plot", "relu", "--range", "1", "1.0000000000000002"], "too narrow to draw"),
    (["softmax", "3", "-1.5", "-t", "1e308"], "temperature"),
])
def test_ranges_a_plot_cannot_draw_are_refused(argv, fragment):
    _one_line_error(runner.invoke(app, [*argv, *SMALL]), fragment)


def test_values_beyond_any_scale_leave_a_gap_not_a_warning(tmp_path):
    from actviz.plotting.figures import plot_figure
    from actviz.plotting.style import parse_size

    fig = plot_figure([actviz.get("leaky_relu(x, negative_slope=1e308)")], size=parse_size("400x225"))
    (line,) = [line for line in fig.axes[0].lines if line.get_gid() == "curve"]
    y = np.asarray(line.get_ydata(), float)
    assert np.isnan(y[line.get_xdata() < -1e-100]).all() and np.nanmax(y) == 5.0
    fig.savefig(tmp_path / "f.png")  # no overflow warning from the tick locator (warnings are errors)

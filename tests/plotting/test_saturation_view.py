"""The saturation picture's default view is the informative window; an isolated
zero of f' is a turning point, not a saturated region."""

from __future__ import annotations

import math

import pytest
from typer.testing import CliRunner

import actviz
from actviz.analysis.saturation import saturated_set, saturation_sets
from actviz.cli.app import app
from actviz.plotting.saturation import saturation_figure
from actviz.plotting.style import parse_size

SMALL = parse_size("640x360", 50)
runner = CliRunner()


@pytest.mark.parametrize(("name", "zero"), [("gelu", -0.7518), ("gaussian", 0.0), ("silu", -1.2785)])
def test_an_isolated_zero_of_the_slope_is_not_saturated(name, zero):
    # gelu' = Phi(x) + x phi(x) = 0 at x = -0.75179 (mpmath findroot), silu' at -1.27846, gaussian' at 0
    for a, b in saturated_set(actviz.get(name)):
        assert not (a < zero < b), (a, b)


def test_saturated_tails_are_kept():
    (left, right) = saturated_set(actviz.get("tanh"))
    assert left[0] == -math.inf and right[1] == math.inf


def test_the_default_view_is_ten_wide_and_four_decades_deep():
    acts = [actviz.get("sigmoid"), actviz.get("gelu")]
    fig = saturation_figure(acts, [saturation_sets(a) for a in acts], size=SMALL)
    left = fig.axes[0]
    assert left.get_xlim() == (-10.0, 10.0)
    assert left.get_ylim()[0] == pytest.approx(1e-4)
    assert not left.texts  # the title says what the shading is; no label box over a curve
    full = saturation_figure(acts, [saturation_sets(a) for a in acts], lo=-40, hi=40, full=True, size=SMALL).axes[0]
    assert full.get_ylim()[0] < 1e-12


def test_the_cli_full_view(tmp_path):
    result = runner.invoke(app, ["saturation", "sigmoid", "--full", "--format", "csv"])
    assert result.exit_code == 0
    xs = [float(line.split(",")[2]) for line in result.stdout.splitlines()[1:] if ",slope," in line]
    assert min(xs) == -40.0 and max(xs) == 40.0
    default = runner.invoke(app, ["saturation", "sigmoid", "--format", "csv"])
    xs = [float(line.split(",")[2]) for line in default.stdout.splitlines()[1:] if ",slope," in line]
    assert min(xs) == -10.0 and max(xs) == 10.0

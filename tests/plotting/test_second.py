"""``--second`` shows f, f' and f''; a jump of a derivative gives the next one a
Dirac mass, drawn as an arrow of its weight."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import actviz
from actviz.analysis.sampling import dirac_masses
from actviz.cli.app import app
from actviz.plotting.figures import plot_figure
from actviz.plotting.style import parse_size

runner = CliRunner()
SMALL = parse_size("640x360", 50)


def test_second_alone_draws_f_f_prime_and_f_second(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["plot", "tanh", "--second", "--format", "csv"])
    assert result.stdout.splitlines()[0] == "activation,x,f,df,d2f"
    fig = plot_figure([actviz.get("tanh")], second=True, size=SMALL)
    assert [ax.get_ylabel() for ax in fig.axes] == ["$f(x)$", "$f'(x)$", "$f''(x)$"]


@pytest.mark.parametrize(("spec", "order", "weight"), [("relu", 2, 1.0), ("elu:alpha=0.5", 2, 0.5),
                                                        ("binary_step", 1, 1.0), ("leaky_relu:negative_slope=0.2", 2, 0.8)])
def test_dirac_masses_are_the_jumps_of_the_derivative_below(spec, order, weight):
    # relu' jumps 0 -> 1 at 0; elu' (alpha e^x | 1) jumps 0.5 -> 1; the step jumps 0 -> 1; leaky' 0.2 -> 1
    (mass,) = dirac_masses(actviz.get(spec), order, -5.0, 5.0)
    assert mass.x == 0.0 and mass.weight == pytest.approx(weight, rel=1e-12)


def test_smooth_curves_have_no_dirac_mass():
    assert dirac_masses(actviz.get("gelu"), 2, -5.0, 5.0) == ()


def test_relu_second_derivative_is_an_arrow_not_a_flat_zero():
    fig = plot_figure([actviz.get("relu")], second=True, size=SMALL)
    second = fig.axes[2]
    (arrow,) = [p for p in second.patches if p.get_gid() == "dirac"]
    (start, end) = arrow._posA_posB
    assert start == (0.0, 0.0) and end == (0.0, 1.0)
    assert second.get_ylim()[1] >= 1.0  # the axis takes in the arrow, not ±0.04 around zero

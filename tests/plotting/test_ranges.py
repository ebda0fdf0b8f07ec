"""Each panel's y-range: every curve's shape in view when one dwarfs the others,
a note where it leaves; --ylim and --dylim for the f and f' panels."""

from __future__ import annotations

import numpy as np
import pytest
from typer.testing import CliRunner

import actviz
from actviz.cli.app import app
from actviz.plotting.figures import compare_figure, plot_figure, shared_view
from actviz.plotting.style import parse_size

SMALL = parse_size("640x360", 50)
runner = CliRunner()


def test_exponential_does_not_flatten_relu_and_tanh():
    fig = compare_figure([actviz.get(s) for s in ("exponential", "relu", "tanh")], size=SMALL)
    for ax in fig.axes:
        bottom, top = ax.get_ylim()
        assert top < 10  # e^5 = 148 left out of view
        notes = [t.get_text() for t in ax.texts if t.get_gid() == "off-view"]
        assert len(notes) == 1 and "exponential" in notes[0] and "148" in notes[0]
    top_panel = fig.axes[0]
    assert top_panel.get_ylim()[0] < -1 and top_panel.get_ylim()[1] > 5  # relu's 5 and tanh's -1 in view


@pytest.mark.parametrize("specs", [["exponential"], ["gelu", "relu"], ["sigmoid", "tanh", "softsign"]])
def test_curves_of_one_scale_are_shown_whole(specs):
    fig = compare_figure([actviz.get(s) for s in specs], size=SMALL)
    top = fig.axes[0]
    highest = max(float(np.max(line.get_ydata())) for line in top.lines if line.get_gid() == "curve")
    assert top.get_ylim()[1] >= highest
    assert not [t for t in top.texts if t.get_gid() == "off-view"]


def test_shared_view_ignores_constant_zeros_and_keeps_single_curves():
    flat, line = np.zeros(5), np.linspace(-5, 5, 5)
    assert shared_view([flat, line]) == (None, [])
    assert shared_view([np.exp(line)]) == (None, [])
    view, far = shared_view([np.exp(line), line, np.tanh(line)])
    assert far == [0] and view == pytest.approx((-6.0, 6.0))


def test_ylim_and_dylim_bound_their_own_panels():
    acts = [actviz.get("relu"), actviz.get("elu")]
    fig = compare_figure(acts, ylim=(-2.0, 3.0), dylim=(-0.5, 2.0), size=SMALL)
    assert fig.axes[0].get_ylim() == (-2.0, 3.0) and fig.axes[1].get_ylim() == (-0.5, 2.0)
    fig = plot_figure(acts, derivative=True, dylim=(0.0, 1.5), size=SMALL)
    assert fig.axes[1].get_ylim() == (0.0, 1.5)


def test_a_bad_dylim_names_the_option():
    result = runner.invoke(app, ["compare", "relu", "elu", "--dylim", "2", "1"])
    assert result.exit_code == 2 and "--dylim" in result.stderr

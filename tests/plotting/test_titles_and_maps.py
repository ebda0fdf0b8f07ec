"""Figures say what they are (titles, formulas as math, formula asymptotes);
GLU and phase maps are smooth, labelled and right in both themes."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_rgb

import actviz
from actviz.analysis.vector import check_extent
from actviz.plotting.figures import compare_figure, plot_figure
from actviz.plotting.nonpointwise import glu_figure, round_levels
from actviz.plotting.propagation import LABELLED_DEPTH, phase_figure
from actviz.plotting.style import parse_size
from actviz.propagation.phase import phase_diagram, phase_grid

SMALL = parse_size("640x360", 50)


def test_compare_and_multi_plot_have_titles_naming_the_activations():
    acts = [actviz.get(s) for s in ("relu", "elu", "selu")]
    assert compare_figure(acts, size=SMALL)._suptitle.get_text() == "relu, elu (alpha=1), selu"
    assert plot_figure(acts, size=SMALL)._suptitle.get_text() == "relu, elu (alpha=1), selu"


def test_a_formula_is_named_by_its_formula_as_math():
    fig = compare_figure([actviz.get("x*tanh(softplus(x))"), actviz.get("gelu")], size=SMALL)
    first = fig.legends[0].get_texts()[0].get_text()
    assert first.startswith("$") and r"\tanh" in first and "*" not in first


def test_formula_curves_get_their_asymptotes():
    ax = plot_figure([actviz.get("tanh(x)")], size=SMALL).axes[0]
    assert sorted(line.get_ydata()[0] for line in ax.lines if line.get_gid() == "asymptote") == [-1.0, 1.0]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_glu_map_has_a_title_a_labelled_colour_bar_and_round_levels(theme):
    fig = glu_figure(actviz.get("swiglu"), SMALL, theme, check_extent(3.0))
    assert "swiglu" in fig._suptitle.get_text()
    heat = fig.axes[0]
    (image,) = heat.images
    colour_bar = image.colorbar
    assert "swiglu" in colour_bar.ax.get_ylabel()
    (contours,) = [c for c in heat.collections if hasattr(c, "levels")]
    steps = np.diff(contours.levels)
    assert np.allclose(steps[steps < 1.5 * steps.min()], steps.min())  # one round step (zero left out)
    assert all(abs(level / steps.min() - round(level / steps.min())) < 1e-9 for level in contours.levels)
    middle = np.array(to_rgb(image.cmap(0.5)))
    background = np.array(to_rgb(heat.get_facecolor()))
    assert np.abs(middle - background).max() < 0.15  # zero is the theme's background, no white block on dark


def test_round_levels_leave_out_zero_and_the_ends():
    levels = round_levels(8.6)
    assert 0.0 not in levels and levels.max() < 8.6 and np.allclose(levels, [-8, -6, -4, -2, 2, 4, 6, 8])


def test_phase_contour_labels_stay_off_the_critical_line():
    act = actviz.get("tanh")
    diagram = phase_diagram(act, *phase_grid(act, None, 0.3, 60))
    ax = phase_figure(diagram, size=SMALL).axes[0]
    labels = [float(t.get_text()) for t in ax.texts if t.get_text().replace(".", "").isdigit()]
    assert labels and max(labels) <= LABELLED_DEPTH

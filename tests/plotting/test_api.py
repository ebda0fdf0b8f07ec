"""The public plotting API (actviz.plot) under the Agg backend: axes-level functions
draw on plt.gca() and return it, figure-level ones return a Figure of matplotlib's
default size, themes come from a context manager, ``act.plot`` is an accessor, and
activations, property reports and theory results show themselves in Jupyter."""

from __future__ import annotations

import struct

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib import pyplot as plt
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

import actviz
import actviz.plot as avp
from actviz.analysis.properties import analyse
from actviz.analysis.saturation import saturation_sets
from actviz.errors import ActvizError
from actviz.formats.tables import DEFAULT_COLUMNS, cells, headers
from actviz.propagation import mean_field
from actviz.themes import PALETTES, THEMES

from tests.helpers import STEP


def _curves(ax):
    return [line for line in ax.lines if line.get_gid() == "curve"]


def test_a_curve_without_axes_lands_on_plt_gca():
    ax = avp.curve("tanh")
    assert ax is plt.gca()
    (line,) = _curves(ax)
    x, y = line.get_xydata().T
    np.testing.assert_array_equal(y, actviz.get("tanh")(x))
    assert line.get_label() == "tanh" and ax.get_ylabel() == "$f(x)$"


def test_curves_on_one_axes_take_the_next_palette_colour_and_accept_objects():
    ax = avp.curve("relu")
    assert avp.curve(actviz.get("elu", alpha=0.5), order=1, ax=ax) is ax
    first, second = _curves(ax)[0], _curves(ax)[-1]
    assert [to_hex(first.get_color()), to_hex(second.get_color())] == [c.lower() for c in PALETTES["light"][:2]]
    x, y = second.get_xydata().T  # the piece right of the jump of elu' at 0, from its right limit 1
    np.testing.assert_array_equal(y[1:], actviz.get("elu", alpha=0.5).derivative(x[1:]))
    assert (x[0], y[0]) == (0.0, 1.0)
    assert _curves(ax)[1].get_label() == "elu (alpha=0.5)"


def test_a_jump_drawn_through_the_api_has_its_dots():
    ax = avp.curve(STEP, x_range=(-1.0, 1.0))
    assert [line.get_gid() for line in ax.lines].count("closed") == 1
    assert [line.get_gid() for line in ax.lines].count("open") == 1


def test_saturation_axes_draw_the_log_derivative_the_threshold_and_the_dead_zone():
    ax = avp.saturation("relu", 0.05)
    assert ax is plt.gca() and ax.get_yscale() == "log"
    (threshold,) = [line for line in ax.lines if line.get_gid() == "threshold"]
    assert threshold.get_ydata()[0] == 0.05
    (dead,) = [line for line in ax.lines if line.get_gid() == "dead"]
    assert dead.get_xdata()[0] == -40.0 and 0.0 <= dead.get_xdata()[1] <= 5e-324  # relu' = 0 on x <= 0


def test_saturation_axes_span_whole_decades_around_every_curve():
    # matplotlib's autoscaling added 5% of gelu's 322 decades on top: ticks up to 1e15 for |f'| <= 1.13
    fig = Figure()
    ax = fig.subplots()
    avp.saturation("gelu", ax=ax)
    assert ax.get_ylim() == (1e-322, 10.0)  # |gelu'| runs from 1.9e-322 (x = -40) to 1.13
    avp.saturation("exponential", ax=ax, x_range=(-40.0, 5.0))  # e^5 = 148: the axis grows to hold it
    assert ax.get_ylim() == (1e-322, 1e3)


def test_propagation_axes_draw_the_measured_and_the_predicted_gradient():
    ax = avp.propagation("tanh", depth=6, width=16, batch=4, seed=3)
    assert ax is plt.gca()
    measured, theory = ax.lines[:2]
    assert len(measured.get_xdata()) == 7 and theory.get_linestyle() == "--"
    assert measured.get_ydata()[-1] == 0.0  # the top layer's norm is 1 by construction (log10 = 0)


def test_figures_default_to_matplotlibs_size_and_take_named_sizes():
    fig = avp.plot("gelu", derivative=True)
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert tuple(fig.get_size_inches()) == pytest.approx(tuple(mpl.rcParams["figure.figsize"]))
    assert tuple(avp.compare("relu", "elu", size="paper").get_size_inches()) == pytest.approx((6.4, 4.0))
    fig = avp.saturation_figure("sigmoid", "relu", threshold=0.05, sigma=2.0)
    left, right = fig.axes
    relu_dead = [line for line in right.lines if line.get_gid() == "dead"]
    expected = saturation_sets(actviz.get("relu"), 0.05).shares(relu_dead[0].get_xdata())[1]
    np.testing.assert_array_equal(relu_dead[0].get_ydata(), expected)


def test_theme_is_a_context_manager_not_a_figure_attribute():
    with avp.theme("dark"):
        fig = avp.plot("sigmoid")
        ax = avp.curve("tanh", ax=Figure().subplots())
    assert to_hex(fig.get_facecolor()) == THEMES["dark"]["figure.facecolor"]
    assert to_hex(_curves(fig.axes[0])[0].get_color()) == PALETTES["dark"][0].lower()
    assert to_hex(_curves(ax)[0].get_color()) == PALETTES["dark"][0].lower()
    assert not hasattr(fig, "actviz_theme")
    assert to_hex(avp.plot("sigmoid").get_facecolor()) == "#ffffff"  # back to light outside the block
    with pytest.raises(ActvizError, match="unknown theme 'sepia'"):
        with avp.theme("sepia"):
            pass


def test_the_accessor_delegates_to_the_same_functions():
    act = actviz.get("softsign")
    ax = act.plot()
    assert ax is plt.gca() and _curves(ax)[0].get_label() == "softsign"
    act.plot(1, ax=ax)
    x, y = _curves(ax)[-1].get_xydata().T  # softsign' is smooth: one piece
    np.testing.assert_array_equal(y, act.derivative(x))
    assert act.plot.saturation(ax=Figure().subplots()).get_yscale() == "log"
    assert len(act.plot.figure(derivative=True, second=True).axes) == 3


def test_non_pointwise_entries_are_refused_by_name():
    with pytest.raises(ActvizError, match="'softmax' is not pointwise"):
        avp.curve("softmax")


def test_an_activation_shows_its_card_its_formula_and_its_curve():
    act = actviz.get("leaky_relu", negative_slope=0.2)
    markdown = act._repr_markdown_()
    assert markdown.startswith("**leaky_relu (negative_slope=0.2)**") and "kink at x = 0" in markdown
    assert act.latex in act._repr_latex_() and act.latex_derivative in act._repr_latex_()
    png = act._repr_png_()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (960, 600)  # paper at 150 dpi


def test_a_property_report_and_a_theory_render_as_tables():
    report = analyse(actviz.get("relu"))
    lines = report._repr_markdown_().splitlines()
    (row,) = cells([report], DEFAULT_COLUMNS)
    assert lines[0] == "**relu**" and lines[2:4] == ["| property | value |", "| --- | ---: |"]
    assert lines[4:] == [f"| {h} | {v} |" for h, v in zip(headers(DEFAULT_COLUMNS)[1:], row[1:])]
    theory = mean_field(actviz.get("tanh"), 1.5, 0.05)
    text = theory._repr_markdown_()
    (q_star,) = [line for line in text.splitlines() if line.startswith("| q* |")]
    assert float(q_star.split("|")[2]) == pytest.approx(theory.q_star, rel=1e-5) and theory.notes[0] in text

"""What the figures draw, checked through their artists (not pixels)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

import actviz
from actviz.errors import ActvizError
from actviz.plotting.curves import draw_curve
from actviz.plotting.figures import compare_figure, plot_figure
from actviz.plotting.style import PALETTES, THEMES, parse_size

from tests.helpers import ELU, LEAKY, STEP, NotPointwise

SMALL = parse_size("640x360", 50)


def _curves(ax):
    return [line for line in ax.lines if line.get_gid() == "curve"]


def _gid(ax, gid):
    return [line for line in ax.lines if line.get_gid() == gid]


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu"])
def test_line_data_are_the_catalogue_values(name):
    act = actviz.get(name)
    ax = draw_curve(act, 0, lo=-4.0, hi=4.0)
    (line,) = _curves(ax)
    x, y = line.get_xydata().T
    np.testing.assert_array_equal(y, act(x))
    assert x[0] == -4.0 and x[-1] == 4.0


def test_derivative_line_data_are_the_catalogue_derivative():
    act = actviz.get("sigmoid")
    ax = draw_curve(act, 1, lo=-4.0, hi=4.0)
    x, y = _curves(ax)[0].get_xydata().T
    np.testing.assert_array_equal(y, act.derivative(x))


def test_a_jump_is_drawn_as_separate_segments_with_open_and_closed_dots():
    ax = draw_curve(STEP, 0, lo=-2.0, hi=2.0, label="step")
    left, right = _curves(ax)
    assert left.get_xdata().max() == 0.0 and right.get_xdata().min() == 0.0
    assert left.get_label() == "step" and right.get_label().startswith("_")  # one legend entry
    (opened,), (closed,) = _gid(ax, "open"), _gid(ax, "closed")
    assert opened.get_xydata().tolist() == [[0.0, 0.0]] and closed.get_xydata().tolist() == [[0.0, 1.0]]
    assert to_hex(opened.get_markerfacecolor()) == to_hex(ax.get_facecolor())  # open: hollow
    assert to_hex(closed.get_markerfacecolor()) == to_hex(left.get_color())  # closed: filled


def test_relu_derivative_panel_has_the_jump():
    fig = plot_figure([actviz.get("relu")], derivative=True, size=SMALL)
    f_ax, df_ax = fig.axes
    assert len(_curves(f_ax)) == 1 and not _gid(f_ax, "open")  # relu itself is continuous
    assert len(_curves(df_ax)) == 2
    assert _gid(df_ax, "open")[0].get_xydata().tolist() == [[0.0, 1.0]]
    assert _gid(df_ax, "closed")[0].get_xydata().tolist() == [[0.0, 0.0]]


def test_asymptotes_are_dashed_horizontal_lines():
    ax = draw_curve(actviz.get("sigmoid"), 0, lo=-6.0, hi=6.0)
    lines = _gid(ax, "asymptote")
    assert sorted(line.get_ydata()[0] for line in lines) == [0.0, 1.0]
    assert all(line.get_linestyle() == "--" for line in lines)
    ax = draw_curve(ELU.with_params(alpha=2.0), 0, lo=-6.0, hi=6.0, ax=Figure().subplots())
    assert [line.get_ydata()[0] for line in _gid(ax, "asymptote")] == [-2.0]


def test_single_plot_has_formulas_in_titles_and_a_panel_per_derivative():
    act = actviz.get("sigmoid")
    fig = plot_figure([act], derivative=True, second=True, size=SMALL)
    assert len(fig.axes) == 3
    assert fig.axes[0].get_title() == f"${act.latex.replace(chr(92) + 'frac', chr(92) + 'dfrac')}$"
    assert fig.axes[1].get_title() == f"${act.latex_derivative}$"
    assert [ax.get_ylabel() for ax in fig.axes] == ["$f(x)$", "$f'(x)$", "$f''(x)$"]
    assert fig.get_suptitle() == "sigmoid"
    assert all(ax.get_xlim() == (-5.0, 5.0) for ax in fig.axes)


def test_axes_through_the_origin_and_light_grid():
    fig = plot_figure([actviz.get("tanh")], size=SMALL)
    (ax,) = fig.axes
    origin = _gid(ax, "origin")
    assert len(origin) == 2  # y = 0 and x = 0
    assert {tuple(line.get_xdata()) for line in origin} >= {(0, 0)}
    assert ax.xaxis.get_gridlines()[0].get_visible()


def test_ylim_bounds_the_function_panel():
    fig = plot_figure([actviz.get("relu")], derivative=True, ylim=(-1.0, 2.0), size=SMALL)
    assert fig.axes[0].get_ylim() == (-1.0, 2.0)
    with pytest.raises(ActvizError, match="invalid ylim 2 -1"):
        plot_figure([actviz.get("relu")], ylim=(2.0, -1.0), size=SMALL)


def test_compare_legend_colours_and_shared_x():
    a, b = LEAKY.with_params(negative_slope=0.01), LEAKY.with_params(negative_slope=0.3)
    fig = compare_figure([a, b], lo=-3.0, hi=2.0, size=SMALL)
    top, bottom = fig.axes
    (legend,) = fig.legends
    assert [t.get_text() for t in legend.get_texts()] == ["leaky_relu (negative_slope=0.01)", "leaky_relu (negative_slope=0.3)"]
    top_colors = [to_hex(line.get_color()) for line in _curves(top)]
    bottom_colors = [to_hex(line.get_color()) for line in _curves(bottom) if not line.get_label().startswith("_")]
    assert top_colors == bottom_colors and top_colors[0] != top_colors[1]
    assert top.get_shared_x_axes().joined(top, bottom)
    # f on top, f' below: the derivative of the 0.3 slope is 0.3 left of 0
    x, y = _curves(bottom)[2].get_xydata().T
    assert np.all(y[x < 0] == 0.3)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_themes_colour_the_figure_the_axes_and_the_text(theme):
    fig = plot_figure([actviz.get("sigmoid")], derivative=True, size=SMALL, theme=theme)
    assert to_hex(fig.get_facecolor()) == to_hex(THEMES[theme]["figure.facecolor"])
    assert to_hex(fig.axes[0].get_facecolor()) == to_hex(THEMES[theme]["axes.facecolor"])
    assert to_hex(fig.axes[0].title.get_color()) == to_hex(THEMES[theme]["text.color"])
    assert to_hex(_curves(fig.axes[0])[0].get_color()) == PALETTES[theme][0].lower()


def test_unknown_theme_and_non_pointwise_entries_are_errors():
    with pytest.raises(ActvizError, match="unknown theme 'sepia'"):
        plot_figure([actviz.get("relu")], size=SMALL, theme="sepia")
    with pytest.raises(ActvizError, match="'softmax_test' is not pointwise"):
        compare_figure([actviz.get("relu"), NotPointwise()], size=SMALL)


def test_several_activations_in_one_plot_get_a_legend_not_a_formula():
    fig = plot_figure([actviz.get("relu"), actviz.get("tanh")], derivative=True, size=SMALL)
    assert [t.get_text() for t in fig.legends[0].get_texts()] == ["relu", "tanh"]
    assert fig.axes[0].get_title() == "" and fig.get_suptitle() == ""
    assert len(_curves(fig.axes[1])) == 3  # relu' in two pieces, tanh' in one


def test_title_option_replaces_the_figure_title(tmp_path, capsys):
    from actviz.cli.output import Output, write

    fig = plot_figure([actviz.get("relu")], size=SMALL)
    path = write(fig, Output(path=tmp_path / "r.png", title="Rectifier"), "relu")
    assert fig.get_suptitle() == "Rectifier" and path.exists()
    assert capsys.readouterr().out.strip() == str(tmp_path / "r.png")

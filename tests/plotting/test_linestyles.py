"""Curves never hide one another: distinct styles, later curves thinner on top,
coinciding curves named, legends that leave the panels the room."""

from __future__ import annotations

import pytest

import actviz
from actviz.plotting.figures import compare_figure, legend_columns, plot_figure
from actviz.plotting.linestyles import curve_styles
from actviz.plotting.style import PALETTES, colors, parse_size

TWELVE = ("relu", "elu", "selu", "gelu", "gelu_tanh", "silu", "mish", "softplus", "tanh", "sigmoid", "leaky_relu", "celu")


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_twelve_curves_have_twelve_looks_from_the_okabe_ito_colours(theme):
    styles = curve_styles(theme, 12)
    assert len({(s.color, str(s.linestyle), s.marker) for s in styles}) == 12
    assert {s.color for s in styles} <= set(PALETTES[theme])
    assert set(colors(theme, 12)) == set(PALETTES[theme])  # the palette repeats, no colormap
    # two curves of one colour never share a dash pattern
    by_colour = {}
    for s in styles:
        by_colour.setdefault(s.color, set()).add(str(s.linestyle))
    assert all(len(patterns) == sum(st.color == c for st in styles) for c, patterns in by_colour.items())


def test_later_curves_are_dashed_thinner_and_on_top():
    styles = curve_styles("light", 5)
    assert styles[0].linestyle == "-" and all(s.linestyle != "-" for s in styles[1:])
    assert all(a.width > b.width and a.zorder < b.zorder for a, b in zip(styles, styles[1:]))


def test_compare_relu_elu_selu_keeps_relu_visible_under_elu():
    fig = compare_figure([actviz.get(s) for s in ("relu", "elu", "selu")], size=parse_size("640x360", 50))
    top = fig.axes[0]
    relu, elu = (next(line for line in top.lines if line.get_gid() == "curve" and line.get_label() == name)
                 for name in ("relu", "elu (alpha=1)"))
    assert relu.get_linestyle() == "-" and elu.get_linestyle() != "-"
    assert elu.get_linewidth() < relu.get_linewidth() and elu.get_zorder() > relu.get_zorder()


def test_a_formula_equal_to_a_catalogue_entry_is_named_identical_in_the_legend():
    fig = plot_figure([actviz.get("x*tanh(softplus(x))"), actviz.get("mish")], derivative=True,
                      size=parse_size("640x360", 50))
    labels = [text.get_text() for text in fig.legends[0].get_texts()]
    formula = r"$x \cdot \tanh(\mathrm{softplus}(x))$"  # the formula shown as math
    assert labels == [formula, f"mish = {formula} (identical)"]


def test_near_curves_are_not_called_identical():
    fig = compare_figure([actviz.get("gelu"), actviz.get("gelu_tanh")], size=parse_size("640x360", 50))
    assert [text.get_text() for text in fig.legends[0].get_texts()] == ["gelu", "gelu_tanh"]


@pytest.mark.parametrize("size", ["slide", "paper"])
def test_the_legend_of_twelve_curves_stays_under_a_quarter_of_the_figure(size):
    fig = compare_figure([actviz.get(s) for s in TWELVE], size=parse_size(size))
    fig.canvas.draw()
    legend = fig.legends[0].get_window_extent()
    assert legend.height < 0.25 * fig.bbox.height
    assert legend.width <= fig.bbox.width


def test_legend_columns_fill_the_budget_column_by_column():
    labels = ["a" * 10] * 4 + ["b" * 30]
    assert legend_columns(labels, 110) == 5  # 4 * 17 + 37 = 105
    assert legend_columns(labels, 100) == 3  # rows of 2: 17 + 17 + 37 = 71; 4 columns: also rows of 2
    assert legend_columns(labels, 30) == 1

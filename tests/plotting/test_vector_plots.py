"""The figures of the non-pointwise activations: their artists carry the library's numbers."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.image import AxesImage, imread

import actviz
from actviz.catalog.vector import slope_band
from actviz.plotting import nonpointwise as plots
from actviz.plotting.export import save_figure
from actviz.plotting.style import parse_size

SMALL = parse_size("640x360")


def _lines(ax):
    return [line for line in ax.get_lines() if line.get_label() and not line.get_label().startswith("_")]


def test_softmax_figure_panels_carry_the_numbers():
    logits = [2.0, 1.0, 0.1]
    softmax = actviz.get("softmax")
    fig = plots.softmax_figure(logits, 1.0, SMALL)
    bars, sweep, jacobian, pair = fig.axes[:4]
    assert [patch.get_height() for patch in bars.patches] == softmax(logits).tolist()
    assert [t.get_text() for t in bars.get_xticklabels()] == ["$z_{1} = 2$", "$z_{2} = 1$", "$z_{3} = 0.1$"]
    assert "0.659" in bars.texts[0].get_text() and "log −0.417" in bars.texts[0].get_text()
    # sweep: one line per logit over T in [0.1, 10], equal to softmax at that temperature
    curves = [line for line in sweep.get_lines() if line.get_label().startswith("$z_")]
    assert len(curves) == 3
    t, p = curves[0].get_data()
    assert t[0] == pytest.approx(0.1) and t[-1] == pytest.approx(10.0) and sweep.get_xscale() == "log"
    assert p[-1] == actviz.get("softmax", temperature=t[-1])(logits)[0]
    image = next(a for a in jacobian.get_children() if isinstance(a, AxesImage))
    assert np.array_equal(image.get_array(), softmax.jacobian(logits))
    first, sigmoid = _lines(pair)
    assert np.allclose(first.get_ydata(), sigmoid.get_ydata(), rtol=1e-15, atol=0)
    assert "softmax" in fig._suptitle.get_text()


def test_softmax_figure_follows_the_temperature_and_rejects_bad_logits():
    fig = plots.softmax_figure([0.0, 3.0], 20.0, SMALL)
    sweep = fig.axes[1]
    t = [line for line in sweep.get_lines() if line.get_label().startswith("$z_")][0].get_xdata()
    assert t[-1] == pytest.approx(20.0)  # the sweep widens to include T
    with pytest.raises(actviz.ActvizError, match="at least two finite logits"):
        plots.softmax_figure([1.0, np.inf], 1.0, SMALL)


@pytest.mark.parametrize("name", ["glu", "reglu", "bilinear"])
def test_glu_figure_heat_map_and_diagonal(name):
    glu = actviz.get(name)
    fig = plots.glu_figure(glu, SMALL, extent=2.0)
    heat, diagonal_ax = fig.axes[:2]
    image = next(a for a in heat.get_children() if isinstance(a, AxesImage))
    values = np.asarray(image.get_array())
    grid = np.linspace(-2.0, 2.0, values.shape[0])
    assert image.get_extent() == [-2.0, 2.0, -2.0, 2.0]
    # rows are b (origin lower), columns a
    assert np.array_equal(values, glu(grid[None, :], grid[:, None]))
    assert heat.collections, "contours are drawn"
    dashed = next(line for line in heat.get_lines() if line.get_label() == "diagonal a = b")
    assert np.array_equal(dashed.get_xdata(), dashed.get_ydata())
    gate_line, slice_line = _lines(diagonal_ax)
    x = slice_line.get_xdata()
    assert np.array_equal(slice_line.get_ydata(), glu.curve()(x))
    assert np.array_equal(gate_line.get_ydata(), glu.gate_activation()(x))
    assert heat.get_title() == f"${glu.latex}$"


def test_glu_figure_rejects_a_bad_extent():
    with pytest.raises(actviz.ActvizError, match="invalid extent 0"):
        plots.glu_figure(actviz.get("glu"), SMALL, extent=0)


def test_maxout_figure_pieces_behind_the_envelope():
    maxout = actviz.get("maxout:k=5,seed=3")
    ax = plots.maxout_figure(maxout, SMALL).axes[0]
    pieces = [line for line in ax.get_lines() if line.get_alpha() == 0.8]
    envelope = next(line for line in ax.get_lines() if line.get_label().startswith(r"$\max"))
    assert len(pieces) == 5
    assert np.array_equal(envelope.get_ydata(), np.max([p.get_ydata() for p in pieces], axis=0))
    assert all(p.get_zorder() < envelope.get_zorder() for p in pieces)
    dots = next(line for line in ax.get_lines() if line.get_label() == "breakpoints")
    assert np.allclose(dots.get_xdata(), [k.x for k in maxout.curve().kinks])
    low, high = ax.get_xlim()
    assert low < min(dots.get_xdata()) and high > max(dots.get_xdata())


def test_band_figure_fills_the_band_and_draws_evaluation_solid():
    band = slope_band(actviz.get("rrelu"))
    ax = plots.band_figure(band, SMALL).axes[0]
    fill = next(c for c in ax.collections if isinstance(c, PolyCollection))
    assert fill.get_label().startswith("training: slope drawn from U(0.125, 0.333)")
    evaluation = next(line for line in ax.get_lines() if line.get_label().startswith("evaluation mode"))
    assert evaluation.get_linestyle() == "-"
    assert np.array_equal(evaluation.get_ydata(), actviz.get("rrelu")(evaluation.get_xdata()))
    members = [line for line in ax.get_lines() if line.get_alpha() == 0.5]
    assert len(members) == 9
    assert members[0].get_ydata()[0] == pytest.approx(-4.0 / 8)  # slope 1/8 at x = -4


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_themes_and_exported_pixels(tmp_path, theme):
    fig = plots.maxout_figure(actviz.get("maxout"), parse_size("800x450"), theme)
    path = save_figure(fig, tmp_path / f"maxout_{theme}.png")
    pixels = imread(path)
    assert pixels.shape[:2] == (450, 800)
    background = {"light": (1.0, 1.0, 1.0), "dark": (0x15 / 255, 0x18 / 255, 0x1E / 255)}[theme]
    assert np.allclose(pixels[0, 0, :3], background, atol=1 / 255)
    assert fig.axes[0].get_facecolor()[:3] == pytest.approx(background, abs=1 / 255)


def test_axes_level_functions_draw_on_pyplots_current_axes():
    from matplotlib import pyplot

    ax = plots.two_logit_curve(actviz.get("softmax"))
    assert ax is pyplot.gca()
    assert len(_lines(ax)) == 2

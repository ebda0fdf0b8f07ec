"""actviz.plotting.title_fit: formula titles stay within their panel, on the figure and clear of
their neighbours, at every standard size; titles that fit are left as they are."""

from __future__ import annotations

import io

import matplotlib as mpl
import pytest

import actviz
from actviz.plotting.export import figure_bytes
from actviz.plotting.figures import plot_figure
from actviz.plotting.portable import FONT_RC, portable_math
from actviz.plotting.style import parse_size
from actviz.plotting.title_fit import SMALLEST, _lines, _top_level_breaks

# the longest formulas of the catalogue: piecewise cases, chains of '=' and long sums; before the
# fitting each ran off the figure or into its neighbour at one of these sizes
LONG = ["reltanh", "srelu", "talu", "pdelu", "smooth_step", "sinlu", "gelu", "penalized_tanh"]
SIZES = [("slide", True), ("square", False)]  # the narrowest panels: three on a slide, two on a square


def _title_boxes(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with mpl.rc_context(FONT_RC):  # the fonts the picture was drawn in
        renderer = FigureCanvasAgg(fig).get_renderer()
        return [ax.title.get_window_extent(renderer) for ax in fig.axes if ax.title.get_text()]


@pytest.mark.parametrize(("size", "second"), SIZES)
@pytest.mark.parametrize("name", LONG)
def test_titles_stay_on_the_figure_and_apart(name, size, second):
    fig = plot_figure([actviz.get(name)], derivative=True, second=second, size=parse_size(size))
    sizes = [ax.title.get_fontsize() for ax in fig.axes]
    figure_bytes(fig, "png")
    boxes = _title_boxes(fig)
    for box in boxes:
        assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1, (box, fig.bbox)
    for left, right in zip(boxes, boxes[1:]):
        assert left.x1 <= right.x0, (left, right)
    for ax, size_before in zip(fig.axes, sizes):
        assert ax.title.get_fontsize() >= SMALLEST * size_before - 1e-9


def test_a_title_that_fits_is_untouched():
    fig = plot_figure([actviz.get("relu")], derivative=True, size=parse_size("slide"))
    before = [(portable_math(ax.title.get_text()), ax.title.get_fontsize()) for ax in fig.axes]  # as saved
    figure_bytes(fig, "png")
    assert [(ax.title.get_text(), ax.title.get_fontsize()) for ax in fig.axes] == before


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_a_chain_too_wide_is_broken_before_an_equals_sign(fmt):
    # GELU(x) = x Phi(x) = x/2 (1 + erf(x/sqrt 2)) ran past the left edge beside f' and f'' on a slide
    fig = plot_figure([actviz.get("gelu")], derivative=True, second=True, size=parse_size("slide"))
    figure_bytes(fig, fmt)
    first, second = fig.axes[0].title.get_text().split("\n")
    assert first.startswith(r"$\mathrm{GELU}(x)") and second.startswith("$=")
    assert "\n" not in fig.axes[1].title.get_text()  # GELU'(x) = Phi(x) + x phi(x) fits


def test_breaks_are_outside_brackets_and_prefer_cases():
    body = r"\mathrm{T}(x) = x\ (x \geq 0),\quad \tanh(x + 1)\ (x < 0)"
    breaks = _top_level_breaks(body)
    assert [rank for _, _, rank in breaks] == [1, 0]  # before '=' and between the cases; not the '+' in (x + 1)
    case = next(b for b in breaks if b[2] == 0)
    assert _lines(body, (case,)) == [r"\mathrm{T}(x) = x\ (x \geq 0),", r"\tanh(x + 1)\ (x < 0)"]
    equals = next(b for b in breaks if b[2] == 1)
    assert _lines(body, (equals,)) == [r"\mathrm{T}(x)", r"= x\ (x \geq 0),\quad \tanh(x + 1)\ (x < 0)"]


def test_a_figure_saved_by_matplotlib_itself_fits_its_titles_too(tmp_path):
    """A notebook's fig.savefig (no actviz in between) draws the figure with its titles fitted."""
    from actviz.plotting import api

    fig = api.plot("gelu", derivative=True, second=True, size="slide")
    fig.savefig(tmp_path / "gelu.png")
    assert "\n" in fig.axes[0].title.get_text()
    boxes = _title_boxes(fig)
    assert fig.bbox.x0 <= boxes[0].x0 and boxes[0].x1 <= boxes[1].x0


def test_titles_that_fit_cost_no_layout_pass():
    """Fitting happens inside the layout and adds no pass where every title fits: one more pass of
    constrained layout moves the axes by about 1e-6 of the figure, enough to change a few dozen
    anti-aliased pixels between a notebook's fig.savefig and the command line's picture."""
    size = parse_size("1200x675", 90.0)
    ours, plain = (plot_figure([actviz.get("gelu")], derivative=True, size=size) for _ in range(2))
    plain.set_layout_engine("constrained")  # matplotlib's own engine, the same settings
    for fig in (ours, plain):
        fig.savefig(io.BytesIO(), format="png")
    assert [ax.get_position().bounds for ax in ours.axes] == [ax.get_position().bounds for ax in plain.axes]

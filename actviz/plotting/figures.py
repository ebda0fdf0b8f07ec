"""Figure builders: compose the axes-level functions into whole pictures.

Each builder returns a :class:`matplotlib.figure.Figure` and writes nothing;
:func:`actviz.plotting.export.save_figure` does that.
"""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..analysis.pointwise import PICTURES_NEED_POINTWISE, require_pointwise
from ..analysis.sampling import check_interval
from .curves import draw_curve, draw_origin_axes, label_axes
from .style import FigureSize, clipped_artists_out_of_layout, colors, current_theme, new_figure, themed

DEFAULT_RANGE = (-5.0, 5.0)




def formula_title(act, order: int) -> str:  # noqa: ANN001
    """The mathtext title of a panel: the catalogue's formula of f or f'
    (fractions in display size, to be readable on a slide)."""
    if order == 2:
        return "second derivative $f''(x)$"
    latex = act.latex if order == 0 else act.latex_derivative
    return "$" + latex.replace(r"\frac", r"\dfrac") + "$"


def _draw_panel(ax: Axes, acts: Sequence, palette: Sequence[str], order: int, lo: float, hi: float,
                ylim: tuple[float, float] | None) -> None:
    for act, color in zip(acts, palette):
        draw_curve(act, order, lo=lo, hi=hi, ax=ax, color=color, label=act.label)
    if ylim is not None:
        ax.set_ylim(*check_interval(*ylim, argument="ylim"))
    draw_origin_axes(ax)


def figure_legend(fig: Figure, ax: Axes) -> None:
    """The legend of ``ax``'s curves below the panels, in balanced rows of as
    many columns as fit across the figure (the panels keep the full width)."""
    handles, labels = ax.get_legend_handles_labels()
    widest = max(len(label) for label in labels)
    fits = max(1, min(6, 110 // (widest + 8)))  # columns that fit across a 16:9 figure
    rows = -(-len(labels) // fits)
    fig.legend(handles, labels, loc="outside lower center", ncols=-(-len(labels) // rows),
               fontsize="small" if len(labels) > 6 else None)


def plot_figure(
    acts: Sequence,
    *,
    derivative: bool = False,
    second: bool = False,
    lo: float = DEFAULT_RANGE[0],
    hi: float = DEFAULT_RANGE[1],
    ylim: tuple[float, float] | None = None,
    size: FigureSize | None = None,
    theme: str | None = None,
) -> Figure:
    """f of each activation, and f' and f'' on request, each in its own panel
    side by side on a shared x-axis. One activation: its formulas are the panel
    titles and its label the figure title; several: a legend with their labels
    below the panels.
    ``ylim`` bounds the f panel only; ``size`` None is matplotlib's default size and
    ``theme`` None the active theme (see :func:`~actviz.plotting.style.theme`)."""
    require_pointwise(acts, PICTURES_NEED_POINTWISE)
    lo, hi = check_interval(lo, hi)
    orders = [0] + [1] * derivative + [2] * second
    fig = new_figure(size, theme)
    with themed(size, theme):
        palette = colors(current_theme(), len(acts))
        axes = fig.subplots(1, len(orders), sharex=True, squeeze=False)[0]
        for ax, order in zip(axes, orders):
            _draw_panel(ax, acts, palette, order, lo, hi, ylim if order == 0 else None)
            label_axes(ax, order)
            if len(acts) == 1:
                ax.set_title(formula_title(acts[0], order))
        if len(acts) == 1:
            fig.suptitle(acts[0].label, fontweight="bold")
        else:
            figure_legend(fig, axes[0])
    return clipped_artists_out_of_layout(fig)


def compare_figure(
    acts: Sequence,
    *,
    lo: float = DEFAULT_RANGE[0],
    hi: float = DEFAULT_RANGE[1],
    ylim: tuple[float, float] | None = None,
    size: FigureSize | None = None,
    theme: str | None = None,
    title: str | None = None,
) -> Figure:
    """The functions overlaid on top, their first derivatives below on the
    same x-axis, one colour per activation in both panels, and a legend naming
    each with its parameters (``leaky_relu (negative_slope=0.2)``)."""
    require_pointwise(acts, PICTURES_NEED_POINTWISE)
    lo, hi = check_interval(lo, hi)
    fig = new_figure(size, theme)
    with themed(size, theme):
        palette = colors(current_theme(), len(acts))
        top, bottom = fig.subplots(2, 1, sharex=True)
        _draw_panel(top, acts, palette, 0, lo, hi, ylim)
        _draw_panel(bottom, acts, palette, 1, lo, hi, None)
        label_axes(top, 0, xlabel=False)
        label_axes(bottom, 1)
        figure_legend(fig, top)
        if title:
            fig.suptitle(title, fontweight="bold")
    return clipped_artists_out_of_layout(fig)

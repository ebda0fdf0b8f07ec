"""Figure builders: compose the axes-level functions into whole pictures.

Each builder returns a :class:`matplotlib.figure.Figure` and writes nothing;
:func:`actviz.plotting.export.save_figure` does that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..analysis.pointwise import PICTURES_NEED_POINTWISE, require_pointwise
from ..analysis.sampling import check_interval
from ..formats.numbers import format_number
from .curves import current_linewidth, draw_curve, draw_origin_axes, label_axes
from .linestyles import CurveStyle, curve_styles
from .style import FigureSize, clipped_artists_out_of_layout, current_theme, new_figure, themed

DEFAULT_RANGE = (-5.0, 5.0)




def formula_title(act, order: int) -> str:  # noqa: ANN001
    """The mathtext title of a panel: the catalogue's formula of f or f'
    (fractions in display size, to be readable on a slide)."""
    if order == 2:
        return "second derivative $f''(x)$"
    latex = act.latex if order == 0 else act.latex_derivative
    return "$" + latex.replace(r"\frac", r"\dfrac") + "$"


def display_name(act) -> str:  # noqa: ANN001
    r"""How a picture names an activation: its label (``elu (alpha=0.5)``), or for
    a formula the formula as math (``$x \cdot \tanh(\mathrm{softplus}(x))$``, not the
    ASCII typed)."""
    if getattr(act, "family", None) == "formula":
        return "$" + re.sub(r"^\s*f\(x\)\s*=\s*", "", act.latex) + "$"
    return act.label


def figure_title(acts: Sequence, most: int = 70) -> str:
    """A title naming the activations drawn: ``relu, elu (alpha=1), selu``, or the
    first few and how many there are when the list is longer than ``most`` characters."""
    names = [display_name(act) for act in acts]
    shown = []
    for name in names:
        if len(", ".join([*shown, name])) > most and shown:
            return ", ".join(shown) + f", … ({len(names)} activations)"
        shown.append(name)
    return ", ".join(shown)


def curve_labels(acts: Sequence, lo: float, hi: float, orders: Sequence[int]) -> list[str]:
    """The legend's names (:func:`display_name`), and for an activation that
    coincides with an earlier one on ``[lo, hi]`` in every order drawn (see
    :func:`~actviz.analysis.differences.coinciding`) ``"<name> = <earlier> (identical)"``."""
    from ..analysis.differences import coinciding

    same = coinciding(acts, lo, hi, orders) if len(acts) > 1 else [None] * len(acts)
    return [display_name(act) if j is None else f"{display_name(act)} = {display_name(acts[j])} (identical)"
            for act, j in zip(acts, same)]


DOMINANCE = 10.0  # a curve spreading this many times more than the typical one is left partly out of view


def shared_view(curves: Sequence[np.ndarray]) -> tuple[tuple[float, float] | None, list[int]]:
    """The y-range that shows every curve's shape when one dwarfs the others
    (``compare exponential relu tanh``: e^5 = 148 would flatten the rest), and
    the indices of the curves that leave it; ``(None, [])`` when every curve fits.

    A curve's spread is the larger of its range and its largest magnitude (a
    constant 1 spreads 1); a curve spreading more than ``DOMINANCE`` times the
    lower median spread of the others (zeros left out) is left to leave the
    view, which is the span of the rest padded by a tenth. One curve alone is
    always shown whole."""
    spans = []
    for values in curves:
        finite = values[np.isfinite(values)]
        spans.append((float(finite.min()), float(finite.max())) if finite.size else None)
    spreads = np.array([max(span[1] - span[0], abs(span[0]), abs(span[1])) if span else 0.0 for span in spans])
    positive = np.sort(spreads[spreads > 0])
    if len(curves) < 2 or positive.size < 2:
        return None, []
    typical = positive[(positive.size - 1) // 2]
    far = [i for i, spread in enumerate(spreads) if spread > DOMINANCE * typical]
    kept = [span for i, span in enumerate(spans) if span and i not in far]
    if not far or not kept:
        return None, []
    low, high = min(a for a, _ in kept), max(b for _, b in kept)
    pad = 0.1 * (high - low) or 0.1 * max(abs(low), abs(high), 1.0)
    return (low - pad, high + pad), far


def _note_off_view(ax: Axes, x: np.ndarray, y: np.ndarray, label: str, color: str) -> None:
    """An arrow and the curve's name where it first leaves the view, and its extreme."""
    bottom, top = ax.get_ylim()
    outside = np.flatnonzero(np.isfinite(y) & ((y > top) | (y < bottom)))
    if not outside.size:
        return
    up = y[outside[0]] > top
    extreme = float(np.nanmax(y) if up else np.nanmin(y))
    where = float(x[outside[0]])
    # the note reads towards the inside of the panel (a curve leaving at the left edge must not
    # push its note out of the axes), and notes stack instead of printing over each other
    left, right = ax.get_xlim()
    inwards = 1 if where < 0.5 * (left + right) else -1
    stacked = 12 * sum(1 for text in ax.texts if text.get_gid() == "off-view")
    ax.annotate(f"{'↑' if up else '↓'} {label}: to {format_number(extreme, 3)}", (where, top if up else bottom),
                xytext=(4 * inwards, -(4 + stacked) if up else 4 + stacked), textcoords="offset points",
                ha="left" if inwards > 0 else "right", va="top" if up else "bottom",
                color=color, fontsize="small", gid="off-view")


def _draw_panel(ax: Axes, acts: Sequence, styles: Sequence[CurveStyle], labels: Sequence[str], order: int,
                lo: float, hi: float, ylim: tuple[float, float] | None, argument: str = "ylim") -> None:
    """Draw the curves of ``order``; the y-range is ``ylim`` if given, else the
    :func:`shared_view` of the curves, with a note for each that leaves it."""
    drawn = []
    for act, style, label in zip(acts, styles, labels):
        before = len(ax.lines)
        draw_curve(act, order, lo=lo, hi=hi, ax=ax, style=style, label=label)
        lines = [line for line in ax.lines[before:] if line.get_gid() == "curve"]
        drawn.append((np.concatenate([np.asarray(line.get_xdata(), float) for line in lines]),
                      np.concatenate([np.asarray(line.get_ydata(), float) for line in lines])))
    if ylim is not None:
        ax.set_ylim(*check_interval(*ylim, argument=argument))
    else:
        view, far = shared_view([y for _, y in drawn])
        if view is not None:
            ax.set_ylim(*view)
            for i in far:
                _note_off_view(ax, *drawn[i], acts[i].label, styles[i].color)
    draw_origin_axes(ax)


def legend_columns(labels: Sequence[str], budget: float) -> int:
    """The most columns (at most 6) whose widths add up to at most ``budget``
    characters, filled column by column as matplotlib does: each column as wide
    as its longest label plus the line sample and the gap (5 characters)."""
    for ncols in range(min(6, len(labels)), 1, -1):
        rows = -(-len(labels) // ncols)
        widths = [max(len(label) for label in labels[c * rows:(c + 1) * rows]) + 5
                  for c in range(ncols) if labels[c * rows:(c + 1) * rows]]
        if sum(widths) <= budget:
            return len(widths)  # rows of ``rows`` may leave trailing columns empty
    return 1


def figure_legend(fig: Figure, ax: Axes) -> None:
    """The legend of ``ax``'s curves below the panels (see :func:`legend_below`)."""
    legend_below(fig, *ax.get_legend_handles_labels())


def legend_below(fig: Figure, handles: Sequence, labels: Sequence[str]) -> None:
    """A legend of ``handles`` below the panels, in as many columns as fit
    across the figure (the panels keep the full width), in a smaller font from
    7 entries on so that it stays under a quarter of the figure's height."""
    import matplotlib as mpl
    from matplotlib.font_manager import FontProperties

    fontsize = FontProperties(size=mpl.rcParams["legend.fontsize"]).get_size_in_points() * (0.85 if len(labels) > 6 else 1.0)
    budget = fig.get_figwidth() * 72 / (0.6 * fontsize)  # characters across, at ~0.6 em per character
    fig.legend(handles, labels, loc="outside lower center", ncols=legend_columns(labels, budget), fontsize=fontsize)


def plot_figure(
    acts: Sequence,
    *,
    derivative: bool = False,
    second: bool = False,
    lo: float = DEFAULT_RANGE[0],
    hi: float = DEFAULT_RANGE[1],
    ylim: tuple[float, float] | None = None,
    dylim: tuple[float, float] | None = None,
    size: FigureSize | None = None,
    theme: str | None = None,
) -> Figure:
    """f of each activation, and f' (``derivative``) and f'' (``second``, which brings f' along), each in its own panel
    side by side on a shared x-axis. One activation: its formulas are the panel
    titles and its label the figure title; several: a legend with their labels
    below the panels.
    ``ylim`` bounds the f panel and ``dylim`` the f' panel (default: every
    curve's range, or :func:`shared_view` when one dwarfs the others); ``size`` None is matplotlib's default size and
    ``theme`` None the active theme (see :func:`~actviz.plotting.style.theme`)."""
    require_pointwise(acts, PICTURES_NEED_POINTWISE)
    lo, hi = check_interval(lo, hi)
    orders = [0] + [1] * (derivative or second) + [2] * second
    labels = curve_labels(acts, lo, hi, orders)
    fig = new_figure(size, theme)
    with themed(size, theme):
        styles = curve_styles(current_theme(), len(acts))
        axes = fig.subplots(1, len(orders), sharex=True, squeeze=False)[0]
        for ax, order in zip(axes, orders):
            limits = {0: (ylim, "ylim"), 1: (dylim, "dylim")}.get(order, (None, "ylim"))
            _draw_panel(ax, acts, styles, labels, order, lo, hi, *limits)
            label_axes(ax, order)
            if len(acts) == 1:
                ax.set_title(formula_title(acts[0], order))
        if len(acts) == 1:
            fig.suptitle(display_name(acts[0]), fontweight="bold")
        else:
            figure_legend(fig, axes[0])
            fig.suptitle(figure_title(acts), fontweight="bold")
    return clipped_artists_out_of_layout(fig)


def compare_figure(
    acts: Sequence,
    *,
    lo: float = DEFAULT_RANGE[0],
    hi: float = DEFAULT_RANGE[1],
    ylim: tuple[float, float] | None = None,
    dylim: tuple[float, float] | None = None,
    size: FigureSize | None = None,
    theme: str | None = None,
    title: str | None = None,
) -> Figure:
    """The functions overlaid on top, their first derivatives below on the
    same x-axis, one style per activation in both panels (see
    :func:`~actviz.plotting.linestyles.curve_styles`), and a legend naming
    each with its parameters (``leaky_relu (negative_slope=0.2)``) and saying
    which coincide. ``ylim`` and ``dylim`` bound the two panels (default: see
    :func:`shared_view`)."""
    require_pointwise(acts, PICTURES_NEED_POINTWISE)
    lo, hi = check_interval(lo, hi)
    labels = curve_labels(acts, lo, hi, (0, 1))
    fig = new_figure(size, theme)
    with themed(size, theme):
        styles = curve_styles(current_theme(), len(acts))
        top, bottom = fig.subplots(2, 1, sharex=True)
        _draw_panel(top, acts, styles, labels, 0, lo, hi, ylim)
        _draw_panel(bottom, acts, styles, labels, 1, lo, hi, dylim, "dylim")
        label_axes(top, 0, xlabel=False)
        label_axes(bottom, 1)
        figure_legend(fig, top)
        fig.suptitle(title or figure_title(acts), fontweight="bold")
    return clipped_artists_out_of_layout(fig)


_ERROR_EXPRESSIONS = {"abs": "{a} - {b}", "rel": "({a} - {b})/|{b}|", "ulp": "{a} - {b}"}


def error_expression(order: int, kind: str) -> tuple[str, str]:
    """The mathtext of the plotted error (``f'_A - f'_B``, ``(f_A - f_B)/|f_B|``)
    without its ``$``, and its unit (`` in ulps`` or nothing)."""
    g = "f" + "'" * order
    return _ERROR_EXPRESSIONS[kind].format(a=g + "_A", b=g + "_B"), " in ulps" if kind == "ulp" else ""


def difference_figure(
    first,  # noqa: ANN001  (an Activation)
    second,  # noqa: ANN001
    *,
    kind: str = "abs",
    lo: float = DEFAULT_RANGE[0],
    hi: float = DEFAULT_RANGE[1],
    size: FigureSize | None = None,
    theme: str | None = None,
) -> tuple[Figure, list]:
    """How ``first`` (A) differs from ``second`` (B): f_A − f_B on top and
    f′_A − f′_B below (relative or in ulps with ``kind``), each panel noting its
    largest magnitude and where. Returns the figure and the two
    :class:`~actviz.analysis.differences.CurveDifference`."""
    from ..analysis.differences import curve_difference

    require_pointwise([first, second], PICTURES_NEED_POINTWISE)
    lo, hi = check_interval(lo, hi)
    differences = [curve_difference(first, second, order, lo, hi, kind) for order in (0, 1)]
    fig = new_figure(size, theme)
    with themed(size, theme):
        style = curve_styles(current_theme(), 1)[0]
        axes = fig.subplots(2, 1, sharex=True)
        for ax, difference in zip(axes, differences):
            look = style.line_kwargs(current_linewidth())
            for start, stop in difference.pieces:
                ax.plot(difference.x[start:stop], difference.error[start:stop], gid="curve", **look)
            expression, unit = error_expression(difference.order, kind)
            largest, where = difference.largest
            ax.set_title(f"max $|{expression}|$ = {format_number(largest, 3)}{unit} at x = {format_number(where, 3)}",
                         loc="right", fontsize="small")
            ax.ticklabel_format(axis="y", style="sci", scilimits=(-2, 3), useMathText=True)
            ax.set_xlim(lo, hi)
            ax.set_ylabel(f"${expression}${unit}")
            draw_origin_axes(ax)
        axes[1].set_xlabel("$x$")
        fig.suptitle(f"{display_name(first)}  (A)  −  {display_name(second)}  (B)", fontweight="bold")
    return clipped_artists_out_of_layout(fig), differences

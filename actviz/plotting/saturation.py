r"""Pictures of saturation: :math:`|f'|` on a log axis with the saturated band and
the dead zones, and the share of :math:`z \sim N(0, \sigma^2)` saturated or dead
against σ. The sets and shares are computed by :mod:`actviz.analysis.saturation`;
this module only draws them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..analysis.bisection import Interval
from ..analysis.pointwise import PICTURES_NEED_POINTWISE, require_pointwise
from ..analysis.sampling import INTERVAL_LIMIT, check_interval, sample_curve
from ..analysis.saturation import (DEFAULT_RANGE, DEFAULT_THRESHOLD, SIGMA_POINTS, SIGMA_RANGE, WIDE_RANGE,
                                   SaturationSets, check_sigma)
from .curves import resolve_axes
from .figures import figure_legend
from .style import FigureSize, accent, clipped_artists_out_of_layout, colors, current_theme, new_figure, palette, themed


def draw_log_derivative(
    act,  # noqa: ANN001
    *,
    lo: float = WIDE_RANGE[0],
    hi: float = WIDE_RANGE[1],
    ax: Axes | None = None,
    color: str | None = None,
    label: str | None = None,
) -> Axes:
    """|f'(x)| on a log y-axis over ``[lo, hi]``: every positive value is drawn
    (down to the subnormals), zeros are left out (a log axis has no 0; the dead
    zone is marked by :func:`draw_dead_zones`)."""
    ax = resolve_axes(ax)
    color = color or palette(current_theme())[0]
    ax.set_yscale("log")
    curve = sample_curve(act, 1, lo, hi)
    for i, (x, y) in enumerate(curve.segments):
        magnitude = np.abs(y)
        # above 1e100 |f'| is off any readable scale and overflows matplotlib's log-axis arithmetic: a gap
        shown = (magnitude > 0) & (magnitude <= INTERVAL_LIMIT)
        ax.plot(x, np.where(shown, magnitude, np.nan), color=color, label=label if i == 0 else None,
                zorder=3, gid="curve")
    ax.set_xlim(lo, hi)
    return ax


def draw_dead_zones(dead: Sequence[Interval], *, ax: Axes | None = None, row: int = 0, color: str | None = None) -> Axes:
    """Mark where f' = 0 as a bar along the bottom of ``ax`` (``row`` stacks
    the bars of several functions), within the current x-limits."""
    from matplotlib.transforms import blended_transform_factory

    ax = resolve_axes(ax)
    color = color or palette(current_theme())[0]
    lo, hi = ax.get_xlim()
    height = 0.03 + 0.035 * row
    transform = blended_transform_factory(ax.transData, ax.transAxes)
    for a, b in dead:
        a, b = max(a, lo), min(b, hi)
        if a < b:
            ax.plot([a, b], [height, height], color=color, linewidth=3.0 * mpl.rcParams["lines.linewidth"],
                    solid_capstyle="butt", transform=transform, zorder=4, gid="dead")
            ax.text(a + 0.01 * (hi - lo), height + 0.012, "$f'=0$", color=color, transform=transform,
                    fontsize="small", va="bottom", zorder=4)
    return ax


def draw_fractions(
    sets: SaturationSets,
    *,
    sigmas: np.ndarray | None = None,
    ax: Axes | None = None,
    color: str | None = None,
    label: str | None = None,
) -> Axes:
    """The fraction of z ~ N(0, σ²) in the saturated set (solid) and in the
    dead zone (dashed, drawn where it is not zero) against σ on a log axis."""
    ax = resolve_axes(ax)
    color = color or palette(current_theme())[0]
    sigmas = np.geomspace(*SIGMA_RANGE, SIGMA_POINTS) if sigmas is None else np.asarray(sigmas, dtype=np.float64)
    ax.set_xscale("log")
    saturated, dead = sets.shares(sigmas)
    ax.plot(sigmas, saturated, color=color, label=label, zorder=3, gid="saturated")
    if np.any(dead > 0):  # hollow rings along it: seen even where it lies on the saturated share (relu)
        ax.plot(sigmas, dead, color=color, linestyle=(0, (4, 2.5)), zorder=3.5, gid="dead", marker="o",
                markevery=0.08, markerfacecolor=ax.get_facecolor(), markersize=0.7 * mpl.rcParams["lines.markersize"])
    ax.set_xlim(sigmas[0], sigmas[-1])
    ax.set_ylim(-0.02, 1.02)
    return ax


def log_limits(ax: Axes, threshold: float, full: bool = False) -> None:
    """|f'| from 100 times below the threshold (or, ``full``, from its smallest
    positive value) up to the largest, in whole decades."""
    positive = np.concatenate([np.asarray(line.get_ydata(), float) for line in ax.lines if line.get_gid() == "curve"])
    positive = positive[positive > 0]
    floor = min(float(positive.min()) if positive.size else threshold, threshold / 100) if full else threshold / 100
    ceiling = max(float(positive.max()) if positive.size else 1.0, threshold)
    ax.set_ylim(10.0 ** math.floor(math.log10(floor)), 10.0 ** math.ceil(math.log10(ceiling) + 0.5))


def _shade_saturated(ax: Axes, threshold: float, shade: str) -> None:
    """The band |f'| < threshold shaded, its edge dotted; the title says what it is
    (a label inside the panel would cover a curve)."""
    ax.axhspan(ax.get_ylim()[0], threshold, color=shade, alpha=0.2, linewidth=0, zorder=1, gid="saturated")
    ax.axhline(threshold, color=shade, linestyle=":", zorder=1.5)


def _explain_fractions(ax: Axes, ink: str, sigma: float | None) -> None:
    """Title, σ ticks, a legend of the line styles and the marked σ."""
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FixedLocator, NullLocator

    handles = [Line2D([], [], color=ink, label="saturated"),
               Line2D([], [], color=ink, linestyle=(0, (4, 2.5)), marker="o", markerfacecolor=ax.get_facecolor(),
                      markersize=0.7 * mpl.rcParams["lines.markersize"], label="dead ($f'=0$)")]
    if sigma is not None:
        handles.append(ax.axvline(sigma, color=ink, linestyle=":", zorder=1, gid="sigma", label=f"$\\sigma = {sigma:g}$"))
    ax.legend(handles=handles, loc="upper left", fontsize="small")
    ax.set_title(r"share of inputs $z \sim N(0, \sigma^2)$")
    ax.set_xlabel(r"$\sigma$")
    ax.xaxis.set_major_locator(FixedLocator([0.1, 0.3, 1, 3, 10]))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_major_formatter("{x:g}")
    ax.yaxis.set_major_formatter("{x:.0%}")


def saturation_figure(
    acts: Sequence,
    sets: Sequence[SaturationSets],
    *,
    sigma: float | None = None,
    lo: float = DEFAULT_RANGE[0],
    hi: float = DEFAULT_RANGE[1],
    full: bool = False,
    size: FigureSize | None = None,
    theme: str | None = None,
    title: str | None = None,
) -> Figure:
    """Left: |f'| on a log axis with the saturated band |f'| < threshold shaded
    and the dead zones marked. Right: the fraction of z ~ N(0, σ²) that is
    saturated (solid) or dead (dashed) as σ runs from 0.1 to 10, with ``sigma``
    marked. |f'| is shown down to 100 times below the threshold, or with
    ``full`` down to its smallest value. ``sets`` are the activations' :class:`SaturationSets` (one threshold),
    computed once by the caller; ``theme`` None is the active theme."""
    require_pointwise(acts, PICTURES_NEED_POINTWISE)
    lo, hi = check_interval(lo, hi)
    if sigma is not None:
        sigma = check_sigma(sigma)
    threshold = sets[0].threshold if sets else DEFAULT_THRESHOLD
    fig = new_figure(size, theme)
    with themed(size, theme):
        name = current_theme()
        line_colors = colors(name, len(acts))
        left, right = fig.subplots(1, 2, width_ratios=(3, 2))
        for act, act_sets, color in zip(acts, sets, line_colors):
            draw_log_derivative(act, lo=lo, hi=hi, ax=left, color=color, label=act.label)
            draw_fractions(act_sets, ax=right, color=color)
        log_limits(left, threshold, full)
        _shade_saturated(left, threshold, accent(name, "shade"))
        for row, (act_sets, color) in enumerate(zip(sets, line_colors)):
            draw_dead_zones(act_sets.dead, ax=left, row=row, color=color)
        left.set_xlabel("$x$")
        left.set_title(f"$|f'(x)|$ on a log scale, shaded: saturated ($|f'| < {threshold:g}$)")
        _explain_fractions(right, accent(name, "origin"), sigma)
        figure_legend(fig, left)
        if title:
            fig.suptitle(title, fontweight="bold")
    return clipped_artists_out_of_layout(fig)

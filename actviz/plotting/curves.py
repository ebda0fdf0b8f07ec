"""Axes-level drawing: each function takes ``ax=None``, draws, returns the axes.

Curves are drawn honestly (see :mod:`actviz.analysis.sampling`): a jump is
separate line segments with a closed dot at the value taken and open dots at
the limits not taken; kinks are grid points, so corners stay sharp; finite
horizontal asymptotes are dashed lines in the curve's colour.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes

from ..analysis.sampling import DEFAULT_POINTS, INTERVAL_LIMIT, dirac_masses, sample_curve
from .linestyles import CurveStyle
from .style import accent, current_theme, palette

CURVE_NAMES = ("f(x)", "f'(x)", "f''(x)")


def resolve_axes(ax: Axes | None) -> Axes:
    """``ax``, or when it is None (the ``ax=None`` convention, seaborn's) pyplot's
    current axes ``plt.gca()``, so that a notebook shows what was drawn."""
    if ax is not None:
        return ax
    from matplotlib import pyplot

    return pyplot.gca()


def draw_curve(
    act,  # noqa: ANN001  (an Activation)
    order: int = 0,
    *,
    lo: float = -5.0,
    hi: float = 5.0,
    ax: Axes | None = None,
    color: str | None = None,
    label: str | None = None,
    asymptotes: bool = True,
    points: int = DEFAULT_POINTS,
    style: CurveStyle | None = None,
) -> Axes:
    """Draw f (``order=0``), f' (1) or f'' (2) of ``act`` over ``[lo, hi]``.

    Each continuous piece is one ``Line2D`` (only the first carries ``label``);
    jumps get a closed dot at the value taken and open dots at the other
    one-sided limits; asymptotes ``y = lim_{x->±inf} g(x)`` are dashed.
    ``style`` (see :func:`~actviz.plotting.linestyles.curve_styles`) sets the
    colour, dash pattern, marker and width; else a solid line of ``color``.
    """
    ax = resolve_axes(ax)
    color = style.color if style else color or palette(current_theme())[0]
    width = current_linewidth()
    look = style.line_kwargs(width) if style else {"color": color, "zorder": 3}
    curve = sample_curve(act, order, lo, hi, points)
    for i, (x, y) in enumerate(curve.segments):
        # beyond |y| = 1e100 a value is off any readable scale, and matplotlib's autoscaling
        # and tick arithmetic overflow near 1e308: such points are left out (a gap), like inf
        y = np.where(np.abs(y) <= INTERVAL_LIMIT, y, np.nan)
        ax.plot(x, y, label=label if i == 0 else None, solid_capstyle="butt", dash_capstyle="butt", gid="curve", **look)
    face = ax.get_facecolor()
    for jump in curve.jumps:
        opens = jump.open_values()
        if opens:
            ax.plot([jump.x] * len(opens), opens, linestyle="none", marker="o", markerfacecolor=face,
                    markeredgecolor=color, markeredgewidth=0.8 * width, zorder=4, gid="open")
        ax.plot([jump.x], [jump.value], linestyle="none", marker="o", color=color, zorder=5, gid="closed")
    if asymptotes:
        for asymptote in (a for a in curve.asymptotes if abs(a.value) <= INTERVAL_LIMIT):
            ax.axhline(asymptote.value, color=color, linestyle=(0, (5, 4)), linewidth=0.55 * width,
                       alpha=0.75, zorder=2, gid="asymptote")
    for mass in dirac_masses(act, order, lo, hi):
        draw_dirac(ax, mass.x, mass.weight, color)
    ax.set_xlim(lo, hi)
    return ax


def draw_dirac(ax: Axes, x: float, weight: float, color: str) -> None:
    r"""A Dirac mass :math:`w\,\delta(t - x)` as an arrow from 0 to ``weight`` at ``x``
    (the usual picture: the height is the weight), labelled ``w δ``; the axes'
    limits take in the arrow."""
    from matplotlib.patches import FancyArrowPatch

    width = current_linewidth()
    arrow = FancyArrowPatch((x, 0.0), (x, weight), arrowstyle="-|>", mutation_scale=6 * width, color=color,
                            linewidth=width, zorder=4.5, gid="dirac", shrinkA=0, shrinkB=0)
    ax.add_patch(arrow)
    text = "δ" if weight == 1 else f"{weight:.4g} δ".replace("-", "−")
    ax.annotate(text, (x, weight), xytext=(4, -2), textcoords="offset points", ha="left", va="top",
                color=color, fontsize="small", gid="dirac-label")
    ax.update_datalim([(x, 0.0), (x, weight * 1.1)])
    ax.autoscale_view()


def current_linewidth() -> float:
    """The line width in effect (the size's, inside :func:`~actviz.plotting.style.themed`)."""
    import matplotlib as mpl

    return float(mpl.rcParams["lines.linewidth"])


def draw_origin_axes(ax: Axes | None = None) -> Axes:
    """Draw the x- and y-axes through the origin, where it is in view, over a
    light grid; the tick labels stay at the frame so curves never hide them.
    Call it after the curves, once the limits are known."""
    ax = resolve_axes(ax)
    color = accent(current_theme(), "origin")
    width = ax.spines["left"].get_linewidth()
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    if y0 <= 0.0 <= y1:
        ax.axhline(0.0, color=color, linewidth=width, zorder=1.5, gid="origin")
    if x0 <= 0.0 <= x1:
        ax.axvline(0.0, color=color, linewidth=width, zorder=1.5, gid="origin")
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.grid(True)
    return ax


def label_axes(ax: Axes, order: int, xlabel: bool = True) -> Axes:
    """Name the axes ``x`` and ``f(x)``, ``f'(x)`` or ``f''(x)``."""
    ax.set_ylabel(f"${CURVE_NAMES[order]}$")
    if xlabel:
        ax.set_xlabel("$x$")
    return ax

r"""Saturation: where |f'| is tiny, and how much of a Gaussian input lands there.

The saturated set :math:`S_t = \{x : |f'(x)| < t\}` and the dead zone
:math:`D = \{x : f'(x) = 0\}` are unions of intervals. They are located from
the function itself: the predicate is evaluated on a fine grid (step 5e-4 on
[-60, 60], geometric out to ±1e4, plus every kink), and each change of the
predicate between two grid points is refined by bisection down to adjacent
floats. For a pre-activation :math:`z \sim N(0, \sigma^2)`,

.. math:: P(z \in S_t) = \sum_{(a, b)} \Phi(b/\sigma) - \Phi(a/\sigma),

with :math:`\Phi(u) = \tfrac12 \operatorname{erfc}(-u/\sqrt2)`, written with
tail probabilities on the right so nothing cancels. Intervals narrower than the
grid step are missed (their probability is below about 2e-4 / σ).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..errors import ActvizError
from .curves import resolve_axes
from .figures import figure_legend, require_pointwise
from .sampling import INTERVAL_LIMIT, check_interval, sample_curve
from .style import FigureSize, accent, clipped_artists_out_of_layout, colors, figure_theme, new_figure, palette, themed

DEFAULT_THRESHOLD = 0.01
SIGMA_RANGE = (0.1, 10.0)
WIDE_RANGE = (-40.0, 40.0)

Interval = tuple[float, float]


@dataclass(frozen=True)
class SaturationSets:
    """The saturated set (|f'| < threshold) and the dead zone (f' = 0) as
    sorted disjoint intervals; ``-inf``/``inf`` mark unbounded ends."""

    threshold: float
    saturated: tuple[Interval, ...]
    dead: tuple[Interval, ...]


def check_threshold(threshold: float) -> float:
    """``threshold`` as a float, or :class:`ActvizError` unless it is positive and finite."""
    threshold = float(threshold)
    if not (math.isfinite(threshold) and threshold > 0):
        raise ActvizError(f"invalid {{threshold}} {threshold:g}: expected a positive number such as 0.01", arguments=("threshold",))
    return threshold


def check_sigma(sigma: float) -> float:
    """``sigma`` as a float, or :class:`ActvizError` unless it is positive and finite."""
    sigma = float(sigma)
    if not (math.isfinite(sigma) and sigma > 0):
        raise ActvizError(f"invalid {{sigma}} {sigma:g}: expected a positive standard deviation such as 1", arguments=("sigma",))
    return sigma


def _search_grid(act, reach: float) -> np.ndarray:  # noqa: ANN001
    inner = np.linspace(-min(reach, 60.0), min(reach, 60.0), int(2000 * min(reach, 60.0)) + 1)
    outer = np.geomspace(60.0, reach, 2_000) if reach > 60.0 else np.empty(0)
    kinks = [float(k.x) for k in act.kinks if abs(k.x) <= reach]
    return np.unique(np.concatenate([-outer, inner, outer, kinks]))


def _to_ordinal(x: np.ndarray) -> np.ndarray:
    """Map floats to int64 in the same order, consecutive floats to consecutive integers."""
    bits = x.view(np.int64)
    return np.where(bits < 0, -(bits & np.int64(0x7FFF_FFFF_FFFF_FFFF)), bits)


def _from_ordinal(k: np.ndarray) -> np.ndarray:
    return np.where(k < 0, (-k) | np.int64(-0x8000_0000_0000_0000), k).view(np.float64)


def _refine(predicate: Callable[[np.ndarray], np.ndarray], left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Bisect each bracket ``[left, right]`` of neighbouring grid points whose
    predicate values differ down to two adjacent floats (at most 64 steps, the
    bisection runs on the floats' ordinals); return the first float of the
    right side."""
    at_left = predicate(left)
    lo, hi = _to_ordinal(left.copy()), _to_ordinal(right.copy())
    while np.any(hi - lo > 1):
        mid = lo + (hi - lo) // 2
        same = predicate(_from_ordinal(mid)) == at_left
        lo, hi = np.where(same, mid, lo), np.where(same, hi, mid)
    return _from_ordinal(hi)


def _intervals(predicate: Callable[[np.ndarray], np.ndarray], grid: np.ndarray) -> tuple[Interval, ...]:
    """Where ``predicate`` holds, as intervals; beyond the grid it is assumed to
    keep its value at the grid's ends."""
    inside = predicate(grid)
    change = np.flatnonzero(inside[1:] != inside[:-1])
    edges = _refine(predicate, grid[change], grid[change + 1])
    bounds = [-math.inf] if inside[0] else []
    bounds += [float(e) for e in edges]
    if inside[-1]:
        bounds.append(math.inf)
    return tuple(zip(bounds[::2], bounds[1::2]))


def saturation_sets(act, threshold: float = DEFAULT_THRESHOLD) -> SaturationSets:  # noqa: ANN001
    """Locate :math:`\\{|f'| < t\\}` and :math:`\\{f' = 0\\}` for ``act``.

    The saturated set is searched out to ±1e4 (beyond, a Gaussian with σ <= 10
    has no mass). The dead zone is searched on [-20, 20] only and extended from
    its ends: further out, float underflow fakes zeros where f' is merely tiny
    (sigmoid'(x) underflows to 0 for |x| > 745, gelu'(x) for x < -38.5).
    """
    threshold = check_threshold(threshold)
    saturated = _intervals(lambda x: np.abs(act.derivative(x)) < threshold, _search_grid(act, 1e4))
    dead = _intervals(lambda x: act.derivative(x) == 0.0, _search_grid(act, 20.0))
    return SaturationSets(threshold, saturated, dead)


def _normal_cdf(u: np.ndarray) -> np.ndarray:
    """Phi(u) = erfc(-u/sqrt 2)/2, accurate in the left tail."""
    return 0.5 * np.vectorize(math.erfc, otypes=[float])(-u / math.sqrt(2.0))


def gaussian_fraction(intervals: Sequence[Interval], sigma: np.ndarray | float) -> np.ndarray:
    """:math:`P(z \\in \\bigcup [a, b])` for :math:`z \\sim N(0, \\sigma^2)`, for each sigma."""
    sigma = np.asarray(sigma, dtype=np.float64)
    total = np.zeros_like(sigma)
    for a, b in intervals:
        if a >= 0:  # right tail: Phi(-a/s) - Phi(-b/s), no cancellation
            total += _normal_cdf(-a / sigma) - _normal_cdf(-b / sigma)
        else:
            total += _normal_cdf(b / sigma) - _normal_cdf(a / sigma)
    return total


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
    color = color or palette(figure_theme(ax.figure))[0]
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
    color = color or palette(figure_theme(ax.figure))[0]
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
    color = color or palette(figure_theme(ax.figure))[0]
    sigmas = np.geomspace(*SIGMA_RANGE, 241) if sigmas is None else np.asarray(sigmas, dtype=np.float64)
    ax.set_xscale("log")
    ax.plot(sigmas, gaussian_fraction(sets.saturated, sigmas), color=color, label=label, zorder=3, gid="saturated")
    dead = gaussian_fraction(sets.dead, sigmas)
    if np.any(dead > 0):
        ax.plot(sigmas, dead, color=color, linestyle=(0, (4, 2.5)), zorder=3.5, gid="dead")
    ax.set_xlim(sigmas[0], sigmas[-1])
    ax.set_ylim(-0.02, 1.02)
    return ax


def _log_limits(ax: Axes, threshold: float) -> None:
    positive = np.concatenate([np.asarray(line.get_ydata(), float) for line in ax.lines if line.get_gid() == "curve"])
    positive = positive[positive > 0]  # nan (left out) fails the test too
    floor = min(float(positive.min()) if positive.size else threshold, threshold / 100)
    ceiling = max(float(positive.max()) if positive.size else 1.0, threshold)
    ax.set_ylim(10.0 ** math.floor(math.log10(floor)), 10.0 ** math.ceil(math.log10(ceiling) + 0.5))


def _shade_saturated(ax: Axes, threshold: float, shade: str, ink: str) -> None:
    ax.axhspan(ax.get_ylim()[0], threshold, color=shade, alpha=0.2, linewidth=0, zorder=1, gid="saturated")
    ax.axhline(threshold, color=shade, linestyle=":", zorder=1.5)
    ax.text(0.99, threshold, f"saturated: $|f'| < {threshold:g}$ ", transform=ax.get_yaxis_transform(),
            va="top", ha="right", fontsize="small", color=ink, zorder=5,
            bbox={"facecolor": ax.get_facecolor(), "edgecolor": "none", "alpha": 0.8, "pad": 2})


def _explain_fractions(ax: Axes, ink: str, sigma: float | None) -> None:
    """Title, σ ticks, a legend of the line styles and the marked σ."""
    from matplotlib.lines import Line2D
    from matplotlib.ticker import FixedLocator, NullLocator

    handles = [Line2D([], [], color=ink, label="saturated"),
               Line2D([], [], color=ink, linestyle=(0, (4, 2.5)), label="dead ($f'=0$)")]
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
    *,
    threshold: float = DEFAULT_THRESHOLD,
    sigma: float | None = None,
    lo: float = WIDE_RANGE[0],
    hi: float = WIDE_RANGE[1],
    size: FigureSize,
    theme: str = "light",
    title: str | None = None,
) -> tuple[Figure, dict[str, SaturationSets]]:
    """Left: |f'| on a log axis with the saturated band |f'| < threshold shaded
    and the dead zones marked. Right: the fraction of z ~ N(0, σ²) that is
    saturated (solid) or dead (dashed) as σ runs from 0.1 to 10, with ``sigma``
    marked. Returns the figure and each activation's :class:`SaturationSets`."""
    require_pointwise(acts)
    threshold = check_threshold(threshold)
    lo, hi = check_interval(lo, hi)
    if sigma is not None:
        sigma = check_sigma(sigma)
    sets = {act.label: saturation_sets(act, threshold) for act in acts}
    line_colors = colors(theme, len(acts))
    shade = accent(theme, "shade")
    fig = new_figure(size, theme)
    with themed(size, theme):
        left, right = fig.subplots(1, 2, width_ratios=(3, 2))
        for act, color in zip(acts, line_colors):
            draw_log_derivative(act, lo=lo, hi=hi, ax=left, color=color, label=act.label)
            draw_fractions(sets[act.label], ax=right, color=color)
        _log_limits(left, threshold)
        _shade_saturated(left, threshold, shade, accent(theme, "origin"))
        for row, (act, color) in enumerate(zip(acts, line_colors)):
            draw_dead_zones(sets[act.label].dead, ax=left, row=row, color=color)
        left.set_xlabel("$x$")
        left.set_title("$|f'(x)|$ on a log scale")
        _explain_fractions(right, accent(theme, "origin"), sigma)
        figure_legend(fig, left)
        if title:
            fig.suptitle(title, fontweight="bold")
    return clipped_artists_out_of_layout(fig), sets

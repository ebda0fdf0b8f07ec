r"""Pictures of the Jacobian's spectrum through depth and of the correlation map.

:func:`spectrum_axes` draws, per activation, the median of :math:`\lambda = s^2` (solid),
its 10-90 % band (shaded), min and max (dotted) on a log axis, with the free-probability
mean dashed; :func:`variance_axes` the variance of :math:`\lambda` measured (with its
standard error) beside the prediction; :func:`density_axes` the whole spectrum at the deepest
depth, histogram against the free-probability density; :func:`cmap_axes` the correlation map C(c) of
several activations with their fixed points c*. Nothing here writes files.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .curves import resolve_axes
from .figures import legend_below
from .style import FigureSize, colors, current_theme, new_figure, themed

_BAND = 0.22  # opacity of the quantile band


def _values(rows: list[dict], key: str) -> np.ndarray:
    """Column ``key`` of JSON rows as floats, nan for None and for values <= 0 (log axes)."""
    values = np.array([np.nan if row[key] is None else row[key] for row in rows], dtype=float)
    return np.where(values > 0, values, np.nan)


def _depth_axis(ax: Axes, ylabel: str, title: str, extra: list[tuple[str, str]]) -> Axes:
    """Log y against integer depths, labelled; the legend has the records' entries and one
    neutral entry per ``(linestyle, label)`` of ``extra``."""
    ax.set_yscale("log")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("depth $L$")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    return _depth_legend(ax, extra)


def _depth_legend(ax: Axes, extra: list[tuple[str, str]]) -> Axes:
    """The legend: the axes' labelled artists and one neutral entry per ``(linestyle, label)``."""
    ax.legend(*_legend_entries(ax, extra), loc="best", fontsize="small")
    return ax


def _legend_entries(ax: Axes, extra: list[tuple[str, str]]) -> tuple[list, list[str]]:
    """The axes' labelled artists and one neutral (text-coloured) line per ``(linestyle, label)``."""
    handles, labels = ax.get_legend_handles_labels()
    ink = mpl.rcParams["text.color"]
    handles += [Line2D([], [], color=ink, linestyle=style) for style, _ in extra]
    labels += [label for _, label in extra]
    return handles, labels


def spectrum_axes(records: Sequence[dict], ax: Axes | None = None) -> Axes:
    r"""Spectrum of :math:`JJ^\top` against depth, log y (see the module docstring); ``records``
    are :func:`~actviz.propagation.records.spectrum_record` objects."""
    ax = resolve_axes(ax)
    for record, color in zip(records, colors(current_theme(), len(records))):
        rows = record["depths"]
        depth = np.array([row["depth"] for row in rows])
        ax.fill_between(depth, _values(rows, "quantile_low"), _values(rows, "quantile_high"), color=color,
                        alpha=_BAND, linewidth=0)
        zeros = rows[-1]["zero_fraction"]
        share = "<1%" if zeros < 0.005 else f"{zeros:.0%}"  # tanh's 0.2% read "0% zero"
        label = f"{record['activation']} ({record['weights']})" + (f", {share} zero at L={rows[-1]['depth']}"
                                                                     if zeros > 0 else "")
        ax.plot(depth, _values(rows, "median"), color=color, marker="o", label=label)
        for key in ("min", "max"):
            ax.plot(depth, _values(rows, key), color=color, linestyle=":", linewidth=1.2)
        ax.plot(depth, _values(rows, "predicted_mean"), color=color, linestyle="--", linewidth=1.6)
    return _depth_axis(ax, r"$\lambda = s^2$ of $J$", "spectrum through depth",
                       [(":", "min / max"), ("--", "free-probability mean")])


def variance_axes(records: Sequence[dict], ax: Axes | None = None) -> Axes:
    r""":math:`\mathrm{Var}\,\lambda` against depth, measured (markers with the standard error of
    the second moment) and predicted (dashed), log y."""
    ax = resolve_axes(ax)
    for record, color in zip(records, colors(current_theme(), len(records))):
        rows = record["depths"]
        depth = np.array([row["depth"] for row in rows])
        variance = _values(rows, "variance")
        error = np.array([row["variance_stderr"] or 0.0 for row in rows], dtype=float)
        below = np.minimum(error, 0.9 * variance)  # a bar reaching 0 would run off a log axis
        ax.errorbar(depth, variance, yerr=[below, error], color=color, marker="o", capsize=3,
                    label=record["activation"])
        ax.plot(depth, _values(rows, "predicted_variance"), color=color, linestyle="--", linewidth=1.6)
    return _depth_axis(ax, r"$\mathrm{Var}\,\lambda$", "spread of the spectrum", [("--", "free probability")])


def density_axes(records: Sequence[dict], ax: Axes | None = None) -> Axes:
    r"""The whole spectrum at the deepest depth as a density of :math:`\log_{10}\lambda`: the
    Monte Carlo histogram (steps) and the free-probability density (dashed) where the record
    has one (every layer at the fixed point :math:`q^*`)."""
    ax = resolve_axes(ax)
    for record, color in zip(records, colors(current_theme(), len(records))):
        density = record.get("density")
        if not density or not density["measured_log10_density"]:
            continue
        edges = np.array(density["measured_log10_lambda_edges"])
        ax.stairs(density["measured_log10_density"], edges, color=color, linewidth=1.4,
                  label=f"{record['activation']} ({record['weights']})")
        if density["predicted_lambda"] is not None:
            values = np.array([np.nan if v is None else v for v in density["predicted_log10_density"]], dtype=float)
            ax.plot(np.log10(density["predicted_lambda"]), values, color=color, linestyle="--", linewidth=1.6)
    depth = next((r["density"]["depth"] for r in records if r.get("density")), None)
    ax.set_xlabel(r"$\log_{10} \lambda$")
    ax.set_ylabel(r"density of $\log_{10} \lambda$")
    title = f"whole spectrum at depth {depth}" if depth is not None else "whole spectrum at the deepest depth"
    ax.set_title(title + " (zeros not shown)")
    return _depth_legend(ax, [("-", "Monte Carlo"), ("--", "free probability")])


def spectrum_figure(records: Sequence[dict], *, size: FigureSize | None = None, theme: str | None = None) -> Figure:
    """The spectrum and its variance through depth, and the whole spectrum at the deepest depth,
    side by side."""
    fig = new_figure(size, theme)
    with themed(size, theme):
        axes = fig.subplot_mosaic([["spectrum", "variance"], ["density", "density"]])
        spectrum_axes(records, axes["spectrum"])
        variance_axes(records, axes["variance"])
        density_axes(records, axes["density"])
        # One legend below all three panels: inside them it covered the bands and the
        # min / max lines (seen at depth 30, tanh and relu).
        for ax in axes.values():
            ax.get_legend().remove()
        legend_below(fig, *_legend_entries(axes["spectrum"], [
            ("-", "Monte Carlo"), (":", "Monte Carlo min / max"), ("--", "free probability")]))
        first = records[0]
        fig.suptitle(f"Jacobian spectrum: width {first['width']}, {first['seeds']} seed"
                     f"{'s' if first['seeds'] > 1 else ''}, band {first['quantiles'][0]:.0%}-{first['quantiles'][1]:.0%}",
                     fontweight="bold")
    return fig


def cmap_axes(maps: Sequence, ax: Axes | None = None, labels: Sequence[str] | None = None) -> Axes:
    r"""C(c) of each :class:`~actviz.propagation.kernel.CorrelationMap` over [-1, 1], the
    identity dashed, the fixed points c* as dots (one dot, named, where several coincide);
    the legend gives C'(1) and C(0); ``labels`` replace the activation names."""
    ax = resolve_axes(ax)
    ink = mpl.rcParams["text.color"]
    ax.plot([-1, 1], [-1, 1], color=ink, linestyle="--", linewidth=1.2, label="identity $C(c) = c$")
    names = list(labels) if labels is not None else [m.activation for m in maps]
    stars: dict[tuple[float, float], list[tuple[str, str]]] = {}
    for cmap, name, color in zip(maps, names, colors(current_theme(), len(maps))):
        c0 = f"{cmap.c0:.3g}" if abs(cmap.c0) > 1e-12 else "0"  # below: quadrature rounding of an exact 0
        ax.plot(cmap.c, cmap.value, color=color, label=f"{name}: $C'(1)$={cmap.chi1:.4g}, $C(0)$={c0}")
        star = (cmap.c_star, float(np.interp(cmap.c_star, cmap.c, cmap.value)))
        stars.setdefault((round(star[0], 3), round(star[1], 3)), []).append((name, color))
    for (x, y), members in stars.items():
        color = members[0][1] if len(members) == 1 else ink
        ax.plot([x], [y], marker="o", markersize=10, color=color, markeredgecolor=ink, linestyle="none", zorder=5)
        if len(members) > 1:
            who = "every curve" if len(members) == len(maps) else ", ".join(name for name, _ in members)
            ax.annotate(f"$c^*$ of {who}", (x, y), xytext=(-8, -24),
                        textcoords="offset points", ha="right" if x > 0 else "left", va="top", fontsize="small")
    ax.plot([], [], marker="o", color=ink, linestyle="none", label="fixed point $c^*$")
    ax.set_xlim(-1, 1)
    ax.set_ylim(min(-1.0, ax.get_ylim()[0]), 1.05)
    ax.set_xlabel("input correlation $c$")
    ax.set_ylabel("output correlation $C(c)$")
    ax.legend(loc="upper left", fontsize="small")
    return ax


def cmap_figure(maps: Sequence, *, size: FigureSize | None = None, theme: str | None = None,
                labels: Sequence[str] | None = None) -> Figure:
    """The correlation maps on one axes, titled with the setting."""
    fig = new_figure(size, theme)
    with themed(size, theme):
        cmap_axes(maps, fig.subplots(), labels=labels)
        settings = sorted({(m.sigma_w2, m.sigma_b2) for m in maps})
        where = (f"$\\sigma_w^2$={settings[0][0]:.4g}, $\\sigma_b^2$={settings[0][1]:.4g}" if len(settings) == 1
                 else "each at its own initialisation")
        fig.suptitle(f"Correlation map (dual kernel), {where}", fontweight="bold")
    return fig

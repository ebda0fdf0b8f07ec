"""Pictures of deep stacks: gradient norms and q through depth (measured, with the
mean-field theory dashed beside them), the per-layer distribution of activations
(Glorot & Bengio 2010, Fig. 3 style) and the (sigma_w^2, sigma_b^2) phase diagram.

Axes-level functions take ``ax=None`` and return the axes; the figure builders
compose them. Nothing here writes files.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..propagation.montecarlo import StackRun
from ..propagation.phase import PhaseDiagram
from ..propagation.theory import Profile
from .style import FigureSize, new_figure, parse_size, theme_rc

_LOG10_E = math.log10(math.e)


@contextmanager
def _theme(size: FigureSize, theme: str) -> Iterator[None]:
    """rcParams for everything drawn inside: the theme's colours and the size's fonts."""
    with mpl.rc_context({**theme_rc(theme), "font.size": size.fontsize, "axes.grid": True,
                         "grid.alpha": 0.6, "legend.framealpha": 0.85}):
        yield


def _axes(ax: Axes | None) -> Axes:
    if ax is not None:
        return ax
    fig = new_figure(parse_size("paper"))
    return fig.subplots()


def _palette(n: int) -> list[str]:
    cycle = mpl.rcParams["axes.prop_cycle"].by_key()["color"]
    return [cycle[i % len(cycle)] for i in range(n)]


def run_label(run: StackRun) -> str:
    """``tanh  σ_w²=1.5, σ_b²=0.05``: the legend entry of a run."""
    return f"{run.activation}  $\\sigma_w^2$={run.sigma_w2:.4g}, $\\sigma_b^2$={run.sigma_b2:.4g}"


def _power_of_ten(value: float, _position: int) -> str:
    return f"$10^{{{value:.0f}}}$" if float(value).is_integer() else ""


def _theory_legend(ax: Axes, color: str) -> None:
    handles, labels = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], color=color, linestyle="--"))
    labels.append("mean-field theory")
    ax.legend(handles, labels, loc="best", fontsize="small")


def gradient_axes(runs: Sequence[StackRun], profiles: Sequence[Profile], ax: Axes | None = None) -> Axes:
    r"""Gradient norm :math:`\|g^l\|` against layer l on a log scale (drawn as
    :math:`\log_{10}` so 10 000 layers fit), measured solid, theory dashed."""
    ax = _axes(ax)
    for run, predicted, color in zip(runs, profiles, _palette(len(runs))):
        layers = np.arange(run.top + 1)
        ax.plot(layers, run.log_grad_norm * _LOG10_E, color=color, linewidth=2.2, label=run_label(run))
        ax.plot(layers, predicted.log_grad_norm[: run.top + 1] * _LOG10_E, color=color, linestyle="--", linewidth=1.6)
    _decades(ax)
    ax.set_xlabel("layer $l$ (0 = input)")
    ax.set_ylabel(r"$\|\partial L / \partial h^l\|$  (top = 1)")
    ax.set_title("gradient norm through depth")
    _theory_legend(ax, mpl.rcParams["text.color"])
    return ax


def _log10_positive(values: np.ndarray) -> np.ndarray:
    """log10 of the positive finite entries, nan elsewhere (0 after an underflow, inf after an overflow)."""
    good = (values > 0) & np.isfinite(values)
    return np.log10(values, out=np.full(values.shape, np.nan), where=good)


def _decades(ax: Axes) -> None:
    """Label a log10-valued y axis as a log axis: powers of ten over several decades; within
    two decades, 1-2-5 steps labelled with their values."""
    low, high = ax.get_ylim()
    if high - low >= 2:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
        ax.yaxis.set_major_formatter(FuncFormatter(_power_of_ten))
        return
    nice = [m * 10.0**e for e in range(math.floor(low) - 1, math.ceil(high) + 1) for m in (1, 2, 5)]
    ax.set_yticks([math.log10(v) for v in nice if low <= math.log10(v) <= high], [f"{v:g}" for v in nice
                   if low <= math.log10(v) <= high])


def q_axes(runs: Sequence[StackRun], profiles: Sequence[Profile], ax: Axes | None = None) -> Axes:
    r"""The pre-activation second moment :math:`q^l` per layer on a log scale (drawn as
    :math:`\log_{10}`, like the gradients), measured solid, the length map dashed."""
    ax = _axes(ax)
    for run, predicted, color in zip(runs, profiles, _palette(len(runs))):
        layers = np.arange(run.top + 1)
        ax.plot(layers, _log10_positive(run.q), color=color, linewidth=2.2, label=run.activation)
        ax.plot(layers, _log10_positive(predicted.q[: run.top + 1]), color=color, linestyle="--", linewidth=1.6)
    _decades(ax)
    ax.set_xlabel("layer $l$")
    ax.set_ylabel(r"$q^l = \langle (h^l)^2 \rangle$")
    ax.set_title("signal length through depth")
    return ax


def distribution_axes(run: StackRun, ax: Axes | None = None, color: str | None = None) -> Axes:
    r"""Violins of :math:`\phi(h^l)` at a few layers, with the share of saturated units."""
    ax = _axes(ax)
    layers = sorted(run.samples)
    data = [run.samples[layer] for layer in layers]
    positions = np.arange(len(layers))
    # a violin needs a spread its kernel density estimate can resolve: relative to the
    # largest value on the panel, not a collapse to 1e-200 (its variance underflows)
    scale = max(float(np.max(np.abs(d))) for d in data)
    spread = np.array([np.ptp(d) > 1e-6 * scale for d in data])
    color = color or _palette(1)[0]
    if spread.any():
        parts = ax.violinplot([d for d, wide in zip(data, spread) if wide], positions=positions[spread],
                              widths=0.8, showextrema=False, showmedians=True)
        for body in parts["bodies"]:
            body.set_facecolor(color)
            body.set_alpha(0.55)
        parts["cmedians"].set_color(mpl.rcParams["text.color"])
    for position, values, wide in zip(positions, data, spread):
        if not wide:  # (nearly) every value equal: a violin would be empty, show the value
            ax.plot([position], [np.median(values)], marker="_", markersize=18, markeredgewidth=2, color=color)
    ax.set_xticks(positions, [str(layer) for layer in layers], fontsize="small",
                  rotation=45 if len(str(layers[-1])) > 2 else 0)
    ax.tick_params(axis="y", labelsize="small")
    ax.set_xlabel("layer $l$")
    ax.set_ylabel(r"$\phi(h^l)$")
    ax.set_title(f"{run.activation}: {run.saturated_fraction[layers[-1]]:.0%} saturated at top", fontsize="small")
    return ax


def decay_figure(runs: Sequence[StackRun], profiles: Sequence[Profile], *, size: FigureSize,
                 theme: str = "light", distributions: int = 3) -> Figure:
    """Gradient norms and q through depth side by side, and below them the
    distribution of activations of the first ``distributions`` runs."""
    shown = list(runs[:distributions])
    with _theme(size, theme):
        fig = new_figure(size, theme)
        grid = fig.add_gridspec(2 if shown else 1, max(2, len(shown)) * 2 if shown else 2,
                                height_ratios=[1.3, 1] if shown else None)
        columns = grid.ncols // 2
        gradient_axes(runs, profiles, fig.add_subplot(grid[0, :columns]))
        q_axes(runs, profiles, fig.add_subplot(grid[0, columns:]))
        width = grid.ncols // max(1, len(shown))
        for i, (run, color) in enumerate(zip(shown, _palette(len(runs)))):
            distribution_axes(run, fig.add_subplot(grid[1, i * width:(i + 1) * width]), color=color)
        fig.suptitle(f"Deep stacks: depth {runs[0].depth}, width {runs[0].width}, batch {runs[0].batch}, "
                     f"seed {runs[0].seed}", fontweight="bold")
    return fig


_DEPTH_LEVELS = (1, 2, 5, 10, 20, 50, 100, 200, 500)


def phase_axes(diagram: PhaseDiagram, ax: Axes | None = None, mark: tuple[float, float] | None = None) -> Axes:
    r"""The phase diagram: colour = depth scale :math:`\xi_c` (log), its contours, the edge of
    chaos :math:`\chi_1 = 1` as a thick line, ordered and chaotic regions labelled; white
    where q diverges. ``mark`` puts a cross at one (sigma_w^2, sigma_b^2)."""
    ax = _axes(ax)
    ink = mpl.rcParams["text.color"]
    xi = np.where(np.isfinite(diagram.xi_c), diagram.xi_c, np.nan)
    xi = np.where(np.isposinf(diagram.xi_c), 1e3, xi)
    log_xi = np.log10(np.clip(xi, 0.3, 1e3))
    mesh = ax.pcolormesh(diagram.sigma_w2, diagram.sigma_b2, log_xi, cmap="viridis", vmin=np.log10(0.3),
                         vmax=3.0, shading="gouraud", rasterized=True)
    bar = ax.figure.colorbar(mesh, ax=ax)
    bar.set_label(r"depth scale $\xi_c$ (layers)")
    ticks = [t for t in _DEPTH_LEVELS if t <= 1000]
    bar.set_ticks(np.log10(ticks), labels=[str(t) for t in ticks])
    if np.any(np.isfinite(log_xi)):
        lines = ax.contour(diagram.sigma_w2, diagram.sigma_b2, log_xi, levels=np.log10([2, 5, 10, 20, 50, 100]),
                           colors="white", linewidths=0.9, alpha=0.8)
        ax.clabel(lines, fmt=lambda v: f"{10 ** v:.0f}", fontsize="x-small")
    edge = np.isfinite(diagram.critical_sigma_w2)
    if edge.any():  # none where chi_1 jumps over 1 (gelu, silu: collapse or a stable q*, then divergence)
        ax.plot(diagram.critical_sigma_w2[edge], diagram.critical_sigma_b2[edge],
                color=ink if ink != "#222222" else "black", linewidth=3, label=r"edge of chaos $\chi_1 = 1$")
    diverging = np.isnan(diagram.xi_c)
    if diverging.any() and not diverging.all():
        ax.contour(diagram.sigma_w2, diagram.sigma_b2, diverging.astype(float), levels=[0.5], colors=ink,
                   linewidths=1.5, linestyles="--")
        ax.plot([], [], color=ink, linewidth=1.5, linestyle="--", label="q diverges beyond")
    if mark is not None:
        ax.plot(*mark, marker="x", markersize=12, markeredgewidth=3, color="#d62728", linestyle="none",
                label=f"$\\sigma_w^2$={mark[0]:.3g}, $\\sigma_b^2$={mark[1]:.3g}")
    _label_phases(ax, diagram)
    ax.set_xlim(diagram.sigma_w2[0], diagram.sigma_w2[-1])
    ax.set_ylim(diagram.sigma_b2[0], diagram.sigma_b2[-1])
    ax.set_xlabel(r"$\sigma_w^2$")
    ax.set_ylabel(r"$\sigma_b^2$")
    ax.grid(False)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=2, fontsize="small", frameon=False)
    return ax


def _label_phases(ax: Axes, diagram: PhaseDiagram) -> None:
    """Write 'ordered' and 'chaotic' at the middle of each region, where there is one."""
    w, b = np.meshgrid(diagram.sigma_w2, diagram.sigma_b2)
    diverging = np.isnan(diagram.xi_c)
    for name, region in (("ordered\n$\\chi_1 < 1$", (diagram.chi1 < 1) & ~diverging),
                         ("chaotic\n$\\chi_1 > 1$", (diagram.chi1 > 1) & ~diverging),
                         ("$q \\to \\infty$\n(diverges)", diverging)):
        if region.mean() < 0.05:
            continue
        ax.text(float(np.median(w[region])), float(np.median(b[region])), name, ha="center", va="center",
                color=mpl.rcParams["text.color"] if region is diverging else "white", fontweight="bold",
                fontsize="large")


def phase_figure(diagram: PhaseDiagram, *, size: FigureSize, theme: str = "light",
                 mark: tuple[float, float] | None = None) -> Figure:
    """One phase diagram on a figure, titled with the activation."""
    with _theme(size, theme):
        fig = new_figure(size, theme)
        phase_axes(diagram, fig.subplots(), mark=mark)
        fig.suptitle(f"Phase diagram of {diagram.activation} (mean-field theory, inputs with q = 1)",
                     fontweight="bold")
    return fig

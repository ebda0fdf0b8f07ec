"""Pictures of deep stacks: gradient norms and q through depth (measured, with the
mean-field theory dashed beside them), the per-layer distribution of activations
(Glorot & Bengio 2010, Fig. 3 style) and the (sigma_w^2, sigma_b^2) phase diagram.

Axes-level functions take ``ax=None`` and return the axes; the figure builders
compose them. Nothing here writes files.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patheffects import withStroke
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..propagation.montecarlo import StackRun
from ..propagation.phase import PhaseDiagram
from ..formats.records import log10_positive
from ..propagation.theory import Profile
from .curves import resolve_axes
from .style import FigureSize, colors, current_theme, new_figure, palette, themed

_LOG10_E = math.log10(math.e)
_SQUARABLE = 1e150  # larger values overflow when squared
_COLLAPSE = 100.0  # rms ratio between the layers of a violin panel beyond which each layer is drawn rescaled


def _run_colors(ax: Axes, n: int) -> list[str]:
    """The line colours of ``n`` runs in the theme of ``ax``'s figure, as every other command uses them."""
    return colors(current_theme(), n)


def run_label(run: StackRun) -> str:
    """``tanh  σ_w²=1.5, σ_b²=0.05``: the legend entry of a run."""
    return f"{run.activation}  $\\sigma_w^2$={run.sigma_w2:.4g}, $\\sigma_b^2$={run.sigma_b2:.4g}"


def _power_of_ten(value: float, _position: int) -> str:
    return f"$10^{{{value:.0f}}}$" if float(value).is_integer() else ""


def legend_entries(ax: Axes) -> tuple[list, list[str]]:
    """The runs drawn on ``ax`` and one dashed "mean-field theory" entry after them."""
    handles, labels = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], color=mpl.rcParams["text.color"], linestyle="--"))
    labels.append("mean-field theory")
    return handles, labels


def gradient_axes(runs: Sequence[StackRun], profiles: Sequence[Profile], ax: Axes | None = None,
                  legend: bool = True) -> Axes:
    r"""Gradient norm :math:`\|g^l\|` against layer l on a log scale (drawn as
    :math:`\log_{10}` so 10 000 layers fit), measured solid, theory dashed; ``legend=False``
    leaves the legend to the caller (:func:`legend_entries`)."""
    ax = resolve_axes(ax)
    for run, predicted, color in zip(runs, profiles, _run_colors(ax, len(runs))):
        layers, marker = np.arange(run.top + 1), _single_point_marker(run)
        ax.plot(layers, run.log_grad_norm * _LOG10_E, color=color, linewidth=2.2, label=run_label(run), marker=marker)
        ax.plot(layers, predicted.log_grad_norm[: run.top + 1] * _LOG10_E, color=color, linestyle="--", linewidth=1.6)
        _mark_stop(ax, run, color)
    _decades(ax)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # layers are whole numbers
    ax.set_xlabel("layer $l$ (0 = input)")
    ax.set_ylabel(r"$\|\partial L / \partial h^l\|$  (top = 1)")
    ax.set_title("gradient norm through depth")
    if legend:
        ax.legend(*legend_entries(ax), loc="best", fontsize="small")
    return ax


def _single_point_marker(run: StackRun) -> str | None:
    """A dot for a run measured at layer 0 only (it overflowed at once): a line of one point is invisible."""
    return "o" if run.top == 0 else None


def _mark_stop(ax: Axes, run: StackRun, color: str) -> None:
    """A dotted line and a note where a run stopped before its depth (the signal over- or underflowed)."""
    if run.stopped_at is None:
        return
    ax.axvline(run.stopped_at, color=color, linestyle=":", linewidth=1.2)
    ax.annotate(f"{run.stop_reason} at layer {run.stopped_at}", xy=(run.stopped_at, 1.0), xycoords=("data", "axes fraction"),
                xytext=(-4, -4), textcoords="offset points", ha="right", va="top", fontsize="x-small", color=color)


def _decades(ax: Axes) -> None:
    """Label a log10-valued y axis as a log axis: powers of ten over several decades; within
    two decades, 1-2-5 steps labelled with their values."""
    low, high = ax.get_ylim()
    if high - low >= 2:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
        ax.yaxis.set_major_formatter(FuncFormatter(_power_of_ten))
        return
    nice = [math.log10(m * 10.0**e) for e in range(math.floor(low) - 1, math.ceil(high) + 2) for m in (1, 2, 5)]
    inside = [v for v in nice if low <= v <= high]
    if not inside:  # a narrow range (one point) between two nice values: widen it to them
        low, high = max(v for v in nice if v < low), min(v for v in nice if v > high)
        ax.set_ylim(low, high)
        inside = [low, high]
    ax.set_yticks(inside, [f"{10.0**v:.3g}" for v in inside])


def q_axes(runs: Sequence[StackRun], profiles: Sequence[Profile], ax: Axes | None = None) -> Axes:
    r"""The pre-activation second moment :math:`q^l` per layer on a log scale (drawn as
    :math:`\log_{10}`, like the gradients), measured solid, the length map dashed."""
    ax = resolve_axes(ax)
    for run, predicted, color in zip(runs, profiles, _run_colors(ax, len(runs))):
        layers, marker = np.arange(run.top + 1), _single_point_marker(run)
        ax.plot(layers, log10_positive(run.q), color=color, linewidth=2.2, label=run.activation, marker=marker)
        ax.plot(layers, log10_positive(predicted.q[: run.top + 1]), color=color, linestyle="--", linewidth=1.6)
        _mark_stop(ax, run, color)
    _decades(ax)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("layer $l$")
    ax.set_ylabel(r"$q^l = \langle (h^l)^2 \rangle$")
    ax.set_title("signal length through depth")
    return ax


def _relative(values: np.ndarray) -> tuple[float, np.ndarray]:
    r"""(m, x/m) with :math:`m = \max |x|` (x/m = x for m = 0): the root mean square is
    :math:`m \sqrt{\langle (x/m)^2 \rangle}`, computed so that 1e308 does not overflow."""
    largest = float(np.max(np.abs(values)))
    return largest, values / largest if largest > 0 else values


def _log10_rms(values: np.ndarray) -> float:
    r""":math:`\log_{10} \sqrt{\langle x^2 \rangle}` (-inf for zeros), finite up to 1.8e308."""
    largest, scaled = _relative(values)
    return math.log10(largest) + 0.5 * math.log10(float(np.mean(scaled * scaled))) if largest > 0 else -math.inf


def _unit_rms(values: np.ndarray) -> np.ndarray:
    """``values`` divided by their root mean square (zeros stay zeros)."""
    largest, scaled = _relative(values)
    return scaled / math.sqrt(float(np.mean(scaled * scaled))) if largest > 0 else values


def distribution_axes(run: StackRun, ax: Axes | None = None, color: str | None = None) -> Axes:
    r"""Violins of :math:`\phi(h^l)` at a few layers, with the share of saturated units.

    When the root mean square of the layers differs by more than a factor 100 (the signal
    collapses to 0 or blows up), each layer is divided by its own rms, so the shapes stay
    readable, and the title says so (q^l, drawn beside it by decay_figure, gives the scale)."""
    ax = resolve_axes(ax)
    # where the signal overflowed, phi(h) holds ±inf or nan: such values have no place on
    # the axis (and broke the rms), so a layer shows its finite values, if it has any
    finite = {layer: values[np.isfinite(values)] for layer, values in sorted(run.samples.items())}
    layers = [layer for layer, values in finite.items() if values.size]
    if not layers:
        ax.set_title(f"{run.activation}: no finite activation to draw", fontsize="small")
        return ax
    data = [finite[layer] for layer in layers]
    log_rms = np.array([_log10_rms(d) for d in data])
    alive = log_rms > -math.inf
    rescaled = alive.any() and log_rms[alive].max() - log_rms[alive].min() > math.log10(_COLLAPSE)
    if rescaled:
        data = [_unit_rms(d) for d in data]
    positions = np.arange(len(layers))
    # a violin needs a spread its kernel density estimate can resolve: relative to the
    # largest value on the panel, not a collapse to 1e-200 (its variance underflows)
    scale = max(float(np.max(np.abs(d))) for d in data)
    # the kernel density estimate squares the values (their covariance), which overflows
    # beyond 1e150 (apl:a=1e300 warned) and underflows to a singular matrix below 1e-150
    # (relun:max_value=1e-300): such a panel is drawn in units of 10^k, said on the axis (k >= -300,
    # so that 10^k is a normal number; subnormal values come out near 1e-24, still squarable)
    exponent = max(math.floor(math.log10(scale)), -300) if scale > _SQUARABLE or 0 < scale < 1 / _SQUARABLE else 0
    if exponent:
        data = [d / 10.0**exponent for d in data]
        scale /= 10.0**exponent
    spread = np.array([np.ptp(d) > 1e-6 * scale for d in data])
    color = color or _run_colors(ax, 1)[0]
    if spread.any():
        parts = ax.violinplot([d for d, wide in zip(data, spread) if wide], positions=positions[spread],
                              widths=0.8, showextrema=False, showmedians=True)
        for body in parts["bodies"]:
            body.set_facecolor(color)
            body.set_edgecolor(color)
            body.set_alpha(0.55)
        parts["cmedians"].set_color(mpl.rcParams["text.color"])
    for position, values, wide in zip(positions, data, spread):
        if not wide:  # (nearly) every value equal: a violin would be empty, show the value
            ax.plot([position], [np.median(values)], marker="_", markersize=18, markeredgewidth=2, color=color)
    ax.set_xticks(positions, [str(layer) for layer in layers], fontsize="small",
                  rotation=45 if len(str(layers[-1])) > 4 else 0)
    ax.tick_params(axis="y", labelsize="small")
    ax.set_xlabel("layer $l$")
    title = f"{run.activation}: {run.saturated_fraction[layers[-1]]:.0%} saturated at top"
    dropped = sum(run.samples[layer].size - finite[layer].size for layer in run.samples)
    if dropped:
        title += f"; {dropped} overflowed values not drawn"
    if rescaled:
        trend = "collapses" if log_rms[-1] < log_rms[0] else "blows up"
        title += f"\n{trend}; layers ÷ their rms"
        ax.set_ylabel(r"$\phi(h^l)\,/\,\mathrm{rms}_l$")
    else:
        ax.set_ylabel(r"$\phi(h^l)$" + (rf" $/\ 10^{{{exponent}}}$" if exponent else ""))
    ax.set_title(title, fontsize="small")
    return ax


def decay_figure(runs: Sequence[StackRun], profiles: Sequence[Profile], *, size: FigureSize,
                 theme: str | None = None, distributions: int = 3) -> Figure:
    """Gradient norms and q through depth side by side with one legend above them, and
    below them the distribution of activations of the first ``distributions`` runs."""
    shown = list(runs[:distributions])
    fig = new_figure(size, theme)
    with themed(size, theme):
        # the top row is a subfigure so its legend sits between the figure title and the panels
        top, bottom = fig.subfigures(2, 1, height_ratios=[1.35, 1]) if shown else (fig.subfigures(1, 1), None)
        gradients, lengths = top.subplots(1, 2)
        gradient_axes(runs, profiles, gradients, legend=False)
        q_axes(runs, profiles, lengths)
        top.legend(*legend_entries(gradients), loc="outside upper center", ncols=min(len(runs) + 1, 4),
                   fontsize="small")
        if shown:
            for run, color, ax in zip(shown, colors(current_theme(), len(runs)), np.atleast_1d(bottom.subplots(1, len(shown)))):
                distribution_axes(run, ax, color=color)
        precision = "" if runs[0].dtype == "float64" else f", {runs[0].dtype}"
        fig.suptitle(f"Deep stacks: depth {runs[0].depth}, width {runs[0].width}, batch {runs[0].batch}, "
                     f"seed {runs[0].seed}{precision}", fontweight="bold")
    return fig


_DEPTH_LEVELS = (1, 2, 5, 10, 20, 50, 100, 200, 500)


RIDGE_DEPTH = 100  # colours saturate here, next to the edge of chaos
CONTOUR_DEPTHS = (2, 5, 10, 20, 50)
LABELLED_DEPTH = 20  # deeper contours hug the critical line: their labels would sit on it


def phase_axes(diagram: PhaseDiagram, ax: Axes | None = None, mark: tuple[float, float] | None = None) -> Axes:
    r"""The phase diagram: colour = depth scale :math:`\xi_c` (log), its contours, the edge of
    chaos :math:`\chi_1 = 1` as a thick line, ordered and chaotic regions labelled; white
    where q diverges. ``mark`` puts a cross at one (sigma_w^2, sigma_b^2)."""
    ax = resolve_axes(ax)
    ink = mpl.rcParams["text.color"]
    xi = np.where(np.isfinite(diagram.xi_c), diagram.xi_c, np.nan)
    xi = np.where(np.isposinf(diagram.xi_c), RIDGE_DEPTH, xi)
    # Colours stop at RIDGE_DEPTH: beyond, xi_c runs to infinity within a grid cell of the
    # edge of chaos, and a grid sampling that (800 here, 90 there) paints a blotchy ridge.
    log_xi = np.log10(np.clip(xi, 0.3, RIDGE_DEPTH))
    mesh = ax.pcolormesh(diagram.sigma_w2, diagram.sigma_b2, log_xi, cmap="viridis", vmin=np.log10(0.3),
                         vmax=np.log10(RIDGE_DEPTH), shading="gouraud", rasterized=True)
    bar = ax.figure.colorbar(mesh, ax=ax)
    bar.set_label(r"depth scale $\xi_c$ (layers)")
    ticks = [t for t in _DEPTH_LEVELS if t <= RIDGE_DEPTH]
    bar.set_ticks(np.log10(ticks), labels=[str(t) for t in ticks[:-1]] + [f"≥ {ticks[-1]}"])
    if np.any(np.isfinite(log_xi)):
        lines = ax.contour(diagram.sigma_w2, diagram.sigma_b2, log_xi, levels=np.log10(CONTOUR_DEPTHS),
                           colors="white", linewidths=0.9, alpha=0.8)
        labelled = [level for level in lines.levels if 10 ** level <= LABELLED_DEPTH + 1e-9]
        ax.clabel(lines, levels=labelled, fmt=lambda v: f"{10 ** v:.0f}", fontsize="x-small")
    edge = np.isfinite(diagram.critical_sigma_w2)
    if edge.any():  # none where chi_1 jumps over 1 (gelu, silu: collapse or a stable q*, then divergence)
        # one point alone (softshrink: chi_1 reaches 1 only where q is about to diverge) as a dot, else unseen
        ax.plot(diagram.critical_sigma_w2[edge], diagram.critical_sigma_b2[edge], marker="o" if edge.sum() == 1 else "",
                color="black", linewidth=3, label=r"edge of chaos $\chi_1 = 1$",
                path_effects=[withStroke(linewidth=5, foreground="white")])  # seen on the yellow ridge in either theme
    diverging = np.isnan(diagram.xi_c)
    if diverging.any() and not diverging.all():
        ax.contour(diagram.sigma_w2, diagram.sigma_b2, diverging.astype(float), levels=[0.5], colors=ink,
                   linewidths=1.5, linestyles="--")
        ax.plot([], [], color=ink, linewidth=1.5, linestyle="--", label="q diverges beyond")
    if mark is not None:
        cross = palette(current_theme())[1]
        ax.plot(*mark, marker="x", markersize=12, markeredgewidth=3, color=cross, linestyle="none",
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


def phase_figure(diagram: PhaseDiagram, *, size: FigureSize | None = None, theme: str | None = None,
                 mark: tuple[float, float] | None = None) -> Figure:
    """One phase diagram on a figure, titled with the activation."""
    fig = new_figure(size, theme)
    with themed(size, theme):
        phase_axes(diagram, fig.subplots(), mark=mark)
        fig.suptitle(f"Phase diagram of {diagram.activation} (mean-field theory, inputs with q = 1)",
                     fontweight="bold")
    return fig

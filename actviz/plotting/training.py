"""Pictures of training runs: loss with a band over seeds, dead units and gradient norms
per layer over the steps, learned PReLU slopes, and sweeps of one setting.

A band spans the seeds' minimum to maximum; the line is their median. Colours name the
runs (Okabe–Ito), line styles the layers. Axes-level functions take ``ax=None`` and return
the axes; the figure builders compose them. Nothing here writes files.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..training.loop import TrainResult
from ..training.summary import median_over_seeds
from .curves import resolve_axes
from .figures import legend_below
from .style import FigureSize, colors, current_theme, new_figure, themed

LAYER_STYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (1, 3)))
MOST_LAYERS = len(LAYER_STYLES)  # deeper nets show this many layers, evenly spread, first and output included


def _colors(ax: Axes, n: int) -> list[str]:
    return colors(current_theme(), n)


def _median_band(ax: Axes, x: np.ndarray, rows: np.ndarray, color: str, label: str | None,
                 **line: object) -> None:
    """The median over seeds (rows) as a line and min..max as a translucent band, at the
    checkpoints where some seed has a finite value."""
    finite = np.isfinite(rows)
    keep = finite.any(axis=0)
    if not keep.any():
        return
    rows = np.where(finite, rows, np.nan)[:, keep]
    ax.fill_between(x[keep], np.nanmin(rows, axis=0), np.nanmax(rows, axis=0), color=color, alpha=0.18, linewidth=0)
    ax.plot(x[keep], median_over_seeds(rows), color=color, label=label, **line)


def shown_layers(depth: int) -> list[int]:
    """The weight layers (0-based, ``depth - 1`` = output) whose lines are drawn: all of them up
    to :data:`MOST_LAYERS`, else that many evenly spread, the first and the output included."""
    if depth <= MOST_LAYERS:
        return list(range(depth))
    return sorted({round(i * (depth - 1) / (MOST_LAYERS - 1)) for i in range(MOST_LAYERS)})


def _layer_style(rank: int) -> dict:
    return {"linestyle": LAYER_STYLES[rank]}


def loss_axes(results: Sequence[TrainResult], ax: Axes | None = None, labels: Sequence[str] | None = None,
              held_out: bool = False) -> Axes:
    """Training (or held-out) loss against step, log scale, median and band over seeds."""
    ax = resolve_axes(ax)
    labels = labels or [r.activation for r in results]
    for result, label, color in zip(results, labels, _colors(ax, len(results))):
        _median_band(ax, result.steps, result.test_loss if held_out else result.train_loss, color, label)
    ax.set_yscale("log")
    ax.set_xlabel("step")
    ax.set_ylabel("held-out loss" if held_out else "training loss")
    ax.set_title("loss (median, band: min–max over seeds)", fontsize="small")
    return ax


def layer_series_axes(results: Sequence[TrainResult], series: str, ax: Axes | None = None,
                      log: bool = False, title: str | None = None) -> Axes:
    """One per-layer series (``dead_fraction``, ``grad_norm``, ``slopes``...) against step:
    a colour per run, a line style per layer, the median over seeds."""
    ax = resolve_axes(ax)
    for result, color in zip(results, _colors(ax, len(results))):
        values = getattr(result, series)
        if values is None:
            continue
        for rank, layer in enumerate(shown_layers(len(result.widths) - 1)):
            if layer >= values.shape[2]:  # the output layer of a hidden-layer series
                continue
            median = median_over_seeds(values[:, :, layer])
            keep = np.isfinite(median) & (median > 0 if log else True)
            if keep.any():
                ax.plot(result.steps[keep], median[keep], color=color, **_layer_style(rank))
    if log:
        ax.set_yscale("log")
    ax.set_xlabel("step")
    ax.set_title(title or series.replace("_", " "), fontsize="small")
    return ax


def layer_legend(depth: int) -> tuple[list[Line2D], list[str]]:
    """Legend entries for the line styles of ``depth`` weight layers (the last one named
    "output"), in the text colour."""
    color = mpl.rcParams["text.color"]
    layers = shown_layers(depth)
    handles = [Line2D([], [], color=color, **_layer_style(rank)) for rank in range(len(layers))]
    return handles, [f"layer {layer + 1}" if layer < depth - 1 else "output" for layer in layers]


def train_figure(results: Sequence[TrainResult], *, size: FigureSize, theme: str = "light",
                 labels: Sequence[str] | None = None) -> Figure:
    """Loss, held-out accuracy (or loss, for regression), dead fraction per layer and gradient
    norm per layer over the steps, and the learned slopes when a run learns them."""
    labels = list(labels or [r.activation for r in results])
    slopes = any(r.slopes is not None for r in results)
    fig = new_figure(size, theme)
    with themed(size, theme):
        axes = fig.subplots(2, 3 if slopes else 2, squeeze=False)
        loss_axes(results, axes[0, 0], labels)
        first = results[0]
        if np.isfinite(first.test_accuracy).any():
            for result, label, color in zip(results, labels, colors(theme, len(results))):
                _median_band(axes[0, 1], result.steps, result.test_accuracy, color, label)
            axes[0, 1].set_title("held-out accuracy", fontsize="small")
            axes[0, 1].set_xlabel("step")
        else:
            loss_axes(results, axes[0, 1], labels, held_out=True)
        layer_series_axes(results, "dead_fraction", axes[1, 0], title="dead fraction (f' = 0 on all points)")
        layer_series_axes(results, "grad_norm", axes[1, 1], log=True, title="gradient norm ‖∂L/∂W‖")
        if slopes:
            layer_series_axes(results, "slopes", axes[0, 2], title="learned PReLU slope a")
            layer_series_axes(results, "inactive_fraction", axes[1, 2], title="inactive (z ≤ 0 on all points)")
        handles, names = axes[0, 0].get_legend_handles_labels()
        layer_handles, layer_names = layer_legend(len(first.widths) - 1)
        legend_below(fig, handles + layer_handles, names + layer_names)
        fig.suptitle(f"{first.task}: {_shared(results)}, batch {first.batch}, {len(first.seeds)} seeds",
                     fontweight="bold")
    return fig


def sweep_figure(grid: Sequence[Sequence[TrainResult]], parameter: str, values: Sequence, *,
                 size: FigureSize, theme: str = "light") -> Figure:
    """``grid[activation][value]``: the final dead fraction and final training loss against the
    swept ``parameter``, per activation, median and band over seeds (a log axis for lr)."""
    fig = new_figure(size, theme)
    numeric = all(isinstance(v, (int, float)) for v in values)
    x = np.array(values, dtype=np.float64) if numeric else np.arange(len(values), dtype=np.float64)
    with themed(size, theme):
        dead_ax, loss_ax = fig.subplots(1, 2)
        for runs, color in zip(grid, colors(theme, len(grid))):
            dead = np.stack([_final(r.dead_share()) for r in runs], axis=1)
            loss = np.stack([_final(r.train_loss) for r in runs], axis=1)
            _median_band(dead_ax, x, dead, color, runs[0].activation, marker="o")
            _median_band(loss_ax, x, loss, color, runs[0].activation, marker="o")
        for ax in (dead_ax, loss_ax):
            ax.set_xlabel("learning rate" if parameter == "lr" else parameter)
            if parameter == "lr":
                ax.set_xscale("log")
            if not numeric:
                ax.set_xticks(x, [str(v) for v in values])
        dead_ax.set_title("final dead fraction of hidden units", fontsize="small")
        loss_ax.set_yscale("log")
        loss_ax.set_title("final training loss", fontsize="small")
        handles, names = dead_ax.get_legend_handles_labels()
        legend_below(fig, handles, names)
        first = grid[0][0]
        fig.suptitle(f"{first.task}: sweep of {parameter} ({_shared([r for runs in grid for r in runs])}, "
                     f"{len(first.seeds)} seeds, band min–max)", fontweight="bold")
    return fig


def _shared(results: Sequence[TrainResult]) -> str:
    """What the runs have in common, as a phrase for a title: ``4×64, he init, adam, lr 0.001``
    (hidden layers × width; a setting that differs between the runs is left out: the legend
    or the axis names it)."""
    def common(describe) -> str | None:  # noqa: ANN001
        values = {describe(r) for r in results}
        return values.pop() if len(values) == 1 else None

    parts = [common(lambda r: f"{len(r.widths) - 2}×{max(r.widths[1:-1])}"), common(lambda r: f"{r.init} init"),
             common(lambda r: r.optimizer), common(lambda r: f"lr {r.lr:g}")]
    return ", ".join(p for p in parts if p) or "settings in the legend"


def _final(rows: np.ndarray) -> np.ndarray:
    """Each seed's value at the last checkpoint (nan for a seed that diverged)."""
    return rows[:, -1]

"""Character plots (plotext) from plain data: panels of traces, rendered side by side.

The panels are built from the library's numbers by :mod:`.curves` and
:mod:`.vector`; :func:`render` returns the text and prints nothing. This package
imports plotext, and never matplotlib.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..themes import palette

TERMINAL_POINTS = 401  # several samples per character cell of a wide terminal


def line_colors(theme: str, n: int) -> list[str]:
    """``n`` line colours: the theme's palette, repeated beyond its eight colours (the
    character cells hold no dash pattern, and a colour map would need matplotlib)."""
    base = palette(theme)
    return [base[i % len(base)] for i in range(n)]


@dataclass(frozen=True)
class Trace:
    """One thing to draw: a line, dots (``marker``) or a horizontal line (``hline``)."""

    x: np.ndarray
    y: np.ndarray
    color: str
    label: str | None = None
    marker: str | None = None
    hline: bool = False


@dataclass
class Panel:
    """One subplot: a title and its traces."""

    title: str
    traces: list[Trace] = field(default_factory=list)


def _rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return tuple(int(color[i:i + 2], 16) for i in (0, 2, 4))


_NICE_STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)
HLINE_DOTS = 48  # a horizontal line (an asymptote) is this many dots across its panel


def nice_ticks(lo: float, hi: float, most: int = 6) -> np.ndarray:
    """At most ``most`` round tick positions in ``[lo, hi]``: the multiples of the
    smallest step 1, 2, 2.5 or 5 times a power of ten that gives no more than
    ``most`` of them (-4, -2, 0, 2, 4 rather than -3.3, -1.7, 0.0, ...)."""
    if not (np.isfinite(lo) and np.isfinite(hi)) or hi <= lo:
        return np.array([lo]) if np.isfinite(lo) else np.empty(0)
    magnitude = 10.0 ** np.floor(np.log10((hi - lo) / most))
    for factor in _NICE_STEPS:
        step = factor * magnitude
        ticks = np.arange(np.ceil(lo / step), np.floor(hi / step) + 1) * step
        if len(ticks) <= most:
            break
    return np.where(np.abs(ticks) < step * 1e-9, 0.0, ticks)  # an exact 0, never -0.0 or 1e-17


def tick_labels(ticks: np.ndarray) -> list[str]:
    """Tick labels with just the decimals the step needs (``0.5``, ``1e+03``)."""
    return [f"{t:.6g}" for t in ticks]


def _bounds(panel: Panel) -> tuple[float, float, float, float]:
    """The finite data extent of a panel's traces: x from, x to, y from, y to."""
    xs = [t.x[np.isfinite(t.x)] for t in panel.traces]
    ys = [t.y[np.isfinite(t.y)] for t in panel.traces]
    x, y = np.concatenate(xs or [np.empty(0)]), np.concatenate(ys or [np.empty(0)])
    if not x.size or not y.size:
        return 0.0, 1.0, 0.0, 1.0
    return float(x.min()), float(x.max()), float(y.min()), float(y.max())


def render(panels: Sequence[Panel], *, width: int | None = None, height: int | None = None, colorless: bool = False) -> str:
    """The panels side by side as terminal text (``width`` x ``height``
    characters; default: the terminal's size), in the terminal's own foreground
    and background (no canvas colour: right on dark and light terminals alike),
    with round ticks (:func:`nice_ticks`)."""
    import plotext

    figure = plotext.figure
    figure.clear()
    figure.theme("simple")  # plotext's theme without canvas, axes or label colours
    figure.subplots(1, len(panels))
    if width or height:
        figure.plot_size(width, height)
    for column, panel in enumerate(panels, start=1):
        plot = figure.subplot(1, column) if len(panels) > 1 else figure  # plotext's 1 x 1 grid is the figure itself
        plot.theme("simple")  # each subplot has its own theme: plotext's default paints a white canvas
        x0, x1, y0, y1 = _bounds(panel)
        for trace in panel.traces:
            pixel = plotext.pixel(_rgb(trace.color))
            if trace.hline:  # dots, not plotext's line(), which paints a white background under itself
                dots = plot.signal(np.linspace(x0, x1, HLINE_DOTS).tolist(), [float(trace.y[0])] * HLINE_DOTS,
                                   marker=plotext.marker("·", pixel))
                dots.lines(False)
                plot.draw(dots)
                continue
            finite = np.isfinite(trace.y)
            signal = plot.signal(trace.x[finite].tolist(), trace.y[finite].tolist(),
                                 marker=plotext.marker(trace.marker or "hd", pixel))
            if trace.marker:
                signal.lines(False)
            if trace.label:
                signal.label(trace.label)
            plot.draw(signal)
        for axis, (low, high) in enumerate(((x0, x1), (y0, y1))):
            ticks = nice_ticks(low, high)
            plot.ruler(axis).ticks(ticks.tolist(), tick_labels(ticks))
        plot.title(panel.title)
    text = str(figure.build())
    return plotext.uncolorize(text) if colorless else text

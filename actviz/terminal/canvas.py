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


def render(panels: Sequence[Panel], *, width: int | None = None, height: int | None = None, colorless: bool = False) -> str:
    """The panels side by side as terminal text (``width`` x ``height``
    characters; default: the terminal's size)."""
    import plotext

    figure = plotext.figure
    figure.clear()
    figure.theme("simple")
    figure.subplots(1, len(panels))
    if width or height:
        figure.plot_size(width, height)
    for column, panel in enumerate(panels, start=1):
        plot = figure.subplot(1, column) if len(panels) > 1 else figure  # plotext's 1 x 1 grid is the figure itself
        for trace in panel.traces:
            pixel = plotext.pixel(_rgb(trace.color))
            if trace.hline:
                plot.line(float(trace.y[0]), orientation=0, pixel=pixel, style="dashed")
                continue
            finite = np.isfinite(trace.y)
            signal = plot.signal(trace.x[finite].tolist(), trace.y[finite].tolist(),
                                 marker=plotext.marker(trace.marker or "hd", pixel))
            if trace.marker:
                signal.lines(False)
            if trace.label:
                signal.label(trace.label)
            plot.draw(signal)
        plot.title(panel.title)
    text = str(figure.build())
    return plotext.uncolorize(text) if colorless else text

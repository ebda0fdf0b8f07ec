"""Plots drawn with characters (plotext), for people working over SSH.

The same honest samples as the pictures (:mod:`actviz.plotting.sampling`): a
jump is separate segments with ``●`` at the value taken and ``○`` at the
limits not taken; asymptotes are dashed lines. :func:`render` returns the
text; it prints nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .figures import require_pointwise
from .sampling import check_interval, sample_curve
from .style import colors

TERMINAL_POINTS = 401  # several samples per character cell of a wide terminal
_TITLES = ("f(x)", "f'(x)", "f''(x)")


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


def curve_panels(acts: Sequence, orders: Sequence[int], lo: float, hi: float, theme: str = "dark") -> list[Panel]:
    """One panel per derivative order (0: f, 1: f', 2: f''), every activation in each."""
    require_pointwise(acts)
    lo, hi = check_interval(lo, hi)
    panels = [Panel(_TITLES[order]) for order in orders]
    for act, color in zip(acts, colors(theme, len(acts))):
        for panel, order in zip(panels, orders):
            curve = sample_curve(act, order, lo, hi, TERMINAL_POINTS)
            for i, (x, y) in enumerate(curve.segments):
                panel.traces.append(Trace(x, y, color, label=act.label if i == 0 else None))
            for jump in curve.jumps:
                opens = jump.open_values()
                if opens:
                    panel.traces.append(Trace(np.full(len(opens), jump.x), np.array(opens), color, marker="○"))
                panel.traces.append(Trace(np.array([jump.x]), np.array([jump.value]), color, marker="●"))
            for asymptote in curve.asymptotes:
                panel.traces.append(Trace(np.array([lo, hi]), np.full(2, asymptote.value), color, hline=True))
    return panels


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


def saturation_panels(acts: Sequence, lo: float, hi: float, threshold: float, theme: str = "dark") -> list[Panel]:
    """log10 |f'| over ``[lo, hi]`` (zeros left out) with the threshold dashed,
    and the saturated share of z ~ N(0, σ²) against log10 σ."""
    from .saturation import SIGMA_RANGE, gaussian_fraction, saturation_sets

    require_pointwise(acts)
    lo, hi = check_interval(lo, hi)
    log_derivative, shares = Panel("log10 |f'(x)|"), Panel("saturated share vs log10 sigma")
    sigmas = np.geomspace(*SIGMA_RANGE, 81)
    for act, color in zip(acts, colors(theme, len(acts))):
        for i, (x, y) in enumerate(sample_curve(act, 1, lo, hi, TERMINAL_POINTS).segments):
            magnitude = np.abs(y)
            keep = magnitude > 0
            log_derivative.traces.append(Trace(x[keep], np.log10(magnitude[keep]), color, act.label if i == 0 else None))
        share = gaussian_fraction(saturation_sets(act, threshold).saturated, sigmas)
        shares.traces.append(Trace(np.log10(sigmas), share, color, act.label))
    log_derivative.traces.append(Trace(np.array([lo, hi]), np.full(2, np.log10(threshold)), "#9aa0a6", hline=True))
    return [log_derivative, shares]


def _thinned(n: int, most: int = TERMINAL_POINTS) -> np.ndarray:
    """At most ``most`` evenly spread indices of ``range(n)``, first and last included."""
    return np.unique(np.linspace(0, n - 1, min(n, most)).round().astype(int))


def decay_panels(runs: Sequence, profiles: Sequence, theme: str = "dark") -> list[Panel]:
    r"""Deep stacks in characters: :math:`\log_{10}\|\partial L/\partial h^l\|` and
    :math:`\log_{10} q^l` against layer l, measured as lines, the mean-field theory as dots
    (nan where q underflowed to 0 or overflowed)."""
    from .propagation import log10_positive

    gradients, lengths = Panel("log10 gradient norm (top = 1)"), Panel("log10 q (theory: dots)")
    for run, predicted, color in zip(runs, profiles, colors(theme, len(runs))):
        keep = _thinned(run.top + 1)
        layers = keep.astype(float)
        for panel, measured, theory in (
                (gradients, run.log_grad_norm * np.log10(np.e), predicted.log_grad_norm * np.log10(np.e)),
                (lengths, log10_positive(run.q), log10_positive(predicted.q))):
            panel.traces.insert(0, Trace(layers, theory[keep], color, marker="·"))  # under every measured line
            panel.traces.append(Trace(layers, measured[keep], color, label=run.activation))
    return [gradients, lengths]


"""Curves drawn with characters, for people working over SSH.

The same honest samples as the pictures (:mod:`actviz.analysis.sampling`): a
jump is separate segments with ``●`` at the value taken and ``○`` at the
limits not taken; asymptotes are dashed lines. Saturation panels draw the sets
computed by :mod:`actviz.analysis.saturation`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..analysis.pointwise import PICTURES_NEED_POINTWISE, require_pointwise
from ..analysis.sampling import check_interval, sample_curve
from ..analysis.saturation import SIGMA_RANGE, SaturationSets
from .canvas import TERMINAL_POINTS, Panel, Trace, line_colors

_TITLES = ("f(x)", "f'(x)", "f''(x)")


def curve_panels(acts: Sequence, orders: Sequence[int], lo: float, hi: float, theme: str = "dark") -> list[Panel]:
    """One panel per derivative order (0: f, 1: f', 2: f''), every activation in each."""
    require_pointwise(acts, PICTURES_NEED_POINTWISE)
    lo, hi = check_interval(lo, hi)
    panels = [Panel(_TITLES[order]) for order in orders]
    for act, color in zip(acts, line_colors(theme, len(acts))):
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


def saturation_panels(acts: Sequence, sets: Sequence[SaturationSets], lo: float, hi: float,
                      theme: str = "dark") -> list[Panel]:
    """log10 |f'| over ``[lo, hi]`` (zeros left out) with the threshold of ``sets``
    dashed, and the saturated share of z ~ N(0, σ²) against log10 σ (``sets``: the
    activations' :class:`SaturationSets`, computed once by the caller)."""
    require_pointwise(acts, PICTURES_NEED_POINTWISE)
    lo, hi = check_interval(lo, hi)
    log_derivative, shares = Panel("log10 |f'(x)|"), Panel("saturated share vs log10 sigma")
    sigmas = np.geomspace(*SIGMA_RANGE, 81)
    for act, act_sets, color in zip(acts, sets, line_colors(theme, len(acts))):
        for i, (x, y) in enumerate(sample_curve(act, 1, lo, hi, TERMINAL_POINTS).segments):
            magnitude = np.abs(y)
            keep = magnitude > 0
            log_derivative.traces.append(Trace(x[keep], np.log10(magnitude[keep]), color, act.label if i == 0 else None))
        saturated, _ = act_sets.shares(sigmas)
        shares.traces.append(Trace(np.log10(sigmas), saturated, color, act.label))
    if sets:
        threshold = np.full(2, np.log10(sets[0].threshold))
        log_derivative.traces.append(Trace(np.array([lo, hi]), threshold, "#9aa0a6", hline=True))
    return [log_derivative, shares]

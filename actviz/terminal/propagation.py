"""Deep stacks drawn with characters (``actviz decay --terminal``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..formats.records import log10_positive
from .canvas import TERMINAL_POINTS, Panel, Trace, line_colors


def _thinned(n: int, most: int = TERMINAL_POINTS) -> np.ndarray:
    """At most ``most`` evenly spread indices of ``range(n)``, first and last included."""
    return np.unique(np.linspace(0, n - 1, min(n, most)).round().astype(int))


def decay_panels(runs: Sequence, profiles: Sequence, theme: str = "dark") -> list[Panel]:
    r"""Deep stacks in characters: :math:`\log_{10}\|\partial L/\partial h^l\|` and
    :math:`\log_{10} q^l` against layer l, measured as lines, the mean-field theory as dots
    (nan where q underflowed to 0 or overflowed)."""
    gradients, lengths = Panel("log10 gradient norm (top = 1)"), Panel("log10 q (theory: dots)")
    for run, predicted, color in zip(runs, profiles, line_colors(theme, len(runs))):
        keep = _thinned(run.top + 1)
        layers = keep.astype(float)
        for panel, measured, theory in (
                (gradients, run.log_grad_norm * np.log10(np.e), predicted.log_grad_norm * np.log10(np.e)),
                (lengths, log10_positive(run.q), log10_positive(predicted.q))):
            panel.traces.insert(0, Trace(layers, theory[keep], color, marker="·"))  # under every measured line
            panel.traces.append(Trace(layers, measured[keep], color, label=run.activation))
    return [gradients, lengths]


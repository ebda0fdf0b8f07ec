"""The non-pointwise activations drawn with characters (``--terminal``).

Only the curves have a character rendering; heat maps (the softmax Jacobian,
a GLU's f(a, b)) and bars have none, and their numbers are in the tables the
commands print. So: softmax shows its temperature sweep and the two-logit
case, a GLU its diagonal slice with the gate, maxout its pieces and envelope,
PReLU/RReLU the edges of the band and the evaluation-mode curve. The same
samples as the pictures, from :mod:`actviz.analysis.vector`.
"""

from __future__ import annotations

import numpy as np

from ..analysis.vector import band_edges, check_extent, maxout_range, temperature_probabilities, two_logits
from ..themes import accent, ink, palette
from .canvas import TERMINAL_POINTS, Panel, Trace, line_colors


def softmax_panels(softmax, logits: object, theme: str = "dark") -> list[Panel]:  # noqa: ANN001  (a Softmax)
    r"""Each :math:`p_i` against :math:`\log_{10} T` over T in [0.1, 10] (widened to
    include the softmax's T), and :math:`\mathrm{softmax}([x, 0])_1` with
    :math:`\sigma(x/T)` dashed over it."""
    z = np.asarray(logits, dtype=float)
    temperatures, probabilities = temperature_probabilities(softmax, z)
    sweep = Panel("p_i against log10 T")
    for i, color in enumerate(line_colors(theme, z.size)):
        sweep.traces.append(Trace(np.log10(temperatures), probabilities[:, i], color, f"z{i + 1} = {z[i]:g}"))
    x, first, sigmoid = two_logits(softmax, count=TERMINAL_POINTS)
    pair = Panel("two logits: p_1 against z_1 - z_2")
    plain = softmax.name == "softmax"
    pair.traces.append(Trace(x, first, palette(theme)[0], f"{softmax.name}([z1, z2])_1"))
    pair.traces.append(Trace(x, sigmoid, ink(theme), "sigmoid((z1 - z2)/T)" if plain else "closed form"))
    return [sweep, pair]


def glu_panels(glu, extent: float = 3.0, theme: str = "dark") -> list[Panel]:  # noqa: ANN001  (a GatedLinearUnit)
    r"""The diagonal :math:`f(x, x) = x\,g(x)` and the gate :math:`g(x)` over [-extent, extent]."""
    extent = check_extent(extent)
    x = np.linspace(-extent, extent, TERMINAL_POINTS)
    panel = Panel(f"{glu.name} on the diagonal a = b = x")
    panel.traces.append(Trace(x, glu.gate_activation()(x), accent(theme, "shade"), "gate g(x)"))
    panel.traces.append(Trace(x, glu.curve()(x), palette(theme)[0], f"{glu.name}(x, x)"))
    return [panel]


def maxout_panels(maxout, theme: str = "dark") -> list[Panel]:  # noqa: ANN001  (a Maxout)
    r"""The pieces :math:`w_j x + b_j` in grey, the envelope :math:`\max_j` and its breakpoints."""
    x = np.linspace(*maxout_range(maxout), TERMINAL_POINTS)
    pieces = maxout.pieces_at(x)
    panel = Panel(maxout.label)
    for j in range(pieces.shape[-1]):
        panel.traces.append(Trace(x, pieces[:, j], accent(theme, "shade"), "pieces" if j == 0 else None))
    curve = maxout.curve()
    panel.traces.append(Trace(x, curve(x), palette(theme)[0], "max_j (w_j x + b_j)"))
    kinks = np.array([k.x for k in curve.kinks])
    if kinks.size:
        panel.traces.append(Trace(kinks, curve(kinks), palette(theme)[1], marker="●"))
    return [panel]


def band_panels(band, low: float = -4.0, high: float = 2.0, theme: str = "dark") -> list[Panel]:  # noqa: ANN001  (a SlopeBand)
    """The lower and upper edge of the slope band over [low, high] and the evaluation-mode curve."""
    x = np.linspace(low, high, TERMINAL_POINTS)
    lower, upper = band_edges(band, x)
    panel = Panel(f"{band.activation.name}: slope in [{band.low:.4g}, {band.high:.4g}]")
    panel.traces.append(Trace(x, lower, palette(theme)[0], "band edges"))
    panel.traces.append(Trace(x, upper, palette(theme)[0]))
    panel.traces.append(Trace(x, band.activation(x), ink(theme),
                              f"evaluation (slope {band.evaluation_slope:.3g})"))
    return [panel]

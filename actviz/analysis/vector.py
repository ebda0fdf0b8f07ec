"""The numbers behind the pictures of the activations that are not pointwise:
softmax over a temperature sweep and in the two-logit case, the x range that
shows maxout's breakpoints, the edges of PReLU/RReLU slope bands, and the check
of a GLU heat map's extent. NumPy only; drawn by :mod:`actviz.plotting.nonpointwise`
and :mod:`actviz.terminal.vector`.
"""

from __future__ import annotations

import numpy as np

from ..catalog.vector import Maxout, SlopeBand, Softmax
from ..errors import ActvizError


def temperature_probabilities(softmax: Softmax, logits: object, low: float = 0.1, high: float = 10.0,
                              count: int = 241) -> tuple[np.ndarray, np.ndarray]:
    r"""Temperatures T geometrically spaced over [low, high], widened to include
    ``softmax``'s own T, and :math:`\mathrm{softmax}(z/T)` at each (one row per T)."""
    z = np.asarray(logits, dtype=float)
    chosen = softmax.params["temperature"]
    temperatures = np.geomspace(min(low, chosen), max(high, chosen), count)
    return temperatures, np.array([softmax.with_params(temperature=t).probabilities(z) for t in temperatures])


def two_logits(softmax: Softmax, half_width: float = 8.0, count: int = 401) -> tuple[np.ndarray, ...]:
    r"""Differences x over :math:`[-wT, wT]` (w = ``half_width``), :math:`\mathrm{softmax}([x, 0])_1`
    and its closed form :math:`\sigma(x/T)` (for softmax's relatives: their own first output and
    their two-logit curve), which are equal."""
    temperature = softmax.params["temperature"]
    x = np.linspace(-half_width * temperature, half_width * temperature, count)
    first = softmax(np.stack([x, np.zeros_like(x)], axis=-1))[:, 0]
    return x, first, softmax.curve()(x)


def check_extent(extent: float) -> float:
    """``extent`` if it is a positive finite number, else :class:`ActvizError`."""
    if not (np.isfinite(extent) and extent > 0):
        raise ActvizError(f"invalid extent {extent!r}: expected a positive number")
    return float(extent)


def maxout_range(maxout: Maxout) -> tuple[float, float]:
    """An x range that shows every breakpoint with room on both sides (at least [-3, 3])."""
    breaks = maxout.curve().kinks
    points = [k.x for k in breaks] + [-2.0, 2.0]
    return min(points) - 1.0, max(points) + 1.0


def band_edges(band: SlopeBand, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    r"""The lower and upper edge of the band at ``x``: the pointwise min and max of
    the members with the lowest and the highest slope (every member lies between)."""
    lowest, highest = band.member(band.low)(x), band.member(band.high)(x)
    return np.minimum(lowest, highest), np.maximum(lowest, highest)

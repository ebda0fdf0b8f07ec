"""The Jacobian spectrum and the correlation map drawn with characters (``actviz spectrum
--terminal``, ``actviz cmap --terminal``): the numbers of :mod:`actviz.plotting.spectrum`,
log10 where the pictures use log axes."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..formats.records import log10_positive
from .canvas import Panel, Trace, line_colors


def _column(rows: list[dict], key: str) -> np.ndarray:
    return np.array([np.nan if row[key] is None else row[key] for row in rows], dtype=float)


def spectrum_panels(records: Sequence[dict], theme: str = "dark") -> list[Panel]:
    r"""log10 of the median and the quantile band of :math:`\lambda` (band edges as dots, the
    free-probability mean as crosses), and log10 of :math:`\mathrm{Var}\,\lambda`, measured as
    lines, predicted as crosses, against depth."""
    spectrum, spread = Panel("log10 lambda (x: theory mean)"), Panel("log10 Var lambda (theory: x)")
    for record, color in zip(records, line_colors(theme, len(records))):
        rows = record["depths"]
        depth = np.array([row["depth"] for row in rows], dtype=float)
        for key in ("quantile_low", "quantile_high"):
            spectrum.traces.append(Trace(depth, log10_positive(_column(rows, key)), color, marker="·"))
        spectrum.traces.append(Trace(depth, log10_positive(_column(rows, "predicted_mean")), color, marker="x"))
        spectrum.traces.append(Trace(depth, log10_positive(_column(rows, "median")), color, label=record["activation"]))
        spread.traces.append(Trace(depth, log10_positive(_column(rows, "predicted_variance")), color, marker="x"))
        spread.traces.append(Trace(depth, log10_positive(_column(rows, "variance")), color, label=record["activation"]))
    return [spectrum, spread]


def cmap_panels(maps: Sequence, theme: str = "dark") -> list[Panel]:
    """C(c) of each map over [-1, 1], the identity as dots."""
    panel = Panel("correlation map C(c); identity dotted")
    panel.traces.append(Trace(np.linspace(-1, 1, 41), np.linspace(-1, 1, 41), "#9aa0a6", marker="·"))
    for cmap, color in zip(maps, line_colors(theme, len(maps))):
        panel.traces.append(Trace(cmap.c, cmap.value, color, label=f"{cmap.activation} c*={cmap.c_star:.3g}"))
    return [panel]
